/**
 * The command line tool, for pipelines: analyse a feedback CSV, optionally against a saved map,
 * and print the gaps and priorities as JSON or Markdown; or summarise it as a summary CSV.
 *
 *   node dist/cli.js analyze|summarize <feedback file> [--map journey.json] [--columns field=<header>|none,…]
 *     [--question <header>]… [--stage-of <stage>=<header>]… [--nps <header>] [--outcome <header>] [--segment <header>|none]…
 *     [--text <header>]… [--fixed field=value]… [--no-answer <header>=<a|b>]… [--shape long|wide]
 *     [--scale 1-5|0-10|1-7|1-10] [--scale-by <header>|none] [--format json|md] [--no-sentiment] [--help]
 *
 * A wide survey export (one row per respondent, one column per question) is analysed with one
 * touchpoint per rating question; `--help` explains every option.
 *
 * With --map, the file's feedback is analysed against the map's stages, touchpoints, personas, pain
 * points and KPIs (the map's own feedback is left out). Bad input exits non-zero with one line
 * naming the problem.
 */
import { readFileSync, statSync } from "node:fs";
import { analyseJourney } from "../shared/analysis";
import {
  CsvDecodeError,
  MAPPED_FIELDS,
  MAX_HEADER_ROW,
  csvTextHead,
  formatScale,
  inspectCsv,
  normaliseHeader,
  questionShortName,
  type ColumnMapping,
  type ColumnSettings,
  type CsvEncoding,
  type CsvImportOptions,
  type CsvImportResult,
  type CsvProblem,
  type CsvShape,
  type MappedField,
} from "../shared/csv";
import { groupProblems } from "../shared/csv/problem";
import { emptyJourney, titleFromFileName, withImportedFeedback } from "../shared/journey-from-feedback";
import { importJourneyMapJson, type Feedback, type JourneyMap } from "../shared/model";
import { type ImportSummary, type ReportColumn, buildReport, reportToMarkdown } from "../shared/report";
import { type FeedbackSummary, SummaryBuilder, summariseFeedback } from "../shared/summary";
import { importSummaryCsv, isSummaryCsv, writeSummaryCsv } from "../shared/summary-csv";
import { EvidenceFold, type FeedbackSink, type FileImportResult, importCsvPieces } from "./cli-import";
import { createSentimentScorer, sentimentOf } from "../shared/sentiment";
import { OutcomeError, insightOption, insightsOf, type InsightOptions } from "./cli-insights";
import { AlreadyImportedError, LedgerImport } from "./cli-ledger";
import { type CsvPiece, type CsvReadSizes, readCsvFile } from "./cli-read";

/**
 * Rows `analyze` keeps one by one: up to this many, every figure and insight is computed from the
 * rows as before; beyond, the journey keeps what it keeps of any large import (shared/evidence.ts).
 */
export const KEEP_ROWS = 100_000;

const USAGE =
  "usage: journey-mapper analyze|summarize <feedback.csv> [--map journey.json [--add [--again]]] [--columns field=<header>|none,…] [--question <header>]… [--segment <header>]… [--text <header>]… [--fixed field=value]… [--scale 1-5|0-10|1-7|1-10] [--scale-by <header>|none] [--format json|md] (--help for all options)";

