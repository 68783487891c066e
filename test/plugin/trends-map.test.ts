/**
 * The change beside each stage's figures on the generated map (shared/trends.ts): written only
 * where it is significant at 95%, named "Change", and redrawn when the period setting changes.
 */
import { describe, expect, it } from "vitest";
import { SCHEMA_VERSION, type Feedback, type JourneyMap } from "../../shared/model";
import { NAMESPACE } from "../../plugin/plugin-data";
import { localDay } from "../../shared/kpi-history";
import { generate, readMap, textByKey } from "./canvas-actions";
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
    expect(header.children.map((n) => n.name)).toEqual(["Step and data", "Stage name", "Objective", "Figures", "Change"]);
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

describe("an emotion curve per persona", () => {
  /** Two stages; Maya rates 5★ then 1★ (emotion +2, −2), Daniel 3★ at both (0); Priya has no feedback. */
  function personaJourney(emotionByPersona: boolean): JourneyMap {
    const model = sampleJourney();
    const rated = (id: string, personaId: string, stageId: string, rating: number): Feedback => ({ ...rows(id, stageId, "2026-05-01", [rating])[0]!, personaId });
    const stages = model.stages.slice(0, 2);
    const [first, second] = stages.map((s) => s.id) as [string, string];
    return {
      ...model,
      schemaVersion: SCHEMA_VERSION,
      stages,
      touchpoints: [],
      notes: [],
      painPoints: [],
      opportunities: [],
      kpis: [],
      feedback: [rated("m1", "persona_maya", first, 5), rated("m2", "persona_maya", second, 1), rated("d1", "persona_daniel", first, 3), rated("d2", "persona_daniel", second, 3)],
      settings: { ...model.settings, emotionByPersona },
    };
  }

  it("draws a line and points per persona with feedback, in its own colour, named in a legend under the lane's name", async () => {
    const plugin = await launchPlugin();
    const model = personaJourney(true);
    expect((await ask(plugin, { type: "generate-map", model })).kind).toBe("generated");
    const page = plugin.emulator.figma.currentPage;
    const lane = model.lanes.find((l) => l.kind === "emotions")!;
    const curve = page.findOne((n) => keyOf(n) === `lane/${lane.id}/curve`) as FrameNode;
    const lines = curve.children.filter((n) => n.type === "VECTOR").map((n) => n.name);
    expect(lines).toEqual(["Emotion curve: Maya Lindqvist", "Emotion curve: Daniel Okafor", "Line"]);
    // Points: 8 px, centred on the stage column (140, then 140 + 280 + gap) at y = 32 + (2 − v)/4 · 128.
    const point = (persona: string, stageId: string) => curve.findOne((n) => keyOf(n) === `emotion/${lane.id}/persona/${persona}/${stageId}`) as EllipseNode;
    const [first, second] = model.stages.map((s) => s.id) as [string, string];
    expect([point("persona_maya", first).x, point("persona_maya", first).y, point("persona_maya", first).width]).toEqual([136, 28, 8]);
    expect(point("persona_maya", second).y).toBe(156);
    expect(point("persona_daniel", second).y).toBe(92);
    const label = page.findOne((n) => keyOf(n) === `lane/${lane.id}/label`) as FrameNode;
    expect(label.children.map((n) => n.name)).toEqual(["Lane name", "Legend: Maya Lindqvist", "Legend: Daniel Okafor"]);
    const swatch = (persona: string) => (page.findOne((n) => keyOf(n) === `lane/${lane.id}/legend/${persona}/swatch`) as RectangleNode).fills as SolidPaint[];
    const line = (name: string) => (curve.children.find((n) => n.name === name) as VectorNode).strokes as SolidPaint[];
    expect(swatch("persona_maya")[0]?.color).toEqual(line("Emotion curve: Maya Lindqvist")[0]?.color);
    expect(swatch("persona_maya")[0]?.color).not.toEqual(swatch("persona_daniel")[0]?.color);
  });

  it("draws none without the option, and takes them away when it is turned off", async () => {
    const plugin = await launchPlugin();
    await ask(plugin, { type: "generate-map", model: personaJourney(true) });
    expect((await ask(plugin, { type: "generate-map", model: personaJourney(false) })).kind).toBe("generated");
    const page = plugin.emulator.figma.currentPage;
    expect(page.findAll((n) => n.name.startsWith("Emotion curve: ") || n.name.startsWith("Legend: Maya"))).toEqual([]);
    expect(page.findAll((n) => n.type === "VECTOR" && n.name === "Line")).toHaveLength(1);
  });
});

