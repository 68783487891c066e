/** Reading rating and date cells as people and survey tools write them, and inferring a column's scale. */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { detectWordMap, formatScale, importFeedbackCsv, parseScale, readDate, readRating, wordKey } from "../../shared/csv";
import {
  type RatingTally,
  addToTally,
  createRatingTally,
  inferRatingColumnScale,
  inferRatingScale,
} from "../../shared/csv/rating";
import { createColumnTallier, createColumnTally, inferColumnScale } from "../../shared/csv/wide";
import { isNoAnswerWord } from "../../shared/csv/words";
import { statedScale } from "../../shared/csv/columns";
import { type DateOrder, createDateReader, dateOrderOfHeader, isRelativeTime } from "../../shared/csv/date";
import type { RatingScale } from "../../shared/model";

/** A file of a header line and rows, imported into an empty journey. */
const importRows = (header: string, rows: readonly (readonly (string | number)[])[]) =>
  importFeedbackCsv([header, ...rows.map((row) => row.join(","))].join("\n"), { map: { stages: [], touchpoints: [], personas: [] } });

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
    // As review sites are scraped: Amazon's stars, Tripadvisor's bubbles.
    ["5.0 out of 5 stars", 5, 5],
    ["4 of 5 bubbles", 4, 5],
    ["3,5 von 5 Sternen", 3.5, 5],
    ["Rated 4 out of 5 stars", 4, 5],
    ["Rating: 4/5", 4, 5],
    ["★★★★☆", 4, 5],
    ["★☆☆☆☆", 1, 5],
    ["★★★★", 4, null],
    ["⭐⭐⭐", 3, null],
    // Spelled out, as some review exports write it.
    ["Five stars", 5, null],
    ["one star", 1, null],
    ["Four out of five stars", 4, 5],
    ["4 stars", 4, null],
    ["1 star", 1, null],
    ["4 Sterne", 4, null],
    ["10 - Extremely likely", 10, null],
    ["0 = Not at all likely", 0, null],
    ["5 – Very satisfied", 5, null],
    ["4 (Satisfied)", 4, null],
    // A label with its number in brackets, and a number with a star after it.
    ["Excellent (5)", 5, null],
    ["Very satisfied (5)", 5, null],
    ["(4) Good", 4, null],
    ["4★", 4, null],
    ["4 ⭐", 4, null],
    ["4*", 4, null],
    // A percentage is a score out of 100.
    ["80%", 80, 100],
    ["80 %", 80, 100],
    ["12,5%", 12.5, 100],
  ])("reads %j as %d (out of %j)", (cell, value, outOf) => {
    expect(readRating(cell)).toEqual({ kind: "number", value, outOf });
  });

  it.each(["", "   ", "N/A", "n/a", "-", "none"])("reads %j as no rating", (cell) => {
    expect(readRating(cell)).toEqual({ kind: "empty" });
  });

  it.each(["high", "four", "4-5", "4/0", "★★x", "1e3", "0x10", "Infinity", "Rated", "Rated excellent", "Rating: rated 4", "Great stars", "fivestars", "%", "80%%", "80% off", "Excellent (five)", "Chapter 3 (5) of the book", "(5)", "4**"])("cannot read %j", (cell) => {
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
    // A 0 below answers of 1–5 is "no answer" (see `inferRatingColumnScale`), not a sign of 0–10.
    ["a 0 among answers of 1–5", ["0", "3", "5"], null, { min: 1, max: 5 }],
    ["0s beside answers of 6–10", ["0", "6", "9", "10"], null, { min: 0, max: 10 }],
    ["a 0 beside answers up to 7", ["0", "3", "7"], null, { min: 0, max: 10 }],
    ["up to 7", ["1", "6", "7"], null, { min: 1, max: 7 }],
    ["up to 10", ["2", "9", "10"], null, { min: 0, max: 10 }],
    ["x/5", ["4/5", "2/5", "5"], null, { min: 1, max: 5 }],
    // A review site's grade ("8/10") starts at 1: no NPS from it, unless a 0 occurs or the header asks "how likely … recommend".
    ["x/10", ["8/10", "10/10"], null, { min: 1, max: 10 }],
    ["x/10 with a 0", ["8/10", "0/10"], null, { min: 0, max: 10 }],
    ["x/10 under an NPS header", ["8/10", "10/10"], { min: 0, max: 10 }, { min: 0, max: 10 }],
    ["stars with empty ones", ["★★★★☆", "★★"], null, { min: 1, max: 5 }],
    ["an NPS header with low answers", ["1", "3", "5"], { min: 0, max: 10 }, { min: 0, max: 10 }],
    // The hint's 1–5 is too small, but what it names starts at 1 (stars): never 0–10.
    ["a header hint the data contradicts", ["9", "10"], { min: 1, max: 5 }, { min: 1, max: 10 }],
    ["whole answers up to 10 without a hint", ["9", "10"], null, { min: 0, max: 10 }],
    ["whole answers up to 10 under an NPS hint", ["9", "10"], { min: 0, max: 10 }, { min: 0, max: 10 }],
    ["a typo far off every scale", ["4", "5", "3", "44"], null, { min: 1, max: 5 }],
    // A slider's answers (Qualtrics: 0 to 100), not typos off 1–5 that lose their rows.
    ["a slider's answers", ["0", "35", "72", "100", "8", "64"], null, { min: 0, max: 100 }],
    ["a typo past 10 among ten answers of 1–5", ["4", "5", "3", "2", "5", "1", "4", "3", "5", "44"], null, { min: 1, max: 5 }],
    ["numbers past 100 are no slider's", ["35", "72", "180", "640"], null, { min: 1, max: 5 }],
    ["nothing readable", ["", "high"], null, null],
  ])("%s", (_, cells, hint, expected) => {
    expect(inferRatingScale(tallyOf(cells), hint)).toEqual(expected);
  });
});

