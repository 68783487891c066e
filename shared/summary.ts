/**
 * Exact summaries of feedback: what a journey keeps of feedback rows it does not keep one by one.
 *
 * A summary is a list of groups. A group is every feedback row with the same stage, touchpoint,
 * persona, source, kind, day, segment values and rating scale; it holds how many rows gave each
 * rating value (a histogram), how many were text-only, how many had neither rating nor text, and how
 * many questions were left unanswered ("no answer" cells of a wide survey, which make no row).
 *
 * Every figure the product shows from feedback (CSAT, NPS, CES, performance, emotion, responses,
 * backing, gaps, frequencies, priorities, trends, segments) depends on rows only through these
 * counts, so it is computed exactly from a summary: the same histogram gives the same sums, taken in
 * the same (sorted) order, whether it came from rows or from a summary. See metrics.ts.
 *
 * Stored form (`FeedbackSummary`), compact because a year of feedback can make tens of thousands of
 * groups and a map frame holds a few megabytes: `strings` holds every id, source, kind, day and
 * segment text once; each group is one array of numbers
 *
 *   [stage, touchpoint, persona, source, kind, day, segment, scaleMin, scaleMax, textOnly, empty, noAnswer,
 *    value₁, count₁, value₂, count₂, …]
 *
 * where stage … segment are indexes into `strings` (null for "none"; source and kind are never
 * null), scaleMin/scaleMax are the group's rating scale (null when it has no ratings), then the
 * counts, then the histogram as value/count pairs in ascending value order (no zero counts).
 * A day is an ISO date (YYYY-MM-DD); segment values are the JSON text of sorted [name, value] pairs.
 *
 * Beside the groups, for what is computed from more than counts (both optional, absent = none):
 * - `terms`: per stage, the term statistics suggested pain points need of folded text (term-stats.ts);
 * - `drivers`: the sums key drivers need of folded respondents' answers (stats/driver-sums.ts);
 * - `sentiment`: the sentiment labels of folded rows, tallied (sentiment-summary.ts).
 */
import * as z from "./zod";
import type { Feedback, RatingScale } from "./model";
import { SentimentTallies, mergeSentimentTallies } from "./sentiment-summary";
import { DriverSums, mergeDriverSums } from "./stats/driver-sums";
import { StageTermStatistics, mergeTermStatistics } from "./term-stats";

/** Where each part of a group sits in its array. */
export const GROUP_LAYOUT = {
  stage: 0,
  touchpoint: 1,
  persona: 2,
  source: 3,
  kind: 4,
  day: 5,
  segment: 6,
  scaleMin: 7,
  scaleMax: 8,
  textOnly: 9,
  empty: 10,
  noAnswer: 11,
  /** The first value of the histogram; its count follows it, then the next value … */
  histogram: 12,
} as const;

const L = GROUP_LAYOUT;
const MAX_ISSUES = 20;

