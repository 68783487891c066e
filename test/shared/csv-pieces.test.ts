/**
 * A CSV text in pieces (a large file decoded slice by slice, never joined) reads exactly as the same
 * text in one string: the same layout, the same records with the same numbers and quote problems,
 * the same import. Cuts fall anywhere: inside a quoted cell, between a CR and its LF, inside a
 * doubled quote, inside a surrogate pair.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type CsvText, importFeedbackCsv, inspectCsv } from "../../shared/csv";
import { type CsvLayoutOptions, createQuoteTrouble, forEachCsvRecord, readCsvLayout } from "../../shared/csv/records";
import { csvTable, csvText, wellFormedCsv } from "../robustness/csv-arbitraries";
import { stage } from "./builders";

/** The text cut at the given places (any order, repeats and out-of-range ones allowed). */
function cut(text: string, at: readonly number[]): string[] {
  const points = [...new Set(at.map((p) => Math.min(text.length, Math.max(0, p))))].sort((a, b) => a - b);
  const pieces: string[] = [];
  let from = 0;
  for (const point of points) {
    pieces.push(text.slice(from, point));
    from = point;
  }
  pieces.push(text.slice(from));
  return pieces;
}

/** The layout, records and quote problems of a text. */
function recordsOf(text: CsvText, options: CsvLayoutOptions = {}) {
  const layout = readCsvLayout(text, options);
  const records: [number, string[]][] = [];
  const trouble = createQuoteTrouble();
  forEachCsvRecord(text, layout, (index, record) => records.push([index, record]), trouble);
  return { layout, records, problems: trouble.problems, broken: [...trouble.broken] };
}

const map = { stages: [stage("stage_a", "Awareness")], touchpoints: [], personas: [] };

async function importOf(text: CsvText, options: CsvLayoutOptions = {}) {
  let n = 0;
  return importFeedbackCsv(
    text,
    { map, makeId: (prefix) => `${prefix}_${n++}`, ...options },
    { rowsPerSlice: 3, yieldToHost: () => Promise.resolve() },
  );
}

const QUOTE_PROBLEM = /a quoted cell (opens in this row but never closes|has text after its closing quote)/;

/**
 * A quote papaparse cannot read as written (one that never closes, or text after a closing quote)
 * leaves it unclear where rows end, and a text with several kinds of row breaks has them made one
 * kind part by part: after such a quote, the rows of a cut text may end elsewhere. What must hold
 * then: everything before that row reads the same, and the cut text reports a quote problem too.
 */
function expectSameUpToQuoteProblem<T>(
  pieces: { problems: readonly { row: number; message: string }[] } & T,
  whole: { problems: readonly { row: number; message: string }[] } & T,
  before: (value: T, row: number) => unknown,
): void {
  const first = whole.problems.find((problem) => QUOTE_PROBLEM.test(problem.message));
  if (first === undefined) {
    expect(pieces).toEqual(whole);
    return;
  }
  expect(pieces.problems.some((problem) => QUOTE_PROBLEM.test(problem.message))).toBe(true);
  expect(before(pieces, first.row)).toEqual(before(whole, first.row));
}

/** A text with its cut points: anywhere in it. */
const cutText = (texts: fc.Arbitrary<string>) =>
  texts.chain((text) => fc.tuple(fc.constant(text), fc.array(fc.nat({ max: text.length }), { maxLength: 8 })));

