/**
 * Filtering the feedback table: by stage (its own or its touchpoint's, as the metrics count it),
 * touchpoint, persona, source, rating (or rating and text that disagree, for review) and a text search. One pass over the rows into a typed array
 * of indexes, with the lower-cased texts and the facet values worked out once per feedback array,
 * so that 200,000 rows filter in a few milliseconds.
 */
import { feedbackStageId } from "../../shared/metrics";
import type { Feedback, JourneyMap, RatingScale } from "../../shared/model";
import { labelDisagreement } from "../../shared/sentiment-summary";

/** "all" matches every row; "none" the rows without one. */
export interface FeedbackFilter {
  stageId: string;
  touchpointId: string;
  personaId: string;
  /** null: any source. */
  source: string | null;
  /**
   * "all", "rated", "text-only", `DISAGREE` (a strong rating whose text says the opposite, see
   * sentiment-summary.ts), or one rating on one scale: `<rating>|<min>|<max>` (see `ratingKey`).
   */
  rating: string;
  search: string;
}

/** The rating filter of the rows whose rating and text disagree strongly (5 stars, very negative words). */
export const DISAGREE = "disagree";

export const NO_FILTER: FeedbackFilter = { stageId: "all", touchpointId: "all", personaId: "all", source: null, rating: "all", search: "" };

export function ratingKey(row: Pick<Feedback, "rating" | "scale">): string | null {
  return row.rating === null || row.scale === null ? null : `${row.rating}|${row.scale.min}|${row.scale.max}`;
}

/** The parts of a `<rating>|<min>|<max>` key, or null for "all", "rated" and "text-only". */
function parseRatingKey(key: string): { rating: number; min: number; max: number } | null {
  const parts = key.split("|");
  return parts.length === 3 ? { rating: Number(parts[0]), min: Number(parts[1]), max: Number(parts[2]) } : null;
}

export interface FeedbackFacets {
  /** Sources by how often they occur, most frequent first. */
  sources: { value: string; count: number }[];
  /** Distinct (rating, scale) pairs, by scale then rating. */
  ratings: { key: string; rating: number; min: number; max: number; count: number }[];
}

const facetCache = new WeakMap<readonly Feedback[], FeedbackFacets>();

/** Whether the facets of these rows are known already (so a table can draw before working them out). */
export function hasFeedbackFacets(feedback: readonly Feedback[]): boolean {
  return facetCache.has(feedback);
}
const searchCache = new WeakMap<readonly Feedback[], string[]>();

export function feedbackFacets(feedback: readonly Feedback[]): FeedbackFacets {
  const known = facetCache.get(feedback);
  if (known !== undefined) return known;
  const sources = new Map<string, number>();
  // By scale object, then rating: an import shares one scale object among its rows, so this avoids
  // building a key string per row (200,000 of them); equal scales in different objects meet below.
  const byScale = new Map<RatingScale, Map<number, number>>();
  for (const row of feedback) {
    sources.set(row.source, (sources.get(row.source) ?? 0) + 1);
    if (row.rating === null || row.scale === null) continue;
    let ratings = byScale.get(row.scale);
    if (ratings === undefined) byScale.set(row.scale, (ratings = new Map()));
    ratings.set(row.rating, (ratings.get(row.rating) ?? 0) + 1);
  }
  const ratings = new Map<string, { key: string; rating: number; min: number; max: number; count: number }>();
  for (const [scale, counts] of byScale) {
    for (const [rating, count] of counts) {
      const key = ratingKey({ rating, scale }) ?? "";
      const entry = ratings.get(key);
      if (entry === undefined) ratings.set(key, { key, rating, min: scale.min, max: scale.max, count });
      else entry.count += count;
    }
  }
  const facets: FeedbackFacets = {
    sources: [...sources].map(([value, count]) => ({ value, count })).sort((a, b) => b.count - a.count || (a.value < b.value ? -1 : 1)),
    ratings: [...ratings.values()].sort((a, b) => a.min - b.min || a.max - b.max || a.rating - b.rating),
  };
  facetCache.set(feedback, facets);
  return facets;
}

/** The lower-cased text and source of every row, for the search. */
function searchTexts(feedback: readonly Feedback[]): string[] {
  let texts = searchCache.get(feedback);
  if (texts === undefined) {
    texts = feedback.map((row) => `${row.text}\u0000${row.source}`.toLowerCase());
    searchCache.set(feedback, texts);
  }
  return texts;
}

function isEmptyFilter(filter: FeedbackFilter): boolean {
  return (
    filter.stageId === "all" &&
    filter.touchpointId === "all" &&
    filter.personaId === "all" &&
    filter.source === null &&
    filter.rating === "all" &&
    filter.search.trim() === ""
  );
}

/** Indexes (into `map.feedback`) of the rows that pass the filter, in the map's order. */
export function filterFeedback(map: Pick<JourneyMap, "feedback" | "touchpoints">, filter: FeedbackFilter): Int32Array {
  const rows = map.feedback;
  if (isEmptyFilter(filter)) {
    const all = new Int32Array(rows.length);
    for (let i = 0; i < all.length; i++) all[i] = i;
    return all;
  }
  const stageOfTouchpoint = new Map(map.touchpoints.map((t) => [t.id, t.stageId]));
  const search = filter.search.trim().toLowerCase();
  const texts = search === "" ? null : searchTexts(rows);
  const matchId = (wanted: string, actual: string | null) => wanted === "all" || (wanted === "none" ? actual === null : actual === wanted);
  const wanted = parseRatingKey(filter.rating);
  const out = new Int32Array(rows.length);
  let n = 0;
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i] as Feedback;
    if (filter.stageId !== "all" && !matchId(filter.stageId, feedbackStageId(row, stageOfTouchpoint))) continue;
    if (!matchId(filter.touchpointId, row.touchpointId)) continue;
    if (!matchId(filter.personaId, row.personaId)) continue;
    if (filter.source !== null && row.source !== filter.source) continue;
    if (filter.rating !== "all") {
      if (filter.rating === "rated") {
        if (row.rating === null) continue;
      } else if (filter.rating === "text-only") {
        if (row.rating !== null) continue;
      } else if (filter.rating === DISAGREE) {
        if (labelDisagreement(row, row.sentiment) === null) continue;
      } else if (row.rating === null || row.scale === null || row.rating !== wanted?.rating || row.scale.min !== wanted.min || row.scale.max !== wanted.max) continue;
    }
    if (texts !== null && !(texts[i] as string).includes(search)) continue;
    out[n++] = i;
  }
  return out.subarray(0, n);
}
