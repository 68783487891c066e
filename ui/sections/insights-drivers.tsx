/**
 * Importance, stated and derived, in Insights: with an outcome question (a touchpoint whose measure
 * is "outcome", marked when a wide survey is imported), each touchpoint's stated importance beside
 * the importance derived from the data, 1 + 4 × max(0, r), with r its correlation with the outcome
 * over the respondents who answered both, n and r's 95% interval (shared/stats/correlation.ts). A
 * touchpoint is a key driver when that interval excludes 0; drivers are ranked by r, the others
 * are "not a driver (yet)" and never ranked. The choice of importance for gaps and quadrants (the
 * journey's `settings.importance`) is made here.
 *
 * With two or more drivers and enough complete answers, each driver's relative weight (Johnson's
 * share of R², shared/stats/drivers.ts) stands beside its r, interval, n and rank: from the
 * respondents' answers, or from the summary's driver sums once rows are folded, so a compacted
 * journey shows the weights it showed before. They need ml-matrix's eigen decomposition; the build
 * takes its ES module source so the panel carries only the parts used (see scripts/build.mjs).
 */
import { useEffect, useState } from "preact/hooks";
import type { JourneyAnalysis } from "../../shared/analysis";
import { runPassInSlices } from "../../shared/feedback-pass";
import type { ImportanceSource } from "../../shared/importance";
import { importanceSource, outcomeTouchpoint } from "../../shared/importance";
import type { JourneyMap } from "../../shared/model";
import type { DriverCorrelation } from "../../shared/stats/correlation";
import { journeyDriversPass, type JourneyDriverAnalysis } from "../../shared/stats/drivers";
import { Empty, Paged, SectionHeading, formatCount, formatMetric } from "../components/common";
import { Choice } from "../components/fields";
import { useStore } from "../state/store";

/** Rows read between two turns of the panel, as the analysis does. */
const ROWS_PER_SLICE = 10_000;

/**
 * "0.42 (0.10 to 0.66)": r and its 95% interval, two decimals; "—" without r. The interval may go to
 * a second line when the table must narrow to fit the panel (a Weight column beside it), never apart.
 */
function CorrelationText({ driver }: { driver: DriverCorrelation }) {
  if (driver.r === null) return <>—</>;
  const r = (value: number) => value.toFixed(2).replace("-", "−");
  if (driver.interval === null) return <>{r(driver.r)}</>;
  return (
    <>
      <span>{r(driver.r)}</span> <span>({`${r(driver.interval.low)} to ${r(driver.interval.high)}`})</span>
    </>
  );
}

/** Drivers first by r, then the others by r, then those with too few answers: only drivers get a rank. */
export function rankDrivers(drivers: readonly DriverCorrelation[]): { driver: DriverCorrelation; rank: number | null }[] {
  const order = (d: DriverCorrelation) => (d.verdict === "driver" ? 0 : d.verdict === "not a driver (yet)" ? 1 : 2);
  let rank = 0;
  return [...drivers]
    .sort((a, b) => order(a) - order(b) || (b.r ?? -2) - (a.r ?? -2))
    .map((driver) => ({ driver, rank: driver.verdict === "driver" ? ++rank : null }));
}

/** "21.0 %": a driver's share of R², one decimal. */
function shareText(share: number): string {
  return `${(100 * share).toFixed(1)} %`;
}

/** Each touchpoint's correlation with the outcome and the drivers' relative weights, read in slices; null while reading or without an outcome. */
function useDrivers(model: JourneyMap, hasOutcome: boolean): JourneyDriverAnalysis | null {
  const [drivers, setDrivers] = useState<JourneyDriverAnalysis | null>(null);
  useEffect(() => {
    setDrivers(null);
    if (!hasOutcome) return;
    let live = true;
    const turn = () => new Promise<void>((resolve, reject) => setTimeout(() => (live ? resolve() : reject(new Error("left"))), 0));
    runPassInSlices(journeyDriversPass(model), model.feedback.length, turn, ROWS_PER_SLICE).then(setDrivers, () => undefined);
    return () => {
      live = false;
    };
  }, [model.feedback, model.touchpoints, model.summary, hasOutcome]);
  return drivers;
}

