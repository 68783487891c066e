/**
 * Sentiment as the journey stores it, and its figures, without the lexicon.
 *
 * Text is scored where it enters (a CSV import, feedback typed in the panel, the command line; see
 * sentiment.ts) and each row keeps its label (`Feedback.sentiment`). A row folded into the summary
 * (evidence.ts) leaves its label in the summary's sentiment tallies. So the panel's Insights and the
 * map read stored labels only: the sandbox never needs VADER's 71 kB lexicon, and the shares of a
 * compacted journey are exactly those of its raw rows.
 *
 * A label is five-valued, not three: −2 strongly negative (compound ≤ −0.5), −1 negative (≤ −0.05),
 * 0 neutral, 1 positive (≥ 0.05), 2 strongly positive (≥ 0.5). Its sign is the class by VADER's
 * published thresholds; its strength is what "rating and text disagree" needs (a top-box rating with
 * strongly negative text), so that too is computed from what is stored, for kept and folded rows.
 *
 * Tallies, stored beside the summary's groups as `summary.sentiment`:
 *   { strings: [...], tallies: [[stage, touchpoint, persona, segment, negative, neutral, positive, disagreeing], …] }
 * stage … segment index `strings` (null for none; segment is the summary's segment text); the four
 * counts are whole numbers ≥ 0. Tallies are in sorted key order, so the same rows always give the
 * same bytes.
 */
import * as z from "./zod";
import type { Feedback, JourneyMap, RatingScale } from "./model";
import { feedbackStageId, normalisedSatisfaction } from "./metrics";
import { segmentText, type Segments } from "./summary";

export const SENTIMENTS = ["negative", "neutral", "positive"] as const;
export type Sentiment = (typeof SENTIMENTS)[number];

/** VADER's published thresholds: compound ≤ −0.05 negative, ≥ 0.05 positive, neutral between. */
export const NEGATIVE_COMPOUND = -0.05;
export const POSITIVE_COMPOUND = 0.05;
/** Strongly negative (or, mirrored, strongly positive) text: |compound| ≥ 0.5. */
export const STRONG_COMPOUND = 0.5;

/** A row's stored sentiment: −2 … 2 (see the module comment; `Feedback.sentiment` in model.ts validates it). */
export type SentimentLabel = -2 | -1 | 0 | 1 | 2;

/** The label of a compound score. */
export function labelOf(compound: number): SentimentLabel {
  if (compound <= -STRONG_COMPOUND) return -2;
  if (compound <= NEGATIVE_COMPOUND) return -1;
  if (compound >= STRONG_COMPOUND) return 2;
  if (compound >= POSITIVE_COMPOUND) return 1;
  return 0;
}

/** The class of a label. */
export function sentimentOfLabel(label: number): Sentiment {
  return label < 0 ? "negative" : label > 0 ? "positive" : "neutral";
}

/**
 * Top box: 4–5 of 5, 9–10 of 10, else the top quarter of the scale (s ≥ 0.75; 6–7 of 7 would be
 * s ≥ 0.833, so 1–7 scales use the same quarter). Bottom box mirrors it: 1–2 of 5, 0–1 of 10,
 * s ≤ 0.25 elsewhere.
 */
export function ratingBox(row: { rating: number | null; scale: RatingScale | null }): "top" | "bottom" | null {
  if (row.rating === null || row.scale === null) return null;
  const { min, max } = row.scale;
  if (min === 0 && max === 10) return row.rating >= 9 ? "top" : row.rating <= 1 ? "bottom" : null;
  const s = normalisedSatisfaction(row.rating, row.scale);
  return s >= 0.75 ? "top" : s <= 0.25 ? "bottom" : null;
}

/** Why a row's rating and text disagree. */
export type Disagreement = "top rating, strongly negative text" | "bottom rating, strongly positive text";

/** Whether a row's rating and its stored label disagree strongly (top box and −2, bottom box and 2). */
export function labelDisagreement(row: { rating: number | null; scale: RatingScale | null }, label: number | undefined): Disagreement | null {
  if (label === undefined || (label !== -2 && label !== 2)) return null;
  const box = ratingBox(row);
  if (box === "top" && label === -2) return "top rating, strongly negative text";
  if (box === "bottom" && label === 2) return "bottom rating, strongly positive text";
  return null;
}

/** The sentiment of a group of texts: counts and shares (percent) of each class, over n texts. */
export interface SentimentShares {
  n: number;
  negative: number;
  neutral: number;
  positive: number;
  /** Percent of n, 0…100; null when n = 0. */
  shares: Record<Sentiment, number> | null;
}

