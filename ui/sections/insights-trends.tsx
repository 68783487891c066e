/**
 * Trends in Insights: each stage's and touchpoint's figure per period as a small line, its value in
 * the last period with n, and the change against the period before (shared/trends.ts): ▲ ▼ only
 * where the change is significant at 95%, otherwise "no clear change" with both figures and n.
 * The period (auto, week, month, quarter) is a journey setting; the figure shown is the panel's.
 *
 * The rows are tallied by day in tasks of about 12 ms with the panel's turn in between (200,000 rows
 * at once would hold it for about 200 ms); changing the period only regroups the days.
 */
import { useEffect, useState } from "preact/hooks";
import { runPassInSlices } from "../../shared/feedback-pass";
import type { JourneyMap, Kpi } from "../../shared/model";
import {
  FIGURE_NAME,
  TREND_FIGURES,
  dayTallyPass,
  describeChange,
  figureText,
  dayTallies,
  journeyTrends,
  periodLabel,
  periodPass,
  type DayTallies,
  type JourneyTrends,
  type Trend,
  type TrendFigure,
  type TrendPeriodChoice,
} from "../../shared/trends";
import { Empty, Paged, SectionHeading, formatCount } from "../components/common";
import { Choice } from "../components/fields";
import { Sparkline } from "../components/sparkline";
import { LARGE_FEEDBACK } from "../state/analysis";
import { useStore } from "../state/store";

/** Rows tallied, and day cells merged into periods, between two looks at the clock. */
const ROWS_PER_SLICE = 1_000;
const CELLS_PER_SLICE = 500;
const CELLS_AT_ONCE = 5_000;
/** How long one task may run before the panel gets a turn (as the analysis's, ui/state/analysis.ts). */
const TASK_BUDGET_MS = 12;

/**
 * A turn of the panel once the current task has run TASK_BUDGET_MS, so that small slices add up to
 * tasks of about that length whatever a row costs; refused once `live()` no longer holds.
 */
export function panelTurns(live: () => boolean): () => Promise<void> {
  let taskStart = Number.NEGATIVE_INFINITY;
  return async () => {
    if (!live()) throw new Error("the map changed: this work is no longer wanted");
    if (performance.now() - taskStart < TASK_BUDGET_MS) return;
    await new Promise<void>((resolve) => setTimeout(resolve, 0));
    if (!live()) throw new Error("the map changed: this work is no longer wanted");
    taskStart = performance.now();
  };
}

/** Periods a line shows: the last ones. */
export const PERIODS_SHOWN = 12;

const DOMAIN: Record<TrendFigure, [number, number]> = { csat: [0, 100], nps: [-100, 100], ces: [1, 7], performance: [1, 5] };

/**
 * Day tallies by the parts of the map they read, so that a new title or pain point reuses them,
 * and the trends already worked out from them by period.
 */
interface Known {
  touchpoints: unknown;
  summary: unknown;
  days: DayTallies;
  trends: Map<TrendPeriodChoice, JourneyTrends | null>;
}
const known = new WeakMap<readonly unknown[], Known>();

function knownFor(model: JourneyMap): Known | undefined {
  const entry = known.get(model.feedback);
  return entry !== undefined && entry.touchpoints === model.touchpoints && entry.summary === model.summary ? entry : undefined;
}

