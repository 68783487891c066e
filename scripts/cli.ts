/**
 * The command line tool, for pipelines: analyse a feedback CSV, optionally against a saved map,
 * and print the gaps and priorities as JSON or Markdown.
 *
 *   node dist/cli.js analyze <feedback file> [--map journey.json] [--columns field=<header>|none,…]
 *     [--question <header>]… [--stage-of <stage>=<header>]… [--nps <header>] [--outcome <header>]
 *     [--text <header>]… [--fixed field=value]… [--no-answer <header>=<a|b>]… [--shape long|wide]
 *     [--scale 1-5|0-10|1-7|1-10] [--format json|md] [--no-sentiment] [--help]
 *
 * A wide survey export (one row per respondent, one column per question) is analysed with one
 * touchpoint per rating question; `--help` explains every option.
 *
 * With --map, the file's feedback is analysed against the map's stages, touchpoints, personas, pain
 * points and KPIs (the map's own feedback is left out). Bad input exits non-zero with one line
 * naming the problem.
 */
import { readFileSync, statSync } from "node:fs";
import { basename } from "node:path";
import { analyseJourney } from "../shared/analysis";
import {
  CsvDecodeError,
  MAPPED_FIELDS,
  csvTextHead,
  decodeCsvBytes,
  formatScale,
  importFeedbackCsv,
  inspectCsv,
  normaliseHeader,
  questionShortName,
  refuseOversizedCsv,
  type ColumnMapping,
  type ColumnSettings,
  type CsvImportOptions,
  type CsvImportResult,
  type CsvShape,
  type MappedField,
} from "../shared/csv";
import { emptyJourney, titleFromFileName, withImportedFeedback } from "../shared/journey-from-feedback";
import { importJourneyMapJson, type JourneyMap } from "../shared/model";
import { type ReportColumn, buildReport, reportToMarkdown } from "../shared/report";
import { OutcomeError, insightOption, insightsOf, type InsightOptions } from "./cli-insights";
import { AlreadyImportedError, beforeLedgerImport, saveLedgerImport } from "./cli-ledger";

const USAGE =
  "usage: journey-mapper analyze <feedback.csv> [--map journey.json [--add [--again]]] [--columns field=<header>|none,…] [--question <header>]… [--text <header>]… [--fixed field=value]… [--scale 1-5|0-10|1-7|1-10] [--format json|md] (--help for all options)";

