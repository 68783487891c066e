/**
 * Welch's test of two means for the panel and the sandbox, which cannot carry jstat (student.ts):
 * the same test, with Student's t distribution computed here from the regularised incomplete beta
 * function (a continued fraction, as in Numerical Recipes §6.4), about a kilobyte minified. It
 * gives the p-values of student.ts's `welchTest` to within 1e-9 (test/shared/trends.test.ts).
 */
import type { DifferenceTest, Moments } from "./student";

export type { Moments };

/** ln Γ(x) for x > 0 by Lanczos' approximation (g = 7, 9 terms; relative error below 1e-15). */
function logGamma(x: number): number {
  const c = [
    0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059, 12.507343278686905,
    -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
  ];
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - logGamma(1 - x);
  const y = x - 1;
  let sum = c[0] as number;
  for (let i = 1; i < 9; i++) sum += (c[i] as number) / (y + i);
  const t = y + 7.5;
  return 0.5 * Math.log(2 * Math.PI) + (y + 0.5) * Math.log(t) - t + Math.log(sum);
}

/**
 * The continued fraction of the incomplete beta function (modified Lentz). It converges in about
 * √max(a, b) steps, so a test between groups of 100,000 answers takes a few hundred.
 */
function betaFraction(a: number, b: number, x: number): number {
  const tiny = 1e-300;
  let c = 1;
  let d = 1 - ((a + b) * x) / (a + 1);
  if (Math.abs(d) < tiny) d = tiny;
  d = 1 / d;
  let h = d;
  for (let m = 1; m <= 100_000; m++) {
    const m2 = 2 * m;
    let aa = (m * (b - m) * x) / ((a + m2 - 1) * (a + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < tiny) d = tiny;
    c = 1 + aa / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    h *= d * c;
    aa = (-(a + m) * (a + b + m) * x) / ((a + m2) * (a + m2 + 1));
    d = 1 + aa * d;
    if (Math.abs(d) < tiny) d = tiny;
    c = 1 + aa / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    const step = d * c;
    h *= step;
    if (Math.abs(step - 1) < 1e-15) break;
  }
  return h;
}

/** The regularised incomplete beta function I_x(a, b). */
function regularisedBeta(x: number, a: number, b: number): number {
  if (x <= 0) return 0;
  if (x >= 1) return 1;
  const front = Math.exp(logGamma(a + b) - logGamma(a) - logGamma(b) + a * Math.log(x) + b * Math.log(1 - x));
  return x < (a + 1) / (a + b + 2) ? (front * betaFraction(a, b, x)) / a : 1 - (front * betaFraction(b, a, 1 - x)) / b;
}

/** Two-sided p-value of a Student t statistic with `dof` degrees of freedom: I_{ν/(ν+t²)}(ν/2, ½). */
export function studentTwoSidedP(t: number, dof: number): number {
  return regularisedBeta(dof / (dof + t * t), dof / 2, 0.5);
}

/** Sample variance s² (divisor n − 1), never negative from rounding; null with fewer than 2 values. */
function variance(m: Moments): number | null {
  if (m.n < 2) return null;
  const mean = m.sum / m.n;
  return Math.max(0, (m.sumSquares - m.n * mean * mean) / (m.n - 1));
}

/**
 * Welch's t-test of two means, exactly as student.ts's `welchTest` (PRODUCT.md): t = (m₁ − m₂) /
 * √(s₁²/n₁ + s₂²/n₂), Welch–Satterthwaite degrees of freedom, significant when the two-sided
 * p < 0.05. Null when either group has fewer than 2 values or both have no spread.
 */
export function welchTest(a: Moments, b: Moments): (DifferenceTest & { dof: number }) | null {
  const va = variance(a);
  const vb = variance(b);
  if (va === null || vb === null) return null;
  const qa = va / a.n;
  const qb = vb / b.n;
  const standardError = Math.sqrt(qa + qb);
  if (standardError === 0) return null;
  const difference = a.sum / a.n - b.sum / b.n;
  const dof = ((qa + qb) * (qa + qb)) / ((qa * qa) / (a.n - 1) + (qb * qb) / (b.n - 1));
  const statistic = difference / standardError;
  const p = studentTwoSidedP(statistic, dof);
  return { difference, statistic, p, significant: p < 0.05, dof };
}
