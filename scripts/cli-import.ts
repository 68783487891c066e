/**
 * The command line's import of a feedback file of any size: the file's pieces (cli-read.ts) go
 * through the import engine one by one, and each piece's feedback is handed to a sink (kept as
 * evidence and folded into an exact summary, or only summarised) and let go, so memory does not grow
 * with the rows.
 *
 * A file of one piece (up to PIECE_CHARS, about 48,000 rows) is imported exactly as a whole file is.
 * A larger one is read with what its first piece decided: its columns and their roles, the rating
 * scale of each rating column (but an inferred 1–5 scale, which each piece infers again: its values
 * 0–5 give 1–5 and a 0 below it is no answer, as in the whole file), word ratings, the date order when the first piece showed it, whether the id column holds response
 * ids. So a later piece differs from a whole-file import only where its values would have changed
 * those decisions (a 1–7 column whose first 48,000 rows hold no 6 or 7): its off-scale values are
 * then reported as problems, row by row, and not counted. Responses repeated across
 * pieces are found by a 53-bit hash of their response key (id, rating, text).
 */
import {
  type ColumnReport,
  type ColumnSettings,
  type CsvImportOptions,
  type CsvImportResult,
  type CsvProblem,
  type NoAnswerGroup,
  NO_ANSWER_WORDS,
  importFeedbackCsv,
  questionShortName,
  responseKey,
  unescapeFormula,
  wordKey,
} from "../shared/csv";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import Papa from "papaparse";
import { type CsvLayout, RowBreakScanner, readCsvLayout } from "../shared/csv/records";
import { csvProblem, groupProblems, quoteCell, type CsvProblemGroup } from "../shared/csv/problem";
import { compactJourney } from "../shared/evidence";
import { type Feedback, type JourneyMap, withoutHiddenCharacters } from "../shared/model";
import { MAX_SURVEYS, createDefaultIdMaker } from "../shared/csv/import";
import type { FeedbackSummary } from "../shared/summary";
import type { CsvPiece } from "./cli-read";

/** What the import of a whole file gives, as `CsvImportResult` without the rows themselves. */
export type FileImportResult = Pick<
  CsvImportResult,
  "rows" | "imported" | "skipped" | "answers" | "duplicates" | "noAnswers" | "shape" | "columns" | "errors" | "problemGroups" | "created" | "headers" | "detected"
> & { pieces: number };

/** Where each piece's feedback goes, with every entity the import has made so far (and its no-answers by group, when asked). */
export type FeedbackSink = (feedback: Feedback[], created: CsvImportResult["created"], noAnswers?: readonly NoAnswerGroup[]) => void;

/** A set of 53-bit hashes in a typed array (8–16 bytes a key): a million response keys in 16 MB instead of the keys themselves. */
class HashedKeys {
  private keys = new Float64Array(1 << 16);
  private size = 0;

  /** Adds a hash; false when it was there already. */
  add(hash: number): boolean {
    // 0 marks an empty slot, so 0 is stored as 1 (one more collision in 2^53).
    const key = hash === 0 ? 1 : hash;
    const mask = this.keys.length - 1;
    let at = (key % mask) & mask;
    for (;;) {
      const found = this.keys[at];
      if (found === 0) break;
      if (found === key) return false;
      at = (at + 1) & mask;
    }
    this.keys[at] = key;
    if (++this.size * 2 > this.keys.length) this.grow();
    return true;
  }

  private grow(): void {
    const keys = this.keys;
    this.keys = new Float64Array(keys.length * 2);
    this.size = 0;
    for (const key of keys) if (key !== 0) this.add(key);
  }
}

/**
 * The rows (in the piece's text) of some imported responses, found only for the rare response an
 * earlier piece repeats: the piece is read again, and the k-th imported row with a response id is the
 * k-th feedback with that id (a long file makes one feedback per imported row, in row order).
 */
