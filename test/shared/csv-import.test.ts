/**
 * The import's behaviour beyond single formats: matching names to the map's entities, options,
 * decisions that wait for the whole file, slicing with progress, ids, and the accounting of rows.
 */
import { describe, expect, it } from "vitest";
import { compoundScore } from "../../shared/sentiment";
import { type CsvImportProgress, type CsvImportResult, TooManyNewStagesError, contentKey, createHostTurns, importFeedbackCsv, importedResponseKeys, inspectCsv, responseKey } from "../../shared/csv";
import { createDefaultIdMaker } from "../../shared/csv/import";
import {
  blankPersona,
  type JourneyMap,
  type Persona,
  type Stage,
  type Touchpoint,
  Feedback,
  Id,
  createJourneyMap,
  parseJourneyMap,
} from "../../shared/model";

type Entities = Pick<JourneyMap, "stages" | "touchpoints" | "personas">;

const none: Entities = { stages: [], touchpoints: [], personas: [] };

function stage(id: string, name: string): Stage {
  return { id, name, objective: "", emotion: null };
}

function touchpoint(id: string, stageId: string, name: string): Touchpoint {
  return { id, stageId, name, channel: "other", digital: false, importance: 3 };
}

function persona(id: string, name: string): Persona {
  return blankPersona(id, name);
}

/** How many times a zero-delay timer, started again each time it runs, ran while `work` did. */
async function timerTicksDuring(work: () => Promise<void>): Promise<number> {
  let ticks = 0;
  let running = true;
  const tick = (): void => {
    ticks++;
    if (running) setTimeout(tick, 0);
  };
  setTimeout(tick, 0);
  await work();
  running = false;
  return ticks;
}

function counter(): (prefix: string) => string {
  let n = 0;
  return (prefix) => `${prefix}_${++n}`;
}

function messages(result: CsvImportResult): string[] {
  return result.errors.map((e) => e.message);
}

describe("matching names to the map", () => {
  const map: Entities = {
    stages: [stage("s_checkout", "Checkout"), stage("s_support", "After sales support")],
    touchpoints: [
      touchpoint("t_pay", "s_checkout", "Payment page"),
      touchpoint("t_mail_checkout", "s_checkout", "Email"),
      touchpoint("t_mail_support", "s_support", "Email"),
    ],
    personas: [persona("p_parent", "Busy Parent")],
  };

  it("matches stages, touchpoints and personas case- and space-insensitively", async () => {
    const text = [
      "Rating,Comment,Stage,Touchpoint,Persona",
      "4,a, checkout,payment PAGE,busy parent",
      "5,b,CHECKOUT ,  Payment   page ,BUSY  PARENT",
      "3,c,after   sales SUPPORT,email,",
    ].join("\n");
    const result = await importFeedbackCsv(text, { map, create: { stages: false, touchpoints: false, personas: false } });
    expect(result.errors).toEqual([]);
    expect(result.feedback.map((f) => [f.stageId, f.touchpointId, f.personaId])).toEqual([
      ["s_checkout", "t_pay", "p_parent"],
      ["s_checkout", "t_pay", "p_parent"],
      ["s_support", "t_mail_support", null],
    ]);
  });

  it("takes the stage from a touchpoint whose name is unique, refuses to guess when it is not, and puts a new one in an Unassigned stage", async () => {
    const text = "Rating,Comment,Touchpoint\n4,a,Payment page\n5,b,Email\n3,c,Fax\n2,d,fax\n";
    const result = await importFeedbackCsv(text, { map });
    const [unassigned] = result.created.stages;
    const [fax] = result.created.touchpoints;
    expect(result.created.stages.map((s) => s.name)).toEqual(["Unassigned"]);
    expect(result.created.touchpoints.map((t) => [t.name, t.stageId])).toEqual([["Fax", unassigned?.id]]);
    expect(result.feedback.map((f) => [f.stageId, f.touchpointId])).toEqual([
      ["s_checkout", "t_pay"],
      [unassigned?.id, fax?.id],
      [unassigned?.id, fax?.id],
    ]);
    expect(messages(result)).toEqual([
      'row 3, column "Touchpoint": the touchpoint "Email" is in 2 stages, and the row names no stage to tell which; not imported',
    ]);
  });

  it("a touchpoint the map lacks, in a file without stages, is created rather than refusing the row", async () => {
    const { readFileSync } = await import("node:fs");
    const text = readFileSync(new URL("../fixtures/csv-real/amazon_alexa_reviews.tsv", import.meta.url), "utf8");
    const touchpoint = inspectCsv(text).headers.indexOf("variation");
    const result = await importFeedbackCsv(text, { map: { stages: [], touchpoints: [], personas: [] }, mapping: { touchpoint } });
    expect([result.rows, result.imported, result.skipped]).toEqual([3150, 3150, 0]);
    expect(result.created.stages.map((s) => s.name)).toEqual(["Unassigned"]);
    expect(result.created.touchpoints.length).toBe(16);
    expect(result.created.touchpoints.map((t) => t.name)).toContain("Charcoal Fabric");
  });

  it("creates unknown names in order of first appearance, touchpoints under the row's stage", async () => {
    const text = [
      "Rating,Comment,Stage,Touchpoint,Persona",
      "4,a,Delivery,Courier SMS,Student",
      "5,b,delivery,Tracking page,",
      "3,c,Checkout,Courier SMS,student",
      "2,d,Returns,Returns portal,Retiree",
    ].join("\n");
    const result = await importFeedbackCsv(text, { map, makeId: counter() });
    expect(result.created.stages).toEqual([stage("stage_1", "Delivery"), stage("stage_9", "Returns")]);
    expect(result.created.touchpoints.map((t) => [t.id, t.stageId, t.name, t.channel, t.digital, t.importance])).toEqual([
      ["touchpoint_2", "stage_1", "Courier SMS", "phone", false, 3],
      ["touchpoint_5", "stage_1", "Tracking page", "other", false, 3],
      ["touchpoint_7", "s_checkout", "Courier SMS", "phone", false, 3],
      ["touchpoint_10", "stage_9", "Returns portal", "web", true, 3],
    ]);
    expect(result.created.personas.map((p) => [p.id, p.name])).toEqual([
      ["persona_3", "Student"],
      ["persona_11", "Retiree"],
    ]);
    expect(result.feedback.map((f) => f.personaId)).toEqual(["persona_3", null, "persona_3", "persona_11"]);
  });

  it("reports unknown names as errors when creating is off, naming what the map has", async () => {
    const text = "Rating,Comment,Stage,Touchpoint,Persona\n4,a,Chekout,,\n5,b,Checkout,Wallet,\n3,c,,,Student\n";
    const result = await importFeedbackCsv(text, { map, create: { stages: false, touchpoints: false, personas: false } });
    expect(result.imported).toBe(0);
    expect(messages(result)).toEqual([
      'row 2, column "Stage": no stage is named "Chekout" (the map has: Checkout, After sales support); not imported',
      'row 3, column "Touchpoint": stage "Checkout" has no touchpoint named "Wallet"; not imported',
      'row 4, column "Persona": no persona is named "Student" (the map has: Busy Parent); not imported',
    ]);
    expect(result.created).toEqual({ stages: [], touchpoints: [], personas: [] });
  });

  it("gives a map that passes the model's checks once the new entities and feedback are added", async () => {
    const base = createJourneyMap("Shop");
    const text = "Date,Rating,Comment,Stage,Touchpoint,Persona,Source\n2024-03-05,4,ok,Onboarding,Welcome email,Student,App Store\n,,just text,Checkout,Cart,,\n";
    const result = await importFeedbackCsv(text, { map: base });
    const merged: JourneyMap = {
      ...base,
      stages: [...base.stages, ...result.created.stages],
      touchpoints: [...base.touchpoints, ...result.created.touchpoints],
      personas: [...base.personas, ...result.created.personas],
      feedback: result.feedback,
    };
    expect(parseJourneyMap(merged)).toMatchObject({ ok: true });
    // "Onboarding" is a default stage: matched, not created.
    expect(result.created.stages.map((s) => s.name)).toEqual(["Checkout"]);
  });
});