const HELP = `journey-mapper: analyse a feedback export (CSV, TSV …) and print its gaps and priorities.

usage: journey-mapper analyze <feedback file> [options]
       journey-mapper summarize <feedback file> [options] > summary.csv

A long file (one row per response: a rating column, maybe stage/touchpoint columns) is read as
guessed from its headers and values. A wide survey export (one row per respondent, one column per
question) is read with one touchpoint per rating question, each with its own scale. A summary CSV
(columns stage, touchpoint, persona, source, kind, period, [segments…], scale_min, scale_max, type,
rating, count: see the README) is read as the counts it holds. Files of any size are read as a stream.

summarize prints the file's exact summary as a summary CSV (one line per group and rating value with
its count), which analyze, and the plugin's import, read back with the same figures.

options:
  --map <journey.json>        analyse against a saved map (its stages, touchpoints, personas, KPIs);
                              touchpoints the map lacks are created, in an "Unassigned" stage
  --add                       with --map: add the file's feedback to the saved journey, record the
                              import in its ledger, write the journey back and analyse all of it;
                              rows the journey's imports brought already are skipped, and a file it
                              has imported is refused (nothing added) unless --again
  --again                     with --add: import a file the journey has imported before
  --columns <field=header,…>  the columns, by header; a field set to none is not read. Fields:
                              ${MAPPED_FIELDS.join(", ")}, and segment (repeat it:
                              segment=Plan,segment=Country). The mapping given is final: fields and
                              segments not named are not read, and the file is read as long (unless --question)
  --question <header>         a rating question of a wide file (repeat for each); only these are read
  --stage-of <stage>=<header> puts a question's touchpoint into a stage (repeat)
  --segment <header>          a segment column (repeat: plan, country, app version …): each response
                              keeps its value, so figures can be compared per segment. Without it,
                              columns named like one (plan, country, region, version, device …) that
                              hold a few values are guessed; --segment none reads only those named
  --nps <header>              marks the likelihood-to-recommend question
  --outcome <header>          marks the overall outcome question (e.g. overall satisfaction)
  --text <header>             a text column (repeat: Title, then Review, are joined into one comment)
  --fixed <field=value>       a value for every row: stage, touchpoint, persona or source (repeat)
  --no-answer <header>=<a|b>  the cells that mean "no answer" in that column (default: empty, NA, N/A,
                              -, Don't know, Not applicable …, and a 0 below a 1–5 or 1–10 scale)
  --shape long|wide           read the file as long or wide instead of guessing
  --header-row <n>            the row the header is on (1 for the first; rows above it are skipped as
                              title lines), instead of finding it below a report's title lines
  --no-header                 the file has no header row: its first row is a response, its columns are
                              named Column A, Column B … (found by itself when the first row reads
                              like the rows under it)
  --scale 1-5|0-10|1-7|1-10   the rating scale of a long file, instead of inferring it
  --scale-by <header>|none    the column naming each row's survey when one rating column holds several
                              (NPS, CSAT, CES): each survey's scale is inferred from its own answers.
                              Without it, a column whose values name two kinds of survey is found
  --format json|md            the report as JSON (default) or Markdown tables
  --no-sentiment              leaves out the sentiment of the text (the slow part: ~1,000 texts a second)
  --keep-rows <n>             rows analysed one by one (default ${KEEP_ROWS.toLocaleString("en")}); beyond, the file's rows are
                              kept as a journey keeps them: figures, suggestions and drivers from an exact
                              summary, sentiment from the rows kept as evidence
  --help                      this text

The report states how each column was read (its role, scale, word map and no-answers), every
import problem grouped by kind, and the analysis. Bad input, or a file from which nothing could
be imported, exits non-zero with one line naming the problem; a file the journey has imported,
given with --add and without --again, exits with 3 and adds nothing.
`;

class UsageError extends Error {}
/** Not the person's typing but the file: nothing in it could be imported. */
class NothingImportedError extends Error {}

const FIXED_FIELDS = ["stage", "touchpoint", "persona", "source"] as const;
type FixedField = (typeof FIXED_FIELDS)[number];