describe("a CSV text in pieces", () => {
  it("reads and imports a well-formed text, whatever its cells and row breaks hold, exactly as the whole text, wherever it is cut", async () => {
    await fc.assert(
      fc.asyncProperty(
        wellFormedCsv.chain(({ text, delimiter }) => fc.tuple(cutText(fc.constant(text)), fc.constant(delimiter))),
        async ([[text, at], delimiter]) => {
          const whole = recordsOf(text, { delimiter });
          expect(whole.problems).toEqual([]);
          expect(recordsOf(cut(text, at), { delimiter })).toEqual(whole);
          expect(await importOf(cut(text, at), { delimiter })).toEqual(await importOf(text, { delimiter }));
        },
      ),
      { numRuns: 400 },
    );
  });

  it("gives the layout and the records the whole text gives, wherever it is cut", () => {
    fc.assert(
      fc.property(cutText(fc.oneof(csvText, csvTable)), ([text, at]) => {
        expectSameUpToQuoteProblem(recordsOf(cut(text, at)), recordsOf(text), (read, row) => ({
          layout: read.layout,
          records: read.records.filter(([index]) => index + 1 < row),
        }));
      }),
      { numRuns: 400 },
    );
  });

  it("imports what the whole text imports, wherever it is cut", async () => {
    await fc.assert(
      fc.asyncProperty(cutText(fc.oneof(csvTable, wellFormedCsv.map(({ text }) => text))), async ([text, at]) => {
        const whole = await importOf(text);
        const pieces = await importOf(cut(text, at));
        expectSameUpToQuoteProblem({ ...pieces, problems: pieces.errors }, { ...whole, problems: whole.errors }, (result, row) => ({
          headers: result.headers,
          errors: result.errors.filter((problem) => problem.row < row),
          rejected: result.rejectedRows.filter((rejected) => rejected.row < row),
        }));
        const inspection = inspectCsv(text);
        expectSameUpToQuoteProblem(inspectCsv(cut(text, at)), inspection, (read) => read.headers);
      }),
      {
        numRuns: 150,
        // A quote that never closes at the end of the first piece: the rows of the second piece are
        // read in the pieces only, and must not change the columns' guess (the rating column).
        examples: [[["Rating\n;\"\r\n\u0000\"\n4\n2024-03-05\n", [14]]]],
      },
    );
  });

  it("reads a doubled quote with a hidden character between its quotes as the parser does: no stray quote", () => {
    const read = recordsOf('Rating,Comment\n4,"say "\u202E"hi"" twice"\n5,ok\n');
    expect(read.problems).toEqual([]);
    expect(read.records[1]).toEqual([1, ["4", 'say "hi" twice']]);
  });

  const cases: [string, string, number[]][] = [
    ["between a CR and its LF", "Rating,Comment\r\n4,ok\r\n5,fine\r\n", [20, 21]],
    ["inside a doubled quote", 'Rating,Comment\n4,"she said ""hi"" twice"\n5,ok\n', [27, 28]],
    ["inside a quoted cell over several lines", 'Rating,Comment\r\n4,"line one\r\nline two\r\nthree"\r\n5,ok\r\n', [22, 30, 41]],
    ["inside a surrogate pair", "Rating,Comment\n4,great 👍\n5,ok\n", [24]],
    ["where CRLF rows turn into LF rows", "Rating,Comment\r\n4,a\r\n4,b\n4,c\n4,d\r\n", [19, 24, 28]],
    ["in a file of CR rows after a byte-order mark", "\uFEFFRating;Comment\r4;a\r5;b\r", [1, 16, 17]],
    ["before a trailing blank line", "Rating,Comment\n4,a\n\n", [18, 19]],
    // The parser reads the text without its hidden characters: a quote after a NUL byte starts a cell.
    ["after a NUL byte before a quote", ',"\r\u0000"\r,|\n\n\r\n",",\n\r\n","\n', [7]],
  ];
  for (const [where, text, at] of cases) {
    it(`reads the same records when cut ${where}`, async () => {
      const whole = recordsOf(text);
      expect(whole.records.length).toBeGreaterThan(2);
      expect(recordsOf(cut(text, at))).toEqual(whole);
      expect(await importOf(cut(text, at))).toEqual(await importOf(text));
    });
  }

  it("reads a quote that never closes, over many pieces, as one broken record", () => {
    const text = `Rating,Comment\n4,ok\n5,"opens here\n${"3,more text\n".repeat(2000)}`;
    const pieces = cut(text, Array.from({ length: 40 }, (_, i) => 30 + i * 500));
    const read = recordsOf(pieces);
    expect(read).toEqual(recordsOf(text));
    expect(read.records.length).toBe(3);
    expect(read.broken).toEqual([2]);
  });

  it("reads a long string as the same records in slices of it", () => {
    // Over a million characters: the reader takes one long string a slice at a time.
    const rows = Array.from({ length: 30_000 }, (_, i) => `${(i % 5) + 1},"comment ${i}, with a comma\nand a line break"`);
    const text = `Rating,Comment\r\n${rows.join("\r\n")}\r\n`;
    expect(text.length).toBeGreaterThan(1024 * 1024);
    const { records } = recordsOf(text);
    expect(records.length).toBe(30_001);
    expect(records.map(([index]) => index)).toEqual(records.map((_, i) => i));
    expect(records[30_000]?.[1]).toEqual(["5", "comment 29999, with a comma\nand a line break"]);
  });
});
