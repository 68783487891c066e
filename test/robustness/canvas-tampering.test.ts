/**
 * Tampered canvases (issue 6, test/fixtures/canvas/README.md): whatever a person does to a map on
 * the canvas, reading it back and re-scoring give a specific error in words or a correct partial
 * result: never a crash, and never an entity that leaves the model without a problem naming it.
 */
import { afterEach, describe, expect, it } from "vitest";
import { enclosingMapFrame } from "../../plugin/maps";
import { besideFramesOn } from "../../plugin/render/beside";
import { NAMESPACE } from "../../plugin/plugin-data";
import type { JourneyMap } from "../../shared/model";
import { prioritise } from "../../shared/priority";
import { expectEveryLossNamed, expectValidModel } from "../fixtures/canvas/expectations";
import {
  askFailure,
  copyOf,
  generate,
  keyOf,
  mapFrames,
  nodeByKey,
  nodesByKey,
  readMap,
  rescore,
  runCommand,
  textByKey,
  userActs,
  userDrag,
} from "../plugin/canvas-actions";
import { ask, launchPlugin, sampleJourney, type PluginUnderTest } from "../plugin/harness";

let running: PluginUnderTest | null = null;

async function mapOnCanvas(model: JourneyMap = sampleJourney()) {
  const plugin = await launchPlugin();
  running = plugin;
  const frame = await generate(plugin, model);
  return { plugin, model, frame, emulator: plugin.emulator, page: plugin.emulator.figma.currentPage };
}

// Never a crash: no handler error escaped, and the panel refused no message from the plugin.
afterEach(() => {
  if (running === null) return;
  expect(running.emulator.uncaughtErrors).toEqual([]);
  expect(running.refused).toEqual([]);
  running = null;
});

/** Plugin-made nodes under `root` whose key matches, with their role. */
function nodesWhere(root: FrameNode, test: (key: string, role: string) => boolean): SceneNode[] {
  return root.findAll((n) => test(keyOf(n), n.getSharedPluginData(NAMESPACE, "role")));
}

function ranksOf(model: JourneyMap): Map<string, number> {
  return new Map(prioritise(model).map((p) => [p.painPointId, p.rank]));
}

function rankShown(root: SceneNode | PageNode, id: string): string {
  return textByKey(root, `painPoint/${id}/rank/text`).characters.replace(/\D/g, "");
}

/** The one text with this key that belongs to `map` itself, not to a map pasted inside it. */
function ownText(map: FrameNode, key: string): TextNode {
  const found = nodesByKey(map, key).filter((n) => enclosingMapFrame(n) === map);
  expect(found).toHaveLength(1);
  return found[0] as TextNode;
}

/** The frames beside a map on the page, by map id. */
function matrixOf(page: PageNode, mapId: string): FrameNode {
  const matrices = page.children.filter(
    (n) => n.getSharedPluginData(NAMESPACE, "role") === "matrix" && n.getSharedPluginData(NAMESPACE, "mapId") === mapId,
  );
  expect(matrices).toHaveLength(1);
  return matrices[0] as FrameNode;
}

/** The rank label of a pain point's dot on a priority matrix. */
function matrixRank(matrix: FrameNode, id: string): string {
  const dot = nodeByKey(matrix, `matrix/${id}`);
  const texts = [dot, ...("findAll" in dot ? dot.findAll(() => true) : [])].filter((n): n is TextNode => n.type === "TEXT");
  return texts.map((t) => t.characters.replace(/\D/g, "")).join("");
}

describe("the header deleted", () => {
  it("reads the whole model, says the header is gone, and re-score draws it again", async () => {
    const { plugin, frame, emulator, model } = await mapOnCanvas();
    emulator.userDelete(nodeByKey(frame, "header"));
    const read = await readMap(plugin);
    expect(read.model).toEqual(model);
    expect(read.problems).toEqual([
      {
        nodeId: frame.id,
        nodeName: frame.name,
        message:
          "The map's header was deleted from the canvas: the title, scope and personas stay in the map, and the next generation or re-score draws it again",
      },
    ]);
    const reply = await rescore(plugin);
    expect(reply.model).toEqual(model);
    expect(textByKey(frame, "header/title").characters).toBe(model.title);
    expect((await readMap(plugin)).problems).toEqual([]);
  });
});

