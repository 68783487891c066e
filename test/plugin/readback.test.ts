/**
 * Reading a map frame back through the panel's "read-map" request, after people edited the map
 * on the canvas: texts and scores, cards dragged, deleted and duplicated, a duplicated map frame.
 */
import { describe, expect, it } from "vitest";
import { NAMESPACE } from "../../plugin/plugin-data";
import { parseJourneyMap } from "../../shared/model";
import { askFailure, copyOf, generate, keyOf, mapFrames, nodeByKey, nodesByKey, readMap, rescore, textByKey, userActs, userDrag } from "./canvas-actions";
import { launchPlugin, sampleJourney } from "./harness";

async function mapOnCanvas() {
  const plugin = await launchPlugin();
  const model = sampleJourney();
  const frame = await generate(plugin, model);
  return { plugin, model, frame, emulator: plugin.emulator };
}

describe("reading a map back", () => {
  it("gives the stored model back, with no problems, when nobody touched the canvas", async () => {
    const { plugin, model } = await mapOnCanvas();
    const read = await readMap(plugin);
    expect(read.model).toEqual(model);
    expect(read.problems).toEqual([]);
  });

  it("reads edited titles, note texts and touchpoint names", async () => {
    const { plugin, frame, emulator, model } = await mapOnCanvas();
    const note = model.notes[0];
    const touchpoint = model.touchpoints[0];
    if (!note || !touchpoint) throw new Error("sample changed");
    emulator.userEditText(textByKey(frame, "painPoint/pp_promo_code/title"), "Promo codes fail without a reason");
    emulator.userEditText(textByKey(frame, `note/${note.id}/text`), "Compares three shops first");
    emulator.userEditText(textByKey(frame, `touchpoint/${touchpoint.id}/name`), "TikTok ads");
    const read = await readMap(plugin);
    expect(read.model.painPoints.find((p) => p.id === "pp_promo_code")?.title).toBe("Promo codes fail without a reason");
    expect(read.model.notes[0]?.text).toBe("Compares three shops first");
    expect(read.model.touchpoints[0]?.name).toBe("TikTok ads");
    expect(read.problems).toEqual([]);
  });

  it("reads scores typed as ' 4 ', '4/5' and '★★★★', and reports one it cannot read with its node, keeping the old value", async () => {
    const { plugin, frame, emulator } = await mapOnCanvas();
    emulator.userEditText(textByKey(frame, "painPoint/pp_shipping_cost/severity"), " 4 ");
    emulator.userEditText(textByKey(frame, "painPoint/pp_shipping_cost/effort"), "4/5");
    emulator.userEditText(textByKey(frame, "painPoint/pp_size_guide/frequency"), "★★");
    const bad = textByKey(frame, "painPoint/pp_promo_code/severity");
    emulator.userEditText(bad, "high");
    const read = await readMap(plugin);
    const byId = new Map(read.model.painPoints.map((p) => [p.id, p]));
    expect(byId.get("pp_shipping_cost")).toMatchObject({ severity: 4, effort: 4 });
    expect(byId.get("pp_size_guide")?.frequency).toBe(2);
    expect(byId.get("pp_promo_code")?.severity).toBe(4);
    expect(read.problems).toEqual([
      {
        nodeId: bad.id,
        nodeName: "Severity",
        message: "Severity on 'Promo code rejected at checkout': 'high' is not a number from 1 to 5 (kept 4)",
      },
    ]);
  });

  it("reads a stage's name, a KPI's current / target, an opportunity's status and owner and a touchpoint's channel", async () => {
    const { plugin, frame, emulator } = await mapOnCanvas();
    emulator.userEditText(textByKey(frame, "stage/stage_checkout/name"), " Pay ");
    emulator.userEditText(textByKey(frame, "kpi/kpi_checkout_abandonment/values"), "70,5 / 60 %");
    // Only the side a person changed is read: 95.1 is drawn as 95.1, 97 as 97 — the target is typed anew.
    emulator.userEditText(textByKey(frame, "kpi/kpi_checkout_payment/values"), "95.1 / 98.5");
    emulator.userEditText(textByKey(frame, "opportunity/opp_promo_messages/status/text"), "Done");
    emulator.userEditText(textByKey(frame, "opportunity/opp_shipping_upfront/owner"), "Payments team");
    emulator.userEditText(textByKey(frame, "touchpoint/tp_awareness_store/channel/text"), "App · digital");
    emulator.userEditText(textByKey(frame, "touchpoint/tp_awareness_social/channel/text"), "social");
    const read = await readMap(plugin);
    expect(read.problems).toEqual([]);
    expect(read.model.stages.find((s) => s.id === "stage_checkout")?.name).toBe("Pay");
    expect(read.model.kpis.find((k) => k.id === "kpi_checkout_abandonment")).toMatchObject({ current: 70.5, target: 60 });
    expect(read.model.kpis.find((k) => k.id === "kpi_checkout_payment")).toMatchObject({ current: 95.1, target: 98.5 });
    expect(read.model.opportunities.find((o) => o.id === "opp_promo_messages")?.status).toBe("done");
    expect(read.model.opportunities.find((o) => o.id === "opp_shipping_upfront")?.owner).toBe("Payments team");
    expect(read.model.touchpoints.find((t) => t.id === "tp_awareness_store")).toMatchObject({ channel: "app", digital: true });
    expect(read.model.touchpoints.find((t) => t.id === "tp_awareness_social")).toMatchObject({ channel: "social", digital: false });
    // The stage stays renamed after re-score, which draws the map from the read model.
    await rescore(plugin);
    expect(textByKey(frame, "stage/stage_checkout/name").characters).toBe("Pay");
    expect((await readMap(plugin)).model.stages.find((s) => s.id === "stage_checkout")?.name).toBe("Pay");
  });

  it("reports a stage name, KPI values, a status or a channel it cannot read with its layer, keeping the old value", async () => {
    const { plugin, frame, emulator, model } = await mapOnCanvas();
    const edits: [TextNode, string, string][] = [
      [textByKey(frame, "stage/stage_checkout/name"), "  ", "Name of stage 'Checkout': the text is empty (kept the old name)"],
      [textByKey(frame, "kpi/kpi_checkout_payment/values"), "high / 97 %", `Current / target of KPI 'Payment completion': 'high' is not a number (kept 95.1 / 97)`],
      [textByKey(frame, "kpi/kpi_checkout_abandonment/values"), "74 % of 65 %", `Current / target of KPI 'Cart abandonment': '74 % of 65 %' is not "current / target" (kept 74 / 65)`],
      [textByKey(frame, "opportunity/opp_fit_finder/status/text"), "soon", "Status of opportunity 'Fit finder from customers' height, weight and usual size': 'soon' is not a status (idea, planned, in progress, done, dropped) (kept idea)"],
      [textByKey(frame, "touchpoint/tp_awareness_store/channel/text"), "Fax", "Channel of touchpoint 'Trailhead pop-up store': 'fax' is not a channel (web, app, email, phone, chat, store, social, support, other) (kept store)"],
    ];
    for (const [text, typed] of edits) emulator.userEditText(text, typed);
    const read = await readMap(plugin);
    expect(read.model).toEqual(model);
    expect(read.problems.map((p) => [p.nodeId, p.message])).toEqual(expect.arrayContaining(edits.map(([text, , message]) => [text.id, message])));
    expect(read.problems).toHaveLength(edits.length);
  });

  it.each([["7"], [""], ["🔥"], ["very"]])("reports %j on a score and keeps the old value", async (typed) => {
    const { plugin, frame, emulator } = await mapOnCanvas();
    const effort = textByKey(frame, "painPoint/pp_delivery_window/effort");
    emulator.userEditText(effort, typed);
    const read = await readMap(plugin);
    expect(read.model.painPoints.find((p) => p.id === "pp_delivery_window")?.effort).toBe(4);
    expect(read.problems).toHaveLength(1);
    expect(read.problems[0]).toMatchObject({ nodeId: effort.id, nodeName: "Effort" });
    expect(read.problems[0]?.message).toMatch(/^Effort on 'No delivery window, parcels missed': .* \(kept 4\)$/);
  });

  it("still reads locked and hidden cards", async () => {
    const { plugin, frame, emulator } = await mapOnCanvas();
    const card = nodeByKey<FrameNode>(frame, "painPoint/pp_promo_code");
    const severity = textByKey(frame, "painPoint/pp_promo_code/severity");
    emulator.userEditText(severity, "2");
    userActs(emulator, () => {
      card.locked = true;
      severity.visible = false;
    });
    const read = await readMap(plugin);
    expect(read.model.painPoints.find((p) => p.id === "pp_promo_code")?.severity).toBe(2);
  });

  it("moves a card dragged into another stage's cell to that stage", async () => {
    const { plugin, frame, emulator } = await mapOnCanvas();
    const card = nodeByKey(frame, "painPoint/pp_promo_code");
    userDrag(emulator, card, nodeByKey<FrameNode>(frame, "cell/lane_pain_points/stage_delivery"));
    const read = await readMap(plugin);
    expect(read.model.painPoints.find((p) => p.id === "pp_promo_code")?.stageId).toBe("stage_delivery");
    expect(read.problems).toEqual([]);
  });

  it("removes a deleted card from the model and reports it, never silently", async () => {
    const { plugin, frame, emulator } = await mapOnCanvas();
    emulator.userDelete(nodeByKey(frame, "painPoint/pp_size_guide"));
    const read = await readMap(plugin);
    expect(read.model.painPoints.map((p) => p.id)).not.toContain("pp_size_guide");
    expect(read.model.opportunities.find((o) => o.painPointId === "pp_size_guide")).toBeUndefined();
    const cell = nodeByKey(frame, "cell/lane_pain_points/stage_consideration");
    expect(read.problems).toEqual([
      {
        nodeId: cell.id,
        nodeName: cell.name,
        message: "Pain point 'Size guide doesn't match the real fit' was deleted from the canvas, so it was removed from the map",
      },
    ]);
  });

  it("turns a duplicated card into a new entity, and re-tags the duplicate so that the next read agrees", async () => {
    const { plugin, frame, emulator, model } = await mapOnCanvas();
    const original = nodeByKey(frame, "painPoint/pp_tracking_stuck");
    const copy = emulator.userDuplicate(original);
    emulator.userEditText(textByKey(copy, "painPoint/pp_tracking_stuck/title"), "Tracking page shows no courier");
    const first = await readMap(plugin);
    const newId = `pp_tracking_stuck_copy_${copy.id.replace(/[^A-Za-z0-9]+/g, "_")}`;
    expect(first.model.painPoints.map((p) => p.id)).toEqual(
      model.painPoints.flatMap((p) => (p.id === "pp_tracking_stuck" ? [p.id, newId] : [p.id])),
    );
    expect(first.model.painPoints.find((p) => p.id === newId)?.title).toBe("Tracking page shows no courier");
    expect(first.model.painPoints.find((p) => p.id === "pp_tracking_stuck")?.title).toBe('Tracking stuck on "label created"');
    // The duplicate's nodes now show the new entity; the original's are untouched.
    expect(keyOf(copy)).toBe(`painPoint/${newId}`);
    expect(copy.getSharedPluginData(NAMESPACE, "entity")).toBe(newId);
    expect(nodesByKey(copy, `painPoint/${newId}/title`)).toHaveLength(1);
    expect(keyOf(original)).toBe("painPoint/pp_tracking_stuck");
    const second = await readMap(plugin);
    expect(second.model).toEqual(first.model);
    expect(second.problems).toEqual([]);
  });

  it("gives a duplicated map frame a new map id and re-tags its nodes; the original keeps its id", async () => {
    const { plugin, frame, emulator, model } = await mapOnCanvas();
    const copy = emulator.userDuplicate(frame);
    emulator.select([copy]);
    const read = await readMap(plugin);
    expect(read.nodeId).toBe(copy.id);
    expect(read.model.id).not.toBe(model.id);
    expect(parseJourneyMap(read.model).ok).toBe(true);
    const tagged = copy.findAll((n) => n.getSharedPluginData(NAMESPACE, "mapId") !== "");
    expect(new Set(tagged.map((n) => n.getSharedPluginData(NAMESPACE, "mapId")))).toEqual(new Set([read.model.id]));
    expect(copy.getSharedPluginData(NAMESPACE, "mapId")).toBe(read.model.id);

    emulator.select([frame]);
    expect((await readMap(plugin)).model.id).toBe(model.id);

    // Each frame is now updated by its own model.
    const changed = copyOf(read.model);
    changed.title = "Northwind — copy";
    await generate(plugin, changed);
    expect(copy.name).toBe("Journey map — Northwind — copy");
    expect(frame.name).toBe(`Journey map — ${model.title}`);
    expect(mapFrames(emulator.figma)).toHaveLength(2);
  });

  it("reports a card of an entity the stored model does not know, and keeps it on the canvas as the person's layer", async () => {
    const { plugin, frame, emulator, model } = await mapOnCanvas();
    // A card pasted from another version of this map: same map id, an entity this model lacks.
    const pasted = emulator.userDuplicate(nodeByKey(frame, "painPoint/pp_promo_code"));
    userActs(emulator, () => {
      for (const node of [pasted, ...(pasted as FrameNode).findAll(() => true)]) {
        const key = keyOf(node);
        if (key !== "") node.setSharedPluginData(NAMESPACE, "key", key.replace("pp_promo_code", "pp_from_elsewhere"));
        if (node.getSharedPluginData(NAMESPACE, "entity") === "pp_promo_code") node.setSharedPluginData(NAMESPACE, "entity", "pp_from_elsewhere");
      }
    });
    const reply = await rescore(plugin);
    expect(reply.model).toEqual(model);
    expect(reply.problems).toEqual([
      {
        nodeId: pasted.id,
        nodeName: pasted.name,
        message: `Pain point card "${pasted.name}" (painPoint/pp_from_elsewhere) is not in the map stored on this frame, so it was not read: it stays on the canvas as your own layer`,
      },
    ]);
    expect(pasted.removed).toBe(false);
    expect(keyOf(pasted)).toBe("");
    // Later generations leave it alone, and reading no longer mentions it.
    await generate(plugin, model);
    expect(pasted.removed).toBe(false);
    expect((await readMap(plugin)).problems).toEqual([]);
  });

  it("ignores what a person added inside a card or a cell", async () => {
    const { plugin, frame, emulator, model } = await mapOnCanvas();
    userActs(emulator, () => {
      const sticky = emulator.figma.createRectangle();
      sticky.name = "My note";
      nodeByKey<FrameNode>(frame, "cell/lane_pain_points/stage_checkout").appendChild(sticky);
      const label = emulator.figma.createText();
      nodeByKey<FrameNode>(frame, "painPoint/pp_promo_code").appendChild(label);
    });
    const read = await readMap(plugin);
    expect(read.model).toEqual(model);
    expect(read.problems).toEqual([]);
  });

  it("tells the panel which map the selection belongs to, with what people changed on it", async () => {
    const { frame, emulator } = await mapOnCanvas();
    emulator.panel.postMessage({ type: "panel-ready" });
    await emulator.settle();
    emulator.userEditText(textByKey(frame, "painPoint/pp_promo_code/severity"), "2");
    emulator.select([textByKey(frame, "painPoint/pp_promo_code/severity")]);
    await emulator.settle();
    const last = emulator.panel.received.filter((m) => (m as { type: string }).type === "selection").at(-1) as {
      map: { nodeId: string; model: { painPoints: { id: string; severity: number }[] } } | null;
    };
    expect(last.map?.nodeId).toBe(frame.id);
    expect(last.map?.model.painPoints.find((p) => p.id === "pp_promo_code")?.severity).toBe(2);
    emulator.select([]);
    await emulator.settle();
    expect(emulator.panel.received.at(-1)).toEqual({ type: "selection", map: null });
  });

  it("answers in words when there is no map, or several maps and none selected", async () => {
    const plugin = await launchPlugin();
    expect(await askFailure(plugin, { type: "read-map" })).toBe("There is no journey map on this page. Generate one first.");
    const model = sampleJourney();
    await generate(plugin, model);
    await generate(plugin, { ...copyOf(model), id: "map_second", title: "Second" });
    plugin.emulator.select([]);
    expect(await askFailure(plugin, { type: "read-map" })).toBe("There are 2 journey maps on this page: select the one you mean.");
  });
});
