/**
 * The feedback a journey's stages and touchpoints do not hold, for Insights: "No stage" and "No
 * touchpoint" with their figures, and how many responses are unassigned (in no stage, or in the
 * "Unassigned" stage an import makes for questions whose stage it was not told).
 */
import { useEffect, useState } from "preact/hooks";
import { UNASSIGNED_STAGE, createHostTurns } from "../../shared/csv";
import type { JourneyMap } from "../../shared/model";
import { countOf, formatCount } from "../components/common";
import { MetricsTable } from "./import-wizard";
import { outsideMapAsync, type OutsideMap } from "./stage-metrics";

/** Worked out in slices after each change of the map; the last figures stay shown meanwhile. */
export function useOutsideMap(model: JourneyMap): OutsideMap | null {
  const [outside, setOutside] = useState<OutsideMap | null>(null);
  useEffect(() => {
    const turns = createHostTurns();
    let live = true;
    void outsideMapAsync(model, turns.yieldToHost)
      .then((result) => live && setOutside(result))
      .finally(() => turns.close());
    return () => {
      live = false;
    };
  }, [model]);
  return outside;
}

/** How many responses are unassigned, in words; null when none is. */
export function unassignedSentence(outside: OutsideMap | null): string | null {
  if (outside === null || outside.noStage.responses + outside.inUnassignedStage === 0) return null;
  const { noStage, inUnassignedStage } = outside;
  return `${countOf(noStage.responses + inUnassignedStage, "response")} unassigned: ${formatCount(noStage.responses)} in no stage${
    inUnassignedStage > 0 ? `, ${formatCount(inUnassignedStage)} in “${UNASSIGNED_STAGE}” (move its touchpoints to their stages in Journey)` : ""
  }.`;
}

export function OutsideMapTable({ outside }: { outside: OutsideMap | null }) {
  if (outside === null || outside.noStage.responses + outside.noTouchpoint.responses === 0) return null;
  return (
    <MetricsTable
      label="Feedback outside the map"
      rows={[
        { name: "No stage", metrics: outside.noStage },
        { name: "No touchpoint", metrics: outside.noTouchpoint },
      ]}
    />
  );
}
