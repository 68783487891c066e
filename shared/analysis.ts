/**
 * The analysis of a journey map: metrics, gaps, emotions, data backing, KPI status, priorities
 * and blind spots in one report, shared by the command line and the panel.
 *
 * Percentages (CSAT, NPS) are numbers −100…100, unrounded (rounding is for display); a metric
 * without data is null. The feedback is read once, grouped by stage, touchpoint and persona, so
 * 200,000 rows cost one pass whatever the number of stages; the panel reads them in slices
 * (`analyseJourneyAsync`), with the same passes and the same result.
 */
import type { JourneyMap } from "./model";
import type { DataBacking, EmotionSource, ImportancePerformanceQuadrant, BlindSpot, KpiStatus } from "./gaps";
import {
  DEFAULT_IMPORTANCE,
  dataBacking,
  experienceGap,
  expectationsMet,
  findBlindSpots,
  kpiShortfall,
  kpiStatus,
  reconciledQuadrant,
  stageEmotion,
  stageImportances,
  touchpointImportance,
} from "./gaps";
import type { YieldToHost } from "./feedback-pass";
import { runPass, runPassInSlices } from "./feedback-pass";
import type { FeedbackTally, JourneyFeedbackTallies, SatisfactionMetrics } from "./metrics";
import { journeyTallyPass, metricsOf, summariseTally, tallyJourneyFeedback } from "./metrics";
import type { Priority } from "./priority";
import { prioritise, prioritiseAsync } from "./priority";
import type { FigureMargins } from "./confidence";
import { figureMargins } from "./confidence";
import type { ImportanceChoice, ImportanceSource } from "./importance";
import { chooseImportance, needsTouchpointDrivers, touchpointDriversPass } from "./importance";

/** The figures every part of the analysis states (metrics.ts): responses (rated + text-only), rated, CSAT, NPS, CES, performance. */
export type MetricFigures = Omit<SatisfactionMetrics, "meanSatisfaction">;

export type OverallAnalysis = MetricFigures;

/** Metrics, gap and emotion of a stage or touchpoint. */
export interface ExperienceAnalysis extends MetricFigures {
  name: string;
  importance: number;
  /** I − P; null without rated feedback. */
  gap: number | null;
  /** false when gap > settings.gapThreshold; null without a gap. */
  expectationsMet: boolean | null;
  quadrant: ImportancePerformanceQuadrant | null;
  /** −2…2; a touchpoint's comes from its feedback only (touchpoints have no manual emotion). */
  emotion: number | null;
  emotionSource: EmotionSource | null;
  backing: DataBacking;
  /** Half-widths of the 95% intervals of CSAT, NPS and performance (confidence.ts). */
  margins: FigureMargins;
}

export interface StageAnalysis extends ExperienceAnalysis {
  stageId: string;
}

export interface TouchpointAnalysis extends ExperienceAnalysis {
  touchpointId: string;
  stageId: string;
  /** The stage's name. */
  stage: string;
}

export interface PersonaAnalysis extends MetricFigures {
  personaId: string;
  name: string;
  backing: DataBacking;
}

export interface KpiAnalysis {
  kpiId: string;
  name: string;
  stageId: string;
  /** The stage's name. */
  stage: string;
  direction: "higher" | "lower";
  current: number | null;
  target: number;
  unit: string;
  shortfall: number | null;
  status: KpiStatus;
}

/** The figures of responses that sit outside the map's stages or touchpoints ("No stage", "No touchpoint" rows). */
export type UnassignedAnalysis = MetricFigures;

export interface JourneyAnalysis {
  overall: OverallAnalysis;
  /**
   * Responses linked to no stage, and to no touchpoint, with their figures; `complete` is false while
   * any response has no stage, since such responses may be about a stage the blind spots list.
   */
  unassigned: { noStage: UnassignedAnalysis; noTouchpoint: UnassignedAnalysis; complete: boolean };
  stages: StageAnalysis[];
  touchpoints: TouchpointAnalysis[];
  personas: PersonaAnalysis[];
  kpis: KpiAnalysis[];
  priorities: Priority[];
  blindSpots: BlindSpot[];
  /**
   * Which importance the gaps and quadrants use (settings.importance), the outcome derived importance
   * comes from, and the touchpoints whose importance is derived (importance.ts).
   */
  importance: { source: ImportanceSource; outcome: string | null; derived: string[] };
}

function metricFields(m: SatisfactionMetrics): MetricFigures {
  return { responses: m.responses, rated: m.rated, csat: m.csat, nps: m.nps, ces: m.ces, performance: m.performance };
}

/** Analyses a journey map: see `JourneyAnalysis`. */
export function analyseJourney(map: JourneyMap): JourneyAnalysis {
  const tallies = tallyJourneyFeedback(map);
  const drivers = needsTouchpointDrivers(map) ? runPass(touchpointDriversPass(map), map.feedback.length) : null;
  const analysis = analysisOfTallies(map, tallies, chooseImportance(map, drivers));
  return withPriorities(analysis, prioritise(map, analysis, tallies.byStage));
}

/** Rows `analyseJourneyAsync` reads between two turns of the host: about a millisecond's work. */
export const ANALYSIS_ROWS_PER_SLICE = 10_000;

