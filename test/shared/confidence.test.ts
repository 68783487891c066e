import { jStat } from "jstat";
import { describe, expect, it } from "vitest";
import { analyseJourney } from "../../shared/analysis";
import { figureMargins, performanceHalfWidth, wilsonHalfWidth } from "../../shared/confidence";
import { BACKED_PERFORMANCE_HALF_WIDTH, dataBacking } from "../../shared/gaps";
import { createTally, addToTally, ratingSums } from "../../shared/metrics";
import { npsMarginOfError, wilsonInterval } from "../../shared/stats/intervals";
import { t975 } from "../../shared/stats/t975";
import { NPS, STARS, buildMap, rated, stage } from "./builders";

describe("t₀.₉₇₅ without jstat", () => {
  it("is jstat's quantile: the table to 7 decimals, the expansion within 2e-7 above 30 degrees of freedom", () => {
    for (let dof = 1; dof <= 30; dof++) expect(Math.abs(t975(dof) - jStat.studentt.inv(0.975, dof))).toBeLessThan(5e-8);
    for (let dof = 31; dof <= 3000; dof++) expect(Math.abs(t975(dof) - jStat.studentt.inv(0.975, dof))).toBeLessThan(2e-7);
    expect(t975(1)).toBe(12.7062047);
    expect(t975(1e9)).toBeCloseTo(1.959964, 6); // tends to z
    expect(t975(0)).toBeNaN();
  });
});

describe("figure margins (half-widths of the 95% intervals)", () => {
  it("CSAT: the Wilson half-width, in percentage points", () => {
    // 6 of 10: p = 0.6, z² = 3.841459; √(0.024 + 3.841459/400) = √0.0336036 = 0.183313;
    // × z = 0.359290, / (1 + 0.3841459) = 0.259573 → 25.96 points.
    expect(wilsonHalfWidth(6, 10)).toBeCloseTo(25.9573, 3);
    // the same as half of the Wilson interval's width, where neither end is clipped
    const interval = wilsonInterval(6, 10);
    expect(interval && (interval.high - interval.low) / 2).toBeCloseTo(25.9573, 3);
    expect(wilsonHalfWidth(0, 0)).toBeNull();
  });

  it("NPS: the margin of error, 100 · z · √Var", () => {
    // 5 promoters, 2 detractors of 10: Var = (0.5 + 0.2 − 0.3²)/10 = 0.061; 100 × 1.959964 × 0.246982 = 48.41
    const tally = createTally();
    for (const rating of [10, 9, 9, 10, 9, 8, 7, 7, 3, 0]) addToTally(tally, { rating, scale: NPS, text: "" });
    expect(figureMargins(tally).nps).toBeCloseTo(48.4075, 3);
    expect(npsMarginOfError(5, 2, 10)?.margin).toBeCloseTo(48.4075, 3);
  });

  it("performance: 4 · t₀.₉₇₅,ₙ₋₁ · s / √n from the tally's Σs and Σs²", () => {
    // 1, 2, 3, 4, 5 stars: s = 0, ¼, ½, ¾, 1; mean ½; s² = (¼ + 1/16 + 0 + 1/16 + ¼)/4 = 0.15625;
    // 4 × 2.7764451 × 0.395285 / √5 = 1.963243: P = 3 ± 1.96
    const tally = createTally();
    for (const rating of [1, 2, 3, 4, 5]) addToTally(tally, { rating, scale: STARS, text: "" });
    expect(ratingSums(tally).satisfactionSquares).toBeCloseTo(1.875, 12); // 0 + 1/16 + 1/4 + 9/16 + 1;
    const margins = figureMargins(tally);
    expect(margins.performance).toBeCloseTo(1.963243, 5);
    // CSAT 2 of 5: √(0.048 + 3.841459/100)/(1 + 0.768292) × z = 0.293944/1.768292 × 1.959964 = 0.325805
    expect(margins.csat).toBeCloseTo(wilsonHalfWidth(2, 5) ?? Number.NaN, 12);
    expect(margins.nps).toBeNull();
    expect(performanceHalfWidth(1, 0.5, 0.25)).toBeNull(); // one rating has no spread to measure
    expect(performanceHalfWidth(3, 3, 3)).toBe(0); // all alike: no doubt about the mean
  });
});

describe("data backing weighs the interval's width as well as n", () => {
  it("is thin below backedResponses, or when performance is known only to within more than ± 0.5", () => {
    expect(BACKED_PERFORMANCE_HALF_WIDTH).toBe(0.5);
    expect(dataBacking(0, 30, null)).toBe("none");
    expect(dataBacking(29, 30, 0.1)).toBe("thin"); // too few, however narrow
    expect(dataBacking(30, 30, 0.5)).toBe("backed"); // on the limit
    expect(dataBacking(30, 30, 0.51)).toBe("thin"); // enough, but too wide
    expect(dataBacking(40, 30, null)).toBe("backed"); // text only: no interval, n decides
  });

  it("in the analysis: 40 polarised ratings are thin, 40 agreeing ones backed", () => {
    // Polarised: 20 × 5 and 20 × 1 stars, s = 1 or 0: s² = 0.25 × 40/39 = 0.256410, t₀.₉₇₅,₃₉ = 2.0226909;
    // 4 × 2.0226909 × 0.506370 / √40 = 0.647780 > 0.5 → thin.
    // Agreeing: 20 × 5 and 20 × 4 stars, s = 1 or ¾ (each ⅛ from the mean): s² = 0.015625 × 40/39 = 0.016026;
    // 4 × 2.0226909 × 0.126592 / √40 = 0.161945 ≤ 0.5 → backed.
    const rows = [];
    for (let i = 0; i < 20; i++) {
      rows.push(rated(`p5_${i}`, 5, STARS, { stageId: "polarised" }), rated(`p1_${i}`, 1, STARS, { stageId: "polarised" }));
      rows.push(rated(`a5_${i}`, 5, STARS, { stageId: "agreeing" }), rated(`a4_${i}`, 4, STARS, { stageId: "agreeing" }));
    }
    const analysis = analyseJourney(buildMap({ stages: [stage("polarised"), stage("agreeing")], feedback: rows }));
    const [polarised, agreeing] = analysis.stages;
    expect(polarised?.responses).toBe(40);
    expect(polarised?.margins.performance).toBeCloseTo(0.647780, 5);
    expect(polarised?.backing).toBe("thin");
    expect(agreeing?.margins.performance).toBeCloseTo(0.161945, 5);
    expect(agreeing?.backing).toBe("backed");
    // CSAT: 20 of 40 → Wilson half-width 100 × z × √(0.00625 + 3.841459/6400)/(1 + 0.0960365) = 14.80 points
    expect(polarised?.margins.csat).toBeCloseTo(14.8005, 3);
  });
});