export function ImportanceAndDrivers({ model, analysis }: { model: JourneyMap; analysis: JourneyAnalysis }) {
  const store = useStore();
  const outcome = outcomeTouchpoint(model);
  const drivers = useDrivers(model, outcome !== null);
  const weights = drivers?.weights;
  const shares = new Map(weights?.ok ? weights.weights.map((w) => [w.touchpoint, w.share]) : []);
  const source = importanceSource(model.settings);
  const names = new Map(model.touchpoints.map((t) => [t.id, t]));
  const choose = (importance: ImportanceSource) => store.update((m) => ({ ...m, settings: { ...m.settings, importance } }));
  return (
    <>
      <SectionHeading title="Importance: stated and derived" level={3} />
      <Choice
        name="importance-source"
        label="Importance that gaps and quadrants use"
        value={source}
        options={[
          { value: "stated", text: "Stated" },
          { value: "derived", text: "Derived from the outcome" },
        ]}
        onChange={choose}
      />
      {outcome === null ? (
        <Empty>
          No outcome question: derived importance needs a touchpoint marked as the outcome (overall satisfaction) when a wide survey is
          imported{source === "derived" ? ", so gaps and quadrants use the stated importance" : ""}.
        </Empty>
      ) : drivers === null ? (
        <p role="status">Relating {formatCount(model.feedback.length)} answers to “{outcome.name}”…</p>
      ) : (
        <>
          <p>
            Key drivers of “{outcome.name}”: a touchpoint is a driver when the 95 % interval of its correlation with the outcome (over the
            respondents who answered both) excludes 0. Derived importance = 1 + 4 × max(0, r).
            {source === "derived" && analysis.importance.derived.length < drivers.correlations.length
              ? " Touchpoints with too few answers keep their stated importance."
              : ""}
          </p>
          <Paged items={rankDrivers(drivers.correlations)} noun="Touchpoints">
            {(page) => (
              <div class="table-scroll" tabIndex={0} role="region" aria-label="Key drivers">
                <table class="data-table metrics-table">
                  <thead>
                    <tr>
                      <th scope="col">Touchpoint</th>
                      <th scope="col" class="num" title="Importance as stated, 1–5">Stated</th>
                      <th scope="col" class="num" title="Importance derived from the outcome, 1–5">Derived</th>
                      <th scope="col" class="num" title="Correlation with the outcome (95 % interval)">r (95 %)</th>
                      <th scope="col" class="num" title="Respondents who answered both">n</th>
                      <th scope="col">Driver</th>
                      {weights?.ok ? (
                        <th scope="col" class="num" title="Relative weight: the driver's share of the explained variance R²">
                          Weight
                        </th>
                      ) : null}
                    </tr>
                  </thead>
                  <tbody>
                    {page.map(({ driver, rank }) => (
                      <tr key={driver.touchpoint}>
                        <th scope="row" class="wrap">
                          {names.get(driver.touchpoint)?.name ?? driver.touchpoint}
                        </th>
                        <td class="num">{formatMetric(names.get(driver.touchpoint)?.importance ?? null, 1)}</td>
                        <td class="num">{formatMetric(driver.verdict === "too few" ? null : driver.derivedImportance, 1)}</td>
                        <td class="num interval-cell">
                          <CorrelationText driver={driver} />
                        </td>
                        <td class="num">{formatCount(driver.n)}</td>
                        <td class="wrap">{rank !== null ? `#${rank}` : driver.verdict === "too few" ? "too few answers" : driver.verdict}</td>
                        {weights?.ok ? <td class="num">{shares.has(driver.touchpoint) ? shareText(shares.get(driver.touchpoint) ?? 0) : "—"}</td> : null}
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
          </Paged>
          <p class="muted">
            {drivers.weights.ok
                ? `Weight: each driver's share of the outcome's variance the drivers explain together (R² = ${drivers.weights.rSquared.toFixed(2)}), over the ${formatCount(drivers.weights.respondents)} respondents who answered every driver and the outcome (Johnson's relative weights).${drivers.pooled > 0 ? ` ${formatCount(drivers.pooled)} respondents with rarer answer patterns, kept as pair sums, count in the correlations only.` : ""}`
                : `No relative weights: ${drivers.weights.reason}.`}
          </p>
        </>
      )}
    </>
  );
}