interface Options {
  command: "analyze" | "summarize";
  file: string;
  map: string | null;
  /** Header per field; null for "none". */
  columns: Partial<Record<MappedField, string | null>> | null;
  /** Segment columns by header (--segment, and segment= in --columns). */
  segments: string[];
  /** --segment none: no segment column is guessed, only those named are read. */
  noGuessedSegments: boolean;
  questions: string[];
  stageOf: [stage: string, header: string][];
  nps: string | null;
  outcome: string | null;
  text: string[];
  fixed: Partial<Record<FixedField, string>>;
  noAnswer: [header: string, cells: string[]][];
  shape: CsvShape | undefined;
  /** --header-row: the row the header is on, as a spreadsheet numbers it. */
  headerRow: number | undefined;
  /** --no-header: the file has no header row. */
  noHeader: boolean;
  scale: { min: number; max: number } | undefined;
  /** --scale-by: the column naming each row's survey (a header), null for none, undefined to find it. */
  scaleBy: string | null | undefined;
  format: "json" | "md";
  /** Add the file to the --map journey and its ledger, and write it back; `again` even if imported before. */
  add: boolean;
  again: boolean;
  help: boolean;
  insights: InsightOptions;
  /** Rows kept one by one before the rest is summarised. */
  keepRows: number;
}

const SCALES: Record<string, { min: number; max: number }> = {
  "1-5": { min: 1, max: 5 },
  "0-10": { min: 0, max: 10 },
  "1-7": { min: 1, max: 7 },
  "1-10": { min: 1, max: 10 },
};

/** --columns: the fields' headers (null for none), and the segment columns, which may be several. */
function parseColumns(value: string): { columns: Partial<Record<MappedField, string | null>>; segments: string[] } {
  const columns: Partial<Record<MappedField, string | null>> = {};
  const segments: string[] = [];
  for (const pair of value.split(",")) {
    const at = pair.indexOf("=");
    const field = pair.slice(0, at).trim();
    const header = pair.slice(at + 1).trim();
    if (at < 1 || header === "") throw new UsageError(`--columns: "${pair}" is not field=header`);
    if (field === "segment") {
      if (header.toLowerCase() !== "none") segments.push(header);
      continue;
    }
    if (!(MAPPED_FIELDS as readonly string[]).includes(field))
      throw new UsageError(`--columns: unknown field "${field}" (known: ${MAPPED_FIELDS.join(", ")}, segment)`);
    columns[field as MappedField] = header.toLowerCase() === "none" ? null : header;
  }
  return { columns, segments };
}

/** "name=value", split at the first "=". */
function splitPair(option: string, value: string): [string, string] {
  const at = value.indexOf("=");
  if (at < 1 || at === value.length - 1) throw new UsageError(`${option}: "${value}" is not name=value`);
  return [value.slice(0, at).trim(), value.slice(at + 1).trim()];
}

