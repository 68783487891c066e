/**
 * The Insights section: where expectations are not met. Metrics and gaps per stage and touchpoint,
 * the importance–performance chart, what the words say (sentiment, insights-sentiment.tsx), KPI
 * status, blind spots (no data at all), and pain points suggested from what low-rated customers
 * keep saying, to accept or reject.
 */
import { Button } from "../kit";
import type { ExperienceAnalysis, JourneyAnalysis } from "../../shared/analysis";
import type { JourneyMap } from "../../shared/model";
import { acceptSuggestion, rejectSuggestion, type PainPointSuggestion } from "../../shared/suggestions";
import { newId } from "../../shared/model";
import { ImportancePerformanceChart } from "../components/charts";
import { Empty, Paged, SectionHeading, formatCount, formatMetric } from "../components/common";
import { NumberField } from "../components/fields";
import { useReport } from "../components/status";
import { OutsideMapTable, unassignedSentence } from "../feedback/outside-map";
import { useAnalysis, useSuggestions } from "../state/analysis";
import { StageConfidence } from "./insights-confidence";
import { ImportanceAndDrivers } from "./insights-drivers";
import { responseCount } from "../state/edits";
import { SegmentsSection } from "./insights-segments";
import { SentimentSection } from "./insights-sentiment";
import { KpiHistory, TrendsSection } from "./insights-trends";
import { fieldKey, usePanelState, useStore } from "../state/store";

/** "95 %", "41 points", "3 per 100 orders": a unit that is a word gets a space. */
function withUnit(value: number, unit: string): string {
  return unit === "" ? String(value) : unit === "%" ? `${value} %` : `${value}${/^[A-Za-z]/.test(unit) ? " " : ""}${unit}`;
}

function emotionText(value: number | null, source: string | null): string {
  if (value === null) return "—";
  const sign = value > 0 ? "+" : value < 0 ? "−" : "";
  return `${sign}${Math.abs(value).toFixed(1)}${source === "manual" ? " (set)" : ""}`;
}

function gapCell(row: ExperienceAnalysis) {
  if (row.gap === null) return <td class="num">—</td>;
  return (
    <td class={`num${row.expectationsMet === false ? " gap-not-met" : ""}`} title={row.expectationsMet === false ? "Expectations not met" : undefined}>
      {row.gap > 0 ? "+" : ""}
      {row.gap.toFixed(2)}
      {row.expectationsMet === false ? <span class="visually-hidden"> (expectations not met)</span> : null}
    </td>
  );
}

function ExperienceTable({ label, rows, withStage }: { label: string; rows: readonly ExperienceRow[]; withStage?: boolean }) {
  return (
    <Paged items={rows} noun={withStage ? "Touchpoints" : "Stages"}>
      {(page) => <ExperienceRows label={label} rows={page} withStage={withStage} />}
    </Paged>
  );
}

type ExperienceRow = ExperienceAnalysis & { key: string; stage?: string };

/**
 * Two narrow tables rather than one of eleven columns, which overflowed the panel's default 420 px
 * and cut the quadrant off: what customers said (responses, CSAT, NPS, CES, data backing), then
 * where expectations are not met (performance, importance, gap, quadrant, emotion).
 */
