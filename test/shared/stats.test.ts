/**
 * The statistics of PRODUCT.md "Drivers, confidence and sentiment", pinned by cases computed
 * independently: each expected number was computed with the formula written out in Python
 * (math/numpy), and where scipy has the same test, checked against it (scipy.stats.t.ppf,
 * scipy.stats.ttest_ind(equal_var=False), scipy.stats.norm.cdf).
 */
import { describe, expect, it } from "vitest";
import { changeMark, npsDifferenceTest, twoProportionTest } from "../../shared/stats/differences";
import {
  analyseDrivers,
  derivedImportance,
  driverCorrelation,
  gatherRespondentAnswers,
  pearson,
  relativeWeights,
  type RespondentAnswers,
} from "../../shared/stats/drivers";
import { Z95, correlationInterval, npsMarginOfError, npsVariance, wilsonInterval } from "../../shared/stats/intervals";
import { meanInterval, momentsOf, performanceInterval, tQuantile95, welchTest } from "../../shared/stats/student";
import { NPS, STARS, rated } from "./builders";

describe("Wilson interval of a share", () => {
  it("gives CSAT 60% from 5 answers a wide interval", () => {
    // p = 0.6, n = 5: centre = (0.6 + z²/10)/(1 + z²/5), half = z√(0.24/5 + z²/100)/(1 + z²/5)
    // → 23.0724 % … 88.2379 %
    const interval = wilsonInterval(3, 5);
    expect(interval?.estimate).toBe(60);
    expect(interval?.low).toBeCloseTo(23.072427940911854, 9);
    expect(interval?.high).toBeCloseTo(88.23792268590029, 9);
  });

  it("narrows with more answers and stays inside 0…100", () => {
    // 45/50 → 78.6398 … 95.6524; 0/10 → 0 … 27.7533
    expect(wilsonInterval(45, 50)).toMatchObject({ estimate: 90 });
    expect(wilsonInterval(45, 50)?.low).toBeCloseTo(78.63976845138676, 9);
    expect(wilsonInterval(45, 50)?.high).toBeCloseTo(95.6524235343241, 9);
    expect(wilsonInterval(0, 10)?.low).toBe(0);
    expect(wilsonInterval(0, 10)?.high).toBeCloseTo(27.75328030260577, 9);
  });

  it("has none without answers", () => {
    expect(wilsonInterval(0, 0)).toBeNull();
  });
});

describe("NPS margin of error", () => {
  it("is 100·z·√((p + d − (p − d)²)/n)", () => {
    // 5 promoters, 2 detractors of 10: p = 0.5, d = 0.2, Var = (0.7 − 0.09)/10 = 0.061,
    // margin = 100 · 1.959964 · √0.061 = 48.4075
    expect(npsVariance(5, 2, 10)).toBeCloseTo(0.061, 12);
    const nps = npsMarginOfError(5, 2, 10);
    expect(nps?.nps).toBe(30);
    expect(nps?.margin).toBeCloseTo(48.40753988368506, 9);
    expect(npsMarginOfError(0, 0, 0)).toBeNull();
  });
});

describe("mean and performance intervals", () => {
  it("use Student's t with n − 1 degrees of freedom", () => {
    // scipy.stats.t.ppf(0.975, 4) = 2.7764451051977934
    expect(tQuantile95(4)).toBeCloseTo(2.7764451051977934, 7);
    // ratings 1, 2, 4, 5, 5: mean 3.4, s = 1.8166, 3.4 ± 2.77645 · 1.8166/√5 → 1.14441 … 5.65559
    const interval = meanInterval(momentsOf([1, 2, 4, 5, 5]));
    expect(interval?.estimate).toBeCloseTo(3.4, 12);
    expect(interval?.low).toBeCloseTo(1.1444053337009596, 6);
    expect(interval?.high).toBeCloseTo(5.65559466629904, 6);
  });

  it("map to performance linearly: P = 1 + 4·mean(s)", () => {
    // the same stars as s = (r − 1)/4: 0, 0.25, 0.75, 1, 1; P's interval is the stars' own (1–5 maps to itself)
    const interval = performanceInterval(momentsOf([0, 0.25, 0.75, 1, 1]));
    expect(interval?.estimate).toBeCloseTo(3.4, 12);
    expect(interval?.low).toBeCloseTo(1.1444053337009596, 6);
    expect(interval?.high).toBeCloseTo(5.65559466629904, 6);
  });

  it("need two values", () => {
    expect(meanInterval(momentsOf([4]))).toBeNull();
  });
});

describe("correlation interval (Fisher's z)", () => {
  it("is tanh(atanh(r) ± z/√(n − 3))", () => {
    // r = 0.5, n = 20 → 0.0738106 … 0.7717607: excludes 0
    const interval = correlationInterval(0.5, 20);
    expect(interval?.low).toBeCloseTo(0.07381057067824982, 9);
    expect(interval?.high).toBeCloseTo(0.7717607079461972, 9);
    // r = 0.3, n = 10 → −0.4063881 … 0.7819293: includes 0
    expect(correlationInterval(0.3, 10)?.low).toBeCloseTo(-0.4063880939867921, 9);
    expect(correlationInterval(0.3, 10)?.high).toBeCloseTo(0.7819293230388293, 9);
  });

  it("is too few below 4 pairs", () => {
    expect(correlationInterval(0.9, 3)).toBeNull();
    expect(correlationInterval(0.9, 4)).not.toBeNull();
  });
});

