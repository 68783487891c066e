import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { Draft } from "../../shared/messages";
import type { Feedback } from "../../shared/model";
import { DRAFT_BUDGET_BYTES, DraftSaver, buildDraft, estimateFeedbackBytes, stateFromDraft } from "../../ui/state/draft";
import { updateEntity } from "../../ui/state/edits";
import { PanelStore, fieldKey } from "../../ui/state/store";
import { noWait, sampleJourney } from "./sample";

const sample = sampleJourney();

function storeOf(model = sample) {
  return new PanelStore({ model, pendingEdits: {}, csvMappings: {}, omittedFeedback: 0 });
}

/** Many long rows, so that the map no longer fits clientStorage. */
function bigFeedback(rows: number): Feedback[] {
  const stageId = sample.stages[0]?.id ?? null;
  return Array.from({ length: rows }, (_, i) => ({
    id: `fb_big_${i}`,
    kind: "survey" as const,
    rating: (i % 5) + 1,
    scale: { min: 1, max: 5 },
    text: `Comment number ${i}: ${"the delivery was late again and nobody told me why ".repeat(2)}`,
    date: "2026-01-01",
    source: "Survey",
    stageId,
    touchpointId: null,
    personaId: null,
  }));
}

describe("the draft", () => {
  it("holds the whole map when it fits, and validates as a Draft", async () => {
    const draft = await buildDraft(storeOf().state, noWait);
    expect(draft.model).toBe(sample);
    expect(Draft.safeParse(draft).success).toBe(true);
    expect(draft.panel).toEqual({});
  });

  it("keeps the fields being edited and the remembered mappings", async () => {
    const store = storeOf();
    const stageId = sample.stages[0]?.id ?? "";
    store.setPendingEdit(fieldKey(stageId, "name"), "");
    store.rememberMapping("8:abcdef12", { mapping: { rating: 5, text: 6 }, delimiter: ";" });
    const draft = await buildDraft(store.state, noWait);
    const parsed = Draft.safeParse(JSON.parse(JSON.stringify(draft)));
    expect(parsed.success).toBe(true);
    const restored = stateFromDraft(parsed.success ? parsed.data : null, () => sample);
    expect(restored.pendingEdits).toEqual({ [fieldKey(stageId, "name")]: "" });
    expect(restored.csvMappings["8:abcdef12"]?.delimiter).toBe(";");
    // The map kept the last valid name.
    expect(restored.model.stages[0]?.name).toBe(sample.stages[0]?.name);
  });

  it("leaves out uncited feedback when the map is larger than clientStorage holds, and says how much", async () => {
    const feedback = [...sample.feedback, ...bigFeedback(40_000)];
    const model = { ...sample, feedback };
    expect(estimateFeedbackBytes(feedback)).toBeGreaterThan(DRAFT_BUDGET_BYTES);
    const draft = await buildDraft(storeOf(model).state, noWait);
    const cited = new Set(sample.painPoints.flatMap((p) => p.evidence));
    expect(draft.model.feedback.map((f) => f.id).sort()).toEqual([...cited].sort());
    expect(draft.panel?.omittedFeedback).toBe(feedback.length - cited.size);
    expect(Draft.safeParse(draft).success).toBe(true);
    expect(JSON.stringify(draft).length).toBeLessThan(DRAFT_BUDGET_BYTES);
  });

  it("estimates feedback above its JSON size", () => {
    const rows = bigFeedback(500);
    expect(estimateFeedbackBytes(rows)).toBeGreaterThan(JSON.stringify(rows).length);
  });
});

describe("saving as the person types", () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it("saves once after a burst of changes, and at once when flushed", async () => {
    const store = storeOf();
    const saved: Draft[] = [];
    const statuses: string[] = [];
    new DraftSaver(store, async (draft) => void saved.push(draft), (status) => statuses.push(status.kind));
    const stageId = sample.stages[0]?.id ?? "";
    for (const name of ["A", "Aw", "Awa"]) store.update((m) => updateEntity(m, "stages", stageId, { name }));
    expect(saved).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(1000);
    expect(saved).toHaveLength(1);
    expect(saved[0]?.model.stages[0]?.name).toBe("Awa");
    expect(statuses.at(-1)).toBe("saved");
  });

  it("flushes what the debounce has not saved yet", async () => {
    const store = storeOf();
    const saved: Draft[] = [];
    const saver = new DraftSaver(store, async (draft) => void saved.push(draft), () => undefined);
    store.update((m) => ({ ...m, title: "Closing mid-edit" }));
    saver.flush();
    await vi.advanceTimersByTimeAsync(0);
    expect(saved.map((d) => d.model.title)).toEqual(["Closing mid-edit"]);
    // Nothing new: a second flush sends nothing.
    saver.flush();
    await vi.advanceTimersByTimeAsync(1000);
    expect(saved).toHaveLength(1);
  });

  it("reports a failed save in words", async () => {
    const store = storeOf();
    const statuses: { kind: string; message?: string }[] = [];
    new DraftSaver(store, async () => Promise.reject(new Error("Storing \"draft\" would use 6000000 bytes")), (s) => statuses.push(s));
    store.update((m) => ({ ...m, title: "Too big" }));
    await vi.advanceTimersByTimeAsync(1000);
    expect(statuses.at(-1)).toEqual({ kind: "failed", message: "Storing \"draft\" would use 6000000 bytes" });
  });
});

describe("the panel store", () => {
  it("drops the pending edits of an entity that is removed, and undoes the removal", () => {
    const store = storeOf();
    const stage = sample.stages[2];
    if (stage === undefined) throw new Error("the sample has stages");
    store.setPendingEdit(fieldKey(stage.id, "name"), "");
    store.setPendingEdit(fieldKey("map", "title"), "");
    store.remove("stages", [stage.id], `stage “${stage.name}”`);
    expect(Object.keys(store.state.pendingEdits)).toEqual([fieldKey("map", "title")]);
    expect(store.state.undo?.message).toMatch(new RegExp(`^Deleted stage “${stage.name}” with \\d+ items that belonged to it\\.$`));
    store.undo();
    expect(store.state.model).toEqual(sample);
    expect(store.state.undo).toBeNull();
  });

  it("offers to go back after a map replaced the one being edited", () => {
    const store = storeOf();
    store.replaceModel({ ...sample, title: "From the canvas" }, "Loaded “From the canvas”.");
    expect(store.state.model.title).toBe("From the canvas");
    store.undo();
    expect(store.state.model).toBe(sample);
  });
});
