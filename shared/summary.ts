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
import { runPass, type FeedbackPass } from "./feedback-pass";
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

// The layout's positions as plain constants: read in the loops over every group, where a property
// read per part costs in Figma's interpreter.
const { stage: STAGE_AT, touchpoint: TOUCHPOINT_AT, persona: PERSONA_AT, source: SOURCE_AT, kind: KIND_AT, day: DAY_AT, segment: SEGMENT_AT } = GROUP_LAYOUT;
const { scaleMin: SCALE_MIN_AT, scaleMax: SCALE_MAX_AT, textOnly: TEXT_ONLY_AT, empty: EMPTY_AT, noAnswer: NO_ANSWER_AT, histogram: HISTOGRAM_AT } = GROUP_LAYOUT;
/** At most this many problems of a summary are listed (a damaged one can have thousands). */
const MAX_ISSUES = 20;

/**
 * A list of number lists, checked by the summary's own loops below rather than by zod number by
 * number: a year of feedback holds millions of numbers, and zod checks each one on its own, which
 * took seconds in Figma's interpreter (FIGMA_RULES section 11). Here zod only sees that it is a list.
 */
function numberLists<T extends number | null>() {
  return z.custom<T[][]>(Array.isArray, { error: "must be a list of number lists" });
}

/** Reports one problem of a summary at a path inside it ("groups", 5, 3). */
type Fail = (path: (string | number)[], message: string) => void;

/** A number as a message shows it: a text in quotes, a missing part as "missing". */
function shown(v: unknown): string {
  if (v === undefined) return "missing";
  return typeof v === "string" ? JSON.stringify(v.length > 40 ? `${v.slice(0, 40)}…` : v) : String(v);
}

/** A problem inside a list: the position it is at (null: the whole list), and what is wrong. */
type Problem = [at: number | null, message: string];

/** What is wrong with a list of numbers (not a list, or a part that is no finite number), or null. */
function notNumbers(list: unknown, nullable: boolean, what: (i: number) => string): Problem | null {
  if (!Array.isArray(list)) return [null, `must be a list of numbers, not ${shown(list)}`];
  for (let i = 0, n = list.length; i < n; i++) {
    const v: unknown = list[i];
    // v - v is 0 for a finite number only (NaN and ±Infinity give NaN), as zod's number requires.
    if (typeof v === "number" ? v - v !== 0 : !(nullable && v === null))
      return [i, `${what(i)} must be a ${typeof v === "number" ? "finite " : ""}number${nullable ? " or null" : ""}, not ${shown(v)}`];
  }
  return null;
}

/** The names of a group's parts 0 … 11, as messages say them. */
const PART_NAMES = ["stage", "touchpoint", "persona", "source", "kind", "day", "segment", "scale minimum", "scale maximum", "text-only count", "empty count", "no-answer count"];

