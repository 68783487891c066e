/**
 * Fonts a person chose (FIGMA_RULES section 11): after a designer restyles the map in an earlier
 * run (a title in Roboto, one word in italics, the whole map in another family), Update map and
 * Re-score load every font each node uses before writing its text. A font not installed here
 * leaves that node whole and is reported by its name; everything else is updated, in one undo step.
 */
import { describe, expect, it } from "vitest";
import type { JourneyMap } from "../../shared/model";
import { copyOf, generate, nodeByKey, nodesByKey, rescore, runCommand, textByKey } from "./canvas-actions";
import { ask, launchPlugin, sampleJourney, type PluginUnderTest } from "./harness";

const INTER = { family: "Inter", style: "Regular" };
const ROBOTO = { family: "Roboto", style: "Regular" };
const ROBOTO_BOLD = { family: "Roboto", style: "Bold" };
const INTER_ITALIC = { family: "Inter", style: "Italic" };
const BRAND = { family: "Brand Sans", style: "Regular" };

/** The sample journey with the Checkout stage, the title and the pain point titles renamed. */
function renamed(model: JourneyMap): JourneyMap {
  const next = copyOf(model);
  next.title = "Northwind — checkout study";
  const checkout = next.stages.find((s) => s.id === "stage_checkout");
  if (!checkout) throw new Error("sample changed");
  checkout.name = "Payment";
  for (const p of next.painPoints) p.title = `${p.title} (revised)`;
  return next;
}

/** Generates the sample journey, then a new run of the plugin (no fonts loaded yet), as a person opens it later. */
async function mapFromEarlierRun(installedFonts?: readonly FontName[]): Promise<{ plugin: PluginUnderTest; frame: FrameNode }> {
  const plugin = await launchPlugin(installedFonts ? { installedFonts } : {});
  const frame = await generate(plugin, sampleJourney());
  return { plugin, frame };
}

async function reopen(plugin: PluginUnderTest): Promise<void> {
  await runCommand(plugin, "open");
}

function allTexts(frame: FrameNode): TextNode[] {
  return frame.findAllWithCriteria({ types: ["TEXT"] });
}

describe("fonts a person chose in an earlier run", { timeout: 30_000 }, () => {
  it("Update map rewrites a title in Roboto, a stage name with one word in italics and keeps their fonts", async () => {
    const { plugin, frame } = await mapFromEarlierRun();
    const title = textByKey(frame, "header/title");
    const stageName = textByKey(frame, "stage/stage_checkout/name");
    plugin.emulator.userSetFont(title, ROBOTO);
    plugin.emulator.userEditText(stageName, "Check out now");
    plugin.emulator.userSetFont(stageName, INTER_ITALIC, { start: 10, end: 13 });
    await reopen(plugin);
    const steps = plugin.emulator.undo.steps;
    // The stage was renamed on the canvas and in the panel: the person keeps the panel's names.

    const reply = await ask(plugin, { type: "generate-map", model: renamed(sampleJourney()), conflicts: "panel" });

    expect(reply.kind).toBe("generated");
    expect(plugin.emulator.uncaughtErrors).toEqual([]);
    expect(title.characters).toBe("Northwind — checkout study");
    expect(title.fontName).toEqual(ROBOTO);
    expect(stageName.characters).toBe("Payment");
    expect(plugin.emulator.undo.steps - steps).toBe(1);
    expect(plugin.emulator.notifications.filter((n) => n.message.includes("kept"))).toEqual([]);
  });

  it("Update map and Re-score work after the whole map is set in another family", async () => {
    const { plugin, frame } = await mapFromEarlierRun();
    for (const text of allTexts(frame)) plugin.emulator.userSetFont(text, (text.fontName as FontName).style === "Regular" ? ROBOTO : ROBOTO_BOLD);
    await reopen(plugin);

    await generate(plugin, renamed(sampleJourney()));
    expect(textByKey(frame, "stage/stage_checkout/name").characters).toBe("Payment");
    expect(new Set(allTexts(frame).map((t) => (t.fontName as FontName).family))).toContain("Roboto");
    // Each distinct font is loaded once in the action, whatever the number of nodes using it.
    const loads = plugin.emulator.stats.fontLoadCalls;
    await reopen(plugin);
    plugin.emulator.userEditText(textByKey(frame, "painPoint/pp_review_timing/severity"), "5");
    plugin.emulator.userEditText(textByKey(frame, "painPoint/pp_review_timing/frequency"), "5");
    const before = plugin.emulator.stats.fontLoadCalls;
    const reply = await rescore(plugin);
    expect(reply.summary).toMatch(/re-ranked/);
    expect(reply.problems).toEqual([]);
    // Four Inter styles for new nodes, Roboto Regular and Bold for the restyled ones.
    expect(plugin.emulator.stats.fontLoadCalls - before).toBe(6);
    expect(loads).toBeGreaterThan(0);
  });

  it("Re-score from the relaunch button updates rank badges a person set in Roboto Bold", async () => {
    const { plugin, frame } = await mapFromEarlierRun();
    for (const badge of nodesByKey(frame, "painPoint/pp_promo_code/rank/text")) plugin.emulator.userSetFont(badge as TextNode, ROBOTO_BOLD);
    plugin.emulator.userEditText(textByKey(frame, "painPoint/pp_review_timing/severity"), "5");
    plugin.emulator.userEditText(textByKey(frame, "painPoint/pp_review_timing/frequency"), "5");
    const badge = textByKey(frame, "painPoint/pp_review_timing/rank/text");
    plugin.emulator.userSetFont(badge, ROBOTO_BOLD);
    const rankBefore = badge.characters;

    await runCommand(plugin, "rescore");
    expect(plugin.emulator.closed).toBe(true);
    // A new run lets the test read the canvas again.
    plugin.emulator.relaunch({ command: "open" });

    expect(plugin.emulator.uncaughtErrors).toEqual([]);
    expect(plugin.emulator.notifications.at(-1)?.error).toBe(false);
    expect(plugin.emulator.notifications.at(-1)?.message).toMatch(/re-ranked/);
    expect(badge.characters).not.toBe(rankBefore);
    expect(badge.fontName).toEqual(ROBOTO_BOLD);
  });
});

