/**
 * A chosen CSV file, made ready for the import wizard without freezing the panel: the bytes decoded
 * in slices and kept as the pieces they were decoded in, the layout and mapping inspected on the
 * first part of a large file, and its rows counted in slices. The import itself
 * (`importFeedbackCsv`) reads the pieces and yields between slices on its own.
 *
 * Why not `decodeCsvBytes` and `inspectCsv` on the whole file: on a 200,000-row export (30 MB) they
 * take 100–500 ms in one go, and every task over 50 ms is a moment the panel cannot be used. Even
 * joining the decoded pieces into one string is such a task (copying 60 MB), so they never are.
 */
import {
  csvTextHead,
  csvTextLength,
  decodeCsvBytes,
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
/** How much of a large file the wizard inspects: about a thousand rows, a few milliseconds. */
const INSPECT_PREFIX_CHARS = 128 * 1024;
const COUNT_SLICE_CHARS = 512 * 1024;

/** The last line break at or before `limit` bytes, so a slice never cuts a character in two. */
function lineBoundary(bytes: Uint8Array, limit: number): number {
  for (let i = Math.min(limit, bytes.length) - 1; i > 0; i--) if (bytes[i] === 0x0a) return i + 1;
  return Math.min(limit, bytes.length);
}

/**
 * Decodes a file's bytes as `decodeCsvBytes` does (which also refuses workbooks, PDFs and images),
 * slice by slice for large UTF-8 and Windows-1252 files. Throws `CsvDecodeError` with the reason.
 */
export async function decodeCsvFileAsync(fileName: string, bytes: Uint8Array, yieldToHost: YieldToHost): Promise<LoadedCsv> {
  const utf16 = bytes.length >= 2 && ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff));
  if (bytes.length <= SMALL_FILE_BYTES || utf16) return whole(fileName, bytes);
  // The head tells the encoding (and refuses what is not text); the rest is decoded as it says.
  const head = decodeCsvBytes(bytes.subarray(0, lineBoundary(bytes, 64 * 1024)));
  try {
    const decoder = new TextDecoder(head.encoding, { fatal: head.encoding === "utf-8" });
    const pieces: string[] = [];
    let length = 0;
    for (let start = 0; start < bytes.length; ) {
      const end = Math.min(bytes.length, start + DECODE_SLICE_BYTES);
      // TextDecoder leaves out a UTF-8 byte-order mark, as `decodeCsvBytes` does.
      const piece = decoder.decode(bytes.subarray(start, end), { stream: end < bytes.length });
      pieces.push(piece);
      length += piece.length;
      start = end;
      await yieldToHost();
    }
    return { fileName, size: bytes.length, text: pieces, length, encoding: head.encoding, bom: head.bom };
  } catch {
    // Not UTF-8 after all (a broken byte past the head): decode it whole, as `decodeCsvBytes` decides.
    return whole(fileName, bytes);
  }
}

function whole(fileName: string, bytes: Uint8Array): LoadedCsv {
  const { text, encoding, bom } = decodeCsvBytes(bytes);
  return { fileName, size: bytes.length, text, length: text.length, encoding, bom };
}

export interface WizardInspection extends CsvInspection {
  /** Whether only the first part of the file was inspected (the preview and scale come from it). */
  partial: boolean;
}

/** Where the records of the first `limit` characters end: a line break outside quotes. */
function recordBoundary(text: string, limit: number): number {
  let inQuotes = false;
  let boundary = 0;
  const end = Math.min(limit, text.length);
  for (let i = 0; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c === 34) inQuotes = !inQuotes;
    else if (!inQuotes && (c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10))) boundary = i + 1;
  }
  return boundary > 0 ? boundary : end;
}

export interface InspectOptions {
  delimiter?: CsvDelimiter;
  headerRows?: 1 | 2;
  mapping?: Partial<ColumnMapping>;
}

/** `inspectCsv` on the whole of a small file, or on the first complete records of a large one. */
export function inspectForWizard(text: CsvText, options: InspectOptions): WizardInspection {
  if (csvTextLength(text) <= INSPECT_PREFIX_CHARS) return { ...inspectCsv(text, options), partial: false };
  const prefix = csvTextHead(text, INSPECT_PREFIX_CHARS + 1);
  const head = prefix.slice(0, recordBoundary(prefix, INSPECT_PREFIX_CHARS));
  return { ...inspectCsv(head, options), partial: true };
}

/**
 * Counts the data rows of a text (records that are not blank, less the header records), piece by piece
 * and slice by slice. Quotes are followed, so a line break inside a quoted comment does not start a
 * row, and a CR at the end of a piece looks at the next piece for its LF.
 */
export async function countDataRowsAsync(
  text: CsvText,
  delimiter: CsvDelimiter,
  headerRecords: number,
  yieldToHost: YieldToHost,
): Promise<number> {
  const pieces = typeof text === "string" ? [text] : text;
  const delimiterCode = delimiter.charCodeAt(0);
  let inQuotes = false;
  let filled = false;
  let records = 0;
  let sinceTurn = 0;
  for (let p = 0; p < pieces.length; p++) {
    const piece = pieces[p] ?? "";
    for (let start = 0; start < piece.length; start += COUNT_SLICE_CHARS) {
      const end = Math.min(piece.length, start + COUNT_SLICE_CHARS);
      for (let i = start; i < end; i++) {
        const c = piece.charCodeAt(i);
        if (c === 34) {
          inQuotes = !inQuotes;
        } else if (inQuotes) {
          if (c !== 32 && c !== 9 && c !== 10 && c !== 13) filled = true;
        } else if (c === 10 || (c === 13 && nextCharCode(pieces, p, i) !== 10)) {
          if (filled) records++;
          filled = false;
        } else if (c !== 32 && c !== 9 && c !== 13 && c !== delimiterCode && c !== 0xfeff) {
          filled = true;
        }
      }
      sinceTurn += end - start;
      if (sinceTurn >= COUNT_SLICE_CHARS) {
        sinceTurn = 0;
        await yieldToHost();
      }
    }
  }
  if (filled) records++;
  return Math.max(0, records - headerRecords);
}

/** The code of the character after `pieces[p][i]`, which may begin a later piece; NaN at the end. */
function nextCharCode(pieces: readonly string[], p: number, i: number): number {
  const piece = pieces[p] ?? "";
  if (i + 1 < piece.length) return piece.charCodeAt(i + 1);
  for (let q = p + 1; q < pieces.length; q++) if ((pieces[q] ?? "").length > 0) return (pieces[q] ?? "").charCodeAt(0);
  return Number.NaN;
}
