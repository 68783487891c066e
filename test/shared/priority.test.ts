import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { analyseJourney } from "../../shared/analysis";
import type { JourneyMap, PainPoint } from "../../shared/model";
import {
  frequencyBasis,
  frequencyBasisPass,
  frequencyFromShare,
  iceInputs,
  iceScore,
  impactEffortScore,
  painPointFrequency,
  painPointImpact,
  prioritise,
  prioritiseAsync,
  priorityQuadrant,
  riceImpact,
  riceReach,
  riceScore,
} from "../../shared/priority";
import { compactJourney } from "../../shared/evidence";
import { runPass } from "../../shared/feedback-pass";
import { tallyJourneyFeedback } from "../../shared/metrics";
import { journeyMapArbitrary } from "./arbitraries";
import { STARS, buildMap, comment, painPoint, rated, stage, touchpoint } from "./builders";

describe("impact-effort formulas", () => {
  it("impact = (severity + frequency)/2", () => {
    expect(painPointImpact(4, 2)).toBe(3); // (4 + 2)/2
    expect(painPointImpact(5, 2)).toBe(3.5);
  });

  it("score = impact × confidence / effort × (1 + g/4), g = max(0, stage gap), 0 when unknown", () => {
    expect(impactEffortScore(3, 0.8, 2, 1)).toBeCloseTo(1.5, 12); // 3 × 0.8 / 2 × (1 + 1/4) = 1.2 × 1.25
    expect(impactEffortScore(3, 0.8, 2, null)).toBeCloseTo(1.2, 12); // × (1 + 0)
    expect(impactEffortScore(3, 0.8, 2, -2)).toBeCloseTo(1.2, 12); // g = max(0, −2) = 0
    expect(impactEffortScore(5, 1, 1, 4)).toBe(10); // 5 × 1 / 1 × (1 + 4/4)
  });

  it("quadrants split at 3", () => {
    expect(priorityQuadrant(3, 2)).toBe("quick win"); // impact ≥ 3, effort < 3
    expect(priorityQuadrant(3, 3)).toBe("major project"); // impact ≥ 3, effort ≥ 3
    expect(priorityQuadrant(2.5, 2)).toBe("fill-in"); // impact < 3, effort < 3
    expect(priorityQuadrant(2.5, 3)).toBe("thankless"); // impact < 3, effort ≥ 3
  });
});

describe("RICE", () => {
  it("impact from severity 1…5 → 0.25, 0.5, 1, 2, 3", () => {
    expect([1, 2, 3, 4, 5].map(riceImpact)).toEqual([0.25, 0.5, 1, 2, 3]);
  });

  it("reach = the manual reach, else the linked feedback count", () => {
    expect(riceReach({ reach: 120, evidence: ["a", "b"] })).toBe(120);
    expect(riceReach({ reach: null, evidence: ["a", "b", "c"] })).toBe(3);
    expect(riceReach({ reach: 0, evidence: ["a"] })).toBe(0); // a manual 0 is a value, not "unset"
  });

  it("score = reach × impact × confidence / effort", () => {
    expect(riceScore(4, 2, 0.8, 2)).toBeCloseTo(3.2, 12); // 4 × 2 × 0.8 / 2
    expect(riceScore(100, 0.25, 1, 5)).toBe(5); // 100 × 0.25 × 1 / 5
    expect(riceScore(Number.MAX_VALUE, 3, 1, 1)).toBe(Number.MAX_VALUE); // would overflow: capped, finite
  });
});

describe("ICE", () => {
  it("uses the pain point's own 1–10 inputs where set", () => {
    const inputs = iceInputs(painPoint("p", "s", { ice: { impact: 8, confidence: 6, ease: 4 } }));
    expect(iceScore(inputs)).toBe(6); // (8 + 6 + 4)/3
  });

  it("derives impact = severity × 2, confidence × 10, ease = (6 − effort) × 2 otherwise", () => {
    const strong = iceInputs(painPoint("p", "s", { severity: 4, confidence: 0.8, effort: 2 }));
    expect(strong).toEqual({ impact: 8, confidence: 8, ease: 8 }); // 4 × 2, 0.8 × 10, (6 − 2) × 2
    expect(iceScore(strong)).toBe(8);
    const weak = iceInputs(painPoint("p", "s", { severity: 1, confidence: 0.5, effort: 5 }));
    expect(weak).toEqual({ impact: 2, confidence: 5, ease: 2 }); // 1 × 2, 0.5 × 10, (6 − 5) × 2
    expect(iceScore(weak)).toBe(3); // (2 + 5 + 2)/3
    expect(iceInputs(painPoint("p", "s", { severity: 5, confidence: 1, effort: 1 }))).toEqual({
      impact: 10,
      confidence: 10,
      ease: 10,
    });
  });
});

