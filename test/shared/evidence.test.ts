/**
 * What a compacted journey keeps beside its summary counts: term statistics (suggested pain points
 * stay those of the raw rows) and driver sums (key drivers stay those of the raw rows).
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { EVIDENCE_PER_SUGGESTION, compactJourney, compactJourneyAsync, evidenceRows, type CompactOptions } from "../../shared/evidence";
import { parseJourneyMap, type Feedback, type JourneyMap, type PainPoint, type RatingScale } from "../../shared/model";
import { frequencyBasis, painPointFrequency } from "../../shared/priority";
import { buildConfidenceReport, buildDriversReport, buildSentimentReport, insightsToMarkdown } from "../../shared/report";
import { compoundScore } from "../../shared/sentiment";
import { withSentimentLabels } from "../../shared/sentiment-summary";
import { foldDriverSums, journeyDriverSums } from "../../shared/stats/driver-sums";
import { analyseDriverSums, analyseDrivers, gatherRespondentAnswers } from "../../shared/stats/drivers";
import { acceptSuggestion, suggestPainPoints, suggestPainPointsAsync, type PainPointSuggestion } from "../../shared/suggestions";
import { FeedbackSummary, SummaryBuilder, mergeSummaries, summaryTotals } from "../../shared/summary";
import { journeyMapArbitrary } from "./arbitraries";
import { NPS, STARS, buildMap, comment, countingIds, countingTurns, rated, stage, touchpoint } from "./builders";

const WORDS = ["slow", "checkout", "page", "parcel", "late", "tracking", "not", "updated", "size", "guide", "wrong", "great", "fast", "lost"];

/** A journey of two stages whose texts, from a small vocabulary, recur enough to make suggestions. */
function textJourneyArbitrary(maxRows = 80): fc.Arbitrary<JourneyMap> {
  const row = fc.record({
    stage: fc.integer({ min: 0, max: 2 }),
    words: fc.array(fc.constantFrom(...WORDS), { minLength: 0, maxLength: 5 }),
    rating: fc.option(fc.integer({ min: 1, max: 5 }), { nil: null }),
    scale: fc.constantFrom<RatingScale>(STARS, { min: 1, max: 7 }, NPS),
  });
  return fc.array(row, { minLength: 1, maxLength: maxRows }).map((rows) => {
    const feedback: Feedback[] = rows.map((r, i) => {
      const where = r.stage === 2 ? { touchpointId: "t2" } : { stageId: `s${r.stage}` };
      const text = r.words.join(" ");
      return r.rating === null ? comment(`f${i}`, text, where) : rated(`f${i}`, Math.min(r.rating, r.scale.max), r.scale, { ...where, text });
    });
    return buildMap({
      stages: [stage("s0", "Buying"), stage("s1", "Delivery")],
      touchpoints: [touchpoint("t2", "s1")],
      feedback,
    });
  });
}

/** What a suggestion shows, without the ids of its evidence (a compacted journey keeps only some). */
function shown(s: PainPointSuggestion) {
  const { evidence, ...rest } = s;
  return { ...rest, evidenceKept: evidence.length > 0 };
}

/** A stage whose rows all say "lost": four text-only, then two rated 1 of 5. */
function lostRows(): JourneyMap {
  const lost = { stageId: "s1", text: "lost" };
  return buildMap({
    stages: [stage("s0", "Buying"), stage("s1", "Delivery")],
    touchpoints: [touchpoint("t2", "s1", 3, "t2")],
    feedback: [...["f0", "f1", "f2", "f3"].map((id) => comment(id, "lost", lost)), rated("f4", 1, STARS, lost), rated("f5", 1, STARS, lost)],
  });
}