describe("a KPI's history on the canvas", () => {
  it("adds a current value typed on the map to the KPI's history, with today's date", async () => {
    const plugin = await launchPlugin();
    const model: JourneyMap = { ...sampleJourney(), schemaVersion: SCHEMA_VERSION };
    const frame = await generate(plugin, model);
    plugin.emulator.userEditText(textByKey(frame, "kpi/kpi_checkout_abandonment/values"), "70,5 / 65 %");
    const read = await readMap(plugin);
    expect(read.problems).toEqual([]);
    // The sample's cart abandonment: 77.5, 76.1, 74.8, 74 on the first of July … October 2026.
    expect(read.model.kpis.find((k) => k.id === "kpi_checkout_abandonment")).toMatchObject({
      current: 70.5,
      target: 65,
      history: [
        { date: "2026-07-01", value: 77.5 },
        { date: "2026-08-01", value: 76.1 },
        { date: "2026-09-01", value: 74.8 },
        { date: "2026-10-01", value: 74 },
        { date: localDay(), value: 70.5 },
      ],
    });
  });
});

describe("changes on a FigJam map", () => {
  it("writes a real change under the stage's data backing and moves the objective and lanes down to make room", async () => {
    const plugin = await launchPlugin({ editorType: "figjam" });
    expect((await ask(plugin, { type: "generate-map", model: journey() })).kind).toBe("generated");
    const page = plugin.emulator.figma.currentPage;
    const changes = page.findAll((n) => keyOf(n).endsWith("/change"));
    expect(changes.map((n) => keyOf(n))).toEqual(["stage/stage_checkout/change"]);
    expect((changes[0] as TextNode).characters).toBe("▲ CSAT +30 pts · ▲ Performance +1.6 vs Mar 2026");
    const y = (key: string) => (page.findOne((n) => keyOf(n) === key) as SceneNode).y;
    const backing = y("stage/stage_checkout/backing");
    // Backing at +64, the change at +84, objectives 40 lower than without a change (+124).
    expect(y("stage/stage_checkout/change") - backing).toBe(20);
    expect(y("stage/stage_checkout/objective") - backing).toBe(60);

    const quiet = await launchPlugin({ editorType: "figjam" });
    const weekly = { ...journey(), settings: { ...journey().settings, trendPeriod: "week" as const } };
    expect((await ask(quiet, { type: "generate-map", model: weekly })).kind).toBe("generated");
    const calm = quiet.emulator.figma.currentPage;
    expect(calm.findAll((n) => keyOf(n).endsWith("/change"))).toEqual([]);
    const at = (key: string) => (calm.findOne((n) => keyOf(n) === key) as SceneNode).y;
    expect(at("stage/stage_checkout/objective") - at("stage/stage_checkout/backing")).toBe(20);
  });
});

describe("a KPI's history when the panel updates a map edited on the canvas", () => {
  it("takes the history with the current value typed on the canvas, as one value from the canvas", async () => {
    const plugin = await launchPlugin();
    const model: JourneyMap = { ...sampleJourney(), schemaVersion: SCHEMA_VERSION };
    const frame = await generate(plugin, model);
    plugin.emulator.userEditText(textByKey(frame, "kpi/kpi_checkout_abandonment/values"), "70,5 / 65 %");
    const reply = await ask(plugin, { type: "generate-map", model: { ...model, title: "Northwind, revised" } });
    expect(reply).toMatchObject({ kind: "generated", fromCanvas: 1 });
    const kpi = (await readMap(plugin)).model.kpis.find((k) => k.id === "kpi_checkout_abandonment");
    expect(kpi?.current).toBe(70.5);
    expect(kpi?.history.at(-1)).toEqual({ date: localDay(), value: 70.5 });
    expect(kpi?.history).toHaveLength(5);
  });
});
