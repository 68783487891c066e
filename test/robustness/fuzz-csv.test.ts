/**
 * Random bytes and random CSV-ish texts into the import, as a person's file would go in: decode →
 * inspect → import. Whatever comes in, the outcome is a CsvDecodeError in words, or an import that
 * accounts for every row with feedback valid per the model (expectAccountedFor).
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  type CsvImportOptions,
  CsvDecodeError,
  decodeCsvBytes,
  exportRejectedRowsCsv,
  importFeedbackCsv,
  inspectCsv,
} from "../../shared/csv";
import type { JourneyMap } from "../../shared/model";
import { persona, stage, touchpoint } from "../shared/builders";
import { csvTable, csvText } from "./csv-arbitraries";
import { expectAccountedFor } from "./csv-invariants";

const known: Pick<JourneyMap, "stages" | "touchpoints" | "personas"> = {
  stages: [stage("stage_a", "Awareness"), stage("stage_d", "Decision")],
  touchpoints: [touchpoint("tp_web", "stage_d", 4, "Checkout")],
  personas: [persona("persona_m", "Maya")],
};

/** Imports a text and checks the invariants; returns nothing, throws on a broken one. */
async function importAndCheck(text: string, options: Partial<CsvImportOptions> = {}): Promise<void> {
  const inspection = inspectCsv(text, {
    ...(options.headerRows === undefined ? {} : { headerRows: options.headerRows }),
    ...(options.delimiter === undefined ? {} : { delimiter: options.delimiter }),
  });
  expect(inspection.headers.length).toBe(new Set(inspection.headers.map((h) => h.toLowerCase())).size);
  const result = await importFeedbackCsv(text, { map: known, ...options }, { rowsPerSlice: 7, yieldToHost: () => Promise.resolve() });
  expectAccountedFor(result, inspection, known);
  const ids = result.feedback.map((f) => f.id);
  expect(new Set(ids).size).toBe(ids.length);
  // Rejected rows can always be exported to be fixed.
  expect(typeof exportRejectedRowsCsv(result)).toBe("string");
}

/** Bytes in, a refusal in words or a checked import out. */
async function decodeAndCheck(bytes: Uint8Array): Promise<void> {
  let text: string;
  try {
    text = decodeCsvBytes(bytes).text;
  } catch (error) {
    expect(error).toBeInstanceOf(CsvDecodeError);
    // Refused as no text, or by what it is: random bytes may start like JSON ("[[") or a web page.
    expect((error as Error).message).toMatch(/^this file (?:does not look like text \(.+\)|is .+, not CSV: .+)$/);
    return;
  }
  await importAndCheck(text);
}

