/**
 * The summary CSV: an exact summary of feedback (summary.ts) as a file, one row per group and rating
 * value with its count, so a team whose feedback sits in a warehouse can aggregate it there (one
 * GROUP BY, see SUMMARY_SQL) and bring the result into a journey; `journey-mapper summarize` writes
 * the same format from a raw export.
 *
 *   stage, touchpoint, persona, source, kind, period, [segment columns…], scale_min, scale_max, type, rating, count
 *
 * - stage, touchpoint, persona: names, as a feedback export writes them (empty for none); found in
 *   the journey by name or created, as the CSV import does;
 * - source: free text (may be empty); kind: survey, interview, review, social, support or form
 *   (empty: guessed from the source, as the CSV import does);
 * - period: the day, YYYY-MM-DD (a timestamp's date part is read too), or empty;
 * - any other column is a segment column ("travel_type", "plan"): its header names the segment,
 *   an empty cell means the rows have no value for it;
 * - type: "rated" (rows with a rating), "text-only" (a text but no rating), "empty" (neither), or
 *   "no answer" (questions left unanswered, which make no row but are counted);
 * - rating and scale_min/scale_max: the rating value and its scale, for rated rows; empty (or
 *   ignored) for the other types;
 * - count: how many rows (or no-answer cells) the line stands for, a whole number.
 *
 * Lines that name the same group are added together, so a file may be split or repeated per
 * period and still gives the same summary. Every line that cannot be read is reported with its row
 * and why, and nothing else of it is taken.
 */
import Papa from "papaparse";
import { type CsvProblem, csvProblem, quoteCell } from "./csv/problem";
import { escapeFormula, unescapeFormula } from "./csv/formula";
import { createEntityLinker, createRowLinks } from "./csv/link";
import { guessFeedbackKind, readFeedbackKind } from "./csv/kind";
import { type CsvText, csvTextLength } from "./csv/records";
import { type Feedback, type JourneyMap, NUMBER_LIMIT, type Persona, type Stage, type Touchpoint, newId, withoutHiddenCharacters } from "./model";
import { type FeedbackSummary, GroupTally, type SummaryGroup, summaryGroups } from "./summary";

/** The columns every summary CSV has, in the order it is written (segment columns go after `period`). */
export const SUMMARY_CSV_COLUMNS = ["stage", "touchpoint", "persona", "source", "kind", "period", "scale_min", "scale_max", "type", "rating", "count"] as const;
export type SummaryCsvColumn = (typeof SUMMARY_CSV_COLUMNS)[number];

export const SUMMARY_ROW_TYPES = ["rated", "text-only", "empty", "no answer"] as const;
export type SummaryRowType = (typeof SUMMARY_ROW_TYPES)[number];

/**
 * The SQL that makes a summary CSV from a long export: one GROUP BY. `feedback` is a table or view
 * with one row per response and these columns (map yours in a view or a WITH clause): stage,
 * touchpoint, persona, source, kind (texts, NULL for none), answered_at (a date or timestamp),
 * scale_min, scale_max, rating (numbers; rating NULL when not rated), comment (text). Standard SQL:
 * runs as it is in DuckDB, PostgreSQL, Snowflake and BigQuery (which allow grouping by position).
 */
export const SUMMARY_SQL = `SELECT
  COALESCE(stage, '') AS stage,
  COALESCE(touchpoint, '') AS touchpoint,
  COALESCE(persona, '') AS persona,
  COALESCE(source, '') AS source,
  COALESCE(kind, '') AS kind,
  CAST(answered_at AS DATE) AS period,
  CASE WHEN rating IS NULL THEN NULL ELSE scale_min END AS scale_min,
  CASE WHEN rating IS NULL THEN NULL ELSE scale_max END AS scale_max,
  CASE
    WHEN rating IS NOT NULL THEN 'rated'
    WHEN TRIM(COALESCE(comment, '')) <> '' THEN 'text-only'
    ELSE 'empty'
  END AS type,
  rating,
  COUNT(*) AS count
FROM feedback
GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9, 10
ORDER BY 1, 2, 3, 4, 5, 6, 7, 8, 9, 10`;

/** A header as compared: without case, spaces, hyphens or underscores ("Scale min" = "scale_min"). */
function headerKey(header: string): string {
  return header.trim().toLowerCase().replace(/[\s_-]+/g, "_");
}

