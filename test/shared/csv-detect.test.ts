/** How a CSV file is laid out and which column holds what: delimiter, header rows, summary rows, the mapping guess. */
import { describe, expect, it } from "vitest";
import {
  EMPTY_MAPPING,
  detectDelimiter,
  entityNameKey,
  guessChannel,
  guessMapping,
  headerSignature,
  inspectCsv,
  normaliseHeader,
} from "../../shared/csv";
import { HEADER_CLUES } from "../../shared/csv/columns";
import { looksLikeSecondHeaderRow, summaryRowLabel } from "../../shared/csv/detect";

describe("detectDelimiter", () => {
  it.each([
    ["comma", "Rating,Comment\n4,Fine\n5,Great; really", ","],
    ["semicolon with decimal commas", "Bewertung;Kommentar\n4,5;Gut, aber teuer\n3;ok", ";"],
    ["tab", "Rating\tComment\n4\tFine, thanks\n5\tGreat", "\t"],
    ["pipe", "Rating|Comment\n4|Fine, thanks; really\n5|Great", "|"],
    ["semicolon with a comma inside a quoted header", 'Rating;"Comment, if any";Stage\n4;Fine, thanks;Decision\n5;;Retention', ";"],
    ["a single column", "Comment\nFine\nGreat, thanks", ","],
    ["an empty text", "", ","],
  ])("%s", (_, text, delimiter) => {
    expect(detectDelimiter(text)).toBe(delimiter);
  });
});

describe("second header row", () => {
  const header = ["Respondent ID", "How likely are you to recommend us?", "Why?", "Which stage?"];

  it("is recognised from survey sub-labels", () => {
    expect(looksLikeSecondHeaderRow(header, ["", "Response", "Open-Ended Response", "Response"])).toBe(true);
  });

  it("is recognised when it repeats the question texts", () => {
    expect(looksLikeSecondHeaderRow(header, ["", "How likely are you to recommend us?", "Why?", ""])).toBe(true);
  });

  it("is recognised when it spells out the names of the first (Qualtrics' \"Response ID\" under \"ResponseId\")", () => {
    expect(looksLikeSecondHeaderRow(["ResponseId", "RecordedDate", "Q1"], ["Response ID", "Recorded Date", "How satisfied were you?"])).toBe(true);
    expect(looksLikeSecondHeaderRow(["ResponseId", "Q1"], ["Response ID", "Fine"])).toBe(false);
  });

  it("is not a response row, which has a rating or a date", () => {
    expect(looksLikeSecondHeaderRow(header, ["1142", "9", "Response", "Decision"])).toBe(false);
    expect(looksLikeSecondHeaderRow(header, ["", "Response", "", "2024-03-05"])).toBe(false);
  });

  it("is not a text-only response row", () => {
    expect(looksLikeSecondHeaderRow(header, ["", "", "Too slow", "Checkout"])).toBe(false);
  });

  it("names columns from both rows, carrying a question over its blank cells", () => {
    const text = "ID,Which channels do you use?,,Comment\n,Email,App,Open-Ended Response\n1,yes,,Fine\n";
    const inspection = inspectCsv(text);
    expect(inspection.headerRows).toBe(2);
    expect(inspection.headers).toEqual([
      "ID",
      "Which channels do you use? — Email",
      "Which channels do you use? — App",
      "Comment — Open-Ended Response",
    ]);
    expect(inspection.rowCount).toBe(1);
  });

  it("can be forced either way", () => {
    const text = "Q1,Q2\n,Response\nfoo,bar\n";
    expect(inspectCsv(text).headerRows).toBe(2);
    expect(inspectCsv(text, { headerRows: 1 })).toMatchObject({ headerRows: 1, rowCount: 2 });
  });
});

describe("summary rows", () => {
  it.each([
    [["Total", "", "523"], "Total"],
    [["", "Average:", "4.2"], "Average:"],
    [["Durchschnitt", "4,2"], "Durchschnitt"],
    [["Total général", "12"], "Total général"],
    [["2024-03-05", "4", "Total"], null],
    [["Totally fine", "4"], null],
  ])("%j is labelled %j", (record, label) => {
    expect(summaryRowLabel(record, 2)).toBe(label);
  });

  it("a label alone in the text column is a short response, unless that column is the first", () => {
    expect(summaryRowLabel(["", "", "Average"], 2)).toBeNull();
    expect(summaryRowLabel(["Average", "4.2"], 0)).toBe("Average");
  });
});

