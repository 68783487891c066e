/**
 * "Re-score pain points": from the panel, from the menu and from the relaunch button (without
 * opening the panel). Ranks, quadrant colours and the matrix follow the edited scores; what
 * changed is said with figma.notify; one undo step; errors in words.
 */
import { describe, expect, it } from "vitest";
import { analyseJourney } from "../../shared/analysis";
import type { JourneyMap } from "../../shared/model";
import { prioritise, type Priority } from "../../shared/priority";
import { outcomeSurvey, painPoint } from "../shared/builders";
import { copyOf, generate, keyOf, nodeByKey, nodesByKey, rescore, runCommand, textByKey } from "./canvas-actions";
import { launchPlugin, sampleJourney, type PluginUnderTest } from "./harness";

/** The number a rank badge shows ("#3", "3" …). */
function rankShown(frame: FrameNode, id: string): number {
  return Number(textByKey(frame, `painPoint/${id}/rank/text`).characters.replace(/\D/g, ""));
}

function fillOf(node: SceneNode): string {
  if (!("fills" in node) || typeof node.fills === "symbol") return "mixed";
  return JSON.stringify(node.fills);
}

function ranks(priorities: readonly Priority[]): Map<string, number> {
  return new Map(priorities.map((p) => [p.painPointId, p.rank]));
}

/** After a run closed, a new run (with no plugin code) lets the test read the canvas again. */
function lookAtCanvas(plugin: PluginUnderTest): void {
  plugin.emulator.relaunch({ command: "open" });
}

/** The review-timing pain point (ranked last) made severe and frequent: it climbs and becomes a quick win. */
function edited(model: JourneyMap): JourneyMap {
  const next = copyOf(model);
  const p = next.painPoints.find((e) => e.id === "pp_review_timing");
  if (!p) throw new Error("sample changed");
  p.severity = 5;
  p.frequency = 5;
  return next;
}

async function editOnCanvas(plugin: PluginUnderTest, frame: FrameNode): Promise<void> {
  plugin.emulator.userEditText(textByKey(frame, "painPoint/pp_review_timing/severity"), "5");
  plugin.emulator.userEditText(textByKey(frame, "painPoint/pp_review_timing/frequency"), "5/5");
}

describe("re-scoring from the panel", () => {
  it("updates rank badges and quadrant colours from the scores edited on the canvas, and stores the model", async () => {
    const plugin = await launchPlugin();
    const model = sampleJourney();
    const frame = await generate(plugin, model);
    const before = ranks(prioritise(model));
    for (const [id, rank] of before) expect(rankShown(frame, id)).toBe(rank);
    const quickWinFill = fillOf(nodeByKey(frame, "painPoint/pp_promo_code"));
    const fillBefore = fillOf(nodeByKey(frame, "painPoint/pp_review_timing"));
    expect(prioritise(model).find((p) => p.painPointId === "pp_promo_code")?.quadrant).toBe("quick win");

    await editOnCanvas(plugin, frame);
    const reply = await rescore(plugin);

    const expected = edited(model);
    const after = ranks(prioritise(expected));
    for (const [id, rank] of after) expect(rankShown(frame, id)).toBe(rank);
    const moved = [...after].filter(([id, rank]) => before.get(id) !== rank).length;
    expect(moved).toBeGreaterThan(0);
    expect(reply.reranked).toBe(moved);
    expect(reply.model).toEqual(expected);
    expect(reply.problems).toEqual([]);
    expect(reply.summary).toBe(`${moved} pain points re-ranked, 1 changed quadrant`);
    // Now a quick win, coloured like the other quick wins.
    expect(fillOf(nodeByKey(frame, "painPoint/pp_review_timing"))).toBe(quickWinFill);
    expect(fillOf(nodeByKey(frame, "painPoint/pp_review_timing"))).not.toBe(fillBefore);
    // The stored model is the re-scored one: reading it again changes nothing more.
    expect((await rescore(plugin)).summary).toBe("No pain point changed rank");
  });

  it("moves the pain point's dot on the priority matrix and relabels its rank", async () => {
    const plugin = await launchPlugin();
    const model = sampleJourney();
    const frame = await generate(plugin, model);
    const page = plugin.emulator.figma.currentPage;
    const dot = nodeByKey(page, "matrix/pp_review_timing");
    const where = () => JSON.stringify([dot.x, dot.y]);
    const labels = () =>
      nodesByKey(page, "matrix/pp_review_timing")
        .concat(page.findAll((n) => keyOf(n).startsWith("matrix/pp_review_timing/")))
        .filter((n): n is TextNode => n.type === "TEXT")
        .map((t) => t.characters);
    const placed = where();
    await editOnCanvas(plugin, frame);
    await rescore(plugin);
    const rank = prioritise(edited(model)).find((p) => p.painPointId === "pp_review_timing")?.rank;
    expect(where()).not.toBe(placed);
    expect(labels().some((text) => text.replace(/\D/g, "") === String(rank))).toBe(true);
  });

  it("is one undo step, notifies what changed, and keeps the old value of a score it cannot read", async () => {
    const plugin = await launchPlugin();
    const model = sampleJourney();
    const frame = await generate(plugin, model);
    const severity = textByKey(frame, "painPoint/pp_shipping_cost/severity");
    plugin.emulator.userEditText(severity, "high");
    const steps = plugin.emulator.undo.steps;
    const reply = await rescore(plugin);
    expect(plugin.emulator.undo.steps - steps).toBe(1);
    expect(reply.problems).toEqual([
      {
        nodeId: severity.id,
        nodeName: "Severity",
        message: "Severity on 'Shipping cost shown only at the last step': 'high' is not a number from 1 to 5 (kept 3)",
      },
    ]);
    expect(reply.model).toEqual(model);
    // The canvas shows the kept value again.
    expect(severity.characters).toBe("3");
    expect(plugin.emulator.notifications.at(-1)?.message).toBe(
      "No pain point changed rank, 1 value could not be read: Severity on 'Shipping cost shown only at the last step'",
    );
    expect(reply.summary).toBe(plugin.emulator.notifications.at(-1)?.message);
  });

  it("writes nothing but the stored model when nothing changed", async () => {
    const plugin = await launchPlugin();
    const frame = await generate(plugin, sampleJourney());
    plugin.emulator.stats.resetWrites();
    await rescore(plugin);
    expect([...plugin.emulator.stats.writtenNodeIds]).toEqual([frame.id]);
  });
});

