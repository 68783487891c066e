/**
 * Periods and trends (shared/trends.ts): period boundaries and the auto rule checked against a
 * calendar, changes against hand-computed tests, and exactness: a period's figures are those of
 * `analyseJourney` on that period's rows, from rows or from an exact summary alike.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { analyseJourney } from "../../shared/analysis";
import { compactJourney } from "../../shared/evidence";
import type { Feedback, JourneyMap } from "../../shared/model";
import { welchTest as jstatWelch } from "../../shared/stats/student";
import { studentTwoSidedP, welchTest } from "../../shared/stats/welch";
import { SummaryBuilder } from "../../shared/summary";
import {
  autoPeriod,
  changeText,
  describeChange,
  figureMoments,
  isoWeek,
  journeyTrends,
  dayTallies,
  dayTallyPass,
  periodPass,
  nextPeriodStart,
  periodEnd,
  periodLabel,
  periodStart,
  trendsOfJourney,
} from "../../shared/trends";
import { journeyMapArbitrary } from "./arbitraries";
import { NPS, STARS, buildMap, rated, stage, touchpoint } from "./builders";

function on(date: string, row: Feedback): Feedback {
  return { ...row, date };
}

describe("periods", () => {
  it("start weeks on Monday (ISO weeks), across a year's end", () => {
    // 2026-01-01 is a Thursday: its week began on Monday 29 Dec 2025 and is ISO week 1 of 2026.
    expect(periodStart("2026-01-01", "week")).toBe("2025-12-29");
    expect(periodStart("2026-01-04", "week")).toBe("2025-12-29"); // Sunday: the same week
    expect(periodStart("2026-01-05", "week")).toBe("2026-01-05"); // Monday: the next
    expect(periodStart("2025-12-29", "week")).toBe("2025-12-29");
    expect(isoWeek("2025-12-29")).toEqual({ year: 2026, week: 1 });
    expect(periodLabel("2025-12-29", "week")).toBe("W1 2026");
    // 2021-01-03 (a Sunday) belongs to ISO week 53 of 2020, which began on 28 Dec 2020.
    expect(periodStart("2021-01-03", "week")).toBe("2020-12-28");
    expect(isoWeek("2020-12-28")).toEqual({ year: 2020, week: 53 });
    // A date before 1970 (negative day numbers) still finds its Monday: 1969-12-31 was a Wednesday.
    expect(periodStart("1969-12-31", "week")).toBe("1969-12-29");
    expect(nextPeriodStart("2025-12-29", "week")).toBe("2026-01-05");
    expect(periodEnd("2025-12-29", "week")).toBe("2026-01-04");
  });

  it("make months and quarters calendar months and Jan–Mar, Apr–Jun, Jul–Sep, Oct–Dec", () => {
    expect(periodStart("2026-03-31", "month")).toBe("2026-03-01");
    expect(periodEnd("2024-02-01", "month")).toBe("2024-02-29");
    expect(nextPeriodStart("2026-12-01", "month")).toBe("2027-01-01");
    expect(periodLabel("2026-03-01", "month")).toBe("Mar 2026");
    expect(periodStart("2026-01-01", "quarter")).toBe("2026-01-01");
    expect(periodStart("2026-03-31", "quarter")).toBe("2026-01-01");
    expect(periodStart("2026-04-01", "quarter")).toBe("2026-04-01");
    expect(periodStart("2026-05-15", "quarter")).toBe("2026-04-01");
    expect(periodStart("2026-12-31", "quarter")).toBe("2026-10-01");
    expect(nextPeriodStart("2026-10-01", "quarter")).toBe("2027-01-01");
    expect(periodEnd("2026-07-01", "quarter")).toBe("2026-09-30");
    expect(periodLabel("2026-10-01", "quarter")).toBe("Q4 2026");
  });

  it("are picked from the span of the dates: weeks up to 70 days, months up to 548, then quarters", () => {
    // 1 Jan … 11 Mar 2026 is 31 + 28 + 11 = 70 days, both ends counted.
    expect(autoPeriod("2026-01-01", "2026-03-11")).toBe("week");
    expect(autoPeriod("2026-01-01", "2026-03-12")).toBe("month");
    expect(autoPeriod("2026-05-05", "2026-05-05")).toBe("week");
    // 1 Jan 2025 … 2 Jul 2026 is 365 + 183 = 548 days.
    expect(autoPeriod("2025-01-01", "2026-07-02")).toBe("month");
    expect(autoPeriod("2025-01-01", "2026-07-03")).toBe("quarter");
  });
});

describe("Welch's test without jstat", () => {
  it("gives scipy's p-values (the cases of stats.test.ts)", () => {
    const a = { n: 6, sum: 24, sumSquares: 100 }; // [3, 4, 5, 5, 4, 3]
    const b = { n: 5, sum: 9, sumSquares: 19 }; // [1, 2, 2, 3, 1]
    const test = welchTest(a, b);
    expect(test?.statistic).toBeCloseTo(4.208006306218033, 9);
    expect(test?.dof).toBeCloseTo(8.835742444152428, 9);
    expect(test?.p).toBeCloseTo(0.0023747986099933818, 9);
    expect(test?.significant).toBe(true);
    // t = 2.228139 with 10 df is the 97.5th percentile: p = 0.05.
    expect(studentTwoSidedP(2.228138851986274, 10)).toBeCloseTo(0.05, 9);
  });

  it("agrees with jstat on any two groups, and with the normal distribution for very large groups", () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 1, max: 5 }), { minLength: 2, maxLength: 60 }),
        fc.array(fc.integer({ min: 1, max: 5 }), { minLength: 2, maxLength: 60 }),
        (xs, ys) => {
          const moments = (v: number[]) => ({ n: v.length, sum: v.reduce((s, x) => s + x, 0), sumSquares: v.reduce((s, x) => s + x * x, 0) });
          const ours = welchTest(moments(xs), moments(ys));
          const theirs = jstatWelch(moments(xs), moments(ys));
          if (theirs === null) {
            expect(ours).toBeNull();
            return;
          }
          // jstat stops its continued fraction at a relative 3e-7; ours runs to 1e-15 (and matches scipy above).
          expect(ours?.p).toBeCloseTo(theirs.p, 6);
          expect(ours?.significant).toBe(theirs.significant);
        },
      ),
      { numRuns: 200 },
    );
    // With 200,000 degrees of freedom t is all but normal: P(|Z| > 1.959964) = 0.05.
    expect(studentTwoSidedP(1.959964, 200_000)).toBeCloseTo(0.05, 4);
  });
});

describe("changes against the previous period", () => {
  const stages = [stage("s1", "Checkout")];
  const touchpoints = [touchpoint("t1", "s1")];
  const rows = (prefix: string, date: string, ratings: number[], scale = STARS) =>
    ratings.map((r, i) => on(date, rated(`${prefix}${i}`, r, scale, { stageId: "s1", touchpointId: "t1" })));

  it("marks a real rise in CSAT ▲, from the two-proportion test", () => {
    // March: 20 of 50 satisfied (40 %); April: 35 of 50 (70 %).
    // p̄ = 55/100, se = √(0.55 · 0.45 · (1/50 + 1/50)) = 0.0994987, z = 0.3 / 0.0994987 = 3.01511.
    const march = rows("m", "2026-03-10", [...Array(20).fill(4), ...Array(30).fill(2)]);
    const april = rows("a", "2026-04-20", [...Array(35).fill(5), ...Array(15).fill(3)]);
    const trends = trendsOfJourney(buildMap({ stages, touchpoints, feedback: [...march, ...april] }));
    expect(trends?.period).toBe("week"); // 10 Mar … 20 Apr is 42 days
    const monthly = journeyTrends(dayTallies(buildMap({ stages, touchpoints, feedback: [...march, ...april] })), "month");
    expect(monthly?.periods).toEqual(["2026-03-01", "2026-04-01"]);
    const csat = monthly?.byStage.get("s1")?.changes.find((c) => c.figure === "csat");
    expect(csat).toMatchObject({ current: 70, previous: 40, currentN: 50, previousN: 50, mark: "▲" });
    expect(csat?.test?.statistic).toBeCloseTo(3.0151134457776365, 9);
    expect(changeText(csat!)).toBe("+30 pts");
    // By week, April's week follows weeks without feedback: the week before it is empty, no change.
    expect(trends?.byStage.get("s1")?.changes).toEqual([]);
  });

  it("says “no clear change” when the difference is noise, with both figures and n", () => {
    // 30 of 50 (60 %) against 26 of 50 (52 %): p̄ = 0.56, se = √(0.56 · 0.44 · 0.04) = 0.0992774, z = 0.805823.
    const feedback = [
      ...rows("m", "2026-03-02", [...Array(30).fill(4), ...Array(20).fill(2)]),
      ...rows("a", "2026-04-02", [...Array(26).fill(5), ...Array(24).fill(1)]),
    ];
    const csat = journeyTrends(dayTallies(buildMap({ stages, touchpoints, feedback })), "month")
      ?.byTouchpoint.get("t1")
      ?.changes.find((c) => c.figure === "csat");
    expect(csat).toMatchObject({ current: 52, previous: 60, currentN: 50, previousN: 50, mark: "no clear change" });
    expect(csat?.test?.statistic).toBeCloseTo(-0.8058229640253802, 9);
    expect(changeText(csat!)).toBe("−8 pts");
    expect(describeChange(csat!)).toEqual({ mark: "no clear change", text: "no clear change", detail: "CSAT 60 % → 52 %, n 50 → 50" });
  });

  it("does not test shares on too few answers for the normal approximation", () => {
    // 3 of 5 against 2 of 5: n · p̄ = 5 · 0.5 = 2.5 < 5 expected answers, so no test, whatever z says.
    const feedback = [...rows("m", "2026-03-02", [5, 4, 4, 1, 2]), ...rows("a", "2026-04-02", [5, 4, 1, 2, 2])];
    const csat = journeyTrends(dayTallies(buildMap({ stages, touchpoints, feedback })), "month")?.overall.changes.find((c) => c.figure === "csat");
    expect(csat).toMatchObject({ current: 40, previous: 60, test: null, mark: "no clear change" });
    // NPS from 1 promoter against 1 promoter, 1 passive and 1 detractor: z = 2.12, but 4 answers are no evidence.
    const nps = [...rows("n", "2026-03-02", [10], NPS), ...rows("o", "2026-04-02", [10, 8, 3], NPS)];
    const change = journeyTrends(dayTallies(buildMap({ stages, touchpoints, feedback: nps })), "month")?.overall.changes.find((c) => c.figure === "nps");
    expect(change).toMatchObject({ current: 0, previous: 100, currentN: 3, previousN: 1, test: null, mark: "no clear change" });
  });

  it("tests performance by Welch's test on the exact mean and variance from the histogram", () => {
    // On 1–5, P = 1 + 4 · (r − 1)/4 = r: [3,4,5,5,4,3] against [1,2,2,3,1] gives t 4.208006, df 8.835742.
    const feedback = [...rows("m", "2026-01-05", [1, 2, 2, 3, 1]), ...rows("a", "2026-01-12", [3, 4, 5, 5, 4, 3])];
    const trend = trendsOfJourney(buildMap({ stages, touchpoints, feedback }))?.byStage.get("s1");
    expect(trend?.periods.map((p) => p.start)).toEqual(["2026-01-05", "2026-01-12"]);
    const performance = trend?.changes.find((c) => c.figure === "performance");
    expect(performance?.current).toBeCloseTo(4, 12);
    expect(performance?.previous).toBeCloseTo(1.8, 12);
    expect(performance?.test?.statistic).toBeCloseTo(4.208006306218033, 9);
    expect(performance?.mark).toBe("▲");
    expect(changeText(performance!)).toBe("+2.2");
    expect(figureMoments(trend!.periods[1]!.tally, "performance")).toEqual({ n: 6, sum: 24, sumSquares: 100 });
  });

  it("tests NPS by the NPS difference", () => {
    // 60 P, 10 D of 100 (NPS 50) against 40 P, 25 D of 100 (NPS 15): z = 3.37178 (stats.test.ts).
    const group = (p: number, d: number) => [...Array(p).fill(10), ...Array(d).fill(3), ...Array(100 - p - d).fill(8)];
    const feedback = [...rows("m", "2026-01-05", group(40, 25), NPS), ...rows("a", "2026-02-05", group(60, 10), NPS)];
    const nps = journeyTrends(dayTallies(buildMap({ stages, touchpoints, feedback })), "month")
      ?.overall.changes.find((c) => c.figure === "nps");
    expect(nps).toMatchObject({ current: 50, previous: 15, mark: "▲" });
    expect(nps?.test?.statistic).toBeCloseTo(3.3717813560136163, 9);
  });

  it("counts undated rows apart and has no trend without dates", () => {
    const undated = rated("u", 4, STARS, { stageId: "s1" });
    expect(trendsOfJourney(buildMap({ stages, touchpoints, feedback: [undated] }))).toBeNull();
    const trends = trendsOfJourney(buildMap({ stages, touchpoints, feedback: [undated, on("2026-01-01", rated("d", 5, STARS, { stageId: "s1" }))] }));
    expect(trends?.undated).toBe(1);
    expect(trends?.byStage.get("s1")?.periods[0]?.metrics.responses).toBe(1);
  });
});

/** The map with only the rows and summary groups of days in [from, to]. */
function within(map: JourneyMap, from: string, to: string): JourneyMap {
  const inside = (day: string | null) => day !== null && day >= from && day <= to;
  const summary = new SummaryBuilder();
  if (map.summary !== undefined) summary.addSummary(map.summary, (g) => (inside(g.day) ? g : null));
  return { ...map, feedback: map.feedback.filter((f) => inside(f.date)), summary: summary.toSummary() };
}

