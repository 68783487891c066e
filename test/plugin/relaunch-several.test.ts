/**
 * The "Re-score" relaunch button with several maps selected (the manifest gives it
 * `multipleSelection: true`, so Figma shows it then): each selected map is re-scored and the
 * notification reports each by its title; one map that cannot be re-scored stops none of the others.
 */
import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import type { JourneyMap } from "../../shared/model";
import { NAMESPACE } from "../../plugin/plugin-data";
import { generate, nodeByKey, runCommand, textByKey } from "./canvas-actions";
import { launchPlugin, sampleJourney } from "./harness";

function second(): JourneyMap {
  return { ...sampleJourney(), id: "map_second", title: "Second journey" };
}

function rankShown(frame: FrameNode, id: string): string {
  return textByKey(frame, `painPoint/${id}/rank/text`).characters;
}

describe("Re-score with several maps selected", { timeout: 30_000 }, () => {
  it("the manifest's relaunch button allows several selected nodes", () => {
    const manifest = JSON.parse(readFileSync(new URL("../../manifest.json", import.meta.url), "utf8")) as {
      relaunchButtons: { command: string; multipleSelection?: boolean }[];
    };
    expect(manifest.relaunchButtons.find((b) => b.command === "rescore")?.multipleSelection).toBe(true);
  });

  it("re-scores each selected map and reports each by its title", async () => {
    const plugin = await launchPlugin();
    const first = await generate(plugin, sampleJourney());
    const other = await generate(plugin, second());
    const before = [rankShown(first, "pp_review_timing"), rankShown(other, "pp_review_timing")];
    for (const frame of [first, other]) {
      plugin.emulator.userEditText(textByKey(frame, "painPoint/pp_review_timing/severity"), "5");
      plugin.emulator.userEditText(textByKey(frame, "painPoint/pp_review_timing/frequency"), "5");
    }
    plugin.emulator.select([first, nodeByKey(other, "painPoint/pp_promo_code")]);

    await runCommand(plugin, "rescore");

    expect(plugin.emulator.closed).toBe(true);
    const notice = plugin.emulator.notifications.at(-1);
    expect(notice?.error).toBe(false);
    expect(notice?.message).toMatch(
      /^2 maps re-scored\. Northwind Outfitters — online order: \d+ pain points re-ranked, 1 changed quadrant\. Second journey: \d+ pain points re-ranked, 1 changed quadrant$/,
    );
    plugin.emulator.relaunch({ command: "open" });
    expect(rankShown(first, "pp_review_timing")).not.toBe(before[0]);
    expect(rankShown(other, "pp_review_timing")).not.toBe(before[1]);
  });

  it("a map that cannot be read is reported by name; the other is re-scored all the same", async () => {
    const plugin = await launchPlugin();
    const first = await generate(plugin, sampleJourney());
    const other = await generate(plugin, second());
    plugin.emulator.userEditText(textByKey(other, "painPoint/pp_review_timing/severity"), "5");
    plugin.emulator.userEditText(textByKey(other, "painPoint/pp_review_timing/frequency"), "5");
    const before = rankShown(other, "pp_review_timing");
    // Another plugin damaged the first map's stored model.
    first.setSharedPluginData(NAMESPACE, "model.0", "{");
    plugin.emulator.select([first, other]);

    await runCommand(plugin, "rescore");

    const notice = plugin.emulator.notifications.at(-1);
    expect(notice?.error).toBe(true);
    expect(notice?.message).toMatch(/^1 of 2 maps re-scored\. Journey map — Northwind Outfitters — online order: not re-scored: .*damaged.*\. Second journey: \d+ pain points re-ranked/);
    plugin.emulator.relaunch({ command: "open" });
    expect(rankShown(other, "pp_review_timing")).not.toBe(before);
  });
});
