import { describe, expect, it } from "vitest";
import {
  compoundScore,
  createSentimentScorer,
  disagreement,
  journeySentiment,
  ratingBox,
  sentimentOf,
} from "../../shared/sentiment";
import { NPS, STARS, buildMap, comment, rated, stage, touchpoint } from "./builders";

describe("sentiment of a text", () => {
  it("uses VADER's published thresholds: ≤ −0.05 negative, ≥ 0.05 positive", () => {
    expect(sentimentOf(-0.05)).toBe("negative");
    expect(sentimentOf(-0.0499)).toBe("neutral");
    expect(sentimentOf(0.0499)).toBe("neutral");
    expect(sentimentOf(0.05)).toBe("positive");
  });

  it("scores clear texts the way a reader would, and blank text not at all", () => {
    expect(sentimentOf(compoundScore("The staff were rude and the seat was broken") ?? 0)).toBe("negative");
    expect(sentimentOf(compoundScore("Absolutely wonderful crew, amazing food") ?? 0)).toBe("positive");
    expect(sentimentOf(compoundScore("It is a speaker.") ?? 1)).toBe("neutral");
    expect(compoundScore("   ")).toBeNull();
  });

  it("scores a repeated text once", () => {
    const score = createSentimentScorer();
    expect(score("Love it, works great!")).toBe(compoundScore("Love it, works great!"));
    expect(score("Love it, works great!")).toBe(score("Love it, works great!"));
    expect(score("")).toBeNull();
  });
});

describe("rating and text that disagree", () => {
  it("top box is 4–5 of 5 and 9–10 of 10; bottom box 1–2 of 5 and 0–1 of 10", () => {
    expect([1, 2, 3, 4, 5].map((r) => ratingBox(rated("f", r, STARS)))).toEqual(["bottom", "bottom", null, "top", "top"]);
    expect([0, 1, 2, 8, 9, 10].map((r) => ratingBox(rated("f", r, NPS)))).toEqual(["bottom", "bottom", null, null, "top", "top"]);
    expect(ratingBox(comment("f", "text only"))).toBeNull();
  });

  it("are flagged only when the text is strongly the other way (|compound| ≥ 0.5)", () => {
    expect(disagreement(rated("f", 5, STARS), -0.5)).toBe("top rating, strongly negative text");
    expect(disagreement(rated("f", 5, STARS), -0.49)).toBeNull();
    expect(disagreement(rated("f", 1, STARS), 0.5)).toBe("bottom rating, strongly positive text");
    expect(disagreement(rated("f", 3, STARS), -0.9)).toBeNull();
    expect(disagreement(rated("f", 10, NPS), null)).toBeNull();
  });
});

describe("sentiment of a journey", () => {
  // A made-up scorer, so the counts below follow from the thresholds alone.
  const scores: Record<string, number> = { bad: -0.8, meh: 0, good: 0.6, fine: 0.3 };
  const score = (text: string) => (text.trim() === "" ? null : (scores[text] ?? 0));
  const map = buildMap({
    stages: [stage("s1"), stage("s2")],
    touchpoints: [touchpoint("t1", "s1"), touchpoint("t2", "s2")],
    feedback: [
      rated("f1", 5, STARS, { touchpointId: "t1", text: "bad" }), // top box, strongly negative: flagged
      rated("f2", 1, STARS, { stageId: "s1", text: "good" }), // bottom box, strongly positive: flagged
      rated("f3", 1, STARS, { stageId: "s1", text: "fine" }), // positive but not strongly: not flagged
      comment("f4", "meh", { touchpointId: "t2", personaId: "p1" }),
      rated("f5", 4, STARS, { stageId: "s2" }), // no text: no sentiment, never counted
    ],
  });

  it("gives shares negative / neutral / positive with n per stage, touchpoint and persona", () => {
    const result = journeySentiment(map, score);
    expect(result.overall).toEqual({
      n: 4,
      negative: 1,
      neutral: 1,
      positive: 2,
      shares: { negative: 25, neutral: 25, positive: 50 },
    });
    expect(result.byStage.get("s1")).toMatchObject({ n: 3, negative: 1, positive: 2 });
    expect(result.byStage.get("s2")).toMatchObject({ n: 1, neutral: 1, shares: { neutral: 100 } });
    expect(result.byTouchpoint.get("t1")).toMatchObject({ n: 1, negative: 1 });
    expect(result.byPersona.get("p1")).toMatchObject({ n: 1, neutral: 1 });
    expect(result.flagged.map((f) => [f.id, f.reason])).toEqual([
      ["f1", "top rating, strongly negative text"],
      ["f2", "bottom rating, strongly positive text"],
    ]);
  });
});

describe("VADER, ported with its lexicon inflated from a third of the bytes", () => {
  it("reads back every word and valence of the package's lexicon, no more and no fewer", async () => {
    const { vaderLexicon } = await import("../../shared/sentiment-vader");
    const source = await import("vader-sentiment/src/vader_lexicon.js");
    const published = source.lexicon;
    const read = vaderLexicon();
    expect(read.size).toBe(Object.keys(published).length);
    expect(Object.entries(published).filter(([word, valence]) => read.get(word) !== valence)).toEqual([]);
  });

  it("scores every Alexa review exactly as vader-sentiment 1.1.3 does, and a few hard cases", async () => {
    const { SentimentIntensityAnalyzer } = await import("vader-sentiment");
    const { alexaLabelledReviews } = await import("../../bench/sentiment");
    const hard = [
      "The food was NOT good, but the staff were GREAT!!!",
      "never so happy", "not bad at all", "kind of ok", "the least helpful agent", "yeah right, the bomb",
      "I can't stand it :( ", "sort of nice??", "Good.", "'good'", "GOOD good", "!!!", "", "ok ok ok",
    ];
    const texts = [...alexaLabelledReviews().map((r) => r.text), ...hard];
    expect(texts.length).toBeGreaterThan(2900);
    const differ = texts.filter((t) => (compoundScore(t) ?? 0) !== SentimentIntensityAnalyzer.polarity_scores(t).compound);
    expect(differ).toEqual([]);
  }, 60_000);
});