describe("exactness", () => {
  it("tallies a map straight into its settings' period, with the trends the day tallies give", () => {
    const start = Date.UTC(2026, 0, 1);
    const near = (offset: number) => new Date(start + offset * 86_400_000).toISOString().slice(0, 10);
    fc.assert(
      fc.property(
        journeyMapArbitrary({ maxFeedback: 40 }),
        // Days within four months, so that many rows share a week, a month or a quarter.
        fc.array(fc.integer({ min: 0, max: 120 }), { minLength: 40, maxLength: 40 }),
        fc.constantFrom("auto", "week", "month", "quarter" as const),
        (drawn, offsets, choice) => {
          const map = { ...drawn, feedback: drawn.feedback.map((f, i) => (f.date === null ? f : { ...f, date: near(offsets[i] ?? 0) })) };
          const folded = compactJourney(map, { keepAllRows: 0, quotesPerCell: 1 });
          for (const m of [map, folded]) {
            expect(trendsOfJourney({ ...m, settings: { ...m.settings, trendPeriod: choice } })).toEqual(journeyTrends(dayTallies(m), choice));
          }
        },
      ),
    );
  });

  it("keeps the first and last day, not their periods, when it tallies by period", () => {
    const stages = [stage("s1")];
    const touchpoints = [touchpoint("t1", "s1")];
    // A Wednesday, then the Monday before it: one week, whose first day is the Monday.
    const map = buildMap({ stages, touchpoints, feedback: [on("2026-03-04", rated("a", 4, STARS, { stageId: "s1" })), on("2026-03-02", rated("b", 2, STARS, { stageId: "s1" }))] });
    const byWeek = dayTallies(map, "week");
    expect(byWeek.first).toBe("2026-03-02");
    expect(byWeek.last).toBe("2026-03-04");
    expect(byWeek.cells.map((c) => [c.day, c.tally.rows])).toEqual([["2026-03-02", 2]]);
    expect(dayTallies(map).cells.map((c) => c.day)).toEqual(["2026-03-04", "2026-03-02"]);
  });

  it("gives each period exactly analyseJourney's figures for that period's rows, from rows or a summary", () => {
    fc.assert(
      fc.property(journeyMapArbitrary({ maxFeedback: 40 }), fc.constantFrom("week", "month", "quarter" as const), (map, period) => {
        const trends = journeyTrends(dayTallies(map), period);
        const folded = compactJourney(map, { keepAllRows: 0, quotesPerCell: 1 });
        expect(journeyTrends(dayTallies(folded), period)).toEqual(trends);
        // Read a group or a row at a time (as the panel reads in slices), the same days and trends.
        const pass = dayTallyPass(folded);
        for (let i = 0; i < pass.size; i++) pass.read(i, i + 1);
        const oneByOne = periodPass(pass.finish(), period);
        for (let i = 0; i < (dayTallies(folded).cells.length); i++) oneByOne.read(i, i + 1);
        expect(oneByOne.finish()).toEqual(trends);
        if (trends === null) {
          expect(map.feedback.every((f) => f.date === null)).toBe(true);
          return;
        }
        for (const { start } of trends.overall.periods) {
          const analysis = analyseJourney(within(map, start, periodEnd(start, period)));
          for (const s of analysis.stages) {
            const figures = trends.byStage.get(s.stageId)?.periods.find((p) => p.start === start)?.metrics;
            expect(figures?.responses ?? 0).toBe(s.responses);
            if (figures === undefined) continue;
            expect([figures.csat, figures.nps, figures.ces, figures.performance]).toEqual([s.csat, s.nps, s.ces, s.performance]);
          }
          for (const t of analysis.touchpoints) {
            const figures = trends.byTouchpoint.get(t.touchpointId)?.periods.find((p) => p.start === start)?.metrics;
            if (figures === undefined) {
              expect(t.responses).toBe(0);
              continue;
            }
            expect([figures.responses, figures.csat, figures.nps, figures.ces, figures.performance]).toEqual([t.responses, t.csat, t.nps, t.ces, t.performance]);
          }
        }
      }),
      { numRuns: 80 },
    );
  }, 60_000);
});
