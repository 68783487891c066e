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
  type CsvDelimiter,
  detectDelimiter,
  isBlankRecord,
  isGenericSubLabel,
  isImportIdRow,
  looksLikeSecondHeaderRow,
} from "./detect";
import { unescapeFormula } from "./formula";
import { type CsvProblem, columnLetter, csvProblem } from "./problem";

/** A CSV text: one string, or the pieces it was decoded in, in order. */
export type CsvText = string | readonly string[];

/** The number of characters of a text. */
export function csvTextLength(text: CsvText): number {
  if (typeof text === "string") return text.length;
  let length = 0;
  for (const piece of text) length += piece.length;
  return length;
}

/** How much of one long string is read at a time: papaparse then never holds a whole 30 MB file in one parse. */
const PIECE_CHARS = 1024 * 1024;

function piecesOf(text: CsvText): readonly string[] {
  if (typeof text !== "string") return text;
  if (text.length <= PIECE_CHARS) return [text];
  const pieces: string[] = [];
  for (let start = 0; start < text.length; start += PIECE_CHARS) pieces.push(text.slice(start, start + PIECE_CHARS));
  return pieces;
}

/** The first `chars` characters of a text (all of it when shorter), without a byte-order mark. */
export function csvTextHead(text: CsvText, chars: number): string {
  let head = "";
  for (const piece of piecesOf(text)) {
    head += piece.slice(0, chars + 1 - head.length);
    if (head.length > chars) break;
  }
  if (head.charCodeAt(0) === 0xfeff) head = head.slice(1);
  return head.length > chars ? head.slice(0, chars) : head;
}

export interface CsvLayoutOptions {
  /** The delimiter to use instead of the detected one. */
  delimiter?: CsvDelimiter;
  /** The number of header rows to use instead of the detected one. */
  headerRows?: 1 | 2;
}

export type CsvNewline = "\r\n" | "\n" | "\r";

