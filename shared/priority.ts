/**
 * Which improvements to make first: pain points scored by the map's scoring model
 * ("impact-effort" by default, or RICE, or ICE), placed in the impact/effort quadrants and ranked.
 */
import { SummaryReader, groupRows } from "./summary";
import type { Confidence, JourneyMap, PainPoint, ScoringModel } from "./model";
import type { FeedbackPass, YieldToHost } from "./feedback-pass";
import { runPass, runPassInSlices } from "./feedback-pass";
import { feedbackStageId, type FeedbackTally } from "./metrics";
import { stageExperienceGaps } from "./gaps";

/** The midpoint of the 1–5 impact and effort scales, splitting the quadrants. */
export const IMPACT_EFFORT_MIDPOINT = 3;

export const PRIORITY_QUADRANTS = ["quick win", "major project", "fill-in", "thankless"] as const;
export type PriorityQuadrant = (typeof PRIORITY_QUADRANTS)[number];

/** impact = (severity + frequency)/2, on 1–5. */
export function painPointImpact(severity: number, frequency: number): number {
  return (severity + frequency) / 2;
}

/**
 * Quadrant, midpoint 3: quick win (impact ≥ 3, effort < 3), major project (impact ≥ 3, effort ≥ 3),
 * fill-in (impact < 3, effort < 3), thankless (impact < 3, effort ≥ 3).
 */
export function priorityQuadrant(impact: number, effort: number): PriorityQuadrant {
  const high = impact >= IMPACT_EFFORT_MIDPOINT;
  const hard = effort >= IMPACT_EFFORT_MIDPOINT;
  if (high) return hard ? "major project" : "quick win";
  return hard ? "thankless" : "fill-in";
}

/**
 * Default model "impact-effort": score = impact × confidence / effort × (1 + g/4),
 * where g = max(0, experience gap of the pain point's stage), 0 when the gap is unknown.
 */
export function impactEffortScore(impact: number, confidence: number, effort: number, stageGap: number | null): number {
  const g = Math.max(0, stageGap ?? 0);
  return ((impact * confidence) / effort) * (1 + g / 4);
}

/** RICE impact from severity 1…5 → 0.25, 0.5, 1, 2, 3. */
export const RICE_IMPACT_BY_SEVERITY: readonly number[] = [0.25, 0.5, 1, 2, 3];

/** RICE impact of a 1–5 severity (see `RICE_IMPACT_BY_SEVERITY`). */
export function riceImpact(severity: number): number {
  const index = Math.min(5, Math.max(1, Math.round(severity))) - 1;
  return RICE_IMPACT_BY_SEVERITY[index] ?? 1;
}

/**
 * Reach for RICE: the manual reach where set, else the linked feedback count (the number of
 * distinct evidence ids).
 */
export function riceReach(painPoint: Pick<PainPoint, "reach" | "evidence">): number {
  return painPoint.reach ?? new Set(painPoint.evidence).size;
}

/**
 * RICE = reach × impact × confidence / effort. A manual reach near the largest number would
 * overflow: the score is then `Number.MAX_VALUE`, so that it stays finite and survives JSON.
 */
export function riceScore(reach: number, impact: number, confidence: number, effort: number): number {
  return Math.min(Number.MAX_VALUE, (reach * impact * confidence) / effort);
}

/** ICE inputs, each on a 1–10 scale. */
export interface IceInputs {
  impact: number;
  confidence: number;
  ease: number;
}

/**
 * The ICE inputs of a pain point: its own `ice` where set, else derived from the 1–5 scores:
 * impact = severity × 2 (2…10), confidence = confidence × 10 (5, 8 or 10),
 * ease = (6 − effort) × 2 (effort 1 → 10 … effort 5 → 2).
 */
export function iceInputs(painPoint: Pick<PainPoint, "ice" | "severity" | "confidence" | "effort">): IceInputs {
  if (painPoint.ice !== null) return painPoint.ice;
  return {
    impact: painPoint.severity * 2,
    confidence: painPoint.confidence * 10,
    ease: (6 - painPoint.effort) * 2,
  };
}

/** ICE = mean of impact, confidence and ease on 1–10 scales. */
export function iceScore(inputs: IceInputs): number {
  return (inputs.impact + inputs.confidence + inputs.ease) / 3;
}

/**
 * Frequency derived from the share of the stage's feedback linked to the pain point, in quintiles:
 * share ≤ 20 % → 1, ≤ 40 % → 2, ≤ 60 % → 3, ≤ 80 % → 4, > 80 % → 5; no stage feedback → 1.
 * Compared in integers (linked × 5 ≤ total × k) so that 2 of 10 is exactly the 20 % boundary.
 */
