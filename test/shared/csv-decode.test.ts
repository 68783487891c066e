/** Decoding a chosen file's bytes: the encodings exports come in, and files that are not text at all. */
import { describe, expect, it } from "vitest";
import { CsvDecodeError, decodeCsvBytes } from "../../shared/csv";

function utf16(text: string, order: "le" | "be"): Uint8Array {
  const bytes = new Uint8Array(2 + text.length * 2);
  bytes.set(order === "le" ? [0xff, 0xfe] : [0xfe, 0xff]);
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    const [high, low] = [code >> 8, code & 0xff];
    bytes.set(order === "le" ? [low, high] : [high, low], 2 + i * 2);
  }
  return bytes;
}

function refusal(bytes: Uint8Array): string {
  try {
    decodeCsvBytes(bytes);
  } catch (error) {
    expect(error).toBeInstanceOf(CsvDecodeError);
    return error instanceof Error ? error.message : String(error);
  }
  throw new Error("the bytes were decoded");
}

describe("decodeCsvBytes", () => {
  it("reads UTF-8 without a BOM", () => {
    expect(decodeCsvBytes(new TextEncoder().encode("Rating,Comment\n5,Très bien 👍"))).toEqual({
      text: "Rating,Comment\n5,Très bien 👍",
      encoding: "utf-8",
      bom: false,
    });
  });

  it("reads UTF-8 with a BOM and drops the BOM", () => {
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode("Rating\n5")]);
    expect(decodeCsvBytes(bytes)).toEqual({ text: "Rating\n5", encoding: "utf-8", bom: true });
  });

  it("reads a UTF-8 file with a BOM and one broken byte as UTF-8, not as Windows-1252", () => {
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode("Größe "), 0xff]);
    expect(decodeCsvBytes(bytes)).toEqual({ text: "Größe \ufffd", encoding: "utf-8", bom: true });
  });

  it("reads UTF-16 LE and BE with a BOM", () => {
    const text = "Rating\tComment\r\n4\t配送が遅い €";
    expect(decodeCsvBytes(utf16(text, "le"))).toEqual({ text, encoding: "utf-16le", bom: true });
    expect(decodeCsvBytes(utf16(text, "be"))).toEqual({ text, encoding: "utf-16be", bom: true });
  });

  it("reads bytes that are not UTF-8 as Windows-1252, including the 0x80–0x9F range Node gets wrong", () => {
    const bytes = new Uint8Array([0x80, 0x20, 0x93, 0x6f, 0x6b, 0x94, 0x20, 0x99, 0x20, 0xe9, 0x8a, 0x9f, 0x81]);
    expect(decodeCsvBytes(bytes)).toEqual({ text: "€ “ok” ™ éŠŸ\u0081", encoding: "windows-1252", bom: false });
  });

  it("reads an empty file as empty text", () => {
    expect(decodeCsvBytes(new Uint8Array())).toEqual({ text: "", encoding: "utf-8", bom: false });
  });

  it("refuses an Excel workbook, naming it", () => {
    const xlsx = new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00, 0x08, 0x00]);
    expect(refusal(xlsx)).toBe(
      'this file does not look like text (it looks like an Excel workbook (.xlsx) or another zip archive: save it as "CSV UTF-8" first)',
    );
  });

  it("refuses a PDF", () => {
    expect(refusal(new TextEncoder().encode("%PDF-1.7\n%âãÏÓ"))).toBe("this file does not look like text (it looks like a PDF document)");
  });

  it("refuses NUL bytes without a UTF-16 BOM (UTF-16 without a BOM, or a binary file)", () => {
    const bytes = new Uint8Array([0x52, 0x00, 0x61, 0x00, 0x74, 0x00]);
    expect(refusal(bytes)).toBe(
      "this file does not look like text (it contains NUL bytes at byte 2; a UTF-16 file needs a byte-order mark)",
    );
  });

  it("refuses a file of mostly control characters", () => {
    const bytes = new Uint8Array(200).map((_, i) => (i % 3 === 0 ? 0x41 : 0x01 + (i % 7)));
    expect(refusal(bytes)).toBe("this file does not look like text (it is mostly control characters)");
  });

  it("refuses a UTF-16 BOM followed by binary data", () => {
    const bytes = new Uint8Array([0xff, 0xfe, ...Array.from({ length: 64 }, (_, i) => (i % 2 === 0 ? 0x03 : 0x00))]);
    expect(refusal(bytes)).toBe(
      "this file does not look like text (it starts like UTF-16 but is mostly control characters)",
    );
  });

  it("accepts text with tabs, form feeds and a few stray control characters", () => {
    const text = "a\tb\fc\r\nd\u0007e";
    expect(decodeCsvBytes(new TextEncoder().encode(text)).text).toBe(text);
  });
});
