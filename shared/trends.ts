/**
 * Trends: the figures of each stage and touchpoint per period (week, month or quarter), and the
 * change of the last period against the one before, with the test that says whether it is real.
 *
 * Dated feedback rows and summary groups (their `day`) are tallied per stage × touchpoint × day in
 * one pass (`dayTallyPass`, fed in slices on a large map, the summary's groups first); `journeyTrends`
 * then merges the days into periods, so choosing another period (the panel) does not read the rows
 * again. Where one period is drawn (`trendsOfJourney`: the map, the command line), the pass tallies
 * straight into that period's cells, which merge the same. A period's tally is made by the
 * same metrics.ts functions as `analyseJourney`'s, so its figures are exactly those of
 * `analyseJourney` run on that period's rows. Rows without a date are counted (`undated`) and left
 * out of every trend.
 *
 * Periods: a week is an ISO week (Monday to Sunday), a month a calendar month, a quarter Jan–Mar,
 * Apr–Jun, Jul–Sep or Oct–Dec; every period is named by its first day. `auto` picks by the span of
 * the journey's dates (first to last day, both counted): up to 70 days (10 weeks) by week, up to 548
 * days (about 18 months) by month, longer by quarter — about 4 to 10 weeks, 3 to 18 months, or 7 or
 * more quarters, enough points for a line and few enough to read.
 *
 * The change is the journey's last period against the period just before it (a partial last period
 * included: its n says how much it holds). CSAT by the two-proportion test, NPS by the NPS
 * difference, CES and performance by Welch's test on the ratings' exact mean and variance (from the
 * rating histogram); ▲ or ▼ only where significant at 95% (stats/differences.ts `changeMark`). The
 * z-tests are made only with enough answers for their normal approximation (see
 * `MIN_EXPECTED_ANSWERS`).
 */
import { runPass, type FeedbackPass } from "./feedback-pass";
import {
  addGroupToTally,
  addToTally,
  createTally,
  feedbackStageId,
  isScale,
  mergeTally,
  normalisedSatisfaction,
  summariseTally,
  type FeedbackTally,
  type SatisfactionMetrics,
} from "./metrics";
import type { Feedback, JourneyMap } from "./model";
import { changeMark, npsDifferenceTest, twoProportionTest, type DifferenceTest } from "./stats/differences";
import { welchTest, type Moments } from "./stats/welch";
import { SummaryReader, groupRows, summaryDays, type SummaryGroup } from "./summary";

export const TREND_PERIODS = ["week", "month", "quarter"] as const;
export type TrendPeriod = (typeof TREND_PERIODS)[number];
/** What the journey's settings keep: a period, or `auto` (the default, also when absent). */
export type TrendPeriodChoice = "auto" | TrendPeriod;

/** `auto` picks weeks for dates spanning at most this many days (10 weeks)… */
export const AUTO_WEEKS_UP_TO_DAYS = 70;
/** …months up to this many (about 18 months), quarters beyond. */
export const AUTO_MONTHS_UP_TO_DAYS = 548;

const DAY_MS = 86_400_000;

/** Days since 1970-01-01 of an ISO day. */
function dayNumber(day: string): number {
  return Date.UTC(Number(day.slice(0, 4)), Number(day.slice(5, 7)) - 1, Number(day.slice(8, 10))) / DAY_MS;
}

function dayText(n: number): string {
  return new Date(n * DAY_MS).toISOString().slice(0, 10);
}

/** The first day of the period that holds `day`. */
export function periodStart(day: string, period: TrendPeriod): string {
  if (period === "week") {
    const n = dayNumber(day);
    // 1970-01-01 was a Thursday: n + 3 counts days from a Monday.
    return dayText(n - ((((n + 3) % 7) + 7) % 7));
  }
  const month = Number(day.slice(5, 7));
  const first = period === "month" ? month : month - ((month - 1) % 3);
  return `${day.slice(0, 4)}-${String(first).padStart(2, "0")}-01`;
}

/** The first day of the period after the one starting on `start`. */
export function nextPeriodStart(start: string, period: TrendPeriod): string {
  if (period === "week") return dayText(dayNumber(start) + 7);
  const months = period === "month" ? 1 : 3;
  const index = Number(start.slice(0, 4)) * 12 + Number(start.slice(5, 7)) - 1 + months;
  return `${String(Math.floor(index / 12)).padStart(4, "0")}-${String((index % 12) + 1).padStart(2, "0")}-01`;
}

