/**
 * CSV exports: safe against formula injection, numbers as numbers, and feedback export → import is
 * the identity (a property over random feedback with hostile texts and names).
 */
import fc from "fast-check";
import Papa from "papaparse";
import { describe, expect, it } from "vitest";
import {
  FEEDBACK_CSV_HEADERS,
  decodeCsvBytes,
  entityNameKey,
  escapeFormula,
  exportFeedbackCsv,
  exportPrioritiesCsv,
  exportRejectedRowsCsv,
  headerSignature,
  importFeedbackCsv,
  unescapeFormula,
} from "../../shared/csv";
import {
  FEEDBACK_KINDS,
  blankPersona,
  type Feedback,
  type JourneyMap,
  type RatingScale,
  type Stage,
  type Touchpoint,
  withoutHiddenCharacters,
} from "../../shared/model";

type Entities = Pick<JourneyMap, "stages" | "touchpoints" | "personas">;

function counter(): (prefix: string) => string {
  let n = 0;
  return (prefix) => `${prefix}_${++n}`;
}

function cellsOf(csv: string): string[][] {
  return Papa.parse<string[]>(csv, { delimiter: "," }).data;
}

describe("formula escaping", () => {
  it.each([
    ["=SUM(A1:A9)", "'=SUM(A1:A9)"],
    ["+33 6 12", "'+33 6 12"],
    ["-not so good", "'-not so good"],
    ["@channel", "'@channel"],
    ["\tindent", "'\tindent"],
    ["\rcarriage", "'\rcarriage"],
    ["'=already quoted", "''=already quoted"],
    ["''+two quotes", "'''+two quotes"],
    ["plain text", "plain text"],
    ["'just a quote", "'just a quote"],
    ["'", "'"],
    ["a=b", "a=b"],
    ["", ""],
  ])("%j is written as %j and read back", (text, written) => {
    expect(escapeFormula(text)).toBe(written);
    expect(unescapeFormula(written)).toBe(text);
  });

  it("undoes itself for any text, and what it writes never starts a formula", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary", maxLength: 12 }), (text) => {
        const written = escapeFormula(text);
        expect(unescapeFormula(written)).toBe(text);
        expect(/^[=+\-@\t\r]/.test(written)).toBe(false);
      }),
      { numRuns: 2000 },
    );
  });
});

describe("exportFeedbackCsv", () => {
  const stage: Stage = { id: "s1", name: "=Checkout", objective: "", emotion: null };
  const touchpoint: Touchpoint = {
    id: "t1",
    stageId: "s1",
    name: "Pay, now",
    channel: "web",
    digital: true,
    importance: 4,
  };
  const feedback: Feedback = {
    id: "f1",
    kind: "review",
    rating: 4.5,
    scale: { min: 1, max: 5 },
    text: '=HYPERLINK("http://evil.example","click")',
    date: "2024-03-05",
    source: "@store",
    stageId: "s1",
    touchpointId: "t1",
    personaId: null,
  };

  it("writes a header, CRLF line ends, escaped texts and numbers as numbers", () => {
    const csv = exportFeedbackCsv({ feedback: [feedback], stages: [stage], touchpoints: [touchpoint], personas: [] });
    expect(csv.split("\r\n")[0]).toBe(FEEDBACK_CSV_HEADERS.join(","));
    expect(cellsOf(csv)[1]).toEqual([
      "2024-03-05",
      "4.5",
      "1–5",
      '\'=HYPERLINK("http://evil.example","click")',
      "'=Checkout",
      "Pay, now",
      "",
      "'@store",
      "review",
      "",
    ]);
    // The rating cell is a bare number, not a quoted text.
    expect(csv).toContain("2024-03-05,4.5,1–5,");
  });

  it("escapes a negative scale but writes a negative number as a number", () => {
    const csv = exportFeedbackCsv({
      feedback: [{ ...feedback, rating: -1, scale: { min: -2, max: 2 }, text: "ok", stageId: null, touchpointId: null }],
      stages: [],
      touchpoints: [],
      personas: [],
    });
    expect(csv.split("\r\n")[1]).toBe("2024-03-05,-1,'-2–2,ok,,,,'@store,review,");
  });
});

