/**
 * The panel sends a journey to be drawn with its summary packed (shared/messages.ts
 * `SentJourneyMap`): the plugin must draw and store exactly what the same journey sent unpacked
 * gives, and refuse a damaged packed summary in words, drawing nothing.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { analyseJourney } from "../../shared/analysis";
import { compactJourney } from "../../shared/evidence";
import { parsePanelMessage, type SentJourneyMap } from "../../shared/messages";
import type { JourneyMap } from "../../shared/model";
import { packSummary, withPackedSummary } from "../../shared/summary-pack";
import { largeJourney } from "../../bench/large-journey";
import { storedJourney } from "../../ui/state/compact";
import { journeyMapArbitrary } from "../shared/arbitraries";
import { ask, launchPlugin } from "./harness";

function modelOf(raw: unknown): JourneyMap {
  const parsed = parsePanelMessage({ type: "generate-map", requestId: "r1", model: raw });
  if (!parsed.ok || parsed.message.type !== "generate-map") throw new Error(parsed.ok ? "not generate-map" : parsed.error);
  return parsed.message.model;
}

describe("a journey sent with its summary packed", () => {
  it("validates to exactly the journey sent unpacked", () => {
    fc.assert(
      fc.property(journeyMapArbitrary({ maxFeedback: 40 }), (map) => {
        const compact = compactJourney(map, { keepAllRows: 0, quotesPerCell: 1 });
        // Through JSON, as postMessage carries it.
        const packed: unknown = JSON.parse(JSON.stringify(withPackedSummary(compact)));
        expect(modelOf(packed)).toEqual(modelOf(JSON.parse(JSON.stringify(compact))));
      }),
      { numRuns: 60 },
    );
  });

  it("is refused in words when its packed summary is damaged or not one", () => {
    const map = compactJourney(largeJourney(300), { keepAllRows: 0, quotesPerCell: 1 });
    const packed = packSummary(map.summary ?? { strings: [], groups: [] });
    const rest: Omit<JourneyMap, "summary"> = { ...map };
    delete (rest as Partial<JourneyMap>).summary;
    const refusal = (model: unknown) => {
      const parsed = parsePanelMessage({ type: "generate-map", requestId: "r1", model });
      return parsed.ok ? "accepted" : parsed.error;
    };
    expect(refusal({ ...rest, packedSummary: { ...packed, groups: packed.groups.slice(0, -1) } })).toMatch(/model\.packedSummary: the packed summary is damaged: it is cut short/);
    expect(refusal({ ...rest, packedSummary: { ...packed, groups: `Q${packed.groups}` } })).toMatch(/model\.packedSummary: the packed summary is damaged near character 0/);
    expect(refusal({ ...rest, packedSummary: 5 })).toMatch(/model\.packedSummary: the packed summary is damaged: it is not a packed summary/);
    // Unpacked fine but naming a stage the journey lacks: refused by the journey's own checks.
    expect(refusal({ ...rest, stages: rest.stages.slice(1), touchpoints: rest.touchpoints.filter((t) => t.stageId !== rest.stages[0]?.id), packedSummary: packed })).toMatch(/unknown stage/);
  });

  it("draws and stores on the canvas what the journey sent unpacked does", { timeout: 60_000 }, async () => {
    const stored = await storedJourney(largeJourney(20_000), () => Promise.resolve());
    expect(stored.packed).not.toBeNull();
    const drawn = async (model: SentJourneyMap) => {
      const plugin = await launchPlugin();
      const generated = await ask(plugin, { type: "generate-map", model });
      if (generated.kind !== "generated") throw new Error(`unexpected reply ${generated.kind}`);
      plugin.emulator.select([plugin.emulator.getNode(generated.nodeId) as SceneNode]);
      const read = await ask(plugin, { type: "read-map" });
      if (read.kind !== "map-read") throw new Error(`unexpected reply ${read.kind}`);
      return { read: read.model, nodes: plugin.emulator.nodeCount, refused: plugin.refused };
    };
    const packed = await drawn(withPackedSummary(stored.model, stored.packed ?? undefined));
    const plain = await drawn(stored.model);
    expect(packed.refused).toEqual([]);
    expect(packed.nodes).toBe(plain.nodes);
    expect(packed.read).toEqual(plain.read);
    expect(analyseJourney(packed.read)).toEqual(analyseJourney(stored.model));
  });
});
