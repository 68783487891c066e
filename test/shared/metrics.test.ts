import { describe, expect, it } from "vitest";
import {
  computeMetrics,
  isResponse,
  metricsOf,
  normalisedSatisfaction,
  summariseTally,
  tallyJourneyFeedback,
} from "../../shared/metrics";
import { CES, NPS, STARS, buildMap, comment, persona, rated, stage, touchpoint } from "./builders";

describe("normalised satisfaction", () => {
  it("is (r − min)/(max − min)", () => {
    expect(normalisedSatisfaction(4, STARS)).toBe(0.75); // (4 − 1)/(5 − 1) = 3/4
    expect(normalisedSatisfaction(7, NPS)).toBe(0.7); // (7 − 0)/(10 − 0)
    expect(normalisedSatisfaction(1, CES)).toBe(0); // (1 − 1)/(7 − 1)
    expect(normalisedSatisfaction(7, CES)).toBe(1); // (7 − 1)/(7 − 1)
    expect(normalisedSatisfaction(1, { min: -2, max: 2 })).toBe(0.75); // (1 + 2)/(2 + 2) = 3/4
  });

  it("copes with a scale wider than the largest number", () => {
    // max − min overflows to Infinity; (r − min)/(max − min) = (1e308 + 1e308)/(2e308) = 1
    expect(normalisedSatisfaction(1e308, { min: -1e308, max: 1e308 })).toBe(1);
    expect(normalisedSatisfaction(0, { min: -1e308, max: 1e308 })).toBe(0.5);
  });

  it("clamps a rating off its scale into [0, 1]", () => {
    expect(normalisedSatisfaction(6, STARS)).toBe(1);
    expect(normalisedSatisfaction(0, STARS)).toBe(0);
  });
});

describe("CSAT", () => {
  it("is 100 × (1–5 ratings ≥ 4) / (1–5 ratings), ignoring other scales", () => {
    const m = computeMetrics([
      rated("a", 5, STARS),
      rated("b", 4, STARS),
      rated("c", 3, STARS),
      rated("d", 2, STARS),
      rated("e", 10, NPS), // not on 1–5: left out of CSAT
      rated("f", 7, CES),
    ]);
    expect(m.csat).toBe(50); // 100 × 2/4
  });

  it("counts a half star above 4 as satisfied and below 4 as not", () => {
    expect(computeMetrics([rated("a", 4.5, STARS), rated("b", 3.5, STARS), rated("c", 4, STARS)]).csat).toBeCloseTo(
      66.6667, // 100 × 2/3
      4,
    );
  });

  it("is null without 1–5 ratings, not 0", () => {
    expect(computeMetrics([rated("a", 2, NPS)]).csat).toBeNull();
    expect(computeMetrics([]).csat).toBeNull();
  });
});

describe("NPS", () => {
  it("is % promoters (9–10) − % detractors (0–6) over 0–10 ratings only", () => {
    const m = computeMetrics([
      rated("a", 10, NPS),
      rated("b", 9, NPS),
      rated("c", 8, NPS),
      rated("d", 7, NPS),
      rated("e", 6, NPS),
      rated("f", 3, NPS),
      rated("g", 0, NPS),
      rated("h", 1, STARS), // not 0–10: left out
    ]);
    expect(m.nps).toBeCloseTo(-14.2857, 4); // (2 promoters − 3 detractors)/7 × 100
  });

  it("spans −100…100 and treats 6.5 as passive", () => {
    expect(computeMetrics([rated("a", 9, NPS), rated("b", 10, NPS)]).nps).toBe(100); // 2/2 − 0
    expect(computeMetrics([rated("a", 0, NPS), rated("b", 6, NPS)]).nps).toBe(-100); // 0 − 2/2
    expect(computeMetrics([rated("a", 6.5, NPS), rated("b", 9, NPS)]).nps).toBe(50); // (1 − 0)/2 × 100
    expect(computeMetrics([rated("a", 9, NPS), rated("b", 0, NPS)]).nps).toBe(0); // (1 − 1)/2: a real 0
  });

  it("is null without 0–10 ratings", () => {
    expect(computeMetrics([rated("a", 5, STARS)]).nps).toBeNull();
  });
});

describe("CES", () => {
  it("is the mean of 1–7 ratings", () => {
    expect(computeMetrics([rated("a", 2, CES), rated("b", 3, CES), rated("c", 7, CES), rated("d", 5, STARS)]).ces).toBe(
      4, // (2 + 3 + 7)/3
    );
  });

  it("is null without 1–7 ratings", () => {
    expect(computeMetrics([rated("a", 5, STARS)]).ces).toBeNull();
  });
});

