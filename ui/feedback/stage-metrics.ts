/**
 * Metrics per stage of a map's feedback, computed slice by slice so that they appear right after an
 * import of 200,000 rows without a long task: shared/metrics.ts's own pass (`journeyTallyPass`), as
 * the analysis reads it.
 */
import { runPassInSlices, type YieldToHost } from "../../shared/feedback-pass";
import { createTally, journeyTallyPass, summariseTally, type SatisfactionMetrics } from "../../shared/metrics";
import type { JourneyMap } from "../../shared/model";

export interface StageMetricsRow extends SatisfactionMetrics {
  stageId: string;
  name: string;
}

export interface StageMetrics {
  stages: StageMetricsRow[];
  /** Rows that belong to no stage. */
  unassigned: SatisfactionMetrics;
  overall: SatisfactionMetrics;
}

const ROWS_PER_SLICE = 25_000;

export async function stageMetricsAsync(
  map: Pick<JourneyMap, "stages" | "touchpoints" | "feedback">,
  yieldToHost: YieldToHost,
): Promise<StageMetrics> {
  const tallies = await runPassInSlices(journeyTallyPass(map), map.feedback.length, yieldToHost, ROWS_PER_SLICE);
  return {
    stages: map.stages.map((s) => ({ stageId: s.id, name: s.name, ...summariseTally(tallies.byStage.get(s.id) ?? createTally()) })),
    unassigned: summariseTally(tallies.noStage),
    overall: summariseTally(tallies.overall),
  };
}
