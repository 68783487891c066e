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
import { SummaryReader, type SummaryGroup } from "./summary";

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
 * Counts over a group of feedback rows, filled in one pass by `addToTally` (or from a summary by
 * `addGroupToTally`). Every count is a whole number and the ratings are kept as a histogram, so
 * that the sums the metrics need are taken in one fixed order (`summariseTally`): the same rows give
 * exactly the same figures whether they are read one by one or from an exact summary (summary.ts).
 */
export interface FeedbackTally {
  /** Every feedback row, response or not. */
  rows: number;
  rated: number;
  textOnly: number;
  /** Ratings on a 1–5 scale, and those ≥ 4. */
  csatRatings: number;
  csatSatisfied: number;
  /** Ratings on a 0–10 scale, those 9–10 and those 0–6. */
  npsRatings: number;
  npsPromoters: number;
  npsDetractors: number;
  /** Ratings on a 1–7 scale. */
  cesRatings: number;
  /** Questions left unanswered (known only from summaries of wide surveys); not rows. */
  noAnswer: number;
  /** How many rows gave each rating, by scale ("min:max") and value. */
  ratings: Map<string, Map<number, number>>;
  /** The scale last added to and its values (rows of one import share a scale): saves a lookup per row. */
  last?: { min: number; max: number; values: Map<number, number> };
}

/** An empty tally: no rows yet. */
export function createTally(): FeedbackTally {
  const tally: FeedbackTally = {
    rows: 0,
    rated: 0,
    textOnly: 0,
    csatRatings: 0,
    csatSatisfied: 0,
    npsRatings: 0,
    npsPromoters: 0,
    npsDetractors: 0,
    cesRatings: 0,
    noAnswer: 0,
    ratings: new Map(),
  };
  // A cache, not a count: left out of comparisons and of JSON.
  Object.defineProperty(tally, "last", { value: undefined, writable: true, enumerable: false, configurable: true });
  return tally;
}

/** Adds `count` rows that all gave `rating` on `scale`. */
export function addRatingsToTally(tally: FeedbackTally, rating: number, scale: RatingScale, count: number): void {
  tally.rows += count;
  tally.rated += count;
  const last = tally.last;
  let values: Map<number, number> | undefined;
  if (last !== undefined && last.min === scale.min && last.max === scale.max) values = last.values;
  else {
    const key = `${scale.min}:${scale.max}`;
    values = tally.ratings.get(key);
    if (values === undefined) tally.ratings.set(key, (values = new Map()));
    tally.last = { min: scale.min, max: scale.max, values };
  }
  values.set(rating, (values.get(rating) ?? 0) + count);
  if (isScale(scale, 1, 5)) {
    tally.csatRatings += count;
    if (rating >= 4) tally.csatSatisfied += count;
  } else if (isScale(scale, 0, 10)) {
    tally.npsRatings += count;
    // Promoters rate 9–10, detractors 0–6; anything in between (7, 8, or 6.5) is passive.
    if (rating >= 9) tally.npsPromoters += count;
    else if (rating <= 6) tally.npsDetractors += count;
  } else if (isScale(scale, 1, 7)) {
    tally.cesRatings += count;
  }
}

/** Adds one feedback row to a tally. */
export function addToTally(tally: FeedbackTally, feedback: Pick<Feedback, "rating" | "scale" | "text">): void {
  const { rating, scale } = feedback;
  if (rating === null || scale === null) {
    tally.rows++;
    if (feedback.text.trim() !== "") tally.textOnly++;
    return;
  }
  addRatingsToTally(tally, rating, scale, 1);
}

/** Adds a summary group (summary.ts) to a tally: the same as adding the rows it counts. */
export function addGroupToTally(tally: FeedbackTally, group: SummaryGroup): void {
  tally.rows += group.textOnly + group.empty;
  tally.textOnly += group.textOnly;
  tally.noAnswer += group.noAnswer;
  if (group.scale !== null) {
    for (let i = 0; i < group.values.length; i++) addRatingsToTally(tally, group.values[i] as number, group.scale, group.counts[i] as number);
  }
}

/** Adds one tally to another. */
export function mergeTally(into: FeedbackTally, from: FeedbackTally): void {
  into.rows += from.rows - from.rated;
  into.textOnly += from.textOnly;
  into.noAnswer += from.noAnswer;
  for (const [key, values] of from.ratings) {
    const [min, max] = key.split(":").map(Number) as [number, number];
    for (const [value, count] of values) addRatingsToTally(into, value, { min, max }, count);
  }
}

/**
 * Σ s and Σ s² over the rated rows (s: normalised satisfaction) and Σ of the 1–7 ratings, summed in
 * a fixed order (scales, then values, ascending): the spread a performance interval needs too.
 */