describe("suggestions of a compacted journey", () => {
  it("are those of the raw rows: terms, counts, order, satisfaction and quotes", () => {
    let suggested = 0;
    fc.assert(
      fc.property(textJourneyArbitrary(), fc.integer({ min: 0, max: 2 }), (map, quotesPerCell) => {
        const raw = suggestPainPoints(map);
        suggested += raw.length;
        const compact = compactJourney(map, { keepAllRows: 0, quotesPerCell });
        expect(parseJourneyMap(JSON.parse(JSON.stringify(compact))).ok).toBe(true);
        expect(suggestPainPoints(compact).map(shown)).toEqual(raw.map(shown));
        // the kept evidence is each suggestion's first rows, in the same order
        for (const [i, s] of suggestPainPoints(compact).entries())
          expect(s.evidence).toEqual(raw[i]?.evidence.filter((id) => compact.feedback.some((f) => f.id === id)));
      }),
      { numRuns: 150 },
    );
    expect(suggested).toBeGreaterThan(40); // the journeys do make suggestions
  });

  it("are those of the raw rows when a second import is folded later", () => {
    fc.assert(
      fc.property(textJourneyArbitrary(), fc.nat(), (map, cut) => {
        const split = cut % (map.feedback.length + 1);
        const first = compactJourney({ ...map, feedback: map.feedback.slice(0, split) }, { keepAllRows: 0, quotesPerCell: 1 });
        const both = compactJourney(
          { ...map, feedback: [...first.feedback, ...map.feedback.slice(split)], summary: first.summary },
          { keepAllRows: 0, quotesPerCell: 0 },
        );
        const counts = (list: PainPointSuggestion[]) => list.map((s) => [s.key, s.count, s.positiveCount, s.meanSatisfaction]);
        expect(counts(suggestPainPoints(both))).toEqual(counts(suggestPainPoints(map)));
      }),
      { numRuns: 100 },
    );
  });

  it("are the same read in slices, as the panel reads a large journey", async () => {
    await fc.assert(
      fc.asyncProperty(textJourneyArbitrary(), fc.integer({ min: 1, max: 7 }), async (map, rowsPerSlice) => {
        const compact = compactJourney(map, { keepAllRows: 0, quotesPerCell: 0 });
        expect(await suggestPainPointsAsync(compact, () => Promise.resolve(), { rowsPerSlice })).toEqual(suggestPainPoints(compact));
      }),
      { numRuns: 60 },
    );
  });

  it("judge text-only rows as the folding side did, when the caller judges text too", () => {
    const negativeText = (text: string) => text.includes("lost");
    fc.assert(
      fc.property(textJourneyArbitrary(), (map) => {
        const compact = compactJourney(map, { keepAllRows: 0, quotesPerCell: 0, negativeText });
        expect(suggestPainPoints(compact, { negativeText }).map(shown)).toEqual(suggestPainPoints(map, { negativeText }).map(shown));
        // Read without judging text (the command line's --no-sentiment): the same suggestions, counts
        // and order as the raw rows without judging. Their quotes come from the rows kept for the
        // judged suggestions, which text-only rows may fill: fewer quotes, never others.
        const unjudged = (list: PainPointSuggestion[]) => list.map((s) => ({ ...s, evidence: [], quotes: [] }));
        const compactUnjudged = suggestPainPoints(compact);
        const rawUnjudged = suggestPainPoints(map);
        expect(unjudged(compactUnjudged)).toEqual(unjudged(rawUnjudged));
        compactUnjudged.forEach((s, i) => {
          const rawQuotes = [...(rawUnjudged[i]?.quotes ?? [])];
          for (const q of s.quotes) expect(rawQuotes.splice(rawQuotes.indexOf(q) >>> 0, 1)).toEqual([q]);
        });
      }),
      {
        numRuns: 80,
        // Four text-only rows saying "lost" before two rated ones: the judged suggestion's kept
        // evidence holds only the first rated row.
        examples: [[lostRows()]],
      },
    );
  });

  it("are those of the raw rows for the terms within the bound", () => {
    fc.assert(
      fc.property(textJourneyArbitrary(120), fc.integer({ min: 1, max: 6 }), (map, termsPerStage) => {
        const compact = compactJourney(map, { keepAllRows: 0, quotesPerCell: 0, termsPerStage });
        const listed = new Set((compact.summary?.terms ?? []).flatMap((t) => t.terms.map((term) => `${t.stageId}:${term}`)));
        const all = { perStage: Infinity };
        const within = (list: PainPointSuggestion[]) =>
          list.filter((s) => listed.has(s.key)).map((s) => ({ ...s, evidence: [], quotes: [] }));
        const kept = suggestPainPoints(compact, all);
        // nothing beyond the bound is suggested (its count could be short) …
        for (const s of kept) expect(listed.has(s.key)).toBe(true);
        // … and what is within it is exactly what the raw rows say
        expect(within(kept)).toEqual(within(suggestPainPoints(map, all)));
        for (const t of compact.summary?.terms ?? []) expect(t.terms.length).toBeLessThanOrEqual(termsPerStage);
      }),
      { numRuns: 120 },
    );
  });

  it("can still be accepted, citing the evidence kept and counting all of it", () => {
    // 30 rows say "parcel lost" with 1 star; 40 others are positive; all but a few are folded
    const feedback: Feedback[] = [
      ...Array.from({ length: 30 }, (_, i) => rated(`n${i}`, 1, STARS, { stageId: "s1", text: "Parcel lost again" })),
      ...Array.from({ length: 40 }, (_, i) => rated(`p${i}`, 5, STARS, { stageId: "s1", text: "Quick and friendly" })),
    ];
    const map = buildMap({ stages: [stage("s1", "Delivery")], feedback });
    const compact = compactJourney(map, { keepAllRows: 0, quotesPerCell: 0 });
    const [parcel] = suggestPainPoints(compact);
    expect(parcel).toMatchObject({ term: "parcel lost", count: 30, meanSatisfaction: 0 });
    expect(parcel?.evidence).toEqual(["n0", "n1", "n2", "n3", "n4"].slice(0, EVIDENCE_PER_SUGGESTION));
    expect(compact.feedback.length).toBeLessThan(10);
    const accepted = acceptSuggestion(compact, parcel as PainPointSuggestion, countingIds());
    if (!accepted.ok) throw new Error(accepted.errors.join("; "));
    const pain = accepted.value.painPoints[0];
    expect(pain?.evidence).toEqual(parcel?.evidence);
    expect(pain?.description).toBe('Suggested from 30 low-rated responses mentioning "parcel lost" (5 kept to cite).');
    // 30 of the stage's 70 rows: share 0.43 → frequency 3, what the raw rows derive from their evidence
    const rawAccepted = acceptSuggestion(map, suggestPainPoints(map)[0] as PainPointSuggestion, countingIds());
    if (!rawAccepted.ok) throw new Error(rawAccepted.errors.join("; "));
    const rawPain = rawAccepted.value.painPoints[0] as PainPoint;
    expect(rawPain.frequency).toBeNull();
    expect(pain?.frequency).toBe(3);
    expect(painPointFrequency(rawPain, frequencyBasis(rawAccepted.value)).frequency).toBe(3);
  });

  it("keep their evidence rows when rows are folded (a documented bound per suggestion)", () => {
    fc.assert(
      fc.property(textJourneyArbitrary(), (map) => {
        const keep = evidenceRows(map, 0);
        for (const s of suggestPainPoints(map, { perStage: 10 }))
          for (const id of s.evidence.slice(0, EVIDENCE_PER_SUGGESTION))
            expect(keep.has(map.feedback.findIndex((f) => f.id === id))).toBe(true);
      }),
      { numRuns: 60 },
    );
  });
});

