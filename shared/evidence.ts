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
import { runPlan, runPlanInSlices, sortInSlices, step, visitPass, wholePass, type PassPlan, type YieldToHost } from "./feedback-pass";
import type { Feedback, JourneyMap } from "./model";
import { normalisedSatisfaction } from "./metrics";
import { foldSentimentTallies } from "./sentiment-summary";
import { foldDriverSumsPlan } from "./stats/driver-sums";
import { foldTermStatistics, gatherTerms, stageTermsPass, suggestPainPoints, type GatheredTerms } from "./suggestions";
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
   * Whether a text without a rating reads negative (by its sentiment, in the command line and the panel):
   * suggestions then count such rows, and the term statistics keep them apart.
   */
  negativeText?: (text: string) => boolean;
  /** Terms a stage keeps statistics for (default `TERMS_PER_STAGE`, term-stats.ts). */
  termsPerStage?: number;
}

type EvidenceMap = Pick<JourneyMap, "feedback" | "painPoints"> &
  Partial<Pick<JourneyMap, "stages" | "touchpoints" | "rejectedSuggestions" | "summary">>;

/**
 * Items each pass of `compactJourneyAsync` reads between two turns of the host: a few milliseconds'
 * work each in Chromium (a row's terms cost more than its place in a group; a sorted key least).
 */
const PER_SLICE = { termRows: 1_000, evidenceRows: 2_500, summaryRows: 400, summaryGroups: 400, keys: 1_000 } as const;

/** Which rows to keep: pain-point evidence, the quotes of each stage × touchpoint and suggestions' evidence (see the module comment). */
export function evidenceRows(
  map: EvidenceMap,
  quotesPerCell: number = QUOTES_PER_CELL,
  negativeText?: (text: string) => boolean,
  gathered?: GatheredTerms,
): Set<number> {
  // suggestions (and so their terms) are read only of a map with stages and touchpoints
  const withTerms = map.stages !== undefined && map.touchpoints !== undefined;
  const terms = gathered ?? (withTerms ? gatherTerms({ touchpoints: map.touchpoints ?? [], feedback: map.feedback }, negativeText) : undefined);
  return runPlan(evidenceRowsPlan(map, quotesPerCell, negativeText, terms));
}

/** `evidenceRows` as a plan: each stage's suggestions in a task of its own, then the rows. */
function* evidenceRowsPlan(
  map: EvidenceMap,
  quotesPerCell: number,
  negativeText: ((text: string) => boolean) | undefined,
  gathered: GatheredTerms | undefined,
): PassPlan<Set<number>> {
  const cited = new Set<string>();
  for (const p of map.painPoints) for (const id of p.evidence) cited.add(id);
  if (map.stages !== undefined && map.touchpoints !== undefined) {
    const withStages = { ...map, stages: map.stages, touchpoints: map.touchpoints };
    // a stage's suggestions depend on its own terms only
    const citeSuggested = (s: number) => {
      const stages = withStages.stages.slice(s, s + 1);
      for (const suggestion of suggestPainPoints({ ...withStages, stages }, { perStage: SUGGESTIONS_WITH_EVIDENCE, negativeText }, gathered))
        for (const id of suggestion.evidence.slice(0, EVIDENCE_PER_SUGGESTION)) cited.add(id);
    };
    yield* step(visitPass(citeSuggested), withStages.stages.length, 1);
  }
  const kept = new Set<number>();
  // each cell's lowest-rated rows with text so far, lowest first (then earliest): a cell may have
  // 20,000 such rows, and only the first few are wanted
  const quotes = Math.max(0, Math.floor(quotesPerCell));
  const candidates = new Map<string, { index: number; s: number }[]>();
  const readRow = (index: number) => {
    const row = map.feedback[index] as Feedback;
    if (cited.has(row.id)) {
      kept.add(index);
      return;
    }
    if (row.text.trim() === "") return;
    const key = `${row.stageId}\u0000${row.touchpointId}`;
    const s = row.rating === null || row.scale === null ? 0.5 : normalisedSatisfaction(row.rating, row.scale);
    let list = candidates.get(key);
    if (list === undefined) candidates.set(key, (list = []));
    // after every row as low (they are earlier)
    let at = list.length;
    while (at > 0 && (list[at - 1] as { s: number }).s > s) at--;
    if (at >= quotes) return;
    list.splice(at, 0, { index, s });
    if (list.length > quotes) list.pop();
  };
  yield* step(visitPass(readRow), map.feedback.length, PER_SLICE.evidenceRows);
  for (const list of candidates.values()) for (const { index } of list) kept.add(index);
  return kept;
}

