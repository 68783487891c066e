/**
 * The command line reads a feedback file as a stream: bytes from disk a megabyte at a time, decoded
 * as `decodeCsvBytes` decodes a whole file, and cut into pieces of whole records (about
 * `PIECE_CHARS` characters each) where the import itself would cut them, so a file of any size is
 * read in bounded memory.
 */
import { createReadStream } from "node:fs";
import { type CsvDelimiter, type CsvEncoding, csvTextHead, decodeCsvBytes, decodeCsvLines, detectDelimiter } from "../shared/csv";
import { RowBreakScanner } from "../shared/csv/records";

/** Characters of one piece, at least: about 48,000 rows of a typical survey export. */
export const PIECE_CHARS = 4 * 1024 * 1024;
/** Bytes read from disk at a time. */
const READ_BYTES = 1024 * 1024;
/** Bytes the encoding is decided on: enough to see a binary header, as `decodeCsvBytes` sniffs. */
const SNIFF_BYTES = 64 * 1024;
/** Characters the delimiter is detected on, as the import detects it. */
const DELIMITER_CHARS = 256 * 1024;

/** Records of the file, in order: the first piece starts with the header rows. */
export interface CsvPiece {
  text: string[];
  /** Index in the file of the piece's first record (record i is spreadsheet row i + 1). */
  firstRecord: number;
  final: boolean;
}

/** A file read as a stream: its pieces, then (once read) its encoding. */
export interface CsvFileStream {
  pieces: AsyncGenerator<CsvPiece>;
  encoding: () => CsvEncoding;
}

interface Decoding {
  encoding: CsvEncoding;
  decode: (bytes: Uint8Array, final: boolean) => string;
}

/** The end of the last whole line in `bytes` (after its LF), or 0 when there is none. */
function lineEnd(bytes: Uint8Array): number {
  return bytes.lastIndexOf(0x0a) + 1;
}

/**
 * How the rest of the file is decoded, decided on its first bytes as `decodeCsvBytes` decides it (which
 * also refuses a workbook, a PDF or an image, by throwing `CsvDecodeError`): UTF-16 with its mark,
 * UTF-8 with its mark (a broken byte read as "�"), else line by line, each line UTF-8 or Windows-1252.
 */
function chooseDecoding(head: Uint8Array, whole: boolean): Decoding {
  const utf16 = head.length >= 2 && ((head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff));
  const checked = decodeCsvBytes(whole ? head : head.subarray(0, utf16 ? head.length & ~1 : Math.max(lineEnd(head), Math.min(head.length, SNIFF_BYTES))));
  if (utf16 || checked.bom) {
    const decoder = new TextDecoder(checked.encoding);
    return { encoding: checked.encoding, decode: (bytes, final) => decoder.decode(bytes, { stream: !final }) };
  }
  let utf8Sequences = 0;
  let strayBytes = false;
  const decoding: Decoding = {
    encoding: "utf-8",
    decode: (bytes) => {
      const decoded = decodeCsvLines(bytes);
      utf8Sequences += decoded.utf8Sequences;
      strayBytes ||= !decoded.valid;
      decoding.encoding = !strayBytes || utf8Sequences > 0 ? "utf-8" : "windows-1252";
      return decoded.text;
    },
  };
  return decoding;
}

/** How a file is read: piece and read sizes (smaller ones in tests, to make many pieces of a small file). */
export interface CsvReadSizes {
  pieceChars?: number;
  readBytes?: number;
}

/** The file's text, decoded in strings of about `readBytes`; a line-by-line decoding gets whole lines only. */
async function* decodedText(file: string, readBytes: number, state: { decoding: Decoding | null }): AsyncGenerator<string> {
  let pending: Uint8Array = new Uint8Array(0);
  const stream = createReadStream(file, { highWaterMark: readBytes });
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    pending = pending.length === 0 ? chunk : Buffer.concat([pending, chunk]);
    if (state.decoding === null) {
      if (pending.length < SNIFF_BYTES) continue;
      state.decoding = chooseDecoding(pending, false);
    }
    // Line by line decoding needs whole lines; the stream decoders keep a split character themselves.
    const cut = state.decoding.encoding.startsWith("utf-16") ? pending.length : lineEnd(pending);
    if (cut === 0) continue;
    const text = state.decoding.decode(pending.subarray(0, cut), false);
    pending = pending.subarray(cut);
    if (text !== "") yield text;
  }
  state.decoding ??= chooseDecoding(pending, true);
  const text = state.decoding.decode(pending, true);
  if (text !== "") yield text;
}

/**
 * Reads a CSV file as pieces of whole records of at least `pieceChars` characters (the last one
 * shorter; the first holds at least the characters the delimiter is detected on). Throws `CsvDecodeError` (from the first piece) for a file that is not text.
 */
export function readCsvFile(file: string, sizes: CsvReadSizes = {}): CsvFileStream {
  const pieceChars = sizes.pieceChars ?? PIECE_CHARS;
  const state: { decoding: Decoding | null } = { decoding: null };
  async function* pieces(): AsyncGenerator<CsvPiece> {
    let scanner: RowBreakScanner | null = null;
    const early: string[] = [];
    let earlyChars = 0;
    /** A CR that ends a string waits for the next, which may start with its LF. */
    let heldCr = "";
    /** Whole records not handed over yet; and the start of a record the strings so far have not ended. */
    let complete: string[] = [];
    let completeChars = 0;
    let carry: string[] = [];
    let recordsAtCut = 0;
    let firstRecord = 0;
    const feed = (decoded: string, scan: RowBreakScanner): void => {
      let text = heldCr + decoded;
      heldCr = text.endsWith("\r") ? "\r" : "";
      if (heldCr !== "") text = text.slice(0, -1);
      const end = scan.scan(text);
      if (end === -1) {
        carry.push(text);
        return;
      }
      for (const part of carry) complete.push(part);
      complete.push(text.slice(0, end));
      completeChars += end;
      for (const part of carry) completeChars += part.length;
      carry = end < text.length ? [text.slice(end)] : [];
      recordsAtCut = scan.records;
    };
    const start = (delimiter: CsvDelimiter): RowBreakScanner => {
      const scan = new RowBreakScanner(delimiter);
      for (const text of early) feed(text, scan);
      early.length = 0;
      return scan;
    };
    for await (const decoded of decodedText(file, sizes.readBytes ?? READ_BYTES, state)) {
      if (scanner === null) {
        early.push(decoded);
        earlyChars += decoded.length;
        // The delimiter the import would detect: found on the first DELIMITER_CHARS characters.
        if (earlyChars <= DELIMITER_CHARS) continue;
        scanner = start(detectDelimiter(csvTextHead(early, DELIMITER_CHARS)));
      } else feed(decoded, scanner);
      if (completeChars >= pieceChars) {
        yield { text: complete, firstRecord, final: false };
        firstRecord = recordsAtCut;
        complete = [];
        completeChars = 0;
      }
    }
    if (scanner === null) scanner = start(detectDelimiter(csvTextHead(early, DELIMITER_CHARS)));
    const text = [...complete, ...carry];
    if (heldCr !== "") text.push(heldCr);
    yield { text, firstRecord, final: true };
  }
  return { pieces: pieces(), encoding: () => state.decoding?.encoding ?? "utf-8" };
}