/** A wide survey: respondents answering some of four touchpoints and the outcome, on their own scales. */
function surveyArbitrary(): fc.Arbitrary<{ map: JourneyMap; split: number }> {
  const touchpoints = [
    { id: "seat", scale: STARS },
    { id: "food", scale: STARS },
    { id: "wifi", scale: { min: 1, max: 10 } },
    { id: "staff", scale: { min: 1, max: 7 } },
    { id: "overall", scale: NPS },
  ];
  const respondent = fc.tuple(
    ...touchpoints.map((t) => fc.option(fc.integer({ min: t.scale.min, max: t.scale.max }), { freq: 3, nil: null })),
    fc.boolean(), // with text: a quote candidate
  );
  return fc.tuple(fc.array(respondent, { minLength: 1, maxLength: 70 }), fc.nat()).map(([people, cut]) => {
    const feedback: Feedback[] = [];
    people.forEach((answers, p) => {
      touchpoints.forEach((t, k) => {
        const rating = answers[k] as number | null;
        if (rating === null) return;
        const text = answers[5] && k === 0 ? "Seat was too narrow" : "";
        feedback.push({ ...rated(`r${p}q${k}`, rating, t.scale, { touchpointId: t.id, text }), respondentId: `R${p}` });
      });
    });
    // a second import starts at a respondent's first answer
    const starts = feedback.flatMap((f, i) => (f.id.endsWith("q0") || i === 0 ? [i] : []));
    const split = starts[cut % starts.length] ?? 0;
    const map = buildMap({
      stages: [stage("s1", "Flight")],
      touchpoints: touchpoints.map((t) => touchpoint(t.id, "s1")),
      feedback,
    });
    return { map, split };
  });
}

