/**
 * Real exports import right the first time: wide surveys (one column per question), word ratings,
 * no-answer values, fixed values, joined texts, duplicates without ids, problems grouped by kind.
 * Fixtures: the two real exports (test/fixtures/csv-real/, byte for byte) and real-shaped files of
 * SurveyMonkey, Typeform, Google Forms, Qualtrics, Zendesk and a 0–5 passenger survey.
 */
import { readFileSync } from "node:fs";
import Papa from "papaparse";
import { describe, expect, it } from "vitest";
import { analyseJourney } from "../../shared/analysis";
import {
  type CsvImportResult,
  MAX_WIDE_QUESTIONS,
  decodeCsvBytes,
  importFeedbackCsv,
  importedResponseKeys,
  inspectCsv,
  questionShortName,
} from "../../shared/csv";
import { emptyJourney, withImportedFeedback } from "../../shared/journey-from-feedback";
import { KEEP_ALL_ROWS, compactJourney } from "../../shared/evidence";
import { computeMetrics, summariseTally } from "../../shared/metrics";
import { Feedback, Touchpoint, exportJourneyMapJson, importJourneyMapJson } from "../../shared/model";
import { segmentColumns, segmentTallies } from "../../shared/segments";

function fixture(name: string): string {
  const bytes = readFileSync(new URL(`../fixtures/csv/${name}`, import.meta.url));
  return decodeCsvBytes(new Uint8Array(bytes)).text;
}

const noMap = () => ({ stages: [], touchpoints: [], personas: [] });

function column(result: CsvImportResult, header: string) {
  const found = result.columns.find((c) => c.header === header);
  if (found === undefined) throw new Error(`no column ${header}`);
  return found;
}

// Real files of thousands of rows: more time than the default on a busy machine (no timing is asserted).
describe("the real Skytrax export (wide: one review per row, eight rating columns)", { timeout: 30_000 }, () => {
  const text = fixture("../csv-real/skytrax_airline_reviews_wide.csv");

  it("is recognised as wide on inspection, each rating column a question with its own scale", () => {
    const inspection = inspectCsv(text);
    expect(inspection.shape).toBe("wide");
    const questions = inspection.columns.filter((c) => c.role === "question");
    expect(questions.map((c) => [c.header, c.shortName, c.scale?.min, c.scale?.max])).toEqual([
      ["overall_score", "Overall", 1, 10],
      ["seat_comfort_rating", "Seat comfort", 1, 5],
      ["service_rating", "Service", 1, 5],
      ["food_rating", "Food", 1, 5],
      ["entertainment_rating", "Entertainment", 1, 5],
      ["groundservice_rating", "Groundservice", 1, 5],
      ["wifi_rating", "Wifi", 1, 5],
      ["value_rating", "Value", 1, 5],
    ]);
    // 0 is "not rated" below a 1–5 scale; "recommended" (0/1), year and month are no questions.
    expect(questions.find((c) => c.header === "wifi_rating")?.noAnswer).toContain("0");
    expect(questions.find((c) => c.header === "overall_score")?.measure).toBe("outcome");
    expect(inspection.columns.find((c) => c.header === "review_title")?.role).toBe("text");
  });

  it("takes travel_type (a few words naming the kind of traveller) for the persona, seat_type and reviewer_country for segments", () => {
    const inspection = inspectCsv(text);
    expect(inspection.mapping.persona).toBe(inspection.headers.indexOf("travel_type"));
    expect(inspection.columns.find((c) => c.header === "travel_type")?.role).toBe("persona");
    // A seat's class is a product, not a kind of customer, and the reviewer's country no type at all: segments beside the persona.
    expect(inspection.columns.find((c) => c.header === "seat_type")?.role).toBe("segment");
    expect(inspection.columns.find((c) => c.header === "reviewer_country")?.role).toBe("segment");
    // Many different values (aircraft, routes), or none that names a segment (the airline): not segments.
    for (const header of ["aircraft_model", "route", "date_flown", "airline_name", "recommended"]) {
      expect(inspection.columns.find((c) => c.header === header)?.role, header).toBe("ignore");
    }
  });

  it("imports every review, one feedback per answered question, answers of a row sharing their respondent", async () => {
    const result = await importFeedbackCsv(text, {
      map: noMap(),
      columns: {
        1: { measure: "outcome" },
        10: { stage: "In flight" },
        11: { stage: "In flight" },
        14: { stage: "Airport" },
        16: { stage: "Value" },
      },
      mapping: { persona: 6 },
    });
    expect([result.rows, result.imported, result.skipped]).toEqual([8319, 8319, 0]);
    expect(result.shape).toBe("wide");
    // Every 0 of a sub-rating and every blank overall score is a no-answer, never an error.
    expect(column(result, "wifi_rating")).toMatchObject({ noAnswers: 5555, ratings: 2764, scale: { min: 1, max: 5 } });
    expect(column(result, "overall_score")).toMatchObject({ noAnswers: 36, ratings: 8283, scale: { min: 1, max: 10 }, measure: "outcome" });
    expect(column(result, "value_rating").noAnswers).toBe(20);
    expect(result.errors).toEqual([]);
    const answers = 8283 + 7766 + 7759 + 7393 + 6640 + 6858 + 2764 + 8299;
    expect(result.feedback.filter((f) => f.rating !== null)).toHaveLength(answers);
    // Touchpoints named after the questions, the full header kept, in the stages given or "Unassigned".
    const stageName = new Map(result.created.stages.map((s) => [s.id, s.name]));
    expect(result.created.touchpoints.map((t) => [t.name, stageName.get(t.stageId), t.question ?? null])).toEqual([
      ["Overall", "Unassigned", "overall_score"],
      ["Seat comfort", "In flight", "seat_comfort_rating"],
      ["Service", "In flight", "service_rating"],
      ["Food", "Unassigned", "food_rating"],
      ["Entertainment", "Unassigned", "entertainment_rating"],
      ["Groundservice", "Airport", "groundservice_rating"],
      ["Wifi", "Unassigned", "wifi_rating"],
      ["Value", "Value", "value_rating"],
    ]);
    expect(result.created.touchpoints[0]?.measure).toBe("outcome");
    for (const t of result.created.touchpoints) expect(Touchpoint.safeParse(t).success).toBe(true);
    // The first review's answers: one respondent, the title once (with the outcome's answer).
    const first = result.feedback.filter((f) => f.respondentId === result.feedback[0]?.respondentId);
    expect(first.map((f) => f.rating)).toEqual([3, 2, 1, 1, 2, 2]);
    expect(first.filter((f) => f.text !== "").map((f) => f.text)).toEqual(["worst baggage service I ever seen"]);
    expect(new Set(result.feedback.map((f) => f.respondentId)).size).toBe(8319);
    for (const f of result.feedback.slice(0, 500)) expect(Feedback.safeParse(f).success).toBe(true);
    expect(result.created.personas.map((p) => p.name)).toContain("Solo Leisure");
  });
});

