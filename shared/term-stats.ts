/**
 * Term statistics: what suggested pain points (suggestions.ts) need of feedback text that was folded
 * into a summary (summary.ts, evidence.ts), since folded text cannot be read again.
 *
 * Per stage: how many folded rows with text were negative (rated, s < 0.5), positive (s > 0.5), and
 * negative by their text alone (text-only rows, counted only when the folding side could judge
 * text: the command line; `scored` says whether it could). Per term (a word or phrase, as
 * `feedbackTerms` cuts them): the same three counts, and the satisfaction of its negative rated rows
 * as whole-number sums per scale width (Σ(rating − min) for each width), so that the mean is exact.
 *
 * Bounded: a stage lists at most `TERMS_PER_STAGE` terms, those in most negative rows of the whole
 * journey at folding (kept rows too; ties: longer phrases first, then alphabetically; terms of
 * positive rows only last, listed while there is room: a later import may make them negative).
 * `left` is how many terms were left out and `cut` the most negative rows one of them has. A listed
 * term's counts are exact, so its suggestion is the one the raw rows give; while a stage has left
 * terms out, no other term is suggested (its count could be short by up to `cut`, its positive
 * count by more). A longer phrase is listed before its
 * words at the same count, so a word is still dropped for its phrase as with the raw rows.
 * Folding again later (a second import) keeps this true while no term is left out; once some are,
 * a term first listed later may be short by up to the earlier cut, which the new cut then includes.
 *
 * Stored form: per stage { stageId, negative, positive, negativeText, scored, cut, terms, counts },
 * `terms` the listed terms and `counts` theirs, each [negative, negativeText, positive, width₁,
 * Σ(rating − min)₁, width₂, …] (widths ascending). Two plain arrays rather than tuples: the map's
 * schema runs in the sandbox too, and zod's tuple would add to its bundle.
 */
import * as z from "./zod";

/** Terms a stage keeps statistics for: enough for the suggestions of a busy stage (about 40 kB a stage as JSON). */
export const TERMS_PER_STAGE = 400;

export const StageTermStatistics = z.object({
  stageId: z.string(),
  negative: z.number(),
  positive: z.number(),
  negativeText: z.number(),
  scored: z.boolean(),
  cut: z.number(),
  left: z.number(),
  terms: z.array(z.string()),
  counts: z.array(z.array(z.number())),
});
export type StageTermStatistics = z.infer<typeof StageTermStatistics>;

/** One term's counts while they are added up. */
export interface TermCounts {
  negative: number;
  negativeText: number;
  positive: number;
  /** Scale width → Σ(rating − min) of the negative rated rows. */
  satisfaction: Map<number, number>;
}

export function emptyTermCounts(): TermCounts {
  return { negative: 0, negativeText: 0, positive: 0, satisfaction: new Map() };
}

/** Adds a stored term's counts ([negative, negativeText, positive, width, sum, …]) to counts. */
export function addStoredTerm(counts: TermCounts, stored: readonly number[] | undefined): void {
  if (stored === undefined) return;
  counts.negative += stored[0] ?? 0;
  counts.negativeText += stored[1] ?? 0;
  counts.positive += stored[2] ?? 0;
  for (let i = 3; i + 1 < stored.length; i += 2) addSatisfaction(counts.satisfaction, stored[i] ?? 1, stored[i + 1] ?? 0);
}

export function addSatisfaction(sums: Map<number, number>, width: number, sum: number): void {
  sums.set(width, (sums.get(width) ?? 0) + sum);
}

/** Σ s of the sums: Σ_width (Σ(rating − min) / width), widths ascending, so the same sums give the same total. */
export function satisfactionTotal(sums: Map<number, number>): number {
  let total = 0;
  for (const width of [...sums.keys()].sort((a, b) => a - b)) total += (sums.get(width) ?? 0) / width;
  return total;
}

/** The stored form of a term's counts. */
export function storedCounts(counts: TermCounts): number[] {
  const out = [counts.negative, counts.negativeText, counts.positive];
  for (const width of [...counts.satisfaction.keys()].sort((a, b) => a - b)) {
    const sum = counts.satisfaction.get(width) ?? 0;
    if (sum !== 0) out.push(width, sum); // 0 adds nothing to the mean
  }
  return out;
}

/**
 * Listing order: in more negative rows first, then longer phrases (so a phrase comes before its
 * words at the same count), then alphabetically.
 */
export function compareListed(a: { term: string; rows: number }, b: { term: string; rows: number }): number {
  if (a.rows !== b.rows) return b.rows - a.rows;
  const words = b.term.split(" ").length - a.term.split(" ").length;
  if (words !== 0) return words;
  return a.term < b.term ? -1 : a.term > b.term ? 1 : 0;
}

/**
 * Two summaries' statistics as one, stage by stage. A term listed on one side only is short by
 * up to the other side's cut, so the cuts add up; at most `TERMS_PER_STAGE` terms stay listed.
 */
export function mergeTermStatistics(a: readonly StageTermStatistics[], b: readonly StageTermStatistics[]): StageTermStatistics[] {
  const byStage = new Map<string, StageTermStatistics[]>();
  for (const s of [...a, ...b]) byStage.set(s.stageId, [...(byStage.get(s.stageId) ?? []), s]);
  return [...byStage.keys()].sort().map((stageId) => {
    const parts = byStage.get(stageId) ?? [];
    // one side only: as it is (its order is by the rows of the whole journey when it was folded)
    if (parts.length === 1) return parts[0] as StageTermStatistics;
    const terms = new Map<string, TermCounts>();
    for (const part of parts)
      part.terms.forEach((term, i) => {
        let counts = terms.get(term);
        if (counts === undefined) terms.set(term, (counts = emptyTermCounts()));
        addStoredTerm(counts, part.counts[i]);
      });
    const ordered = [...terms.entries()]
      .map(([term, counts]) => ({ term, counts, rows: counts.negative + counts.negativeText }))
      .sort(compareListed);
    let cut = parts.reduce((sum, p) => sum + p.cut, 0);
    for (const out of ordered.slice(TERMS_PER_STAGE)) cut = Math.max(cut, out.rows);
    const left = parts.reduce((sum, p) => sum + p.left, 0) + Math.max(0, ordered.length - TERMS_PER_STAGE);
    return {
      stageId,
      negative: parts.reduce((sum, p) => sum + p.negative, 0),
      positive: parts.reduce((sum, p) => sum + p.positive, 0),
      negativeText: parts.reduce((sum, p) => sum + p.negativeText, 0),
      scored: parts.every((p) => p.scored),
      cut,
      left,
      terms: ordered.slice(0, TERMS_PER_STAGE).map((t) => t.term),
      counts: ordered.slice(0, TERMS_PER_STAGE).map((t) => storedCounts(t.counts)),
    };
  });
}
