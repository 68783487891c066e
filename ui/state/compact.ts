/**
 * What the panel stores of a large journey (the draft, the model sent to be drawn on the map frame):
 * the journey compacted as `compactJourney` (shared/evidence.ts) compacts it — the evidence rows
 * kept, everything else folded into the exact summary — and that summary packed
 * (shared/summary-pack.ts). The panel itself keeps every row of an import in memory.
 *
 * Folding 200,000 rows takes seconds, so it runs as `compactJourneyAsync`, the same passes as
 * `compactJourney` in slices of a few milliseconds with the host's turns between, and the summary
 * it gives is grouped again here, in slices too, in another order (a summary's figures do not
 * depend on it): by stage × touchpoint × persona × source × kind × segment × scale, then by day,
 * which packs small. test/ui/compact.test.ts checks both against `compactJourney`.
 */
import { KEEP_ALL_ROWS, compactJourneyAsync } from "../../shared/evidence";
import { readsNegative } from "../../shared/sentiment";
import type { Feedback, JourneyMap, RatingScale } from "../../shared/model";
import { countsAnything, segmentText, storedGroup, stringTable, summaryGroups, tallyGroup, tallyRow, type FeedbackSummary, type GroupTallies, type SummaryGroup } from "../../shared/summary";
import { SummaryPacker, type PackedSummary } from "../../shared/summary-pack";

/** Rows (or groups) read between two turns of the host: a few milliseconds of work in Chromium. */
const PER_SLICE = 750;

export type YieldToHost = () => Promise<void>;

interface Cell {
  stageId: string | null;
  touchpointId: string | null;
  personaId: string | null;
  source: string;
  kind: string;
  segment: string | null;
  scale: RatingScale | null;
  days: Map<string | null, GroupTallies>;
}

/** Groups of rows and summary groups, by everything but the day, then by day. */
class CellBuilder {
  readonly cells = new Map<string, Cell>();

  private counts(
    stageId: string | null,
    touchpointId: string | null,
    personaId: string | null,
    source: string,
    kind: string,
    day: string | null,
    segment: string | null,
    scale: RatingScale | null,
  ): GroupTallies {
    const key = `${stageId}\u0000${touchpointId}\u0000${personaId}\u0000${source}\u0000${kind}\u0000${segment}\u0000${scale === null ? "" : `${scale.min}:${scale.max}`}`;
    let cell = this.cells.get(key);
    if (cell === undefined) this.cells.set(key, (cell = { stageId, touchpointId, personaId, source, kind, segment, scale, days: new Map() }));
    let counts = cell.days.get(day);
    if (counts === undefined) cell.days.set(day, (counts = { textOnly: 0, empty: 0, noAnswer: 0, histogram: new Map() }));
    return counts;
  }

  addRow(row: Feedback): void {
    const rated = row.rating !== null && row.scale !== null;
    tallyRow(this.counts(row.stageId, row.touchpointId, row.personaId, row.source, row.kind, row.date, segmentText(row.segments), rated ? row.scale : null), row);
  }

  addGroup(g: SummaryGroup): void {
    tallyGroup(this.counts(g.stageId, g.touchpointId, g.personaId, g.source, g.kind, g.day, segmentText(g.segments), g.values.length > 0 ? g.scale : null), g);
  }

  /** The groups, cells in key order and days in date order (rows without a date first); `ref` gives a string's index. */
  *groups(ref: (text: string | null) => number | null): Generator<(number | null)[]> {
    for (const key of [...this.cells.keys()].sort()) {
      const cell = this.cells.get(key) as Cell;
      const days = [...cell.days.keys()].sort((a, b) => (a === b ? 0 : a === null ? -1 : b === null ? 1 : a < b ? -1 : 1));
      for (const day of days) {
        const c = cell.days.get(day) as GroupTallies;
        if (countsAnything(c)) yield storedGroup(ref, cell, day, c);
      }
    }
  }

  /** The summary and its packed form, made in slices. */
  async toSummary(yieldToHost: YieldToHost): Promise<{ summary: FeedbackSummary; packed: PackedSummary }> {
    const { strings, ref } = stringTable();
    const groups: (number | null)[][] = [];
    const packer = new SummaryPacker();
    for (const group of this.groups(ref)) {
      groups.push(group);
      packer.add(group);
      if (groups.length % PER_SLICE === 0) await yieldToHost();
    }
    // joining 100,000 groups' text is a task of its own
    await yieldToHost();
    return { summary: { strings, groups }, packed: { strings, groups: packer.text() } };
  }
}

/**
 * The summary with each group moved (`rekey` gives its new stage, touchpoint or persona) or dropped
 * (null), groups that come to share a key added together: what an edit does to the rows it counts.
 */