describe("options", () => {
  it("takes mapping corrections, keeping the rest of the guess", async () => {
    const text = "Note,Rating,Comment,Stage\ninternal,4,Fine,Decision\n";
    const guessed = await importFeedbackCsv(text, { map: none });
    expect(guessed.feedback[0]).toMatchObject({ text: "Fine", stageId: expect.any(String) });
    const corrected = await importFeedbackCsv(text, { map: none, mapping: { text: 0, stage: null } });
    expect(corrected.mapping).toMatchObject({ rating: 1, text: 0, stage: null });
    expect(corrected.feedback[0]).toMatchObject({ text: "internal", stageId: null });
  });

  it("refuses a mapping to a column the file does not have", async () => {
    await expect(importFeedbackCsv("Rating\n4\n", { map: none, mapping: { text: 3 } })).rejects.toThrow(
      "mapping.text is column 3, but the file has columns 0 to 0",
    );
  });

  it("uses a given scale instead of inferring one", async () => {
    const text = "Rating,Comment\n4,a\n7,b\n";
    expect((await importFeedbackCsv(text, { map: none })).detected.scale).toEqual({ min: 1, max: 7 });
    const given = await importFeedbackCsv(text, { map: none, scale: { min: 1, max: 5 } });
    expect(given.feedback.map((f) => [f.rating, f.scale])).toEqual([
      [4, { min: 1, max: 5 }],
      [null, null],
    ]);
    expect(messages(given)).toEqual(['row 3, column "Rating": "7" is outside the 1–5 scale; imported as a text-only response']);
  });

  it("reads a per-row scale column, and reports one it cannot read", async () => {
    const text = "Rating,Scale,Comment\n9,0–10,nps\n4,1-5,csat\n6,1–7,ces\n3,lots,?\n";
    const result = await importFeedbackCsv(text, { map: none });
    expect(result.feedback.map((f) => [f.rating, f.scale])).toEqual([
      [9, { min: 0, max: 10 }],
      [4, { min: 1, max: 5 }],
      [6, { min: 1, max: 7 }],
      [3, { min: 1, max: 5 }],
    ]);
    expect(messages(result)).toEqual([
      'row 5, column "Scale": "lots" is not a scale like "1–5" or "0–10"; the file\'s scale is used',
    ]);
  });

  it("reads a kind column, guesses the kind from the source, or takes it from the options", async () => {
    const text = "Rating,Comment,Source,Kind\n4,a,Trustpilot,\n5,b,Zendesk,\n3,c,,Interview\n2,d,,podcast\n";
    const result = await importFeedbackCsv(text, { map: none });
    expect(result.feedback.map((f) => f.kind)).toEqual(["review", "support", "interview", "survey"]);
    expect(messages(result)).toEqual([
      'row 5, column "Kind": "podcast" is not a feedback kind (survey, interview, review, social, support, form); guessed instead',
    ]);
    const told = await importFeedbackCsv(text, { map: none, kind: "form", mapping: { kind: null } });
    expect(told.feedback.map((f) => f.kind)).toEqual(["form", "form", "form", "form"]);
  });

  it("reports an unreadable date and keeps the row", async () => {
    const result = await importFeedbackCsv("Date,Rating\nsoon,4\n", { map: none });
    expect(result.feedback.map((f) => [f.date, f.rating])).toEqual([[null, 4]]);
    expect(messages(result)).toEqual([
      'row 2, column "Date": "soon" is not a date (write it like 2024-03-05, 03/05/2024 or 5 March 2024); left empty',
    ]);
  });
});

