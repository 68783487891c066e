/**
 * What a journey keeps of its feedback when it cannot keep every row: the rows it needs to show
 * (evidence) one by one, and everything else as an exact summary (summary.ts), so that every figure
 * stays the same while the stored journey stays small at any volume.
 *
 * Kept one by one:
 * - every row a pain point cites (its evidence);
 * - for each stage × touchpoint, up to `QUOTES_PER_CELL` rows with text to quote: the lowest-rated
 *   first (what suggestions and pain points are made from), then text-only ones, earliest first;
 * - for each stage's first `SUGGESTIONS_WITH_EVIDENCE` suggested pain points, the first
 *   `EVIDENCE_PER_SUGGESTION` rows that back each (its quotes are the first three), so that a
 *   suggestion still shows its quotes and can still be accepted as a pain point; one further down
 *   (after ten rejections in a stage) may have none left to cite;
 * - every row while the journey has at most `KEEP_ALL_ROWS` rows (a journey typed by hand, a small
 *   import) — then nothing is summarised.
 *
 * Kept in the summary beside the counts, for what is computed from more than counts:
 * - term statistics (term-stats.ts): suggested pain points, their counts, order and mean
 *   satisfaction, are those of the raw rows for the terms within the bound;
 * - driver sums (stats/driver-sums.ts): key drivers' correlations and relative weights are those of
 *   the raw rows;
 * - sentiment tallies (sentiment-summary.ts): the sentiment shares are those of the raw rows' labels.
 */
import type { Feedback, JourneyMap } from "./model";
import { normalisedSatisfaction } from "./metrics";
import { foldSentimentTallies } from "./sentiment-summary";
import { foldDriverSums } from "./stats/driver-sums";
import { foldTermStatistics, gatherTerms, suggestPainPoints, type GatheredTerms } from "./suggestions";
import { SummaryBuilder } from "./summary";

/** Up to this many rows a journey keeps every row. */
export const KEEP_ALL_ROWS = 5_000;
/** Rows with text kept to quote, per stage × touchpoint, beside the cited ones. */
export const QUOTES_PER_CELL = 20;
/** Suggestions per stage whose evidence is kept: twice the five shown, so that a few can be rejected. */
export const SUGGESTIONS_WITH_EVIDENCE = 10;
/** Rows kept per such suggestion: its three quotes and a little more to cite. */
export const EVIDENCE_PER_SUGGESTION = 5;

export interface CompactOptions {
  keepAllRows?: number;
  quotesPerCell?: number;
  /**
   * Whether a text without a rating reads negative (the command line can tell; the panel cannot):
   * suggestions then count such rows, and the term statistics keep them apart.
   */
  negativeText?: (text: string) => boolean;
  /** Terms a stage keeps statistics for (default `TERMS_PER_STAGE`, term-stats.ts). */
  termsPerStage?: number;
}

type EvidenceMap = Pick<JourneyMap, "feedback" | "painPoints"> &
  Partial<Pick<JourneyMap, "stages" | "touchpoints" | "rejectedSuggestions" | "summary">>;

/** Which rows to keep: pain-point evidence, the quotes of each stage × touchpoint and suggestions' evidence (see the module comment). */
export function evidenceRows(
  map: EvidenceMap,
  quotesPerCell: number = QUOTES_PER_CELL,
  negativeText?: (text: string) => boolean,
  gathered?: GatheredTerms,
): Set<number> {
  const cited = new Set<string>();
  for (const p of map.painPoints) for (const id of p.evidence) cited.add(id);
  if (map.stages !== undefined && map.touchpoints !== undefined) {
    const suggestions = suggestPainPoints(
      { ...map, stages: map.stages, touchpoints: map.touchpoints },
      { perStage: SUGGESTIONS_WITH_EVIDENCE, negativeText },
      gathered,
    );
    for (const s of suggestions) for (const id of s.evidence.slice(0, EVIDENCE_PER_SUGGESTION)) cited.add(id);
  }
  const kept = new Set<number>();
  const candidates = new Map<string, { index: number; s: number }[]>();
  map.feedback.forEach((row, index) => {
    if (cited.has(row.id)) {
      kept.add(index);
      return;
    }
    if (row.text.trim() === "") return;
    const key = `${row.stageId}\u0000${row.touchpointId}`;
    const s = row.rating === null || row.scale === null ? 0.5 : normalisedSatisfaction(row.rating, row.scale);
    let list = candidates.get(key);
    if (list === undefined) candidates.set(key, (list = []));
    list.push({ index, s });
  });
  for (const list of candidates.values()) {
    list.sort((a, b) => a.s - b.s || a.index - b.index);
    for (const { index } of list.slice(0, quotesPerCell)) kept.add(index);
  }
  return kept;
}

/**
 * The journey with its feedback beyond the evidence folded into its summary: every figure is the
 * same (metrics.ts counts rows and summary alike), and so are suggestions (term statistics) and
 * drivers (driver sums). A journey with at most `keepAllRows` rows comes back as it is.
 */
export function compactJourney<T extends Pick<JourneyMap, "feedback" | "painPoints" | "summary">>(map: T, options: CompactOptions = {}): T {
  if (map.feedback.length <= (options.keepAllRows ?? KEEP_ALL_ROWS)) return map;
  const full = map as T & EvidenceMap;
  // the text of every row is read once, for the suggestions whose evidence is kept and for the term statistics
  const textMap = { touchpoints: full.touchpoints ?? [], feedback: map.feedback, summary: map.summary };
  const gathered = gatherTerms(textMap, options.negativeText);
  const keep = evidenceRows(full, options.quotesPerCell, options.negativeText, gathered);
  const terms = foldTermStatistics(textMap, keep, options.negativeText, options.termsPerStage, gathered);
  const drivers = foldDriverSums(map.feedback, (_, i) => keep.has(i), map.summary?.drivers);
  const sentiment = foldSentimentTallies(map.feedback, (_, i) => keep.has(i), map.summary?.sentiment);
  const builder = new SummaryBuilder();
  // the stored terms, drivers and sentiment are folded above, with the rows
  if (map.summary !== undefined) builder.addSummary({ strings: map.summary.strings, groups: map.summary.groups });
  const feedback: Feedback[] = [];
  map.feedback.forEach((row, index) => {
    if (keep.has(index)) feedback.push(row);
    else builder.addFeedback(row);
  });
  const summary = builder.toSummary();
  if (terms.length > 0) summary.terms = terms;
  if (drivers.patterns.length > 0 || drivers.pairs.length > 0 || drivers.partial.length > 0) summary.drivers = drivers;
  if (sentiment !== undefined) summary.sentiment = sentiment;
  return { ...map, feedback, summary };
}
