/**
 * Hostile CSV files (test/fixtures/csv-bad/, its README lists each with the outcome expected here;
 * the large ones are built by the test): a stray quote, an id column holding one survey id, a header
 * row over 256 kB, a record of megabytes, a quote that never closes over megabytes, control and
 * bidirectional characters in names, a mostly-ASCII file with Windows-1252 bytes read by the panel,
 * and a file too large to read. Each must end in a correct import or a clear refusal: never a row
 * swallowed, never a count that disagrees with another. How long they take is measured by
 * `npm run bench -- scaling` (bench/scaling-csv.ts), not here.
 */
import { mkdtempSync, readFileSync, rmSync, truncateSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import Papa from "papaparse";
import { afterEach, describe, expect, it, vi } from "vitest";
import { runCli } from "../../scripts/cli";
import {
  type CsvImportOptions,
  type CsvImportResult,
  type CsvInspection,
  type CsvText,
  CsvDecodeError,
  MAX_CSV_BYTES,
  decodeCsvBytes,
  importFeedbackCsv,
  inspectCsv,
} from "../../shared/csv";
import { countDataRowsAsync, decodeCsvFileAsync, inspectForWizard } from "../../ui/feedback/csv-file";
import { expectAccountedFor } from "./csv-invariants";

const fixtures = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../fixtures/csv-bad");
const emptyMap = { stages: [], touchpoints: [], personas: [] };
const noWait = () => Promise.resolve();

function fixtureText(name: string): string {
  return decodeCsvBytes(new Uint8Array(readFileSync(path.join(fixtures, name)))).text;
}

async function importText(
  text: CsvText,
  options: Partial<CsvImportOptions> = {},
): Promise<CsvImportResult & { inspection: CsvInspection }> {
  const inspection = inspectCsv(text);
  const result = await importFeedbackCsv(text, { map: emptyMap, ...options }, { yieldToHost: noWait });
  expectAccountedFor(result, inspection, emptyMap);
  return { ...result, inspection };
}

const texts = (result: CsvImportResult) => result.feedback.map((f) => f.text);
const messages = (result: CsvImportResult) => result.errors.map((e) => e.message);

/** The text cut into pieces of `size` characters, as a large file is decoded. */
function inPieces(text: string, size: number): string[] {
  const pieces: string[] = [];
  for (let at = 0; at < text.length; at += size) pieces.push(text.slice(at, at + size));
  return pieces;
}

describe("a stray quote (stray-quote.csv)", () => {
  it("reads the cell as a spreadsheet does, swallows no row, and names the row", async () => {
    const text = fixtureText("stray-quote.csv");
    const result = await importText(text);
    // 14 records after the header: the count is the file's, and every row is there.
    expect(result).toMatchObject({ rows: 14, imported: 14, skipped: 0 });
    expect(texts(result)[1]).toBe("Fast delivery? Not really");
    expect(texts(result)[2]).toBe("Comment 3");
    // A quoted part with a doubled quote, then text with a quote of its own, up to the end of the row.
    expect(texts(result)[8]).toBe('The 27" monitor came with a 5" scratch');
    expect(texts(result)[9]).toBe("Quoted, with a comma 10");
    expect(texts(result)[13]).toBe("Last one");
    expect(messages(result)).toEqual([
      'row 3: a quoted cell has text after its closing quote (a stray " inside a cell?): read as a spreadsheet reads it, the text after the quote continuing the cell',
      'row 10: a quoted cell has text after its closing quote (a stray " inside a cell?): read as a spreadsheet reads it, the text after the quote continuing the cell',
    ]);
  });

  it("counts the same rows in the wizard, in the inspection and in the import, whole or in pieces", async () => {
    const text = fixtureText("stray-quote.csv");
    const inspection = inspectCsv(text);
    expect(inspection.rowCount).toBe(14);
    for (const cut of [text, inPieces(text, 7), inPieces(text, 64)]) {
      expect(await countDataRowsAsync(cut, inspection.delimiter, inspection.headerRecordCount, noWait)).toBe(14);
      expect((await importText(cut)).rows).toBe(14);
    }
  });

  it("gives the wizard's first look the rows the import reads, in a large file", async () => {
    const row = 'R-2,Delivery,2,"Fast" 5" screen\r\n';
    const text = `Response ID,Stage,Rating,Comment\r\n${row}${"R-3,Checkout,4,fine\r\n".repeat(7_000)}`;
    const wizard = inspectForWizard(text, {});
    expect(wizard.partial).toBe(true);
    expect(wizard.preview[0]).toEqual(["R-2", "Delivery", "2", 'Fast 5" screen']);
    expect(wizard.preview[1]).toEqual(["R-3", "Checkout", "4", "fine"]);
    expect(await countDataRowsAsync(text, ",", 1, noWait)).toBe(7_001);
    expect((await importFeedbackCsv(text, { map: emptyMap }, { yieldToHost: noWait })).rows).toBe(7_001);
  });
});

describe("an id column holding one survey id (repeated-survey-id.csv)", () => {
  it("is not taken for response ids: no response is dropped as a duplicate, and it says why", async () => {
    const result = await importText(fixtureText("repeated-survey-id.csv"));
    expect(result).toMatchObject({ rows: 6, imported: 6, skipped: 0, duplicates: 0 });
    expect(result.mapping.responseId).toBeNull();
    expect(result.feedback.every((f) => f.responseId === undefined)).toBe(true);
    expect(messages(result)).toEqual([
      'row 1, column "ID": this column repeats its values (1 different in 6 rows): not read as a response id, so no row is skipped as a duplicate by it',
    ]);
  });

  it("is read as ids when the person maps it so, and the repeated responses are then skipped", async () => {
    const result = await importText(fixtureText("repeated-survey-id.csv"), { mapping: { responseId: 0 } });
    expect(result).toMatchObject({ rows: 6, imported: 4, duplicates: 2 });
  });

  it("finds the duplicates of a repeated id by their whole key, however many rows share the id", async () => {
    const rows = Array.from({ length: 3000 }, (_, i) => `SV_42,Checkout,${(i % 5) + 1},Comment ${i % 1500}`);
    const result = await importText(`ID,Stage,Rating,Comment\n${rows.join("\n")}\n`, { mapping: { responseId: 0 } });
    // Rows 1501–3000 repeat rows 1–1500 exactly (same id, rating and text).
    expect(result).toMatchObject({ rows: 3000, imported: 1500, duplicates: 1500 });
    expect(result.errors[0]?.message).toBe(
      'row 1502, column "ID": response "SV_42" repeats row 2 (same response id, rating and text): skipped as a duplicate',
    );
  });
});

describe("a header row over 256 kB (generated)", () => {
  const columns = 800;
  const header = Array.from({ length: columns }, (_, i) => `Q${i + 1}: ${"How likely are you to recommend us to a friend ".repeat(8)}`);
  header[0] = "Stage";
  header[1] = "Rating";
  header[2] = "Comment";
  const row = (i: number) => ["Checkout", String((i % 5) + 1), `Comment ${i}`, ...Array.from({ length: columns - 3 }, () => "x")].join(",");
  const text = `${header.join(",")}\n${[1, 2, 3].map(row).join("\n")}\n`;

  it("is read whole: every column named, no row said to have more cells than the header", async () => {
    expect(header.join(",").length).toBeGreaterThan(256 * 1024);
    const result = await importText(text);
    expect(result.headers).toHaveLength(columns);
    expect(result.headers[columns - 1]).toBe(header[columns - 1]?.trim());
    expect(result).toMatchObject({ rows: 3, imported: 3, errors: [] });
  });

  it("is read whole in the wizard's first look at a large file, and in pieces", async () => {
    const large = `${text}${row(4).concat("\n").repeat(200)}`;
    const wizard = inspectForWizard(inPieces(large, 100_000), {});
    expect(wizard.partial).toBe(true);
    expect(wizard.headers).toHaveLength(columns);
    expect(wizard.problems).toEqual([]);
    expect((await importText(inPieces(large, 100_000))).headers).toHaveLength(columns);
  });
});

describe("one record of megabytes, and a quote that never closes (generated)", () => {
  afterEach(() => vi.restoreAllMocks());

  it("reads a 5 MB single-line comment, cut in 1 MB pieces, as one row", async () => {
    const comment = "the parcel never came and nobody answered ".repeat(120_000);
    const result = await importText(`Stage,Rating,Comment\nCheckout,2,${comment}`);
    expect(result).toMatchObject({ rows: 1, imported: 1, errors: [] });
    expect(texts(result)[0]).toBe(comment);
  });

  it("hands papaparse each character of an 8 MB unclosed quote once, however many pieces it spans", async () => {
    const line = "R-1,Checkout,4,a comment line that goes on\n";
    const text = `Response ID,Stage,Rating,Comment\nR-0,Checkout,5,"it never closes\n${line.repeat(200_000)}`;
    let parsed = 0;
    const parse = Papa.parse.bind(Papa);
    vi.spyOn(Papa, "parse").mockImplementation(((input: string, config: Papa.ParseConfig) => {
      if (typeof input === "string" && config.preview === undefined) parsed += input.length;
      return parse(input, config);
    }) as typeof Papa.parse);
    const result = await importFeedbackCsv(text, { map: emptyMap }, { yieldToHost: noWait });
    expect(result).toMatchObject({ rows: 1, imported: 0, skipped: 1 });
    expect(messages(result)[0]).toMatch(/^row 2: a quoted cell opens in this row but never closes/);
    expect(parsed).toBeLessThan(text.length * 1.1);
  });
});

describe("control and bidirectional characters in names (bidi-overrides.csv, and NUL bytes past 64 kB, generated)", () => {
  // eslint-disable-next-line no-control-regex -- finding control characters is the point
  const unwanted = /[\u0000-\u0008\u000b-\u001f\u007f\u202a-\u202e\u2066-\u2069]/;

  it("leaves bidi overrides, embeddings and isolates out of stage, persona and comment", async () => {
    const result = await importText(fixtureText("bidi-overrides.csv"));
    expect(result.created.stages.map((s) => s.name)).toEqual(["yrevileD", "Delivery", "Checkout"]);
    expect(result.created.personas.map((p) => p.name)).toEqual(["Busy parent", "Student"]);
    expect(texts(result)[0]).toBe("Parcel late again");
  });

  it("leaves NUL bytes past the first 64 kB out of every name and text", async () => {
    const filler = "Checkout,4,fine\n".repeat(5000);
    const bytes = new TextEncoder().encode(`Stage,Rating,Comment\n${filler}Deli\u0000very,2,late\u0000 again\n`);
    expect(bytes.indexOf(0)).toBeGreaterThan(64 * 1024);
    for (const decoded of [decodeCsvBytes(bytes).text, (await decodeCsvFileAsync("nul.csv", bytes, noWait)).text]) {
      const result = await importText(decoded);
      expect(result.created.stages.map((s) => s.name)).toEqual(["Checkout", "Delivery"]);
      expect(texts(result).at(-1)).toBe("late again");
      for (const item of [...result.created.stages, ...result.feedback.map((f) => ({ name: f.text }))]) {
        expect(item.name).not.toMatch(unwanted);
      }
    }
  });
});

describe("a large, mostly ASCII file with Windows-1252 bytes, in the panel (generated)", () => {
  it("is decoded line by line as the command line decodes it: the Windows-1252 row and the UTF-8 rows each right", async () => {
    const ascii = "R-1,Checkout,4,plain words here\n".repeat(1000);
    const head = new TextEncoder().encode(`Response ID,Stage,Rating,Comment\n${ascii}`);
    // "Café" with its é as one Windows-1252 byte, within the first 64 kB, the rest of which is ASCII;
    // UTF-8 only after them.
    const latin = [...new TextEncoder().encode("R-2,Checkout,5,Caf"), 0xe9, 0x0a];
    const utf8 = new TextEncoder().encode("R-3,Delivery,2,très lent, déçu\n".repeat(30_000));
    const bytes = new Uint8Array([...head, ...latin, ...head.subarray(33), ...head.subarray(33), ...utf8]);
    expect(bytes.length).toBeGreaterThan(1024 * 1024);
    const whole = decodeCsvBytes(bytes);
    const panel = await decodeCsvFileAsync("mixed.csv", bytes, noWait);
    const panelText = typeof panel.text === "string" ? panel.text : panel.text.join("");
    expect(panelText).toBe(whole.text);
    expect(panel.encoding).toBe(whole.encoding);
    expect(panelText).toContain("Café\n");
    expect(panelText.endsWith("très lent, déçu\n")).toBe(true);
    expect(panelText).not.toContain("Ã");
  });
});

describe("a file too large to read (generated, sparse)", () => {
  it("is refused by its size, in words, by the decoder and the panel; the command line reads it as a stream", async () => {
    const tooLarge = new Uint8Array(MAX_CSV_BYTES + 1);
    const message = "this file is 256 MB, over the 256 MB a feedback file can have: split it into smaller files and import them one by one";
    expect(() => decodeCsvBytes(tooLarge)).toThrow(new CsvDecodeError(message));
    await expect(decodeCsvFileAsync("big.csv", tooLarge, noWait)).rejects.toThrow(message);

    const dir = mkdtempSync(path.join(tmpdir(), "jm-large-"));
    try {
      const file = path.join(dir, "export.csv");
      writeFileSync(file, "Stage,Rating\n");
      // 560 MB without writing them: a sparse file. The command line takes any size (it reads a
      // megabyte at a time), so what refuses this one is its content: NUL bytes are not text.
      truncateSync(file, 560 * 1024 * 1024);
      await expect(runCli(["analyze", file])).rejects.toThrow(`"${file}": this file does not look like text (it contains NUL bytes at byte 14`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
