/**
 * How sure a figure is: 95% intervals that need nothing but the normal distribution (so the panel
 * can afford them; the t-based ones are in student.ts). Formulas as in PRODUCT.md, "Drivers,
 * confidence and sentiment".
 */

/** The 97.5th percentile of the standard normal distribution: two-sided 95%. */
export const Z95 = 1.959964;

/** An interval around an estimate, in the estimate's own unit. */
export interface Interval {
  estimate: number;
  low: number;
  high: number;
}

/**
 * Wilson score interval of a share k/n, in percent (0…100): p = k/n;
 * centre = (p + z²/2n) / (1 + z²/n); half-width = z √(p(1 − p)/n + z²/4n²) / (1 + z²/n).
 * The estimate stays the plain share 100·k/n (the centre is pulled towards 50%, the figure is not).
 * Null without answers.
 */
export function wilsonInterval(k: number, n: number, z: number = Z95): Interval | null {
  if (n <= 0) return null;
  const p = k / n;
  const z2 = z * z;
  const denominator = 1 + z2 / n;
  const centre = (p + z2 / (2 * n)) / denominator;
  const halfWidth = (z * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n))) / denominator;
  return {
    estimate: 100 * p,
    low: 100 * Math.max(0, centre - halfWidth),
    high: 100 * Math.min(1, centre + halfWidth),
  };
}

/**
 * Variance of an NPS (as a difference of shares, −1…1) over n answers with promoter share p and
 * detractor share d: Var = (p + d − (p − d)²) / n. Null without answers.
 */
export function npsVariance(promoters: number, detractors: number, n: number): number | null {
  if (n <= 0) return null;
  const p = promoters / n;
  const d = detractors / n;
  return (p + d - (p - d) * (p - d)) / n;
}

/** An NPS with its 95% margin of error, both in NPS points (−100…100). */
export interface NpsWithMargin {
  nps: number;
  margin: number;
  n: number;
}

/** NPS ± 100 · z · √Var; null without answers. */
export function npsMarginOfError(promoters: number, detractors: number, n: number, z: number = Z95): NpsWithMargin | null {
  const variance = npsVariance(promoters, detractors, n);
  if (variance === null) return null;
  return { nps: (100 * (promoters - detractors)) / n, margin: 100 * z * Math.sqrt(variance), n };
}

/** Fewest pairs a correlation needs for an interval: Fisher's z divides by √(n − 3). */
export const MIN_CORRELATION_PAIRS = 4;

/**
 * 95% interval of a Pearson correlation r over n pairs by Fisher's z:
 * tanh(atanh(r) ± z / √(n − 3)). Null ("too few") when n < 4. An r of exactly ±1 has the
 * degenerate interval [r, r].
 */
export function correlationInterval(r: number, n: number, z: number = Z95): Interval | null {
  if (n < MIN_CORRELATION_PAIRS) return null;
  if (Math.abs(r) >= 1) return { estimate: r, low: r, high: r };
  const centre = Math.atanh(r);
  const halfWidth = z / Math.sqrt(n - 3);
  return { estimate: r, low: Math.tanh(centre - halfWidth), high: Math.tanh(centre + halfWidth) };
}
