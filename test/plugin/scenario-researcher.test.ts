/**
 * Scenario, UX researcher: "edit severity / frequency / effort numbers right on the cards, run
 * Re-score, and ranks, colours and the priority matrix update; a bad edit is reported with the
 * card it sits on, never silently ignored".
 *
 * The expected ranks are computed independently: the expected model is written out by hand from
 * the edits, and ranked with shared/priority.ts.
 */
import { describe, expect, it } from "vitest";
import { NAMESPACE } from "../../plugin/plugin-data";
import { prioritise } from "../../shared/priority";
import { copyOf, generate, keyOf, nodeByKey, nodesByKey, readMap, rescore, textByKey, userDrag } from "./canvas-actions";
import { ask, launchPlugin, sampleJourney } from "./harness";

describe("scenario: a researcher re-scores pain points on the canvas", () => {
  it("re-ranks, recolours and re-plots after score edits, a drag, a duplicate and a deletion, and reports the bad value", async () => {
    const plugin = await launchPlugin();
    const { emulator } = plugin;
    const page = emulator.figma.currentPage;
    const model = sampleJourney();
    const frame = await generate(plugin, model);

    // Three scores edited on the cards, one of them not a number.
    emulator.userEditText(textByKey(frame, "painPoint/pp_review_timing/severity"), "5");
    emulator.userEditText(textByKey(frame, "painPoint/pp_loyalty_points/effort"), "★★");
    const bad = textByKey(frame, "painPoint/pp_shipping_cost/severity");
    emulator.userEditText(bad, "high");
    // A card dragged to another stage.
    userDrag(emulator, nodeByKey(frame, "painPoint/pp_size_guide"), nodeByKey<FrameNode>(frame, "cell/lane_pain_points/stage_checkout"));
    // A card duplicated, and the copy retitled.
    const copy = emulator.userDuplicate(nodeByKey(frame, "painPoint/pp_delivery_window"));
    emulator.userEditText(textByKey(copy, "painPoint/pp_delivery_window/title"), "Delivery slots full at peak times");
    // A card deleted.
    emulator.userDelete(nodeByKey(frame, "painPoint/pp_returns_label"));

    const steps = emulator.undo.steps;
    const reply = await rescore(plugin);

    // The model the researcher meant, written out by hand.
    const expected = copyOf(model);
    const pain = (id: string) => {
      const p = expected.painPoints.find((e) => e.id === id);
      if (!p) throw new Error(`sample changed: ${id}`);
      return p;
    };
    pain("pp_review_timing").severity = 5;
    pain("pp_loyalty_points").effort = 2;
    pain("pp_size_guide").stageId = "stage_checkout";
    const copyId = `pp_delivery_window_copy_${copy.id.replace(/[^A-Za-z0-9]+/g, "_")}`;
    const delivery = pain("pp_delivery_window");
    const duplicate = { ...(JSON.parse(JSON.stringify(delivery)) as typeof delivery), id: copyId, title: "Delivery slots full at peak times" };
    expected.painPoints.splice(expected.painPoints.indexOf(delivery) + 1, 0, duplicate);
    expected.painPoints = expected.painPoints.filter((p) => p.id !== "pp_returns_label");
    for (const o of expected.opportunities) if (o.painPointId === "pp_returns_label") o.painPointId = null;
    expect(reply.model).toEqual(expected);

    // Ranks on the badges and on the matrix are those of the expected model.
    const priorities = prioritise(expected);
    for (const p of priorities) {
      expect(textByKey(frame, `painPoint/${p.painPointId}/rank/text`).characters.replace(/\D/g, "")).toBe(String(p.rank));
      const dot = nodeByKey(page, `matrix/${p.painPointId}`);
      const texts = [dot, ...("findAll" in dot ? dot.findAll(() => true) : [])].filter((n): n is TextNode => n.type === "TEXT");
      expect(texts.some((t) => t.characters.replace(/\D/g, "") === String(p.rank))).toBe(true);
    }
    // The deleted card has no dot left; the copy has one.
    expect(nodesByKey(page, "matrix/pp_returns_label")).toEqual([]);
    // Cards in the same quadrant share a colour.
    const fillByQuadrant = new Map<string, string>();
    for (const p of priorities) {
      const fill = JSON.stringify((nodeByKey(frame, `painPoint/${p.painPointId}`) as FrameNode).fills);
      const seen = fillByQuadrant.get(p.quadrant);
      if (seen === undefined) fillByQuadrant.set(p.quadrant, fill);
      else expect(fill).toBe(seen);
    }
    expect(new Set(fillByQuadrant.values()).size).toBe(fillByQuadrant.size);
    // The copy is its own card now; the dragged card stays where it was dropped.
    expect(keyOf(copy)).toBe(`painPoint/${copyId}`);
    expect(copy.getSharedPluginData(NAMESPACE, "entity")).toBe(copyId);
    expect(keyOf(nodeByKey(frame, "painPoint/pp_size_guide").parent as BaseNode)).toBe("cell/lane_pain_points/stage_checkout");

    // The report: the bad value with its node, and the deletion.
    expect(reply.problems).toContainEqual({
      nodeId: bad.id,
      nodeName: "Severity",
      message: "Severity on 'Shipping cost shown only at the last step': 'high' is not a number from 1 to 5 (kept 3)",
    });
    expect(reply.problems.map((p) => p.message)).toContain(
      "Pain point 'Returns label has to be printed' was deleted from the canvas, so it was removed from the map",
    );
    expect(reply.problems).toHaveLength(2);
    const before = new Map(prioritise(model).map((p) => [p.painPointId, p.rank]));
    const reranked = priorities.filter((p) => before.has(p.painPointId) && before.get(p.painPointId) !== p.rank).length;
    expect(reply.reranked).toBe(reranked);
    const quadrants = new Map(prioritise(model).map((p) => [p.painPointId, p.quadrant]));
    const requadranted = priorities.filter((p) => quadrants.has(p.painPointId) && quadrants.get(p.painPointId) !== p.quadrant).length;
    expect(reply.summary).toBe(
      `${reranked} pain points re-ranked, 1 card deleted, 1 value could not be read: Severity on 'Shipping cost shown only at the last step', ` +
        `${requadranted} changed quadrant, 1 duplicated, 1 moved`,
    );
    expect(bad.characters).toBe("3");

    // One undo step for the whole re-score.
    expect(emulator.undo.steps - steps).toBe(1);
  });

  it("saves a version before re-scoring, and what they typed on cards survives the panel's next Update map", async () => {
    const plugin = await launchPlugin();
    const { emulator } = plugin;
    const model = sampleJourney();
    const frame = await generate(plugin, model);
    expect(emulator.versions).toEqual([]);

    // Scores, a stage name, a KPI's current value, an opportunity's status and a channel, typed on the canvas.
    emulator.userEditText(textByKey(frame, "painPoint/pp_review_timing/severity"), "1");
    emulator.userEditText(textByKey(frame, "stage/stage_retention/name"), "Keep");
    emulator.userEditText(textByKey(frame, "kpi/kpi_checkout_payment/values"), "96 / 97 %");
    emulator.userEditText(textByKey(frame, "opportunity/opp_fit_finder/status/text"), "planned");
    emulator.userEditText(textByKey(frame, "touchpoint/tp_awareness_store/channel/text"), "Social");
    emulator.stats.resetWrites();
    const reply = await rescore(plugin);
    expect(emulator.versions).toEqual([expect.objectContaining({ title: "Before Journey Mapper update", writtenNodeIds: [] })]);
    expect(reply.model.painPoints.find((p) => p.id === "pp_review_timing")?.severity).toBe(1);

    // More typed on the canvas after the re-score; then the panel, still on the model it had, updates the map.
    emulator.userEditText(textByKey(frame, "painPoint/pp_loyalty_points/frequency"), "5");
    const update = await ask(plugin, { type: "generate-map", model: copyOf(reply.model) });
    expect(update).toMatchObject({ kind: "generated", fromCanvas: 1 });
    const read = await readMap(plugin);
    expect(read.problems).toEqual([]);
    expect(read.model.painPoints.find((p) => p.id === "pp_review_timing")?.severity).toBe(1);
    expect(read.model.painPoints.find((p) => p.id === "pp_loyalty_points")?.frequency).toBe(5);
    expect(read.model.stages.find((s) => s.id === "stage_retention")?.name).toBe("Keep");
    expect(read.model.kpis.find((k) => k.id === "kpi_checkout_payment")?.current).toBe(96);
    expect(read.model.opportunities.find((o) => o.id === "opp_fit_finder")?.status).toBe("planned");
    expect(read.model.touchpoints.find((t) => t.id === "tp_awareness_store")).toMatchObject({ channel: "social", digital: false });
    expect(textByKey(frame, "painPoint/pp_loyalty_points/frequency").characters).toBe("5");
    expect(emulator.versions).toHaveLength(2);
  });
});
