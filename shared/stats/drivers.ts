/**
 * Key drivers: which touchpoints move the outcome (overall satisfaction, likelihood to recommend),
 * derived from each respondent's answers taken together rather than stated by anyone.
 *
 * The input is one answer vector per respondent (respondent id → touchpoint → normalised
 * satisfaction s ∈ [0, 1]), gathered from the feedback rows that share a respondent id. Pearson's r
 * is unchanged by a linear map of either variable, so s gives the same r as the raw ratings while
 * letting touchpoints on different scales (a 1–10 outcome, 1–5 touchpoints) sit side by side.
 *
 * Formulas as in PRODUCT.md, "Drivers, confidence and sentiment".
 */
import { EigenvalueDecomposition, Matrix } from "ml-matrix";
import type { Feedback } from "../model";
import { normalisedSatisfaction } from "../metrics";
import type { Interval } from "./intervals";
import { correlationInterval } from "./intervals";
import { completeSums, pairSums, pearsonFromSums, type DriverSums } from "./driver-sums";

/** Respondent id → touchpoint id (or the outcome's key) → normalised satisfaction s. */
export type RespondentAnswers = Map<string, Map<string, number>>;

/** A feedback row as driver analysis reads it: a wide survey's answers share a respondent id. */
export type RespondentRow = Pick<Feedback, "rating" | "scale" | "touchpointId" | "responseId"> & { respondentId?: string };

/**
 * Gathers each respondent's answers from feedback rows: a rated row with a respondent (its
 * `respondentId`, else its `responseId`) and a touchpoint adds s to that respondent's vector. Rows
 * without either cannot be related to other answers and are left out; a respondent who answered a
 * touchpoint twice counts with the mean.
 */
export function gatherRespondentAnswers(rows: Iterable<RespondentRow>): RespondentAnswers {
  const sums = new Map<string, Map<string, { sum: number; n: number }>>();
  for (const row of rows) {
    if (row.rating === null || row.scale === null || row.touchpointId === null) continue;
    const respondent = row.respondentId || row.responseId;
    if (respondent === undefined || respondent === "") continue;
    let answers = sums.get(respondent);
    if (answers === undefined) sums.set(respondent, (answers = new Map()));
    const s = normalisedSatisfaction(row.rating, row.scale);
    const seen = answers.get(row.touchpointId);
    if (seen === undefined) answers.set(row.touchpointId, { sum: s, n: 1 });
    else {
      seen.sum += s;
      seen.n++;
    }
  }
  const result: RespondentAnswers = new Map();
  for (const [respondent, answers] of sums) {
    result.set(respondent, new Map([...answers].map(([key, { sum, n }]) => [key, sum / n])));
  }
  return result;
}

/** Pearson's r of paired values; null with fewer than 2 pairs or when either side has no spread. */
export function pearson(xs: readonly number[], ys: readonly number[]): number | null {
  const n = Math.min(xs.length, ys.length);
  if (n < 2) return null;
  let mx = 0;
  let my = 0;
  for (let i = 0; i < n; i++) {
    mx += xs[i] ?? 0;
    my += ys[i] ?? 0;
  }
  mx /= n;
  my /= n;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    const dx = (xs[i] ?? 0) - mx;
    const dy = (ys[i] ?? 0) - my;
    sxy += dx * dy;
    sxx += dx * dx;
    syy += dy * dy;
  }
  if (sxx === 0 || syy === 0) return null;
  return Math.max(-1, Math.min(1, sxy / Math.sqrt(sxx * syy)));
}

/** Derived importance on the 1–5 importance scale: 1 + 4 × max(0, r). */
export function derivedImportance(r: number): number {
  return 1 + 4 * Math.max(0, r);
}

export type DriverVerdict = "driver" | "not a driver (yet)" | "too few";

export interface DriverCorrelation {
  touchpoint: string;
  /** Respondents who answered both the touchpoint and the outcome. */
  n: number;
  /** Null when either side has no spread or there are fewer than 2 pairs. */
  r: number | null;
  /** 95% Fisher interval; null below 4 pairs ("too few"). */
  interval: Interval | null;
  /** "driver" when the interval excludes 0. */
  verdict: DriverVerdict;
  /** 1 + 4 × max(0, r); null without r. */
  derivedImportance: number | null;
}

/** The correlation of one touchpoint with the outcome over the respondents who answered both. */
export function driverCorrelation(answers: RespondentAnswers, touchpoint: string, outcome: string): DriverCorrelation {
  const xs: number[] = [];
  const ys: number[] = [];
  for (const vector of answers.values()) {
    const x = vector.get(touchpoint);
    const y = vector.get(outcome);
    if (x === undefined || y === undefined) continue;
    xs.push(x);
    ys.push(y);
  }
  return correlationOf(touchpoint, xs.length, pearson(xs, ys));
}

