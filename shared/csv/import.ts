/**
 * Importing feedback from a CSV text into a journey map's terms: every data row becomes a Feedback
 * linked to its stage, touchpoint and persona, or is listed with its row, column and reason; nothing
 * is dropped without a word.
 *
 * Speed: papaparse reads the text once, record by record (`streamCsvRecords`), and each record is
 * mapped at once and then let go, so a 200,000-row file never sits in memory as rows and as feedback
 * at once; every `rowsPerSlice` records the import yields to the host, so a panel stays responsive
 * and shows progress. Per-cell work is
 * cached by cell text (a rating column has a handful of distinct values, a date column a few hundred).
 *
 * Decisions that need the whole file wait for its end: the rating scale (a 0 in the last row makes
 * it 0–10), the order of day/month-ambiguous dates, and whether a "Total" row is the last one.
 */
import type { Feedback, JourneyMap, Persona, RatingScale, Stage, Touchpoint } from "../model";
import { newId } from "../model";
import { labelNewRows } from "../sentiment-summary";
import { type ColumnMapping, EMPTY_MAPPING, MAPPED_FIELDS, type MappedField, applyMappingOverrides, headerClueScore, isFeedbackExportHeader, scaleHintOf } from "./columns";
import { type CsvInspection, createCsvProfiler } from "./inspect";
import type { CsvEncoding } from "./decode";
import { type DateOrder, type DateReading, createDateReader, dateOrderOfHeader, describeIsoDate, isRelativeTime } from "./date";
import { type CsvDelimiter, headerRowTest, isBlankRecord, summaryRowLabel } from "./detect";
import { unescapeFormula } from "./formula";
import { type FeedbackKind, guessFeedbackKind, readFeedbackKind } from "./kind";
import { type LinkedField, UNASSIGNED_STAGE, createEntityLinker, createRowLinks } from "./link";
import {
  type ColumnProfile,
  type ColumnRole,
  type ColumnSettings,
  type CsvShape,
  type FixedValues,
  type QuestionMeasure,
  inferColumnScale,
  isTitleHeader,
  mappingFromRoles,
  questionMeasureOf,
  questionShortName,
} from "./wide";
import { type WordMap, detectWordMap, isNoAnswerWord, isPlaceholder, wordKey } from "./words";
import { authorSideReader } from "./author";
import { scaleByColumn } from "./scale-by";
import type { QuestionAnswerColumns } from "./question-answer";
import { type CsvProblem, type CsvProblemGroup, columnLetter, csvProblem, groupProblems, quoteCell } from "./problem";
import {
  type CellRating,
  type RatingReading,
  type RatingTally,
  SCALE_1_5,
  addToTally,
  createRatingTally,
  formatScale,
  inferRatingColumnScale,
  inferRatingScale,
  parseScale,
  readRating,
} from "./rating";
import { createHostTurns } from "./host-turn";
import { createResponseIdFilter, distinctIdCount, looksLikeResponseIds, repeatedIdHashes, responseIdHash } from "./response-ids";
import {
  type CsvLayout,
  type CsvLayoutOptions,
  type CsvText,
  type QuoteTrouble,
  createQuoteTrouble,
  csvTextLength,
  readCsvLayout,
  recordOfLayout,
  streamCsvRecords,
} from "./records";

export type IdPrefix = "feedback" | "stage" | "touchpoint" | "persona";

export interface CsvImportOptions extends CsvLayoutOptions {
  /** The map the feedback is for: its stages, touchpoints and personas are matched by name. */
  map: Pick<JourneyMap, "stages" | "touchpoints" | "personas">;
  /** Corrections to the guessed mapping; a field left out keeps the guess. */
  mapping?: Partial<ColumnMapping>;
  /** The rating scale, instead of inferring it from the data. */
  scale?: RatingScale;
  /**
   * A long file's ratings by the survey a column names (NPS, CSAT, CES in one "Rating" column): each
   * value of `column` gets the scale its own answers show, or the one `scales` gives it (by value,
   * compared as words). Null: one scale for the whole column. Default: a column whose values name
   * two kinds of survey or more (`scaleByColumn`), when no scale is given.
   */
  scaleBy?: { column: number; scales?: Readonly<Record<string, RatingScale>> } | null;
  /**
   * A file of one answer per row (`questionAnswerColumns`): the question column (read as the
   * touchpoint, each question on its own scale), the answer column (the rating; its words are the
   * comment) and the respondent's (the response id). Null: read as an ordinary long file. Default: found by
   * `inspectCsv` from the headers and the first rows.
   */
  questionAnswers?: QuestionAnswerColumns | null;
  /** How to read day/month-ambiguous dates ("05/03/2024"), instead of deciding from the other rows. */
  dateOrder?: DateOrder;
  /** Whether names the map does not know become new entities (the default) or make the row fail. */
  create?: { stages?: boolean; touchpoints?: boolean; personas?: boolean };
  /** The kind of every row, instead of reading a "Kind" column or guessing from the source ("survey" when nothing tells). */
  kind?: FeedbackKind;
  /**
   * Makes the ids of new feedback and entities; must never repeat itself. Default: one random `newId`
   * per import and kind, followed by a counter, so ids are unique within an import by construction
   * and across imports with the model's usual odds, at a fraction of the cost of 200,000 `newId` calls.
   */
  makeId?: (prefix: IdPrefix) => string;
  /** The encoding `decodeCsvBytes` found, passed through to `detected`. */
  encoding?: CsvEncoding;
  /**
   * The responses already in the journey, by `responseKey` (or `contentKey` for rows without an id):
   * a row with the same response id, rating and text (or the same content, as often as the journey
   * holds it) is skipped as already imported, so importing an export twice does not count it twice.
   * A set or map of the keys, or a journey's import ledger (`journeyResponses` in ledger.ts).
   */
  alreadyImported?: ReadonlySet<string> | ReadonlyMap<string, number> | KnownResponses;
  /** The file's shape, instead of the one `inspectCsv` finds ("wide": one row per respondent, one column per question). */
  shape?: CsvShape;
  /**
   * Corrections per column, by 0-based index: its role (which columns are questions, text, date,
   * persona, source, respondent id), a question's touchpoint name and stage, its scale, word map,
   * no-answer cells, and the NPS and outcome marks. A column left out keeps the guess.
   */
  columns?: Readonly<Record<number, ColumnSettings>>;
  /** Columns whose cells are joined (in this order, by a blank line) into the comment: "Title" + "Review". Replaces `mapping.text`. */
  textColumns?: readonly number[];
  /** Values for every row (stage, touchpoint, persona, source); a non-empty cell of a mapped column wins. */
  fixed?: FixedValues;
  /**
   * A mapping given in full: fields left out of `mapping` are unmapped instead of guessed, and in a
   * wide file only the columns `columns` names as questions are questions.
   */
  exact?: boolean;
  /**
   * Whether to count the no-answers of imported rows by the group a summary keeps them in (stage,
   * touchpoint, persona, source, kind, day, segments), in `CsvImportResult.noAnswerGroups`: what
   * `summarize` writes as "no answer" lines. Off by default, as no journey keeps them per row.
   */
  noAnswerGroups?: boolean;
  /**
   * At most this many new stages: a row that would create one more stops the import, which then
   * rejects with a `TooManyNewStagesError` and imports nothing (a comment column taken for the stage
   * would make thousands). Checked as the rows are read, so the file is not read twice for it.
   */
  maxNewStages?: number;
  /**
   * Scores a text's sentiment (VADER's compound, sentiment.ts; null for no words): each imported row
   * with text then stores its label, so nothing that reads the journey later needs the lexicon.
   * Without it, rows are stored unlabelled.
   */
  scoreText?: (text: string) => number | null;
}

/** The rows of a file would add more new stages than `maxNewStages`: nothing was imported. */
export class TooManyNewStagesError extends Error {
  constructor(
    /** New stage names counted, one past the limit. */
    readonly count: number,
    /** The first three, as written. */
    readonly examples: string[],
  ) {
    super(`the file would add more than ${count - 1} stages to the map (such as ${examples.map((name) => `"${name}"`).join(", ")})`);
    this.name = "TooManyNewStagesError";
  }
}

/** How one column was read, for the import report: its role, scale, word map and no-answers. */
export interface ColumnReport {
  index: number;
  header: string;
  role: ColumnRole;
  /** For a question: the touchpoint its answers are linked to (name, and its stage's name). */
  touchpoint: { id: string; name: string; stage: string; question: string } | null;
  /** The scale of its ratings; null for a column that holds none. */
  scale: RatingScale | null;
  /** Word ratings read: label → value; null when the column holds numbers or no ratings. */
  words: Record<string, number> | null;
  /** The cells read as no answer in this column. */
  noAnswer: string[];
  /** How many cells of imported rows were no answer. */
  noAnswers: number;
  /** How many ratings were read from it. */
  ratings: number;
  measure: QuestionMeasure | null;
  /** For a long file's rating column read by survey (`CsvImportOptions.scaleBy`): the column, and each survey's scale and ratings. */
  scaleBy?: { index: number; column: string; surveys: { value: string; scale: RatingScale; ratings: number }[] };
}

/**
 * Problems of one kind in one column ("\"7\" is outside the 1–5 scale; imported as a text-only
 * response"), for a report that lists kinds with counts and opens each: `key` is stable within one
 * result, `title` is the first problem's message without its row, `problems` are all of them by row.
 */
export type ProblemGroup = CsvProblemGroup;

/**
 * What makes two feedback rows the same response: the response id of the tool they came from, with
 * the rating and the text (two tools may both number their responses from 1, but not with the same
 * words). Null for a row without a response id, which is never taken for a duplicate.
 */
export function responseKey(feedback: Pick<Feedback, "responseId" | "rating" | "text">): string | null {
  const id = feedback.responseId;
  return id === undefined || id === "" ? null : `${id}\u0000${feedback.rating ?? ""}\u0000${feedback.text}`;
}

/**
 * What makes a feedback row without a response id the same as another: its date, rating, text,
 * stage, touchpoint, persona and source (the mapped fields), so a file without an id column that is
 * imported again is recognised row by row. A row with segment values has them in its key too: two
 * customers of different plans who gave the same rating on the same day are two responses, not one
 * repeated. A row without any keeps the key it always had, so the ledgers of earlier imports still
 * know it.
 */
export function contentKey(
  feedback: Pick<Feedback, "rating" | "text" | "date" | "source" | "stageId" | "touchpointId" | "personaId" | "segments">,
): string {
  const key = `\u0001${feedback.date ?? ""}\u0000${feedback.rating ?? ""}\u0000${feedback.text}\u0000${feedback.stageId ?? ""}\u0000${feedback.touchpointId ?? ""}\u0000${feedback.personaId ?? ""}\u0000${feedback.source}`;
  const segments = feedback.segments;
  if (segments === undefined) return key;
  const names = Object.keys(segments);
  if (names.length === 0) return key;
  names.sort();
  return `${key}\u0000${JSON.stringify(names.map((name) => [name, segments[name]]))}`;
}

/** No-answers of imported rows with the same stage, touchpoint, persona, source, kind, day and segments. */
export interface NoAnswerGroup {
  key: Pick<Feedback, "stageId" | "touchpointId" | "personaId" | "source" | "kind" | "date" | "segments">;
  count: number;
}

/** Responses already in a journey, looked up by key without listing them (an import ledger keeps fingerprints, not keys). */
export interface KnownResponses {
  /** How many responses there are: 0 means none to look up. */
  readonly size: number;
  /** How many responses of the journey have this `responseKey` or `contentKey`; 0 when none. */
  count(key: string): number;
  /** False when no response of the journey has this response id, a quick test before a key is built. */
  mayHaveId(id: string): boolean;
}

/** `alreadyImported` as `KnownResponses`; null when there is nothing to look up. */
function knownResponses(given: CsvImportOptions["alreadyImported"]): KnownResponses | null {
  if (given === undefined || given.size === 0) return null;
  if ("count" in given && typeof given.count === "function") return given;
  const keys = given as ReadonlySet<string> | ReadonlyMap<string, number>;
  // Their ids in a filter, so that only a row whose id the journey may hold builds its key to look up.
  const ids = createResponseIdFilter();
  for (const key of keys.keys()) if (key.charCodeAt(0) !== 1) ids.add(responseIdHash(key.slice(0, key.indexOf("\u0000"))));
  return {
    size: keys.size,
    count: (key) => (keys instanceof Map ? (keys.get(key) ?? 0) : keys.has(key) ? 1 : 0),
    mayHaveId: (id) => ids.mayHave(responseIdHash(id)),
  };
}

/**
 * The keys of the feedback already in a journey, for `alreadyImported`: its `responseKey` when it has
 * a response id, else its `contentKey`, each with how many rows share it (a file may hold the same
 * review twice, and both are in the journey).
 */
export function importedResponseKeys(feedback: readonly Feedback[]): Map<string, number> {
  const keys = new Map<string, number>();
  for (const item of feedback) {
    const key = responseKey(item) ?? contentKey(item);
    keys.set(key, (keys.get(key) ?? 0) + 1);
  }
  return keys;
}

export interface CsvImportProgress {
  /** Characters of the text read so far, of `total`: the share done, for a progress bar. */
  done: number;
  total: number;
  /** Data rows read so far, blank ones included, for "12,000 rows …". */
  rows: number;
  /**
   * True while the text is read a second time, for the records of the rows found to be rejected
   * only once every row was read (a repeated response, a rating off the scale found at the end):
   * `done` starts again from 0 and `rows` counts the rows of this second reading.
   */
  again?: boolean;
}