describe("drivers of a compacted journey", () => {
  const outcome = touchpoint("overall", "s1");

  it("keep whole-number sums per answer pattern (a hand-computed case)", () => {
    const answer = (id: string, respondentId: string, touchpointId: string, rating: number, scale: RatingScale) => ({
      ...rated(id, rating, scale, { touchpointId }),
      respondentId,
    });
    const rows = [
      answer("a1", "A", "seat", 5, STARS),
      answer("a2", "A", "overall", 9, NPS),
      answer("b1", "B", "seat", 2, STARS),
      answer("b2", "B", "overall", 3, NPS),
      answer("c1", "C", "seat", 4, STARS),
    ];
    const sums = foldDriverSums(rows, () => false);
    // x = rating − min in the unit of the scale's width: overall 0…10 (unit 10), seat 1–5 → 0…4 (unit 4)
    expect(sums).toEqual({
      touchpoints: ["overall", "seat"],
      units: [10, 4],
      // [k, keys…, n, Σx…, Σx_o², Σx_o·x_s, Σx_s²]: A (9, 4) and B (3, 1); then C (3) alone
      patterns: [
        [2, 0, 1, 2, 12, 5, 90, 39, 17],
        [1, 1, 1, 3, 9],
      ],
      pairs: [],
      pooled: 0,
      respondents: [],
      partial: [],
    });
    // (2·39 − 12·5) / √((2·90 − 12²)(2·17 − 5²)) = 18 / √(36 · 9) = 1
    expect(analyseDriverSums(sums, "overall").correlations[0]).toMatchObject({ touchpoint: "seat", n: 2, r: 1 });
    // A's seat answer kept: A's overall answer waits apart for it
    const split = foldDriverSums(rows, (row) => row === rows[0]);
    expect(split.respondents).toEqual(["A"]);
    expect(split.partial).toEqual([[0, 9, 0, 10]]);
    expect(journeyDriverSums([rows[0] as Feedback], split)).toEqual(sums);
  });

  it("are those of the raw rows, exactly, whatever rows are kept", () => {
    fc.assert(
      fc.property(surveyArbitrary(), fc.integer({ min: 0, max: 3 }), ({ map }, quotesPerCell) => {
        const compact = compactJourney(map, { keepAllRows: 0, quotesPerCell });
        expect(summaryTotals(compact.summary).rows + compact.feedback.length).toBe(map.feedback.length);
        expect(buildDriversReport(compact, outcome)).toEqual(buildDriversReport(map, outcome));
        const raw = analyseDriverSums(journeyDriverSums(map.feedback), "overall");
        expect(analyseDriverSums(journeyDriverSums(compact.feedback, compact.summary?.drivers), "overall")).toEqual(raw);
        // and those of the row-by-row analysis (to rounding: that one sums floats)
        // (equal r may then be ordered apart by a rounding error, so they are compared by touchpoint;
        // and where the sums see no spread, the floats may see a hair of it, so r is compared where both have one)
        const rows = new Map(analyseDrivers(gatherRespondentAnswers(map.feedback), "overall").correlations.map((c) => [c.touchpoint, c]));
        for (const c of raw.correlations) {
          expect(c.n).toBe(rows.get(c.touchpoint)?.n);
          if (c.r !== null) expect(c.r).toBeCloseTo(rows.get(c.touchpoint)?.r ?? NaN, 9);
        }
      }),
      { numRuns: 120 },
    );
  });

  it("stay right when a kept row is deleted or edited afterwards, and when a second import is folded later", () => {
    fc.assert(
      fc.property(surveyArbitrary(), fc.nat(), ({ map, split }, pick) => {
        const compact = compactJourney(map, { keepAllRows: 0, quotesPerCell: 2 });
        const dropped = compact.feedback[pick % Math.max(1, compact.feedback.length)];
        const without = (rows: Feedback[]) => rows.filter((f) => f.id !== dropped?.id);
        expect(buildDriversReport({ ...compact, feedback: without(compact.feedback) }, outcome)).toEqual(
          buildDriversReport({ ...map, feedback: without(map.feedback) }, outcome),
        );
        // a kept rated row edited to the bottom of its scale
        const edited = (rows: Feedback[]) =>
          rows.map((f) => (f.id === dropped?.id && f.scale !== null && f.rating !== null ? { ...f, rating: f.scale.min } : f));
        expect(buildDriversReport({ ...compact, feedback: edited(compact.feedback) }, outcome)).toEqual(
          buildDriversReport({ ...map, feedback: edited(map.feedback) }, outcome),
        );
        // folded in two imports, split between respondents
        const first = compactJourney({ ...map, feedback: map.feedback.slice(0, split) }, { keepAllRows: 0, quotesPerCell: 1 });
        const both = compactJourney(
          { ...map, feedback: [...first.feedback, ...map.feedback.slice(split)], summary: first.summary },
          { keepAllRows: 0, quotesPerCell: 2 },
        );
        expect(buildDriversReport(both, outcome)).toEqual(buildDriversReport(map, outcome));
      }),
      { numRuns: 100 },
    );
  });

  it("take the mean of a respondent's repeated answers, on any mix of scales, as the row analysis does", () => {
    const map = buildMap({
      stages: [stage("s1")],
      touchpoints: [touchpoint("seat", "s1"), touchpoint("overall", "s1")],
      feedback: Array.from({ length: 12 }, (_, p) => [
        { ...rated(`a${p}`, 1 + (p % 5), STARS, { touchpointId: "seat" }), respondentId: `R${p}` },
        { ...rated(`b${p}`, 1 + ((p * 7) % 10), { min: 1, max: 10 }, { touchpointId: "seat" }), respondentId: `R${p}` },
        { ...rated(`c${p}`, (p * 3) % 11, NPS, { touchpointId: "overall", text: p < 3 ? "Fine" : "" }), respondentId: `R${p}` },
      ]).flat(),
    });
    const rows = analyseDrivers(gatherRespondentAnswers(map.feedback), "overall", ["seat"]);
    const compact = compactJourney(map, { keepAllRows: 0, quotesPerCell: 1 });
    const sums = analyseDriverSums(journeyDriverSums(compact.feedback, compact.summary?.drivers), "overall", ["seat"]);
    expect(sums.correlations[0]?.n).toBe(12);
    expect(sums.correlations[0]?.r).toBeCloseTo(rows.correlations[0]?.r ?? NaN, 12);
  });
});

