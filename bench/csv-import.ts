/**
 * CSV import + analysis of 200,000 feedback rows, against bare papaparse (`header: true`) on the
 * same text, in one run. Goal: at most 1.5× the bare parse.
 */
import Papa from "papaparse";
import { analyseJourney } from "../shared/analysis";
import { importFeedbackCsv } from "../shared/csv";
import { emptyJourney, withImportedFeedback } from "../shared/journey-from-feedback";
import type { Benchmark } from "./benchmark";

const ROWS = 200_000;
const GOAL = 1.5;
const STAGES = ["Awareness", "Consideration", "Checkout", "Delivery", "Retention", "Advocacy"];
const TOUCHPOINTS = ["Web", "App", "Email", "Support chat"];
const COMMENTS = [
  "Promo code rejected at checkout, again",
  "Delivery window was missed; nobody called",
  'Great "trail" boots, fast shipping',
  "Size guide is confusing",
  "",
  "Returns label would not print",
];

/** A deterministic survey export: id, date, stage, touchpoint, segment, rating, comment, source. */
export function generateFeedbackCsv(rows: number): string {
  const lines = ["Response ID,Submitted At,Stage,Touchpoint,Customer segment,Rating,Comment,Source"];
  let seed = 7;
  const next = () => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed;
  };
  for (let i = 0; i < rows; i++) {
    const comment = COMMENTS[next() % COMMENTS.length] ?? "";
    const quoted = /[",]/.test(comment) ? `"${comment.replace(/"/g, '""')}"` : comment;
    const day = String((next() % 28) + 1).padStart(2, "0");
    lines.push(
      `R-${i},2026-06-${day} 10:${String(next() % 60).padStart(2, "0")},${STAGES[next() % STAGES.length]},${TOUCHPOINTS[next() % TOUCHPOINTS.length]},Segment ${next() % 3},${(next() % 5) + 1},${quoted},Survey`,
    );
  }
  return `${lines.join("\r\n")}\r\n`;
}

/** A full collection before each timed run (node --expose-gc), so neither side pays for the other's garbage. */
function collectGarbage(): void {
  (globalThis as { gc?: () => void }).gc?.();
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

export const csvImportBenchmark: Benchmark = {
  title: `CSV import and analysis, ${ROWS.toLocaleString("en")} rows`,
  async run(log) {
    const text = generateFeedbackCsv(ROWS);
    log(`generated ${(text.length / 1e6).toFixed(1)} MB of CSV`);
    const bare: number[] = [];
    const ours: number[] = [];
    // Interleaved rounds, so both sides see the same machine state; the median of five (bare
    // papaparse alone varies by a third from one round to the next on a busy machine).
    for (let round = 0; round < 5; round++) {
      collectGarbage();
      let started = performance.now();
      const parsed = Papa.parse<Record<string, string>>(text, { header: true, skipEmptyLines: false });
      bare.push(performance.now() - started);
      if (parsed.data.length < ROWS) throw new Error("bare papaparse read too few rows");

      collectGarbage();
      started = performance.now();
      const base = emptyJourney("Benchmark");
      const result = await importFeedbackCsv(text, { map: base }, { yieldToHost: () => Promise.resolve() });
      const analysis = analyseJourney(withImportedFeedback(base, result));
      ours.push(performance.now() - started);
      if (result.imported !== ROWS || analysis.overall.responses !== ROWS) throw new Error("the import lost rows");
      log(`round ${round + 1}: papaparse ${bare[round]?.toFixed(0)} ms, import + analysis ${ours[round]?.toFixed(0)} ms`);
    }
    const ratio = median(ours) / median(bare);
    return [
      {
        name: "CSV import + analysis vs bare papaparse (200k rows)",
        figure: `${ratio.toFixed(2)}× (${median(ours).toFixed(0)} ms vs ${median(bare).toFixed(0)} ms)`,
        goal: `≤ ${GOAL}×`,
        met: ratio <= GOAL,
      },
    ];
  },
};
