import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { compactJourney } from "../../shared/evidence";
import { parseJourneyMap, type JourneyMap } from "../../shared/model";
import { compoundScore } from "../../shared/sentiment";
import {
  SentimentTallies,
  foldSentimentTallies,
  labelDisagreement,
  labelOf,
  sentimentFigures,
  sentimentLine,
  sentimentOfLabel,
  withSentimentLabels,
} from "../../shared/sentiment-summary";
import { mergeSummaries } from "../../shared/summary";
import { packSummary, unpackSummary } from "../../shared/summary-pack";
import { journeyMapArbitrary } from "./arbitraries";
import { NPS, STARS, buildMap, comment, rated, stage, touchpoint } from "./builders";

/** The figures a person sees, without the kept rows themselves (which compaction folds by design). */
function shown(map: Pick<JourneyMap, "feedback" | "touchpoints" | "summary">) {
  return { ...sentimentFigures(map), flagged: null };
}

/** A journey whose rows with text carry labels −2 … 2 as fast-check chooses them. */
const labelledJourney = (maxFeedback: number) =>
  journeyMapArbitrary({ maxFeedback }).chain((map) =>
    fc.array(fc.integer({ min: -2, max: 2 }), { minLength: map.feedback.length, maxLength: map.feedback.length }).map((labels) => ({
      ...map,
      feedback: map.feedback.map((row, i) => (row.text.trim() === "" ? row : { ...row, sentiment: labels[i] as number })),
    })),
  );

describe("a stored sentiment label", () => {
  it("keeps VADER's class and its strength: ≤ −0.5, ≤ −0.05, between, ≥ 0.05, ≥ 0.5", () => {
    expect([-0.9, -0.5, -0.4999, -0.05, -0.0499, 0, 0.0499, 0.05, 0.4999, 0.5, 1].map(labelOf)).toEqual([-2, -2, -1, -1, 0, 0, 0, 1, 1, 2, 2]);
    expect([-2, -1, 0, 1, 2].map(sentimentOfLabel)).toEqual(["negative", "negative", "neutral", "positive", "positive"]);
  });

  it("flags a top rating with strongly negative text and a bottom rating with strongly positive text, nothing milder", () => {
    expect(labelDisagreement(rated("f", 5, STARS), -2)).toBe("top rating, strongly negative text");
    expect(labelDisagreement(rated("f", 5, STARS), -1)).toBeNull();
    expect(labelDisagreement(rated("f", 9, NPS), -2)).toBe("top rating, strongly negative text");
    expect(labelDisagreement(rated("f", 1, STARS), 2)).toBe("bottom rating, strongly positive text");
    expect(labelDisagreement(rated("f", 3, STARS), -2)).toBeNull();
    expect(labelDisagreement(comment("f", "awful"), -2)).toBeNull();
    expect(labelDisagreement(rated("f", 5, STARS), undefined)).toBeNull();
  });

  it("is added to rows with text that have none, and only to them; the same rows come back when none needed one", () => {
    const rows = [comment("a", "The staff were rude"), rated("b", 4, STARS), { ...comment("c", "great"), sentiment: 0 as const }];
    const labelled = withSentimentLabels(rows, compoundScore);
    expect(labelled.map((r) => r.sentiment)).toEqual([labelOf(compoundScore("The staff were rude") as number), undefined, 0]);
    expect(labelled[1]).toBe(rows[1]);
    expect(withSentimentLabels(labelled, compoundScore)).toBe(labelled);
  });
});