describe("a limit on new stages (a comment column taken for the stage)", () => {
  const survey = (stages: number, rows = 300) =>
    ["Stage,Rating,Comment", ...Array.from({ length: rows }, (_, i) => `Felt rushed at step ${i % stages},${1 + (i % 5)},ok`)].join("\n");

  it("stops the import as the rows would pass it, naming the first new stages, and imports nothing", async () => {
    let turns = 0;
    // 20,000 rows (600 kB): the first 256 kB are read before their columns are guessed and they are imported.
    const importing = importFeedbackCsv(
      survey(120, 20_000),
      { map: none, maxNewStages: 50 },
      { rowsPerSlice: 1000, yieldToHost: async () => void turns++ },
    );
    await expect(importing).rejects.toBeInstanceOf(TooManyNewStagesError);
    await importing.catch((error: TooManyNewStagesError) => {
      expect(error.count).toBe(51);
      expect(error.examples).toEqual(["Felt rushed at step 0", "Felt rushed at step 1", "Felt rushed at step 2"]);
      expect(error.message).toMatch(/more than 50 stages/);
    });
    // It stopped at row 52, once the first records were imported, not after reading the whole file (20 turns).
    expect(turns).toBeLessThan(12);
  });

  it("imports as usual within the limit, the map's own stages not counted", async () => {
    const map = { ...none, stages: [{ id: "stage_0", name: "Felt rushed at step 0", objective: "", emotion: null }] };
    const result = await importFeedbackCsv(survey(51), { map, maxNewStages: 50 });
    expect(result.imported).toBe(300);
    expect(result.created.stages).toHaveLength(50);
  });
});

