/**
 * A CSV text's layout (delimiter, header row(s), column names), worked out once from its first
 * records, and the records themselves as papaparse reads them, one at a time and let go: in one go
 * for the inspection the panel shows, or in slices with turns for the host for the import. Both
 * start from the same layout and number records the same way, so they never disagree about which
 * row is which.
 *
 * The text may come in pieces (a large file decoded slice by slice): it is never joined into one
 * string, since building a 30 MB string is itself one long task in a panel. Records are read piece
 * by piece instead; the record a piece ends in is carried over to the next piece and read whole
 * there, so the records are the same however the text was cut.
 */
import Papa from "papaparse";
import { isFeedbackExportHeader } from "./columns";
import {
  CSV_DELIMITERS,
  type CsvDelimiter,
  detectDelimiter,
  isBlankRecord,
  isGenericSubLabel,
  isImportIdRow,
  looksLikeSecondHeaderRow,
} from "./detect";
import { isHiddenCharacter, withoutHiddenCharacters } from "../model";
import { unescapeFormula } from "./formula";
import { type CsvProblem, columnLetter, csvProblem, unnamedColumnHeader } from "./problem";
import { readRating } from "./rating";
import { isNoAnswerWord } from "./words";

/** A CSV text: one string, or the pieces it was decoded in, in order. */
export type CsvText = string | readonly string[];

/** The number of characters of a text. */
export function csvTextLength(text: CsvText): number {
  if (typeof text === "string") return text.length;
  let length = 0;
  for (const piece of text) length += piece.length;
  return length;
}

/**
 * How much of one long string or large piece is read at a time: papaparse then never holds a whole
 * 30 MB file in one parse, and reading one part is a short task in a panel. A part's records all
 * live until the part is read: at 64 kB rather than 256 kB, fewer of them are alive, copied and
 * promoted when the young generation is collected (200,000 rows imported in 690 ms instead of 770).
 */
const PIECE_CHARS = 64 * 1024;

/** The first `chars` characters of a text (all of it when shorter), without a byte-order mark. */
export function csvTextHead(text: CsvText, chars: number): string {
  let head = "";
  for (const piece of typeof text === "string" ? [text] : text) {
    head += piece.slice(0, chars + 1 - head.length);
    if (head.length > chars) break;
  }
  if (head.charCodeAt(0) === 0xfeff) head = head.slice(1);
  return head.length > chars ? head.slice(0, chars) : head;
}

export interface CsvLayoutOptions {
  /** The delimiter to use instead of the detected one. */
  delimiter?: CsvDelimiter;
  /** The number of header rows to use instead of the detected one; 0 for a file without a header row. */
  headerRows?: 0 | 1 | 2;
  /**
   * The row the header is on, as a spreadsheet numbers it (1 for the first), instead of the detected
   * one: every row above it is skipped as a title line. At most `MAX_HEADER_ROW`.
   */
  headerRow?: number;
}

/** The lowest row a header may be chosen on: the layout reads the first records only. */
export const MAX_HEADER_ROW = 20;

export type CsvNewline = "\r\n" | "\n" | "\r";

export interface CsvLayout {
  delimiter: CsvDelimiter;
  /** 0: the file has no header row (its first row is a response; its columns are named "Column A" …). */
  headerRows: 0 | 1 | 2;
  /** The row the (first) header row is on, as a spreadsheet numbers it. */
  headerRow: number;
  /**
   * The header records as written (an export's formula escaping undone), for the rejected-rows export:
   * the `headerRows` that name the columns, then Qualtrics' import-id row when there is one.
   */
  headerRecords: string[][];
  /** One name per column, from both header rows when there are two; "Column C" where there is none; never twice the same. */
  headers: string[];
  /** Columns whose header repeats an earlier one's (compared case-insensitively). */
  repeats: HeaderRepeat[];
  /** Index of the first record after the header(s): record i is spreadsheet row i + 1. */
  firstDataIndex: number;
  /** Records above the header that are not blank: Excel's "sep=;" line, a report's title lines. */
  titleRecords: number;
  /** A report's title lines above the header, skipped: each line's row and its filled cells as written. */
  titles: CsvTitleLine[];
}

/** A line above the header that reads as a title ("Customer survey, Q1 2024"), not as a response. */
export interface CsvTitleLine {
  /** The row as a spreadsheet numbers it (record index + 1). */
  row: number;
  text: string;
}

/** A column whose header repeats the header of an earlier column: "Rating", "Rating". */
export interface HeaderRepeat {
  column: number;
  /** The first column with that header. */
  of: number;
  /** The header as both columns write it. */
  name: string;
}

/** Enough records to find the header rows under any number of leading blank lines a real file has. */
const LAYOUT_RECORDS = 40;
const LAYOUT_CHARS = 256 * 1024;
/** As much as `detectDelimiter` samples (one more character tells it the sample was cut). */
const DELIMITER_SAMPLE_CHARS = 64 * 1024 + 1;
/** Records the layout needs at least, however long they are: the header rows, an import-id row, a first response. */
const LAYOUT_MIN_RECORDS = 4;

/**
 * The first records of a text, whole however long they are (an 800-column survey's header row is
 * over 256 kB): those ending within LAYOUT_CHARS, at least LAYOUT_MIN_RECORDS, at most LAYOUT_RECORDS.
 */