/** The last day of the period starting on `start`. */
export function periodEnd(start: string, period: TrendPeriod): string {
  return dayText(dayNumber(nextPeriodStart(start, period)) - 1);
}

/** The ISO week of a Monday: the year of its Thursday, and which week of that year it is. */
export function isoWeek(monday: string): { year: number; week: number } {
  const thursday = dayNumber(monday) + 3;
  const year = Number(dayText(thursday).slice(0, 4));
  return { year, week: Math.floor((thursday - dayNumber(`${year}-01-01`)) / 7) + 1 };
}

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** A period's short name: "W1 2026", "Mar 2026", "Q1 2026". */
export function periodLabel(start: string, period: TrendPeriod): string {
  const month = Number(start.slice(5, 7));
  if (period === "week") {
    const { year, week } = isoWeek(start);
    return `W${week} ${year}`;
  }
  return period === "month" ? `${MONTHS[month - 1]} ${start.slice(0, 4)}` : `Q${(month + 2) / 3} ${start.slice(0, 4)}`;
}

/** The period `auto` picks for dates from `first` to `last` (see the rule above). */
export function autoPeriod(first: string, last: string): TrendPeriod {
  const span = dayNumber(last) - dayNumber(first) + 1;
  return span <= AUTO_WEEKS_UP_TO_DAYS ? "week" : span <= AUTO_MONTHS_UP_TO_DAYS ? "month" : "quarter";
}

/** The tally of one stage × touchpoint × day (or period: see `dayTallyPass`). */
interface DayCell {
  stageId: string | null;
  touchpointId: string | null;
  /** The day, or the first day of its period when the pass tallies by period. */
  day: string;
  tally: FeedbackTally;
}

/** The dated feedback tallied by day; what `journeyTrends` groups into periods. */
export interface DayTallies {
  cells: DayCell[];
  /** The first and last day with feedback; null without any dated feedback. */
  first: string | null;
  last: string | null;
  /** Feedback rows (kept and summarised) without a date, left out of the trends. */
  undated: number;
}

/**
 * A pass over a map's summary groups and then its rows, fed range by range (feedback-pass.ts):
 * `size` is how many there are, groups first, so that a large summary is read in slices too.
 */
export interface JourneyPass<T> extends FeedbackPass<T> {
  size: number;
}

/**
 * Feeds `group` each summary group, then `row` each feedback row, in order; `size` of them in all.
 * A group is read into one object reused for the next (`SummaryReader`): `group` keeps none of it.
 */
export function groupsThenRows(
  map: Pick<JourneyMap, "feedback" | "summary">,
  group: (group: Readonly<SummaryGroup>) => void,
  row: (row: Feedback) => void,
): Pick<JourneyPass<never>, "read" | "size"> {
  const reader = map.summary === undefined ? null : new SummaryReader(map.summary);
  const groups = reader?.size ?? 0;
  const rows = map.feedback;
  return {
    size: groups + rows.length,
    read(from, to) {
      for (let i = from; i < to; i++) {
        if (reader !== null && i < groups) group(reader.read(i));
        else {
          const feedback = rows[i - groups];
          if (feedback !== undefined) row(feedback);
        }
      }
    },
  };
}

/**
 * Tallies the map's dated feedback (summary groups and rows) per stage × touchpoint × day; with a
 * `period`, per stage × touchpoint × period instead (each cell's `day` is its period's first day;
 * `first` and `last` are still days). A period's tally is the same either way, but a year of 40
 * touchpoints is 15,000 day cells and a few hundred period cells: the map draws one period only.
 */