describe("a whole stage column deleted (its header and every cell)", () => {
  const STAGE = "stage_checkout";

  /** The sample without the checkout stage's cards, references to them cleared: written out by hand. */
  function withoutCheckoutCards(model: JourneyMap): JourneyMap {
    const next = copyOf(model);
    const gone = (e: { stageId: string }) => e.stageId !== STAGE;
    const removedTouchpoints = new Map(next.touchpoints.filter((t) => !gone(t)).map((t) => [t.id, t.stageId]));
    const removedPainPoints = new Set(next.painPoints.filter((p) => !gone(p)).map((p) => p.id));
    next.notes = next.notes.filter(gone);
    next.touchpoints = next.touchpoints.filter(gone);
    next.painPoints = next.painPoints.filter(gone);
    next.opportunities = next.opportunities.filter(gone);
    next.kpis = next.kpis.filter(gone);
    for (const o of next.opportunities) if (o.painPointId !== null && removedPainPoints.has(o.painPointId)) o.painPointId = null;
    for (const p of next.painPoints) if (p.touchpointId !== null && removedTouchpoints.has(p.touchpointId)) p.touchpointId = null;
    for (const f of next.feedback) {
      const stage = f.touchpointId === null ? undefined : removedTouchpoints.get(f.touchpointId);
      if (stage === undefined) continue;
      f.touchpointId = null;
      f.stageId ??= stage;
    }
    return next;
  }

  it("keeps the stage and its feedback, removes its cards naming each one, and says the column is gone", async () => {
    const { plugin, frame, emulator, model } = await mapOnCanvas();
    emulator.userDelete(nodeByKey(frame, `stage/${STAGE}`));
    for (const cell of nodesWhere(frame, (key, role) => role === "cell" && key.endsWith(`/${STAGE}`))) emulator.userDelete(cell);

    const read = await readMap(plugin);
    const expected = withoutCheckoutCards(model);
    expect(read.model).toEqual(expected);
    expect(read.model.stages.map((s) => s.id)).toContain(STAGE);
    expect(read.model.feedback).toHaveLength(model.feedback.length);
    expectValidModel(read.model);
    expectEveryLossNamed(model, read.model, read.problems);
    expect(read.problems[0]).toEqual({
      nodeId: frame.id,
      nodeName: frame.name,
      message:
        "The column of stage 'Checkout' was deleted from the canvas (its header and its cells): the stage stays in the map with its feedback (delete it in the panel to drop it), and the next generation or re-score draws it again; cards deleted with it are listed one by one",
    });
    // One problem for the column, one per card that was in it (2 pain points, 2 opportunities, 2 KPIs, 3 touchpoints, 8 notes).
    expect(read.problems).toHaveLength(1 + 17);

    const reply = await rescore(plugin);
    expect(reply.model).toEqual(expected);
    expect(nodesByKey(frame, `stage/${STAGE}`)).toHaveLength(1);
    // Its cards gone, the cell says so quietly.
    const cell = nodeByKey<FrameNode>(frame, `cell/lane_pain_points/${STAGE}`);
    expect(cell.children.map((c) => c.getSharedPluginData(NAMESPACE, "key"))).toEqual([`cell/lane_pain_points/${STAGE}/empty`]);
    expect((await readMap(plugin)).problems).toEqual([]);
  });

  it("says which part is gone when only a stage's header, a lane's row or a cell was deleted", async () => {
    const { plugin, frame, emulator, model } = await mapOnCanvas();
    emulator.userDelete(nodeByKey(frame, "stage/stage_delivery"));
    emulator.userDelete(nodeByKey(frame, "lane/lane_kpis"));
    emulator.userDelete(nodeByKey(frame, "cell/lane_backstage/stage_awareness"));
    const read = await readMap(plugin);
    expect(read.problems.filter((p) => !/^(KPI|Note) '/.test(p.message)).map((p) => p.message)).toEqual([
      "The row of lane 'KPIs' was deleted from the canvas: the lane stays in the map (hide it in the panel to leave it out), and the next generation or re-score draws it again; cards deleted with it are listed one by one",
      "The cell of stage 'Awareness' in lane 'Backstage' was deleted from the canvas: the next generation or re-score draws it again; cards deleted with it are listed one by one",
      "The header of stage 'Delivery' was deleted from the canvas: the stage stays in the map, and the next generation or re-score draws it again",
    ]);
    expect(read.model.kpis).toEqual([]);
    expectEveryLossNamed(model, read.model, read.problems);
  });
  it("says the grid is gone once when the whole grid was deleted, and names every card that went with it", async () => {
    const { plugin, frame, emulator, model } = await mapOnCanvas();
    emulator.userDelete(nodeByKey(frame, "grid"));
    const read = await readMap(plugin);
    expect(read.problems[0]?.message).toBe(
      "The map's grid was deleted from the canvas: its stages and lanes stay in the map, and the next generation or re-score draws it again; cards deleted with it are listed one by one",
    );
    expect(read.model.stages).toEqual(model.stages);
    expect(read.model.lanes).toEqual(model.lanes);
    expect(read.model.painPoints).toEqual([]);
    const cards = model.notes.length + model.touchpoints.length + model.painPoints.length + model.opportunities.length + model.kpis.length;
    expect(read.problems).toHaveLength(1 + cards);
    expectEveryLossNamed(model, read.model, read.problems);
    expectValidModel(read.model);
  });
});