describe("the real Skytrax export's segment columns: cabin and country beside the traveller type", { timeout: 60_000 }, () => {
  const text = fixture("../csv-real/skytrax_airline_reviews_wide.csv");
  // The raw file read on its own, as an analyst would: per cabin, the overall scores (1–10; blank: no answer).
  const raw = Papa.parse<string[]>(text, { skipEmptyLines: true }).data;
  const head = raw[0] ?? [];
  const at = (name: string) => head.indexOf(name);

  it("gives per-cabin figures that are exactly those of the raw rows", async () => {
    const result = await importFeedbackCsv(text, { map: noMap(), columns: { [at("overall_score")]: { stage: "Overall" } } });
    expect(result.columns.filter((c) => c.role === "segment").map((c) => c.header)).toEqual(["reviewer_country", "seat_type"]);
    expect(column(result, "travel_type").role).toBe("persona");
    const map = withImportedFeedback(emptyJourney("Skytrax"), result);
    expect(segmentColumns(map)).toEqual(["reviewer_country", "seat_type"]);
    // Countries are written with spaces around them (" United States "): kept trimmed.
    expect(result.feedback[0]?.segments).toEqual({ reviewer_country: "United States", seat_type: "Economy Class" });
    const overall = map.stages.find((s) => s.name === "Overall")?.id ?? "";
    const expected = new Map<string | null, { rated: number; sum: number }>();
    for (const record of raw.slice(1)) {
      const score = (record[at("overall_score")] ?? "").trim();
      if (score === "") continue;
      const cabin = (record[at("seat_type")] ?? "").trim() || null;
      const figures = expected.get(cabin) ?? { rated: 0, sum: 0 };
      figures.rated++;
      figures.sum += (Number(score) - 1) / 9;
      expected.set(cabin, figures);
    }
    expect([...expected.keys()].filter((k) => k !== null).sort()).toEqual(["Business Class", "Economy Class", "First Class", "Premium Economy"]);
    const tallies = segmentTallies(map, { kind: "column", name: "seat_type" });
    for (const [cabin, { rated, sum }] of expected) {
      const tally = tallies.get(cabin)?.byStage.get(overall);
      expect(tally, String(cabin)).toBeDefined();
      const figures = summariseTally(tally!);
      expect(figures.rated, String(cabin)).toBe(rated);
      expect(figures.meanSatisfaction, String(cabin)).toBeCloseTo(sum / rated, 12);
    }
    // Business travellers in Business Class rate the flight higher than those in Economy: a real, large difference.
    const mean = (cabin: string) => summariseTally(tallies.get(cabin)!.byStage.get(overall)!).meanSatisfaction ?? 0;
    expect(mean("Business Class")).toBeGreaterThan(mean("Economy Class"));
  });

  it("keeps every segment's figures of both columns once compacted past KEEP_ALL_ROWS and read back", async () => {
    const result = await importFeedbackCsv(text, { map: noMap() });
    const map = withImportedFeedback(emptyJourney("Skytrax"), result);
    expect(map.feedback.length).toBeGreaterThan(KEEP_ALL_ROWS);
    const stored = compactJourney(map);
    expect(stored.summary).toBeDefined();
    expect(stored.feedback.length).toBeLessThan(map.feedback.length / 4);
    const read = importJourneyMapJson(exportJourneyMapJson(stored));
    if (!read.ok) throw new Error(read.errors.join("; "));
    expect(segmentColumns(read.value)).toEqual(["reviewer_country", "seat_type"]);
    for (const name of ["reviewer_country", "seat_type"]) {
      const rows = segmentTallies(map, { kind: "column", name });
      const folded = segmentTallies(read.value, { kind: "column", name });
      expect([...folded.keys()].sort(), name).toEqual([...rows.keys()].sort());
      for (const [value, figures] of rows) {
        const again = folded.get(value);
        expect(summariseTally(again!.overall), `${name} ${value}`).toEqual(summariseTally(figures.overall));
        for (const [stageId, tally] of figures.byStage) expect(summariseTally(again!.byStage.get(stageId)!)).toEqual(summariseTally(tally));
      }
    }
    // 66 countries in the file, each with its respondents: the United States' as in the raw rows.
    const american = raw.slice(1).filter((record) => (record[at("reviewer_country")] ?? "").trim() === "United States").length;
    const byCountry = segmentTallies(read.value, { kind: "column", name: "reviewer_country" });
    expect(byCountry.size).toBeGreaterThan(60);
    expect(new Set(map.feedback.filter((f) => f.segments?.reviewer_country === "United States").map((f) => f.respondentId)).size).toBe(american);
  });
});

describe("the real Amazon Alexa reviews (long, tab-separated, no stage column)", { timeout: 30_000 }, () => {
  const text = fixture("../csv-real/amazon_alexa_reviews.tsv");

  it("imports all 3,150 reviews with the review as text, not the 0/1 feedback flag", async () => {
    const result = await importFeedbackCsv(text, { map: noMap() });
    expect([result.rows, result.imported, result.skipped]).toEqual([3150, 3150, 0]);
    expect(result.headers[result.mapping.text ?? -1]).toBe("verified_reviews");
    expect(result.detected.scale).toEqual({ min: 1, max: 5 });
    // As an analyst reads it: the variation is the touchpoint, created in the "Unassigned" stage.
    expect(result.headers[result.mapping.touchpoint ?? -1]).toBe("variation");
    expect(result.created.touchpoints).toHaveLength(16);
    expect(new Set(result.created.stages.map((s) => s.name))).toEqual(new Set(["Unassigned"]));
    // A product column of more than a few values (a shop's 30 products) is left for the person to map.
    const many = ["Product,Rating,Review", ...Array.from({ length: 120 }, (_, i) => `Item ${i % 30},${(i % 5) + 1},fine ${i}`)].join("\n");
    expect(inspectCsv(many).mapping.touchpoint).toBeNull();
  });

  it("imported twice into the same journey, every row is recognised by its content (714 repeated rows included)", async () => {
    const journey = emptyJourney("Alexa", () => 0.5);
    const first = await importFeedbackCsv(text, { map: journey, mapping: { touchpoint: 2 } });
    const after = withImportedFeedback(journey, first);
    const again = await importFeedbackCsv(text, {
      map: after,
      mapping: { touchpoint: 2 },
      alreadyImported: importedResponseKeys(after.feedback),
    });
    expect([again.rows, again.imported, again.duplicates]).toEqual([3150, 0, 3150]);
    expect(again.created.touchpoints).toEqual([]);
    expect(again.problemGroups).toHaveLength(1);
    expect(again.problemGroups[0]?.count).toBe(3150);
  });
});

