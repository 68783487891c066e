/**
 * Generating in FigJam, where the emulator (like FigJam, by the safe assumption) has no frames,
 * vectors or auto layout: the map is a section of sections, stickies, shapes with text, text and
 * connectors, tagged with the same keys as in Figma design, with the model on the top section.
 */
import { describe, expect, it } from "vitest";
import { analyseJourney } from "../../shared/analysis";
import type { JourneyMap } from "../../shared/model";
import { NAMESPACE, readModel } from "../../plugin/plugin-data";
import { formatNumber } from "../../plugin/render/format";
import { barLength, formatGap } from "../../plugin/render/gap-chart";
import { matrixDots } from "../../plugin/render/priority-matrix";
import { STARS, rated } from "../shared/builders";
import { userActs } from "./canvas-actions";
import { ask, launchPlugin, sampleJourney, type PluginUnderTest } from "./harness";

const keyOf = (node: BaseNode) => node.getSharedPluginData(NAMESPACE, "key");

function one<T extends SceneNode = SceneNode>(page: PageNode, key: string): T {
  const found = page.findAll((n) => keyOf(n) === key);
  if (found.length !== 1) throw new Error(`expected one node with key "${key}", found ${found.length}`);
  return found[0] as T;
}

function hex(paints: readonly Paint[] | typeof figma.mixed): string {
  if (typeof paints === "symbol" || paints[0]?.type !== "SOLID") return "none";
  const { r, g, b } = paints[0].color;
  return `#${[r, g, b].map((v) => Math.round(v * 255).toString(16).padStart(2, "0")).join("")}`.toUpperCase();
}

async function generate(plugin: PluginUnderTest, model: JourneyMap): Promise<void> {
  const reply = await ask(plugin, { type: "generate-map", model });
  expect(reply.kind).toBe("generated");
}

describe("a map in FigJam, as a designer would send it back", () => {
  it("wraps a long title within the map, moves the header down under it, and says so in an empty cell", async () => {
    const plugin = await launchPlugin({ editorType: "figjam" });
    const model = sampleJourney();
    await generate(plugin, model);
    const page = plugin.emulator.figma.currentPage;
    const section = () => page.children[0] as SectionNode;
    const width = section().width;
    const scopeY = one(page, "header/scope").y;
    await generate(plugin, { ...model, title: `${model.title}: first-time buyers on web and app, from the first search to the second order, on every channel we have` });
    const title = one<TextNode>(page, "header/title");
    expect(section().width).toBe(width);
    expect(title.x + title.width).toBeLessThanOrEqual(width - 64);
    expect(one(page, "header/scope").y).toBeGreaterThanOrEqual(title.y + title.height);
    expect(one(page, "header/scope").y).toBeGreaterThan(scopeY);
    const painLane = model.lanes.find((l) => l.kind === "painPoints");
    const empty = model.stages.find((s) => !model.painPoints.some((p) => p.stageId === s.id));
    if (!painLane || !empty) throw new Error("sample changed");
    const placeholder = one<TextNode>(page, `cell/${painLane.id}/${empty.id}/empty`);
    expect([placeholder.characters, placeholder.parent]).toEqual(["Nothing here yet", one(page, `cell/${painLane.id}/${empty.id}`)]);
    expect(one<TextNode>(page, "matrix/impact/name").characters).toBe("Impact");
  }, 20_000);
});

