/**
 * The trend lines of Insights: where each period's point goes, and that a period without the
 * figure breaks the line rather than drawing a fake zero.
 */
import { describe, expect, it } from "vitest";
import { SPARK, sparklineRuns } from "../../ui/components/sparkline";
import { trendValues } from "../../ui/sections/insights-trends";
import { dayTallies, journeyTrends } from "../../shared/trends";
import { STARS, buildMap, rated, stage } from "../shared/builders";

describe("trend lines", () => {
  it("put each period's value on the figure's whole range, left to right", () => {
    // 96 × 24 with an inset of 3: x runs 3 … 93, y runs 21 (low) … 3 (high).
    expect(SPARK).toEqual({ width: 96, height: 24, inset: 3 });
    expect(sparklineRuns([0, 50, 100], [0, 100])).toEqual([
      [
        [3, 21],
        [48, 12],
        [93, 3],
      ],
    ]);
    // A value beyond the range stays on its edge; a single period sits in the middle.
    expect(sparklineRuns([120], [0, 100])).toEqual([[[48, 3]]]);
  });

  it("break where a period has no figure", () => {
    expect(sparklineRuns([1, null, 5, 3], [1, 5])).toEqual([[[3, 21]], [[63, 3], [93, 12]]]);
    expect(sparklineRuns([null, null], [1, 5])).toEqual([]);
  });

  it("read a stage's figure per period, null where the stage had no feedback in it", () => {
    const on = (date: string, id: string, rating: number) => ({ ...rated(id, rating, STARS, { stageId: "s1" }), date });
    const map = buildMap({ stages: [stage("s1")], feedback: [on("2026-01-05", "a", 5), on("2026-01-19", "b", 1), on("2026-01-20", "c", 4)] });
    const trends = journeyTrends(dayTallies(map), "week");
    expect(trends?.periods).toEqual(["2026-01-05", "2026-01-12", "2026-01-19"]);
    // CSAT: week 1 5★ → 100 %; week 2 nothing; week 3 1★ and 4★ → 50 %.
    expect(trendValues(trends?.byStage.get("s1"), trends!.periods, "csat")).toEqual([100, null, 50]);
    expect(trendValues(trends?.byStage.get("s1"), trends!.periods, "nps")).toEqual([null, null, null]);
  });
});