export interface CsvImportHooks {
  onProgress?: (progress: CsvImportProgress) => void;
  /** Gives the host a turn between slices; default: a MessageChannel message, else a zero-delay timer, else a resolved promise. */
  yieldToHost?: () => Promise<void>;
  /** Rows mapped between two turns of the host, at most; default 5,000. */
  rowsPerSlice?: number;
}

/** A row that was not imported: its cells as written, so it can be exported, fixed and imported again. */
export interface RejectedRow {
  row: number;
  cells: string[];
  reasons: string[];
}

export interface CsvImportResult {
  /** Data rows in the file: header rows and blank rows not counted. rows = imported + skipped. */
  rows: number;
  /** Rows imported: one feedback each in a long file; in a wide one, rows with at least one answer or a text. */
  imported: number;
  skipped: number;
  /** Feedback made: one per imported row of a long file, one per answered question of a wide one. */
  answers: number;
  /** Of the skipped rows, those that repeat a response already in the journey or earlier in the file. */
  duplicates: number;
  blankRows: number;
  /** Every problem, by row: those of skipped rows and those of imported rows (a rating read as text-only, an ambiguous date …). */
  errors: CsvProblem[];
  feedback: Feedback[];
  /** Entities made for names the map did not know, in order of first appearance. */
  created: { stages: Stage[]; touchpoints: Touchpoint[]; personas: Persona[] };
  /** Rows not imported, by row. */
  rejectedRows: RejectedRow[];
  headers: string[];
  /** The header row(s) as written, for `exportRejectedRowsCsv`. */
  headerRecords: string[][];
  mapping: ColumnMapping;
  /** The shape read: "wide" made one feedback per answered question of each row. */
  shape: CsvShape;
  /** Every column, in file order, as it was read. */
  columns: ColumnReport[];
  /** `errors` grouped by kind and column, largest group first. */
  problemGroups: ProblemGroup[];
  /** Answers that were "no answer" (N/A, empty, Don't know, a 0 below a 1–5 scale …), in all rating columns. */
  noAnswers: number;
  /**
   * With `noAnswerGroups`: the no-answers of imported rows by group (a wide row's unanswered question on
   * that question's touchpoint); no-answers of rows not imported are in `noAnswers` only.
   */
  noAnswerGroups?: NoAnswerGroup[];
  detected: {
    encoding?: CsvEncoding;
    delimiter: CsvDelimiter;
    /** 0: the file has no header row. */
    headerRows: 0 | 1 | 2;
    /** The scale of the rating column; null when it holds no readable rating. */
    scale: RatingScale | null;
    /** How day/month-ambiguous dates were read; null when none needed it or nothing told. */
    dateOrder: DateOrder | null;
    /** A file of one answer per row: its question, answer and respondent columns (`CsvImportOptions.questionAnswers`); absent otherwise. */
    questionAnswers?: QuestionAnswerColumns;
  };
}

/**
 * The most question columns one import of a wide file reads (a long survey asks a few hundred). Key
 * drivers keep sums for each pair of questions a respondent answered: 1,000 questions are half a
 * million pairs, 5,000 would be twelve million.
 */
export const MAX_WIDE_QUESTIONS = 1_000;
/** Surveys a rating column is read by at most (`CsvImportOptions.scaleBy`); further values share one scale. */
export const MAX_SURVEYS = 100;
const DEFAULT_ROWS_PER_SLICE = 5000;
/** Rows a pass over the imported rows reads between two turns of the host (a pass over 400,000 answers is several tasks). */
const PASS_ROWS = 50_000;
/** Texts scored for sentiment between two turns of the host: VADER reads a review in about 0.1 ms, so a slice is about 10–20 ms. */
const SCORE_ROWS = 200;

/** A mapped field as a problem names it. */
const FIELD_WORDS: Readonly<Record<MappedField, string>> = {
  rating: "rating",
  text: "text",
  date: "date",
  stage: "stage",
  touchpoint: "touchpoint",
  persona: "persona",
  source: "source",
  scale: "scale",
  kind: "feedback kind",
  responseId: "response id",
  author: "author",
};

/** The base-36 numbers 00…zz, two digits each, made once: the last two digits of every id. */
let twoDigits: string[] | null = null;

/**
 * Ids as described for `makeId`: one `newId` stem per kind, then a base-36 counter. A wide survey
 * makes 400,000 ids: past the first 1,296, the counter's last two digits come from a table and the
 * rest, which changes every 1,296 ids, is joined to the stem once, so an id is one string joined
 * from two, with no number converted to text for each.
 */
export function createDefaultIdMaker(): (prefix: IdPrefix) => string {
  const stems: Record<IdPrefix, string> = {
    feedback: newId("feedback"),
    stage: newId("stage"),
    touchpoint: newId("touchpoint"),
    persona: newId("persona"),
  };
  twoDigits ??= Array.from({ length: 1296 }, (_, n) => n.toString(36).padStart(2, "0"));
  const lows = twoDigits;
  // The stems joined to the counter's digits above its last two (`high`, the counter divided by 36²).
  const heads = new Map<IdPrefix, string>();
  let high = 0;
  let counter = 0;
  return (prefix) => {
    const n = counter++;
    if (n < 1296) return stems[prefix] + n.toString(36);
    const low = n % 1296;
    if ((n - low) / 1296 !== high) {
      high = (n - low) / 1296;
      heads.clear();
    }
    let head = heads.get(prefix);
    if (head === undefined) heads.set(prefix, (head = stems[prefix] + high.toString(36)));
    return head + (lows[low] as string);
  };
}

/** An unreadable rating, whose message names the scale once it is known. */
interface UnreadableRating {
  row: number;
  raw: string;
  /** The rejected row when the row has no text either; null when it was kept as text-only. */
  rejected: RejectedRow | null;
  /** The row's survey (`CsvImportOptions.scaleBy`), whose scale the message names; -1 for the file's. */
  survey: number;
}

/** One survey of a rating column read by survey: its value as first written, its ratings' tally and count, its given scale. */
interface SurveyRatings {
  value: string;
  tally: RatingTally;
  ratings: number;
  given: RatingScale | null;
}

/**
 * Imports feedback from CSV text, one string or the pieces a large file was decoded in. Never throws
 * for bad data: every problem is in `errors`.
 */
export async function importFeedbackCsv(
  text: CsvText,
  options: CsvImportOptions,
  hooks: CsvImportHooks = {},
): Promise<CsvImportResult> {
  const layout = readCsvLayout(text, options);
  checkColumnOptions(options, layout.headers.length);
  const rowsPerSlice = Math.max(1, hooks.rowsPerSlice ?? DEFAULT_ROWS_PER_SLICE);
  const trouble = createQuoteTrouble();
  // The columns are guessed from the values of the first records as they are read, not from a
  // second reading of the file's head: those records wait (INSPECT_CHARS of them), then go through
  // the import like the rest. A mapping given in full guesses nothing and waits for nothing.
  const profiler =
    options.exact === true
      ? null
      : createCsvProfiler(layout, trouble, {
          ...(options.mapping === undefined ? {} : { mapping: options.mapping }),
          ...(options.shape === undefined ? {} : { shape: options.shape }),
        });
  let importer: RecordImporter | null =
    profiler === null ? createRecordImporter(options, hooks, layout, planColumns(null, options, layout), trouble) : null;
  const waitingIndexes: number[] = [];
  // As read: packing them (a wide survey's first 256 kB are 60,000 cells) cost more than the collector's copying of them.
  const waitingRecords: string[][] = [];
  let waitingChars = 0;
  const total = csvTextLength(text);
  const startImporting = (): RecordImporter => {
    // The rows to expect: the text's length over the length of a record read so far.
    const expectedRows = waitingChars === 0 ? 0 : Math.ceil((total * waitingRecords.length) / waitingChars);
    const started = createRecordImporter(options, hooks, layout, planColumns(profiler?.finish() ?? null, options, layout), trouble, expectedRows);
    for (let k = 0; k < waitingIndexes.length; k++) started.accept(waitingIndexes[k] as number, waitingRecords[k] as string[]);
    waitingIndexes.length = 0;
    waitingRecords.length = 0;
    importer = started;
    return started;
  };
  const onRecord = (index: number, read: string[]): void => {
    const record = recordOfLayout(layout, read);
    if (importer !== null) {
      importer.accept(index, record);
      return;
    }
    profiler?.add(index, record);
    waitingIndexes.push(index);
    waitingRecords.push(record);
    for (let i = 0; i < record.length; i++) waitingChars += (record[i] as string).length + 1;
    if (waitingChars >= INSPECT_CHARS && index >= layout.firstDataIndex) startImporting();
  };

  const hostTurns = hooks.yieldToHost === undefined ? createHostTurns() : null;
  const yieldToHost = hooks.yieldToHost ?? hostTurns?.yieldToHost ?? (() => Promise.resolve());
  // Progress through the text, of its first reading or (`again`) of the second.
  const progress =
    (again: boolean) =>
    (done: number, records: number): void =>
      hooks.onProgress?.({ done, total, rows: Math.max(0, records - layout.firstDataIndex), ...(again ? { again } : {}) });
  try {
    await streamCsvRecords(text, layout, onRecord, {
      trouble,
      rowsPerSlice,
      yieldToHost,
      onSlice: progress(false),
    });
    // Rows found to be rejected once every row is read are listed with their records, read again then.
    const recordsAt = async (indexes: ReadonlySet<number>): Promise<Map<number, string[]>> => {
      const found = new Map<number, string[]>();
      await streamCsvRecords(text, layout, (index, read) => indexes.has(index) && found.set(index, recordOfLayout(layout, read)), {
        trouble: createQuoteTrouble(),
        rowsPerSlice,
        yieldToHost,
        onSlice: progress(true),
      });
      return found;
    };
    const result = await (importer ?? startImporting()).finish(recordsAt);
    // One pass over the rows made, not a step of the per-cell loop: texts repeat, and the scorer remembers them.
    if (options.scoreText !== undefined)
      await labelNewRows(result.feedback, options.scoreText, yieldToHost, SCORE_ROWS);
    return result;
  } finally {
    hostTurns?.close();
  }
}

/** Reads records one by one by a plan of the columns, then finishes what needs every row (`finish`). */
interface RecordImporter {
  accept: (index: number, record: string[]) => void;
  /** `recordsAt` reads records again, for rows found to be rejected only once every row is read. */
  finish: (recordsAt: RecordsAt) => Promise<CsvImportResult>;
}

/** The records at some indexes (a row's index is its number less one), read again from the text. */
type RecordsAt = (indexes: ReadonlySet<number>) => Promise<Map<number, string[]>>;