/** Whether a file's headers are those of a summary CSV (every column of SUMMARY_CSV_COLUMNS, in any order). */
export function isSummaryCsv(headers: readonly string[]): boolean {
  const keys = new Set(headers.map(headerKey));
  return SUMMARY_CSV_COLUMNS.every((column) => keys.has(column));
}

type Names = Pick<JourneyMap, "stages" | "touchpoints" | "personas">;

/**
 * A summary as a summary CSV (CRLF line ends, texts escaped against formulas as every export is),
 * stage, touchpoint and persona by name, lines in the order of their names. Segment columns are every
 * segment name the summary uses, sorted.
 */
export function writeSummaryCsv(summary: FeedbackSummary, names: Names): string {
  const byId = (list: readonly { id: string; name: string }[]) => new Map(list.map((entity) => [entity.id, entity.name]));
  const stages = byId(names.stages);
  const touchpoints = byId(names.touchpoints);
  const personas = byId(names.personas);
  const segmentNames = new Set<string>();
  for (const group of summaryGroups(summary)) for (const name of Object.keys(group.segments ?? {})) segmentNames.add(name);
  const segments = [...segmentNames].sort();
  const fields = [...SUMMARY_CSV_COLUMNS.slice(0, 6), ...segments, ...SUMMARY_CSV_COLUMNS.slice(6)];
  const name = (map: Map<string, string>, id: string | null) => (id === null ? "" : escapeFormula(map.get(id) ?? ""));
  const lines: { order: string; rows: (string | number)[][] }[] = [];
  for (const group of summaryGroups(summary)) {
    const key = [
      name(stages, group.stageId),
      name(touchpoints, group.touchpointId),
      name(personas, group.personaId),
      escapeFormula(group.source),
      group.kind,
      group.day ?? "",
      ...segments.map((segment) => escapeFormula(group.segments?.[segment] ?? "")),
    ];
    const rows: (string | number)[][] = [];
    group.values.forEach((value, i) => {
      rows.push([...key, group.scale?.min ?? "", group.scale?.max ?? "", "rated", value, group.counts[i] ?? 0]);
    });
    if (group.textOnly > 0) rows.push([...key, "", "", "text-only", "", group.textOnly]);
    if (group.empty > 0) rows.push([...key, "", "", "empty", "", group.empty]);
    if (group.noAnswer > 0) rows.push([...key, "", "", "no answer", "", group.noAnswer]);
    lines.push({ order: [...key, group.scale?.min ?? "", group.scale?.max ?? ""].join("\u0000"), rows });
  }
  // In the order of the names, not of the ids: the same feedback gives the same file in any journey.
  lines.sort((a, b) => (a.order < b.order ? -1 : a.order > b.order ? 1 : 0));
  const data = lines.flatMap((line) => line.rows);
  return `${Papa.unparse({ fields: fields.map(escapeFormula), data }, { newline: "\r\n" })}\r\n`;
}

export interface SummaryCsvOptions {
  /** The journey the summary is for: its stages, touchpoints and personas are matched by name. */
  map: Names;
  /** Whether names the journey does not know become new entities (the default) or make the line fail. */
  create?: { stages?: boolean; touchpoints?: boolean; personas?: boolean };
  makeId?: (prefix: "stage" | "touchpoint" | "persona") => string;
  /** The spreadsheet row of the text's first line (a later piece of a file), default 1: the header. */
  firstRow?: number;
  /** The headers, for a piece of a file without its header row. */
  headers?: readonly string[];
  /** The delimiter, for a piece of a file (default: detected). */
  delimiter?: string;
}

export interface SummaryCsvImport {
  summary: FeedbackSummary;
  /** Entities made for names the journey did not know, in order of first appearance. */
  created: { stages: Stage[]; touchpoints: Touchpoint[]; personas: Persona[] };
  /** Data lines read (blank ones not counted), imported and skipped: lines = imported + skipped. */
  lines: number;
  imported: number;
  skipped: number;
  /** Feedback rows (and no-answer cells) the imported lines stand for. */
  rows: number;
  noAnswers: number;
  /** Every line not imported, with its row and why. */
  errors: CsvProblem[];
  headers: string[];
  delimiter: string;
}

const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;
/** A number as the model holds one (within ±NUMBER_LIMIT); null for anything else. */
function readNumber(cell: string): number | null {
  const trimmed = cell.trim();
  const value = NUMBER.test(trimmed) ? Number(trimmed) : Number.NaN;
  return Number.isFinite(value) && Math.abs(value) <= NUMBER_LIMIT ? value : null;
}