function leadingRecords(text: CsvText, delimiter: CsvDelimiter): string[][] {
  const head = repairStrayQuotes(withoutHiddenCharacters(csvTextHeadRecords(text, LAYOUT_CHARS, delimiter, LAYOUT_RECORDS)), delimiter);
  const readable = readableRecords(head, delimiter);
  return parseRecords(readable.text, delimiter, readable.newline, LAYOUT_RECORDS).data;
}

/** Works out the layout from the first records of the text; options override the detection. */
export function readCsvLayout(text: CsvText, options: CsvLayoutOptions = {}): CsvLayout {
  // detectDelimiter reads no more than its sample.
  const sample = csvTextHead(text, DELIMITER_SAMPLE_CHARS);
  // Excel's "sep=;" first line names the delimiter, and is no header.
  const named = EXCEL_SEPARATOR_LINE.exec(sample)?.[1];
  const delimiter =
    options.delimiter ?? (named !== undefined && isCsvDelimiter(named) ? named : detectDelimiter(named === undefined ? sample : sample.replace(EXCEL_SEPARATOR_LINE, "")));
  const records = leadingRecords(text, delimiter);
  let headerIndex = named === undefined ? 0 : 1;
  if (options.headerRow !== undefined) {
    if (!Number.isInteger(options.headerRow) || options.headerRow < 1 || options.headerRow > MAX_HEADER_ROW) {
      throw new RangeError(`headerRow must be a row from 1 to ${MAX_HEADER_ROW}, not ${options.headerRow}`);
    }
    headerIndex = Math.max(headerIndex, options.headerRow - 1);
  } else {
    while (headerIndex < records.length && isBlankRecord(records[headerIndex] ?? [])) headerIndex++;
    headerIndex = afterTitleRows(records, headerIndex);
  }
  const titles: CsvTitleLine[] = [];
  for (let index = named === undefined ? 0 : 1; index < headerIndex; index++) {
    // Its filled cells as written: a title a comma cut ("Customer survey, March 2024") whole again.
    const cells = (records[index] ?? []).filter((cell) => cell.trim() !== "");
    if (cells.length > 0) titles.push({ row: index + 1, text: unescapeFormula(cells.join(delimiter)).trim() });
  }
  // The title lines, and the "sep=" line above them.
  const titleRecords = titles.length + (named === undefined ? 0 : 1);
  let secondIndex = headerIndex + 1;
  while (secondIndex < records.length && isBlankRecord(records[secondIndex] ?? [])) secondIndex++;
  const first = records[headerIndex] ?? [];
  const second = records[secondIndex];
  // No header at all: the first row is a response like the rows under it (a data set saved without names).
  if (options.headerRows === 0 || (options.headerRows === undefined && options.headerRow === undefined && titles.length === 0 && firstRowIsData(records, headerIndex))) {
    const width = records.slice(headerIndex, headerIndex + WIDTH_ROWS).reduce((most, record) => Math.max(most, record.length), 0);
    const headers = Array.from({ length: width }, (_, i) => unnamedColumnHeader(i));
    return { delimiter, headerRows: 0, headerRow: headerIndex + 1, headerRecords: [], headers, repeats: [], firstDataIndex: headerIndex, titleRecords, titles };
  }
  // Qualtrics' import-id row under a row says that row is the second header row, whatever it holds.
  const importIdsNext = second !== undefined && isImportIdRow(records[secondIndex + 1] ?? []);
  const headerRows: 1 | 2 =
    options.headerRows ??
    (second !== undefined && !isFeedbackExportHeader(first) && (importIdsNext || looksLikeSecondHeaderRow(first, second)) ? 2 : 1);
  const headerRecords = (headerRows === 2 && second !== undefined ? [first, second] : [first]).map((record) =>
    record.map(unescapeFormula),
  );
  const names = distinctNames(headerNames(headerRecords));
  let firstDataIndex = (headerRows === 2 ? secondIndex : headerIndex) + 1;
  // Qualtrics' import-id row under the headers is a header row too (it names no column).
  const next = records[firstDataIndex];
  if (next !== undefined && isImportIdRow(next)) {
    headerRecords.push(next.map(unescapeFormula));
    firstDataIndex++;
  }
  return { delimiter, headerRows, headerRow: headerIndex + 1, headerRecords, ...names, firstDataIndex, titleRecords, titles };
}

/**
 * A record as a file of this layout holds it: in a file of one column (a list of comments under
 * "Feedback") a row has no second cell, so the delimiters papaparse split it at are its text's, and it
 * is joined back (a row whose other cells are empty stays as read: a bare "," is a blank row). Any
 * other record is returned as read. The inspection and the import read every record through it.
 */
export function recordOfLayout(layout: Pick<CsvLayout, "headers" | "delimiter">, record: string[]): string[] {
  if (layout.headers.length !== 1 || record.length < 2) return record;
  for (let i = 1; i < record.length; i++) if ((record[i] as string).trim() !== "") return [record.join(layout.delimiter)];
  return record;
}

/** Excel's line that names the delimiter ("sep=;"), written first by some exports. */
const EXCEL_SEPARATOR_LINE = /^sep=(.)[ \t]*(?:\r\n|\n|\r)/i;

function isCsvDelimiter(text: string): text is CsvDelimiter {
  return (CSV_DELIMITERS as readonly string[]).includes(text);
}

/** How many leading records may be a title above the header ("Customer survey, Q1 2024", "Exported …"). */
const TITLE_ROWS = 10;