/** `count` cells of each value. */
function cellsOf(counts: Record<number, number>): string[] {
  return Object.entries(counts).flatMap(([value, count]) => Array.from({ length: count }, () => value));
}

// One rule for long files (one rating column) and wide ones (a column per question): a 0 below 1–5 is
// "no answer" however many there are; beside answers past 5 only when as rare as a typo, else 0–10.
describe("a 0 in a rating column", () => {
  const fives = { 1: 10, 2: 10, 3: 10, 4: 10, 5: 10 };
  const tens = { 1: 30, 3: 30, 5: 30, 7: 30, 8: 30, 9: 30, 10: 30 };
  it.each<[string, Record<number, number>, RatingScale, boolean]>([
    ["a few 0s below 1–5", { ...fives, 0: 2 }, { min: 1, max: 5 }, true],
    ["more 0s than answers below 1–5 (Skytrax's wifi rating)", { ...fives, 0: 80 }, { min: 1, max: 5 }, true],
    ["common 0s beside answers of 6–10", { 0: 12, 6: 10, 8: 10, 9: 10, 10: 10 }, { min: 0, max: 10 }, false],
    ["no 0 at all", fives, { min: 1, max: 5 }, false],
  ])("long and wide alike: %s", (_, counts, scale, zeroIsNoAnswer) => {
    const tally = tallyOf(cellsOf(counts));
    expect(inferRatingColumnScale(tally)).toEqual({ scale, zeroIsNoAnswer });
    expect(inferColumnScale(tally, "Q3")).toEqual({ scale, zeroIsNoAnswer });
  });

  it("a rare 0 beside answers of 1 to 10 is no answer on 1–10, in a long file as in a wide one", () => {
    const tally = tallyOf(cellsOf({ ...tens, 0: 2 }));
    expect(inferColumnScale(tally, "Overall score")).toEqual({ scale: { min: 1, max: 10 }, zeroIsNoAnswer: true });
    expect(inferRatingColumnScale(tally)).toEqual({ scale: { min: 1, max: 10 }, zeroIsNoAnswer: true });
    // Without a 0, a long file's answers up to 10 are read on 0–10 as before; so are common 0s, and a 0
    // beside answers that start above 1 (NPS: detractors at 0, promoters at 9 and 10).
    expect(inferRatingColumnScale(tallyOf(cellsOf(tens)))).toEqual({ scale: { min: 0, max: 10 }, zeroIsNoAnswer: false });
    expect(inferRatingColumnScale(tallyOf(cellsOf({ ...tens, 0: 20 })))).toEqual({ scale: { min: 0, max: 10 }, zeroIsNoAnswer: false });
    const fromThree = { 3: 30, 5: 30, 7: 30, 8: 30, 9: 30, 10: 30, 0: 2 };
    expect(inferRatingColumnScale(tallyOf(cellsOf(fromThree)))).toEqual({ scale: { min: 0, max: 10 }, zeroIsNoAnswer: false });
  });

  it("common 0s beside 1–10 make a wide question 0–10, its 0s kept as answers", () => {
    const tally = tallyOf(cellsOf({ ...tens, 0: 20 }));
    expect(inferColumnScale(tally, "Q7")).toEqual({ scale: { min: 0, max: 10 }, zeroIsNoAnswer: false });
  });

  it("a slider's answers, 0 to 100, make a question under a header that asks for a rating, not under an age's", () => {
    const tally = tallyOf(["0", "35", "72", "100", "8", "64", "51", "90"]);
    expect(inferColumnScale(tally, "How satisfied were you with check-in?")).toEqual({ scale: { min: 0, max: 100 }, zeroIsNoAnswer: false });
    expect(inferColumnScale(tally, "Ease score")).toEqual({ scale: { min: 0, max: 100 }, zeroIsNoAnswer: false });
    expect(inferColumnScale(tally, "How old are you?")).toBeNull();
    expect(inferColumnScale(tally, "Q4")).toBeNull();
  });

  it("an NPS header reads 0s as answers even when nobody answered above 5", () => {
    const tally = tallyOf(cellsOf({ ...fives, 0: 3 }));
    expect(inferRatingColumnScale(tally, { min: 0, max: 10 })).toEqual({ scale: { min: 0, max: 10 }, zeroIsNoAnswer: false });
    expect(inferColumnScale(tally, "How likely are you to recommend us?")).toEqual({ scale: { min: 0, max: 10 }, zeroIsNoAnswer: false });
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
    ["2024-03-05 9:05", "2024-03-05"],
    ["2024-03-05T10:22", "2024-03-05"],
    ["2024-03-05  10:22:13", "2024-03-05"],
    ["5 Mar 2024 14:02:59", "2024-03-05"],
    // As scraped reviews write them: after words that introduce the date, or a month alone (its first day).
    ["Reviewed in the United States on March 5, 2024", "2024-03-05"],
    ["Date of experience: 5 March 2024", "2024-03-05"],
    ["Posted on Mar 5, 2024 10:22", "2024-03-05"],
    ["March 2024", "2024-03-01"],
    // Jira's export.
    ["05/Mar/24 9:15 AM", "2024-03-05"],
    ["Mär 2024", "2024-03-01"],
    // Twitter's API and C's ctime: the year after the time (Sentiment140 names the zone).
    ["Tue Oct 31 22:10:47 +0000 2017", "2017-10-31"],
    ["Mon Apr 06 22:19:45 PDT 2009", "2009-04-06"],
    ["Wed Oct 10 20:19:24 2018", "2018-10-10"],
    // Japanese, Chinese and Korean, with their words for morning and afternoon (Google Forms' Korean timestamp).
    ["2024年3月5日", "2024-03-05"],
    ["2024年3月5日 10:22", "2024-03-05"],
    ["2024년 3월 5일", "2024-03-05"],
    ["2024. 3. 5.", "2024-03-05"],
    ["2024. 3. 5 오후 2:15:00", "2024-03-05"],
    ["2024/3/5 下午2:15:00", "2024-03-05"],
    // Month names as Nordic, Polish, Czech, Turkish and Russian dates write them (the genitive after a
    // day, letters without their marks, a dotless ı, a й), with the year's mark Russian and Polish add.
    ["5 mars 2024", "2024-03-05"],
    ["14 augusti 2023", "2023-08-14"],
    ["5. maaliskuuta 2024", "2024-03-05"],
    ["15 października 2023", "2023-10-15"],
    ["5 marca 2024 r.", "2024-03-05"],
    ["20. září 2022", "2022-09-20"],
    ["12 Mayıs 2023", "2023-05-12"],
    ["3 Şubat 2024", "2024-02-03"],
    ["5 марта 2024 г.", "2024-03-05"],
    ["1 Май 2023", "2023-05-01"],
    ["12 декабря 2022", "2022-12-12"],
  ])("reads %j as %s", (cell, iso) => {
    expect(readDate(cell)).toEqual({ kind: "date", iso, order: null });
    expect(createDateReader()(cell)).toEqual({ kind: "date", iso, order: null });
  });

  it.each(["Tue Feb 30 22:10:47 +0000 2017", "Tue Oct 31 22:10:47 +0000", "Tue Oct 31 22:10:47 +0000 17", "2024年13月5日", "2024. 3."])("cannot read %j as a date", (cell) => {
    expect(readDate(cell).kind).toBe("unreadable");
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

  it("reads Unix time, seconds or milliseconds, as its day in UTC; the same through the column reader", () => {
    const reader = createDateReader();
    for (const [cell, iso] of [
      ["1303862400", "2011-04-27"],
      ["1303862399", "2011-04-26"],
      ["1303862400000", "2011-04-27"],
      [" 1709596800 ", "2024-03-05"],
      ["946684799", "1999-12-31"],
    ]) {
      expect(readDate(cell as string), cell).toEqual({ kind: "date", iso, order: null });
      expect(reader(cell as string), cell).toEqual({ kind: "date", iso, order: null });
    }
    // Numbers of as many digits outside 1990–2100 are no dates (an id, an amount); nor are 11 digits.
    for (const cell of ["123456789", "9999999999", "4102444800", "13038624000", "1303862400.5"]) {
      expect(readDate(cell), cell).toEqual({ kind: "unreadable" });
      expect(reader(cell), cell).toEqual({ kind: "unreadable" });
    }
  });

  it("reads any cell shaped like an ISO day as readDate does, through the column reader and its memory of recent days", () => {
    const digits = (length: number) => fc.stringMatching(new RegExp(`^[0-9]{${length}}$`));
    const around = fc.constantFrom("", " ", "T", "  ", "x");
    const time = fc.constantFrom("", " 10:22", "T10:22:13", " 9:05", "T10:22:13Z", " 10:2", "T", " 25:99", "10:22", " 10:22 ");
    const cell = fc
      .tuple(around, digits(4), fc.constantFrom("-", "/", "."), digits(2), fc.constantFrom("-", "/"), digits(2), time)
      .map(([before, year, first, month, second, day, after]) => `${before}${year}${first}${month}${second}${day}${after}`);
    fc.assert(
      fc.property(fc.array(cell, { minLength: 1, maxLength: 40 }), fc.constantFrom(null, "day-first", "month-first"), (cells, order) => {
        const reader = createDateReader(order as DateOrder | null);
        // Twice each: the second reading comes from the reader's memory.
        for (const value of [...cells, ...cells]) expect(reader(value), value).toEqual(readDate(value, order as DateOrder | null));
      }),
      { numRuns: 300 },
    );
  });

  it.each(["", "  ", "NaT", "nan", "NULL", "N/A", "-"])("reads %j as no date", (cell) => {
    expect(readDate(cell)).toEqual({ kind: "empty" });
    expect(createDateReader()(cell)).toEqual({ kind: "empty" });
  });

  it.each([
    "yesterday",
    "2024-02-30",
    "29/02/2023",
    "13/13/2024",
    "Smarch 5, 2024",
    "2024-03-05 garbage",
    "45356",
    // Times that are almost one: a minute of one digit, a colon with nothing after, three hour digits, a fourth part.
    "2024-03-05 10:2",
    "2024-03-05 10:22:",
    "2024-03-05 123:45",
    "2024-03-05 10:22:13:14",
    "2024-03-05T10:22x",
    // Words before a date that is none, or a month without its year.
    "Delivered on time",
    "Note: see the comment",
    "Reviewed on March 45, 2024",
    "March",
    "Order 2024",
  ])(
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

describe("True/False and Yes/No as a two-way rating", () => {
  it("reads True/False under a header naming a recommendation or a vote, and no other flag", () => {
    for (const header of ["voted_up", "is_recommended", "Recommended", "thumbs up"]) {
      expect(detectWordMap(["True", "False"], header)?.values, header).toEqual({ true: 5, false: 1 });
    }
    for (const header of ["steam_purchase", "received_for_free", "Resolved", "Verified purchase", "recommendationid"]) {
      expect(detectWordMap(["True", "False"], header), header).toBeNull();
    }
  });

  it("reads Positive / Neutral / Negative as 5, 3, 1 under a rating's header, never under a sentiment's", () => {
    for (const header of ["Customer satisfaction rating", "CSAT", "Rating", "Satisfaction"]) {
      expect(detectWordMap(["Positive", "Neutral", "Negative"], header)?.values, header).toEqual({ positive: 5, neutral: 3, negative: 1 });
    }
    for (const header of ["airline_sentiment", "Sentiment rating", "Label", "Tone"]) {
      expect(detectWordMap(["Positive", "Neutral", "Negative"], header), header).toBeNull();
    }
  });

  it("reads a kiosk's four smileys (Very positive … Very negative) as 5, 4, 2, 1, under any header but a sentiment's", async () => {
    const labels = ["Very positive", "Positive", "Negative", "Very negative"];
    for (const header of ["Response", "Button", "Smiley"]) {
      expect(detectWordMap(labels, header)?.values, header).toMatchObject({ "very positive": 5, positive: 4, negative: 2, "very negative": 1 });
    }
    expect(detectWordMap(labels, "predicted_sentiment")).toBeNull();
    // The only column of the file that could hold its ratings, though its header would name a text.
    const text = ["Date,Time,Location,Response", ...labels.map((label, i) => `2024-03-01,09:1${i},Gate A,${label}`)].join("\n");
    const map = { stages: [], touchpoints: [], personas: [] };
    const result = await importFeedbackCsv(text, { map });
    expect(result.feedback.map((f) => f.rating)).toEqual([5, 4, 2, 1]);
    expect(result.columns.find((c) => c.header === "Response")?.role).toBe("rating");
    // Under a comment's header, the words stay the comment.
    const comments = await importFeedbackCsv(text.replace("Response", "Comment"), { map });
    expect(comments.feedback.map((f) => [f.rating, f.text])).toEqual(labels.map((label) => [null, label]));
  });

  it("reads the numbers of a column headed as the answer (an NPS tool's 'Response') as the rating, and no time, count or id so headed", async () => {
    // As an NPS tool exports its answers: the score under "Response", the comment beside it, rows without a comment.
    const rows = [
      ["v1", "9", "2024-03-05 10:22:13", "Great tool"],
      ["v2", "3", "2024-03-05 11:22:13", "Too slow"],
      ["v3", "10", "2024-03-06 09:00:00", ""],
      ["v4", "7", "2024-03-07 09:00:00", "ok"],
      ["v5", "0", "2024-03-08 09:00:00", "Terrible support"],
      ["v6", "8", "2024-03-08 10:00:00", ""],
    ];
    const file = (header: string) => importRows(`Visitor ID,${header},Response Time (UTC),Comment`, rows);
    for (const header of ["Response", "Answer", "value", "Response Value"]) {
      const result = await file(header);
      expect(result.imported, header).toBe(6);
      expect(result.columns[1]?.role, header).toBe("rating");
      expect(result.columns[1]?.scale, header).toEqual({ min: 0, max: 10 });
      expect(result.feedback.map((f) => f.rating)).toEqual([9, 3, 10, 7, 0, 8]);
    }
    // Under any other header, or one naming a time, the numbers are no rating: the rows without a comment are not imported.
    for (const header of ["Foo", "Response time", "Answer count"]) {
      const result = await file(header);
      expect(result.columns[1]?.role, header).not.toBe("rating");
      expect(result.imported, header).toBe(4);
    }
  });

  it("reads a column of another's answers in words ('Rating Label' beside 'Rating') as that column's, not a second question", async () => {
    const rows = [
      ["c1", "5", "Great", "Thanks!"],
      ["c2", "1", "Terrible", "Never solved"],
      ["c3", "3", "Okay", ""],
      ["c4", "4", "Good", ""],
    ];
    const file = (label: string) => importRows(`Conversation ID,Rating,${label},Comment`, rows);
    for (const label of ["Rating Label", "rating_text", "Rating (description)"]) {
      const result = await file(label);
      expect([result.shape, result.answers], label).toEqual(["long", 4]);
      expect(result.columns.map((c) => c.role), label).toEqual(["responseId", "rating", "ignore", "text"]);
    }
    // Under a header of its own, the words are a question of their own: a survey of two.
    const own = await file("Effort");
    expect([own.shape, own.answers]).toEqual(["wide", 8]);
    // … unless, in rows enough to tell, each word goes with one score and each score with one word.
    const words = ["Very dissatisfied", "Dissatisfied", "Neutral", "Satisfied", "Very satisfied"];
    const survey = (label: (score: number, row: number) => string) =>
      importRows(
        "id,score,csat_label,feedback",
        Array.from({ length: 30 }, (_, row) => [row, ((row * 7) % 5) + 1, label(((row * 7) % 5) + 1, row), `text ${row}`]),
      );
    const labelled = await survey((score) => words[score - 1] as string);
    expect([labelled.shape, labelled.answers, labelled.columns[2]?.role]).toEqual(["long", 30, "ignore"]);
    const asked = await survey((_, row) => words[Math.floor(row / 6)] as string);
    expect([asked.shape, asked.answers]).toEqual(["wide", 60]);
  });

  it("reads no question asking for a quantity as a rating question, however small its numbers", async () => {
    const header = ["Respondent ID", "How satisfied are you with our app?", "How easy was setup?", "How many people live in your household?", "How long did you wait (minutes)?", "Years as a customer", "Comment"];
    const rows = Array.from({ length: 40 }, (_, i) => [i, ((i * 7) % 5) + 1, ((i * 3) % 5) + 1, (i % 5) + 1, (i % 7) + 1, (i % 6) + 1, `text ${i}`]);
    const result = await importRows(header.map((h) => `"${h}"`).join(","), rows);
    expect(result.columns.filter((c) => c.role === "question").map((c) => c.header)).toEqual(["How satisfied are you with our app?", "How easy was setup?"]);
    expect(result.answers).toBe(80);
  });

  it("reads the scales survey tools offer, each label one step", () => {
    const values = (labels: string[]) => {
      const map = detectWordMap(labels, "Question")?.values ?? {};
      return labels.map((label) => map[label.toLowerCase()]);
    };
    expect(values(["Poor", "Fair", "Good", "Very good", "Excellent"])).toEqual([1, 2, 3, 4, 5]);
    // Four points without "Very good": "Good" stays a good answer.
    expect(values(["Poor", "Fair", "Good", "Excellent"])).toEqual([2, 3, 4, 5]);
    expect(values(["Very poor", "Poor", "Acceptable", "Good", "Very good"])).toEqual([1, 2, 3, 4, 5]);
    expect(values(["Poor", "Below average", "Average", "Above average", "Excellent"])).toEqual([1, 2, 3, 4, 5]);
    expect(values(["Not at all satisfied", "Slightly satisfied", "Moderately satisfied", "Very satisfied", "Extremely satisfied"])).toEqual([1, 2, 3, 4, 5]);
    expect(values(["Definitely will not", "Probably will not", "Might or might not", "Probably will", "Definitely will"])).toEqual([1, 2, 3, 4, 5]);
    expect(values(["Far below expectations", "Below expectations", "Met expectations", "Above expectations", "Far above expectations"])).toEqual([1, 2, 3, 4, 5]);
    const seven = detectWordMap(
      ["Extremely dissatisfied", "Moderately dissatisfied", "Slightly dissatisfied", "Neither satisfied nor dissatisfied", "Slightly satisfied", "Moderately satisfied", "Extremely satisfied"],
      "Question",
    );
    expect(seven?.scale).toEqual({ min: 1, max: 7 });
    expect(["extremely dissatisfied", "moderately dissatisfied", "slightly dissatisfied", "neither satisfied nor dissatisfied", "slightly satisfied", "moderately satisfied", "extremely satisfied"].map((label) => seven?.values[label])).toEqual([1, 2, 3, 4, 5, 6, 7]);
  });

  it("reads five faces as 1–5", () => {
    expect(detectWordMap(["😍", "😡", "🙂", "😐", "🙁"], "Reaction")).toMatchObject({ family: "faces", scale: { min: 1, max: 5 } });
    expect(detectWordMap(["😍", "😡", "🙂", "😐", "🙁"], "Reaction")?.values).toMatchObject({ "😡": 1, "🙁": 2, "😐": 3, "🙂": 4, "😍": 5 });
    expect(detectWordMap(["😍", "🍕"], "Reaction")).toBeNull();
  });

  it("reads Yes/No under a question whether they would recommend it, and not under any question", () => {
    expect(detectWordMap(["Yes", "No"], "Would you recommend us to a friend?")?.values).toEqual({ yes: 5, no: 1 });
    expect(detectWordMap(["Yes", "No"], "Did you use the app?")).toBeNull();
  });
});

describe("word ratings beside long comments", () => {
  it("reads labels with spaces around them as words, and a column holding a comment of megabytes as text", () => {
    const padded = detectWordMap([`  Good ${" ".repeat(200)}`, "Bad"], "Satisfaction");
    expect(padded?.values).toEqual({ good: 5, bad: 1 });
    const comment = "the parcel never came and nobody answered ".repeat(50_000);
    expect(detectWordMap(["Good", "Bad", comment], "Satisfaction")).toBeNull();
  });
});

describe("a column's tally", () => {
  // The inspection counts each column's cells, then tallies every distinct cell once with its count.
  const cells = fc.oneof(
    fc.constantFrom("", " ", "N/A", "n/a", "-", "Don't know", "0", "1", "3", " 4 ", "5", "4.5", "2.3", "7/10", "Good", "Bad", "Very satisfied"),
    fc.integer({ min: 0, max: 80 }).map((n) => `label ${n}`),
    fc.integer({ min: 1000, max: 1012 }).map((n) => `ID${n}X`),
  );

  it("is the same whether the cells come one by one or as distinct cells with counts, in the order they first came", () => {
    fc.assert(
      fc.property(fc.array(cells, { minLength: 50, maxLength: 400 }), (column) => {
        const tallyCell = createColumnTallier();
        const oneByOne = createColumnTally();
        for (const cell of column) tallyCell(oneByOne, cell, 1);
        const counts = new Map<string, number>();
        for (const cell of column) counts.set(cell, (counts.get(cell) ?? 0) + 1);
        const counted = createColumnTally();
        for (const [cell, count] of counts) tallyCell(counted, cell, count);
        expect(counted).toEqual(oneByOne);
        expect([...counted.labels.keys()]).toEqual([...oneByOne.labels.keys()]);
        expect([...counted.distinct]).toEqual([...oneByOne.distinct]);
      }),
    );
  });
});

describe("word ratings in other languages", () => {
  it.each([
    [["Sehr zufrieden", "Zufrieden", "Unzufrieden", "Sehr unzufrieden", "Eher zufrieden"], "satisfaction", [5, 4, 2, 1, 4]],
    [["Très satisfait", "Plutôt satisfait", "Insatisfait", "Ni satisfait ni insatisfait"], "satisfaction", [5, 4, 2, 3]],
    [["Muy satisfecho", "Satisfecho", "Insatisfecho"], "satisfaction", [5, 4, 2]],
    [["Zeer tevreden", "Tevreden", "Neutraal", "Ontevreden"], "satisfaction", [5, 4, 3, 2]],
    [["Stimme voll und ganz zu", "Stimme eher zu", "Stimme nicht zu"], "agreement", [5, 4, 2]],
    [["Tout à fait d'accord", "D'accord", "Pas du tout d'accord"], "agreement", [5, 4, 1]],
    [["Totalmente de acuerdo", "En desacuerdo"], "agreement", [5, 2]],
  ])("%j read as %s on 1–5", (labels, family, values) => {
    const map = detectWordMap(labels, "Frage 1");
    expect(map?.family).toBe(family);
    expect(map?.scale).toEqual({ min: 1, max: 5 });
    expect(labels.map((label) => map?.values[wordKey(label)])).toEqual(values);
  });

  it("reads the labels written without their accents, as ASCII-only exports write them, in the form they were written", async () => {
    const map = detectWordMap(["Tres satisfait", "Plutot satisfait", "Insatisfait", "Plutot insatisfait"], "Question 1");
    expect([map?.family, map?.values["tres satisfait"], map?.values["plutot satisfait"], map?.values["plutot insatisfait"]]).toEqual(["satisfaction", 5, 4, 2]);
    // The family's other labels are kept with their accents, for later files.
    expect(map?.values["très satisfait"]).toBe(5);
    for (const cell of ["Nao sei", "Weiss nicht", "Sans reponse", "Non concerne", "Weiss nicht - nie genutzt"]) expect(isNoAnswerWord(cell), cell).toBe(true);
    const text = [
      "Respondent ID,Satisfaction avec la livraison,Satisfaction avec le service,Commentaire",
      "1,Tres satisfait,Satisfait,Bien",
      "2,Insatisfait,Tres insatisfait,Colis en retard",
      "3,Satisfait,Sans reponse,",
      "4,Tres satisfait,Plutot satisfait,Parfait",
    ].join("\n");
    const result = await importFeedbackCsv(text, { map: { stages: [], touchpoints: [], personas: [] } });
    expect(result.feedback.filter((f) => f.rating !== null).map((f) => f.rating)).toEqual([5, 4, 2, 1, 4, 5, 4]);
    expect(result.noAnswers).toBe(1);
  });

  it("imports a German wide survey of satisfaction words as ratings", async () => {
    const text = [
      "Befragten-ID,Wie zufrieden waren Sie mit der Lieferung?,Wie zufrieden waren Sie mit dem Kundendienst?,Kommentar",
      "1,Sehr zufrieden,Zufrieden,Alles gut",
      "2,Unzufrieden,Sehr unzufrieden,Paket kam zu spät",
      "3,Zufrieden,Weiß nicht,",
      "4,Sehr zufrieden,Sehr zufrieden,Super",
    ].join("\n");
    const result = await importFeedbackCsv(text, { map: { stages: [], touchpoints: [], personas: [] } });
    expect(result.shape).toBe("wide");
    expect(result.feedback.filter((f) => f.rating !== null).map((f) => f.rating)).toEqual([5, 4, 2, 1, 4, 5, 5]);
  });
});

describe("no-answer cells with their reason", () => {
  it.each(["N/A - did not use", "Don't know (never called)", "Not applicable: no visit", "n/a, closed", "Weiß nicht - nie genutzt", "Not sure"])(
    "%j is no answer",
    (cell) => expect(isNoAnswerWord(cell)).toBe(true),
  );
  it.each(["None - it was perfect", "Great - fast", "Offered (no reply)", "- great", "N/Available"])("%j is an answer", (cell) =>
    expect(isNoAnswerWord(cell)).toBe(false),
  );
});

describe("dates a header or a data set states its own way", () => {
  it("takes the order a header states, and none from a header that states none", () => {
    expect(dateOrderOfHeader("Timestamp (mm/dd/yyyy)")).toBe("month-first");
    expect(dateOrderOfHeader("Date (DD.MM.YYYY)")).toBe("day-first");
    expect(dateOrderOfHeader("Created (dd-mm-yy)")).toBe("day-first");
    expect(dateOrderOfHeader("Submitted at")).toBeNull();
    expect(dateOrderOfHeader("Comments (mm)")).toBeNull();
  });

  it("reads a month written as numbers as its first day, and only a real month", () => {
    expect(readDate("2019-4")).toEqual({ kind: "date", iso: "2019-04-01", order: null });
    expect(readDate("04/2019")).toEqual({ kind: "date", iso: "2019-04-01", order: null });
    expect(readDate("2019-13").kind).toBe("unreadable");
    expect(readDate("missing")).toEqual({ kind: "empty" });
    expect(createDateReader()("missing")).toEqual({ kind: "empty" });
  });

  it("reads a browser's date with its zone's name, and a day as eight digits", () => {
    expect(readDate("Tue Mar 05 2024 10:22:13 GMT+0100 (Central European Standard Time)")).toEqual({ kind: "date", iso: "2024-03-05", order: null });
    expect(readDate("20240305")).toEqual({ kind: "date", iso: "2024-03-05", order: null });
    expect(readDate("20241305").kind).toBe("unreadable");
    expect(readDate("12345678").kind).toBe("unreadable");
    expect(createDateReader()("20240305 10:22")).toEqual({ kind: "date", iso: "2024-03-05", order: null });
  });

  it("knows a time counted back from a page's reading, which names no day", () => {
    for (const cell of ["3 months ago", "a year ago", "an hour ago", "Yesterday", " 5 days ago "]) expect(isRelativeTime(cell), cell).toBe(true);
    for (const cell of ["3 months", "2024-03-05", "ago"]) expect(isRelativeTime(cell), cell).toBe(false);
    expect(readDate("3 months ago").kind).toBe("unreadable");
  });
});

describe("statedScale", () => {
  it.each([
    ["Satisfaction (1-10)", { min: 1, max: 10 }],
    ["Speed [1–7]", { min: 1, max: 7 }],
    ["Price (1 to 5)", { min: 1, max: 5 }],
    ["On a scale from 0 to 10, how likely are you to recommend us?", { min: 0, max: 10 }],
    ["How satisfied are you? (0-100)", { min: 0, max: 100 }],
    ["Score (0-50)", null],
    ["Rating", null],
    ["Comments (1-2 sentences)", null],
    ["Age (18-65)", null],
    ["Year (2019-2024)", null],
  ])("%s", (header, expected) => {
    expect(statedScale(header)).toEqual(expected);
  });
});