describe("decisions that wait for the whole file", () => {
  // A 0 among 1–5 ratings is "no answer" (Skytrax, many survey tools write 0 for "not rated"), as in a
  // wide file: it no longer widens the scale to 0–10, which would have moved every rating before it.
  it("a 0 in the last row among 1–5 ratings is no answer: the scale stays 1–5 for every row before it", async () => {
    const rows = Array.from({ length: 50 }, (_, i) => `${1 + (i % 5)},r${i}`);
    const text = `Rating,Comment\n${rows.join("\n")}\n0,last\n`;
    const result = await importFeedbackCsv(text, { map: none }, { rowsPerSlice: 7, yieldToHost: () => Promise.resolve() });
    expect(result.detected.scale).toEqual({ min: 1, max: 5 });
    expect(result.errors).toEqual([]);
    expect(result.feedback.slice(0, 50).every((f) => f.scale?.max === 5 && f.scale.min === 1)).toBe(true);
    // The row keeps its text, without a rating and without a problem: no answer is not an error.
    expect(result.feedback.at(-1)).toMatchObject({ text: "last", rating: null, scale: null });
    expect(result).toMatchObject({ rows: 51, imported: 51, skipped: 0, noAnswers: 1 });
    expect(result.columns[0]).toMatchObject({ header: "Rating", scale: { min: 1, max: 5 }, noAnswer: ["0"], noAnswers: 1, ratings: 50 });
  });

  it("0s among 1–5 ratings are counted as no answers with N/A, and a row with only a 0 says why it is not imported", async () => {
    const text = "Rating,Comment\n4,a\n0,b\nN/A,c\n5,\n0,\n2,d\n";
    const result = await importFeedbackCsv(text, { map: none });
    expect(result.detected.scale).toEqual({ min: 1, max: 5 });
    expect(result.feedback.map((f) => [f.rating, f.text])).toEqual([[4, "a"], [null, "b"], [null, "c"], [5, ""], [2, "d"]]);
    expect(result.noAnswers).toBe(3);
    expect(result.columns[0]).toMatchObject({ noAnswer: ["N/A", "0"], noAnswers: 3, ratings: 3 });
    expect(result.rejectedRows).toEqual([
      {
        row: 6,
        cells: ["0", ""],
        reasons: ['row 6: has no rating and no text ("0" in column "Rating" is no answer below the 1–5 scale): not imported'],
      },
    ]);
    expect(messages(result)).toEqual(['row 6: has no rating and no text ("0" in column "Rating" is no answer below the 1–5 scale): not imported']);
  });

  it("a file whose 0s were no answers, imported again, adds nothing (by content and by response id)", async () => {
    for (const text of ["Rating,Comment\n4,a\n0,b\n5,c\n", "Response ID,Rating,Comment\nR1,4,a\nR2,0,b\nR3,5,c\n"]) {
      const first = await importFeedbackCsv(text, { map: none });
      expect(first.feedback.map((f) => f.rating)).toEqual([4, null, 5]);
      const again = await importFeedbackCsv(text, { map: none, alreadyImported: importedResponseKeys(first.feedback) });
      expect(again).toMatchObject({ imported: 0, skipped: 3, duplicates: 3 });
    }
  });

  it("a rare 0 among review scores of 1 to 10 is no answer on a 1–10 scale, not a reason to read every score on 0–10", async () => {
    const airlines = ["Air France", "Emirates", "KLM", "Lufthansa"];
    const rows = Array.from({ length: 120 }, (_, i) => {
      const score = i === 77 ? 0 : 1 + ((i * 7) % 10);
      return `RV-${1000 + i},2022-07-${String((i % 28) + 1).padStart(2, "0")},${airlines[i % 4]},${score},"Flight ${i + 1}: crew were ${score > 5 ? "kind" : "rude"}"`;
    });
    const text = `Review ID,Review date,Airline,Overall score,Review\n${rows.join("\n")}\n`;
    const result = await importFeedbackCsv(text, { map: none });
    expect(result.shape).toBe("long");
    expect(result.detected.scale).toEqual({ min: 1, max: 10 });
    expect(result.errors).toEqual([]);
    expect(result).toMatchObject({ rows: 120, imported: 120, skipped: 0, noAnswers: 1 });
    expect(result.feedback[77]).toMatchObject({ rating: null, scale: null, text: "Flight 78: crew were rude" });
    expect(result.feedback.filter((f) => f.rating !== null).every((f) => f.scale?.min === 1 && f.scale.max === 10)).toBe(true);
    expect(result.columns[3]).toMatchObject({ header: "Overall score", scale: { min: 1, max: 10 }, noAnswer: ["0"], noAnswers: 1, ratings: 119 });
  });

  it("0s beside ratings of 6–10 are answers of a 0–10 question, not no answers", async () => {
    const text = "Score,Comment\n0,a\n9,b\n10,c\n0,d\n6,e\n3,f\n";
    const result = await importFeedbackCsv(text, { map: none });
    expect(result.detected.scale).toEqual({ min: 0, max: 10 });
    expect(result.feedback.map((f) => f.rating)).toEqual([0, 9, 10, 0, 6, 3]);
    expect(result.errors).toEqual([]);
    expect(result.noAnswers).toBe(0);
    expect(result.columns[0]).toMatchObject({ noAnswer: [], noAnswers: 0, ratings: 6 });
  });

  it("a rating column whose no-answer cells the person listed reads a 0 as a rating off the 1–5 scale", async () => {
    const text = "Rating,Comment\n4,a\n0,b\n5,c\n";
    const result = await importFeedbackCsv(text, { map: none, columns: { 0: { noAnswer: ["N/A"] } } });
    expect(result.detected.scale).toEqual({ min: 1, max: 5 });
    expect(result.noAnswers).toBe(0);
    expect(messages(result)).toEqual(['row 3, column "Rating": "0" is outside the 1–5 scale; imported as a text-only response']);
  });

  it("an off-scale rating found at the end rejects a row without text, and drops what only that row created", async () => {
    const text = "Rating,Comment,Stage\n4,a,Decision\n5,,Decision\n44,,Typo stage\n3,,Retention\n";
    const result = await importFeedbackCsv(text, { map: none });
    expect(result.detected.scale).toEqual({ min: 1, max: 5 });
    expect(result.feedback.map((f) => f.rating)).toEqual([4, 5, 3]);
    expect(result.created.stages.map((s) => s.name)).toEqual(["Decision", "Retention"]);
    expect(result.rejectedRows).toEqual([
      {
        row: 4,
        cells: ["44", "", "Typo stage"],
        reasons: ['row 4, column "Rating": "44" is outside the 1–5 scale, and the row has no text either: not imported'],
      },
    ]);
    expect(result).toMatchObject({ rows: 4, imported: 3, skipped: 1 });
  });

  it("rows rejected at the end are listed with their cells, read again from a large file in parts", async () => {
    // 12,000 rows (about 600 kB: several parts), quoted line breaks and a stray quote before them, a repeated
    // response and ratings off the scale in rows without text far into the file.
    const lines = ["ID,Rating,Comment,Stage"];
    const expected = new Map<number, string[]>();
    for (let i = 0; i < 12_000; i++) {
      const row = lines.length + 1;
      if (i === 5) lines.push(`R-${i},4,"two\nlines, and ""quotes""",Decision`);
      else if (i === 6) lines.push(`R-${i},4,"Fast" delivery? Not really,Decision`);
      else if (i % 2999 === 2998) {
        lines.push(`R-${i},${40 + i},,Stage ${i}`);
        expected.set(row, [`R-${i}`, String(40 + i), "", `Stage ${i}`]);
      } else if (i === 11_000) {
        lines.push(lines[1_001] as string);
        expected.set(row, (lines[1_001] as string).split(","));
      } else lines.push(`R-${i},${(i % 5) + 1},comment ${"x".repeat(i % 40)} ${i},Decision`);
    }
    const text = `${lines.join("\r\n")}\r\n`;
    const progress: CsvImportProgress[] = [];
    const result = await importFeedbackCsv(text, { map: none }, { rowsPerSlice: 2_000, onProgress: (p) => progress.push(p) });
    expect(result.detected.scale).toEqual({ min: 1, max: 5 });
    expect(new Map(result.rejectedRows.map((rejected) => [rejected.row, rejected.cells]))).toEqual(expected);
    // The second reading says so, from the text's start to its end (a panel's bar would otherwise stay full).
    const again = progress.filter((p) => p.again === true);
    expect(progress.indexOf(again[0] as CsvImportProgress)).toBe(progress.length - again.length);
    expect(again[0]?.done).toBeLessThan(text.length / 2);
    expect(again.at(-1)).toEqual({ done: text.length, total: text.length, rows: 12_000, again: true });
    expect(result.duplicates).toBe(1);
    expect(result.feedback.find((f) => f.responseId === "R-5")?.text).toBe('two\nlines, and "quotes"');
  });

  it("ratings out of another N than the file's are reported", async () => {
    const result = await importFeedbackCsv("Rating,Comment\n4/5,a\n3/5,b\n8/10,c\n", { map: none });
    expect(result.detected.scale).toEqual({ min: 1, max: 5 });
    expect(messages(result)).toEqual([
      'row 4, column "Rating": "8/10" is out of 10, not on the 1–5 scale; imported as a text-only response',
    ]);
  });

  it("dates written both day first and month first leave the ambiguous ones empty, saying why", async () => {
    const text = "Date,Rating\n13/03/2024,4\n03/14/2024,4\n05/06/2024,4\n";
    const result = await importFeedbackCsv(text, { map: none });
    expect(result.feedback.map((f) => f.date)).toEqual(["2024-03-13", "2024-03-14", null]);
    expect(messages(result)).toEqual([
      'row 4, column "Date": "05/06/2024" could be 5 June 2024 (day first) or 6 May 2024 (month first), and this column writes dates both ways (row 2 is day first, row 3 month first); left empty (choose the date order to import it)',
    ]);
  });

  it("a 'Total' row in the middle of the file is a response; at the end, it is skipped", async () => {
    const text = "Stage,Rating,Comment\nTotal,4,oddly named stage\nDecision,5,fine\nTotal,9,\n\n";
    const result = await importFeedbackCsv(text, { map: none });
    expect(result.feedback.map((f) => f.rating)).toEqual([4, 5]);
    expect(messages(result)).toEqual(['row 4: looks like a summary row ("Total"), not a response: skipped']);
    expect(result.blankRows).toBe(1);
  });
});

