import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import Papa from "papaparse";
import { describe, expect, it } from "vitest";
import type { JourneyReport } from "../../shared/report";
import { summaryTotals } from "../../shared/summary";
import { SUMMARY_CSV_COLUMNS, importSummaryCsv, isSummaryCsv } from "../../shared/summary-csv";
import { runCli } from "../../scripts/cli";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const alexa = path.join(root, "test/fixtures/csv-real/amazon_alexa_reviews.tsv");
const skytrax = path.join(root, "test/fixtures/csv-real/skytrax_airline_reviews_wide.csv");
const sampleCsv = path.join(root, "examples/sample-feedback.csv");
const sampleMap = path.join(root, "examples/sample-journey.json");
const SMALL = { pieceChars: 16 * 1024, readBytes: 8 * 1024 };

function tempFile(name: string, content: string): string {
  const file = path.join(mkdtempSync(path.join(tmpdir(), "jm-summary-")), name);
  writeFileSync(file, content);
  return file;
}

async function report(args: string[]): Promise<JourneyReport> {
  return JSON.parse(await runCli(args)) as JourneyReport;
}

/** The report's figures, entities in name order (a summary names them in its own order). */
function figures(r: JourneyReport) {
  const byName = <T extends { name: string }>(list: T[]) => [...list].sort((a, b) => a.name.localeCompare(b.name));
  return {
    overall: r.overall,
    unassigned: r.unassigned,
    stages: byName(r.stages),
    touchpoints: byName(r.touchpoints.map((t) => ({ ...t, name: `${t.stage} / ${t.name}` }))),
    priorities: byName(r.priorities.map((p) => ({ ...p, rank: 0, name: `${p.stage} / ${p.title}` }))),
    kpis: r.kpis,
  };
}

