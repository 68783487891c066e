import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { decodeCsvBytes, inspectCsv } from "../../shared/csv";
import { countDataRowsAsync, decodeCsvFileAsync, inspectForWizard } from "../../ui/feedback/csv-file";
import { noWait, root, sampleCsv } from "./sample";

const fixtures = path.join(root, "test/fixtures/csv");

/** The sample's rows again and again, past the size the wizard reads in slices. */
function largeCsv(rows: number): string {
  const [header = "", ...body] = sampleCsv().split("\r\n").filter((line) => line !== "");
  const out = [header];
  for (let i = 0; i < rows; i++) out.push(body[i % body.length] ?? "");
  return `${out.join("\r\n")}\r\n`;
}

describe("decoding a chosen file in slices", () => {
  it("gives what decodeCsvBytes gives, for every fixture", async () => {
    for (const name of readdirSync(fixtures).filter((f) => !f.endsWith(".md"))) {
      const bytes = new Uint8Array(readFileSync(path.join(fixtures, name)));
      const sliced = await decodeCsvFileAsync(name, bytes, noWait);
      const whole = decodeCsvBytes(bytes);
      expect({ text: sliced.text, encoding: sliced.encoding, bom: sliced.bom }, name).toEqual(whole);
    }
  });

  it("gives the same text for a large file, with or without a byte-order mark", async () => {
    const text = largeCsv(12_000);
    const plain = new TextEncoder().encode(text);
    expect(plain.length).toBeGreaterThan(1024 * 1024);
    const withBom = new Uint8Array([0xef, 0xbb, 0xbf, ...plain]);
    for (const bytes of [plain, withBom]) {
      const sliced = await decodeCsvFileAsync("large.csv", bytes, noWait);
      expect(sliced.text).toBe(decodeCsvBytes(bytes).text);
      expect(sliced.size).toBe(bytes.length);
    }
  });

  it("decodes as decodeCsvBytes does when a byte past the head is not UTF-8", async () => {
    const head = new TextEncoder().encode(largeCsv(12_000));
    // "R-1,café" with the é written by Windows-1252, far past the head.
    const bytes = new Uint8Array([...head, ...[0x52, 0x2d, 0x31, 0x2c, 0x63, 0x61, 0x66, 0xe9, 0x0d, 0x0a]]);
    const sliced = await decodeCsvFileAsync("latin.csv", bytes, noWait);
    expect({ text: sliced.text, encoding: sliced.encoding, bom: sliced.bom }).toEqual(decodeCsvBytes(bytes));
    expect(sliced.text.endsWith("café\r\n")).toBe(true);
  });
});

describe("counting rows in slices", () => {
  it("counts what inspectCsv counts, for every fixture", async () => {
    for (const name of readdirSync(fixtures).filter((f) => !f.endsWith(".md"))) {
      const { text } = decodeCsvBytes(new Uint8Array(readFileSync(path.join(fixtures, name))));
      const inspection = inspectCsv(text);
      const counted = await countDataRowsAsync(text, inspection.delimiter, inspection.headerRows, noWait);
      expect(counted, name).toBe(inspection.rowCount);
    }
  });

  it("counts a large file's rows, quoted line breaks included", async () => {
    const text = largeCsv(20_000);
    expect(await countDataRowsAsync(text, ",", 1, noWait)).toBe(20_000);
    const quoted = `Rating,Comment\r\n4,"two\r\nlines"\r\n\r\n5,ok\r\n`;
    expect(await countDataRowsAsync(quoted, ",", 1, noWait)).toBe(2);
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