export function parseArguments(args: readonly string[]): Options {
  const [command, ...rest] = args;
  const options: Options = {
    command: "analyze",
    file: "",
    map: null,
    columns: null,
    segments: [],
    noGuessedSegments: false,
    questions: [],
    stageOf: [],
    nps: null,
    outcome: null,
    text: [],
    fixed: {},
    noAnswer: [],
    shape: undefined,
    headerRow: undefined,
    noHeader: false,
    scale: undefined,
    scaleBy: undefined,
    format: "json",
    add: false,
    again: false,
    help: false,
    insights: {},
    keepRows: KEEP_ROWS,
  };
  if (command === "--help" || command === "-h" || command === "help" || rest.includes("--help") || rest.includes("-h")) {
    return { ...options, help: true };
  }
  if (command !== "analyze" && command !== "summarize")
    throw new UsageError(command === undefined ? USAGE : `unknown command "${command}"; ${USAGE}`);
  options.command = command;
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i] ?? "";
    const value = () => {
      const next = rest[++i];
      if (next === undefined || next.startsWith("--")) throw new UsageError(`${arg} needs a value`);
      return next;
    };
    switch (arg) {
      case "--map":
        options.map = value();
        break;
      case "--add":
        options.add = true;
        break;
      case "--again":
        options.again = true;
        break;
      case "--columns": {
        const parsed = parseColumns(value());
        options.columns = { ...options.columns, ...parsed.columns };
        options.segments.push(...parsed.segments);
        break;
      }
      case "--segment": {
        const header = value();
        if (header.trim().toLowerCase() === "none") options.noGuessedSegments = true;
        else options.segments.push(header);
        break;
      }
      case "--question":
        options.questions.push(value());
        break;
      case "--stage-of":
        options.stageOf.push(splitPair(arg, value()));
        break;
      case "--nps":
        options.nps = value();
        break;
      case "--outcome":
        options.outcome = value();
        break;
      case "--text":
        options.text.push(value());
        break;
      case "--fixed": {
        const [field, fixed] = splitPair(arg, value());
        if (!(FIXED_FIELDS as readonly string[]).includes(field))
          throw new UsageError(`--fixed: unknown field "${field}" (known: ${FIXED_FIELDS.join(", ")})`);
        options.fixed[field as FixedField] = fixed;
        break;
      }
      case "--no-answer": {
        const [header, cells] = splitPair(arg, value());
        options.noAnswer.push([header, cells.split("|")]);
        break;
      }
      case "--shape": {
        const v = value();
        if (v !== "long" && v !== "wide") throw new UsageError(`--shape must be long or wide, not "${v}"`);
        options.shape = v;
        break;
      }
      case "--no-header":
        options.noHeader = true;
        break;
      case "--header-row": {
        const v = value();
        const n = Number(v);
        if (!/^\d+$/.test(v) || n < 1 || n > MAX_HEADER_ROW) throw new UsageError(`--header-row must be a row from 1 to ${MAX_HEADER_ROW}, not "${v}"`);
        options.headerRow = n;
        break;
      }
      case "--scale": {
        const v = value();
        const scale = SCALES[v];
        if (!scale) throw new UsageError(`--scale must be 1-5, 0-10, 1-7 or 1-10, not "${v}"`);
        options.scale = scale;
        break;
      }
      case "--scale-by": {
        const v = value();
        options.scaleBy = v.toLowerCase() === "none" ? null : v;
        break;
      }
      case "--keep-rows": {
        const v = value();
        const n = Number(v);
        if (!/^\d+$/.test(v) || !Number.isSafeInteger(n)) throw new UsageError(`--keep-rows must be a whole number, not "${v}"`);
        options.keepRows = n;
        break;
      }
      case "--format": {
        const v = value();
        if (v !== "json" && v !== "md") throw new UsageError(`--format must be json or md, not "${v}"`);
        options.format = v;
        break;
      }
      default:
        if (insightOption(arg, options.insights, value)) break;
        if (arg.startsWith("-")) throw new UsageError(`unknown option ${arg}`);
        if (options.file !== "") throw new UsageError(`one feedback file at a time ("${options.file}", then "${arg}")`);
        options.file = arg;
    }
  }
  if (options.file === "") throw new UsageError(`no feedback file given; ${USAGE}`);
  if (options.add && options.map === null) throw new UsageError("--add needs --map <journey.json>: the journey the feedback is added to");
  if (options.again && !options.add) throw new UsageError("--again goes with --add (it imports a file the journey has imported before)");
  if (options.noHeader && options.headerRow !== undefined) throw new UsageError("--no-header and --header-row say different things: give one");
  return options;
}