export function emptySentiment(): SentimentShares {
  return { n: 0, negative: 0, neutral: 0, positive: 0, shares: null };
}

export function withShares(group: SentimentShares): SentimentShares {
  if (group.n === 0) return { ...group, shares: null };
  const share = (k: number) => (100 * k) / group.n;
  return { ...group, shares: { negative: share(group.negative), neutral: share(group.neutral), positive: share(group.positive) } };
}

// ── Stored tallies ────────────────────────────────────────────────────────────────────────────

/** Where each part of a tally sits in its array. */
const T = { stage: 0, touchpoint: 1, persona: 2, segment: 3, negative: 4, neutral: 5, positive: 6, disagreeing: 7, length: 8 } as const;

export const SentimentTallies = z
  .object({
    strings: z.array(z.string()),
    tallies: z.array(z.array(z.nullable(z.number()))),
  })
  .check(
    z.superRefine((stored, ctx) => {
      const strings = stored.strings.length;
      const isRef = (v: number | null | undefined) => v === null || (v !== undefined && Number.isInteger(v) && v >= 0 && v < strings);
      const isCount = (v: number | null | undefined) => typeof v === "number" && Number.isInteger(v) && v >= 0;
      const bad = stored.tallies.findIndex(
        (t) =>
          t.length !== T.length ||
          !isRef(t[T.stage]) ||
          !isRef(t[T.touchpoint]) ||
          !isRef(t[T.persona]) ||
          !isRef(t[T.segment]) ||
          !isCount(t[T.negative]) ||
          !isCount(t[T.neutral]) ||
          !isCount(t[T.positive]) ||
          !isCount(t[T.disagreeing]),
      );
      if (bad >= 0)
        ctx.addIssue({
          code: "custom",
          input: stored,
          path: ["tallies", bad],
          message: "a sentiment tally needs a stage, touchpoint, persona and segment the tallies name (or none) and four whole counts ≥ 0",
        });
    }),
  );
export type SentimentTallies = z.infer<typeof SentimentTallies>;

/** One tally, read out of its array. */
export interface SentimentTally {
  stageId: string | null;
  touchpointId: string | null;
  personaId: string | null;
  segments: Segments | null;
  negative: number;
  neutral: number;
  positive: number;
  /** Rows whose rating and text disagree strongly. */
  disagreeing: number;
}

/** Reads every tally, in stored order. */
export function* sentimentTallies(stored: SentimentTallies | undefined): Generator<SentimentTally> {
  if (stored === undefined) return;
  const str = (v: number | null | undefined) => (v === null || v === undefined ? null : (stored.strings[v] ?? null));
  for (const t of stored.tallies) {
    const segment = str(t[T.segment]);
    let segments: Segments | null = null;
    if (segment !== null) {
      const out: Record<string, string> = {};
      for (const [name, value] of JSON.parse(segment) as [string, string][]) out[name] = value;
      segments = out;
    }
    yield {
      stageId: str(t[T.stage]),
      touchpointId: str(t[T.touchpoint]),
      personaId: str(t[T.persona]),
      segments,
      negative: t[T.negative] ?? 0,
      neutral: t[T.neutral] ?? 0,
      positive: t[T.positive] ?? 0,
      disagreeing: t[T.disagreeing] ?? 0,
    };
  }
}

/** The part of a row a tally keeps. */
export type TalliedFeedback = Pick<Feedback, "rating" | "scale" | "stageId" | "touchpointId" | "personaId" | "sentiment"> & { segments?: Segments };

/** Negative, neutral, positive, disagreeing. */
type Counts = [number, number, number, number];

/** Adds rows and tallies up, in any order; `toTallies` gives them sorted, so the same rows give the same tallies. */
export class SentimentTallyBuilder {
  private readonly byKey = new Map<string, { key: (string | null)[]; counts: Counts }>();

  private counts(stageId: string | null, touchpointId: string | null, personaId: string | null, segment: string | null): Counts {
    const id = `${stageId}\u0000${touchpointId}\u0000${personaId}\u0000${segment}`;
    let entry = this.byKey.get(id);
    if (entry === undefined) this.byKey.set(id, (entry = { key: [stageId, touchpointId, personaId, segment], counts: [0, 0, 0, 0] }));
    return entry.counts;
  }

  /** Adds a row with a stored label; a row without one (no text, or never scored) adds nothing. */
  addFeedback(row: TalliedFeedback): void {
    const label = row.sentiment;
    if (label === undefined) return;
    const counts = this.counts(row.stageId, row.touchpointId, row.personaId, segmentText(row.segments));
    counts[label < 0 ? 0 : label > 0 ? 2 : 1]++;
    if (labelDisagreement(row, label) !== null) counts[3]++;
  }