describe("a rating column holding several surveys (NPS, CSAT, CES)", () => {
  const surveys = (rows: string[]) => `Survey,Rating,Comment\n${rows.join("\n")}\n`;

  it("each survey's own rules: a 0 is an NPS detractor but no answer below CSAT's 1–5; a word is no number on its survey's scale", async () => {
    const text = surveys(["NPS,0,too dear", "NPS,9,", "NPS,10,", "CSAT,4,ok", "CSAT,0,skipped it", "CSAT,5,", "CES,6,", "CES,high,effort?"]);
    const result = await importFeedbackCsv(text, { map: none });
    expect(result.feedback.map((f) => [f.rating, f.scale === null ? null : `${f.scale.min}–${f.scale.max}`])).toEqual([
      [0, "0–10"],
      [9, "0–10"],
      [10, "0–10"],
      [4, "1–5"],
      [null, null],
      [5, "1–5"],
      [6, "1–7"],
      [null, null],
    ]);
    expect(result.noAnswers).toBe(1);
    expect(result.errors.map((e) => e.message)).toEqual(['row 9, column "Rating": "high" is not a number on a 1–7 scale; imported as a text-only response']);
  });

  it("scales given for some surveys are theirs, an answer off its survey's scale is reported; the others are inferred", async () => {
    const text = surveys(["NPS,3,", "NPS,4,", "CSAT,4,fine", "CSAT,7,great", "Effort,2,"]);
    const result = await importFeedbackCsv(text, { map: none, scaleBy: { column: 0, scales: { nps: { min: 0, max: 10 }, CSAT: { min: 1, max: 5 } } } });
    expect(result.feedback.map((f) => [f.rating, f.scale?.max ?? null])).toEqual([
      [3, 10],
      [4, 10],
      [4, 5],
      [null, null],
      [2, 7],
    ]);
    expect(result.errors.map((e) => e.message)).toEqual(['row 5, column "Rating": "7" is outside the 1–5 scale; imported as a text-only response']);
    // Inferred from its answers alone, NPS would have been 1–5.
    const inferred = await importFeedbackCsv(text, { map: none, scaleBy: { column: 0 } });
    expect(inferred.feedback[0]?.scale).toEqual({ min: 0, max: 10 });
    expect(inferred.feedback[3]?.scale).toEqual({ min: 1, max: 7 });
  });

  it("a touchpoint that happens to be named like a survey ('Recommendation email') does not split the ratings; a column of other values never does", async () => {
    const touchpoints = "Touchpoint,Rating\nRecommendation email,4\nSatisfaction survey,9\nRecommendation email,2\nSatisfaction survey,10\n";
    expect(inspectCsv(touchpoints).mapping.touchpoint).toBe(0);
    const result = await importFeedbackCsv(touchpoints, { map: none });
    expect(result.columns.find((c) => c.role === "rating")?.scaleBy).toBeUndefined();
    expect(new Set(result.feedback.map((f) => f.scale?.max))).toEqual(new Set([10]));
    // One survey named, the rest not: no split.
    expect(inspectCsv(surveys(["NPS,3,", "Onboarding,4,", "Onboarding,5,", "NPS,9,"])).scaleBy).toBeNull();
    // A ticket's topics that use a survey's words, under a header that names no survey and without NPS, CSAT or CES: no split.
    const topics = "Topic,Rating\nSatisfaction with refund,4\nEffort to return,5\nSatisfaction with refund,2\nEffort to return,3\n";
    expect(inspectCsv(topics).scaleBy).toBeNull();
    expect(inspectCsv(topics.replace("Topic", "Survey")).scaleBy).toBe(0);
  });

  it("a survey column with thousands of values past the file's head keeps 100 surveys, the rest read together on one scale", async () => {
    const head = Array.from({ length: 30 }, (_, i) => (i % 2 === 0 ? `NPS,${i % 11},` : `CSAT,${1 + (i % 5)},`));
    const tail = Array.from({ length: 3000 }, (_, i) => `Survey ${i},${1 + (i % 5)},`);
    const result = await importFeedbackCsv(surveys([...head, ...tail]), { map: none, scaleBy: { column: 0 } });
    expect(result.imported).toBe(3030);
    const read = result.columns.find((c) => c.role === "rating")?.scaleBy;
    expect(read?.surveys.length).toBe(101);
    expect(read?.surveys.at(-1)).toMatchObject({ value: "", scale: { min: 1, max: 5 } });
    expect(read?.surveys.reduce((sum, s) => sum + s.ratings, 0)).toBe(3030);
  });
});

describe("a file of one answer per row", () => {
  it("a question answered in one scale's words is rated in them; an open question's words stay comments, a scale's word among them too", async () => {
    const rows = [
      "1,How satisfied are you with delivery?,Very satisfied",
      "1,Anything else?,Keep it up",
      "2,How satisfied are you with delivery?,Dissatisfied",
      "2,Anything else?,Late again",
      "3,How satisfied are you with delivery?,Neither satisfied nor dissatisfied",
      "3,Anything else?,Very satisfied",
      "4,How satisfied are you with delivery?,Satisfied",
      "4,Anything else?,",
    ];
    const result = await importFeedbackCsv(`respondent,question,answer\n${rows.join("\n")}\n`, { map: none });
    expect(result.detected.questionAnswers).toMatchObject({ question: 1, answer: 2, respondent: 0 });
    expect(result.feedback.map((f) => [f.respondentId, f.rating, f.scale?.max ?? null, f.text])).toEqual([
      ["1", 5, 5, ""],
      ["1", null, null, "Keep it up"],
      ["2", 2, 5, ""],
      ["2", null, null, "Late again"],
      ["3", 3, 5, ""],
      ["3", null, null, "Very satisfied"],
      ["4", 4, 5, ""],
    ]);
    expect(result.columns[2]?.scaleBy?.surveys).toEqual([{ value: "How satisfied are you with delivery?", scale: { min: 1, max: 5 }, ratings: 4 }]);
    expect(result.noAnswers).toBe(1);
    expect(result.errors.map((e) => e.message)).toEqual(['row 9, column "answer": no answer to "Anything else?": nothing to import']);
  });

  it("a person who maps the touchpoint elsewhere reads the file as an ordinary long file: the guessed roles follow", () => {
    const text = "respondent,question,answer\n1,Delivery?,4\n1,Price?,2\n2,Delivery?,5\n2,Price?,3\n";
    expect(inspectCsv(text).questionAnswers).toMatchObject({ question: 1, answer: 2 });
    expect(inspectCsv(text).columns[1]?.role).toBe("touchpoint");
    const mapped = inspectCsv(text, { mapping: { touchpoint: null } });
    expect([mapped.questionAnswers, mapped.scaleBy, mapped.columns[1]?.role]).toEqual([null, null, "ignore"]);
  });
});