function readFileOrFail(file: string, what: string): Buffer {
  try {
    return readFileSync(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new UsageError(`cannot read ${what} "${file}": ${code === "ENOENT" ? "no such file" : String(code ?? error)}`);
  }
}

function loadMap(file: string): JourneyMap {
  const parsed = importJourneyMapJson(readFileOrFail(file, "map").toString("utf8"));
  if (!parsed.ok) throw new UsageError(`the map "${file}" cannot be used: ${parsed.errors.slice(0, 3).join("; ")}`);
  return parsed.value;
}

/** A header as the person may write it: in full, or as its short name ("Seat comfort" for seat_comfort_rating). */
function findColumn(headers: readonly string[], header: string, option: string): number {
  const wanted = normaliseHeader(header);
  let index = headers.findIndex((h) => normaliseHeader(h) === wanted);
  if (index < 0) index = headers.findIndex((h) => normaliseHeader(questionShortName(h)) === wanted);
  if (index < 0) index = headers.findIndex((h) => h.split(" — ").some((part) => normaliseHeader(part) === wanted));
  if (index < 0) {
    const listed = headers.slice(0, 30).map((h) => (h.length > 40 ? `${h.slice(0, 39)}…` : h));
    throw new UsageError(`${option}: the file has no column "${header}" (it has: ${listed.join(", ")}${headers.length > 30 ? ", …" : ""})`);
  }
  return index;
}

/** The import options the command line's flags make. */
function importOptionsOf(headers: readonly string[], options: Options): Partial<CsvImportOptions> {
  const result: Partial<CsvImportOptions> = {};
  const columns: Record<number, ColumnSettings> = {};
  const setting = (index: number) => (columns[index] ??= {});
  if (options.columns !== null) {
    const mapping: Partial<ColumnMapping> = {};
    for (const [field, header] of Object.entries(options.columns) as [MappedField, string | null][]) {
      mapping[field] = header === null ? null : findColumn(headers, header, "--columns");
    }
    result.mapping = mapping;
    result.exact = true;
  }
  if (options.questions.length > 0) {
    result.exact = true;
    result.shape = "wide";
    for (const header of options.questions) setting(findColumn(headers, header, "--question")).role = "question";
  }
  for (const [stage, header] of options.stageOf) setting(findColumn(headers, header, "--stage-of")).stage = stage;
  if (options.nps !== null) setting(findColumn(headers, options.nps, "--nps")).measure = "nps";
  if (options.outcome !== null) setting(findColumn(headers, options.outcome, "--outcome")).measure = "outcome";
  for (const [header, cells] of options.noAnswer) setting(findColumn(headers, header, "--no-answer")).noAnswer = cells;
  for (const header of options.segments) setting(findColumn(headers, header, "--segment")).role = "segment";
  if (options.text.length > 0) result.textColumns = options.text.map((header) => findColumn(headers, header, "--text"));
  if (options.shape !== undefined) result.shape = options.shape;
  if (options.scaleBy !== undefined) result.scaleBy = options.scaleBy === null ? null : { column: findColumn(headers, options.scaleBy, "--scale-by") };
  if (Object.keys(options.fixed).length > 0) result.fixed = options.fixed;
  if (Object.keys(columns).length > 0) result.columns = columns;
  // An exact wide mapping keeps the respondent's columns the person named, and the guessed ones only without --columns.
  if (result.exact === true && options.columns === null && result.shape === "wide") result.exact = false;
  return result;
}

/** How each column was read, for the report: every column of the file, those not read as "ignore". */
function reportColumns(result: Pick<FileImportResult, "columns">): ReportColumn[] {
  return result.columns.map((c) => ({
    column: c.header,
    role: c.role,
    scale: c.scale === null ? null : formatScale(c.scale),
    touchpoint: c.touchpoint?.name ?? null,
    stage: c.touchpoint?.stage ?? null,
    measure: c.measure,
    words: c.words,
    ratings: c.ratings,
    noAnswers: c.noAnswers,
    noAnswer: c.noAnswer,
    ...(c.scaleBy === undefined
      ? {}
      : { scaleBy: { column: c.scaleBy.column, surveys: c.scaleBy.surveys.map((s) => ({ value: s.value, scale: formatScale(s.scale), ratings: s.ratings })) } }),
  }));
}

/** The file's pieces, the first read at once: a file that cannot be read, or is not text, is refused in words. */
async function openFeedbackFile(
  file: string,
  sizes: CsvReadSizes,
): Promise<{ first: CsvPiece; rest: AsyncGenerator<CsvPiece>; encoding: () => CsvEncoding }> {
  const stream = readCsvFile(file, sizes);
  try {
    const first = await stream.pieces.next();
    if (first.done === true) throw new UsageError(`"${file}": the file could not be read`);
    return { first: first.value, rest: stream.pieces, encoding: stream.encoding };
  } catch (error) {
    if (error instanceof CsvDecodeError) throw new UsageError(`"${file}": ${error.message}`);
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== undefined)
      throw new UsageError(`cannot read feedback file "${file}": ${code === "ENOENT" ? "no such file" : code === "EISDIR" ? "it is a folder" : code}`);
    throw error;
  }
}

