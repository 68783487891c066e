import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
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

  it("suggests pain points from negative text without a rating, with counts and quotes", async () => {
    const csv = [
      "Stage,Rating,Comment",
      "Delivery,,Tracking not updated for days and the support team was awful",
      'Delivery,,"tracking not updated, so I called and the agent was rude and useless"',
      "Delivery,5,Lovely",
    ].join("\n");
    const report = JSON.parse(await runCli(["analyze", tempFile("f.csv", csv), "--scale", "1-5"])) as Report;
    // both text-only rows read negative (VADER compound −0.0772 and −0.7003)
    expect(report.suggestions).toEqual([
      {
        stage: "Delivery",
        term: "tracking not updated",
        count: 2,
        positiveCount: 0,
        quotes: [
          "Tracking not updated for days and the support team was awful",
          "tracking not updated, so I called and the agent was rude and useless",
        ],
      },
    ]);
    const without = JSON.parse(await runCli(["analyze", tempFile("f.csv", csv), "--scale", "1-5", "--no-sentiment"])) as Report;
    expect(without.suggestions).toEqual([]);
  });

  it("leaves sentiment out when asked, and refuses an outcome the file does not have", async () => {
    const report = JSON.parse(await runCli(["analyze", tempFile("f.csv", CSV), "--scale", "1-5", "--no-sentiment"])) as Report;
    expect(report.sentiment).toBeUndefined();
    await expect(runCli(["analyze", tempFile("f.csv", CSV), "--outcome", "Overall"])).rejects.toThrow(
      '--outcome: the file has no column "Overall" (it has: Stage, Rating, Comment)',
    );
  });
});

describe("analyze the real Skytrax export with --outcome overall_score", () => {
  // Expected numbers computed apart in Python (csv module, numpy, scipy.stats.t) with PRODUCT.md's
  // formulas written out; see test/shared/drivers-skytrax.test.ts for the unrounded ones.
  const file = path.join(process.env.JOURNEY_REAL_DATA ?? "/work/shared/data/real", "skytrax_airline_reviews_wide.csv");
  let report: Report;
  beforeAll(async () => {
    report = JSON.parse(await runCli(["analyze", file, "--outcome", "overall_score", "--no-sentiment"])) as Report;
  });

  it("reads every review and ranks the seven sub-ratings as drivers", () => {
    expect(report.import).toMatchObject({ rows: 8319, imported: 8319 });
    const drivers = report.drivers;
    if (drivers === undefined) throw new Error("expected drivers");
    expect(drivers.outcome).toBe("Overall");
    // r, its Fisher interval and Johnson's share of R², to 3 decimals
    expect(drivers.drivers.map((d) => [d.rank, d.touchpoint, d.n, d.r, d.low, d.high, d.relativeWeight])).toEqual([
      [1, "Value", 8265, 0.892, 0.887, 0.896, 0.21],
      [2, "Groundservice", 6858, 0.818, 0.81, 0.826, 0.203],
      [3, "Service", 7731, 0.785, 0.776, 0.793, 0.139],
      [4, "Seat comfort", 7741, 0.752, 0.742, 0.761, 0.128],
      [5, "Food", 7369, 0.75, 0.74, 0.76, 0.127],
      [6, "Wifi", 2764, 0.693, 0.673, 0.712, 0.096],
      [7, "Entertainment", 6619, 0.641, 0.627, 0.655, 0.096],
    ]);
    // derived importance 1 + 4r: Value 1 + 4 · 0.89185 = 4.57
    expect(drivers.drivers[0]).toMatchObject({ verdict: "driver", statedImportance: 3, derivedImportance: 4.57 });
    expect(drivers.rSquared).toBe(0.88);
  });

  it("gives each sub-rating's CSAT and performance with their 95% intervals", () => {
    const seat = report.confidence.touchpoints.find((t) => t.name === "Seat comfort");
    // 4,140 of 7,766 ratings ≥ 4: 53.31 %, Wilson 52.20 … 54.42; performance 3.3745, t interval 3.3436 … 3.4053
    expect(seat?.csat).toEqual({ value: 53.31, low: 52.2, high: 54.42, n: 7766 });
    expect(seat?.performance).toEqual({ value: 3.37, low: 3.34, high: 3.41, n: 7766 });
    const wifi = report.confidence.touchpoints.find((t) => t.name === "Wifi");
    // 1,092 of 2,764: 39.51 %, Wilson 37.70 … 41.34; performance 2.8535, 2.7949 … 2.9121
    expect(wifi?.csat).toEqual({ value: 39.51, low: 37.7, high: 41.34, n: 2764 });
    expect(wifi?.performance).toEqual({ value: 2.85, low: 2.79, high: 2.91, n: 2764 });
  });
});
