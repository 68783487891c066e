/** Reading rating and date cells as people and survey tools write them, and inferring a column's scale. */
import { describe, expect, it } from "vitest";
import { formatScale, importFeedbackCsv, parseScale, readDate, readRating } from "../../shared/csv";
import { type RatingTally, addToTally, createRatingTally, inferRatingScale } from "../../shared/csv/rating";
import type { RatingScale } from "../../shared/model";

describe("readRating", () => {
  it.each([
    ["4", 4, null],
    ["4.0", 4, null],
    ["4,5", 4.5, null],
    [" 4 ", 4, null],
    ["0", 0, null],
    ["-1", -1, null],
    ["4/5", 4, 5],
    ["8/10", 8, 10],
    ["8 / 10", 8, 10],
    ["4 out of 5", 4, 5],
    ["4 von 5", 4, 5],
    ["★★★★☆", 4, 5],
    ["★☆☆☆☆", 1, 5],
    ["★★★★", 4, null],
    ["⭐⭐⭐", 3, null],
    ["4 stars", 4, null],
    ["1 star", 1, null],
    ["4 Sterne", 4, null],
    ["10 - Extremely likely", 10, null],
    ["0 = Not at all likely", 0, null],
    ["5 – Very satisfied", 5, null],
  ])("reads %j as %d (out of %j)", (cell, value, outOf) => {
    expect(readRating(cell)).toEqual({ kind: "number", value, outOf });
  });

  it.each(["", "   ", "N/A", "n/a", "-", "none"])("reads %j as no rating", (cell) => {
    expect(readRating(cell)).toEqual({ kind: "empty" });
  });

  it.each(["high", "four", "4-5", "4/0", "★★x", "1e3", "0x10", "Infinity"])("cannot read %j", (cell) => {
    expect(readRating(cell)).toEqual({ kind: "unreadable" });
  });
});

function tallyOf(cells: readonly string[]): RatingTally {
  const tally = createRatingTally();
  for (const cell of cells) addToTally(tally, readRating(cell));
  return tally;
}

describe("inferRatingScale", () => {
  it.each<[string, string[], RatingScale | null, RatingScale | null]>([
    ["all within 1–5", ["1", "3", "5", "4.5"], null, { min: 1, max: 5 }],
    ["a 0 among them", ["0", "3", "5"], null, { min: 0, max: 10 }],
    ["up to 7", ["1", "6", "7"], null, { min: 1, max: 7 }],
    ["up to 10", ["2", "9", "10"], null, { min: 0, max: 10 }],
    ["x/5", ["4/5", "2/5", "5"], null, { min: 1, max: 5 }],
    ["x/10", ["8/10", "10/10"], null, { min: 0, max: 10 }],
    ["stars with empty ones", ["★★★★☆", "★★"], null, { min: 1, max: 5 }],
    ["an NPS header with low answers", ["1", "3", "5"], { min: 0, max: 10 }, { min: 0, max: 10 }],
    ["a header hint the data contradicts", ["9", "10"], { min: 1, max: 5 }, { min: 0, max: 10 }],
    ["a typo far off every scale", ["4", "5", "3", "44"], null, { min: 1, max: 5 }],
    ["nothing readable", ["", "high"], null, null],
  ])("%s", (_, cells, hint, expected) => {
    expect(inferRatingScale(tallyOf(cells), hint)).toEqual(expected);
  });
});

describe("scales as text", () => {
  it("writes and reads them back", () => {
    for (const scale of [{ min: 1, max: 5 }, { min: 0, max: 10 }, { min: -2, max: 2 }, { min: 0.5, max: 4.5 }]) {
      expect(parseScale(formatScale(scale))).toEqual(scale);
    }
  });

  it.each([["1-5", { min: 1, max: 5 }], ["0 to 10", { min: 0, max: 10 }], ["1..7", { min: 1, max: 7 }], ["5-1", null], ["high", null]])(
    "reads %j",
    (text, scale) => {
      expect(parseScale(text)).toEqual(scale);
    },
  );
});

