import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { analyseJourney, analyseJourneyAsync } from "../../shared/analysis";
import { computeMetrics } from "../../shared/metrics";
import type { Feedback, JourneyMap, RatingScale } from "../../shared/model";
import { journeyMapArbitrary } from "./arbitraries";
import { sampleJourney } from "../ui/sample";
import {
  CES,
  NPS,
  STARS,
  buildMap,
  comment,
  countingTurns,
  kpi,
  painPoint,
  persona,
  rated,
  stage,
  touchpoint,
  withFeedbackRows,
} from "./builders";

describe("analyseJourney", () => {
  const map = buildMap({
    stages: [stage("s1", "Decision"), stage("s2", "Onboarding", 1), stage("s3", "Retention")],
    touchpoints: [
      touchpoint("t1", "s1", 5, "Checkout"),
      touchpoint("t2", "s1", 3, "Pricing page"),
      touchpoint("t3", "s2", 2, "Welcome email"),
    ],
    personas: [persona("p1", "Ann"), persona("p2", "Bob")],
    feedback: [
      rated("a", 1, STARS, { touchpointId: "t1", personaId: "p1" }), // s = 0
      rated("b", 3, STARS, { touchpointId: "t1", personaId: "p2" }), // s = 0.5
      rated("c", 9, NPS, { stageId: "s1", personaId: "p1" }), // s = 0.9
      comment("d", "confusing tiers", { touchpointId: "t2" }),
      rated("e", 6, CES, { touchpointId: "t3", personaId: "p2" }), // s = 5/6
      rated("f", 5, STARS, { stageId: "s2" }), // s = 1
      rated("g", 3, NPS, { personaId: "p1" }), // s = 0.3, no stage
    ],
    kpis: [
      kpi("k1", "s1", { name: "Checkout conversion", target: 60, current: 57 }),
      kpi("k2", "s3", { name: "Churn", direction: "lower", target: 5, current: 8 }),
      kpi("k3", "s2", { name: "Activation", target: 40, current: null }),
    ],
    painPoints: [
      painPoint("pp1", "s1", { title: "Card declined", severity: 4, frequency: 2, effort: 2, confidence: 0.8 }),
      painPoint("pp2", "s3", { title: "Cancel flow hidden", severity: 3, frequency: null, effort: 1, confidence: 1 }),
    ],
  });
  const report = analyseJourney(map);

  it("sums up everything", () => {
    // rated a, b, c, e, f, g = 6, text-only d = 1; CSAT over a, b, f: 1 of 3 ≥ 4;
    // NPS over c (promoter), g (detractor): 50 − 50 = 0; CES over e: 6;
    // mean(s) = (0 + 0.5 + 0.9 + 5/6 + 1 + 0.3)/6 = 0.588889 → P = 1 + 4 × 0.588889 = 3.355556
    expect(report.overall.responses).toBe(7);
    expect(report.overall.rated).toBe(6);
    expect(report.overall.csat).toBeCloseTo(33.3333, 4);
    expect(report.overall.nps).toBe(0);
    expect(report.overall.ces).toBe(6);
    expect(report.overall.performance).toBeCloseTo(3.355556, 6);
  });

  it("analyses each stage", () => {
    const [s1, s2, s3] = report.stages;
    // s1: rows a, b (via t1), c, d. mean(s) = (0 + 0.5 + 0.9)/3 = 0.466667 → P = 2.866667;
    // I = (5 + 3)/2 = 4; gap = 4 − 2.866667 = 1.133333 > 0.5; emotion = 4 × 0.466667 − 2 = −0.133333
    expect(s1).toMatchObject({
      stageId: "s1",
      name: "Decision",
      responses: 4,
      rated: 3,
      csat: 0, // a (1 ★) and b (3 ★): 0 of 2 ≥ 4
      nps: 100, // c: 1 promoter of 1
      ces: null,
      importance: 4,
      expectationsMet: false,
      quadrant: "concentrate here",
      emotionSource: "feedback",
      backing: "thin",
    });
    expect(s1?.performance).toBeCloseTo(2.866667, 6);
    expect(s1?.gap).toBeCloseTo(1.133333, 6);
    expect(s1?.emotion).toBeCloseTo(-0.133333, 6);
    // s2: rows e (via t3), f. mean(s) = (5/6 + 1)/2 = 11/12 → P = 1 + 4 × 11/12 = 4.666667;
    // I = 2 (t3); gap = 2 − 4.666667 = −2.666667; the manual emotion 1 wins over feedback
    expect(s2).toMatchObject({
      responses: 2,
      rated: 2,
      csat: 100,
      nps: null,
      ces: 6,
      importance: 2,
      expectationsMet: true,
      quadrant: "possible overkill",
      emotion: 1,
      emotionSource: "manual",
      backing: "thin",
    });
    expect(s2?.performance).toBeCloseTo(4.666667, 6);
    expect(s2?.gap).toBeCloseTo(-2.666667, 6);
    // s3: no data at all: nulls, never zeros; importance 3 without touchpoints
    expect(s3).toEqual({
      stageId: "s3",
      name: "Retention",
      responses: 0,
      rated: 0,
      csat: null,
      nps: null,
      ces: null,
      performance: null,
      importance: 3,
      gap: null,
      expectationsMet: null,
      quadrant: null,
      emotion: null,
      emotionSource: null,
      backing: "none",
      margins: { csat: null, nps: null, performance: null },
    });
  });

  it("analyses each touchpoint with its stage", () => {
    const [t1, t2, t3] = report.touchpoints;
    // t1: a, b → mean(s) 0.25 → P = 2; I = 5 → gap 3; emotion 4 × 0.25 − 2 = −1
    expect(t1).toMatchObject({
      touchpointId: "t1",
      stageId: "s1",
      stage: "Decision",
      name: "Checkout",
      responses: 2,
      performance: 2,
      importance: 5,
      gap: 3,
      expectationsMet: false,
      quadrant: "concentrate here",
      emotion: -1,
      emotionSource: "feedback",
    });
    // t2: a comment only: data, but nothing to measure
    expect(t2).toMatchObject({ responses: 1, rated: 0, performance: null, gap: null, emotion: null, backing: "thin" });
    // t3: e → P = 1 + 4 × 5/6 = 4.333333; I = 2 → gap −2.333333
    expect(t3?.performance).toBeCloseTo(4.333333, 6);
    expect(t3?.gap).toBeCloseTo(-2.333333, 6);
    expect(t3?.quadrant).toBe("possible overkill");
  });

  it("analyses each persona", () => {
    const [p1, p2] = report.personas;
    // p1: a (s 0), c (0.9), g (0.3) → mean 0.4 → P = 2.6; NPS c promoter, g detractor → 0
    expect(p1).toMatchObject({ personaId: "p1", name: "Ann", responses: 3, csat: 0, nps: 0, ces: null });
    expect(p1?.performance).toBeCloseTo(2.6, 12);
    // p2: b (0.5), e (5/6) → mean 2/3 → P = 1 + 8/3 = 3.666667
    expect(p2).toMatchObject({ personaId: "p2", responses: 2, csat: 0, nps: null, ces: 6 });
    expect(p2?.performance).toBeCloseTo(3.666667, 6);
  });

  it("checks KPIs against their targets", () => {
    expect(report.kpis).toEqual([
      {
        kpiId: "k1",
        name: "Checkout conversion",
        stageId: "s1",
        stage: "Decision",
        direction: "higher",
        current: 57,
        target: 60,
        unit: "%",
        shortfall: 0.05, // (60 − 57)/60
        status: "at risk",
      },
      {
        kpiId: "k2",
        name: "Churn",
        stageId: "s3",
        stage: "Retention",
        direction: "lower",
        current: 8,
        target: 5,
        unit: "%",
        shortfall: 0.6, // (8 − 5)/5
        status: "missed",
      },
      {
        kpiId: "k3",
        name: "Activation",
        stageId: "s2",
        stage: "Onboarding",
        direction: "higher",
        current: null,
        target: 40,
        unit: "%",
        shortfall: null,
        status: "unknown",
      },
    ]);
  });

  it("ranks the pain points with the stage gaps", () => {
    // pp2: s3 has no feedback → frequency 1 (derived); impact (3 + 1)/2 = 2; 2 × 1 / 1 × (1 + 0) = 2
    // pp1: impact (4 + 2)/2 = 3; 3 × 0.8 / 2 × (1 + 1.133333/4) = 1.2 × 1.283333 = 1.54
    expect(report.priorities.map((p) => [p.painPointId, p.rank, p.frequency, p.frequencyDerived])).toEqual([
      ["pp2", 1, 1, true],
      ["pp1", 2, 2, false],
    ]);
    expect(report.priorities[0]?.score).toBe(2);
    expect(report.priorities[1]?.score).toBeCloseTo(1.54, 12);
  });

  it("lists the blind spots", () => {
    expect(report.blindSpots).toEqual([
      { kind: "stage", id: "s3", name: "Retention", stageId: "s3", stageName: "Retention" },
    ]);
  });

  it("uses the map's thresholds", () => {
    const strict = analyseJourney({ ...map, settings: { ...map.settings, gapThreshold: 2, backedResponses: 2 } });
    // gap 1.13 ≤ 2. 4 responses ≥ 2, but still thin: s = 0, 0.5, 0.9 has s² = 0.203333, so performance is
    // 2.87 ± 4 × t₀.₉₇₅,₂ × 0.450925 / √3 = ± 4.48, wider than ± 0.5 (gaps.ts BACKED_PERFORMANCE_HALF_WIDTH).
    expect(strict.stages[0]).toMatchObject({ expectationsMet: true, backing: "thin" });
    expect(strict.stages[0]?.margins.performance).toBeCloseTo(4.480639, 5);
  });

  it("survives JSON: every number is finite, no-data values are null", () => {
    expect(JSON.parse(JSON.stringify(report))).toEqual(report);
  });
});

