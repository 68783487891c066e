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
  /** The text without a leading byte-order mark. */
  body: string;
  delimiter: CsvDelimiter;
  newline: CsvNewline;
  headerRows: 1 | 2;
  /** The header records as written (an export's formula escaping undone), for the rejected-rows export. */
  headerRecords: string[][];
  /** One name per column, from both header rows when there are two; "Column C" where there is none. */
  headers: string[];
  /** Index of the first record after the header(s): record i is spreadsheet row i + 1. */
  firstDataIndex: number;
}

/** Enough records to find the header rows under any number of leading blank lines a real file has. */
const LAYOUT_RECORDS = 40;
const LAYOUT_CHARS = 256 * 1024;

/** Works out the layout from the first records of the text; options override the detection. */
export function readCsvLayout(text: string, options: CsvLayoutOptions = {}): CsvLayout {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const delimiter = options.delimiter ?? detectDelimiter(body);
  const head = Papa.parse<string[]>(body.slice(0, LAYOUT_CHARS), {
    delimiter,
    preview: LAYOUT_RECORDS,
    skipEmptyLines: false,
  });
  const newline = toNewline(head.meta.linebreak);
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
    headers: headerNames(headerRecords),
    firstDataIndex: (headerRows === 2 ? secondIndex : headerIndex) + 1,
  };
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
