/**
 * Real changes only: whether a share or an NPS differs between two groups (period against previous
 * period, segment against segment) by more than noise, at 95%. Means are tested by Welch's test in
 * student.ts.
 */
import type { DifferenceTest } from "./student";
import { Z95, npsVariance } from "./intervals";

export type { DifferenceTest };

/** Two-sided p-value of a standard normal statistic. */
function normalP(z: number): number {
  return 2 * (1 - standardNormalCdf(Math.abs(z)));
}

/**
 * Φ(x) by the Abramowitz–Stegun 7.1.26 approximation of erf (error below 1.5e-7): p-values are
 * shown, the verdict comes from |z| against 1.96 and never from them.
 */
function standardNormalCdf(x: number): number {
  const t = 1 / (1 + (0.3275911 * Math.abs(x)) / Math.SQRT2);
  const poly = t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))));
  const erf = 1 - poly * Math.exp(-(x * x) / 2);
  return x >= 0 ? (1 + erf) / 2 : (1 - erf) / 2;
}

/**
 * Pooled two-proportion z-test of k₁/n₁ against k₂/n₂ (CSAT, top-box):
 * z = (p₁ − p₂) / √(p̄(1 − p̄)(1/n₁ + 1/n₂)), p̄ = (k₁ + k₂)/(n₁ + n₂); significant when |z| > 1.96.
 * The difference is in percentage points. Null when a group is empty or every answer is the same.
 */
export function twoProportionTest(k1: number, n1: number, k2: number, n2: number): DifferenceTest | null {
  if (n1 <= 0 || n2 <= 0) return null;
  const pooled = (k1 + k2) / (n1 + n2);
  const standardError = Math.sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n2));
  if (standardError === 0) return null;
  const difference = k1 / n1 - k2 / n2;
  const statistic = difference / standardError;
  return { difference: 100 * difference, statistic, p: normalP(statistic), significant: Math.abs(statistic) > Z95 };
}

/** Promoters, detractors and answers of one group's NPS. */
export interface NpsCounts {
  promoters: number;
  detractors: number;
  n: number;
}

/**
 * NPS difference: z = (NPS₁ − NPS₂) / √(Var₁ + Var₂), both in NPS units (Var scaled by 100²);
 * significant when |z| > 1.96. Null when a group is empty or both have no spread.
 */
export function npsDifferenceTest(a: NpsCounts, b: NpsCounts): DifferenceTest | null {
  const va = npsVariance(a.promoters, a.detractors, a.n);
  const vb = npsVariance(b.promoters, b.detractors, b.n);
  if (va === null || vb === null || va + vb === 0) return null;
  const difference = (100 * (a.promoters - a.detractors)) / a.n - (100 * (b.promoters - b.detractors)) / b.n;
  const statistic = difference / (100 * Math.sqrt(va + vb));
  return { difference, statistic, p: normalP(statistic), significant: Math.abs(statistic) > Z95 };
}

/** "▲", "▼" for a significant rise or fall, "no clear change" otherwise (or without a test). */
export function changeMark(test: DifferenceTest | null): "▲" | "▼" | "no clear change" {
  if (test === null || !test.significant) return "no clear change";
  return test.difference > 0 ? "▲" : "▼";
}