/**
 * Importance derived from an overall-satisfaction outcome: Delivery's derived importance (3.4) is
 * below its stated one, so its gap is smaller, and the two pain points rank one way by the derived
 * gaps (what the map draws) and the other way by the stated ones.
 */
function derivedImportanceJourney(): JourneyMap {
  const survey = outcomeSurvey({ painPoints: [painPoint("p1", "s1"), painPoint("p2", "s2", { severity: 1, frequency: 4, effort: 3, confidence: 1 })] });
  return { ...survey, settings: { ...survey.settings, importance: "derived" } };
}

describe("re-scoring a journey whose importance is derived", () => {
  it("says how the ranks the map shows changed: those of the derived gaps it draws", async () => {
    const plugin = await launchPlugin();
    const model = derivedImportanceJourney();
    const frame = await generate(plugin, model);
    const shown = () => new Map(model.painPoints.map((p) => [p.id, rankShown(frame, p.id)]));
    const before = shown();
    expect(before).toEqual(ranks(analyseJourney(model).priorities));
    // The stated gaps rank them the other way: a count from those would not be what the map shows.
    expect(ranks(prioritise(model))).not.toEqual(before);

    plugin.emulator.userEditText(textByKey(frame, "painPoint/p2/severity"), "2");
    const reply = await rescore(plugin);
    const after = shown();
    expect(after).toEqual(ranks(analyseJourney(reply.model).priorities));
    const moved = [...after].filter(([id, rank]) => before.get(id) !== rank).length;
    expect(reply.reranked).toBe(moved);
    expect(reply.summary.startsWith(moved === 0 ? "No pain point changed rank" : `${moved} pain points re-ranked`)).toBe(true);
  });
});

describe("re-scoring from the menu and the relaunch button", () => {
  it("runs without opening the panel, notifies what changed and closes the plugin", async () => {
    const plugin = await launchPlugin();
    const model = sampleJourney();
    const frame = await generate(plugin, model);
    await editOnCanvas(plugin, frame);
    plugin.emulator.select([nodeByKey(frame, "painPoint/pp_review_timing")]);
    const steps = plugin.emulator.undo.steps;
    await runCommand(plugin, "rescore");

    expect(plugin.emulator.ui).toBeNull();
    expect(plugin.emulator.closed).toBe(true);
    expect(plugin.emulator.undo.steps - steps).toBe(1);
    lookAtCanvas(plugin);
    const after = ranks(prioritise(edited(model)));
    for (const [id, rank] of after) expect(rankShown(frame, id)).toBe(rank);
    const notice = plugin.emulator.notifications.at(-1);
    expect(notice?.error).toBe(false);
    expect(notice?.message).toMatch(/^\d+ pain points re-ranked, 1 changed quadrant$/);
  });

  it("says in words when there is no map, and closes", async () => {
    const plugin = await launchPlugin();
    await runCommand(plugin, "rescore");
    expect(plugin.emulator.notifications.at(-1)).toMatchObject({
      message: "There is no journey map on this page. Generate one first.",
      error: true,
    });
    expect(plugin.emulator.closed).toBe(true);
  });

  it("says in words when several maps are on the page and none is selected", async () => {
    const plugin = await launchPlugin();
    await generate(plugin, sampleJourney());
    await generate(plugin, { ...sampleJourney(), id: "map_second", title: "Second" });
    plugin.emulator.select([]);
    await runCommand(plugin, "rescore");
    expect(plugin.emulator.notifications.at(-1)).toMatchObject({
      message: "There are 2 journey maps on this page: select the one you mean.",
      error: true,
    });
    expect(plugin.emulator.closed).toBe(true);
  });

  it("re-scores the selected one of several maps", async () => {
    const plugin = await launchPlugin();
    await generate(plugin, sampleJourney());
    const other = await generate(plugin, { ...sampleJourney(), id: "map_second", title: "Second" });
    plugin.emulator.userEditText(textByKey(other, "painPoint/pp_review_timing/severity"), "5");
    plugin.emulator.userEditText(textByKey(other, "painPoint/pp_review_timing/frequency"), "5");
    plugin.emulator.select([other]);
    await runCommand(plugin, "rescore");
    expect(plugin.emulator.notifications.at(-1)?.error).toBe(false);
    lookAtCanvas(plugin);
    const after = ranks(prioritise(edited({ ...sampleJourney(), id: "map_second", title: "Second" })));
    for (const [id, rank] of after) expect(rankShown(other, id)).toBe(rank);
  });
});
