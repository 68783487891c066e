import { describe, expect, it } from "vitest";
import { analyseJourney, analyseJourneyAsync } from "../../shared/analysis";
import { runPass } from "../../shared/feedback-pass";
import { chooseImportance, importanceSource, outcomeTouchpoint, touchpointDriversPass } from "../../shared/importance";
import type { JourneyMap } from "../../shared/model";
import { DEFAULT_SETTINGS, parseJourneyMap } from "../../shared/model";
import { outcomeSurvey } from "./builders";
import { compactJourney } from "../../shared/evidence";

/**
 * Five respondents rate the outcome 1…5 stars (s = 0, ¼, ½, ¾, 1); touchpoint A (stated 2) gets
 * 1, 3, 2, 4, 5 stars (s = 0, ½, ¼, ¾, 1), B (stated 5) 3, 1, 5, 2, 4 (s = ½, 0, 1, ¼, ¾), and C
 * (stated 4) is answered by three of them only.
 *
 * A: deviations from ½ are (−½, 0, −¼, ¼, ½) against the outcome's (−½, −¼, 0, ¼, ½):
 * Σxy = ¼ + 0 + 0 + 1/16 + ¼ = 0.5625, Σxx = Σyy = 0.625, r = 0.9; Fisher: tanh(atanh 0.9 ± 1.959964/√2)
 * = 0.086102 … 0.993438, excludes 0: a driver; derived importance 1 + 4 × 0.9 = 4.6.
 * B: deviations (0, −½, ½, −¼, ¼): Σxy = 0 + ⅛ + 0 − 1/16 + ⅛ = 0.1875, r = 0.3;
 * tanh(atanh 0.3 ± 1.385904) = −0.791854 … 0.934834, includes 0: not a driver (yet); derived 1 + 4 × 0.3 = 2.2.
 * C: 3 pairs, too few for an interval: keeps its stated 4.
 */
function surveyed(importance?: "stated" | "derived"): JourneyMap {
  return outcomeSurvey({ settings: importance === undefined ? { ...DEFAULT_SETTINGS } : { ...DEFAULT_SETTINGS, importance } });
}

