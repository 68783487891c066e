/**
 * Plans of passes (shared/feedback-pass.ts): run whole or in slices, the same passes give the same
 * result; a sort cut into slices orders as Array.prototype.sort does, stably.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { runPlan, runPlanInSlices, sortInSlices, step, visitPass, wholePass, type PassPlan } from "../../shared/feedback-pass";
import { countingTurns } from "./builders";

describe("a sort in slices", () => {
  it("orders as Array.prototype.sort, ties in their first order, whatever the slices", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(fc.integer({ min: 0, max: 9 }), fc.nat())), fc.integer({ min: 1, max: 9 }), async (items, perSlice) => {
        const byKey = (a: [number, number], b: [number, number]) => a[0] - b[0];
        const expected = [...items].sort(byKey);
        expect(runPlan(sortInSlices(items, byKey, perSlice))).toEqual(expected);
        const turns = countingTurns();
        expect(await runPlanInSlices(sortInSlices(items, byKey, perSlice), turns.yieldToHost)).toEqual(expected);
        // the runs are sorted a slice a turn, then merged a slice a turn
        if (items.length > perSlice) expect(turns.turns()).toBe(2 * Math.ceil(items.length / perSlice));
      }),
      { numRuns: 200 },
    );
  });
});

describe("a plan of passes", () => {
  /** Sums rows, then squares each partial sum: two passes, the second sized by the first. */
  function* plan(rows: readonly number[]): PassPlan<number[]> {
    let total = 0;
    const sums: number[] = [];
    yield* step(visitPass((i) => sums.push((total += rows[i] as number))), rows.length, 3);
    const squares: number[] = [];
    yield* step(visitPass((i) => squares.push((sums[i] as number) ** 2)), sums.length, 2);
    const count = yield* step(wholePass(() => squares.length), 1, 1);
    return [...squares, count];
  }

  it("gives the same result whole and in slices, a turn after each slice", async () => {
    const rows = [3, 1, 4, 1, 5, 9, 2];
    const whole = runPlan(plan(rows));
    expect(whole).toEqual([9, 16, 64, 81, 196, 529, 625, 7]);
    const turns = countingTurns();
    expect(await runPlanInSlices(plan(rows), turns.yieldToHost)).toEqual(whole);
    // 7 rows by 3, 7 sums by 2, one whole step
    expect(turns.turns()).toBe(3 + 4 + 1);
    const fine = countingTurns();
    expect(await runPlanInSlices(plan(rows), fine.yieldToHost, 1)).toEqual(whole);
    expect(fine.turns()).toBe(7 + 7 + 1);
  });
});
