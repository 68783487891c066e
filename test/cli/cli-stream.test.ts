import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { decodeCsvBytes } from "../../shared/csv";
import type { JourneyReport } from "../../shared/report";
import { runCli } from "../../scripts/cli";
import { readCsvFile } from "../../scripts/cli-read";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const alexa = path.join(root, "test/fixtures/csv-real/amazon_alexa_reviews.tsv");
const skytrax = path.join(root, "test/fixtures/csv-real/skytrax_airline_reviews_wide.csv");
/** Small reads and pieces: a real export of half a megabyte is read in dozens of pieces. */
const SMALL = { pieceChars: 16 * 1024, readBytes: 8 * 1024 };

function tempFile(name: string, content: string | Uint8Array): string {
  const file = path.join(mkdtempSync(path.join(tmpdir(), "jm-stream-")), name);
  writeFileSync(file, content);
  return file;
}

async function piecesOf(file: string, sizes = SMALL): Promise<{ texts: string[]; firstRecords: number[] }> {
  const texts: string[] = [];
  const firstRecords: number[] = [];
  for await (const piece of readCsvFile(file, sizes).pieces) {
    texts.push(piece.text.join(""));
    firstRecords.push(piece.firstRecord);
  }
  return { texts, firstRecords };
}

async function report(args: string[], sizes = {}): Promise<JourneyReport & Record<string, unknown>> {
  return JSON.parse(await runCli(args, sizes)) as JourneyReport & Record<string, unknown>;
}

/** A long export with response ids, a bad rating late in the file and a response repeated pieces apart. */
function longExport(rows: number): string {
  const lines = ["Response ID,Date,Stage,Touchpoint,Rating,Comment"];
  const stages = ["Browse", "Checkout", "Delivery"];
  for (let i = 0; i < rows; i++) {
    const rating = i === rows - 8 ? "9" : String(((i * 7) % 5) + 1);
    const comment = i % 3 === 0 ? `"Slow, again (${i})"` : i % 3 === 1 ? "" : `fine ${i % 11}`;
    lines.push(`R-${i},2026-03-${String((i % 28) + 1).padStart(2, "0")},${stages[i % 3]},${i % 2 === 0 ? "Web" : "App"},${rating},${comment}`);
  }
  // Row 4 repeated at the end: the same response id, rating and text.
  lines.push(lines[3] as string);
  return `${lines.join("\r\n")}\r\n`;
}

describe("the file read as a stream", () => {
  it("cuts pieces at record boundaries (a quoted line break never splits), and their text is the decoded file", async () => {
    const { texts, firstRecords } = await piecesOf(alexa);
    expect(texts.length).toBeGreaterThan(10);
    expect(texts.join("")).toBe(decodeCsvBytes(readFileSync(alexa)).text);
    for (const text of texts.slice(0, -1)) expect(text).toMatch(/\n$/);
    // Each piece starts where the records before it end.
    expect(firstRecords[0]).toBe(0);
    expect(firstRecords).toEqual([...firstRecords].sort((a, b) => a - b));
  });

  it("decodes a Windows-1252 file line by line and a UTF-16 file with its mark, as a whole file is decoded", async () => {
    const latin = Buffer.from(`Rating,Comment\r\n${Array.from({ length: 4000 }, (_, i) => `${(i % 5) + 1},tr\xe8s bien ${i}`).join("\r\n")}\r\n`, "latin1");
    const file = tempFile("latin.csv", latin);
    expect((await piecesOf(file)).texts.join("")).toBe(decodeCsvBytes(latin).text);
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(`Rating\tComment\r\n${"4\tgood ✓\r\n".repeat(5000)}`, "utf16le")]);
    const wide = tempFile("utf16.txt", utf16);
    expect((await piecesOf(wide)).texts.join("")).toBe(decodeCsvBytes(utf16).text);
  });

  it("refuses a workbook from its first bytes, in words", async () => {
    const xlsx = tempFile("book.csv", Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(200_000, 1)]));
    await expect(runCli(["analyze", xlsx])).rejects.toThrow(/looks like an Excel workbook/);
  });
});