export const FeedbackSummary = z
  .object({
    strings: z.array(z.string()),
    groups: z.array(z.array(z.nullable(z.number()))),
    terms: z.optional(z.array(StageTermStatistics)),
    drivers: z.optional(DriverSums),
    sentiment: z.optional(SentimentTallies),
  })
  .check(
    z.superRefine((summary, ctx) => {
      let issues = 0;
      const fail = (index: number, message: string) => {
        if (issues++ < MAX_ISSUES) ctx.addIssue({ code: "custom", input: summary, path: ["groups", index], message });
      };
      const strings = summary.strings.length;
      const isRef = (v: number | null | undefined, nullable: boolean) =>
        v === null ? nullable : v !== undefined && Number.isInteger(v) && v >= 0 && v < strings;
      const isCount = (v: number | null | undefined) => typeof v === "number" && Number.isInteger(v) && v >= 0;
      summary.groups.forEach((g, index) => {
        if (g.length < L.histogram || (g.length - L.histogram) % 2 !== 0) return fail(index, "a summary group needs 12 parts and value/count pairs");
        for (const part of [L.stage, L.touchpoint, L.persona, L.day, L.segment] as const)
          if (!isRef(g[part], true)) return fail(index, "a summary group names a string the summary does not have");
        if (!isRef(g[L.source], false) || !isRef(g[L.kind], false)) return fail(index, "a summary group needs a source and a kind");
        if (!isCount(g[L.textOnly]) || !isCount(g[L.empty]) || !isCount(g[L.noAnswer])) return fail(index, "a summary count must be a whole number ≥ 0");
        const min = g[L.scaleMin];
        const max = g[L.scaleMax];
        const rated = g.length > L.histogram;
        if (rated && (typeof min !== "number" || typeof max !== "number" || !(max > min)))
          return fail(index, "a summary group with ratings needs a scale with max > min");
        if (!rated && (min !== null || max !== null)) return fail(index, "a summary group without ratings has no scale");
        let previous = -Infinity;
        for (let i = L.histogram; i < g.length; i += 2) {
          const value = g[i];
          const count = g[i + 1];
          if (typeof value !== "number" || value < (min as number) || value > (max as number) || value <= previous)
            return fail(index, "a summary's rating values must lie on its scale, in ascending order");
          if (!isCount(count) || count === 0) return fail(index, "a summary's rating counts must be whole numbers > 0");
          previous = value;
        }
        if (g[L.day] !== null && !/^\d{4}-\d{2}-\d{2}$/.test(summary.strings[g[L.day] as number] as string))
          return fail(index, "a summary day must be a date YYYY-MM-DD");
      });
      // what suggestions and drivers read of folded rows: lengths that agree, indexes that exist
      const extra = (path: string, message: string) => ctx.addIssue({ code: "custom", input: summary, path: [path], message });
      for (const t of summary.terms ?? [])
        if (t.terms.length !== t.counts.length || t.counts.some((c) => c.length < 3 || c.length % 2 === 0))
          extra("terms", `the term statistics of stage "${t.stageId}" need three counts and width/sum pairs for each term`);
      const d = summary.drivers;
      if (d === undefined) return;
      const k = d.touchpoints.length;
      const at = (v: number | undefined) => Number.isInteger(v) && (v as number) >= 0 && (v as number) < k;
      const pattern = (p: number[], n = p[0] ?? 0) => n > 0 && p.length === 2 + 2 * n + (n * (n + 1)) / 2 && p.slice(1, 1 + n).every(at);
      if (
        d.units.length !== k ||
        d.respondents.length !== d.partial.length ||
        !d.patterns.every((p) => pattern(p)) ||
        !d.pairs.every((p) => p.length === 8 && at(p[0]) && at(p[1])) ||
        !d.partial.every((a) => a.length % 4 === 0 && a.every((v, i) => i % 4 > 0 || at(v)))
      )
        extra("drivers", "the driver sums do not fit together: each touchpoint needs a unit, each pattern or pair its touchpoints and sums, each respondent its answers");
    }),
  );
export type FeedbackSummary = z.infer<typeof FeedbackSummary>;

export const EMPTY_SUMMARY: FeedbackSummary = Object.freeze({ strings: [], groups: [] }) as FeedbackSummary;

/** Segment values of a row by segment name ("Travel type" → "Business"), as the model keeps them. */
export type Segments = Readonly<Record<string, string>>;

/** One group, read out of its array. */
export interface SummaryGroup {
  stageId: string | null;
  touchpointId: string | null;
  personaId: string | null;
  source: string;
  kind: Feedback["kind"];
  /** ISO day, or null for rows without a date. */
  day: string | null;
  segments: Segments | null;
  scale: RatingScale | null;
  textOnly: number;
  empty: number;
  noAnswer: number;
  /** Rating values in ascending order, and how many rows gave each. */
  values: number[];
  counts: number[];
}

/** Rows of a group: rated + text-only + empty (no-answer cells made no row). */
export function groupRows(group: Pick<SummaryGroup, "counts" | "textOnly" | "empty">): number {
  let rows = group.textOnly + group.empty;
  for (const count of group.counts) rows += count;
  return rows;
}

/** The segment text a summary stores for a row's segments; null without any. */
export function segmentText(segments: Segments | undefined | null): string | null {
  if (segments === undefined || segments === null) return null;
  const names = Object.keys(segments);
  if (names.length === 0) return null;
  names.sort();
  return JSON.stringify(names.map((name) => [name, segments[name]]));
}

function segmentsOf(text: string | null): Segments | null {
  if (text === null) return null;
  const pairs = JSON.parse(text) as [string, string][];
  const out: Record<string, string> = {};
  for (const [name, value] of pairs) out[name] = value;
  return out;
}