export function dayTallyPass(map: Pick<JourneyMap, "feedback" | "touchpoints" | "summary">, period?: TrendPeriod): JourneyPass<DayTallies> {
  const stageOfTouchpoint = new Map(map.touchpoints.map((t) => [t.id, t.stageId]));
  // Cells by day (or period), then by touchpoint (or stage and touchpoint when a row's stage is not
  // its touchpoint's): nested maps, so that most rows build no key string.
  const byDay = new Map<string, Map<string, DayCell>>();
  const byPeriod = new Map<string, Map<string, DayCell>>();
  const all: DayCell[] = [];
  const result: DayTallies = { cells: all, first: null, last: null, undated: 0 };
  const cellOf = (stageId: string | null, touchpointId: string | null, day: string): FeedbackTally => {
    let cells = byDay.get(day);
    if (cells === undefined) {
      if (result.first === null || day < result.first) result.first = day;
      if (result.last === null || day > result.last) result.last = day;
      if (period === undefined) cells = new Map();
      else {
        // The cells of the day's period, which an earlier day of it may have made.
        const start = periodStart(day, period);
        cells = byPeriod.get(start);
        if (cells === undefined) byPeriod.set(start, (cells = new Map()));
      }
      byDay.set(day, cells);
    }
    const key = touchpointId !== null && stageOfTouchpoint.get(touchpointId) === stageId ? touchpointId : `${stageId}\u0000${touchpointId}`;
    let cell = cells.get(key);
    if (cell === undefined) {
      cells.set(key, (cell = { stageId, touchpointId, day: period === undefined ? day : periodStart(day, period), tally: createTally() }));
      all.push(cell);
    }
    return cell.tally;
  };
  return {
    ...groupsThenRows(
      map,
      (group) => {
        if (group.day === null) result.undated += groupRows(group);
        else addGroupToTally(cellOf(feedbackStageId(group, stageOfTouchpoint), group.touchpointId, group.day), group);
      },
      (row) => {
        if (row.date === null) result.undated++;
        else addToTally(cellOf(feedbackStageId(row, stageOfTouchpoint), row.touchpointId, row.date), row);
      },
    ),
    finish: () => result,
  };
}

/** The figures a trend follows. */
export const TREND_FIGURES = ["csat", "nps", "ces", "performance"] as const;
export type TrendFigure = (typeof TREND_FIGURES)[number];

/** The change of one figure from the previous period to the last. */
export interface FigureChange {
  figure: TrendFigure;
  current: number;
  previous: number;
  /** The answers each figure is computed from (1–5 ratings for CSAT, 0–10 for NPS, 1–7 for CES, rated for performance). */
  currentN: number;
  previousN: number;
  /** Last minus previous, and whether it is real; null where the test cannot be made (too few answers, no spread). */
  test: DifferenceTest | null;
  /** ▲ or ▼ only when significant at 95%. */
  mark: "▲" | "▼" | "no clear change";
}

/** The figures of one period. */
export interface PeriodFigures {
  start: string;
  metrics: SatisfactionMetrics;
  tally: FeedbackTally;
}

/** A stage's, a touchpoint's or the whole journey's figures over time. */
export interface Trend {
  /** Periods with feedback, in order (a period without any has no entry). */
  periods: PeriodFigures[];
  /** The change of each figure the last two periods both have, in TREND_FIGURES order. */
  changes: FigureChange[];
}

export interface JourneyTrends {
  period: TrendPeriod;
  /** Every period from the first day to the last, by its first day, in order. */
  periods: string[];
  first: string;
  last: string;
  undated: number;
  overall: Trend;
  byStage: Map<string, Trend>;
  byTouchpoint: Map<string, Trend>;
}

/** The period a choice stands for with dates from `first` to `last`. */
export function resolvePeriod(choice: TrendPeriodChoice | undefined, first: string, last: string): TrendPeriod {
  return choice === undefined || choice === "auto" ? autoPeriod(first, last) : choice;
}

/**
 * Count, Σx and Σx² of the ratings a figure averages, from the tally's histogram in a fixed order
 * (scales, then values, ascending): CES over 1–7 ratings, performance P = 1 + 4s over all ratings.
 */
export function figureMoments(tally: FeedbackTally, figure: "ces" | "performance"): Moments {
  const m = { n: 0, sum: 0, sumSquares: 0 };
  for (const key of [...tally.ratings.keys()].sort()) {
    const [min, max] = key.split(":").map(Number) as [number, number];
    const scale = { min, max };
    if (figure === "ces" && !isScale(scale, 1, 7)) continue;
    const values = tally.ratings.get(key) as Map<number, number>;
    for (const value of [...values.keys()].sort((a, b) => a - b)) {
      const count = values.get(value) as number;
      const x = figure === "ces" ? value : 1 + 4 * normalisedSatisfaction(value, scale);
      m.n += count;
      m.sum += count * x;
      m.sumSquares += count * x * x;
    }
  }
  return m;
}

/**
 * The z-tests (CSAT, NPS) rest on the normal approximation, which needs enough answers: at least 5
 * expected satisfied and 5 expected not satisfied answers in each group (n·p̄ ≥ 5 and n·(1 − p̄) ≥ 5,
 * the usual condition), and at least 30 answers in each group for NPS, whose variance is estimated
 * from three shares. With fewer, the change is not tested: "no clear change", with both figures
 * and n (1 promoter against 3 answers is no evidence, whatever z says).
 */