function createRecordImporter(
  options: CsvImportOptions,
  hooks: CsvImportHooks,
  layout: CsvLayout,
  plan: ColumnPlan,
  trouble: QuoteTrouble,
  expectedRows = 0,
): RecordImporter {
  const { headers, firstDataIndex } = layout;
  const repeatsHeader = headerRowTest(layout.headerRecords[0] ?? []);
  const { mapping, shape, roles, profiles, textColumns, questions: questionColumns } = plan;
  // The feedback the file should make, from its length: the columns kept per feedback or per row are
  // made that size at once (4 MB of copies and zeroed memory per column of a 20,000-row wide survey
  // otherwise, and a column growing in the middle of the import sends the compiled row code back).
  const expectedFeedback = shape === "wide" ? expectedRows * questionColumns.length : expectedRows;
  // Segment columns: undefined for a file without any, so that its rows build nothing for them.
  const readSegments = plan.segments.length === 0 ? undefined : createSegmentReader(plan.segments, headers, options.columns);
  // No-answers of imported rows, for `noAnswerGroups`: the feedback of their row, and the links of a wide
  // row's unanswered question (null: the feedback's own).
  const groupNoAnswers = options.noAnswerGroups === true;
  const noAnswerAt = new IntColumn();
  const noAnswerLinks: (LinkIds | null)[] = [];
  const makeId = options.makeId ?? createDefaultIdMaker();

  const columnName = (column: number | null): string | null => (column === null ? null : (headers[column] ?? null));
  const ratingCol = mapping.rating;
  const textCol = mapping.text;
  const ownExport = isFeedbackExportHeader(headers);
  const dateCol = mapping.date;
  const stageCol = mapping.stage;
  const touchpointCol = mapping.touchpoint;
  const personaCol = mapping.persona;
  const sourceCol = mapping.source;
  const scaleCol = mapping.scale;
  const kindCol = mapping.kind;
  const authorCol = mapping.author;
  const responseCol = mapping.responseId;
  const ratingName = columnName(ratingCol);
  const textName = columnName(textCol);
  const dateName = columnName(dateCol);
  const linkedNames: Record<LinkedField, string | null> = {
    stage: columnName(stageCol),
    touchpoint: columnName(touchpointCol),
    persona: columnName(personaCol),
  };
  const scaleName = columnName(scaleCol);
  const kindName = columnName(kindCol);
  const authorName = columnName(authorCol);
  const authorSideOf = authorName === null ? null : authorSideReader(authorName);
  const responseName = columnName(responseCol);
  // Responses already in the journey.
  const alreadyImported = knownResponses(options.alreadyImported);
  // Rows without an id are known by their content; each key is used up as often as the journey holds it.
  const contentKeysUsed = new Map<string, number>();
  const contentKeysLeft = (key: string) => (alreadyImported === null ? 0 : alreadyImported.count(key) - (contentKeysUsed.get(key) ?? 0));
  const useContentKey = (key: string) => contentKeysUsed.set(key, (contentKeysUsed.get(key) ?? 0) + 1);
  /**
   * The `responseIdHash` of each feedback's response id (-1 without one), or of each wide row's: the
   * responses the file repeats are found by them once every row is read.
   */
  const idHashes = new IntColumn(responseCol === null ? 0 : expectedRows);

  // Every number reading of the columns, by slot: a feedback keeps its reading as a slot in a typed array.
  const slots: ReadingSlots = { readings: [], counts: new IntColumn() };
  // One scale object shared by every feedback on it, so frozen: changing one row's scale must not change all.
  const columnReaders = headers.map((_, index) =>
    createColumnReader(options.columns?.[index], profiles[index], roles[index] ?? "ignore", slots),
  );
  const ratingReader = ratingCol === null ? null : (columnReaders[ratingCol] ?? null);
  const callerScale = options.scale ?? ratingReader?.scale ?? null;
  const givenScale: RatingScale | null =
    callerScale === null ? null : Object.freeze({ min: callerScale.min, max: callerScale.max });
  const readRatingCell = (ratingReader ?? createColumnReader(undefined, undefined, "rating", slots)).read;
  const fixed = options.fixed ?? {};
  // A stage, touchpoint or persona cell holding "N/A", "-" or "Don't know" names none (a
  // person's own no-answer list for the column, when given, is the whole list); judged once per distinct cell.
  // A name the journey has ("NA" for North America, say) is that entity's, whatever it reads like.
  // Per column, so that a row's cell is looked up as it is, with no key string built for every row.
  const namesNone = new Map<number, Map<string, boolean>>();
  let journeyNames: Set<string> | null = null;
  const isNoName = (column: number, cell: string): boolean => {
    if (!hasContent(cell)) return true;
    let judged = namesNone.get(column);
    if (judged === undefined) namesNone.set(column, (judged = new Map()));
    let none = judged.get(cell);
    if (none === undefined) {
      const custom = options.columns?.[column]?.noAnswer;
      none = custom === undefined ? isNoAnswerWord(cell) : custom.some((word) => wordKey(word) === wordKey(cell));
      if (none) {
        journeyNames ??= new Set([...options.map.stages, ...options.map.touchpoints, ...options.map.personas].map((entity) => wordKey(entity.name)));
        none = !journeyNames.has(wordKey(cell));
      }
      if (judged.size < 10_000) judged.set(cell, none);
    }
    return none;
  };
  const fixedCell = (column: number | null, record: readonly string[], value: string | undefined): string => {
    const cell = column === null ? "" : unescapeFormula(record[column] ?? "");
    if (column !== null && !isNoName(column, cell)) return cell;
    return value ?? (hasContent(cell) ? "" : cell);
  };
  // A file has a handful of sources: each row's keeps one shared string, not a copy of its cell. A
  // source is the tool's own text, kept as written ("-" included), a fixed value filling empty cells.
  const sources = new Map<string, string>();
  const sourceCell = (record: readonly string[]): string => {
    const written = sourceCol === null ? "" : unescapeFormula(record[sourceCol] ?? "");
    const cell = fixed.source !== undefined && !hasContent(written) ? fixed.source : written;
    const known = sources.get(cell);
    if (known !== undefined) return known;
    if (sources.size < 1000) sources.set(cell, cell);
    return cell;
  };
  /**
   * The comment: the text column's cell, or the text columns' non-empty cells joined by a blank line;
   * a placeholder for no text ("nan" as pandas writes it, "N/A", "-") is none, except in our own
   * export, which is read exactly as written.
   */
  const isNoText = ownExport ? () => false : isPlaceholder;
  const readText = (record: readonly string[]): string => {
    if (textColumns.length <= 1) {
      const cell = textCol === null ? "" : unescapeFormula(record[textCol] ?? "");
      return isNoText(cell) ? "" : cell;
    }
    let joined = "";
    for (const column of textColumns) {
      const cell = unescapeFormula(record[column] ?? "");
      if (!hasContent(cell) || isNoText(cell)) continue;
      joined = joined === "" ? cell.trim() : `${joined}\n\n${cell.trim()}`;
    }
    return joined;
  };
  const tally = createRatingTally();
  // Ratings by survey (`plan.scaleBy`): each survey's tally and given scale, and each feedback's survey.
  // Surveys are told apart as words ("NPS" and "nps" are one); past MAX_SURVEYS values, the rest share one.
  const surveyCol = plan.scaleBy;
  const surveys: SurveyRatings[] = [];
  const surveyByCell = new Map<string, number>();
  const surveyByKey = new Map<string, number>();
  const givenSurveyScales = new Map<string, RatingScale>();
  for (const [value, scale] of Object.entries(options.scaleBy?.scales ?? {})) {
    givenSurveyScales.set(wordKey(value), Object.freeze({ min: scale.min, max: scale.max }));
  }
  const surveyAt = new IntColumn(surveyCol === null ? 0 : expectedFeedback);
  /** A file of one answer per row: the feedback whose answer was words, a comment unless its question's words are a scale's. */
  const answerWords = new IntColumn();
  // A file of one answer per row: its answer column, whose words are comments rather than unreadable ratings,
  // and each question's touchpoint name (a short form of it).
  const answersCol = plan.questionAnswers?.answer ?? null;
  const answerNames = plan.questionAnswers === null ? null : (plan.questionAnswers.names ?? {});
  const surveyOf = (record: readonly string[]): number => {
    const cell = surveyCol === null ? "" : (record[surveyCol] ?? "");
    let index = surveyByCell.get(cell);
    if (index !== undefined) return index;
    const value = unescapeFormula(cell).trim();
    const key = surveys.length < MAX_SURVEYS ? wordKey(value) : "";
    index = surveyByKey.get(key);
    if (index === undefined) {
      index = surveys.length;
      surveys.push({ value: key === "" ? "" : value, tally: createRatingTally(), ratings: 0, given: givenSurveyScales.get(key) ?? null });
      surveyByKey.set(key, index);
    }
    if (surveyByCell.size < 10_000) surveyByCell.set(cell, index);
    return index;
  };
  // Per feedback, its row, and its rating reading while the scale is unknown (null once it is known or
  // there is none).
  const feedbackRows = new IntColumn(expectedFeedback);
  /** The slot of each feedback's waiting reading, -1 for none. */
  const waitingSlots = new IntColumn(expectedFeedback);
  const waitingAt = (at: number): SlottedRating | null => {
    const slot = waitingSlots.at(at);
    return slot < 0 ? null : (slots.readings[slot] as SlottedRating);
  };
  /** The rated feedback without text, rejected if its rating turns out off the scale (its record read again then). */
  const textlessAt = new IntColumn(expectedFeedback);
  const unreadable: UnreadableRating[] = [];
  // A column named as a date holding numbers of five digits was saved from a spreadsheet that showed its days as numbers.
  const readDateCell = createDateReader(options.dateOrder ?? null, dateCol !== null && headerClueScore(headers[dateCol] ?? "", "date") > 0);
  const scaleCache = new Map<string, RatingScale | null>();
  const kindBySource = new Map<string, FeedbackKind>();
  let lastSource: string | null = null;
  let lastKind: FeedbackKind = "survey";
  const linker = createEntityLinker(options.map, {
    create: {
      stages: options.create?.stages ?? true,
      touchpoints: options.create?.touchpoints ?? true,
      personas: options.create?.personas ?? true,
    },
    makeId,
  });
  const links = createRowLinks();

  let feedback: Feedback[] = [];
  const errors: CsvProblem[] = [];
  const rejectedRows: RejectedRow[] = [];
  const created = linker.created;
  const maxNewStages = options.maxNewStages ?? null;
  /** Stops the import once the rows have created more stages than allowed ("Unassigned" aside). */
  const checkNewStages = (): void => {
    if (maxNewStages === null || created.stages.length <= maxNewStages) return;
    const named = created.stages.filter((stage) => stage.name !== UNASSIGNED_STAGE);
    if (named.length > maxNewStages) throw new TooManyNewStagesError(named.length, named.slice(0, 3).map((stage) => stage.name));
  };
  let rows = 0;
  let blankRows = 0;
  let duplicates = 0;

  // Day/month-ambiguous dates wait for the rest of the column: feedback index and row.
  const ambiguousFeedback: number[] = [];
  const ambiguousCells: string[] = [];
  let dayFirstRow = -1;
  let monthFirstRow = -1;

  const reject = (row: number, record: string[], problems: readonly CsvProblem[]): RejectedRow => {
    // Cells as the person wrote them (an export's formula escaping undone), so a re-export escapes them once.
    const rejected = { row, cells: record.map(unescapeFormula), reasons: problems.map((problem) => problem.message) };
    rejectedRows.push(rejected);
    for (const problem of problems) errors.push(problem);
    return rejected;
  };

  const wide = shape === "wide";
  // A survey of thousands of questions (or a hostile file of thousands of number columns) is refused
  // whole, with what to do: each pair of questions a respondent answered is a sum key drivers keep.
  const tooManyQuestions = wide && questionColumns.length > MAX_WIDE_QUESTIONS;
  const mostQuestions = MAX_WIDE_QUESTIONS.toLocaleString("en");
  // No row can be read: nothing is mapped, or the file asks too much.
  const readsNone = tooManyQuestions || (wide ? questionColumns.length === 0 && textCol === null : ratingCol === null && textCol === null);
  const readsNoneReason = tooManyQuestions
    ? `${questionColumns.length.toLocaleString("en")} question columns, more than the ${mostQuestions} one import reads`
    : "no column is mapped to a rating or a text";
  if (options.headerRow !== undefined && isBlankRecord(layout.headerRecords[0] ?? [])) {
    // The row the person named holds no names: "the file is empty" would send them looking for the wrong thing.
    const detail = `is blank or past the end of the file, so it names no column: choose the row the column names are on`;
    errors.push(csvProblem(layout.headerRow, null, `chosen as the header row, ${detail}`));
  } else if (headers.length === 0) {
    errors.push(csvProblem(1, null, "the file is empty (not even a header row): there is nothing to import"));
  } else if (tooManyQuestions) {
    errors.push(csvProblem(1, null, `the file has ${readsNoneReason}: choose at most ${mostQuestions} questions to import (the column table's roles, or --question)`));
  } else if (readsNone) {
    errors.push(
      csvProblem(
        1,
        null,
        wide
          ? "no column is a question or a text, so no row can be imported: choose them in the column mapping"
          : "no column is mapped to a rating or a text, so no row can be imported: choose them in the column mapping",
      ),
    );
  }

  // Title lines above the header are skipped, and said so: the person sees which rows were not read.
  for (const { row, text } of layout.titles) {
    errors.push(csvProblem(row, null, `reads as a title above the header (${quoteCell(text)}), not as a response: skipped`));
  }

  // A second "Rating" column beside the one read as the rating: its values would go unread without a word.
  const mappedAs = new Map<number, MappedField>();
  for (const field of MAPPED_FIELDS) {
    const column = mapping[field];
    if (column !== null) mappedAs.set(column, field);
  }
  for (const { column, of, name } of layout.repeats) {
    const field = mappedAs.get(of);
    if (field === undefined || mappedAs.has(column) || roles[column] === "segment") continue;
    errors.push(
      csvProblem(
        1,
        headers[column] ?? name,
        `repeats the header "${name}" of column ${columnLetter(of)}, which is read as the ${FIELD_WORDS[field]}; this column is not imported (map it instead if it is the right one)`,
      ),
    );
  }

  // The date of the row being read, set by `readRowDate` (no object per row).
  let rowDate: string | null = null;
  let rowDateReading: DateReading | null = null;
  /** Reads a row's date into `rowDate`; an unreadable one is a problem (returned), an ambiguous one waits for the rest of the column. */
  const readRowDate = (row: number, record: readonly string[]): CsvProblem | null => {
    rowDate = null;
    rowDateReading = null;
    if (dateCol === null) return null;
    const reading = readDateCell(record[dateCol] ?? "");
    rowDateReading = reading;
    if (reading.kind === "date") {
      if (reading.order === "day-first") {
        if (dayFirstRow < 0) dayFirstRow = row;
      } else if (reading.order === "month-first" && monthFirstRow < 0) monthFirstRow = row;
      rowDate = reading.iso;
      return null;
    }
    if (reading.kind === "unreadable") {
      const cell = record[dateCol] ?? "";
      const detail = isRelativeTime(cell)
        ? `${quoteCell(cell)} counts back from the day the file was made, which the file does not say: not a date; left empty`
        : `${quoteCell(cell)} is not a date (write it like 2024-03-05, 03/05/2024 or 5 March 2024); left empty`;
      return csvProblem(row, dateName, detail);
    }
    return null;
  };

  /** Maps one non-blank data record, which is known not to be a trailing summary row. */
  const importRecord = (index: number, record: string[]): void => {
    const row = index + 1;
    if (trouble.broken.size > 0 && trouble.broken.has(index)) {
      rows++;
      // Its problem is already among the quote problems.
      const problem = trouble.problems.find((p) => p.row === row);
      rejectedRows.push({ row, cells: record.map(unescapeFormula), reasons: problem === undefined ? [] : [problem.message] });
      return;
    }
    if (record.length > headers.length) {
      const extra = record.slice(headers.length).filter(hasContent);
      if (extra.length > 0) {
        rows++;
        reject(row, record, [
          csvProblem(
            row,
            null,
            `has ${record.length} cells where the header has ${headers.length} (extra: ${extra.map(quoteCell).join(", ")}); a text with a comma but no quotes around it? Its cells may sit in the wrong columns: not imported`,
          ),
        ]);
        return;
      }
    }
    // The company's own message (an agent's answer in a conversation export): no customer feedback.
    if (authorCol !== null && authorSideOf !== null && !readsNone) {
      const cell = record[authorCol] ?? "";
      if (authorSideOf(cell) === "company") {
        rows++;
        reject(row, record, [csvProblem(row, authorName, `${quoteCell(cell)}: written by the company, not a customer's feedback: skipped (to keep such rows, do not read this column as who wrote them: the column table's roles, or a --columns mapping without author)`)]);
        return;
      }
    }
    if (wide && !readsNone) {
      importWideRow(row, record);
      return;
    }
    if (readsNone) {
      if (isBlankRecord(record)) blankRows++;
      else {
        rows++;
        rejectedRows.push({ row, cells: record.map(unescapeFormula), reasons: [readsNoneReason] });
      }
      return;
    }

    let problems: CsvProblem[] | null = null;
    let text = readText(record);
    let hasText = hasContent(text);

    // The row's own scale ("Scale" column of an export), else the one given, else the file's, known at the end.
    let rowScale: RatingScale | null = null;
    if (scaleCol !== null) {
      const raw = unescapeFormula(record[scaleCol] ?? "");
      if (hasContent(raw)) {
        let parsed = scaleCache.get(raw);
        if (parsed === undefined) {
          const scale = parseScale(raw);
          parsed = scale === null ? null : Object.freeze(scale);
          scaleCache.set(raw, parsed);
        }
        if (parsed === null) {
          (problems ??= []).push(
            csvProblem(row, scaleName, `${quoteCell(raw)} is not a scale like "1–5" or "0–10"; the file's scale is used`),
          );
        }
        rowScale = parsed;
      }
    }
    const survey = surveyCol === null ? -1 : surveyOf(record);
    const knownScale = rowScale ?? givenScale ?? (survey < 0 ? null : (surveys[survey] as SurveyRatings).given);

    let rating: number | null = null;
    let scale: RatingScale | null = rowScale;
    let ratingProblem: string | null = null;
    let unreadableRaw: string | null = null;
    let waiting: SlottedRating | null = null;
    let ratingCellValue: number | null = null;
    let ratingNoAnswer = false;
    let answerWord = false;
    if (ratingCol !== null) {
      const raw = record[ratingCol] ?? "";
      const reading = readRatingCell(raw);
      if (reading.kind === "empty" && ratingReader !== null) {
        countNoAnswer(ratingReader, raw);
        ratingNoAnswer = true;
      }
      if (reading.kind === "number") {
        ratingCellValue = reading.value;
        if (survey >= 0) (surveys[survey] as SurveyRatings).ratings++;
        if (knownScale === null) {
          addToTally(survey < 0 ? tally : (surveys[survey] as SurveyRatings).tally, reading);
          rating = reading.value;
          waiting = reading;
        } else {
          ratingProblem = offScale(raw, reading.value, reading.outOf, knownScale);
          if (ratingProblem === null) {
            rating = reading.value;
            scale = knownScale;
          }
        }
      } else if (reading.kind === "unreadable") {
        if (ratingCol === answersCol) {
          // An open question's answer: the row's comment (or a word of its question's scale, known at the end).
          if (!hasText) {
            text = unescapeFormula(raw).trim();
            hasText = true;
            answerWord = true;
          }
        } else if (knownScale === null) unreadableRaw = raw;
        else ratingProblem = `${quoteCell(raw)} is not a number on a ${formatScale(knownScale)} scale`;
      }
    }

    const dateProblem = readRowDate(row, record);
    if (dateProblem !== null) (problems ??= []).push(dateProblem);
    const date = rowDate;
    const dateReading = rowDateReading as DateReading | null;

    // A 0 whose scale is not known yet may turn out to be no answer (`zeroIsNoAnswer`), as it did when the
    // file was imported before: the journey then holds the response without a rating.
    const waitingZero = waiting !== null && waiting.value === 0;

    // The response's id: a response already in the journey, or earlier in the file, is not counted twice.
    let responseId: string | null = null;
    let idHash = -1;
    // One answer per row: the id is the respondent's, shared by their answers (as in a wide file), not a response's.
    let respondent: string | null = null;
    if (responseCol !== null) {
      const raw = unescapeFormula(record[responseCol] ?? "").trim();
      if (raw !== "" && answersCol !== null) respondent = raw;
      else if (raw !== "") {
        responseId = raw;
        idHash = responseIdHash(raw);
        const known =
          alreadyImported !== null &&
          alreadyImported.mayHaveId(raw) &&
          (alreadyImported.count(responseKey({ responseId: raw, rating: ratingCellValue, text }) ?? "") > 0 ||
            // A 0 that may be no answer, or a rating off the scale, was kept without a rating.
            ((waitingZero || ratingProblem !== null) && alreadyImported.count(responseKey({ responseId: raw, rating: null, text }) ?? "") > 0));
        if (known) {
          rows++;
          duplicates++;
          const detail = `response ${quoteCell(raw)} is already in the journey (same response id, rating and text): skipped`;
          reject(row, record, [csvProblem(row, responseName, detail)]);
          return;
        }
      }
    }

    if (rating === null && !hasText) {
      if (ratingProblem === null && unreadableRaw === null && isBlankRecord(record)) {
        blankRows++;
        return;
      }
      rows++;
      if (unreadableRaw !== null) {
        unreadable.push({ row, raw: unreadableRaw, rejected: reject(row, record, problems ?? []), survey });
        return;
      }
      // A question left unanswered, in a file of one answer per row: a no-answer (counted), and its row says which question.
      const unanswered = ratingNoAnswer && answersCol !== null && touchpointCol !== null ? (record[touchpointCol] ?? "").trim() : "";
      const reason =
        ratingProblem !== null
          ? csvProblem(row, ratingName, `${ratingProblem}, and the row has no text either: not imported`)
          : unanswered !== ""
            ? csvProblem(row, ratingName, `no answer to ${quoteCell(unanswered)}: nothing to import`)
            : csvProblem(row, null, `has no rating and no text (${describeNothing(ratingCol === null ? "" : (record[ratingCol] ?? ""), ratingName, textName)}): not imported`);
      reject(row, record, [reason, ...(problems ?? [])]);
      return;
    }
    rows++;
    if (ratingProblem !== null) {
      (problems ??= []).unshift(csvProblem(row, ratingName, `${ratingProblem}; imported as a text-only response`));
    }

    // Stage, touchpoint, persona: found by name, or created once the row is known to be imported.
    const touchpointCell = fixedCell(touchpointCol, record, fixed.touchpoint);
    linker.link(
      fixedCell(stageCol, record, fixed.stage),
      answerNames === null ? touchpointCell : (answerNames[touchpointCell.trim()] ?? touchpointCell),
      fixedCell(personaCol, record, fixed.persona),
      links,
    );
    if (links.problems !== null) {
      for (const { field, detail } of links.problems) (problems ??= []).push(csvProblem(row, linkedNames[field], detail));
      const rejected = reject(row, record, problems ?? []);
      if (unreadableRaw !== null) unreadable.push({ row, raw: unreadableRaw, rejected, survey });
      return;
    }
    const segments = readSegments?.(record);
    // A row without a response id that the journey already holds (same content), as often as it holds it.
    if (alreadyImported !== null && responseId === null) {
      const content = {
        date,
        rating,
        text,
        source: sourceCell(record),
        stageId: links.stageId,
        touchpointId: links.touchpointId,
        personaId: links.personaId,
        segments,
      };
      let key = contentKey(content);
      if (waitingZero && contentKeysLeft(key) <= 0) key = contentKey({ ...content, rating: null });
      const left = contentKeysLeft(key);
      if (left > 0 && links.newStage === null && links.newTouchpoint === null && links.newPersona === null) {
        useContentKey(key);
        duplicates++;
        reject(row, record, [csvProblem(row, null, "is already in the journey (same date, rating, text, stage, touchpoint, persona and source): skipped")]);
        return;
      }
    }
    const creatingStage = links.newStage !== null;
    const creatingTouchpoint = links.newTouchpoint !== null;
    linker.commit(links);
    if (creatingStage) checkNewStages();
    // A question's touchpoint named by a short form of it keeps the question, as a wide file's does.
    if (creatingTouchpoint && answerNames !== null) {
      const touchpoint = created.touchpoints[created.touchpoints.length - 1];
      const question = touchpointCell.trim();
      if (touchpoint !== undefined && touchpoint.name !== question) touchpoint.question = question;
    }

    const source = sourceCell(record);
    let kind: FeedbackKind | null = null;
    if (kindCol !== null) {
      const raw = record[kindCol] ?? "";
      if (hasContent(raw)) {
        kind = readFeedbackKind(raw);
        if (kind === null) {
          (problems ??= []).push(
            csvProblem(row, kindName, `${quoteCell(raw)} is not a feedback kind (survey, interview, review, social, support, form); guessed instead`),
          );
        }
      }
    }
    if (kind === null) {
      // Most files have one source, or runs of it: the last one answers before any lookup.
      if (source === lastSource) kind = lastKind;
      else {
        kind = options.kind ?? kindBySource.get(source) ?? null;
        if (kind === null) {
          kind = guessFeedbackKind(source) ?? "survey";
          kindBySource.set(source, kind);
        }
        lastSource = source;
        lastKind = kind;
      }
    }

    const at = feedback.length;
    if (dateReading !== null && dateReading.kind === "ambiguous") {
      ambiguousFeedback.push(at);
      ambiguousCells.push(dateCol === null ? "" : (record[dateCol] ?? ""));
    }
    feedbackRows.push(row);
    waitingSlots.push(waiting === null ? -1 : waiting.slot);
    if (waiting !== null && !hasText) textlessAt.push(at);
    if (unreadableRaw !== null) unreadable.push({ row, raw: unreadableRaw, rejected: null, survey });
    if (surveyCol !== null) surveyAt.push(survey);
    if (responseCol !== null) idHashes.push(idHash);
    feedback.push({
      id: makeId("feedback"),
      kind,
      rating,
      scale,
      text,
      date,
      source,
      stageId: links.stageId,
      touchpointId: links.touchpointId,
      personaId: links.personaId,
      // Always present (undefined without one), so every feedback object, a wide answer's too, has the same shape.
      responseId: responseId ?? undefined,
      respondentId: respondent ?? undefined,
    });
    if (segments !== undefined) (feedback[at] as Feedback).segments = segments;
    if (answerWord) answerWords.push(at);
    if (ratingNoAnswer && groupNoAnswers) {
      noAnswerAt.push(at);
      noAnswerLinks.push(null);
    }
    if (problems !== null) for (const problem of problems) errors.push(problem);
  };

  // A wide file's questions: each answered one becomes a feedback on its touchpoint.
  const questions: WideQuestion[] = questionColumns.map((column) => {
    const header = headers[column] ?? "";
    const setting = options.columns?.[column];
    const profile = profiles[column];
    const reader = columnReaders[column] ?? createColumnReader(setting, profile, "question", slots);
    return {
      column,
      header,
      name: setting?.name ?? profile?.shortName ?? questionShortName(header),
      stage: setting?.stage ?? "",
      measure: setting?.measure === undefined ? (profile?.measure ?? null) : setting.measure,
      reader,
      tally: createRatingTally(),
      answerScale: { min: Number.NaN, max: Number.NaN },
      touchpoint: null,
      final: null,
    };
  });
  const outcomeAsked = questions.some((question) => question.measure === "outcome");
  /**
   * The links of each question's answers, by the row's stage and persona cells ("stage\0persona"):
   * most rows name the same few, so a row looks its questions' links up once. Up to 1,000 pairs kept.
   */
  const linkSets = new Map<string, (LinkIds | undefined)[]>();
  const linkSetFor = (linkKey: string): (LinkIds | undefined)[] | null => {
    let set = linkSets.get(linkKey);
    if (set === undefined) {
      if (linkSets.size >= 1000) return null;
      set = new Array<LinkIds | undefined>(questions.length).fill(undefined);
      linkSets.set(linkKey, set);
    }
    return set;
  };
  /** Per feedback of a wide file, the index of its question in `questions`; -1 for a row's text alone. */
  const answerQuestion = new IntColumn(expectedFeedback);
  /** Wide rows that made at least one feedback, before any is found to be a duplicate or off its scale. */
  let wideRowsImported = 0;
  /** Wide rows without text, to list them if every answer turns out off its scale. */
  const wideTextless = new Set<number>();
  const respondentStem = wide ? `${makeId("feedback")}-r` : "";
  // Per imported row of a wide file with a response id column: its first feedback (its answers follow it).
  const wideRowStarts = new IntColumn(responseCol === null ? 0 : expectedRows);
  // A row's answers as two parallel arrays, reused from row to row (no object per answer): the first
  // `rowAnswered` entries are the row's. Never emptied: an array emptied by its length gives up its
  // storage, which the next row's pushes would make again.
  const rowQuestions = new Int32Array(questions.length);
  const rowReadings = new Array<SlottedRating | undefined>(questions.length).fill(undefined);
  let rowAnswered = 0;
  /** With `noAnswerGroups`: the questions a row left unanswered (the first `rowSkipped`). */
  const rowUnanswered = new Int32Array(questions.length);
  let rowSkipped = 0;

  /**
   * Reads a wide row's questions: its answers into `rowQuestions` and `rowReadings`, and with
   * `noAnswerGroups` its unanswered questions into `rowUnanswered`. Returns the problems of cells
   * that are no answer on their question's scale.
   */
  const readWideAnswers = (row: number, record: readonly string[]): CsvProblem[] | null => {
    let problems: CsvProblem[] | null = null;
    rowAnswered = 0;
    rowSkipped = 0;
    for (let q = 0; q < questions.length; q++) {
      const question = questions[q] as WideQuestion;
      const raw = record[question.column] ?? "";
      const reading = question.reader.read(raw);
      if (reading.kind === "empty") {
        countNoAnswer(question.reader, raw);
        if (groupNoAnswers) rowUnanswered[rowSkipped++] = q;
      } else if (reading.kind === "number") {
        const known = question.reader.scale;
        const problem = known === null ? null : offScale(raw, reading.value, reading.outOf, known);
        if (problem !== null) (problems ??= []).push(csvProblem(row, question.header, `${problem}; this answer is not counted`));
        else {
          rowQuestions[rowAnswered] = q;
          rowReadings[rowAnswered++] = reading;
        }
      } else {
        (problems ??= []).push(
          csvProblem(row, question.header, `${quoteCell(raw)} is neither a number nor a word of this question's scale; this answer is not counted`),
        );
      }
    }
    return problems;
  };

  /** The problems of an answer `linker.link` could not link (`question` null: the row's text alone), added to `problems`. */
  const linkProblems = (row: number, question: WideQuestion | null, problems: CsvProblem[] | null): CsvProblem[] => {
    const list = problems ?? [];
    for (const { field, detail } of links.problems ?? []) {
      list.push(csvProblem(row, field === "touchpoint" ? (question?.header ?? null) : linkedNames[field], detail));
    }
    return list;
  };

  /**
   * Creates what `linker.link` left to create for an answer (or an unanswered question), names a
   * touchpoint created for a question after it (the full question, the NPS or outcome mark), and
   * keeps the links for the next rows of the same stage and persona. Returns the links.
   */
  const commitAnswerLinks = (question: WideQuestion | null, questionIndex: number, linkSet: (LinkIds | undefined)[] | null): LinkIds => {
    const creating = links.newTouchpoint !== null;
    const creatingStage = links.newStage !== null;
    linker.commit(links);
    if (creatingStage) checkNewStages();
    const ids: LinkIds = { stageId: links.stageId, touchpointId: links.touchpointId, personaId: links.personaId };
    if (question === null) return ids;
    if (creating) {
      const touchpoint = created.touchpoints[created.touchpoints.length - 1];
      if (touchpoint !== undefined) {
        if (touchpoint.name !== question.header) touchpoint.question = question.header;
        if (question.measure !== null) touchpoint.measure = question.measure;
      }
    }
    if (linkSet !== null) linkSet[questionIndex] = ids;
    return ids;
  };

  /**
   * Whether a wide row is already in the journey, by its first answer: by response id and answers, or
   * without an id by content (mapped fields and date). Such a row is counted and listed as skipped.
   */
  const importedBefore = (
    row: number,
    record: string[],
    first: Pick<Feedback, "date" | "rating" | "text" | "source" | "segments">,
    responseId: string,
  ): boolean => {
    if (alreadyImported === null || links.newStage !== null || links.newTouchpoint !== null || links.newPersona !== null) return false;
    const key =
      responseId === ""
        ? contentKey({ ...first, stageId: links.stageId, touchpointId: links.touchpointId, personaId: links.personaId })
        : responseKey({ responseId, rating: first.rating, text: first.text });
    const left = key === null ? 0 : responseId === "" ? contentKeysLeft(key) : alreadyImported.mayHaveId(responseId) ? alreadyImported.count(key) : 0;
    if (left === 0) return false;
    if (key !== null && responseId === "") useContentKey(key);
    rows++;
    duplicates++;
    reject(row, record, [csvProblem(row, null, "is already in the journey (the same answers, date and text): skipped")]);
    return true;
  };

  const importWideRow = (row: number, record: string[]): void => {
    let problems = readWideAnswers(row, record);
    const text = readText(record);
    const hasText = hasContent(text);
    if (rowAnswered === 0 && !hasText) {
      if (problems === null && isBlankRecord(record)) {
        blankRows++;
        return;
      }
      rows++;
      reject(row, record, [csvProblem(row, null, "has no answer to any question and no text: not imported"), ...(problems ?? [])]);
      return;
    }
    const dateProblem = readRowDate(row, record);
    if (dateProblem !== null) (problems ??= []).push(dateProblem);
    const date = rowDate;
    const dateReading = rowDateReading as DateReading | null;
    const responseId = responseCol === null ? "" : unescapeFormula(record[responseCol] ?? "").trim();
    const rowStage = fixedCell(stageCol, record, fixed.stage);
    const persona = fixedCell(personaCol, record, fixed.persona);
    const source = sourceCell(record);
    // One object for all of a respondent's answers: their segments are the same.
    const segments = readSegments?.(record);
    let kind = kindCol === null ? null : readFeedbackKind(record[kindCol] ?? "");
    if (kind === null) {
      // Most files have one source: its kind is guessed once, not for every row.
      if (source !== lastSource) {
        lastSource = source;
        lastKind = options.kind ?? guessFeedbackKind(source) ?? "survey";
      }
      kind = lastKind;
    }
    const respondentId = responseId === "" ? `${respondentStem}${row}` : responseId;
    const linkKey = persona === "" ? rowStage : `${rowStage}\u0000${persona}`;
    // The outcome's answer carries the row's text, else the first answer.
    let carrier = 0;
    if (outcomeAsked) {
      for (let k = 0; k < rowAnswered; k++) {
        if (questions[rowQuestions[k] as number]?.measure === "outcome") {
          carrier = k;
          break;
        }
      }
    }
    // Most rows name the same stage and persona: their answers' links are looked up once per pair.
    const linkSet = alreadyImported === null ? linkSetFor(linkKey) : null;
    const ambiguousCell = dateReading !== null && dateReading.kind === "ambiguous" ? (dateCol === null ? "" : (record[dateCol] ?? "")) : null;
    const rowFields: WideRowFields = { kind, date, source, responseId: responseId === "" ? undefined : responseId, respondentId, segments };
    const first = feedback.length;
    const answerCount = Math.max(rowAnswered, 1);
    for (let k = 0; k < answerCount; k++) {
      const questionIndex = k < rowAnswered ? (rowQuestions[k] as number) : -1;
      const answer = k < rowAnswered ? rowReadings[k] : undefined;
      const question = answer === undefined ? null : (questions[questionIndex] as WideQuestion);
      const cached = question === null || linkSet === null ? undefined : linkSet[questionIndex];
      const rating = answer === undefined ? null : answer.value;
      const itemText = k === carrier ? text : "";
      if (cached === undefined) {
        linker.link(question === null ? rowStage : question.stage || rowStage, question?.name ?? "", persona, links);
        if (links.problems !== null) {
          problems = linkProblems(row, question, problems);
          continue;
        }
        if (k === 0 && importedBefore(row, record, { date, rating, text: itemText, source, segments }, responseId)) return;
        commitAnswerLinks(question, questionIndex, linkSet);
      }
      const ids = cached ?? links;
      if (question !== null) {
        question.touchpoint = ids.touchpointId;
        // Counted by reading, a tally made of the counts at the end (no map update per answer).
        if (answer !== undefined) slots.counts.add(answer.slot, 1);
      }
      if (ambiguousCell !== null) {
        ambiguousFeedback.push(feedback.length);
        ambiguousCells.push(ambiguousCell);
      }
      feedbackRows.push(row);
      waitingSlots.push(answer === undefined ? -1 : answer.slot);
      answerQuestion.push(questionIndex);
      feedback.push(wideFeedback(makeId("feedback"), rowFields, question, answer, ids, itemText));
    }
    rows++;
    if (feedback.length === first) {
      reject(row, record, problems ?? [csvProblem(row, null, "no answer could be linked to the journey: not imported")]);
      return;
    }
    wideRowsImported++;
    if (!hasText) wideTextless.add(row);
    if (rowSkipped > 0) linkUnanswered(first, rowStage, persona, linkKey);
    if (problems !== null) for (const problem of problems) errors.push(problem);
    // A respondent the file may have had before: checked once every row is read.
    if (responseCol !== null) {
      wideRowStarts.push(first);
      idHashes.push(responseId === "" ? -1 : responseIdHash(responseId));
    }
  };

  /** The touchpoints of a wide row's unanswered questions, as an answer would be linked, for `noAnswerGroups`. */
  const linkUnanswered = (first: number, rowStage: string, persona: string, linkKey: string): void => {
    const linkSet = alreadyImported === null ? linkSetFor(linkKey) : null;
    for (let u = 0; u < rowSkipped; u++) {
      const q = rowUnanswered[u] as number;
      const question = questions[q] as WideQuestion;
      let ids = linkSet?.[q];
      if (ids === undefined) {
        linker.link(question.stage || rowStage, question.name, persona, links);
        // A question whose touchpoint cannot be linked has its no-answers counted in `noAnswers` only.
        if (links.problems !== null) continue;
        ids = commitAnswerLinks(question, q, linkSet);
      }
      noAnswerAt.push(first);
      noAnswerLinks.push(ids);
    }
  };

  // Rows that look like a summary ("Total") wait: they are skipped if nothing but blank rows follows
  // them, or a repeated header row (the next of several files joined into one).
  const heldIndex: number[] = [];
  const heldRecords: string[][] = [];
  /** Skips the held rows as summary rows: at the end of the file, or of one of the files joined into it. */
  const skipHeldRows = (): void => {
    for (let k = 0; k < heldIndex.length; k++) {
      const index = heldIndex[k] ?? 0;
      const record = heldRecords[k] ?? [];
      // Named like a summary but written like a response (a response id, or words in the text): a response.
      if (!summaryByValues(record)) {
        importRecord(index, record);
        continue;
      }
      rows++;
      const label = summaryRowLabel(record, textCol) ?? "";
      reject(index + 1, record, [csvProblem(index + 1, null, `looks like a summary row (${quoteCell(label)}), not a response: skipped`)]);
    }
    heldIndex.length = 0;
    heldRecords.length = 0;
  };
  /** Whether a row named "Total" or "Overall" holds what a summary holds: no response id, and no words in its text. */
  const summaryByValues = (record: readonly string[]): boolean => {
    // An id beside the label is a response's; the label itself in the id column ("Average" under "Respondent") is none.
    const id = responseCol === null ? "" : (record[responseCol] ?? "").trim();
    if (id !== "" && id !== summaryRowLabel(record, textCol)) return false;
    const text = readText(record).trim();
    return text === "" || readRating(text).kind === "number";
  };
  const acceptRecord = (index: number, record: string[]): void => {
    if (index < firstDataIndex) return;
    if (record.length === 1 && record[0] === "") {
      blankRows++;
      return;
    }
    if (repeatsHeader(record)) {
      skipHeldRows();
      rows++;
      const row = index + 1;
      reject(row, record, [csvProblem(row, null, "repeats the header row (two files joined into one?), not a response: skipped")]);
      return;
    }
    if (summaryRowLabel(record, textCol) !== null) {
      heldIndex.push(index);
      heldRecords.push(record);
      return;
    }
    if (heldIndex.length > 0) {
      for (let k = 0; k < heldIndex.length; k++) importRecord(heldIndex[k] ?? 0, heldRecords[k] ?? []);
      heldIndex.length = 0;
      heldRecords.length = 0;
    }
    importRecord(index, record);
  };

  return { accept: acceptRecord, finish };

  /** Once every record is read: the decisions that need the whole file, and the result. */
  async function finish(recordsAt: RecordsAt): Promise<CsvImportResult> {
    skipHeldRows();
    for (const problem of trouble.problems) errors.push(problem);
    // Each pass over every imported row below gets a task of its own in a panel.
    const nextTask = hooks.yieldToHost ?? (() => Promise.resolve());
    await nextTask();

    /**
     * Rows rejected once every row is read (a repeated response, a rating off the scale found at the
     * end, without text): listed in one go once all are known, their records read again from the text
     * in one pass (`read`: what the row's record still has to undo).
     */
    const queued: { row: number; problems: CsvProblem[]; read?: (record: readonly string[]) => void }[] = [];

    // Responses the file repeats (the same response id, rating and text as an earlier row): skipped.
    const removed = new Set<number>();
    const repeats = responseCol === null ? { hashes: new Set<number>(), rows: 0 } : repeatedIdHashes(idHashes.view());
    // A guessed id column whose values mostly repeat (a survey's id on every row) names no response.
    const notAnId =
      responseCol !== null &&
      options.mapping?.responseId === undefined &&
      repeats.rows * 2 >= idHashes.length &&
      !looksLikeResponseIds(idHashes.view());
    if (notAnId) {
      for (let at = 0; at < feedback.length; at++) {
        const item = feedback[at] as Feedback;
        // In a wide file the id named the respondent too: each row is its own respondent again.
        if (wide && item.responseId !== undefined) item.respondentId = `${respondentStem}${feedbackRows.at(at)}`;
        delete item.responseId;
      }
      mapping.responseId = null;
      errors.push(
        csvProblem(
          1,
          responseName,
          `this column repeats its values (${distinctIdCount(idHashes.view())} different in ${idHashes.length} rows): not read as a response id, so no row is skipped as a duplicate by it`,
        ),
      );
    }
    if (repeats.rows > 0 && !notAnId && wide) skipRepeatedRespondents();
    else if (repeats.rows > 0 && !notAnId) {
      // By the whole key (id, rating, text), so that one id on every row costs one look-up a row.
      const kept = new Map<string, number>();
      for (let at = 0; at < feedback.length; at++) {
        if (!repeats.hashes.has(idHashes.at(at))) continue;
        const item = feedback[at] as Feedback;
        const id = item.responseId;
        const key = responseKey(item);
        if (id === undefined || key === null) continue;
        const same = kept.get(key);
        if (same === undefined) {
          kept.set(key, at);
          continue;
        }
        const row = feedbackRows.at(at);
        removed.add(at);
        duplicates++;
        queued.push({
          row,
          problems: [
            csvProblem(
              row,
              responseName,
              `response ${quoteCell(id)} repeats row ${feedbackRows.at(same)} (same response id, rating and text): skipped as a duplicate`,
            ),
          ],
        });
      }
    }
    const removedRows = new Set([...removed].map((at) => feedbackRows.at(at)));
    if (repeats.rows > 0) await nextTask();

    /**
     * A wide file's rows whose response id an earlier row has: one respondent answers once, so the
     * later row is skipped, as a duplicate when its answers are the same, else as a second answer.
     */
    function skipRepeatedRespondents(): void {
      const rowById = new Map<string, number>();
      const rowByAnswers = new Map<string, number>();
      for (let k = 0; k < wideRowStarts.length; k++) {
        if (!repeats.hashes.has(idHashes.at(k))) continue;
        const start = wideRowStarts.at(k);
        const end = k + 1 < wideRowStarts.length ? wideRowStarts.at(k + 1) : feedback.length;
        const id = feedback[start]?.responseId;
        if (id === undefined) continue;
        let answers = id;
        for (let at = start; at < end; at++) {
          const item = feedback[at] as Feedback;
          answers += `\u0000${answerQuestion.at(at)}\u0000${item.rating ?? ""}\u0000${item.text}`;
        }
        const row = feedbackRows.at(start);
        const sameId = rowById.get(id);
        const sameAnswers = rowByAnswers.get(answers);
        if (sameId === undefined) {
          rowById.set(id, row);
          rowByAnswers.set(answers, row);
          continue;
        }
        // Its answers no longer count: the readings its scale is inferred from (its no-answers once its record is read again).
        for (let at = start; at < end; at++) {
          removed.add(at);
          const slot = waitingSlots.at(at);
          if (slot >= 0) slots.counts.add(slot, -1);
        }
        wideTextless.delete(row);
        duplicates++;
        const detail =
          sameAnswers !== undefined
            ? `response ${quoteCell(id)} repeats row ${sameAnswers} (same response id and answers): skipped as a duplicate`
            : `response ${quoteCell(id)} has the id of row ${sameId} but other answers: skipped, as a respondent answers once (give it an id of its own to import it)`;
        queued.push({ row, problems: [csvProblem(row, responseName, detail)], read: uncountNoAnswers });
      }
    }

    /** A skipped wide row's no-answers no longer count. */
    function uncountNoAnswers(record: readonly string[]): void {
      for (const question of questions) if (question.reader.read(record[question.column] ?? "").kind === "empty") question.reader.noAnswers--;
    }

    /** Whether every reading of a question's answers is a rating on its final scale (none a 0 that is no answer, none off the scale). */
    function readingsStay(question: WideQuestion): boolean {
      const final = question.final;
      if (question.reader.scale !== null || final === null) return true;
      for (const slot of question.reader.slots) {
        const reading = slots.readings[slot];
        if (slots.counts.at(slot) === 0 || reading === undefined) continue;
        if (final.zeroIsNoAnswer && reading.value === 0) return false;
        if (offScale(reading.cell, reading.value, reading.outOf, final.scale) !== null) return false;
      }
      return true;
    }

    /** Each question's scale, now that all its answers are seen; then the answers that waited for it. */
    async function finishWideAnswers(): Promise<void> {
      for (const question of questions) {
        for (const slot of question.reader.slots) {
          const count = slots.counts.at(slot);
          const reading = slots.readings[slot];
          if (count === 0 || reading === undefined) continue;
          const { values, outOf } = question.tally;
          values.set(reading.value, (values.get(reading.value) ?? 0) + count);
          if (reading.outOf !== null) outOf.set(reading.outOf, (outOf.get(reading.outOf) ?? 0) + count);
        }
        const given = question.reader.scale;
        const found = given === null ? inferColumnScale(question.tally, question.header) : null;
        const scale = given ?? found?.scale ?? inferRatingScale(question.tally, scaleHintOf(question.header)) ?? SCALE_1_5;
        // A 0 below the scale is "no answer", unless the person listed the no-answer cells themselves.
        const zeroIsNoAnswer = given === null && question.reader.noAnswer === null && found?.zeroIsNoAnswer === true;
        if (given === null) {
          question.answerScale.min = scale.min;
          question.answerScale.max = scale.max;
        }
        question.final = { scale: given ?? Object.freeze(question.answerScale), zeroIsNoAnswer };
      }
      // Usually every answer read stays, as each distinct reading tells: its answers need no visit.
      if (removed.size === 0 && questions.every(readingsStay)) {
        for (const question of questions) for (const slot of question.reader.slots) question.reader.ratings += slots.counts.at(slot);
        return;
      }
      const dropped: { row: number; problem: CsvProblem | null }[] = [];
      for (let at = 0; at < feedback.length; at++) {
        if (at % PASS_ROWS === PASS_ROWS - 1) await nextTask();
        const q = answerQuestion.at(at);
        const item = feedback[at];
        const waiting = waitingAt(at);
        if (q < 0 || item === undefined || waiting === null || (removed.size > 0 && removed.has(at))) continue;
        const question = questions[q] as WideQuestion;
        const final = question.final as { scale: RatingScale; zeroIsNoAnswer: boolean };
        let problem: CsvProblem | null = null;
        if (question.reader.scale === null) {
          if (final.zeroIsNoAnswer && waiting.value === 0) {
            countNoAnswer(question.reader, waiting.cell);
            if (groupNoAnswers) {
              noAnswerAt.push(at);
              noAnswerLinks.push(null);
            }
          } else {
            const off = offScale(waiting.cell, waiting.value, waiting.outOf, final.scale);
            if (off === null) {
              item.scale = final.scale;
              question.reader.ratings++;
              continue;
            }
            problem = csvProblem(feedbackRows.at(at), question.header, `${off}; this answer is not counted`);
          }
        } else {
          question.reader.ratings++;
          continue;
        }
        // An answer that is no rating after all: the row's text stays as a text-only response.
        if (hasContent(item.text)) {
          item.rating = null;
          item.scale = null;
        } else removed.add(at);
        dropped.push({ row: feedbackRows.at(at), problem });
      }
      if (dropped.length === 0) return;
      const kept = new Set<number>();
      for (let at = 0; at < feedback.length; at++) if (!removed.has(at)) kept.add(feedbackRows.at(at));
      const problemsByRow = new Map<number, CsvProblem[]>();
      for (const { row, problem } of dropped) {
        if (problem === null) continue;
        const list = problemsByRow.get(row);
        if (list === undefined) problemsByRow.set(row, [problem]);
        else list.push(problem);
      }
      for (const [row, list] of problemsByRow) {
        if (kept.has(row)) for (const problem of list) errors.push(problem);
      }
      // Rows left with nothing: listed, with why.
      for (const row of wideTextless) {
        if (kept.has(row)) continue;
        const list = problemsByRow.get(row) ?? [];
        queued.push({ row, problems: [csvProblem(row, null, "has no answer on its questions' scales and no text: not imported"), ...list] });
      }
    }

    /** The no-answers of the rows imported, by group; the feedback is not filtered yet (`removed` says what goes). */
    function countNoAnswerGroups(): NoAnswerGroup[] {
      const imported = new Set<number>();
      for (let at = 0; at < feedback.length; at++) if (!removed.has(at)) imported.add(feedbackRows.at(at));
      const groups = new Map<string, NoAnswerGroup>();
      for (let k = 0; k < noAnswerAt.length; k++) {
        const at = noAnswerAt.at(k);
        const item = feedback[at] as Feedback;
        if (!imported.has(feedbackRows.at(at))) continue;
        const ids = noAnswerLinks[k] ?? item;
        const key = { stageId: ids.stageId, touchpointId: ids.touchpointId, personaId: ids.personaId, source: item.source, kind: item.kind, date: item.date };
        const id = JSON.stringify([key, item.segments ?? null]);
        const group = groups.get(id);
        if (group !== undefined) group.count++;
        else groups.set(id, { key: item.segments === undefined ? key : { ...key, segments: item.segments }, count: 1 });
      }
      return [...groups.values()];
    }

    // The scale, now that every rating has been seen; then the ratings that waited for it.
    const headerHint = ratingCol === null ? null : scaleHintOf(headers[ratingCol] ?? "");
    const inferred = wide || givenScale !== null || surveyCol !== null ? null : inferRatingColumnScale(tally, headerHint);
    // Read by survey: each survey's scale, from its name ("NPS" asks 0–10) and its own answers.
    const surveyScales = surveys.map((survey): { scale: RatingScale; zeroIsNoAnswer: boolean } | null => {
      if (survey.given !== null) return { scale: survey.given, zeroIsNoAnswer: false };
      const reading = inferRatingColumnScale(survey.tally, scaleHintOf(survey.value) ?? headerHint);
      if (reading === null) return null;
      const zero = reading.zeroIsNoAnswer && ratingReader !== null && ratingReader.noAnswer === null;
      return { scale: Object.freeze({ min: reading.scale.min, max: reading.scale.max }), zeroIsNoAnswer: zero };
    });
    // One answer per row: as in a wide file, a likelihood to recommend asked on 0–10 is the NPS question and
    // an "overall" one the outcome, marked on the touchpoints the import made for them.
    if (answerNames !== null) {
      const taken = new Set<QuestionMeasure>();
      surveys.forEach(({ value }, index) => {
        const scale = surveyScales[index]?.scale;
        const touchpoint = created.touchpoints.find((t) => wordKey(t.question ?? t.name) === wordKey(value));
        const measure = scale === undefined || touchpoint === undefined ? null : questionMeasureOf(value, scale, taken);
        if (measure === null || touchpoint === undefined) return;
        touchpoint.measure = measure;
        taken.add(measure);
      });
    }
    // The scale the report names for the column: the one given, else the inferred one, else the most answered survey's.
    let mostRated = -1;
    surveys.forEach((survey, index) => {
      if (surveyScales[index] !== null && (mostRated < 0 || survey.ratings > (surveys[mostRated] as SurveyRatings).ratings)) mostRated = index;
    });
    const fileScale: RatingScale | null =
      givenScale ??
      (inferred !== null
        ? Object.freeze({ min: inferred.scale.min, max: inferred.scale.max })
        : mostRated < 0
          ? null
          : (surveyScales[mostRated]?.scale ?? null));
    // A 0 below the scale is "no answer", as in a wide file, unless the person listed the no-answer cells themselves.
    const fileZeroIsNoAnswer = inferred?.zeroIsNoAnswer === true && ratingReader !== null && ratingReader.noAnswer === null;
    let textless: Set<number> | null = null;
    const isTextless = (at: number): boolean => (textless ??= new Set(textlessAt.view())).has(at);
    // Without a file scale (a wide file, whose questions have their own) no rating waits for one: no pass.
    for (let at = 0; fileScale !== null && at < feedback.length; at++) {
      if (at % PASS_ROWS === PASS_ROWS - 1) await nextTask();
      const waiting = waitingAt(at);
      const item = feedback[at];
      if (waiting === null || item === undefined || removed.has(at)) continue;
      const surveyScale = surveyCol === null ? null : surveyScales[surveyAt.at(at)];
      const scaleHere = surveyCol === null ? fileScale : (surveyScale?.scale ?? null);
      if (scaleHere === null) continue;
      const zeroIsNoAnswer = surveyCol === null ? fileZeroIsNoAnswer : surveyScale?.zeroIsNoAnswer === true;
      if (zeroIsNoAnswer && waiting.value === 0 && ratingReader !== null) {
        // Counted as a no-answer like "N/A": the row's text is imported without a rating and without a problem.
        countNoAnswer(ratingReader, waiting.cell);
        if (groupNoAnswers) {
          noAnswerAt.push(at);
          noAnswerLinks.push(null);
        }
        item.rating = null;
        if (isTextless(at)) {
          removed.add(at);
          const row = feedbackRows.at(at);
          const why = `${quoteCell(waiting.cell)} in column "${ratingName ?? ""}" is no answer below the ${formatScale(scaleHere)} scale`;
          queued.push({ row, problems: [csvProblem(row, null, `has no rating and no text (${why}): not imported`)] });
        }
        continue;
      }
      const problem = offScale(waiting.cell, waiting.value, waiting.outOf, scaleHere);
      if (problem === null) {
        item.scale = scaleHere;
        continue;
      }
      const row = feedbackRows.at(at);
      if (!isTextless(at)) {
        item.rating = null;
        errors.push(csvProblem(row, ratingName, `${problem}; imported as a text-only response`));
      } else {
        removed.add(at);
        queued.push({ row, problems: [csvProblem(row, ratingName, `${problem}, and the row has no text either: not imported`)] });
      }
    }
    if (wide) await finishWideAnswers();
    if (queued.length > 0) {
      const records = await recordsAt(new Set(queued.map(({ row }) => row - 1)));
      for (const { row, problems, read } of queued) {
        const record = records.get(row - 1) ?? [];
        read?.(record);
        reject(row, record, problems);
      }
    }
    // One answer per row: a question answered in words of one scale (Very satisfied … Very dissatisfied) is rated in them.
    if (answerWords.length > 0 && surveyCol !== null) {
      const labels = new Map<number, Set<string>>();
      for (let k = 0; k < answerWords.length; k++) {
        const at = answerWords.at(k);
        const survey = surveyAt.at(at);
        let words = labels.get(survey);
        if (words === undefined) labels.set(survey, (words = new Set()));
        if (words.size <= 64) words.add((feedback[at] as Feedback).text);
      }
      const maps = new Map<number, WordMap>();
      for (const [survey, words] of labels) {
        const map = words.size > 64 ? null : detectWordMap(words, surveys[survey]?.value ?? "");
        if (map === null) continue;
        maps.set(survey, map);
        surveyScales[survey] = { scale: Object.freeze({ min: map.scale.min, max: map.scale.max }), zeroIsNoAnswer: false };
      }
      for (let k = 0; maps.size > 0 && k < answerWords.length; k++) {
        const at = answerWords.at(k);
        const item = feedback[at] as Feedback;
        const map = maps.get(surveyAt.at(at));
        const value = map?.values[wordKey(item.text)];
        if (map === undefined || value === undefined) continue;
        item.rating = value;
        item.scale = surveyScales[surveyAt.at(at)]?.scale ?? null;
        item.text = "";
      }
    }
    for (const { row, raw, rejected, survey } of unreadable) {
      if (rejected === null && removedRows.has(row)) continue;
      const scaleText = formatScale((survey < 0 ? null : surveyScales[survey]?.scale) ?? fileScale ?? SCALE_1_5);
      const problem = csvProblem(
        row,
        ratingName,
        `${quoteCell(raw)} is not a number on a ${scaleText} scale${rejected === null ? "; imported as a text-only response" : ", and the row has no text either: not imported"}`,
      );
      errors.push(problem);
      rejected?.reasons.unshift(problem.message);
    }

    await nextTask();

    // Ambiguous dates, now that the whole column has been seen.
    const order: DateOrder | null =
      options.dateOrder ??
      (dayFirstRow >= 0 && monthFirstRow < 0 ? "day-first" : monthFirstRow >= 0 && dayFirstRow < 0 ? "month-first" : null) ??
      // Dates that prove no order, under a header that says it ("Timestamp (mm/dd/yyyy)").
      (dayFirstRow < 0 && monthFirstRow < 0 ? dateOrderOfHeader(dateName ?? "") : null);
    // A wide row's answers share its date: its problem is listed once.
    let lastAmbiguousRow = -1;
    for (let k = 0; k < ambiguousFeedback.length; k++) {
      const at = ambiguousFeedback[k] ?? 0;
      const item = feedback[at];
      const row = feedbackRows.at(at);
      if (item === undefined || removed.has(at)) continue;
      // The reading is cached: this is a lookup, not a second parse.
      const raw = ambiguousCells[k] ?? "";
      const reading = readDateCell(raw);
      if (reading.kind !== "ambiguous") continue;
      if (order !== null) {
        item.date = order === "day-first" ? reading.dayFirst : reading.monthFirst;
        continue;
      }
      if (row === lastAmbiguousRow) continue;
      lastAmbiguousRow = row;
      const both = `${quoteCell(raw)} could be ${describeIsoDate(reading.dayFirst)} (day first) or ${describeIsoDate(reading.monthFirst)} (month first)`;
      const why =
        dayFirstRow >= 0
          ? `this column writes dates both ways (row ${dayFirstRow} is day first, row ${monthFirstRow} month first)`
          : "no other date in this column tells which";
      errors.push(csvProblem(row, dateName, `${both}, and ${why}; left empty (choose the date order to import it)`));
    }

    await nextTask();
    let importedRows = feedback.length;
    if (wide && removed.size === 0) importedRows = wideRowsImported;
    else if (wide) {
      // A row's answers follow each other (rows are read in order): the rows are the changes of row.
      importedRows = 0;
      let lastRow = -1;
      for (let at = 0; at < feedback.length; at++) {
        const row = feedbackRows.at(at);
        if (row === lastRow || (removed.size > 0 && removed.has(at))) continue;
        importedRows++;
        lastRow = row;
      }
    }
    const noAnswerGroups = groupNoAnswers ? countNoAnswerGroups() : undefined;
    if (removed.size > 0) {
      const kept: Feedback[] = [];
      for (let at = 0; at < feedback.length; at++) if (!removed.has(at)) kept.push(feedback[at] as Feedback);
      feedback = kept;
      if (!wide) importedRows = feedback.length;
    }
    if (removed.size > 0 || wide || alreadyImported !== null) pruneUnused(created, feedback, noAnswerGroups);
    let rated = 0;
    if (ratingCol !== null) for (let at = 0; at < feedback.length; at++) if ((feedback[at] as Feedback).rating !== null) rated++;
    await nextTask();
    errors.sort((a, b) => a.row - b.row);
    rejectedRows.sort((a, b) => a.row - b.row);

    // How each column was read, for the report.
    let noAnswers = 0;
    // A rating column read by survey: each survey's scale and the ratings imported on it.
    let scaleBy: ColumnReport["scaleBy"];
    if (surveyCol !== null) {
      const imported = surveys.map(() => 0);
      for (let at = 0; at < feedback.length; at++) {
        if (!removed.has(at) && (feedback[at] as Feedback).rating !== null) imported[surveyAt.at(at)] = (imported[surveyAt.at(at)] ?? 0) + 1;
      }
      const read = surveys.flatMap((survey, index) => {
        const scale = surveyScales[index]?.scale;
        return scale === undefined ? [] : [{ value: survey.value, scale, ratings: imported[index] ?? 0 }];
      });
      scaleBy = { index: surveyCol, column: headers[surveyCol] ?? "", surveys: read };
    }
    const columnReports: ColumnReport[] = headers.map((header, index) => {
      const role = roles[index] ?? "ignore";
      const question = wide ? questions.find((q) => q.column === index) : undefined;
      const reader = question?.reader ?? (index === ratingCol ? ratingReader : null);
      const touchpointId = question?.touchpoint ?? null;
      const touchpoint =
        touchpointId === null ? undefined : (created.touchpoints.find((t) => t.id === touchpointId) ?? options.map.touchpoints.find((t) => t.id === touchpointId));
      const stage =
        touchpoint === undefined
          ? undefined
          : (created.stages.find((st) => st.id === touchpoint.stageId) ?? options.map.stages.find((st) => st.id === touchpoint.stageId));
      if (reader !== null && reader !== undefined) noAnswers += reader.noAnswers;
      const ratingsRead = question !== undefined ? question.reader.ratings : index === ratingCol ? rated : 0;
      const noAnswer = reader === null || reader === undefined ? [] : [...reader.seen];
      if (question?.final?.zeroIsNoAnswer === true && !noAnswer.includes("0")) noAnswer.push("0");
      return {
        index,
        header,
        role: wide || role !== "question" ? role : "ignore",
        touchpoint:
          touchpoint === undefined
            ? null
            : { id: touchpoint.id, name: touchpoint.name, stage: stage?.name ?? "", question: header },
        scale: question !== undefined ? (question.final?.scale ?? null) : index === ratingCol ? fileScale : null,
        words: reader?.words ?? null,
        noAnswer,
        noAnswers: reader?.noAnswers ?? 0,
        ratings: ratingsRead,
        measure: question?.measure ?? null,
        ...(index === ratingCol && scaleBy !== undefined ? { scaleBy } : {}),
      };
    });

    return {
      rows,
      imported: importedRows,
      answers: feedback.length,
      shape,
      columns: columnReports,
      problemGroups: groupProblems(errors),
      noAnswers,
      ...(noAnswerGroups === undefined ? {} : { noAnswerGroups }),
      skipped: rejectedRows.length,
      duplicates,
      blankRows,
      errors,
      feedback,
      created,
      rejectedRows,
      headers,
      headerRecords: layout.headerRecords,
      mapping,
      detected: {
        ...(options.encoding === undefined ? {} : { encoding: options.encoding }),
        delimiter: layout.delimiter,
        headerRows: layout.headerRows,
        scale: fileScale,
        dateOrder: ambiguousFeedback.length > 0 ? order : null,
        ...(plan.questionAnswers === null ? {} : { questionAnswers: plan.questionAnswers }),
      },
    };
  }
}