export function frequencyFromShare(linked: number, stageFeedback: number): number {
  if (stageFeedback <= 0) return 1;
  for (let k = 1; k < 5; k++) if (linked * 5 <= stageFeedback * k) return k;
  return 5;
}

/** How the stage's feedback and each pain point's evidence line up, for derived frequencies. */
export interface FrequencyBasis {
  /** Feedback rows per stage id (every row of the stage, as `feedbackStageId` assigns it). */
  stageRows: ReadonlyMap<string, number>;
  /** The stage of each feedback row named as evidence by some pain point. */
  evidenceStage: ReadonlyMap<string, string | null>;
}

/** The journey's feedback tallies by stage (metrics.ts), when the caller has them: their rows are each stage's rows. */
type StageTallies = ReadonlyMap<string, Pick<FeedbackTally, "rows">>;

/**
 * Counting rows per stage and locating every evidence row, as a pass fed range by range. With the
 * journey's tallies by stage at hand (`analyseJourney` has them), their rows are the stage rows, and
 * the pass only locates the evidence: the summary is not read again.
 */
export function frequencyBasisPass(
  map: Pick<JourneyMap, "feedback" | "touchpoints" | "painPoints" | "summary">,
  stageTallies?: StageTallies,
): FeedbackPass<FrequencyBasis> {
  const stageOfTouchpoint = new Map(map.touchpoints.map((t) => [t.id, t.stageId]));
  const evidence = new Set<string>();
  for (const p of map.painPoints) for (const id of p.evidence) evidence.add(id);
  const rows = map.feedback;
  const counting = stageTallies === undefined;
  const stageRows = new Map<string, number>();
  if (stageTallies !== undefined) for (const [stageId, tally] of stageTallies) stageRows.set(stageId, tally.rows);
  // The rows a summary counts are rows of their stage as much as the rows kept one by one.
  else if (map.summary !== undefined) {
    const reader = new SummaryReader(map.summary);
    for (let i = 0; i < reader.size; i++) {
      const group = reader.read(i);
      const stageId = feedbackStageId(group, stageOfTouchpoint);
      if (stageId !== null) stageRows.set(stageId, (stageRows.get(stageId) ?? 0) + groupRows(group));
    }
  }
  const evidenceStage = new Map<string, string | null>();
  return {
    read(from, to) {
      for (let i = from; i < to; i++) {
        const row = rows[i];
        if (row === undefined) continue;
        const cited = evidence.has(row.id);
        if (!counting && !cited) continue;
        const stageId = feedbackStageId(row, stageOfTouchpoint);
        if (counting && stageId !== null) stageRows.set(stageId, (stageRows.get(stageId) ?? 0) + 1);
        if (cited) evidenceStage.set(row.id, stageId);
      }
    },
    finish: () => ({ stageRows, evidenceStage }),
  };
}

/** One pass over the feedback, counting rows per stage and locating every evidence row. */
export function frequencyBasis(map: Pick<JourneyMap, "feedback" | "touchpoints" | "painPoints" | "summary">): FrequencyBasis {
  return runPass(frequencyBasisPass(map), map.feedback.length);
}

/**
 * The frequency of a pain point: its own where set, else derived (see `frequencyFromShare`),
 * where "linked" counts the distinct evidence ids whose feedback row belongs to the pain point's stage.
 */
export function painPointFrequency(
  painPoint: Pick<PainPoint, "frequency" | "stageId" | "evidence">,
  basis: FrequencyBasis,
): { frequency: number; derived: boolean } {
  if (painPoint.frequency !== null) return { frequency: painPoint.frequency, derived: false };
  let linked = 0;
  for (const id of new Set(painPoint.evidence)) if (basis.evidenceStage.get(id) === painPoint.stageId) linked++;
  return { frequency: frequencyFromShare(linked, basis.stageRows.get(painPoint.stageId) ?? 0), derived: true };
}

/** One ranked pain point. `impact` and `quadrant` are the impact/effort ones whatever the model. */
export interface Priority {
  painPointId: string;
  title: string;
  stageId: string;
  stageName: string;
  impact: number;
  effort: number;
  severity: number;
  frequency: number;
  frequencyDerived: boolean;
  confidence: Confidence;
  score: number;
  /** 1 is the first thing to do; ranks are 1…n with no ties. */
  rank: number;
  quadrant: PriorityQuadrant;
  model: ScoringModel;
}

/** What a prior analysis already knows, so `prioritise` need not recompute stage gaps. */
export interface PriorityContext {
  readonly stages: readonly { readonly stageId: string; readonly gap: number | null }[];
}