describe("survey tools' wide exports", () => {
  it("SurveyMonkey: a matrix of satisfaction words and an NPS question, N/A counted as no answer", async () => {
    const text = fixture("surveymonkey-wide.csv");
    const inspection = inspectCsv(text);
    expect(inspection.shape).toBe("wide");
    const questions = inspection.columns.filter((c) => c.role === "question");
    expect(questions.map((c) => [c.shortName, c.words?.family ?? null, c.measure])).toEqual([
      ["Website", "satisfaction", null],
      ["Checkout", "satisfaction", null],
      ["Delivery", "satisfaction", null],
      ["Likelihood to recommend", null, "nps"],
    ]);
    expect(questions[0]?.words?.values["very satisfied"]).toBe(5);
    const result = await importFeedbackCsv(text, { map: noMap() });
    expect([result.rows, result.imported, result.errors.length]).toEqual([30, 30, 0]);
    const website = column(result, "How satisfied were you with each part of your order? — Website");
    expect(website.noAnswer).toEqual(expect.arrayContaining(["N/A"]));
    expect(website.noAnswers + website.ratings).toBe(30);
    // Words became numbers on 1–5: "Very satisfied" row 3 → 5.
    const row3 = result.feedback.filter((f) => f.respondentId === "114236459871");
    expect(row3.map((f) => f.rating)).toEqual([5, 2, 3, 9]);
    const nps = result.feedback.filter((f) => f.scale?.max === 10);
    expect(nps).toHaveLength(30);
    expect(result.created.touchpoints.find((t) => t.measure === "nps")?.name).toBe("Likelihood to recommend");
  });

  it("Google Forms: a grid question named by its items, \"Don't know\" is no answer", async () => {
    const result = await importFeedbackCsv(fixture("google-forms-grid.csv"), { map: noMap() });
    expect(result.created.touchpoints.map((t) => t.name)).toEqual(["Product page", "Checkout", "Delivery"]);
    expect(column(result, "Please rate the following [Product page]").noAnswer).toEqual(["Don't know"]);
    expect(result.noAnswers).toBe(5);
    expect(result.errors).toEqual([]);
    expect(result.feedback.every((f) => f.date !== null)).toBe(true);
  });

  it("Qualtrics: three header rows, a seven-point agreement block read as 1–7, the NPS question on 0–10", async () => {
    const result = await importFeedbackCsv(fixture("qualtrics-wide.csv"), { map: noMap() });
    expect(result.imported).toBe(28);
    expect(result.created.touchpoints.map((t) => t.name)).toEqual(["App is easy to use", "Support answered quickly", "Likelihood to recommend"]);
    expect(result.columns.filter((c) => c.role === "question").map((c) => c.scale)).toEqual([
      { min: 1, max: 7 },
      { min: 1, max: 7 },
      { min: 0, max: 10 },
    ]);
    expect(column(result, "Q1_1 — To what extent do you agree with the following? - The app is easy to use").words?.["somewhat agree"]).toBe(5);
    // The response id is every answer's respondent.
    expect(new Set(result.feedback.map((f) => f.respondentId)).size).toBe(28);
    expect(result.feedback[0]?.respondentId).toBe("R_00x2B3c4D5e6F");
  });

  it("Typeform: an overall 1–10 question is the outcome; the # id and Network ID columns are not questions", async () => {
    const inspection = inspectCsv(fixture("typeform-wide.csv"));
    expect(inspection.columns.map((c) => c.role)).toEqual([
      "ignore", "question", "question", "question", "question", "text", "ignore", "date", "ignore",
    ]);
    const overall = inspection.columns[4];
    expect([overall?.shortName, overall?.scale, overall?.measure]).toEqual(["Overall satisfaction", { min: 1, max: 10 }, "outcome"]);
  });

  it("guesses read values: a \"time\" question of 0–5 is no date, two satisfaction labels are no rating, an id is no touchpoint", () => {
    const inspection = inspectCsv(fixture("airline-satisfaction-wide.csv"));
    const roles = Object.fromEntries(inspection.columns.map((c) => [c.header, c.role]));
    expect(roles).toMatchObject({
      id: "responseId",
      Age: "ignore",
      "Flight Distance": "ignore",
      "Departure/Arrival time convenient": "question",
      satisfaction: "ignore",
    });
    expect(inspection.mapping.date).toBeNull();
    const time = inspection.columns.find((c) => c.header === "Departure/Arrival time convenient");
    expect([time?.scale, time?.noAnswer]).toEqual([{ min: 1, max: 5 }, ["0"]]);
  });

  it("a \"Respondent\" column numbering the people who answered is their id, not a question", async () => {
    const text = [
      "Respondent,Q1. How satisfied are you overall?,Q2. How easy was it to find what you needed?,Q3. Any other comments?",
      "1,Very satisfied,Easy,Great",
      "2,Satisfied,Very easy,",
      "3,Dissatisfied,Difficult,Search is broken",
      "4,Neutral,Neither easy nor difficult,",
      "5,Very dissatisfied,Very difficult,Could not log in",
    ].join("\n");
    const result = await importFeedbackCsv(text, { map: noMap() });
    expect(result.columns.map((c) => c.role)).toEqual(["responseId", "question", "question", "text"]);
    expect(result.created.touchpoints.map((t) => t.name)).toEqual(["Overall satisfaction", "Find what you needed"]);
    expect(result.feedback.filter((f) => f.respondentId === "3").map((f) => f.rating)).toEqual([2, 2]);
    for (const header of ["Participant", "Respondent number"]) {
      expect(inspectCsv(text.replace("Respondent", header)).columns[0]?.role, header).toBe("responseId");
    }
  });

  it("a survey's open questions are all the respondent's text, joined; a multiple-choice question is not", async () => {
    const text = [
      "Timestamp,How satisfied were you with delivery?,How satisfied were you with support?,How did you hear about us?,What did you like most?,What could we improve?",
      "3/14/2024 10:22:13,4,5,A friend,Fast delivery,Packaging",
      "3/14/2024 11:22:13,2,3,An ad,Nothing really,Answer the phone sooner",
      "3/15/2024 12:22:13,5,5,A friend,Everything about it,",
      "3/16/2024 10:22:13,3,2,A friend,The price,Support was rude",
    ].join("\n");
    const result = await importFeedbackCsv(text, { map: noMap() });
    expect(result.columns.map((c) => c.role)).toEqual(["date", "question", "question", "ignore", "text", "text"]);
    // Questions asking for the person's contact details are no open answers: they stay out of the comment.
    const contacts = [
      "How satisfied were you with delivery?,How satisfied were you with support?,What is your email address?,What is your full name?,What could we improve?",
      "4,5,anna.k@example.com,Anna Kowalska-Nowak,Packaging",
      "2,3,bob.m@example.org,Robert Miller Jr,Answer the phone sooner",
      "5,4,cleo.d@example.net,Cleopatra Dimitriou,Nothing at all really",
    ].join("\n");
    expect(inspectCsv(contacts).columns.map((c) => c.role)).toEqual(["question", "question", "ignore", "ignore", "text"]);
    expect(result.feedback.filter((f) => f.text !== "").map((f) => f.text)).toEqual([
      "Fast delivery\n\nPackaging",
      "Nothing really\n\nAnswer the phone sooner",
      "Everything about it",
      "The price\n\nSupport was rude",
    ]);
  });

  it("a survey's question about the channel keeps it a survey: every rating question read, the channel a segment", async () => {
    const rows = Array.from({ length: 12 }, (_, i) => `3/${14 + (i % 10)}/2024 10:22:13,${["Email", "Phone", "Chat"][i % 3]},${(i % 5) + 1},${((i + 2) % 5) + 1},${i % 11}`);
    const text = ["Timestamp,Which channel did you contact us through?,How satisfied were you with the answer?,How easy was it to reach us?,How likely are you to recommend us?", ...rows].join("\n");
    const inspection = inspectCsv(text);
    // Read as a long file with a touchpoint column, two of the three questions were dropped.
    expect(inspection.shape).toBe("wide");
    expect(inspection.columns.map((c) => c.role)).toEqual(["date", "segment", "question", "question", "question"]);
    // A touchpoint column named as a field still makes a file of several rating columns long.
    const long = inspectCsv(["Touchpoint,Rating,Effort", ...Array.from({ length: 12 }, (_, i) => `${["Web", "App"][i % 2]},${(i % 5) + 1},${(i % 7) + 1}`)].join("\n"));
    expect([long.shape, long.mapping.touchpoint, long.mapping.rating]).toEqual(["long", 0, 1]);
  });

  it("two questions with the same short name stay two touchpoints", async () => {
    const text = ["How likely are you to recommend our app?,How likely are you to recommend our shop?,Comment", "9,7,ok", "10,3,fine", "6,8,meh"].join("\n");
    const result = await importFeedbackCsv(text, { map: noMap() });
    expect(result.created.touchpoints.map((t) => t.name)).toEqual(["Likelihood to recommend", "Likelihood to recommend (2)"]);
    expect(result.created.touchpoints.map((t) => t.measure)).toEqual(["nps", undefined]);
    expect(result.answers).toBe(6);
  });

  it("a column of one repeated value is no rating", () => {
    const text = ["Score,Comment", ...Array.from({ length: 8 }, (_, i) => `5,comment ${i}`)].join("\n");
    expect(inspectCsv(text).mapping.rating).toBeNull();
  });

  it("a column the header names as a rating takes the place of one that holds a single value", async () => {
    // "Rating" is a constant the export tool wrote; "Score" holds the customers' answers.
    const rows = [5, 2, 4, 1, 3, 5, 2].map((score, i) => `2026-01-0${i + 1},Checkout,Web,5,${score},${i === 3 ? "" : `comment ${i}`}`);
    const text = ["Date,Stage,Touchpoint,Rating,Score,Comment", ...rows].join("\n");
    expect(inspectCsv(text).mapping.rating).toBe(4);
    const result = await importFeedbackCsv(text, { map: noMap() });
    expect([result.imported, result.rejectedRows.length]).toEqual([7, 0]);
    expect(result.feedback.map((f) => f.rating)).toEqual([5, 2, 4, 1, 3, 5, 2]);
    expect(result.columns.find((c) => c.header === "Rating")?.role).toBe("ignore");
    // With no other column named as a rating, none is taken: a number column is not a rating by its values alone.
    const unnamed = ["Date,Stage,Touchpoint,Rating,Amount,Comment", ...rows].join("\n");
    expect(inspectCsv(unnamed).mapping.rating).toBeNull();
  });
});

