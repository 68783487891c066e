/**
 * Turning the bytes of a chosen file into text. Exports come as UTF-8 (with or without the BOM Excel
 * writes), UTF-16 with a BOM (Excel's "Unicode text"), or Windows-1252 (older Excel on Windows);
 * anything else that is not text (a workbook, a PDF) is refused in words instead of becoming rows
 * of garbage.
 */

export type CsvEncoding = "utf-8" | "utf-16le" | "utf-16be" | "windows-1252";

export interface DecodedCsv {
  text: string;
  encoding: CsvEncoding;
  /** Whether the file started with a byte-order mark (the mark itself is not part of `text`). */
  bom: boolean;
}

/** The file is not text; `message` says what it looks like instead. */
export class CsvDecodeError extends Error {
  override name = "CsvDecodeError";
}

/**
 * The WHATWG TextDecoder, present in browsers and in Node. Declared here rather than pulling the DOM
 * or Node typings into shared/, which must not depend on either.
 */
interface TextDecoderLike {
  decode(input: Uint8Array): string;
}
declare const TextDecoder: new (label: string, options?: { fatal?: boolean; ignoreBOM?: boolean }) => TextDecoderLike;

/** How much of the file the "is this text?" checks look at: enough to see a binary header. */
const SNIFF_BYTES = 64 * 1024;
/** Above this share of control characters a file is not text, whatever its extension says. */
const MAX_CONTROL_SHARE = 0.1;

/**
 * The largest feedback file read: about 1.7 million rows of a survey export. A larger one would not
 * fit in one JavaScript string (at most 2^29 − 24 characters) once decoded, and its rows not in the
 * memory of a panel; it is refused in words before anything is read.
 */
export const MAX_CSV_BYTES = 256 * 1024 * 1024;

/** Throws `CsvDecodeError` for a file of `size` bytes over MAX_CSV_BYTES, saying what to do instead. */
export function refuseOversizedCsv(size: number): void {
  if (size <= MAX_CSV_BYTES) return;
  const mb = (bytes: number) => `${Math.round(bytes / (1024 * 1024)).toLocaleString("en")} MB`;
  throw new CsvDecodeError(
    `this file is ${mb(size)}, over the ${mb(MAX_CSV_BYTES)} a feedback file can have: split it into smaller files and import them one by one`,
  );
}

/** Decodes a CSV file's bytes, detecting the encoding; throws `CsvDecodeError` for a file that is not text or too large. */
export function decodeCsvBytes(bytes: Uint8Array): DecodedCsv {
  return refuseOtherText(decodeBytes(bytes));
}

function decodeBytes(bytes: Uint8Array): DecodedCsv {
  refuseOversizedCsv(bytes.length);
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) return decodeUtf16(bytes, "utf-16le");
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) return decodeUtf16(bytes, "utf-16be");
  const bom = bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  refuseBinary(bytes);
  // TextDecoder drops the BOM itself (ignoreBOM defaults to false). A file that declares UTF-8 with
  // a BOM is read as UTF-8 even with a broken byte in it: one "�" beats a whole file of mojibake.
  if (bom) return { text: new TextDecoder("utf-8").decode(bytes), encoding: "utf-8", bom };
  try {
    return { text: new TextDecoder("utf-8", { fatal: true }).decode(bytes), encoding: "utf-8", bom };
  } catch {
    return decodeNotQuiteUtf8(bytes);
  }
}

/** Text files people pick by mistake, by how they start: a page saved from a browser, an API's JSON, XML. */
const OTHER_TEXTS: readonly { start: RegExp; what: string }[] = [
  { start: /^<(?:!doctype html|html)\b/i, what: "a web page (HTML), not CSV: export the data as CSV, or copy the table into a spreadsheet and save it as CSV" },
  { start: /^<\?xml\b/i, what: "an XML document, not CSV: export the data as CSV" },
  { start: /^(?:\{\s*"|\[\s*[{["])/, what: "JSON, not CSV: export the data as CSV" },
];

function refuseOtherText(decoded: DecodedCsv): DecodedCsv {
  const start = decoded.text.slice(0, 200).replace(/^[\uFEFF\s]+/, "");
  for (const other of OTHER_TEXTS) {
    if (other.start.test(start)) throw new CsvDecodeError(`this file is ${other.what}`);
  }
  return decoded;
}