/** Whether a cell holds more than spaces; most cells start with a printable ASCII character and need no trim. */
function hasContent(cell: string): boolean {
  const first = cell.charCodeAt(0);
  return (first > 32 && first < 127) || cell.trim() !== "";
}

/** Why a rating does not fit a scale, or null when it does. */
function offScale(raw: string, value: number, outOf: number | null, scale: RatingScale): string | null {
  if (outOf !== null && outOf !== scale.max) return `${quoteCell(raw)} is out of ${outOf}, not on the ${formatScale(scale)} scale`;
  if (value < scale.min || value > scale.max) return `${quoteCell(raw)} is outside the ${formatScale(scale)} scale`;
  return null;
}

/**
 * Why a row gives neither a rating nor a text, as its cells say it: both empty, or a no-answer in
 * the rating column ("Offered" in column "Satisfaction" is no answer, column "Comment" is empty).
 */
function describeNothing(ratingCell: string, ratingName: string | null, textName: string | null): string {
  const cell = unescapeFormula(ratingCell).trim();
  if (ratingName !== null && cell !== "") {
    const noAnswer = `${quoteCell(cell)} in column "${ratingName}" is no answer`;
    return textName === null ? noAnswer : `${noAnswer}, column "${textName}" is empty`;
  }
  const names = [ratingName, textName].filter((name): name is string => name !== null).map((name) => `"${name}"`);
  return names.length === 1 ? `column ${names[0]} is empty` : `columns ${names.join(" and ")} are empty`;
}