/**
 * The header's index, past title lines above it: rows of one filled cell among empty ones, as a
 * spreadsheet pads a report's title and its date to the sheet's width, or narrower than the row after
 * them, when a row of two or more names follows that no number is among (a header, not a response)
 * and, under a title not padded, the rows below are as wide as it (and hold numbers or dates). Title
 * lines as wide as each other are found by the rows under them: when the first row's width is not the
 * rows', the header is the first row wider than every line above it whose rows are as wide as it. A
 * file of one column keeps its first row, even where an unquoted comma cuts its responses in two.
 */
function afterTitleRows(records: readonly string[][], start: number): number {
  const filled = (record: readonly string[]) => record.reduce((count, cell) => (cell.trim() === "" ? count : count + 1), 0);
  // A line narrower than the next (a tool's "Customer survey, March 2024" above its header, not padded
  // to the header's width) is a title too, when the rows under the header are as wide as it.
  let unpadded = false;
  const title = (at: number) => {
    const record = records[at] ?? [];
    if (isBlankRecord(record) || (record.length > 1 && filled(record) === 1)) return true;
    let next = at + 1;
    while (next < records.length && isBlankRecord(records[next] ?? [])) next++;
    if (record.length >= (records[next]?.length ?? 0)) return false;
    unpadded = true;
    return true;
  };
  const names = (record: readonly string[] | undefined) => record !== undefined && filled(record) >= 2 && !record.some(isTypedCell);
  let index = start;
  while (index < Math.min(records.length, start + TITLE_ROWS) && title(index)) index++;
  if (index > start) return names(records[index]) && (!unpadded || rowsAsWideAs(records, index)) ? index : start;
  // Title lines as wide as each other ("Survey report,Q1 2024" over "Exported by,Ann"): when the rows
  // under the first are not as wide as it, the header is the first row wider than every line above it
  // that the rows under it are as wide as.
  if (sameWidthBelow(records, start)) return start;
  for (let at = start + 1; at < Math.min(records.length, start + TITLE_ROWS + 1); at++) {
    const width = (records[at] ?? []).length;
    const above = records.slice(start, at);
    if (!above.every((record) => isBlankRecord(record) || record.length < width)) continue;
    if (names(records[at]) && rowsAsWideAs(records, at)) return at;
  }
  return start;
}

/** Rows read under a header to judge its width: enough to outvote a comment cut by a comma. */
const WIDTH_ROWS = 20;

/**
 * The rows under `index` (up to 20, blank ones aside): how many there are, those that have as many
 * cells as it, and how many of those hold a number or a date in each column.
 */
function rowsUnder(records: readonly string[][], index: number): { rows: number; same: (readonly string[])[]; typed: number[] } {
  const width = (records[index] ?? []).length;
  let rows = 0;
  const same: (readonly string[])[] = [];
  const typed = new Array<number>(width).fill(0);
  for (let at = index + 1; at < records.length && rows < WIDTH_ROWS; at++) {
    const record = records[at] ?? [];
    if (isBlankRecord(record)) continue;
    rows++;
    if (record.length !== width) continue;
    same.push(record);
    record.forEach((cell, column) => {
      if (isTypedCell(cell)) typed[column] = (typed[column] ?? 0) + 1;
    });
  }
  return { rows, same, typed };
}

/** Whether two thirds or more of the rows under `index` have as many cells as it (true when none follows). */
function sameWidthBelow(records: readonly string[][], index: number): boolean {
  const { rows, same } = rowsUnder(records, index);
  return same.length * 3 >= rows * 2;
}

/**
 * Whether most rows under a header at `index` have as many cells as it, and some column of them holds
 * numbers or dates, as responses do: a header's. A file of one column of comments, where a comma cut
 * one comment in two, has rows of one cell under that "header", or of two cells of words.
 */
function rowsAsWideAs(records: readonly string[][], index: number): boolean {
  const { rows, same, typed } = rowsUnder(records, index);
  return rows > 0 && same.length * 3 >= rows * 2 && typed.some((count) => count * 2 >= same.length);
}

/**
 * Whether the row at `index` is a response, not a header: two or more of its cells, half of those
 * filled at least, are like the cells under them (a number or a date over a column of them; a value
 * the column repeats: Sentiment140's "NO_QUERY"), and none is a name over a column of numbers or
 * dates ("Rating" over 1–5), as any header with such a column has. Years ("2023" over a year's
 * figures) and numbers counting up ("1", "2", "3": questions by number) are a header's names.
 */
function firstRowIsData(records: readonly string[][], index: number): boolean {
  const first = records[index] ?? [];
  if (first.length < 2) return false;
  const { same, typed } = rowsUnder(records, index);
  // A header row repeated below (files joined into one) is not a response the first row is like.
  const below = same.filter((record) => !record.every((cell, i) => cell.trim() === (first[i] ?? "").trim()));
  if (below.length < 2) return false;
  let filled = 0;
  let alike = 0;
  let previous: number | null = null;
  let counting = 1;
  for (let column = 0; column < first.length; column++) {
    const cell = (first[column] ?? "").trim();
    if (cell === "") continue;
    filled++;
    const typedBelow = (typed[column] ?? 0) * 2 >= same.length;
    if (isTypedCell(cell)) {
      const value = Number(cell);
      if (Number.isInteger(value) && value >= 1900 && value <= 2100) return false;
      counting = previous !== null && value === previous + 1 ? counting + 1 : 1;
      if (counting >= 3) return false;
      previous = value;
      if (typedBelow) alike++;
      continue;
    }
    previous = null;
    if (below.some((record) => (record[column] ?? "").trim() === cell)) alike++;
    else if (typedBelow && !isNoAnswerWord(cell)) return false;
  }
  return alike >= 2 && alike * 2 >= filled;
}

