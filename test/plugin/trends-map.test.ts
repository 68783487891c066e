/**
 * The change beside each stage's figures on the generated map (shared/trends.ts): written only
 * where it is significant at 95%, named "Change", and redrawn when the period setting changes.
 */
import { describe, expect, it } from "vitest";
import { SCHEMA_VERSION, type Feedback, type JourneyMap } from "../../shared/model";
import { NAMESPACE } from "../../plugin/plugin-data";
import { ask, launchPlugin, sampleJourney } from "./harness";

const keyOf = (node: BaseNode) => node.getSharedPluginData(NAMESPACE, "key");

function rows(prefix: string, stageId: string, date: string, ratings: number[]): Feedback[] {
  return ratings.map((rating, i) => ({
    id: `${prefix}_${i}`,
    kind: "survey",
    rating,
    scale: { min: 1, max: 5 },
    text: "",
    date,
    source: "test",
    stageId,
    touchpointId: null,
    personaId: null,
  }));
}

const times = (n: number, rating: number) => Array<number>(n).fill(rating);

/** Checkout: CSAT 40 % in March, 70 % in April (50 answers each: z = 3.02, real), performance 2.8 → 4.4. Delivery: 60 % → 40 % of 5 (z = −0.63, noise). */
function journey(): JourneyMap {
  const model = sampleJourney();
  return {
    ...model,
    schemaVersion: SCHEMA_VERSION,
    painPoints: [],
    opportunities: [],
    feedback: [
      ...rows("checkout_mar", "stage_checkout", "2026-03-10", [...times(20, 4), ...times(30, 2)]),
      ...rows("checkout_apr", "stage_checkout", "2026-04-20", [...times(35, 5), ...times(15, 3)]),
      ...rows("delivery_mar", "stage_delivery", "2026-03-11", [5, 4, 4, 1, 2]),
      ...rows("delivery_apr", "stage_delivery", "2026-04-12", [5, 4, 1, 2, 2]),
    ],
    settings: { ...model.settings, trendPeriod: "month" },
  };
}

describe("changes on the map", () => {
  it("shows ▲ with the figure and the period beside a stage whose change is real, and nothing beside noise", async () => {
    const plugin = await launchPlugin();
    const reply = await ask(plugin, { type: "generate-map", model: journey() });
    expect(reply.kind).toBe("generated");
    const page = plugin.emulator.figma.currentPage;
    const changes = page.findAll((n) => keyOf(n).endsWith("/change"));
    expect(changes.map((n) => keyOf(n))).toEqual(["stage/stage_checkout/change"]);
    const change = changes[0] as TextNode;
    expect(change.name).toBe("Change");
    expect(change.characters).toBe("▲ CSAT +30 pts · ▲ Performance +1.6 vs Mar 2026");
    // It sits in the stage's header, under its name.
    const header = page.findOne((n) => keyOf(n) === "stage/stage_checkout") as FrameNode;
    expect(header.children.map((n) => n.name)).toEqual(["Step and data", "Stage name", "Objective", "Change"]);
    // A rise everywhere is written in the green tag's text colour.
    const fill = (change.fills as SolidPaint[])[0]?.color;
    expect([fill?.r, fill?.g, fill?.b].map((v) => Math.round((v ?? 0) * 255))).toEqual([0x1b, 0x6e, 0x3d]);
  });

  it("takes the change away when the period no longer shows one", async () => {
    const plugin = await launchPlugin();
    await ask(plugin, { type: "generate-map", model: journey() });
    // By week (also what "auto" picks for 42 days), April's week follows an empty week: no change to show.
    const weekly = { ...journey(), settings: { ...journey().settings, trendPeriod: "week" as const } };
    expect((await ask(plugin, { type: "generate-map", model: weekly })).kind).toBe("generated");
    const page = plugin.emulator.figma.currentPage;
    expect(page.findAll((n) => keyOf(n).endsWith("/change"))).toEqual([]);
  });
});
