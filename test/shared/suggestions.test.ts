import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseJourneyMap } from "../../shared/model";
import {
  acceptSuggestion,
  feedbackTerms,
  rejectSuggestion,
  severityFromSatisfaction,
  suggestPainPoints,
  SUGGESTION_ROWS_PER_SLICE,
  suggestPainPointsAsync,
  suggestionTitle,
} from "../../shared/suggestions";
import { readsNegative } from "../../shared/sentiment";
import { sampleJourney } from "../ui/sample";
import { journeyMapArbitrary } from "./arbitraries";
import { NPS, STARS, buildMap, comment, countingIds, countingTurns, rated, stage, touchpoint, withFeedbackRows } from "./builders";

describe("feedback terms", () => {
  it("are content words and phrases of adjacent content words, lower-cased", () => {
    expect([...feedbackTerms("The Checkout page was slow, checkout-page crashed")].sort()).toEqual(
      [
        "checkout",
        "checkout page", // "Checkout page" and "checkout-page"
        "checkout page crashed", // three words
        "crashed",
        "page",
        "page crashed",
        "slow",
        // no "page slow": "was" is a stop word; no "slow checkout": the comma breaks the phrase
      ].sort(),
    );
  });

  it("drop words under 3 letters and stop words, in any script", () => {
    expect([...feedbackTerms("Ça coûte très cher, ok? Die Zahlung schlug fehl")].sort()).toEqual(
      [
        ...["cher", "coûte", "coûte très", "coûte très cher", "die", "die zahlung", "die zahlung schlug", "fehl", "schlug"],
        ...["schlug fehl", "très", "très cher", "zahlung", "zahlung schlug", "zahlung schlug fehl"],
      ].sort(),
    );
    expect([...feedbackTerms("ПЛОХАЯ доставка")]).toEqual(["плохая", "доставка", "плохая доставка"]);
  });

  it("keep a negation inside a phrase, never at its end or alone", () => {
    expect([...feedbackTerms("Tracking not updated, parcel didn't arrive. No refund")].sort()).toEqual(
      [
        ...["arrive", "didn't arrive", "no refund", "not updated", "parcel", "parcel didn't arrive", "refund", "tracking"],
        ...["tracking not updated", "updated"],
      ].sort(),
    );
    expect([...feedbackTerms("never, not ever: no")]).toEqual([]);
    expect([...feedbackTerms("It doesn’t work")]).toEqual(["work", "doesn't work"]);
  });

  it("count letters, not combining marks or UTF-16 units", () => {
    // किया: 2 letters and 2 vowel signs; 𝒜𝒞: 2 letters in 4 units; नमस्ते: 4 letters; 𝒜𝒞𝒟: 3 letters
    expect([...feedbackTerms("किया 𝒜𝒞 𝒜𝒞𝒟 नमस्ते")]).toEqual(["𝒜𝒞𝒟", "नमस्ते", "𝒜𝒞𝒟 नमस्ते"]);
    // "ab" with an accent still has 2 letters; "été" decomposed has 3 once composed
    expect([...feedbackTerms("e\u0301te\u0301 ab\u0301")]).toEqual(["été"]);
  });

  it("read composed and decomposed accents as the same word", () => {
    expect(feedbackTerms("cafe\u0301 cafe\u0301")).toEqual(new Set(["café", "café café"]));
    expect(feedbackTerms("café")).toEqual(new Set(["café"]));
  });
});