/** Drops the entities only rejected rows used, so `created` holds nothing the import does not link to (nor its no-answer groups). */
function pruneUnused(created: CsvImportResult["created"], feedback: readonly Feedback[], noAnswerGroups?: readonly NoAnswerGroup[]): void {
  // One pass over the feedback against the few created ids (not sets of every row's ids).
  const touchpointIds = new Set(created.touchpoints.map((t) => t.id));
  const stageIds = new Set(created.stages.map((s) => s.id));
  const personaIds = new Set(created.personas.map((p) => p.id));
  const used = new Set<string>();
  const wanted = touchpointIds.size + stageIds.size + personaIds.size;
  let lastTouchpoint: string | null = null;
  // Usually every created entity is used by the first rows: the pass stops once all are.
  for (let at = 0; at < feedback.length && used.size < wanted; at++) {
    const { stageId, touchpointId, personaId } = feedback[at] as Feedback;
    if (touchpointId !== null && touchpointId !== lastTouchpoint && touchpointIds.has(touchpointId)) used.add(touchpointId);
    if (stageId !== null && stageIds.has(stageId)) used.add(stageId);
    if (personaId !== null && personaIds.has(personaId)) used.add(personaId);
    lastTouchpoint = touchpointId;
  }
  for (const { key } of noAnswerGroups ?? []) for (const id of [key.stageId, key.touchpointId, key.personaId]) if (id !== null) used.add(id);
  created.touchpoints = created.touchpoints.filter((t) => used.has(t.id));
  for (const touchpoint of created.touchpoints) used.add(touchpoint.stageId);
  created.stages = created.stages.filter((s) => used.has(s.id));
  created.personas = created.personas.filter((p) => used.has(p.id));
}