describe("a map in FigJam", () => {
  it("is a section holding the model, built only of node types FigJam has, every node tagged", async () => {
    const plugin = await launchPlugin({ editorType: "figjam" });
    const model = sampleJourney();
    await generate(plugin, model);
    const page = plugin.emulator.figma.currentPage;
    const [root, ...others] = page.children;
    expect(others.map((n) => [n.type, n.name])).toEqual([
      ["SECTION", "Priority matrix"],
      ["SECTION", "Gap chart"],
    ]);
    if (root?.type !== "SECTION") throw new Error(`the map is a ${root?.type}`);
    expect(root.name).toBe(`Journey map — ${model.title}`);
    expect(root.getSharedPluginData(NAMESPACE, "role")).toBe("map");
    const stored = readModel(root);
    expect(stored.ok && stored.model).toEqual(model);
    expect(root.getRelaunchData()).toEqual({ open: "Edit this journey map", rescore: "Re-rank its pain points after editing scores" });

    const nodes = root.findAll();
    const types = new Set(nodes.map((n) => n.type));
    expect([...types].sort()).toEqual(["CONNECTOR", "SECTION", "SHAPE_WITH_TEXT", "STICKY", "TEXT"]);
    const untagged = nodes.filter((n) => n.getSharedPluginData(NAMESPACE, "role") === "" || n.getSharedPluginData(NAMESPACE, "mapId") !== model.id);
    expect(untagged.map((n) => n.name)).toEqual([]);

    for (const stage of model.stages) expect(one(page, `stage/${stage.id}`).name).toBe(`Stage: ${stage.name}`);
    for (const lane of model.lanes)
      for (const stage of model.stages) {
        const cell = one(page, `cell/${lane.id}/${stage.id}`);
        expect([cell.type, cell.name, cell.getSharedPluginData(NAMESPACE, "role")]).toEqual(["SECTION", `${lane.name} · ${stage.name}`, "cell"]);
      }
  });

  it("makes a sticky per pain point in its quadrant's colour, its scores and rank tagged with the design map's keys", async () => {
    const plugin = await launchPlugin({ editorType: "figjam" });
    const model = sampleJourney();
    await generate(plugin, model);
    const page = plugin.emulator.figma.currentPage;
    const fills = { "quick win": "#E3F5E9", "major project": "#E4EDFF", "fill-in": "#F1F2F4", thankless: "#FDE8E5" };
    const painLane = model.lanes.find((l) => l.kind === "painPoints");
    for (const priority of analyseJourney(model).priorities) {
      const id = priority.painPointId;
      const p = model.painPoints.find((x) => x.id === id);
      const sticky = one<StickyNode>(page, `painPoint/${id}`);
      expect([sticky.type, sticky.name, sticky.text.characters, hex(sticky.fills)]).toEqual([
        "STICKY",
        `Pain point: ${priority.title}`,
        priority.title,
        fills[priority.quadrant],
      ]);
      expect([sticky.getSharedPluginData(NAMESPACE, "role"), sticky.getSharedPluginData(NAMESPACE, "entity")]).toEqual(["card", id]);
      expect(keyOf(sticky.parent as SceneNode)).toBe(`cell/${painLane?.id}/${p?.stageId}`);
      for (const [field, value] of Object.entries({ severity: p?.severity, frequency: priority.frequency, effort: p?.effort })) {
        const score = one<TextNode>(page, `painPoint/${id}/${field}`);
        expect([score.type, score.characters, score.parent]).toEqual(["TEXT", String(value), sticky.parent]);
        // Laid over the sticky's foot.
        expect(score.y).toBeGreaterThan(sticky.y + sticky.height / 2);
        expect(score.y + score.height).toBeLessThanOrEqual(sticky.y + sticky.height);
      }
      const rank = one<ShapeWithTextNode>(page, `painPoint/${id}/rank`);
      expect([rank.type, rank.text.characters, hex(rank.fills)]).toEqual(["SHAPE_WITH_TEXT", String(priority.rank), "#1F2329"]);
    }
  });

  it("joins the emotion points with connectors, and breaks where a stage has no emotion", async () => {
    const plugin = await launchPlugin({ editorType: "figjam" });
    const model: JourneyMap = {
      ...sampleJourney(),
      stages: [1, -1, null, 0.5, 2].map((emotion, i) => ({ id: `stage_${i}`, name: `Stage ${i}`, objective: "", emotion })),
      touchpoints: [],
      notes: [],
      feedback: [],
      painPoints: [],
      opportunities: [],
      kpis: [],
    };
    await generate(plugin, model);
    const page = plugin.emulator.figma.currentPage;
    const connectors = page.findAll((n) => n.type === "CONNECTOR") as ConnectorNode[];
    const ends = connectors.map((c) => {
      const start = c.connectorStart;
      const end = c.connectorEnd;
      const id = (e: ConnectorEndpoint) => ("endpointNodeId" in e ? keyOf(plugin.emulator.getNode(e.endpointNodeId ?? "") as BaseNode) : "");
      return [id(start), id(end)];
    });
    expect(ends).toEqual([
      ["emotion/stage_0/point", "emotion/stage_1/point"],
      ["emotion/stage_3/point", "emotion/stage_4/point"],
    ]);
    expect(page.findAll((n) => keyOf(n) === "emotion/stage_2/point")).toEqual([]);
    expect(hex(connectors[0]?.strokes ?? [])).toBe("#2F6FE4");
  });

  it("labels each emotion point with its value, the quiet 95% ± and what it rests on, as the design map does", async () => {
    const plugin = await launchPlugin({ editorType: "figjam" });
    const answer = (id: string, stageId: string, rating: number) => ({ ...rated(id, rating, STARS), stageId });
    const model: JourneyMap = {
      ...sampleJourney(),
      stages: [null, null, 1, null].map((emotion, i) => ({ id: `stage_${i}`, name: `Stage ${i}`, objective: "", emotion })),
      touchpoints: [],
      notes: [],
      // Stage 0: 4, 4, 5, 5 stars → +1.5 ± 4 · t₀.₉₇₅,₃ · 0.144338 / √4 = 0.92; stage 1: one rating, no interval;
      // stage 2: set by hand (its ratings do not count); stage 3: nothing.
      feedback: [answer("f1", "stage_0", 4), answer("f2", "stage_0", 4), answer("f3", "stage_0", 5), answer("f4", "stage_0", 5), answer("f5", "stage_1", 2), answer("f6", "stage_2", 1), answer("f7", "stage_2", 5)],
      painPoints: [],
      opportunities: [],
      kpis: [],
    };
    await generate(plugin, model);
    const page = plugin.emulator.figma.currentPage;
    const label = (id: string) => {
      const node = one(page, `emotion/${id}/label`);
      return node.type === "TEXT" ? node.characters : node.type === "SHAPE_WITH_TEXT" ? node.text.characters : node.type;
    };
    expect(["stage_0", "stage_1", "stage_2", "stage_3"].map(label)).toEqual(["+1.5 ± 0.9 · 4 responses", "−1.0 · 1 response", "+1.0 · set by hand", "No data"]);
  });

  it("updates the same nodes when generated again, and loads each font once", async () => {
    const plugin = await launchPlugin({ editorType: "figjam" });
    const model = sampleJourney();
    await generate(plugin, model);
    const page = plugin.emulator.figma.currentPage;
    const sticky = one<StickyNode>(page, "painPoint/pp_promo_code");
    const changed = structuredClone(model);
    const promo = changed.painPoints.find((p) => p.id === "pp_promo_code");
    if (promo) {
      promo.title = "Promo codes fail without a reason";
      promo.effort = 4;
    }
    await generate(plugin, changed);
    expect(page.children).toHaveLength(3);
    expect(one(page, "painPoint/pp_promo_code")).toBe(sticky);
    expect(sticky.text.characters).toBe("Promo codes fail without a reason");
    expect(one<TextNode>(page, "painPoint/pp_promo_code/effort").characters).toBe("4");
    expect(hex(sticky.fills)).toBe("#E4EDFF");
    expect(plugin.emulator.stats.fontLoadCalls).toBe(plugin.emulator.stats.fontsLoaded.size);
    expect(plugin.emulator.undo.steps).toBe(2);
  });

  it("draws the priority matrix and the gap chart as sections beside the map, of shapes with text and text", async () => {
    const plugin = await launchPlugin({ editorType: "figjam" });
    const model = sampleJourney();
    await generate(plugin, model);
    const page = plugin.emulator.figma.currentPage;
    const [map, matrix, gapChart] = page.children as SectionNode[];
    if (map === undefined || matrix === undefined || gapChart === undefined) throw new Error("a section is missing");
    // Right of the map, 80 apart, tops level; the gap chart under the matrix.
    expect([matrix.x, matrix.y]).toEqual([map.x + map.width + 80, map.y]);
    expect([gapChart.x, gapChart.y]).toEqual([matrix.x, matrix.y + matrix.height + 32]);
    for (const [section, key, role] of [
      [matrix, "matrix", "matrix"],
      [gapChart, "gapChart", "gap-chart"],
    ] as const) {
      expect([keyOf(section), section.getSharedPluginData(NAMESPACE, "role"), section.getSharedPluginData(NAMESPACE, "mapId")]).toEqual([key, role, model.id]);
      const nodes = section.findAll();
      expect([...new Set(nodes.map((n) => n.type))].sort()).toEqual(["SHAPE_WITH_TEXT", "TEXT"]);
      expect(nodes.filter((n) => n.getSharedPluginData(NAMESPACE, "mapId") !== model.id || !keyOf(n).startsWith(`${key}/`)).map((n) => n.name)).toEqual([]);
    }

    const quadrants = matrix.findAll((n) => /^matrix\/quadrant\/[^/]+$/.test(keyOf(n))) as ShapeWithTextNode[];
    expect(quadrants.map((q) => [q.name, hex(q.fills)])).toEqual([
      ["Quadrant: Quick wins", "#E3F5E9"],
      ["Quadrant: Major projects", "#E4EDFF"],
      ["Quadrant: Fill-ins", "#F1F2F4"],
      ["Quadrant: Thankless tasks", "#FDE8E5"],
    ]);
    expect(one<TextNode>(page, "matrix/quadrant/quick-win/caption").characters).toBe("High impact · low effort");

    const analysis = analyseJourney(model);
    const dots = matrix.findAll((n) => n.type === "SHAPE_WITH_TEXT" && n.getSharedPluginData(NAMESPACE, "entity") !== "");
    expect(dots).toHaveLength(model.painPoints.length);
    const plot = one(page, "matrix/quadrant/quick-win");
    for (const { priority, x, y } of matrixDots(analysis.priorities)) {
      const dot = one<ShapeWithTextNode>(page, `matrix/${priority.painPointId}`);
      expect([dot.shapeType, dot.text.characters, dot.name, hex(dot.fills)]).toEqual(["ELLIPSE", String(priority.rank), `${priority.rank} · ${priority.title}`, "#1F2329"]);
      // Placed by effort (x) and impact (y) in the plot, as in Figma design.
      expect([dot.x + dot.width / 2 - plot.x, dot.y + dot.height / 2 - plot.y]).toEqual([x, y]);
    }

    for (const stage of analysis.stages) {
      for (const measure of ["importance", "performance"] as const) {
        const value = stage[measure];
        const shown = one<TextNode>(page, `gapChart/${stage.stageId}/${measure}/value`).characters;
        if (value === null) {
          expect(shown).toBe("no data");
          expect(page.findAll((n) => keyOf(n) === `gapChart/${stage.stageId}/${measure}/bar`)).toEqual([]);
        } else {
          const bar = one<ShapeWithTextNode>(page, `gapChart/${stage.stageId}/${measure}/bar`);
          expect([bar.type, bar.width, shown]).toEqual(["SHAPE_WITH_TEXT", barLength(value), formatNumber(value)]);
        }
      }
      expect(one<TextNode>(page, `gapChart/${stage.stageId}/name`).characters).toBe(stage.name);
      expect(one<TextNode>(page, `gapChart/${stage.stageId}/gap/value`).characters).toBe(stage.gap === null ? "–" : formatGap(stage.gap, model.settings.gapThreshold));
      expect(one<TextNode>(page, `gapChart/${stage.stageId}/gap/verdict`).characters).toBe(
        stage.gap === null ? "no data" : stage.gap > model.settings.gapThreshold ? "not met" : "met",
      );
    }
    expect(analysis.stages.some((s) => s.importance !== null && s.performance !== null)).toBe(true);
  });

  it("draws nothing twice when generated again, and puts a moved matrix back beside the map", async () => {
    const plugin = await launchPlugin({ editorType: "figjam" });
    const model = sampleJourney();
    await generate(plugin, model);
    const page = plugin.emulator.figma.currentPage;
    const count = page.findAll().length;
    const matrix = one<SectionNode>(page, "matrix");
    const dot = one(page, `matrix/${model.painPoints[0]?.id}`);
    const at = [matrix.x, matrix.y];
    userActs(plugin.emulator, () => {
      matrix.x += 500;
    });
    await generate(plugin, model);
    expect(page.findAll().length).toBe(count);
    expect(page.children).toHaveLength(3);
    expect(one(page, "matrix")).toBe(matrix);
    expect(one(page, `matrix/${model.painPoints[0]?.id}`)).toBe(dot);
    expect([matrix.x, matrix.y]).toEqual(at);
  });
});
