import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { compactJourney } from "../../shared/evidence";
import { FeedbackSummary, SummaryBuilder } from "../../shared/summary";
import { packSummary, unpackSummary, withPackedSummary, withUnpackedSummary } from "../../shared/summary-pack";
import { journeyMapArbitrary } from "./arbitraries";

/** Arbitrary valid groups, beyond what rows make: odd scales, values off the whole numbers, large counts. */
const groupArbitrary = fc
  .record({
    refs: fc.array(fc.option(fc.nat({ max: 3 }), { nil: null }), { minLength: 7, maxLength: 7 }),
    scale: fc.option(
      fc.oneof(fc.constant({ min: 1, max: 5 }), fc.constant({ min: 0, max: 10 }), fc.constant({ min: -2.5, max: 2.5 }), fc.constant({ min: 1, max: 500 })),
      { nil: null },
    ),
    counts: fc.array(fc.nat({ max: 5000 }), { minLength: 3, maxLength: 3 }),
    ratings: fc.array(fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.integer({ min: 1, max: 100_000 })), { maxLength: 6 }),
  })
  .map(({ refs, scale, counts, ratings }) => {
    const group: (number | null)[] = [...refs];
    group[3] ??= 0;
    group[4] ??= 1;
    group[5] = group[5] === null ? null : 3;
    if (scale === null || ratings.length === 0) return [...group, null, null, ...counts];
    const span = scale.max - scale.min;
    const values = new Map<number, number>();
    for (const [at, count] of ratings) {
      const raw = scale.min + at * span;
      values.set(span === 500 - 1 || at < 0.5 ? Math.round(raw) : raw, count);
    }
    const pairs = [...values].filter(([v]) => v >= scale.min && v <= scale.max).sort((a, b) => a[0] - b[0]);
    return pairs.length === 0 ? [...group, null, null, ...counts] : [...group, scale.min, scale.max, ...counts, ...pairs.flat()];
  });

describe("packed summaries", () => {
  it("unpack to exactly the groups packed (summaries of any journey)", () => {
    fc.assert(
      fc.property(journeyMapArbitrary({ maxFeedback: 60 }), (map) => {
        const summary = compactJourney(map, { keepAllRows: 0, quotesPerCell: 0 }).summary ?? { strings: [], groups: [] };
        const packed = packSummary(summary);
        expect(unpackSummary(JSON.parse(JSON.stringify(packed)) as typeof packed)).toEqual(summary);
      }),
      { numRuns: 40 },
    );
  }, 60_000);

  it("unpack to exactly the groups packed (any valid groups, in any order)", () => {
    fc.assert(
      fc.property(fc.array(groupArbitrary, { maxLength: 30 }), (groups) => {
        const summary = { strings: ["s", "Survey", "survey", "2026-01-05"], groups };
        expect(FeedbackSummary.safeParse(summary).success).toBe(true);
        expect(unpackSummary(packSummary(summary))).toEqual(summary);
      }),
      { numRuns: 300 },
    );
  });

  it("writes a day's group in a few characters", () => {
    const builder = new SummaryBuilder();
    for (let day = 1; day <= 28; day++) {
      const date = `2026-02-${String(day).padStart(2, "0")}`;
      for (const rating of [1, 4, 4, 5]) builder.addFeedback({ rating, scale: { min: 1, max: 5 }, text: "", date, source: "Survey", kind: "survey", stageId: "s", touchpointId: null, personaId: null });
    }
    const packed = packSummary(builder.toSummary());
    // The first group names everything; each next day is "^" and its counts of 1 … 5.
    expect(packed.groups.split(";").slice(1, 3)).toEqual(["^#10021", "^#10021"]);
    expect(packed.groups.length).toBeLessThan(30 + 27 * 8);
  });

  it("says in words where a damaged one is damaged", () => {
    const packed = packSummary({ strings: ["s", "Survey", "survey", "2026-01-05"], groups: [[0, null, null, 1, 2, 3, null, 1, 5, 0, 0, 0, 4, 2]] });
    expect(() => unpackSummary({ ...packed, groups: packed.groups.slice(0, -1) })).toThrow(/cut short/);
    expect(() => unpackSummary({ ...packed, groups: packed.groups.replace("A0", "Axx") })).toThrow("the stored summary is damaged near character 0");
    expect(() => unpackSummary({ ...packed, groups: `${packed.groups}?` })).toThrow(`the stored summary is damaged near character ${packed.groups.length}`);
    expect(() => withUnpackedSummary({ packedSummary: { strings: "s", groups: "" } })).toThrow(/not a packed summary/);
  });

  it("stands in a stored model for its summary, and a model without one is stored as it is", () => {
    const summary = { strings: ["s", "Survey", "survey"], groups: [[0, null, null, 1, 2, null, null, null, null, 3, 0, 0]] };
    const stored = JSON.parse(JSON.stringify(withPackedSummary({ title: "t", summary }))) as unknown;
    expect(stored).not.toHaveProperty("summary");
    expect(withUnpackedSummary(stored)).toEqual({ title: "t", summary });
    const plain: { title: string; summary?: FeedbackSummary } = { title: "t" };
    expect(withPackedSummary(plain)).toBe(plain);
    expect(withUnpackedSummary(plain)).toBe(plain);
  });
});