describe("analyseJourney properties", () => {
  it("agrees with a plain per-stage, per-touchpoint and per-persona filter", () => {
    fc.assert(
      fc.property(journeyMapArbitrary({ maxFeedback: 40, textUnit: "grapheme" }), (map) => {
        const report = analyseJourney(map);
        const stageOf = (f: Feedback) =>
          f.stageId ?? map.touchpoints.find((t) => t.id === f.touchpointId)?.stageId ?? null;
        type Measured = Pick<ReturnType<typeof computeMetrics>, "responses" | "rated" | "csat" | "nps" | "ces" | "performance">;
        const pick = ({ responses, rated, csat, nps, ces, performance }: Measured): Measured => ({
          responses,
          rated,
          csat,
          nps,
          ces,
          performance,
        });
        report.stages.forEach((s) => {
          expect(pick(s)).toEqual(
            pick(computeMetrics(map.feedback.filter((f) => stageOf(f) === s.stageId))),
          );
        });
        report.touchpoints.forEach((t) => {
          expect(t.responses).toBe(computeMetrics(map.feedback.filter((f) => f.touchpointId === t.touchpointId)).responses);
        });
        report.personas.forEach((p) => {
          expect(p.performance).toBe(computeMetrics(map.feedback.filter((f) => f.personaId === p.personaId)).performance);
        });
        expect(JSON.parse(JSON.stringify(report))).toEqual(report);
      }),
      { numRuns: 150 },
    );
  });
});

