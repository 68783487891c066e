/**
 * Reading back and re-scoring a FigJam map: a section of cell sections, pain points as stickies
 * whose text is the title, scores as text layers beside them, the rank as a shape with text.
 */
import { describe, expect, it } from "vitest";
import { prioritise } from "../../shared/priority";
import type { JourneyMap } from "../../shared/model";
import { matrixDots } from "../../plugin/render/priority-matrix";
import { besideFramesOn } from "../../plugin/render/beside";
import { copyOf, keyOf, nodeByKey, readMap, rescore, runCommand, textByKey, userActs, userDrag } from "./canvas-actions";
import { ask, launchPlugin, sampleJourney } from "./harness";
import type { FigmaEmulator } from "../emulator/emulator";

async function figjamMap() {
  const plugin = await launchPlugin({ editorType: "figjam" });
  const model = sampleJourney();
  const reply = await ask(plugin, { type: "generate-map", model });
  if (reply.kind !== "generated") throw new Error(reply.kind);
  const section = plugin.emulator.getNode(reply.nodeId);
  if (section?.type !== "SECTION") throw new Error(`the map is a ${section?.type}`);
  return { plugin, model, section, emulator: plugin.emulator };
}

function rankShown(section: SectionNode, id: string): string {
  const badge = nodeByKey(section, `painPoint/${id}/rank`);
  if (badge.type !== "SHAPE_WITH_TEXT") throw new Error(`the rank is a ${badge.type}`);
  return badge.text.characters;
}

/** A shape card of a FigJam map: a touchpoint, an opportunity or a KPI. */
function shapeCard(section: SectionNode, key: string): ShapeWithTextNode {
  const node = nodeByKey(section, key);
  if (node.type !== "SHAPE_WITH_TEXT") throw new Error(`${key} is a ${node.type}`);
  return node;
}

/** Types `line` under a shape card's name, in place of what was there. */
function typeUnderName(emulator: FigmaEmulator, shape: ShapeWithTextNode, line: string): void {
  const text = shape.text.characters;
  emulator.userEditText(shape, `${text.slice(0, text.indexOf("\n"))}\n${line}`);
}