/** How much of the first records `importFeedbackCsv` inspects before importing them, to read the columns by their values. */
const INSPECT_CHARS = 256 * 1024;

interface ColumnPlan {
  shape: CsvShape;
  mapping: ColumnMapping;
  roles: ColumnRole[];
  /** The inspection's profile of each column; empty for an exact mapping. */
  profiles: ColumnProfile[];
  /** Columns joined into the comment, in order. */
  textColumns: number[];
  /** A wide file's question columns, in file order. */
  questions: number[];
  /** Segment columns, in file order: each row keeps their cells in `Feedback.segments`. */
  segments: number[];
  /** A long file's column naming each row's survey, whose values each get a rating scale of their own; null for one scale. */
  scaleBy: number | null;
  /** A file of one answer per row: its question, answer and respondent columns; null otherwise. */
  questionAnswers: QuestionAnswerColumns | null;
}

/** Throws for a column index the file does not have, in the mapping, the column settings or the text columns (a caller's bug). */
function checkColumnOptions(options: CsvImportOptions, columns: number): void {
  applyMappingOverrides(EMPTY_MAPPING, options.mapping, columns);
  for (const key of Object.keys(options.columns ?? {})) {
    const index = Number(key);
    if (!Number.isInteger(index) || index < 0 || index >= columns) {
      throw new RangeError(`columns[${key}] is not a column of the file (it has columns 0 to ${columns - 1})`);
    }
  }
  for (const index of options.textColumns ?? []) {
    if (!Number.isInteger(index) || index < 0 || index >= columns) {
      throw new RangeError(`textColumns holds ${index}, but the file has columns 0 to ${columns - 1}`);
    }
  }
}