export function ratingSums(tally: Pick<FeedbackTally, "ratings">): { satisfactionSum: number; satisfactionSquares: number; cesSum: number } {
  let satisfactionSum = 0;
  let satisfactionSquares = 0;
  let cesSum = 0;
  for (const key of [...tally.ratings.keys()].sort()) {
    const [min, max] = key.split(":").map(Number) as [number, number];
    const scale = { min, max };
    const values = tally.ratings.get(key) as Map<number, number>;
    const ces = isScale(scale, 1, 7);
    for (const value of [...values.keys()].sort((a, b) => a - b)) {
      const count = values.get(value) as number;
      const s = normalisedSatisfaction(value, scale);
      satisfactionSum += count * s;
      satisfactionSquares += count * s * s;
      if (ces) cesSum += count * value;
    }
  }
  return { satisfactionSum, satisfactionSquares, cesSum };
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
  const { satisfactionSum, cesSum } = ratingSums(tally);
  const meanSatisfaction = tally.rated === 0 ? null : satisfactionSum / tally.rated;
  return {
    responses: tally.rated + tally.textOnly,
    rated: tally.rated,
    csat: csatFromCounts(tally.csatSatisfied, tally.csatRatings),
    nps: npsFromCounts(tally.npsPromoters, tally.npsDetractors, tally.npsRatings),
    ces: cesFromSum(cesSum, tally.cesRatings),
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
  /** Feedback linked to no touchpoint. */
  noTouchpoint: FeedbackTally;
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

/** The feedback of one stage, touchpoint and persona: what a row is added to before the groups are merged. */
interface CellTally {
  stageId: string | null;
  touchpointId: string | null;
  personaId: string | null;
  tally: FeedbackTally;
}

/**
 * The tallies of a map's feedback as a pass fed range by range (see feedback-pass.ts): each row is
 * added to the tally of its stage × touchpoint × persona cell, whether the rows come at once or in
 * slices; the map's summary (summary.ts) is added to the same cells; `finish` merges the cells
 * into the overall, stage, touchpoint and persona tallies.
 */
export function journeyTallyPass(map: Pick<JourneyMap, "feedback" | "touchpoints" | "summary">): FeedbackPass<JourneyFeedbackTallies> {
  const stageOfTouchpoint = new Map(map.touchpoints.map((t) => [t.id, t.stageId]));
  const rows = map.feedback;
  // touchpoint → persona → cells (one per stage; nearly always one), so that finding a row's cell
  // makes no string and takes two lookups
  const cells: CellTally[] = [];
  const index = new Map<string | null, Map<string | null, CellTally[]>>();
  const cellOf = (stageId: string | null, touchpointId: string | null, personaId: string | null): FeedbackTally => {
    let byPersona = index.get(touchpointId);
    if (byPersona === undefined) index.set(touchpointId, (byPersona = new Map()));
    let byStage = byPersona.get(personaId);
    if (byStage === undefined) byPersona.set(personaId, (byStage = []));
    for (const cell of byStage) if (cell.stageId === stageId) return cell.tally;
    const cell: CellTally = { stageId, touchpointId, personaId, tally: createTally() };
    byStage.push(cell);
    cells.push(cell);
    return cell.tally;
  };
  if (map.summary !== undefined) {
    const reader = new SummaryReader(map.summary);
    for (let i = 0; i < reader.size; i++) {
      const group = reader.read(i);
      addGroupToTally(cellOf(feedbackStageId(group, stageOfTouchpoint), group.touchpointId, group.personaId), group);
    }
  }
  return {
    read(from, to) {
      for (let i = from; i < to; i++) {
        const row = rows[i];
        if (row === undefined) continue;
        addToTally(cellOf(feedbackStageId(row, stageOfTouchpoint), row.touchpointId, row.personaId), row);
      }
    },
    finish() {
      const result: JourneyFeedbackTallies = {
        overall: createTally(),
        noStage: createTally(),
        noTouchpoint: createTally(),
        byStage: new Map(),
        byTouchpoint: new Map(),
        byPersona: new Map(),
      };
      for (const { stageId, touchpointId, personaId, tally } of cells) {
        mergeTally(result.overall, tally);
        mergeTally(stageId === null ? result.noStage : tallyOf(result.byStage, stageId), tally);
        mergeTally(touchpointId === null ? result.noTouchpoint : tallyOf(result.byTouchpoint, touchpointId), tally);
        if (personaId !== null) mergeTally(tallyOf(result.byPersona, personaId), tally);
      }
      return result;
    },
  };
}

/** One pass over the map's feedback, grouping by stage, touchpoint and persona. */
export function tallyJourneyFeedback(map: Pick<JourneyMap, "feedback" | "touchpoints" | "summary">): JourneyFeedbackTallies {
  return runPass(journeyTallyPass(map), map.feedback.length);
}

/** The metrics of a group, or the all-null metrics of a group that has no feedback. */
export function metricsOf(groups: ReadonlyMap<string, FeedbackTally>, key: string): SatisfactionMetrics {
  return summariseTally(groups.get(key) ?? createTally());
}
