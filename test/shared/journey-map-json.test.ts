import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { exportJourneyMapJson, importJourneyMapJson, parseJourneyMap } from "../../shared/model";
import { journeyMapArbitrary } from "./arbitraries";

describe("journey map JSON", () => {
  it("the arbitrary only makes valid maps", () => {
    fc.assert(
      fc.property(journeyMapArbitrary(), (map) => {
        const parsed = parseJourneyMap(map);
        expect(parsed.ok ? [] : parsed.errors).toEqual([]);
      }),
      { numRuns: 200 },
    );
  });

  it("round-trips any valid map exactly, whatever its text", () => {
    fc.assert(
      fc.property(journeyMapArbitrary({ textUnit: "binary" }), (map) => {
        expect(importJourneyMapJson(exportJourneyMapJson(map))).toEqual({ ok: true, value: map });
      }),
      { numRuns: 200 },
    );
  });

  it("round-trips maps of printable text too", () => {
    fc.assert(
      fc.property(journeyMapArbitrary({ textUnit: "grapheme", maxFeedback: 60 }), (map) => {
        expect(importJourneyMapJson(exportJourneyMapJson(map))).toEqual({ ok: true, value: map });
      }),
      { numRuns: 100 },
    );
  });
});