/** What was imported, for the report, whichever the input. */
interface Imported {
  summary: ImportSummary;
  created: CsvImportResult["created"];
}

/** Reads a summary CSV (summary-csv.ts) piece by piece into one summary, each line's problem by its row. */
async function importSummaryFile(
  first: CsvPiece,
  rest: AsyncGenerator<CsvPiece>,
  base: JourneyMap,
  create: CsvImportOptions["create"],
): Promise<Imported & { summary: ImportSummary; feedbackSummary: FeedbackSummary }> {
  const builder = new SummaryBuilder();
  const created: CsvImportResult["created"] = { stages: [], touchpoints: [], personas: [] };
  const errors: CsvProblem[] = [];
  const totals = { lines: 0, imported: 0, skipped: 0, rows: 0, noAnswers: 0 };
  let headers: string[] | undefined;
  let delimiter: string | undefined;
  for (let piece: CsvPiece | undefined = first; piece !== undefined; ) {
    const result = importSummaryCsv(piece.text, {
      map: {
        stages: base.stages.concat(created.stages),
        touchpoints: base.touchpoints.concat(created.touchpoints),
        personas: base.personas.concat(created.personas),
      },
      ...(create === undefined ? {} : { create }),
      firstRow: piece.firstRecord + 1,
      ...(headers === undefined ? {} : { headers }),
      ...(delimiter === undefined ? {} : { delimiter }),
    });
    headers ??= result.headers;
    delimiter ??= result.delimiter;
    builder.addSummary(result.summary);
    created.stages.push(...result.created.stages);
    created.touchpoints.push(...result.created.touchpoints);
    created.personas.push(...result.created.personas);
    for (const error of result.errors) errors.push(error);
    totals.lines += result.lines;
    totals.imported += result.imported;
    totals.skipped += result.skipped;
    totals.rows += result.rows;
    totals.noAnswers += result.noAnswers;
    if (piece.final) break;
    const next = await rest.next();
    piece = next.done === true ? undefined : next.value;
  }
  return {
    summary: {
      rows: totals.lines,
      imported: totals.imported,
      skipped: totals.skipped,
      shape: "summary",
      answers: totals.rows,
      noAnswers: totals.noAnswers,
      problemGroups: groupProblems(errors).map((g) => ({ column: g.column, problem: g.title, count: g.count, rows: g.problems.map((p) => p.row) })),
      errors: errors.map((e) => ({ row: e.row, column: e.column ?? "", message: e.message })),
    },
    created,
    feedbackSummary: builder.toSummary(),
  };
}

/** The layout the flags set: the header's row, or none. */
function layoutOf(options: Options): { headerRow?: number; headerRows?: 0 } {
  if (options.noHeader) return { headerRows: 0 };
  return options.headerRow === undefined ? {} : { headerRow: options.headerRow };
}

