/**
 * Selection changes inside a map are frequent, and reading a map near the size limit takes most of a
 * second in Figma's engine: a selection moving inside the same map whose stored model did not change
 * tells the panel nothing new; a map whose stored model changed is read again.
 */
import { describe, expect, it } from "vitest";
import { copyOf, generate, nodeByKey } from "./canvas-actions";
import { launchPlugin, sampleJourney, type PluginUnderTest } from "./harness";

function selections(plugin: PluginUnderTest): { map: { nodeId: string; model: { title: string } } | null }[] {
  return plugin.emulator.panel.received.filter(
    (m): m is { type: "selection"; map: { nodeId: string; model: { title: string } } | null } =>
      typeof m === "object" && m !== null && (m as { type?: unknown }).type === "selection",
  );
}

describe("following the selection", { timeout: 30_000 }, () => {
  it("posts a map once while the selection moves inside it, and again once its stored model changed", async () => {
    const plugin = await launchPlugin();
    plugin.emulator.panel.postMessage({ type: "panel-ready" });
    await plugin.emulator.settle();
    const model = sampleJourney();
    const frame = await generate(plugin, model);
    const before = selections(plugin).length;

    plugin.emulator.select([nodeByKey(frame, "painPoint/pp_promo_code")]);
    await plugin.emulator.settle();
    plugin.emulator.select([nodeByKey(frame, "painPoint/pp_review_timing")]);
    await plugin.emulator.settle();
    plugin.emulator.select([frame]);
    await plugin.emulator.settle();
    const posted = selections(plugin).slice(before);
    expect(posted.map((s) => s.map?.nodeId)).toEqual([frame.id]);

    // Away and back: posted again (from what was read).
    plugin.emulator.select([]);
    await plugin.emulator.settle();
    plugin.emulator.select([frame]);
    await plugin.emulator.settle();
    expect(selections(plugin).slice(before).map((s) => s.map?.nodeId ?? null)).toEqual([frame.id, null, frame.id]);

    // The stored model changed (Update map): the next selection inside it posts the new model.
    const renamed = copyOf(model);
    renamed.title = "Renamed journey";
    await generate(plugin, renamed);
    plugin.emulator.select([nodeByKey(frame, "painPoint/pp_promo_code")]);
    await plugin.emulator.settle();
    expect(selections(plugin).at(-1)?.map?.model.title).toBe("Renamed journey");
  });
});
