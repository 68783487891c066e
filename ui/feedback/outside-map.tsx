/**
 * The feedback a journey's stages and touchpoints do not hold, for Insights, from the shared
 * analysis (`JourneyAnalysis.unassigned`): "No stage" and "No touchpoint" with their figures, and how
 * many responses are unassigned (in no stage, or in the "Unassigned" stage an import makes for
 * questions whose stage it was not told).
 */
import { UNASSIGNED_STAGE } from "../../shared/csv";
import type { JourneyAnalysis } from "../../shared/analysis";
import { countOf, formatCount } from "../components/common";
import { MetricsTable } from "./import-wizard";

/** How many responses are unassigned, in words; null when none is. */
export function unassignedSentence(analysis: JourneyAnalysis): string | null {
  const noStage = analysis.unassigned.noStage.responses;
  const inUnassigned = analysis.stages.find((s) => s.name === UNASSIGNED_STAGE)?.responses ?? 0;
  if (noStage + inUnassigned === 0) return null;
  return `${countOf(noStage + inUnassigned, "response")} unassigned: ${formatCount(noStage)} in no stage${
    inUnassigned > 0 ? `, ${formatCount(inUnassigned)} in “${UNASSIGNED_STAGE}” (move its touchpoints to their stages in Journey)` : ""
  }.`;
}

export function OutsideMapTable({ analysis }: { analysis: JourneyAnalysis }) {
  const { noStage, noTouchpoint } = analysis.unassigned;
  if (noStage.responses + noTouchpoint.responses === 0) return null;
  return (
    <MetricsTable
      label="Feedback outside the map"
      rows={[
        { name: "No stage", metrics: noStage },
        { name: "No touchpoint", metrics: noTouchpoint },
      ]}
    />
  );
}
