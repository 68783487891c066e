/**
 * "Re-generating after a person deleted half the cards: the person is asked whether to restore them
 * or drop them from the model, and nothing is decided silently" (issue 6), through the panel's
 * message contract: `generate-map` answers `deleted-cards` and draws nothing; sent again with
 * `deletedCards: "restore"` it draws them again, with "drop" it removes their entities from the
 * model (and references to them) and says what it dropped.
 */
import { afterEach, describe, expect, it } from "vitest";
import { NAMESPACE } from "../../plugin/plugin-data";
import type { DeletedCard, ReplyResult } from "../../shared/messages";
import type { JourneyMap } from "../../shared/model";
import { expectValidModel } from "../fixtures/canvas/expectations";
import { copyOf, keyOf, nodeByKey, nodesByKey, readMap, rescore, textByKey, userActs } from "../plugin/canvas-actions";
import { ask, launchPlugin, sampleJourney, type PluginUnderTest } from "../plugin/harness";

let running: PluginUnderTest | null = null;

afterEach(() => {
  if (running === null) return;
  expect(running.emulator.uncaughtErrors).toEqual([]);
  expect(running.refused).toEqual([]);
  running = null;
});

async function mapOnCanvas(options: Parameters<typeof launchPlugin>[0] = {}) {
  const plugin = await launchPlugin(options);
  running = plugin;
  const model = sampleJourney();
  const reply = await ask(plugin, { type: "generate-map", model });
  if (reply.kind !== "generated") throw new Error(reply.kind);
  const frame = plugin.emulator.getNode(reply.nodeId) as FrameNode;
  return { plugin, model, frame, emulator: plugin.emulator, page: plugin.emulator.figma.currentPage };
}

/** Half the pain-point cards, a note, a touchpoint and a KPI: deleted by a person. */
const DELETED: readonly DeletedCard[] = [
  { entityId: "note_awareness_actions_1", kind: "note", title: "Sees a creator's rain-shell test on Instagram" },
  { entityId: "tp_checkout_web", kind: "touchpoint", title: "Web checkout" },
  { entityId: "pp_size_guide", kind: "painPoint", title: "Size guide doesn't match the real fit" },
  { entityId: "pp_promo_code", kind: "painPoint", title: "Promo code rejected at checkout" },
  { entityId: "pp_delivery_window", kind: "painPoint", title: "No delivery window, parcels missed" },
  { entityId: "pp_returns_label", kind: "painPoint", title: "Returns label has to be printed" },
  { entityId: "kpi_checkout_payment", kind: "kpi", title: "Payment completion" },
];

function deleteCards(emulator: PluginUnderTest["emulator"], frame: FrameNode, cards: readonly DeletedCard[] = DELETED): void {
  for (const card of cards) emulator.userDelete(nodeByKey(frame, `${card.kind}/${card.entityId}`));
}

/** What the person meant by "drop": the model without those entities, references cleared, written out by hand. */
function withoutDeleted(model: JourneyMap): JourneyMap {
  const next = copyOf(model);
  const ids = new Set(DELETED.map((c) => c.entityId));
  next.notes = next.notes.filter((n) => !ids.has(n.id));
  next.touchpoints = next.touchpoints.filter((t) => !ids.has(t.id));
  next.painPoints = next.painPoints.filter((p) => !ids.has(p.id));
  next.kpis = next.kpis.filter((k) => !ids.has(k.id));
  for (const o of next.opportunities) if (o.painPointId !== null && ids.has(o.painPointId)) o.painPointId = null;
  for (const p of next.painPoints) if (p.touchpointId === "tp_checkout_web") p.touchpointId = null;
  for (const f of next.feedback) {
    if (f.touchpointId !== "tp_checkout_web") continue;
    f.touchpointId = null;
    f.stageId ??= "stage_checkout";
  }
  return next;
}

function sorted(cards: readonly DeletedCard[]): DeletedCard[] {
  return [...cards].sort((a, b) => a.entityId.localeCompare(b.entityId));
}

function cardKeys(frame: FrameNode): string[] {
  return frame.findAll((n) => n.getSharedPluginData(NAMESPACE, "role") === "card").map(keyOf).sort();
}