describe("exportPrioritiesCsv", () => {
  it("writes rank, title, stage, score, quadrant, then further fields, texts escaped and numbers bare", () => {
    const csv = exportPrioritiesCsv([
      { rank: 1, title: "=cmd|' /C calc'!A0", stage: "Checkout", score: 2.4, quadrant: "quick win", experienceGap: -0.5 },
      { rank: 2, title: "Slow refunds", stage: "Retention", score: 1.25, quadrant: "major project", effort: 4, owner: null },
    ]);
    const rows = cellsOf(csv);
    expect(rows[0]).toEqual(["Rank", "Title", "Stage", "Score", "Quadrant", "Experience gap", "Effort", "Owner"]);
    expect(rows[1]).toEqual(["1", "'=cmd|' /C calc'!A0", "Checkout", "2.4", "quick win", "-0.5", "", ""]);
    expect(rows[2]).toEqual(["2", "Slow refunds", "Retention", "1.25", "major project", "", "4", ""]);
    expect(csv.split("\r\n")[1]?.endsWith(",quick win,-0.5,,")).toBe(true);
  });
});

describe("exportRejectedRowsCsv", () => {
  it("writes the rejected rows under the original header with their reasons, ready to fix and import again", async () => {
    const text = "Rating;Comment;Stage\r\n5;Fine;Decision\r\nhigh;;Decision\r\n;;\r\n=2+2;;Retention\r\n";
    const map: Entities = { stages: [], touchpoints: [], personas: [] };
    const first = await importFeedbackCsv(text, { map });
    expect(first.rejectedRows.map((r) => r.row)).toEqual([3, 5]);
    const csv = exportRejectedRowsCsv(first);
    const rows = Papa.parse<string[]>(csv, { delimiter: ";" }).data;
    expect(rows[0]).toEqual(["Rating", "Comment", "Stage", "Import problem"]);
    expect(rows[1]).toEqual([
      "high",
      "",
      "Decision",
      'row 3, column "Rating": "high" is not a number on a 1–5 scale, and the row has no text either: not imported',
    ]);
    // A cell that would run as a formula is escaped, and read back as written.
    expect(rows[2]?.[0]).toBe("'=2+2");
    const again = await importFeedbackCsv(csv, { map });
    expect(headerSignature(again.headers)).toBe(headerSignature(first.headers));
    expect(again.rejectedRows.map((r) => r.cells.slice(0, 3))).toEqual([
      ["high", "", "Decision"],
      ["=2+2", "", "Retention"],
    ]);
    const fixed = csv.replace("high;;Decision", "4;;Decision");
    expect((await importFeedbackCsv(fixed, { map })).feedback.map((f) => f.rating)).toEqual([4]);
  });

  it("keeps a SurveyMonkey file's second header row", async () => {
    const text = "Q1,Q2\n,Response\nfoo,bar\n";
    const result = await importFeedbackCsv(text, { map: { stages: [], touchpoints: [], personas: [] } });
    expect(result.rejectedRows).toHaveLength(1);
    expect(cellsOf(exportRejectedRowsCsv(result)).slice(0, 2)).toEqual([
      ["Q1", "Q2", "Import problem"],
      ["", "Response", ""],
    ]);
  });
});

// ---- export → import is the identity ---------------------------------------------------------

/** Texts that have broken CSV round trips somewhere: formulas, quotes, separators, line breaks, look-alikes. */
const HOSTILE_TEXTS = [
  "=1+1",
  "+49 30 1234",
  "-",
  "- bad",
  "@mention",
  "\tTabbed",
  "\rCarriage",
  "'=quoted formula",
  "''+twice",
  "'",
  "a,b",
  'say "hi"',
  '"',
  "line 1\nline 2",
  "line 1\r\nline 2",
  "\n",
  " leading space",
  "trailing space ",
  "Total",
  "Average",
  "Response",
  "Open-Ended Response",
  "★★★★☆",
  "4",
  "05/03/2024",
  "a;b|c\td",
  "😀 emoji",
  "日本語",
  "\u00a0nbsp",
  "\ufeffbom",
];

const text = fc
  .oneof(fc.constantFrom(...HOSTILE_TEXTS), fc.string({ unit: "binary", maxLength: 20 }))
  // Control characters and bidi overrides, which the import leaves out of every cell, cannot come back.
  .map(withoutHiddenCharacters);
