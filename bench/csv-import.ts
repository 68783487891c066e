/**
 * CSV import + analysis of 200,000 feedback rows, against bare papaparse (`header: true`) on the
 * same text, in one run. Goal: at most 1.5× the bare parse. And a wide survey export (20,000
 * respondents × 20 questions, 400,000 answers) imported and analysed against bare papaparse of the
 * same file. Goal: at most 2×.
 */
import Papa from "papaparse";
import { analyseJourney, type JourneyAnalysis } from "../shared/analysis";
import { type CsvImportResult, importFeedbackCsv } from "../shared/csv";
import { emptyJourney, withImportedFeedback } from "../shared/journey-from-feedback";
import type { Benchmark } from "./benchmark";

const ROWS = 200_000;
const GOAL = 1.5;
const RESPONDENTS = 20_000;
const QUESTIONS = 20;
const WIDE_GOAL = 2;
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

/**
 * A deterministic wide survey export: respondent id, submit date, 20 rating questions (most on 1–5
 * with some "N/A", two on 0–10), a segment and a comment; every respondent answers most questions.
 */
export function generateWideSurveyCsv(respondents: number): string {
  const questions = Array.from({ length: QUESTIONS }, (_, q) =>
    q < 2 ? `How likely are you to recommend us (${q + 1})?` : `How satisfied were you with step ${q - 1}?`,
  );
  const lines = [["Respondent ID", "Submitted At", ...questions, "Customer segment", "Comment"].map((h) => `"${h}"`).join(",")];
  let seed = 11;
  const next = () => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed;
  };
  for (let i = 0; i < respondents; i++) {
    const cells = [`R-${i}`, `2026-06-${String((next() % 28) + 1).padStart(2, "0")} 10:${String(next() % 60).padStart(2, "0")}`];
    for (let q = 0; q < QUESTIONS; q++) {
      const roll = next() % 20;
      cells.push(roll === 0 ? "N/A" : roll === 1 ? "" : String(q < 2 ? next() % 11 : (next() % 5) + 1));
    }
    const comment = COMMENTS[next() % COMMENTS.length] ?? "";
    cells.push(`Segment ${next() % 3}`, /[",]/.test(comment) ? `"${comment.replace(/"/g, '""')}"` : comment);
    lines.push(cells.join(","));
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

/**
 * Each side is timed in a function of its own, so that what it made is garbage when the other side
 * runs: kept in the loop's variables, one side's result (tens of megabytes) stayed reachable through
 * the collection before the other side's round and made that side's collector work the harder.
 */
function timeBareParse(text: string, rows: number): number {
  collectGarbage();
  const started = performance.now();
  const parsed = Papa.parse<Record<string, string>>(text, { header: true, skipEmptyLines: false });
  const ms = performance.now() - started;
  if (parsed.data.length < rows) throw new Error("bare papaparse read too few rows");
  return ms;
}

async function timeImport(text: string, check: (result: CsvImportResult, analysis: JourneyAnalysis) => void): Promise<number> {
  collectGarbage();
  const started = performance.now();
  const base = emptyJourney("Benchmark");
  const result = await importFeedbackCsv(text, { map: base }, { yieldToHost: () => Promise.resolve() });
  const analysis = analyseJourney(withImportedFeedback(base, result));
  const ms = performance.now() - started;
  check(result, analysis);
  return ms;
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
      bare.push(timeBareParse(text, ROWS));
      ours.push(
        await timeImport(text, (result, analysis) => {
          if (result.imported !== ROWS || analysis.overall.responses !== ROWS) throw new Error("the import lost rows");
        }),
      );
      log(`round ${round + 1}: papaparse ${bare[round]?.toFixed(0)} ms, import + analysis ${ours[round]?.toFixed(0)} ms`);
    }
    const ratio = median(ours) / median(bare);

    const wide = generateWideSurveyCsv(RESPONDENTS);
    log(`generated a wide survey of ${(wide.length / 1e6).toFixed(1)} MB (${RESPONDENTS.toLocaleString("en")} × ${QUESTIONS} questions)`);
    const wideBare: number[] = [];
    const wideOurs: number[] = [];
    for (let round = 0; round < 5; round++) {
      wideBare.push(timeBareParse(wide, RESPONDENTS));
      wideOurs.push(
        await timeImport(wide, (result, analysis) => {
          if (result.shape !== "wide" || result.imported !== RESPONDENTS || analysis.touchpoints.length !== QUESTIONS) {
            throw new Error("the wide import lost rows or questions");
          }
          if (round === 0) log(`${result.answers.toLocaleString("en")} answers, ${result.noAnswers.toLocaleString("en")} no-answers`);
        }),
      );
      log(`round ${round + 1}: papaparse ${wideBare[round]?.toFixed(0)} ms, wide import + analysis ${wideOurs[round]?.toFixed(0)} ms`);
    }
    const wideRatio = median(wideOurs) / median(wideBare);
    return [
      {
        name: "CSV import + analysis vs bare papaparse (200k rows)",
        figure: `${ratio.toFixed(2)}× (${median(ours).toFixed(0)} ms vs ${median(bare).toFixed(0)} ms)`,
        goal: `≤ ${GOAL}×`,
        met: ratio <= GOAL,
      },
      {
        name: `Wide survey import + analysis vs bare papaparse (${RESPONDENTS / 1000}k × ${QUESTIONS} questions)`,
        figure: `${wideRatio.toFixed(2)}× (${median(wideOurs).toFixed(0)} ms vs ${median(wideBare).toFixed(0)} ms)`,
        goal: `≤ ${WIDE_GOAL}×`,
        met: wideRatio <= WIDE_GOAL,
      },
    ];
  },
};