describe("what a summary keeps beside its counts", () => {
  it("survives JSON, its schema and merging", () => {
    fc.assert(
      fc.property(textJourneyArbitrary(), surveyArbitrary(), (texts, survey) => {
        const a = compactJourney(texts, { keepAllRows: 0, quotesPerCell: 0 }).summary;
        const b = compactJourney(survey.map, { keepAllRows: 0, quotesPerCell: 0 }).summary;
        for (const summary of [a, b]) {
          if (summary === undefined) continue; // no rows: nothing folded
          expect(FeedbackSummary.safeParse(JSON.parse(JSON.stringify(summary))).success).toBe(true);
          expect(mergeSummaries(summary)).toEqual(summary);
        }
        const merged = mergeSummaries(a, b);
        // only the survey has respondents; both have text, stage by stage and term by term added up
        expect(merged.drivers).toEqual(b?.drivers);
        const negatives = (terms: FeedbackSummary["terms"]) => {
          const out = new Map<string, number>();
          for (const t of terms ?? []) {
            out.set(t.stageId, (out.get(t.stageId) ?? 0) + t.negative);
            t.terms.forEach((term, i) => out.set(`${t.stageId}:${term}`, (out.get(`${t.stageId}:${term}`) ?? 0) + (t.counts[i]?.[0] ?? 0)));
          }
          return out;
        };
        const expected = negatives(a?.terms);
        for (const [key, n] of negatives(b?.terms)) expected.set(key, (expected.get(key) ?? 0) + n);
        expect(negatives(merged.terms)).toEqual(expected);
      }),
      { numRuns: 40 },
    );
  });

  it("move a stage's term statistics where a summary's groups of that stage move, or drop them with the stage", () => {
    const said = (stageId: string, n: number) =>
      Array.from({ length: n }, (_, i) => rated(`${stageId}${i}`, 1, STARS, { stageId, text: "parcel lost" }));
    const map = buildMap({ stages: [stage("s0", "Buying"), stage("s1", "Delivery")], feedback: [...said("s0", 8), ...said("s1", 9)] });
    const summary = compactJourney(map, { keepAllRows: 0, quotesPerCell: 0 }).summary as FeedbackSummary;
    // the first 5 rows of each stage are kept as evidence; 3 and 4 folded. s0 merged into s1: its counts join s1's
    const merged = new SummaryBuilder();
    merged.addSummary(summary, (g) => (g.stageId === "s0" ? { ...g, stageId: "s1" } : g));
    const terms = merged.toSummary().terms ?? [];
    expect(terms.map((t) => [t.stageId, t.negative, t.counts[t.terms.indexOf("parcel lost")]?.[0]])).toEqual([["s1", 7, 7]]);
    // s0 deleted: its statistics go with its groups
    const dropped = new SummaryBuilder();
    dropped.addSummary(summary, (g) => (g.stageId === "s0" ? null : g));
    expect((dropped.toSummary().terms ?? []).map((t) => t.stageId)).toEqual(["s1"]);
  });

  it("refuses broken term statistics and driver sums, saying what is wrong", () => {
    const stats = { stageId: "s1", negative: 2, positive: 0, negativeText: 0, scored: true, cut: 0, left: 0, terms: ["slow"], counts: [[2, 0, 0, 4, 0]] };
    const sums = { touchpoints: ["overall", "seat"], units: [10, 4], patterns: [[2, 0, 1, 2, 12, 5, 90, 39, 17]], pairs: [], pooled: 0, respondents: [], partial: [] };
    const messages = (extra: object) => {
      const result = FeedbackSummary.safeParse({ strings: [], groups: [], ...extra });
      return result.success ? [] : result.error.issues.map((i) => i.message);
    };
    expect(messages({ terms: [stats], drivers: sums })).toEqual([]);
    expect(messages({ terms: [{ ...stats, counts: [] }] })[0]).toMatch(/term statistics of stage "s1" need three counts/);
    expect(messages({ drivers: { ...sums, units: [10] } })[0]).toMatch(/driver sums do not fit together/);
    expect(messages({ drivers: { ...sums, patterns: [[2, 0, 2, 2, 12, 5, 90, 39, 17]] } })[0]).toMatch(/driver sums do not fit together/);
    expect(messages({ drivers: { ...sums, respondents: ["A"], partial: [[5, 9, 0, 10]] } })[0]).toMatch(/driver sums do not fit together/);
    expect(messages({ drivers: { ...sums, respondents: ["A"], partial: [[1, 4, 1, 5]] } })).toEqual([]);
  });

  it("give the 95% intervals of the raw rows (any journey)", () => {
    fc.assert(
      fc.property(journeyMapArbitrary({ maxFeedback: 60 }), (map) => {
        const compact = compactJourney(map, { keepAllRows: 0, quotesPerCell: 1 });
        expect(buildConfidenceReport(compact)).toEqual(buildConfidenceReport(map));
      }),
      { numRuns: 80 },
    );
  });

  it("says sentiment covers the kept rows only once rows are folded", () => {
    const map = buildMap({
      stages: [stage("s1")],
      feedback: Array.from({ length: 8 }, (_, i) => rated(`f${i}`, i < 4 ? 1 : 5, STARS, { stageId: "s1", text: i < 4 ? "awful" : "" })),
    });
    expect(buildSentimentReport({ ...map, personas: [] }, undefined).covers).toBeNull();
    const compact = compactJourney(map, { keepAllRows: 0, quotesPerCell: 2 });
    const report = buildSentimentReport(compact, undefined);
    expect(compact.feedback.length).toBe(2);
    expect(report.covers).toBe("the 2 texts of the rows kept one by one; 6 rows folded into the summary are not scored");
    expect(insightsToMarkdown({ confidence: buildConfidenceReport(compact), sentiment: report })).toContain(
      "never mixed into ratings. Sentiment covers the 2 texts of the rows kept one by one; 6 rows folded into the summary are not scored.",
    );
  });

  it("counts the folded rows' text too when it was scored at import, with their disagreements (by hand)", () => {
    // 4 texts: strongly negative under 1 star twice, and under 5 stars twice (they disagree); 4 rows without text
    const rows = Array.from({ length: 8 }, (_, i) => rated(`f${i}`, i < 2 ? 1 : 5, STARS, { stageId: "s1", text: i < 4 ? "Terrible and awful" : "" }));
    const map = buildMap({ stages: [stage("s1")], feedback: withSentimentLabels(rows, compoundScore) as typeof rows });
    expect(map.feedback.slice(0, 4).map((r) => r.sentiment)).toEqual([-2, -2, -2, -2]);
    const compact = compactJourney(map, { keepAllRows: 0, quotesPerCell: 1 });
    expect(compact.feedback.map((r) => r.id)).toEqual(["f0"]);
    const report = buildSentimentReport(compact, undefined);
    expect(report.covers).toBe("the 1 text of the rows kept one by one and the 3 of the 7 rows folded into the summary, scored when they were imported");
    expect(report.overall).toMatchObject({ n: 4, negative: 100 });
    expect(report.stages[0]).toMatchObject({ name: "s1", n: 4, negative: 100 });
    expect(report.disagreements).toBe(2);
  });
});