describe("readDate", () => {
  it.each([
    ["2024-03-05", "2024-03-05"],
    ["2024-03-05T10:22:13Z", "2024-03-05"],
    ["2024-03-05T23:30:00-05:00", "2024-03-05"],
    ["2024-03-05 10:22:13 +0100", "2024-03-05"],
    ["2024-03-05 10:22", "2024-03-05"],
    ["2024-03-05 10:22:13 UTC", "2024-03-05"],
    ["2024/03/05 10:22:13 AM GMT+1", "2024-03-05"],
    ["2024-3-5", "2024-03-05"],
    ["05.03.2024", "2024-03-05"],
    ["5.3.24", "2024-03-05"],
    ["Mar 5, 2024", "2024-03-05"],
    ["March 5th, 2024", "2024-03-05"],
    ["Tuesday, March 5, 2024", "2024-03-05"],
    ["5 March 2024", "2024-03-05"],
    ["05-Mar-2024", "2024-03-05"],
    ["5 Mar 2024 14:02", "2024-03-05"],
    ["5. März 2024", "2024-03-05"],
    ["5 de marzo de 2024", "2024-03-05"],
    ["5 févr. 2024", "2024-02-05"],
    ["05/05/2024", "2024-05-05"],
    ["2024-02-29", "2024-02-29"],
  ])("reads %j as %s", (cell, iso) => {
    expect(readDate(cell)).toEqual({ kind: "date", iso, order: null });
  });

  it("reads a US date whose second number is above 12 as month first, and says so", () => {
    expect(readDate("3/14/2024 10:22:13 AM")).toEqual({ kind: "date", iso: "2024-03-14", order: "month-first" });
  });

  it("reads a European date whose first number is above 12 as day first, and says so", () => {
    expect(readDate("14/03/2024")).toEqual({ kind: "date", iso: "2024-03-14", order: "day-first" });
  });

  it("reads 05/03/2024 as ambiguous, or as told", () => {
    expect(readDate("05/03/2024")).toEqual({ kind: "ambiguous", monthFirst: "2024-05-03", dayFirst: "2024-03-05" });
    expect(readDate("05/03/2024", "day-first")).toEqual({ kind: "date", iso: "2024-03-05", order: null });
    expect(readDate("3/5/2024 10:22:13 AM", "month-first")).toEqual({ kind: "date", iso: "2024-03-05", order: null });
  });

  it.each(["", "  "])("reads %j as no date", (cell) => {
    expect(readDate(cell)).toEqual({ kind: "empty" });
  });

  it.each(["yesterday", "2024-02-30", "29/02/2023", "13/13/2024", "Smarch 5, 2024", "2024-03-05 garbage", "45356"])(
    "cannot read %j",
    (cell) => {
      expect(readDate(cell)).toEqual({ kind: "unreadable" });
    },
  );
});

describe("scale inference with a rare typo", () => {
  it("keeps 1–5 when one rating in hundreds is off it, and reports that one", async () => {
    const rows = Array.from({ length: 300 }, (_, i) => `${(i % 5) + 1},fine`);
    rows.splice(120, 0, "7,typo");
    const result = await importFeedbackCsv(`Rating,Comment\n${rows.join("\n")}\n`, {
      map: { stages: [], touchpoints: [], personas: [] },
    });
    expect(result.detected.scale).toEqual({ min: 1, max: 5 });
    expect(result.errors).toHaveLength(1);
    expect(result.errors[0]?.row).toBe(122);
    expect(result.errors[0]?.message).toMatch(/"7".*1–5/);
  });

  it("still reads a real 1–7 column as 1–7", async () => {
    const rows = Array.from({ length: 300 }, (_, i) => `${(i % 7) + 1},ok`);
    const result = await importFeedbackCsv(`Rating,Comment\n${rows.join("\n")}\n`, {
      map: { stages: [], touchpoints: [], personas: [] },
    });
    expect(result.detected.scale).toEqual({ min: 1, max: 7 });
    expect(result.errors).toEqual([]);
  });
});
