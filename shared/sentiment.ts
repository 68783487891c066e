/**
 * What the words say: the sentiment of feedback text, by VADER (Hutto & Gilbert's lexicon and rules,
 * as `vader-sentiment` 1.1.3 has them, ported in sentiment-vader.ts), chosen by measurement (README,
 * "Sentiment").
 *
 * Sentiment is a figure of its own, per stage, touchpoint, persona and segment: the shares of
 * negative, neutral and positive texts and their n. It is never mixed into ratings. A row whose
 * rating and text disagree strongly (5 stars, very negative words) is flagged for a person to read.
 *
 * Text is scored where it enters (the CSV import, typed feedback, the command line) and the label is
 * stored on the row (`Feedback.sentiment`); rows folded into a summary leave their labels tallied
 * there (sentiment-summary.ts). Whatever reads sentiment afterwards (Insights, the map, the sandbox)
 * reads what is stored and needs no lexicon. This module, which holds the lexicon (71 kB), is for
 * the places text enters.
 */
import type { Feedback, JourneyMap } from "./model";
import { feedbackStageId } from "./metrics";
import { vaderCompound } from "./sentiment-vader";
import {
  NEGATIVE_COMPOUND,
  POSITIVE_COMPOUND,
  STRONG_COMPOUND,
  emptySentiment,
  ratingBox,
  sentimentTallies,
  withShares,
  withSentimentLabels,
  type SentimentTally,
  type Disagreement,
  type Sentiment,
  type SentimentShares,
} from "./sentiment-summary";

export {
  NEGATIVE_COMPOUND,
  POSITIVE_COMPOUND,
  SENTIMENTS,
  STRONG_COMPOUND,
  emptySentiment,
  labelOf,
  ratingBox,
  type Disagreement,
  type Sentiment,
  type SentimentLabel,
  type SentimentShares,
} from "./sentiment-summary";

/** VADER's compound score of a text, −1…1; null for blank text (no words, no sentiment). */
export function compoundScore(text: string): number | null {
  if (text.trim() === "") return null;
  return vaderCompound(text);
}

/** Whether a text reads negative by VADER: what suggestions count a text without a rating as. */
export function readsNegative(text: string): boolean {
  const compound = compoundScore(text);
  return compound !== null && sentimentOf(compound) === "negative";
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

function addSentiment(group: SentimentShares, sentiment: Sentiment): void {
  group.n++;
  group[sentiment]++;
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
  /** Texts of rows folded into the summary, counted from its tallies (labelled at import), and how many of them disagree with their rating. */
  folded: { texts: number; disagreeing: number };
}

/**
 * The sentiment of a map's feedback text, overall and per stage, touchpoint and persona: the rows
 * kept, scored by `score`, and the rows folded into the summary, by the tallies of their labels.
 */
export function journeySentiment(
  map: Pick<JourneyMap, "feedback" | "touchpoints"> & Partial<Pick<JourneyMap, "summary">>,
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
  const folded = { texts: 0, disagreeing: 0 };
  const addCounts = (groups: Map<string, SentimentShares> | null, key: string | null, t: SentimentTally) => {
    if (key === null) return;
    let group = groups === null ? overall : groups.get(key);
    if (group === undefined) groups?.set(key, (group = emptySentiment()));
    if (group === undefined) return;
    group.negative += t.negative;
    group.neutral += t.neutral;
    group.positive += t.positive;
    group.n += t.negative + t.neutral + t.positive;
  };
  for (const t of sentimentTallies(map.summary?.sentiment)) {
    addCounts(null, "", t);
    addCounts(byStage, feedbackStageId(t, stageOfTouchpoint), t);
    addCounts(byTouchpoint, t.touchpointId, t);
    addCounts(byPersona, t.personaId, t);
    folded.texts += t.negative + t.neutral + t.positive;
    folded.disagreeing += t.disagreeing;
  }
  const finish = (groups: Map<string, SentimentShares>) => new Map([...groups].map(([k, g]) => [k, withShares(g)]));
  return {
    folded,
    overall: withShares(overall),
    byStage: finish(byStage),
    byTouchpoint: finish(byTouchpoint),
    byPersona: finish(byPersona),
    flagged,
    compoundById,
  };
}

/** The rows with text and no label yet, labelled (`withSentimentLabels`) with VADER; the same array when none needed it. */
export function labelFeedback(feedback: readonly Feedback[], score: (text: string) => number | null = createSentimentScorer()): readonly Feedback[] {
  return withSentimentLabels(feedback, score);
}