function rowsOfResponses(
  text: readonly string[],
  layout: Pick<CsvLayout, "delimiter" | "firstDataIndex">,
  idColumn: number,
  result: Pick<CsvImportResult, "feedback" | "rejectedRows">,
  wanted: readonly Feedback[],
): number[] {
  const ids = new Set(wanted.map((item) => item.responseId ?? ""));
  // Which occurrence of its id among the piece's feedback each wanted response is.
  const occurrence = new Map<Feedback, number>();
  const counts = new Map<string, number>();
  const wantedSet = new Set(wanted);
  for (const item of result.feedback) {
    const id = item.responseId ?? "";
    if (!ids.has(id)) continue;
    const n = counts.get(id) ?? 0;
    counts.set(id, n + 1);
    if (wantedSet.has(item)) occurrence.set(item, n);
  }
  const rejected = new Set(result.rejectedRows.map((r) => r.row));
  const rowsById = new Map<string, number[]>();
  const records = Papa.parse<string[]>(withoutHiddenCharacters(text.join("")), { delimiter: layout.delimiter, skipEmptyLines: false }).data;
  records.forEach((record, index) => {
    if (index < layout.firstDataIndex || rejected.has(index + 1)) return;
    const id = unescapeFormula(record[idColumn] ?? "").trim();
    if (!ids.has(id)) return;
    const list = rowsById.get(id);
    if (list === undefined) rowsById.set(id, [index + 1]);
    else list.push(index + 1);
  });
  return wanted.map((item) => rowsById.get(item.responseId ?? "")?.[occurrence.get(item) ?? 0] ?? 0);
}

/**
 * A full garbage collection between pieces, once the heap has grown past COLLECT_ABOVE: V8 otherwise
 * lets the garbage of earlier pieces (their records and feedback, let go) pile up to several times
 * the live heap before collecting it, and the peak memory grows with the file instead of the piece.
 */
const COLLECT_ABOVE = 128 * 1024 * 1024;
function fullCollection(): () => void {
  let gc: (() => void) | null = null;
  try {
    setFlagsFromString("--expose-gc");
    gc = runInNewContext("gc") as () => void;
  } catch {
    // Without it the import is the same, its memory only less tight.
  }
  return () => {
    if (gc !== null && process.memoryUsage().heapUsed > COLLECT_ABOVE) gc();
  };
}

/** A 53-bit hash of a text (two 32-bit FNV-1a variants). */
function hash53(text: string): number {
  let a = 0x811c9dc5;
  let b = 0x01000193;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x5bd1e995) ^ (b >>> 15);
  }
  return (a >>> 0) * 0x200000 + ((b >>> 0) & 0x1fffff);
}

/** The text of the records before `records` (the header rows, for the pieces after the first). */
function leadingText(text: readonly string[], records: number, delimiter: CsvImportResult["detected"]["delimiter"]): string {
  if (records === 0) return "";
  const scanner = new RowBreakScanner(delimiter);
  let taken = "";
  for (const part of text) {
    let end = -1;
    scanner.scan(part, (at) => {
      if (scanner.records < records) return false;
      end = at;
      return true;
    });
    if (end >= 0) return taken + part.slice(0, end);
    taken += part;
  }
  return taken;
}