/**
 * The journey with its feedback beyond the evidence folded into its summary: every figure is the
 * same (metrics.ts counts rows and summary alike), and so are suggestions (term statistics) and
 * drivers (driver sums). A journey with at most `keepAllRows` rows comes back as it is.
 */
export function compactJourney<T extends Pick<JourneyMap, "feedback" | "painPoints" | "summary">>(map: T, options: CompactOptions = {}): T {
  return runPlan(compactPlan(map, options));
}

/**
 * `compactJourney` in slices of a few milliseconds with the host's turns between (the panel folds
 * 200,000 rows this way): the same passes, so the same journey, byte for byte. `perSlice` cuts every
 * pass into slices of that many items instead (tests).
 */
export function compactJourneyAsync<T extends Pick<JourneyMap, "feedback" | "painPoints" | "summary">>(
  map: T,
  yieldToHost: YieldToHost,
  options: CompactOptions & { perSlice?: number } = {},
): Promise<T> {
  return runPlanInSlices(compactPlan(map, options), yieldToHost, options.perSlice);
}

function* compactPlan<T extends Pick<JourneyMap, "feedback" | "painPoints" | "summary">>(map: T, options: CompactOptions): PassPlan<T> {
  const rows = map.feedback;
  if (rows.length <= (options.keepAllRows ?? KEEP_ALL_ROWS)) return map;
  const full = map as T & EvidenceMap;
  // the text of every row is read once, for the suggestions whose evidence is kept and for the term statistics
  const textMap = { touchpoints: full.touchpoints ?? [], feedback: rows, summary: map.summary };
  const gathered = yield* step(stageTermsPass(textMap, options.negativeText), rows.length, PER_SLICE.termRows);
  const keep = yield* evidenceRowsPlan(full, options.quotesPerCell ?? QUOTES_PER_CELL, options.negativeText, gathered);
  const terms = yield* step(wholePass(() => foldTermStatistics(textMap, keep, options.negativeText, options.termsPerStage, gathered)), 1, 1);
  const drivers = yield* foldDriverSumsPlan(rows, (_, i) => keep.has(i), map.summary?.drivers);
  // one count per row: a few milliseconds for 200,000 rows
  const sentiment = yield* step(wholePass(() => foldSentimentTallies(rows, (_, i) => keep.has(i), map.summary?.sentiment)), 1, 1);
  const builder = new SummaryBuilder();
  // the stored terms, drivers and sentiment are folded above, with the rows
  const stored = map.summary ?? { strings: [], groups: [] };
  const addGroups = { read: (from: number, to: number) => builder.addSummary({ strings: stored.strings, groups: stored.groups.slice(from, to) }), finish: () => undefined };
  yield* step(addGroups, stored.groups.length, PER_SLICE.summaryGroups);
  const feedback: Feedback[] = [];
  const foldRow = (index: number) => {
    const row = rows[index] as Feedback;
    if (keep.has(index)) feedback.push(row);
    else builder.addFeedback(row);
  };
  yield* step(visitPass(foldRow), rows.length, PER_SLICE.summaryRows);
  // the groups in the order `toSummary` lists them (text keys, as Array.prototype.sort orders them)
  const unsorted = yield* step(wholePass(() => builder.groupKeys()), 1, 1);
  const keys = yield* sortInSlices(unsorted, (a, b) => (a < b ? -1 : a > b ? 1 : 0), PER_SLICE.keys);
  const summary = yield* step(builder.summaryPass(keys), keys.length, PER_SLICE.summaryGroups);
  if (terms.length > 0) summary.terms = terms;
  if (drivers.patterns.length > 0 || drivers.pairs.length > 0 || drivers.partial.length > 0) summary.drivers = drivers;
  if (sentiment !== undefined) summary.sentiment = sentiment;
  return { ...map, feedback, summary };
}