/** A date written with numbers, "2024-03-05", "05/03/2024", "5.3.24". */
const NUMERIC_DATE = /^\d{1,4}[-/.]\d{1,2}[-/.]\d{1,4}\b/;

/** A cell holding a number or a date written with numbers: a response's, never a header's name. */
function isTypedCell(cell: string): boolean {
  const text = cell.trim();
  return text !== "" && (readRating(text).kind === "number" || NUMERIC_DATE.test(text));
}

/**
 * Part of a text that starts at a record, made ready for papaparse, which ends records at one kind
 * of line break (CRLF, LF or CR). Where a file ends rows in several ways (rows appended to an Excel
 * export by a script), the other kind would glue rows together or leave a "\r" at the end of their
 * last cell: such a part gets LF after every row, while line breaks inside quoted cells stay as
 * written (Excel's LF inside a cell of a CRLF file is no mix, and a cell's own "\r" must come back
 * as it was). Any other part is returned as it is, with the kind of line break it uses; a part that
 * ends no row outside a quoted cell ends its rows as the part before it did (`before`).
 */
function readableRecords(
  text: string,
  delimiter: CsvDelimiter,
  before: CsvNewline | null = null,
): { text: string; newline: CsvNewline } {
  if (!hasSeveralLineBreakKinds(text)) return { text, newline: firstLineBreak(text) };
  // One bit per kind of row break: LF, CR, CRLF.
  let kinds = 0;
  forEachRowBreak(text, delimiter, (at, length) => {
    const kind = length === 2 ? 4 : text.charCodeAt(at) === 0x0a ? 1 : 2;
    kinds |= kind;
    // Two kinds seen: the row breaks are mixed.
    return kinds !== kind;
  });
  // One kind outside quoted cells: that is how rows end, whatever the cells hold (papaparse's own
  // guess counts line breaks inside quoted cells too).
  if (kinds === 0) return { text, newline: before ?? firstLineBreak(text) };
  if ((kinds & (kinds - 1)) === 0) return { text, newline: kinds === 4 ? "\r\n" : kinds === 2 ? "\r" : "\n" };
  const parts: string[] = [];
  let from = 0;
  forEachRowBreak(text, delimiter, (at, length) => {
    if (length === 1 && text.charCodeAt(at) === 0x0a) return false;
    parts.push(text.slice(from, at), "\n");
    from = at + length;
    return false;
  });
  parts.push(text.slice(from));
  return { text: parts.join(""), newline: "\n" };
}

/**
 * Hands `onBreak` each line break outside quoted cells, in order (its index and length; a CR and an
 * LF both have length 1), until it returns true. A quote opens a quoted cell only at the start of a
 * cell, as papaparse reads it, and the cell runs to the quote that is not doubled; a quote inside an
 * unquoted cell is a character.
 */
