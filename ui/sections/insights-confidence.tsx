/**
 * How sure the stage figures are, in Insights: each stage's CSAT, NPS and performance with the
 * half-width of its 95% interval (Wilson for CSAT, the margin of error for NPS, Student's t for
 * performance: shared/confidence.ts, which the analysis has already applied), so that "CSAT 60 %"
 * from 5 answers no longer looks like the same figure from 5,000. The map writes the same "± x".
 */
import type { StageAnalysis } from "../../shared/analysis";
import { SectionHeading, formatCount } from "../components/common";

/** "60 ± 9 %", "3.4 ± 0.3": a figure and its half-width with the same decimals. */
function withMargin(value: number, margin: number | null, digits: number, unit = ""): string {
  return `${value.toFixed(digits)}${margin === null ? "" : ` ± ${margin.toFixed(digits)}`}${unit}`;
}

export function StageConfidence({ stages }: { stages: readonly StageAnalysis[] }) {
  const lines = stages.flatMap((stage) => {
    const m = stage.margins;
    const parts = [
      stage.csat !== null && `CSAT ${withMargin(stage.csat, m.csat, 0, " %")}`,
      stage.nps !== null && `NPS ${withMargin(stage.nps, m.nps, 0)}`,
      stage.performance !== null && `performance ${withMargin(stage.performance, m.performance, 1)}`,
    ].filter(Boolean);
    return parts.length === 0 ? [] : [<li key={stage.stageId}>{`${stage.name}: ${parts.join(" · ")} (n ${formatCount(stage.rated)})`}</li>];
  });
  if (lines.length === 0) return null;
  return (
    <>
      <SectionHeading title="How sure" level={3} />
      <ul class="plain-list" aria-label="Stage figures with their 95 % intervals">
        {lines}
      </ul>
    </>
  );
}
