/**
 * One side of the CSV import benchmark (bench/csv-import.ts), run in a worker thread: an isolate of
 * its own, as each side runs in the product. In one isolate the two sides share papaparse's code and
 * V8's feedback on it. Bare papaparse keeps every row it reads, so V8 learns to allocate the rows of
 * papaparse's parser straight in the old generation ("pretenuring"). The import, whose records live
 * for one part of the text, would then pay for the other side's habit: its records and every cell in
 * them promoted and collected by full collections. That never happens in the panel or the command
 * line, where no bare parse runs.
 */
import { parentPort } from "node:worker_threads";
import Papa from "papaparse";
import { analyseJourney } from "../shared/analysis";
import { importFeedbackCsv } from "../shared/csv";
import { emptyJourney, withImportedFeedback } from "../shared/journey-from-feedback";
import { settle } from "./benchmark";
import { generateFeedbackCsv, generateWideSurveyCsv } from "./csv-import";

export interface SideRequest {
  /** "objects": as many objects shaped like an imported answer as the import makes, and nothing else. */
  side: "bare" | "import" | "objects";
  shape: "long" | "wide";
  /** Rows of a long file, respondents of a wide one. */
  size: number;
}

export interface SideReply {
  ms: number;
  /** Rows papaparse read, or rows imported. */
  rows: number;
  /** For the import: the analysis's responses, the file's shape, answers and no-answers, touchpoints. */
  responses?: number;
  shape?: string;
  answers?: number;
  noAnswers?: number;
  touchpoints?: number;
  /** Characters of the text. */
  chars: number;
}

const texts = new Map<string, string>();
function textFor(request: SideRequest): string {
  const key = `${request.shape} ${request.size}`;
  let text = texts.get(key);
  if (text === undefined) {
    text = request.shape === "long" ? generateFeedbackCsv(request.size) : generateWideSurveyCsv(request.size);
    texts.set(key, text);
  }
  return text;
}

function timeBareParse(text: string): SideReply {
  const started = performance.now();
  const parsed = Papa.parse<Record<string, string>>(text, { header: true, skipEmptyLines: false });
  const ms = performance.now() - started;
  return { ms, rows: parsed.data.length, chars: text.length };
}

async function timeImport(text: string): Promise<SideReply> {
  const started = performance.now();
  const base = emptyJourney("Benchmark");
  const result = await importFeedbackCsv(text, { map: base }, { yieldToHost: () => Promise.resolve() });
  const analysis = analyseJourney(withImportedFeedback(base, result));
  const ms = performance.now() - started;
  return {
    ms,
    rows: result.imported,
    responses: analysis.overall.responses,
    shape: result.shape,
    answers: result.answers,
    noAnswers: result.noAnswers,
    touchpoints: analysis.touchpoints.length,
    chars: text.length,
  };
}

/**
 * What making `count` answers costs by itself: objects of an imported answer's shape, each with an id
 * of its own, kept in one array (the import's floor, whatever it does besides).
 */
function timeObjects(count: number): SideReply {
  const started = performance.now();
  const scale = Object.freeze({ min: 1, max: 5 });
  const made: object[] = [];
  for (let i = 0; i < count; i++) {
    const respondent = `R-${Math.floor(i / 16)}`;
    made.push({
      id: `feedback_x7k2m9q4${i.toString(36)}`,
      kind: "survey",
      rating: (i % 5) + 1,
      scale,
      text: "",
      date: "2026-06-01",
      source: "",
      stageId: "stage_a",
      touchpointId: "touchpoint_b",
      personaId: null,
      responseId: respondent,
      respondentId: respondent,
    });
  }
  const ms = performance.now() - started;
  return { ms, rows: made.length, chars: 0 };
}

parentPort?.on("message", async (request: SideRequest) => {
  const text = request.side === "objects" ? "" : textFor(request);
  await settle();
  // Each round's result is let go and collected before the reply, so the next round starts from the
  // same heap, and each side's garbage is collected in its own time.
  const reply = request.side === "objects" ? timeObjects(request.size) : request.side === "bare" ? timeBareParse(text) : await timeImport(text);
  await settle();
  parentPort?.postMessage(reply);
});