describe("suggested pain points", () => {
  const map = buildMap({
    stages: [stage("s1", "Buying"), stage("s2", "Shipping")],
    touchpoints: [touchpoint("t1", "s1"), touchpoint("t2", "s2")],
    feedback: [
      rated("f1", 1, STARS, { stageId: "s1", touchpointId: "t1", text: "Slow checkout page" }), // s = 0
      rated("f2", 2, STARS, { stageId: "s1", touchpointId: "t1", text: "checkout page keeps crashing" }), // s = 0.25
      rated("f3", 1, STARS, { stageId: "s1", text: "slow delivery of the code" }), // s = 0
      rated("f4", 5, STARS, { stageId: "s1", text: "great boots" }), // s = 1: positive
      rated("f5", 3, STARS, { stageId: "s1", text: "checkout page okay" }), // s = 0.5: the midpoint is not low
      comment("f6", "checkout page checkout page", { stageId: "s1" }), // no rating: not low-rated
      rated("g1", 2, NPS, { touchpointId: "t2", text: "Parcel arrived late" }), // s2 via t2; s = 0.2
      rated("g2", 0, NPS, { stageId: "s2", text: "late parcel, again late" }), // s = 0
    ],
  });

  it("are the recurring terms of low-rated feedback per stage, phrases first at equal count, with quotes", () => {
    // s1 low-rated rows f1, f2, f3: "checkout" 2 (f1, f2), "page" 2, "checkout page" 2, "slow" 2 (f1, f3);
    // "checkout" and "page" recur no more often than "checkout page": left out.
    // s2 rows g1, g2: "parcel" 2, "late" 2 (g2 counts once); "parcel arrived" 1, "late parcel" 1.
    expect(suggestPainPoints(map)).toEqual([
      {
        key: "s1:checkout page",
        stageId: "s1",
        stageName: "Buying",
        term: "checkout page",
        words: 2,
        count: 2,
        evidence: ["f1", "f2"],
        meanSatisfaction: 0.125, // (0 + 0.25)/2
        positiveCount: 0,
        quotes: ["Slow checkout page", "checkout page keeps crashing"],
      },
      {
        key: "s1:slow",
        stageId: "s1",
        stageName: "Buying",
        term: "slow",
        words: 1,
        count: 2,
        evidence: ["f1", "f3"],
        meanSatisfaction: 0, // (0 + 0)/2
        positiveCount: 0,
        quotes: ["Slow checkout page", "slow delivery of the code"],
      },
      {
        key: "s2:late",
        stageId: "s2",
        stageName: "Shipping",
        term: "late",
        words: 1,
        count: 2,
        evidence: ["g1", "g2"],
        meanSatisfaction: 0.1, // (0.2 + 0)/2
        positiveCount: 0,
        quotes: ["Parcel arrived late", "late parcel, again late"],
      },
      {
        key: "s2:parcel",
        stageId: "s2",
        stageName: "Shipping",
        term: "parcel",
        words: 1,
        count: 2,
        evidence: ["g1", "g2"],
        meanSatisfaction: 0.1,
        positiveCount: 0,
        quotes: ["Parcel arrived late", "late parcel, again late"],
      },
    ]);
  });

  it("leave out what satisfied customers say as often: a term must be distinctive", () => {
    // f4 (5 ★) also says "checkout page": 2 of 3 negative rows against 1 of 1 positive row is not
    // twice as frequent; "checkout" and "page" alike. "slow" (2 of 3, never in positive rows) stays.
    const praised = buildMap({ ...map, feedback: map.feedback.map((f) => (f.id === "f4" ? { ...f, text: "checkout page great" } : f)) });
    const inBuying = suggestPainPoints(praised).filter((s) => s.stageId === "s1");
    expect(inBuying.map((s) => [s.term, s.count, s.positiveCount])).toEqual([["slow", 2, 0]]);
  });

  it("never suggest a vague word alone, and want a single word five times as frequent", () => {
    const vague = buildMap({
      stages: [stage("s")],
      feedback: [
        rated("a", 1, STARS, { stageId: "s", text: "terrible order, refund refused" }),
        rated("b", 1, STARS, { stageId: "s", text: "terrible order; refund refused again" }),
        rated("c", 2, STARS, { stageId: "s", text: "refund? none" }),
        ...["refund quick", "lovely", "lovely", "lovely", "lovely"].map((text, i) => rated(`p${i}`, 5, STARS, { stageId: "s", text })),
      ],
    });
    // "terrible" and "order" are vague; "terrible order" is a phrase (2 of 3 negative rows, no positive row);
    // "refund": 3 of 3 negative rows against 1 of 5 positive rows: 5 × as frequent, kept;
    // "refund refused" 2, "refused" 2 (no more often than its phrase: left out).
    // Rank by rows × (1 + (words − 1)/2): refund 3, refund refused 3, terrible order 3; then more rows first.
    expect(suggestPainPoints(vague).map((s) => [s.term, s.count])).toEqual([
      ["refund", 3],
      ["refund refused", 2],
      ["terrible order", 2],
    ]);
  });

  it("count text-only rows with negative text when the caller can tell; the longest phrase stands for its parts", () => {
    const withText = buildMap({
      stages: [stage("s")],
      feedback: [comment("a", "tracking not updated", { stageId: "s" }), comment("b", "Tracking not updated!", { stageId: "s" })],
    });
    expect(suggestPainPoints(withText)).toEqual([]);
    const suggested = suggestPainPoints(withText, { negativeText: (text) => text.includes("not") });
    expect(suggested.map((s) => [s.term, s.count, s.meanSatisfaction, s.quotes])).toEqual([
      ["tracking not updated", 2, 0, ["tracking not updated", "Tracking not updated!"]],
    ]);
  });

  it("read a text-only row's stored sentiment label instead of scoring its text again, as the panel does with VADER", () => {
    // VADER reads "tracking never updated" as neutral; a label stored when the text entered says negative and is read.
    expect(readsNegative("tracking never updated")).toBe(false);
    expect(readsNegative("tracking is awful, never updated")).toBe(true);
    const labelled = buildMap({
      stages: [stage("s")],
      feedback: [
        { ...comment("a", "tracking never updated", { stageId: "s" }), sentiment: -1 },
        { ...comment("b", "Tracking never updated", { stageId: "s" }), sentiment: -2 },
        // a row without a label is scored: negative, so counted
        comment("c", "tracking is awful, never updated", { stageId: "s" }),
        // a label that says positive wins over the text
        { ...comment("d", "tracking is awful, never updated", { stageId: "s" }), sentiment: 1 },
      ],
    });
    // a, b (labels) and c (scored): 3 rows; d's positive label keeps it out (else 4).
    expect(suggestPainPoints(labelled, { negativeText: readsNegative }).map((s) => [s.term, s.count])).toEqual([
      ["never updated", 3],
      ["tracking never updated", 2],
      ["tracking", 3],
    ]);
    // Without a judge of text, labels are not read either: text-only rows count for nothing.
    expect(suggestPainPoints(labelled)).toEqual([]);
  });

  it("keeps a word that recurs more often than its phrases", () => {
    const more = buildMap({
      ...map,
      feedback: [...map.feedback, rated("f7", 1, STARS, { stageId: "s1", text: "checkout froze" })],
    });
    // "checkout" now 3 (f1, f2, f7) > "checkout page" 2: both suggested, the word first;
    // "page" (2) is still no more frequent than "checkout page" and stays out
    const inCheckout = suggestPainPoints(more).filter((s) => s.stageId === "s1");
    expect(inCheckout.map((s) => [s.term, s.count])).toEqual([
      ["checkout", 3],
      ["checkout page", 2],
      ["slow", 2],
    ]);
  });

  it("leaves out terms made only of words of the stage's own name", () => {
    const named = buildMap({ ...map, stages: [stage("s1", "Checkout"), stage("s2", "Late parcels")] });
    // "checkout page" says more than the stage name and stays; s2's "late" names the stage; "parcel" ≠ "parcels"
    expect(suggestPainPoints(named).map((s) => s.key)).toEqual(["s1:checkout page", "s1:slow", "s2:parcel"]);
    const page = buildMap({ ...map, stages: [stage("s1", "The checkout page"), stage("s2")] });
    expect(suggestPainPoints(page).map((s) => s.key)).toEqual(["s1:slow", "s2:late", "s2:parcel"]);
  });

  it("keeps the top N per stage", () => {
    expect(suggestPainPoints(map, { perStage: 1 }).map((s) => s.key)).toEqual(["s1:checkout page", "s2:late"]);
  });

  it("needs at least 2 rows: one row repeating a word is not a pattern", () => {
    const once = buildMap({
      stages: [stage("s")],
      feedback: [rated("a", 1, STARS, { stageId: "s", text: "broken broken broken" })],
    });
    expect(suggestPainPoints(once)).toEqual([]);
  });

  it("does not suggest rejected keys again", () => {
    const once = rejectSuggestion(map, { key: "s1:slow" });
    expect(once.rejectedSuggestions).toEqual(["s1:slow"]);
    const twice = rejectSuggestion(once, { key: "s1:checkout page" });
    expect(twice.rejectedSuggestions).toEqual(["s1:checkout page", "s1:slow"]);
    expect(suggestPainPoints(twice).map((s) => s.key)).toEqual(["s2:late", "s2:parcel"]);
  });
});

