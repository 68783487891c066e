/**
 * Re-generating a map that is already on the canvas: nodes are matched by entity id, never by
 * Figma node id; existing nodes get new texts and numbers; missing ones are created; only the
 * plugin's nodes of vanished entities are removed; a person's own nodes and restyling stay.
 */
import { describe, expect, it } from "vitest";
import { solid } from "../../plugin/render/style";
import { copyOf, generate, keyOf, nodeByKey, nodesByKey, textByKey, userActs } from "./canvas-actions";
import { ask, launchPlugin, sampleJourney } from "./harness";

async function mapOnCanvas() {
  const plugin = await launchPlugin();
  const model = sampleJourney();
  const frame = await generate(plugin, model);
  return { plugin, model, frame, emulator: plugin.emulator, figma: plugin.emulator.figma };
}

describe("re-generating a map", () => {
  it("matches nodes by entity id: reordered and renamed entities keep their nodes, with new texts", async () => {
    const { plugin, model, frame } = await mapOnCanvas();
    const cardIds = new Map(model.painPoints.map((p) => [p.id, nodeByKey(frame, `painPoint/${p.id}`).id]));
    const next = copyOf(model);
    next.painPoints.reverse();
    const promo = next.painPoints.find((p) => p.id === "pp_promo_code");
    if (!promo) throw new Error("sample changed");
    promo.title = "Promo codes fail without a reason";
    promo.effort = 4;
    await generate(plugin, next);
    for (const [id, nodeId] of cardIds) expect(nodeByKey(frame, `painPoint/${id}`).id).toBe(nodeId);
    expect(textByKey(frame, "painPoint/pp_promo_code/title").characters).toBe("Promo codes fail without a reason");
    expect(textByKey(frame, "painPoint/pp_promo_code/effort").characters).toBe("4");
    expect(nodeByKey(frame, "painPoint/pp_promo_code").name).toBe("Pain point: Promo codes fail without a reason");
  });

  it("follows an entity into another stage: its card moves to that cell, the same node", async () => {
    const { plugin, model, frame } = await mapOnCanvas();
    const card = nodeByKey(frame, "painPoint/pp_promo_code");
    const next = copyOf(model);
    const promo = next.painPoints.find((p) => p.id === "pp_promo_code");
    if (!promo) throw new Error("sample changed");
    promo.stageId = "stage_delivery";
    await generate(plugin, next);
    expect(nodeByKey(frame, "painPoint/pp_promo_code")).toBe(card);
    expect(keyOf(card.parent as BaseNode)).toBe("cell/lane_pain_points/stage_delivery");
  });

  it("creates what is missing: a new entity, and a card a person deleted (once the person said to restore it)", async () => {
    const { plugin, model, frame, emulator } = await mapOnCanvas();
    emulator.userDelete(nodeByKey(frame, "painPoint/pp_size_guide"));
    const next = copyOf(model);
    const note = next.notes[0];
    if (!note) throw new Error("sample changed");
    next.notes.push({ ...note, id: "note_new", text: "Asks a friend who owns the jacket" });
    // The deleted card is asked about (test/robustness/canvas-deleted-cards.test.ts); restored here.
    const reply = await ask(plugin, { type: "generate-map", model: next, deletedCards: "restore" });
    expect(reply).toMatchObject({ kind: "generated", restored: [{ entityId: "pp_size_guide", kind: "painPoint" }] });
    expect(nodesByKey(frame, "painPoint/pp_size_guide")).toHaveLength(1);
    expect(textByKey(frame, "note/note_new/text").characters).toBe("Asks a friend who owns the jacket");
  });

  it("removes only the plugin's nodes of vanished entities; a person's node in the same cell stays", async () => {
    const { plugin, model, frame, emulator, figma } = await mapOnCanvas();
    const note = model.notes[0];
    if (!note) throw new Error("sample changed");
    const cell = nodeByKey<FrameNode>(frame, `cell/${note.laneId}/${note.stageId}`);
    const others = cell.children.filter((c) => keyOf(c) !== `note/${note.id}`);
    let sticker: RectangleNode | null = null;
    userActs(emulator, () => {
      sticker = figma.createRectangle();
      sticker.name = "Sticker";
      cell.appendChild(sticker);
    });
    const next = copyOf(model);
    next.notes = next.notes.filter((n) => n.id !== note.id);
    const reply = await ask(plugin, { type: "generate-map", model: next });
    expect(nodesByKey(frame, `note/${note.id}`)).toHaveLength(0);
    expect(cell.children).toEqual([...others, sticker]);
    expect(reply).toMatchObject({ kind: "generated", nodeId: frame.id, created: 0, removed: 1 });
  });

  it("keeps a person's node when the cell holding it goes away with its stage: it lands in the frame \"Moved out of the map\" below the map", async () => {
    const { plugin, model, frame, emulator, figma } = await mapOnCanvas();
    const stage = model.stages.at(-1);
    const lane = model.lanes[0];
    if (!stage || !lane) throw new Error("sample changed");
    const cell = nodeByKey<FrameNode>(frame, `cell/${lane.id}/${stage.id}`);
    let sticker: RectangleNode | null = null;
    userActs(emulator, () => {
      sticker = figma.createRectangle();
      sticker.name = "Sticker";
      cell.appendChild(sticker);
    });
    const placed = sticker as RectangleNode | null;
    if (!placed) throw new Error("no sticker");
    const next = copyOf(model);
    next.stages = next.stages.filter((s) => s.id !== stage.id);
    for (const list of [next.touchpoints, next.notes, next.painPoints, next.opportunities, next.kpis] as { stageId: string }[][])
      list.splice(0, list.length, ...list.filter((e) => e.stageId !== stage.id));
    for (const f of next.feedback) if (f.stageId === stage.id) f.stageId = null;
    for (const f of next.feedback) if (f.touchpointId !== null && !next.touchpoints.some((t) => t.id === f.touchpointId)) f.touchpointId = null;
    for (const o of next.opportunities) if (o.painPointId !== null && !next.painPoints.some((pp) => pp.id === o.painPointId)) o.painPointId = null;
    const reply = await ask(plugin, { type: "generate-map", model: next, deletedCards: "drop" });
    expect(reply).toMatchObject({ kind: "generated", movedOut: 1 });
    expect(cell.removed).toBe(true);
    expect(placed.removed).toBe(false);
    const holder = placed.parent as FrameNode;
    expect(holder.name).toBe("Moved out of the map");
    expect(holder.parent).toBe(figma.currentPage);
    // Below the map, on top of nothing: neither the map nor the frames beside it.
    expect(holder.y).toBeGreaterThanOrEqual(frame.y + frame.height);
    const overlaps = (a: SceneNode, b: SceneNode) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
    expect(figma.currentPage.children.filter((n) => n !== holder && overlaps(n, holder))).toEqual([]);
  });

  it("leaves a person's own nodes where they are: a note and a text in a cell, an arrow beside the map", async () => {
    const { plugin, model, frame, emulator, figma } = await mapOnCanvas();
    const cell = nodeByKey<FrameNode>(frame, "cell/lane_pain_points/stage_checkout");
    let sticky: RectangleNode | null = null;
    let label: TextNode | null = null;
    let arrow: VectorNode | null = null;
    await figma.loadFontAsync({ family: "Inter", style: "Regular" });
    userActs(emulator, () => {
      sticky = figma.createRectangle();
      sticky.name = "Sticky note";
      cell.insertChild(0, sticky);
      label = figma.createText();
      label.characters = "Ask legal about codes";
      cell.appendChild(label);
      arrow = figma.createVector();
      arrow.vectorPaths = [{ windingRule: "NONE", data: "M 0 0 L 120 0" }];
      arrow.x = frame.x - 200;
      arrow.y = frame.y + 40;
    });
    const next = copyOf(model);
    next.title = "Northwind — online order, revised";
    for (const p of next.painPoints) p.effort = p.effort === 5 ? 4 : p.effort + 1;
    await generate(plugin, next);
    expect(cell.children[0]).toBe(sticky);
    expect(cell.children.at(-1)).toBe(label);
    expect((label as TextNode | null)?.characters).toBe("Ask legal about codes");
    expect(arrow).not.toBeNull();
    expect((arrow as VectorNode | null)?.parent).toBe(figma.currentPage);
    expect([(arrow as VectorNode | null)?.x, (arrow as VectorNode | null)?.y]).toEqual([frame.x - 200, frame.y + 40]);
    expect(frame.name).toBe("Journey map — Northwind — online order, revised");
  });

  it("keeps a style a person changed (fill, font size, corner radius) while the texts follow the data", async () => {
    const { plugin, model, frame, emulator, figma } = await mapOnCanvas();
    const card = nodeByKey<FrameNode>(frame, "painPoint/pp_promo_code");
    const title = textByKey(frame, "painPoint/pp_promo_code/title");
    const note = model.notes[0];
    if (!note) throw new Error("sample changed");
    const noteCard = nodeByKey<FrameNode>(frame, `note/${note.id}`);
    await figma.loadFontAsync(title.fontName as FontName);
    userActs(emulator, () => {
      card.fills = solid("#FFD400");
      title.fontSize = 22;
      noteCard.cornerRadius = 0;
    });
    const next = copyOf(model);
    const promo = next.painPoints.find((p) => p.id === "pp_promo_code");
    if (!promo) throw new Error("sample changed");
    promo.title = "Codes fail";
    promo.severity = 2;
    const changedNote = next.notes[0];
    if (changedNote) changedNote.text = "New note text";
    await generate(plugin, next);
    expect(card.fills).toMatchObject([{ type: "SOLID", color: solid("#FFD400")[0]?.color }]);
    expect(title.fontSize).toBe(22);
    expect(title.characters).toBe("Codes fail");
    expect(textByKey(frame, "painPoint/pp_promo_code/severity").characters).toBe("2");
    expect(noteCard.cornerRadius).toBe(0);
    expect(textByKey(frame, `note/${note.id}/text`).characters).toBe("New note text");
  });
});
