/**
 * Metrics per stage of a map's feedback, computed slice by slice so that they appear right after an
 * import of 200,000 rows without a long task: shared/metrics.ts's own pass (`journeyTallyPass`), as
 * the analysis reads it.
 */
import { runPassInSlices, type FeedbackPass, type YieldToHost } from "../../shared/feedback-pass";
import {
  addToTally,
  createTally,
  journeyTallyPass,
  summariseTally,
  type JourneyFeedbackTallies,
  type SatisfactionMetrics,
} from "../../shared/metrics";
import { UNASSIGNED_STAGE } from "../../shared/csv";
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

/** The feedback the map's stages and touchpoints do not hold, for Insights to show beside them. */
export interface OutsideMap {
  noStage: SatisfactionMetrics;
  noTouchpoint: SatisfactionMetrics;
  /** Responses in the stage an import makes for touchpoints whose stage it was not told ("Unassigned"). */
  inUnassignedStage: number;
}

export async function outsideMapAsync(
  map: Pick<JourneyMap, "stages" | "touchpoints" | "feedback">,
  yieldToHost: YieldToHost,
): Promise<OutsideMap> {
  const unassigned = map.stages.find((s) => s.name === UNASSIGNED_STAGE)?.id;
  const noTouchpoint = createTally();
  const rows = map.feedback;
  const stages = journeyTallyPass(map);
  const pass: FeedbackPass<JourneyFeedbackTallies> = {
    read(from, to) {
      stages.read(from, to);
      for (let i = from; i < to; i++) {
        const row = rows[i];
        if (row !== undefined && row.touchpointId === null) addToTally(noTouchpoint, row);
      }
    },
    finish: () => stages.finish(),
  };
  const tallies = await runPassInSlices(pass, rows.length, yieldToHost, ROWS_PER_SLICE);
  return {
    noStage: summariseTally(tallies.noStage),
    noTouchpoint: summariseTally(noTouchpoint),
    inUnassignedStage: summariseTally(tallies.byStage.get(unassigned ?? "") ?? createTally()).responses,
  };
}