describe("derived frequency", () => {
  it("takes the quintile of the share of the stage's feedback linked to the pain point", () => {
    expect(frequencyFromShare(0, 10)).toBe(1); // 0 %
    expect(frequencyFromShare(2, 10)).toBe(1); // 20 %: ≤ 20 %
    expect(frequencyFromShare(3, 10)).toBe(2); // 30 %
    expect(frequencyFromShare(4, 10)).toBe(2); // 40 %
    expect(frequencyFromShare(5, 10)).toBe(3); // 50 %
    expect(frequencyFromShare(6, 10)).toBe(3); // 60 %
    expect(frequencyFromShare(8, 10)).toBe(4); // 80 %
    expect(frequencyFromShare(9, 10)).toBe(5); // 90 %: > 80 %
    expect(frequencyFromShare(10, 10)).toBe(5);
    expect(frequencyFromShare(1, 3)).toBe(2); // 33 %
    expect(frequencyFromShare(0, 0)).toBe(1); // no stage feedback
  });

  it("counts only linked rows of the pain point's own stage, each once", () => {
    const map = buildMap({
      stages: [stage("s1"), stage("s2")],
      touchpoints: [touchpoint("t1", "s1")],
      feedback: [
        ...Array.from({ length: 9 }, (_, i) => comment(`f${i}`, "text", { stageId: "s1" })),
        comment("f9", "via touchpoint", { touchpointId: "t1" }), // s1 through its touchpoint: 10 rows in s1
        comment("g0", "elsewhere", { stageId: "s2" }),
      ],
      painPoints: [
        // f0, f1, f9 in s1 (f0 twice counts once), g0 is in s2: 3 of 10 = 30 % → 2
        painPoint("p", "s1", { frequency: null, evidence: ["f0", "f1", "f9", "g0", "f0"] }),
        painPoint("q", "s1", { frequency: 4, evidence: [] }), // set: kept
        painPoint("r", "s2", { frequency: null, evidence: ["g0"] }), // 1 of 1 = 100 % → 5
      ],
    });
    const basis = frequencyBasis(map);
    const [p, q, r] = map.painPoints as [PainPoint, PainPoint, PainPoint];
    expect(painPointFrequency(p, basis)).toEqual({ frequency: 2, derived: true });
    expect(painPointFrequency(q, basis)).toEqual({ frequency: 4, derived: false });
    expect(painPointFrequency(r, basis)).toEqual({ frequency: 5, derived: true });
  });
});

describe("the frequency basis from the journey's tallies", () => {
  it("is the basis counted from the feedback, rows or a summary, and ranks the same", () => {
    fc.assert(
      fc.property(journeyMapArbitrary({ maxFeedback: 40, minPainPoints: 1 }), (drawn) => {
        // Frequencies derived, evidence kept as rows, the rest folded into a summary (or not).
        const map = { ...drawn, painPoints: drawn.painPoints.map((p) => ({ ...p, frequency: null })) };
        for (const m of [map, compactJourney(map, { keepAllRows: 0, quotesPerCell: 1 })]) {
          const byStage = tallyJourneyFeedback(m).byStage;
          const counted = frequencyBasis(m);
          const fromTallies = runPass(frequencyBasisPass(m, byStage), m.feedback.length);
          expect(fromTallies.evidenceStage).toEqual(counted.evidenceStage);
          for (const s of m.stages) expect(fromTallies.stageRows.get(s.id) ?? 0).toBe(counted.stageRows.get(s.id) ?? 0);
          const analysis = analyseJourney(m);
          expect(prioritise(m, analysis, byStage)).toEqual(prioritise(m, analysis));
        }
      }),
      { numRuns: 80 },
    );
  });
});