function ExperienceRows({ label, rows, withStage }: { label: string; rows: readonly ExperienceRow[]; withStage?: boolean }) {
  const head = <th scope="col">{withStage ? "Touchpoint" : "Stage"}</th>;
  // A touchpoint's stage goes under its name, which wraps: a column of its own would not fit.
  const name = (row: ExperienceRow) => (
    <th scope="row" class="wrap">
      {row.name}
      {withStage ? <div class="muted">{row.stage}</div> : null}
    </th>
  );
  return (
    <>
      <div class="table-scroll" tabIndex={0} role="region" aria-label={`${label}: feedback`}>
        <table class="data-table metrics-table">
          <thead>
            <tr>
              {head}
              <th scope="col" class="num">Resp.</th>
              <th scope="col" class="num">CSAT</th>
              <th scope="col" class="num">NPS</th>
              <th scope="col" class="num">CES</th>
              <th scope="col">Data</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.key}>
                {name(row)}
                <td class="num">{formatCount(row.responses)}</td>
                <td class="num">{formatMetric(row.csat, 0, " %")}</td>
                <td class="num">{formatMetric(row.nps, 0)}</td>
                <td class="num">{formatMetric(row.ces, 1)}</td>
                <td>
                  <span
                    class={`backing backing-${row.backing}`}
                    title={row.backing === "thin" && row.margins.performance !== null ? `performance ± ${row.margins.performance.toFixed(2)} (95 %)` : undefined}
                  >
                    {row.backing}
                  </span>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <div class="table-scroll" tabIndex={0} role="region" aria-label={`${label}: gaps`}>
        <table class="data-table metrics-table">
          <thead>
            <tr>
              {head}
              <th scope="col" class="num" title="Performance 1–5">P</th>
              <th scope="col" class="num" title="Importance 1–5">I</th>
              <th scope="col" class="num" title="Experience gap I − P">Gap</th>
              <th scope="col">Quadrant</th>
              <th scope="col" class="num">Emotion</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.key}>
                {name(row)}
                <td class="num">{formatMetric(row.performance, 2)}</td>
                <td class="num">{formatMetric(row.importance, 1)}</td>
                {gapCell(row)}
                <td class="wrap">{row.quadrant ?? "—"}</td>
                <td class="num">{emotionText(row.emotion, row.emotionSource)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}

export function InsightsSection() {
  const { model } = usePanelState();
  const analysis = useAnalysis(model);
  return (
    <div class="section">
      <SectionHeading title="Insights" />
      {analysis === null ? (
        <p role="status">Analysing {formatCount(responseCount(model))} responses…</p>
      ) : (
        <InsightsBody model={model} analysis={analysis} />
      )}
    </div>
  );
}

function InsightsBody({ model, analysis }: { model: JourneyMap; analysis: JourneyAnalysis }) {
  const store = useStore();
  const o = analysis.overall;
  const notMet = analysis.stages.filter((s) => s.expectationsMet === false).map((s) => s.name);
  const unassigned = unassignedSentence(analysis);
  return (
    <>
      <dl class="facts facts-row" aria-label="Overall">
        <dt>Responses</dt>
        <dd>{formatCount(o.responses)}</dd>
        <dt>CSAT</dt>
        <dd>{formatMetric(o.csat, 0, " %")}</dd>
        <dt>NPS</dt>
        <dd>{formatMetric(o.nps, 0)}</dd>
        <dt>CES</dt>
        <dd>{formatMetric(o.ces, 1)}</dd>
        <dt>Performance</dt>
        <dd>{formatMetric(o.performance, 2)}</dd>
      </dl>
      {unassigned !== null ? <p role="note">{unassigned}</p> : null}
      <p>
        {notMet.length === 0
          ? "Expectations are met in every stage with rated feedback."
          : `Expectations not met (gap above ${model.settings.gapThreshold}): ${notMet.slice(0, 10).join(", ")}${notMet.length > 10 ? ` and ${formatCount(notMet.length - 10)} more` : ""}.`}
      </p>

      <SectionHeading title="Stages" level={3} />
      <ExperienceTable label="Metrics per stage" rows={analysis.stages.map((s) => ({ ...s, key: s.stageId }))} />
      <OutsideMapTable analysis={analysis} />
      <ImportancePerformanceChart stages={analysis.stages} derived={analysis.importance.source === "derived" && analysis.importance.derived.length > 0} />
      <StageConfidence stages={analysis.stages} />

      <SectionHeading title="Touchpoints" level={3} />
      {analysis.touchpoints.length === 0 ? (
        <Empty>No touchpoints yet: add them to stages in Journey.</Empty>
      ) : (
        <ExperienceTable label="Metrics per touchpoint" withStage rows={analysis.touchpoints.map((t) => ({ ...t, key: t.touchpointId }))} />
      )}
      <ImportanceAndDrivers model={model} analysis={analysis} />
      <SentimentSection model={model} />

      <TrendsSection model={model} />
      <SegmentsSection model={model} />

      <SectionHeading title="KPIs" level={3} />
      {analysis.kpis.length === 0 ? (
        <Empty>No KPIs yet: add them to stages in Journey.</Empty>
      ) : (
        <Paged items={analysis.kpis} noun="KPIs">
          {(kpis) => (
            <ul class="kpi-list">
              {kpis.map((k) => (
                <li key={k.kpiId}>
                  <span class={`status-badge status-${k.status.replace(" ", "-")}`}>{k.status}</span>
                  <span>
                    <strong>{k.name}</strong> <span class="muted">({k.stage})</span>: {k.current === null ? "no current value" : withUnit(k.current, k.unit)} against a
                    target of {withUnit(k.target, k.unit)} ({k.direction} is better)
                    {k.shortfall !== null && k.shortfall > 0 ? `, ${Math.round(k.shortfall * 100)} % short` : ""}
                  </span>
                  <KpiHistory kpi={model.kpis.find((m) => m.id === k.kpiId)} />
                </li>
              ))}
            </ul>
          )}
        </Paged>
      )}

      <SectionHeading title="Blind spots" level={3} />
      {analysis.blindSpots.length === 0 ? (
        <Empty>Every stage and touchpoint has some feedback{unassigned === null ? "" : `; ${unassigned}`}</Empty>
      ) : (
        <Paged items={analysis.blindSpots} noun="Blind spots">
          {(spots) => (
            <ul class="plain-list">
              {spots.map((b) => (
                <li key={b.id}>
                  {b.kind === "stage" ? `Stage “${b.name}”` : `Touchpoint “${b.name}” (${b.stageName})`}: no feedback at all.
                </li>
              ))}
            </ul>
          )}
        </Paged>
      )}

      <Suggestions model={model} />

      <fieldset class="group">
        <legend>Thresholds</legend>
        <div class="grid-2">
          <NumberField
            fieldKey={fieldKey("map", "settings.gapThreshold")}
            label="Gap above which expectations are not met"
            what="The gap threshold"
            min={0}
            max={4}
            value={model.settings.gapThreshold}
            onCommit={(gapThreshold) => store.update((m) => ({ ...m, settings: { ...m.settings, gapThreshold: gapThreshold ?? 0.5 } }))}
          />
          <NumberField
            fieldKey={fieldKey("map", "settings.backedResponses")}
            label="Responses for data to count as backed"
            what="The number of responses"
            min={1}
            integer
            value={model.settings.backedResponses}
            onCommit={(backedResponses) => store.update((m) => ({ ...m, settings: { ...m.settings, backedResponses: backedResponses ?? 30 } }))}
          />
        </div>
      </fieldset>
    </>
  );
}

