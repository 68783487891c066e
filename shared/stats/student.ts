/**
 * Intervals and tests on means, which need Student's t distribution (from `jstat`): the interval of
 * a mean rating and of performance, and Welch's test of two means. Kept apart from intervals.ts so
 * that code needing only shares and correlations does not carry a statistics library.
 */
import { jStat } from "jstat";
import type { Interval } from "./intervals";

/** Count, sum and sum of squares of a set of values: all a mean interval needs. */
export interface Moments {
  n: number;
  sum: number;
  sumSquares: number;
}

export function momentsOf(values: readonly number[]): Moments {
  let sum = 0;
  let sumSquares = 0;
  for (const v of values) {
    sum += v;
    sumSquares += v * v;
  }
  return { n: values.length, sum, sumSquares };
}

/** Sample variance s² (divisor n − 1); null with fewer than 2 values. Never negative from rounding. */
export function sampleVariance(m: Moments): number | null {
  if (m.n < 2) return null;
  const mean = m.sum / m.n;
  return Math.max(0, (m.sumSquares - m.n * mean * mean) / (m.n - 1));
}

/** t₀.₉₇₅ with `dof` degrees of freedom: the two-sided 95% quantile. */
export function tQuantile95(dof: number): number {
  return jStat.studentt.inv(0.975, dof);
}

/**
 * 95% interval of a mean: mean ± t₀.₉₇₅,ₙ₋₁ · s / √n. Null with fewer than 2 values (no s).
 */
export function meanInterval(m: Moments): Interval | null {
  const variance = sampleVariance(m);
  if (variance === null) return null;
  const mean = m.sum / m.n;
  const halfWidth = (tQuantile95(m.n - 1) * Math.sqrt(variance)) / Math.sqrt(m.n);
  return { estimate: mean, low: mean - halfWidth, high: mean + halfWidth };
}

/**
 * Interval of performance P = 1 + 4 · mean(s) from the moments of the normalised satisfactions s:
 * the mean interval of s under the same linear map.
 */
export function performanceInterval(satisfaction: Moments): Interval | null {
  const interval = meanInterval(satisfaction);
  if (interval === null) return null;
  const map = (s: number) => 1 + 4 * s;
  return { estimate: map(interval.estimate), low: map(interval.low), high: map(interval.high) };
}

/** The outcome of a test of a difference. */
export interface DifferenceTest {
  /** First minus second, in the figure's own unit. */
  difference: number;
  /** The test statistic (z or t). */
  statistic: number;
  /** Two-sided p-value. */
  p: number;
  /** Whether the difference is significant at 95%. */
  significant: boolean;
}

/**
 * Welch's t-test of two means: t = (m₁ − m₂) / √(s₁²/n₁ + s₂²/n₂), with the Welch–Satterthwaite
 * df = (s₁²/n₁ + s₂²/n₂)² / ((s₁²/n₁)²/(n₁ − 1) + (s₂²/n₂)²/(n₂ − 1)); significant when the
 * two-sided p < 0.05. Null when either group has fewer than 2 values or both have no spread.
 */
export function welchTest(a: Moments, b: Moments): (DifferenceTest & { dof: number }) | null {
  const va = sampleVariance(a);
  const vb = sampleVariance(b);
  if (va === null || vb === null) return null;
  const qa = va / a.n;
  const qb = vb / b.n;
  const standardError = Math.sqrt(qa + qb);
  const difference = a.sum / a.n - b.sum / b.n;
  if (standardError === 0) return null;
  const dof = ((qa + qb) * (qa + qb)) / ((qa * qa) / (a.n - 1) + (qb * qb) / (b.n - 1));
  const statistic = difference / standardError;
  const p = 2 * (1 - jStat.studentt.cdf(Math.abs(statistic), dof));
  return { difference, statistic, p, significant: p < 0.05, dof };
}