const HELP = `journey-mapper: analyse a feedback export (CSV, TSV …) and print its gaps and priorities.

usage: journey-mapper analyze <feedback file> [options]

A long file (one row per response: a rating column, maybe stage/touchpoint columns) is read as
guessed from its headers and values. A wide survey export (one row per respondent, one column per
question) is read with one touchpoint per rating question, each with its own scale.

options:
  --map <journey.json>        analyse against a saved map (its stages, touchpoints, personas, KPIs);
                              touchpoints the map lacks are created, in an "Unassigned" stage
  --add                       with --map: add the file's feedback to the saved journey, record the
                              import in its ledger, write the journey back and analyse all of it;
                              rows the journey's imports brought already are skipped, and a file it
                              has imported is refused (nothing added) unless --again
  --again                     with --add: import a file the journey has imported before
  --columns <field=header,…>  the columns, by header; a field set to none is not read. Fields:
                              ${MAPPED_FIELDS.join(", ")}. The mapping given is final: fields not
                              named are not read, and the file is read as long (unless --question)
  --question <header>         a rating question of a wide file (repeat for each); only these are read
  --stage-of <stage>=<header> puts a question's touchpoint into a stage (repeat)
  --nps <header>              marks the likelihood-to-recommend question
  --outcome <header>          marks the overall outcome question (e.g. overall satisfaction)
  --text <header>             a text column (repeat: Title, then Review, are joined into one comment)
  --fixed <field=value>       a value for every row: stage, touchpoint, persona or source (repeat)
  --no-answer <header>=<a|b>  the cells that mean "no answer" in that column (default: empty, NA, N/A,
                              -, Don't know, Not applicable …, and a 0 below a 1–5 or 1–10 scale)
  --shape long|wide           read the file as long or wide instead of guessing
  --scale 1-5|0-10|1-7|1-10   the rating scale of a long file, instead of inferring it
  --format json|md            the report as JSON (default) or Markdown tables
  --no-sentiment              leaves out the sentiment of the text (the slow part: ~1,000 texts a second)
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
  file: string;
  map: string | null;
  /** Header per field; null for "none". */
  columns: Partial<Record<MappedField, string | null>> | null;
  questions: string[];
  stageOf: [stage: string, header: string][];
  nps: string | null;
  outcome: string | null;
  text: string[];
  fixed: Partial<Record<FixedField, string>>;
  noAnswer: [header: string, cells: string[]][];
  shape: CsvShape | undefined;
  scale: { min: number; max: number } | undefined;
  format: "json" | "md";
  /** Add the file to the --map journey and its ledger, and write it back; `again` even if imported before. */
  add: boolean;
  again: boolean;
  help: boolean;
  insights: InsightOptions;
}

const SCALES: Record<string, { min: number; max: number }> = {
  "1-5": { min: 1, max: 5 },
  "0-10": { min: 0, max: 10 },
  "1-7": { min: 1, max: 7 },
  "1-10": { min: 1, max: 10 },
};

function parseColumns(value: string): Partial<Record<MappedField, string | null>> {
  const columns: Partial<Record<MappedField, string | null>> = {};
  for (const pair of value.split(",")) {
    const at = pair.indexOf("=");
    const field = pair.slice(0, at).trim();
    const header = pair.slice(at + 1).trim();
    if (at < 1 || header === "") throw new UsageError(`--columns: "${pair}" is not field=header`);
    if (!(MAPPED_FIELDS as readonly string[]).includes(field))
      throw new UsageError(`--columns: unknown field "${field}" (known: ${MAPPED_FIELDS.join(", ")})`);
    columns[field as MappedField] = header.toLowerCase() === "none" ? null : header;
  }
  return columns;
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
    file: "",
    map: null,
    columns: null,
    questions: [],
    stageOf: [],
    nps: null,
    outcome: null,
    text: [],
    fixed: {},
    noAnswer: [],
    shape: undefined,
    scale: undefined,
    format: "json",
    add: false,
    again: false,
    help: false,
    insights: {},
  };
  if (command === "--help" || command === "-h" || command === "help" || rest.includes("--help") || rest.includes("-h")) {
    return { ...options, help: true };
  }
  if (command !== "analyze") throw new UsageError(command === undefined ? USAGE : `unknown command "${command}"; ${USAGE}`);
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
      case "--columns":
        options.columns = { ...options.columns, ...parseColumns(value()) };
        break;
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
      case "--scale": {
        const v = value();
        const scale = SCALES[v];
        if (!scale) throw new UsageError(`--scale must be 1-5, 0-10, 1-7 or 1-10, not "${v}"`);
        options.scale = scale;
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
  if (options.text.length > 0) result.textColumns = options.text.map((header) => findColumn(headers, header, "--text"));
  if (options.shape !== undefined) result.shape = options.shape;
  if (Object.keys(options.fixed).length > 0) result.fixed = options.fixed;
  if (Object.keys(columns).length > 0) result.columns = columns;
  // An exact wide mapping keeps the respondent's columns the person named, and the guessed ones only without --columns.
  if (result.exact === true && options.columns === null && result.shape === "wide") result.exact = false;
  return result;
}

/** How each column was read, for the report. */
function reportColumns(result: CsvImportResult): ReportColumn[] {
  return result.columns
    .filter((c) => c.role !== "ignore")
    .map((c) => ({
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
    }));
}

/** The feedback file's bytes, a file too large to import refused by its size before it is read. */
function readFeedbackFile(file: string): Uint8Array {
  let size = -1;
  try {
    size = statSync(file).size;
  } catch {
    // Reading it says why it cannot be read.
  }
  try {
    if (size >= 0) refuseOversizedCsv(size);
  } catch (error) {
    if (error instanceof CsvDecodeError) throw new UsageError(`"${file}": ${error.message}`);
    throw error;
  }
  const bytes = readFileOrFail(file, "feedback file");
  return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

export async function runCli(args: readonly string[]): Promise<string> {
  const options = parseArguments(args);
  if (options.help) return HELP;
  const bytes = readFeedbackFile(options.file);
  let decoded;
  try {
    decoded = decodeCsvBytes(bytes);
  } catch (error) {
    if (error instanceof CsvDecodeError) throw new UsageError(`"${options.file}": ${error.message}`);
    throw error;
  }
  // Without --map, the stages, touchpoints and personas come from the file, in order of first appearance.
  const base = options.map ? loadMap(options.map) : emptyJourney(titleFromFileName(options.file));
  const head = csvTextHead(decoded.text, 256 * 1024);
  const { headers } = inspectCsv(head);
  const chosen = importOptionsOf(headers, options);
  // --add: the file recognised by the journey's ledger before anything is imported (cli-ledger.ts).
  const ledgerImport = options.add && options.map ? beforeLedgerImport(base, options.map, basename(options.file), bytes.length, decoded.text, options.again) : null;
  if (options.questions.length > 0 && options.columns === null) {
    // Only the named questions: the other columns that look like questions are not read.
    const columns = { ...chosen.columns };
    for (const profile of inspectCsv(head, { shape: "wide" }).columns) {
      if (profile.role === "question" && columns[profile.index]?.role !== "question") columns[profile.index] = { ...columns[profile.index], role: "ignore" };
    }
    chosen.columns = columns;
  }
  const result = await importFeedbackCsv(decoded.text, {
    map: base,
    ...chosen,
    scale: options.scale,
    encoding: decoded.encoding,
    // With a saved map, only touchpoints are made (in an "Unassigned" stage): a row never fails for a missing touchpoint.
    create: options.map ? { stages: false, touchpoints: true, personas: false } : undefined,
    ...(ledgerImport === null ? {} : { alreadyImported: ledgerImport.known }),
  });
  if (result.imported === 0) {
    const why = result.rows === 0 ? "the file has no data rows" : (result.errors[0]?.message ?? "no row could be read");
    throw new NothingImportedError(`nothing was imported from "${options.file}" (${result.rows} rows): ${why}`);
  }
  // The file's feedback is what is analysed: a saved map's own feedback is replaced, not added to;
  // with --add, the journey with the file added, as it is written back.
  const added = ledgerImport !== null && options.map ? saveLedgerImport(base, options.map, ledgerImport, result) : null;
  const map = added?.journey ?? withImportedFeedback({ ...base, feedback: [] }, result);
  const report = buildReport(
    {
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
    analyseJourney(map),
  );
  const insights = insightsOf(map, { ...options.insights, outcome: options.outcome ?? undefined });
  const ledger = added === null ? {} : { ledger: { journey: options.map, imports: map.ledger?.imports.length ?? 0, note: added.note } };
  return options.format === "md"
    ? `${reportToMarkdown(report, map.title)}\n${insights.markdown}${added?.note ? `\n${added.note}\n` : ""}`
    : `${JSON.stringify({ ...report, ...insights.report, ...ledger }, null, 2)}\n`;
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