/** Reads every group of a summary, in stored order. */
export function* summaryGroups(summary: FeedbackSummary): Generator<SummaryGroup> {
  const s = summary.strings;
  const str = (v: number | null | undefined) => (v === null || v === undefined ? null : (s[v] as string));
  for (const g of summary.groups) {
    const values: number[] = [];
    const counts: number[] = [];
    for (let i = L.histogram; i < g.length; i += 2) {
      values.push(g[i] as number);
      counts.push(g[i + 1] as number);
    }
    const min = g[L.scaleMin];
    const max = g[L.scaleMax];
    yield {
      stageId: str(g[L.stage]),
      touchpointId: str(g[L.touchpoint]),
      personaId: str(g[L.persona]),
      source: str(g[L.source]) ?? "",
      kind: (str(g[L.kind]) ?? "survey") as Feedback["kind"],
      day: str(g[L.day]),
      segments: segmentsOf(str(g[L.segment])),
      scale: typeof min === "number" && typeof max === "number" ? { min, max } : null,
      textOnly: g[L.textOnly] ?? 0,
      empty: g[L.empty] ?? 0,
      noAnswer: g[L.noAnswer] ?? 0,
      values,
      counts,
    };
  }
}

/** The whole counts of a summary: rows, rated rows, no-answer cells and groups. */
export function summaryTotals(summary: FeedbackSummary | undefined): { rows: number; rated: number; noAnswer: number; groups: number } {
  const totals = { rows: 0, rated: 0, noAnswer: 0, groups: 0 };
  if (summary === undefined) return totals;
  for (const g of summary.groups) {
    totals.groups++;
    totals.noAnswer += g[L.noAnswer] ?? 0;
    totals.rows += (g[L.textOnly] ?? 0) + (g[L.empty] ?? 0);
    for (let i = L.histogram + 1; i < g.length; i += 2) {
      totals.rows += g[i] ?? 0;
      totals.rated += g[i] ?? 0;
    }
  }
  return totals;
}

/** What a group is keyed by, while it is being built. */
interface GroupKey {
  stageId: string | null;
  touchpointId: string | null;
  personaId: string | null;
  source: string;
  kind: string;
  day: string | null;
  segment: string | null;
  scale: RatingScale | null;
}

interface GroupCounts extends GroupKey {
  textOnly: number;
  empty: number;
  noAnswer: number;
  histogram: Map<number, number>;
}

/** The part of a feedback row a summary keeps. */
export type SummarisedFeedback = Pick<
  Feedback,
  "rating" | "scale" | "text" | "date" | "source" | "kind" | "stageId" | "touchpointId" | "personaId"
> & { segments?: Segments };

/**
 * Builds a summary from rows, summaries and no-answer counts, in any order and any number of
 * pieces: what it gives depends only on what was added. `toSummary` lists the groups in a fixed
 * (sorted) order, so the same feedback always makes the same summary, byte for byte.
 */
export class SummaryBuilder {
  private readonly groups = new Map<string, GroupCounts>();
  private terms: StageTermStatistics[] | undefined;
  private drivers: DriverSums | undefined;
  private sentiment: SentimentTallies | undefined;

  private group(key: GroupKey): GroupCounts {
    // Rated rows are grouped by their scale too; text-only and empty rows of the same cell form a
    // group without a scale.
    const id = `${key.stageId}\u0000${key.touchpointId}\u0000${key.personaId}\u0000${key.source}\u0000${key.kind}\u0000${key.day}\u0000${key.segment}\u0000${key.scale === null ? "" : `${key.scale.min}:${key.scale.max}`}`;
    let group = this.groups.get(id);
    if (group === undefined) {
      group = { ...key, textOnly: 0, empty: 0, noAnswer: 0, histogram: new Map() };
      this.groups.set(id, group);
    }
    return group;
  }

  /** Adds one feedback row. */
  addFeedback(row: SummarisedFeedback): void {
    const rated = row.rating !== null && row.scale !== null;
    const group = this.group({
      stageId: row.stageId,
      touchpointId: row.touchpointId,
      personaId: row.personaId,
      source: row.source,
      kind: row.kind,
      day: row.date,
      segment: segmentText(row.segments),
      scale: rated ? row.scale : null,
    });
    if (rated) group.histogram.set(row.rating as number, (group.histogram.get(row.rating as number) ?? 0) + 1);
    else if (row.text.trim() !== "") group.textOnly++;
    else group.empty++;
  }

  /** Adds questions left unanswered ("no answer" cells), which make no row but are counted. */
  addNoAnswers(key: Omit<SummarisedFeedback, "rating" | "scale" | "text">, count: number): void {
    if (count <= 0) return;
    this.group({
      stageId: key.stageId,
      touchpointId: key.touchpointId,
      personaId: key.personaId,
      source: key.source,
      kind: key.kind,
      day: key.date,
      segment: segmentText(key.segments),
      scale: null,
    }).noAnswer += count;
  }

