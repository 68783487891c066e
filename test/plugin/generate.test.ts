import { describe, expect, it } from "vitest";
import { parseJourneyMap } from "../../shared/model";
import { NAMESPACE } from "../../plugin/plugin-data";
import { ask, launchPlugin, sampleJourney } from "./harness";

function mapFrames(figma: PluginAPI): FrameNode[] {
  return figma.currentPage.children.filter(
    (n): n is FrameNode => n.type === "FRAME" && n.getSharedPluginData(NAMESPACE, "role") === "map",
  );
}

describe("generating a map through the message contract", () => {
  it("draws a map frame with a header, a column per stage and a row per visible lane", async () => {
    const plugin = await launchPlugin();
    const model = sampleJourney();
    const reply = await ask(plugin, { type: "generate-map", model });
    expect(reply.kind).toBe("generated");

    const [frame, ...others] = mapFrames(plugin.emulator.figma);
    expect(others).toHaveLength(0);
    expect(frame?.name).toBe(`Journey map — ${model.title}`);
    expect(frame?.layoutMode).toBe("VERTICAL");
    const stageHeaders = frame?.findAll((n) => n.getSharedPluginData(NAMESPACE, "role") === "stage-header") ?? [];
    expect(stageHeaders.map((n) => n.name)).toEqual(model.stages.map((s) => `Stage: ${s.name}`));
    const laneRows = frame?.findAll((n) => n.getSharedPluginData(NAMESPACE, "role") === "lane-row") ?? [];
    expect(laneRows.map((n) => n.name)).toEqual(model.lanes.filter((l) => l.visible).map((l) => `Lane: ${l.name}`));
    expect(frame?.findOne((n) => n.name === "Header")).not.toBeNull();
  });

  it("tags every node it makes with shared plugin data", async () => {
    const plugin = await launchPlugin();
    await ask(plugin, { type: "generate-map", model: sampleJourney() });
    const [frame] = mapFrames(plugin.emulator.figma);
    const untagged = frame?.findAll((n) => n.getSharedPluginData(NAMESPACE, "role") === "") ?? ["no frame"];
    expect(untagged).toEqual([]);
  });

  it("stores the model on the frame and reads it back unchanged", async () => {
    const plugin = await launchPlugin();
    const model = sampleJourney();
    const generated = await ask(plugin, { type: "generate-map", model });
    const frame = mapFrames(plugin.emulator.figma)[0];
    if (!frame || generated.kind !== "generated") throw new Error("no map frame");
    plugin.emulator.select([frame]);
    const read = await ask(plugin, { type: "read-map" });
    expect(read.kind).toBe("map-read");
    if (read.kind === "map-read") {
      expect(parseJourneyMap(read.model).ok).toBe(true);
      expect(read.model).toEqual(model);
    }
  });

  it("is one undo step, and loads each font once", async () => {
    const plugin = await launchPlugin();
    const stepsBefore = plugin.emulator.undo.steps;
    await ask(plugin, { type: "generate-map", model: sampleJourney() });
    expect(plugin.emulator.undo.steps - stepsBefore).toBe(1);
    expect(plugin.emulator.stats.fontLoadCalls).toBe(plugin.emulator.stats.fontsLoaded.size);
    expect([...plugin.emulator.stats.fontsLoaded].sort()).toEqual(["Inter Bold", "Inter Medium", "Inter Regular", "Inter Semi Bold"]);
  });

  it("answers a malformed request with a failure in words, and changes nothing", async () => {
    const plugin = await launchPlugin();
    const broken = { ...sampleJourney(), stages: "none" };
    plugin.emulator.panel.postMessage({ type: "generate-map", requestId: "x1", model: broken });
    await plugin.emulator.settle();
    const answer = plugin.emulator.panel.received.at(-1) as { type: string; message: string };
    expect(answer.type).toBe("failure");
    expect(answer.message).toMatch(/refused a message from the panel.*model\.stages/);
    expect(mapFrames(plugin.emulator.figma)).toHaveLength(0);
  });
});