/** The trends by `choice`; undefined while they are being worked out (null: no dated feedback). */
function useTrends(model: JourneyMap, choice: TrendPeriodChoice): JourneyTrends | null | undefined {
  const [result, setResult] = useState<{ days: DayTallies; choice: TrendPeriodChoice; trends: JourneyTrends | null } | null>(null);
  let entry = knownFor(model);
  if (entry === undefined && model.feedback.length <= LARGE_FEEDBACK) {
    // A small map is worked out at once, as its analysis is: no "Reading…" flash.
    entry = { touchpoints: model.touchpoints, summary: model.summary, days: dayTallies(model), trends: new Map() };
    known.set(model.feedback, entry);
  }
  // A few thousand day cells merge into periods in a few milliseconds; more are merged in slices.
  if (entry !== undefined && !entry.trends.has(choice) && entry.days.cells.length <= CELLS_AT_ONCE)
    entry.trends.set(choice, journeyTrends(entry.days, choice));
  const ready = entry?.trends.get(choice);
  useEffect(() => {
    if (ready !== undefined) return;
    let live = true;
    const turn = panelTurns(() => live);
    void (async () => {
      let days = knownFor(model);
      if (days === undefined) {
        const pass = dayTallyPass(model);
        const tallied = await runPassInSlices(pass, pass.size, turn, ROWS_PER_SLICE);
        days = { touchpoints: model.touchpoints, summary: model.summary, days: tallied, trends: new Map() };
        known.set(model.feedback, days);
      }
      const trends = await runPassInSlices(periodPass(days.days, choice), days.days.cells.length, turn, CELLS_PER_SLICE);
      days.trends.set(choice, trends);
      if (live) setResult({ days: days.days, choice, trends });
    })().catch((error: unknown) => {
      // A refused turn is the cleanup's doing; anything else is a fault to report.
      if (live) throw error;
    });
    return () => {
      live = false;
    };
  }, [model.feedback, model.touchpoints, model.summary, choice, ready]);
  if (ready !== undefined) return ready;
  return result !== null && result.days === entry?.days && result.choice === choice ? result.trends : undefined;
}

/** The figure to show first: the first the journey's feedback has over time. */
function firstFigure(trends: JourneyTrends): TrendFigure {
  return TREND_FIGURES.find((f) => trends.overall.periods.some((p) => p.metrics[f] !== null)) ?? "performance";
}

/** The figure's value in each of the last periods, null where the period has none. */
export function trendValues(trend: Trend | undefined, periods: readonly string[], figure: TrendFigure): (number | null)[] {
  const byStart = new Map(trend?.periods.map((p) => [p.start, p.metrics[figure]]));
  return periods.map((start) => byStart.get(start) ?? null);
}

interface TrendRow {
  key: string;
  name: string;
  stage?: string;
  trend: Trend | undefined;
}