describe("layers renamed", () => {
  it("reads by plugin data, never by layer name: every layer renamed, cells given other cells' names", async () => {
    const { plugin, frame, emulator, model, page } = await mapOnCanvas();
    const cells = nodesWhere(frame, (_, role) => role === "cell");
    const names = cells.map((c) => c.name);
    userActs(emulator, () => {
      frame.name = "Frame 1";
      frame.findAll(() => true).forEach((node, i) => (node.name = i % 2 === 0 ? "Rectangle" : `Layer ${i}`));
      // Each cell now carries the next cell's name ("Pain points · Delivery" on the checkout cell …).
      cells.forEach((cell, i) => (cell.name = names[(i + 1) % names.length] ?? ""));
    });
    emulator.userEditText(textByKey(frame, "painPoint/pp_review_timing/severity"), "5");
    userDrag(emulator, nodeByKey(frame, "painPoint/pp_promo_code"), nodeByKey<FrameNode>(frame, "cell/lane_pain_points/stage_delivery"));

    const expected = copyOf(model);
    const review = expected.painPoints.find((p) => p.id === "pp_review_timing");
    const promo = expected.painPoints.find((p) => p.id === "pp_promo_code");
    if (!review || !promo) throw new Error("sample changed");
    review.severity = 5;
    promo.stageId = "stage_delivery";
    const read = await readMap(plugin);
    expect(read.model).toEqual(expected);
    expect(read.problems).toEqual([]);

    // The list of maps shows the title the map stores, not the layer's new name.
    expect(await ask(plugin, { type: "list-maps", allPages: false })).toMatchObject({
      kind: "maps",
      maps: [{ nodeId: frame.id, mapId: model.id, title: model.title }],
    });

    const reply = await rescore(plugin);
    expect(reply.model).toEqual(expected);
    for (const [id, rank] of ranksOf(expected)) expect(rankShown(frame, id)).toBe(String(rank));
    // The names the person gave stay.
    expect(frame.name).toBe("Frame 1");
    expect(nodeByKey(frame, "header").name).toMatch(/^(Rectangle|Layer \d+)$/);
    expect(mapFrames(emulator.figma)).toEqual([frame]);
    expect(page.children.filter((n) => n.getSharedPluginData(NAMESPACE, "role") === "matrix")).toHaveLength(1);
  });
});