// 24 respondents: two touchpoints on 1–5 and an outcome on 1–10 (made up, fixed).
const X1 = [1, 2, 2, 3, 3, 3, 4, 4, 4, 5, 5, 5, 1, 2, 3, 4, 5, 2, 3, 4, 5, 1, 3, 4];
const X2 = [2, 1, 3, 2, 4, 3, 3, 5, 4, 4, 5, 3, 1, 2, 2, 3, 4, 3, 5, 4, 5, 2, 3, 3];
const Y = [2, 3, 4, 4, 6, 5, 6, 8, 7, 8, 9, 7, 1, 3, 4, 6, 8, 5, 7, 7, 10, 2, 5, 6];

function answersOf(columns: Record<string, readonly number[]>): RespondentAnswers {
  const answers: RespondentAnswers = new Map();
  for (const [key, values] of Object.entries(columns)) {
    values.forEach((v, i) => {
      const id = `r${i}`;
      if (!answers.has(id)) answers.set(id, new Map());
      answers.get(id)?.set(key, v);
    });
  }
  return answers;
}

describe("key drivers", () => {
  it("correlate each touchpoint with the outcome, with n, interval and derived importance", () => {
    // numpy.corrcoef: r(x1, y) = 0.920565707722417, r(x2, y) = 0.907968181704492;
    // Fisher, n = 24: x1 0.82267 … 0.96544; derived importance 1 + 4r = 4.68226
    expect(pearson(X1, Y)).toBeCloseTo(0.920565707722417, 12);
    const c = driverCorrelation(answersOf({ x1: X1, y: Y }), "x1", "y");
    expect(c).toMatchObject({ touchpoint: "x1", n: 24, verdict: "driver" });
    expect(c.interval?.low).toBeCloseTo(0.8226701843700979, 9);
    expect(c.interval?.high).toBeCloseTo(0.9654423378382837, 9);
    expect(c.derivedImportance).toBeCloseTo(4.682262830889668, 9);
    expect(derivedImportance(-0.4)).toBe(1);
  });

  it("count only respondents who answered both, and say too few below 4", () => {
    const answers = answersOf({ x1: X1.slice(0, 3), y: Y });
    expect(driverCorrelation(answers, "x1", "y")).toMatchObject({ n: 3, verdict: "too few", interval: null });
  });

  it("gather a respondent's answers from the feedback rows that share a respondent id", () => {
    const rows = [
      { ...rated("a1", 5, STARS, { touchpointId: "seat" }), responseId: "A" },
      { ...rated("a2", 10, NPS, { touchpointId: "overall" }), responseId: "A" },
      { ...rated("b1", 1, STARS, { touchpointId: "seat" }), responseId: "B" },
      rated("c1", 3, STARS, { touchpointId: "seat" }), // no respondent: cannot be paired
    ];
    expect(gatherRespondentAnswers(rows)).toEqual(
      new Map([
        ["A", new Map([["seat", 1], ["overall", 1]])],
        ["B", new Map([["seat", 0]])],
      ]),
    );
  });

  it("weigh two drivers by Johnson's relative weights, summing to the regression's R²", () => {
    // numpy: R = QΛQᵀ (eigh), Λ½ = Q diag(√λ) Qᵀ, β = (Λ½)⁻¹ r_xy, raw_j = Σ_k Λ½_jk² β_k²
    // → raw 0.50115260, 0.47811760; R² 0.97927020 (= r_xyᵀ R⁻¹ r_xy, the OLS R², computed apart)
    const weights = relativeWeights(answersOf({ x1: X1, x2: X2, y: Y }), ["x1", "x2"], "y");
    if (!weights.ok) throw new Error(weights.reason);
    expect(weights.respondents).toBe(24);
    expect(weights.rSquared).toBeCloseTo(0.9792702043973462, 9);
    expect(weights.weights[0]?.weight).toBeCloseTo(0.5011526038220295, 9);
    expect(weights.weights[1]?.weight).toBeCloseTo(0.47811760057531677, 9);
    expect(weights.weights[0]?.share).toBeCloseTo(0.5117613112005633, 9);
  });

  it("need 10 complete respondents per driver for relative weights", () => {
    // 19 complete respondents for 2 drivers (20 needed)
    const weights = relativeWeights(answersOf({ x1: X1.slice(0, 19), x2: X2, y: Y }), ["x1", "x2"], "y");
    expect(weights).toMatchObject({ ok: false, respondents: 19 });
    expect(weights.ok ? "" : weights.reason).toMatch(/20 respondents .* 19 did/);
  });

  it("rank only drivers; a touchpoint whose interval includes 0 is not a driver (yet)", () => {
    // 30 respondents; numpy: r = 0.93283, 0.89068, −0.11621; x3's Fisher interval −0.45733 … 0.25472.
    // The analysis weighs the drivers x1 and x2 only (30 complete respondents ≥ 20).
    const x1 = [...X1, 2, 5, 1, 4, 3, 2];
    const x2 = [...X2, 1, 4, 2, 5, 2, 3];
    const x3 = [3, 3, 1, 4, 2, 5, 1, 2, 3, 5, 4, 2, 2, 5, 3, 1, 4, 4, 2, 3, 1, 5, 3, 2, 4, 2, 1, 3, 5, 1];
    const y = [...Y, 3, 9, 2, 8, 5, 4];
    const analysis = analyseDrivers(answersOf({ x1, x2, x3, y }), "y");
    expect(analysis.correlations.map((c) => [c.touchpoint, c.verdict])).toEqual([
      ["x1", "driver"],
      ["x2", "driver"],
      ["x3", "not a driver (yet)"],
    ]);
    const x3c = analysis.correlations[2];
    expect(x3c?.interval?.low).toBeCloseTo(-0.45733438670700033, 9);
    expect(x3c?.interval?.high).toBeCloseTo(0.25472107146246603, 9);
    // all three at once, as numpy has them
    const three = relativeWeights(answersOf({ x1, x2, x3, y }), ["x1", "x2", "x3"], "y");
    if (!three.ok) throw new Error(three.reason);
    expect(three.rSquared).toBeCloseTo(0.9729552569281297, 9);
    expect(three.weights.map((w) => w.weight)).toEqual([
      expect.closeTo(0.524143843121746, 9),
      expect.closeTo(0.44275457160942944, 9),
      expect.closeTo(0.006056842196954207, 9),
    ]);
    expect(analysis.weights).toMatchObject({ ok: true, respondents: 30 });
  });
});