export const MIN_EXPECTED_ANSWERS = 5;
export const MIN_NPS_ANSWERS = 30;

function enoughForShares(k1: number, n1: number, k2: number, n2: number): boolean {
  const pooled = (k1 + k2) / (n1 + n2);
  return Math.min(n1, n2) * Math.min(pooled, 1 - pooled) >= MIN_EXPECTED_ANSWERS;
}

/**
 * The change of each figure between two tallies, `current` against `previous` (a period against
 * the one before, or one segment against another).
 */
export function figureChanges(current: FeedbackTally, previous: FeedbackTally): FigureChange[] {
  const now = summariseTally(current);
  const before = summariseTally(previous);
  const changes: FigureChange[] = [];
  const add = (figure: TrendFigure, currentN: number, previousN: number, test: DifferenceTest | null) => {
    const a = now[figure];
    const b = before[figure];
    if (a === null || b === null) return;
    changes.push({ figure, current: a, previous: b, currentN, previousN, test, mark: changeMark(test) });
  };
  const [k1, n1, k2, n2] = [current.csatSatisfied, current.csatRatings, previous.csatSatisfied, previous.csatRatings];
  add("csat", n1, n2, enoughForShares(k1, n1, k2, n2) ? twoProportionTest(k1, n1, k2, n2) : null);
  add(
    "nps",
    current.npsRatings,
    previous.npsRatings,
    Math.min(current.npsRatings, previous.npsRatings) < MIN_NPS_ANSWERS
      ? null
      : npsDifferenceTest(
          { promoters: current.npsPromoters, detractors: current.npsDetractors, n: current.npsRatings },
          { promoters: previous.npsPromoters, detractors: previous.npsDetractors, n: previous.npsRatings },
        ),
  );
  for (const figure of ["ces", "performance"] as const) {
    const a = figureMoments(current, figure);
    const b = figureMoments(previous, figure);
    add(figure, a.n, b.n, welchTest(a, b));
  }
  return changes;
}

function trendOf(byPeriod: Map<string, FeedbackTally>, last: string, previous: string | undefined): Trend {
  const starts = [...byPeriod.keys()].sort();
  const periods = starts.map((start) => {
    const tally = byPeriod.get(start) as FeedbackTally;
    return { start, tally, metrics: summariseTally(tally) };
  });
  const now = byPeriod.get(last);
  const before = previous === undefined ? undefined : byPeriod.get(previous);
  return { periods, changes: now !== undefined && before !== undefined ? figureChanges(now, before) : [] };
}

/**
 * Groups the day tallies into periods (`choice`, or `auto`) and works out each stage's, each
 * touchpoint's and the journey's trend, as a pass over the day cells (a year of 40 touchpoints is
 * 15,000 cells: the panel merges them in slices too); null without dated feedback.
 */
export function periodPass(days: DayTallies, choice?: TrendPeriodChoice): FeedbackPass<JourneyTrends | null> {
  const period = days.first === null || days.last === null ? "week" : resolvePeriod(choice, days.first, days.last);
  const startOfDay = new Map<string, string>();
  const overall = new Map<string, FeedbackTally>();
  const stages = new Map<string, Map<string, FeedbackTally>>();
  const touchpoints = new Map<string, Map<string, FeedbackTally>>();
  const into = (groups: Map<string, Map<string, FeedbackTally>>, id: string, start: string, tally: FeedbackTally) => {
    let byPeriod = groups.get(id);
    if (byPeriod === undefined) groups.set(id, (byPeriod = new Map()));
    mergeInto(byPeriod, start, tally);
  };
  return {
    read(from, to) {
      for (let i = from; i < to; i++) {
        const cell = days.cells[i] as DayCell;
        let start = startOfDay.get(cell.day);
        if (start === undefined) startOfDay.set(cell.day, (start = periodStart(cell.day, period)));
        mergeInto(overall, start, cell.tally);
        if (cell.stageId !== null) into(stages, cell.stageId, start, cell.tally);
        if (cell.touchpointId !== null) into(touchpoints, cell.touchpointId, start, cell.tally);
      }
    },
    finish() {
      if (days.first === null || days.last === null) return null;
      const periods: string[] = [];
      const end = periodStart(days.last, period);
      for (let start = periodStart(days.first, period); start <= end; start = nextPeriodStart(start, period)) periods.push(start);
      const last = periods[periods.length - 1] as string;
      const previous = periods[periods.length - 2];
      const trends = (groups: Map<string, Map<string, FeedbackTally>>) =>
        new Map([...groups].map(([id, byPeriod]) => [id, trendOf(byPeriod, last, previous)]));
      return {
        period,
        periods,
        first: days.first,
        last: days.last,
        undated: days.undated,
        overall: trendOf(overall, last, previous),
        byStage: trends(stages),
        byTouchpoint: trends(touchpoints),
      };
    },
  };
}

