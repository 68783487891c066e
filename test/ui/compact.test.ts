import { describe, expect, it } from "vitest";
import { analyseJourney } from "../../shared/analysis";
import { compactJourney } from "../../shared/evidence";
import { readsNegative } from "../../shared/sentiment";
import { mergeSummaries } from "../../shared/summary";
import { unpackSummary } from "../../shared/summary-pack";
import { largeJourney } from "../../bench/large-journey";
import { storedJourney, withPanelRows } from "../../ui/state/compact";
import { countingTurns } from "../shared/builders";
import { noWait } from "./sample";

describe("the journey as the panel stores it", () => {
  it("keeps the rows compactJourney keeps and the same summary, made in slices", async () => {
    const map = largeJourney(30_000, 3);
    const turns = countingTurns();
    const stored = await storedJourney(map, turns.yieldToHost);
    const compact = compactJourney(map, { negativeText: readsNegative });
    expect(stored.model.feedback).toEqual(compact.feedback);
    // The same groups, in another order (sorted again by mergeSummaries).
    expect(mergeSummaries(stored.model.summary)).toEqual(compact.summary);
    expect(stored.packed).not.toBeNull();
    expect(unpackSummary(stored.packed ?? { strings: [], groups: "" })).toEqual(stored.model.summary);
    expect(analyseJourney(stored.model)).toEqual(analyseJourney(map));
    // 30,000 rows, a few thousand a slice: read over many turns.
    expect(turns.turns()).toBeGreaterThanOrEqual(15);
  }, 60_000);

  it("reads the rows a slice at a time: no turn of the host reads more than a few thousand rows' text", async () => {
    const map = largeJourney(30_000, 7);
    // each row counts the reads of its text, as compacting reads it (terms, quotes, text-only counts)
    let reads = 0;
    const feedback = map.feedback.map((row) => {
      const { text, ...rest } = row;
      return Object.defineProperty({ ...rest }, "text", { enumerable: true, get: () => (reads++, text) }) as typeof row;
    });
    let most = 0;
    const stored = await storedJourney({ ...map, feedback }, () => {
      most = Math.max(most, reads);
      reads = 0;
      return Promise.resolve();
    });
    most = Math.max(most, reads);
    expect(stored.model.feedback.map((f) => f.id)).toEqual(compactJourney(map, { negativeText: readsNegative }).feedback.map((f) => f.id));
    // every row's text is read (more than once), but a few thousand rows a turn at the most
    expect(most).toBeGreaterThan(0);
    expect(most).toBeLessThanOrEqual(6_000);
  }, 60_000);

  it("folds more rows into a summary it already has, and keeps a small journey as it is", async () => {
    const map = largeJourney(12_000, 4);
    const first = await storedJourney({ ...map, feedback: map.feedback.slice(0, 7_000) }, noWait);
    const both = await storedJourney({ ...map, feedback: [...first.model.feedback, ...map.feedback.slice(7_000)], summary: first.model.summary }, noWait);
    expect(analyseJourney(both.model)).toEqual(analyseJourney(map));
    const small = { ...map, feedback: map.feedback.slice(0, 100) };
    expect((await storedJourney(small, noWait)).model).toBe(small);
  }, 60_000);

  it("is remembered for the same feedback, pain points and summary", async () => {
    const map = largeJourney(8_000, 5);
    const first = await storedJourney(map, noWait);
    const turns = countingTurns();
    const renamed = await storedJourney({ ...map, title: "Renamed" }, turns.yieldToHost);
    expect(turns.turns()).toBe(0);
    expect(renamed.model.title).toBe("Renamed");
    expect(renamed.model.summary).toBe(first.model.summary);
  }, 60_000);
});

describe("the map the plugin drew, back in the panel", () => {
  it("holds the panel's rows again when drawing changed none of the feedback, and the drawn feedback when it did", async () => {
    const map = largeJourney(9_000, 6);
    const sent = (await storedJourney(map, noWait)).model;
    const drawn = JSON.parse(JSON.stringify({ ...sent, title: "Drawn" })) as typeof sent;
    const back = withPanelRows(map, drawn);
    expect(back.title).toBe("Drawn");
    expect(back.feedback).toBe(map.feedback);
    expect(back).not.toHaveProperty("summary");
    // A touchpoint deleted on the canvas moved rows: the drawn model is kept as it is.
    const moved = { ...drawn, feedback: drawn.feedback.map((f, i) => (i === 0 ? { ...f, touchpointId: null } : f)) };
    expect(withPanelRows(map, moved)).toBe(moved);
    const regrouped = { ...drawn, summary: { strings: drawn.summary?.strings ?? [], groups: (drawn.summary?.groups ?? []).slice(1) } };
    expect(withPanelRows(map, regrouped)).toBe(regrouped);
  }, 60_000);
});