describe("re-generating after a person deleted cards", () => {
  it("asks first: replies deleted-cards naming each card, and draws and writes nothing", async () => {
    const { plugin, model, frame, emulator } = await mapOnCanvas();
    deleteCards(emulator, frame);
    const keysBefore = cardKeys(frame);
    const steps = emulator.undo.steps;
    emulator.stats.resetWrites();

    const reply = await ask(plugin, { type: "generate-map", model });
    expect(reply.kind).toBe("deleted-cards");
    if (reply.kind !== "deleted-cards") return;
    expect(reply.nodeId).toBe(frame.id);
    expect(sorted(reply.cards)).toEqual(sorted(DELETED));
    expect([...emulator.stats.writtenNodeIds]).toEqual([]);
    expect(emulator.undo.steps).toBe(steps);
    expect(cardKeys(frame)).toEqual(keysBefore);
  });

  it("restores them when the person says so, and the map reads back as the model", async () => {
    const { plugin, model, frame, emulator } = await mapOnCanvas();
    const keys = cardKeys(frame);
    deleteCards(emulator, frame);
    const changed = copyOf(model);
    changed.title = "Northwind — revised";

    const reply = await ask(plugin, { type: "generate-map", model: changed, deletedCards: "restore" });
    expect(reply).toMatchObject({ kind: "generated", nodeId: frame.id });
    if (reply.kind !== "generated") return;
    expect(sorted(reply.restored ?? [])).toEqual(sorted(DELETED));
    expect(reply.dropped).toBeUndefined();
    expect(reply.model).toBeUndefined();
    expect(cardKeys(frame)).toEqual(keys);
    expect(textByKey(frame, "header/title").characters).toBe("Northwind — revised");
    expect(await readMap(plugin)).toMatchObject({ model: changed, problems: [] });
  });

  it("drops them from the model when the person says so: references cleared, the reply names them and gives the model drawn", async () => {
    const { plugin, model, frame, emulator, page } = await mapOnCanvas();
    deleteCards(emulator, frame);
    const steps = emulator.undo.steps;

    const reply = await ask(plugin, { type: "generate-map", model, deletedCards: "drop" });
    expect(reply).toMatchObject({ kind: "generated", nodeId: frame.id });
    if (reply.kind !== "generated") return;
    const expected = withoutDeleted(model);
    expect(sorted(reply.dropped ?? [])).toEqual(sorted(DELETED));
    expect(reply.restored).toBeUndefined();
    expect(reply.model).toEqual(expected);
    expectValidModel(reply.model);
    expect(emulator.undo.steps - steps).toBe(1);
    // Nothing drawn for them, on the map or on the matrix beside it; the frame stores the model drawn.
    for (const card of DELETED) expect(nodesByKey(frame, `${card.kind}/${card.entityId}`)).toEqual([]);
    expect(nodesByKey(page, "matrix/pp_promo_code")).toEqual([]);
    expect(await readMap(plugin)).toMatchObject({ model: expected, problems: [] });
    // The answer was given once: the next generation of that model just draws.
    expect(await ask(plugin, { type: "generate-map", model: expected })).toMatchObject({ kind: "generated", created: 0, removed: 0 });
  });

  it("does not ask when the model no longer holds the deleted cards (the panel read the map first)", async () => {
    const { plugin, model, frame, emulator } = await mapOnCanvas();
    deleteCards(emulator, frame);
    const read = await readMap(plugin);
    expect(read.problems.filter((p) => p.message.endsWith("was deleted from the canvas, so it was removed from the map"))).toHaveLength(DELETED.length);
    const placeholders = () => frame.findAll((n) => keyOf(n).endsWith("/empty")).length;
    const before = placeholders();
    const reply = await ask(plugin, { type: "generate-map", model: read.model });
    // Nothing deleted comes back: all it creates is the quiet placeholder of a cell left empty.
    expect(reply).toMatchObject({ kind: "generated", created: placeholders() - before });
    expect(placeholders()).toBeGreaterThan(before);
    for (const card of DELETED) expect(nodesByKey(frame, `${card.kind}/${card.entityId}`)).toEqual([]);
    expect(reply).not.toHaveProperty("restored");
    expect(model.painPoints.length - read.model.painPoints.length).toBe(4);
  });

  it("does not ask about new entities, nor about cards the model no longer draws (a hidden lane)", async () => {
    const { plugin, model, frame, emulator } = await mapOnCanvas();
    deleteCards(emulator, frame, DELETED.filter((c) => c.kind === "kpi"));
    const next = copyOf(model);
    const template = next.painPoints[0];
    if (!template) throw new Error("sample changed");
    next.painPoints.push({ ...template, evidence: [], id: "pp_new", title: "Brand-new pain point" });
    const kpiLane = next.lanes.find((l) => l.kind === "kpis");
    if (!kpiLane) throw new Error("sample changed");
    kpiLane.visible = false;
    const reply = await ask(plugin, { type: "generate-map", model: next });
    expect(reply).toMatchObject({ kind: "generated" });
    expect(nodesByKey(frame, "painPoint/pp_new")).toHaveLength(1);
  });

  it("asks only about the cards the model would draw again, titled as the model names them now", async () => {
    const { plugin, model, frame, emulator } = await mapOnCanvas();
    deleteCards(emulator, frame);
    const next = copyOf(model);
    next.painPoints = next.painPoints.filter((p) => p.id !== "pp_size_guide");
    for (const o of next.opportunities) if (o.painPointId === "pp_size_guide") o.painPointId = null;
    const promo = next.painPoints.find((p) => p.id === "pp_promo_code");
    if (!promo) throw new Error("sample changed");
    promo.title = "Promo codes fail without a reason";
    const reply = await ask(plugin, { type: "generate-map", model: next });
    if (reply.kind !== "deleted-cards") throw new Error(reply.kind);
    expect(sorted(reply.cards)).toEqual(
      sorted(
        DELETED.filter((c) => c.entityId !== "pp_size_guide").map((c) =>
          c.entityId === "pp_promo_code" ? { ...c, title: "Promo codes fail without a reason" } : c,
        ),
      ),
    );
  });

  it("acts on exactly the cards the person was shown: one more deleted since the question means asking again, drawing nothing", async () => {
    const { plugin, model, frame, emulator } = await mapOnCanvas();
    const [first, second] = DELETED.filter((c) => c.kind === "painPoint");
    if (first === undefined || second === undefined) throw new Error("sample changed");
    deleteCards(emulator, frame, [first]);
    const question = await ask(plugin, { type: "generate-map", model });
    if (question.kind !== "deleted-cards") throw new Error(question.kind);
    expect(question.cards).toEqual([first]);
    const seen = question.cards.map((c) => `${c.kind}/${c.entityId}`);
    // While the question is open, a second card goes.
    deleteCards(emulator, frame, [second]);
    emulator.stats.resetWrites();
    const again = await ask(plugin, { type: "generate-map", model, deletedCards: "drop", deletedCardsSeen: seen });
    expect(again.kind).toBe("deleted-cards");
    if (again.kind !== "deleted-cards") return;
    expect(sorted(again.cards)).toEqual(sorted([first, second]));
    expect([...emulator.stats.writtenNodeIds]).toEqual([]);
    // Answered about both, both are dropped; and the map keeps every other pain point.
    const both = again.cards.map((c) => `${c.kind}/${c.entityId}`);
    const reply = await ask(plugin, { type: "generate-map", model, deletedCards: "drop", deletedCardsSeen: both });
    if (reply.kind !== "generated") throw new Error(reply.kind);
    expect(sorted(reply.dropped ?? [])).toEqual(sorted([first, second]));
    expect(reply.model?.painPoints.length).toBe(model.painPoints.length - 2);
  });

  it("takes an answer sent when nothing is missing any more as a plain generation", async () => {
    const { plugin, model } = await mapOnCanvas();
    expect(await ask(plugin, { type: "generate-map", model, deletedCards: "restore" })).toMatchObject({ kind: "generated", restored: [] });
    expect(await ask(plugin, { type: "generate-map", model, deletedCards: "drop" })).toMatchObject({ kind: "generated", dropped: [], model });
  });

  it("never asks on re-score: the deleted cards leave the model there, each one reported", async () => {
    const { plugin, frame, emulator } = await mapOnCanvas();
    deleteCards(emulator, frame);
    const reply = await rescore(plugin);
    for (const card of DELETED) expect(reply.problems.some((p) => p.message.includes(`'${card.title}' was deleted`))).toBe(true);
    expect(reply.model.painPoints).toHaveLength(4);
  });

  it("does not ask when the frame's stored model cannot be read (nothing tells a deleted card from a new one): draws and repairs it", async () => {
    const { plugin, model, frame, emulator } = await mapOnCanvas();
    deleteCards(emulator, frame);
    userActs(emulator, () => frame.setSharedPluginData(NAMESPACE, "model.1", ""));
    const reply: ReplyResult = await ask(plugin, { type: "generate-map", model });
    expect(reply).toMatchObject({ kind: "generated", nodeId: frame.id });
    expect(await readMap(plugin)).toMatchObject({ model, problems: [] });
  });

  it("asks in FigJam too, where the cards are stickies and shapes", async () => {
    const { plugin, model, frame, emulator } = await mapOnCanvas({ editorType: "figjam" });
    expect(frame.type).toBe("SECTION");
    const section = frame as unknown as SectionNode;
    emulator.userDelete(nodeByKey(section, "painPoint/pp_promo_code"));
    emulator.userDelete(nodeByKey(section, "note/note_awareness_actions_1"));
    const question = await ask(plugin, { type: "generate-map", model });
    expect(question).toEqual({
      kind: "deleted-cards",
      nodeId: frame.id,
      cards: [
        { entityId: "note_awareness_actions_1", kind: "note", title: "Sees a creator's rain-shell test on Instagram" },
        { entityId: "pp_promo_code", kind: "painPoint", title: "Promo code rejected at checkout" },
      ],
    });
    expect(await ask(plugin, { type: "generate-map", model, deletedCards: "restore" })).toMatchObject({ kind: "generated" });
    expect(nodesByKey(section, "painPoint/pp_promo_code")).toHaveLength(1);
  });

  it("asks about the cards of a deleted stage column, and restores the column with them", async () => {
    const { plugin, model, frame, emulator } = await mapOnCanvas();
    const keys = cardKeys(frame);
    emulator.userDelete(nodeByKey(frame, "stage/stage_checkout"));
    for (const cell of frame.findAll((n) => n.getSharedPluginData(NAMESPACE, "role") === "cell" && keyOf(n).endsWith("/stage_checkout"))) {
      emulator.userDelete(cell);
    }
    const question = await ask(plugin, { type: "generate-map", model });
    if (question.kind !== "deleted-cards") throw new Error(question.kind);
    expect(question.cards).toHaveLength(17);
    await ask(plugin, { type: "generate-map", model, deletedCards: "restore" });
    expect(cardKeys(frame)).toEqual(keys);
    expect(await readMap(plugin)).toMatchObject({ model, problems: [] });
  });
});