/** The import options of a raw feedback file: the flags, read against the file's headers. */
function chosenImportOptions(options: Options, text: CsvPiece["text"]): Partial<CsvImportOptions> {
  const head = csvTextHead(text, 256 * 1024);
  const layout = layoutOf(options);
  const { headers } = inspectCsv(head, layout);
  const chosen = { ...importOptionsOf(headers, options), ...layout };
  if (options.questions.length > 0 && options.columns === null) {
    // Only the named questions: the other columns that look like questions are not read.
    const columns = { ...chosen.columns };
    for (const profile of inspectCsv(head, { ...layout, shape: "wide" }).columns) {
      if (profile.role === "question" && columns[profile.index]?.role !== "question") columns[profile.index] = { ...columns[profile.index], role: "ignore" };
    }
    chosen.columns = columns;
  }
  if (options.noGuessedSegments && chosen.exact !== true) {
    // --segment none: the columns guessed as segments are not read, those named with --segment are.
    const columns = { ...chosen.columns };
    for (const profile of inspectCsv(head, chosen.shape === undefined ? layout : { ...layout, shape: chosen.shape }).columns) {
      if (profile.role === "segment" && columns[profile.index]?.role !== "segment") columns[profile.index] = { ...columns[profile.index], role: "ignore" };
    }
    chosen.columns = columns;
  }
  return chosen;
}

