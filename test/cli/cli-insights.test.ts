import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "../../scripts/cli";
import type { InsightsReport, JourneyReport } from "../../shared/report";

function tempFile(name: string, content: string): string {
  const file = path.join(mkdtempSync(path.join(tmpdir(), "jm-cli-insights-")), name);
  writeFileSync(file, content);
  return file;
}

type Report = JourneyReport & InsightsReport;

// Checkout: 5 ratings 5, 4, 4, 2, 1 (CSAT 3/5); Delivery: 10 ratings, 9 of them ≥ 4.
const CSV = [
  "Stage,Rating,Comment",
  "Checkout,5,The staff were rude and the seat was broken", // 5 ★ with strongly negative text: flagged
  "Checkout,4,Love it works great",
  "Checkout,4,",
  "Checkout,2,Terrible slow checkout page",
  "Checkout,1,Absolutely wonderful amazing service", // 1 ★ with strongly positive text: flagged
  ...[5, 5, 5, 4, 4, 4, 4, 5, 5, 1].map((r) => `Delivery,${r},`),
].join("\n");

describe("analyze: intervals and sentiment", () => {
  it("gives CSAT its Wilson interval and performance its t interval, per stage", async () => {
    const report = JSON.parse(await runCli(["analyze", tempFile("f.csv", CSV), "--scale", "1-5"])) as Report;
    const checkout = report.confidence.stages[0];
    // Wilson 3/5: 23.07 … 88.24 (PRODUCT.md formula, computed in Python: 23.0724, 88.2379)
    expect(checkout?.csat).toEqual({ value: 60, low: 23.07, high: 88.24, n: 5 });
    // s = 1, .75, .75, .25, 0: mean .55 → P 3.2; s.d. of s 0.4108; t(4) 2.77645 → P 3.2 ± 4 · 0.5101 = 1.16 … 5.24,
    // clipped to the scale's 5
    expect(checkout?.performance).toEqual({ value: 3.2, low: 1.16, high: 5, n: 5 });
    // Delivery 9/10: Wilson 59.58 … 98.21
    expect(report.confidence.stages[1]?.csat).toEqual({ value: 90, low: 59.58, high: 98.21, n: 10 });
    expect(report.confidence.overall.csat.n).toBe(15);
    expect(report.confidence.overall.nps).toMatchObject({ value: null, n: 0 });
  });

  it("gives the sentiment of the text per stage, apart from the ratings, and flags disagreements", async () => {
    const report = JSON.parse(await runCli(["analyze", tempFile("f.csv", CSV), "--scale", "1-5"])) as Report;
    expect(report.sentiment?.stages[0]).toEqual({ name: "Checkout", n: 4, negative: 50, neutral: 0, positive: 50 });
    expect(report.sentiment?.stages[1]).toMatchObject({ n: 0, negative: null });
    expect(report.sentiment?.disagreements).toBe(2);
    expect(report.sentiment?.flagged.map((f) => [f.rating, f.reason])).toEqual([
      [5, "top rating, strongly negative text"],
      [1, "bottom rating, strongly positive text"],
    ]);
    const markdown = await runCli(["analyze", tempFile("f.csv", CSV), "--scale", "1-5", "--format", "md"]);
    expect(markdown).toContain("## How sure the figures are");
    expect(markdown).toContain("| Checkout | 60 (23.07–88.24) | 5 |");
    expect(markdown).toContain("## What the words say");
    expect(markdown).toContain("### Rating and text disagree (2)");
  });

  it("leaves sentiment out when asked, and refuses an outcome the file does not have", async () => {
    const report = JSON.parse(await runCli(["analyze", tempFile("f.csv", CSV), "--scale", "1-5", "--no-sentiment"])) as Report;
    expect(report.sentiment).toBeUndefined();
    await expect(runCli(["analyze", tempFile("f.csv", CSV), "--outcome", "Overall"])).rejects.toThrow(
      '--outcome: no touchpoint or rating column is called "Overall" (there are: none)',
    );
  });
});