describe("numbers that are no rating, and ratings written as percentages", () => {
  it("a \"score\" of a forum's votes (negative, or past 100) is no rating: the posts import as texts, none as off a scale", async () => {
    const votes = [154, -3, 27, 1203, 1, -12, 2];
    const text = ["id,body,score", ...votes.map((score, i) => `t${i},post number ${i} about the app,${score}`)].join("\n");
    expect(inspectCsv(text).mapping.rating).toBeNull();
    const result = await importFeedbackCsv(text, { map: noMap() });
    expect([result.imported, result.errors.length]).toEqual([7, 0]);
    expect(result.feedback.every((f) => f.rating === null && f.text.startsWith("post number"))).toBe(true);
    // Mostly small votes, but several different negative ones: still votes.
    const small = [1, -1, 5, 12, 2, -4, 3];
    expect(inspectCsv(["id,body,score", ...small.map((score, i) => `t${i},post ${i},${score}`)].join("\n")).mapping.rating).toBeNull();
    // One negative code for "not asked" among 1–5 answers leaves the column the rating.
    const coded = [4, -99, 5, 2, 3, -99, 4];
    expect(inspectCsv(["id,body,score", ...coded.map((score, i) => `t${i},post ${i},${score}`)].join("\n")).mapping.rating).toBe(2);
  });

  it("percentages are scores on 0–100, in a long file and as a wide survey's questions", async () => {
    const long = ["Week,Satisfaction,Comment", "2024-03-04,80%,friendly", "2024-03-04,60%,queues", "2024-03-11,100%,", "2024-03-11,0%,dirty"].join("\n");
    const result = await importFeedbackCsv(long, { map: noMap() });
    expect(result.imported).toBe(4);
    expect(result.feedback.map((f) => [f.rating, f.scale?.min, f.scale?.max])).toEqual([
      [80, 0, 100],
      [60, 0, 100],
      [100, 0, 100],
      [0, 0, 100],
    ]);
    const wide = [
      "Respondent,How satisfied were you with checkout?,How satisfied were you with delivery?",
      ...[["90%", "40 %"], ["75%", "55%"], ["100%", "N/A"], ["20%", "65%"]].map(([a, b], i) => `r${i},${a},${b}`),
    ].join("\n");
    const read = await importFeedbackCsv(wide, { map: noMap() });
    expect(read.shape).toBe("wide");
    expect(read.columns.filter((c) => c.role === "question").map((c) => c.scale)).toEqual([
      { min: 0, max: 100 },
      { min: 0, max: 100 },
    ]);
    expect(read.feedback.map((f) => f.rating)).toEqual([90, 40, 75, 55, 100, 20, 65]);
  });
});

