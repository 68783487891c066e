/**
 * Key drivers without the matrix library: each touchpoint's correlation with the outcome over the
 * respondents who answered both, its 95% interval and its derived importance. Apart from drivers.ts
 * (relative weights, which need ml-matrix's eigen decomposition: 55 kB from its ES module source,
 * which Insights carries) so that the sandbox's analysis can carry it for a few hundred bytes.
 *
 * The input is one answer vector per respondent (respondent id → touchpoint → normalised
 * satisfaction s ∈ [0, 1]), gathered from the feedback rows that share a respondent id. Pearson's r
 * is unchanged by a linear map of either variable, so s gives the same r as the raw ratings while
 * letting touchpoints on different scales (a 1–10 outcome, 1–5 touchpoints) sit side by side.
 *
 * Formulas as in PRODUCT.md, "Drivers, confidence and sentiment".
 */
import type { Feedback } from "../model";
import type { FeedbackPass } from "../feedback-pass";
import { runPass } from "../feedback-pass";
import { normalisedSatisfaction } from "../metrics";
import { correlationInterval } from "./intervals";
import type { Interval } from "./intervals";

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
  const list = Array.isArray(rows) ? (rows as readonly RespondentRow[]) : [...rows];
  return runPass(respondentAnswersPass(list), list.length);
}

/** `gatherRespondentAnswers` as a pass fed range by range (feedback-pass.ts), for the panel's slices. */
export function respondentAnswersPass(rows: readonly (RespondentRow | undefined)[]): FeedbackPass<RespondentAnswers> {
  const sums = new Map<string, Map<string, { sum: number; n: number }>>();
  return {
    read(from, to) {
      for (let i = from; i < to; i++) {
        const row = rows[i];
        if (row === undefined || row.rating === null || row.scale === null || row.touchpointId === null) continue;
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
    },
    finish() {
      const result: RespondentAnswers = new Map();
      for (const [respondent, answers] of sums) {
        result.set(respondent, new Map([...answers].map(([key, { sum, n }]) => [key, sum / n])));
      }
      return result;
    },
  };
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
export function correlationOf(touchpoint: string, n: number, r: number | null): DriverCorrelation {
  const interval = r === null ? null : correlationInterval(r, n);
  const verdict: DriverVerdict =
    interval === null ? "too few" : interval.low > 0 || interval.high < 0 ? "driver" : "not a driver (yet)";
  return { touchpoint, n, r, interval, verdict, derivedImportance: r === null ? null : derivedImportance(r) };
}
