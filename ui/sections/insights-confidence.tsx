/**
 * How sure the stage figures are, in Insights: each stage's CSAT with its 95% Wilson interval and
 * NPS with its margin of error (shared/stats/intervals.ts), so that "CSAT 60 %" from 5 answers no
 * longer looks like the same figure from 5,000. Intervals that need Student's t (performance),
 * key drivers and sentiment need libraries the panel's budget cannot carry: the command line
 * reports them (`--outcome`, README "How the numbers are computed").
 */
import { useEffect, useState } from "preact/hooks";
import { runPassInSlices } from "../../shared/feedback-pass";
import { journeyTallyPass, type JourneyFeedbackTallies } from "../../shared/metrics";
import type { JourneyMap } from "../../shared/model";
import { npsMarginOfError, wilsonInterval } from "../../shared/stats/intervals";
import { SectionHeading, formatCount } from "../components/common";

/** Rows tallied between two turns of the panel: 200,000 rows at once would hold it for 200 ms. */
const ROWS_PER_SLICE = 10_000;

export function StageConfidence({ model }: { model: JourneyMap }) {
  const [tallies, setTallies] = useState<JourneyFeedbackTallies | null>(null);
  useEffect(() => {
    let live = true;
    const turn = () => new Promise<void>((resolve, reject) => setTimeout(() => (live ? resolve() : reject(new Error("left"))), 0));
    runPassInSlices(journeyTallyPass(model), model.feedback.length, turn, ROWS_PER_SLICE).then(setTallies, () => undefined);
    return () => {
      live = false;
    };
  }, [model.feedback, model.touchpoints]);
  const lines = model.stages.flatMap((stage) => {
    const t = tallies?.byStage.get(stage.id);
    const csat = t && wilsonInterval(t.csatSatisfied, t.csatRatings);
    const nps = t && npsMarginOfError(t.npsPromoters, t.npsDetractors, t.npsRatings);
    const parts = [
      csat && `CSAT ${Math.round(csat.estimate)} % (95 %: ${Math.round(csat.low)}–${Math.round(csat.high)} %, n ${formatCount(t.csatRatings)})`,
      nps && `NPS ${Math.round(nps.nps)} ± ${Math.round(nps.margin)} (n ${formatCount(nps.n)})`,
    ].filter(Boolean);
    return parts.length === 0 ? [] : [<li key={stage.id}>{`${stage.name}: ${parts.join(" · ")}`}</li>];
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