describe("a journey compacted in slices, as the panel compacts it", () => {
  /** The async form against the sync one: equal, byte for byte, and a turn given after every slice. */
  async function expectSameInSlices<T extends JourneyMap>(map: T, options: CompactOptions, perSlice: number | undefined) {
    const turns = countingTurns();
    const sliced = await compactJourneyAsync(map, turns.yieldToHost, perSlice === undefined ? options : { ...options, perSlice });
    const whole = compactJourney(map, options);
    expect(sliced).toEqual(whole);
    expect(JSON.stringify(sliced)).toBe(JSON.stringify(whole));
    if (map.feedback.length <= (options.keepAllRows ?? 0)) {
      expect(sliced).toBe(map);
      expect(turns.turns()).toBe(0);
    } else if (perSlice !== undefined) {
      // the text of every row is read first, a slice a turn
      expect(turns.turns()).toBeGreaterThanOrEqual(Math.ceil(map.feedback.length / perSlice));
    }
  }
  const sliceArbitrary = fc.option(fc.integer({ min: 1, max: 7 }), { nil: undefined });

  it("is the journey compactJourney gives (any journey, any rows kept whole, any slices)", async () => {
    await fc.assert(
      fc.asyncProperty(journeyMapArbitrary(), fc.integer({ min: 0, max: 8 }), fc.integer({ min: 0, max: 3 }), sliceArbitrary, async (map, keepAllRows, quotesPerCell, perSlice) => {
        await expectSameInSlices(map, { keepAllRows, quotesPerCell }, perSlice);
      }),
      { numRuns: 150 },
    );
  });

  it("keeps the same suggestions' evidence and term statistics, text judged or not, terms bounded or not", async () => {
    const negativeText = (text: string) => text.includes("lost");
    await fc.assert(
      fc.asyncProperty(textJourneyArbitrary(), fc.integer({ min: 0, max: 10 }), fc.boolean(), fc.option(fc.integer({ min: 1, max: 4 }), { nil: undefined }), sliceArbitrary, async (map, keepAllRows, judges, termsPerStage, perSlice) => {
        const options: CompactOptions = { keepAllRows, quotesPerCell: 1, ...(judges ? { negativeText } : {}), ...(termsPerStage === undefined ? {} : { termsPerStage }) };
        await expectSameInSlices(map, options, perSlice);
      }),
      { numRuns: 120 },
    );
  });

  it("keeps the same driver sums, and folds a second import into the stored summary the same way", async () => {
    await fc.assert(
      fc.asyncProperty(surveyArbitrary(), fc.integer({ min: 0, max: 6 }), sliceArbitrary, async ({ map, split }, keepAllRows, perSlice) => {
        await expectSameInSlices(map, { keepAllRows, quotesPerCell: 2 }, perSlice);
        const first = compactJourney({ ...map, feedback: map.feedback.slice(0, split) }, { keepAllRows: 0, quotesPerCell: 1 });
        const second = { ...map, feedback: [...first.feedback, ...map.feedback.slice(split)], summary: first.summary };
        await expectSameInSlices(second, { keepAllRows, quotesPerCell: 1 }, perSlice);
      }),
      { numRuns: 100 },
    );
  });
});
