/**
 * What the words say, in Insights: the share of negative, neutral and positive text per stage and
 * per touchpoint with its n, and the rows whose rating and text disagree strongly, to read again.
 *
 * Read from the labels the rows store and the tallies the summary keeps (shared/sentiment-summary.ts):
 * sentiment is its own figure, never mixed into ratings, and a compacted journey shows the shares of
 * all its rows. Text is scored where it enters (import, typed feedback) and, for rows stored before
 * sentiment was, when the panel opens (`useSentimentLabels`).
 */
import { useEffect, useState } from "preact/hooks";
import { runPassInSlices } from "../../shared/feedback-pass";
import type { Feedback, JourneyMap } from "../../shared/model";
import { createSentimentScorer, labelFeedback } from "../../shared/sentiment";
import { labelDisagreement, sentimentFigures, sentimentPass, type SentimentFigures, type SentimentShares } from "../../shared/sentiment-summary";
import { changeMark, twoProportionTest } from "../../shared/stats/differences";
import { SentimentBar } from "../components/charts";
import { Empty, Paged, SectionHeading, formatCount } from "../components/common";
import { LARGE_FEEDBACK } from "../state/analysis";
import type { PanelStore } from "../state/store";
import { panelTurns } from "./insights-trends";

/** Flagged rows quoted in Insights; the feedback table's filter shows them all. */
const FLAGGED_QUOTED = 5;

const known = new WeakMap<readonly Feedback[], { touchpoints: unknown; summary: unknown; figures: SentimentFigures }>();

/** The figures of the map, if known for the same rows, touchpoints and summary. */
function knownFigures(model: Pick<JourneyMap, "feedback" | "touchpoints" | "summary">): SentimentFigures | undefined {
  const hit = known.get(model.feedback);
  return hit !== undefined && hit.touchpoints === model.touchpoints && hit.summary === model.summary ? hit.figures : undefined;
}

function remember(model: Pick<JourneyMap, "feedback" | "touchpoints" | "summary">, figures: SentimentFigures): SentimentFigures {
  known.set(model.feedback, { touchpoints: model.touchpoints, summary: model.summary, figures });
  return figures;
}

/** Rows read between two looks at the clock (tasks of about 12 ms, `panelTurns`). */
const ROWS_PER_SLICE = 5_000;

/**
 * The figures of the map, remembered for the same rows, touchpoints and summary: at once for a small
 * map, in slices for a large one (undefined meanwhile), as the analysis is.
 */
export function useSentimentFigures(model: JourneyMap): SentimentFigures | undefined {
  let now = knownFigures(model);
  if (now === undefined && model.feedback.length <= LARGE_FEEDBACK) now = remember(model, sentimentFigures(model));
  const [, setDone] = useState(0);
  useEffect(() => {
    if (now !== undefined) return;
    let live = true;
    const pass = sentimentPass(model);
    runPassInSlices(pass, pass.size, panelTurns(() => live), ROWS_PER_SLICE).then(
      (figures) => {
        remember(model, figures);
        if (live) setDone((n) => n + 1);
      },
      (error: unknown) => {
        // A refused turn is the cleanup's doing; anything else is a fault to report.
        if (live) throw error;
      },
    );
    return () => {
      live = false;
    };
  }, [model.feedback, model.touchpoints, model.summary, now === undefined]);
  return now;
}

/** Rows scored between two turns of the panel (VADER reads a review in about 0.1 ms). */
const SCORED_PER_TASK = 200;

/**
 * Scores the rows that have text and no label (a journey stored before sentiment was, a JSON file),
 * once, when the panel has them, a few hundred rows a task so the panel stays responsive: the map
 * then draws what the panel shows. Nothing happens when every row with text has its label.
 */
export function useSentimentLabels(store: PanelStore, feedback: readonly Feedback[]): void {
  useEffect(() => {
    if (!feedback.some((row) => row.sentiment === undefined && row.text.trim() !== "")) return;
    let live = true;
    const score = createSentimentScorer();
    void (async () => {
      let labelled = feedback;
      for (let start = 0; start < feedback.length && live; start += SCORED_PER_TASK) {
        const part = feedback.slice(start, start + SCORED_PER_TASK);
        const done = labelFeedback(part, score);
        if (done !== part) {
          if (labelled === feedback) labelled = feedback.slice();
          (labelled as Feedback[]).splice(start, done.length, ...done);
        }
        await new Promise((resolve) => setTimeout(resolve, 0));
      }
      if (live && labelled !== feedback) store.update((m) => (m.feedback === feedback ? { ...m, feedback: labelled as Feedback[] } : m));
    })();
    return () => {
      live = false;
    };
  }, [feedback]);
}

function percent(value: number): string {
  return `${Math.round(value)} %`;
}

/** "62 % negative, 20 % neutral, 18 % positive": the shares in words, for the cell and for screen readers. */
export function sharesText(shares: SentimentShares): string {
  if (shares.shares === null) return "no text";
  const s = shares.shares;
  return `${percent(s.negative)} negative, ${percent(s.neutral)} neutral, ${percent(s.positive)} positive`;
}

function SharesCells({ shares }: { shares: SentimentShares | undefined }) {
  if (shares === undefined || shares.shares === null)
    return (
      <>
        <td class="num">0</td>
        <td class="muted">no text</td>
      </>
    );
  return (
    <>
      <td class="num">{formatCount(shares.n)}</td>
      <td class="wrap">
        <SentimentBar negative={shares.negative} neutral={shares.neutral} positive={shares.positive} />{" "}
        <span>{sharesText(shares)}</span>
      </td>
    </>
  );
}