describe("stated against derived importance", () => {
  it("is a journey setting that old journeys parse without, meaning stated", () => {
    const old = surveyed();
    expect("importance" in old.settings).toBe(false);
    expect(parseJourneyMap(old).ok).toBe(true);
    expect(importanceSource(old.settings)).toBe("stated");
    const derived = parseJourneyMap(surveyed("derived"));
    expect(derived.ok && derived.value.settings.importance).toBe("derived");
    const wrong = parseJourneyMap({ ...old, settings: { ...old.settings, importance: "felt" } });
    expect(wrong.ok).toBe(false);
  });

  it("derives each touchpoint's importance from its correlation with the outcome", () => {
    const map = surveyed("derived");
    expect(outcomeTouchpoint(map)?.id).toBe("o");
    const drivers = runPass(touchpointDriversPass(map), map.feedback.length);
    const [a, b, c] = drivers;
    expect(drivers.map((d) => d.touchpoint)).toEqual(["a", "b", "c"]);
    expect(a?.r).toBeCloseTo(0.9, 12);
    expect(a?.n).toBe(5);
    expect(a?.interval?.low).toBeCloseTo(0.086102, 5);
    expect(a?.interval?.high).toBeCloseTo(0.993438, 5);
    expect(a?.verdict).toBe("driver");
    expect(a?.derivedImportance).toBeCloseTo(4.6, 12);
    expect(b?.r).toBeCloseTo(0.3, 12);
    expect(b?.interval?.low).toBeCloseTo(-0.791854, 5);
    expect(b?.verdict).toBe("not a driver (yet)");
    expect(b?.derivedImportance).toBeCloseTo(2.2, 12);
    expect(c).toMatchObject({ n: 3, verdict: "too few", interval: null });

    const choice = chooseImportance(map, drivers);
    expect(choice.outcome).toBe("Overall satisfaction");
    expect([...choice.derived]).toEqual(["a", "b"]);
    expect(choice.byTouchpoint.get("a")).toBeCloseTo(4.6, 12);
    expect(choice.byTouchpoint.get("c")).toBe(4); // too few: stated
    expect(choice.byTouchpoint.get("o")).toBe(3); // the outcome drives nothing: stated
  });

  it("the analysis uses the chosen importance for gaps and quadrants, stage by stage", () => {
    // Delivery's performance: A and B, s = 0, ½, ¼, ¾, 1, ½, 0, 1, ¼, ¾: mean ½ → P = 3.
    const stated = analyseJourney(surveyed());
    const derived = analyseJourney(surveyed("derived"));
    expect(stated.stages[0]?.performance).toBeCloseTo(3, 12);
    // stated: I = (2 + 5)/2 = 3.5, gap 0.5 (met, on the threshold), keep up the good work
    expect(stated.stages[0]).toMatchObject({ importance: 3.5, quadrant: "keep up the good work", expectationsMet: true });
    expect(stated.importance).toEqual({ source: "stated", outcome: "Overall satisfaction", derived: [] });
    // derived: I = (4.6 + 2.2)/2 = 3.4, gap 0.4
    expect(derived.stages[0]?.importance).toBeCloseTo(3.4, 12);
    expect(derived.stages[0]?.gap).toBeCloseTo(0.4, 12);
    expect(derived.touchpoints.map((t) => Number(t.importance.toFixed(6)))).toEqual([4.6, 2.2, 4, 3]);
    // Tracking, P = 1 + 4 × ½ = 3: stated I 2 is possible overkill; derived I 4.6 has gap 1.6 > 0.5, concentrate here
    expect(stated.touchpoints[0]).toMatchObject({ importance: 2, quadrant: "possible overkill" });
    expect(derived.touchpoints[0]).toMatchObject({ expectationsMet: false, quadrant: "concentrate here" });
    // Support: C keeps 4, the outcome 3: (4 + 3)/2 under both
    expect(derived.stages[1]?.importance).toBe(3.5);
    expect(derived.importance).toEqual({ source: "derived", outcome: "Overall satisfaction", derived: ["a", "b"] });
  });

  it("derived without an outcome falls back to stated, and the panel's slices give the same analysis", async () => {
    const map = surveyed("derived");
    const noOutcome = { ...map, touchpoints: map.touchpoints.map((t) => ({ ...t, measure: undefined })) };
    const analysis = analyseJourney(noOutcome);
    expect(analysis.importance).toEqual({ source: "derived", outcome: null, derived: [] });
    expect(analysis.stages[0]?.importance).toBe(3.5);
    expect(await analyseJourneyAsync(map, () => Promise.resolve(), 3)).toEqual(analyseJourney(map));
  });
});

describe("derived importance once rows are folded into the summary", () => {
  it("is the same from the summary's driver sums as from the rows", () => {
    const map = surveyed("derived");
    const raw = analyseJourney(map);
    const folded = compactJourney(map, { keepAllRows: 0, quotesPerCell: 0 });
    expect(folded.feedback.length).toBeLessThan(map.feedback.length);
    expect(folded.summary?.drivers).toBeDefined();
    const drivers = runPass(touchpointDriversPass(folded), folded.feedback.length);
    expect(drivers[0]?.r).toBeCloseTo(0.9, 12);
    expect(drivers[1]?.r).toBeCloseTo(0.3, 12);
    const analysis = analyseJourney(folded);
    expect(analysis.importance).toEqual(raw.importance);
    analysis.touchpoints.forEach((t, i) => expect(t.importance).toBeCloseTo(raw.touchpoints[i]?.importance ?? Number.NaN, 12));
    analysis.stages.forEach((s, i) => expect(s.gap ?? Number.NaN).toBeCloseTo(raw.stages[i]?.gap ?? Number.NaN, 12));
  });
});