/**
 * Bytes that are not valid UTF-8 throughout: Windows-1252, or UTF-8 with some Windows-1252 in it
 * (rows pasted from an older export, a file concatenated from two tools). Read line by line, so that
 * one pasted row does not turn every other row into mojibake ("très" into "trÃ¨s"): a line that is
 * valid UTF-8 is read as UTF-8; a line with stray bytes is read as Windows-1252, unless it holds at
 * least as many valid UTF-8 sequences as stray bytes (a UTF-8 row with one "€" byte typed into it),
 * then its sequences are read as UTF-8 and its stray bytes as Windows-1252. In a line of mostly
 * Windows-1252, a valid-looking pair such as "Ã©" is more likely two characters.
 */
function decodeNotQuiteUtf8(bytes: Uint8Array): DecodedCsv {
  const { text, utf8Sequences } = decodeMixedLines(bytes);
  return { text, encoding: utf8Sequences > 0 ? "utf-8" : "windows-1252", bom: false };
}

/**
 * Decodes bytes without a byte-order mark line by line, as `decodeCsvBytes` does a file that is not
 * UTF-8 throughout; also whether UTF-8 sequences were read (`utf8Sequences` above 0; for valid UTF-8
 * the bytes it saved rather than a count), which make the file's encoding "utf-8", and whether the bytes were valid UTF-8 throughout. Each line is decoded on its own, so a file cut at line breaks decodes piece by piece to
 * the same text as whole (the panel decodes a large file so).
 */
export function decodeCsvLines(bytes: Uint8Array): { text: string; utf8Sequences: number; valid: boolean } {
  try {
    // A mark inside the file (where two files were joined) is a character, as in the file read whole.
    const text = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }).decode(bytes);
    // Valid UTF-8 decodes to fewer characters than bytes exactly when it holds a sequence: no loop over
    // half a megabyte of bytes to count them (only whether there are any matters).
    return { text, utf8Sequences: bytes.length - text.length, valid: true };
  } catch {
    return { ...decodeMixedLines(bytes), valid: false };
  }
}

function decodeMixedLines(bytes: Uint8Array): { text: string; utf8Sequences: number } {
  // Lines start anywhere in the file: a mark at the start of one is a character, not the file's mark.
  const utf8 = new TextDecoder("utf-8", { ignoreBOM: true });
  const parts: string[] = [];
  /** Start of the bytes not yet decoded, all valid UTF-8. */
  let pending = 0;
  let lineStart = 0;
  let lineSequences = 0;
  let utf8Sequences = 0;
  const stray: number[] = [];
  const endLine = (end: number) => {
    if (stray.length === 0) utf8Sequences += lineSequences;
    else {
      if (lineStart > pending) parts.push(utf8.decode(bytes.subarray(pending, lineStart)));
      if (lineSequences >= stray.length) {
        utf8Sequences += lineSequences;
        let from = lineStart;
        for (const at of stray) {
          if (at > from) parts.push(utf8.decode(bytes.subarray(from, at)));
          parts.push(windows1252Char(bytes[at] ?? 0));
          from = at + 1;
        }
        if (end > from) parts.push(utf8.decode(bytes.subarray(from, end)));
      } else {
        parts.push(decodeWindows1252(bytes.subarray(lineStart, end)));
      }
      pending = end;
      stray.length = 0;
    }
    lineStart = end;
    lineSequences = 0;
  };
  for (let i = 0; i < bytes.length; ) {
    const byte = bytes[i] ?? 0;
    if (byte < 0x80) {
      i++;
      if (byte === 0x0a) endLine(i);
      continue;
    }
    const length = utf8SequenceLength(bytes, i);
    if (length === 0) {
      stray.push(i);
      i++;
    } else {
      lineSequences++;
      i += length;
    }
  }
  endLine(bytes.length);
  if (pending < bytes.length) parts.push(utf8.decode(bytes.subarray(pending)));
  return { text: parts.join(""), utf8Sequences };
}

/**
 * The length of the well-formed UTF-8 sequence starting at `i` with a byte ≥ 0x80, or 0 when there
 * is none (https://encoding.spec.whatwg.org/#utf-8-decoder: no overlong forms, no surrogates, at most U+10FFFF).
 */
function utf8SequenceLength(bytes: Uint8Array, i: number): number {
  const lead = bytes[i] ?? 0;
  const at = (k: number) => bytes[i + k] ?? 0;
  const cont = (k: number, low = 0x80, high = 0xbf) => at(k) >= low && at(k) <= high;
  if (lead >= 0xc2 && lead <= 0xdf) return cont(1) ? 2 : 0;
  if (lead >= 0xe0 && lead <= 0xef) {
    const low = lead === 0xe0 ? 0xa0 : 0x80;
    const high = lead === 0xed ? 0x9f : 0xbf;
    return cont(1, low, high) && cont(2) ? 3 : 0;
  }
  if (lead >= 0xf0 && lead <= 0xf4) {
    const low = lead === 0xf0 ? 0x90 : 0x80;
    const high = lead === 0xf4 ? 0x8f : 0xbf;
    return cont(1, low, high) && cont(2) && cont(3) ? 4 : 0;
  }
  return 0;
}