interface SentimentRow {
  key: string;
  name: string;
  stage?: string;
  shares: SentimentShares | undefined;
}

function SharesTable({ label, rows, withStage }: { label: string; rows: readonly SentimentRow[]; withStage?: boolean }) {
  return (
    <Paged items={rows} noun={withStage ? "Touchpoints" : "Stages"}>
      {(page) => (
        <div class="table-scroll" tabIndex={0} role="region" aria-label={label}>
          <table class="data-table metrics-table">
            <thead>
              <tr>
                <th scope="col">{withStage ? "Touchpoint" : "Stage"}</th>
                <th scope="col" class="num">Texts</th>
                <th scope="col">Negative · neutral · positive</th>
              </tr>
            </thead>
            <tbody>
              {page.map((row) => (
                <tr key={row.key}>
                  <th scope="row" class="wrap">
                    {row.name}
                    {withStage ? <div class="muted">{row.stage}</div> : null}
                  </th>
                  <SharesCells shares={row.shares} />
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Paged>
  );
}

export function SentimentSection({ model }: { model: JourneyMap }) {
  const figures = useSentimentFigures(model);
  const stageNames = new Map(model.stages.map((s) => [s.id, s.name]));
  return (
    <>
      <SectionHeading title="What the words say" level={3} />
      {figures === undefined ? (
        <p role="status">Reading the text of {formatCount(model.feedback.length)} responses…</p>
      ) : figures.overall.n === 0 ? (
        <Empty>{figures.unscored > 0 ? `Scoring the text of ${formatCount(figures.unscored)} rows…` : "No feedback with text yet: sentiment is read from comments."}</Empty>
      ) : (
        <>
          <p>
            All text: {sharesText(figures.overall)} (n {formatCount(figures.overall.n)}). Scored by VADER (compound ≤ −0.05 negative, ≥ 0.05 positive); never mixed
            into ratings.
          </p>
          <SharesTable label="Sentiment per stage" rows={model.stages.map((s) => ({ key: s.id, name: s.name, shares: figures.byStage.get(s.id) }))} />
          {model.touchpoints.length > 0 ? (
            <SharesTable
              label="Sentiment per touchpoint"
              withStage
              rows={model.touchpoints.map((t) => ({ key: t.id, name: t.name, stage: stageNames.get(t.stageId) ?? "", shares: figures.byTouchpoint.get(t.id) }))}
            />
          ) : null}
          <Disagreements figures={figures} />
        </>
      )}
    </>
  );
}

function Disagreements({ figures }: { figures: SentimentFigures }) {
  if (figures.disagreeing === 0) return <p data-testid="sentiment-disagreeing">No row has a rating its text contradicts.</p>;
  const folded = figures.disagreeing - figures.flagged.length;
  return (
    <>
      <p data-testid="sentiment-disagreeing">
        {formatCount(figures.disagreeing)} {figures.disagreeing === 1 ? "row's rating and text disagree" : "rows' rating and text disagree"} strongly (a top rating
        with very negative words, or the reverse): worth reading before trusting either.
        {folded > 0 ? ` ${formatCount(folded)} of them are counted in the summary; the ${formatCount(figures.flagged.length)} kept are in the feedback table.` : ""}{" "}
        In Feedback, the rating filter “Rating and text disagree” shows them.
      </p>
      {figures.flagged.length > 0 ? (
        <ul class="plain-list" aria-label="Rows whose rating and text disagree">
          {figures.flagged.slice(0, FLAGGED_QUOTED).map((row) => (
            <li key={row.id}>
              <strong>
                {row.rating} of {row.scale?.max}
              </strong>{" "}
              “{row.text.length > 160 ? `${row.text.slice(0, 159)}…` : row.text}”{" "}
              <span class="muted">({labelDisagreement(row, row.sentiment)})</span>
            </li>
          ))}
        </ul>
      ) : null}
    </>
  );
}

/**
 * The share of negative text in two segments (two personas, or two values of a segment column) with
 * their n, and the difference: ▲ ▼ only where the pooled two-proportion test says it is real at 95%.
 */
export function SegmentSentiment({
  model,
  column,
  first,
  second,
  names,
}: {
  model: JourneyMap;
  /** null: personas. */
  column: string | null;
  first: string | null;
  second: string | null;
  names: (value: string | null) => string;
}) {
  const figures = useSentimentFigures(model);
  if (figures === undefined) return null;
  const groups = column === null ? figures.byPersona : figures.bySegment.get(column);
  const of = (value: string | null) => (value === null ? undefined : groups?.get(value));
  const a = of(first);
  const b = of(second);
  if ((a?.n ?? 0) === 0 && (b?.n ?? 0) === 0) return null;
  const side = (value: string | null, shares: SentimentShares | undefined) =>
    shares === undefined || shares.shares === null ? `${names(value)}: no text` : `${names(value)} ${percent(shares.shares.negative)} (n ${formatCount(shares.n)})`;
  const test = a === undefined || b === undefined ? null : twoProportionTest(a.negative, a.n, b.negative, b.n);
  const mark = changeMark(test);
  return (
    <p data-testid="segment-sentiment">
      Negative text: {side(first, a)} · {side(second, b)} —{" "}
      {test === null || mark === "no clear change" ? "no clear difference" : `${mark} ${Math.abs(test.difference).toFixed(0)} points`}
    </p>
  );
}