/** A group's part by name and position: "the source (part 3)", "rating value 2 (part 14)". */
function partName(i: number): string {
  const k = (i - HISTOGRAM_AT) >> 1;
  return `${i < HISTOGRAM_AT ? `the ${PART_NAMES[i] as string}` : `${i % 2 === 0 ? "" : "the count of "}rating value ${k + 1}`} (part ${i})`;
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const INDEX = "it must be the index of one of the summary's strings";
const ON_SCALE = "a summary's rating values must lie on its scale, in ascending order";
const SCALE = "a summary group with ratings needs a scale with max > min";

/**
 * What is wrong with one group, and at which part, or null when nothing is. `isDay(i)` says
 * whether string i is a date. Called for a group `groupIsValid` refused, to say why.
 */
function groupProblem(g: unknown, strings: number, isDay: (i: number) => boolean): Problem | null {
  const typed = notNumbers(g, true, partName);
  if (typed !== null) return typed;
  const group = g as (number | null)[];
  const length = group.length;
  if (length < HISTOGRAM_AT || (length - HISTOGRAM_AT) % 2 !== 0) return [null, `has ${length} parts: a summary group needs 12 parts and value/count pairs`];
  const is = (i: number, what: string): Problem => [i, `${partName(i)} is ${shown(group[i])}${what}`];
  for (let i = 0; i < SCALE_MIN_AT; i++) {
    const v = group[i] as number | null;
    if (v === null) {
      if (i === SOURCE_AT || i === KIND_AT) return is(i, ": a summary group needs a source and a kind");
    } else if (v % 1 !== 0) return is(i, `, not a whole number: ${INDEX}`);
    else if (v < 0) return is(i, `, a negative index: ${INDEX}`);
    else if (v >= strings) return is(i, `, a string the summary does not have (it has ${strings})`);
  }
  for (let i = TEXT_ONLY_AT; i <= NO_ANSWER_AT; i++) {
    const v = group[i] as number | null;
    if (v === null || v % 1 !== 0 || v < 0) return is(i, ": a summary count must be a whole number ≥ 0");
  }
  const min = group[SCALE_MIN_AT] as number | null;
  const max = group[SCALE_MAX_AT] as number | null;
  if (length > HISTOGRAM_AT) {
    if (min === null || max === null) return is(min === null ? SCALE_MIN_AT : SCALE_MAX_AT, `: ${SCALE}`);
    if (!(max > min)) return [SCALE_MAX_AT, `the scale runs from ${min} to ${max}: ${SCALE}`];
  } else if (min !== null || max !== null) return [min !== null ? SCALE_MIN_AT : SCALE_MAX_AT, `the group has a scale (${shown(min)} to ${shown(max)}) but no ratings: a summary group without ratings has no scale`];
  let previous = -Infinity;
  for (let i = HISTOGRAM_AT; i < length; i += 2) {
    const value = group[i] as number;
    const count = group[i + 1];
    if (!(value >= (min as number) && value <= (max as number))) return is(i, `, off the scale ${min} to ${max}: ${ON_SCALE}`);
    if (value <= previous) return is(i, `, not above the value before it (${previous}): ${ON_SCALE}`);
    if (typeof count !== "number" || count % 1 !== 0 || count <= 0) return is(i + 1, ": a summary's rating counts must be whole numbers > 0");
    previous = value;
  }
  const day = group[DAY_AT] as number | null;
  return day === null || isDay(day) ? null : [DAY_AT, `${partName(DAY_AT)} names a string that is not a date: a summary day must be a date YYYY-MM-DD`];
}

/**
 * Whether a group is valid, as `groupProblem` judges it, in one tight pass that builds nothing:
 * it runs for every group of a year of feedback in Figma's interpreter; `groupProblem` says what
 * is wrong only with a group this refuses. Comparisons are written so that NaN, ±Infinity, null and
 * texts fail them (a finite scale bounds the values; `% 1` is NaN for ±Infinity).
 */
function groupIsValid(g: unknown, strings: number, days: readonly (boolean | undefined)[]): boolean {
  if (!Array.isArray(g)) return false;
  const length = g.length;
  if (length < HISTOGRAM_AT || (length - HISTOGRAM_AT) % 2 !== 0) return false;
  for (let i = 0; i < SCALE_MIN_AT; i++) {
    const v: unknown = g[i];
    if (v === null ? i === SOURCE_AT || i === KIND_AT : !(typeof v === "number" && v >= 0 && v < strings && v % 1 === 0)) return false;
  }
  for (let i = TEXT_ONLY_AT; i <= NO_ANSWER_AT; i++) {
    const v: unknown = g[i];
    if (!(typeof v === "number" && v >= 0 && v % 1 === 0)) return false;
  }
  const min: unknown = g[SCALE_MIN_AT];
  const max: unknown = g[SCALE_MAX_AT];
  if (length === HISTOGRAM_AT) {
    if (min !== null || max !== null) return false;
  } else {
    if (!(typeof min === "number" && typeof max === "number" && max > min && min - min === 0 && max - max === 0)) return false;
    let previous = -Infinity;
    for (let i = HISTOGRAM_AT; i < length; i += 2) {
      const value: unknown = g[i];
      const count: unknown = g[i + 1];
      if (!(typeof value === "number" && value >= min && value <= max && value > previous)) return false;
      if (!(typeof count === "number" && count > 0 && count % 1 === 0)) return false;
      previous = value;
    }
  }
  const day: unknown = g[DAY_AT];
  return day === null || days[day as number] === true;
}

/** The groups: each one's parts, references, counts, scale and histogram (see the stored form above). */
function checkGroups(summary: FeedbackSummary, fail: Fail): void {
  const { strings, groups } = summary;
  // Whether each string is a date, found once per string, not once per group.
  const days = strings.map((text) => DAY.test(text));
  const isDay = (i: number) => days[i] === true;
  for (let index = 0, n = groups.length; index < n; index++) {
    const g = groups[index];
    if (groupIsValid(g, strings.length, days)) continue;
    const [at, message] = groupProblem(g, strings.length, isDay) ?? [null, "is not a valid summary group"];
    fail(at === null ? ["groups", index] : ["groups", index, at], message);
  }
}

/** The term statistics: each term's counts, three and width/sum pairs (term-stats.ts). */
function checkTerms(summary: FeedbackSummary, fail: Fail): void {
  summary.terms?.forEach((t, s) => {
    const need = `the term statistics of stage ${shown(t.stageId)} need three counts and width/sum pairs for each term`;
    if (t.terms.length !== t.counts.length) fail(["terms", s, "counts"], `${need}: they list ${t.terms.length} terms but ${t.counts.length} counts`);
    t.counts.forEach((c, i) => {
      const term = `term ${i} (${shown(t.terms[i])})`;
      const typed = notNumbers(c, false, (j) => `count ${j} of ${term}`);
      if (typed !== null) fail(["terms", s, "counts", i, ...(typed[0] === null ? [] : [typed[0]])], `${need}: ${typed[1]}`);
      else if (c.length < 3 || c.length % 2 === 0) fail(["terms", s, "counts", i], `${need}: ${term} has ${c.length}`);
    });
  });
}

/** The driver sums: touchpoints and their units, patterns, pairs and respondents' answers that fit together (stats/driver-sums.ts). */
function checkDrivers(summary: FeedbackSummary, fail: Fail): void {
  const d = summary.drivers;
  if (d === undefined) return;
  const k = d.touchpoints.length;
  const misfit = (path: (string | number)[], what: string) => fail(["drivers", ...path], `the driver sums do not fit together: ${what}`);
  if (d.units.length !== k) misfit(["units"], `${k} touchpoints but ${d.units.length} units (each touchpoint needs one)`);
  if (d.respondents.length !== d.partial.length) misfit(["partial"], `${d.respondents.length} respondents but ${d.partial.length} answer lists (each respondent needs one)`);
  for (const field of ["patterns", "pairs", "partial"] as const)
    d[field].forEach((p, i) => {
      const typed = notNumbers(p, false, (j) => `number ${j}`);
      if (typed !== null) return fail(["drivers", field, i, ...(typed[0] === null ? [] : [typed[0]])], `the driver sums: ${field} ${i}: ${typed[1]}`);
      // Sizes: a pattern [n, i₁ … iₙ, count, n sums, n(n + 1)/2 products]; a pair [i, j, six sums]; answers of four.
      const n = p[0] as number;
      if (field === "patterns" && !(n > 0)) return misfit([field, i], `patterns ${i} counts ${n} touchpoints, not one or more`);
      const size = field === "patterns" ? 2 + 2 * n + (n * (n + 1)) / 2 : field === "pairs" ? 8 : p.length - (p.length % 4);
      if (p.length !== size) return misfit([field, i], `${field} ${i} holds ${p.length} numbers, not ${field === "partial" ? "four per answer" : size}`);
      const touchpoints = field === "patterns" ? p.slice(1, 1 + n) : field === "pairs" ? p.slice(0, 2) : p.filter((_, j) => j % 4 === 0);
      const unknown = touchpoints.find((v) => !(v % 1 === 0 && v >= 0 && v < k));
      if (unknown !== undefined) misfit([field, i], `${field} ${i} names touchpoint ${unknown}, which they do not list (they list ${k}, from 0)`);
    });
}

/**
 * The checks of a summary beyond its shape, one for each of its parts. A new optional part of the
 * summary adds its field to the schema below (a large list of numbers as `numberLists()`) and its
 * check here.
 */
const SUMMARY_CHECKS: ((summary: FeedbackSummary, fail: Fail) => void)[] = [checkGroups, checkTerms, checkDrivers];

export const FeedbackSummary = z
  .object({
    strings: z.array(z.string()),
    groups: numberLists<number | null>(),
    terms: z.optional(z.array(z.object({ ...StageTermStatistics.shape, counts: numberLists<number>() }))),
    drivers: z.optional(z.object({ ...DriverSums.shape, patterns: numberLists<number>(), pairs: numberLists<number>(), partial: numberLists<number>() })),
    sentiment: z.optional(SentimentTallies),
  })
  .check(
    z.superRefine((summary, ctx) => {
      let issues = 0;
      const fail: Fail = (path, message) => {
        if (issues++ < MAX_ISSUES) ctx.addIssue({ code: "custom", input: summary, path, message });
      };
      for (const check of SUMMARY_CHECKS) check(summary, fail);
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

/**
 * Reads the groups of a summary into one group object, reused from read to read: for the passes
 * that read every group of a year of feedback, several times a draw in Figma's interpreter, and
 * keep only figures of it (a tally, a count), so that reading a group makes no object. Each segment
 * text is parsed once, not once per group; a group's scale and segments are objects of their own,
 * never changed, which a caller may keep. `read(index)` gives group `index`, valid until the next
 * read (its values and counts too: arrays reused for every group of as many rating values).
 */
export class SummaryReader {
  readonly size: number;
  private readonly segments: (Segments | null | undefined)[] = [];
  private scale: RatingScale | null = null;
  private readonly histograms: { values: number[]; counts: number[] }[] = [];
  private readonly group: SummaryGroup = {
    stageId: null,
    touchpointId: null,
    personaId: null,
    source: "",
    kind: "survey",
    day: null,
    segments: null,
    scale: null,
    textOnly: 0,
    empty: 0,
    noAnswer: 0,
    values: [],
    counts: [],
  };

  constructor(private readonly summary: FeedbackSummary) {
    this.size = summary.groups.length;
  }

  read(index: number): Readonly<SummaryGroup> {
    const g = this.summary.groups[index] as (number | null)[];
    const s = this.summary.strings;
    const group = this.group;
    // The histogram in arrays of its length, one pair per length, written in place (setting an
    // array's length is a slow call, made here only the first time a length is met).
    const n = (g.length - HISTOGRAM_AT) >> 1;
    let pair = this.histograms[n];
    if (pair === undefined) this.histograms[n] = pair = { values: new Array<number>(n).fill(0), counts: new Array<number>(n).fill(0) };
    const { values, counts } = pair;
    for (let k = 0, i = HISTOGRAM_AT; k < n; k++, i += 2) {
      values[k] = g[i] as number;
      counts[k] = g[i + 1] as number;
    }
    group.values = values;
    group.counts = counts;
    const min = g[SCALE_MIN_AT];
    const max = g[SCALE_MAX_AT];
    const rated = typeof min === "number" && typeof max === "number";
    // Groups in a row mostly share their scale: one object for them.
    if (rated && (this.scale === null || this.scale.min !== min || this.scale.max !== max)) this.scale = { min, max };
    group.scale = rated ? this.scale : null;
    // Strings by index, read inline (a call per field costs in Figma's interpreter); null stays null.
    const stage = g[STAGE_AT];
    const touchpoint = g[TOUCHPOINT_AT];
    const persona = g[PERSONA_AT];
    const source = g[SOURCE_AT];
    const kind = g[KIND_AT];
    const day = g[DAY_AT];
    const segment = g[SEGMENT_AT];
    group.stageId = stage === null || stage === undefined ? null : (s[stage] as string);
    group.touchpointId = touchpoint === null || touchpoint === undefined ? null : (s[touchpoint] as string);
    group.personaId = persona === null || persona === undefined ? null : (s[persona] as string);
    group.source = source === null || source === undefined ? "" : (s[source] as string);
    group.kind = (kind === null || kind === undefined ? "survey" : s[kind]) as Feedback["kind"];
    group.day = day === null || day === undefined ? null : (s[day] as string);
    group.segments = segment === null || segment === undefined ? null : (this.segments[segment] ??= segmentsOf(s[segment] as string));
    group.textOnly = g[TEXT_ONLY_AT] ?? 0;
    group.empty = g[EMPTY_AT] ?? 0;
    group.noAnswer = g[NO_ANSWER_AT] ?? 0;
    return group;
  }
}

/** Reads every group of a summary, in stored order, each an object of its own. */
export function* summaryGroups(summary: FeedbackSummary): Generator<SummaryGroup> {
  const reader = new SummaryReader(summary);
  for (let i = 0; i < reader.size; i++) {
    const group = reader.read(i);
    yield { ...group, values: group.values.slice(), counts: group.counts.slice() };
  }
}

/** The distinct days of a summary's dated groups, read from the groups as stored (nothing decoded). */
export function summaryDays(summary: FeedbackSummary): string[] {
  const strings = summary.strings;
  // Marked by string index first: a year is a few hundred days among a hundred thousand groups.
  const seen = new Uint8Array(strings.length);
  for (const g of summary.groups) {
    const day = g[DAY_AT];
    if (day !== null && day !== undefined) seen[day] = 1;
  }
  const days: string[] = [];
  for (let i = 0; i < seen.length; i++) if (seen[i] === 1) days.push(strings[i] as string);
  return days;
}

/** The whole counts of a summary: rows, rated rows, no-answer cells and groups. */
export function summaryTotals(summary: FeedbackSummary | undefined): { rows: number; rated: number; noAnswer: number; groups: number } {
  const totals = { rows: 0, rated: 0, noAnswer: 0, groups: 0 };
  if (summary === undefined) return totals;
  for (const g of summary.groups) {
    totals.groups++;
    totals.noAnswer += g[NO_ANSWER_AT] ?? 0;
    totals.rows += (g[TEXT_ONLY_AT] ?? 0) + (g[EMPTY_AT] ?? 0);
    for (let i = HISTOGRAM_AT + 1; i < g.length; i += 2) {
      totals.rows += g[i] ?? 0;
      totals.rated += g[i] ?? 0;
    }
  }
  return totals;
}

/** What a group is keyed by, while it is being built. */
export interface GroupKey {
  stageId: string | null;
  touchpointId: string | null;
  personaId: string | null;
  source: string;
  kind: string;
  day: string | null;
  segment: string | null;
  scale: RatingScale | null;
}

/** A group's counts while it is being built: rows by rating value in `histogram`. */
export interface GroupTallies {
  textOnly: number;
  empty: number;
  noAnswer: number;
  histogram: Map<number, number>;
}

interface GroupCounts extends GroupKey, GroupTallies {}

/** Counts one row in its group's tallies: its rating if it has one on a scale, else as text-only or empty. */
export function tallyRow(counts: GroupTallies, row: Pick<Feedback, "rating" | "scale" | "text">): void {
  if (row.rating !== null && row.scale !== null) counts.histogram.set(row.rating, (counts.histogram.get(row.rating) ?? 0) + 1);
  else if (row.text.trim() !== "") counts.textOnly++;
  else counts.empty++;
}

/** Whether a group's tallies count anything: a group that counts nothing is not stored. */
export function countsAnything(counts: GroupTallies): boolean {
  return counts.histogram.size > 0 || counts.textOnly > 0 || counts.empty > 0 || counts.noAnswer > 0;
}

/** Adds a summary group's counts to the tallies of the group it goes into. */
export function tallyGroup(counts: GroupTallies, g: SummaryGroup): void {
  counts.textOnly += g.textOnly;
  counts.empty += g.empty;
  counts.noAnswer += g.noAnswer;
  g.values.forEach((value, i) => counts.histogram.set(value, (counts.histogram.get(value) ?? 0) + (g.counts[i] ?? 0)));
}

/**
 * A group in its stored form (GROUP_LAYOUT): its key's and day's strings as `ref` numbers them, its scale if it
 * has ratings, its counts, then its histogram's values and counts, values ascending.
 */
export function storedGroup(
  ref: (text: string | null) => number | null,
  key: Omit<GroupKey, "day">,
  day: string | null,
  counts: GroupTallies,
): (number | null)[] {
  const rated = counts.histogram.size > 0 && key.scale !== null;
  const group: (number | null)[] = [
    ref(key.stageId),
    ref(key.touchpointId),
    ref(key.personaId),
    ref(key.source),
    ref(key.kind),
    ref(day),
    ref(key.segment),
    rated ? (key.scale as RatingScale).min : null,
    rated ? (key.scale as RatingScale).max : null,
    counts.textOnly,
    counts.empty,
    counts.noAnswer,
  ];
  for (const value of [...counts.histogram.keys()].sort((a, b) => a - b)) group.push(value, counts.histogram.get(value) as number);
  return group;
}

/** The part of a feedback row a summary keeps. */
export type SummarisedFeedback = Pick<
  Feedback,
  "rating" | "scale" | "text" | "date" | "source" | "kind" | "stageId" | "touchpointId" | "personaId"
> & { segments?: Segments };

/**
 * Counts by group (stage, touchpoint, persona, source, kind, day, segments, scale), added from rows,
 * no-answer counts and summary groups in any order, listed in the stored form: groups sorted by key,
 * strings in order of first use, so the same counts always make the same groups, byte for byte. The
 * counting of `SummaryBuilder`, without its term statistics, driver sums and sentiment tallies (the
 * summary CSV's import adds groups only, and its bundle has none of those).
 */
export class GroupTally {
  private readonly groups = new Map<string, GroupCounts>();

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
    tallyRow(group, row);
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

  /** Adds one summary group's counts (to the group of the same key, if there is one). */
  addGroup(g: SummaryGroup): void {
    const counts = this.group({
      stageId: g.stageId,
      touchpointId: g.touchpointId,
      personaId: g.personaId,
      source: g.source,
      kind: g.kind,
      day: g.day,
      segment: segmentText(g.segments),
      scale: g.values.length > 0 ? g.scale : null,
    });
    tallyGroup(counts, g);
  }

  /** The keys of the groups added, in no order: `groupsPass` wants them sorted (see `toSummary`). */
  keys(): string[] {
    return [...this.groups.keys()];
  }

  /** The groups and strings of everything added, groups in sorted order. */
  toSummary(): FeedbackSummary {
    const keys = this.keys().sort();
    return runPass(this.groupsPass(keys), keys.length);
  }

  /** `toSummary` as a pass over the sorted keys, for a caller that sorts them and lists the groups a slice at a time. */
  groupsPass(keys: readonly string[]): FeedbackPass<FeedbackSummary> {
    const { strings, ref } = stringTable();
    const groups: (number | null)[][] = [];
    return {
      read: (from, to) => {
        for (let k = from; k < to; k++) {
          const g = this.groups.get(keys[k] as string) as GroupCounts;
          if (countsAnything(g)) groups.push(storedGroup(ref, g, g.day, g));
        }
      },
      finish: () => ({ strings, groups }),
    };
  }
}

/**
 * Builds a summary from rows, summaries and no-answer counts, in any order and any number of
 * pieces: what it gives depends only on what was added. Its groups are a `GroupTally`'s (sorted, so
 * the same feedback always makes the same summary, byte for byte); beside them it merges the
 * summaries' term statistics, driver sums and sentiment tallies.
 */
export class SummaryBuilder {
  private readonly tally = new GroupTally();
  private terms: StageTermStatistics[] | undefined;
  private drivers: DriverSums | undefined;
  private sentiment: SentimentTallies | undefined;

  /** Adds one feedback row. */
  addFeedback(row: SummarisedFeedback): void {
    this.tally.addFeedback(row);
  }

  /** Adds questions left unanswered ("no answer" cells), which make no row but are counted. */
  addNoAnswers(key: Omit<SummarisedFeedback, "rating" | "scale" | "text">, count: number): void {
    this.tally.addNoAnswers(key, count);
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
      if (g !== null) this.tally.addGroup(g);
    }
  }

  /** The summary of everything added, groups in sorted order, strings in order of first use. */
  toSummary(): FeedbackSummary {
    const keys = this.groupKeys().sort();
    return runPass(this.summaryPass(keys), keys.length);
  }

  /** The keys of the groups added, in no order: `summaryPass` wants them sorted (see `toSummary`). */
  groupKeys(): string[] {
    return this.tally.keys();
  }

  /** `toSummary` as a pass over the sorted group keys, for a caller that sorts them and lists the groups a slice at a time. */
  summaryPass(keys: readonly string[]): FeedbackPass<FeedbackSummary> {
    const groups = this.tally.groupsPass(keys);
    return {
      read: groups.read,
      finish: () => {
        const summary = groups.finish();
        if (this.terms !== undefined && this.terms.length > 0) summary.terms = this.terms;
        if (this.drivers !== undefined && (this.drivers.patterns.length > 0 || this.drivers.pairs.length > 0 || this.drivers.partial.length > 0))
          summary.drivers = this.drivers;
        if (this.sentiment !== undefined) summary.sentiment = this.sentiment;
        return summary;
      },
    };
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
