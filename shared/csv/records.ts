/**
 * A CSV text's layout (delimiter, line break, header row(s), column names), worked out once from
 * its first records, and the records themselves as papaparse reads them, one at a time and let go:
 * in one go for the inspection the panel shows, or in slices with turns for the host for the import.
 * Both start from the same layout and number records the same way, so they never disagree about
 * which row is which.
 */
import Papa from "papaparse";
import { isFeedbackExportHeader } from "./columns";
import { type CsvDelimiter, detectDelimiter, isBlankRecord, isGenericSubLabel, looksLikeSecondHeaderRow } from "./detect";
import { unescapeFormula } from "./formula";
import { type CsvProblem, columnLetter, csvProblem } from "./problem";

export interface CsvLayoutOptions {
  /** The delimiter to use instead of the detected one. */
  delimiter?: CsvDelimiter;
  /** The number of header rows to use instead of the detected one. */
  headerRows?: 1 | 2;
}

export type CsvNewline = "\r\n" | "\n" | "\r";

export interface CsvLayout {
  /** The text without a leading byte-order mark, its line breaks made one kind if it mixed several. */
  body: string;
  delimiter: CsvDelimiter;
  newline: CsvNewline;
  headerRows: 1 | 2;
  /** The header records as written (an export's formula escaping undone), for the rejected-rows export. */
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
export function readCsvLayout(text: string, options: CsvLayoutOptions = {}): CsvLayout {
  const unmarked = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const delimiter = options.delimiter ?? detectDelimiter(unmarked);
  const steps = unifyRowBreaks(unmarked, delimiter, Infinity);
  let step = steps.next();
  while (step.done !== true) step = steps.next();
  return layoutOf(step.value, delimiter, options);
}

/** Characters of the whole text the row-break scan reads between two turns of the host. */
const ROW_BREAK_SLICE_CHARS = 1024 * 1024;

/**
 * `readCsvLayout`, giving the host a turn between slices of the scans that read the whole text
 * (a 30 MB export would otherwise hold the thread for 50–100 ms). The layout is the same.
 */
export async function readCsvLayoutAsync(
  text: string,
  options: CsvLayoutOptions,
  yieldToHost: () => Promise<void>,
): Promise<CsvLayout> {
  const unmarked = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const delimiter = options.delimiter ?? detectDelimiter(unmarked);
  const steps = unifyRowBreaks(unmarked, delimiter, ROW_BREAK_SLICE_CHARS);
  let step = steps.next();
  while (step.done !== true) {
    await yieldToHost();
    step = steps.next();
  }
  return layoutOf(step.value, delimiter, options);
}

function layoutOf(
  { body, newline: rowBreak }: { body: string; newline: CsvNewline | null },
  delimiter: CsvDelimiter,
  options: CsvLayoutOptions,
): CsvLayout {
  const head = Papa.parse<string[]>(body.slice(0, LAYOUT_CHARS), {
    delimiter,
    preview: LAYOUT_RECORDS,
    skipEmptyLines: false,
    ...(rowBreak === null ? {} : { newline: rowBreak }),
  });
  const newline = rowBreak ?? toNewline(head.meta.linebreak);
  const records = head.data;
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
  return {
    body,
    delimiter,
    newline,
    headerRows,
    headerRecords,
    ...distinctNames(headerNames(headerRecords)),
    firstDataIndex: (headerRows === 2 ? secondIndex : headerIndex) + 1,
  };
}

/**
 * papaparse ends records at one kind of line break (CRLF, LF or CR): in a file that ends rows in
 * several ways (rows appended to an Excel export by a script), the other kind would glue rows
 * together or leave a "\r" at the end of their last cell. Such a text gets LF after every row;
 * line breaks inside quoted cells stay as written (Excel's LF inside a cell of a CRLF file is no
 * mix, and a cell's own "\r" must come back as it was). Any other text is returned as it is.
 * A generator that pauses (yields) after every `sliceChars` characters the scans have read.
 */
function* unifyRowBreaks(
  text: string,
  delimiter: CsvDelimiter,
  sliceChars: number,
): Generator<void, { body: string; newline: CsvNewline | null }> {
  if (!hasSeveralLineBreakKinds(text)) return { body: text, newline: null };
  // One bit per kind of row break: LF, CR, CRLF.
  let kinds = 0;
  const kindsScan = rowBreakScanner(text, delimiter);
  const onKind = (at: number, length: 1 | 2): boolean => {
    const kind = length === 2 ? 4 : text.charCodeAt(at) === 0x0a ? 1 : 2;
    kinds |= kind;
    // Two kinds seen: the row breaks are mixed.
    return kinds !== kind;
  };
  for (let until = sliceChars; !kindsScan(until, onKind); until += sliceChars) yield;
  // One kind outside quoted cells: that is how rows end, whatever the cells hold (papaparse's own
  // guess counts line breaks inside quoted cells too).
  if (kinds === 0 || (kinds & (kinds - 1)) === 0) {
    return { body: text, newline: kinds === 4 ? "\r\n" : kinds === 2 ? "\r" : kinds === 1 ? "\n" : null };
  }
  const parts: string[] = [];
  let from = 0;
  const unifyScan = rowBreakScanner(text, delimiter);
  const onBreak = (at: number, length: 1 | 2): boolean => {
    if (length === 1 && text.charCodeAt(at) === 0x0a) return false;
    parts.push(text.slice(from, at), "\n");
    from = at + length;
    return false;
  };
  for (let until = sliceChars; !unifyScan(until, onBreak); until += sliceChars) yield;
  parts.push(text.slice(from));
  return { body: parts.join(""), newline: "\n" };
}

/**
 * Reads the line breaks outside quoted cells in order, up to a given index at a time: each call
 * hands `onBreak` each such break (its index and length; a CR and an LF both have length 1) that
 * starts before `until`, and says whether the scan is over (`onBreak` returned true, or the text
 * ended). A quote opens a quoted cell only at the start of a cell, as papaparse reads it, and the
 * cell runs to the quote that is not doubled; a quote inside an unquoted cell is a character.
 */
function rowBreakScanner(
  text: string,
  delimiter: CsvDelimiter,
): (until: number, onBreak: (at: number, length: 1 | 2) => boolean) => boolean {
  const QUOTE = 0x22;
  const CR = 0x0d;
  const LF = 0x0a;
  const separator = delimiter.charCodeAt(0);
  // Only quotes and line breaks matter; the regex skips everything else natively.
  const next = /["\r\n]/g;
  let over = false;
  return (until, onBreak) => {
    if (over) return true;
    for (let match = next.exec(text); match !== null; match = next.exec(text)) {
      const i = match.index;
      if (i >= until) {
        // Read again on the next call.
        next.lastIndex = i;
        return false;
      }
      const code = text.charCodeAt(i);
      if (code === QUOTE) {
        const before = i === 0 ? LF : text.charCodeAt(i - 1);
        if (before !== separator && before !== LF && before !== CR) continue;
        let end = text.indexOf('"', i + 1);
        while (end !== -1 && text.charCodeAt(end + 1) === QUOTE) end = text.indexOf('"', end + 2);
        if (end === -1) break;
        next.lastIndex = end + 1;
        continue;
      }
      const length = code === CR && text.charCodeAt(i + 1) === LF ? 2 : 1;
      if (onBreak(i, length)) break;
      next.lastIndex = i + length;
    }
    over = true;
    return true;
  };
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

function toNewline(linebreak: string): CsvNewline {
  return linebreak === "\r\n" || linebreak === "\r" ? linebreak : "\n";
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
 * Hands every record of the text to `onRecord` at once, in order, header records included, keeping
 * none: for the inspection, which needs every row once. Quote errors go to `trouble`.
 */
export function forEachCsvRecord(
  layout: CsvLayout,
  onRecord: (index: number, record: string[]) => void,
  trouble: QuoteTrouble,
): void {
  const reader = createRecordReader(layout, onRecord, trouble);
  // Without a pause, papaparse's step mode runs to the end within this call.
  Papa.parse<string[]>(layout.body, {
    delimiter: layout.delimiter,
    newline: layout.newline,
    skipEmptyLines: false,
    step: (results) => reader.take(results),
  });
}

/**
 * What both ways of reading records share: numbering them, collecting their quote errors, keeping
 * papaparse's cursor as an offset into the whole text across pauses, and dropping the empty record
 * papaparse sometimes gives after a final line break, which is no row in a spreadsheet.
 */
function createRecordReader(
  layout: CsvLayout,
  onRecord: (index: number, record: string[]) => void,
  trouble: QuoteTrouble,
) {
  const length = layout.body.length;
  let index = 0;
  let cursorBase = 0;
  let cursor = 0;
  return {
    take(results: Papa.ParseStepResult<string[]>): void {
      if (cursorBase + cursor >= length && results.data.length === 1 && results.data[0] === "") return;
      if (results.errors.length > 0) trouble.add(results.errors, index);
      onRecord(index, results.data);
      index++;
      cursor = results.meta.cursor;
    },
    /** After a pause papaparse reads on from where it stopped, counting its cursor afresh. */
    paused(): void {
      cursorBase += cursor;
      cursor = 0;
    },
    get index(): number {
      return index;
    },
    get done(): number {
      return cursorBase + cursor;
    },
  };
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
 * papaparse's step mode, paused every `rowsPerSlice` records while the host has a turn
 * (https://www.papaparse.com/docs#config-step: "you can call parser.pause() … and parser.resume()").
 */
export function streamCsvRecords(
  layout: CsvLayout,
  onRecord: (index: number, record: string[]) => void,
  options: CsvStreamOptions,
): Promise<void> {
  const { rowsPerSlice, yieldToHost, onSlice } = options;
  const reader = createRecordReader(layout, onRecord, options.trouble);
  let sinceTurn = 0;
  return new Promise<void>((resolve, reject) => {
    let failed = false;
    const fail = (error: unknown) => {
      failed = true;
      reject(error);
    };
    Papa.parse<string[]>(layout.body, {
      delimiter: layout.delimiter,
      newline: layout.newline,
      skipEmptyLines: false,
      step: (results, parser) => {
        try {
          reader.take(results);
          if (++sinceTurn < rowsPerSlice) return;
          sinceTurn = 0;
          reader.paused();
          onSlice?.(reader.done, reader.index);
          parser.pause();
          yieldToHost().then(
            () => parser.resume(),
            (error: unknown) => {
              fail(error);
              parser.abort();
            },
          );
        } catch (error) {
          fail(error);
          parser.abort();
        }
      },
      // papaparse completes an aborted parse too, at once: `fail` comes before `abort` so this knows.
      complete: () => {
        if (failed) return;
        onSlice?.(layout.body.length, reader.index);
        resolve();
      },
    });
  });
}
