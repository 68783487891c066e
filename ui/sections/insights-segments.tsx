/**
 * Segments in Insights: two personas, or two values of a segment column ("Business" and "Leisure"
 * travellers), side by side, overall and per stage (shared/segments.ts), with the difference of the
 * chosen figure: ▲ ▼ only where it is significant at 95%, otherwise "no clear change" beside both
 * figures and their n. A large map is tallied in slices, as the trends are. Below, what the words say
 * in each of the two (the share of negative text, insights-sentiment.tsx), tested the same way.
 */
import { useEffect, useState } from "preact/hooks";
import { runPassInSlices } from "../../shared/feedback-pass";
import type { FeedbackTally } from "../../shared/metrics";
import { createTally, summariseTally } from "../../shared/metrics";
import type { JourneyMap } from "../../shared/model";
import { compareSegments, segmentPass, type SegmentDimension, type SegmentTallies } from "../../shared/segments";
import { FIGURE_NAME, TREND_FIGURES, changeText, figureText, groupsThenRows, type JourneyPass, type TrendFigure } from "../../shared/trends";
import { Empty, SectionHeading, formatCount } from "../components/common";
import { Choice, SelectField } from "../components/fields";
import { LARGE_FEEDBACK } from "../state/analysis";
import { panelTurns } from "./insights-trends";
import { SegmentSentiment } from "./insights-sentiment";

/** Rows read between two looks at the clock: tasks of about 12 ms (`panelTurns`). */
const ROWS_PER_SLICE = 1_000;

/** Results by the feedback they read and what they were asked; a new title reuses them. */
const cache = new WeakMap<readonly unknown[], Map<string, { touchpoints: unknown; summary: unknown; value: unknown }>>();

/** A pass's result over the map's rows: at once for a small map, in slices for a large one; undefined meanwhile. */
function usePass<T>(model: JourneyMap, key: string, make: () => JourneyPass<T>): T | undefined {
  const known = () => {
    const hit = cache.get(model.feedback)?.get(key);
    return hit !== undefined && hit.touchpoints === model.touchpoints && hit.summary === model.summary ? (hit.value as T) : undefined;
  };
  const remember = (value: T) => {
    let byKey = cache.get(model.feedback);
    if (byKey === undefined) cache.set(model.feedback, (byKey = new Map()));
    byKey.set(key, { touchpoints: model.touchpoints, summary: model.summary, value });
    return value;
  };
  let now = known();
  if (now === undefined && model.feedback.length <= LARGE_FEEDBACK) {
    const pass = make();
    pass.read(0, pass.size);
    now = remember(pass.finish());
  }
  const [, setDone] = useState(0);
  useEffect(() => {
    if (now !== undefined) return;
    let live = true;
    const pass = make();
    runPassInSlices(pass, pass.size, panelTurns(() => live), ROWS_PER_SLICE).then((value) => {
      remember(value);
      if (live) setDone((n) => n + 1);
    }, (error: unknown) => {
      // A refused turn is the cleanup's doing; anything else is a fault to report.
      if (live) throw error;
    });
    return () => {
      live = false;
    };
  }, [model.feedback, model.touchpoints, model.summary, key, now === undefined]);
  return now;
}

/** The segment columns of the map's feedback (summary groups and rows), as a pass. */
function columnsPass(model: JourneyMap): JourneyPass<string[]> {
  const names = new Set<string>();
  const add = (segments: Readonly<Record<string, string>> | null | undefined) => {
    if (segments) for (const name in segments) names.add(name);
  };
  return { ...groupsThenRows(model, (group) => add(group.segments), (row) => add(row.segments)), finish: () => [...names].sort() };
}

function figureCell(tally: FeedbackTally | undefined, figure: TrendFigure) {
  const m = summariseTally(tally ?? createTally());
  const value = m[figure];
  const n = tally === undefined ? 0 : figure === "csat" ? tally.csatRatings : figure === "nps" ? tally.npsRatings : figure === "ces" ? tally.cesRatings : tally.rated;
  return (
    <td class="num">
      {value === null ? "—" : figureText(figure, value)}
      {value === null ? null : <div class="muted">n {formatCount(n)}</div>}
    </td>
  );
}

function differenceCell(first: FeedbackTally | undefined, second: FeedbackTally | undefined, figure: TrendFigure) {
  const difference = compareSegments(first, second).differences.find((d) => d.figure === figure);
  if (difference === undefined) return <td>—</td>;
  const tone = difference.mark === "▲" ? "change-up" : difference.mark === "▼" ? "change-down" : "muted";
  return (
    <td class="wrap">
      <span class={tone}>{difference.mark === "no clear change" ? "no clear change" : `${difference.mark} ${changeText(difference)}`}</span>
    </td>
  );
}