describe("a FigJam map read back", () => {
  it("gives the stored model back when nobody touched it", async () => {
    const { plugin, model } = await figjamMap();
    const read = await readMap(plugin);
    expect(read.model).toEqual(model);
    expect(read.problems).toEqual([]);
  });

  it("reads a sticky's title, the scores beside it, and a sticky dragged into another stage's section", async () => {
    const { plugin, section, emulator } = await figjamMap();
    const sticky = nodeByKey(section, "painPoint/pp_promo_code");
    if (sticky.type !== "STICKY") throw new Error(`a pain point is a ${sticky.type}`);
    emulator.userEditText(sticky, "Promo codes fail silently");
    emulator.userEditText(textByKey(section, "painPoint/pp_promo_code/effort"), "★★★");
    const bad = textByKey(section, "painPoint/pp_shipping_cost/severity");
    emulator.userEditText(bad, "high");
    const target = nodeByKey(section, "cell/lane_pain_points/stage_delivery");
    if (target.type !== "SECTION") throw new Error(`a cell is a ${target.type}`);
    userDrag(emulator, nodeByKey(section, "painPoint/pp_size_guide"), target);
    const read = await readMap(plugin);
    const byId = new Map(read.model.painPoints.map((p) => [p.id, p]));
    expect(byId.get("pp_promo_code")).toMatchObject({ title: "Promo codes fail silently", effort: 3 });
    expect(byId.get("pp_size_guide")?.stageId).toBe("stage_delivery");
    expect(read.problems).toEqual([
      {
        nodeId: bad.id,
        nodeName: "Severity",
        message: "Severity on 'Shipping cost shown only at the last step': 'high' is not a number from 1 to 5 (kept 3)",
      },
    ]);
  });

  it("reads a touchpoint's channel, an opportunity's status and owner and a KPI's current / target from the line under a shape's name", async () => {
    const { plugin, section, emulator } = await figjamMap();
    typeUnderName(emulator, shapeCard(section, "touchpoint/tp_awareness_store"), "App · importance 2");
    // FigJam does not show whether a touchpoint is digital: a channel typed there keeps it.
    typeUnderName(emulator, shapeCard(section, "touchpoint/tp_checkout_email"), " PHONE ·importance 3");
    typeUnderName(emulator, shapeCard(section, "opportunity/opp_promo_messages"), "Done");
    typeUnderName(emulator, shapeCard(section, "opportunity/opp_fit_finder"), "In-progress · Fit squad");
    typeUnderName(emulator, shapeCard(section, "kpi/kpi_checkout_abandonment"), "70,5 / 60 % · off track");
    typeUnderName(emulator, shapeCard(section, "kpi/kpi_delivery_wismo"), "– / 2.5 per 100 orders");
    const read = await readMap(plugin);
    expect(read.problems).toEqual([]);
    expect(read.model.touchpoints.find((t) => t.id === "tp_awareness_store")).toMatchObject({ channel: "app", digital: false, importance: 2 });
    expect(read.model.touchpoints.find((t) => t.id === "tp_checkout_email")).toMatchObject({ channel: "phone", digital: true });
    expect(read.model.opportunities.find((o) => o.id === "opp_promo_messages")).toMatchObject({ status: "done", owner: "" });
    expect(read.model.opportunities.find((o) => o.id === "opp_fit_finder")).toMatchObject({ status: "in progress", owner: "Fit squad" });
    expect(read.model.kpis.find((k) => k.id === "kpi_checkout_abandonment")).toMatchObject({ current: 70.5, target: 60 });
    expect(read.model.kpis.find((k) => k.id === "kpi_delivery_wismo")).toMatchObject({ current: null, target: 2.5 });
    // A re-score draws the shapes from the read model, and the next read finds the same.
    const rescored = await rescore(plugin);
    expect(rescored.model).toEqual(read.model);
    expect(shapeCard(section, "touchpoint/tp_awareness_store").text.characters).toBe("Trailhead pop-up store\napp · importance 2");
    expect(shapeCard(section, "opportunity/opp_fit_finder").text.characters).toMatch(/\nin progress · Fit squad$/);
    const again = await readMap(plugin);
    expect(again.model).toEqual(read.model);
    expect(again.problems).toEqual([]);
  });

  it("reports a channel, a status or KPI values it cannot read on the shape, keeping the old value", async () => {
    const { plugin, section, emulator, model } = await figjamMap();
    const edits: [string, string, string][] = [
      ["touchpoint/tp_awareness_store", "Fax · importance 2", "Channel of touchpoint 'Trailhead pop-up store': 'fax' is not a channel (web, app, email, phone, chat, store, social, support, other) (kept store)"],
      ["opportunity/opp_fit_finder", "soon · Product content team", "Status of opportunity 'Fit finder from customers' height, weight and usual size': 'soon' is not a status (idea, planned, in progress, done, dropped) (kept idea)"],
      ["kpi/kpi_checkout_payment", "high / 97 % · off track", "Current / target of KPI 'Payment completion': 'high' is not a number (kept 95.1 / 97)"],
      ["kpi/kpi_checkout_abandonment", "74 % of 65 %", `Current / target of KPI 'Cart abandonment': '74 % of 65 %' is not "current / target" (kept 74 / 65)`],
    ];
    const shapes = edits.map(([key, line]) => {
      const shape = shapeCard(section, key);
      typeUnderName(emulator, shape, line);
      return shape;
    });
    const read = await readMap(plugin);
    expect(read.model).toEqual(model);
    expect(read.problems.map((p) => [p.nodeId, p.nodeName, p.message])).toEqual(
      expect.arrayContaining(edits.map(([, , message], i) => [shapes[i]?.id, shapes[i]?.name, message])),
    );
    expect(read.problems).toHaveLength(edits.length);
  });

  it("reads only the name of a shape whose line under it was deleted, and keeps an owner with a '·' in it whole", async () => {
    const { plugin, section, emulator, model } = await figjamMap();
    emulator.userEditText(shapeCard(section, "touchpoint/tp_awareness_store"), "Pop-up store");
    typeUnderName(emulator, shapeCard(section, "opportunity/opp_qr_returns"), "done · Care · Returns");
    const read = await readMap(plugin);
    expect(read.problems).toEqual([]);
    expect(read.model.touchpoints.find((t) => t.id === "tp_awareness_store")).toEqual({
      ...model.touchpoints.find((t) => t.id === "tp_awareness_store"),
      name: "Pop-up store",
    });
    expect(read.model.opportunities.find((o) => o.id === "opp_qr_returns")).toMatchObject({ status: "done", owner: "Care · Returns" });
  });

  it("turns a duplicated sticky into a pain point of its own, which a re-score gives its scores and rank", async () => {
    const { plugin, section, emulator } = await figjamMap();
    const copy = emulator.userDuplicate(nodeByKey(section, "painPoint/pp_tracking_stuck"));
    emulator.userEditText(copy as StickyNode, "Courier tracking link broken");
    const reply = await rescore(plugin);
    const newId = `pp_tracking_stuck_copy_${copy.id.replace(/[^A-Za-z0-9]+/g, "_")}`;
    const added = reply.model.painPoints.find((p) => p.id === newId);
    const original = reply.model.painPoints.find((p) => p.id === "pp_tracking_stuck");
    expect(added).toEqual({ ...original, id: newId, title: "Courier tracking link broken" });
    expect(keyOf(copy)).toBe(`painPoint/${newId}`);
    expect(textByKey(section, `painPoint/${newId}/severity`).characters).toBe(String(original?.severity));
    const rank = prioritise(reply.model).find((p) => p.painPointId === newId)?.rank;
    expect(rankShown(section, newId)).toBe(String(rank));
  });

  it("re-scores from the relaunch button: the rank shapes follow the edited scores", async () => {
    const { plugin, section, emulator, model } = await figjamMap();
    emulator.userEditText(textByKey(section, "painPoint/pp_review_timing/severity"), "5");
    emulator.userEditText(textByKey(section, "painPoint/pp_review_timing/frequency"), "5");
    emulator.select([section]);
    await runCommand(plugin, "rescore");
    expect(emulator.notifications.at(-1)?.error).toBe(false);
    expect(emulator.closed).toBe(true);
    emulator.relaunch({ command: "open" });
    const expected: JourneyMap = copyOf(model);
    const p = expected.painPoints.find((e) => e.id === "pp_review_timing");
    if (!p) throw new Error("sample changed");
    p.severity = 5;
    p.frequency = 5;
    for (const priority of prioritise(expected)) {
      expect(rankShown(section, priority.painPointId).replace(/\D/g, "")).toBe(String(priority.rank));
    }
    expect(keyOf(section)).toBe("map");
  });

  it("re-scores the priority matrix beside the map: the dots follow the edited scores, and nothing is drawn twice", async () => {
    const { plugin, section, emulator, model } = await figjamMap();
    const page = emulator.figma.currentPage;
    const matrix = nodeByKey(page, "matrix");
    const count = page.findAll().length;
    const dotOf = (id: string) => nodeByKey(matrix, `matrix/${id}`) as ShapeWithTextNode;
    const before = dotOf("pp_review_timing");
    const [firstBefore] = prioritise(model);
    expect(firstBefore?.painPointId).not.toBe("pp_review_timing");
    emulator.userEditText(textByKey(section, "painPoint/pp_review_timing/severity"), "5");
    emulator.userEditText(textByKey(section, "painPoint/pp_review_timing/frequency"), "5");
    emulator.userEditText(textByKey(section, "painPoint/pp_review_timing/effort"), "1");
    const reply = await rescore(plugin);
    expect(reply.reranked).toBeGreaterThan(0);
    const expected: JourneyMap = copyOf(model);
    const p = expected.painPoints.find((e) => e.id === "pp_review_timing");
    if (!p) throw new Error("sample changed");
    Object.assign(p, { severity: 5, frequency: 5, effort: 1 });
    const plot = nodeByKey(matrix, "matrix/quadrant/quick-win");
    for (const { priority, x, y } of matrixDots(prioritise(expected))) {
      const dot = dotOf(priority.painPointId);
      expect([dot.text.characters, dot.x + dot.width / 2 - plot.x, dot.y + dot.height / 2 - plot.y]).toEqual([String(priority.rank), x, y]);
    }
    expect(dotOf("pp_review_timing")).toBe(before);
    expect(before.text.characters).toBe("1");
    expect(page.findAll().length).toBe(count);
  });

  it("takes nothing in the priority matrix or the gap chart for a card", async () => {
    const { plugin, model, emulator } = await figjamMap();
    const page = emulator.figma.currentPage;
    const dot = nodeByKey(page, "matrix/pp_promo_code") as ShapeWithTextNode;
    emulator.userEditText(dot, "42");
    emulator.userEditText(textByKey(page, `gapChart/${model.stages[0]?.id}/name`), "Renamed");
    userDrag(emulator, nodeByKey(page, "matrix/pp_size_guide"), nodeByKey(page, "gapChart") as SectionNode);
    const read = await readMap(plugin);
    expect(read.model).toEqual(model);
    expect(read.problems).toEqual([]);
  });
});

