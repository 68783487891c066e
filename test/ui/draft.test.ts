import { describe, expect, it, vi } from "vitest";
import { Draft } from "../../shared/messages";
import type { Feedback } from "../../shared/model";
import { DRAFT_BUDGET_BYTES, DraftSaver, buildDraft, estimateFeedbackBytes, parseDraft, stateFromDraft, storedBytes } from "../../ui/state/draft";
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
    const { draft, text } = await buildDraft(storeOf().state, noWait);
    expect(draft.model).toBe(sample);
    expect(Draft.safeParse(draft).success).toBe(true);
    expect(draft.panel).toEqual({});
    expect(parseDraft(text)).toEqual(draft);
  });

  it("keeps the fields being edited and the remembered mappings", async () => {
    const store = storeOf();
    const stageId = sample.stages[0]?.id ?? "";
    store.setPendingEdit(fieldKey(stageId, "name"), "");
    store.rememberMapping("8:abcdef12", { mapping: { rating: 5, text: 6 }, delimiter: ";" });
    const { text } = await buildDraft(store.state, noWait);
    const parsed = Draft.safeParse(JSON.parse(text));
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
    const { draft, text, bytes } = await buildDraft(storeOf(model).state, noWait);
    const cited = new Set(sample.painPoints.flatMap((p) => p.evidence));
    expect(draft.model.feedback.map((f) => f.id).sort()).toEqual([...cited].sort());
    expect(draft.panel?.omittedFeedback).toBe(feedback.length - cited.size);
    expect(Draft.safeParse(draft).success).toBe(true);
    expect(bytes).toBe(storedBytes(text));
    expect(bytes).toBeLessThan(DRAFT_BUDGET_BYTES);
  });

  it("measures UTF-8 bytes: feedback in Chinese that is 2.5 MB of characters but 7.5 MB stored starts the fallback", async () => {
    const stageId = sample.stages[0]?.id ?? null;
    // 10,000 rows of 250 CJK characters: 2.5 M characters (under the budget at 1.5 bytes a character), 3 bytes each in UTF-8.
    const rows: Feedback[] = Array.from({ length: 10_000 }, (_, i) => ({
      id: `fb_zh_${i}`,
      kind: "survey" as const,
      rating: 2,
      scale: { min: 1, max: 5 },
      text: "送货太慢了，没有人告诉我原因。".repeat(17).slice(0, 250),
      date: "2026-01-01",
      source: "问卷",
      stageId,
      touchpointId: null,
      personaId: null,
    }));
    const model = { ...sample, feedback: [...sample.feedback, ...rows] };
    expect(1.5 * rows.reduce((n, r) => n + r.text.length, 0)).toBeLessThan(DRAFT_BUDGET_BYTES);
    const { draft, bytes } = await buildDraft(storeOf(model).state, noWait);
    const cited = new Set(sample.painPoints.flatMap((p) => p.evidence));
    expect(draft.panel?.omittedFeedback).toBe(model.feedback.length - cited.size);
    expect(bytes).toBeLessThanOrEqual(DRAFT_BUDGET_BYTES);
  });

  it("counts what clientStorage stores: UTF-8 bytes of the text as a JSON string", () => {
    for (const text of ["plain", 'a "quoted" \\ word', "配送", "😀 emoji", "line\nbreak", "tab\t", "bell\u0007", "é"]) {
      expect(storedBytes(text)).toBe(new TextEncoder().encode(JSON.stringify(text)).length);
    }
  });

  it("says in words when even the draft without uncited feedback is too large", async () => {
    const model = { ...sample, feedback: [...sample.feedback, ...bigFeedback(40_000)] };
    // Every row cited: nothing can be left out.
    const cited = { ...model, painPoints: model.painPoints.map((p, i) => (i === 0 ? { ...p, evidence: model.feedback.map((f) => f.id) } : p)) };
    await expect(buildDraft(storeOf(cited).state, noWait)).rejects.toThrow(/^the map takes \d+\.\d MB even without the feedback no pain point cites, more than the 4\.0 MB Figma keeps for a draft$/);
  });

  it("refuses a stored draft that is not valid, in words", () => {
    expect(() => parseDraft("{")).toThrow("the stored draft is not valid JSON");
    expect(() => parseDraft(JSON.stringify({ savedAt: "x", model: { title: 3 } }))).toThrow(/^the stored draft is not valid: /);
  });

  it("estimates feedback above its JSON size", () => {
    const rows = bigFeedback(500);
    expect(estimateFeedbackBytes(rows)).toBeGreaterThan(JSON.stringify(rows).length);
  });
});

describe("saving as the person types", () => {
  it("saves each change as it happens, and changes made during a save right after it, together", async () => {
    const store = storeOf();
    const saved: string[] = [];
    const statuses: string[] = [];
    let finish: () => void = () => undefined;
    new DraftSaver(
      store,
      (text) => {
        saved.push(parseDraft(text).model.stages[0]?.name ?? "");
        return new Promise<void>((resolve) => (finish = resolve));
      },
      (status) => statuses.push(status.kind),
    );
    const stageId = sample.stages[0]?.id ?? "";
    store.update((m) => updateEntity(m, "stages", stageId, { name: "A" }));
    // No debounce: the save is on its way at once, before any timer could fire.
    await Promise.resolve();
    await Promise.resolve();
    expect(saved).toEqual(["A"]);
    for (const name of ["Aw", "Awa"]) store.update((m) => updateEntity(m, "stages", stageId, { name }));
    expect(saved).toEqual(["A"]);
    finish();
    await vi.waitFor(() => expect(saved).toEqual(["A", "Awa"]));
    finish();
    await vi.waitFor(() => expect(statuses.at(-1)).toBe("saved"));
    expect(saved).toEqual(["A", "Awa"]);
  });

  it("flush sends nothing when nothing changed", async () => {
    const store = storeOf();
    const saved: string[] = [];
    const saver = new DraftSaver(store, async (text) => void saved.push(text), () => undefined);
    store.update((m) => ({ ...m, title: "Closing mid-edit" }));
    await vi.waitFor(() => expect(saved).toHaveLength(1));
    saver.flush();
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(saved.map((t) => parseDraft(t).model.title)).toEqual(["Closing mid-edit"]);
  });

  it("reports a failed save in words, and does not retry without a change", async () => {
    const store = storeOf();
    let calls = 0;
    const statuses: { kind: string; message?: string }[] = [];
    new DraftSaver(store, async () => {
      calls++;
      return Promise.reject(new Error("Storing \"draft\" would use 6000000 bytes"));
    }, (s) => statuses.push(s));
    store.update((m) => ({ ...m, title: "Too big" }));
    await vi.waitFor(() => expect(statuses.at(-1)).toEqual({ kind: "failed", message: "Storing \"draft\" would use 6000000 bytes" }));
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(calls).toBe(1);
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