/** Runs a command and gives what it prints; `sizes` changes how the file is read in pieces (tests). */
export async function runCli(args: readonly string[], sizes: CsvReadSizes = {}): Promise<string> {
  const options = parseArguments(args);
  if (options.help) return HELP;
  const opened = await openFeedbackFile(options.file, sizes);
  const { encoding } = opened;
  // Without --map, the stages, touchpoints and personas come from the file, in order of first appearance.
  const base = options.map ? loadMap(options.map) : emptyJourney(titleFromFileName(options.file));
  // --add: the pieces hashed and the rows' keys collected as they pass, for the journey's ledger (cli-ledger.ts).
  const ledger = options.add && options.map !== null ? new LedgerImport(base, options.map, options.file, statSync(options.file).size, options.again) : null;
  const { first, rest } = ledger?.pieces(opened.first, opened.rest) ?? opened;
  // With a saved map, only touchpoints are made (in an "Unassigned" stage): a row never fails for a missing touchpoint.
  const create = options.map ? { stages: false, touchpoints: true, personas: false } : undefined;
  const summarize = options.command === "summarize";
  const { headers } = inspectCsv(csvTextHead(first.text, 256 * 1024), layoutOf(options));
  let imported: Imported;
  let feedback: Feedback[] = [];
  let summary: FeedbackSummary | undefined;
  let summarised = 0;
  let added: ReturnType<LedgerImport["save"]> | undefined;
  if (isSummaryCsv(headers)) {
    if (ledger !== null) throw new UsageError(`"${options.file}" is a summary CSV: --add takes a feedback export (the panel merges a summary into a journey)`);
    const read = await importSummaryFile(first, rest, base, create);
    if (read.summary.imported === 0) {
      const why = read.summary.rows === 0 ? "the file has no data rows" : (read.summary.errors[0]?.message ?? "no line could be read");
      const lines = `${read.summary.rows} line${read.summary.rows === 1 ? "" : "s"}`;
      throw new NothingImportedError(`nothing was imported from the summary "${options.file}" (${lines}): ${why}`);
    }
    imported = read;
    summary = read.feedbackSummary;
    summarised = read.summary.answers ?? 0;
  } else {
    const builder = new SummaryBuilder();
    // `analyze` keeps rows as a journey keeps them (evidence and an exact summary); `summarize` keeps none.
    // Suggestions count a text without a rating as negative when the report reads sentiment: so do the term statistics.
    const score = options.insights.noSentiment ? null : createSentimentScorer();
    const negativeText = score === null ? undefined : (text: string) => sentimentOf(score(text) ?? 0) === "negative";
    const fold = new EvidenceFold(base, options.keepRows, negativeText);
    // summarize writes the no-answers too, each in its group ("no answer" lines), as the import counts them.
    const summarise: FeedbackSink = (rows, _created, noAnswers) => {
      for (const row of rows) builder.addFeedback(row);
      for (const { key, count } of noAnswers ?? []) builder.addNoAnswers(key, count);
    };
    const sink = summarize ? summarise : fold.add;
    const result = await importCsvPieces(
      first,
      rest,
      {
        map: base,
        ...chosenImportOptions(options, first.text),
        scale: options.scale,
        encoding: encoding(),
        create,
        ...(summarize ? { noAnswerGroups: true } : {}),
        ...(ledger === null ? {} : { alreadyImported: ledger.known }),
        // each row stores its text's sentiment (the same scorer, so each text is scored once), and the rows
        // folded into the summary leave their labels in its tallies: a journey written back shows them
        ...(score === null ? {} : { scoreText: score }),
      },
      ledger?.sink(sink) ?? sink,
    );
    // A file the journey has imported is said so before anything else (every row of it is known).
    ledger?.check();
    if (result.imported === 0) {
      const why = result.rows === 0 ? "the file has no data rows" : (result.errors[0]?.message ?? "no row could be read");
      throw new NothingImportedError(`nothing was imported from "${options.file}" (${result.rows} rows): ${why}`);
    }
    imported = {
      created: result.created,
      summary: {
        rows: result.rows,
        imported: result.imported,
        skipped: result.skipped,
        shape: result.shape,
        answers: result.answers,
        duplicates: result.duplicates,
        noAnswers: result.noAnswers,
        columns: reportColumns(result),
        problemGroups: result.problemGroups.map((g) => ({ column: g.column, problem: g.title, count: g.count, rows: g.problems.map((p) => p.row) })),
        errors: result.errors.map((e) => ({ row: e.row, column: e.column ?? "", message: e.message })),
      },
    };
    if (summarize) summary = builder.toSummary();
    else {
      ({ feedback, summary } = fold.result());
      summarised = fold.summarised;
    }
    if (ledger !== null) added = ledger.save(result, feedback, summary, negativeText);
  }
  // The file's feedback is what is analysed: a saved map's own feedback (and summary) is replaced, not added to;
  // with --add, the journey with the file added, as it was written back.
  const map: JourneyMap = added?.journey ?? { ...withImportedFeedback({ ...base, feedback: [] }, { created: imported.created, feedback }), summary };
  if (map.summary === undefined) delete map.summary;
  if (summarize) {
    const problems = imported.summary.errors.length;
    if (problems > 0) process.stderr.write(`journey-mapper: ${problems} import problem${problems === 1 ? "" : "s"} (run analyze for the list)\n`);
    return writeSummaryCsv(map.summary ?? summariseFeedback([]), map);
  }
  const report = buildReport(imported.summary, analyseJourney(map));
  const insights = insightsOf(map, { ...options.insights, outcome: options.outcome ?? undefined });
  // When rows were summarised, sentiment reads the text of the rows kept only.
  const kept = summarised > 0 ? { feedback: { keptRows: feedback.length, summarisedRows: summarised } } : {};
  const keptNote =
    summarised > 0
      ? `\n${summarised.toLocaleString("en")} rows are counted in an exact summary; sentiment reads the ${feedback.length.toLocaleString("en")} rows kept (evidence).\n`
      : "";
  const ledgerReport = added === undefined ? {} : { ledger: { journey: options.map, imports: map.ledger?.imports.length ?? 0, note: added.note } };
  return options.format === "md"
    ? `${reportToMarkdown(report, map.title)}${keptNote}\n${insights.markdown}${added?.note ? `\n${added.note}\n` : ""}`
    : `${JSON.stringify({ ...report, ...insights.report, ...kept, ...ledgerReport }, null, 2)}\n`;
}

const isMain = typeof process !== "undefined" && process.argv[1] !== undefined && /cli\.(js|ts)$/.test(process.argv[1]);
if (isMain) {
  runCli(process.argv.slice(2)).then(
    (output) => process.stdout.write(output),
    (error: unknown) => {
      const message = error instanceof Error ? error.message : String(error);
      process.stderr.write(`journey-mapper: ${message.split("\n")[0]}\n`);
      process.exitCode = error instanceof UsageError || error instanceof OutcomeError ? 2 : error instanceof AlreadyImportedError ? 3 : 1;
    },
  );
}
