import { describe, expect, it } from "vitest";
import {
  dataBacking,
  experienceGap,
  expectationsMet,
  findBlindSpots,
  importancePerformanceQuadrant,
  kpiShortfall,
  kpiStatus,
  stageEmotion,
  stageExperienceGaps,
  stageImportance,
  stageImportances,
  touchpointImportance,
} from "../../shared/gaps";
import { computeMetrics } from "../../shared/metrics";
import { CES, NPS, STARS, buildMap, comment, kpi, rated, stage, touchpoint } from "./builders";

describe("importance", () => {
  it("of a touchpoint is its importance", () => {
    expect(touchpointImportance(touchpoint("t", "s", 4.5))).toBe(4.5);
  });

  it("of a stage is the mean of its touchpoints', 3 when it has none", () => {
    expect(stageImportance([touchpoint("a", "s", 5), touchpoint("b", "s", 4), touchpoint("c", "s", 3)])).toBe(4); // 12/3
    expect(stageImportance([])).toBe(3);
    const map = buildMap({
      stages: [stage("s1"), stage("s2")],
      touchpoints: [touchpoint("a", "s1", 5), touchpoint("b", "s1", 2)],
    });
    expect(stageImportances(map)).toEqual(
      new Map([
        ["s1", 3.5], // (5 + 2)/2
        ["s2", 3], // no touchpoints
      ]),
    );
  });
});

describe("experience gap", () => {
  it("is I − P, null when P is unknown", () => {
    expect(experienceGap(4, 2.5)).toBe(1.5); // 4 − 2.5
    expect(experienceGap(2, 4.5)).toBe(-2.5); // 2 − 4.5: better than expected
    expect(experienceGap(4, null)).toBeNull();
  });

  it("means expectations not met only when gap > threshold", () => {
    expect(expectationsMet(0.5)).toBe(true); // 0.5 is not > 0.5 (default threshold)
    expect(expectationsMet(0.51)).toBe(false);
    expect(expectationsMet(-1)).toBe(true);
    expect(expectationsMet(0.75, 1)).toBe(true); // configurable threshold
    expect(expectationsMet(1.25, 1)).toBe(false);
    expect(expectationsMet(null)).toBeNull();
  });

  it("does not let floating-point noise flip the verdict", () => {
    // NPS ratings 6, 7, 8, 9: s = 0.6, 0.7, 0.8, 0.9 → mean 0.75 → P = 4 (computed 3.9999999999999996)
    const p = computeMetrics([rated("a", 6, NPS), rated("b", 7, NPS), rated("c", 8, NPS), rated("d", 9, NPS)]).performance;
    expect(p).toBeCloseTo(4, 12);
    const gap = experienceGap(4.5, p); // 4.5 − 4 = 0.5, on the threshold
    expect(expectationsMet(gap, 0.5)).toBe(true);
    // CES ratings 1, 4, 5, 5, 5: s = 0, 1/2, 2/3, 2/3, 2/3 → mean 0.5 → P = 3 (computed 2.9999999999999996)
    const q = computeMetrics([1, 4, 5, 5, 5].map((r, i) => rated(`c${i}`, r, CES))).performance;
    expect(importancePerformanceQuadrant(3, q)).toBe("keep up the good work");
  });
});

describe("importance–performance quadrant", () => {
  it("splits at 3", () => {
    expect(importancePerformanceQuadrant(4, 2)).toBe("concentrate here"); // I ≥ 3, P < 3
    expect(importancePerformanceQuadrant(4, 4)).toBe("keep up the good work"); // I ≥ 3, P ≥ 3
    expect(importancePerformanceQuadrant(2, 2)).toBe("low priority"); // I < 3, P < 3
    expect(importancePerformanceQuadrant(2, 4)).toBe("possible overkill"); // I < 3, P ≥ 3
    expect(importancePerformanceQuadrant(3, 3)).toBe("keep up the good work"); // both on the midpoint
    expect(importancePerformanceQuadrant(2.99, 3)).toBe("possible overkill");
    expect(importancePerformanceQuadrant(3, 2.99)).toBe("concentrate here");
  });

  it("is null without P", () => {
    expect(importancePerformanceQuadrant(5, null)).toBeNull();
  });
});

describe("emotion of a stage", () => {
  it("is the manual value where set, even with feedback", () => {
    const metrics = computeMetrics([rated("a", 5, STARS)]);
    expect(stageEmotion(stage("s", "s", 1.5), metrics)).toEqual({ value: 1.5, source: "manual", ratedResponses: 1 });
  });

  it("is 4 × mean(s) − 2 from feedback otherwise", () => {
    // s = 1, 1, 0.75 → mean 2.75/3 = 0.91667 → 4 × 0.91667 − 2 = 1.66667
    const happy = stageEmotion(stage("s"), computeMetrics([rated("a", 5, STARS), rated("b", 5, STARS), rated("c", 4, STARS)]));
    expect(happy.value).toBeCloseTo(1.66667, 5);
    expect(happy.source).toBe("feedback");
    expect(happy.ratedResponses).toBe(3);
    // s = 0.25, 0.75 → mean 0.5 → 4 × 0.5 − 2 = 0: a real, measured zero
    expect(stageEmotion(stage("s"), computeMetrics([rated("a", 2, STARS), rated("b", 4, STARS)]))).toEqual({
      value: 0,
      source: "feedback",
      ratedResponses: 2,
    });
    // s = 0 → −2; NPS 10 → s = 1 → +2
    expect(stageEmotion(stage("s"), computeMetrics([rated("a", 1, STARS)])).value).toBe(-2);
    expect(stageEmotion(stage("s"), computeMetrics([rated("a", 10, NPS)])).value).toBe(2);
  });

  it("is no point at all with neither (never a fake zero), even with comments", () => {
    expect(stageEmotion(stage("s"), computeMetrics([comment("a", "meh")]))).toEqual({
      value: null,
      source: null,
      ratedResponses: 0,
    });
  });
});