describe("guessMapping", () => {
  it("writes every clue already normalised", () => {
    for (const clues of Object.values(HEADER_CLUES)) {
      for (const [phrase] of clues) expect(normaliseHeader(phrase)).toBe(phrase);
    }
  });

  it.each<[string, string[], Partial<typeof EMPTY_MAPPING>]>([
    ["English", ["Date", "Rating", "Comment", "Stage", "Touchpoint", "Persona", "Source"], { date: 0, rating: 1, text: 2, stage: 3, touchpoint: 4, persona: 5, source: 6 }],
    ["synonyms", ["Submitted at", "NPS", "Verbatim", "Phase", "Channel", "Customer type", "Platform"], { date: 0, rating: 1, text: 2, stage: 3, touchpoint: 4, persona: 5, source: 6 }],
    ["more synonyms", ["Timestamp", "Stars", "Review", "Step", "Touch point", "Segment", "Origin"], { date: 0, rating: 1, text: 2, stage: 3, touchpoint: 4, persona: 5, source: 6 }],
    ["German", ["Datum", "Bewertung", "Kommentar", "Phase", "Kanal", "Kundentyp", "Quelle"], { date: 0, rating: 1, text: 2, stage: 3, touchpoint: 4, persona: 5, source: 6 }],
    ["French", ["Horodateur", "Satisfaction", "Commentaire", "Étape", "Canal", "Type de client", "Origine"], { date: 0, rating: 1, text: 2, stage: 3, touchpoint: 4, persona: 5, source: 6 }],
    ["Spanish", ["Marca temporal", "Puntuación", "Comentario", "Etapa", "Canal", "Segmento", "Fuente"], { date: 0, rating: 1, text: 2, stage: 3, touchpoint: 4, persona: 5, source: 6 }],
    ["Dutch", ["Tijdstempel", "Beoordeling", "Opmerking", "Fase", "Kanaal", "Klanttype", "Bron"], { date: 0, rating: 1, text: 2, stage: 3, touchpoint: 4, persona: 5, source: 6 }],
    // Review sites: the stars are the rating, the review its text ("Bewertung" too, beside "Sterne").
    ["German reviews", ["Datum", "Sterne", "Bewertung"], { date: 0, rating: 1, text: 2 }],
    ["German reviews (Rezension)", ["Datum", "Sterne", "Rezension"], { date: 0, rating: 1, text: 2 }],
    ["Dutch reviews", ["Datum", "Sterren", "Recensie"], { date: 0, rating: 1, text: 2 }],
    ["Portuguese reviews", ["Data", "Nota", "Resenha"], { date: 0, rating: 1, text: 2 }],
    // The answer's id in Japanese and Korean ("回答ID", "응답 ID"); an order's number ("订单编号") names no response.
    ["Japanese survey", ["回答ID", "回答日時", "満足度", "ご意見"], { responseId: 0, date: 1, rating: 2, text: 3 }],
    ["Korean reviews", ["응답 ID", "작성일", "별점", "리뷰 내용"], { responseId: 0, date: 1, rating: 2, text: 3 }],
    ["Chinese reviews", ["订单编号", "评分", "评论内容", "日期"], { rating: 1, text: 2, date: 3 }],
    ["survey questions", ["How likely are you to recommend us to a friend?", "What could we do better?"], { rating: 0, text: 1 }],
    ["CES", ["Customer ID", "CES", "Why?"], { rating: 1, text: 2 }],
    ["snake_case", ["created_at", "csat_score", "feedback_text", "journey_stage"], { date: 0, rating: 1, text: 2, stage: 3 }],
    ["camelCase", ["createdAt", "csatScore", "reviewText", "journeyStage"], { date: 0, rating: 1, text: 2, stage: 3 }],
    ["Russian", ["Отметка времени", "Рейтинг", "Комментарий"], { date: 0, rating: 1, text: 2 }],
    ["Polish", ["Sygnatura czasowa", "Ocena", "Komentarz"], { date: 0, rating: 1, text: 2 }],
    ["Turkish", ["Zaman damgası", "Puan", "Yorum"], { date: 0, rating: 1, text: 2 }],
    ["Swedish", ["Tidsstämpel", "Betyg", "Omdöme"], { date: 0, rating: 1, text: 2 }],
    ["Czech", ["Časová značka", "Hodnocení", "Komentář"], { date: 0, rating: 1, text: 2 }],
    ["our own export", ["Date", "Rating", "Scale", "Text", "Stage", "Touchpoint", "Persona", "Source", "Kind"], { date: 0, rating: 1, scale: 2, text: 3, stage: 4, touchpoint: 5, persona: 6, source: 7, kind: 8 }],
  ])("%s headers", (_, headers, expected) => {
    expect(guessMapping(headers)).toEqual({ ...EMPTY_MAPPING, ...expected });
  });

  it("leaves identifiers and unknown headers unmapped, but for the response's own id", () => {
    expect(guessMapping(["#", "IP Address", "Colour", "Customer ID", "Order ID", "User ID", "Collector ID"])).toEqual(EMPTY_MAPPING);
    // The first of several response ids wins; a customer's id is never taken for it (many responses share one).
    expect(guessMapping(["Customer ID", "Respondent ID", "Response ID", "Ticket ID"])).toEqual({ ...EMPTY_MAPPING, responseId: 1 });
    expect(guessMapping(["Ticket number", "Satisfaction"])).toEqual({ ...EMPTY_MAPPING, responseId: 0, rating: 1 });
    expect(guessMapping(["id", "Rating"])).toEqual({ ...EMPTY_MAPPING, responseId: 0, rating: 1 });
    // A support export's "Unique id" (Flipkart's CSAT data), a chat tool's "Chat ID".
    expect(guessMapping(["Unique id", "Order_id", "CSAT Score"])).toEqual({ ...EMPTY_MAPPING, responseId: 0, rating: 2 });
    expect(guessMapping(["Chat ID", "Rating"])).toEqual({ ...EMPTY_MAPPING, responseId: 0, rating: 1 });
  });

  it("maps a column once, to the field it fits best", () => {
    // "Review date" is the date, "Review" the text.
    expect(guessMapping(["Review", "Review date"])).toMatchObject({ text: 0, date: 1 });
    // A rating question mentioning a scale is a rating, not a "Scale" column.
    expect(guessMapping(["On a scale of 0-10, how likely are you to recommend us?"])).toMatchObject({ rating: 0, scale: null });
  });
});

