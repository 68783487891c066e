import { describe, expect, it, vi } from "vitest";
import { Draft } from "../../shared/messages";
import { analyseJourney } from "../../shared/analysis";
import { CONVERTED_FROM_V1, FIRST_SCHEMA_VERSION, type Feedback } from "../../shared/model";
import { frequencyBasis } from "../../shared/priority";
import { summaryTotals } from "../../shared/summary";
import { largeJourney } from "../../bench/large-journey";
import { DRAFT_BUDGET_BYTES, DraftSaver, buildDraft, parseDraft, stateFromDraft, storedBytes } from "../../ui/state/draft";
import { updateEntity } from "../../ui/state/edits";
import { PanelStore, fieldKey } from "../../ui/state/store";
import { countingTurns } from "../shared/builders";
import { noWait, sampleJourney } from "./sample";

const sample = sampleJourney();

function storeOf(model = sample) {
  return new PanelStore({ model, pendingEdits: {}, csvMappings: {}, omittedFeedback: 0 });
}

describe("the draft", () => {
  it("holds the whole map when it fits, and validates as a Draft", async () => {
    const { draft, text, summarised } = await buildDraft(storeOf().state, noWait);
    expect(draft.model).toBe(sample);
    expect(Draft.safeParse(draft).success).toBe(true);
    expect(draft.panel).toEqual({});
    expect(summarised).toBe(0);
    expect(parseDraft(text)).toEqual({ draft, converted: null });
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

  it("keeps a 200,000-row journey as evidence and exact summaries: after a reopen every figure is the same", async () => {
    const model = largeJourney(200_000);
    const turns = countingTurns();
    const { draft, text, bytes, summarised } = await buildDraft(storeOf(model).state, turns.yieldToHost);
    expect(bytes).toBe(storedBytes(text));
    expect(bytes).toBeLessThan(DRAFT_BUDGET_BYTES / 2);
    // Read in slices, never all at once.
    expect(turns.turns()).toBeGreaterThan(100);
    const { draft: reopened } = parseDraft(text);
    expect(reopened.model.feedback.length).toBeLessThan(2_000);
    expect(reopened.model.feedback.length + summaryTotals(reopened.model.summary).rows).toBe(200_000);
    expect(summarised).toBe(200_000 - reopened.model.feedback.length);
    // Every row a pain point cites is still a row.
    const ids = new Set(reopened.model.feedback.map((f) => f.id));
    for (const p of model.painPoints) for (const id of p.evidence) expect(ids.has(id)).toBe(true);
    expect(reopened.model).toEqual(draft.model);
    expect(analyseJourney(reopened.model)).toEqual(analyseJourney(model));
    expect(frequencyBasis(reopened.model)).toEqual(frequencyBasis(model));
    // Saved again after the reopen, the draft is the same.
    expect((await buildDraft(storeOf(reopened.model).state, noWait, new Date(draft.savedAt))).text).toBe(text);
  }, 180_000);

  it("writes a large draft's text, measures it and counts its summary in turns of their own; a small one at once", async () => {
    const store = storeOf(largeJourney(8_000, 9));
    await buildDraft(store.state, noWait);
    // the journey as stored is remembered: what is left is the draft itself
    const turns = countingTurns();
    await buildDraft(store.state, turns.yieldToHost);
    expect(turns.turns()).toBe(3);
    const small = countingTurns();
    await buildDraft(storeOf().state, small.yieldToHost);
    expect(small.turns()).toBe(0);
  }, 60_000);

  it("counts what clientStorage stores: UTF-8 bytes of the text as a JSON string", () => {
    for (const text of ["plain", 'a "quoted" \\ word', "配送", "😀 emoji", "line\nbreak", "tab\t", "bell\u0007", "é"]) {
      expect(storedBytes(text)).toBe(new TextEncoder().encode(JSON.stringify(text)).length);
    }
  });

  it("says in words when even the evidence is too large, counting UTF-8 bytes (Chinese: 2.5 M characters, 7.5 MB stored)", async () => {
    const stageId = sample.stages[0]?.id ?? null;
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
    expect(1.5 * rows.reduce((n, r) => n + r.text.length, 0)).toBeLessThan(DRAFT_BUDGET_BYTES);
    // Every row cited: every row is evidence.
    const model = { ...sample, feedback: rows, painPoints: sample.painPoints.map((p, i) => (i === 0 ? { ...p, evidence: rows.map((f) => f.id) } : { ...p, evidence: [] })) };
    await expect(buildDraft(storeOf(model).state, noWait)).rejects.toThrow(
      /^the map takes \d+\.\d MB even with its feedback kept as summaries, more than the 4\.0 MB Figma keeps for a draft$/,
    );
  });

  it("refuses a stored draft that is not valid, in words", () => {
    expect(() => parseDraft("{")).toThrow("the stored draft is not valid JSON");
    expect(() => parseDraft(JSON.stringify({ savedAt: "x", model: { title: 3 } }))).toThrow(/^the stored draft is not valid: /);
    expect(() => parseDraft(JSON.stringify({ savedAt: "x", model: { ...sample, packedSummary: { strings: [], groups: "A0" } } }))).toThrow(
      /^the stored draft is not valid: the stored summary is damaged: it is cut short$/,
    );
  });

  it("opens a draft of version 1 as version 2, with the sentence to show once", () => {
    const { draft, converted } = parseDraft(JSON.stringify({ savedAt: "2026-01-01T00:00:00.000Z", model: { ...sample, schemaVersion: FIRST_SCHEMA_VERSION } }));
    expect(converted).toBe(CONVERTED_FROM_V1);
    expect(draft.model).toEqual(sample);
  });

  it("saves a restored draft again when the store is touched (a version 1 draft becomes version 2)", async () => {
    const store = storeOf();
    const saved: string[] = [];
    new DraftSaver(store, (text) => Promise.resolve(void saved.push(text)), () => undefined);
    store.touch();
    await vi.waitFor(() => expect(saved).toHaveLength(1));
    expect((JSON.parse(saved[0] ?? "{}") as { model: { schemaVersion: number } }).model.schemaVersion).toBe(2);
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
        saved.push(parseDraft(text).draft.model.stages[0]?.name ?? "");
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
    expect(saved.map((t) => parseDraft(t).draft.model.title)).toEqual(["Closing mid-edit"]);
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