function TrendRows({ rows, trends, figure, label }: { rows: readonly TrendRow[]; trends: JourneyTrends; figure: TrendFigure; label: string }) {
  const shown = trends.periods.slice(-PERIODS_SHOWN);
  const lastStart = trends.periods[trends.periods.length - 1] as string;
  return (
    <div class="table-scroll" tabIndex={0} role="region" aria-label={label}>
      <table class="data-table metrics-table trend-table">
        <thead>
          <tr>
            <th scope="col">{rows[0]?.stage === undefined ? "Stage" : "Touchpoint"}</th>
            <th scope="col">Trend</th>
            <th scope="col" class="num">{periodLabel(lastStart, trends.period)}</th>
            <th scope="col">Change</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => {
            const values = trendValues(row.trend, shown, figure);
            const last = row.trend?.periods.find((p) => p.start === lastStart);
            const value = last?.metrics[figure] ?? null;
            const change = row.trend?.changes.find((c) => c.figure === figure);
            const described = change && describeChange(change);
            const spoken = shown.map((start, i) => `${periodLabel(start, trends.period)} ${values[i] === null ? "no data" : figureText(figure, values[i] as number)}`);
            return (
              <tr key={row.key}>
                <th scope="row" class="wrap">
                  {row.name}
                  {row.stage !== undefined ? <div class="muted">{row.stage}</div> : null}
                </th>
                <td>
                  {values.some((v) => v !== null) ? <Sparkline values={values} domain={DOMAIN[figure]} label={`${FIGURE_NAME[figure]} of ${row.name}: ${spoken.join(", ")}`} /> : "—"}
                </td>
                <td class="num">
                  {value === null ? "—" : figureText(figure, value)}
                  {value === null ? null : <div class="muted">n {formatCount(change?.currentN ?? last?.metrics.rated ?? 0)}</div>}
                </td>
                <td class="wrap">
                  {described === undefined ? (
                    "—"
                  ) : (
                    <>
                      <span class={described.mark === "▲" ? "change-up" : described.mark === "▼" ? "change-down" : "muted"}>{described.text}</span>
                      <div class="muted">{described.detail}</div>
                    </>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

const PERIOD_OPTIONS: { value: TrendPeriodChoice; text: string }[] = [
  { value: "auto", text: "Auto" },
  { value: "week", text: "Week" },
  { value: "month", text: "Month" },
  { value: "quarter", text: "Quarter" },
];

export function InsightsTrends({ model }: { model: JourneyMap }) {
  const store = useStore();
  const choice = model.settings.trendPeriod ?? "auto";
  const trends = useTrends(model, choice);
  const [picked, setFigure] = useState<TrendFigure | null>(null);
  if (trends === undefined) return <p role="status">Reading the dates of {formatCount(model.feedback.length)} responses…</p>;
  if (trends === null) return <Empty>No dated feedback: trends need a date column in the import.</Empty>;
  const figure = picked ?? firstFigure(trends);
  const first = trends.periods[0] as string;
  const last = trends.periods[trends.periods.length - 1] as string;
  const periodName = trends.period === "week" ? "week (Monday to Sunday)" : trends.period;
  const stageNames = new Map(model.stages.map((s) => [s.id, s.name]));
  return (
    <>
      <Choice
          name="trend-period"
          label="Period"
          value={choice}
          options={PERIOD_OPTIONS}
          onChange={(trendPeriod) => store.update((m) => ({ ...m, settings: { ...m.settings, trendPeriod } }))}
        />
        <Choice name="trend-figure" label="Figure" value={figure} options={TREND_FIGURES.map((f) => ({ value: f, text: FIGURE_NAME[f] }))} onChange={setFigure} />
      <p class="hint">
        By {periodName}
        {choice === "auto" ? ", picked from the dates" : ""}: {periodLabel(first, trends.period)} to {periodLabel(last, trends.period)}
        {trends.periods.length > PERIODS_SHOWN ? ` (lines show the last ${PERIODS_SHOWN})` : ""}. The change is {periodLabel(last, trends.period)}
        {trends.periods.length > 1 ? ` against ${periodLabel(trends.periods[trends.periods.length - 2] as string, trends.period)}` : " (no earlier period)"}; ▲ ▼
        only where it is significant at 95 %.
        {trends.undated > 0 ? ` ${formatCount(trends.undated)} responses without a date are left out.` : ""}
      </p>
      <Paged items={model.stages} noun="Stages">
        {(page) => (
          <TrendRows
            label="Trends per stage"
            figure={figure}
            trends={trends}
            rows={page.map((s) => ({ key: s.id, name: s.name, trend: trends.byStage.get(s.id) }))}
          />
        )}
      </Paged>
      {model.touchpoints.length > 0 ? (
        <Paged items={model.touchpoints} noun="Touchpoints">
          {(page) => (
            <TrendRows
              label="Trends per touchpoint"
              figure={figure}
              trends={trends}
              rows={page.map((t) => ({ key: t.id, name: t.name, stage: stageNames.get(t.stageId) ?? "", trend: trends.byTouchpoint.get(t.id) }))}
            />
          )}
        </Paged>
      ) : null}
    </>
  );
}

/** The Trends part of Insights, under its heading. */
export function TrendsSection({ model }: { model: JourneyMap }) {
  return (
    <>
      <SectionHeading title="Trends" level={3} />
      <InsightsTrends model={model} />
    </>
  );
}

/** A KPI's history as a small line with its target as the range's edge, the values in its accessible name. */
export function KpiHistory({ kpi }: { kpi: Kpi | undefined }) {
  if (kpi === undefined || kpi.history.length < 2) return null;
  const values = kpi.history.map((h) => h.value);
  const low = Math.min(kpi.target, ...values);
  const high = Math.max(kpi.target, ...values);
  const spoken = kpi.history.map((h) => `${h.date} ${h.value}`).join(", ");
  return <Sparkline values={values} domain={low === high ? [low - 1, high + 1] : [low, high]} label={`History of ${kpi.name}: ${spoken}`} />;
}