describe("accepting a suggestion", () => {
  const map = buildMap({
    stages: [stage("s1", "Checkout")],
    touchpoints: [touchpoint("t1", "s1")],
    feedback: [
      rated("f1", 1, STARS, { stageId: "s1", touchpointId: "t1", text: "Slow checkout page" }),
      rated("f2", 2, STARS, { stageId: "s1", touchpointId: "t1", text: "checkout page keeps crashing" }),
      rated("f3", 1, STARS, { stageId: "s1", text: "so slow" }),
    ],
  });

  it("adds a pain point from the suggestion and stops suggesting it", () => {
    const [first] = suggestPainPoints(map);
    if (first === undefined) throw new Error("expected a suggestion");
    const result = acceptSuggestion(map, first, countingIds());
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value.painPoints).toEqual([
      {
        id: "pain_1",
        stageId: "s1",
        touchpointId: "t1", // f1 and f2 both sit on t1
        title: "Checkout page",
        description: 'Suggested from 2 low-rated responses mentioning "checkout page".',
        severity: 4, // round(5 − 8 × 0.125) = 4
        frequency: null, // derived from the evidence
        effort: 3,
        confidence: 0.8,
        reach: null,
        ice: null,
        evidence: ["f1", "f2"],
      },
    ]);
    expect(parseJourneyMap(result.value).ok).toBe(true);
    expect(map.painPoints).toEqual([]); // the given map is left as it was
    expect(suggestPainPoints(result.value).map((s) => s.term)).toEqual(["slow"]);
  });

  it("leaves the touchpoint open when the evidence spans several", () => {
    const slow = suggestPainPoints(map).find((s) => s.term === "slow");
    if (slow === undefined) throw new Error("expected 'slow'");
    const result = acceptSuggestion(map, slow, countingIds());
    expect(result.ok && result.value.painPoints[0]).toMatchObject({ touchpointId: null, severity: 5, title: "Slow" });
  });

  it("refuses a suggestion whose stage or feedback is gone", () => {
    const [first] = suggestPainPoints(map);
    if (first === undefined) throw new Error("expected a suggestion");
    expect(acceptSuggestion({ ...map, stages: [stage("other")] }, first, countingIds())).toEqual({
      ok: false,
      errors: ['suggestion "checkout page": its stage no longer exists'],
    });
    expect(acceptSuggestion({ ...map, feedback: [] }, first, countingIds())).toEqual({
      ok: false,
      errors: ['suggestion "checkout page": none of its feedback is left'],
    });
  });

  it("takes severity from how low the ratings are: round(5 − 8 × mean(s))", () => {
    expect(severityFromSatisfaction(0)).toBe(5); // all lowest ratings
    expect(severityFromSatisfaction(0.125)).toBe(4); // 5 − 1
    expect(severityFromSatisfaction(0.25)).toBe(3); // 2 ★: 5 − 2
    expect(severityFromSatisfaction(0.375)).toBe(2); // 5 − 3
    expect(severityFromSatisfaction(0.49)).toBe(1); // 5 − 3.92 = 1.08 → 1
  });

  it("titles the term in sentence case", () => {
    expect(suggestionTitle("slow checkout")).toBe("Slow checkout");
    expect(suggestionTitle("équipe absente")).toBe("Équipe absente");
  });
});

