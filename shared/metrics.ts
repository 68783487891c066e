/**
 * Customer-satisfaction metrics of feedback: normalised satisfaction, CSAT, NPS, CES and
 * performance, overall and per stage, touchpoint and persona.
 *
 * A metric with no data is `null`, never 0: "no 1–5 ratings" is not "0 % satisfied".
 *
 * Counting, as the whole product uses it:
 * - a *rated response* is a feedback row with a rating (`rating !== null`);
 * - a *text-only response* is a row without a rating whose text is not blank;
 * - *responses* = rated responses + text-only responses. A row with neither a rating nor any text
 *   says nothing and is not a response (it still counts as a feedback row for pain-point frequency).
 *
 * Which stage a feedback row belongs to: its own `stageId`, or, when that is null, the stage of its
 * touchpoint. A row whose stage and touchpoint disagree counts for its stage and for its touchpoint.
 */
import type { FeedbackPass } from "./feedback-pass";
import { runPass } from "./feedback-pass";
import type { Feedback, JourneyMap, RatingScale } from "./model";

/**
 * Normalised satisfaction of a rating r on the scale [min, max]:
 * s = (r − min)/(max − min) ∈ [0, 1].
 * A validated model keeps every rating on its scale; a value off the scale is clamped to [0, 1].
 */
export function normalisedSatisfaction(rating: number, scale: RatingScale): number {
  const width = scale.max - scale.min;
  // A scale wider than the largest number (−1e308…1e308) overflows; halved, it does not.
  const s = Number.isFinite(width)
    ? (rating - scale.min) / width
    : (rating / 2 - scale.min / 2) / (scale.max / 2 - scale.min / 2);
  return s < 0 ? 0 : s > 1 ? 1 : s;
}

/** Whether a scale is exactly [min, max], e.g. 1–5 for CSAT, 0–10 for NPS, 1–7 for CES. */
export function isScale(scale: RatingScale | null, min: number, max: number): boolean {
  return scale !== null && scale.min === min && scale.max === max;
}

/** A row is a response when it carries a rating or some (non-blank) text. */
export function isResponse(feedback: Pick<Feedback, "rating" | "text">): boolean {
  return feedback.rating !== null || feedback.text.trim() !== "";
}

/**
 * Running sums over a group of feedback rows, filled in one pass by `addToTally`.
 * Kept as plain counters so that 200,000 rows cost one sweep and no intermediate arrays.
 */
export interface FeedbackTally {
  /** Every feedback row, response or not. */
  rows: number;
  rated: number;
  textOnly: number;
  /** Σ s over rated rows. */
  satisfactionSum: number;
  /** Σ s² over rated rows: with the sum and the count, the spread a performance interval needs. */
  satisfactionSquares: number;
  /** Ratings on a 1–5 scale, and those ≥ 4. */
  csatRatings: number;
  csatSatisfied: number;
  /** Ratings on a 0–10 scale, those 9–10 and those 0–6. */
  npsRatings: number;
  npsPromoters: number;
  npsDetractors: number;
  /** Ratings on a 1–7 scale and their sum. */
  cesRatings: number;
  cesSum: number;
}

/** An empty tally: no rows yet. */
export function createTally(): FeedbackTally {
  return {
    rows: 0,
    rated: 0,
    textOnly: 0,
    satisfactionSum: 0,
    satisfactionSquares: 0,
    csatRatings: 0,
    csatSatisfied: 0,
    npsRatings: 0,
    npsPromoters: 0,
    npsDetractors: 0,
    cesRatings: 0,
    cesSum: 0,
  };
}

/** Adds one feedback row to a tally. */
export function addToTally(tally: FeedbackTally, feedback: Pick<Feedback, "rating" | "scale" | "text">): void {
  tally.rows++;
  const { rating, scale } = feedback;
  if (rating === null || scale === null) {
    if (feedback.text.trim() !== "") tally.textOnly++;
    return;
  }
  tally.rated++;
  const s = normalisedSatisfaction(rating, scale);
  tally.satisfactionSum += s;
  tally.satisfactionSquares += s * s;
  if (isScale(scale, 1, 5)) {
    tally.csatRatings++;
    if (rating >= 4) tally.csatSatisfied++;
  } else if (isScale(scale, 0, 10)) {
    tally.npsRatings++;
    // Promoters rate 9–10, detractors 0–6; anything in between (7, 8, or 6.5) is passive.
    if (rating >= 9) tally.npsPromoters++;
    else if (rating <= 6) tally.npsDetractors++;
  } else if (isScale(scale, 1, 7)) {
    tally.cesRatings++;
    tally.cesSum += rating;
  }
}

/** The metrics of one group of feedback (a stage, a touchpoint, a persona or everything). */
export interface SatisfactionMetrics {
  /** Rated + text-only responses. */
  responses: number;
  rated: number;
  /** CSAT %, 0…100; null without 1–5 ratings. */
  csat: number | null;
  /** NPS, −100…100; null without 0–10 ratings. */
  nps: number | null;
  /** CES, the mean 1–7 rating; null without 1–7 ratings. */
  ces: number | null;
  /** Performance P ∈ [1, 5]; null without rated feedback. */
  performance: number | null;
  /** mean(s) ∈ [0, 1] over rated feedback; null without rated feedback. */
  meanSatisfaction: number | null;
}