describe("fuzzing the CSV import", () => {
  it("random bytes: a CsvDecodeError or a fully accounted import", { timeout: 30_000 }, async () => {
    await fc.assert(fc.asyncProperty(fc.uint8Array({ maxLength: 400 }), decodeAndCheck), { numRuns: 150 });
  });

  it("random bytes behind a UTF-8 or UTF-16 byte-order mark", { timeout: 30_000 }, async () => {
    const bom = fc.constantFrom([0xef, 0xbb, 0xbf], [0xff, 0xfe], [0xfe, 0xff]);
    await fc.assert(
      fc.asyncProperty(bom, fc.uint8Array({ maxLength: 300 }), (mark, rest) => decodeAndCheck(new Uint8Array([...mark, ...rest]))),
      { numRuns: 60 },
    );
  });

  it("UTF-8 lines stay as written when lines of Windows-1252 are spliced between them", { timeout: 30_000 }, () => {
    const line = fc.string({ unit: "grapheme", maxLength: 20 }).map((s) => s.replace(/[\r\n]/g, " "));
    // Each Windows-1252 byte followed by a letter, so that no two of them form a UTF-8 sequence.
    const cp1252 = new Map([[0x80, "€"], [0x92, "’"], [0xe9, "é"], [0xfc, "ü"]]);
    const strayLine = fc.array(fc.tuple(fc.constantFrom(...cp1252.keys()), fc.integer({ min: 0x41, max: 0x5a })), {
      minLength: 1,
      maxLength: 6,
    });
    fc.assert(
      fc.property(fc.array(fc.oneof(line, strayLine), { minLength: 1, maxLength: 10 }), (lines) => {
        const bytes = lines.flatMap((l) => [...(typeof l === "string" ? new TextEncoder().encode(l) : l.flat()), 0x0a]);
        const decodedLines = decodeCsvBytes(new Uint8Array(bytes)).text.split("\n");
        lines.forEach((l, i) => {
          const expected = typeof l === "string" ? l : l.map(([b, c]) => `${cp1252.get(b)}${String.fromCharCode(c)}`).join("");
          expect(decodedLines[i]).toBe(expected);
        });
      }),
      { numRuns: 150 },
    );
  });

  it("rows ending in any mix of CRLF, LF and CR read as they would with one kind, quoted line breaks kept", { timeout: 30_000 }, async () => {
    const comment = fc
      .array(fc.constantFrom("a", "b", " ", ",", '"', "\n", "\r", "\r\n", "é"), { maxLength: 8 })
      .map((parts) => `x${parts.join("")}`);
    const rows = fc.array(fc.tuple(fc.integer({ min: 1, max: 5 }), comment, fc.constantFrom("\n", "\r\n", "\r")), {
      minLength: 1,
      maxLength: 8,
    });
    await fc.assert(
      fc.asyncProperty(rows, fc.constantFrom("\n", "\r\n", "\r"), async (table, headerBreak) => {
        const quoted = (text: string) => `"${text.replace(/"/g, '""')}"`;
        const text = `Rating,Comment${headerBreak}${table.map(([rating, c, end]) => `${rating},${quoted(c)}${end}`).join("")}`;
        const oneKind = `Rating,Comment\n${table.map(([rating, c]) => `${rating},${quoted(c)}\n`).join("")}`;
        const [result, expected] = await Promise.all([importFeedbackCsv(text, { map: known }), importFeedbackCsv(oneKind, { map: known })]);
        expect(result.mapping).toEqual(expected.mapping);
        expect(result.feedback.map((f) => [f.rating, f.text])).toEqual(expected.feedback.map((f) => [f.rating, f.text]));
        // Quoted line breaks kept as written; the ratings read, unless the column is no rating (one value repeated five times or more).
        expect(result.feedback.map((f) => f.text)).toEqual(table.map(([, c]) => c));
        if (result.mapping.rating !== null) expect(result.feedback.map((f) => f.rating)).toEqual(table.map(([rating]) => rating));
        expect(result.errors).toEqual([]);
      }),
      {
        numRuns: 150,
        // Five rows rating 2: a column of one repeated value is no rating, with any line ending.
        examples: [[[[2, "x", "\n"], [2, "x", "\n"], [2, "x", "\n"], [2, "x", "\n"], [2, "x", "\n"]], "\n"]],
      },
    );
  });

  it("random CSV-ish text: never a crash, every row accounted for", { timeout: 30_000 }, async () => {
    await fc.assert(fc.asyncProperty(csvText, (text) => importAndCheck(text)), { numRuns: 250 });
  });

  it("files of one answer per row, and of several surveys in one rating column, with any answers: every row accounted for", { timeout: 30_000 }, async () => {
    // Mostly numbers, so that the file's shape is found as often as not; words, no-answers and anything else beside them.
    const answer = fc.oneof(
      { weight: 6, arbitrary: fc.constantFrom("0", "1", "2", "3", "4", "5", "7", "9", "10", "11", "4.5") },
      { weight: 2, arbitrary: fc.constantFrom("", "N/A", "Very satisfied", "Dissatisfied", "Good", "high", "FIVE", "=1+1", '"a, b"') },
      { weight: 1, arbitrary: fc.string({ maxLength: 8 }).map((cell) => (/[",\r\n]/.test(cell) ? `"${cell.replaceAll('"', '""')}"` : cell)) },
    );
    const survey = fc.constantFrom("How likely are you to recommend us?", "NPS", "CSAT", "Customer effort", "Anything else?", "", "Q 1");
    const row = fc.tuple(fc.integer({ min: 1, max: 6 }), survey, answer).map(([id, asked, cell]) => `${id},${asked},${cell}`);
    const file = fc.tuple(fc.constantFrom("respondent_id,question,answer", "Response ID,Survey type,Rating"), fc.array(row, { minLength: 4, maxLength: 40 }));
    await fc.assert(
      fc.asyncProperty(file, ([header, rows]) => importAndCheck(`${header}\n${rows.join("\n")}\n`)),
      { numRuns: 200 },
    );
  });

  it("random tables under known headers, with options: every row accounted for, the map still valid", { timeout: 30_000 }, async () => {
    const options = fc.record(
      {
        scale: fc.constantFrom({ min: 1, max: 5 }, { min: 0, max: 10 }),
        dateOrder: fc.constantFrom("day-first" as const, "month-first" as const),
        create: fc.record({ stages: fc.boolean(), touchpoints: fc.boolean(), personas: fc.boolean() }),
        kind: fc.constantFrom("review" as const, "support" as const),
        headerRows: fc.constantFrom(1 as const, 2 as const),
      },
      { requiredKeys: [] },
    );
    await fc.assert(fc.asyncProperty(csvTable, options, (text, given) => importAndCheck(text, given)), {
      numRuns: 250,
      // Repeated rating headers read as a wide survey: two respondents, four answers. A file of one column
      // whose row is a bare delimiter: a blank row, not a comment of one comma.
      examples: [["Rating,Rating,Rating,Date,Rating\n4,,|,4\n+1,,,+1", {}], ["Rating\n,", {}]],
    });
  });
});
