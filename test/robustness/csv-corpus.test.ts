/**
 * The corpus of bad and messy CSV files under test/fixtures/csv-bad/ (its README says what each one
 * is), each read from its bytes as the panel reads a chosen file (decode → inspect → import), with
 * the outcome a person should get: a CsvDecodeError in words, or an import that accounts for every
 * row. Never a crash, never a silent loss.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import {
  type CsvImportOptions,
  type CsvImportProgress,
  type CsvImportResult,
  type CsvInspection,
  CsvDecodeError,
  decodeCsvBytes,
  exportFeedbackCsv,
  exportRejectedRowsCsv,
  importFeedbackCsv,
  inspectCsv,
} from "../../shared/csv";
import type { JourneyMap } from "../../shared/model";
import { expectAccountedFor } from "./csv-invariants";

const fixtures = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../fixtures/csv-bad");

function fixtureBytes(name: string): Uint8Array {
  return new Uint8Array(readFileSync(path.join(fixtures, name)));
}

const emptyMap: Pick<JourneyMap, "stages" | "touchpoints" | "personas"> = { stages: [], touchpoints: [], personas: [] };

/** The message a file is refused with; fails the test if it is decoded. */
function refusal(name: string): string {
  try {
    decodeCsvBytes(fixtureBytes(name));
  } catch (error) {
    expect(error).toBeInstanceOf(CsvDecodeError);
    return error instanceof Error ? error.message : String(error);
  }
  throw new Error(`${name} was decoded`);
}

async function importFixture(
  name: string,
  options: Partial<CsvImportOptions> = {},
): Promise<CsvImportResult & { text: string; inspection: CsvInspection }> {
  const decoded = decodeCsvBytes(fixtureBytes(name));
  const inspection = inspectCsv(decoded.text);
  const result = await importFeedbackCsv(decoded.text, { map: emptyMap, encoding: decoded.encoding, ...options });
  expectAccountedFor(result, inspection, emptyMap);
  return { ...result, text: decoded.text, inspection };
}

const texts = (result: CsvImportResult) => result.feedback.map((f) => f.text);
const messages = (result: CsvImportResult) => result.errors.map((e) => e.message);

describe("CSV corpus: encodings and files that are not text", () => {
  it("windows-1252-inside-utf8.csv: rows pasted from a Windows-1252 file keep their accents, and so do the UTF-8 rows", async () => {
    const result = await importFixture("windows-1252-inside-utf8.csv");
    expect(result.detected.encoding).toBe("utf-8");
    expect(result).toMatchObject({ rows: 5, imported: 5, skipped: 0, errors: [] });
    expect(texts(result)).toEqual([
      "Très bien, rapide 👍",
      "Naïve checkout – confusing",
      "Livraison à 5 € : très rapide",
      "L’équipe a été utile",
      "Überhaupt nicht gut",
    ]);
    // "Décision" written in both encodings is one stage.
    expect(result.created.stages.map((s) => s.name)).toEqual(["Décision", "Onboarding"]);
  });

  it("utf16le-no-bom.csv and utf16be-no-bom.csv: refused, saying a UTF-16 file needs a byte-order mark", () => {
    expect(refusal("utf16le-no-bom.csv")).toBe(
      "this file does not look like text (it contains NUL bytes at byte 2; a UTF-16 file needs a byte-order mark)",
    );
    expect(refusal("utf16be-no-bom.csv")).toBe(
      "this file does not look like text (it contains NUL bytes at byte 1; a UTF-16 file needs a byte-order mark)",
    );
  });

  it("png-renamed.csv: an image renamed .csv is refused by name", () => {
    expect(refusal("png-renamed.csv")).toBe("this file does not look like text (it looks like a PNG image)");
  });

  it("html-page-saved.csv and json-export.csv: a saved web page and an API's JSON are refused, naming what they are", () => {
    expect(refusal("html-page-saved.csv")).toBe(
      "this file is a web page (HTML), not CSV: export the data as CSV, or copy the table into a spreadsheet and save it as CSV",
    );
    expect(refusal("json-export.csv")).toBe("this file is JSON, not CSV: export the data as CSV");
  });

  it("xlsx-renamed.csv: a workbook renamed .csv is refused, saying how to save it as CSV", () => {
    expect(refusal("xlsx-renamed.csv")).toBe(
      'this file does not look like text (it looks like an Excel workbook (.xlsx) or another zip archive: save it as "CSV UTF-8" first)',
    );
  });
});

