import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { DuckDBInstance } from "@duckdb/node-api";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { analyseJourney } from "../../shared/analysis";
import { decodeCsvBytes, importFeedbackCsv } from "../../shared/csv";
import { newPersona, newStage, newTouchpoint } from "../../shared/csv/match";
import { emptyJourney, withImportedFeedback } from "../../shared/journey-from-feedback";
import { FEEDBACK_KINDS, type Feedback, type JourneyMap, parseJourneyMap } from "../../shared/model";
import { buildReport } from "../../shared/report";
import { SummaryBuilder, mergeSummaries, summaryTotals } from "../../shared/summary";
import { SUMMARY_CSV_COLUMNS, SUMMARY_SQL, importSummaryCsv, isSummaryCsv, withImportedSummary, writeSummaryCsv } from "../../shared/summary-csv";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const alexa = path.join(root, "test/fixtures/csv-real/amazon_alexa_reviews.tsv");

/** A journey with stages, touchpoints (two named alike in different stages) and personas, ids fixed. */
function journey(): JourneyMap {
  return {
    ...emptyJourney("Summary"),
    stages: [newStage("s-browse", "Browse"), newStage("s-checkout", "Checkout")],
    touchpoints: [newTouchpoint("t-web", "s-browse", "Web"), newTouchpoint("t-app", "s-checkout", "App"), newTouchpoint("t-web2", "s-checkout", "Web")],
    personas: [newPersona("p-new", "New customer")],
  };
}

/** Every figure of the analysis, with entities by name and in name order (ids and creation order aside). */
function figures(map: JourneyMap) {
  const report = buildReport({ rows: 0, imported: 0, skipped: 0, errors: [] }, analyseJourney(map));
  const byName = <T extends { name: string }>(list: T[]) => [...list].sort((a, b) => a.name.localeCompare(b.name));
  const rest: Omit<typeof report, "import"> = { ...report };
  delete (rest as Partial<typeof report>).import;
  return {
    ...rest,
    stages: byName(rest.stages),
    touchpoints: byName(rest.touchpoints.map((t) => ({ ...t, name: `${t.stage} / ${t.name}`.replace(/\s+/g, " ").trim() }))),
    // By name, not rank: priorities with equal scores are ranked in the journey's order of touchpoints.
    priorities: byName(rest.priorities.map((p) => ({ ...p, rank: 0, name: `${p.stage} / ${p.title}`.replace(/\s+/g, " ").trim() }))),
  };
}

const cell = fc.oneof(fc.constantFrom("", "Survey", "App Store", "=SUM(A1)", 'say "hi", ok', "naïve ✓", "  padded "), fc.string({ maxLength: 8 }));

const rowArbitrary = fc.record({
  place: fc.constantFrom(
    { stageId: "s-browse", touchpointId: "t-web" },
    { stageId: "s-checkout", touchpointId: "t-web2" },
    { stageId: "s-checkout", touchpointId: "t-app" },
    { stageId: "s-checkout", touchpointId: null },
    { stageId: null, touchpointId: null },
  ),
  personaId: fc.constantFrom(null, "p-new"),
  source: cell,
  kind: fc.constantFrom(...FEEDBACK_KINDS),
  date: fc.constantFrom(null, "2026-01-05", "2026-02-28"),
  scale: fc.constantFrom({ min: 1, max: 5 }, { min: 0, max: 10 }, null),
  value: fc.nat({ max: 10 }),
  text: fc.constantFrom("", "Slow", "  "),
  segments: fc.option(fc.dictionary(fc.constantFrom("Plan", "Travel type", "app_version"), cell.filter((v) => v.trim() !== "")), { nil: undefined }),
  noAnswers: fc.nat({ max: 2 }),
});

