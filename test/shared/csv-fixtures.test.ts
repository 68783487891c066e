/**
 * One realistic export per format under test/fixtures/csv/, each read from its bytes as the panel
 * reads a chosen file (decode → import), with the outcome a person would expect asserted.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import {
  type CsvImportOptions,
  type CsvImportResult,
  decodeCsvBytes,
  exportRejectedRowsCsv,
  importFeedbackCsv,
  importedResponseKeys,
  inspectCsv,
  readDate,
} from "../../shared/csv";
import { computeMetrics } from "../../shared/metrics";
import { Feedback, type JourneyMap, type Stage } from "../../shared/model";

const fixtures = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../fixtures/csv");

function fixtureBytes(name: string): Uint8Array {
  return new Uint8Array(readFileSync(path.join(fixtures, name)));
}

/** Ids that say what they are and in which order they were made, so assertions can name them. */
function countingIds(): (prefix: string) => string {
  const counts = new Map<string, number>();
  return (prefix) => {
    const next = (counts.get(prefix) ?? 0) + 1;
    counts.set(prefix, next);
    return `${prefix}_${next}`;
  };
}

const emptyMap: Pick<JourneyMap, "stages" | "touchpoints" | "personas"> = { stages: [], touchpoints: [], personas: [] };

async function importFixture(
  name: string,
  options: Partial<CsvImportOptions> = {},
): Promise<CsvImportResult & { text: string }> {
  const decoded = decodeCsvBytes(fixtureBytes(name));
  const result = await importFeedbackCsv(decoded.text, {
    map: emptyMap,
    makeId: countingIds(),
    encoding: decoded.encoding,
    ...options,
  });
  // Whatever the file, what comes out is valid per the model and fully accounted for.
  for (const feedback of result.feedback) expect(Feedback.safeParse(feedback).success).toBe(true);
  expect(result.imported + result.skipped).toBe(result.rows);
  expect(result.rejectedRows.map((r) => r.row)).toEqual(
    [...new Set(result.errors.filter((e) => result.rejectedRows.some((r) => r.row === e.row)).map((e) => e.row))],
  );
  return { ...result, text: decoded.text };
}

function messages(result: CsvImportResult): string[] {
  return result.errors.map((e) => e.message);
}