describe("a score text replaced by an emoji or emptied", () => {
  it.each([
    ["severity", "🔥", "'🔥' is not a number from 1 to 5 (kept 3)"],
    ["severity", "", "the text is empty, not a number from 1 to 5 (kept 3)"],
    ["effort", "👍🏽", "'👍🏽' is not a number from 1 to 5 (kept 1)"],
    ["effort", "   ", "the text is empty, not a number from 1 to 5 (kept 1)"],
    ["frequency", "⭐️⭐️⭐️⭐️⭐️⭐️", "'⭐️⭐️⭐️⭐️⭐️⭐️' is not a number from 1 to 5 (kept 5)"],
  ])("%s typed as %j: reported with its layer, the old value kept and shown again after re-score", async (field, typed, reason) => {
    const { plugin, frame, emulator, model } = await mapOnCanvas();
    const text = textByKey(frame, `painPoint/pp_shipping_cost/${field}`);
    const drawn = text.characters;
    emulator.userEditText(text, typed);
    const label = `${field[0]?.toUpperCase()}${field.slice(1)}`;
    const problem = { nodeId: text.id, nodeName: label, message: `${label} on 'Shipping cost shown only at the last step': ${reason}` };
    const read = await readMap(plugin);
    expect(read.model).toEqual(model);
    expect(read.problems).toEqual([problem]);
    const reply = await rescore(plugin);
    expect(reply.model).toEqual(model);
    expect(reply.problems).toEqual([problem]);
    expect(text.characters).toBe(drawn);
  });

  it("keeps a frequency derived from feedback when its text is emptied, and an emptied title", async () => {
    const { plugin, frame, emulator, model } = await mapOnCanvas();
    const frequency = textByKey(frame, "painPoint/pp_tracking_stuck/frequency");
    const title = textByKey(frame, "painPoint/pp_tracking_stuck/title");
    emulator.userEditText(frequency, "");
    emulator.userEditText(title, "\n ");
    const read = await readMap(plugin);
    expect(read.model).toEqual(model);
    expect(read.problems.map((p) => [p.nodeId, p.message])).toEqual([
      [title.id, `Title of pain point 'Tracking stuck on "label created"': the text is empty (kept the old title)`],
      [frequency.id, `Frequency on 'Tracking stuck on "label created"': the text is empty, not a number from 1 to 5 (kept the frequency derived from feedback)`],
    ]);
  });
});