describe("the person's corrections", () => {
  const text = fixture("surveymonkey-wide.csv");

  it("a word map edited, no-answer cells listed, a question's role, name, stage and measure changed", async () => {
    const result = await importFeedbackCsv(text, {
      map: noMap(),
      columns: {
        5: { words: { "Very dissatisfied": 1, Dissatisfied: 1, "Neither satisfied nor dissatisfied": 2, Satisfied: 3, "Very satisfied": 3 }, name: "Site", stage: "Browse" },
        6: { role: "ignore" },
        7: { noAnswer: [""] },
        8: { measure: null },
      },
    });
    expect(result.created.touchpoints.map((t) => t.name)).toEqual(["Site", "Delivery", "Likelihood to recommend"]);
    expect(result.created.stages.map((s) => s.name)).toEqual(["Browse", "Unassigned"]);
    const site = column(result, "How satisfied were you with each part of your order? — Website");
    expect(site.scale).toEqual({ min: 1, max: 3 });
    expect(result.feedback.find((f) => f.respondentId === "114236459871")?.rating).toBe(3);
    // "N/A" is no longer a no-answer in Delivery: each one is reported, and its answer not counted.
    const delivery = result.problemGroups.find((g) => g.column === "How satisfied were you with each part of your order? — Delivery");
    expect(delivery?.title).toBe('"N/A" is neither a number nor a word of this question\'s scale; this answer is not counted');
    expect(delivery?.count).toBe(3);
    expect(result.created.touchpoints.some((t) => t.measure !== undefined)).toBe(false);
  });

  it("text columns joined, and fixed values for every row", async () => {
    const result = await importFeedbackCsv(fixture("app-store-reviews.csv"), {
      map: noMap(),
      textColumns: [3, 4],
      fixed: { stage: "Advocacy", touchpoint: "App", persona: "App user" },
    });
    expect(result.feedback[0]?.text).toBe("Nice\n\nWorks well, but the search is slow");
    expect(result.created.stages.map((s) => s.name)).toEqual(["Advocacy"]);
    expect(result.created.touchpoints.map((t) => t.name)).toEqual(["App"]);
    expect(result.created.personas.map((p) => p.name)).toEqual(["App user"]);
    // The Store column still names the source; a fixed source only fills empty cells.
    expect(result.feedback[1]?.source).toBe("Google Play");
  });

  it("an exact mapping reads nothing beside it", async () => {
    const result = await importFeedbackCsv(fixture("typeform-wide.csv"), { map: noMap(), exact: true, mapping: { rating: 1 } });
    expect(result.shape).toBe("long");
    expect(result.mapping).toMatchObject({ rating: 1, text: null, date: null });
    expect(result.feedback.every((f) => f.text === "" && f.date === null)).toBe(true);
  });
});