describe("prioritise", () => {
  // s1: I = 5, P = 1 + 4 × mean(0, 0.5) = 2 → gap 3 → × (1 + 3/4) = 1.75
  // s2: no feedback → gap unknown → × 1
  // s3: I = 2, P = 5 → gap −3 → g = 0 → × 1
  const map = buildMap({
    stages: [stage("s1", "Checkout"), stage("s2", "Delivery"), stage("s3", "Returns")],
    touchpoints: [touchpoint("t1", "s1", 5), touchpoint("t3", "s3", 2)],
    feedback: [
      rated("a", 1, STARS, { stageId: "s1" }),
      rated("b", 3, STARS, { stageId: "s1" }),
      rated("c", 5, STARS, { stageId: "s3" }),
    ],
    painPoints: [
      painPoint("pD", "s2", { title: "Tracking page", severity: 2, frequency: 2, effort: 4, confidence: 1 }),
      painPoint("pB", "s2", { title: "Late parcel", severity: 5, frequency: 5, effort: 4, confidence: 1 }),
      painPoint("pC", "s3", { title: "Refund form", severity: 2, frequency: 1, effort: 1, confidence: 0.5 }),
      painPoint("pA", "s1", { title: "Card declined", severity: 4, frequency: 2, effort: 2, confidence: 0.8 }),
    ],
  });

  it("scores, places and ranks by the default model", () => {
    const ranked = prioritise(map);
    expect(ranked.map((p) => [p.painPointId, p.rank, p.quadrant])).toEqual([
      ["pA", 1, "quick win"], // impact (4 + 2)/2 = 3; 3 × 0.8 / 2 × 1.75 = 2.1
      ["pB", 2, "major project"], // impact 5; 5 × 1 / 4 × 1 = 1.25
      ["pC", 3, "fill-in"], // impact 1.5; 1.5 × 0.5 / 1 × 1 = 0.75
      ["pD", 4, "thankless"], // impact 2; 2 × 1 / 4 × 1 = 0.5
    ]);
    expect(ranked[0]?.score).toBeCloseTo(2.1, 12);
    expect(ranked.map((p) => p.score).slice(1)).toEqual([1.25, 0.75, 0.5]);
    expect(ranked[0]).toEqual({
      painPointId: "pA",
      title: "Card declined",
      stageId: "s1",
      stageName: "Checkout",
      impact: 3,
      effort: 2,
      severity: 4,
      frequency: 2,
      frequencyDerived: false,
      confidence: 0.8,
      score: ranked[0]?.score,
      rank: 1,
      quadrant: "quick win",
      model: "impact-effort",
    });
  });

  it("gives the same ranks with a prior analysis as without", () => {
    expect(prioritise(map, analyseJourney(map))).toEqual(prioritise(map));
  });

  it("gives the same ranks when the feedback is read in slices", async () => {
    const derived = { ...map, painPoints: map.painPoints.map((p) => ({ ...p, frequency: null, evidence: ["a", "c"] })) };
    const turns: number[] = [];
    const yieldToHost = () => {
      turns.push(turns.length);
      return Promise.resolve();
    };
    expect(await prioritiseAsync(derived, analyseJourney(derived), yieldToHost, 1)).toEqual(prioritise(derived));
    expect(turns).toHaveLength(3); // one per row
    // With every frequency set there is nothing to read.
    expect(await prioritiseAsync(map, analyseJourney(map), yieldToHost, 1)).toEqual(prioritise(map));
    expect(turns).toHaveLength(3);
  });

  it("breaks ties by severity, then title (case-insensitive, locale-free), then id", () => {
    const ties = buildMap({
      stages: [stage("s")],
      painPoints: [
        // all: impact 3, effort 3, confidence 0.8 → 3 × 0.8 / 3 = 0.8
        painPoint("z", "s", { title: "apple", severity: 3, frequency: 3 }),
        painPoint("m", "s", { title: "Banana", severity: 3, frequency: 3 }),
        painPoint("y", "s", { title: "apple", severity: 3, frequency: 3 }),
        painPoint("k", "s", { title: "Zebra", severity: 4, frequency: 2 }),
        painPoint("x", "s", { title: "Äpfel", severity: 3, frequency: 3 }), // after every ASCII letter
      ],
    });
    expect(prioritise(ties).map((p) => p.painPointId)).toEqual(["k", "y", "z", "m", "x"]);
  });

  it("scores by RICE when the map says so, keeping the impact/effort quadrant", () => {
    const rice = buildMap({
      ...map,
      settings: { ...map.settings, scoring: "rice" },
      feedback: [...map.feedback, comment("d", "x", { stageId: "s2" }), comment("e", "y", { stageId: "s2" })],
      painPoints: [
        // reach = 4 linked rows (a, b, c, d); impact(severity 4) = 2 → 4 × 2 × 0.8 / 2 = 3.2
        painPoint("p1", "s1", { severity: 4, frequency: 2, effort: 2, evidence: ["a", "b", "c", "d"] }),
        // manual reach 100; impact(severity 1) = 0.25 → 100 × 0.25 × 1 / 5 = 5
        painPoint("p2", "s2", { severity: 1, frequency: 1, effort: 5, confidence: 1, reach: 100 }),
      ],
    });
    const ranked = prioritise(rice);
    expect(ranked.map((p) => [p.painPointId, p.rank, p.quadrant, p.model])).toEqual([
      ["p2", 1, "thankless", "rice"], // impact (1 + 1)/2 = 1, effort 5
      ["p1", 2, "quick win", "rice"], // impact 3, effort 2
    ]);
    expect(ranked[0]?.score).toBe(5);
    expect(ranked[1]?.score).toBeCloseTo(3.2, 12);
  });

  it("scores by ICE when the map says so", () => {
    const ice = buildMap({
      stages: [stage("s")],
      settings: { ...map.settings, scoring: "ice" },
      painPoints: [
        painPoint("p1", "s", { severity: 1, confidence: 0.5, effort: 5 }), // (2 + 5 + 2)/3 = 3
        painPoint("p2", "s", { ice: { impact: 8, confidence: 6, ease: 4 } }), // (8 + 6 + 4)/3 = 6
        painPoint("p3", "s", { severity: 4, confidence: 0.8, effort: 2 }), // (8 + 8 + 8)/3 = 8
      ],
    });
    expect(prioritise(ice).map((p) => [p.painPointId, p.score])).toEqual([
      ["p3", 8],
      ["p2", 6],
      ["p1", 3],
    ]);
  });

  it("reports a derived frequency as derived", () => {
    const derived = buildMap({
      stages: [stage("s")],
      feedback: [comment("a", "x", { stageId: "s" }), comment("b", "y", { stageId: "s" })],
      painPoints: [painPoint("p", "s", { severity: 5, frequency: null, evidence: ["a", "b"] })],
    });
    // 2 of 2 = 100 % → 5; impact (5 + 5)/2 = 5
    expect(prioritise(derived)[0]).toMatchObject({ frequency: 5, frequencyDerived: true, impact: 5 });
  });

  it("gives an empty list for a map without pain points", () => {
    expect(prioritise(buildMap({ stages: [stage("s")] }))).toEqual([]);
  });
});