describe("differences", () => {
  it("test shares by the pooled two-proportion z", () => {
    // 30/50 against 20/50: p̄ = 0.5, z = 0.2/√(0.25 · 0.04) = 2.0 > 1.96; p = 0.0455003
    const change = twoProportionTest(30, 50, 20, 50);
    expect(change?.statistic).toBeCloseTo(2, 12);
    expect(change?.difference).toBeCloseTo(20, 12);
    expect(change?.p).toBeCloseTo(0.04550026389635842, 6);
    expect(changeMark(change)).toBe("▲");
    // 28/50 against 22/50: z = 1.2, no clear change
    expect(twoProportionTest(28, 50, 22, 50)?.statistic).toBeCloseTo(1.2, 12);
    expect(changeMark(twoProportionTest(28, 50, 22, 50))).toBe("no clear change");
    expect(changeMark(twoProportionTest(20, 50, 30, 50))).toBe("▼");
  });

  it("test means by Welch's t with the Welch–Satterthwaite df", () => {
    // scipy.stats.ttest_ind([3,4,5,5,4,3], [1,2,2,3,1], equal_var=False): t 4.208006, df 8.835742, p 0.0023748
    const change = welchTest(momentsOf([3, 4, 5, 5, 4, 3]), momentsOf([1, 2, 2, 3, 1]));
    expect(change?.statistic).toBeCloseTo(4.208006306218033, 9);
    expect(change?.dof).toBeCloseTo(8.835742444152428, 9);
    expect(change?.p).toBeCloseTo(0.0023747986099933818, 6);
    expect(change?.significant).toBe(true);
    // [3,4,5,2,4,3] against [2,4,3,3,5]: t 0.150188, df 8.32032, p 0.884194
    const none = welchTest(momentsOf([3, 4, 5, 2, 4, 3]), momentsOf([2, 4, 3, 3, 5]));
    expect(none?.statistic).toBeCloseTo(0.15018785229652779, 9);
    expect(none?.dof).toBeCloseTo(8.320319849482596, 9);
    expect(none?.p).toBeCloseTo(0.8841936985277548, 6);
    expect(none?.significant).toBe(false);
  });

  it("test NPS by z = (NPS₁ − NPS₂)/√(Var₁ + Var₂) in NPS units", () => {
    // 60 P, 10 D of 100 (NPS 50) against 40 P, 25 D of 100 (NPS 15): z = 3.37178
    const change = npsDifferenceTest({ promoters: 60, detractors: 10, n: 100 }, { promoters: 40, detractors: 25, n: 100 });
    expect(change?.difference).toBeCloseTo(35, 9);
    expect(change?.statistic).toBeCloseTo(3.3717813560136163, 9);
    expect(change?.significant).toBe(true);
    // 12 P, 5 D of 30 against 10 P, 6 D of 30: difference 10 points, z = 0.54027: no clear change
    const small = npsDifferenceTest({ promoters: 12, detractors: 5, n: 30 }, { promoters: 10, detractors: 6, n: 30 });
    expect(small?.statistic).toBeCloseTo(0.5402702026688981, 9);
    expect(changeMark(small)).toBe("no clear change");
  });

  it("use z = 1.959964", () => {
    expect(Z95).toBe(1.959964);
  });
});