// Real files of thousands of rows: more time than the default on a busy machine (no timing is asserted).
describe("summarize, then analyze the summary", { timeout: 60_000 }, () => {
  it("a long real export: the summary's figures are the raw file's, and it counts every imported row", async () => {
    const args = ["--columns", "rating=rating,date=date,touchpoint=variation,text=verified_reviews", "--no-sentiment"];
    const csv = await runCli(["summarize", alexa, ...args]);
    const parsed = Papa.parse<Record<string, string>>(csv.trim(), { header: true });
    expect(isSummaryCsv(parsed.meta.fields ?? [])).toBe(true);
    expect(parsed.meta.fields).toEqual([...SUMMARY_CSV_COLUMNS]);
    expect(parsed.data.reduce((sum, line) => sum + Number(line.count), 0)).toBe(3150);
    const raw = await report(["analyze", alexa, ...args]);
    const fromSummary = await report(["analyze", tempFile("alexa-summary.csv", csv), "--no-sentiment"]);
    expect(fromSummary.import).toMatchObject({ shape: "summary", imported: parsed.data.length, skipped: 0, answers: 3150 });
    expect(figures(fromSummary)).toEqual(figures(raw));
    expect(raw.touchpoints.length).toBeGreaterThan(10);
  });

  it("a wide real export (text-only answers, no-answers) and a saved map: the same figures", async () => {
    const wide = await runCli(["summarize", skytrax]);
    expect(figures(await report(["analyze", tempFile("sky.csv", wide), "--no-sentiment"]))).toEqual(
      figures(await report(["analyze", skytrax, "--no-sentiment"])),
    );
    const withMap = await runCli(["summarize", sampleCsv, "--map", sampleMap]);
    const raw = await report(["analyze", sampleCsv, "--map", sampleMap, "--no-sentiment"]);
    const fromSummary = await report(["analyze", tempFile("sample.csv", withMap), "--map", sampleMap, "--no-sentiment"]);
    // With a saved map the order is the map's: the figures are equal as they are.
    expect(fromSummary.stages).toEqual(raw.stages);
    expect(fromSummary.priorities).toEqual(raw.priorities);
    expect(fromSummary.kpis).toEqual(raw.kpis);
    // Its segment columns (country, cabin) make many groups: more time on a busy machine.
  }, 120_000);

  it("writes the same summary whether the file is read whole or in pieces", async () => {
    expect(await runCli(["summarize", alexa], SMALL)).toBe(await runCli(["summarize", alexa]));
  });

  it("writes the no-answers as \"no answer\" lines, each on its question's touchpoint: read back, the raw import's counts", async () => {
    const csv = await runCli(["summarize", skytrax]);
    const lines = Papa.parse<Record<string, string>>(csv.trim(), { header: true }).data;
    const byTouchpoint = new Map<string, number>();
    for (const line of lines) {
      if (line.type !== "no answer") continue;
      expect([line.rating, line.scale_min, line.scale_max]).toEqual(["", "", ""]);
      byTouchpoint.set(line.touchpoint ?? "", (byTouchpoint.get(line.touchpoint ?? "") ?? 0) + Number(line.count));
    }
    const raw = await report(["analyze", skytrax, "--no-sentiment"]);
    const questions = (raw.import.columns ?? []).filter((c) => c.role === "question");
    expect(Object.fromEntries(byTouchpoint)).toEqual(Object.fromEntries(questions.map((c) => [c.touchpoint, c.noAnswers])));
    expect(byTouchpoint.get("Wifi")).toBe(5555);
    // Read back as a summary (its figures are the raw file's: the test above): the same no-answers in all.
    const read = importSummaryCsv(csv, { map: { stages: [], touchpoints: [], personas: [] } });
    expect(read.errors).toEqual([]);
    expect(read.noAnswers).toBe(raw.import.noAnswers);
    expect(summaryTotals(read.summary).noAnswer).toBe(raw.import.noAnswers);
  }, 120_000);

  it("a long file's no-answers (N/A, empty, a 0 below 1–5) are written on their rows' groups, whole or in pieces", async () => {
    const rows = Array.from({ length: 3000 }, (_, i) => {
      const rating = i % 10 === 3 ? "N/A" : i % 10 === 6 ? "" : i % 50 === 9 ? "0" : String((i % 5) + 1);
      return `2025-03-${String((i % 28) + 1).padStart(2, "0")},${["Checkout", "Delivery"][i % 2]},${rating},Comment ${i % 7}`;
    });
    const file = tempFile("long.csv", ["Date,Stage,Rating,Comment", ...rows].join("\n"));
    const csv = await runCli(["summarize", file, "--no-sentiment"]);
    expect(await runCli(["summarize", file, "--no-sentiment"], { pieceChars: 16 * 1024, readBytes: 8 * 1024 })).toBe(csv);
    const raw = await report(["analyze", file, "--no-sentiment"]);
    expect(raw.import.noAnswers).toBe(300 + 300 + 60);
    const lines = Papa.parse<Record<string, string>>(csv.trim(), { header: true }).data.filter((line) => line.type === "no answer");
    expect(lines.reduce((sum, line) => sum + Number(line.count), 0)).toBe(660);
    expect(new Set(lines.map((line) => line.stage))).toEqual(new Set(["Checkout", "Delivery"]));
    const fromSummary = await report(["analyze", tempFile("long-summary.csv", csv), "--no-sentiment"]);
    expect(fromSummary.import.noAnswers).toBe(660);
    expect(figures(fromSummary)).toEqual(figures(raw));
    // Segment columns guessed on the first piece are read on every piece (a file past the first piece's 256 kB).
    const many = Array.from({ length: 5 }, () => rows).flat();
    const segmented = tempFile("segments.csv", ["Date,Stage,Rating,Comment,Plan,Country", ...many.map((row, i) => `${row},${["Free", "Pro"][i % 2]},${["DE", "US", "FR"][i % 3]}`)].join("\n"));
    const whole = await runCli(["summarize", segmented]);
    expect(whole.split("\r\n")[0]).toBe("stage,touchpoint,persona,source,kind,period,Country,scale_min,scale_max,type,rating,count");
    expect(await runCli(["summarize", segmented], { pieceChars: 16 * 1024, readBytes: 8 * 1024 })).toBe(whole);
    // A row of nothing but a no-answer is not imported: the report counts its no-answer, the summary (which has no row for it) does not.
    const bare = tempFile("bare.csv", "Stage,Rating,Comment\nCheckout,4,Fine\nCheckout,N/A,\nCheckout,N/A,Slow\n");
    expect((await report(["analyze", bare, "--no-sentiment"])).import.noAnswers).toBe(2);
    expect(await runCli(["summarize", bare])).toContain("Checkout,,,,survey,,,,no answer,,1\r\n");
  });

  it("reports a summary's bad lines by row, and refuses a summary of which no line can be read", async () => {
    const file = tempFile(
      "bad-summary.csv",
      "stage,touchpoint,persona,source,kind,period,scale_min,scale_max,type,rating,count\r\nBrowse,Web,,,survey,2026-01-05,1,5,rated,4,10\r\nBrowse,Web,,,survey,2026-01-05,1,5,rated,6,3\r\n",
    );
    const r = await report(["analyze", file, "--no-sentiment"]);
    expect(r.import).toMatchObject({ rows: 2, imported: 1, skipped: 1, answers: 10 });
    expect(r.import.errors).toEqual([{ row: 3, column: "rating", message: 'row 3, column "rating": "6" is not a rating on the 1–5 scale: not imported' }]);
    expect(r.overall.responses).toBe(10);
    const none = tempFile("none.csv", "stage,touchpoint,persona,source,kind,period,scale_min,scale_max,type,rating,count\r\nBrowse,Web,,,survey,2026-01-05,1,5,graded,4,10\r\n");
    await expect(runCli(["analyze", none])).rejects.toThrow(/^nothing was imported from the summary ".*none\.csv" \(1 line\): row 2, column "type": "graded" is not a line type/);
  });
});