function decodeUtf16(bytes: Uint8Array, encoding: "utf-16le" | "utf-16be"): DecodedCsv {
  const text = new TextDecoder(encoding).decode(bytes);
  const sample = text.slice(0, SNIFF_BYTES / 2);
  let control = 0;
  for (let i = 0; i < sample.length; i++) if (isControl(sample.charCodeAt(i))) control++;
  if (sample.length > 0 && control / sample.length > MAX_CONTROL_SHARE) {
    throw new CsvDecodeError("this file does not look like text (it starts like UTF-16 but is mostly control characters)");
  }
  return { text, encoding, bom: true };
}

/** Signatures of files people pick by mistake, so the message can name what they picked. */
const KNOWN_BINARIES: readonly { magic: readonly number[]; what: string }[] = [
  { magic: [0x50, 0x4b, 0x03, 0x04], what: 'an Excel workbook (.xlsx) or another zip archive: save it as "CSV UTF-8" first' },
  { magic: [0xd0, 0xcf, 0x11, 0xe0], what: 'an old Excel workbook (.xls): save it as "CSV UTF-8" first' },
  { magic: [0x25, 0x50, 0x44, 0x46], what: "a PDF document" },
  { magic: [0x89, 0x50, 0x4e, 0x47], what: "a PNG image" },
  { magic: [0xff, 0xd8, 0xff], what: "a JPEG image" },
  { magic: [0x47, 0x49, 0x46, 0x38], what: "a GIF image" },
  { magic: [0x1f, 0x8b], what: "a gzip archive: unpack it first" },
];

function refuseBinary(bytes: Uint8Array): void {
  for (const known of KNOWN_BINARIES) {
    if (known.magic.every((byte, i) => bytes[i] === byte)) {
      throw new CsvDecodeError(`this file does not look like text (it looks like ${known.what})`);
    }
  }
  const end = Math.min(bytes.length, SNIFF_BYTES);
  let control = 0;
  for (let i = 0; i < end; i++) {
    const byte = bytes[i] ?? 0;
    if (byte === 0) {
      throw new CsvDecodeError(
        `this file does not look like text (it contains NUL bytes at byte ${i + 1}; a UTF-16 file needs a byte-order mark)`,
      );
    }
    if (isControl(byte)) control++;
  }
  if (end > 0 && control / end > MAX_CONTROL_SHARE) {
    throw new CsvDecodeError("this file does not look like text (it is mostly control characters)");
  }
}

/** C0 controls and DEL, except the tab, line feed, form feed and carriage return that text files carry. */
function isControl(code: number): boolean {
  return (code < 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0c && code !== 0x0d) || code === 0x7f;
}

/**
 * Windows-1252 bytes 0x80–0x9F as WHATWG maps them. Node 20's TextDecoder("windows-1252") decodes
 * those bytes as Latin-1 C1 controls (0x80 → U+0080 instead of "€"), so they are mapped here; a
 * correct decoder never yields U+0080–U+009F except for the five unassigned bytes, which stay.
 */
const CP1252_HIGH: Readonly<Record<number, number>> = {
  0x80: 0x20ac, 0x82: 0x201a, 0x83: 0x0192, 0x84: 0x201e, 0x85: 0x2026, 0x86: 0x2020, 0x87: 0x2021,
  0x88: 0x02c6, 0x89: 0x2030, 0x8a: 0x0160, 0x8b: 0x2039, 0x8c: 0x0152, 0x8e: 0x017d,
  0x91: 0x2018, 0x92: 0x2019, 0x93: 0x201c, 0x94: 0x201d, 0x95: 0x2022, 0x96: 0x2013, 0x97: 0x2014,
  0x98: 0x02dc, 0x99: 0x2122, 0x9a: 0x0161, 0x9b: 0x203a, 0x9c: 0x0153, 0x9e: 0x017e, 0x9f: 0x0178,
};

function decodeWindows1252(bytes: Uint8Array): string {
  const text = new TextDecoder("windows-1252").decode(bytes);
  return text.replace(/[\u0080-\u009f]/g, (c) => windows1252Char(c.charCodeAt(0)));
}

/** One byte ≥ 0x80 as Windows-1252 reads it. */
function windows1252Char(byte: number): string {
  return String.fromCharCode(CP1252_HIGH[byte] ?? byte);
}
