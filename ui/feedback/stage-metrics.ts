/**
 * Metrics per stage of a map's feedback, computed slice by slice so that they appear right after an
 * import of 200,000 rows without a long task. The arithmetic is shared/metrics.ts's own
 * (`addToTally`, `summariseTally`, `feedbackStageId`), as `tallyJourneyFeedback` uses it.
 */
import { addToTally, createTally, feedbackStageId, summariseTally, type FeedbackTally, type SatisfactionMetrics } from "../../shared/metrics";
import type { JourneyMap } from "../../shared/model";
import type { Yield } from "./csv-file";

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
  yieldToHost: Yield,
): Promise<StageMetrics> {
  const stageOfTouchpoint = new Map(map.touchpoints.map((t) => [t.id, t.stageId]));
  const byStage = new Map<string, FeedbackTally>(map.stages.map((s) => [s.id, createTally()]));
  const unassigned = createTally();
  const overall = createTally();
  const rows = map.feedback;
  for (let start = 0; start < rows.length; start += ROWS_PER_SLICE) {
    const end = Math.min(rows.length, start + ROWS_PER_SLICE);
    for (let i = start; i < end; i++) {
      const row = rows[i];
      if (row === undefined) continue;
      addToTally(overall, row);
      const stageId = feedbackStageId(row, stageOfTouchpoint);
      addToTally((stageId === null ? undefined : byStage.get(stageId)) ?? unassigned, row);
    }
    if (end < rows.length) await yieldToHost();
  }
  return {
    stages: map.stages.map((s) => ({ stageId: s.id, name: s.name, ...summariseTally(byStage.get(s.id) ?? createTally()) })),
    unassigned: summariseTally(unassigned),
    overall: summariseTally(overall),
  };
}
