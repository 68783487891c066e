/**
 * A chosen CSV file, made ready for the import wizard without freezing the panel: the bytes decoded
 * in slices and kept as the pieces they were decoded in, the layout and mapping inspected on the
 * first part of a large file, and its rows counted in slices as the import reads them. The import itself
 * (`importFeedbackCsv`) reads the pieces and yields between slices on its own.
 *
 * Why not `decodeCsvBytes` and `inspectCsv` on the whole file: on a 200,000-row export (30 MB) they
 * take 100–500 ms in one go, and every task over 50 ms is a moment the panel cannot be used. Even
 * joining the decoded pieces into one string is such a task (copying 60 MB), so they never are.
 */
import {
  countCsvDataRows,
  csvTextHead,
  csvTextHeadRecords,
  csvTextLength,
  decodeCsvBytes,
  decodeCsvLines,
  detectDelimiter,
  refuseOversizedCsv,
  inspectCsv,
  type ColumnMapping,
  type CsvDelimiter,
  type CsvEncoding,
  type CsvInspection,
  type CsvText,
} from "../../shared/csv";
import type { YieldToHost } from "../../shared/feedback-pass";

export interface LoadedCsv {
  fileName: string;
  /** Size of the file in bytes. */
  size: number;
  /** The decoded text: one string for a small file, the decoded slices of a large one. */
  text: CsvText;
  /** Characters of the text. */
  length: number;
  encoding: CsvEncoding;
  bom: boolean;
}

/** Files up to this size are decoded and inspected in one go. */
const SMALL_FILE_BYTES = 1024 * 1024;
const DECODE_SLICE_BYTES = 512 * 1024;
/**
 * How much of a large file the wizard inspects: some 400 rows, enough to guess the columns; the first
 * inspection runs code not yet compiled, so a smaller part keeps it a short task in the panel.
 */
const INSPECT_PREFIX_CHARS = 64 * 1024;
/** Files up to this length are inspected whole. */
const INSPECT_WHOLE_CHARS = 128 * 1024;

/**
 * Where a slice of at most `limit` bytes from `start` ends: after its last line break, so that each
 * line is decoded whole, as `decodeCsvBytes` decodes it; in a line longer than a slice, before a
 * UTF-8 sequence rather than inside it.
 */
function sliceEnd(bytes: Uint8Array, start: number, limit: number): number {
  const end = Math.min(bytes.length, start + limit);
  if (end === bytes.length) return end;
  const lineEnd = bytes.lastIndexOf(0x0a, end - 1);
  if (lineEnd >= start) return lineEnd + 1;
  let at = end;
  while (at > start + 1 && ((bytes[at] ?? 0) & 0xc0) === 0x80) at--;
  return at;
}

/**
 * Decodes a file's bytes as `decodeCsvBytes` does (which also refuses workbooks, PDFs, images and
 * files too large), slice by slice for large UTF-8 and Windows-1252 files: line by line, each line
 * as UTF-8 or as Windows-1252, as the command line reads it, so that one Windows-1252 byte in the
 * first rows does not turn every later "é" into "Ã©". Throws `CsvDecodeError` with the reason.
 */
export async function decodeCsvFileAsync(fileName: string, bytes: Uint8Array, yieldToHost: YieldToHost): Promise<LoadedCsv> {
  refuseOversizedCsv(bytes.length);
  const utf16 = bytes.length >= 2 && ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff));
  if (bytes.length <= SMALL_FILE_BYTES || utf16) return whole(fileName, bytes);
  // The head refuses what is not text and tells whether the file declares UTF-8 with a mark.
  const head = decodeCsvBytes(bytes.subarray(0, sliceEnd(bytes, 0, 64 * 1024)));
  const pieces: string[] = [];
  let length = 0;
  let utf8Sequences = 0;
  let strayBytes = false;
  // A file with the mark is UTF-8 throughout, a broken byte read as "�", as `decodeCsvBytes` reads it.
  const marked = head.bom ? new TextDecoder("utf-8") : null;
  for (let start = 0; start < bytes.length; ) {
    const end = sliceEnd(bytes, start, DECODE_SLICE_BYTES);
    let piece: string;
    if (marked !== null) {
      // TextDecoder leaves out the byte-order mark at the start of the stream only.
      piece = marked.decode(bytes.subarray(start, end), { stream: end < bytes.length });
    } else {
      const slice = bytes.subarray(start, end);
      const decoded = decodeCsvLines(slice);
      piece = decoded.text;
      utf8Sequences += decoded.utf8Sequences;
      strayBytes ||= !decoded.valid;
    }
    pieces.push(piece);
    length += piece.length;
    start = end;
    await yieldToHost();
  }
  const encoding = head.bom || !strayBytes || utf8Sequences > 0 ? "utf-8" : "windows-1252";
  return { fileName, size: bytes.length, text: pieces, length, encoding, bom: head.bom };
}

function whole(fileName: string, bytes: Uint8Array): LoadedCsv {
  const { text, encoding, bom } = decodeCsvBytes(bytes);
  return { fileName, size: bytes.length, text, length: text.length, encoding, bom };
}

export interface WizardInspection extends CsvInspection {
  /** Whether only the first part of the file was inspected (the preview and scale come from it). */
  partial: boolean;
}

export interface InspectOptions {
  delimiter?: CsvDelimiter;
  headerRows?: 1 | 2;
  mapping?: Partial<ColumnMapping>;
}

/** `inspectCsv` on the whole of a small file, or on the first whole records of a large one (its header row whole, however long). */
export function inspectForWizard(text: CsvText, options: InspectOptions): WizardInspection {
  if (csvTextLength(text) <= INSPECT_WHOLE_CHARS) return { ...inspectCsv(text, options), partial: false };
  const delimiter = options.delimiter ?? detectDelimiter(csvTextHead(text, INSPECT_PREFIX_CHARS));
  return { ...inspectCsv(csvTextHeadRecords(text, INSPECT_PREFIX_CHARS, delimiter), options), partial: true };
}

/**
 * Counts the data rows of a text (records that are not blank, less the header records) as the
 * import will, piece by piece and slice by slice, giving the host turns.
 */
export const countDataRowsAsync: (
  text: CsvText,
  delimiter: CsvDelimiter,
  headerRecords: number,
  yieldToHost: YieldToHost,
) => Promise<number> = countCsvDataRows;