function forEachRowBreak(text: string, delimiter: CsvDelimiter, onBreak: (at: number, length: 1 | 2) => boolean): void {
  const QUOTE = 0x22;
  const CR = 0x0d;
  const LF = 0x0a;
  const separator = delimiter.charCodeAt(0);
  // Only quotes and line breaks matter; the regex skips everything else natively.
  const next = /["\r\n]/g;
  for (let match = next.exec(text); match !== null; match = next.exec(text)) {
    const i = match.index;
    const code = text.charCodeAt(i);
    if (code === QUOTE) {
      const before = i === 0 ? LF : text.charCodeAt(i - 1);
      if (before !== separator && before !== LF && before !== CR) continue;
      let end = text.indexOf('"', i + 1);
      while (end !== -1 && text.charCodeAt(end + 1) === QUOTE) end = text.indexOf('"', end + 2);
      if (end === -1) return;
      next.lastIndex = end + 1;
      continue;
    }
    const length = code === CR && text.charCodeAt(i + 1) === LF ? 2 : 1;
    if (onBreak(i, length)) return;
    next.lastIndex = i + length;
  }
}

/** Whether the text holds more than one kind of line break anywhere: a quick test before a closer look. */
function hasSeveralLineBreakKinds(text: string): boolean {
  let crlf = false;
  let lf = false;
  for (let i = text.indexOf("\n"); i !== -1; i = text.indexOf("\n", i + 1)) {
    if (i > 0 && text.charCodeAt(i - 1) === 0x0d) crlf = true;
    else lf = true;
    if (crlf && lf) return true;
  }
  for (let i = text.indexOf("\r"); i !== -1; i = text.indexOf("\r", i + 1)) {
    if (text.charCodeAt(i + 1) !== 0x0a) return crlf || lf;
  }
  return false;
}

/** The kind of line break of a text that uses one kind (LF when it has none). */
function firstLineBreak(text: string): CsvNewline {
  const lf = text.indexOf("\n");
  const cr = text.indexOf("\r");
  if (cr === -1) return "\n";
  if (lf === -1) return "\r";
  return cr === lf - 1 ? "\r\n" : cr < lf ? "\r" : "\n";
}

/**
 * Column names from one or two header rows. Under a question, a generic sub-label ("Response") adds
 * nothing and a specific one is appended ("Which channels? — Email"); a blank question cell carries
 * the question from the left, as SurveyMonkey leaves it blank over a question's later options.
 */
function headerNames(headerRecords: readonly string[][]): string[] {
  const [top = [], sub = []] = headerRecords;
  const count = Math.max(top.length, sub.length);
  const names: string[] = [];
  let question = "";
  for (let i = 0; i < count; i++) {
    const own = (top[i] ?? "").trim();
    const label = (sub[i] ?? "").trim();
    if (own !== "") question = own;
    const base = own !== "" ? own : label !== "" ? question : "";
    let name: string;
    if (label === "" || (own !== "" && isGenericSubLabel(label)) || label.toLowerCase() === base.toLowerCase()) name = base;
    else name = base === "" ? label : `${base} — ${label}`;
    names.push(name === "" ? unnamedColumnHeader(i) : name);
  }
  return names;
}

/**
 * Two columns with the same header ("Rating", "Rating") would be two choices of the same name in the
 * mapping and two problems naming the same column: a repeated name gets its column letter,
 * "Rating (column B)", and the first keeps the name as written.
 */
function distinctNames(names: readonly string[]): { headers: string[]; repeats: HeaderRepeat[] } {
  const seen = new Set<string>();
  const first = new Map<string, number>();
  const repeats: HeaderRepeat[] = [];
  const headers = names.map((name, column) => {
    const key = name.toLowerCase();
    const earlier = first.get(key);
    if (earlier === undefined) first.set(key, column);
    else repeats.push({ column, of: earlier, name });
    let distinct = name;
    // A header that happens to read "Rating (column B)" already gets the letter again.
    while (seen.has(distinct.toLowerCase())) distinct = `${distinct} (column ${columnLetter(column)})`;
    seen.add(distinct.toLowerCase());
    return distinct;
  });
  return { headers, repeats };
}

/**
 * Follows a CSV text's quotes and row breaks, piece after piece, as papaparse and spreadsheets read
 * them: a quote opens a quoted cell only at the start of a cell; the cell runs to the quote that is
 * not doubled; a row break outside quoted cells ends a record. Its state carries over from one piece
 * to the next, so no character is ever looked at twice, however long a record is (a 50 MB line, a
 * quote that never closes).
 *
 * A quoted cell with text after its closing quote ("Fast" delivery? Not really) is a stray quote:
 * papaparse would read on to some later quote, swallowing the rows between; a spreadsheet reads the
 * text after the quote as more of the cell, up to the delimiter, and so does this scanner (the quotes
 * in that text are characters). Such records are listed in `strays`, to be made readable for
 * papaparse (`repairStrayQuotes`).
 */
export class RowBreakScanner {
  /** Outside quoted cells, inside one, just after a quote inside one, after a closing quote and spaces. */
  private state: 0 | 1 | 2 | 3 = 0;
  /** The last character of the text scanned before, which tells whether a quote starts a cell. */
  private previous = LF;
  /** Where the quote that may close the current cell is, in the text being scanned. */
  private quoteAt = -1;
  /** Row breaks seen: the index of the record being scanned. */
  records = 0;
  /** Indexes of the records with a stray quote, in order. */
  readonly strays: number[] = [];
  private readonly separator: number;

  constructor(
    delimiter: CsvDelimiter,
    /** Called at each stray quote with where its closing quote is and where the text after it starts. */
    private readonly onStray: ((quoteAt: number, tailAt: number) => void) | null = null,
  ) {
    this.separator = delimiter.charCodeAt(0);
  }

  /**
   * Scans the next piece of the text; returns the index just after its last row break outside
   * quoted cells, or -1 when it has none. `onBreak` may stop the scan at a row break (given the index
   * just after it) by returning true. A CR that ends a piece must wait for the next piece, which may
   * start with its LF.
   */
  scan(text: string, onBreak: ((end: number) => boolean) | null = null): number {
    const length = text.length;
    let last = -1;
    let i = 0;
    let nextQuote = -1;
    let nextLf = -1;
    let nextCr = -1;
    while (i < length) {
      if (this.state === 1) {
        const quote = text.indexOf('"', i);
        if (quote === -1) break;
        this.state = 2;
        this.quoteAt = quote;
        i = quote + 1;
        continue;
      }
      const code = text.charCodeAt(i);
      // The parser reads the text without its hidden characters (a NUL byte, a direction mark): between
      // a quote and what follows it, they are not there.
      if (isHiddenCharacter(code)) {
        i++;
        continue;
      }
      if (this.state === 2) {
        // A doubled quote is a quote in the cell; anything else follows the closing quote.
        if (code === QUOTE) {
          this.state = 1;
          i++;
        } else this.state = 3;
        continue;
      }
      if (this.state === 3) {
        // papaparse allows spaces between a closing quote and the delimiter or row break.
        if (code === SPACE) {
          i++;
          continue;
        }
        this.state = 0;
        if (code !== this.separator && code !== CR && code !== LF) {
          if (this.strays[this.strays.length - 1] !== this.records) this.strays.push(this.records);
          this.onStray?.(this.quoteAt, this.quoteAt + 1);
        }
        continue;
      }
      // The next quote or line break: three cursors moved with indexOf, no match object per row.
      if (nextQuote < i) nextQuote = indexOrEnd(text, '"', i);
      if (nextLf < i) nextLf = indexOrEnd(text, "\n", i);
      if (nextCr < i) nextCr = indexOrEnd(text, "\r", i);
      const at = nextQuote < nextLf ? (nextQuote < nextCr ? nextQuote : nextCr) : nextLf < nextCr ? nextLf : nextCr;
      if (at === length) break;
      if (text.charCodeAt(at) === QUOTE) {
        const before = this.before(text, at);
        if (before === this.separator || before === LF || before === CR) this.state = 1;
        i = at + 1;
        continue;
      }
      i = at + (text.charCodeAt(at) === CR && text.charCodeAt(at + 1) === LF ? 2 : 1);
      this.records++;
      last = i;
      if (onBreak?.(i) === true) return last;
    }
    if (length > 0) this.previous = this.before(text, length);
    return last;
  }

  /** The character before `at` that the parser reads (hidden ones left out), from the text scanned before if none is. */
  private before(text: string, at: number): number {
    // Read whether needed or not: a quote at a piece's very start is rare, and a read the compiled
    // scanner has never seen sends it back to be compiled again.
    const previous = this.previous;
    let k = at - 1;
    while (k >= 0 && isHiddenCharacter(text.charCodeAt(k))) k--;
    return k >= 0 ? text.charCodeAt(k) : previous;
  }
}

/** Where `char` is next in `text` from `from`, or the text's length when it is not. */
function indexOrEnd(text: string, char: string, from: number): number {
  const at = text.indexOf(char, from);
  return at === -1 ? text.length : at;
}

const QUOTE = 0x22;
const CR = 0x0d;
const LF = 0x0a;
const SPACE = 0x20;

/**
 * Rewrites a text's stray quotes so that papaparse reads each such cell as a spreadsheet does: the
 * quoted part, then the text after the closing quote up to the delimiter, quotes in it kept.
 * `"Fast" delivery? Not really,` becomes `"Fast delivery? Not really",`.
 */
function repairStrayQuotes(text: string, delimiter: CsvDelimiter): string {
  const parts: string[] = [];
  let from = 0;
  const cellEnd = new RegExp(`[${delimiter === "\t" ? "\\t" : `\\${delimiter}`}\\r\\n]`, "g");
  new RowBreakScanner(delimiter, (quoteAt, tailAt) => {
    cellEnd.lastIndex = tailAt;
    const end = cellEnd.exec(text)?.index ?? text.length;
    parts.push(text.slice(from, quoteAt), text.slice(tailAt, end).replace(/"/g, '""'), '"');
    from = end;
  }).scan(text);
  parts.push(text.slice(from));
  return parts.join("");
}

/**
 * No cell carries a hidden character (shared/model.ts: NUL and the other C0 controls but tab and line
 * breaks, DEL, bidi embeddings, overrides and isolates) into a stage, a persona or a comment: with them
 * "\u202EyrevileD" shows as "Delivery" but sorts, matches and exports as something else. They are left
 * out of every record, as from typed text.
 */

/** The pieces of a text, each made ready for the scanner: the byte-order mark left out, a piece's final CR moved to the next piece. */
interface ScannablePiece {
  piece: string;
  final: boolean;
  start: number;
  /** The string the piece was cut from as it is, and where in it, so that neighbours can be taken as one cut instead of joined; null when the piece is no plain cut. */
  source: string | null;
  from: number;
}

function* scannablePieces(text: CsvText, size = PIECE_CHARS): Generator<ScannablePiece> {
  const sources = typeof text === "string" ? [text] : text;
  let held = "";
  let start = 0;
  for (let p = 0; p < sources.length; p++) {
    const source = sources[p] ?? "";
    // A long string or a large piece is read `size` characters at a time, each cut when it is reached.
    const parts = Math.max(1, Math.ceil(source.length / size));
    for (let k = 0; k < parts; k++) {
      let from = k * size;
      let piece = held + (parts === 1 ? source : source.slice(from, (k + 1) * size));
      let plain = held === "";
      if (start === 0 && piece.charCodeAt(0) === 0xfeff) {
        piece = piece.slice(1);
        from++;
        start++;
      }
      const final = p === sources.length - 1 && k === parts - 1;
      held = !final && piece.endsWith("\r") ? "\r" : "";
      if (held !== "") piece = piece.slice(0, -1);
      if (!plain) from = -1;
      plain &&= from >= 0;
      yield { piece, final, start, source: plain ? source : null, from };
      start += piece.length;
    }
  }
}

/** A run of whole records, ready for papaparse. */
interface RecordChunk {
  text: string;
  newline: CsvNewline;
  final: boolean;
  /** Index in the text of the chunk's first character, for the progress. */
  start: number;
  /** Characters of the text the chunk was made from (cleaning and repairs change its own length). */
  size: number;
  /** Indexes of its records that had a stray quote (now read as a spreadsheet reads it). */
  strays: number[];
}

/**
 * The text in runs of whole records: each piece up to its last row break, with the part of a record
 * the pieces before left over (kept as pieces, joined once the record is whole). The last chunk
 * holds the rest of the text, which may be a record whose quote never closed.
 */
function* recordChunks(text: CsvText, delimiter: CsvDelimiter, pieceChars = PIECE_CHARS): Generator<RecordChunk> {
  const scanner = new RowBreakScanner(delimiter);
  let carry: string[] = [];
  let carryStart = 0;
  // Where the carried parts lie in one string, one after the other: they are then cut from it in one
  // piece (a slice shares the string's characters) rather than copied by a join.
  let span: { source: string; from: number; to: number } | null = null;
  let newline: CsvNewline | null = null;
  for (const { piece, final, start, source, from } of scannablePieces(text, pieceChars)) {
    if (carry.length === 0) {
      carryStart = start;
      span = source === null ? null : { source, from, to: from };
    }
    if (span !== null && (source !== span.source || from !== span.to)) span = null;
    const end = scanner.scan(piece);
    if (end === -1 && !final) {
      carry.push(piece);
      if (span !== null) span.to += piece.length;
      continue;
    }
    const cut = final ? piece.length : end;
    carry.push(cut === piece.length ? piece : piece.slice(0, cut));
    const whole =
      carry.length === 1 ? (carry[0] as string) : span !== null ? span.source.slice(span.from, span.to + cut) : carry.join("");
    const records = final ? Number.POSITIVE_INFINITY : scanner.records;
    let taken = 0;
    while (taken < scanner.strays.length && (scanner.strays[taken] as number) < records) taken++;
    const strays = scanner.strays.splice(0, taken);
    let chunkText = withoutHiddenCharacters(whole);
    if (strays.length > 0) chunkText = repairStrayQuotes(chunkText, delimiter);
    const readable = readableRecords(chunkText, delimiter, newline);
    newline = readable.newline;
    yield { ...readable, final, start: carryStart, size: whole.length, strays };
    carry = cut === piece.length ? [] : [piece.slice(cut)];
    carryStart = start + cut;
    span = source === null || carry.length === 0 ? null : { source, from: from + cut, to: from + piece.length };
  }
}

/**
 * The records of a part of the text, read by papaparse's own parser (`Papa.Parser`, the core that
 * `Papa.parse` wraps), with its quote errors. The part's delimiter and line break are known, so
 * nothing is left to `Papa.parse`'s wrapper but a cost: with it, every record and cell of a part
 * outlived the part (the young generation's collections copied them all and promoted them to the
 * old one), and reading 17 MB of records took five times as long (bench "CSV import").
 * The parser keeps a byte-order mark at the start of a part: there it is a cell's first character
 * (the text's own mark is left out before the text is cut into parts).
 */
function parseRecords(part: string, delimiter: CsvDelimiter, newline: CsvNewline, preview = 0): Papa.ParseResult<string[]> {
  return parserFor(delimiter, newline, preview).parse(part, 0, false) as Papa.ParseResult<string[]>;
}

/**
 * One parser per delimiter, line break and preview, kept: a `Papa.Parser` keeps nothing from one
 * `parse` to the next (each call starts at the part's start, with fresh records and errors), and its
 * `parse` is a function made per parser, which the engine compiles anew for each parser it sees hot.
 * A file is read in many parts; made per part, the compiler went through papaparse's parser twice an
 * import.
 */
const parsers = new Map<string, Papa.Parser>();
function parserFor(delimiter: CsvDelimiter, newline: CsvNewline, preview: number): Papa.Parser {
  const key = `${delimiter}\u0000${newline}\u0000${preview}`;
  let parser = parsers.get(key);
  if (parser === undefined) {
    parser = new Papa.Parser({ delimiter, newline, preview, skipEmptyLines: false });
    if (parsers.size < 64) parsers.set(key, parser);
  }
  return parser;
}

/** The records of a chunk and their quote errors by record. */
interface ChunkRecords {
  records: string[][];
  errors: ReadonlyMap<number, Papa.ParseError[]> | null;
}

/**
 * Reads a chunk's records in one go (papaparse's step mode costs an object or three per record). A
 * chunk that does not end the text ends with a row break, after which papaparse gives an empty
 * record, dropped; so is the one after the text's final line break, which is no row in a spreadsheet.
 */
function readChunk(chunk: RecordChunk, delimiter: CsvDelimiter, preview = 0): ChunkRecords {
  const result = parseRecords(chunk.text, delimiter, chunk.newline, preview);
  let errors: Map<number, Papa.ParseError[]> | null = null;
  for (const error of result.errors) {
    if (error.row === undefined) continue;
    errors ??= new Map();
    const list = errors.get(error.row);
    if (list === undefined) errors.set(error.row, [error]);
    else list.push(error);
  }
  const records = result.data;
  const last = records.length - 1;
  const endsWithBreak = !chunk.final || chunk.text.length === 0 || /[\r\n]$/.test(chunk.text);
  if (endsWithBreak && preview === 0 && isEmptyRecord(records[last]) && errors?.has(last) !== true) records.pop();
  return { records, errors };
}

function isEmptyRecord(record: readonly string[] | undefined): boolean {
  return record !== undefined && record.length === 1 && record[0] === "";
}

/**
 * Hands every record of the text to `onRecord` at once, in order, header records included, keeping
 * none: for the inspection, which needs every row once. Quote errors go to `trouble`.
 */
export function forEachCsvRecord(
  text: CsvText,
  layout: Pick<CsvLayout, "delimiter">,
  onRecord: (index: number, record: string[]) => void,
  trouble: QuoteTrouble,
): void {
  let index = 0;
  for (const chunk of recordChunks(text, layout.delimiter)) {
    const read = readChunk(chunk, layout.delimiter);
    for (const stray of chunk.strays) trouble.stray(stray);
    for (let i = 0; i < read.records.length; i++, index++) {
      const errors = read.errors?.get(i);
      if (errors !== undefined) trouble.add(errors, index);
      onRecord(index, read.records[i] as string[]);
    }
  }
}

/** Papa's quote errors as readable problems, one per record, and the records they make untrustworthy. */
export interface QuoteTrouble {
  problems: CsvProblem[];
  /** Records where a quote opened and never closed: their last cell swallowed the rest of the file. */
  broken: Set<number>;
  /** Adds the errors papaparse reported while reading record `index`. */
  add(errors: readonly Papa.ParseError[], index: number): void;
  /** Notes that record `index` had a stray quote, read as a spreadsheet reads it. */
  stray(index: number): void;
}

export function createQuoteTrouble(): QuoteTrouble {
  const problems: CsvProblem[] = [];
  const broken = new Set<number>();
  const STRAY =
    'a quoted cell has text after its closing quote (a stray " inside a cell?): read as a spreadsheet reads it, the text after the quote continuing the cell';
  return {
    problems,
    broken,
    add(errors, index) {
      // An unclosed quote explains any other error on the same record, so it is the one reported.
      const unclosed = errors.some((error) => error.code === "MissingQuotes");
      if (unclosed) broken.add(index);
      // Text after a closing quote is read as a spreadsheet reads it before papaparse sees it; the
      // error is left only where that text runs to the end of the file in spaces, which are dropped.
      const detail = unclosed
        ? 'a quoted cell opens in this row but never closes, so everything after it was read into that cell: add the closing quote (") and import this row again'
        : errors.some((error) => error.code === "InvalidQuotes")
          ? STRAY
          : (errors[0]?.message ?? "papaparse reported a problem");
      problems.push(csvProblem(index + 1, null, detail));
    },
    stray(index) {
      problems.push(csvProblem(index + 1, null, STRAY));
    },
  };
}

export interface CsvStreamOptions {
  /** Collects papaparse's quote errors; read `broken` in `onRecord` to know whether a record can be trusted. */
  trouble: QuoteTrouble;
  /** Records handed over between two turns of the host. */
  rowsPerSlice: number;
  yieldToHost: () => Promise<void>;
  /** After each slice: characters read so far and records handed over so far. */
  onSlice?: (done: number, records: number) => void;
  /** Characters read at a time (default 256 kB): papaparse reads each such part in one go, in one task. */
  pieceChars?: number;
}

/**
 * Hands every record of the text to `onRecord`, in order, header records included, and lets go of it:
 * part by part, with a turn for the host every `rowsPerSlice` records.
 */
export async function streamCsvRecords(
  text: CsvText,
  layout: Pick<CsvLayout, "delimiter">,
  onRecord: (index: number, record: string[]) => void,
  options: CsvStreamOptions,
): Promise<void> {
  const { rowsPerSlice, yieldToHost, onSlice, trouble } = options;
  const total = csvTextLength(text);
  let index = 0;
  let sinceTurn = 0;
  for (const chunk of recordChunks(text, layout.delimiter, options.pieceChars)) {
    const { records, errors } = readChunk(chunk, layout.delimiter);
    for (const stray of chunk.strays) trouble.stray(stray);
    const length = chunk.size;
    for (let i = 0; i < records.length; i++, index++) {
      const recordErrors = errors?.get(i);
      if (recordErrors !== undefined) trouble.add(recordErrors, index);
      onRecord(index, records[i] as string[]);
      if (++sinceTurn < rowsPerSlice) continue;
      sinceTurn = 0;
      onSlice?.(Math.min(total, chunk.start + Math.round((length * (i + 1)) / records.length)), index + 1);
      await yieldToHost();
    }
  }
  onSlice?.(total, index);
}

/**
 * The whole records among the first `chars` characters of a text (without a byte-order mark), for a
 * first look at a large file: up to the last row break within them, but never fewer than
 * LAYOUT_MIN_RECORDS records, however long (a header row of 800 columns is not cut). Row breaks are
 * found as the import finds them, so a stray quote or a quoted line break does not move them.
 */
export function csvTextHeadRecords(text: CsvText, chars: number, delimiter: CsvDelimiter, maxRecords = Number.POSITIVE_INFINITY): string {
  const scanner = new RowBreakScanner(delimiter);
  const parts: string[] = [];
  let read = 0;
  let end = -1;
  let stop = false;
  // The layout needs 40 records, not 256 kB of them: a piece is cut once they are whole.
  const size = Number.isFinite(maxRecords) ? HEAD_PIECE_CHARS : PIECE_CHARS;
  for (const { piece } of scannablePieces(text, size)) {
    scanner.scan(piece, (at) => {
      if ((read + at <= chars && scanner.records <= maxRecords) || scanner.records <= LAYOUT_MIN_RECORDS) {
        end = read + at;
        return scanner.records >= maxRecords && scanner.records >= LAYOUT_MIN_RECORDS;
      }
      stop = true;
      return true;
    });
    parts.push(piece);
    read += piece.length;
    if (stop || scanner.records >= maxRecords || (read > chars && scanner.records >= LAYOUT_MIN_RECORDS)) break;
  }
  const head = parts.length === 1 ? (parts[0] as string) : parts.join("");
  return end === -1 ? head : head.slice(0, end);
}
/** Pieces read for the first records: a few rows each, so that 40 records never read 256 kB. */
const HEAD_PIECE_CHARS = 16 * 1024;

/**
 * Counts a text's data rows as `inspectCsv` counts them (records that are not blank, less the
 * `headerRecords`), by reading its records as the import does, with a turn for the host between
 * slices: the count the wizard shows is then always the count the import reports.
 */
export async function countCsvDataRows(
  text: CsvText,
  delimiter: CsvDelimiter,
  headerRecords: number,
  yieldToHost: () => Promise<void>,
): Promise<number> {
  const trouble = createQuoteTrouble();
  let records = 0;
  await streamCsvRecords(
    text,
    { delimiter },
    (index, record) => {
      // As in the inspection: a record whose quote never closed is a row, even if what it swallowed is blank.
      const blank = (record.length === 1 && record[0] === "") || (!trouble.broken.has(index) && isBlankRecord(record));
      if (!blank) records++;
    },
    // Small parts and slices: the count runs while the person looks at the wizard.
    { trouble, rowsPerSlice: 1000, yieldToHost, pieceChars: 64 * 1024 },
  );
  return Math.max(0, records - headerRecords);
}