/**
 * `analyseJourney`, reading the feedback `rowsPerSlice` rows at a time and giving the host a turn
 * in between (a panel stays responsive on 200,000 rows). The same passes, so the same report.
 */
export async function analyseJourneyAsync(
  map: JourneyMap,
  yieldToHost: YieldToHost,
  rowsPerSlice: number = ANALYSIS_ROWS_PER_SLICE,
): Promise<JourneyAnalysis> {
  const tallies = await runPassInSlices(journeyTallyPass(map), map.feedback.length, yieldToHost, rowsPerSlice);
  const drivers = needsTouchpointDrivers(map)
    ? await runPassInSlices(touchpointDriversPass(map), map.feedback.length, yieldToHost, rowsPerSlice)
    : null;
  const analysis = analysisOfTallies(map, tallies, chooseImportance(map, drivers));
  return withPriorities(analysis, await prioritiseAsync(map, analysis, yieldToHost, rowsPerSlice, tallies.byStage));
}

/** Everything but the priorities, which need the stage gaps first. */
type AnalysisOfTallies = Omit<JourneyAnalysis, "priorities">;

/** The report's fields in their usual order (the command line prints them as JSON). */
function withPriorities(analysis: AnalysisOfTallies, priorities: Priority[]): JourneyAnalysis {
  const { overall, unassigned, stages, touchpoints, personas, kpis, blindSpots, importance } = analysis;
  return { overall, unassigned, stages, touchpoints, personas, kpis, priorities, blindSpots, importance };
}

function analysisOfTallies(map: JourneyMap, tallies: JourneyFeedbackTallies, choice: ImportanceChoice): AnalysisOfTallies {
  const { gapThreshold, backedResponses } = map.settings;
  const importanceOf = (t: JourneyMap["touchpoints"][number]) => choice.byTouchpoint.get(t.id) ?? touchpointImportance(t);
  const importanceOfStage = stageImportances(
    choice.derived.size === 0 ? map : { stages: map.stages, touchpoints: map.touchpoints.map((t) => ({ ...t, importance: importanceOf(t) })) },
  );
  const stageNames = new Map(map.stages.map((s) => [s.id, s.name]));

  const experience = (
    name: string,
    metrics: SatisfactionMetrics,
    importance: number,
    manualEmotion: number | null,
    tally: FeedbackTally | undefined,
  ): ExperienceAnalysis => {
    const gap = experienceGap(importance, metrics.performance);
    const emotion = stageEmotion({ emotion: manualEmotion }, metrics);
    const margins = figureMargins(tally);
    return {
      name,
      ...metricFields(metrics),
      importance,
      gap,
      expectationsMet: expectationsMet(gap, gapThreshold),
      quadrant: reconciledQuadrant(importance, metrics.performance, gapThreshold),
      emotion: emotion.value,
      emotionSource: emotion.source,
      backing: dataBacking(metrics.responses, backedResponses, margins.performance),
      margins,
    };
  };

  const stages: StageAnalysis[] = map.stages.map((s) => ({
    stageId: s.id,
    ...experience(
      s.name,
      metricsOf(tallies.byStage, s.id),
      importanceOfStage.get(s.id) ?? DEFAULT_IMPORTANCE,
      s.emotion,
      tallies.byStage.get(s.id),
    ),
  }));

  const touchpoints: TouchpointAnalysis[] = map.touchpoints.map((t) => ({
    touchpointId: t.id,
    stageId: t.stageId,
    stage: stageNames.get(t.stageId) ?? "",
    ...experience(t.name, metricsOf(tallies.byTouchpoint, t.id), importanceOf(t), null, tallies.byTouchpoint.get(t.id)),
  }));

  const personas: PersonaAnalysis[] = map.personas.map((p) => {
    const metrics = metricsOf(tallies.byPersona, p.id);
    return {
      personaId: p.id,
      name: p.name,
      ...metricFields(metrics),
      backing: dataBacking(metrics.responses, backedResponses, figureMargins(tallies.byPersona.get(p.id)).performance),
    };
  });

  const kpis: KpiAnalysis[] = map.kpis.map((k) => {
    const shortfall = kpiShortfall(k);
    return {
      kpiId: k.id,
      name: k.name,
      stageId: k.stageId,
      stage: stageNames.get(k.stageId) ?? "",
      direction: k.direction,
      current: k.current,
      target: k.target,
      unit: k.unit,
      shortfall,
      status: kpiStatus(shortfall),
    };
  });

  const overallMetrics = summariseTally(tallies.overall);
  const noStage = metricFields(summariseTally(tallies.noStage));
  return {
    overall: {
      responses: overallMetrics.responses,
      rated: overallMetrics.rated,
      csat: overallMetrics.csat,
      nps: overallMetrics.nps,
      ces: overallMetrics.ces,
      performance: overallMetrics.performance,
    },
    unassigned: {
      noStage,
      noTouchpoint: metricFields(summariseTally(tallies.noTouchpoint)),
      complete: noStage.responses === 0,
    },
    stages,
    touchpoints,
    personas,
    kpis,
    blindSpots: findBlindSpots(map, tallies),
    importance: { source: choice.source, outcome: choice.outcome, derived: [...choice.derived] },
  };
}
