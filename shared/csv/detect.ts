/**
 * Recognising how a CSV file is laid out: its delimiter, a second header row under the first
 * (SurveyMonkey writes the question in row 1 and "Response" / "Open-Ended Response" / the option
 * in row 2), blank rows, and a trailing summary row ("Total", "Average") that is not a response.
 */
import Papa from "papaparse";
import { readDate } from "./date";
import { readRating } from "./rating";

export const CSV_DELIMITERS = [",", ";", "\t", "|"] as const;
export type CsvDelimiter = (typeof CSV_DELIMITERS)[number];

/** Enough text to see the header and a few dozen rows, however long the file is. */
const SAMPLE_CHARS = 64 * 1024;
const SAMPLE_RECORDS = 40;

/**
 * Picks the delimiter under which the sample's rows most consistently have as many cells as the
 * header (at least two); on a tie, the one giving more columns, then the earlier of comma, semicolon,
 * tab, pipe. Semicolon files with decimal commas ("4,5") thus stay semicolon files: under a comma their
 * header is one cell and their rows are ragged. A file with a single column is read as comma-separated.
 */
export function detectDelimiter(text: string): CsvDelimiter {
  const truncated = text.length > SAMPLE_CHARS;
  const sample = truncated ? text.slice(0, SAMPLE_CHARS) : text;
  let best: CsvDelimiter = ",";
  let bestConsistency = 0;
  let bestColumns = 1;
  for (const delimiter of CSV_DELIMITERS) {
    const records = Papa.parse<string[]>(sample, { delimiter, preview: SAMPLE_RECORDS }).data.filter(
      (record) => !isBlankRecord(record),
    );
    // The last record of a cut sample may be cut too.
    if (truncated && records.length > 1) records.pop();
    const columns = records[0]?.length ?? 0;
    if (columns < 2) continue;
    const consistency = records.filter((record) => record.length === columns).length / records.length;
    if (consistency > bestConsistency || (consistency === bestConsistency && columns > bestColumns)) {
      best = delimiter;
      bestConsistency = consistency;
      bestColumns = columns;
    }
  }
  return best;
}

/** A record whose cells are all empty or spaces: a blank line, or a line of bare delimiters. */
export function isBlankRecord(record: readonly string[]): boolean {
  if (record.length === 1 && record[0] === "") return true;
  for (const cell of record) if (cell.trim() !== "") return false;
  return true;
}

/** Sub-labels survey tools write in a second header row. */
const SUB_LABELS = new Set([
  "response",
  "responses",
  "open-ended response",
  "open ended response",
  "other (please specify)",
]);

/**
 * Whether a sub-label adds nothing to the question above it ("Response" under a question). "Open-Ended
 * Response" does add something: it says the column holds texts.
 */
export function isGenericSubLabel(label: string): boolean {
  const plain = label.trim().toLowerCase();
  return plain === "response" || plain === "responses";
}

/**
 * Whether `candidate`, the record under the header, is a second header row: it carries a survey
 * sub-label ("Response", "Open-Ended Response" …), or repeats the header's text in two or more cells,
 * and none of its cells reads as a rating or a date, as some cell of a response row would.
 */
export function looksLikeSecondHeaderRow(header: readonly string[], candidate: readonly string[]): boolean {
  let labels = 0;
  let repeats = 0;
  for (let i = 0; i < candidate.length; i++) {
    const cell = (candidate[i] ?? "").trim();
    if (cell === "") continue;
    if (readRating(cell).kind === "number" || readDate(cell).kind !== "unreadable") return false;
    if (SUB_LABELS.has(cell.toLowerCase())) labels++;
    // "Response ID" under "ResponseId", "Recorded Date" under "RecordedDate": the same name, spaced out.
    else if (compactName(cell) === compactName(header[i] ?? "")) repeats++;
  }
  return labels >= 1 || repeats >= 2;
}

/** A name without case, spaces or punctuation. */
function compactName(name: string): string {
  return name.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, "");
}

/**
 * Qualtrics' third header row: a `{"ImportId":"QID1"}` for every column, which says how Qualtrics
 * would import the column back, not what a customer said.
 */
export function isImportIdRow(record: readonly string[]): boolean {
  let ids = 0;
  for (const cell of record) {
    const text = cell.trim();
    if (text === "") continue;
    if (!text.startsWith('{"ImportId"')) return false;
    ids++;
  }
  return ids > 0;
}

/** Labels of summary rows that spreadsheets and BI tools append, in several languages. */
const SUMMARY_LABEL =
  /^(?:(?:total|totals|grand total|sum|subtotal|average|avg|mean|median|overall|count|gesamt|summe|gesamtsumme|durchschnitt|mittelwert|moyenne|somme|total g[eé]n[eé]ral|promedio|media|suma|totale|somma|gemiddelde|totaal|som)(?: (?:responses|respondents|count|score|scores|rating|ratings|value|values|rows))?|number of responses|no\. of responses)\s*:?$/;
const LONGEST_LABEL = 24;

/**
 * The label of a summary row ("Total", "Average:" …) when the row's first non-empty cell is one, else
 * null. A label in the text column only counts in the first column: "Average" alone in the comment
 * column of a row is a (short) review, but a spreadsheet's totals row puts its label in column A or
 * beside the numbers. Called on every row, so it gives up early. Only trailing rows are summary rows:
 * a "Total" in the middle of a file is a response like any other.
 */
export function summaryRowLabel(record: readonly string[], textColumn: number | null): string | null {
  for (let i = 0; i < record.length; i++) {
    const cell = record[i] ?? "";
    if (cell === "") continue;
    const text = cell.trim();
    if (text === "") continue;
    // Every label starts with a letter: dates and numbers are turned away before any regex runs.
    if (text.length > LONGEST_LABEL || text.charCodeAt(0) < 65 || (i === textColumn && i > 0)) return null;
    return SUMMARY_LABEL.test(text.toLowerCase()) ? text : null;
  }
  return null;
}

/**
 * Whether a record repeats the header row: two exports joined into one file bring the second one's
 * header (maybe behind its byte-order mark) into the middle, where it is no response. It takes two
 * named columns, so that in a one-column file a response that reads like the header stays a response.
 * The header's cells are made plain once: every row of a file is tested.
 */
export function headerRowTest(header: readonly string[]): (record: readonly string[]) => boolean {
  const plainHeader = header.map(plainHeaderCell);
  return (record) => {
    const count = Math.max(record.length, plainHeader.length);
    let named = 0;
    for (let i = 0; i < count; i++) {
      const cell = plainHeaderCell(record[i] ?? "");
      if (cell !== (plainHeader[i] ?? "")) return false;
      if (cell !== "") named++;
    }
    return named >= 2;
  };
}

function plainHeaderCell(cell: string): string {
  return (cell.charCodeAt(0) === 0xfeff ? cell.slice(1) : cell).trim().toLowerCase();
}