describe("the summary CSV format", () => {
  it("writes a summary and reads it back into the same journey as the same summary (names, segments, texts escaped)", () => {
    fc.assert(
      fc.property(fc.array(rowArbitrary, { maxLength: 40 }), (rows) => {
        const map = journey();
        const builder = new SummaryBuilder();
        rows.forEach((r, i) => {
          const rating = r.scale === null ? null : Math.min(r.scale.max, Math.max(r.scale.min, r.value));
          const feedback: Feedback = {
            id: `f${i}`,
            kind: r.kind,
            rating,
            scale: r.scale,
            text: r.text,
            date: r.date,
            source: r.source,
            ...r.place,
            personaId: r.personaId,
            ...(r.segments === undefined ? {} : { segments: r.segments }),
          };
          builder.addFeedback(feedback);
          builder.addNoAnswers(feedback, r.noAnswers);
        });
        const summary = builder.toSummary();
        const text = writeSummaryCsv(summary, map);
        const read = importSummaryCsv(text, { map, create: { stages: false, touchpoints: false, personas: false } });
        expect(read.errors).toEqual([]);
        expect(read.summary).toEqual(summary);
        expect(read.rows).toBe(summaryTotals(summary).rows);
        expect(read.noAnswers).toBe(summaryTotals(summary).noAnswer);
        expect(parseJourneyMap(withImportedSummary(map, read)).ok).toBe(true);
      }),
      { numRuns: 150 },
    );
  });

  it("takes its delimiter from the header line, not from values that repeat on every line", () => {
    const map = journey();
    const text =
      "stage,touchpoint,persona,source,kind,period,Plan,app_version,scale_min,scale_max,type,rating,count\r\n" +
      "Browse,Web,,,survey,,;,;,,,no answer,,1\r\nBrowse,Web,,,survey,,;,;,1,5,rated,1,1\r\n";
    const read = importSummaryCsv(text, { map, create: { stages: false, touchpoints: false, personas: false } });
    expect(read.errors).toEqual([]);
    expect(read.delimiter).toBe(",");
    expect(summaryTotals(read.summary)).toMatchObject({ rows: 1, rated: 1, noAnswer: 1 });
  });

  it("merges into a journey's summary as mergeSummaries does, keeping the journey's term statistics", () => {
    fc.assert(
      fc.property(fc.array(rowArbitrary, { maxLength: 30 }), fc.array(rowArbitrary, { maxLength: 30 }), (before, lines) => {
        const map = journey();
        const summaryOf = (rows: typeof before) => {
          const builder = new SummaryBuilder();
          rows.forEach((r, i) => {
            const rating = r.scale === null ? null : Math.min(r.scale.max, Math.max(r.scale.min, r.value));
            const row = { id: `f${i}`, kind: r.kind, rating, scale: r.scale, text: r.text, date: r.date, source: r.source, ...r.place, personaId: r.personaId };
            builder.addFeedback({ ...row, ...(r.segments === undefined ? {} : { segments: r.segments }) });
            builder.addNoAnswers(row, r.noAnswers);
          });
          return builder.toSummary();
        };
        const terms = [{ stageId: "s-browse", negative: 1, positive: 0, negativeText: 1, scored: true, cut: 0, left: 0, terms: [], counts: [] }];
        const journeySummary = { ...summaryOf(before), terms };
        const read = importSummaryCsv(writeSummaryCsv(summaryOf(lines), map), { map });
        const merged = withImportedSummary({ ...map, summary: journeySummary }, read).summary;
        expect(merged).toEqual({ ...mergeSummaries(summaryOf(before), read.summary), terms });
      }),
      { numRuns: 100 },
    );
  });

  it("is recognised by its header, in any order, case or spelling of the separators", () => {
    expect(isSummaryCsv([...SUMMARY_CSV_COLUMNS])).toBe(true);
    expect(isSummaryCsv(["Stage", "Touchpoint", "Persona", "Source", "Kind", "Period", "Travel type", "Scale min", "scale-max", "TYPE", "Rating", "Count"])).toBe(true);
    expect(isSummaryCsv(["stage", "touchpoint", "rating", "comment"])).toBe(false);
    expect(isSummaryCsv(SUMMARY_CSV_COLUMNS.filter((c) => c !== "count"))).toBe(false);
  });

  it("reports every line it cannot read with its row and why, and takes nothing of it", () => {
    const text = [
      "stage,touchpoint,persona,source,kind,period,scale_min,scale_max,type,rating,count",
      "Browse,Web,,Survey,survey,2026-01-05,1,5,rated,4,10",
      "Browse,Web,,Survey,survey,2026-01-05,1,5,rated,7,2",
      "Browse,Web,,Survey,survey,2026-01-05,,,rated,4,2",
      "Browse,Web,,Survey,survey,2026-01-05,,,text only,,3",
      "Browse,Web,,Survey,survey,2026-01-05,,,maybe,,3",
      "Browse,Web,,Survey,survey,2026-01-05,1,5,rated,4,2.5",
      "Browse,Web,,Survey,survey,05/01/2026,1,5,rated,4,1",
      "Browse,Web,,Survey,poll,2026-01-05,1,5,rated,4,1",
      "Nowhere,Web,,Survey,survey,2026-01-05,1,5,rated,4,1",
      "",
      "Browse,Web,,Survey,survey,2026-01-05,,,no-answer,,4",
      "Browse,Web,,Survey,survey,2026-01-05,,,empty,3,1",
    ].join("\r\n");
    const read = importSummaryCsv(text, { map: journey(), create: { stages: false, touchpoints: true, personas: false } });
    expect(read).toMatchObject({ lines: 11, imported: 3, skipped: 8, rows: 13, noAnswers: 4 });
    expect(read.errors.map((e) => [e.row, e.column])).toEqual([
      [3, "rating"],
      [4, "scale_min"],
      [6, "type"],
      [7, "count"],
      [8, "period"],
      [9, "kind"],
      [10, "stage"],
      [13, "rating"],
    ]);
    expect(read.errors[0]?.message).toBe('row 3, column "rating": "7" is not a rating on the 1–5 scale: not imported');
    expect(read.errors[6]?.message).toMatch(/^row 10, column "stage": no stage is named "Nowhere" \(the map has: Browse, Checkout\); not imported/);
    // The rated lines' group, and the group of the same cell without a scale (text-only, no answer).
    expect(read.summary.groups).toHaveLength(2);
  });

  it("says which columns a file lacks instead of reading it", () => {
    const read = importSummaryCsv("stage,touchpoint,rating,count\r\nBrowse,Web,4,2\r\n", { map: journey() });
    expect(read.imported).toBe(0);
    expect(read.errors[0]?.message).toBe(
      'row 1: a summary file needs the columns stage, touchpoint, persona, source, kind, period, scale_min, scale_max, type, rating, count; this one has no "persona", "source", "kind", "period", "scale_min", "scale_max", "type": nothing imported',
    );
  });

  it("merges into a journey's summary as a pure function: lines of the same group add up, the journey is not changed", () => {
    const map = journey();
    const csv = "stage,touchpoint,persona,source,kind,period,scale_min,scale_max,type,rating,count\r\nBrowse,Web,,Survey,survey,2026-01-05,1,5,rated,4,10\r\nBrowse,Mobile,,Survey,survey,,1,5,rated,2,1\r\n";
    const once = withImportedSummary(map, importSummaryCsv(csv, { map }));
    const twice = withImportedSummary(once, importSummaryCsv(csv, { map: once }));
    expect(map.summary).toBeUndefined();
    expect(map.touchpoints).toHaveLength(3);
    expect(once.touchpoints.map((t) => t.name)).toEqual(["Web", "App", "Web", "Mobile"]);
    expect(twice.touchpoints).toHaveLength(4);
    expect(summaryTotals(once.summary).rows).toBe(11);
    expect(summaryTotals(twice.summary)).toMatchObject({ rows: 22, groups: 2 });
    expect(analyseJourney(twice).overall.responses).toBe(22);
  });
});