function SegmentTable({ model, tallies, first, second, figure, names }: { model: JourneyMap; tallies: SegmentTallies; first: string; second: string; figure: TrendFigure; names: (value: string | null) => string }) {
  const a = tallies.get(first === "" ? null : first);
  const b = tallies.get(second === "" ? null : second);
  const stages = model.stages.filter((s) => a?.byStage.has(s.id) || b?.byStage.has(s.id)).slice(0, 50);
  return (
    <div class="table-scroll" tabIndex={0} role="region" aria-label="Two segments side by side">
      <table class="data-table metrics-table">
        <thead>
          <tr>
            <th scope="col">Stage</th>
            <th scope="col" class="num">{names(first === "" ? null : first)}</th>
            <th scope="col" class="num">{names(second === "" ? null : second)}</th>
            <th scope="col">Difference</th>
          </tr>
        </thead>
        <tbody>
          <tr>
            <th scope="row">All stages</th>
            {figureCell(a?.overall, figure)}
            {figureCell(b?.overall, figure)}
            {differenceCell(a?.overall, b?.overall, figure)}
          </tr>
          {stages.map((s) => (
            <tr key={s.id}>
              <th scope="row" class="wrap">
                {s.name}
              </th>
              {figureCell(a?.byStage.get(s.id), figure)}
              {figureCell(b?.byStage.get(s.id), figure)}
              {differenceCell(a?.byStage.get(s.id), b?.byStage.get(s.id), figure)}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function SegmentsSection({ model }: { model: JourneyMap }) {
  const columns = usePass(model, "columns", () => columnsPass(model));
  const [by, setBy] = useState("");
  const [picked, setPicked] = useState<[string | null, string | null]>([null, null]);
  const [figure, setFigure] = useState<TrendFigure>("csat");
  const column = columns?.includes(by) ? by : "";
  const dimension: SegmentDimension = column === "" ? { kind: "persona" } : { kind: "column", name: column };
  const tallies = usePass(model, `segments:${column}`, () => segmentPass(model, dimension));
  const personaNames = new Map(model.personas.map((p) => [p.id, p.name]));
  const names = (value: string | null) => (value === null ? (column === "" ? "No persona" : "Not known") : column === "" ? (personaNames.get(value) ?? value) : value);
  const body = () => {
    if (tallies === undefined) return <p role="status">Reading the segments of {formatCount(model.feedback.length)} responses…</p>;
    // Segments by size, the largest first; a value as "" stands for "not known".
    const values = [...tallies.values()].sort((x, y) => y.overall.rows - x.overall.rows).map((s) => s.value ?? "");
    if (values.length < 2) return <Empty>{column === "" ? "Feedback is linked to fewer than two personas" : `“${column}” has only one value`}: nothing to compare.</Empty>;
    const first = picked[0] !== null && values.includes(picked[0]) ? picked[0] : (values[0] as string);
    const second = picked[1] !== null && values.includes(picked[1]) ? picked[1] : (values.find((v) => v !== first) as string);
    const options = values.slice(0, 200).map((v) => ({ value: v, text: names(v === "" ? null : v) }));
    return (
      <>
        <div class="grid-2">
          <SelectField id="segment-first" label="Compare" value={first} options={options} onChange={(v) => setPicked([v, second])} />
          <SelectField id="segment-second" label="with" value={second} options={options} onChange={(v) => setPicked([first, v])} />
        </div>
        <SegmentTable model={model} tallies={tallies} first={first} second={second} figure={figure} names={names} />
        <SegmentSentiment model={model} column={column === "" ? null : column} first={first === "" ? null : first} second={second === "" ? null : second} names={names} />
      </>
    );
  };
  return (
    <>
      <SectionHeading title="Segments" level={3} />
        <SelectField
          id="segment-by"
          label="Segment by"
          value={column}
          options={[{ value: "", text: "Persona" }, ...(columns ?? []).map((c) => ({ value: c, text: c }))]}
          onChange={(v) => {
            setBy(v);
            setPicked([null, null]);
          }}
        />
        <Choice name="segment-figure" label="Figure" value={figure} options={TREND_FIGURES.map((f) => ({ value: f, text: FIGURE_NAME[f] }))} onChange={setFigure} />
      {body()}
      <p class="hint">▲ ▼ only where the difference is significant at 95 % (two-proportion test for CSAT, the NPS difference, Welch’s test for CES and performance).</p>
    </>
  );
}