describe("performance", () => {
  it("is 1 + 4 × mean(s) over rated feedback of any scale", () => {
    const m = computeMetrics([
      rated("a", 5, STARS), // s = 1
      rated("b", 5, NPS), // s = 0.5
      rated("c", 1, CES), // s = 0
      comment("d", "no rating, no say"),
    ]);
    expect(m.meanSatisfaction).toBe(0.5); // (1 + 0.5 + 0)/3
    expect(m.performance).toBe(3); // 1 + 4 × 0.5
  });

  it("works on a user-given scale", () => {
    // s = (30 − 0)/(40 − 0) = 0.75; P = 1 + 4 × 0.75 = 4
    expect(computeMetrics([rated("a", 30, { min: 0, max: 40 })]).performance).toBe(4);
  });

  it("is null without rated feedback, even with comments", () => {
    const m = computeMetrics([comment("a", "slow")]);
    expect(m.performance).toBeNull();
    expect(m.meanSatisfaction).toBeNull();
  });
});

describe("responses", () => {
  it("are rated rows plus text-only rows; a row with neither is not a response", () => {
    const m = computeMetrics([
      rated("a", 4, STARS),
      rated("b", 2, NPS, { text: "too pricey" }), // rated with text: one response, rated
      rated("c", 6, CES),
      comment("d", "where is my parcel?"),
      comment("e", "love it"),
      comment("f", "   "), // blank: not a response
    ]);
    expect(m.rated).toBe(3);
    expect(m.responses).toBe(5); // 3 rated + 2 text-only
  });

  it("isResponse says the same for one row", () => {
    expect(isResponse(rated("a", 1, STARS))).toBe(true);
    expect(isResponse(comment("b", "x"))).toBe(true);
    expect(isResponse(comment("c", "\n\t"))).toBe(false);
  });

  it("gives every metric as null on no feedback", () => {
    expect(computeMetrics([])).toEqual({
      responses: 0,
      rated: 0,
      csat: null,
      nps: null,
      ces: null,
      performance: null,
      meanSatisfaction: null,
    });
  });
});

describe("grouping a map's feedback", () => {
  const map = buildMap({
    stages: [stage("s1"), stage("s2"), stage("s3")],
    touchpoints: [touchpoint("t1", "s1"), touchpoint("t2", "s2")],
    personas: [persona("p1"), persona("p2")],
    feedback: [
      rated("a", 5, STARS, { stageId: "s1", personaId: "p1" }),
      rated("b", 1, STARS, { stageId: "s1", touchpointId: "t1", personaId: "p2" }),
      rated("c", 4, STARS, { touchpointId: "t2", personaId: "p1" }), // no stage: the touchpoint's, s2
      comment("d", "lost", { stageId: "s2" }),
      rated("e", 3, STARS), // nowhere: counts overall only
    ],
  });
  const tallies = tallyJourneyFeedback(map);

  it("groups by stage, with a row's stage taken from its touchpoint when it has none", () => {
    expect(metricsOf(tallies.byStage, "s1")).toMatchObject({ responses: 2, rated: 2, csat: 50, performance: 3 }); // s = 1, 0
    expect(metricsOf(tallies.byStage, "s2")).toMatchObject({ responses: 2, rated: 1, csat: 100, performance: 4 }); // s = 0.75
    expect(metricsOf(tallies.byStage, "s3")).toMatchObject({ responses: 0, rated: 0, csat: null, performance: null });
  });

  it("groups by touchpoint and persona", () => {
    expect(metricsOf(tallies.byTouchpoint, "t1")).toMatchObject({ responses: 1, performance: 1 }); // s = 0
    expect(metricsOf(tallies.byTouchpoint, "t2")).toMatchObject({ responses: 1, performance: 4 });
    // p1: s = 1 and 0.75 → mean 0.875 → P = 1 + 4 × 0.875 = 4.5
    expect(metricsOf(tallies.byPersona, "p1")).toMatchObject({ responses: 2, csat: 100, performance: 4.5 });
    expect(metricsOf(tallies.byPersona, "p2")).toMatchObject({ responses: 1, csat: 0, performance: 1 });
  });

  it("counts every row overall", () => {
    // s = 1, 0, 0.75, 0.5 → mean 0.5625 → P = 1 + 4 × 0.5625 = 3.25; CSAT 2 of 4 ≥ 4 = 50
    expect(summariseTally(tallies.overall)).toMatchObject({ responses: 5, rated: 4, csat: 50, performance: 3.25 });
    expect(tallies.overall.rows).toBe(5);
  });
});
