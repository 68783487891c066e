/**
 * How sure each figure of a stage, touchpoint or persona is, from the tally the analysis has
 * already made (metrics.ts): the half-width of its 95% interval, what the map writes as a quiet
 * "± x" and what data backing weighs beside the number of responses. Needs nothing but the normal
 * distribution and a small t table (stats/t975.ts), so the sandbox and the panel can afford it.
 * Formulas as in PRODUCT.md, "Drivers, confidence and sentiment".
 */
import { type FeedbackTally, ratingSums } from "./metrics";
import { Z95, npsMarginOfError } from "./stats/intervals";
import { t975 } from "./stats/t975";

/** Half-widths of the 95% intervals of a group's figures, each in the figure's own unit; null without data. */
export interface FigureMargins {
  /** CSAT, percentage points: the Wilson interval's half-width (around its centre, not the share). */
  csat: number | null;
  /** NPS points: 100 · z · √Var. */
  nps: number | null;
  /** Performance, on 1–5: 4 · t₀.₉₇₅,ₙ₋₁ · s / √n, s the standard deviation of the normalised satisfactions. */
  performance: number | null;
}

/** Wilson half-width of k/n in percentage points: 100 · z √(p(1 − p)/n + z²/4n²) / (1 + z²/n); null without answers. */
export function wilsonHalfWidth(k: number, n: number): number | null {
  if (n <= 0) return null;
  const p = k / n;
  const z2 = Z95 * Z95;
  return (100 * Z95 * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n))) / (1 + z2 / n);
}

/**
 * Half-width of the 95% interval of performance P = 1 + 4 · mean(s) over n rated responses with
 * Σs and Σs²: 4 · t₀.₉₇₅,ₙ₋₁ · s_s / √n, with s_s² = (Σs² − n · mean²)/(n − 1). Null below 2 ratings.
 */
export function performanceHalfWidth(n: number, sum: number, sumSquares: number): number | null {
  if (n < 2) return null;
  const mean = sum / n;
  const variance = Math.max(0, (sumSquares - n * mean * mean) / (n - 1));
  return (4 * t975(n - 1) * Math.sqrt(variance)) / Math.sqrt(n);
}

/** The margins of a tally's figures. */
export function figureMargins(
  tally: Pick<FeedbackTally, "rated" | "ratings" | "csatRatings" | "csatSatisfied" | "npsRatings" | "npsPromoters" | "npsDetractors"> | undefined,
): FigureMargins {
  if (tally === undefined) return { csat: null, nps: null, performance: null };
  const { satisfactionSum, satisfactionSquares } = ratingSums(tally);
  return {
    csat: wilsonHalfWidth(tally.csatSatisfied, tally.csatRatings),
    nps: npsMarginOfError(tally.npsPromoters, tally.npsDetractors, tally.npsRatings)?.margin ?? null,
    performance: performanceHalfWidth(tally.rated, satisfactionSum, satisfactionSquares),
  };
}