describe("CSV corpus: empty, header only, duplicate headers", () => {
  it("empty.csv: nothing imported, and the one problem says the file is empty", async () => {
    const result = await importFixture("empty.csv");
    expect(result).toMatchObject({ rows: 0, imported: 0, skipped: 0, headers: [] });
    expect(messages(result)).toEqual(["row 1: the file is empty (not even a header row): there is nothing to import"]);
  });

  it("header-only.csv: zero rows, the columns still guessed, no problem invented", async () => {
    const result = await importFixture("header-only.csv");
    expect(result).toMatchObject({ rows: 0, imported: 0, skipped: 0, errors: [] });
    expect(result.headers).toEqual(["Date", "Rating", "Comment", "Stage"]);
    expect(result.mapping).toMatchObject({ date: 0, rating: 1, text: 2, stage: 3 });
  });

  it("duplicate-headers.csv: the repeated column gets its letter, and that it is not read is said once", async () => {
    const result = await importFixture("duplicate-headers.csv");
    expect(result.inspection.headers).toEqual(["Rating", "Rating (column B)", "Comment"]);
    expect(result.mapping).toMatchObject({ rating: 0, text: 2 });
    expect(result).toMatchObject({ rows: 3, imported: 3, skipped: 0 });
    expect(result.feedback.map((f) => [f.rating, f.text])).toEqual([
      [4, "Quick delivery"],
      [2, "Late parcel"],
      [null, "Polite staff"],
    ]);
    expect(result.errors).toEqual([
      {
        row: 1,
        column: "Rating (column B)",
        message:
          'row 1, column "Rating (column B)": repeats the header "Rating" of column A, which is read as the rating; this column is not imported (map it instead if it is the right one)',
      },
    ]);
  });

  it("duplicate-headers.csv: mapping the second column instead reads it, and nothing is reported", async () => {
    const result = await importFixture("duplicate-headers.csv", { mapping: { rating: 1 } });
    expect(result.feedback.map((f) => f.rating)).toEqual([5, null, 3]);
    expect(result.errors).toEqual([]);
  });
});

describe("CSV corpus: quotes and delimiters", () => {
  it("unterminated-quote.csv: rows before it are imported; its row is listed with the rest of the file in its cells", async () => {
    const result = await importFixture("unterminated-quote.csv");
    expect(result).toMatchObject({ rows: 2, imported: 1, skipped: 1 });
    expect(texts(result)).toEqual(["Fine"]);
    const [rejected] = result.rejectedRows;
    expect(rejected?.row).toBe(3);
    expect(rejected?.reasons).toEqual([
      'row 3: a quoted cell opens in this row but never closes, so everything after it was read into that cell: add the closing quote (") and import this row again',
    ]);
    // Nothing after the quote is lost: it is in the rejected row, which can be exported and fixed.
    expect(rejected?.cells.join(",")).toContain("5,Great");
    expect(rejected?.cells.join(",")).toContain("3,Okay");
    expect(exportRejectedRowsCsv(result)).toContain("3,Okay");
  });

  it("unterminated-quote-header.csv: a quote that never closes in the header is reported at row 1", async () => {
    const result = await importFixture("unterminated-quote-header.csv");
    expect(result).toMatchObject({ rows: 0, imported: 0, skipped: 0 });
    expect(messages(result)).toEqual([
      'row 1: a quoted cell opens in this row but never closes, so everything after it was read into that cell: add the closing quote (") and import this row again',
    ]);
    expect(result.inspection.problems.map((p) => p.row)).toEqual([1]);
  });

  it("delimiter-in-every-field.csv: quoted fields keep their commas, decimal commas included", async () => {
    const result = await importFixture("delimiter-in-every-field.csv");
    expect(result.detected.delimiter).toBe(",");
    expect(result.headers).toEqual(["Rating, 1-5", "Comment, free text", "Stage, journey"]);
    expect(result).toMatchObject({ rows: 3, imported: 3, skipped: 0, errors: [] });
    expect(result.feedback.map((f) => [f.rating, f.text])).toEqual([
      [4.5, "Good, fast, cheap"],
      [2, "Slow, late"],
      [5, 'Great, "really" great'],
    ]);
    expect(result.created.stages.map((s) => s.name)).toEqual(["Decision, checkout", "Onboarding, setup"]);
  });
});