/**
 * Which column is what: the guess of the inspection of the first records (`look`; null for an
 * exact mapping), then the caller's mapping, per-column roles and text columns over it; with
 * `exact`, only what the caller said.
 */
function planColumns(look: CsvInspection | null, options: CsvImportOptions, layout: CsvLayout): ColumnPlan {
  const { headers } = layout;
  const exact = options.exact === true;
  const shape: CsvShape = options.shape ?? look?.shape ?? "long";
  const profiles = look?.columns ?? [];
  const roles: ColumnRole[] = headers.map((_, i) => (exact ? "ignore" : (profiles[i]?.role ?? "ignore")));
  // The long-file mapping fields the caller gave win over the roles guessed for them.
  const given = options.mapping ?? {};
  for (const field of MAPPED_FIELDS) {
    const column = given[field];
    if (column === undefined) continue;
    roles.forEach((role, i) => {
      if (role === field) roles[i] = "ignore";
    });
    if (column !== null) roles[column] = field;
  }
  for (const [key, setting] of Object.entries(options.columns ?? {})) {
    if (setting.role !== undefined) roles[Number(key)] = setting.role;
  }
  if (options.textColumns !== undefined) {
    roles.forEach((role, i) => {
      if (role === "text") roles[i] = "ignore";
    });
    for (const index of options.textColumns) roles[index] = "text";
  }
  const { mapping, text: columnOrder, questions, segments } = mappingFromRoles(roles);
  // The texts are joined in column order, a title first wherever its column is ("reviews.text", "reviews.title").
  const textColumns = [...columnOrder.filter((i) => isTitleHeader(headers[i] ?? "")), ...columnOrder.filter((i) => !isTitleHeader(headers[i] ?? ""))];
  // Of several text columns (a title, then the review), the one mapped or guessed as the text names it in messages.
  const mainText = typeof given.text === "number" ? given.text : look?.mapping.text;
  if (mainText != null && textColumns.includes(mainText)) mapping.text = mainText;
  if (shape === "long") {
    // A long file has one rating column: a column marked as a question is its rating when none is mapped.
    if (mapping.rating === null && questions[0] !== undefined) mapping.rating = questions[0];
    // One answer per row: the answers are the rating, read by question, unless the person mapped others.
    const given = options.questionAnswers !== undefined ? options.questionAnswers : exact ? null : (look?.questionAnswers ?? null);
    const answers = given !== null && mapping.rating === given.answer && mapping.touchpoint === given.question ? given : null;
    const scaleBy = surveyColumnOf(options, mapping, profiles, answers);
    return { shape, mapping, roles, profiles, textColumns, questions: [], segments, scaleBy, questionAnswers: answers };
  }
  mapping.rating = null;
  mapping.touchpoint = null;
  mapping.scale = null;
  return { shape, mapping, roles, profiles, textColumns, questions, segments, scaleBy: null, questionAnswers: null };
}

