/**
 * Where customer expectations are not met: importance against performance, the emotion curve,
 * how well each stage is backed by data, KPIs against their targets, and blind spots.
 */
import type { JourneyMap, Kpi, Stage, Touchpoint } from "./model";
import { DEFAULT_SETTINGS } from "./model";
import type { FeedbackTally, JourneyFeedbackTallies, SatisfactionMetrics } from "./metrics";
import { metricsOf, tallyJourneyFeedback } from "./metrics";

/** Importance of a touchpoint when nothing says otherwise, and of a stage without touchpoints. */
export const DEFAULT_IMPORTANCE = 3;

/** The midpoint of the 1–5 importance and performance scales, splitting the quadrants. */
export const IMPORTANCE_PERFORMANCE_MIDPOINT = 3;

/**
 * Values within this distance of a threshold count as on it, so that floating-point noise
 * (a performance of 2.9999999999999996) never flips a verdict.
 */
export const TOLERANCE = 1e-9;

/** Importance I ∈ [1, 5] of a touchpoint = the touchpoint's importance (default 3). */
export function touchpointImportance(touchpoint: Pick<Touchpoint, "importance">): number {
  return touchpoint.importance;
}

/** Importance of a stage = the mean of its touchpoints' importance (3 when it has none). */
export function stageImportance(touchpoints: readonly Pick<Touchpoint, "importance">[]): number {
  if (touchpoints.length === 0) return DEFAULT_IMPORTANCE;
  let sum = 0;
  for (const t of touchpoints) sum += touchpointImportance(t);
  return sum / touchpoints.length;
}

/** The importance of every stage of a map, by stage id, in one pass over the touchpoints. */
export function stageImportances(map: Pick<JourneyMap, "stages" | "touchpoints">): Map<string, number> {
  const byStage = new Map<string, Pick<Touchpoint, "importance">[]>();
  for (const t of map.touchpoints) {
    const list = byStage.get(t.stageId);
    if (list === undefined) byStage.set(t.stageId, [t]);
    else list.push(t);
  }
  return new Map(map.stages.map((s) => [s.id, stageImportance(byStage.get(s.id) ?? [])]));
}

/** Experience gap = I − P; null when the performance is unknown. */
export function experienceGap(importance: number, performance: number | null): number | null {
  return performance === null ? null : importance - performance;
}

/**
 * Whether expectations are met: "not met" (false) when gap > threshold (default 0.5);
 * null when the gap is unknown.
 */
export function expectationsMet(
  gap: number | null,
  threshold: number = DEFAULT_SETTINGS.gapThreshold,
): boolean | null {
  return gap === null ? null : !(gap > threshold + TOLERANCE);
}

export const IMPORTANCE_PERFORMANCE_QUADRANTS = [
  "concentrate here",
  "keep up the good work",
  "low priority",
  "possible overkill",
] as const;
export type ImportancePerformanceQuadrant = (typeof IMPORTANCE_PERFORMANCE_QUADRANTS)[number];

/**
 * Importance–performance quadrant, midpoint 3:
 * I ≥ 3 & P < 3 "concentrate here"; I ≥ 3 & P ≥ 3 "keep up the good work";
 * I < 3 & P < 3 "low priority"; I < 3 & P ≥ 3 "possible overkill". Null without P.
 */
export function importancePerformanceQuadrant(
  importance: number,
  performance: number | null,
): ImportancePerformanceQuadrant | null {
  if (performance === null) return null;
  const important = importance >= IMPORTANCE_PERFORMANCE_MIDPOINT - TOLERANCE;
  const performing = performance >= IMPORTANCE_PERFORMANCE_MIDPOINT - TOLERANCE;
  if (important) return performing ? "keep up the good work" : "concentrate here";
  return performing ? "possible overkill" : "low priority";
}

/**
 * The quadrant a stage or touchpoint is labelled with, reconciled with the gap verdict, so that
 * no figure contradicts another: when expectations are not met (gap I − P > threshold), the plain
 * quadrant "keep up the good work" (I ≥ 3, P ≥ 3: e.g. I 5, P 3.5, gap 1.5) becomes
 * "concentrate here": the customer expects much more than they get, whatever the midpoint says.
 * The other quadrants never contradict the verdict: "possible overkill" has I < 3 ≤ P, so its gap
 * is negative and always met; "concentrate here" and "low priority" already say P is low.
 * Every label the product shows (panel, map, command line) comes from here, through analysis.ts.
 */
export function reconciledQuadrant(
  importance: number,
  performance: number | null,
  threshold: number = DEFAULT_SETTINGS.gapThreshold,
): ImportancePerformanceQuadrant | null {
  const quadrant = importancePerformanceQuadrant(importance, performance);
  if (quadrant === "keep up the good work" && expectationsMet(experienceGap(importance, performance), threshold) === false) {
    return "concentrate here";
  }
  return quadrant;
}

/** Emotion ∈ [−2, 2] from feedback = 4 × mean(s) − 2. */
export function emotionFromSatisfaction(meanSatisfaction: number): number {
  return 4 * meanSatisfaction - 2;
}

export type EmotionSource = "manual" | "feedback";

/** A point on the emotion curve, or no point (value and source null). */
export interface StageEmotion {
  value: number | null;
  source: EmotionSource | null;
  /** How many rated responses the stage has: what a feedback-derived value rests on. */
  ratedResponses: number;
}

/**
 * Emotion of a stage ∈ [−2, +2]: the manual value where set, else 4 × mean(s) − 2 from its
 * feedback; no feedback and no manual value = no point on the curve (never a fake zero).
 */