describe("word ratings in a long file", () => {
  it("Zendesk: Good/Bad is CSAT as the share of Good; Offered and Unoffered are no answer", async () => {
    const text = fixture("zendesk-satisfaction.csv");
    const result = await importFeedbackCsv(text, { map: noMap() });
    const satisfaction = column(result, "Satisfaction");
    expect(satisfaction.words).toMatchObject({ good: 5, bad: 1 });
    expect(satisfaction.noAnswer.sort()).toEqual(["Offered", "Unoffered"]);
    const cells = text.split("\r\n").slice(1, -1).map((line) => line.split(",")[2]);
    const good = cells.filter((c) => c === "Good").length;
    const bad = cells.filter((c) => c === "Bad").length;
    expect(satisfaction.noAnswers).toBe(cells.length - good - bad);
    const rated = result.feedback.filter((f) => f.rating !== null);
    expect(rated).toHaveLength(good + bad);
    expect(computeMetrics(result.feedback).csat).toBeCloseTo((100 * good) / (good + bad), 6);
    // A ticket that was offered the survey and has no comment is not a response: listed, with why.
    expect(result.rejectedRows.length).toBeGreaterThan(0);
    for (const r of result.rejectedRows) {
      expect(r.reasons[0]).toMatch(/^row \d+: has no rating and no text \("(Offered|Unoffered)" in column "Satisfaction" is no answer, column "[^"]+" is empty\): not imported$/);
    }
    expect(result.errors.some((e) => /Offered|Unoffered/.test(e.message) && !/no rating and no text/.test(e.message))).toBe(false);
  });

  it("help desks' words: Freshdesk's five faces and three answers, Help Scout's Great / Okay / Not Good; a Ticket number is no question", async () => {
    const read = async (text: string) => {
      const result = await importFeedbackCsv(text, { map: noMap() });
      return [result.shape, result.feedback.map((f) => f.rating), computeMetrics(result.feedback).csat];
    };
    expect(
      await read("Ticket ID,Rating,Feedback\n101,Extremely Happy,Quick\n102,Unhappy,Slow\n103,Neutral,\n104,Happy,\n105,Extremely Unhappy,No answer at all\n"),
    ).toEqual(["long", [5, 2, 3, 4, 1], 40]);
    expect(await read("Conversation ID,Rating,Comment\n1,Great,Thanks!\n2,Not Good,Slow\n3,Okay,\n4,Great,\n5,Not Good,Rude\n")).toEqual([
      "long", [5, 1, 3, 5, 1], 40,
    ]);
    expect(await read("Ticket,Rating,Comment\n1,Awesome,Thanks!\n2,Not Good,Slow\n3,Just Okay,\n4,Awesome,\n5,Not Good,Rude\n")).toEqual([
      "long", [5, 1, 3, 5, 1], 40,
    ]);
    // Intercom's five reactions keep their own reading (Great is the fourth of five).
    expect(await read("Rating,Remark\nTerrible,x\nBad,y\nOkay,z\nGreat,w\nAmazing,v\n")).toEqual(["long", [1, 2, 3, 4, 5], 40]);
  });

  it("\"Don't know\" and \"Not applicable\" in a rating column are no answers, not text-only responses", async () => {
    const result = await importFeedbackCsv("Rating,Comment\n4,ok\nDon't know,hm\nNot applicable,\n5,great\n", { map: noMap() });
    expect(result.feedback.map((f) => [f.rating, f.text])).toEqual([[4, "ok"], [null, "hm"], [5, "great"]]);
    expect(result.errors.map((e) => e.message)).toEqual([
      'row 4: has no rating and no text ("Not applicable" in column "Rating" is no answer, column "Comment" is empty): not imported',
    ]);
    expect(result.noAnswers).toBe(2);
  });
});

describe("hostile inputs (issue 11)", () => {
  it("one \"3/10\" among 200 fives does not make the scale 0–10, and the report says 1–5", async () => {
    const text = ["Rating,Comment", ...Array.from({ length: 200 }, (_, i) => `5,fine ${i}`), "3/10,meh"].join("\n");
    const result = await importFeedbackCsv(text, { map: noMap() });
    expect(result.detected.scale).toEqual({ min: 1, max: 5 });
    expect(column(result, "Rating").scale).toEqual({ min: 1, max: 5 });
    expect(computeMetrics(result.feedback).csat).toBe(100);
    expect(result.errors.map((e) => e.message)).toEqual(['row 202, column "Rating": "3/10" is out of 10, not on the 1–5 scale; imported as a text-only response']);
  });

  it("a trailing row named \"Overall\" with a rating and a text is a response; a \"Total\" of numbers is skipped, and said so", async () => {
    const text = "Touchpoint,Rating,Comment\nWeb,4,good\nOverall,5,Great flight\nTotal,9,\n";
    const result = await importFeedbackCsv(text, { map: noMap() });
    expect(result.feedback.map((f) => f.text)).toEqual(["good", "Great flight"]);
    expect(result.errors.map((e) => e.message)).toEqual(['row 4: looks like a summary row ("Total"), not a response: skipped']);
  });

  it("a 10,000-character name is shortened in every message that quotes it", async () => {
    const long = "Stage ".repeat(2000);
    const map = { stages: [{ id: "s1", name: long, objective: "", emotion: null }], touchpoints: [], personas: [] };
    const text = ["Stage,Rating,Comment", ...Array.from({ length: 50 }, () => `${long}x,4,ok`)].join("\n");
    const result = await importFeedbackCsv(text, { map, create: { stages: false } });
    expect(result.errors).toHaveLength(50);
    for (const error of result.errors) expect(error.message.length).toBeLessThan(300);
  });
});

describe("problems grouped by kind, none left out", () => {
  it("1,000 off-scale answers make one group of 1,000 with every row, beside a group of another kind", async () => {
    const lines = ["Service,Food,Comment"];
    for (let i = 0; i < 2000; i++) lines.push(`${(i % 5) + 1},${(i % 5) + 1},ok`);
    for (let i = 0; i < 1000; i++) lines.push(`${i % 2 === 0 ? 5 : 1},9,text`);
    lines.push("x,3,odd");
    const result = await importFeedbackCsv(lines.join("\n"), { map: noMap(), columns: { 1: { scale: { min: 1, max: 5 } } } });
    expect(result.shape).toBe("wide");
    const [first, second] = result.problemGroups;
    expect([first?.column, first?.count, first?.problems.length]).toEqual(["Food", 1000, 1000]);
    expect(first?.title).toBe('"9" is outside the 1–5 scale; this answer is not counted');
    expect([second?.column, second?.count]).toEqual(["Service", 1]);
    expect(result.problemGroups.reduce((n, g) => n + g.count, 0)).toBe(result.errors.length);
  });
});

describe("nothing hidden in the analysis", () => {
  it("responses with no stage or touchpoint have their figures, and blind spots are not complete while they exist", async () => {
    const text = "Stage,Rating,Comment\nCheckout,5,good\n,1,bad\n,2,worse\n";
    const journey = emptyJourney("x", () => 0.5);
    const result = await importFeedbackCsv(text, { map: journey });
    const analysis = analyseJourney(withImportedFeedback(journey, result));
    expect(analysis.unassigned.noStage).toMatchObject({ responses: 2, csat: 0 });
    expect(analysis.unassigned.noTouchpoint).toMatchObject({ responses: 3 });
    expect(analysis.unassigned.complete).toBe(false);
  });
});

describe("a survey of more questions than one import reads", () => {
  const survey = (questions: number) => {
    const header = ["Respondent", ...Array.from({ length: questions }, (_, q) => `Q${q + 1} How satisfied were you with part ${q + 1}?`)];
    const row = (r: number) => [`R${r}`, ...Array.from({ length: questions }, (_, q) => String(((r + q) % 5) + 1))];
    return [header, row(1), row(2), row(3)].map((cells) => cells.join(",")).join("\n");
  };

  it("is refused whole, saying how many and what to do; as many as it reads are imported", async () => {
    const refused = await importFeedbackCsv(survey(MAX_WIDE_QUESTIONS + 1), { map: noMap() });
    expect(refused.shape).toBe("wide");
    expect(refused.imported).toBe(0);
    expect(refused.feedback).toEqual([]);
    expect(refused.errors[0]?.message).toBe(
      "row 1: the file has 1,001 question columns, more than the 1,000 one import reads: choose at most 1,000 questions to import (the column table's roles, or --question)",
    );
    expect(refused.rejectedRows.map((r) => r.row)).toEqual([2, 3, 4]);
    const read = await importFeedbackCsv(survey(MAX_WIDE_QUESTIONS), { map: noMap() });
    expect(read.imported).toBe(3);
    expect(read.answers).toBe(3 * MAX_WIDE_QUESTIONS);
  });

  it("is imported once the questions are chosen", async () => {
    const columns = Object.fromEntries(Array.from({ length: 10 }, (_, q) => [q + 1, { role: "ignore" as const }]));
    const result = await importFeedbackCsv(survey(MAX_WIDE_QUESTIONS + 9), { map: noMap(), columns });
    expect(result.imported).toBe(3);
    expect(result.answers).toBe(3 * (MAX_WIDE_QUESTIONS - 1));
  });
});

describe("short names", () => {
  it.each([
    ["seat_comfort_rating", "Seat comfort"],
    ["How satisfied were you with the checkout?", "Checkout"],
    ["Please rate the following [Delivery]", "Delivery"],
    ["Q3 — How would you rate your delivery experience?", "Delivery experience"],
    ["How likely is it that you would recommend Acme to a friend or colleague?", "Likelihood to recommend"],
    ["Overall, how satisfied are you?", "Overall satisfaction"],
    ["Q1 — How satisfied are you overall?", "Overall satisfaction"],
    ["Wait Time (1-5)", "Wait Time"],
    ["Likelihood to Recommend (0–10)", "Likelihood to Recommend"],
    ["Staff friendliness [1 to 7]", "Staff friendliness"],
    ["Checkout (web)", "Checkout (web)"],
    ["Q3_1 — Please rate - Delivery", "Delivery"],
    ["Additional answers: How satisfied were you with the delivery?", "Delivery"],
    ["Rate the checkout (1 = poor, 5 = excellent)", "Checkout"],
    ["On a scale from 1 to 10, how satisfied are you with delivery?", "Delivery"],
    ["How likely are you to recommend us? (0 = not at all likely, 10 = extremely likely)", "Likelihood to recommend"],
    ["Support (phone)", "Support (phone)"],
    // Microsoft Forms: notes after the question's mark, anchors on lines of their own.
    ["How satisfied are you with the quality of school lunch? (10 is the highest)", "Quality of school lunch"],
    ["How would you rank this resource's difficulty? (Note: take a guess!)\n\n1 - Extremely simple\n5 - Very difficult", "Resource's difficulty"],
    ["Overall, how would you rate this rotation?", "Rotation"],
    ["How satisfied are you with the following? [Price]", "Price"],
    // Qualtrics' matrix item, named by its code, after the question's last " - " with no question mark.
    ["Q2_1 — Please rate each part of your stay - Front desk", "Front desk"],
    ["Q2 — Check-in - front desk", "Check-in - front desk"],
    ["Note: the delivery", "Note: the delivery"],
    ["A very long question about the many parts of the experience you had with us today", "A very long question about the many…"],
    // Examples after the question's mark are no matrix item; a question of importance starts at its subject.
    ["15. How would you rate the ambiance at Starbucks? (lighting, music, etc...)", "Ambiance at Starbucks"],
    ["How satisfied are you with the following? (Price, value)", "Following"],
    ["14. How important are sales and promotions?", "Sales and promotions"],
    // KoboToolbox's and ODK's group paths: the question's own name.
    ["group_sat/sat_waiting", "Waiting"],
    ["review_aroma", "Aroma"],
    ["rating_food", "Food"],
    ["group_open/comments", "Comments"],
    ["Was it fast/easy?", "Was it fast/easy"],
  ])("%j → %j", (header, name) => {
    expect(questionShortName(header)).toBe(name);
  });
});

describe("numbers written for no answer (99, or 9 beside 1–5)", () => {
  const answers = Array.from({ length: 60 }, (_, i) => [[1, 2, 3, 4, 5, 99][i % 6], [1, 2, 3, 4, 5, 9, 4][i % 7]] as const);
  const text = [
    "Respondent,How satisfied are you with the service?,How satisfied are you with the price?",
    ...answers.map(([service, price], i) => `r${i},${service},${price}`),
  ].join("\n");

  it("are no answers: each question keeps its 1–5 scale, and the file stays a wide survey", async () => {
    const result = await importFeedbackCsv(text, { map: noMap() });
    expect(result.shape).toBe("wide");
    const questions = result.columns.filter((c) => c.role === "question");
    expect(questions.map((c) => [c.scale, c.noAnswer.includes("99") || c.noAnswer.includes("9")])).toEqual([
      [{ min: 1, max: 5 }, true],
      [{ min: 1, max: 5 }, true],
    ]);
    const coded = answers.filter(([service]) => service === 99).length + answers.filter(([, price]) => price === 9).length;
    expect([result.answers, result.noAnswers]).toEqual([120 - coded, coded]);
    // No problem but the rows that answered nothing (both coded, no text).
    const none = answers.flatMap(([service, price], i) => (service === 99 && price === 9 ? [i + 2] : []));
    expect(result.errors.map((e) => [e.row, e.message])).toEqual(none.map((row) => [row, `row ${row}: has no answer to any question and no text: not imported`]));
    expect(result.feedback.every((f) => f.rating !== null && f.rating <= 5)).toBe(true);
    // Listed by the person, the no-answers are theirs alone: 99 is then an answer off the scale.
    const listed = await importFeedbackCsv(text, { map: noMap(), columns: { 1: { noAnswer: ["N/A"], scale: { min: 1, max: 5 } } } });
    expect(listed.errors.filter((e) => e.message.includes('"99"'))).toHaveLength(answers.filter(([service]) => service === 99).length);
  });

  it("a 9 among answers that reach 8 or 10, or in a short column, is an answer", () => {
    const tenPoint = inspectCsv(["id,How satisfied are you?", ...Array.from({ length: 40 }, (_, i) => `r${i},${(i % 10) + 1}`)].join("\n"));
    expect(tenPoint.columns[1]?.noAnswerCode).toBeNull();
    const short = inspectCsv(["id,How satisfied are you?,How easy was it?", ...[[1, 2], [5, 9], [3, 4], [9, 5]].map(([a, b], i) => `r${i},${a},${b}`)].join("\n"));
    expect(short.columns.map((c) => c.noAnswerCode)).toEqual([null, null, null]);
  });
});

describe("a form tool's own columns", () => {
  it("KoboToolbox's row index is no question, though it counts 1, 2, 3, 4", () => {
    const rows = [[2, 4, 1], [4, 5, 2], [1, 3, 3], [5, 5, 4]].map((row, i) => `uuid-${i},${row.join(",")}`);
    const inspected = inspectCsv(["_uuid,group_sat/sat_waiting,group_sat/sat_staff,_index", ...rows].join("\n"));
    expect(inspected.columns.map((c) => c.role)).toEqual(["ignore", "question", "question", "ignore"]);
  });
});

describe("a question asking how likely, without asking to recommend", () => {
  it("is read on the scale its answers keep to, and is no NPS question; one asking to recommend is", async () => {
    const answers = [[4, 3, 9], [3, 2, 10], [2, 4, 7], [4, 5, 8], [3, 3, 6]];
    const text = [
      "Respondent,How likely are you to choose us for a meeting?,How satisfied were you with the service?,How likely are you to recommend us?",
      ...answers.map((row, i) => `r${i},${row.join(",")}`),
    ].join("\n");
    const result = await importFeedbackCsv(text, { map: noMap() });
    const questions = result.columns.filter((c) => c.role === "question");
    expect(questions.map((c) => [c.scale, c.measure])).toEqual([
      [{ min: 1, max: 5 }, null],
      [{ min: 1, max: 5 }, null],
      [{ min: 0, max: 10 }, "nps"],
    ]);
  });
});

describe("a column naming a kind of customer, traveller or plan", () => {
  const rows = (header: string, values: readonly string[]) =>
    [
      `Response ID,Submitted,Rating,Comment,${header}`,
      ...Array.from({ length: 40 }, (_, i) => `R${i + 1},2025-03-${String((i % 28) + 1).padStart(2, "0")},${(i % 5) + 1},Fine,${values[i % values.length]}`),
    ].join("\n");

  it("is the segment when it holds a few short words", () => {
    for (const [header, values] of [
      ["Traveller type", ["Business", "Solo Leisure", "Family Leisure"]],
      ["Plan", ["Free", "Pro", "Team"]],
      ["customer_tier", ["Gold", "Silver"]],
      ["Type of trip", ["Leisure", "Business"]],
    ] as const) {
      const inspection = inspectCsv(rows(header, values));
      expect(inspection.headers[inspection.mapping.persona ?? -1], header).toBe(header);
    }
  });

  it("is not the segment when its cells are many different texts, or when nothing says it is about a person", () => {
    const texts = Array.from({ length: 40 }, (_, i) => `Upgraded after the ${i + 1}th month because the old plan ran out`);
    expect(inspectCsv(rows("Plan", texts)).mapping.persona).toBeNull();
    expect(inspectCsv(rows("Seat type", ["Economy", "Business", "First"])).mapping.persona).toBeNull();
  });
});

describe("a wide export whose respondents repeat (two exports joined into one)", () => {
  const text = fixture("surveymonkey-wide.csv");
  const lines = text.split(/\r?\n/).filter((line) => line !== "");
  // The second export starts again from the third respondent; one of them edited an answer (7 → 6).
  const again = lines.slice(4, 9);
  const edited = (again[1] ?? "").replace(/,7,/, ",6,");
  const joined = [...lines, again[0], edited, ...again.slice(2)].join("\r\n");

  it("imports each respondent once and reports every repeated id, grouped, with the row it repeats", async () => {
    const once = await importFeedbackCsv(text, { map: noMap() });
    const result = await importFeedbackCsv(joined, { map: noMap() });
    expect(result.shape).toBe("wide");
    expect([result.rows, result.imported, result.skipped, result.duplicates]).toEqual([once.rows + 5, once.imported, 5, 5]);
    expect(result.answers).toBe(once.answers);
    // A skipped row's unanswered questions are not counted either.
    expect(result.noAnswers).toBe(once.noAnswers);
    expect(result.columns.map((c) => c.noAnswers)).toEqual(once.columns.map((c) => c.noAnswers));
    expect(new Set(result.feedback.map((f) => f.respondentId)).size).toBe(once.imported);
    const same = result.problemGroups.find((g) => g.title.includes("same response id and answers"));
    expect(same?.count).toBe(4);
    expect(same?.problems[0]?.message).toBe(
      `row ${lines.length + 1}, column "Respondent ID": response "${again[0]?.split(",")[0]}" repeats row 5 (same response id and answers): skipped as a duplicate`,
    );
    expect(edited).not.toBe(again[1]);
    const other = result.problemGroups.find((g) => g.title.includes("other answers"));
    expect(other?.count).toBe(1);
    expect(other?.problems[0]?.row).toBe(lines.length + 2);
    // Every skipped row can be exported, fixed and imported again.
    expect(result.rejectedRows.map((r) => r.row)).toEqual([1, 2, 3, 4, 5].map((k) => lines.length + k));
  });

  it("reads a guessed id column that repeats on most rows as no id, as in a long file", async () => {
    // Every respondent written with the collector's id in the first column.
    const collector = lines.map((line, i) => (i < 2 ? line : line.replace(/^\d+,/, "431998120,"))).join("\r\n");
    const result = await importFeedbackCsv(collector, { map: noMap() });
    expect(result.imported).toBe(lines.length - 2);
    expect(result.duplicates).toBe(0);
    expect(result.problemGroups.some((g) => g.title.includes("repeats its values"))).toBe(true);
    expect(new Set(result.feedback.map((f) => f.respondentId)).size).toBe(lines.length - 2);
  });
});

describe("a wide row whose every answer falls off its question's scale, found once every row is read", () => {
  // 150 respondents on 1–5 and one typo row (9 and 8, under 1 % of each column), without text: its
  // answers are not counted, so the row is rejected, its cells as written (a quoted comma, empty cells).
  const lines = ["Respondent,Segment,How satisfied were you with checkout?,How satisfied were you with delivery?,Comment"];
  for (let i = 0; i < 150; i++) lines.push(`P${i},Plan ${i % 3},${(i % 5) + 1},${((i + 2) % 5) + 1},${i % 4 === 0 ? "Fine" : ""}`);
  lines.splice(40, 0, 'P-typo,"Pro, yearly",9,8,');
  const text = `${lines.join("\r\n")}\r\n`;

  it("is listed with its cells as the file writes them and why, and nothing of it is imported", async () => {
    const result = await importFeedbackCsv(text, { map: noMap() });
    expect(result.shape).toBe("wide");
    expect(result.imported).toBe(150);
    expect(result.rejectedRows).toEqual([
      {
        row: 41,
        cells: ["P-typo", "Pro, yearly", "9", "8", ""],
        reasons: [
          "row 41: has no answer on its questions' scales and no text: not imported",
          'row 41, column "How satisfied were you with checkout?": "9" is outside the 1–5 scale; this answer is not counted',
          'row 41, column "How satisfied were you with delivery?": "8" is outside the 1–5 scale; this answer is not counted',
        ],
      },
    ]);
    expect(result.feedback.some((f) => f.respondentId === "P-typo")).toBe(false);
  });
});

describe("the kind of a wide row's answers", () => {
  it("is the row's kind cell, else the caller's kind, else what the row's source is called, row by row", async () => {
    const sources = ["App Store", "App Store", "Zendesk", "", "App Store", "Typeform"];
    const kinds = ["", "interview", "", "", "", "nonsense"];
    const lines = ["Respondent,Source,Kind,How satisfied were you with checkout?,How satisfied were you with delivery?"];
    for (let i = 0; i < 30; i++) lines.push(`P${i},${sources[i % 6]},${kinds[i % 6]},${(i % 5) + 1},${((i + 1) % 5) + 1}`);
    const text = lines.join("\r\n");
    const mapping = { responseId: 0, source: 1, kind: 2 };
    const byRespondent = (result: CsvImportResult) => {
      const kindOf = new Map<string, string>();
      for (const item of result.feedback) {
        expect(kindOf.get(item.respondentId ?? "") ?? item.kind).toBe(item.kind);
        kindOf.set(item.respondentId ?? "", item.kind);
      }
      return Array.from({ length: 6 }, (_, i) => kindOf.get(`P${i}`));
    };
    const guessed = await importFeedbackCsv(text, { map: noMap(), mapping, shape: "wide" });
    expect(guessed.shape).toBe("wide");
    expect(guessed.answers).toBe(60);
    expect(byRespondent(guessed)).toEqual(["review", "interview", "support", "survey", "review", "form"]);
    const given = await importFeedbackCsv(text, { map: noMap(), mapping, shape: "wide", kind: "social" });
    expect(byRespondent(given)).toEqual(["social", "interview", "social", "social", "social", "social"]);
  });
});