describe("CSV fixtures", () => {
  it("utf8.csv: plain UTF-8, comma, every column guessed, entities created in order of appearance", async () => {
    const result = await importFixture("utf8.csv");
    expect(result.detected).toEqual({
      encoding: "utf-8",
      delimiter: ",",
      headerRows: 1,
      scale: { min: 1, max: 5 },
      dateOrder: null,
    });
    expect(result.errors).toEqual([]);
    expect(result.imported).toBe(4);
    expect(result.feedback.map((f) => f.text)).toEqual([
      "Délivery was quick — merci!",
      "The app crashed twice 😞",
      "Überraschend einfach",
      "Price ok, shipping slow",
    ]);
    expect(result.created.stages.map((s) => s.name)).toEqual(["Decision", "Onboarding", "Retention"]);
    expect(result.created.touchpoints.map((t) => [t.name, t.channel, t.stageId, t.importance])).toEqual([
      ["Website", "web", "stage_1", 3],
      ["Mobile app", "app", "stage_2", 3],
      ["Welcome email", "email", "stage_2", 3],
      ["Website", "web", "stage_3", 3],
    ]);
    expect(result.created.personas.map((p) => p.name)).toEqual(["Bargain hunter", "Busy parent"]);
    expect(result.feedback[1]).toMatchObject({
      rating: 2,
      scale: { min: 1, max: 5 },
      date: "2024-03-06",
      source: "App Store",
      kind: "review",
      stageId: "stage_2",
      touchpointId: "touchpoint_2",
      personaId: "persona_2",
    });
    expect(result.feedback[0]?.kind).toBe("survey");
  });

  it("utf8-bom.csv: the BOM is dropped, not glued to the first header", async () => {
    expect(Array.from(fixtureBytes("utf8-bom.csv").slice(0, 3))).toEqual([0xef, 0xbb, 0xbf]);
    const result = await importFixture("utf8-bom.csv");
    expect(result.text.startsWith("Submitted at")).toBe(true);
    expect(result.headers[0]).toBe("Submitted at");
    expect(result.mapping).toMatchObject({ date: 0, rating: 1, text: 2, stage: 3 });
    expect(result.feedback.map((f) => [f.date, f.rating, f.text])).toEqual([
      ["2024-04-01", 4, "Großartig, danke"],
      ["2024-04-02", 1, "Zu teuer"],
      ["2024-04-03", 5, "Très bien"],
    ]);
  });

  it("utf16le-bom.txt: Excel's Unicode text (UTF-16 LE, tabs, CRLF) with a line break inside a cell", async () => {
    expect(Array.from(fixtureBytes("utf16le-bom.txt").slice(0, 2))).toEqual([0xff, 0xfe]);
    const result = await importFixture("utf16le-bom.txt");
    expect(result.detected).toMatchObject({ encoding: "utf-16le", delimiter: "\t" });
    expect(result.feedback.map((f) => f.text)).toEqual([
      "Super rapide, très bien",
      "配送が遅い",
      "Zwei Zeilen\r\nin einer Zelle",
    ]);
    expect(result.errors).toEqual([]);
  });

  it("windows-1252.csv: bytes that are not UTF-8 are read as Windows-1252 (é = 0xE9, € = 0x80, ’ = 0x92)", async () => {
    const bytes = fixtureBytes("windows-1252.csv");
    expect(bytes.includes(0x80)).toBe(true);
    expect(bytes.includes(0xe9)).toBe(true);
    const result = await importFixture("windows-1252.csv");
    expect(result.detected).toMatchObject({ encoding: "windows-1252", delimiter: ";", dateOrder: "day-first" });
    expect(result.headers).toEqual(["Date", "Satisfaction (1 à 5)", "Commentaire", "Étape", "Canal"]);
    expect(result.mapping).toMatchObject({ date: 0, rating: 1, text: 2, stage: 3, touchpoint: 4 });
    expect(result.feedback.map((f) => f.text)).toEqual([
      "Très bien, livraison rapide",
      "Frais de port 15 € trop élevés",
      "L’appli plante à l’étape paiement",
    ]);
    // "05/03/2024" is settled by "18/03/2024" further down: day first.
    expect(result.feedback.map((f) => f.date)).toEqual(["2024-03-05", "2024-03-18", "2024-03-20"]);
    expect(result.created.touchpoints.map((t) => t.channel)).toEqual(["web", "other"]);
    expect(result.errors).toEqual([]);
  });

  it("tab.tsv: tab-separated, with a doubled quote inside a quoted cell", async () => {
    const result = await importFixture("tab.tsv");
    expect(result.detected.delimiter).toBe("\t");
    expect(result.mapping).toMatchObject({ date: 0, rating: 1, text: 2, stage: 3, touchpoint: 4 });
    expect(result.feedback.map((f) => [f.date, f.rating, f.text])).toEqual([
      ["2024-05-02", 4, "Fast, friendly, and clear"],
      ["2024-05-02", 2, "Waited 20 minutes; nobody picked up"],
      ["2024-05-03", 5, 'Loved the "compare" page'],
    ]);
    expect(result.created.touchpoints.map((t) => [t.name, t.channel, t.digital])).toEqual([
      ["Phone", "phone", false],
      ["Website", "web", true],
    ]);
  });

  it("pipe.csv: pipe-separated, commas and semicolons inside texts left alone", async () => {
    const result = await importFixture("pipe.csv");
    expect(result.detected.delimiter).toBe("|");
    expect(result.mapping).toMatchObject({ date: 0, rating: 1, text: 2, stage: 3, touchpoint: 4, persona: 5 });
    expect(result.feedback.map((f) => f.text)).toEqual([
      "Great, quick, easy",
      "Coupon field hard to find; gave up",
      "Delivery on time, box damaged",
    ]);
    expect(result.created.personas.map((p) => p.name)).toEqual(["Returning customer", "New customer"]);
  });

  it("surveymonkey.csv: the second header row is skipped and rows keep their spreadsheet numbers", async () => {
    const text = new TextDecoder().decode(fixtureBytes("surveymonkey.csv"));
    const inspection = inspectCsv(text);
    expect(inspection.headerRows).toBe(2);
    expect(inspection.rowCount).toBe(4);
    expect(inspection.scale).toEqual({ min: 0, max: 10 });
    const result = await importFixture("surveymonkey.csv");
    expect(result.detected).toMatchObject({ headerRows: 2, scale: { min: 0, max: 10 }, dateOrder: "month-first" });
    expect(result.mapping).toMatchObject({ rating: 5, text: 6, stage: 7 });
    // "End Date" is when the answer was submitted; it wins over "Start Date".
    expect(result.mapping.date).toBe(3);
    expect(result.feedback.map((f) => [f.rating, f.date, f.text])).toEqual([
      [10, "2024-03-05", "Easy checkout, fast delivery"],
      [6, "2024-03-07", "Support took three days to answer, and then closed my ticket"],
      [9, "2024-03-14", ""],
      [3, "2024-03-15", "Too many emails after I signed up"],
    ]);
    expect(result.errors).toEqual([]);
  });

  it("qualtrics.csv: the import-id row is a header row, questions are mapped by their text, response ids kept", async () => {
    const text = new TextDecoder().decode(fixtureBytes("qualtrics.csv"));
    const inspection = inspectCsv(text);
    expect(inspection).toMatchObject({ headerRows: 2, headerRecordCount: 3, rowCount: 3 });
    const result = await importFixture("qualtrics.csv");
    expect(result).toMatchObject({ rows: 3, imported: 3, skipped: 0, errors: [] });
    // Q1–Q3 by their questions, "End Date" over "Start Date", "Response ID"; not "Distribution Channel" (how the survey was sent).
    expect(result.mapping).toMatchObject({ rating: 11, text: 12, stage: 13, date: 1, responseId: 8, touchpoint: null });
    expect(result.feedback.map((f) => [f.rating, f.date, f.responseId])).toEqual([
      [4, "2024-03-05", "R_1a2B3c4D5e6F7g8"],
      [2, "2024-03-06", "R_2b3C4d5E6f7G8h9"],
      [5, "2024-03-06", "R_3c4D5e6F7g8H9i0"],
    ]);
    // The rejected-rows export keeps all three header rows, so a fixed file reads the same way.
    expect(result.headerRecords).toHaveLength(3);
  });

  it("google-forms.csv: Google Sheets timestamps (M/D/YYYY H:MM:SS), question headers", async () => {
    const result = await importFixture("google-forms.csv");
    expect(result.mapping).toMatchObject({ date: 0, rating: 2, text: 3, stage: 4, touchpoint: null, persona: null });
    expect(result.detected).toMatchObject({ scale: { min: 1, max: 5 }, dateOrder: "month-first" });
    expect(result.feedback.map((f) => [f.date, f.rating, f.text])).toEqual([
      ["2024-03-05", 4, "Tracking link did not work"],
      ["2024-03-09", 5, ""],
      ["2024-03-14", 2, "Paid twice, refund took a week"],
      ["2024-04-02", 3, "Box was too big for a phone case"],
    ]);
    expect(result.created.stages.map((s) => s.name)).toEqual(["Delivery", "Checkout"]);
  });

  it("typeform.csv: '#' ids unmapped, 'Submit Date (UTC)' preferred over 'Start Date (UTC)'", async () => {
    const result = await importFixture("typeform.csv");
    expect(result.mapping).toMatchObject({ stage: 1, rating: 2, text: 3, date: 5, source: null });
    expect(result.feedback.map((f) => [f.date, f.rating, f.text])).toEqual([
      ["2024-03-05", 4, "Setup wizard was clear"],
      ["2024-03-06", 2, 'Couldn\'t find the "skip" button'],
      ["2024-03-08", 5, ""],
    ]);
  });

  it("trustpilot-reviews.csv: the review's date and content, not the 'Review Created' column as text nor the company's reply date", async () => {
    const result = await importFixture("trustpilot-reviews.csv");
    // By their headers alone "Review Created (UTC)" was the text (it says "review") and the reply's date the date.
    expect(result.mapping).toMatchObject({ text: 3, date: 0, rating: 4, source: 5 });
    // The review's title is part of its comment, before the content.
    expect(result.columns.filter((c) => c.role === "text").map((c) => c.header)).toEqual(["Review Title", "Review Content"]);
    expect(result.feedback[0]?.text).toBe("Great service\n\nOrdered on Monday, arrived Tuesday. Perfect.");
    expect(result.feedback.map((f) => [f.date, f.rating, f.text.split("\n\n")[1]?.slice(0, 20)])).toEqual([
      ["2024-03-01", 5, "Ordered on Monday, a"],
      ["2024-03-02", 2, "Took two weeks, no t"],
      ["2024-03-03", 3, "Fine, nothing specia"],
      ["2024-03-04", 1, "Wrong size sent twic"],
      ["2024-03-05", 5, "Quality is great, wi"],
      ["2024-03-06", 4, "Quick checkout and f"],
    ]);
  });

  it("clothing-reviews.csv: a review's Title and Review Text are joined into its comment; the index and 0/1 columns are not read", async () => {
    const result = await importFixture("clothing-reviews.csv");
    expect(result.columns.filter((c) => c.role !== "ignore").map((c) => [c.header, c.role])).toEqual([
      ["Title", "text"],
      ["Review Text", "text"],
      ["Rating", "rating"],
    ]);
    expect(result.mapping).toMatchObject({ text: 4, rating: 5 });
    expect(result.feedback.map((f) => [f.rating, f.text])).toEqual([
      [4, "Soft, comfortable and true to size"],
      [5, "Prettier in person\n\nPicked it up in the store on a whim, glad I did; I would never have ordered it online."],
      [2, "Zipper breaks\n\nWanted it to work, but the zipper broke on the first wear and the petite small runs tiny."],
      [5, "My favourite buy!"],
      [5, "Flattering shirt\n\nThe front tie adjusts well; long enough for leggings, pairs with any cardigan."],
      [3, 'Not for petites\n\nLove the brand, but this one swamps anyone under 5\'2".'],
    ]);
    expect(result.errors).toEqual([]);
    // A "Title" whose values repeat is a job title, not the title of each review: not joined.
    const jobs = await importFeedbackCsv(
      "Title,Rating,Comment\nEngineer,4,Good tools\nManager,2,Too many meetings\nEngineer,5,Great team\nEngineer,3,Fine\nManager,4,Flexible hours\n",
      { map: emptyMap },
    );
    expect(jobs.feedback.map((f) => f.text)).toEqual(["Good tools", "Too many meetings", "Great team", "Fine", "Flexible hours"]);
    // A title written after the text (Datafiniti's "reviews.text", "reviews.title") still comes first.
    const dotted = await importFeedbackCsv("reviews.rating,reviews.text,reviews.title\n4.0,Comfortable room,Good stay\n2.0,Smelled of damp,Disappointing\n", { map: emptyMap });
    expect(dotted.feedback.map((f) => [f.rating, f.text])).toEqual([[4, "Good stay\n\nComfortable room"], [2, "Disappointing\n\nSmelled of damp"]]);
    // A ticket's "Subject" is what it was about, not the customer's words: it stays apart from the comment.
    const tickets = await importFeedbackCsv("Subject,Satisfaction,Comment\nRefund,Good,Quick\nLogin,Bad,\nRefund,Offered,\n", { map: emptyMap });
    expect(tickets.feedback.map((f) => [f.rating, f.text])).toEqual([[5, "Quick"], [1, ""]]);
  });

  it("amazon-fine-food-reviews.csv: Unix-time dates, Summary joined before Text, helpfulness vote counts no questions", async () => {
    const result = await importFixture("amazon-fine-food-reviews.csv");
    // The two vote counts (0–3 here) read as two more 1–5 questions made the file a wide survey.
    expect(result.shape).toBe("long");
    expect(result.columns.filter((c) => c.role !== "ignore").map((c) => [c.header, c.role])).toEqual([
      ["Id", "responseId"],
      ["Score", "rating"],
      ["Time", "date"],
      ["Summary", "text"],
      ["Text", "text"],
    ]);
    expect(result.feedback.map((f) => [f.date, f.rating])).toEqual([
      ["2011-04-27", 5],
      ["2012-09-07", 1],
      ["2008-08-18", 4],
      ["2011-06-13", 2],
      ["2012-10-21", 5],
      ["2012-07-12", 4],
    ]);
    expect(result.feedback[2]?.text).toBe('"Delight" says it all\n\nA soft, powdered sweet; the citrus one is the best.');
    expect(result.errors).toEqual([]);
  });

  it("amazon-instrument-reviews.csv: camelCase headers read word by word, 'overall' the stars, Unix time the date", async () => {
    const result = await importFixture("amazon-instrument-reviews.csv");
    expect(result.shape).toBe("long");
    expect(result.columns.filter((c) => c.role !== "ignore").map((c) => [c.header, c.role])).toEqual([
      ["reviewText", "text"],
      ["overall", "rating"],
      ["summary", "text"],
      ["unixReviewTime", "date"],
    ]);
    expect(result.feedback.map((f) => [f.date, f.rating])).toEqual([
      ["2014-02-28", 5],
      ["2013-03-16", 5],
      ["2013-08-28", 5],
      ["2014-02-12", 5],
      ["2014-02-19", 5],
      ["2012-12-21", 5],
      ["2014-01-19", 5],
      ["2012-11-16", 3],
    ]);
    expect(result.feedback[7]?.text).toBe("Didn't fit my 1996 Fender Strat...\n\nI now use this cable to run from the output of my pedal chain to the input of my Fender Amp.");
    expect(result.errors).toEqual([]);
    // Its other date, "02 28, 2014" (month, day, year), reads as the same days.
    expect(result.feedback.map((f) => f.date)).toEqual(["02 28, 2014", "03 16, 2013", "08 28, 2013", "02 12, 2014", "02 19, 2014", "12 21, 2012", "01 19, 2014", "11 16, 2012"].map((cell) => (readDate(cell) as { iso: string }).iso));
  });

  it("a record's keeping is not the response: a data set's dateAdded is no date, a reviewer's ProfileName no persona, Qualtrics' Q_ fields no questions", () => {
    const headers = "id,dateAdded,reviews.date,ProfileName,Q_RecaptchaScore,Q_RelevantIDFraudScore,reviews.rating,reviews.text";
    const rows = Array.from({ length: 6 }, (_, i) => `r${i},2019-01-0${i + 1},2018-12-1${i},Reader ${i},0.${i + 3},${i * 10},${(i % 5) + 1},This product was fine for the price ${i}`);
    const mapping = inspectCsv([headers, ...rows].join("\n")).mapping;
    expect([mapping.date, mapping.persona, mapping.rating, mapping.text]).toEqual([2, null, 6, 7]);
    // A link per review is no source to group by; a few pages a survey was shown on are.
    const links = inspectCsv(["Rating,Comment,Source URL", ...rows.map((_, i) => `${(i % 5) + 1},fine ${i},https://shop.com/review/${i}`)].join("\n"));
    expect(links.mapping.source).toBeNull();
    const pages = inspectCsv(["Rating,Comment,Source URL", ...rows.map((_, i) => `${(i % 5) + 1},fine ${i},https://shop.com/${i % 2 === 0 ? "cart" : "checkout"}`)].join("\n"));
    expect(pages.mapping.source).toBe(2);
  });

  it("a data set's class label of stars (Coursera's reviews: Review, Label 1–5) is the rating; a sentiment label of two values is not", async () => {
    const stars = [5, 5, 4, 2, 3, 1, 5, 4];
    const result = await importFeedbackCsv(["Id,Review,Label", ...stars.map((label, i) => `${i},review number ${i} of the course,${label}`)].join("\n"), { map: emptyMap });
    expect(result.feedback.map((f) => f.rating)).toEqual(stars);
    expect(result.detected.scale).toEqual({ min: 1, max: 5 });
    for (const labels of [[0, 4], [1, 2], [0, 1]]) {
      const text = ["text,label", ...stars.map((_, i) => `tweet ${i} about the flight,${labels[i % 2]}`)].join("\n");
      expect(inspectCsv(text).mapping.rating, labels.join("/")).toBeNull();
    }
  });

  it("a beer review data set (BeerAdvocate's): aspects read as questions named by the aspect, review_time the date, no comment made of a beer's style", async () => {
    const rows = [
      ["10325", "1234817823", "1.5", "2.0", "stcules", "Hefeweizen", "1.5"],
      ["10325", "1235915097", "3.0", "2.5", "stcules", "English Strong Ale", "3.0"],
      ["1075", "1293735206", "4.0", "4.5", "johnmichaelsen", "American Double / Imperial IPA", "4.5"],
      ["1075", "1325524659", "3.0", "3.5", "oline73", "Herbed / Spiced Beer", "3.5"],
    ];
    const text = ["brewery_id,review_time,review_overall,review_aroma,review_profilename,beer_style,review_taste", ...rows.map((r) => r.join(","))].join("\n");
    const result = await importFeedbackCsv(text, { map: emptyMap });
    expect(result.shape).toBe("wide");
    expect(result.columns.filter((c) => c.role !== "ignore" && c.role !== "segment").map((c) => [c.header, c.role])).toEqual([
      ["review_time", "date"],
      ["review_overall", "question"],
      ["review_aroma", "question"],
      ["review_taste", "question"],
    ]);
    expect(result.created.touchpoints.map((t) => t.name)).toEqual(["Overall", "Aroma", "Taste"]);
    expect(result.feedback.filter((f) => f.text !== "")).toEqual([]);
    expect(result.feedback[0]?.date).toBe("2009-02-16");
  });

  it("a wine review's points (80 to 100) are a rating on 0–100; a loyalty programme's points (in the thousands) are none", async () => {
    const points = [83, 97, 88, 91, 85, 100, 87, 90];
    const text = ["country,description,points,price", ...points.map((p, i) => `Italy,"A ripe and fruity wine, number ${i}",${p},${20 + i}`)].join("\n");
    const result = await importFeedbackCsv(text, { map: emptyMap });
    expect(result.detected.scale).toEqual({ min: 0, max: 100 });
    expect(result.feedback.map((f) => f.rating)).toEqual(points);
    const loyalty = ["member,comment,points", ...points.map((p, i) => `m${i},"Comment number ${i} on the shop",${p * 37}`)].join("\n");
    expect(inspectCsv(loyalty).mapping.rating).toBeNull();
  });

  it("hundreds of answers from 1 to 10 without a 0 are on 1–10 (a drug review site's), not an NPS; under an NPS header they stay 0–10", async () => {
    const ratings = Array.from({ length: 400 }, (_, i) => [1, 2, 5, 7, 8, 9, 10, 10][i % 8] as number);
    const text = (header: string) => [`${header},review`, ...ratings.map((r, i) => `${r}.0,review ${i}`)].join("\n");
    expect((await importFeedbackCsv(text("rating"), { map: emptyMap })).detected.scale).toEqual({ min: 1, max: 10 });
    expect((await importFeedbackCsv(text("How likely are you to recommend us?"), { map: emptyMap })).detected.scale).toEqual({ min: 0, max: 10 });
    // A few answers cannot tell: 0–10, as before.
    const few = [`rating,review`, ...ratings.slice(0, 40).map((r, i) => `${r},review ${i}`)].join("\n");
    expect((await importFeedbackCsv(few, { map: emptyMap })).detected.scale).toEqual({ min: 0, max: 10 });
  });

  it("intercom-conversation-parts.csv: the company's answers (admin, bot) are skipped, said so; the customers' messages imported", async () => {
    const result = await importFixture("intercom-conversation-parts.csv");
    expect(result.columns.find((c) => c.header === "author_type")?.role).toBe("author");
    expect([result.rows, result.imported]).toEqual([6, 3]);
    expect(result.feedback.map((f) => f.text)).toEqual([
      "My invoice shows the wrong amount, can you check?",
      "Still waiting for an answer here",
      "The app crashes when I upload a photo",
    ]);
    expect(result.errors.map((e) => e.message)).toEqual([
      'row 3, column "author_type": "admin": written by the company, not a customer\'s feedback: skipped (to keep such rows, do not read this column as who wrote them: the column table\'s roles, or a --columns mapping without author)',
      'row 6, column "author_type": "bot": written by the company, not a customer\'s feedback: skipped (to keep such rows, do not read this column as who wrote them: the column table\'s roles, or a --columns mapping without author)',
      'row 7, column "author_type": "admin": written by the company, not a customer\'s feedback: skipped (to keep such rows, do not read this column as who wrote them: the column table\'s roles, or a --columns mapping without author)',
    ]);
    expect(result.problemGroups.map((g) => [g.column, g.count])).toEqual([["author_type", 3]]);
    // Told there is no author column, every message is imported.
    const all = await importFixture("intercom-conversation-parts.csv", { mapping: { author: null } });
    expect(all.imported).toBe(6);
  });

  it("survey-answers-long.csv: one answer per row (respondent, question, answer): each question a touchpoint on its own scale, words the comments, a respondent's answers linked", async () => {
    const result = await importFixture("survey-answers-long.csv");
    const look = inspectCsv(result.text);
    expect(look.questionAnswers).toMatchObject({ question: 2, answer: 3, respondent: 0 });
    expect(result.columns.filter((c) => c.role !== "ignore").map((c) => [c.header, c.role])).toEqual([
      ["respondent_id", "responseId"],
      ["submitted_at", "date"],
      ["question", "touchpoint"],
      ["answer", "rating"],
    ]);
    // Before, no column read as a rating or a text: nothing was imported.
    // An unanswered question is a no-answer, and its row is listed with the question it leaves unanswered.
    expect([result.rows, result.imported, result.skipped, result.noAnswers]).toEqual([24, 22, 2, 2]);
    expect(result.errors.map((e) => e.message)).toEqual([
      'row 13, column "answer": no answer to "What could we improve?": nothing to import',
      'row 15, column "answer": no answer to "How satisfied were you with checkout?": nothing to import',
    ]);
    expect(result.created.touchpoints.map((t) => [t.name, t.question ?? null])).toEqual([
      ["Likelihood to recommend", "How likely are you to recommend us to a friend?"],
      ["Checkout", "How satisfied were you with checkout?"],
      ["Find what you needed", "How easy was it to find what you needed?"],
      ["What could we improve", "What could we improve?"],
    ]);
    // As in a wide file, the likelihood to recommend on 0–10 is the NPS question.
    expect(result.created.touchpoints.map((t) => t.measure ?? null)).toEqual(["nps", null, null, null]);
    // … and an "overall" question the outcome, only the first of them.
    const measures = async (recommend: string, answers: readonly number[]) =>
      (
        await importFeedbackCsv(
          [
            "respondent_id,question,answer",
            ...answers.flatMap((answer, r) => [`${r},"Overall, how satisfied are you with us?",${(r % 5) + 1}`, `${r},"${recommend}",${answer}`, `${r},How easy was checkout?,${r + 1}`]),
          ].join("\n"),
          { map: emptyMap },
        )
      ).created.touchpoints.map((t) => [t.name, t.measure ?? null]);
    expect(await measures("How likely are you to recommend us?", [9, 3, 10, 0])).toEqual([
      ["Overall satisfaction", "outcome"],
      ["Likelihood to recommend", "nps"],
      ["How easy was checkout", null],
    ]);
    expect(await measures("Overall, how was the value for money?", [4, 2, 5, 1])).toEqual([
      ["Overall satisfaction", "outcome"],
      ["Overall, how was the value for money", null],
      ["How easy was checkout", null],
    ]);
    const on = (name: string) => result.feedback.filter((f) => result.created.touchpoints.find((t) => t.id === f.touchpointId)?.name === name);
    expect(new Set(on("Likelihood to recommend").map((f) => f.scale?.max))).toEqual(new Set([10]));
    expect(new Set(on("Checkout").map((f) => `${f.scale?.min}–${f.scale?.max}`))).toEqual(new Set(["1–5"]));
    expect(new Set(on("Find what you needed").map((f) => f.scale?.max))).toEqual(new Set([7]));
    expect(on("What could we improve").map((f) => [f.rating, f.text])).toEqual([
      [null, "Faster delivery please"],
      [null, "The promo code never worked, twice"],
      [null, "Checkout asked for my address twice"],
      [null, "Nothing really"],
      [null, "Everything. The site kept logging me out"],
    ]);
    // A respondent's answers share their id, two equal ratings included (5001 gave 4 twice); none is a response id.
    expect(result.feedback.filter((f) => f.respondentId === "5001").map((f) => f.rating)).toEqual([9, 4, 4, null]);
    expect(result.feedback.every((f) => f.responseId === undefined)).toBe(true);
    // Promoters 9 and 10, detractors 3, 6 and 0 of six; effort 4, 2, 7, 5, 6, 1 on 1–7.
    expect(computeMetrics(result.feedback).nps).toBeCloseTo(((2 - 3) / 6) * 100, 9);
    expect(computeMetrics(result.feedback).ces).toBeCloseTo(25 / 6, 9);
    // Imported again into the journey it made, every answer is known by its content.
    const journey = { stages: result.created.stages, touchpoints: result.created.touchpoints, personas: [] };
    const again = await importFixture("survey-answers-long.csv", { map: journey, alreadyImported: importedResponseKeys(result.feedback) });
    expect([again.imported, again.duplicates]).toEqual([0, 22]);
    // A long file whose "Question" column sits beside a rating and a comment is read as before.
    const beside = "Date,Question,Rating,Comment\n2024-04-01,Checkout,4,ok\n2024-04-02,Delivery,2,slow\n2024-04-03,Checkout,5,\n2024-04-04,Delivery,3,fine\n";
    expect(inspectCsv(beside).questionAnswers).toBeNull();
  });

  it("google-business-reviews.csv: stars written as words (FIVE … ONE, Google's Business Profile API) are the rating; the owner's reply is not the comment", async () => {
    const result = await importFixture("google-business-reviews.csv");
    expect(result.columns.find((c) => c.header === "starRating")).toMatchObject({ role: "rating", scale: { min: 1, max: 5 }, ratings: 5 });
    expect(result.feedback.map((f) => [f.rating, f.date, f.text])).toEqual([
      [5, "2024-03-05", "Lovely staff and quick service"],
      [2, "2024-03-06", "Waited 40 minutes for a table"],
      [4, "2024-03-07", ""],
      [1, "2024-03-08", "Cold food and rude manager"],
      [3, "2024-03-09", "Average"],
    ]);
    expect(result.errors).toEqual([]);
    // Number words under a header that names no rating are names, not stars.
    expect(inspectCsv("Team,Comment\nOne,Fine\nTwo,Slow\nThree,Great\nOne,Ok\n").mapping.rating).toBeNull();
  });

  it("survey-types-one-rating-column.csv: NPS, CSAT and CES answers in one Rating column are each read on their own survey's scale", async () => {
    const result = await importFixture("survey-types-one-rating-column.csv");
    const byType = (type: string) => result.feedback.filter((_, k) => result.text.split(/\r?\n/)[k + 1]?.split(",")[3] === type);
    expect(new Set(byType("NPS").map((f) => JSON.stringify(f.scale)))).toEqual(new Set([JSON.stringify({ min: 0, max: 10 })]));
    expect(new Set(byType("CSAT").map((f) => JSON.stringify(f.scale)))).toEqual(new Set([JSON.stringify({ min: 1, max: 5 })]));
    expect(new Set(byType("CES").map((f) => JSON.stringify(f.scale)))).toEqual(new Set([JSON.stringify({ min: 1, max: 7 })]));
    const rating = result.columns.find((c) => c.role === "rating");
    expect(rating?.scaleBy).toEqual({
      index: 3,
      column: "Survey type",
      surveys: [
        { value: "NPS", scale: { min: 0, max: 10 }, ratings: 6 },
        { value: "CSAT", scale: { min: 1, max: 5 }, ratings: 6 },
        { value: "CES", scale: { min: 1, max: 7 }, ratings: 4 },
      ],
    });
    expect(result.errors).toEqual([]);
    // Each survey's figure from its own answers: 2 promoters and 2 detractors of 6, 4 of 6 satisfied, effort 5 of 7.
    const metrics = computeMetrics(result.feedback);
    expect(metrics.nps).toBe(0);
    expect(metrics.csat).toBeCloseTo((4 / 6) * 100, 9);
    expect(metrics.ces).toBe(5);
    // Read on one scale (0–10, as before), every CSAT answer was an NPS detractor and no CSAT was found.
    const one = await importFixture("survey-types-one-rating-column.csv", { scaleBy: null });
    expect(one.columns.find((c) => c.role === "rating")?.scaleBy).toBeUndefined();
    expect([computeMetrics(one.feedback).csat, computeMetrics(one.feedback).nps]).toEqual([null, -56.25]);
    // The person's scale is every row's.
    const given = await importFixture("survey-types-one-rating-column.csv", { scale: { min: 0, max: 10 } });
    expect(new Set(given.feedback.map((f) => f.scale?.max))).toEqual(new Set([10]));
    expect(given.columns.find((c) => c.role === "rating")?.scaleBy).toBeUndefined();
    // The inspection names the column, for the wizard to say so.
    expect(inspectCsv(result.text).scaleBy).toBe(3);
  });

  it("customer-support-tweets.csv: the company's tweets (inbound False) are skipped; Twitter's dates read", async () => {
    const result = await importFixture("customer-support-tweets.csv");
    expect(result.columns.find((c) => c.header === "inbound")?.role).toBe("author");
    expect(result.feedback.map((f) => [f.date, f.text.slice(0, 24)])).toEqual([
      ["2017-10-31", "@sprintcare and how do y"],
      ["2017-10-31", "@sprintcare I have sent "],
      ["2017-10-31", "@sprintcare I did."],
      ["2017-10-31", "@sprintcare is the worst"],
    ]);
    // An "Author" column of people's names says no side: it is no author column.
    const names = inspectCsv("Author,Rating,Review\nAnn,4,Fine\nBob,2,Slow\nCy,5,Great\n");
    expect(names.mapping.author).toBeNull();
  });

  it("cfpb-complaints.csv: the consumer's narrative is the text, not the company's public response; the complaint id the response id", async () => {
    const result = await importFixture("cfpb-complaints.csv");
    expect(result.columns.filter((c) => c.role !== "ignore").map((c) => [c.header, c.role])).toEqual([
      ["Date received", "date"],
      ["Consumer complaint narrative", "text"],
      ["Submitted via", "source"],
      ["Complaint ID", "responseId"],
    ]);
    expect(result.feedback.map((f) => [f.date, f.source, f.responseId, f.text.slice(0, 24)])).toEqual([
      ["2019-03-12", "Web", "3179032", "I was charged a late fee"],
      ["2019-03-12", "Web", "3179034", "An account I never opene"],
      ["2019-03-14", "Web", "3180612", "The bank reversed my dep"],
      ["2019-03-15", "Referral", "3181544", "They would not discuss a"],
    ]);
    // The complaint without a narrative (consent not given) has nothing to import.
    expect(result.rejectedRows.map((r) => r.row)).toEqual([4]);
    // A reply to the customer is never read as the comment, even when nothing else is.
    const replies = await importFeedbackCsv("Rating,Reply\n4,Thanks for the feedback!\n2,Sorry to hear that\n", { map: emptyMap });
    expect(replies.mapping.text).toBeNull();
    // Nor when the corrections by values look for the comment beside a 0/1 "Feedback" flag.
    const flagged = await importFeedbackCsv(
      "Rating,Feedback,Reply\n5,1,Thanks so much for your kind words!\n2,0,Sorry to hear that; we will call you.\n4,1,Glad you enjoyed the visit with us.\n",
      { map: emptyMap },
    );
    expect(flagged.headers[flagged.mapping.text ?? -1]).not.toBe("Reply");
    expect(flagged.feedback.some((f) => f.text.includes("kind words"))).toBe(false);
    // Nor an agent's note; a customer's comment about the agent is the customer's.
    const notes = await importFeedbackCsv("Rating,Agent notes,Comments about the agent\n4,Called back,Kind and quick\n2,Escalated,Never called\n", { map: emptyMap });
    expect(notes.feedback.map((f) => f.text)).toEqual(["Kind and quick", "Never called"]);
  });

  it("google-play-user-reviews.csv: pandas' 'nan' is no text, so its rows are not imported as text-only responses", async () => {
    const result = await importFixture("google-play-user-reviews.csv");
    expect(result.mapping.text).toBe(1);
    expect(result.feedback.map((f) => f.text)).toEqual([
      'Love the "meal plan" tab, shopping list works offline too',
      "Helps me eat better every week",
      "Search finds nothing I type",
      "Okay",
      "Crashes when I add a category",
      "Exactly what I needed",
    ]);
    expect(result.rejectedRows.map((r) => r.row)).toEqual([4, 7]);
    // The placeholders people and tools write in a comment for none; a comment that says more is kept.
    const placeholders = await importFeedbackCsv("Rating,Comment\n4,N/A\n5,-\n3,NULL\n2,nan\n1,None of the buttons work\n", { map: emptyMap });
    expect(placeholders.feedback.map((f) => [f.rating, f.text])).toEqual([[4, ""], [5, ""], [3, ""], [2, ""], [1, "None of the buttons work"]]);
    // And "nan" in a rating column is no answer.
    const ratings = await importFeedbackCsv("Rating,Comment\n4,fine\nnan,slow\n5,\n", { map: emptyMap });
    expect([ratings.feedback.map((f) => f.rating), ratings.noAnswers, ratings.errors]).toEqual([[4, null, 5], 1, []]);
  });

  it("booking-hotel-reviews.csv: the reviewer's score (not the hotel's average) on 1–10, the negative and positive reviews joined, 'No Negative' no text, nationality a segment", async () => {
    const result = await importFixture("booking-hotel-reviews.csv");
    expect(result.shape).toBe("long");
    expect(result.columns.filter((c) => c.role !== "ignore").map((c) => [c.header, c.role])).toEqual([
      ["Review_Date", "date"],
      ["Negative_Review", "text"],
      ["Positive_Review", "text"],
      ["Reviewer_Score", "rating"],
    ]);
    // Scores with decimals are no NPS answers on 0–10.
    expect(result.detected.scale).toEqual({ min: 1, max: 10 });
    expect(result.feedback.map((f) => [f.date, f.rating])).toEqual([
      ["2017-08-03", 4.2],
      ["2017-08-03", 9.6],
      ["2017-07-31", 5],
      ["2017-07-31", 7.5],
      ["2017-07-24", 10],
      ["2017-07-24", 6.7],
      ["2017-07-17", 5.8],
      ["2017-07-17", 9.2],
    ]);
    expect(result.feedback.slice(0, 3).map((f) => f.text)).toEqual([
      "The walls are thin and we heard every door all night\n\nStaff were kind",
      "Great location and a quiet room at the back of the building",
      "Breakfast was expensive for what it offered",
    ]);
    expect(result.errors).toEqual([]);
    // With more rows than nationalities, the reviewer's nationality sorts them: a segment.
    const rows = Array.from({ length: 12 }, (_, i) => `${(i % 9) + 1},${[" Germany ", " Ireland "][i % 2]},fine stay number ${i}`);
    const nationality = inspectCsv(["Reviewer_Score,Reviewer_Nationality,Positive_Review", ...rows].join("\n"));
    expect(nationality.columns[1]?.role).toBe("segment");
  });

  it("yelp-reviews.csv: stars are the rating; the useful, funny and cool vote counts are no questions", async () => {
    const result = await importFixture("yelp-reviews.csv");
    // Read as three more 1–5 questions (0 as "no answer"), the votes made the file a wide survey.
    expect(result.shape).toBe("long");
    expect(result.columns.filter((c) => c.role !== "ignore").map((c) => [c.header, c.role])).toEqual([
      ["review_id", "responseId"],
      ["stars", "rating"],
      ["text", "text"],
      ["date", "date"],
    ]);
    expect(result.feedback.map((f) => f.rating)).toEqual([3, 5, 3, 5, 4, 1, 5, 5]);
    expect(result.errors).toEqual([]);
  });

  it("google-play-console-reviews.csv: UTF-16 with the review's link, which is no text", async () => {
    const result = await importFixture("google-play-console-reviews.csv");
    expect(result.detected.encoding).toBe("utf-16le");
    expect(result.columns.filter((c) => c.role !== "ignore").map((c) => [c.header, c.role])).toEqual([
      ["Review Submit Date and Time", "date"],
      ["Star Rating", "rating"],
      ["Review Text", "text"],
    ]);
    // "Review Link" (named like the customer's words, holding web addresses) was joined into every comment.
    expect(result.feedback.map((f) => f.text)).toEqual([
      "App crashes when I open my basket",
      "Schnell und einfach",
      "Good but checkout is slow",
      "Login keeps failing",
      "Bien mais lent",
    ]);
    expect(result.feedback.map((f) => f.rating)).toEqual([1, 5, 4, 2, 3]);
    expect(result.errors).toEqual([]);
  });

  it("g2-reviews.csv: without a column named as the comment, the open questions are the review's text", async () => {
    const result = await importFixture("g2-reviews.csv");
    expect(result.shape).toBe("long");
    // No header named a comment: every review was imported with its stars alone.
    expect(result.columns.filter((c) => c.role === "text").map((c) => c.header)).toEqual([
      "Title",
      "What do you like best about the product?",
      "What do you dislike about the product?",
      "What problems is the product solving and how is that benefiting you?",
    ]);
    expect(result.feedback[1]?.text.split("\n\n")).toEqual([
      "Okay for the price",
      "Cheap and simple",
      "No offline mode and sync errors",
      "Replaced spreadsheets",
    ]);
    // Half stars on 1–5; the reviewer's company size and industry are no questions.
    expect(result.feedback.map((f) => f.rating)).toEqual([4.5, 3, 5, 2.5, 4]);
    expect(result.columns.filter((c) => c.role === "question")).toEqual([]);
    expect(result.errors).toEqual([]);
  });

  it("amazon-scraped-reviews.csv: '5.0 out of 5 stars' ratings and 'Reviewed in … on March 3, 2026' dates", async () => {
    const result = await importFixture("amazon-scraped-reviews.csv");
    expect(result.columns.filter((c) => c.role !== "ignore").map((c) => [c.header, c.role])).toEqual([
      ["review_title", "text"],
      ["review_text", "text"],
      ["review_rating", "rating"],
      ["review_date", "date"],
    ]);
    // Neither was read: no rating at all, and "not a date" on every row.
    expect(result.feedback.map((f) => f.rating)).toEqual([5, 1, 3, 5, 2]);
    expect(result.feedback.map((f) => f.date)).toEqual(["2026-03-03", "2026-03-05", "2026-03-09", "2026-03-12", "2026-03-15"]);
    expect(result.columns.find((c) => c.header === "review_rating")?.scale).toEqual({ min: 1, max: 5 });
    expect(result.errors).toEqual([]);
  });

  it("trustpilot-scraped-reviews.csv: 'Rated 4 out of 5 stars' and 'Date of experience: March 01, 2026'", async () => {
    const result = await importFixture("trustpilot-scraped-reviews.csv");
    expect(result.feedback.map((f) => f.rating)).toEqual([5, 1, 4, 2]);
    expect(result.columns.find((c) => c.header === "rating")).toMatchObject({ role: "rating", scale: { min: 1, max: 5 } });
    // The review's own date is the rows' date; the experience's date reads too, should a person choose it.
    expect(result.feedback.map((f) => f.date)).toEqual(["2026-03-02", "2026-03-04", "2026-03-06", "2026-03-09"]);
    const experienced = await importFixture("trustpilot-scraped-reviews.csv", { mapping: { date: 5 } });
    expect(experienced.feedback.map((f) => f.date)).toEqual(["2026-03-01", "2026-03-03", "2026-03-05", "2026-03-07"]);
    expect(result.errors).toEqual([]);
  });

  it("tripadvisor-reviews.csv: '4 of 5 bubbles' ratings, and a stay's month as its first day", async () => {
    const result = await importFixture("tripadvisor-reviews.csv");
    expect(result.feedback.map((f) => f.rating)).toEqual([4, 2, 5, 1, 4]);
    expect(result.feedback.map((f) => f.date)).toEqual(["2026-03-01", "2026-02-01", "2026-01-01", "2026-03-01", "2026-04-01"]);
    expect(result.feedback[0]?.text).toBe("Lovely view\n\nLovely view, slow check-in");
    expect(result.errors).toEqual([]);
  });

  it("shopify-product-reviews.csv: the product's handle is the touchpoint; the shop's reply is no text", async () => {
    const result = await importFixture("shopify-product-reviews.csv");
    expect(result.columns.filter((c) => c.role !== "ignore").map((c) => [c.header, c.role])).toEqual([
      ["product_handle", "touchpoint"],
      ["rating", "rating"],
      ["title", "text"],
      ["body", "text"],
      ["created_at", "date"],
    ]);
    expect(result.created.touchpoints.map((t) => t.name)).toEqual(["trail-boot", "rain-jacket", "day-pack"]);
    expect(result.feedback[1]?.text).toBe("Too narrow\n\nPinches at the toes");
    expect(result.errors).toEqual([]);
  });

  it("servicenow-incidents.csv: no header names the rating or the date; the survey's words and the first dates are them", async () => {
    const result = await importFixture("servicenow-incidents.csv");
    expect(result.columns.filter((c) => c.role !== "ignore").map((c) => [c.header, c.role])).toEqual([
      ["opened_at", "date"],
      ["u_survey_response", "rating"],
      ["u_survey_comments", "text"],
    ]);
    // Two of five incidents were skipped (no rating read, no comment), and none had a date.
    expect(result.imported).toBe(5);
    expect(result.feedback.map((f) => f.rating)).toEqual([5, 2, 4, 1, 3]);
    expect(result.feedback[0]?.date).toBe("2026-03-01");
    expect(result.errors).toEqual([]);
    // Written like dates, read as none: an IP address or a version before the dates is not the date.
    const rows = ["10.0.0.1", "10.0.0.2", "192.168.1.7", "4.12.0"].map((ip, i) => `${ip},2026-03-0${i + 1} 09:00:00,Satisfied`);
    const inspection = inspectCsv(["client_ip,opened_at,u_survey_response", ...rows].join("\n"));
    expect(inspection.mapping.date).toBe(1);
    // Nor is a reply's date, filled in for every row.
    const replied = ["2026-03-02", "2026-03-03", "2026-03-04", "2026-03-05"].map((day, i) => `${day} 10:00:00,2026-03-0${i + 1} 09:00:00,Satisfied`);
    expect(inspectCsv(["reply_date,opened_at,u_survey_response", ...replied].join("\n")).mapping.date).toBe(1);
  });

  it("alchemer-survey.csv: the tool's empty Comments field gives way to the survey's open question", async () => {
    const result = await importFixture("alchemer-survey.csv");
    expect(result.shape).toBe("wide");
    expect(result.columns.filter((c) => c.role === "text").map((c) => c.header)).toEqual(["What could we do better?"]);
    expect(result.columns.filter((c) => c.role === "question").map((c) => [c.header, c.measure])).toEqual([
      ["How satisfied were you with your purchase?", null],
      ["How easy was it to find what you needed?", null],
      ["How likely are you to recommend us to a friend?", "nps"],
    ]);
    expect(result.feedback.filter((f) => f.text !== "").map((f) => f.text)).toEqual([
      "Faster shipping",
      "The search never finds sizes",
      "More payment options",
      "Nothing",
    ]);
    expect(result.errors).toEqual([]);
  });

  it("yotpo-reviews.csv: the shop's comment, with its own date, is neither the comment nor joined to it", async () => {
    const result = await importFixture("yotpo-reviews.csv");
    // "comment_content" was the comment (a strong name), with the review's title and text joined to it.
    expect(result.mapping.text).toBe(2);
    expect(result.columns.filter((c) => c.role === "text").map((c) => c.header)).toEqual(["review_title", "review_content"]);
    expect(result.feedback[1]?.text).toBe("Bad stitching\n\nStitching came loose after a week");
    expect(result.feedback.map((f) => f.rating)).toEqual([5, 2, 4, 1, 5]);
    expect(result.errors).toEqual([]);
  });

  it("steam-reviews.csv: voted_up (True/False) is the rating; the weighted vote score (fractions of 1) is none", async () => {
    const result = await importFixture("steam-reviews.csv");
    expect(result.shape).toBe("long");
    // A "score" between 0 and 1 was read as a 0–10 rating: every review a detractor.
    expect(result.columns.find((c) => c.header === "weighted_vote_score")?.role).toBe("ignore");
    expect(result.columns.filter((c) => c.role !== "ignore").map((c) => [c.header, c.role])).toEqual([
      ["review", "text"],
      ["timestamp_created", "date"],
      ["voted_up", "rating"],
    ]);
    // A recommendation is good, its absence bad: CSAT is the share of recommending reviews.
    expect(result.feedback.map((f) => f.rating)).toEqual([5, 1, 5, 1, 5, 5]);
    expect(result.feedback[0]?.date).toBe("2023-11-14");
    expect(result.errors).toEqual([]);
  });

  it("datafiniti-product-reviews.csv: a column of lists of times (when a scraper saw the review) is no comment", async () => {
    const result = await importFixture("datafiniti-product-reviews.csv");
    // "reviews.dateSeen" was the comment (its header names reviews), the review's text and title joined to it.
    expect(result.columns.filter((c) => c.role === "text").map((c) => c.header)).toEqual(["reviews.text", "reviews.title"]);
    expect(result.columns.find((c) => c.header === "reviews.dateSeen")?.role).toBe("ignore");
    expect(result.feedback[0]?.text).toBe("Two were flat\n\nTwo of the pack were flat out of the box; the rest work fine.");
    expect(result.feedback.map((f) => [f.rating, f.date])).toEqual([
      [3, "2017-03-02"],
      [4, "2016-08-31"],
      [5, "2016-12-06"],
      [5, "2016-03-28"],
      [1, "2015-11-24"],
    ]);
  });

  it("store-reviews-scraped.csv: times counted back from the scrape (\"3 months ago\") are said to name no day, in one group", async () => {
    const result = await importFixture("store-reviews-scraped.csv");
    expect(result.imported).toBe(6);
    expect(result.feedback.map((f) => f.rating)).toEqual([1, 4, 1, 5, 1, 5]);
    expect(result.feedback.every((f) => f.date === null)).toBe(true);
    expect(result.problemGroups).toHaveLength(1);
    expect(result.problemGroups[0]?.count).toBe(6);
    expect(result.errors[0]?.message).toBe(
      'row 2, column "review_time": "3 months ago" counts back from the day the file was made, which the file does not say: not a date; left empty',
    );
  });

  it("theme-park-reviews.csv: a year and month as numbers (\"2019-4\", \"04/2019\") is the month's first day; \"missing\" is no date", async () => {
    const result = await importFixture("theme-park-reviews.csv");
    expect(result.mapping.date).toBe(2);
    expect(result.feedback.map((f) => f.date)).toEqual(["2019-04-01", "2019-05-01", "2019-04-01", "2019-04-01", null, "2019-04-01", "2019-04-01"]);
    expect(result.errors).toEqual([]);
  });

  it("beauty-product-reviews.csv: a product's long name is what was reviewed (the touchpoint); recommendation flags are no second rating", async () => {
    const result = await importFixture("beauty-product-reviews.csv");
    expect(result.shape).toBe("long");
    expect(result.columns.find((c) => c.header === "product_name")?.role).toBe("touchpoint");
    expect(result.columns.find((c) => c.header === "is_recommended")?.role).toBe("ignore");
    expect(result.created.touchpoints.map((t) => t.name)).toEqual(["Gentle Hydra-Gel Face Cleanser", "Lip Sleeping Mask Intense Hydration with Vitamin C"]);
    expect(result.feedback.map((f) => f.rating)).toEqual([5, 1, 5, 5, 5, 4, 2]);
    expect(result.errors).toEqual([]);
  });

  it("consumeraffairs-reviews.csv: \"No Rating\" is no answer, not an unreadable rating; \"Reviewed Sept. 13 2023\" is a date", async () => {
    const result = await importFixture("consumeraffairs-reviews.csv");
    expect(result.errors).toEqual([]);
    expect(result.noAnswers).toBe(1);
    expect(result.feedback.map((f) => f.rating)).toEqual([5, 5, 5, 4, 5, 1, null]);
    expect(result.feedback[0]?.date).toBe("2023-09-13");
    expect(result.feedback[6]?.text).toBe("Awful service and a long wait.");
  });

  it("airlinequality-reviews.csv: whole \"stars\" up to 10 are on 1–10, never 0–10 (no NPS for stars)", async () => {
    const result = await importFixture("airlinequality-reviews.csv");
    expect(result.detected.scale).toEqual({ min: 1, max: 10 });
    expect(result.feedback.map((f) => f.date)).toEqual(["2023-03-19", "2023-03-15", "2023-03-01", "2023-02-22", "2023-02-03", "2023-01-23"]);
  });

  it("twitter-airline-tweets.csv: tweets that name accounts (\"@VirginAmerica\") are words, the comment", async () => {
    const result = await importFixture("twitter-airline-tweets.csv");
    expect(result.columns.find((c) => c.role === "text")?.header).toBe("text");
    expect(result.feedback[0]?.text).toBe("@VirginAmerica What @dhepburn said.");
    expect(result.feedback[0]?.date).toBe("2015-02-24");
  });

  it("hubspot-tickets.csv: Positive / Neutral / Negative under a satisfaction rating's header is a three-point rating", async () => {
    const result = await importFixture("hubspot-tickets.csv");
    // Rows without a comment were skipped: the rating was not read.
    expect(result.imported).toBe(5);
    expect(result.columns.find((c) => c.header === "Customer satisfaction rating")?.words).toEqual({ positive: 5, negative: 1, neutral: 3 });
    expect(result.feedback.map((f) => f.rating)).toEqual([5, 1, 3, 5, 1]);
    expect(result.errors).toEqual([]);
  });

  it("jotform-matrix.csv: a matrix item after \">>\" names its touchpoint", async () => {
    const result = await importFixture("jotform-matrix.csv");
    expect(result.shape).toBe("wide");
    expect(result.created.touchpoints.map((t) => t.name)).toEqual(["Speed", "Friendliness", "Value for money", "Likelihood to recommend"]);
    expect(result.created.touchpoints[0]?.question).toBe("Please rate our service >> Speed");
    // Excellent, Very Good, Good, Fair, Poor: one step each ("Very Good" and "Excellent" were both 5, "Poor" 2).
    const speed = result.created.touchpoints[0]?.id;
    expect(result.feedback.filter((f) => f.touchpointId === speed).map((f) => f.rating)).toEqual([5, 3, 1, 4, 2]);
    // The matrix's other items are on the same scale, though nobody answered "Very Good" for them: "Good" is 3 in each.
    const friendliness = result.created.touchpoints[1]?.id;
    expect(result.feedback.filter((f) => f.touchpointId === friendliness).map((f) => f.rating)).toEqual([3, 5, 2, 5, 3]);
  });

  it("limesurvey-wide.csv: the tool's \"lastpage\" and \"seed\" are no questions", async () => {
    const result = await importFixture("limesurvey-wide.csv");
    expect(result.columns.filter((c) => c.role === "question").map((c) => c.header)).not.toContain("lastpage");
    expect(result.created.touchpoints.map((t) => t.name)).toEqual(["Price", "Quality", "Delivery", "Likelihood to recommend"]);
    expect(result.answers).toBe(19);
  });

  it("questionpro-wide.csv: dates that prove no order are read in the order the header states (\"mm/dd/yyyy\")", async () => {
    const result = await importFixture("questionpro-wide.csv");
    expect(result.errors).toEqual([]);
    expect(result.detected.dateOrder).toBe("month-first");
    const firstOfRow = new Map<string, string | null>();
    for (const f of result.feedback) if (f.respondentId !== undefined && !firstOfRow.has(f.respondentId)) firstOfRow.set(f.respondentId, f.date);
    expect([...firstOfRow.values()]).toEqual(["2023-10-05", "2023-10-05", "2023-10-06", "2023-10-06", "2023-10-07"]);
  });

  it("jira-service-desk.csv: a custom field repeating the satisfaction cell for cell is a copy, not a second question", async () => {
    const result = await importFixture("jira-service-desk.csv");
    // Read as a wide survey of two identical questions: every rating counted twice.
    expect(result.shape).toBe("long");
    expect(result.answers).toBe(26);
    expect(result.columns.find((c) => c.header === "Custom field (Satisfaction)")?.role).toBe("ignore");
    expect(result.columns.find((c) => c.header === "Satisfaction rating")?.role).toBe("rating");
    expect(result.mapping.responseId).toBe(1);
    expect(result.feedback[0]).toMatchObject({ rating: 5, responseId: "SD-100", date: "2024-03-01" });
  });

  it("a Qualtrics matrix's items, named by their codes (Q3_1, Q3_2), are read on one word scale", async () => {
    const answers = [
      ["Good", "Fair"],
      ["Very good", "Good"],
      ["Poor", "Good"],
      ["Excellent", "Fair"],
      ["Fair", "Good"],
    ];
    const text = [
      "ResponseId,Q3_1,Q3_2",
      "Response ID,How was your stay? - Room,How was your stay? - Food",
      '{"ImportId":"_recordId"},{"ImportId":"QID3_1"},{"ImportId":"QID3_2"}',
      ...answers.map(([room, food], i) => `R_${i}aaaaaaaaaaaaa,${room},${food}`),
    ].join("\n");
    const result = await importFeedbackCsv(text, { map: emptyMap });
    expect(result.shape).toBe("wide");
    expect(result.created.touchpoints.map((t) => t.name)).toEqual(["Room", "Food"]);
    // "Food" alone holds no "Very good": read by the matrix's labels, its "Good" is 3, as the room's.
    const food = result.created.touchpoints[1]?.id;
    expect(result.feedback.filter((f) => f.touchpointId === food).map((f) => f.rating)).toEqual([2, 3, 3, 2, 3]);
  });

  it("a question that agrees with another in a few rows only is still a question of its own", async () => {
    const header = "Respondent,Speed,Friendliness";
    const rows = Array.from({ length: 19 }, (_, i) => `R${i},${(i % 5) + 1},${(i % 5) + 1}`);
    const result = await importFeedbackCsv([header, ...rows, "R19,2,4"].join("\n"), { map: emptyMap });
    expect(result.shape).toBe("wide");
    expect(result.created.touchpoints.map((t) => t.name)).toEqual(["Speed", "Friendliness"]);
  });

  it.each([
    ["japanese-survey.csv", [["回答ID", "responseId"], ["タイムスタンプ", "date"], ["満足度", "rating"], ["ご意見・ご要望", "text"]]],
    ["chinese-reviews.csv", [["评分", "rating"], ["评论内容", "text"], ["日期", "date"]]],
    ["korean-reviews.csv", [["별점", "rating"], ["리뷰 내용", "text"], ["작성일", "date"]]],
  ])("%s: Japanese, Chinese and Korean headers name the rating, the comment, the date and the response's id", async (name, roles) => {
    const result = await importFixture(name);
    expect(result.shape).toBe("long");
    expect(result.columns.filter((c) => c.role !== "ignore").map((c) => [c.header, c.role])).toEqual(roles);
    expect(result.feedback.map((f) => f.rating)).toEqual([5, 2, 4, 1, 3]);
    expect(result.feedback.every((f) => f.date !== null)).toBe(true);
    expect(result.errors).toEqual([]);
  });

  it("stated-scale-survey.csv: the scale a header states is the question's, and makes a price a question", async () => {
    const result = await importFixture("stated-scale-survey.csv");
    expect(result.shape).toBe("wide");
    // "Price (1-7)" was no question: a price is a quantity, unless the header states a scale.
    expect(result.columns.filter((c) => c.role === "question").map((c) => [c.header, c.scale])).toEqual([
      ["Speed (1-7)", { min: 1, max: 7 }],
      ["Price (1-7)", { min: 1, max: 7 }],
      ["Quality (1-7)", { min: 1, max: 7 }],
      ["Overall satisfaction (1-10)", { min: 1, max: 10 }],
    ]);
    expect(result.created.touchpoints.map((t) => t.name)).toEqual(["Speed", "Price", "Quality", "Overall satisfaction"]);
  });

  it("qualtrics-sliders.csv: slider questions are on 0–100, every row imported; progress, duration, age and the tool's score are no questions", async () => {
    const result = await importFixture("qualtrics-sliders.csv");
    expect(result.shape).toBe("wide");
    expect(result.imported).toBe(24);
    expect(result.errors).toEqual([]);
    expect(result.columns.filter((c) => c.role === "question").map((c) => [c.header.split(" — ")[0], c.scale])).toEqual([
      ["Q1_1", { min: 0, max: 100 }],
      ["Q1_2", { min: 0, max: 100 }],
      ["Q1_3", { min: 0, max: 100 }],
      ["Q2", { min: 0, max: 100 }],
    ]);
    expect(result.created.touchpoints.map((t) => t.name)).toEqual(["Booking", "Check-in", "Room", "Find what you needed"]);
    // Qualtrics' scoring column ("SC0", 0 to 100) is worked out from the answers: never a question.
    expect(result.columns.find((c) => c.header.startsWith("SC0"))?.role).toBe("ignore");
    // Every answer kept as given: a 100 is a 100, a 0 is a 0 (no "no answer" below a 1–5 scale here).
    const booking = result.created.touchpoints[0]?.id;
    const ratings = result.feedback.filter((f) => f.touchpointId === booking).map((f) => f.rating);
    expect(ratings).toHaveLength(22);
    expect(ratings.some((r) => r !== null && r > 10)).toBe(true);
    for (const item of result.feedback) expect(Feedback.safeParse(item).success).toBe(true);
  });

  it("microsoft-forms.csv: 'Please explain your rating' is the comment, notes and anchors left out of names", async () => {
    const result = await importFixture("microsoft-forms.csv");
    expect(result.shape).toBe("wide");
    expect(result.imported).toBe(24);
    expect(result.errors).toEqual([]);
    const roles = Object.fromEntries(result.columns.map((c) => [c.header.split("\n")[0], c.role]));
    expect(roles).toMatchObject({
      "Please explain your rating": "text",
      // A closed question is no guessed segment: each segment multiplies what a journey keeps of folded rows.
      "Which rotation did you complete?": "ignore",
      "Email": "ignore",
      "Name": "ignore",
    });
    expect(result.created.touchpoints.map((t) => t.name)).toEqual(["Teaching on this rotation", "Rotation's workload", "Rotation"]);
    // The explanation is kept with the respondent's answers.
    const explained = result.feedback.filter((f) => f.text !== "");
    expect(explained.length).toBeGreaterThan(15);
    expect(explained[0]?.text).toBe("Consultants made time to teach every morning");
    // Chosen as a segment, the closed question sorts the respondents.
    const rotation = result.columns.findIndex((c) => c.header === "Which rotation did you complete?");
    const chosen = await importFixture("microsoft-forms.csv", { columns: { [rotation]: { role: "segment" } } });
    expect(chosen.feedback[0]?.segments).toEqual({ "Which rotation did you complete?": expect.any(String) });
    // Microsoft Forms writes month first with a two-digit year: "8/1/25 9:10:00".
    expect(result.feedback[0]?.date).toBe("2025-08-01");
  });

  it("a date column saved from a spreadsheet as day numbers ('45356', '45356.4375') is read as dates; other numbers are not", async () => {
    const text = ["Date,Score,Postcode,Comment", "45356,9,45356,Great", "45357.4375,3,45357,Slow", "45358,7,45358,", "2024-03-08,10,45359,Fine"].join("\n");
    const result = await importFeedbackCsv(text, { map: emptyMap });
    expect(result.errors).toEqual([]);
    expect(result.feedback.map((f) => f.date)).toEqual(["2024-03-05", "2024-03-06", "2024-03-07", "2024-03-08"]);
    // Under a header that names no date, a number of five digits stays a number: no date column is found.
    const postcodes = await importFeedbackCsv(["Postcode,Score", "45356,9", "45357,3"].join("\n"), { map: emptyMap });
    expect(postcodes.mapping.date).toBeNull();
    expect(postcodes.feedback.map((f) => f.date)).toEqual([null, null]);
  });

  it("french-reviews.csv: a 'Note' written '4/5' is the rating, 'Titre' the review's title, dates day first", async () => {
    const result = await importFixture("french-reviews.csv");
    expect(result.errors).toEqual([]);
    expect(result.imported).toBe(5);
    expect(result.feedback.map((f) => f.rating)).toEqual([4, 2, 5, 1, 3]);
    expect(result.detected.scale).toEqual({ min: 1, max: 5 });
    expect(result.feedback[1]?.text).toBe("Déçu\n\nColis abîmé à l'arrivée et service client lent à répondre");
    expect(result.feedback.map((f) => f.date)).toEqual(["2024-03-05", "2024-03-14", "2024-03-21", "2024-03-22", "2024-03-28"]);
  });

  it("German reviews: 'Bewertung' beside 'Sterne' is the review's text; alone or beside a 'Kommentar' it is the rating", async () => {
    const reviews = "Datum;Sterne;Titel;Bewertung\n05.03.2024;4;Gut;Schnelle Lieferung, gut verpackt\n14.03.2024;2;Enttäuscht;Paket beschädigt\n";
    const result = await importFeedbackCsv(reviews, { map: emptyMap });
    expect(result.feedback.map((f) => [f.rating, f.text])).toEqual([
      [4, "Gut\n\nSchnelle Lieferung, gut verpackt"],
      [2, "Enttäuscht\n\nPaket beschädigt"],
    ]);
    for (const text of ["Datum;Bewertung;Kommentar\n05.03.2024;4;Schnell\n14.03.2024;2;Beschädigt\n", "Datum;Bewertung\n05.03.2024;4\n14.03.2024;2\n"]) {
      const rated = await importFeedbackCsv(text, { map: emptyMap });
      expect(rated.feedback.map((f) => f.rating), text).toEqual([4, 2]);
    }
  });

  it("a long file's satisfaction score from 0 to 100 is on 0–100: no answer lost as off a 1–5 scale", async () => {
    const text = ["Date,Stage,Satisfaction score,Comment", "2024-03-01,Checkout,80,Good", "2024-03-02,Checkout,35,", "2024-03-03,Delivery,0,Late", "2024-03-04,Delivery,100,"].join("\n");
    const result = await importFeedbackCsv(text, { map: emptyMap });
    expect(result.detected.scale).toEqual({ min: 0, max: 100 });
    expect(result.imported).toBe(4);
    expect(result.feedback.map((f) => f.rating)).toEqual([80, 35, 0, 100]);
  });

  it("a long file's rating whose header states 1–10 is on 1–10, however its answers fall (no NPS from it)", async () => {
    const text = ["Date,Satisfaction (1-10),Comment", "2024-03-01,8,Good", "2024-03-02,9,Great", "2024-03-03,6,OK", "2024-03-04,10,Perfect"].join("\n");
    const result = await importFeedbackCsv(text, { map: emptyMap });
    expect(result.detected.scale).toEqual({ min: 1, max: 10 });
  });

  it("survey-word-scales.csv: seven-point and unipolar satisfaction, Excellent … Poor, Above / Below average, Acceptable", async () => {
    const result = await importFixture("survey-word-scales.csv");
    expect(result.shape).toBe("wide");
    const byQuestion = (header: string) =>
      result.feedback.filter((f) => f.touchpointId === result.created.touchpoints.find((t) => t.question === header || t.name === header)?.id).map((f) => f.rating);
    expect(result.columns.filter((c) => c.role === "question").map((c) => [c.header, c.scale])).toEqual([
      ["How satisfied were you with checkout?", { min: 1, max: 7 }],
      ["How would you rate delivery?", { min: 1, max: 5 }],
      ["How would you rate our prices?", { min: 1, max: 5 }],
      ["How likely are you to buy again?", { min: 1, max: 5 }],
      ["How satisfied were you with support?", { min: 1, max: 5 }],
    ]);
    // Extremely, Moderately, Slightly satisfied … as Qualtrics' seven points.
    expect(byQuestion("How satisfied were you with checkout?")).toEqual([7, 6, 3, 4, 1, 5, 2]);
    // Very good, Good, Acceptable, Poor, Very poor.
    expect(byQuestion("How would you rate delivery?")).toEqual([5, 4, 3, 2, 1, 4, 5]);
    // Above average, Average, Below average, Poor, Excellent.
    expect(byQuestion("How would you rate our prices?")).toEqual([4, 3, 2, 1, 5, 3, 4]);
    // Very, Moderately, Slightly, Not at all, Extremely satisfied: from none up, not two-sided.
    expect(byQuestion("How satisfied were you with support?")).toEqual([4, 3, 2, 1, 5, 4, 3]);
    expect(result.errors).toEqual([]);
  });

  it("comments-one-column.csv: in a file of one column, a comment's commas are its own, not a second cell", async () => {
    const result = await importFixture("comments-one-column.csv");
    expect(result).toMatchObject({ rows: 4, imported: 4, skipped: 0, errors: [] });
    expect(result.feedback.map((f) => f.text)).toEqual(["Great service, thanks", "Too slow", "Loved it, really", "The app crashed, twice, on checkout"]);
    // The wizard's preview shows each comment whole too.
    expect(inspectCsv(result.text).preview.map((row) => row.join("|"))).toEqual(["Great service, thanks", "Too slow", "Loved it, really", "The app crashed, twice, on checkout"]);
  });

  it("the items of one matrix question are read on one scale, by the labels of all of them", async () => {
    const header = "Respondent,How satisfied are you with [Price],How satisfied are you with [Quality],Comment";
    const rows = [
      "1,Not at all satisfied,Very satisfied,",
      "2,Slightly satisfied,Extremely satisfied,ok",
      "3,Very satisfied,Moderately satisfied,",
      "4,Moderately satisfied,Very satisfied,fine",
    ];
    const result = await importFeedbackCsv([header, ...rows].join("\n"), { map: emptyMap });
    // "Quality" alone reads as the two-sided scale ("Very satisfied" 5); beside "Price" it is the one-sided one.
    expect(result.created.touchpoints.map((t) => t.name)).toEqual(["Price", "Quality"]);
    const quality = result.created.touchpoints[1]?.id;
    expect(result.feedback.filter((f) => f.touchpointId === quality).map((f) => f.rating)).toEqual([4, 5, 3, 4]);
  });

  it("qualtrics-trimmed-99.csv: a Qualtrics export of a few columns keeps its three header rows; -99 (seen, not answered) is no answer", async () => {
    const result = await importFixture("qualtrics-trimmed-99.csv");
    // Read as one header row ("Q1", "Q2" …) with two rows of labels as responses: nothing was imported.
    expect(result.detected.headerRows).toBe(2);
    expect(result.shape).toBe("wide");
    expect(result.created.touchpoints.map((t) => t.name)).toEqual(["Checkout", "Delivery", "Likelihood to recommend"]);
    expect(result.noAnswers).toBe(3);
    expect(result.columns.find((c) => c.header.startsWith("Q1 "))?.noAnswer).toEqual(["-99"]);
    expect(result.feedback.filter((f) => f.respondentId === "R_2b").map((f) => f.rating)).toEqual([3, 7]);
    expect(result.errors).toEqual([]);
  });

  it("glassdoor-reviews.csv: a wide file of sub-ratings whose headline, pros and cons are joined into the row's text", async () => {
    const result = await importFixture("glassdoor-reviews.csv");
    expect(result.shape).toBe("wide");
    expect(result.columns.filter((c) => c.role === "text").map((c) => c.header)).toEqual(["headline", "pros", "cons"]);
    // The text goes with the outcome's answer ("overall_rating").
    const overall = result.feedback.filter((f) => f.text !== "");
    expect(overall.map((f) => [f.rating, f.text.split("\n\n")])).toEqual([
      [2, ["Young colleagues", "Young colleagues and a relaxed atmosphere", "Low salary and few chances to move up"]],
      [2, ["Friendly team", "Friendly and supportive team", "Poor leadership and long hours"]],
      [1, ["Low salary", "The free car park", "Constant changes with no plan"]],
      [5, ["Good career prospects", "Good career prospects and training", "Long hours at the end of the quarter"]],
      [3, ["Good", "Flexible hours and good pay", "Targets change every month"]],
    ]);
    expect(result.created.touchpoints.map((t) => t.name)).toEqual(["Overall", "Work life balance", "Culture values", "Career opp", "Comp benefits", "Senior mgmt"]);
  });

  it("google-maps-reviews.csv: the review's Unix timestamp is the date, not the owner's answer's; the owner's answer is no text", async () => {
    const result = await importFixture("google-maps-reviews.csv");
    expect(result.columns.filter((c) => c.role !== "ignore").map((c) => [c.header, c.role])).toEqual([
      ["review_id", "responseId"],
      ["review_text", "text"],
      ["review_rating", "rating"],
      ["review_timestamp", "date"],
    ]);
    expect(result.feedback.map((f) => [f.date, f.rating])).toEqual([
      ["2024-03-14", 5],
      ["2024-03-13", 2],
      ["2024-03-12", 4],
      ["2024-03-11", 3],
      ["2024-03-10", 5],
    ]);
    expect(result.feedback[0]?.text).toBe("Friendly staff, the burrito came fast and hot.");
    expect(result.errors).toEqual([]);
  });

  it("excel-title-rows.csv: a report's title and export date above the header are no header", async () => {
    const result = await importFixture("excel-title-rows.csv");
    expect(result.headers).toEqual(["Date", "Stage", "Rating", "Comment"]);
    expect([result.rows, result.imported]).toEqual([4, 4]);
    // The skipped title lines are said, row by row, as one kind in the report.
    expect(result.errors.map((e) => e.message)).toEqual([
      'row 1: reads as a title above the header ("Customer Survey Results - Q1 2024"), not as a response: skipped',
      'row 2: reads as a title above the header ("Exported 2024-04-01"), not as a response: skipped',
    ]);
    expect(result.problemGroups.map((g) => g.count)).toEqual([2]);
    expect(result.feedback.map((f) => [f.date, f.rating, f.text])[0]).toEqual(["2024-03-01", 4, "Fine"]);
    // A one-column file keeps its first row as the header, whatever follows.
    const oneColumn = await importFeedbackCsv("Comment\nGreat app\nSlow\n", { map: emptyMap });
    expect([oneColumn.headers, oneColumn.imported]).toEqual([["Comment"], 2]);
    // Even where an unquoted comma cuts a response in two.
    const cut = await importFeedbackCsv("Feedback\nGreat app, love it\nSlow, crashes\n", { map: emptyMap });
    expect(cut.headers).toEqual(["Feedback"]);
  });

  it("a title line not padded to the header's width (one cell, or cut by a comma) is no header either", async () => {
    for (const title of ["Customer survey March 2024", "Customer survey, March 2024"]) {
      const text = [title, "", "Date,Rating,Comment", "2024-03-01,5,Quick delivery", "2024-03-02,2,Late again"].join("\n");
      const result = await importFeedbackCsv(text, { map: emptyMap });
      expect(result.headers, title).toEqual(["Date", "Rating", "Comment"]);
      expect([result.rows, result.imported], title).toEqual([2, 2]);
      expect(result.errors.map((e) => e.message)).toEqual([`row 1: reads as a title above the header ("${title}"), not as a response: skipped`]);
    }
    // A header narrower than its rows (each ends with a comma) stays the header: a row of dates names no column.
    const trailing = await importFeedbackCsv("Date,Comment\n2024-03-01,Great service,\n2024-03-02,Slow delivery,\n2024-03-03,Fine,\n", { map: emptyMap });
    expect(trailing.headers.slice(0, 2)).toEqual(["Date", "Comment"]);
    expect(trailing.feedback.map((f) => [f.date, f.text])).toEqual([
      ["2024-03-01", "Great service"],
      ["2024-03-02", "Slow delivery"],
      ["2024-03-03", "Fine"],
    ]);
  });

  it("a header row the person names is the header, whatever the title lines above it look like", async () => {
    // Title lines of two filled cells over a header of three: the header is the first row wider than
    // the lines above it that the rows under it are as wide as.
    const text = "Survey report,Q1 2024\nExported by,Ann\nDate,Rating,Comment\n2024-03-01,4,Fine\n2024-03-02,2,Slow\n";
    const guessed = await importFeedbackCsv(text, { map: emptyMap });
    expect(guessed.headers).toEqual(["Date", "Rating", "Comment"]);
    // Named, the first row is the header, whatever follows.
    expect((await importFeedbackCsv(text, { map: emptyMap, headerRow: 1 })).headers).toEqual(["Survey report", "Q1 2024"]);
    const chosen = await importFeedbackCsv(text, { map: emptyMap, headerRow: 3 });
    expect(chosen.headers).toEqual(["Date", "Rating", "Comment"]);
    expect(chosen.feedback.map((f) => [f.date, f.rating, f.text])).toEqual([
      ["2024-03-01", 4, "Fine"],
      ["2024-03-02", 2, "Slow"],
    ]);
    expect(chosen.errors.map((e) => e.message)).toEqual([
      'row 1: reads as a title above the header ("Survey report,Q1 2024"), not as a response: skipped',
      'row 2: reads as a title above the header ("Exported by,Ann"), not as a response: skipped',
    ]);
    expect(inspectCsv(text, { headerRow: 3 })).toMatchObject({ headerRow: 3, headers: ["Date", "Rating", "Comment"], rowCount: 2 });
    expect(inspectCsv(text).headerRow).toBe(3);
    // A row named that holds no names (blank, or past the end of the file) is said to be so, not "the file is empty".
    for (const headerRow of [5, 12]) {
      const blank = await importFeedbackCsv(text.replace("2024-03-01,4,Fine\n", "2024-03-01,4,Fine\n\n"), { map: emptyMap, headerRow });
      expect(blank.imported).toBe(0);
      expect(blank.errors.filter((e) => !e.message.includes("reads as a title")).map((e) => e.message)).toEqual([
        `row ${headerRow}: chosen as the header row, is blank or past the end of the file, so it names no column: choose the row the column names are on`,
      ]);
    }
    // A row the layout does not read is refused as the caller's mistake.
    await expect(importFeedbackCsv(text, { map: emptyMap, headerRow: 0 })).rejects.toThrow("headerRow must be a row from 1 to 20, not 0");
  });

  it("a file without a header row (a data set saved without names) imports every row, its columns named by letter", async () => {
    // Sentiment140's layout: polarity, id, date, query, user, text; no row of names.
    const tweets = [
      '"0","1467810369","Mon Apr 06 22:19:45 PDT 2009","NO_QUERY","_TheSpecialOne_","@switchfoot Awww, that\'s a bummer. You shoulda got David Carr"',
      '"0","1467810672","Mon Apr 06 22:19:49 PDT 2009","NO_QUERY","scotthamilton","is upset that he can\'t update his Facebook by texting it"',
      '"4","1467822272","Mon Apr 06 22:22:45 PDT 2009","NO_QUERY","ersle","I LOVE @Health4UandPets u guys r the best!! "',
      '"4","1467822273","Mon Apr 06 22:22:45 PDT 2009","NO_QUERY","becca210","im meeting up with one of my besties tonight! Cant wait!!"',
    ];
    const text = tweets.join("\n");
    const inspected = inspectCsv(text);
    expect([inspected.headerRows, inspected.headers, inspected.rowCount]).toEqual([0, ["Column A", "Column B", "Column C", "Column D", "Column E", "Column F"], 4]);
    const result = await importFeedbackCsv(text, { map: emptyMap });
    expect([result.detected.headerRows, result.rows, result.imported]).toEqual([0, 4, 4]);
    // No header names the text: the column of sentences is it.
    expect(result.feedback.map((f) => f.text.slice(0, 20))).toEqual(["@switchfoot Awww, th", "is upset that he can", "I LOVE @Health4UandP", "im meeting up with o"]);
    // Rejected rows are written under the letters, so the export is not read as one without a header again.
    expect(exportRejectedRowsCsv({ ...result, rejectedRows: [] }).split("\r\n")[0]).toBe("Column A,Column B,Column C,Column D,Column E,Column F,Import problem");
    // Told, the first row is a response (or a header) whatever it looks like.
    expect((await importFeedbackCsv(text, { map: emptyMap, headerRows: 1 })).imported).toBe(3);
    expect(inspectCsv("Date,Rating,Comment\n2024-03-01,4,Fine\n2024-03-02,2,Slow\n", { headerRows: 0 }).rowCount).toBe(3);
  });

  it("a column of sentences is the comment when no header names one, and a column of names, products or places is not", async () => {
    const rows = [
      ["2024-03-01", "5", "Anna Nowak", "Kraków", "Bardzo szybka dostawa, wszystko zgodne z opisem"],
      ["2024-03-02", "2", "Jan Kowalski", "Gdańsk", "Paczka przyszła uszkodzona i nikt nie odpowiada"],
      ["2024-03-03", "4", "Ewa Zielińska", "Kraków", "Dobra jakość, ale trochę za drogo jak na to"],
    ];
    const line = (cells: readonly string[]) => cells.map((cell) => `"${cell}"`).join(",");
    const text = ["Data,Ocena,Klient,Miasto,Opinia", ...rows.map(line)].join("\n");
    const result = await importFeedbackCsv(text, { map: emptyMap });
    expect(result.columns.filter((c) => c.role === "text").map((c) => c.header)).toEqual(["Opinia"]);
    expect(result.feedback.map((f) => f.text)).toEqual(rows.map((r) => r[4]));
    // Without the sentences, no column is taken for the comment.
    const names = await importFeedbackCsv(["Data,Ocena,Klient,Miasto", ...rows.map((r) => line(r.slice(0, 4)))].join("\n"), { map: emptyMap });
    expect(names.columns.filter((c) => c.role === "text")).toEqual([]);
  });

  it("a header is a header: names over numbers or dates, years, questions by number, a header repeated below", () => {
    const cases = [
      "Date,Rating,Comment\n2024-03-01,4,Fine\n2024-03-02,2,Slow\n2024-03-03,5,Great\n",
      "Region,2022,2023\nNorth,45,50\nSouth,38,41\nEast,12,19\n",
      "Respondent,1,2,3,4\nr1,4,5,3,2\nr2,1,2,2,5\nr3,3,3,4,4\n",
      "\ufeffDate,Rating,Comment\n2024-03-01,4,Good\n2024-03-02,2,Slow\n\ufeffDate,Rating,Comment\n2024-04-01,5,Great\n",
      "Comment,Category\nThe checkout kept failing,Web\nDelivery was late,App\nGreat support,Web\n",
    ];
    for (const text of cases) expect(inspectCsv(text).headerRows, text).toBe(1);
  });

  it("excel-sep-line.csv: Excel's 'sep=;' line names the delimiter and is no header", async () => {
    const result = await importFixture("excel-sep-line.csv");
    expect(result.headers).toEqual(["Datum", "Phase", "Bewertung", "Kommentar"]);
    // The "sep=;" line is no title: nothing to report.
    expect(result.errors).toEqual([]);
    expect(result.feedback.map((f) => [f.date, f.rating, f.text])).toEqual([
      ["2024-03-01", 4, "Gut, schnell"],
      ["2024-03-02", 2, "Spät"],
      ["2024-03-03", 5, "Super"],
    ]);
  });

  it("qualtrics-nps-group.csv: Qualtrics' worked-out NPS group is no question; matrix items named after 'Please rate -'", async () => {
    const result = await importFixture("qualtrics-nps-group.csv");
    expect(result.shape).toBe("wide");
    expect(result.created.touchpoints.map((t) => [t.name, t.measure])).toEqual([
      ["Likelihood to recommend", "nps"],
      ["Delivery", undefined],
      ["Support", undefined],
    ]);
    expect(result.columns.find((c) => c.header.startsWith("Q1_NPS_GROUP"))?.role).toBe("ignore");
    // NPS from the answers alone (9, 3, 7, 10, 6, 8): two promoters, two detractors. The groups (3, 1, 2 …) read
    // as answers on 0–10 made every respondent a detractor again.
    const nps = result.feedback.filter((f) => f.scale?.max === 10).map((f) => f.rating);
    expect(nps).toEqual([9, 3, 7, 10, 6, 8]);
  });

  it("surveymonkey-labelled.csv: answers written with their labels ('5 - Very satisfied'), 'N/A - did not use' no answer", async () => {
    const result = await importFixture("surveymonkey-labelled.csv");
    expect(result.shape).toBe("wide");
    expect(result.errors).toEqual([]);
    const delivery = result.columns.find((c) => c.header.startsWith("How satisfied were you with delivery?"));
    expect([delivery?.noAnswers, delivery?.noAnswer]).toEqual([1, ["N/A - did not use"]]);
    expect(result.feedback.map((f) => f.rating)).toEqual([5, 4, 10, 2, 1, 3, 4, 8, 3, 3, 0]);
  });

  it("wide-summary-rows.csv: a wide file's trailing 'Average' and 'Total responses' rows are no respondents", async () => {
    const result = await importFixture("wide-summary-rows.csv");
    expect(result.shape).toBe("wide");
    expect([result.imported, result.answers, result.skipped]).toEqual([4, 12, 2]);
    expect(result.rejectedRows.map((r) => r.row)).toEqual([7, 8]);
    expect(result.errors.map((e) => e.message)).toEqual([
      `row 7: looks like a summary row ("Average"), not a response: skipped`,
      `row 8: looks like a summary row ("Total responses"), not a response: skipped`,
    ]);
  });

  it("google-forms-german.csv: a German form's recommend question is the NPS on 0–10, 'Was können wir verbessern?' the text", async () => {
    const result = await importFixture("google-forms-german.csv");
    expect(result.shape).toBe("wide");
    expect(result.mapping).toMatchObject({ date: 0, text: 3 });
    const recommend = result.columns.find((c) => c.header.includes("weiterempfehlen"));
    expect([recommend?.measure, recommend?.scale]).toEqual(["nps", { min: 0, max: 10 }]);
    expect(result.feedback.filter((f) => f.text !== "").map((f) => f.text)).toEqual(["Alles super", "Lieferung dauerte zu lange", "Preise zu hoch"]);
  });

  it("intercom-ratings.csv: Intercom's Terrible … Amazing on 1–5, its 'remark' as the text", async () => {
    const result = await importFixture("intercom-ratings.csv");
    expect(result.mapping).toMatchObject({ rating: 1, text: 2, date: 3, touchpoint: 7 });
    expect(result.feedback.map((f) => [f.rating, f.text])).toEqual([
      [5, "Solved in minutes"],
      [2, "Nobody answered for a day"],
      [4, ""],
      [3, "Had to repeat myself"],
      [1, "Closed without solving"],
      [5, ""],
    ]);
    expect(result.columns.find((c) => c.header === "Conversation rating")?.words).toMatchObject({ terrible: 1, bad: 2, okay: 3, great: 4, amazing: 5 });
  });

  it("hotjar-survey.csv: the open question whose header says 'score' is the text, not a rating", async () => {
    const result = await importFixture("hotjar-survey.csv");
    expect(result.shape).toBe("wide");
    expect(result.mapping).toMatchObject({ text: 10, rating: null, date: 2 });
    expect(result.created.touchpoints.map((t) => t.name)).toEqual(["Experience today", "Find what you were looking for"]);
    expect(result.feedback.filter((f) => f.text !== "").map((f) => f.text)).toEqual([
      "Checkout was smooth",
      "Coupon did not apply",
      "Shipping cost surprised me",
      "Page kept reloading",
      "Fast",
    ]);
  });

  it("medallia-wide.csv: questions named without their written scale; an ambiguous date is one problem per row", async () => {
    const result = await importFixture("medallia-wide.csv");
    expect(result.shape).toBe("wide");
    expect(result.created.touchpoints.map((t) => [t.name, t.measure])).toEqual([
      ["Likelihood to Recommend", "nps"],
      ["Overall satisfaction", "outcome"],
      ["Staff Friendliness", undefined],
      ["Wait Time", undefined],
    ]);
    const dates = result.errors.filter((e) => e.column === "Response Date");
    // "03/03/2024" reads the same either way (row 6).
    expect(dates.map((e) => e.row)).toEqual([2, 3, 4, 5, 7]);
    expect([...new Set(result.feedback.map((f) => f.date))]).toEqual([null, "2024-03-03"]);
    // "Store" holds shops ("Berlin Mitte"), no source: with as few rows as shops it is not read at all.
    expect(result.mapping.source).toBeNull();
    expect(result.feedback.every((f) => f.source === "")).toBe(true);
    // With more rows than shops, the shop sorts the answers: a segment. App stores under "Store" stay the source.
    const shops = Array.from({ length: 12 }, (_, i) => `${["Berlin Mitte", "Paris Nord"][i % 2]},${(i % 5) + 1},fine ${i}`);
    expect(inspectCsv(["Store,Rating,Comment", ...shops].join("\n")).columns[0]?.role).toBe("segment");
    const apps = Array.from({ length: 12 }, (_, i) => `${["App Store", "Google Play"][i % 2]},${(i % 5) + 1},fine ${i}`);
    expect(inspectCsv(["Store,Rating,Comment", ...apps].join("\n")).columns[0]?.role).toBe("source");
    // Told the order, every answer of a row gets the row's date.
    const dayFirst = await importFixture("medallia-wide.csv", { dateOrder: "day-first" });
    expect(dayFirst.errors.filter((e) => e.column === "Response Date")).toEqual([]);
    expect([...new Set(dayFirst.feedback.map((f) => f.date))]).toEqual(["2024-01-03", "2024-02-03", "2024-03-03", "2024-04-03"]);
  });

  it("zendesk-tickets.csv: ticket text with a line break, custom stage field, 'Via' as the source", async () => {
    const result = await importFixture("zendesk-tickets.csv", { kind: "support" });
    expect(result.mapping).toMatchObject({ text: 2, date: 5, source: 6, stage: 7, rating: null });
    expect(result.detected.scale).toBeNull();
    expect(result.feedback.map((f) => [f.date, f.source, f.kind, f.rating, f.scale])).toEqual([
      ["2024-03-12", "Mail", "support", null, null],
      ["2024-03-12", "Web Widget", "support", null, null],
      ["2024-03-13", "Chat", "support", null, null],
    ]);
    expect(result.feedback[0]?.text).toBe("I returned the jacket on March 2 and still have no refund.\nOrder #A-1182.");
    // Row 2 spans two lines of the file but is one spreadsheet row: the next ticket is row 3.
    const withoutText = await importFixture("zendesk-tickets.csv", { mapping: { text: null, rating: 0 } });
    expect(withoutText.errors.map((e) => e.row)).toEqual([2, 3, 4]);
  });

  it("app-store-reviews.csv: star ratings, 'Mar 5, 2024' dates, store names as sources of reviews", async () => {
    const result = await importFixture("app-store-reviews.csv");
    expect(result.mapping).toMatchObject({ date: 0, source: 1, rating: 2, text: 4 });
    // The review's title, then the review.
    expect(result.feedback[0]?.text).toBe("Nice\n\nWorks well, but the search is slow");
    expect(result.detected.scale).toEqual({ min: 1, max: 5 });
    expect(result.feedback.map((f) => [f.date, f.rating, f.kind, f.source])).toEqual([
      ["2024-03-05", 4, "review", "App Store"],
      ["2024-03-06", 5, "review", "Google Play"],
      ["2024-03-06", 1, "review", "App Store"],
      ["2024-03-07", 4, "review", "Google Play"],
    ]);
    expect(result.errors).toEqual([]);
  });

  it("invalid-ratings.csv: unreadable or off-scale ratings never count; with a text the row stays as text-only", async () => {
    const result = await importFixture("invalid-ratings.csv");
    expect(result.detected.scale).toEqual({ min: 1, max: 5 });
    expect(messages(result)).toEqual([
      'row 3, column "Rating": "high" is not a number on a 1–5 scale; imported as a text-only response',
      'row 5: has no rating and no text (columns "Rating" and "Comment" are empty): not imported',
      'row 6, column "Rating": "44" is outside the 1–5 scale; imported as a text-only response',
      'row 7, column "Rating": "high" is not a number on a 1–5 scale, and the row has no text either: not imported',
      'row 12, column "Rating": "-1" is outside the 1–5 scale, and the row has no text either: not imported',
    ]);
    expect(result.feedback.map((f) => [f.date, f.rating])).toEqual([
      ["2024-03-01", 5],
      ["2024-03-02", null],
      ["2024-03-03", null],
      ["2024-03-05", null],
      ["2024-03-07", 4],
      ["2024-03-08", 4],
      ["2024-03-09", 3],
      ["2024-03-10", null],
    ]);
    expect(result.feedback.filter((f) => f.rating === null).every((f) => f.scale === null)).toBe(true);
    expect(result).toMatchObject({ rows: 11, imported: 8, skipped: 3 });
    expect(result.rejectedRows.map((r) => [r.row, r.cells])).toEqual([
      [5, ["2024-03-04", "", ""]],
      [7, ["2024-03-06", "high", ""]],
      [12, ["2024-03-11", "-1", ""]],
    ]);
  });

  it("quoted-fields.csv: commas, doubled quotes and line breaks inside quotes; a formula-looking text is kept as text", async () => {
    const result = await importFixture("quoted-fields.csv");
    expect(result.feedback.map((f) => f.text)).toEqual([
      'Good, but "express" shipping wasn\'t express',
      "Line one\nline two, with a comma\nline three",
      'She said: "wow"',
      '=HYPERLINK("http://evil.example")',
    ]);
    expect(result.feedback.map((f) => f.rating)).toEqual([4, 2, 5, 3]);
  });

  it("crlf.csv: CRLF line ends, a CRLF inside a quoted cell, a blank line", async () => {
    const result = await importFixture("crlf.csv");
    expect(result.feedback.map((f) => f.text)).toEqual(["Clean CRLF file", "Two lines\r\ninside one cell", "After a blank line"]);
    expect(result).toMatchObject({ rows: 3, blankRows: 1, skipped: 0 });
    expect(result.errors).toEqual([]);
  });

  it("blank-lines.csv: blank lines and a row of bare commas are not rows to report, but they count in row numbers", async () => {
    const result = await importFixture("blank-lines.csv", { mapping: { stage: null } });
    expect(result).toMatchObject({ rows: 3, imported: 3, blankRows: 5 });
    expect(result.errors).toEqual([]);
    const strict = await importFixture("blank-lines.csv", { create: { stages: false } });
    expect(messages(strict)).toEqual([
      'row 3, column "Stage": no stage is named "Awareness" (the map has none yet); not imported',
      'row 4, column "Stage": no stage is named "Awareness" (the map has none yet); not imported',
      'row 7, column "Stage": no stage is named "Decision" (the map has none yet); not imported',
    ]);
  });

  it("ragged-rows.csv: short rows read with empty cells, trailing empty cells ignored, slipped rows rejected", async () => {
    const result = await importFixture("ragged-rows.csv");
    expect(result.feedback.map((f) => [f.rating, f.text, f.source])).toEqual([
      [5, "Full row", "Survey"],
      [4, "Missing the source", ""],
      [3, "", ""],
      [2, "Trailing empty cells", "Survey"],
    ]);
    expect(messages(result)).toEqual([
      'row 6: has 5 cells where the header has 4 (extra: "Survey"); a text with a comma but no quotes around it? Its cells may sit in the wrong columns: not imported',
    ]);
    expect(result.rejectedRows[0]?.cells).toEqual(["1", "Comma without quotes", " so it slipped", "Decision", "Survey"]);
  });

  it("summary-row.csv: trailing 'Average' and 'Total' rows are skipped with that reason and do not sway the scale", async () => {
    const result = await importFixture("summary-row.csv");
    expect(result).toMatchObject({ rows: 5, imported: 3, skipped: 2 });
    expect(messages(result)).toEqual([
      'row 6: looks like a summary row ("Average"), not a response: skipped',
      'row 7: looks like a summary row ("Total"), not a response: skipped',
    ]);
    expect(result.detected.scale).toEqual({ min: 1, max: 5 });
  });

  it("semicolon-decimals.csv: German Excel export, semicolons, decimal commas, dotted dates, German headers", async () => {
    const result = await importFixture("semicolon-decimals.csv");
    expect(result.detected).toMatchObject({ delimiter: ";", scale: { min: 1, max: 5 } });
    expect(result.mapping).toMatchObject({ date: 0, rating: 1, text: 2, stage: 3, touchpoint: 4, persona: 5, source: 6 });
    expect(result.feedback.map((f) => [f.date, f.rating, f.text, f.kind])).toEqual([
      ["2024-03-05", 4.5, "Schnelle Lieferung, gute Qualität", "survey"],
      ["2024-03-06", 2, "Hotline nicht erreichbar", "survey"],
      ["2024-03-07", 3.5, "Preis ok; Versand langsam", "review"],
    ]);
    expect(result.created.touchpoints.map((t) => [t.name, t.channel])).toEqual([
      ["Webshop", "web"],
      ["Telefon", "phone"],
    ]);
  });

  it("dates-day-first.csv: one day above 12 settles the whole column as day first", async () => {
    const result = await importFixture("dates-day-first.csv");
    expect(result.detected.dateOrder).toBe("day-first");
    expect(result.feedback.map((f) => f.date)).toEqual(["2024-03-05", "2024-03-13", "2024-04-01"]);
    expect(result.errors).toEqual([]);
  });

  it("dates-ambiguous.csv: nothing settles day/month, so those dates are reported and left empty", async () => {
    const result = await importFixture("dates-ambiguous.csv");
    expect(result.feedback.map((f) => f.date)).toEqual([null, null, "2024-04-09"]);
    expect(messages(result)).toEqual([
      'row 2, column "Date": "05/03/2024" could be 5 March 2024 (day first) or 3 May 2024 (month first), and no other date in this column tells which; left empty (choose the date order to import it)',
      'row 3, column "Date": "06/04/2024" could be 6 April 2024 (day first) or 4 June 2024 (month first), and no other date in this column tells which; left empty (choose the date order to import it)',
    ]);
    // One kind of problem, however the days read: one group of two, not a group per row.
    expect(result.problemGroups.map((g) => [g.column, g.count])).toEqual([["Date", 2]]);
    const told = await importFixture("dates-ambiguous.csv", { dateOrder: "day-first" });
    expect(told.feedback.map((f) => f.date)).toEqual(["2024-03-05", "2024-04-06", "2024-04-09"]);
    expect(told.errors).toEqual([]);
  });

  it("links rows to existing stages whatever their case and spacing", async () => {
    const decision: Stage = { id: "s_decision", name: "Decision", objective: "", emotion: null };
    const result = await importFixture("quoted-fields.csv", {
      map: { stages: [decision], touchpoints: [], personas: [] },
      create: { stages: false },
    });
    expect(result.created.stages).toEqual([]);
    expect(result.feedback.filter((f) => f.stageId === "s_decision")).toHaveLength(3);
    expect(messages(result)).toEqual([
      'row 3, column "Stage": no stage is named "Retention" (the map has: Decision); not imported',
    ]);
  });
});
