/**
 * CSV import + analysis of 200,000 feedback rows, against bare papaparse (`header: true`) on the
 * same text, in one run, each side in a worker thread of its own (bench/csv-import-worker.ts).
 * Goal: at most 1.5× the bare parse. And a wide survey export (20,000 respondents × 20 questions,
 * 400,000 answers) imported and analysed against bare papaparse of the same file. Goal: at most 2×.
 */
import { Worker } from "node:worker_threads";
import type { Benchmark } from "./benchmark";
import type { SideReply, SideRequest } from "./csv-import-worker";

const ROWS = 200_000;
const GOAL = 1.5;
const RESPONDENTS = 20_000;
const QUESTIONS = 20;
const WIDE_GOAL = 2;
/** The answers the wide survey's import makes (its rows' answered questions; checked each round). */
const ANSWERS = 320_454;
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

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

/**
 * A side of the benchmark in a worker thread of its own (bench/csv-import-worker.ts says why), kept
 * for every round so that its code is as warm as the other side's.
 */
function startSide(): { time: (request: SideRequest) => Promise<SideReply>; stop: () => Promise<number> } {
  const worker = new Worker(new URL("./csv-import-worker.mjs", import.meta.url));
  const time = (request: SideRequest): Promise<SideReply> =>
    new Promise<SideReply>((resolve, reject) => {
      const onError = (error: Error) => reject(error);
      worker.once("error", onError);
      worker.once("message", (reply: SideReply) => {
        worker.off("error", onError);
        resolve(reply);
      });
      worker.postMessage(request);
    });
  return { time, stop: () => worker.terminate() };
}

export const csvImportBenchmark: Benchmark = {
  title: `CSV import and analysis, ${ROWS.toLocaleString("en")} rows`,
  async run(log) {
    const bareSide = startSide();
    const ourSide = startSide();
    try {
      // Interleaved rounds, so both sides see the same machine state; the median of five (bare
      // papaparse alone varies by a third from one round to the next on a busy machine).
      const rounds = async (shape: SideRequest["shape"], size: number, check: (imported: SideReply, round: number) => void) => {
        const bare: number[] = [];
        const ours: number[] = [];
        for (let round = 0; round < 5; round++) {
          const parsed = await bareSide.time({ side: "bare", shape, size });
          const imported = await ourSide.time({ side: "import", shape, size });
          if (parsed.rows < size) throw new Error("bare papaparse read too few rows");
          check(imported, round);
          bare.push(parsed.ms);
          ours.push(imported.ms);
          log(`round ${round + 1}: papaparse ${parsed.ms.toFixed(0)} ms, ${shape} import + analysis ${imported.ms.toFixed(0)} ms`);
        }
        return { bare: median(bare), ours: median(ours) };
      };
      const long = await rounds("long", ROWS, (imported, round) => {
        if (imported.rows !== ROWS || imported.responses !== ROWS) throw new Error("the import lost rows");
        if (round === 0) log(`${(imported.chars / 1e6).toFixed(1)} MB of CSV; each side in a worker thread of its own`);
      });
      const ratio = long.ours / long.bare;
      const wide = await rounds("wide", RESPONDENTS, (imported, round) => {
        if (imported.shape !== "wide" || imported.rows !== RESPONDENTS || imported.touchpoints !== QUESTIONS || imported.answers !== ANSWERS) {
          throw new Error("the wide import lost rows or questions");
        }
        if (round > 0) return;
        log(`a wide survey of ${(imported.chars / 1e6).toFixed(1)} MB (${RESPONDENTS.toLocaleString("en")} × ${QUESTIONS} questions)`);
        log(`${imported.answers?.toLocaleString("en")} answers, ${imported.noAnswers?.toLocaleString("en")} no-answers`);
      });
      const wideRatio = wide.ours / wide.bare;
      // The floor under the wide import: its answers as objects, made and kept, in the import's isolate.
      const floor: number[] = [];
      for (let round = 0; round < 5; round++) floor.push((await ourSide.time({ side: "objects", shape: "wide", size: ANSWERS })).ms);
      log(
        `${ANSWERS.toLocaleString("en")} answer objects alone, made and kept: ${median(floor).toFixed(0)} ms (${(median(floor) / wide.bare).toFixed(2)}× bare papaparse of the file)`,
      );
      return [
        {
          name: "CSV import + analysis vs bare papaparse (200k rows)",
          figure: `${ratio.toFixed(2)}× (${long.ours.toFixed(0)} ms vs ${long.bare.toFixed(0)} ms)`,
          goal: `≤ ${GOAL}×`,
          met: ratio <= GOAL,
        },
        {
          name: `Wide survey import + analysis vs bare papaparse (${RESPONDENTS / 1000}k × ${QUESTIONS} questions)`,
          figure: `${wideRatio.toFixed(2)}× (${wide.ours.toFixed(0)} ms vs ${wide.bare.toFixed(0)} ms)`,
          goal: `≤ ${WIDE_GOAL}×`,
          met: wideRatio <= WIDE_GOAL,
        },
      ];
    } finally {
      await Promise.all([bareSide.stop(), ourSide.stop()]);
    }
  },
};