export interface CsvLayout {
  delimiter: CsvDelimiter;
  headerRows: 1 | 2;
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

/** Works out the layout from the first records of the text; options override the detection. */
export function readCsvLayout(text: CsvText, options: CsvLayoutOptions = {}): CsvLayout {
  let head = csvTextHead(text, LAYOUT_CHARS);
  // A CR cut off from its LF would read as a row break of another kind.
  if (head.length === LAYOUT_CHARS && head.endsWith("\r")) head = head.slice(0, -1);
  const delimiter = options.delimiter ?? detectDelimiter(head);
  const readable = readableRecords(head, delimiter);
  const records = Papa.parse<string[]>(readable.text, {
    delimiter,
    newline: readable.newline,
    preview: LAYOUT_RECORDS,
    skipEmptyLines: false,
  }).data;
  let headerIndex = 0;
  while (headerIndex < records.length && isBlankRecord(records[headerIndex] ?? [])) headerIndex++;
  let secondIndex = headerIndex + 1;
  while (secondIndex < records.length && isBlankRecord(records[secondIndex] ?? [])) secondIndex++;
  const first = records[headerIndex] ?? [];
  const second = records[secondIndex];
  const headerRows: 1 | 2 =
    options.headerRows ??
    (second !== undefined && !isFeedbackExportHeader(first) && looksLikeSecondHeaderRow(first, second) ? 2 : 1);
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
  return { delimiter, headerRows, headerRecords, ...names, firstDataIndex };
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
    names.push(name === "" ? `Column ${columnLetter(i)}` : name);
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
 * Parts of the text to hand papaparse, each starting at a record: the record the last part ended
 * in (`carry`, which papaparse may have read only in part) followed by the next piece. A CR that
 * ends a piece waits for the next one, which may start with its LF.
 */
function createRecordParts(text: CsvText, delimiter: CsvDelimiter) {
  const pieces = piecesOf(text);
  let next = 0;
  /** Characters of the pieces taken so far. */
  let taken = 0;
  let heldCr = false;
  let newline: CsvNewline | null = null;
  return {
    /** The next part, or null when the text is read; `final` says whether it holds the rest of the text. */
    take(carry: string): { text: string; newline: CsvNewline; final: boolean; start: number } | null {
      if (next >= pieces.length) return null;
      let piece = pieces[next] ?? "";
      if (taken === 0 && carry === "" && piece.charCodeAt(0) === 0xfeff) piece = piece.slice(1);
      next++;
      taken += piece.length;
      let part = carry + (heldCr ? "\r" : "") + piece;
      const final = next >= pieces.length;
      heldCr = !final && part.endsWith("\r");
      if (heldCr) part = part.slice(0, -1);
      const readable = readableRecords(part, delimiter, newline);
      newline = readable.newline;
      return { ...readable, final, start: taken - part.length - (heldCr ? 1 : 0) };
    },
  };
}

/**
 * The text to give papaparse for a part: papaparse drops a byte-order mark at the start of what it
 * is given, which is right at the start of a file but not at the start of a part, where it is a
 * cell's first character; a second mark in front keeps it.
 */
function papaInput(part: string): string {
  return part.charCodeAt(0) === 0xfeff ? `\ufeff${part}` : part;
}

/** The complete records of a part, their quote errors by record, and the text to carry to the next part. */
interface PartRecords {
  records: string[][];
  errors: ReadonlyMap<number, Papa.ParseError[]> | null;
  carry: string;
}

/**
 * Reads a part's complete records in one go (papaparse's step mode costs an object or three per
 * record). A part that does not end the text is read up to its last line break; papaparse then ends
 * with the empty record it gives after a final line break, unless that line break sits inside a
 * quoted cell: then the part is read record by record to find where its last record starts, and that
 * record is carried over, to be read whole with the next piece. The empty record after the text's
 * final line break is no row in a spreadsheet and is dropped.
 */
function readPart(part: { text: string; newline: CsvNewline; final: boolean }, delimiter: CsvDelimiter): PartRecords {
  const { text, newline, final } = part;
  const end = final ? text.length : text.lastIndexOf(newline) + newline.length;
  if (end < newline.length) return final ? readWhole(text, newline, delimiter) : { records: [], errors: null, carry: text };
  const read = parseRecords(end === text.length ? text : text.slice(0, end), newline, delimiter);
  const last = read.records.length - 1;
  if (isEmptyRecord(read.records[last]) && read.errors?.has(last) !== true) {
    read.records.pop();
    return { ...read, carry: final ? "" : text.slice(end) };
  }
  if (final) return { ...read, carry: "" };
  return readToLastRecord(text, newline, delimiter);
}

function readWhole(text: string, newline: CsvNewline, delimiter: CsvDelimiter): PartRecords {
  const read = parseRecords(text, newline, delimiter);
  if (text.length === 0 && isEmptyRecord(read.records[0])) read.records.pop();
  return { ...read, carry: "" };
}

function isEmptyRecord(record: readonly string[] | undefined): boolean {
  return record !== undefined && record.length === 1 && record[0] === "";
}

function parseRecords(text: string, newline: CsvNewline, delimiter: CsvDelimiter): Omit<PartRecords, "carry"> {
  const result = Papa.parse<string[]>(papaInput(text), { delimiter, newline, skipEmptyLines: false });
  let errors: Map<number, Papa.ParseError[]> | null = null;
  for (const error of result.errors) {
    if (error.row === undefined) continue;
    errors ??= new Map();
    const list = errors.get(error.row);
    if (list === undefined) errors.set(error.row, [error]);
    else list.push(error);
  }
  return { records: result.data, errors };
}

/** A part whose last line break is inside a quoted cell: its records up to the last one, which is carried over. */
function readToLastRecord(text: string, newline: CsvNewline, delimiter: CsvDelimiter): PartRecords {
  const records: string[][] = [];
  const errors = new Map<number, Papa.ParseError[]>();
  let lastStart = 0;
  let cursor = 0;
  // Without a pause, papaparse's step mode runs to the end within this call.
  Papa.parse<string[]>(papaInput(text), {
    delimiter,
    newline,
    skipEmptyLines: false,
    step: (results) => {
      lastStart = cursor;
      cursor = results.meta.cursor;
      if (results.errors.length > 0) errors.set(records.length, results.errors);
      records.push(results.data);
    },
  });
  records.pop();
  errors.delete(records.length);
  return { records, errors: errors.size > 0 ? errors : null, carry: text.slice(lastStart) };
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
  const parts = createRecordParts(text, layout.delimiter);
  let index = 0;
  let carry = "";
  for (let part = parts.take(carry); part !== null; part = parts.take(carry)) {
    const read = readPart(part, layout.delimiter);
    for (let i = 0; i < read.records.length; i++, index++) {
      const errors = read.errors?.get(i);
      if (errors !== undefined) trouble.add(errors, index);
      onRecord(index, read.records[i] as string[]);
    }
    carry = read.carry;
  }
}

/** Papa's quote errors as readable problems, one per record, and the records they make untrustworthy. */
export interface QuoteTrouble {
  problems: CsvProblem[];
  /** Records where a quote opened and never closed: their last cell swallowed the rest of the file. */
  broken: Set<number>;
  /** Adds the errors papaparse reported while reading record `index`. */
  add(errors: readonly Papa.ParseError[], index: number): void;
}

export function createQuoteTrouble(): QuoteTrouble {
  const problems: CsvProblem[] = [];
  const broken = new Set<number>();
  return {
    problems,
    broken,
    add(errors, index) {
      // An unclosed quote explains any other error on the same record, so it is the one reported.
      const unclosed = errors.some((error) => error.code === "MissingQuotes");
      if (unclosed) broken.add(index);
      const detail = unclosed
        ? 'a quoted cell opens in this row but never closes, so everything after it was read into that cell: add the closing quote (") and import this row again'
        : errors.some((error) => error.code === "InvalidQuotes")
          ? 'a quoted cell has text after its closing quote (a stray " inside a cell?); the row was read as well as possible'
          : (errors[0]?.message ?? "papaparse reported a problem");
      problems.push(csvProblem(index + 1, null, detail));
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
  const parts = createRecordParts(text, layout.delimiter);
  let index = 0;
  let sinceTurn = 0;
  let carry = "";
  for (let part = parts.take(carry); part !== null; part = parts.take(carry)) {
    const read = readPart(part, layout.delimiter);
    const { records } = read;
    // Characters of the part its complete records take (the rest is carried), for the progress.
    const length = part.text.length - read.carry.length;
    for (let i = 0; i < records.length; i++, index++) {
      const errors = read.errors?.get(i);
      if (errors !== undefined) trouble.add(errors, index);
      onRecord(index, records[i] as string[]);
      if (++sinceTurn < rowsPerSlice) continue;
      sinceTurn = 0;
      onSlice?.(Math.min(total, part.start + Math.round((length * (i + 1)) / records.length)), index + 1);
      await yieldToHost();
    }
    carry = read.carry;
  }
  onSlice?.(total, index);
}