/** CSAT % = 100 × (ratings ≥ 4 on a 1–5 scale) / (ratings on a 1–5 scale); null without 1–5 ratings. */
export function csatFromCounts(satisfied: number, ratings: number): number | null {
  return ratings === 0 ? null : (100 * satisfied) / ratings;
}

/**
 * NPS = % promoters (9–10) − % detractors (0–6), on 0–10 ratings only; range −100…100.
 * Computed as 100 × (promoters − detractors)/ratings so that equal counts give exactly 0.
 */
export function npsFromCounts(promoters: number, detractors: number, ratings: number): number | null {
  return ratings === 0 ? null : (100 * (promoters - detractors)) / ratings;
}

/** CES = mean of 1–7 ratings; null without 1–7 ratings. */
export function cesFromSum(sum: number, ratings: number): number | null {
  return ratings === 0 ? null : sum / ratings;
}

/** Performance P ∈ [1, 5] = 1 + 4 × mean(s) over rated feedback; null when nothing is rated. */
export function performanceFromSatisfaction(meanSatisfaction: number | null): number | null {
  return meanSatisfaction === null ? null : 1 + 4 * meanSatisfaction;
}

/** Turns running sums into metrics; every metric without data is null. */
export function summariseTally(tally: FeedbackTally): SatisfactionMetrics {
  const meanSatisfaction = tally.rated === 0 ? null : tally.satisfactionSum / tally.rated;
  return {
    responses: tally.rated + tally.textOnly,
    rated: tally.rated,
    csat: csatFromCounts(tally.csatSatisfied, tally.csatRatings),
    nps: npsFromCounts(tally.npsPromoters, tally.npsDetractors, tally.npsRatings),
    ces: cesFromSum(tally.cesSum, tally.cesRatings),
    performance: performanceFromSatisfaction(meanSatisfaction),
    meanSatisfaction,
  };
}

/** The metrics of a list of feedback rows. */
export function computeMetrics(feedback: readonly Pick<Feedback, "rating" | "scale" | "text">[]): SatisfactionMetrics {
  const tally = createTally();
  for (const row of feedback) addToTally(tally, row);
  return summariseTally(tally);
}

/** The stage a feedback row belongs to: its own, else its touchpoint's, else none. */
export function feedbackStageId(
  feedback: Pick<Feedback, "stageId" | "touchpointId">,
  stageOfTouchpoint: ReadonlyMap<string, string>,
): string | null {
  if (feedback.stageId !== null) return feedback.stageId;
  if (feedback.touchpointId !== null) return stageOfTouchpoint.get(feedback.touchpointId) ?? null;
  return null;
}

/** Tallies of a map's feedback, overall and grouped; a group with no rows has no entry. */
export interface JourneyFeedbackTallies {
  overall: FeedbackTally;
  /** Feedback that belongs to no stage (neither its own nor its touchpoint's). */
  noStage: FeedbackTally;
  byStage: Map<string, FeedbackTally>;
  byTouchpoint: Map<string, FeedbackTally>;
  byPersona: Map<string, FeedbackTally>;
}

function tallyOf(groups: Map<string, FeedbackTally>, key: string): FeedbackTally {
  let tally = groups.get(key);
  if (tally === undefined) {
    tally = createTally();
    groups.set(key, tally);
  }
  return tally;
}

/**
 * The tallies of a map's feedback as a pass fed range by range (see feedback-pass.ts): grouping by
 * stage, touchpoint and persona in one sweep, whether the rows come at once or in slices.
 */
export function journeyTallyPass(map: Pick<JourneyMap, "feedback" | "touchpoints">): FeedbackPass<JourneyFeedbackTallies> {
  const stageOfTouchpoint = new Map(map.touchpoints.map((t) => [t.id, t.stageId]));
  const rows = map.feedback;
  const result: JourneyFeedbackTallies = {
    overall: createTally(),
    noStage: createTally(),
    byStage: new Map(),
    byTouchpoint: new Map(),
    byPersona: new Map(),
  };
  return {
    read(from, to) {
      for (let i = from; i < to; i++) {
        const row = rows[i];
        if (row === undefined) continue;
        addToTally(result.overall, row);
        const stageId = feedbackStageId(row, stageOfTouchpoint);
        addToTally(stageId === null ? result.noStage : tallyOf(result.byStage, stageId), row);
        if (row.touchpointId !== null) addToTally(tallyOf(result.byTouchpoint, row.touchpointId), row);
        if (row.personaId !== null) addToTally(tallyOf(result.byPersona, row.personaId), row);
      }
    },
    finish: () => result,
  };
}

/** One pass over the map's feedback, grouping by stage, touchpoint and persona. */
export function tallyJourneyFeedback(map: Pick<JourneyMap, "feedback" | "touchpoints">): JourneyFeedbackTallies {
  return runPass(journeyTallyPass(map), map.feedback.length);
}

/** The metrics of a group, or the all-null metrics of a group that has no feedback. */
export function metricsOf(groups: ReadonlyMap<string, FeedbackTally>, key: string): SatisfactionMetrics {
  return summariseTally(groups.get(key) ?? createTally());
}