describe("a FigJam board with a duplicated page", () => {
  it("makes the copied map a map of its own, with the matrix and gap chart copied beside it", async () => {
    const plugin = await launchPlugin({ editorType: "figjam", pages: ["Board", "Copy"] });
    const { emulator } = plugin;
    const [board, other] = emulator.figma.root.children;
    if (!board || !other) throw new Error("no pages");
    const model = sampleJourney();
    const reply = await ask(plugin, { type: "generate-map", model });
    if (reply.kind !== "generated") throw new Error(reply.kind);
    const original = emulator.getNode(reply.nodeId);
    if (original?.type !== "SECTION") throw new Error("no map section");
    const copies = [original, ...besideFramesOn(board, model.id)].map((node) => emulator.userDuplicate(node));
    expect(copies).toHaveLength(3);
    emulator.userSetCurrentPage(other);
    userActs(emulator, () => {
      for (const node of copies) other.appendChild(node);
    });
    emulator.select([copies[0] as SectionNode]);
    const rescored = await rescore(plugin);
    expect(rescored.model.id).not.toBe(model.id);
    // The copied sections beside it are the copy's now: re-scoring updated them, and drew no others.
    expect(besideFramesOn(other, rescored.model.id).map((s) => s.id).sort()).toEqual(copies.slice(1).map((s) => s.id).sort());
    expect(other.children).toHaveLength(3);
    expect(besideFramesOn(board, model.id)).toHaveLength(2);
  });

  it("keeps a sticky's title, a score and a stage name typed on the board when the panel updates the map, after saving a version", async () => {
    const { plugin, model, section, emulator } = await figjamMap();
    const sticky = nodeByKey(section, "painPoint/pp_promo_code");
    const stage = nodeByKey(section, "stage/stage_checkout");
    if (sticky.type !== "STICKY" || stage.type !== "SHAPE_WITH_TEXT") throw new Error("the FigJam map changed");
    emulator.userEditText(sticky, "Promo codes fail silently");
    emulator.userEditText(textByKey(section, "painPoint/pp_promo_code/severity"), "1");
    emulator.userEditText(stage, "Pay");
    // The panel still has the model it drew, with an edit of its own.
    const panel = copyOf(model);
    panel.title = "Northwind journey, revised";
    const reply = await ask(plugin, { type: "generate-map", model: panel });
    expect(reply).toMatchObject({ kind: "generated", nodeId: section.id, fromCanvas: 3 });
    expect(emulator.versions.map((v) => v.title)).toEqual(["Before Journey Mapper update"]);
    expect(sticky.text.characters).toBe("Promo codes fail silently");
    expect(stage.text.characters).toBe("Pay");
    const read = await readMap(plugin);
    expect(read.problems).toEqual([]);
    expect(read.model.title).toBe("Northwind journey, revised");
    expect(read.model.painPoints.find((p) => p.id === "pp_promo_code")).toMatchObject({ title: "Promo codes fail silently", severity: 1 });
    expect(read.model.stages.find((s) => s.id === "stage_checkout")?.name).toBe("Pay");
  });

  it("keeps a channel, a status and KPI values typed on the board when the panel updates the map", async () => {
    const { plugin, model, section, emulator } = await figjamMap();
    typeUnderName(emulator, shapeCard(section, "touchpoint/tp_awareness_store"), "app · importance 2");
    typeUnderName(emulator, shapeCard(section, "opportunity/opp_delivery_slots"), "planned · Logistics & carriers");
    typeUnderName(emulator, shapeCard(section, "kpi/kpi_advocacy_nps"), "43 / 45 points · off track");
    const panel = copyOf(model);
    panel.title = "Northwind journey, revised";
    const reply = await ask(plugin, { type: "generate-map", model: panel });
    expect(reply).toMatchObject({ kind: "generated", nodeId: section.id, fromCanvas: 3 });
    const read = await readMap(plugin);
    expect(read.problems).toEqual([]);
    expect(read.model.title).toBe("Northwind journey, revised");
    expect(read.model.touchpoints.find((t) => t.id === "tp_awareness_store")?.channel).toBe("app");
    expect(read.model.opportunities.find((o) => o.id === "opp_delivery_slots")?.status).toBe("planned");
    expect(read.model.kpis.find((k) => k.id === "kpi_advocacy_nps")?.current).toBe(43);
  });

  it("moves a person's sticky out of the cells of a stage the panel removed into a section \"Moved out of the map\", clear of everything", async () => {
    const { plugin, model, section, emulator } = await figjamMap();
    const figma = emulator.figma;
    const stage = model.stages.at(-1);
    if (!stage) throw new Error("sample changed");
    const cell = nodeByKey<SectionNode>(section, `cell/lane_pain_points/${stage.id}`);
    await figma.loadFontAsync({ family: "Inter", style: "Medium" });
    let sticky: StickyNode | null = null;
    userActs(emulator, () => {
      sticky = figma.createSticky();
      sticky.text.characters = "Ask legal about this";
      cell.appendChild(sticky);
    });
    const next = copyOf(model);
    next.stages = next.stages.filter((s) => s.id !== stage.id);
    for (const list of [next.touchpoints, next.notes, next.painPoints, next.opportunities, next.kpis] as { stageId: string }[][])
      list.splice(0, list.length, ...list.filter((e) => e.stageId !== stage.id));
    for (const f of next.feedback) if (f.stageId === stage.id) f.stageId = null;
    for (const f of next.feedback) if (f.touchpointId !== null && !next.touchpoints.some((t) => t.id === f.touchpointId)) f.touchpointId = null;
    for (const o of next.opportunities) if (o.painPointId !== null && !next.painPoints.some((p) => p.id === o.painPointId)) o.painPointId = null;
    expect(await ask(plugin, { type: "generate-map", model: next })).toMatchObject({ kind: "generated", movedOut: 1 });
    const kept = sticky as StickyNode | null;
    const holder = kept?.parent as SectionNode;
    expect(holder.type).toBe("SECTION");
    expect(holder.name).toBe("Moved out of the map");
    expect(kept?.text.characters).toBe("Ask legal about this");
    const overlaps = (a: SceneNode, b: SceneNode) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
    expect(figma.currentPage.children.filter((n) => n !== holder && overlaps(n, holder)).map((n) => n.name)).toEqual([]);
  });
});
