import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { analyseJourney } from "../../shared/analysis";
import { experienceGap, expectationsMet, importancePerformanceQuadrant, reconciledQuadrant } from "../../shared/gaps";
import { journeyMapArbitrary } from "./arbitraries";
import { STARS, buildMap, rated, stage, touchpoint } from "./builders";

describe("the quadrant reconciled with the gap verdict", () => {
  it("never calls a stage whose expectations are not met 'keep up the good work'", () => {
    // I 5, P 3.5: both ≥ 3, the plain quadrant is "keep up the good work"; the gap 1.5 > 0.5 is not met
    expect(importancePerformanceQuadrant(5, 3.5)).toBe("keep up the good work");
    expect(reconciledQuadrant(5, 3.5, 0.5)).toBe("concentrate here");
    // gap 1.5 with a threshold of 2 is met: the quadrant stands
    expect(reconciledQuadrant(5, 3.5, 2)).toBe("keep up the good work");
    // gap exactly on the threshold is met
    expect(reconciledQuadrant(4.5, 4, 0.5)).toBe("keep up the good work");
  });

  it("leaves the other quadrants as they are", () => {
    expect(reconciledQuadrant(4, 2, 0.5)).toBe("concentrate here");
    expect(reconciledQuadrant(2.9, 1, 0.5)).toBe("low priority"); // gap 1.9, P already low
    expect(reconciledQuadrant(2, 4, 0)).toBe("possible overkill");
    expect(reconciledQuadrant(5, null, 0.5)).toBeNull();
  });

  it("holds for any importance, performance and threshold", () => {
    fc.assert(
      fc.property(
        fc.double({ min: 1, max: 5, noNaN: true }),
        fc.double({ min: 1, max: 5, noNaN: true }),
        fc.double({ min: 0, max: 4, noNaN: true }),
        (importance, performance, threshold) => {
          const quadrant = reconciledQuadrant(importance, performance, threshold);
          const met = expectationsMet(experienceGap(importance, performance), threshold);
          if (met === false) expect(quadrant).not.toBe("keep up the good work");
          if (met === true) expect(quadrant).toBe(importancePerformanceQuadrant(importance, performance));
        },
      ),
    );
  });

  it("is what the analysis labels stages and touchpoints with", () => {
    // one touchpoint of importance 5 rated 4, 4, 3, 3 stars: P = 1 + 4 · mean(0.75, 0.75, 0.5, 0.5) = 3.5
    const map = buildMap({
      stages: [stage("s1", "Check-in")],
      touchpoints: [touchpoint("t1", "s1", 5)],
      feedback: [4, 4, 3, 3].map((r, i) => rated(`f${i}`, r, STARS, { touchpointId: "t1" })),
    });
    const analysis = analyseJourney(map);
    expect(analysis.stages[0]).toMatchObject({ performance: 3.5, gap: 1.5, expectationsMet: false, quadrant: "concentrate here" });
    expect(analysis.touchpoints[0]).toMatchObject({ expectationsMet: false, quadrant: "concentrate here" });
  });

  it("never contradicts the verdict in any analysed journey", () => {
    fc.assert(
      fc.property(journeyMapArbitrary({ maxStages: 4, maxTouchpoints: 6, maxFeedback: 30, maxPainPoints: 2, maxKpis: 1, textUnit: "grapheme" }), (map) => {
        const analysis = analyseJourney(map);
        for (const row of [...analysis.stages, ...analysis.touchpoints]) {
          if (row.expectationsMet === false) expect(row.quadrant).not.toBe("keep up the good work");
        }
      }),
      { numRuns: 50 },
    );
  });
});