describe("texts that show the map's data but are not read back, retyped", () => {
  it("reports each with its layer (the title, a lane name, a KPI's direction, a persona's quote beside the map), and re-score draws the data again", async () => {
    const { plugin, frame, emulator, model, page } = await mapOnCanvas();
    const edits: [TextNode, string, string][] = [
      [textByKey(frame, "header/title"), "Our journey", `The text "${model.title}" was changed to 'Our journey'`],
      [textByKey(frame, "lane/lane_kpis/label/text"), "", `The text "KPIs" was emptied`],
      [textByKey(frame, "kpi/kpi_checkout_payment/direction"), "Lower is better", `KPI 'Payment completion': the text "`],
      [textByKey(page, "persona/persona_maya/quote/text"), "“Fast!”", `The text "“`],
    ];
    const drawn = edits.map(([text]) => text.characters);
    for (const [text, typed] of edits) emulator.userEditText(text, typed);
    const read = await readMap(plugin);
    expect(read.model).toEqual(model);
    expect(read.problems).toHaveLength(edits.length);
    for (const [text, , start] of edits) {
      const problem = read.problems.find((p) => p.nodeId === text.id);
      expect(problem?.nodeName).toBe(text.name);
      expect(problem?.message.startsWith(start)).toBe(true);
      expect(problem?.message).toMatch(/, but it shows the map's data and is not read back: change it in the panel \(the next generation or re-score draws it again\)$/);
    }
    const reply = await rescore(plugin);
    expect(reply.model).toEqual(model);
    expect(edits.map(([text]) => text.characters)).toEqual(drawn);
    expect((await readMap(plugin)).problems).toEqual([]);
  });
});

describe("a map pasted inside another map", () => {
  function second(): JourneyMap {
    return { ...copyOf(sampleJourney()), id: "map_second", title: "Second journey" };
  }

  it("reads both, the pasted map's cards never taken for the outer map's, and re-scores each in place", async () => {
    const { plugin, frame: outer, emulator, model, page } = await mapOnCanvas();
    const inner = await generate(plugin, second());
    const cell = nodeByKey<FrameNode>(outer, "cell/lane_pain_points/stage_checkout");
    userDrag(emulator, inner, cell);

    emulator.select([outer]);
    expect(await readMap(plugin)).toMatchObject({ nodeId: outer.id, model, problems: [] });
    emulator.select([textByKey(inner, "painPoint/pp_promo_code/title")]);
    expect(await readMap(plugin)).toMatchObject({ nodeId: inner.id, model: second(), problems: [] });

    // Edits on each are read into its own model.
    emulator.userEditText(ownText(outer, "painPoint/pp_review_timing/severity"), "5");
    emulator.userEditText(textByKey(inner, "painPoint/pp_loyalty_points/severity"), "5");
    emulator.select([outer]);
    const outerReply = await rescore(plugin);
    expect(outerReply.model.painPoints.find((p) => p.id === "pp_review_timing")?.severity).toBe(5);
    expect(outerReply.model.painPoints.find((p) => p.id === "pp_loyalty_points")?.severity).toBe(2);
    emulator.select([inner]);
    const innerReply = await rescore(plugin);
    expect(innerReply.model.painPoints.find((p) => p.id === "pp_loyalty_points")?.severity).toBe(5);
    expect(innerReply.model.painPoints.find((p) => p.id === "pp_review_timing")?.severity).toBe(2);

    // The pasted map stays where the person put it, whole; each map's matrix shows its own ranks.
    expect(inner.removed).toBe(false);
    expect(inner.parent).toBe(cell);
    expect(cell.children.filter((c) => keyOf(c).startsWith("painPoint/"))).toHaveLength(2);
    for (const [id, rank] of ranksOf(outerReply.model)) {
      expect(ownText(outer, `painPoint/${id}/rank/text`).characters.replace(/\D/g, "")).toBe(String(rank));
      expect(matrixRank(matrixOf(page, model.id), id)).toBe(String(rank));
    }
    for (const [id, rank] of ranksOf(innerReply.model)) {
      expect(rankShown(nodeByKey(inner, `painPoint/${id}`), id)).toBe(String(rank));
      expect(matrixRank(matrixOf(page, "map_second"), id)).toBe(String(rank));
    }
  });

  it("reads a copy of the map pasted into one of its own cells as a map of its own with a new id", async () => {
    const { plugin, frame: outer, emulator, model } = await mapOnCanvas();
    const copy = emulator.userDuplicate(outer);
    const cell = nodeByKey<FrameNode>(outer, "cell/lane_pain_points/stage_checkout");
    userDrag(emulator, copy, cell);

    emulator.select([outer]);
    const outerRead = await readMap(plugin);
    expect(outerRead.model).toEqual(model);
    expect(outerRead.problems).toEqual([]);

    emulator.select([copy]);
    const copyRead = await readMap(plugin);
    expect(copyRead.model.id).not.toBe(model.id);
    expect({ ...copyRead.model, id: model.id }).toEqual(model);
    expect(copyRead.problems).toEqual([]);

    // Re-scoring the outer map leaves the copy whole, in its cell, with its own id.
    emulator.select([outer]);
    await rescore(plugin);
    expect(copy.parent).toBe(cell);
    expect(nodesByKey(copy, "painPoint/pp_promo_code")).toHaveLength(1);
    expect(copy.getSharedPluginData(NAMESPACE, "mapId")).toBe(copyRead.model.id);
    emulator.select([copy]);
    expect(await readMap(plugin)).toMatchObject({ model: copyRead.model, problems: [] });
  });

  it("gives a nested copy its own id when the outer map is generated before the copy was ever read", async () => {
    const { plugin, frame: outer, emulator, model } = await mapOnCanvas();
    const copy = emulator.userDuplicate(outer);
    userDrag(emulator, copy, nodeByKey<FrameNode>(outer, "cell/lane_pain_points/stage_delivery"));
    const promoInCopy = nodeByKey(copy, "painPoint/pp_promo_code");
    const changed = copyOf(model);
    const promo = changed.painPoints.find((p) => p.id === "pp_promo_code");
    if (!promo) throw new Error("sample changed");
    promo.title = "Promo codes fail without a reason";
    emulator.select([]);
    expect(await ask(plugin, { type: "generate-map", model: changed })).toMatchObject({ kind: "generated", nodeId: outer.id });
    // The outer card got the new title; the copy's card is the copy's, untouched.
    expect(ownText(outer, "painPoint/pp_promo_code/title").characters).toBe("Promo codes fail without a reason");
    expect(promoInCopy.parent).toBe(nodeByKey(copy, "cell/lane_pain_points/stage_checkout"));
    expect(textByKey(promoInCopy, "painPoint/pp_promo_code/title").characters).toBe("Promo code rejected at checkout");
    expect(copy.getSharedPluginData(NAMESPACE, "mapId")).not.toBe(model.id);
    emulator.select([copy]);
    const read = await readMap(plugin);
    expect({ ...read.model, id: model.id }).toEqual(model);
    expect(read.problems).toEqual([]);
  });
});

describe("locked and hidden nodes", () => {
  it("reads and re-scores a locked map with hidden cards and a hidden grid, leaving them locked and hidden", async () => {
    const { plugin, frame, emulator, model } = await mapOnCanvas();
    const grid = nodeByKey<FrameNode>(frame, "grid");
    const hiddenCard = nodeByKey(frame, "painPoint/pp_review_timing");
    userActs(emulator, () => {
      frame.locked = true;
      for (const node of frame.findAll(() => true)) node.locked = true;
      hiddenCard.visible = false;
      textByKey(frame, "painPoint/pp_loyalty_points/effort").visible = false;
      grid.visible = false;
    });
    emulator.userEditText(textByKey(frame, "painPoint/pp_review_timing/severity"), "5");
    emulator.userEditText(textByKey(frame, "painPoint/pp_loyalty_points/effort"), "1");
    const expected = copyOf(model);
    for (const p of expected.painPoints) {
      if (p.id === "pp_review_timing") p.severity = 5;
      if (p.id === "pp_loyalty_points") p.effort = 1;
    }
    const read = await readMap(plugin);
    expect(read.model).toEqual(expected);
    expect(read.problems).toEqual([]);
    const reply = await rescore(plugin);
    expect(reply.model).toEqual(expected);
    for (const [id, rank] of ranksOf(expected)) expect(rankShown(frame, id)).toBe(String(rank));
    expect(frame.locked).toBe(true);
    expect(nodeByKey(frame, "painPoint/pp_promo_code").locked).toBe(true);
    expect(hiddenCard.visible).toBe(false);
    expect(grid.visible).toBe(false);
  });
});

describe("a map on a page that is not loaded", () => {
  async function mapOnArchive() {
    const plugin = await launchPlugin({ pages: ["Journeys", "Archive"] });
    running = plugin;
    const { emulator } = plugin;
    const [journeys, archive] = emulator.figma.root.children;
    if (!journeys || !archive) throw new Error("no pages");
    emulator.userSetCurrentPage(archive);
    await emulator.settle();
    const frame = await generate(plugin, sampleJourney());
    emulator.userEditText(textByKey(frame, "painPoint/pp_review_timing/severity"), "5");
    emulator.userSetCurrentPage(journeys);
    // A new run: only the current page is loaded, as when the person opens the plugin again.
    await runCommand(plugin, "open");
    emulator.panel.postMessage({ type: "panel-ready" });
    await emulator.settle();
    return { plugin, emulator, journeys, archive, frame };
  }

  it("is found when every page is listed (which loads them), and reads and re-scores once the person is on its page", async () => {
    const { plugin, emulator, archive, frame } = await mapOnArchive();
    // Nothing on this page; the other page is not touched.
    expect(await askFailure(plugin, { type: "read-map" })).toBe("There is no journey map on this page. Generate one first.");
    expect(await ask(plugin, { type: "list-maps", allPages: false })).toEqual({ kind: "maps", maps: [] });
    expect(emulator.stats.callsByName.get("figma.loadAllPagesAsync") ?? 0).toBe(0);

    expect(await ask(plugin, { type: "list-maps", allPages: true })).toEqual({
      kind: "maps",
      maps: [{ nodeId: frame.id, mapId: sampleJourney().id, title: sampleJourney().title, pageId: archive.id, pageName: "Archive" }],
    });

    emulator.userSetCurrentPage(archive);
    await emulator.settle();
    const read = await readMap(plugin);
    expect(read.nodeId).toBe(frame.id);
    expect(read.model.painPoints.find((p) => p.id === "pp_review_timing")?.severity).toBe(5);
    expect(read.problems).toEqual([]);
    const reply = await rescore(plugin);
    for (const [id, rank] of ranksOf(reply.model)) expect(rankShown(frame, id)).toBe(String(rank));
  });

  it("is re-scored from its relaunch button in a run that starts on its page, the other page never loaded", async () => {
    const { plugin, emulator, archive, frame } = await mapOnArchive();
    emulator.userSetCurrentPage(archive);
    emulator.select([frame]);
    await runCommand(plugin, "rescore");
    expect(emulator.notifications.at(-1)).toMatchObject({ error: false });
    expect(emulator.stats.callsByName.get("figma.loadAllPagesAsync") ?? 0).toBe(0);
    emulator.relaunch({ command: "open" });
    expect(rankShown(frame, "pp_review_timing")).toBe(String(ranksOf(reviewSevere()).get("pp_review_timing")));
  });

  function reviewSevere(): JourneyMap {
    const next = sampleJourney();
    const p = next.painPoints.find((e) => e.id === "pp_review_timing");
    if (p) p.severity = 5;
    return next;
  }
});

describe("the stored model's chunks partly removed", () => {
  async function damaged(damage: (frame: FrameNode) => void) {
    const setup = await mapOnCanvas();
    // The sample's model takes two chunks (about 130 kB).
    expect(setup.frame.getSharedPluginData(NAMESPACE, "model.count")).toBe("2");
    userActs(setup.emulator, () => damage(setup.frame));
    return setup;
  }

  it("says which part is missing on read, re-score, the menu command and the selection, writing nothing", async () => {
    const { plugin, frame, emulator, model } = await damaged((f) => f.setSharedPluginData(NAMESPACE, "model.1", ""));
    const message = `"${frame.name}": part 2 of 2 of the stored model is missing`;
    expect(await askFailure(plugin, { type: "read-map" })).toBe(message);
    emulator.stats.resetWrites();
    expect(await askFailure(plugin, { type: "rescore" })).toBe(message);
    expect([...emulator.stats.writtenNodeIds]).toEqual([]);

    // The panel is told no readable map is selected, and the map is still listed (by its layer name).
    emulator.panel.postMessage({ type: "panel-ready" });
    emulator.select([frame]);
    await emulator.settle();
    expect(emulator.panel.received.at(-1)).toEqual({ type: "selection", map: null });
    expect(await ask(plugin, { type: "list-maps", allPages: false })).toMatchObject({ maps: [{ nodeId: frame.id, mapId: model.id, title: model.title }] });

    await runCommand(plugin, "rescore");
    expect(emulator.notifications.at(-1)).toEqual(expect.objectContaining({ message: message.slice(0, 100), error: true }));
  });

  it.each([
    ["the part count removed", (f: FrameNode) => f.setSharedPluginData(NAMESPACE, "model.count", ""), (name: string) =>
      `"${name}": the number of parts of the stored model is missing, so it cannot be told whether the model is whole: it was not read`],
    ["the first part removed", (f: FrameNode) => f.setSharedPluginData(NAMESPACE, "model.0", ""), (name: string) =>
      `"${name}": part 1 of 2 of the stored model is missing`],
    // The wording of a damaged part is the plugin-data layer's (test/robustness covers it there too).
    ["a part cut short", (f: FrameNode) => f.setSharedPluginData(NAMESPACE, "model.1", f.getSharedPluginData(NAMESPACE, "model.1").slice(0, 500)), (name: string) =>
      new RegExp(`^"${name}": the stored model is damaged \\(.+\\)$`)],
    ["one part more announced than stored", (f: FrameNode) => f.setSharedPluginData(NAMESPACE, "model.count", "3"), (name: string) =>
      `"${name}": part 3 of 3 of the stored model is missing`],
  ])("%s: a specific error, nothing guessed", async (_, damage, expected) => {
    const { plugin, frame } = await damaged(damage);
    expect(await askFailure(plugin, { type: "read-map" })).toMatch(expected(frame.name));
    expect(await askFailure(plugin, { type: "rescore" })).toMatch(expected(frame.name));
  });

  it("is repaired by generating the map from the panel's model: the frame is found and its model stored whole again", async () => {
    const { plugin, frame, model } = await damaged((f) => f.setSharedPluginData(NAMESPACE, "model.1", ""));
    expect(await ask(plugin, { type: "generate-map", model })).toMatchObject({ kind: "generated", nodeId: frame.id, created: 0 });
    expect(await readMap(plugin)).toMatchObject({ model, problems: [] });
  });
});

describe("two maps with the same id", () => {
  it("a duplicated frame: both read, the copy gets a new id, and re-score updates each its own frames beside it", async () => {
    const { plugin, frame: original, emulator, model, page } = await mapOnCanvas();
    const copy = emulator.userDuplicate(original);
    emulator.userEditText(textByKey(original, "painPoint/pp_review_timing/severity"), "5");
    emulator.userEditText(textByKey(copy, "painPoint/pp_loyalty_points/severity"), "5");
    emulator.userEditText(textByKey(copy, "painPoint/pp_loyalty_points/frequency"), "5");

    // The original first, while the copy still carries the same id.
    emulator.select([textByKey(original, "painPoint/pp_review_timing/severity")]);
    const first = await rescore(plugin);
    expect(first.nodeId).toBe(original.id);
    expect(first.model.id).toBe(model.id);
    expect(first.model.painPoints.find((p) => p.id === "pp_loyalty_points")?.severity).toBe(2);

    emulator.select([copy]);
    const second = await rescore(plugin);
    expect(second.nodeId).toBe(copy.id);
    expect(second.model.id).not.toBe(model.id);
    expect(second.model.painPoints.find((p) => p.id === "pp_loyalty_points")).toMatchObject({ severity: 5, frequency: 5 });
    expect(second.model.painPoints.find((p) => p.id === "pp_review_timing")?.severity).toBe(2);
    expect(second.problems).toEqual([]);

    for (const [reply, frame] of [[first, original], [second, copy]] as const) {
      for (const [id, rank] of ranksOf(reply.model)) {
        expect(rankShown(frame, id)).toBe(String(rank));
        expect(matrixRank(matrixOf(page, reply.model.id), id)).toBe(String(rank));
      }
    }
    expect(mapFrames(emulator.figma)).toEqual([original, copy]);
    emulator.select([original]);
    expect((await readMap(plugin)).model).toEqual(first.model);
  });

  it("a map copied to another page (a duplicated page): the copy becomes a map of its own, with the frames beside it on its page", async () => {
    const plugin = await launchPlugin({ pages: ["Current", "Copy"] });
    running = plugin;
    const { emulator } = plugin;
    const [current, other] = emulator.figma.root.children;
    if (!current || !other) throw new Error("no pages");
    const model = sampleJourney();
    const original = await generate(plugin, model);
    // Duplicating the page copies the map and the frames beside it, plugin data and all.
    const copies = [original, ...besideFramesOn(current, model.id)].map((frame) => emulator.userDuplicate(frame));
    emulator.userSetCurrentPage(other);
    userActs(emulator, () => {
      for (const frame of copies) other.appendChild(frame);
    });
    const copy = copies[0];
    if (copy === undefined) throw new Error("no copy");
    emulator.userEditText(textByKey(copy, "painPoint/pp_loyalty_points/severity"), "5");
    emulator.userEditText(textByKey(copy, "painPoint/pp_loyalty_points/frequency"), "5");

    const onCopy = await rescore(plugin);
    expect(onCopy.nodeId).toBe(copy.id);
    expect(onCopy.model.id).not.toBe(model.id);
    // The copied matrix and gap chart are the copy's now: updated, not drawn a second time.
    expect(besideFramesOn(other, onCopy.model.id).map((f) => f.id).sort()).toEqual(copies.slice(1).map((f) => f.id).sort());
    expect(besideFramesOn(other, model.id)).toEqual([]);
    const copyMatrix = matrixOf(other, onCopy.model.id);
    for (const [id, rank] of ranksOf(onCopy.model)) expect(matrixRank(copyMatrix, id)).toBe(String(rank));

    emulator.userSetCurrentPage(current);
    const onOriginal = await rescore(plugin);
    expect(onOriginal.model).toEqual(model);
    const originalMatrix = matrixOf(current, model.id);
    for (const [id, rank] of ranksOf(model)) expect(matrixRank(originalMatrix, id)).toBe(String(rank));
    expect(rankShown(original, "pp_loyalty_points")).toBe(String(ranksOf(model).get("pp_loyalty_points")));
  });
});