describe("suggestPainPointsAsync", () => {
  it("gives the sample journey's suggestions", async () => {
    const map = sampleJourney();
    const { yieldToHost, turns } = countingTurns();
    const sliced = await suggestPainPointsAsync(map, yieldToHost, { rowsPerSlice: 50 });
    expect(sliced.length).toBeGreaterThan(0);
    expect(sliced).toEqual(suggestPainPoints(map));
    expect(turns()).toBeGreaterThan(1);
  });

  it("gives the same suggestions on a 40,000-row map, a slice of rows and then a stage per turn", async () => {
    const map = withFeedbackRows(sampleJourney(), 40_000);
    const { yieldToHost, turns } = countingTurns();
    const sliced = await suggestPainPointsAsync(map, yieldToHost);
    expect(sliced).toEqual(suggestPainPoints(map));
    expect(turns()).toBe(40_000 / SUGGESTION_ROWS_PER_SLICE + map.stages.length);
    const first = sliced[0];
    if (first === undefined) throw new Error("expected a suggestion");
    // Rejections, titles and the number per stage apply as in suggestPainPoints.
    const options = { perStage: 2, rejected: [first.key] };
    expect(await suggestPainPointsAsync(map, yieldToHost, options)).toEqual(suggestPainPoints(map, options));
  });

  it("agrees with suggestPainPoints on any map and any slice size", async () => {
    await fc.assert(
      fc.asyncProperty(journeyMapArbitrary({ maxFeedback: 40, textUnit: "grapheme" }), fc.integer({ min: 1, max: 9 }), async (map, rowsPerSlice) => {
        expect(await suggestPainPointsAsync(map, () => Promise.resolve(), { rowsPerSlice })).toEqual(suggestPainPoints(map));
      }),
      { numRuns: 100 },
    );
  });
});