/** A correlation with its interval and verdict: a driver when the 95% interval excludes 0. */
function correlationOf(touchpoint: string, n: number, r: number | null): DriverCorrelation {
  const interval = r === null ? null : correlationInterval(r, n);
  const verdict: DriverVerdict =
    interval === null ? "too few" : interval.low > 0 || interval.high < 0 ? "driver" : "not a driver (yet)";
  return { touchpoint, n, r, interval, verdict, derivedImportance: r === null ? null : derivedImportance(r) };
}

/** Fewest complete respondents per driver that relative weights need. */
export const RESPONDENTS_PER_DRIVER = 10;

export type RelativeWeights =
  | {
      ok: true;
      /** Respondents who answered every driver and the outcome. */
      respondents: number;
      /** R², the variance of the outcome the drivers explain together. */
      rSquared: number;
      /** Per driver: raw weight (its part of R²) and share = weight / R². */
      weights: { touchpoint: string; weight: number; share: number }[];
    }
  | { ok: false; respondents: number; reason: string };

/**
 * Johnson's (2000) relative weights of the drivers over the respondents who answered every driver
 * and the outcome: with the drivers' correlation matrix R = QΛQᵀ, Λ½ = Q diag(√λ) Qᵀ,
 * β = (Λ½)⁻¹ r_xy, raw weight_j = Σ_k (Λ½)_jk² β_k², R² = Σ raw weights, share_j = weight_j / R².
 * Needs 2 or more drivers and at least 10 complete respondents per driver.
 */
export function relativeWeights(answers: RespondentAnswers, drivers: readonly string[], outcome: string): RelativeWeights {
  const rows: number[][] = [];
  const ys: number[] = [];
  for (const vector of answers.values()) {
    const y = vector.get(outcome);
    if (y === undefined) continue;
    const row: number[] = [];
    for (const d of drivers) {
      const x = vector.get(d);
      if (x === undefined) break;
      row.push(x);
    }
    if (row.length !== drivers.length) continue;
    rows.push(row);
    ys.push(y);
  }
  const respondents = rows.length;
  if (drivers.length < 2) return { ok: false, respondents, reason: "relative weights need two or more drivers" };
  const needed = RESPONDENTS_PER_DRIVER * drivers.length;
  if (respondents < needed)
    return {
      ok: false,
      respondents,
      reason: `relative weights need ${needed} respondents who answered all ${drivers.length} drivers and the outcome; ${respondents} did`,
    };
  const columns = drivers.map((_, j) => rows.map((row) => row[j] ?? 0));
  const rxy: number[] = [];
  const correlations = Matrix.eye(drivers.length);
  for (let j = 0; j < drivers.length; j++) {
    const column = columns[j] ?? [];
    const r = pearson(column, ys);
    if (r === null) return { ok: false, respondents, reason: `"${drivers[j]}" or the outcome has no spread among them` };
    rxy.push(r);
    for (let k = j + 1; k < drivers.length; k++) {
      const rjk = pearson(column, columns[k] ?? []);
      if (rjk === null) return { ok: false, respondents, reason: `"${drivers[j]}" has no spread among them` };
      correlations.set(j, k, rjk);
      correlations.set(k, j, rjk);
    }
  }
  return johnsonWeights(drivers, correlations, rxy, respondents);
}

/** Johnson's weights from the drivers' correlation matrix and their correlations with the outcome. */
function johnsonWeights(drivers: readonly string[], correlations: Matrix, rxy: number[], respondents: number): RelativeWeights {
  const eigen = new EigenvalueDecomposition(correlations, { assumeSymmetric: true });
  const lambdas = eigen.realEigenvalues;
  if (lambdas.some((l) => !(l > 1e-12)))
    return { ok: false, respondents, reason: "the drivers are answered too much alike to be told apart" };
  const q = eigen.eigenvectorMatrix;
  const root = q.mmul(Matrix.diag(lambdas.map(Math.sqrt))).mmul(q.transpose());
  const inverseRoot = q.mmul(Matrix.diag(lambdas.map((l) => 1 / Math.sqrt(l)))).mmul(q.transpose());
  const beta = inverseRoot.mmul(Matrix.columnVector(rxy)).getColumn(0);
  const raw = drivers.map((_, j) => {
    let w = 0;
    for (let k = 0; k < drivers.length; k++) w += root.get(j, k) ** 2 * (beta[k] ?? 0) ** 2;
    return w;
  });
  const rSquared = raw.reduce((a, b) => a + b, 0);
  return {
    ok: true,
    respondents,
    rSquared,
    weights: drivers.map((touchpoint, j) => ({ touchpoint, weight: raw[j] ?? 0, share: (raw[j] ?? 0) / rSquared })),
  };
}