// Real files of thousands of rows: more time than the default on a busy machine (no timing is asserted).
describe("analyze in pieces gives the report of the whole file", { timeout: 60_000 }, () => {
  it("a long real export (Alexa reviews) in dozens of pieces: the same report, every figure and problem", async () => {
    const whole = await report(["analyze", alexa, "--no-sentiment"]);
    const pieces = await report(["analyze", alexa, "--no-sentiment"], SMALL);
    expect(pieces).toEqual(whole);
    expect(whole.import.rows).toBe(3150);
  });

  it("a wide real export (Skytrax) in pieces: each question's scale, its 0s as no answer (text kept on the answer), drivers: the same", async () => {
    const whole = await report(["analyze", skytrax, "--no-sentiment", "--outcome", "overall_score"]);
    const pieces = await report(["analyze", skytrax, "--no-sentiment", "--outcome", "overall_score"], SMALL);
    expect(pieces).toEqual(whole);
    expect(whole.import.noAnswers).toBeGreaterThan(5000);
  });

  it("problems keep the file's row numbers, and a response repeated pieces apart is skipped once", async () => {
    // About 400 kB: read in pieces past the first 256 kB, where the delimiter is detected.
    const file = tempFile("long.csv", longExport(8000));
    const whole = await report(["analyze", file, "--no-sentiment"]);
    const pieces = await report(["analyze", file, "--no-sentiment"], SMALL);
    expect(whole.import).toMatchObject({ rows: 8001, imported: 8000, skipped: 1, duplicates: 1 });
    expect(pieces.import).toMatchObject({ rows: 8001, imported: 8000, skipped: 1, duplicates: 1 });
    expect(pieces.import.errors.map((e) => e.row)).toEqual(whole.import.errors.map((e) => e.row));
    // The off-scale rating of row 7,994, told with the same words.
    expect(pieces.import.errors.find((e) => e.row === 7994)?.message).toMatch(/"9" is outside the 1–5 scale; imported as a text-only response/);
    expect(pieces.import.errors.find((e) => e.row === 7994)?.message).toBe(whole.import.errors.find((e) => e.row === 7994)?.message);
    expect(pieces.import.errors.find((e) => e.row === 8002)?.message).toMatch(/^row 8002, column "Response ID": response "R-2" repeats an earlier row/);
    expect(pieces.stages).toEqual(whole.stages);
    expect(pieces.overall).toEqual(whole.overall);
  });

  it("a rating column holding several surveys (NPS, CSAT, CES) in pieces: each survey's scale and figure as in the whole file", async () => {
    const lines = ["Submitted at,Survey type,Rating,Comment"];
    const types = ["NPS", "CSAT", "Customer effort (CES)"];
    // About 400 kB: read in pieces past the first 256 kB, where the delimiter is detected.
    for (let i = 0; i < 12000; i++) {
      const type = i % 3;
      const rating = type === 0 ? (i * 7) % 11 : type === 1 ? ((i * 5) % 5) + 1 : ((i * 3) % 7) + 1;
      lines.push(`2026-04-${String((i % 28) + 1).padStart(2, "0")},${types[type]},${rating},${i % 4 === 0 ? `a note on the survey (${i % 13})` : ""}`);
    }
    const file = tempFile("surveys.csv", `${lines.join("\n")}\n`);
    const whole = await report(["analyze", file, "--no-sentiment"]);
    const pieces = await report(["analyze", file, "--no-sentiment"], SMALL);
    const rating = (r: JourneyReport) => r.import.columns?.find((c) => c.role === "rating");
    expect(rating(whole)?.scaleBy).toEqual({
      column: "Survey type",
      surveys: [
        { value: "NPS", scale: "0–10", ratings: 4000 },
        { value: "CSAT", scale: "1–5", ratings: 4000 },
        { value: "Customer effort (CES)", scale: "1–7", ratings: 4000 },
      ],
    });
    expect(rating(pieces)).toEqual(rating(whole));
    expect(pieces.overall).toEqual(whole.overall);
    expect(whole.overall.nps).not.toBeNull();
    expect(whole.overall.csat).not.toBeNull();
    expect(whole.overall.ces).not.toBeNull();
    // Told there is no survey column, the whole column is one 0–10 scale: no CSAT, no CES.
    const one = await report(["analyze", file, "--no-sentiment", "--scale-by", "none"], SMALL);
    expect(rating(one)?.scaleBy).toBeUndefined();
    expect([one.overall.csat, one.overall.ces, rating(one)?.scale]).toEqual([null, null, "0–10"]);
  });

  it("a survey column of thousands of values, in pieces: at most 100 surveys and one for the rest, every rating counted once", async () => {
    // NPS and CSAT through the file's head (where the survey column is found), then 3,000 other surveys.
    const lines = ["Survey type,Rating"];
    for (let i = 0; i < 60000; i++) lines.push(i % 2 === 0 ? `NPS,${i % 11}` : `CSAT,${(i % 5) + 1}`);
    for (let i = 0; i < 3000; i++) lines.push(`Survey ${i},${(i % 5) + 1}`);
    const file = tempFile("many-surveys.csv", `${lines.join("\n")}\n`);
    const pieces = await report(["analyze", file, "--no-sentiment"], { pieceChars: 16 * 1024, readBytes: 8 * 1024 });
    const surveys = pieces.import.columns?.find((c) => c.role === "rating")?.scaleBy?.surveys ?? [];
    expect(surveys.length).toBe(101);
    expect(surveys.slice(0, 2)).toEqual([
      { value: "NPS", scale: "0–10", ratings: 30000 },
      { value: "CSAT", scale: "1–5", ratings: 30000 },
    ]);
    expect(surveys.at(-1)?.value).toBe("");
    expect(surveys.reduce((sum, s) => sum + s.ratings, 0)).toBe(63000);
  });

  it("a file of one answer per row in pieces: the same questions, scales, comments and figures as the whole file", async () => {
    const questions = ["How likely are you to recommend us?", "How satisfied were you with delivery?", "What should we change?"];
    const lines = ["respondent_id,submitted_at,question,answer"];
    for (let r = 0; r < 4000; r++) {
      const day = `2026-05-${String((r % 28) + 1).padStart(2, "0")}`;
      lines.push(`${9000 + r},${day},${questions[0]},${(r * 7) % 11}`);
      lines.push(`${9000 + r},${day},${questions[1]},${r % 9 === 0 ? "" : ((r * 3) % 5) + 1}`);
      lines.push(`${9000 + r},${day},${questions[2]},${r % 4 === 0 ? `"Change the ${r % 13}th thing, please"` : ""}`);
    }
    const file = tempFile("answers.csv", `${lines.join("\n")}\n`);
    const whole = await report(["analyze", file, "--no-sentiment"]);
    const pieces = await report(["analyze", file, "--no-sentiment"], SMALL);
    // 4,000 NPS answers, 3,555 on delivery (445 left empty: no answers), 1,000 comments (3,000 left empty).
    expect(whole.import).toMatchObject({ rows: 12000, imported: 8555, skipped: 3445, noAnswers: 445 + 3000 });
    expect(pieces.import).toEqual(whole.import);
    expect(pieces.touchpoints).toEqual(whole.touchpoints);
    expect(pieces.overall).toEqual(whole.overall);
    expect((whole.touchpoints as { name: string }[]).map((t) => t.name).sort()).toEqual(["Delivery", "Likelihood to recommend", "What should we change"]);
  });

  it("beyond --keep-rows, rows are folded into an exact summary as they come: the same figures and intervals, evidence rows kept", async () => {
    const whole = await report(["analyze", alexa, "--no-sentiment"]);
    const folded = await report(["analyze", alexa, "--no-sentiment", "--keep-rows", "500"], SMALL);
    for (const part of ["import", "overall", "stages", "touchpoints", "priorities", "kpis", "unassigned", "confidence", "suggestions"] as const)
      expect(folded[part]).toEqual(whole[part]);
    const kept = folded.feedback as { keptRows: number; summarisedRows: number };
    expect(kept.keptRows + kept.summarisedRows).toBe(3150);
    // The quotes of each of its stage × touchpoint cells (one per variation) and the evidence of its suggestions.
    const cells = (whole.touchpoints as unknown[]).length;
    expect(cells).toBe(16);
    expect(kept.keptRows).toBeGreaterThanOrEqual(20);
    expect(kept.keptRows).toBeLessThan(20 * cells + 100);
    expect(whole.feedback).toBeUndefined();
  });

  it("beyond --keep-rows, a wide survey's drivers and suggested pain points are those of every row (driver sums and term statistics folded piece by piece)", async () => {
    const args = ["analyze", skytrax, "--no-sentiment", "--outcome", "overall_score"];
    const whole = await report(args);
    const folded = await report([...args, "--keep-rows", "2000"], { pieceChars: 256 * 1024, readBytes: 64 * 1024 });
    for (const part of ["overall", "stages", "touchpoints", "confidence", "drivers"] as const) expect(folded[part]).toEqual(whole[part]);
    // The same suggestions with the same counts; their quotes are rows kept as evidence, which depend on the pieces.
    const withoutQuotes = (r: Record<string, unknown>) => (r.suggestions as { quotes: string[] }[]).map((s) => ({ ...s, quotes: s.quotes.length }));
    expect(withoutQuotes(folded)).toEqual(withoutQuotes(whole));
    expect((folded.feedback as { summarisedRows: number }).summarisedRows).toBeGreaterThan(40_000);
  });
});