describe("rows that cannot be read as written", () => {
  it("an unclosed quote rejects its row, whose cell swallowed the rest of the file, and says so", async () => {
    const text = 'Rating,Comment\n4,fine\n3,"starts a quote\n5,never read\n';
    const result = await importFeedbackCsv(text, { map: none });
    expect(result.feedback.map((f) => f.rating)).toEqual([4]);
    expect(messages(result)).toEqual([
      'row 3: a quoted cell opens in this row but never closes, so everything after it was read into that cell: add the closing quote (") and import this row again',
    ]);
    expect(result).toMatchObject({ rows: 2, imported: 1, skipped: 1 });
  });

  it("a stray quote after a quoted cell is reported and the cell read as a spreadsheet reads it", async () => {
    const text = 'Rating,Comment,Stage\n4,"fine" really",Decision\n5,ok,Decision\n';
    const result = await importFeedbackCsv(text, { map: none });
    expect(result.feedback.map((f) => f.text)).toEqual(['fine really"', "ok"]);
    expect(messages(result)).toEqual([
      'row 2: a quoted cell has text after its closing quote (a stray " inside a cell?): read as a spreadsheet reads it, the text after the quote continuing the cell',
    ]);
  });

  it("with no rating or text column mapped, every row is listed and one error says why", async () => {
    const result = await importFeedbackCsv("Colour,Size\nred,M\nblue,L\n", { map: none });
    expect(result).toMatchObject({ rows: 2, imported: 0, skipped: 2 });
    expect(messages(result)).toEqual([
      "row 1: no column is mapped to a rating or a text, so no row can be imported: choose them in the column mapping",
    ]);
  });

  it("an empty text and a header without rows import nothing, without errors", async () => {
    for (const text of ["", "\n\n", "Rating,Comment\n", "Rating,Comment"]) {
      const result = await importFeedbackCsv(text, { map: none });
      expect(result).toMatchObject({ rows: 0, imported: 0, skipped: 0, feedback: [] });
    }
  });
});

describe("large files", () => {
  function generate(rows: number): string {
    const lines = ["Date,Rating,Comment,Stage,Touchpoint,Persona,Source"];
    for (let i = 0; i < rows; i++) {
      const text = i % 7 === 0 ? `"Slow, ""very"" slow\nreally"` : `Comment ${i}`;
      lines.push(`2024-03-${String(1 + (i % 28)).padStart(2, "0")},${1 + (i % 5)},${text},Stage ${i % 4},Email,Persona ${i % 3},Survey`);
    }
    return lines.join("\r\n");
  }

  it("yields to the host between slices and reports progress up to the whole text", async () => {
    const text = generate(1000);
    const progress: { done: number; total: number; rows: number }[] = [];
    let turns = 0;
    const result = await importFeedbackCsv(
      text,
      { map: none },
      {
        rowsPerSlice: 100,
        yieldToHost: async () => {
          turns++;
        },
        onProgress: (p) => progress.push(p),
      },
    );
    expect(result.imported).toBe(1000);
    // One turn per 100 records, then one before each pass over the imported rows (scale, dates, the
    // rows kept, the report).
    expect(turns).toBe(14);
    expect(progress.length).toBe(11);
    expect(progress.at(-1)).toEqual({ done: text.length, total: text.length, rows: 1000 });
    for (let i = 1; i < progress.length; i++) {
      expect(progress[i]!.done).toBeGreaterThan(progress[i - 1]!.done);
      expect(progress[i]!.rows).toBeGreaterThanOrEqual(progress[i - 1]!.rows);
    }
    // After 100 records (the header and 99 rows), about a tenth of the text.
    expect(progress[0]!.done / text.length).toBeCloseTo(0.1, 1);
  });

  it("stops, rejecting with the host's error, when the host refuses a turn (the panel's Cancel)", async () => {
    let turns = 0;
    const importing = importFeedbackCsv(
      generate(1000),
      { map: none },
      {
        rowsPerSlice: 100,
        yieldToHost: () => (++turns === 3 ? Promise.reject(new Error("cancelled")) : Promise.resolve()),
      },
    );
    await expect(importing).rejects.toThrow("cancelled");
    expect(turns).toBe(3);
  });

  it("gives each row a unique id that fits the model, and valid feedback", async () => {
    const result = await importFeedbackCsv(generate(3000), { map: none });
    const ids = result.feedback.map((f) => f.id);
    expect(new Set(ids).size).toBe(3000);
    for (const id of [...ids.slice(0, 5), ...ids.slice(-5)]) expect(Id.safeParse(id).success).toBe(true);
    for (const f of result.feedback.slice(0, 200)) expect(Feedback.safeParse(f).success).toBe(true);
  });

  it("makes default ids of one stem per kind and a base-36 counter shared by the kinds, past every digit count", () => {
    const makeId = createDefaultIdMaker();
    const kinds = ["feedback", "stage", "touchpoint", "persona"] as const;
    // The stem of each kind, from its first id (counter 0, 1, 2, 3 written as one digit).
    const stems = kinds.map((kind) => makeId(kind).slice(0, -1));
    for (const [k, stem] of stems.entries()) expect(stem).toMatch(new RegExp(`^${kinds[k]}_[0-9a-z]{10}$`));
    expect(new Set(stems).size).toBe(4);
    // Past 36² (a third digit) and 36³ (a fourth), where the digits above the last two change.
    const wrong: string[] = [];
    for (let n = 4; n < 50_000; n++) {
      const k = n % 7 === 0 ? (n / 7) % 4 : 0;
      const id = makeId(kinds[k]!);
      if (id !== `${stems[k]}${n.toString(36)}`) wrong.push(`${n}: ${id}`);
    }
    expect(wrong.slice(0, 5)).toEqual([]);
  });

  it("the default yield lets other tasks run while it imports", async () => {
    const ticks = await timerTicksDuring(async () => {
      await importFeedbackCsv(generate(20000), { map: none });
    });
    // A timer of a millisecond runs again and again during tens of milliseconds of import: not only
    // once before the first yield (a chain of MessageChannel yields in Node lets none in after it).
    expect(ticks).toBeGreaterThan(2);
  });

  it("gives the host a turn at each yield: timers run between the slices of a long task", async () => {
    const turns = createHostTurns();
    const ticks = await timerTicksDuring(async () => {
      // 40 slices of half a millisecond each, a yield after each.
      for (let slice = 0; slice < 40; slice++) {
        const started = performance.now();
        while (performance.now() - started < 0.5);
        await turns.yieldToHost();
      }
    });
    turns.close();
    expect(ticks).toBeGreaterThan(2);
  });

  it("counts the same rows as the inspection", async () => {
    const text = `${generate(50)}\r\n\r\nTotal,250,,,,,\r\n`;
    const result = await importFeedbackCsv(text, { map: none });
    expect(inspectCsv(text).rowCount).toBe(result.rows);
    expect(result).toMatchObject({ rows: 51, imported: 50, skipped: 1, blankRows: 1 });
  });
});