export interface DriverAnalysis {
  outcome: string;
  /** Every touchpoint but the outcome, drivers first by r descending, then the rest by r. */
  correlations: DriverCorrelation[];
  /** Over the touchpoints whose verdict is "driver". */
  weights: RelativeWeights;
}

/**
 * The driver analysis of an outcome: each touchpoint's correlation with it, and the relative weights
 * of those that are drivers. Only drivers are ranked; the rest keep their figures but no rank.
 */
export function analyseDrivers(answers: RespondentAnswers, outcome: string, touchpoints?: readonly string[]): DriverAnalysis {
  let keys = touchpoints;
  if (keys === undefined) {
    const seen = new Set<string>();
    for (const vector of answers.values()) for (const key of vector.keys()) seen.add(key);
    keys = [...seen].sort();
  }
  const correlations = keys.filter((k) => k !== outcome).map((k) => driverCorrelation(answers, k, outcome));
  const drivers = rankCorrelations(correlations);
  return { outcome, correlations, weights: relativeWeights(answers, drivers, outcome) };
}

/** Sorts correlations drivers first by r descending, then the rest by r; gives the drivers. */
function rankCorrelations(correlations: DriverCorrelation[]): string[] {
  const rank = (c: DriverCorrelation) => (c.verdict === "driver" ? 0 : c.verdict === "not a driver (yet)" ? 1 : 2);
  correlations.sort((a, b) => rank(a) - rank(b) || (b.r ?? -2) - (a.r ?? -2) || a.touchpoint.localeCompare(b.touchpoint));
  return correlations.filter((c) => c.verdict === "driver").map((c) => c.touchpoint);
}

// ── The same analysis from driver sums (driver-sums.ts): what a journey keeps of folded rows ──────

/** The correlation of a touchpoint with the outcome from driver sums; the figures of `driverCorrelation` on the same answers. */
export function driverCorrelationFromSums(sums: DriverSums, touchpoint: string, outcome: string): DriverCorrelation {
  const [n, sx, sy, sxx, syy, sxy] = pairSums(sums, touchpoint, outcome);
  return correlationOf(touchpoint, n, pearsonFromSums(n, sx, sy, sxx, syy, sxy));
}

/** Johnson's relative weights from driver sums, over the respondents the sums keep by pattern who answered every driver and the outcome. */
export function relativeWeightsFromSums(sums: DriverSums, drivers: readonly string[], outcome: string): RelativeWeights {
  const complete = completeSums(sums, [...drivers, outcome]);
  const respondents = complete.n;
  if (drivers.length < 2) return { ok: false, respondents, reason: "relative weights need two or more drivers" };
  const needed = RESPONDENTS_PER_DRIVER * drivers.length;
  if (respondents < needed)
    return {
      ok: false,
      respondents,
      reason: `relative weights need ${needed} respondents who answered all ${drivers.length} drivers and the outcome; ${respondents} did`,
    };
  const y = drivers.length;
  const r = (a: number, b: number) =>
    pearsonFromSums(
      respondents,
      complete.sums[a] ?? 0,
      complete.sums[b] ?? 0,
      complete.products[a]?.[a] ?? 0,
      complete.products[b]?.[b] ?? 0,
      complete.products[a]?.[b] ?? 0,
    );
  const rxy: number[] = [];
  const correlations = Matrix.eye(drivers.length);
  for (let j = 0; j < drivers.length; j++) {
    const rj = r(j, y);
    if (rj === null) return { ok: false, respondents, reason: `"${drivers[j]}" or the outcome has no spread among them` };
    rxy.push(rj);
    for (let k = j + 1; k < drivers.length; k++) {
      const rjk = r(j, k);
      if (rjk === null) return { ok: false, respondents, reason: `"${drivers[j]}" has no spread among them` };
      correlations.set(j, k, rjk);
      correlations.set(k, j, rjk);
    }
  }
  return johnsonWeights(drivers, correlations, rxy, respondents);
}

/**
 * `analyseDrivers` from driver sums: the same correlations, order and weights. `pooled` counts the
 * respondents kept as pair sums only (beyond the pattern budget), left out of the weights.
 */
export function analyseDriverSums(sums: DriverSums, outcome: string, touchpoints?: readonly string[]): DriverAnalysis & { pooled: number } {
  const keys = touchpoints ?? [...sums.touchpoints];
  const correlations = keys.filter((k) => k !== outcome).map((k) => driverCorrelationFromSums(sums, k, outcome));
  const drivers = rankCorrelations(correlations);
  return { outcome, correlations, weights: relativeWeightsFromSums(sums, drivers, outcome), pooled: sums.pooled };
}