/** A day from "2024-03-05", "2024-03-05 10:00:00" or "2024-03-05T10:00:00Z"; null when it is none. */
function readDay(cell: string): string | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})(?:$|[T ])/.exec(cell.trim());
  if (match === null) return null;
  const [, y, m, d] = match;
  const date = new Date(Date.UTC(Number(y), Number(m) - 1, Number(d)));
  return date.getUTCMonth() === Number(m) - 1 && date.getUTCDate() === Number(d) ? `${y}-${m}-${d}` : null;
}

function readType(cell: string): SummaryRowType | null {
  const key = cell.trim().toLowerCase().replace(/[\s_-]+/g, " ");
  if (key === "rated") return "rated";
  if (key === "text only") return "text-only";
  if (key === "empty") return "empty";
  if (key === "no answer") return "no answer";
  return null;
}

/**
 * The delimiter of a summary file, from its header line alone: the header names have none in them,
 * so the first of tab, semicolon and comma that follows "stage" is it. Guessing from the whole text
 * could take a delimiter from the values (segment values of ";" on every line).
 */
function headerDelimiter(text: string): { delimiter?: string } {
  const end = text.search(/[\r\n]/);
  const header = (end < 0 ? text : text.slice(0, end)).replace(/"/g, "").trim();
  const match = /^stage\s*([\t;,|])/i.exec(header);
  return match === null ? {} : { delimiter: match[1] as string };
}

/**
 * Reads a summary CSV into a summary of the journey's terms. Never throws for bad data: a line that
 * cannot be read is in `errors` (row, column, why) and adds nothing.
 */
export function importSummaryCsv(text: CsvText, options: SummaryCsvOptions): SummaryCsvImport {
  const whole = typeof text === "string" ? text : text.join("");
  const clean = withoutHiddenCharacters(whole.charCodeAt(0) === 0xfeff ? whole.slice(1) : whole);
  const parsed = Papa.parse<string[]>(clean, {
    skipEmptyLines: false,
    ...(options.delimiter !== undefined
      ? { delimiter: options.delimiter }
      : options.headers === undefined
        ? headerDelimiter(clean)
        : {}),
  });
  const records = parsed.data;
  if (records.length > 0 && csvTextLength(text) > 0 && /[\r\n]$/.test(whole)) {
    const last = records[records.length - 1];
    if (last !== undefined && last.length === 1 && last[0] === "") records.pop();
  }
  const firstRow = options.firstRow ?? 1;
  const headers = options.headers === undefined ? (records.shift() ?? []).map((h) => h.trim()) : [...options.headers];
  const dataRow = options.headers === undefined ? firstRow + 1 : firstRow;
  const makeId = options.makeId ?? ((prefix) => newId(prefix));
  const linker = createEntityLinker(options.map, {
    create: {
      stages: options.create?.stages ?? true,
      touchpoints: options.create?.touchpoints ?? true,
      personas: options.create?.personas ?? true,
    },
    makeId,
  });
  const links = createRowLinks();
  const errors: CsvProblem[] = [];
  const groups = new GroupTally();
  const result: SummaryCsvImport = { summary: { strings: [], groups: [] }, created: linker.created, lines: 0, imported: 0, skipped: 0, rows: 0, noAnswers: 0, errors, headers, delimiter: parsed.meta.delimiter };
  const at = new Map<string, number>();
  headers.forEach((header, index) => {
    const key = headerKey(header);
    if (!at.has(key)) at.set(key, index);
  });
  const missing = SUMMARY_CSV_COLUMNS.filter((column) => !at.has(column));
  if (missing.length > 0) {
    errors.push(
      csvProblem(firstRow, null, `a summary file needs the columns ${SUMMARY_CSV_COLUMNS.join(", ")}; this one has no ${missing.map((m) => `"${m}"`).join(", ")}: nothing imported`),
    );
    return result;
  }
  const column = (name: SummaryCsvColumn) => at.get(name) as number;
  const fixed = new Set(SUMMARY_CSV_COLUMNS.map(column));
  const segmentColumns = headers.map((header, index) => ({ header, index })).filter(({ index }) => !fixed.has(index));
  records.forEach((record, k) => {
    const row = dataRow + k;
    if (record.every((cell) => cell.trim() === "")) return;
    result.lines++;
    const cell = (name: SummaryCsvColumn) => unescapeFormula(record[column(name)] ?? "");
    const header = (name: SummaryCsvColumn) => headers[column(name)] ?? name;
    const fail = (name: SummaryCsvColumn | null, detail: string) => {
      errors.push(csvProblem(row, name === null ? null : header(name), `${detail}: not imported`));
      result.skipped++;
    };
    if (record.length > headers.length && record.slice(headers.length).some((c) => c.trim() !== "")) {
      return fail(null, `has ${record.length} cells where the header has ${headers.length}`);
    }
    const type = readType(cell("type"));
    if (type === null) return fail("type", `${quoteCell(cell("type"))} is not a line type (rated, text-only, empty or no answer)`);
    const count = readNumber(cell("count"));
    if (count === null || !Number.isSafeInteger(count) || count < 0) return fail("count", `${quoteCell(cell("count"))} is not a whole number of rows`);
    let scale: { min: number; max: number } | null = null;
    let rating: number | null = null;
    if (type === "rated") {
      const min = readNumber(cell("scale_min"));
      const max = readNumber(cell("scale_max"));
      if (min === null || max === null || !(max > min)) {
        return fail("scale_min", `a rated line needs its scale: scale_min ${quoteCell(cell("scale_min"))} and scale_max ${quoteCell(cell("scale_max"))} are not two numbers with max > min`);
      }
      rating = readNumber(cell("rating"));
      if (rating === null || rating < min || rating > max) return fail("rating", `${quoteCell(cell("rating"))} is not a rating on the ${min}–${max} scale`);
      scale = { min, max };
    } else if (cell("rating").trim() !== "") {
      return fail("rating", `a ${type} line has no rating, but this one has ${quoteCell(cell("rating"))}`);
    }
    const periodCell = cell("period");
    const day = periodCell.trim() === "" ? null : readDay(periodCell);
    if (periodCell.trim() !== "" && day === null) return fail("period", `${quoteCell(periodCell)} is not a day (write it as YYYY-MM-DD)`);
    // As written: a feedback row's source is not trimmed either, and the groups must match.
    const source = cell("source");
    const kindCell = cell("kind");
    const kind: Feedback["kind"] | null = kindCell.trim() === "" ? (guessFeedbackKind(source) ?? "survey") : readFeedbackKind(kindCell);
    if (kind === null) return fail("kind", `${quoteCell(kindCell)} is not a feedback kind (survey, interview, review, social, support, form)`);
    linker.link(cell("stage"), cell("touchpoint"), cell("persona"), links);
    if (links.problems !== null) {
      const first = links.problems[0];
      errors.push(csvProblem(row, first === undefined ? null : header(first.field), links.problems.map((p) => p.detail).join("; ")));
      result.skipped++;
      return;
    }
    linker.commit(links);
    let segments: Record<string, string> | null = null;
    for (const { header: name, index } of segmentColumns) {
      const value = unescapeFormula(record[index] ?? "");
      if (value.trim() !== "") (segments ??= {})[name] = value;
    }
    result.imported++;
    if (count === 0) return;
    const group: SummaryGroup = {
      stageId: links.stageId,
      touchpointId: links.touchpointId,
      personaId: links.personaId,
      source,
      kind,
      day,
      segments,
      scale,
      textOnly: type === "text-only" ? count : 0,
      empty: type === "empty" ? count : 0,
      noAnswer: type === "no answer" ? count : 0,
      values: rating === null ? [] : [rating],
      counts: rating === null ? [] : [count],
    };
    if (type === "no answer") result.noAnswers += count;
    else result.rows += count;
    groups.addGroup(group);
  });
  result.summary = groups.toSummary();
  return result;
}

/**
 * The journey with an imported summary CSV merged in: the entities the import created added, and the
 * summary's groups added to the journey's (lines of the same group add up; its term statistics and
 * driver sums kept as they are). Pure: the journey is not changed.
 */
export function withImportedSummary<T extends Names & Pick<JourneyMap, "summary">>(map: T, imported: Pick<SummaryCsvImport, "summary" | "created">): T {
  const counts = new GroupTally();
  if (map.summary !== undefined) for (const group of summaryGroups(map.summary)) counts.addGroup(group);
  for (const group of summaryGroups(imported.summary)) counts.addGroup(group);
  const summary = counts.toSummary();
  if (map.summary?.terms !== undefined) summary.terms = map.summary.terms;
  if (map.summary?.drivers !== undefined) summary.drivers = map.summary.drivers;
  if (map.summary?.sentiment !== undefined) summary.sentiment = map.summary.sentiment;
  return {
    ...map,
    stages: [...map.stages, ...imported.created.stages],
    touchpoints: [...map.touchpoints, ...imported.created.touchpoints],
    personas: [...map.personas, ...imported.created.personas],
    summary,
  };
}