describe("a font that is not installed here", { timeout: 30_000 }, () => {
  it("Update map keeps that node whole, names it, updates the rest in one undo step", async () => {
    const { plugin, frame } = await mapFromEarlierRun();
    const stageName = textByKey(frame, "stage/stage_checkout/name");
    const title = textByKey(frame, "header/title");
    // Set on a computer that has Brand Sans; this one does not.
    plugin.emulator.userSetFont(stageName, BRAND);
    plugin.emulator.userSetFont(title, INTER_ITALIC, { start: 0, end: 9 });
    await reopen(plugin);
    const steps = plugin.emulator.undo.steps;

    const reply = await ask(plugin, { type: "generate-map", model: renamed(sampleJourney()) });

    expect(reply.kind).toBe("generated");
    expect(plugin.emulator.uncaughtErrors).toEqual([]);
    expect(stageName.characters).toBe("Checkout");
    expect(stageName.fontName).toEqual(BRAND);
    expect(stageName.hasMissingFont).toBe(true);
    expect(plugin.emulator.figma.hasMissingFont).toBe(true);
    expect(title.characters).toBe("Northwind — checkout study");
    expect(textByKey(frame, "stage/stage_delivery/name").characters).toBe("Delivery");
    expect(plugin.emulator.notifications.map((n) => n.message)).toContain("'Checkout' stage name kept: Brand Sans is not available here");
    expect(plugin.emulator.undo.steps - steps).toBe(1);
  });

  it("a mixed node with one style missing is kept whole (no half-written text)", async () => {
    const { plugin, frame } = await mapFromEarlierRun([INTER, { family: "Inter", style: "Medium" }, { family: "Inter", style: "Semi Bold" }, { family: "Inter", style: "Bold" }]);
    const title = textByKey(frame, "header/title");
    const original = title.characters;
    plugin.emulator.userSetFont(title, INTER_ITALIC, { start: 0, end: 9 });
    await reopen(plugin);

    await generate(plugin, renamed(sampleJourney()));

    expect(title.characters).toBe(original);
    expect(title.getRangeAllFontNames(0, title.characters.length)).toEqual([INTER_ITALIC, { family: "Inter", style: "Bold" }]);
    expect(plugin.emulator.notifications.map((n) => n.message)).toContain(`'${original}' title kept: Inter Italic is not available here`);
    expect(textByKey(frame, "stage/stage_checkout/name").characters).toBe("Payment");
  });

  it("Re-score reports the kept rank badge by name, in its summary and its problems, and re-ranks the rest", async () => {
    const { plugin, frame } = await mapFromEarlierRun();
    plugin.emulator.userEditText(textByKey(frame, "painPoint/pp_review_timing/severity"), "5");
    plugin.emulator.userEditText(textByKey(frame, "painPoint/pp_review_timing/frequency"), "5");
    const badge = textByKey(frame, "painPoint/pp_review_timing/rank/text");
    plugin.emulator.userSetFont(badge, BRAND);
    const shown = badge.characters;
    await reopen(plugin);

    const reply = await rescore(plugin);

    expect(badge.characters).toBe(shown);
    const kept = `'${shown}' number kept: Brand Sans is not available here`;
    expect(reply.summary).toContain(kept);
    expect(reply.problems).toEqual([{ nodeId: badge.id, nodeName: badge.name, message: kept }]);
    expect(reply.reranked).toBeGreaterThan(0);
    expect(nodeByKey(frame, "painPoint/pp_promo_code/rank/text")).toBeDefined();
  });
});