  /**
   * Adds every group of a summary; `rekey` may move a group (to another stage, touchpoint or persona)
   * or drop it (null). Term statistics go where `rekey` moves a group of their stage without a
   * touchpoint; driver sums keep their touchpoint ids (the analysis reads the map's touchpoints).
   */
  addSummary(summary: FeedbackSummary, rekey?: (group: SummaryGroup) => SummaryGroup | null): void {
    if (summary.terms !== undefined) {
      let terms = summary.terms;
      if (rekey !== undefined) {
        const probe: SummaryGroup = { stageId: null, touchpointId: null, personaId: null, source: "", kind: "survey", day: null, segments: null, scale: null, textOnly: 0, empty: 0, noAnswer: 0, values: [], counts: [] };
        terms = terms.flatMap((t) => {
          const stageId = rekey({ ...probe, stageId: t.stageId })?.stageId ?? null;
          return stageId === null ? [] : [{ ...t, stageId }];
        });
      }
      this.terms = mergeTermStatistics(this.terms ?? [], terms);
    }
    if (summary.drivers !== undefined) this.drivers = this.drivers === undefined ? summary.drivers : mergeDriverSums(this.drivers, summary.drivers);
    // sentiment tallies keep their keys, as driver sums do (the figures read the map's touchpoints)
    if (summary.sentiment !== undefined) this.sentiment = mergeSentimentTallies(this.sentiment, summary.sentiment);
    for (const read of summaryGroups(summary)) {
      const g = rekey === undefined ? read : rekey(read);
      if (g === null) continue;
      const key = {
        stageId: g.stageId,
        touchpointId: g.touchpointId,
        personaId: g.personaId,
        source: g.source,
        kind: g.kind,
        day: g.day,
        segment: segmentText(g.segments),
      };
      const counts = this.group({ ...key, scale: g.values.length > 0 ? g.scale : null });
      counts.textOnly += g.textOnly;
      counts.empty += g.empty;
      counts.noAnswer += g.noAnswer;
      g.values.forEach((value, i) => counts.histogram.set(value, (counts.histogram.get(value) ?? 0) + (g.counts[i] ?? 0)));
    }
  }

  /** The summary of everything added, groups in sorted order, strings in order of first use. */
  toSummary(): FeedbackSummary {
    const { strings, ref } = stringTable();
    const keys = [...this.groups.keys()].sort();
    const groups: (number | null)[][] = [];
    for (const key of keys) {
      const g = this.groups.get(key) as GroupCounts;
      const rated = g.histogram.size > 0;
      const row: (number | null)[] = [
        ref(g.stageId),
        ref(g.touchpointId),
        ref(g.personaId),
        ref(g.source),
        ref(g.kind),
        ref(g.day),
        ref(g.segment),
        rated && g.scale !== null ? g.scale.min : null,
        rated && g.scale !== null ? g.scale.max : null,
        g.textOnly,
        g.empty,
        g.noAnswer,
      ];
      for (const value of [...g.histogram.keys()].sort((a, b) => a - b)) row.push(value, g.histogram.get(value) as number);
      if (row.length === L.histogram && g.textOnly === 0 && g.empty === 0 && g.noAnswer === 0) continue;
      groups.push(row);
    }
    const summary: FeedbackSummary = { strings, groups };
    if (this.terms !== undefined && this.terms.length > 0) summary.terms = this.terms;
    if (this.drivers !== undefined && (this.drivers.patterns.length > 0 || this.drivers.pairs.length > 0 || this.drivers.partial.length > 0))
      summary.drivers = this.drivers;
    if (this.sentiment !== undefined) summary.sentiment = this.sentiment;
    return summary;
  }
}

/** A summary's strings in order of first use, and `ref`, which gives a string's index (adding it the first time). */
export function stringTable(): { strings: string[]; ref: (text: string | null) => number | null } {
  const strings: string[] = [];
  const index = new Map<string, number>();
  return {
    strings,
    ref: (text) => {
      if (text === null) return null;
      let at = index.get(text);
      if (at === undefined) index.set(text, (at = strings.push(text) - 1));
      return at;
    },
  };
}

/** The summary of some feedback rows. */
export function summariseFeedback(rows: Iterable<SummarisedFeedback>): FeedbackSummary {
  const builder = new SummaryBuilder();
  for (const row of rows) builder.addFeedback(row);
  return builder.toSummary();
}

/** Two summaries as one. */
export function mergeSummaries(...summaries: (FeedbackSummary | undefined)[]): FeedbackSummary {
  const builder = new SummaryBuilder();
  for (const summary of summaries) if (summary !== undefined) builder.addSummary(summary);
  return builder.toSummary();
}