describe("responses imported before", () => {
  const csv = [
    "Response ID,Rating,Comment,Stage",
    "R-1,4,Fast delivery,Decision",
    "R-2,2,Slow checkout,Decision",
    "R-3,5,,Decision",
    "R-2,2,Slow checkout,Decision",
    "1,3,Okay,Decision",
    "R-4,4,Good,Nowhere",
    "R-4,4,Good,Decision",
  ].join("\r\n");
  const map: Entities = { stages: [stage("s_d", "Decision")], touchpoints: [], personas: [] };
  const create = { stages: false, touchpoints: false, personas: false };

  it("keeps each row's response id and skips a response the file repeats, naming the row it repeats", async () => {
    const result = await importFeedbackCsv(csv, { map, create });
    expect(result.mapping.responseId).toBe(0);
    expect(result.feedback.map((f) => f.responseId)).toEqual(["R-1", "R-2", "R-3", "1", "R-4"]);
    expect(result).toMatchObject({ rows: 7, imported: 5, skipped: 2, duplicates: 1 });
    expect(result.rejectedRows.map((r) => [r.row, r.reasons])).toEqual([
      [5, ['row 5, column "Response ID": response "R-2" repeats row 3 (same response id, rating and text): skipped as a duplicate']],
      // The first R-4 was not imported (no such stage), so the second, fixed one is no duplicate.
      [7, ['row 7, column "Stage": no stage is named "Nowhere" (the map has: Decision); not imported']],
    ]);
  });

  it("skips the responses the journey already holds, so an export imported twice counts once", async () => {
    const first = await importFeedbackCsv(csv, { map, create });
    const alreadyImported = new Set(first.feedback.map(responseKey).filter((key): key is string => key !== null));
    const again = await importFeedbackCsv(csv, { map, create, alreadyImported });
    // Every row, the one naming no stage of the map too: it is the same response as the R-4 imported.
    expect(again).toMatchObject({ rows: 7, imported: 0, skipped: 7, duplicates: 7 });
    expect(again.errors[0]?.message).toBe(
      'row 2, column "Response ID": response "R-1" is already in the journey (same response id, rating and text): skipped',
    );
  });

  it("takes the same id with other words for another response (another tool numbering from 1 too)", async () => {
    const tickets = "Ticket ID,Rating,Comment\r\n1,3,Refund took weeks\r\nR-1,4,Fast delivery\r\n";
    const first = await importFeedbackCsv(csv, { map, create });
    const alreadyImported = new Set(first.feedback.map(responseKey).filter((key): key is string => key !== null));
    const result = await importFeedbackCsv(tickets, { map, alreadyImported });
    expect(result.mapping.responseId).toBe(0);
    expect(result.feedback.map((f) => [f.responseId, f.text])).toEqual([["1", "Refund took weeks"]]);
    expect(result.duplicates).toBe(1);
  });

  it("never takes rows without a response id for duplicates", async () => {
    const result = await importFeedbackCsv("Rating,Comment\r\n4,Good\r\n4,Good\r\n", { map: none });
    expect(result).toMatchObject({ imported: 2, duplicates: 0 });
    expect(result.feedback.every((f) => f.responseId === undefined)).toBe(true);
  });
});

describe("a name cell that says no answer", () => {
  it("names no stage, touchpoint or persona: N/A, '-' and Don't know create nothing, and a fixed value fills them", async () => {
    const csv = [
      "Stage,Touchpoint,Persona,Source,Rating,Comment",
      "Checkout,Payment,Business,App,4,Fine",
      "N/A,-,N/A,n/a,2,Slow",
      "Checkout,Payment,Don't know,App,5,Great",
      "Checkout,Payment,Not applicable,App,3,OK",
    ].join("\n");
    const result = await importFeedbackCsv(csv, { map: none });
    expect(result.imported).toBe(4);
    expect(result.created.personas.map((p) => p.name)).toEqual(["Business"]);
    expect(result.created.stages.map((st) => st.name)).toEqual(["Checkout"]);
    expect(result.created.touchpoints.map((t) => t.name)).toEqual(["Payment"]);
    const second = result.feedback[1];
    expect([second?.stageId, second?.touchpointId, second?.personaId]).toEqual([null, null, null]);
    // A source is the tool's own text, kept as written.
    expect(second?.source).toBe("n/a");
    expect(result.feedback[2]?.personaId).toBeNull();
    // A fixed persona fills the cells that name none; a person's own no-answer list for the column is the whole list.
    const fixed = await importFeedbackCsv(csv, { map: none, fixed: { persona: "Shopper" } });
    expect(fixed.created.personas.map((p) => p.name).sort()).toEqual(["Business", "Shopper"]);
    const own = await importFeedbackCsv(csv, { map: none, columns: { 2: { noAnswer: ["Don't know"] } } });
    expect(own.created.personas.map((p) => p.name).sort()).toEqual(["Business", "N/A", "Not applicable"]);
    // A name the journey has is its entity's, however it reads: "NA", North America.
    const regions = await importFeedbackCsv("Persona,Rating\nNA,4\nEMEA,3\n", { map: { ...none, personas: [persona("p_na", "NA")] } });
    expect(regions.feedback.map((f) => f.personaId)).toEqual(["p_na", expect.any(String)]);
  });
});