describe("sentiment figures from stored labels", () => {
  const map = buildMap({
    stages: [stage("s1"), stage("s2")],
    touchpoints: [touchpoint("t1", "s1"), touchpoint("t2", "s2")],
    feedback: [
      { ...rated("f1", 5, STARS, { touchpointId: "t1", text: "bad" }), sentiment: -2 }, // flagged
      { ...rated("f2", 1, STARS, { stageId: "s1", text: "good" }), sentiment: 2 }, // flagged
      { ...rated("f3", 1, STARS, { stageId: "s1", text: "fine" }), sentiment: 1 },
      { ...comment("f4", "meh", { touchpointId: "t2", personaId: "p1" }), sentiment: 0, segments: { Plan: "Pro" } },
      { ...comment("f5", "slow", { touchpointId: "t2" }), sentiment: -1, segments: { Plan: "Free" } },
      rated("f6", 4, STARS, { stageId: "s2" }), // no text: never counted
      comment("f7", "not scored yet", { stageId: "s2" }),
    ],
  });

  it("gives the shares negative / neutral / positive with n per stage, touchpoint, persona and segment (by hand)", () => {
    const f = sentimentFigures(map);
    // 5 labelled texts: negative f1 f5, neutral f4, positive f2 f3
    expect(f.overall).toEqual({ n: 5, negative: 2, neutral: 1, positive: 2, shares: { negative: 40, neutral: 20, positive: 40 } });
    // s1: f1 (via t1), f2, f3 → 1 negative, 2 positive
    expect(f.byStage.get("s1")).toEqual({ n: 3, negative: 1, neutral: 0, positive: 2, shares: { negative: 100 / 3, neutral: 0, positive: 200 / 3 } });
    // s2: f4, f5 (via t2) → 1 neutral, 1 negative
    expect(f.byStage.get("s2")).toEqual({ n: 2, negative: 1, neutral: 1, positive: 0, shares: { negative: 50, neutral: 50, positive: 0 } });
    expect(f.byTouchpoint.get("t2")).toMatchObject({ n: 2, negative: 1, neutral: 1 });
    expect(f.byPersona.get("p1")).toMatchObject({ n: 1, neutral: 1, shares: { neutral: 100 } });
    expect(f.bySegment.get("Plan")?.get("Free")).toMatchObject({ n: 1, negative: 1 });
    expect(f.bySegment.get("Plan")?.get("Pro")).toMatchObject({ n: 1, neutral: 1 });
    expect(f.flagged.map((r) => r.id)).toEqual(["f1", "f2"]);
    expect(f.disagreeing).toBe(2);
    expect(f.unscored).toBe(1);
  });

  it("writes a quiet line of the negative share and n", () => {
    const f = sentimentFigures(map);
    expect(sentimentLine(f.byStage.get("s1"))).toBe("Text: 33 % negative · n 3");
    expect(sentimentLine(f.byStage.get("s2"))).toBe("Text: 50 % negative · n 2");
    expect(sentimentLine(undefined)).toBeNull();
  });

  it("counts rows folded into the summary exactly as the rows were (by hand)", () => {
    const tallies = foldSentimentTallies(map.feedback, (row) => row.id === "f1", undefined);
    const folded = { ...map, feedback: map.feedback.filter((r) => r.id === "f1"), summary: { strings: [], groups: [], sentiment: tallies } };
    const f = sentimentFigures(folded);
    expect(f.overall).toEqual(sentimentFigures(map).overall);
    expect(f.byStage).toEqual(sentimentFigures(map).byStage);
    expect(f.disagreeing).toBe(2); // f1 kept, f2 folded
    expect(f.flagged.map((r) => r.id)).toEqual(["f1"]);
  });
});

describe("sentiment of a compacted journey", () => {
  it("gives exactly the shares of the raw rows, per stage, touchpoint, persona and segment (any journey)", () => {
    fc.assert(
      fc.property(labelledJourney(60), (map) => {
        const raw = shown(map);
        const compacted = compactJourney(map, { keepAllRows: 0, quotesPerCell: 0 });
        expect(parseJourneyMap(compacted).ok).toBe(true);
        expect(shown(compacted)).toEqual(raw);
        // compacted again (its tallies and its kept rows folded together), and stored packed
        const again = compactJourney(compacted, { keepAllRows: 0, quotesPerCell: 0 });
        expect(shown(again)).toEqual(raw);
        const stored = { ...again, summary: again.summary === undefined ? undefined : unpackSummary(JSON.parse(JSON.stringify(packSummary(again.summary)))) };
        expect(shown(stored)).toEqual(raw);
        // the tallies survive a merge of summaries
        const merged = { ...again, summary: mergeSummaries(again.summary) };
        expect(shown(merged)).toEqual(raw);
      }),
      { numRuns: 60 },
    );
  }, 60_000);

  it("refuses tallies that do not fit together, saying what is wrong", () => {
    const bad = SentimentTallies.safeParse({ strings: ["s1"], tallies: [[0, null, null, 3, 1, 0, 0, 0]] });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues[0]?.message).toMatch(/sentiment tally needs/);
    expect(SentimentTallies.safeParse({ strings: ["s1"], tallies: [[0, null, null, null, 1, 0, -1, 0]] }).success).toBe(false);
    expect(SentimentTallies.safeParse({ strings: ["s1"], tallies: [[0, null, null, null, 1, 0, 2, 1]] }).success).toBe(true);
  });

  it("refuses a stored label outside −2 … 2", () => {
    const map = buildMap({ feedback: [{ ...comment("f", "hello"), sentiment: 3 as never }] });
    expect(parseJourneyMap(map).ok).toBe(false);
  });
});