/** Locale-independent title order: case-insensitive first, then by UTF-16 code units. */
function compareTitles(a: string, b: string): number {
  const la = a.toLowerCase();
  const lb = b.toLowerCase();
  if (la !== lb) return la < lb ? -1 : 1;
  return a === b ? 0 : a < b ? -1 : 1;
}

/**
 * The ranking order: score descending, then severity descending, then title ascending
 * (locale-independent), then id ascending, so that the order never depends on input order.
 */
export function comparePriorities(
  a: Pick<Priority, "score" | "severity" | "title" | "painPointId">,
  b: Pick<Priority, "score" | "severity" | "title" | "painPointId">,
): number {
  if (a.score !== b.score) return b.score - a.score;
  if (a.severity !== b.severity) return b.severity - a.severity;
  const byTitle = compareTitles(a.title, b.title);
  if (byTitle !== 0) return byTitle;
  return a.painPointId === b.painPointId ? 0 : a.painPointId < b.painPointId ? -1 : 1;
}

type PriorityMap = Pick<JourneyMap, "stages" | "touchpoints" | "feedback" | "painPoints" | "settings">;

/** The frequency basis costs a pass over the feedback: only worth it when some frequency is to be derived. */
function derivesFrequency(map: Pick<JourneyMap, "painPoints">): boolean {
  return map.painPoints.some((p) => p.frequency === null);
}

const NO_BASIS: FrequencyBasis = { stageRows: new Map(), evidenceStage: new Map() };

/**
 * Scores and ranks the map's pain points by its scoring model (`map.settings.scoring`), in rank order.
 * Pass the map's analysis to reuse its stage gaps, and its stage tallies to reuse their rows for
 * derived frequencies; without them both are computed from the feedback.
 */
export function prioritise(map: PriorityMap, analysis?: PriorityContext, stageTallies?: StageTallies): Priority[] {
  const gaps: ReadonlyMap<string, number | null> =
    analysis === undefined ? stageExperienceGaps(map) : gapsOf(analysis);
  return rankPainPoints(map, gaps, derivesFrequency(map) ? runPass(frequencyBasisPass(map, stageTallies), map.feedback.length) : NO_BASIS);
}

/** Rows `prioritiseAsync` reads between two turns of the host: about a millisecond's work. */
export const PRIORITY_ROWS_PER_SLICE = 10_000;

/**
 * `prioritise` with the map's analysis at hand, reading the feedback (for derived frequencies)
 * `rowsPerSlice` rows at a time and giving the host a turn in between. The ranking is the same.
 */
export async function prioritiseAsync(
  map: PriorityMap,
  analysis: PriorityContext,
  yieldToHost: YieldToHost,
  rowsPerSlice: number = PRIORITY_ROWS_PER_SLICE,
  stageTallies?: StageTallies,
): Promise<Priority[]> {
  const basis = derivesFrequency(map)
    ? await runPassInSlices(frequencyBasisPass(map, stageTallies), map.feedback.length, yieldToHost, rowsPerSlice)
    : NO_BASIS;
  return rankPainPoints(map, gapsOf(analysis), basis);
}

function gapsOf(analysis: PriorityContext): ReadonlyMap<string, number | null> {
  return new Map(analysis.stages.map((s) => [s.stageId, s.gap]));
}

function rankPainPoints(
  map: PriorityMap,
  gaps: ReadonlyMap<string, number | null>,
  basis: FrequencyBasis,
): Priority[] {
  const model = map.settings.scoring;
  const stageNames = new Map(map.stages.map((s) => [s.id, s.name]));
  const unranked = map.painPoints.map((p): Priority => {
    const { frequency, derived } = painPointFrequency(p, basis);
    const impact = painPointImpact(p.severity, frequency);
    let score: number;
    if (model === "rice") score = riceScore(riceReach(p), riceImpact(p.severity), p.confidence, p.effort);
    else if (model === "ice") score = iceScore(iceInputs(p));
    else score = impactEffortScore(impact, p.confidence, p.effort, gaps.get(p.stageId) ?? null);
    return {
      painPointId: p.id,
      title: p.title,
      stageId: p.stageId,
      stageName: stageNames.get(p.stageId) ?? "",
      impact,
      effort: p.effort,
      severity: p.severity,
      frequency,
      frequencyDerived: derived,
      confidence: p.confidence,
      score,
      rank: 0,
      quadrant: priorityQuadrant(impact, p.effort),
      model,
    };
  });
  unranked.sort(comparePriorities);
  return unranked.map((p, index) => ({ ...p, rank: index + 1 }));
}
