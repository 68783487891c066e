/**
 * What the words say: the sentiment of feedback text, by VADER (`vader-sentiment`, the JavaScript
 * port of Hutto & Gilbert's lexicon and rules), chosen by measurement (README, "Sentiment").
 *
 * Sentiment is a figure of its own, per stage, touchpoint and persona: the shares of negative,
 * neutral and positive texts and their n. It is never mixed into ratings. A row whose rating and
 * text disagree strongly (5 stars, very negative words) is flagged for a person to read.
 *
 * Text folded into a journey's summary (evidence.ts) is gone and cannot be scored: sentiment covers
 * the rows kept one by one, and the report says so with the number of rows folded.
 *
 * The lexicon is about 110 kB minified, more than the panel's or the sandbox's budget has left, so
 * this module runs in the command line; the panel imports nothing from it.
 */
import { SentimentIntensityAnalyzer } from "vader-sentiment";
import type { Feedback, JourneyMap } from "./model";
import { feedbackStageId, normalisedSatisfaction } from "./metrics";

export const SENTIMENTS = ["negative", "neutral", "positive"] as const;
export type Sentiment = (typeof SENTIMENTS)[number];

/** VADER's published thresholds: compound ≤ −0.05 negative, ≥ 0.05 positive, neutral between. */
export const NEGATIVE_COMPOUND = -0.05;
export const POSITIVE_COMPOUND = 0.05;
/** Strongly negative (or, mirrored, strongly positive) text: |compound| ≥ 0.5. */
export const STRONG_COMPOUND = 0.5;

/** VADER's compound score of a text, −1…1; null for blank text (no words, no sentiment). */
export function compoundScore(text: string): number | null {
  if (text.trim() === "") return null;
  return SentimentIntensityAnalyzer.polarity_scores(text).compound;
}

/** The class of a compound score by VADER's thresholds. */
export function sentimentOf(compound: number): Sentiment {
  if (compound <= NEGATIVE_COMPOUND) return "negative";
  if (compound >= POSITIVE_COMPOUND) return "positive";
  return "neutral";
}

/**
 * Scores texts once each: an export repeats texts ("Great", "Love it"), and VADER costs most of a
 * millisecond per text.
 */
export function createSentimentScorer(): (text: string) => number | null {
  const cache = new Map<string, number | null>();
  return (text) => {
    let score = cache.get(text);
    if (score === undefined && !cache.has(text)) {
      score = compoundScore(text);
      cache.set(text, score);
    }
    return score ?? null;
  };
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

function addSentiment(group: SentimentShares, sentiment: Sentiment): void {
  group.n++;
  group[sentiment]++;
}

function withShares(group: SentimentShares): SentimentShares {
  if (group.n === 0) return { ...group, shares: null };
  const share = (k: number) => (100 * k) / group.n;
  return { ...group, shares: { negative: share(group.negative), neutral: share(group.neutral), positive: share(group.positive) } };
}

/** Why a row's rating and text disagree. */
export type Disagreement = "top rating, strongly negative text" | "bottom rating, strongly positive text";

/**
 * Top box: 4–5 of 5, 9–10 of 10, else the top quarter of the scale (s ≥ 0.75; 6–7 of 7 would be
 * s ≥ 0.833, so 1–7 scales use the same quarter). Bottom box mirrors it: 1–2 of 5, 0–1 of 10,
 * s ≤ 0.25 elsewhere.
 */
export function ratingBox(row: Pick<Feedback, "rating" | "scale">): "top" | "bottom" | null {
  if (row.rating === null || row.scale === null) return null;
  const { min, max } = row.scale;
  if (min === 0 && max === 10) return row.rating >= 9 ? "top" : row.rating <= 1 ? "bottom" : null;
  const s = normalisedSatisfaction(row.rating, row.scale);
  return s >= 0.75 ? "top" : s <= 0.25 ? "bottom" : null;
}

/**
 * A row is flagged when a top-box rating comes with strongly negative text (compound ≤ −0.5), or a
 * bottom-box rating with strongly positive text (compound ≥ 0.5).
 */
export function disagreement(row: Pick<Feedback, "rating" | "scale">, compound: number | null): Disagreement | null {
  if (compound === null) return null;
  const box = ratingBox(row);
  if (box === "top" && compound <= -STRONG_COMPOUND) return "top rating, strongly negative text";
  if (box === "bottom" && compound >= STRONG_COMPOUND) return "bottom rating, strongly positive text";
  return null;
}

export interface FlaggedRow {
  id: string;
  rating: number;
  text: string;
  compound: number;
  reason: Disagreement;
}

export interface JourneySentiment {
  overall: SentimentShares;
  byStage: Map<string, SentimentShares>;
  byTouchpoint: Map<string, SentimentShares>;
  byPersona: Map<string, SentimentShares>;
  /** Rows whose rating and text disagree strongly, in feedback order. */
  flagged: FlaggedRow[];
  /** Compound score of every row with text, by feedback id (what negative-text suggestions read). */
  compoundById: Map<string, number>;
}

/** The sentiment of a map's feedback text, overall and per stage, touchpoint and persona. */
export function journeySentiment(
  map: Pick<JourneyMap, "feedback" | "touchpoints">,
  score: (text: string) => number | null = createSentimentScorer(),
): JourneySentiment {
  const stageOfTouchpoint = new Map(map.touchpoints.map((t) => [t.id, t.stageId]));
  const overall = emptySentiment();
  const byStage = new Map<string, SentimentShares>();
  const byTouchpoint = new Map<string, SentimentShares>();
  const byPersona = new Map<string, SentimentShares>();
  const flagged: FlaggedRow[] = [];
  const compoundById = new Map<string, number>();
  const add = (groups: Map<string, SentimentShares>, key: string | null, sentiment: Sentiment) => {
    if (key === null) return;
    let group = groups.get(key);
    if (group === undefined) groups.set(key, (group = emptySentiment()));
    addSentiment(group, sentiment);
  };
  for (const row of map.feedback) {
    const compound = score(row.text);
    if (compound === null) continue;
    compoundById.set(row.id, compound);
    const sentiment = sentimentOf(compound);
    addSentiment(overall, sentiment);
    add(byStage, feedbackStageId(row, stageOfTouchpoint), sentiment);
    add(byTouchpoint, row.touchpointId, sentiment);
    add(byPersona, row.personaId, sentiment);
    const reason = disagreement(row, compound);
    if (reason !== null && row.rating !== null) flagged.push({ id: row.id, rating: row.rating, text: row.text, compound, reason });
  }
  const finish = (groups: Map<string, SentimentShares>) => new Map([...groups].map(([k, g]) => [k, withShares(g)]));
  return {
    overall: withShares(overall),
    byStage: finish(byStage),
    byTouchpoint: finish(byTouchpoint),
    byPersona: finish(byPersona),
    flagged,
    compoundById,
  };
}