describe("the README's SQL, run in DuckDB on a real export", { timeout: 60_000 }, () => {
  it("makes a summary CSV that gives exactly the figures of importing the raw file (Alexa reviews: rating 1–5, variation as touchpoint, date)", async () => {
    expect(readFileSync(path.join(root, "README.md"), "utf8")).toContain(SUMMARY_SQL);
    const out = path.join(mkdtempSync(path.join(tmpdir(), "jm-sql-")), "summary.csv");
    const db = await DuckDBInstance.create(":memory:");
    const connection = await db.connect();
    try {
      // The export's columns as the SQL names them (the part a team writes for its own table).
      await connection.run(`CREATE VIEW feedback AS
        SELECT NULL AS stage, variation AS touchpoint, NULL AS persona, NULL AS source, NULL AS kind,
          strptime(date, '%d-%b-%y') AS answered_at, 1 AS scale_min, 5 AS scale_max, rating, verified_reviews AS comment
        FROM read_csv('${alexa}', delim = '\t', quote = '"', escape = '"', header = true,
          columns = {'rating': 'INTEGER', 'date': 'VARCHAR', 'variation': 'VARCHAR', 'verified_reviews': 'VARCHAR', 'feedback': 'INTEGER'})`);
      await connection.run(`COPY (${SUMMARY_SQL}) TO '${out}' (HEADER, DELIMITER ',')`);
    } finally {
      connection.closeSync();
      db.closeSync();
    }
    const text = readFileSync(out, "utf8");
    const lines = text.trim().split("\n");
    expect(lines.length).toBeGreaterThan(100);
    expect(lines.length).toBeLessThan(3150);

    const raw = await importFeedbackCsv(decodeCsvBytes(readFileSync(alexa)).text, {
      map: emptyJourney("Alexa"),
      mapping: { rating: 0, date: 1, touchpoint: 2, text: 3 },
      exact: true,
    });
    expect(raw.imported).toBe(3150);
    const rawMap = withImportedFeedback(emptyJourney("Alexa"), raw);

    const read = importSummaryCsv(text, { map: emptyJourney("Alexa") });
    expect(read.errors).toEqual([]);
    expect(read.rows).toBe(3150);
    const summaryMap = withImportedSummary(emptyJourney("Alexa"), read);
    expect(summaryMap.feedback).toEqual([]);
    expect(parseJourneyMap(summaryMap).ok).toBe(true);
    expect(figures(summaryMap)).toEqual(figures(rawMap));
    expect(figures(rawMap).touchpoints.length).toBeGreaterThan(10);
  });
});