describe("CSV corpus: line breaks", () => {
  it("mixed-line-endings.csv: rows appended with LF to a CRLF export are rows, and a cell's own line break is kept", async () => {
    const result = await importFixture("mixed-line-endings.csv");
    expect(result).toMatchObject({ rows: 4, imported: 4, skipped: 0, errors: [] });
    expect(texts(result)).toEqual([
      "Excel writes a line break\ninside a cell as LF",
      "Slow",
      "Appended by a script",
      "Also appended",
    ]);
    expect(result.feedback.map((f) => f.date)).toEqual(["2024-03-01", "2024-03-02", "2024-03-03", "2024-03-04"]);
  });
});

describe("CSV corpus: formulas", () => {
  it("formula-cells.csv: cells starting with = + - @ are imported as text, exactly", async () => {
    const result = await importFixture("formula-cells.csv");
    expect(result).toMatchObject({ rows: 5, imported: 5, skipped: 0, errors: [] });
    expect(texts(result)).toEqual([
      '=HYPERLINK("http://evil.example","click")',
      "+1 for the new app",
      "-- not great --",
      "@channel: thanks",
      // A quote some tool put in front of a formula is its escaping, undone.
      "=already escaped",
    ]);
    expect(result.feedback.map((f) => f.source)).toEqual(["@survey", "-web", "=cmd|' /C calc'!A0", "", "form"]);
    expect(result.created.stages.map((s) => s.name)).toEqual(["Decision", "+Onboarding", "@Retention"]);
  });

  it("formula-cells.csv: re-exported, every such cell is escaped with a quote, and imports back as it was", async () => {
    const result = await importFixture("formula-cells.csv");
    const map = { feedback: result.feedback, stages: result.created.stages, touchpoints: [], personas: [] };
    const csv = exportFeedbackCsv(map);
    for (const line of csv.split("\r\n").slice(1)) {
      for (const cell of line.split(",")) expect(cell).not.toMatch(/^"?[=+\-@]/);
    }
    expect(csv).toContain(`"'=HYPERLINK(""http://evil.example"",""click"")"`);
    expect(csv).toContain("'+Onboarding");
    expect(csv).toContain("'=cmd|' /C calc'!A0");
    const again = await importFeedbackCsv(csv, { map: { stages: result.created.stages, touchpoints: [], personas: [] } });
    expect(texts(again)).toEqual(texts(result));
    expect(again.feedback.map((f) => [f.source, f.stageId])).toEqual(result.feedback.map((f) => [f.source, f.stageId]));
  });
});

describe("CSV corpus: survey exports", () => {
  it("second-header-row.csv: the sub-label row is a header, not a response; row numbers stay the spreadsheet's", async () => {
    const result = await importFixture("second-header-row.csv");
    expect(result.detected.headerRows).toBe(2);
    expect(result).toMatchObject({ rows: 3, imported: 3, skipped: 0, errors: [] });
    expect(result.mapping).toMatchObject({ rating: 1, text: 2, stage: 3 });
    expect(result.feedback.map((f) => f.rating)).toEqual([4, 2, 5]);
    // The respondent id column is read as the response's id, nothing else.
    expect(result.mapping.responseId).toBe(0);
    expect(result.feedback.map((f) => f.responseId)).toEqual(["1001", "1002", "1003"]);
  });

  it("joined-files.csv: two exports joined into one, each with its byte-order mark: the second header and the first total are skipped", async () => {
    const result = await importFixture("joined-files.csv");
    expect(result).toMatchObject({ rows: 6, imported: 4, skipped: 2 });
    expect(texts(result)).toEqual(["Good", "Slow", "Great", "Okay"]);
    expect(result.rejectedRows.map((r) => [r.row, r.reasons])).toEqual([
      [4, ['row 4: looks like a summary row ("Total"), not a response: skipped']],
      [5, ["row 5: repeats the header row (two files joined into one?), not a response: skipped"]],
    ]);
  });

  it("trailing-summary-row.csv: the Average and Total rows are skipped with that reason, and kept out of the scale", async () => {
    const result = await importFixture("trailing-summary-row.csv");
    expect(result).toMatchObject({ rows: 5, imported: 3, skipped: 2, blankRows: 1 });
    expect(result.rejectedRows.map((r) => [r.row, r.reasons])).toEqual([
      [6, ['row 6: looks like a summary row ("Average"), not a response: skipped']],
      [7, ['row 7: looks like a summary row ("Total"), not a response: skipped']],
    ]);
    expect(result.detected.scale).toEqual({ min: 1, max: 5 });
  });
});

describe("CSV corpus: a 50 MB file", () => {
  /**
   * About 50 MB of a plain export: a block of 1,000 rows (a quoted two-line cell every 97 rows, one
   * unreadable rating without text) repeated; built by repetition, so making it takes no time.
   */
  function fiftyMegabytes(): { bytes: Uint8Array; rows: number; bad: number } {
    const block: string[] = [];
    for (let i = 0; i < 1000; i++) {
      if (i === 999) {
        block.push("2024-03-01,high,,Decision,Survey");
        continue;
      }
      const text = i % 97 === 0 ? `"Slow, ""very"" slow\r\nreally (${i})"` : `Delivery took a while for order ${i}`;
      block.push(`2024-03-${String(1 + (i % 28)).padStart(2, "0")},${1 + (i % 5)},${text},Stage ${i % 6},Survey`);
    }
    const chunk = `${block.join("\r\n")}\r\n`;
    const copies = Math.ceil((50 * 1024 * 1024) / chunk.length);
    const text = `Date,Rating,Comment,Stage,Source\r\n${chunk.repeat(copies)}`;
    return { bytes: new TextEncoder().encode(text), rows: copies * 1000, bad: copies };
  }

  it("imports with progress callbacks and the right row count", { timeout: 120_000 }, async () => {
    const { bytes, rows, bad } = fiftyMegabytes();
    expect(bytes.length).toBeGreaterThanOrEqual(50 * 1024 * 1024);
    const decoded = decodeCsvBytes(bytes);
    expect(decoded.encoding).toBe("utf-8");
    const progress: CsvImportProgress[] = [];
    let turns = 0;
    const result = await importFeedbackCsv(
      decoded.text,
      { map: emptyMap },
      {
        onProgress: (p) => progress.push(p),
        yieldToHost: () => {
          turns++;
          return Promise.resolve();
        },
      },
    );
    expect(result).toMatchObject({ rows, imported: rows - bad, skipped: bad, blankRows: 0 });
    expect(result.rejectedRows.every((r) => r.reasons.length === 1 && r.reasons[0]?.includes('"high" is not a number'))).toBe(true);
    expect(result.rejectedRows.slice(0, 2).map((r) => r.row)).toEqual([1001, 2001]);
    // Progress: many calls, never backwards, ending at the whole text and every row.
    expect(progress.length).toBeGreaterThan(10);
    expect(turns).toBeGreaterThanOrEqual(progress.length - 1);
    for (let i = 1; i < progress.length; i++) {
      expect(progress[i]!.done).toBeGreaterThanOrEqual(progress[i - 1]!.done);
      expect(progress[i]!.rows).toBeGreaterThanOrEqual(progress[i - 1]!.rows);
    }
    expect(progress.at(-1)).toEqual({ done: decoded.text.length, total: decoded.text.length, rows });
  });
});