export function stageEmotion(
  stage: Pick<Stage, "emotion">,
  metrics: Pick<SatisfactionMetrics, "rated" | "meanSatisfaction">,
): StageEmotion {
  if (stage.emotion !== null) return { value: stage.emotion, source: "manual", ratedResponses: metrics.rated };
  if (metrics.meanSatisfaction === null) return { value: null, source: null, ratedResponses: metrics.rated };
  return { value: emotionFromSatisfaction(metrics.meanSatisfaction), source: "feedback", ratedResponses: metrics.rated };
}

export type DataBacking = "none" | "thin" | "backed";

/**
 * The widest 95% interval of performance (its half-width, on the 1–5 scale) that still counts as
 * backed: as wide as the default gap threshold, so that a stage counted as backed cannot swing
 * across "expectations not met" on its noise alone.
 */
export const BACKED_PERFORMANCE_HALF_WIDTH = 0.5;

/**
 * Data backing of a stage: "none" (0 rated or text responses); "thin" when it has fewer than
 * backedResponses (default 30) or when its performance's 95% interval is wider than
 * ± BACKED_PERFORMANCE_HALF_WIDTH (30 answers split between 1 and 5 are still thin); else
 * "backed". Without a performance interval (fewer than 2 ratings: text-only responses) the
 * number of responses decides alone.
 */
export function dataBacking(
  responses: number,
  backedResponses: number = DEFAULT_SETTINGS.backedResponses,
  performanceHalfWidth: number | null = null,
): DataBacking {
  if (responses === 0) return "none";
  if (responses < backedResponses) return "thin";
  return performanceHalfWidth !== null && performanceHalfWidth > BACKED_PERFORMANCE_HALF_WIDTH + TOLERANCE ? "thin" : "backed";
}

/**
 * KPI shortfall, relative to the target:
 * higher-is-better = max(0, (target − current)/|target|); lower-is-better = max(0, (current − target)/|target|).
 * Null when the current value is missing.
 *
 * A target of 0 has no relative shortfall (|target| = 0), so the shortfall is then the absolute
 * miss in the KPI's own unit, i.e. the divisor is 1: "errors, lower is better, target 0" with
 * current 0.05 is 0.05 short (at risk), with current 3 is 3 short (missed), with current 0 is met.
 * A shortfall too large for a number (a target of 1e-320) is `Number.MAX_VALUE`, so that the
 * report stays finite and survives JSON.
 */
export function kpiShortfall(kpi: Pick<Kpi, "direction" | "target" | "current">): number | null {
  if (kpi.current === null) return null;
  const miss = kpi.direction === "higher" ? kpi.target - kpi.current : kpi.current - kpi.target;
  const divisor = kpi.target === 0 ? 1 : Math.abs(kpi.target);
  return Math.min(Number.MAX_VALUE, Math.max(0, miss / divisor));
}

export const KPI_STATUSES = ["met", "at risk", "missed", "unknown"] as const;
export type KpiStatus = (typeof KPI_STATUSES)[number];

/** The most a KPI may fall short of its target and still be "at risk" rather than "missed". */
export const KPI_AT_RISK_SHORTFALL = 0.1;

/** KPI status: met (shortfall 0), at risk (≤ 0.10), missed (> 0.10); unknown when current is missing. */
export function kpiStatus(shortfall: number | null): KpiStatus {
  if (shortfall === null) return "unknown";
  if (shortfall <= TOLERANCE) return "met";
  return shortfall <= KPI_AT_RISK_SHORTFALL + TOLERANCE ? "at risk" : "missed";
}

/** A stage or touchpoint with no data at all: no rated and no text response. */
export interface BlindSpot {
  kind: "stage" | "touchpoint";
  id: string;
  name: string;
  stageId: string;
  stageName: string;
}

function hasResponses(tally: FeedbackTally | undefined): boolean {
  return tally !== undefined && tally.rated + tally.textOnly > 0;
}

/**
 * Blind spots: the stages and touchpoints with no data, in map order, each stage followed by its
 * silent touchpoints (a touchpoint can be silent in a stage that has data).
 */
export function findBlindSpots(
  map: Pick<JourneyMap, "stages" | "touchpoints" | "feedback">,
  tallies: JourneyFeedbackTallies = tallyJourneyFeedback(map),
): BlindSpot[] {
  const touchpointsByStage = new Map<string, Touchpoint[]>();
  for (const t of map.touchpoints) {
    const list = touchpointsByStage.get(t.stageId);
    if (list === undefined) touchpointsByStage.set(t.stageId, [t]);
    else list.push(t);
  }
  const spots: BlindSpot[] = [];
  for (const stage of map.stages) {
    if (!hasResponses(tallies.byStage.get(stage.id))) {
      spots.push({ kind: "stage", id: stage.id, name: stage.name, stageId: stage.id, stageName: stage.name });
    }
    for (const t of touchpointsByStage.get(stage.id) ?? []) {
      if (!hasResponses(tallies.byTouchpoint.get(t.id))) {
        spots.push({ kind: "touchpoint", id: t.id, name: t.name, stageId: stage.id, stageName: stage.name });
      }
    }
  }
  return spots;
}

/** The experience gap (I − P) of every stage, by stage id; null where the stage has no rated feedback. */
export function stageExperienceGaps(
  map: Pick<JourneyMap, "stages" | "touchpoints" | "feedback">,
  tallies: JourneyFeedbackTallies = tallyJourneyFeedback(map),
): Map<string, number | null> {
  const importance = stageImportances(map);
  return new Map(
    map.stages.map((s) => [
      s.id,
      experienceGap(importance.get(s.id) ?? DEFAULT_IMPORTANCE, metricsOf(tallies.byStage, s.id).performance),
    ]),
  );
}
