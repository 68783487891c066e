import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { analyseJourney } from "../../shared/analysis";
import { compactJourney } from "../../shared/evidence";
import { frequencyBasis } from "../../shared/priority";
import { FIRST_SCHEMA_VERSION, parseJourneyMap, type Feedback, type JourneyMap } from "../../shared/model";
import {
  EMPTY_SUMMARY,
  FeedbackSummary,
  SummaryBuilder,
  SummaryReader,
  mergeSummaries,
  summariseFeedback,
  summaryGroups,
  summaryTotals,
} from "../../shared/summary";
import { journeyMapArbitrary } from "./arbitraries";

/** Every figure the analysis shows, as one value to compare exactly. */
function figures(map: JourneyMap) {
  return { analysis: analyseJourney(map), basis: frequencyBasis(map).stageRows };
}

describe("exact summaries of feedback", () => {
  it("give exactly the figures of the rows they summarise (any journey, any split of rows)", () => {
    fc.assert(
      fc.property(journeyMapArbitrary({ maxFeedback: 60 }), fc.nat(), (map, cut) => {
        const raw = figures(map);
        // Everything folded, except what pain points cite (they must stay rows).
        const all = compactJourney(map, { keepAllRows: 0, quotesPerCell: 0 });
        expect(parseJourneyMap(all).ok).toBe(true);
        expect(figures(all)).toEqual(raw);
        // Part folded now, part later: the order of folding changes nothing.
        const split = cut % (map.feedback.length + 1);
        const first = compactJourney({ ...map, feedback: map.feedback.slice(0, split) }, { keepAllRows: 0, quotesPerCell: 1 });
        const both = compactJourney(
          { ...map, feedback: [...first.feedback, ...map.feedback.slice(split)], summary: first.summary },
          { keepAllRows: 0, quotesPerCell: 2 },
        );
        expect(figures({ ...map, feedback: both.feedback, summary: both.summary })).toEqual(raw);
      }),
      { numRuns: 150 },
    );
  });

  it("keeps the rows pain points cite and some quotes, and folds the rest", () => {
    fc.assert(
      fc.property(journeyMapArbitrary({ maxFeedback: 60, minPainPoints: 1 }), (map) => {
        const compact = compactJourney(map, { keepAllRows: 0, quotesPerCell: 1 });
        const kept = new Set(compact.feedback.map((f) => f.id));
        for (const p of map.painPoints) for (const id of p.evidence) expect(kept.has(id)).toBe(true);
        expect(compact.feedback.length + summaryTotals(compact.summary).rows).toBe(map.feedback.length);
      }),
      { numRuns: 60 },
    );
  });

  it("leaves a journey within the row limit as it is", () => {
    fc.assert(
      fc.property(journeyMapArbitrary({ maxFeedback: 20 }), (map) => {
        expect(compactJourney(map, { keepAllRows: 20 })).toBe(map);
      }),
      { numRuns: 20 },
    );
  });

  const row = (over: Partial<Feedback>): Feedback => ({
    id: "f",
    kind: "survey",
    rating: 4,
    scale: { min: 1, max: 5 },
    text: "",
    date: "2026-01-05",
    source: "Survey",
    stageId: "s1",
    touchpointId: null,
    personaId: null,
    ...over,
  });

  it("counts each rating value, text-only and empty rows and no-answers per group, in a fixed order", () => {
    const builder = new SummaryBuilder();
    builder.addFeedback(row({ rating: 5 }));
    builder.addFeedback(row({ rating: 4 }));
    builder.addFeedback(row({ rating: 5 }));
    builder.addFeedback(row({ rating: null, scale: null, text: "Slow" }));
    builder.addFeedback(row({ rating: null, scale: null, text: " " }));
    builder.addFeedback(row({ rating: 9, scale: { min: 0, max: 10 }, segments: { Plan: "Pro", Country: "DE" } }));
    builder.addNoAnswers({ kind: "survey", date: "2026-01-05", source: "Survey", stageId: "s1", touchpointId: null, personaId: null }, 3);
    const summary = builder.toSummary();
    expect(FeedbackSummary.safeParse(summary).success).toBe(true);
    const groups = [...summaryGroups(summary)];
    expect(groups).toHaveLength(3);
    const onFive = groups.find((g) => g.scale?.max === 5);
    expect(onFive).toMatchObject({ values: [4, 5], counts: [1, 2], textOnly: 0, empty: 0, noAnswer: 0 });
    const unrated = groups.find((g) => g.scale === null);
    expect(unrated).toMatchObject({ textOnly: 1, empty: 1, noAnswer: 3, values: [] });
    const onTen = groups.find((g) => g.scale?.max === 10);
    expect(onTen?.segments).toEqual({ Country: "DE", Plan: "Pro" });
    expect(summaryTotals(summary)).toEqual({ rows: 6, rated: 4, noAnswer: 3, groups: 3 });
    // The same feedback in another order makes the same summary, byte for byte.
    const again = summariseFeedback([
      row({ rating: null, scale: null, text: " " }),
      row({ rating: 9, scale: { min: 0, max: 10 }, segments: { Country: "DE", Plan: "Pro" } }),
      row({ rating: 5 }),
      row({ rating: null, scale: null, text: "Slow" }),
      row({ rating: 5 }),
      row({ rating: 4 }),
    ]);
    const withNoAnswers = new SummaryBuilder();
    withNoAnswers.addSummary(again);
    withNoAnswers.addNoAnswers({ kind: "survey", date: "2026-01-05", source: "Survey", stageId: "s1", touchpointId: null, personaId: null }, 3);
    expect(JSON.stringify(withNoAnswers.toSummary())).toBe(JSON.stringify(summary));
    expect(mergeSummaries(summary, EMPTY_SUMMARY)).toEqual(summary);
  });

  it("reads a group at a time into one reused object, in any order, each as summaryGroups gives it", () => {
    fc.assert(
      fc.property(journeyMapArbitrary({ maxFeedback: 40 }), (map) => {
        const summary = compactJourney(map, { keepAllRows: 0, quotesPerCell: 0 }).summary ?? EMPTY_SUMMARY;
        const groups = [...summaryGroups(summary)];
        expect(groups).toHaveLength(summary.groups.length);
        // summaryGroups gives each group objects of its own: none is shared with another group.
        expect(new Set(groups).size).toBe(groups.length);
        expect(new Set(groups.map((g) => g.values)).size).toBe(groups.length);
        const reader = new SummaryReader(summary);
        expect(reader.size).toBe(groups.length);
        // Backwards, then forwards: each read gives that group, however it was read before.
        for (let i = groups.length - 1; i >= 0; i--) expect(reader.read(i)).toEqual(groups[i]);
        for (let i = 0; i < groups.length; i++) expect(reader.read(i)).toEqual(groups[i]);
        if (groups.length > 1) expect(reader.read(0)).toBe(reader.read(1));
      }),
      { numRuns: 100 },
    );
  });

  it("refuses a broken summary, saying what is wrong", () => {
    const bad = (groups: (number | null)[][], strings = ["s1", "Survey", "survey", "2026-01-05"]) =>
      FeedbackSummary.safeParse({ strings, groups });
    expect(bad([[0, null, null, 1, 2, 3, null, 1, 5, 0, 0, 0, 4, 2]]).success).toBe(true);
    const messages = (groups: (number | null)[][]) => {
      const result = bad(groups);
      return result.success ? [] : result.error.issues.map((i) => i.message);
    };
    expect(messages([[0, null, null, 1, 2, 3, null, 1, 5, 0, 0, 0, 7, 2]])[0]).toMatch(/on its scale/);
    expect(messages([[0, null, null, 1, 2, 3, null, 1, 5, 0, 0, 0, 4, 1.5]])[0]).toMatch(/whole numbers/);
    expect(messages([[9, null, null, 1, 2, 3, null, 1, 5, 0, 0, 0]])[0]).toMatch(/string the summary does not have/);
    expect(messages([[0, null, null, 1, 2, 3, null, null, null, -1, 0, 0]])[0]).toMatch(/whole number/);
    expect(messages([[0, null, null, 1, 2, 0, null, null, null, 1, 0, 0]])[0]).toMatch(/date/);
  });

  it("is checked against the journey: a group naming an unknown stage is refused", () => {
    fc.assert(
      fc.property(journeyMapArbitrary({ maxFeedback: 10 }), (map) => {
        const summary = { strings: ["stage_gone", "Survey", "survey"], groups: [[0, null, null, 1, 2, null, null, null, null, 1, 0, 0]] };
        const result = parseJourneyMap({ ...map, summary });
        expect(result.ok).toBe(false);
        if (!result.ok) expect(result.errors.join("\n")).toContain('unknown stage "stage_gone"');
      }),
      { numRuns: 5 },
    );
  });

  it("opens a version 1 journey as version 2 with every figure unchanged, saying so", () => {
    fc.assert(
      fc.property(journeyMapArbitrary({ maxFeedback: 30 }), (map) => {
        const v1 = JSON.parse(JSON.stringify({ ...map, schemaVersion: FIRST_SCHEMA_VERSION }));
        const opened = parseJourneyMap(v1);
        expect(opened.ok).toBe(true);
        if (!opened.ok) return;
        expect(opened.converted).toMatch(/earlier version/);
        expect(figures(opened.value)).toEqual(figures(map));
        expect(parseJourneyMap(opened.value)).not.toHaveProperty("converted");
      }),
      { numRuns: 20 },
    );
  });
});