describe("data backing", () => {
  it("is none at 0 responses, thin below the threshold, backed from it", () => {
    expect(dataBacking(0)).toBe("none");
    expect(dataBacking(1)).toBe("thin");
    expect(dataBacking(29)).toBe("thin"); // < 30 (default)
    expect(dataBacking(30)).toBe("backed");
    expect(dataBacking(4, 5)).toBe("thin"); // configurable
    expect(dataBacking(5, 5)).toBe("backed");
  });
});

describe("KPI shortfall and status", () => {
  it("higher is better: max(0, (target − current)/|target|)", () => {
    expect(kpiShortfall(kpi("k", "s", { target: 80, current: 72 }))).toBe(0.1); // (80 − 72)/80
    expect(kpiShortfall(kpi("k", "s", { target: 80, current: 70 }))).toBe(0.125); // (80 − 70)/80
    expect(kpiShortfall(kpi("k", "s", { target: 80, current: 85 }))).toBe(0); // max(0, −5/80)
    expect(kpiShortfall(kpi("k", "s", { target: -10, current: -12 }))).toBe(0.2); // (−10 + 12)/|−10|
  });

  it("lower is better: max(0, (current − target)/|target|)", () => {
    const lower = { direction: "lower" as const };
    expect(kpiShortfall(kpi("k", "s", { ...lower, target: 2, current: 2.1 }))).toBeCloseTo(0.05, 12); // 0.1/2
    expect(kpiShortfall(kpi("k", "s", { ...lower, target: 2, current: 3 }))).toBe(0.5); // (3 − 2)/2
    expect(kpiShortfall(kpi("k", "s", { ...lower, target: 2, current: 1 }))).toBe(0);
  });

  it("a target of 0 uses the absolute miss (divisor 1)", () => {
    const lower = { direction: "lower" as const, target: 0 };
    expect(kpiShortfall(kpi("k", "s", { ...lower, current: 0 }))).toBe(0);
    expect(kpiShortfall(kpi("k", "s", { ...lower, current: 0.05 }))).toBe(0.05); // (0.05 − 0)/1
    expect(kpiShortfall(kpi("k", "s", { ...lower, current: 3 }))).toBe(3);
    expect(kpiShortfall(kpi("k", "s", { target: 0, current: -3 }))).toBe(3); // higher: (0 + 3)/1
    expect(kpiShortfall(kpi("k", "s", { target: 0, current: 2 }))).toBe(0);
  });

  it("stays a finite number however tiny the target", () => {
    // 8.9e−16 / 5e−324 overflows to Infinity: capped so the report survives JSON
    expect(kpiShortfall(kpi("k", "s", { direction: "lower", target: 5e-324, current: 8.9e-16 }))).toBe(Number.MAX_VALUE);
  });

  it("is null when current is missing", () => {
    expect(kpiShortfall(kpi("k", "s", { current: null }))).toBeNull();
  });

  it("status: met at 0, at risk up to 0.10, missed beyond, unknown without current", () => {
    expect(kpiStatus(0)).toBe("met");
    expect(kpiStatus(0.05)).toBe("at risk");
    expect(kpiStatus(0.1)).toBe("at risk"); // ≤ 0.10
    expect(kpiStatus(kpiShortfall(kpi("k", "s", { target: 8, current: 7.2 })))).toBe("at risk"); // 0.8/8 = 0.09999999999999998
    expect(kpiStatus(0.125)).toBe("missed");
    expect(kpiStatus(null)).toBe("unknown");
  });
});

describe("blind spots", () => {
  const map = buildMap({
    stages: [stage("s1", "Awareness"), stage("s2", "Decision"), stage("s3", "Onboarding")],
    touchpoints: [touchpoint("t1", "s1", 3, "Ad"), touchpoint("t2", "s1", 3, "Blog"), touchpoint("t3", "s3", 3, "Email")],
    feedback: [
      rated("a", 4, STARS, { touchpointId: "t1" }),
      comment("b", "which plan?", { stageId: "s2" }),
      comment("c", " ", { stageId: "s3", touchpointId: "t3" }), // blank: no data
    ],
  });

  it("are the stages and touchpoints with no rated or text response, in map order", () => {
    expect(findBlindSpots(map)).toEqual([
      { kind: "touchpoint", id: "t2", name: "Blog", stageId: "s1", stageName: "Awareness" },
      { kind: "stage", id: "s3", name: "Onboarding", stageId: "s3", stageName: "Onboarding" },
      { kind: "touchpoint", id: "t3", name: "Email", stageId: "s3", stageName: "Onboarding" },
    ]);
  });

  it("stage gaps are null where there is no rated feedback", () => {
    // s1: I = (3 + 3)/2 = 3, P = 1 + 4 × 0.75 = 4 → gap −1; s2: comments only; s3: nothing
    expect(stageExperienceGaps(map)).toEqual(
      new Map<string, number | null>([
        ["s1", -1],
        ["s2", null],
        ["s3", null],
      ]),
    );
  });
});
