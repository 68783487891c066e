/**
 * What a journey keeps of its feedback when it cannot keep every row: the rows it needs to show
 * (evidence) one by one, and everything else as an exact summary (summary.ts), so that every figure
 * stays the same while the stored journey stays small at any volume.
 *
 * Kept one by one:
 * - every row a pain point cites (its evidence);
 * - for each stage × touchpoint, up to `QUOTES_PER_CELL` rows with text to quote: the lowest-rated
 *   first (what suggestions and pain points are made from), then text-only ones, earliest first;
 * - every row while the journey has at most `KEEP_ALL_ROWS` rows (a journey typed by hand, a small
 *   import) — then nothing is summarised.
 */
import type { Feedback, JourneyMap } from "./model";
import { normalisedSatisfaction } from "./metrics";
import { SummaryBuilder } from "./summary";

/** Up to this many rows a journey keeps every row. */
export const KEEP_ALL_ROWS = 5_000;
/** Rows with text kept to quote, per stage × touchpoint, beside the cited ones. */
export const QUOTES_PER_CELL = 20;

export interface CompactOptions {
  keepAllRows?: number;
  quotesPerCell?: number;
}

/** Which rows to keep: pain-point evidence and the quotes of each stage × touchpoint (see the module comment). */
export function evidenceRows(map: Pick<JourneyMap, "feedback" | "painPoints">, quotesPerCell: number = QUOTES_PER_CELL): Set<number> {
  const cited = new Set<string>();
  for (const p of map.painPoints) for (const id of p.evidence) cited.add(id);
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
 * same (metrics.ts counts rows and summary alike). A journey with at most `keepAllRows` rows comes
 * back as it is.
 */
export function compactJourney<T extends Pick<JourneyMap, "feedback" | "painPoints" | "summary">>(map: T, options: CompactOptions = {}): T {
  if (map.feedback.length <= (options.keepAllRows ?? KEEP_ALL_ROWS)) return map;
  const keep = evidenceRows(map, options.quotesPerCell);
  const builder = new SummaryBuilder();
  if (map.summary !== undefined) builder.addSummary(map.summary);
  const feedback: Feedback[] = [];
  map.feedback.forEach((row, index) => {
    if (keep.has(index)) feedback.push(row);
    else builder.addFeedback(row);
  });
  return { ...map, feedback, summary: builder.toSummary() };
}
