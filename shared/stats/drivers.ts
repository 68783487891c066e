/**
 * Key drivers: which touchpoints move the outcome (overall satisfaction, likelihood to recommend),
 * derived from each respondent's answers taken together rather than stated by anyone. The
 * correlations are in correlation.ts (re-exported here); this file adds Johnson's relative weights,
 * which need ml-matrix's eigen decomposition. The command line and Insights carry it; the map's
 * analysis (importance.ts, in the sandbox too) needs correlations only and does not.
 *
 * Formulas as in PRODUCT.md, "Drivers, confidence and sentiment".
 */
import { EigenvalueDecomposition, Matrix } from "ml-matrix";
import type { FeedbackPass } from "../feedback-pass";
import { outcomeTouchpoint } from "../importance";
import type { JourneyMap } from "../model";
import type { DriverCorrelation, RespondentAnswers } from "./correlation";
import { correlationOf, driverCorrelation, pearson, respondentAnswersPass } from "./correlation";
import { completeSums, journeyDriverSums, pairSums, pearsonFromSums, type DriverSums } from "./driver-sums";

export * from "./correlation";

/** Fewest complete respondents per driver that relative weights need. */
export const RESPONDENTS_PER_DRIVER = 10;

/** Why relative weights cannot be computed for so many drivers and complete respondents; null when they can. */
function weightsRefused(drivers: number, respondents: number): RelativeWeights | null {
  if (drivers < 2) return { ok: false, respondents, reason: "relative weights need two or more drivers" };
  const needed = RESPONDENTS_PER_DRIVER * drivers;
  if (respondents >= needed) return null;
  return {
    ok: false,
    respondents,
    reason: `relative weights need ${needed} respondents who answered all ${drivers} drivers and the outcome; ${respondents} did`,
  };
}

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
  const refused = weightsRefused(drivers.length, respondents);
  if (refused !== null) return refused;
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
  const refused = weightsRefused(drivers.length, respondents);
  if (refused !== null) return refused;
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

/** A journey's driver analysis; `pooled` as in `analyseDriverSums`. */
export type JourneyDriverAnalysis = DriverAnalysis & { pooled: number };

/**
 * A journey's driver analysis against its outcome touchpoint (null without one), as a pass over its
 * feedback for the panel's slices: from the respondents' answers, or, once rows are folded into the
 * summary, from its driver sums with the rows kept, so that a compacted journey gets the same
 * correlations and weights. `pooled` as in `analyseDriverSums` (0 from the answers).
 */
export function journeyDriversPass(map: Pick<JourneyMap, "touchpoints" | "feedback" | "summary">): FeedbackPass<JourneyDriverAnalysis | null> {
  const outcome = outcomeTouchpoint(map);
  const others = map.touchpoints.filter((t) => t.id !== outcome?.id).map((t) => t.id);
  const stored = map.summary?.drivers;
  if (outcome === null) return { read() {}, finish: () => null };
  if (stored !== undefined) {
    return { read() {}, finish: () => analyseDriverSums(journeyDriverSums(map.feedback, stored), outcome.id, others) };
  }
  const answers = respondentAnswersPass(map.feedback);
  return { read: answers.read, finish: () => ({ ...analyseDrivers(answers.finish(), outcome.id, others), pooled: 0 }) };
}
