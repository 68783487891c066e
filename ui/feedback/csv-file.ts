/**
 * A chosen CSV file, made ready for the import wizard without freezing the panel: the file read a
 * window at a time, its bytes decoded in slices and kept as the pieces they were decoded in, the
 * layout and mapping inspected on the first part of a large file, and its rows counted in slices as
 * the import reads them. The import itself (`importFeedbackCsv`) reads the pieces and yields between
 * slices on its own.
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
 * The bytes of a chosen file, read window by window: a File (a Blob) is read `READ_BYTES` at a time,
 * never whole. Reading a 30 MB file in one `arrayBuffer()` is one task of some 100 ms in Chromium
 * (the buffer is made and filled at once), a moment the panel cannot be used.
 */
class FileWindow {
  /** The bytes held, from `start` in the file: all of them for bytes already read. */
  private bytes: Uint8Array;
  private start = 0;
  readonly size: number;

  constructor(private readonly file: Blob | Uint8Array) {
    this.bytes = file instanceof Uint8Array ? file : new Uint8Array(0);
    this.size = file instanceof Uint8Array ? file.length : file.size;
  }

  /** The bytes held, as a view from file offset `from` (which must be held) to the end of what is held. */
  from(from: number): Uint8Array {
    return this.bytes.subarray(from - this.start);
  }

  /** Holds at least the bytes [from, from + length) (fewer at the end of the file); those before `from` go. */
  async hold(from: number, length: number): Promise<void> {
    const want = Math.min(this.size, from + length);
    const held = this.start + this.bytes.length;
    if (want <= held || this.file instanceof Uint8Array) return;
    const end = Math.min(this.size, Math.max(want, held + READ_BYTES));
    const more = new Uint8Array(await this.file.slice(held, end).arrayBuffer());
    const kept = this.bytes.subarray(from - this.start);
    const next = new Uint8Array(kept.length + more.length);
    next.set(kept);
    next.set(more, kept.length);
    this.bytes = next;
    this.start = from;
  }
}

/** How much of a file is read at a time (see `FileWindow`). */
const READ_BYTES = 4 * 1024 * 1024;

/**
 * Decodes a file (a File, or bytes already read) as `decodeCsvBytes` does (which also refuses
 * workbooks, PDFs, images and files too large), slice by slice for large UTF-8 and Windows-1252
 * files: line by line, each line as UTF-8 or as Windows-1252, as the command line reads it, so that
 * one Windows-1252 byte in the first rows does not turn every later "é" into "Ã©". A large file is
 * read a window at a time (`FileWindow`). Throws `CsvDecodeError` with the reason.
 */
export async function decodeCsvFileAsync(fileName: string, file: Blob | Uint8Array, yieldToHost: YieldToHost): Promise<LoadedCsv> {
  const source = new FileWindow(file);
  const { size } = source;
  refuseOversizedCsv(size);
  // `sliceEnd` looks at the byte at its limit: a slice is held with the byte after it.
  await source.hold(0, HEAD_BYTES + 1);
  const first = source.from(0);
  const utf16 = first.length >= 2 && ((first[0] === 0xff && first[1] === 0xfe) || (first[0] === 0xfe && first[1] === 0xff));
  if (size <= SMALL_FILE_BYTES || utf16) {
    await source.hold(0, size);
    return whole(fileName, source.from(0));
  }
  // The head refuses what is not text and tells whether the file declares UTF-8 with a mark.
  const head = decodeCsvBytes(first.subarray(0, sliceEnd(first, 0, HEAD_BYTES)));
  const pieces: string[] = [];
  let length = 0;
  let utf8Sequences = 0;
  let strayBytes = false;
  // A file with the mark is UTF-8 throughout, a broken byte read as "�", as `decodeCsvBytes` reads it.
  const marked = head.bom ? new TextDecoder("utf-8") : null;
  for (let start = 0; start < size; ) {
    // The slice's end is found as in the whole file: what is held ends at the file's end or past the slice's limit.
    await source.hold(start, DECODE_SLICE_BYTES + 1);
    const held = source.from(start);
    const end = start + sliceEnd(held, 0, DECODE_SLICE_BYTES);
    const slice = held.subarray(0, end - start);
    let piece: string;
    if (marked !== null) {
      // TextDecoder leaves out the byte-order mark at the start of the stream only.
      piece = marked.decode(slice, { stream: end < size });
    } else {
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
  return { fileName, size, text: pieces, length, encoding, bom: head.bom };
}

/** The first part of a large file, which tells its encoding (and refuses what is not text). */
const HEAD_BYTES = 64 * 1024;

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
  headerRows?: 0 | 1 | 2;
  headerRow?: number;
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