  /** Adds stored tallies; `rekey` may move one (another stage, touchpoint or persona) or drop it (null). */
  addTallies(stored: SentimentTallies | undefined, rekey?: (tally: SentimentTally) => SentimentTally | null): void {
    for (const read of sentimentTallies(stored)) {
      const t = rekey === undefined ? read : rekey(read);
      if (t === null) continue;
      const counts = this.counts(t.stageId, t.touchpointId, t.personaId, segmentText(t.segments));
      counts[0] += t.negative;
      counts[1] += t.neutral;
      counts[2] += t.positive;
      counts[3] += t.disagreeing;
    }
  }

  /** The tallies of everything added; undefined when nothing was. */
  toTallies(): SentimentTallies | undefined {
    if (this.byKey.size === 0) return undefined;
    const strings: string[] = [];
    const index = new Map<string, number>();
    const ref = (text: string | null) => {
      if (text === null) return null;
      let at = index.get(text);
      if (at === undefined) index.set(text, (at = strings.push(text) - 1));
      return at;
    };
    const tallies: (number | null)[][] = [];
    for (const id of [...this.byKey.keys()].sort()) {
      const { key, counts } = this.byKey.get(id) as { key: (string | null)[]; counts: Counts };
      tallies.push([...key.map(ref), ...counts]);
    }
    return { strings, tallies };
  }
}

/** Two stored tallies as one. */
export function mergeSentimentTallies(...stored: (SentimentTallies | undefined)[]): SentimentTallies | undefined {
  const builder = new SentimentTallyBuilder();
  for (const s of stored) builder.addTallies(s);
  return builder.toTallies();
}

/** Stored tallies with each moved (`rekey` gives its new stage, touchpoint or persona) or dropped (null), as an edit moves the rows. */
export function rekeyedTallies(stored: SentimentTallies | undefined, rekey: (tally: SentimentTally) => SentimentTally | null): SentimentTallies | undefined {
  const builder = new SentimentTallyBuilder();
  builder.addTallies(stored, rekey);
  return builder.toTallies();
}

/**
 * compactJourney's sentiment pass: the labels of the rows not kept (`kept` false) added to the
 * stored tallies. Undefined when there are none.
 */
export function foldSentimentTallies<R extends TalliedFeedback>(
  feedback: readonly R[],
  kept: (row: R, index: number) => boolean,
  stored?: SentimentTallies,
): SentimentTallies | undefined {
  const builder = new SentimentTallyBuilder();
  builder.addTallies(stored);
  feedback.forEach((row, index) => {
    if (!kept(row, index)) builder.addFeedback(row);
  });
  return builder.toTallies();
}

// ── Figures ───────────────────────────────────────────────────────────────────────────────────

export interface SentimentFigures {
  overall: SentimentShares;
  byStage: Map<string, SentimentShares>;
  byTouchpoint: Map<string, SentimentShares>;
  byPersona: Map<string, SentimentShares>;
  /** Segment column → value → shares ("Travel type" → "Business" → …). */
  bySegment: Map<string, Map<string, SentimentShares>>;
  /** Kept rows whose rating and text disagree strongly, in feedback order (what a person can open). */
  flagged: Feedback[];
  /** All rows whose rating and text disagree: the flagged ones and those folded into the summary. */
  disagreeing: number;
  /** Rows with text but no stored label (a journey from before sentiment was stored, not yet scored). */
  unscored: number;
}

/**
 * The sentiment of a journey's text from its stored labels and tallies: overall and per stage,
 * touchpoint, persona and segment value, shares with n, and the rows whose rating and text
 * disagree. Needs no lexicon: this is what the panel and the map show.
 */
export function sentimentFigures(map: Pick<JourneyMap, "feedback" | "touchpoints"> & Partial<Pick<JourneyMap, "summary">>): SentimentFigures {
  const pass = sentimentPass(map);
  pass.read(0, pass.size);
  return pass.finish();
}

/**
 * `sentimentFigures` as a pass over the rows, so that a panel can read 200,000 rows in slices: `read`
 * the rows [from, to) in order, then `finish` (which adds the summary's tallies).
 */