/**
 * A long file's column whose values each get a rating scale of their own (`CsvImportOptions.scaleBy`):
 * the one the caller names; none where a scale is given for every row; a file of one answer per
 * row's question; else a column of surveys, guessed unless the mapping is given in full.
 */
function surveyColumnOf(
  options: CsvImportOptions,
  mapping: ColumnMapping,
  profiles: readonly ColumnProfile[],
  answers: QuestionAnswerColumns | null,
): number | null {
  if (mapping.rating === null) return null;
  if (options.scaleBy !== undefined) return options.scaleBy?.column ?? null;
  if (options.scale !== undefined || options.columns?.[mapping.rating]?.scale !== undefined) return null;
  if (answers !== null) return answers.question;
  return options.exact === true ? null : scaleByColumn(profiles, mapping);
}

/**
 * Reads a row's segment cells into `Feedback.segments` (column header → cell, trimmed); a cell that
 * is empty or no answer (the column's own no-answer cells, else `NO_ANSWER_WORDS`) leaves its key
 * out, and a row with none gives undefined. Each column's values are kept once, shared by the rows.
 */
function createSegmentReader(
  columns: readonly number[],
  headers: readonly string[],
  settings: CsvImportOptions["columns"],
): (record: readonly string[]) => Record<string, string> | undefined {
  const names = columns.map((column) => headers[column] ?? "");
  const custom = columns.map((column) => {
    const cells = settings?.[column]?.noAnswer;
    return cells === undefined ? null : new Set(cells.map(wordKey));
  });
  const values = columns.map(() => new Map<string, string | null>());
  const valueOf = (k: number, raw: string): string | null => {
    const known = (values[k] as Map<string, string | null>).get(raw);
    if (known !== undefined) return known;
    const text = unescapeFormula(raw).trim();
    const noAnswer = custom[k] ?? null;
    const value = text === "" || (noAnswer === null ? isNoAnswerWord(text) : noAnswer.has(wordKey(text))) ? null : text;
    if ((values[k] as Map<string, string | null>).size < 10_000) (values[k] as Map<string, string | null>).set(raw, value);
    return value;
  };
  return (record) => {
    let segments: Record<string, string> | undefined;
    for (let k = 0; k < columns.length; k++) {
      const value = valueOf(k, record[columns[k] as number] ?? "");
      if (value !== null) (segments ??= {})[names[k] as string] = value;
    }
    return segments;
  };
}

/** A number reading of a column reader, with its slot in the import's `ReadingSlots`. */
type SlottedRating = CellRating & { slot: number };
type CellReading = Exclude<RatingReading, { kind: "number" }> | SlottedRating;

/** Every distinct number reading of an import's columns by slot, and how many answers were counted for each. */
interface ReadingSlots {
  readings: SlottedRating[];
  counts: IntColumn;
}

/** What every answer of a wide row shares. */
interface WideRowFields {
  kind: FeedbackKind;
  date: string | null;
  source: string;
  responseId: string | undefined;
  respondentId: string;
  segments: Feedback["segments"];
}

/**
 * The feedback of one answer of a wide row (of its text alone when `question` is null), linked to
 * `ids`. A function of the module rather than of each import: a wide file makes one per answer, and
 * its compiled code then serves every import, not only the one that warmed it up.
 */
function wideFeedback(id: string, fields: WideRowFields, question: WideQuestion | null, answer: SlottedRating | undefined, ids: LinkIds, text: string): Feedback {
  const item: Feedback = {
    id,
    kind: fields.kind,
    rating: answer === undefined ? null : answer.value,
    scale: question === null ? null : (question.reader.scale ?? question.answerScale),
    text,
    date: fields.date,
    source: fields.source,
    stageId: ids.stageId,
    touchpointId: ids.touchpointId,
    personaId: ids.personaId,
    responseId: fields.responseId,
    respondentId: fields.respondentId,
  };
  if (fields.segments !== undefined) item.segments = fields.segments;
  return item;
}

/**
 * A growing column of 32-bit integers: per feedback, its row, question, reading slot. Typed, so that
 * 400,000 answers add no pointers for the garbage collector to follow and no boxed numbers.
 */
class IntColumn {
  private data: Int32Array;
  length = 0;

  /** `capacity`: the values expected (an estimate, up to 2 million: the column grows past it). */
  constructor(capacity = 4096) {
    this.data = new Int32Array(Math.min(Math.max(capacity, 4096), 1 << 21));
  }

  push(value: number): void {
    if (this.length === this.data.length) this.grow();
    this.data[this.length++] = value;
  }

  /** The value at `index`, which must be below `length`. */
  at(index: number): number {
    return this.data[index] as number;
  }

  /** The values so far, without a copy. */
  view(): Int32Array {
    return this.data.subarray(0, this.length);
  }

  add(index: number, amount: number): void {
    this.data[index] = (this.data[index] as number) + amount;
  }

  private grow(): void {
    const next = new Int32Array(this.data.length * 4);
    next.set(this.data);
    this.data = next;
  }
}
const NO_ANSWER_READING: CellReading = { kind: "empty" };
const UNREADABLE_READING: CellReading = { kind: "unreadable" };

/** How one rating column's cells are read: no-answer cells, word ratings, numbers; and what was counted. */
interface ColumnReader {
  read: (raw: string) => CellReading;
  /** The scale the person gave, or that of the word map; null to infer it from the numbers. */
  scale: RatingScale | null;
  words: Record<string, number> | null;
  /** The no-answer cells the person listed (word keys); null for the defaults. */
  noAnswer: ReadonlySet<string> | null;
  noAnswers: number;
  /** The no-answer cells seen, as written (trimmed), up to 20. */
  seen: Set<string>;
  ratings: number;
  /** The slots of its number readings. */
  slots: number[];
}

function countNoAnswer(reader: ColumnReader, raw: string): void {
  reader.noAnswers++;
  if (reader.seen.size < 20) reader.seen.add(raw.trim());
}

/** The entities a row is linked to. */
type LinkIds = { stageId: string | null; touchpointId: string | null; personaId: string | null };

/** A question of a wide file: its column, the touchpoint it becomes, how its cells are read. */
interface WideQuestion {
  column: number;
  header: string;
  name: string;
  /** The stage its touchpoint goes into; "" for the row's, else found by name or "Unassigned". */
  stage: string;
  measure: QuestionMeasure | null;
  reader: ColumnReader;
  tally: RatingTally;
  /** The touchpoint its answers were linked to (the last one, when rows name different stages). */
  touchpoint: string | null;
  /**
   * The scale its answers point to while it is unknown: filled in (and frozen) once every answer is
   * seen, so that the answers need not be visited to be given it.
   */
  answerScale: { min: number; max: number };
  /** The scale found at the end, and whether a 0 below it is "no answer". */
  final: { scale: RatingScale; zeroIsNoAnswer: boolean } | null;
}

function createColumnReader(
  settings: ColumnSettings | undefined,
  profile: ColumnProfile | undefined,
  role: ColumnRole,
  slots: ReadingSlots,
): ColumnReader {
  const custom = settings?.noAnswer === undefined ? null : new Set(settings.noAnswer.map(wordKey));
  // The number the column writes for no answer (99 beside 1–5), unless the person listed the no-answers or gave the scale.
  const code = custom === null && settings?.scale === undefined ? (profile?.noAnswerCode ?? null) : null;
  const detected: WordMap | null = role === "question" || role === "rating" ? (profile?.words ?? null) : null;
  const wordValues = settings?.words ?? detected?.values ?? null;
  const words = wordValues === null ? null : new Map(Object.entries(wordValues).map(([label, value]) => [wordKey(label), value]));
  let scale = settings?.scale ?? null;
  if (scale === null && words !== null) {
    if (settings?.words === undefined && detected !== null) scale = detected.scale;
    else {
      const values = [...words.values()];
      scale = { min: Math.min(1, ...values), max: Math.max(...values) };
    }
  }
  const cache = new Map<string, CellReading>();
  const mine: number[] = [];
  const slotted = (value: number, outOf: number | null, cell: string): SlottedRating => {
    const reading: SlottedRating = { kind: "number", value, outOf, cell, slot: slots.readings.length };
    slots.readings.push(reading);
    slots.counts.push(0);
    mine.push(reading.slot);
    return reading;
  };
  const readFresh = (raw: string): CellReading => {
    const key = wordKey(raw);
    const word = words?.get(key);
    if (key === "" || (custom === null ? isNoAnswerWord(raw) : custom.has(key))) return NO_ANSWER_READING;
    if (word !== undefined) return slotted(word, null, raw);
    const number = readRating(raw);
    if (number.kind === "number") return number.value === code && number.outOf === null ? NO_ANSWER_READING : slotted(number.value, number.outOf, raw);
    // The person's own list of no-answer cells is the whole list: "N/A" left out of it is no answer no more.
    return custom !== null && number.kind === "empty" ? UNREADABLE_READING : number;
  };
  // Most cells are empty or one character ("4", "-"): those are read once, then found by character code.
  const short: (CellReading | undefined)[] = [];
  const read = (raw: string): CellReading => {
    const at = raw.length === 0 ? 0 : raw.length === 1 ? raw.charCodeAt(0) + 1 : -1;
    if (at >= 0 && at <= 128) return (short[at] ??= readFresh(raw));
    let reading = cache.get(raw);
    if (reading !== undefined) return reading;
    reading = readFresh(raw);
    if (cache.size < 10_000) cache.set(raw, reading);
    return reading;
  };
  return {
    read,
    scale: scale === null ? null : Object.freeze({ ...scale }),
    words: wordValues,
    noAnswer: custom,
    noAnswers: 0,
    seen: new Set(),
    ratings: 0,
    slots: mine,
  };
}