function Suggestions({ model }: { model: JourneyMap }) {
  const store = useStore();
  const report = useReport();
  const suggestions = useSuggestions(model);
  const accept = (suggestion: PainPointSuggestion) => {
    const result = acceptSuggestion(store.state.model, suggestion, (prefix) => newId(prefix));
    if (!result.ok) {
      report(result.errors.join("; "), true);
      return;
    }
    store.update(() => result.value);
    report(`Added pain point “${suggestion.term}” to ${suggestion.stageName}: see Priorities.`);
  };
  const reject = (suggestion: PainPointSuggestion) => {
    store.update((m) => rejectSuggestion(m, suggestion));
    report(`“${suggestion.term}” will not be suggested again for ${suggestion.stageName}.`);
  };
  return (
    <>
      <SectionHeading title="Suggested pain points" level={3} />
      {suggestions === null ? (
        <p role="status">Reading the low-rated comments…</p>
      ) : suggestions.length === 0 ? (
        <Empty>No recurring complaint in the low-rated feedback{model.rejectedSuggestions.length > 0 ? " that was not rejected" : ""}.</Empty>
      ) : (
        <ul class="suggestion-list">
          {suggestions.map((s) => (
            <li key={s.key}>
              <div>
                <strong>“{s.term}”</strong> <span class="muted">· {s.stageName}</span>
                <div class="muted">
                  in {formatCount(s.count)} low-rated responses (mean satisfaction {Math.round(s.meanSatisfaction * 100)} %)
                </div>
                {s.quotes[0] ? <q class="muted">{s.quotes[0]}</q> : null}
              </div>
              <div class="suggestion-actions">
                <Button secondary onClick={() => accept(s)} aria-label={`Accept “${s.term}” as a pain point of ${s.stageName}`}>
                  Accept
                </Button>
                <Button secondary onClick={() => reject(s)} aria-label={`Reject “${s.term}” for ${s.stageName}`}>
                  Reject
                </Button>
              </div>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