export function sentimentPass(
  map: Pick<JourneyMap, "feedback" | "touchpoints"> & Partial<Pick<JourneyMap, "summary">>,
): { size: number; read: (from: number, to: number) => void; finish: () => SentimentFigures } {
  const stageOfTouchpoint = new Map(map.touchpoints.map((t) => [t.id, t.stageId]));
  const overall = emptySentiment();
  const byStage = new Map<string, SentimentShares>();
  const byTouchpoint = new Map<string, SentimentShares>();
  const byPersona = new Map<string, SentimentShares>();
  const bySegment = new Map<string, Map<string, SentimentShares>>();
  const flagged: Feedback[] = [];
  let disagreeing = 0;
  let unscored = 0;
  const count = (group: SentimentShares, negative: number, neutral: number, positive: number) => {
    group.negative += negative;
    group.neutral += neutral;
    group.positive += positive;
    group.n += negative + neutral + positive;
  };
  const into = (groups: Map<string, SentimentShares>, key: string | null, negative: number, neutral: number, positive: number) => {
    if (key === null) return;
    let group = groups.get(key);
    if (group === undefined) groups.set(key, (group = emptySentiment()));
    count(group, negative, neutral, positive);
  };
  const add = (
    where: { stageId: string | null; touchpointId: string | null; personaId: string | null; segments?: Segments | null | undefined },
    negative: number,
    neutral: number,
    positive: number,
  ) => {
    count(overall, negative, neutral, positive);
    into(byStage, feedbackStageId(where, stageOfTouchpoint), negative, neutral, positive);
    into(byTouchpoint, where.touchpointId, negative, neutral, positive);
    into(byPersona, where.personaId, negative, neutral, positive);
    if (where.segments !== undefined && where.segments !== null)
      for (const [name, value] of Object.entries(where.segments)) {
        let values = bySegment.get(name);
        if (values === undefined) bySegment.set(name, (values = new Map()));
        into(values, value, negative, neutral, positive);
      }
  };
  const rows = map.feedback;
  const read = (from: number, to: number) => {
    for (let i = from; i < to && i < rows.length; i++) {
      const row = rows[i] as Feedback;
      const label = row.sentiment;
      if (label === undefined) {
        if (row.text.trim() !== "") unscored++;
        continue;
      }
      add(row, label < 0 ? 1 : 0, label === 0 ? 1 : 0, label > 0 ? 1 : 0);
      if (labelDisagreement(row, label) !== null) {
        flagged.push(row);
        disagreeing++;
      }
    }
  };
  const finish = (): SentimentFigures => {
    for (const t of sentimentTallies(map.summary?.sentiment)) {
      add(t, t.negative, t.neutral, t.positive);
      disagreeing += t.disagreeing;
    }
    const shares = (groups: Map<string, SentimentShares>) => new Map([...groups].map(([k, g]) => [k, withShares(g)]));
    return {
      overall: withShares(overall),
      byStage: shares(byStage),
      byTouchpoint: shares(byTouchpoint),
      byPersona: shares(byPersona),
      bySegment: new Map([...bySegment].map(([name, values]) => [name, shares(values)])),
      flagged,
      disagreeing,
      unscored,
    };
  };
  return { size: rows.length, read, finish };
}

/**
 * "Text: 62 % negative · n 340": the share of negative texts, the same class for every stage so that
 * stages compare at a glance; null without labelled text.
 */
export function sentimentLine(shares: SentimentShares | undefined): string | null {
  if (shares === undefined || shares.shares === null) return null;
  return `Text: ${Math.round(shares.shares.negative)} % negative · n ${shares.n.toLocaleString("en-US")}`;
}

/**
 * Labels the rows that have text and no label yet, with `score` (a compound score, or null for a
 * text without words). Rows are changed only where a label is added; the same array comes back when
 * none is, so an unchanged journey stays unchanged.
 */
export function withSentimentLabels(feedback: readonly Feedback[], score: (text: string) => number | null): readonly Feedback[] {
  let out: Feedback[] | null = null;
  for (let i = 0; i < feedback.length; i++) {
    const row = feedback[i] as Feedback;
    if (row.sentiment !== undefined || row.text.trim() === "") continue;
    const compound = score(row.text);
    if (compound === null) continue;
    out ??= feedback.slice();
    out[i] = { ...row, sentiment: labelOf(compound) };
  }
  return out ?? feedback;
}

/**
 * Labels freshly made rows in place (an import's, which nothing else holds yet), a slice of rows at a
 * time with a turn for the host between slices. Rows without text stay without a label.
 */
export async function labelNewRows(
  rows: Feedback[],
  score: (text: string) => number | null,
  yieldToHost: () => Promise<void> = () => Promise.resolve(),
  perSlice = 5_000,
): Promise<void> {
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i] as Feedback;
    if (row.text !== "") {
      const compound = score(row.text);
      if (compound !== null) row.sentiment = labelOf(compound);
    }
    if ((i + 1) % perSlice === 0) await yieldToHost();
  }
}