export function rekeyedSummary(summary: FeedbackSummary, rekey: (group: SummaryGroup) => SummaryGroup | null): FeedbackSummary {
  const builder = new CellBuilder();
  for (const g of summaryGroups(summary)) {
    const moved = rekey(g);
    if (moved !== null) builder.addGroup(moved);
  }
  const { strings, ref } = stringTable();
  return { strings, groups: [...builder.groups(ref)] };
}

/** What a summary keeps beside its groups: term statistics, driver sums and sentiment tallies, when it has them. */
function extraOf(summary: FeedbackSummary | undefined): Pick<FeedbackSummary, "terms" | "drivers" | "sentiment"> {
  const extra: Pick<FeedbackSummary, "terms" | "drivers" | "sentiment"> = {};
  if (summary?.terms !== undefined) extra.terms = summary.terms;
  if (summary?.drivers !== undefined) extra.drivers = summary.drivers;
  if (summary?.sentiment !== undefined) extra.sentiment = summary.sentiment;
  return extra;
}

/** A journey as stored: compacted, with its summary packed (null when it has none). */
export interface StoredJourney {
  model: JourneyMap;
  packed: PackedSummary | null;
}

const known = new WeakMap<readonly Feedback[], { painPoints: JourneyMap["painPoints"]; summary: JourneyMap["summary"]; stored: StoredJourney }>();

/**
 * The journey as `compactJourney` would keep it, and its summary packed, made in slices. Remembered
 * for the same feedback, pain points and summary: typing after a large import does not read every
 * row again. A journey of at most `KEEP_ALL_ROWS` rows keeps them all.
 */
export async function storedJourney(map: JourneyMap, yieldToHost: YieldToHost, keepAllRows = KEEP_ALL_ROWS): Promise<StoredJourney> {
  const cached = known.get(map.feedback);
  if (cached !== undefined && cached.painPoints === map.painPoints && cached.summary === map.summary) {
    return { ...cached.stored, model: { ...map, feedback: cached.stored.model.feedback, summary: cached.stored.model.summary } };
  }
  let stored: StoredJourney;
  if (map.feedback.length <= keepAllRows) {
    if (map.summary === undefined) stored = { model: map, packed: null };
    else {
      // Kept rows as they are; the summary packed (in slices: it may hold 100,000 groups).
      const builder = new CellBuilder();
      let n = 0;
      for (const g of summaryGroups(map.summary)) {
        builder.addGroup(g);
        if (++n % PER_SLICE === 0) await yieldToHost();
      }
      const built = await builder.toSummary(yieldToHost);
      const extra = extraOf(map.summary);
      stored = { model: { ...map, summary: { ...built.summary, ...extra } }, packed: { ...built.packed, ...extra } };
    }
  } else {
    // Folded as compactJourney folds them (shared/evidence.ts), in slices: the evidence, the summary's
    // groups, and the term statistics and driver sums suggestions and drivers need of the folded rows.
    // A turn first: the change that asked for this is still running.
    await yieldToHost();
    // Text without a rating is judged as the panel's suggestions judge it (state/analysis.ts).
    const compacted = await compactJourneyAsync(map, yieldToHost, { keepAllRows, negativeText: readsNegative });
    const builder = new CellBuilder();
    let n = 0;
    for (const g of summaryGroups(compacted.summary ?? { strings: [], groups: [] })) {
      builder.addGroup(g);
      if (++n % PER_SLICE === 0) await yieldToHost();
    }
    const built = await builder.toSummary(yieldToHost);
    const summary = { ...built.summary, ...extraOf(compacted.summary) };
    stored = { model: { ...compacted, summary }, packed: { ...built.packed, ...extraOf(compacted.summary) } };
  }
  known.set(map.feedback, { painPoints: map.painPoints, summary: map.summary, stored });
  return stored;
}

/**
 * The model the plugin drew, with the panel's rows (and summary) back in it when drawing changed
 * none of the feedback it was sent: the panel keeps an import's rows, the map frame the journey
 * compacted. When the canvas changed the feedback (a deleted touchpoint's rows moved to its
 * stage), the drawn model is the one to keep, as it is.
 */
export function withPanelRows(panel: JourneyMap, drawn: JourneyMap): JourneyMap {
  const sent = known.get(panel.feedback)?.stored.model ?? panel;
  if (sent.feedback.length !== drawn.feedback.length || JSON.stringify(sent.feedback) !== JSON.stringify(drawn.feedback)) return drawn;
  if (JSON.stringify(sent.summary) !== JSON.stringify(drawn.summary)) return drawn;
  const kept: JourneyMap = { ...drawn, feedback: panel.feedback, summary: panel.summary };
  if (panel.summary === undefined) delete kept.summary;
  return kept;
}
