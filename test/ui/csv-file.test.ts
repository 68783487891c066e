import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { type CsvText, decodeCsvBytes, importFeedbackCsv, inspectCsv } from "../../shared/csv";
import { countDataRowsAsync, decodeCsvFileAsync, inspectForWizard } from "../../ui/feedback/csv-file";
import { noWait, root, sampleCsv } from "./sample";

const fixtures = path.join(root, "test/fixtures/csv");

/** The sample's rows again and again, each with a response id of its own, past the size the wizard reads in slices. */
function largeCsv(rows: number): string {
  const [header = "", ...body] = sampleCsv().split("\r\n").filter((line) => line !== "");
  const out = [header];
  for (let i = 0; i < rows; i++) out.push((body[i % body.length] ?? "").replace(/^R-\d+/, `R-${i + 1}`));
  return `${out.join("\r\n")}\r\n`;
}

/** The text as one string, for comparing with `decodeCsvBytes`. */
function joined(text: CsvText): string {
  return typeof text === "string" ? text : text.join("");
}

describe("decoding a chosen file in slices", () => {
  it("gives what decodeCsvBytes gives, for every fixture", async () => {
    for (const name of readdirSync(fixtures).filter((f) => !f.endsWith(".md"))) {
      const bytes = new Uint8Array(readFileSync(path.join(fixtures, name)));
      const sliced = await decodeCsvFileAsync(name, bytes, noWait);
      const whole = decodeCsvBytes(bytes);
      expect({ text: joined(sliced.text), encoding: sliced.encoding, bom: sliced.bom }, name).toEqual(whole);
      expect(sliced.length, name).toBe(whole.text.length);
    }
  });

  it("keeps a large file in the pieces it was decoded in, which make the same text, with or without a byte-order mark", async () => {
    const text = largeCsv(12_000);
    const plain = new TextEncoder().encode(text);
    expect(plain.length).toBeGreaterThan(1024 * 1024);
    const withBom = new Uint8Array([0xef, 0xbb, 0xbf, ...plain]);
    for (const bytes of [plain, withBom]) {
      const sliced = await decodeCsvFileAsync("large.csv", bytes, noWait);
      // Never joined: building one 30 MB string would be a long task of its own.
      expect(typeof sliced.text).not.toBe("string");
      expect(sliced.text.length).toBeGreaterThan(2);
      expect(joined(sliced.text)).toBe(decodeCsvBytes(bytes).text);
      expect(sliced.length).toBe(text.length);
      expect(sliced.size).toBe(bytes.length);
    }
  });

  it("imports from the pieces what the whole text imports", async () => {
    const bytes = new TextEncoder().encode(largeCsv(12_000));
    const sliced = await decodeCsvFileAsync("large.csv", bytes, noWait);
    const importOf = async (text: CsvText) => {
      let n = 0;
      return importFeedbackCsv(text, { map: { stages: [], touchpoints: [], personas: [] }, makeId: (prefix) => `${prefix}_${n++}` });
    };
    const fromPieces = await importOf(sliced.text);
    expect(fromPieces.imported).toBeGreaterThan(11_000);
    expect(fromPieces).toEqual(await importOf(joined(sliced.text)));
  });

  it("decodes as decodeCsvBytes does when a byte past the head is not UTF-8", async () => {
    const head = new TextEncoder().encode(largeCsv(12_000));
    // "R-1,café" with the é written by Windows-1252, far past the head.
    const bytes = new Uint8Array([...head, ...[0x52, 0x2d, 0x31, 0x2c, 0x63, 0x61, 0x66, 0xe9, 0x0d, 0x0a]]);
    const sliced = await decodeCsvFileAsync("latin.csv", bytes, noWait);
    expect({ text: joined(sliced.text), encoding: sliced.encoding, bom: sliced.bom }).toEqual(decodeCsvBytes(bytes));
    expect(joined(sliced.text).endsWith("café\r\n")).toBe(true);
  });
});