describe("segment columns (plan, country, app version …)", () => {
  // An app's in-product survey export: no response id, a plan, a country, an app version, a customer id.
  const plans = ["Free", "Pro", "Team"];
  const countries = ["DE", "US", " United Kingdom ", "FR"];
  const versions = ["4.2.0", "4.3.1"];
  const lines = [
    "Submitted,Score,What could we do better?,Plan,Country,App version,Customer ID,Device used",
    ...Array.from({ length: 48 }, (_, i) =>
      [
        `2025-03-${String((i % 28) + 1).padStart(2, "0")}`,
        (i % 5) + 1,
        i % 3 === 0 ? `"Search is slow, case ${i}"` : "",
        i === 7 ? "N/A" : i === 8 ? "" : plans[i % 3],
        countries[i % 4],
        versions[i % 2],
        `CUST${100000 + i * 7}`,
        `Tried it on my ${i}th device with a long story about it`,
      ].join(","),
    ),
  ];
  const csv = lines.join("\r\n");
  const header = (result: CsvImportResult, role: string) => result.columns.filter((c) => c.role === role).map((c) => c.header);

  it("are guessed on inspection by their header and their few values; ids and texts are not", () => {
    const inspection = inspectCsv(csv);
    const roles = Object.fromEntries(inspection.columns.map((c) => [c.header, c.role]));
    expect(roles).toMatchObject({ Plan: "persona", Country: "segment", "App version": "segment", "Customer ID": "ignore", "Device used": "ignore" });
    // Named like a segment but a different value on every row: no guess.
    const free = ["Country,Rating", ...Array.from({ length: 40 }, (_, i) => `Land number ${i},4`)].join("\n");
    expect(inspectCsv(free).columns[0]?.role).toBe("ignore");
  });

  it("keep each row's cells by header, trimmed, leaving out empty and no-answer cells, in rows of a long file", async () => {
    const result = await importFeedbackCsv(csv, { map: none, columns: { 3: { role: "segment" } } });
    expect(header(result, "segment")).toEqual(["Plan", "Country", "App version"]);
    expect(result.mapping.persona).toBeNull();
    expect(result).toMatchObject({ rows: 48, imported: 48, skipped: 0 });
    expect(result.feedback[0]?.segments).toEqual({ Plan: "Free", Country: "DE", "App version": "4.2.0" });
    expect(result.feedback[2]?.segments).toEqual({ Plan: "Team", Country: "United Kingdom", "App version": "4.2.0" });
    // "N/A" and an empty plan: no plan, the other segments kept.
    expect(result.feedback[7]?.segments).toEqual({ Country: "FR", "App version": "4.3.1" });
    expect(result.feedback[8]?.segments).toEqual({ Country: "DE", "App version": "4.2.0" });
    for (const row of result.feedback) expect(Feedback.safeParse(row).success).toBe(true);
    // A file without segment columns adds no `segments` to its rows.
    const plain = await importFeedbackCsv(csv, { map: none, exact: true, mapping: { rating: 1, text: 2 } });
    expect(plain.feedback.some((f) => "segments" in f)).toBe(false);
  });

  it("follow the caller: a guessed segment set to ignore is not read, the persona column stays the persona", async () => {
    const result = await importFeedbackCsv(csv, { map: none, columns: { 5: { role: "ignore" } } });
    expect(header(result, "segment")).toEqual(["Country"]);
    expect(result.headers[result.mapping.persona ?? -1]).toBe("Plan");
    expect(result.feedback[0]?.segments).toEqual({ Country: "DE" });
    expect(result.created.personas.map((p) => p.name)).toEqual(expect.arrayContaining(["Free", "Pro", "Team"]));
    // An exact mapping guesses no segment: only those named are.
    const exact = await importFeedbackCsv(csv, { map: none, exact: true, mapping: { rating: 1 }, columns: { 6: { role: "segment" } } });
    expect(exact.feedback[1]?.segments).toEqual({ "Customer ID": "CUST100007" });
  });

  it("tell rows apart by content: a file imported again is recognised, a row differing only by its segment is not taken for one", async () => {
    const columns = { 3: { role: "segment" }, 4: { role: "segment" }, 5: { role: "segment" } } as const;
    const first = await importFeedbackCsv(csv, { map: none, columns });
    const map = { ...none, ...first.created };
    const again = await importFeedbackCsv(csv, { map, columns, alreadyImported: importedResponseKeys(first.feedback) });
    expect(again).toMatchObject({ imported: 0, duplicates: 48 });
    // The same first row from a customer in another country: another response.
    const other = [lines[0], (lines[1] ?? "").replace(",DE,", ",AT,")].join("\r\n");
    const result = await importFeedbackCsv(other, { map, columns, alreadyImported: importedResponseKeys(first.feedback) });
    expect(result).toMatchObject({ imported: 1, duplicates: 0 });
    expect(result.feedback[0]?.segments).toMatchObject({ Country: "AT" });
  });

  it("leave the content key of a row without segments as it was, so earlier ledgers still know the row", () => {
    const row = { rating: 4, text: "Good", date: "2025-03-01", source: "", stageId: null, touchpointId: null, personaId: null };
    expect(contentKey(row)).toBe("\u00012025-03-01\u00004\u0000Good\u0000\u0000\u0000\u0000");
    expect(contentKey({ ...row, segments: {} })).toBe(contentKey(row));
    expect(contentKey({ ...row, segments: { Plan: "Pro", Country: "DE" } })).toBe(contentKey({ ...row, segments: { Country: "DE", Plan: "Pro" } }));
    expect(contentKey({ ...row, segments: { Plan: "Pro" } })).not.toBe(contentKey({ ...row, segments: { Plan: "Free" } }));
  });
});

describe("sentiment scored at import", () => {
  it("stores each text's label once the rows are made, and none for a row without text or without a scorer", async () => {
    const text = "Rating,Comment\n5,Terrible and awful\n4,\n2,Lovely staff\n3,It is a parcel\n";
    const empty = { stages: [], touchpoints: [], personas: [] };
    const seen: string[] = [];
    const score = (t: string) => {
      seen.push(t);
      return compoundScore(t);
    };
    const result = await importFeedbackCsv(text, { map: empty, scoreText: score });
    expect(result.feedback.map((f) => f.sentiment)).toEqual([-2, undefined, 2, 0]);
    expect(seen).toEqual(["Terrible and awful", "Lovely staff", "It is a parcel"]);
    const plain = await importFeedbackCsv(text, { map: empty });
    expect(plain.feedback.every((f) => f.sentiment === undefined)).toBe(true);
  });
});