/** A problem of a later piece, its rows (outside quoted cells) moved to where they are in the file. */
function shiftProblem(problem: CsvProblem, shift: number, firstDataRow: number): CsvProblem {
  const moved = (row: number) => (row >= firstDataRow ? row + shift : row);
  const message = problem.message
    .split(/("[^"]*")/)
    .map((part, i) => (i % 2 === 1 ? part : part.replace(/\brow (\d+)/g, (_, n: string) => `row ${moved(Number(n))}`)))
    .join("");
  return { ...problem, row: moved(problem.row), message };
}

/** The pieces after the first read with what the first decided (see the module comment). */
function pinnedOptions(options: CsvImportOptions, first: CsvImportResult, layout: ReturnType<typeof readCsvLayout>): CsvImportOptions {
  const wide = first.shape === "wide";
  const columns: Record<number, ColumnSettings> = {};
  let scaleBy: CsvImportOptions["scaleBy"];
  // The numbers the first piece read as no answer (a 0 below 1–5, a code such as 99), read so in every piece.
  const numberNoAnswers = (c: ColumnReport) => c.noAnswer.filter((cell) => /^\d+$/.test(wordKey(cell)));
  for (const c of first.columns) {
    const given = options.columns?.[c.index] ?? {};
    const setting: ColumnSettings = {};
    const rating = wide ? c.role === "question" : c.index === first.mapping.rating;
    // A long file's segment columns are roles too, not fields of the mapping.
    if (wide || c.role === "segment") setting.role = c.role;
    if (wide && c.role === "question") {
      setting.name = c.touchpoint?.name ?? questionShortName(c.header);
      setting.measure = c.measure;
    }
    if (rating && !wide && c.scaleBy !== undefined && options.scale === undefined && given.scale === undefined) {
      // Read by survey: each later piece reads its surveys' scales as the first did (an inferred 1–5
      // again, as below), and a survey the first piece did not meet by its own answers.
      const scales: Record<string, { min: number; max: number }> = {};
      for (const survey of c.scaleBy.surveys) if (!(survey.scale.min === 1 && survey.scale.max <= 5)) scales[survey.value] = survey.scale;
      scaleBy = { column: c.scaleBy.index, scales };
      if (c.words !== null) setting.words = c.words;
    } else if (rating) {
      // An inferred 1–5 scale is inferred again on each piece: values 0–5 always give 1–5, and a 0
      // below it is then no answer exactly as in a whole file (text kept on the answer's touchpoint).
      // Any other scale is the first piece's, which a piece of low values alone would not give.
      const inferred = given.scale === undefined && c.words === null && (wide || options.scale === undefined);
      const again = inferred && c.scale !== null && c.scale.min === 1 && c.scale.max <= 5;
      if (c.scale !== null && !again) {
        setting.scale = c.scale;
        const numbers = numberNoAnswers(c);
        if (given.noAnswer === undefined && numbers.length > 0) setting.noAnswer = [...NO_ANSWER_WORDS, ...numbers];
      }
      if (c.words !== null) setting.words = c.words;
    }
    if (Object.keys(setting).length > 0 || Object.keys(given).length > 0) columns[c.index] = { ...setting, ...given };
  }
  const textColumns = options.textColumns ?? first.columns.filter((c) => c.role === "text").map((c) => c.index);
  const ratingColumn = first.mapping.rating === null ? undefined : columns[first.mapping.rating];
  const scale = options.scale ?? (wide ? undefined : ratingColumn?.scale);
  const dateOrder = options.dateOrder ?? first.detected.dateOrder ?? undefined;
  return {
    ...options,
    delimiter: layout.delimiter,
    headerRows: layout.headerRows,
    shape: first.shape,
    exact: true,
    mapping: { ...first.mapping },
    columns,
    textColumns,
    ...(scale === undefined ? {} : { scale }),
    ...(scaleBy === undefined ? {} : { scaleBy }),
    // A file of one answer per row stays one in every piece.
    ...(first.detected.questionAnswers === undefined ? {} : { questionAnswers: first.detected.questionAnswers }),
    ...(dateOrder === undefined ? {} : { dateOrder }),
  };
}

function mergeColumns(into: ColumnReport[], piece: readonly ColumnReport[]): void {
  piece.forEach((c, i) => {
    const merged = into[i];
    if (merged === undefined) return;
    merged.ratings += c.ratings;
    merged.noAnswers += c.noAnswers;
    for (const cell of c.noAnswer) if (merged.noAnswer.length < 20 && !merged.noAnswer.includes(cell)) merged.noAnswer.push(cell);
    merged.touchpoint ??= c.touchpoint;
    merged.scale ??= c.scale;
    merged.words ??= c.words;
    // A rating column read by survey: each survey's ratings added up, a survey met later added, and
    // past MAX_SURVEYS, as in one piece, counted with the rest ("").
    if (c.scaleBy !== undefined) {
      if (merged.scaleBy === undefined) merged.scaleBy = { ...c.scaleBy, surveys: [] };
      const surveys = merged.scaleBy.surveys;
      const byKey = new Map(surveys.map((s) => [wordKey(s.value), s]));
      for (const survey of c.scaleBy.surveys) {
        const key = byKey.has(wordKey(survey.value)) || surveys.length < MAX_SURVEYS ? wordKey(survey.value) : "";
        const same = byKey.get(key);
        if (same !== undefined) same.ratings += survey.ratings;
        else {
          const added = { ...survey, value: key === "" ? "" : survey.value };
          surveys.push(added);
          byKey.set(key, added);
        }
      }
    }
  });
}

/**
 * Imports a file's pieces: the first (which holds the header rows) with `options`, the rest with what
 * it decided; every piece's feedback goes to `sink`, in file order. Errors never throw: they are in
 * the result, by row as in the whole file.
 */
export async function importCsvPieces(
  first: CsvPiece,
  rest: AsyncIterator<CsvPiece>,
  options: CsvImportOptions,
  sink: FeedbackSink,
): Promise<FileImportResult> {
  // One id maker for every piece, so ids never repeat across pieces.
  const makeId = options.makeId ?? createDefaultIdMaker();
  if (first.final) {
    // A file of one piece: imported as a whole file is.
    const result = await importFeedbackCsv(first.text, { ...options, makeId }, { yieldToHost: () => Promise.resolve() });
    sink(result.feedback, result.created, result.noAnswerGroups);
    return { ...result, pieces: 1 };
  }
  const layout = readCsvLayout(first.text, options);
  const firstDataRow = layout.firstDataIndex + 1;
  const hooks = { yieldToHost: () => Promise.resolve() };
  const collect = fullCollection();
  const seen = new HashedKeys();
  const created: CsvImportResult["created"] = { stages: [], touchpoints: [], personas: [] };
  const base = options.map;
  let pieceOptions = options;
  let merged: FileImportResult | null = null;
  let header = "";
  let shift = 0;
  const messages = new Set<string>();
  let piece: CsvPiece | undefined = first;
  while (piece !== undefined) {
    const text = merged === null ? piece.text : [header, ...piece.text];
    const map = {
      stages: base.stages.concat(created.stages),
      touchpoints: base.touchpoints.concat(created.touchpoints),
      personas: base.personas.concat(created.personas),
    };
    const result = await importFeedbackCsv(text, { ...pieceOptions, map, makeId }, hooks);
    if (merged === null) header = leadingText(piece.text, layout.firstDataIndex, layout.delimiter);
    created.stages.push(...result.created.stages);
    created.touchpoints.push(...result.created.touchpoints);
    created.personas.push(...result.created.personas);
    // Responses an earlier piece holds (same response id, rating and text): skipped as duplicates.
    const idColumn = result.mapping.responseId;
    let feedback = result.feedback;
    const duplicates: CsvProblem[] = [];
    if (idColumn !== null && result.shape === "long") {
      const repeated: Feedback[] = [];
      feedback = feedback.filter((item) => {
        const key = responseKey(item);
        if (key === null || seen.add(hash53(key))) return true;
        repeated.push(item);
        return false;
      });
      if (repeated.length > 0) {
        const rows = rowsOfResponses(text, layout, idColumn, result, repeated);
        const name = result.headers[idColumn] ?? null;
        repeated.forEach((item, k) => {
          const row = (rows[k] ?? 0) + shift;
          duplicates.push(csvProblem(row, name, `response ${quoteCell(item.responseId ?? "")} repeats an earlier row (same response id, rating and text): skipped as a duplicate`));
        });
      }
    }
    // The piece's text is let go once read (its caller holds the piece, not its text).
    piece.text = [];
    sink(feedback, created, result.noAnswerGroups);
    const errors: CsvProblem[] = merged === null ? result.errors : [];
    if (merged !== null) {
      for (const problem of result.errors) {
        // The header's problems are the file's, told once.
        if (problem.row < firstDataRow) {
          if (!messages.has(problem.message)) errors.push(problem);
        } else errors.push(shiftProblem(problem, shift, firstDataRow));
      }
    }
    for (const problem of errors) if (problem.row < firstDataRow) messages.add(problem.message);
    errors.push(...duplicates);
    if (merged === null) {
      merged = {
        rows: result.rows,
        imported: result.imported - duplicates.length,
        skipped: result.skipped + duplicates.length,
        answers: result.answers - duplicates.length,
        duplicates: result.duplicates + duplicates.length,
        noAnswers: result.noAnswers,
        shape: result.shape,
        columns: result.columns.map((c) => ({ ...c, noAnswer: [...c.noAnswer] })),
        errors,
        problemGroups: [],
        created,
        headers: result.headers,
        detected: result.detected,
        pieces: 1,
      };
      pieceOptions = pinnedOptions(options, result, layout);
    } else {
      merged.rows += result.rows;
      merged.imported += result.imported - duplicates.length;
      merged.skipped += result.skipped + duplicates.length;
      merged.answers += result.answers - duplicates.length;
      merged.duplicates += result.duplicates + duplicates.length;
      merged.noAnswers += result.noAnswers;
      merged.detected.dateOrder ??= result.detected.dateOrder;
      merged.detected.scale ??= result.detected.scale;
      mergeColumns(merged.columns, result.columns);
      for (const problem of errors) merged.errors.push(problem);
      merged.pieces++;
    }
    collect();
    if (piece.final) break;
    const next: IteratorResult<CsvPiece> = await rest.next();
    piece = next.done === true ? undefined : next.value;
    if (piece !== undefined) shift = piece.firstRecord - layout.firstDataIndex;
  }
  const result = merged as FileImportResult;
  result.errors.sort((a, b) => a.row - b.row);
  result.problemGroups = groupProblems(result.errors) as CsvProblemGroup[];
  return result;
}

/**
 * Keeps a file's feedback as the journey would (evidence.ts): every row while there are at most
 * `keepAllRows`, then, piece by piece, what `compactJourney` keeps (the rows pain points cite, the
 * quotes of each stage × touchpoint, the evidence of suggestions), the rest folded into the exact
 * summary with its term statistics and driver sums, so that figures, suggestions and drivers are
 * those of every row.
 */
export class EvidenceFold {
  private kept: Feedback[] = [];
  private summary: FeedbackSummary | undefined;
  private compacting = false;
  /** Rows folded into the summary. */
  summarised = 0;

  constructor(
    private readonly journey: Pick<JourneyMap, "stages" | "touchpoints" | "personas" | "painPoints" | "rejectedSuggestions">,
    private readonly keepAllRows: number,
    private readonly negativeText?: (text: string) => boolean,
  ) {}

  readonly add: FeedbackSink = (feedback, created) => {
    this.kept = this.kept.length === 0 ? feedback : this.kept.concat(feedback);
    if (!this.compacting && this.kept.length > this.keepAllRows) this.compacting = true;
    if (!this.compacting) return;
    const { stages, touchpoints, personas, painPoints, rejectedSuggestions } = this.journey;
    const compacted = compactJourney(
      {
        stages: stages.concat(created.stages),
        touchpoints: touchpoints.concat(created.touchpoints),
        personas: personas.concat(created.personas),
        painPoints,
        rejectedSuggestions,
        feedback: this.kept,
        summary: this.summary,
      },
      { keepAllRows: 0, ...(this.negativeText === undefined ? {} : { negativeText: this.negativeText }) },
    );
    this.summarised += this.kept.length - compacted.feedback.length;
    this.kept = compacted.feedback;
    this.summary = compacted.summary;
  };

  /** The rows kept and the summary of the others (none while every row is kept). */
  result(): { feedback: Feedback[]; summary: FeedbackSummary | undefined } {
    return { feedback: this.kept, summary: this.summary };
  }
}