/** `periodPass` at once. */
export function journeyTrends(days: DayTallies, choice?: TrendPeriodChoice): JourneyTrends | null {
  return runPass(periodPass(days, choice), days.cells.length);
}

function mergeInto(byPeriod: Map<string, FeedbackTally>, start: string, tally: FeedbackTally): void {
  let into = byPeriod.get(start);
  if (into === undefined) byPeriod.set(start, (into = createTally()));
  mergeTally(into, tally);
}

/** The day tallies of a whole map at once (per period with a `period`: see `dayTallyPass`). */
export function dayTallies(map: Pick<JourneyMap, "feedback" | "touchpoints" | "summary">, period?: TrendPeriod): DayTallies {
  const pass = dayTallyPass(map, period);
  return runPass(pass, pass.size);
}

/** The first and last day of the map's dated feedback, rows and summary groups; null without any. */
export function feedbackDaySpan(map: Pick<JourneyMap, "feedback" | "summary">): { first: string; last: string } | null {
  let first: string | null = null;
  let last: string | null = null;
  const see = (day: string) => {
    if (first === null || day < first) first = day;
    if (last === null || day > last) last = day;
  };
  if (map.summary !== undefined) for (const day of summaryDays(map.summary)) see(day);
  for (const row of map.feedback) if (row.date !== null) see(row.date);
  return first === null || last === null ? null : { first, last };
}

/**
 * Trends of a whole map at once, by the period its settings choose (the command line, the sandbox,
 * tests): the days' span read first, so that the feedback is tallied straight into that period.
 */
export function trendsOfJourney(map: Pick<JourneyMap, "feedback" | "touchpoints" | "summary" | "settings">): JourneyTrends | null {
  const span = feedbackDaySpan(map);
  if (span === null) return null;
  const period = resolvePeriod(map.settings.trendPeriod, span.first, span.last);
  return journeyTrends(dayTallies(map, period), period);
}

/** How a figure's change reads: "+6 pts", "−0.3", "+12". */
export function changeText(change: Pick<FigureChange, "figure" | "current" | "previous">): string {
  const d = change.current - change.previous;
  const digits = change.figure === "ces" || change.figure === "performance" ? 1 : 0;
  const rounded = Number(Math.abs(d).toFixed(digits));
  const sign = rounded === 0 ? "±" : d > 0 ? "+" : "−";
  return `${sign}${rounded.toFixed(digits)}${change.figure === "csat" ? " pts" : ""}`;
}

/** A figure's name as the panel and the map write it. */
export const FIGURE_NAME: Record<TrendFigure, string> = { csat: "CSAT", nps: "NPS", ces: "CES", performance: "Performance" };

/** A figure's value as the panel and the map write it: "62 %", "+12", "4.1". */
export function figureText(figure: TrendFigure, value: number): string {
  if (figure === "csat") return `${Math.round(value)} %`;
  if (figure === "nps") return `${value > 0 ? "+" : value < 0 ? "−" : ""}${Math.abs(Math.round(value))}`;
  return value.toFixed(1);
}

/**
 * A change in words: `mark` and `text` ("▲ +6 pts", or "no clear change"), and `detail`, both
 * figures with their n ("CSAT 62 % → 68 %, n 120 → 140"), which a change that is not clear is
 * always shown with.
 */
export function describeChange(change: FigureChange): { mark: FigureChange["mark"]; text: string; detail: string } {
  const detail = `${FIGURE_NAME[change.figure]} ${figureText(change.figure, change.previous)} → ${figureText(change.figure, change.current)}, n ${change.previousN.toLocaleString("en")} → ${change.currentN.toLocaleString("en")}`;
  return { mark: change.mark, text: change.mark === "no clear change" ? change.mark : `${change.mark} ${changeText(change)}`, detail };
}