describe("headerSignature", () => {
  it("is the same for the same headers written differently", () => {
    expect(headerSignature(["Rating", "Comment ", "Customer-Type"])).toBe(headerSignature(["rating", " comment", "customer type"]));
  });

  it("differs for other headers or another order", () => {
    const signature = headerSignature(["Rating", "Comment"]);
    expect(headerSignature(["Comment", "Rating"])).not.toBe(signature);
    expect(headerSignature(["Rating", "Comment", "Stage"])).not.toBe(signature);
  });

  it("ignores the 'Import problem' column of a rejected-rows export and trailing empty headers", () => {
    const signature = headerSignature(["Rating", "Comment"]);
    expect(headerSignature(["Rating", "Comment", "Import problem"])).toBe(signature);
    expect(headerSignature(["Rating", "Comment", ""])).toBe(signature);
  });
});

describe("entity names", () => {
  it("match case- and space-insensitively", () => {
    expect(entityNameKey(" checkout")).toBe(entityNameKey("CHECKOUT "));
    expect(entityNameKey("Check   out")).toBe(entityNameKey("check out"));
    expect(entityNameKey("Checkout")).not.toBe(entityNameKey("Check out"));
  });

  it.each([
    ["Welcome email", "email"],
    ["Mobile app", "app"],
    ["App Store review", "app"],
    ["Website", "web"],
    ["Checkout page online", "web"],
    ["Phone support", "phone"],
    ["Live chat", "chat"],
    ["Instagram", "social"],
    ["Help desk ticket", "support"],
    ["In-store pickup", "store"],
    ["E-mail reminder", "email"],
    ["Happy hour", "other"],
    ["Delivery", "other"],
  ])("%j is on channel %s", (name, channel) => {
    expect(guessChannel(name)).toBe(channel);
  });
});
