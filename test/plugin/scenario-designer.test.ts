/**
 * Scenario, designer: "one click gives a clean frame; changing data and re-generating updates the
 * frame without wiping their styling or their own additions".
 */
import { describe, expect, it } from "vitest";
import { solid } from "../../plugin/render/style";
import { copyOf, generate, keyOf, nodeByKey, readMap, textByKey, userActs } from "./canvas-actions";
import { ask, launchPlugin, sampleJourney } from "./harness";

describe("scenario: a designer re-generates a map they have worked on", () => {
  it("keeps their note in a cell and their card colour, and shows the new data", async () => {
    const plugin = await launchPlugin();
    const { emulator } = plugin;
    const figma = emulator.figma;
    const model = sampleJourney();

    // 1. Generate.
    const frame = await generate(plugin, model);

    // 2. Add a note of their own inside a cell (a yellow square with a text on it) …
    const cell = nodeByKey<FrameNode>(frame, "cell/lane_pain_points/stage_checkout");
    await figma.loadFontAsync({ family: "Inter", style: "Regular" });
    let note: FrameNode | null = null;
    userActs(emulator, () => {
      const sticky = figma.createFrame();
      sticky.name = "Designer note";
      sticky.layoutMode = "VERTICAL";
      sticky.fills = solid("#FFF3B0");
      const text = figma.createText();
      text.characters = "Check this flow with legal";
      sticky.appendChild(text);
      cell.appendChild(sticky);
      note = sticky;
    });
    // 3. … and recolour a card.
    const card = nodeByKey<FrameNode>(frame, "painPoint/pp_shipping_cost");
    userActs(emulator, () => {
      card.fills = solid("#FFD6E7");
    });

    // 4. Change the data: a renamed pain point, new scores, a new note, a removed opportunity.
    const next = copyOf(model);
    const shipping = next.painPoints.find((p) => p.id === "pp_shipping_cost");
    if (!shipping) throw new Error("sample changed");
    shipping.title = "Delivery cost appears only at payment";
    shipping.severity = 5;
    const firstNote = next.notes[0];
    if (!firstNote) throw new Error("sample changed");
    next.notes.push({ ...firstNote, id: "note_designer", text: "Looks for a size chart in the app" });
    const dropped = next.opportunities.pop();
    if (!dropped) throw new Error("sample changed");

    // 5. Re-generate.
    const again = await generate(plugin, next);

    expect(again).toBe(frame);
    // Their note is where they put it, with its text; their colour is kept.
    expect(note).not.toBeNull();
    expect((note as FrameNode | null)?.parent).toBe(cell);
    expect(cell.children.at(-1)).toBe(note);
    expect(((note as FrameNode | null)?.children[0] as TextNode).characters).toBe("Check this flow with legal");
    expect(card.fills).toMatchObject([{ type: "SOLID", color: solid("#FFD6E7")[0]?.color }]);
    // The texts are new.
    expect(textByKey(frame, "painPoint/pp_shipping_cost/title").characters).toBe("Delivery cost appears only at payment");
    expect(textByKey(frame, "painPoint/pp_shipping_cost/severity").characters).toBe("5");
    expect(textByKey(frame, "note/note_designer/text").characters).toBe("Looks for a size chart in the app");
    expect(frame.findAll((n) => keyOf(n) === `opportunity/${dropped.id}`)).toEqual([]);
  });

  it("keeps what they changed on the canvas when the panel updates the map, asks where both changed a field, and saves a version first", async () => {
    const plugin = await launchPlugin();
    const { emulator } = plugin;
    const model = sampleJourney();
    const frame = await generate(plugin, model);

    // On the canvas: a severity typed down (4 → 1), a pain point retitled, a stage renamed.
    const severity = textByKey(frame, "painPoint/pp_promo_code/severity");
    expect(severity.characters).toBe("4");
    emulator.userEditText(severity, "1");
    emulator.userEditText(textByKey(frame, "painPoint/pp_shipping_cost/title"), "Delivery cost shows up only at payment");
    emulator.userEditText(textByKey(frame, "stage/stage_checkout/name"), "Pay");
    // In the panel, which loaded the map before those edits: a stage objective edited.
    const panel = copyOf(model);
    const delivery = panel.stages.find((s) => s.id === "stage_delivery");
    if (!delivery) throw new Error("sample changed");
    delivery.objective = "Parcels arrive when promised, or customers hear why";
    emulator.stats.resetWrites();

    const reply = await ask(plugin, { type: "generate-map", model: panel });
    if (reply.kind !== "generated") throw new Error(`expected a generated reply, got ${reply.kind}`);
    expect(reply.fromCanvas).toBe(3);
    // Both sides' changes are in the map drawn, in the model stored and in the model the panel adopts.
    expect(severity.characters).toBe("1");
    expect(textByKey(frame, "painPoint/pp_shipping_cost/title").characters).toBe("Delivery cost shows up only at payment");
    expect(textByKey(frame, "stage/stage_checkout/name").characters).toBe("Pay");
    expect(textByKey(frame, "stage/stage_delivery/objective").characters).toBe("Parcels arrive when promised, or customers hear why");
    const read = await readMap(plugin);
    expect(read.problems).toEqual([]);
    expect(reply.model).toEqual(read.model);
    expect(read.model.painPoints.find((p) => p.id === "pp_promo_code")?.severity).toBe(1);
    expect(read.model.stages.find((s) => s.id === "stage_checkout")?.name).toBe("Pay");
    expect(read.model.stages.find((s) => s.id === "stage_delivery")?.objective).toBe(delivery.objective);
    // A named version was saved before the plugin wrote anything.
    expect(emulator.versions).toHaveLength(1);
    expect(emulator.versions[0]).toMatchObject({ title: "Before Journey Mapper update", writtenNodeIds: [] });

    // Both sides change the same severity: the panel asks, and nothing is drawn until it is answered.
    const adopted = copyOf(read.model);
    emulator.userEditText(severity, "2");
    const promo = adopted.painPoints.find((p) => p.id === "pp_promo_code");
    if (!promo) throw new Error("sample changed");
    promo.severity = 5;
    const steps = emulator.undo.steps;
    const asked = await ask(plugin, { type: "generate-map", model: adopted });
    expect(asked).toEqual({
      kind: "canvas-conflicts",
      nodeId: frame.id,
      conflicts: [{ label: "Pain point 'Promo code rejected at checkout': severity", canvas: "2", panel: "5" }],
    });
    expect(emulator.undo.steps).toBe(steps);
    expect(emulator.versions).toHaveLength(1);
    const canvasWins = await ask(plugin, { type: "generate-map", model: adopted, conflicts: "canvas" });
    expect(canvasWins).toMatchObject({ kind: "generated", fromCanvas: 1 });
    expect(severity.characters).toBe("2");
    emulator.userEditText(severity, "3");
    expect(await ask(plugin, { type: "generate-map", model: adopted, conflicts: "panel" })).toMatchObject({ kind: "generated" });
    expect(severity.characters).toBe("5");
    expect(emulator.versions.map((v) => v.title)).toEqual(Array(3).fill("Before Journey Mapper update"));
  });

  it("moves their layers out of a stage's cells the panel removed into a frame beside the map, clear of everything, and says how many", async () => {
    const plugin = await launchPlugin();
    const { emulator } = plugin;
    const figma = emulator.figma;
    const model = sampleJourney();
    const frame = await generate(plugin, model);
    const stage = model.stages.at(-1);
    if (!stage) throw new Error("sample changed");
    const stickers: RectangleNode[] = [];
    userActs(emulator, () => {
      for (const lane of ["lane_pain_points", "lane_actions"]) {
        const sticker = figma.createRectangle();
        sticker.name = `Sticker in ${lane}`;
        sticker.resize(120, 80);
        nodeByKey<FrameNode>(frame, `cell/${lane}/${stage.id}`).appendChild(sticker);
        stickers.push(sticker);
      }
    });
    // The panel removes the last stage and everything in it.
    const next = copyOf(model);
    next.stages = next.stages.filter((s) => s.id !== stage.id);
    for (const list of [next.touchpoints, next.notes, next.painPoints, next.opportunities, next.kpis] as { stageId: string }[][])
      list.splice(0, list.length, ...list.filter((e) => e.stageId !== stage.id));
    for (const f of next.feedback) if (f.stageId === stage.id) f.stageId = null;
    for (const f of next.feedback) if (f.touchpointId !== null && !next.touchpoints.some((t) => t.id === f.touchpointId)) f.touchpointId = null;
    for (const o of next.opportunities) if (o.painPointId !== null && !next.painPoints.some((p) => p.id === o.painPointId)) o.painPointId = null;

    const reply = await ask(plugin, { type: "generate-map", model: next });
    expect(reply).toMatchObject({ kind: "generated", movedOut: 2 });
    const holder = stickers[0]?.parent as FrameNode;
    expect(holder.name).toBe("Moved out of the map");
    expect(stickers.every((s) => s.parent === holder && !s.removed)).toBe(true);
    const overlaps = (a: SceneNode, b: SceneNode) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
    expect(overlaps(stickers[0] as SceneNode, stickers[1] as SceneNode)).toBe(false);
    // Nothing on the page under it: not the map, not the priority matrix, not the gap chart.
    expect(figma.currentPage.children.filter((n) => n !== holder && overlaps(n, holder)).map((n) => n.name)).toEqual([]);
  });
});