const nonBlank = text.filter((t) => t.trim() !== "");
const name = fc.oneof(fc.constantFrom(...HOSTILE_TEXTS), fc.string({ unit: "grapheme", minLength: 1, maxLength: 12 })).filter(
  (n) => n.trim() !== "",
);
const SCALES: readonly RatingScale[] = [
  { min: 1, max: 5 },
  { min: 0, max: 10 },
  { min: 1, max: 7 },
  { min: 0, max: 100 },
  { min: -2, max: 2 },
];
const isoDate = fc
  .date({ min: new Date("1990-01-01T00:00:00Z"), max: new Date("2100-12-31T00:00:00Z"), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10));

/** Names that are distinct the way the import tells names apart. */
function uniqueByKey(names: readonly string[]): string[] {
  const seen = new Set<string>();
  return names.filter((n) => {
    const key = entityNameKey(n);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

const entities = fc
  .record({
    stageNames: fc.array(name, { maxLength: 4 }),
    personaNames: fc.array(name, { maxLength: 3 }),
    touchpointNames: fc.array(fc.array(name, { maxLength: 3 }), { maxLength: 4 }),
  })
  .map(({ stageNames, personaNames, touchpointNames }): Entities => {
    const stages = uniqueByKey(stageNames).map((n, i): Stage => ({ id: `s${i}`, name: n, objective: "", emotion: null }));
    const touchpoints = stages.flatMap((stage, i) =>
      // The same touchpoint name may be used in several stages.
      uniqueByKey(touchpointNames[i] ?? []).map(
        (n, j): Touchpoint => ({
          id: `t${i}_${j}`,
          stageId: stage.id,
          name: n,
          channel: "other",
          digital: false,
          importance: 3,
        }),
      ),
    );
    const personas = uniqueByKey(personaNames).map((n, i) => blankPersona(`p${i}`, n));
    return { stages, touchpoints, personas };
  });

/** Feedback as the import makes it: a rating or a text, and a touchpoint only with its own stage. */
function feedbackOn(map: Entities): fc.Arbitrary<Feedback> {
  const rated = fc.constantFrom(...SCALES).chain((scale) =>
    fc.record({
      rating: fc.integer({ min: scale.min * 2, max: scale.max * 2 }).map((twice) => twice / 2 + 0),
      scale: fc.constant(scale),
      text,
    }),
  );
  const unrated = fc.record({
    rating: fc.constant(null),
    scale: fc.option(fc.constantFrom(...SCALES), { nil: null }),
    text: nonBlank,
  });
  const stageOnly = fc.record({
    stageId: map.stages.length === 0 ? fc.constant(null) : fc.option(fc.constantFrom(...map.stages.map((s) => s.id)), { nil: null }),
    touchpointId: fc.constant(null),
  });
  const place =
    map.touchpoints.length === 0
      ? stageOnly
      : fc.oneof(
          stageOnly,
          fc.constantFrom(...map.touchpoints).map((t) => ({ stageId: t.stageId, touchpointId: t.id })),
        );
  return fc
    .record({
      answer: fc.oneof(rated, unrated),
      place,
      personaId: map.personas.length === 0 ? fc.constant(null) : fc.option(fc.constantFrom(...map.personas.map((p) => p.id)), { nil: null }),
      date: fc.option(isoDate, { nil: null }),
      source: text,
      kind: fc.constantFrom(...FEEDBACK_KINDS),
      // Made unique by the row's place in the list (see `numbered`).
      responseId: fc.option(fc.constantFrom("R-", "=", "+", "@", "-", "'=", "ticket #", "Ü"), { nil: undefined }),
    })
    .map(
      ({ answer, place: where, personaId, date, source, kind, responseId }): Feedback => ({
        id: "original",
        kind,
        rating: answer.rating,
        scale: answer.scale,
        text: answer.text,
        date,
        source,
        stageId: where.stageId,
        touchpointId: where.touchpointId,
        personaId,
        ...(responseId === undefined ? {} : { responseId }),
      }),
    );
}

/** Response ids made unique, as a tool's are: each gets its row's number. */
function numbered(feedback: readonly Feedback[]): Feedback[] {
  return feedback.map((f, i) => (f.responseId === undefined ? f : { ...f, responseId: `${f.responseId}${i}` }));
}

/** What must survive the round trip: everything but the id, which the import makes anew. */
function withoutId(feedback: readonly Feedback[]): Omit<Feedback, "id">[] {
  return feedback.map((f) => ({
    kind: f.kind,
    rating: f.rating,
    scale: f.scale,
    text: f.text,
    date: f.date,
    source: f.source,
    stageId: f.stageId,
    touchpointId: f.touchpointId,
    personaId: f.personaId,
    ...(f.responseId === undefined ? {} : { responseId: f.responseId }),
  }));
}

describe("feedback export → import", () => {
  it("gives back the same ratings, scales, texts, dates, links, sources, kinds and response ids", async () => {
    await fc.assert(
      fc.asyncProperty(
        entities.chain((map) => fc.tuple(fc.constant(map), fc.array(feedbackOn(map), { minLength: 1, maxLength: 12 }).map(numbered))),
        async ([map, feedback]) => {
          const csv = exportFeedbackCsv({ ...map, feedback });
          const result = await importFeedbackCsv(csv, { map, makeId: counter(), create: { stages: false, touchpoints: false, personas: false } });
          expect(result.errors).toEqual([]);
          expect(result.created).toEqual({ stages: [], touchpoints: [], personas: [] });
          expect(withoutId(result.feedback)).toEqual(withoutId(feedback));
        },
      ),
      { numRuns: 300 },
    );
  });

  it("gives back each row's segments, one column per segment name, whatever the names (\"Comment\", \"Rating\" too)", async () => {
    const map: Entities = { stages: [{ id: "s", name: "Booking", objective: "", emotion: null }], touchpoints: [], personas: [] };
    const row = (id: string, rating: number | null, text: string, segments?: Record<string, string>): Feedback => ({
      id, kind: "survey", rating, scale: rating === null ? null : { min: 1, max: 5 }, text, date: "2025-03-05", source: "App", stageId: "s", touchpointId: null, personaId: null,
      ...(segments === undefined ? {} : { segments }),
    });
    const feedback = [
      row("a", 4, "Fine", { Plan: "Pro", Country: "DE", Comment: "=cabin" }),
      row("b", 2, "", { Plan: "Free" }),
      row("c", null, "No segments at all"),
      row("d", 5, "Rating", { Rating: "Gold", "App version": "4.2.0" }),
    ];
    const csv = exportFeedbackCsv({ ...map, feedback });
    expect(csv.split("\r\n")[0]).toBe("Date,Rating,Scale,Text,Stage,Touchpoint,Persona,Source,Kind,Response ID,App version,Comment,Country,Plan,Rating");
    const result = await importFeedbackCsv(csv, { map, create: { stages: false, touchpoints: false, personas: false } });
    expect(result.errors).toEqual([]);
    expect(result.columns.filter((c) => c.role === "segment").map((c) => c.header)).toEqual(["App version", "Comment", "Country", "Plan", "Rating (column O)"]);
    expect(withoutId(result.feedback)).toEqual(withoutId(feedback));
    expect(result.feedback.map((f) => f.segments)).toEqual([
      { Plan: "Pro", Country: "DE", Comment: "=cabin" },
      { Plan: "Free" },
      undefined,
      { "Rating (column O)": "Gold", "App version": "4.2.0" },
    ]);
  });

  it("also through bytes: exported, saved as UTF-8 with a BOM for Excel, decoded and imported", async () => {
    const map: Entities = {
      stages: [{ id: "s", name: "Décision", objective: "", emotion: null }],
      touchpoints: [],
      personas: [],
    };
    const feedback: Feedback[] = [
      { id: "a", kind: "survey", rating: 9, scale: { min: 0, max: 10 }, text: "=IMPORTXML(x)\nzwei Zeilen, «quotes» \"here\"", date: "2024-03-05", source: "NPS", stageId: "s", touchpointId: null, personaId: null },
      { id: "b", kind: "review", rating: null, scale: null, text: "'-) sarcasm", date: null, source: "@Play Store", stageId: null, touchpointId: null, personaId: null },
    ];
    const bytes = new TextEncoder().encode(`\ufeff${exportFeedbackCsv({ ...map, feedback })}`);
    const decoded = decodeCsvBytes(bytes);
    expect(decoded).toMatchObject({ encoding: "utf-8", bom: true });
    const result = await importFeedbackCsv(decoded.text, { map });
    expect(withoutId(result.feedback)).toEqual(withoutId(feedback));
  });
});