describe("ranking properties", () => {
  const maps = journeyMapArbitrary({ minPainPoints: 1, maxPainPoints: 10, maxFeedback: 20, textUnit: "grapheme" });
  const rankOf = (map: JourneyMap, id: string): number => {
    const found = prioritise(map).find((p) => p.painPointId === id);
    if (found === undefined) throw new Error(`no rank for ${id}`);
    return found.rank;
  };

  it("is deterministic: the same pain points in any order get the same ranks", () => {
    fc.assert(
      fc.property(
        maps.chain((map) =>
          fc.tuple(
            fc.constant(map),
            fc.shuffledSubarray(map.painPoints, { minLength: map.painPoints.length, maxLength: map.painPoints.length }),
          ),
        ),
        ([map, shuffled]) => {
          const ranks = (m: JourneyMap) => new Map(prioritise(m).map((p) => [p.painPointId, p.rank]));
          expect(ranks({ ...map, painPoints: shuffled })).toEqual(ranks(map));
        },
      ),
      { numRuns: 200 },
    );
  });

  it("never lowers a pain point's rank when its severity rises", () => {
    fc.assert(
      fc.property(maps, fc.nat(), fc.integer({ min: 1, max: 4 }), (map, which, raise) => {
        const target = map.painPoints[which % map.painPoints.length] as PainPoint;
        const severity = Math.min(5, target.severity + raise);
        const raised = {
          ...map,
          painPoints: map.painPoints.map((p) => (p.id === target.id ? { ...p, severity } : p)),
        };
        expect(rankOf(raised, target.id)).toBeLessThanOrEqual(rankOf(map, target.id));
      }),
      { numRuns: 300 },
    );
  });

  it("never raises a pain point's rank when its effort rises", () => {
    fc.assert(
      fc.property(maps, fc.nat(), fc.integer({ min: 1, max: 4 }), (map, which, raise) => {
        const target = map.painPoints[which % map.painPoints.length] as PainPoint;
        const effort = Math.min(5, target.effort + raise);
        const harder = {
          ...map,
          painPoints: map.painPoints.map((p) => (p.id === target.id ? { ...p, effort } : p)),
        };
        expect(rankOf(harder, target.id)).toBeGreaterThanOrEqual(rankOf(map, target.id));
      }),
      { numRuns: 300 },
    );
  });

  it("ranks 1…n without ties, in score order", () => {
    fc.assert(
      fc.property(maps, (map) => {
        const ranked = prioritise(map);
        expect(ranked.map((p) => p.rank)).toEqual(ranked.map((_, i) => i + 1));
        for (let i = 1; i < ranked.length; i++) {
          expect((ranked[i - 1] as { score: number }).score).toBeGreaterThanOrEqual((ranked[i] as { score: number }).score);
        }
      }),
    );
  });
});