describe("analyseJourney at scale", () => {
  it("analyses 200,000 feedback rows in one pass", () => {
    const stages = Array.from({ length: 8 }, (_, i) => stage(`s${i}`, `Stage ${i}`));
    const touchpoints = Array.from({ length: 40 }, (_, i) => touchpoint(`t${i}`, `s${i % 8}`, 1 + (i % 5)));
    const personas = Array.from({ length: 12 }, (_, i) => persona(`p${i}`));
    const scales: RatingScale[] = [STARS, NPS, CES];
    const feedback: Feedback[] = Array.from({ length: 200_000 }, (_, i) => {
      const scale = scales[i % 3] as RatingScale;
      const where = {
        stageId: i % 7 === 0 ? undefined : `s${i % 8}`,
        touchpointId: i % 2 === 0 || i % 7 === 0 ? `t${i % 40}` : undefined, // a row without a stage has a touchpoint
        personaId: `p${i % 12}`,
        text: i % 5 === 0 ? "slow checkout page" : "",
      };
      return i % 11 === 0 ? comment(`f${i}`, "no rating", where) : rated(`f${i}`, scale.min + (i % (scale.max - scale.min + 1)), scale, where);
    });
    const painPoints = Array.from({ length: 60 }, (_, i) =>
      painPoint(`pp${i}`, `s${i % 8}`, { frequency: null, evidence: [`f${i * 7}`, `f${i * 13}`] }),
    );
    const big: JourneyMap = buildMap({ stages, touchpoints, personas, feedback, painPoints });

    const report = analyseJourney(big);

    expect(report.overall.responses).toBe(200_000);
    expect(report.stages.reduce((n, s) => n + s.responses, 0)).toBe(200_000); // every row has a stage
    expect(report.priorities).toHaveLength(60);
  });
});

describe("analyseJourneyAsync", () => {
  it("gives the sample journey's report, field for field and in the same order", async () => {
    const map = sampleJourney();
    const { yieldToHost, turns } = countingTurns();
    const sliced = await analyseJourneyAsync(map, yieldToHost, 64);
    expect(JSON.stringify(sliced)).toBe(JSON.stringify(analyseJourney(map)));
    expect(turns()).toBeGreaterThan(1);
  });

  it("gives the same report on a 60,000-row map, giving the host a turn between slices", async () => {
    const map = withFeedbackRows(sampleJourney(), 60_000);
    expect(map.painPoints.some((p) => p.frequency === null)).toBe(true); // the frequency pass is sliced too
    const { yieldToHost, turns } = countingTurns();
    const sliced = await analyseJourneyAsync(map, yieldToHost);
    expect(sliced).toEqual(analyseJourney(map));
    // 6 slices of 10,000 rows for the tallies, 6 for the derived frequencies.
    expect(turns()).toBe(12);
  });

  it("stops at the first turn the host refuses", async () => {
    const map = withFeedbackRows(sampleJourney(), 5_000);
    let turns = 0;
    const refused = new Error("the map changed");
    const yieldToHost = () => (++turns < 3 ? Promise.resolve() : Promise.reject(refused));
    await expect(analyseJourneyAsync(map, yieldToHost, 1_000)).rejects.toBe(refused);
    expect(turns).toBe(3);
  });

  it("agrees with analyseJourney on any map and any slice size", async () => {
    await fc.assert(
      fc.asyncProperty(journeyMapArbitrary({ maxFeedback: 40, textUnit: "grapheme" }), fc.integer({ min: 1, max: 9 }), async (map, rowsPerSlice) => {
        expect(await analyseJourneyAsync(map, () => Promise.resolve(), rowsPerSlice)).toEqual(analyseJourney(map));
      }),
      { numRuns: 100 },
    );
  });
});