describe("reading a chosen file a window at a time", () => {
  it("decodes a File of several windows as the same bytes read whole, with a byte-order mark or a Windows-1252 line far in", async () => {
    const text = largeCsv(50_000);
    const plain = new TextEncoder().encode(text);
    // Past the first 4 MB window it is read in.
    expect(plain.length).toBeGreaterThan(4.5 * 1024 * 1024);
    const withBom = new Uint8Array([0xef, 0xbb, 0xbf, ...plain]);
    const latin = new Uint8Array([...plain, ...[0x52, 0x2d, 0x31, 0x2c, 0x63, 0x61, 0x66, 0xe9, 0x0d, 0x0a]]);
    for (const bytes of [plain, withBom, latin]) {
      const file = new Blob([bytes]);
      const read = await decodeCsvFileAsync("large.csv", file, noWait);
      const fromBytes = await decodeCsvFileAsync("large.csv", bytes, noWait);
      expect(read).toEqual(fromBytes);
      expect({ text: joined(read.text), encoding: read.encoding, bom: read.bom }).toEqual(decodeCsvBytes(bytes));
      expect(read.size).toBe(bytes.length);
    }
  }, 30_000);

  it("reads a small File, and refuses a File that is not text, as the bytes", async () => {
    const small = readFileSync(path.join(fixtures, readdirSync(fixtures).filter((f) => f.endsWith(".csv"))[0] ?? ""));
    const bytes = new Uint8Array(small);
    expect(await decodeCsvFileAsync("small.csv", new Blob([bytes]), noWait)).toEqual(await decodeCsvFileAsync("small.csv", bytes, noWait));
    const zip = new Uint8Array([0x50, 0x4b, 0x03, 0x04, ...new Uint8Array(2 * 1024 * 1024)]);
    const refused = await decodeCsvFileAsync("book.xlsx", new Blob([zip]), noWait).catch((error: unknown) => error);
    const refusedBytes = await decodeCsvFileAsync("book.xlsx", zip, noWait).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(Error);
    expect(String(refused)).toBe(String(refusedBytes));
  });
});

describe("counting rows in slices", () => {
  it("counts what inspectCsv counts, for every fixture", async () => {
    for (const name of readdirSync(fixtures).filter((f) => !f.endsWith(".md"))) {
      const { text } = decodeCsvBytes(new Uint8Array(readFileSync(path.join(fixtures, name))));
      const inspection = inspectCsv(text);
      const counted = await countDataRowsAsync(text, inspection.delimiter, inspection.headerRecordCount, noWait);
      expect(counted, name).toBe(inspection.rowCount);
    }
  });

  it("counts a large file's rows, quoted line breaks included", async () => {
    const text = largeCsv(20_000);
    expect(await countDataRowsAsync(text, ",", 1, noWait)).toBe(20_000);
    const quoted = `Rating,Comment\r\n4,"two\r\nlines"\r\n\r\n5,ok\r\n`;
    expect(await countDataRowsAsync(quoted, ",", 1, noWait)).toBe(2);
  });

  it("counts the same rows in pieces, cut inside a quoted cell and between a CR and its LF", async () => {
    const text = `Rating,Comment\r4,"two\r\nlines"\r\n\r\n5,ok\r\n3,fine\r`;
    const whole = await countDataRowsAsync(text, ",", 1, noWait);
    expect(whole).toBe(3);
    for (const at of [15, 21, 22, 33, 34, 35, text.length - 1]) {
      expect(await countDataRowsAsync([text.slice(0, at), "", text.slice(at)], ",", 1, noWait), `cut at ${at}`).toBe(whole);
    }
  });
});

describe("inspecting for the wizard", () => {
  it("inspects a large file from its first rows, with the whole file's headers and guesses", () => {
    const text = largeCsv(20_000);
    const partial = inspectForWizard(text, {});
    const whole = inspectCsv(text);
    expect(partial.partial).toBe(true);
    expect(partial.headers).toEqual(whole.headers);
    expect(partial.mapping).toEqual(whole.mapping);
    expect(partial.signature).toBe(whole.signature);
    expect(partial.preview).toEqual(whole.preview);
    expect(partial.problems).toEqual([]);
  });

  it("inspects a small file whole", () => {
    const inspection = inspectForWizard(sampleCsv(), { mapping: { source: null } });
    expect(inspection.partial).toBe(false);
    expect(inspection.mapping.source).toBeNull();
  });
});
