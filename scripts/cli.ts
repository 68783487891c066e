/**
 * The command line tool, for pipelines: analyse a feedback CSV, optionally against a saved map,
 * and print the gaps and priorities as JSON or Markdown.
 *
 *   node dist/cli.js analyze <feedback file> [--map journey.json]
 *     [--columns rating=<header>,text=<header>,stage=<header>,touchpoint=<header>,persona=<header>,date=<header>,source=<header>]
 *     [--scale 1-5|0-10|1-7] [--format json|md] [--outcome <header>] [--no-sentiment]
 *
 * With --map, the file's feedback is analysed against the map's stages, touchpoints, personas, pain
 * points and KPIs (the map's own feedback is left out). Bad input exits non-zero with one line
 * naming the problem.
 */
import { readFileSync } from "node:fs";
import { analyseJourney } from "../shared/analysis";
import {
  CsvDecodeError,
  MAPPED_FIELDS,
  decodeCsvBytes,
  importFeedbackCsv,
  inspectCsv,
  normaliseHeader,
  type ColumnMapping,
  type MappedField,
} from "../shared/csv";
import { emptyJourney, titleFromFileName, withImportedFeedback } from "../shared/journey-from-feedback";
import { importJourneyMapJson, type JourneyMap } from "../shared/model";
import { buildReport, reportToMarkdown } from "../shared/report";
import { OutcomeError, insightOption, insightsOf, type InsightOptions } from "./cli-insights";

const USAGE =
  "usage: journey-mapper analyze <feedback.csv> [--map journey.json] [--columns rating=<header>,text=<header>,…] [--scale 1-5|0-10|1-7] [--format json|md] [--outcome <header>] [--no-sentiment]";

class UsageError extends Error {}

interface Options {
  file: string;
  map: string | null;
  columns: Partial<Record<MappedField, string>>;
  scale: { min: number; max: number } | undefined;
  format: "json" | "md";
  insights: InsightOptions;
}

const SCALES: Record<string, { min: number; max: number }> = {
  "1-5": { min: 1, max: 5 },
  "0-10": { min: 0, max: 10 },
  "1-7": { min: 1, max: 7 },
};

function parseColumns(value: string): Partial<Record<MappedField, string>> {
  const columns: Partial<Record<MappedField, string>> = {};
  for (const pair of value.split(",")) {
    const at = pair.indexOf("=");
    const field = pair.slice(0, at).trim();
    const header = pair.slice(at + 1).trim();
    if (at < 1 || header === "") throw new UsageError(`--columns: "${pair}" is not field=header`);
    if (!(MAPPED_FIELDS as readonly string[]).includes(field))
      throw new UsageError(`--columns: unknown field "${field}" (known: ${MAPPED_FIELDS.join(", ")})`);
    columns[field as MappedField] = header;
  }
  return columns;
}

export function parseArguments(args: readonly string[]): Options {
  const [command, ...rest] = args;
  if (command !== "analyze") throw new UsageError(command === undefined ? USAGE : `unknown command "${command}"; ${USAGE}`);
  const options: Options = { file: "", map: null, columns: {}, scale: undefined, format: "json", insights: {} };
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
      case "--columns":
        options.columns = parseColumns(value());
        break;
      case "--scale": {
        const v = value();
        const scale = SCALES[v];
        if (!scale) throw new UsageError(`--scale must be 1-5, 0-10 or 1-7, not "${v}"`);
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

function columnIndexes(headers: readonly string[], columns: Options["columns"]): Partial<ColumnMapping> {
  const mapping: Partial<ColumnMapping> = {};
  for (const [field, header] of Object.entries(columns) as [MappedField, string][]) {
    const index = headers.findIndex((h) => normaliseHeader(h) === normaliseHeader(header));
    if (index < 0) throw new UsageError(`--columns: the file has no column "${header}" (it has: ${headers.join(", ")})`);
    mapping[field] = index;
  }
  return mapping;
}

export async function runCli(args: readonly string[]): Promise<string> {
  const options = parseArguments(args);
  const bytes = readFileOrFail(options.file, "feedback file");
  let decoded;
  try {
    decoded = decodeCsvBytes(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength));
  } catch (error) {
    if (error instanceof CsvDecodeError) throw new UsageError(`"${options.file}": ${error.message}`);
    throw error;
  }
  // Without --map, the stages, touchpoints and personas come from the file, in order of first appearance.
  const base = options.map ? loadMap(options.map) : emptyJourney(titleFromFileName(options.file));
  const inspection = inspectCsv(decoded.text);
  const result = await importFeedbackCsv(decoded.text, {
    map: base,
    mapping: columnIndexes(inspection.headers, options.columns),
    scale: options.scale,
    encoding: decoded.encoding,
    create: options.map ? { stages: false, touchpoints: false, personas: false } : undefined,
  });
  // The file's feedback is what is analysed: a saved map's own feedback is replaced, not added to.
  const map = withImportedFeedback({ ...base, feedback: [] }, result);
  const report = buildReport(
    {
      rows: result.rows,
      imported: result.imported,
      skipped: result.skipped,
      errors: result.errors.map((e) => ({ row: e.row, column: e.column ?? "", message: e.message })),
    },
    analyseJourney(map),
  );
  const insights = insightsOf(map, options.insights);
  return options.format === "md"
    ? `${reportToMarkdown(report, map.title)}\n${insights.markdown}`
    : `${JSON.stringify({ ...report, ...insights.report }, null, 2)}\n`;
}

const isMain = typeof process !== "undefined" && process.argv[1] !== undefined && /cli\.(js|ts)$/.test(process.argv[1]);
if (isMain) {
  runCli(process.argv.slice(2)).then(
    (output) => process.stdout.write(output),
    (error: unknown) => {
      const message = error instanceof Error ? error.message : String(error);
      process.stderr.write(`journey-mapper: ${message.split("\n")[0]}\n`);
      process.exitCode = error instanceof UsageError || error instanceof OutcomeError ? 2 : 1;
    },
  );
}
