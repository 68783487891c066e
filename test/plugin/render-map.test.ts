/**
 * The generated map as MAP_DESIGN.md draws it, through the message contract against the emulator:
 * named layers, the header, the pain-point card contract that reading back relies on, the emotion
 * curve and its breaks, the priority matrix, the gap chart, the frames beside the map, and what
 * re-generation keeps.
 */
import fc from "fast-check";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { analyseJourney } from "../../shared/analysis";
import type { ReplyResult } from "../../shared/messages";
import type { JourneyMap } from "../../shared/model";
import { NAMESPACE } from "../../plugin/plugin-data";
import { formatMargin, formatSigned } from "../../plugin/render/format";
import { formatGap, gapChartSubtitle } from "../../plugin/render/gap-chart";
import { matrixPosition, matrixQuadrants } from "../../plugin/render/priority-matrix";
import { longestIncreasingRun } from "../../plugin/render/reconcile";
import { STARS, rated } from "../shared/builders";
import { ask, launchPlugin, sampleJourney, type PluginUnderTest } from "./harness";

const keyOf = (node: BaseNode) => node.getSharedPluginData(NAMESPACE, "key");

function all(page: PageNode, key: string): SceneNode[] {
  return page.findAll((n) => keyOf(n) === key);
}

function one<T extends SceneNode = SceneNode>(page: PageNode, key: string): T {
  const found = all(page, key);
  if (found.length !== 1) throw new Error(`expected one node with key "${key}", found ${found.length}`);
  return found[0] as T;
}

function text(page: PageNode, key: string): string {
  const node = one(page, key);
  if (node.type !== "TEXT") throw new Error(`"${key}" is a ${node.type}`);
  return node.characters;
}

/** An emotion point's label as it reads: its text layers, side by side. */
function emotionText(page: PageNode, stageId: string): string {
  const label = one<FrameNode>(page, `emotion/${stageId}/label`);
  return label.children.map((child) => (child.type === "TEXT" ? child.characters : "")).join(" ");
}

function hex(paints: readonly Paint[] | typeof figma.mixed): string {
  if (typeof paints === "symbol" || paints[0]?.type !== "SOLID") return "none";
  const { r, g, b } = paints[0].color;
  return `#${[r, g, b].map((v) => Math.round(v * 255).toString(16).padStart(2, "0")).join("")}`.toUpperCase();
}

function box(node: SceneNode): Rect {
  const b = node.absoluteBoundingBox;
  if (b === null) throw new Error(`${node.name} has no box`);
  return b;
}

async function generate(plugin: PluginUnderTest, model: JourneyMap): Promise<ReplyResult> {
  const reply = await ask(plugin, { type: "generate-map", model });
  expect(reply.kind).toBe("generated");
  return reply;
}

/** The sample journey drawn on a fresh emulator's page. */
async function drawnSample(): Promise<{ plugin: PluginUnderTest; model: JourneyMap; page: PageNode }> {
  const plugin = await launchPlugin();
  const model = sampleJourney();
  await generate(plugin, model);
  return { plugin, model, page: plugin.emulator.figma.currentPage };
}

function mapFrame(page: PageNode): FrameNode {
  return one<FrameNode>(page, "map");
}

/** A small journey whose stages carry hand-set emotions, one of them none. */
function journeyWithEmotions(emotions: (number | null)[]): JourneyMap {
  const model = sampleJourney();
  const stages = emotions.map((emotion, i) => ({ id: `stage_${i}`, name: `Stage ${i}`, objective: "", emotion }));
  return {
    ...model,
    stages,
    touchpoints: [],
    notes: [],
    feedback: [],
    painPoints: [],
    opportunities: [],
    kpis: [],
  };
}

beforeEach(() => {
  vi.useFakeTimers({ toFake: ["Date"] });
  vi.setSystemTime(new Date(2026, 10, 22, 12, 0));
});
afterEach(() => {
  vi.useRealTimers();
});

describe("the generated map", () => {
  it("names its layers as an outline: map, header, stages, lanes, cells, cards, curve, and the frames beside it", async () => {
    const { model, page } = await drawnSample();
    const frame = mapFrame(page);
    expect(frame.name).toBe(`Journey map — ${model.title}`);
    expect([frame.layoutMode, frame.paddingTop, frame.itemSpacing, frame.cornerRadius]).toEqual(["VERTICAL", 48, 32, 16]);
    expect(one(page, "header").name).toBe("Header");
    for (const stage of model.stages) expect(one(page, `stage/${stage.id}`).name).toBe(`Stage: ${stage.name}`);
    for (const lane of model.lanes) {
      expect(one(page, `lane/${lane.id}`).name).toBe(`Lane: ${lane.name}`);
      for (const stage of model.stages) expect(one(page, `cell/${lane.id}/${stage.id}`).name).toBe(`${lane.name} · ${stage.name}`);
    }
    for (const p of model.painPoints) expect(one(page, `painPoint/${p.id}`).name).toBe(`Pain point: ${p.title}`);
    const emotions = model.lanes.find((l) => l.kind === "emotions");
    expect(one(page, `lane/${emotions?.id}/curve`).name).toBe("Emotion curve");
    const besides = page.children.filter((n) => n !== frame).map((n) => n.name);
    expect(besides).toEqual([
      "Priority matrix",
      "Gap chart",
      ...model.personas.filter((p) => p.onMap).map((p) => `Persona: ${p.name}`),
    ]);
    // Every node the plugin made, beside the map too, carries its tag.
    const untagged = page.findAll().filter((n) => n.getSharedPluginData(NAMESPACE, "role") === "" || n.getSharedPluginData(NAMESPACE, "mapId") !== model.id);
    expect(untagged.map((n) => n.name)).toEqual([]);
    // Auto layout throughout, but for the plots.
    const plots = new Set(["Emotion curve", "Plot"]);
    const withoutLayout = frame
      .findAll((n) => n.type === "FRAME" && n.layoutMode === "NONE")
      .filter((n) => !plots.has(n.name) && !plots.has(n.parent?.name ?? ""));
    expect(withoutLayout.map((n) => n.name)).toEqual([]);
  });

  it("keeps to the type scale and the 8 px grid: Inter in four styles, sizes from the scale", async () => {
    const plugin = await launchPlugin();
    await generate(plugin, sampleJourney());
    const page = plugin.emulator.figma.currentPage;
    const texts = page.findAll((n) => n.type === "TEXT") as TextNode[];
    const sizes = new Set(texts.map((t) => t.fontSize));
    expect([...sizes].sort((a, b) => Number(a) - Number(b))).toEqual([11, 13, 14, 16, 20, 32]);
    const fonts = new Set(texts.map((t) => (t.fontName as FontName).style));
    expect([...fonts].sort()).toEqual(["Bold", "Medium", "Regular", "Semi Bold"]);
    const frames = page.findAll((n) => n.type === "FRAME" && n.layoutMode !== "NONE") as FrameNode[];
    const offGrid = frames.filter((f) => [f.paddingTop, f.paddingLeft, f.itemSpacing].some((v) => v % 2 !== 0));
    expect(offGrid.map((f) => f.name)).toEqual([]);
  });

  it("shows title, scope, personas as chips, the state, the date it was generated and a legend in the header", async () => {
    const plugin = await launchPlugin();
    const model = { ...sampleJourney(), state: "future" as const };
    await generate(plugin, model);
    const page = plugin.emulator.figma.currentPage;
    expect(text(page, "header/title")).toBe(model.title);
    expect(text(page, "header/scope")).toBe(`${model.scope.product} · ${model.scope.goal}`);
    expect(text(page, "header/state/text")).toBe("Future state");
    expect(text(page, "header/date")).toBe("Generated 22 Nov 2026");
    for (const persona of model.personas.filter((p) => p.onMap)) {
      const chip = one<FrameNode>(page, `header/persona/${persona.id}`);
      expect([chip.type, chip.cornerRadius, text(page, `header/persona/${persona.id}/name`)]).toEqual(["FRAME", 12, persona.name]);
    }
    const legend = ["quick-win", "major-project", "fill-in", "thankless"].map((q) => text(page, `header/legend/${q}/label`));
    expect(legend).toEqual(["Quick win", "Major project", "Fill-in", "Thankless"]);
    expect(hex((one(page, "header/legend/quick-win/swatch") as RectangleNode).fills)).toBe("#E3F5E9");
  });

  it("heads each stage with its name, objective and data backing", async () => {
    const plugin = await launchPlugin();
    const model = sampleJourney();
    // A stage without any feedback has no data.
    model.stages.push({ id: "stage_referral", name: "Referral", objective: "Bring a friend", emotion: null });
    await generate(plugin, model);
    const page = plugin.emulator.figma.currentPage;
    const analysis = analyseJourney(model);
    for (const stage of analysis.stages) {
      expect(text(page, `stage/${stage.stageId}/name`)).toBe(stage.name);
      const badge = text(page, `stage/${stage.stageId}/backing/text`);
      expect(badge).toBe(stage.backing === "none" ? "no data" : `${stage.backing} · ${stage.responses} responses`);
    }
    expect(text(page, "stage/stage_referral/backing/text")).toBe("no data");
    expect(text(page, "stage/stage_referral/objective")).toBe("Bring a friend");
  });
});

/** The height a vertical auto-layout frame's content asks for: padding, in-flow children, gaps. */
function contentHeight(frame: FrameNode): number {
  const kids = frame.children.filter((c) => c.visible && !("layoutPositioning" in c && c.layoutPositioning === "ABSOLUTE"));
  return frame.paddingTop + frame.paddingBottom + kids.reduce((sum, c) => sum + c.height, 0) + Math.max(kids.length - 1, 0) * frame.itemSpacing;
}

function byRole(page: PageNode, role: string): FrameNode[] {
  return page.findAll((n) => n.type === "FRAME" && n.getSharedPluginData(NAMESPACE, "role") === role) as FrameNode[];
}

describe("the map under Figma's auto-layout rules", () => {
  it("never asks a frame to hug children that all fill it; each row is as tall as its fullest cell and no taller", async () => {
    const { plugin, model, page } = await drawnSample();
    expect([...plugin.emulator.stats.collapsedHugs]).toEqual([]);
    const rows = [...byRole(page, "stage-row"), ...byRole(page, "lane-row")];
    expect(rows.length).toBe(1 + model.lanes.filter((l) => l.visible).length);
    for (const row of rows) {
      const label = row.children[0] as FrameNode;
      const cells = row.children.slice(1).filter((c): c is FrameNode => c.type === "FRAME" && c.layoutMode === "VERTICAL");
      if (cells.length === 0) continue; // the emotion lane: one fixed-height plot
      expect(cells).toHaveLength(model.stages.length);
      const fullest = Math.max(...cells.map(contentHeight));
      for (const cell of cells) {
        expect(cell.height).toBe(Math.ceil(fullest - 0.01));
        // FIXED, not FILL in a hugging row: that is what Figma refuses.
        expect(cell.layoutSizingVertical).toBe("FIXED");
      }
      expect(row.height).toBe(cells[0]?.height);
      expect([label.layoutSizingVertical, label.height]).toEqual(["FILL", row.height]);
    }
  }, 20_000);

  it("follows the cards on Update map: a cell that gets a card grows its lane, and shrinks it again when the card goes", async () => {
    const { plugin, model, page } = await drawnSample();
    const lane = model.lanes.find((l) => l.kind === "kpis");
    const stage = model.stages[0];
    if (!lane || !stage) throw new Error("sample changed");
    const row = one<FrameNode>(page, `lane/${lane.id}`);
    const before = row.height;
    const more = structuredClone(model);
    const kpi = more.kpis.find((k) => k.stageId === stage.id);
    if (!kpi) throw new Error("sample changed");
    for (const n of [1, 2, 3]) more.kpis.push({ ...kpi, id: `${kpi.id}_${n}`, name: `${kpi.name} ${n}` });
    const grown = await generate(plugin, more);
    expect(grown.kind === "generated" && grown.updated).toBeGreaterThan(0);
    const cell = one<FrameNode>(page, `cell/${lane.id}/${stage.id}`);
    expect(row.height).toBeGreaterThan(before);
    expect(cell.height).toBe(Math.ceil(contentHeight(cell) - 0.01));
    const shrunk = await ask(plugin, { type: "generate-map", model, deletedCards: "drop" });
    expect(shrunk.kind === "generated" && shrunk.removed).toBe(3);
    expect(row.height).toBe(before);
    expect([...plugin.emulator.stats.collapsedHugs]).toEqual([]);
  }, 20_000);

  it("wraps a long title within the grid: the map is no wider than with a short one", async () => {
    const { plugin, model, page } = await drawnSample();
    const width = mapFrame(page).width;
    const grid = one<FrameNode>(page, "grid");
    const shortTitle = one<TextNode>(page, "header/title").height;
    const long = { ...model, title: `${model.title}: first-time buyers on web and app, from the first search to the second order, across all channels` };
    await generate(plugin, long);
    const title = one<TextNode>(page, "header/title");
    expect(mapFrame(page).width).toBe(width);
    expect(mapFrame(page).width).toBe(grid.width + 2 * 48);
    expect(title.width).toBe(grid.width);
    expect(title.height).toBeGreaterThan(shortTitle);
  }, 20_000);

  it("gives an empty cell a quiet placeholder, and a cell with cards none", async () => {
    const { model, page } = await drawnSample();
    const painLane = model.lanes.find((l) => l.kind === "painPoints");
    if (!painLane) throw new Error("sample changed");
    for (const stage of model.stages) {
      const cell = one<FrameNode>(page, `cell/${painLane.id}/${stage.id}`);
      const placeholder = all(page, `cell/${painLane.id}/${stage.id}/empty`);
      if (model.painPoints.some((p) => p.stageId === stage.id)) expect(placeholder).toEqual([]);
      else {
        expect(placeholder).toHaveLength(1);
        const label = placeholder[0] as TextNode;
        expect([label.parent, label.characters, label.fontSize, hex(label.fills)]).toEqual([cell, "Nothing here yet", 11, "#646D79"]);
      }
    }
  }, 20_000);

  it("heads every stage in the same tint: an order is not a rank", async () => {
    const { model, page } = await drawnSample();
    const fills = new Set(model.stages.map((s) => hex(one<FrameNode>(page, `stage/${s.id}`).fills)));
    expect([...fills]).toEqual(["#EDF3FD"]);
  }, 20_000);

  it("lays touchpoint cards out alike with and without performance data", async () => {
    const plugin = await launchPlugin();
    const model = sampleJourney();
    const stage = model.stages[0];
    const measured = model.touchpoints.find((t) => t.stageId === stage?.id);
    if (!stage || !measured) throw new Error("sample changed");
    model.touchpoints.push({ ...measured, id: "tp_unmeasured", name: measured.name });
    await generate(plugin, model);
    const page = plugin.emulator.figma.currentPage;
    const layoutOf = (id: string) => {
      const card = one<FrameNode>(page, `touchpoint/${id}`);
      return { card, parts: card.children.map((c) => keyOf(c).replace(id, "<id>")), height: card.height };
    };
    const withData = layoutOf(measured.id);
    const without = layoutOf("tp_unmeasured");
    expect(text(page, `touchpoint/${measured.id}/measures`)).toMatch(/· performance \d/);
    expect(text(page, "touchpoint/tp_unmeasured/measures")).toMatch(/· no performance data$/);
    expect(without.parts).toEqual(withData.parts);
    expect(withData.parts).toEqual(["touchpoint/<id>/name", "touchpoint/<id>/meta", "touchpoint/<id>/measures"]);
    expect(without.height).toBe(withData.height);
  }, 20_000);
});

describe("pain-point cards (the contract reading back relies on)", () => {
  it("carry title, severity, frequency and effort as their own text layers, a rank badge and the quadrant's colours", async () => {
    const { model, page } = await drawnSample();
    const painLane = model.lanes.find((l) => l.kind === "painPoints");
    const priorities = analyseJourney(model).priorities;
    const colours = {
      "quick win": ["#E3F5E9", "#2E9E5B"],
      "major project": ["#E4EDFF", "#2F6FE4"],
      "fill-in": ["#F1F2F4", "#8A94A3"],
      thankless: ["#FDE8E5", "#D9534F"],
    };
    expect(priorities.some((p) => p.frequencyDerived)).toBe(true);
    for (const priority of priorities) {
      const id = priority.painPointId;
      const p = model.painPoints.find((x) => x.id === id);
      const card = one<FrameNode>(page, `painPoint/${id}`);
      const tag = (n: BaseNode) => ["role", "entity", "mapId"].map((k) => n.getSharedPluginData(NAMESPACE, k));
      expect(tag(card)).toEqual(["card", id, model.id]);
      expect([hex(card.fills), hex(card.strokes)]).toEqual(colours[priority.quadrant]);
      expect(keyOf(card.parent as SceneNode)).toBe(`cell/${painLane?.id}/${p?.stageId}`);
      expect((card.parent as SceneNode).getSharedPluginData(NAMESPACE, "role")).toBe("cell");

      const title = one<TextNode>(page, `painPoint/${id}/title`);
      expect([title.parent, title.name, title.characters]).toEqual([card, "Title", p?.title]);
      const scores = one<FrameNode>(page, `painPoint/${id}/scores`);
      expect([scores.type, scores.parent]).toEqual(["FRAME", card]);
      const expected = { severity: p?.severity, frequency: priority.frequency, effort: p?.effort };
      for (const [field, value] of Object.entries(expected)) {
        const number = one<TextNode>(page, `painPoint/${id}/${field}`);
        expect([number.name, number.characters, number.getSharedPluginData(NAMESPACE, "role")]).toEqual([
          field.charAt(0).toUpperCase() + field.slice(1),
          String(value),
          "text",
        ]);
        expect(scores.findAll((n) => n === number)).toHaveLength(1);
      }
      const rank = one<FrameNode>(page, `painPoint/${id}/rank`);
      expect([rank.name, rank.parent, rank.width, rank.height, rank.cornerRadius, hex(rank.fills)]).toEqual([
        "Rank",
        card,
        24,
        24,
        12,
        "#1F2329",
      ]);
      const number = one<TextNode>(page, `painPoint/${id}/rank/text`);
      expect([number.parent, number.characters, hex(number.fills)]).toEqual([rank, String(priority.rank), "#FFFFFF"]);
      // The badge sits in the card's top-right corner, clear of the title.
      expect(box(rank).x + 24).toBe(box(card).x + box(card).width - 12);
      expect(box(title).x + box(title).width).toBeLessThanOrEqual(box(rank).x);
    }
  });

  it("lists a cell's pain points by rank", async () => {
    const { model, page } = await drawnSample();
    const painLane = model.lanes.find((l) => l.kind === "painPoints");
    const cell = one<FrameNode>(page, `cell/${painLane?.id}/stage_checkout`);
    const ranks = cell.children.map((card) => Number(text(page, `${keyOf(card)}/rank/text`)));
    expect(ranks.length).toBe(2);
    expect([...ranks].sort((a, b) => a - b)).toEqual(ranks);
  });
});

describe("opportunity and KPI cards", () => {
  it("show an opportunity's status and owner, and a KPI's current / target with its status in colour", async () => {
    const { model, page } = await drawnSample();
    for (const o of model.opportunities) {
      expect(text(page, `opportunity/${o.id}/title`)).toBe(o.title);
      expect(text(page, `opportunity/${o.id}/status/text`)).toBe(o.status);
      expect(text(page, `opportunity/${o.id}/owner`)).toBe(o.owner);
    }
    const tones = { met: "#E3F5E9", "at risk": "#FFF3D6", missed: "#FDE8E5", unknown: "#F1F2F4" };
    for (const k of analyseJourney(model).kpis) {
      const unit = k.unit ? ` ${k.unit}` : "";
      expect(text(page, `kpi/${k.kpiId}/name`)).toBe(k.name);
      expect(text(page, `kpi/${k.kpiId}/values`)).toBe(`${k.current ?? "–"} / ${k.target}${unit}`);
      expect(text(page, `kpi/${k.kpiId}/status/text`)).toBe(k.status);
      expect(hex((one(page, `kpi/${k.kpiId}/status`) as FrameNode).fills)).toBe(tones[k.status]);
    }
    expect(new Set(analyseJourney(model).kpis.map((k) => k.status)).size).toBe(4);
  });
});

describe("the emotion curve", () => {
  it("is one vector through the stage columns that breaks where a stage has no emotion", async () => {
    const plugin = await launchPlugin();
    const model = journeyWithEmotions([1, -1, null, 0.5, 2]);
    await generate(plugin, model);
    const page = plugin.emulator.figma.currentPage;
    const lane = model.lanes.find((l) => l.kind === "emotions");
    const curve = one<FrameNode>(page, `lane/${lane?.id}/curve`);
    const line = one<VectorNode>(page, `emotion/${lane?.id}/line`);
    expect([line.parent, hex(line.strokes), line.strokeWeight, hex(line.fills)]).toEqual([curve, "#2F6FE4", 3, "none"]);

    // Two runs: stages 0–1 and 3–4; nothing reaches stage 2's column.
    const paths = line.vectorPaths.map((p) => p.data);
    expect(paths).toHaveLength(2);
    const number = "-?\\d+(\\.\\d+)?";
    for (const data of paths) expect(data).toMatch(new RegExp(`^M ${number} ${number}( C( ${number}){6})+$`));
    // The paths' bounding box starts at (0, 0); the node stands where it was, by x and y.
    const numbers = paths.flatMap((d) => d.split(" ").filter((t) => t !== "M" && t !== "C").map(Number));
    expect(Math.min(...numbers.filter((_, i) => i % 2 === 0))).toBe(0);
    expect(Math.min(...numbers.filter((_, i) => i % 2 === 1))).toBe(0);
    const at = ([x = NaN, y = NaN]: number[]) => [x + line.x, y + line.y];
    const starts = paths.map((d) => at(d.split(" ").slice(1, 3).map(Number)));
    const ends = paths.map((d) => at(d.split(" ").slice(-2).map(Number)));
    const centre = (index: number) => index * 288 + 140;
    expect(starts.map(([x]) => x)).toEqual([centre(0), centre(3)]);
    expect(ends.map(([x]) => x)).toEqual([centre(1), centre(4)]);
    // Higher emotion is higher up.
    expect(starts[0]?.[1]).toBeLessThan(ends[0]?.[1] ?? 0);
    // Placed by x and y, the line runs through the points' centres.
    const firstPoint = one(page, `emotion/${model.stages[0]?.id}/point`);
    expect(starts[0]?.[1]).toBeCloseTo(firstPoint.y + 6, 1);

    // A 12 px point and a label per stage with a value; none for stage 2, which says so.
    for (const [index, stage] of model.stages.entries()) {
      const points = all(page, `emotion/${stage.id}/point`);
      if (stage.emotion === null) {
        expect(points).toEqual([]);
        expect(emotionText(page, stage.id)).toBe("No data");
        continue;
      }
      const point = points[0] as EllipseNode;
      expect([point.type, point.width, point.parent]).toEqual(["ELLIPSE", 12, curve]);
      expect(point.x + 6).toBe(centre(index));
      expect(emotionText(page, stage.id)).toBe(`${formatSigned(stage.emotion)} · set by hand`);
    }

    // The curve frame spans the stage columns, lined up with the cells of the other lanes.
    const actions = model.lanes.find((l) => l.kind === "actions");
    const first = one(page, `cell/${actions?.id}/stage_0`);
    const last = one(page, `cell/${actions?.id}/stage_4`);
    expect(box(curve).x).toBe(box(first).x);
    expect(box(curve).x + box(curve).width).toBe(box(last).x + box(last).width);
    expect(curve.layoutMode).toBe("NONE");
  });

  it("labels a value from feedback with the number of responses, and a value set by hand as set by hand", async () => {
    const { model, page } = await drawnSample();
    for (const stage of analyseJourney(model).stages) {
      const label = emotionText(page, stage.stageId);
      const margin = stage.margins.performance;
      if (stage.emotionSource === "feedback")
        expect(label).toBe(`${formatSigned(stage.emotion ?? 0)}${margin === null ? "" : ` ${formatMargin(margin)}`} · ${stage.rated} responses`);
      else expect(label).toBe(`${formatSigned(stage.emotion ?? 0)} · set by hand`);
    }
  });

  it("writes the 95% half-width of a value from feedback as a quiet ± beside it, none from one rating or set by hand", async () => {
    const plugin = await launchPlugin();
    const model = journeyWithEmotions([null, null, 1, null]);
    const answer = (id: string, stageId: string, rating: number) => ({ ...rated(id, rating, STARS), stageId });
    // Stage 0: 4, 4, 5, 5 stars → s = 0.75, 0.75, 1, 1; emotion 4 · 0.875 − 2 = +1.5;
    // s_s = √(4 · 0.125² / 3) = 0.144338; ± 4 · t₀.₉₇₅,₃ (3.1824463) · 0.144338 / √4 = 0.918693 → "± 0.9".
    // Stage 1: one 2-star rating → −1.0, no interval. Stage 2: +1 by hand (its rating does not count). Stage 3: nothing.
    model.feedback = [
      answer("f1", "stage_0", 4),
      answer("f2", "stage_0", 4),
      answer("f3", "stage_0", 5),
      answer("f4", "stage_0", 5),
      answer("f5", "stage_1", 2),
      answer("f6", "stage_2", 1),
      answer("f7", "stage_2", 5),
    ];
    expect(analyseJourney(model).stages[0]?.margins.performance).toBeCloseTo(0.918693, 5);
    await generate(plugin, model);
    const page = plugin.emulator.figma.currentPage;
    expect(["stage_0", "stage_1", "stage_2", "stage_3"].map((id) => emotionText(page, id))).toEqual([
      "+1.5 ± 0.9 · 4 responses",
      "−1.0 · 1 response",
      "+1.0 · set by hand",
      "No data",
    ]);
    // Quiet: 11 px Medium in the secondary text colour, beside the value in Semi Bold primary.
    const margin = one<TextNode>(page, "emotion/stage_0/label/margin");
    const value = one<TextNode>(page, "emotion/stage_0/label/value");
    expect([margin.name, margin.fontSize, margin.fontName, hex(margin.fills)]).toEqual(["Margin", 11, { family: "Inter", style: "Medium" }, "#5B6470"]);
    expect([value.fontName, hex(value.fills)]).toEqual([{ family: "Inter", style: "Semi Bold" }, "#1F2329"]);
    // The label is centred over its point's column and stays inside it.
    const label = one<FrameNode>(page, "emotion/stage_0/label");
    const point = one(page, "emotion/stage_0/point");
    expect(label.name).toBe("Value: Stage 0");
    expect(label.x + label.width / 2).toBe(point.x + point.width / 2);
    expect(label.width).toBeLessThanOrEqual(280);
    expect([label.layoutMode, label.primaryAxisAlignItems, hex(label.fills)]).toEqual(["HORIZONTAL", "CENTER", "none"]);

    // Update map with nothing changed writes nothing; a new rating moves the ± in place.
    plugin.emulator.stats.resetWrites();
    const same = await generate(plugin, model);
    expect(same.kind === "generated" && [same.created, same.updated, same.removed]).toEqual([0, 0, 0]);
    model.feedback.push(answer("f8", "stage_1", 4));
    await generate(plugin, model);
    // Stage 1: 2 and 4 stars → 0.0 ± 4 · 12.7062047 · 0.353553 / √2 = 12.7 (the interval of two ratings is wide)
    expect(emotionText(page, "stage_1")).toBe("0.0 ± 12.7 · 2 responses");
    expect(one(page, "emotion/stage_0/label/margin")).toBe(margin);
  });

  it("draws no line at all when no two neighbouring stages have a value", async () => {
    const plugin = await launchPlugin();
    const model = journeyWithEmotions([1, null, -1]);
    await generate(plugin, model);
    const page = plugin.emulator.figma.currentPage;
    expect(page.findAll((n) => n.type === "VECTOR")).toEqual([]);
    expect(page.findAll((n) => n.type === "ELLIPSE")).toHaveLength(2);
  });
});

describe("beside the map", () => {
  it("places one numbered dot per pain point in the priority matrix, in its quadrant", async () => {
    const { model, page } = await drawnSample();
    const matrix = one<FrameNode>(page, "matrix");
    expect([matrix.name, matrix.width, matrix.height, matrix.parent?.type]).toEqual(["Priority matrix", 640, 640, "PAGE"]);
    const quadrant = {
      "quick win": one(page, "matrix/quadrant/quick-win"),
      "major project": one(page, "matrix/quadrant/major-project"),
      "fill-in": one(page, "matrix/quadrant/fill-in"),
      thankless: one(page, "matrix/quadrant/thankless"),
    };
    // Quick wins top left: high impact up, low effort left.
    expect(box(quadrant["quick win"]).x).toBeLessThan(box(quadrant["major project"]).x);
    expect(box(quadrant["quick win"]).y).toBeLessThan(box(quadrant["fill-in"]).y);
    const priorities = analyseJourney(model).priorities;
    const dots = matrix.findAll((n) => keyOf(n).startsWith("matrix/") && n.getSharedPluginData(NAMESPACE, "entity") !== "" && n.type === "FRAME");
    expect(dots).toHaveLength(priorities.length);
    for (const p of priorities) {
      const dot = one(page, `matrix/${p.painPointId}`);
      expect(text(page, `matrix/${p.painPointId}/rank`)).toBe(String(p.rank));
      const area = box(quadrant[p.quadrant]);
      const centre = { x: box(dot).x + 12, y: box(dot).y + 12 };
      expect(centre.x).toBeGreaterThan(area.x);
      expect(centre.x).toBeLessThan(area.x + area.width);
      expect(centre.y).toBeGreaterThan(area.y);
      expect(centre.y).toBeLessThan(area.y + area.height);
    }
    // No two dots on top of each other.
    const centres = priorities.map((p) => box(one(page, `matrix/${p.painPointId}`)));
    for (const [i, a] of centres.entries())
      for (const b of centres.slice(i + 1)) expect(Math.hypot(a.x - b.x, a.y - b.y)).toBeGreaterThanOrEqual(24);
  });

  it("charts importance against performance per stage, with the gap written beside", async () => {
    const plugin = await launchPlugin();
    const model = sampleJourney();
    model.stages.push({ id: "stage_referral", name: "Referral", objective: "", emotion: null });
    await generate(plugin, model);
    const page = plugin.emulator.figma.currentPage;
    expect(one(page, "gapChart").name).toBe("Gap chart");
    for (const stage of analyseJourney(model).stages) {
      const key = `gapChart/${stage.stageId}`;
      expect(one(page, key).name).toBe(`Gap: ${stage.name}`);
      const importance = one(page, `${key}/importance/bar`);
      if (stage.gap === null || stage.performance === null) {
        expect(text(page, `${key}/gap/value`)).toBe("–");
        expect(text(page, `${key}/performance/value`)).toBe("no data");
        continue;
      }
      const performance = one(page, `${key}/performance/bar`);
      expect(text(page, `${key}/gap/value`)).toBe(formatGap(stage.gap, model.settings.gapThreshold));
      expect(text(page, `${key}/gap/verdict`)).toBe(stage.gap > model.settings.gapThreshold ? "not met" : "met");
      // Bars share an axis and grow with the value.
      expect(box(importance).x).toBe(box(performance).x);
      if (Math.abs(stage.gap) > 0.1) expect(importance.width > performance.width).toBe(stage.gap > 0);
    }
  });

  it("writes a gap with the precision it takes never to contradict the rule above it", async () => {
    expect(formatGap(0.53, 0.5)).toBe("+0.53");
    expect(formatGap(0.5, 0.5)).toBe("+0.5");
    expect(formatGap(0.47, 0.5)).toBe("+0.5");
    expect(formatGap(0.501, 0.5)).toBe("+0.501");
    expect(formatGap(1.44, 0.5)).toBe("+1.4");
    expect(formatGap(-0.2, 0.25)).toBe("−0.2");
    expect(formatGap(0.33, 0.3)).toBe("+0.33");
    expect(formatGap(0.26, 0.25)).toBe("+0.3");
    expect(gapChartSubtitle(0.25)).toContain("above 0.25 expectations are not met");
    const signed = (label: string) => Number(label.replace("−", "-"));
    fc.assert(
      fc.property(fc.double({ min: -4, max: 4, noNaN: true }), fc.constantFrom(0, 0.25, 0.5, 1), (gap, threshold) => {
        const label = formatGap(gap, threshold);
        // Rounded away to the threshold's side only when the gap is within a millionth of it.
        if (Math.abs(gap - threshold) > 1e-6) expect(signed(label) > threshold).toBe(gap > threshold);
        expect(label.split(".")[1]?.length ?? 0).toBeLessThanOrEqual(6);
      }),
    );
    // On the chart: the sample's Consideration, 0.53 against a threshold of 0.5, reads +0.53 and not met.
    const plugin = await launchPlugin();
    const model = sampleJourney();
    const stage = analyseJourney(model).stages.find((s) => s.gap !== null && s.gap > 0.5 && s.gap < 0.55);
    if (!stage || stage.gap === null || model.settings.gapThreshold !== 0.5) throw new Error("sample changed");
    await generate(plugin, model);
    const page = plugin.emulator.figma.currentPage;
    expect(text(page, `gapChart/${stage.stageId}/gap/value`)).toBe(formatSigned(stage.gap, 2));
    expect(text(page, `gapChart/${stage.stageId}/gap/verdict`)).toBe("not met");
  }, 20_000);

  it("labels both axes of the priority matrix, and keeps every dot clear of the quadrant names", async () => {
    // Anywhere on 1–5, a dot stays in its quadrant and out of the band its name and caption take.
    const quadrants = matrixQuadrants();
    for (let impact = 1; impact <= 5; impact += 0.25)
      for (let effort = 1; effort <= 5; effort += 0.25) {
        const at = matrixPosition(impact, effort);
        const high = impact >= 3;
        const right = effort >= 3;
        const q = quadrants.find((x) => x.quadrant === (high ? (right ? "major project" : "quick win") : right ? "thankless" : "fill-in"));
        if (!q) throw new Error("no quadrant");
        expect(at.x - 12).toBeGreaterThanOrEqual(q.x);
        expect(at.x + 12).toBeLessThanOrEqual(q.x + q.width);
        expect(at.y - 12).toBeGreaterThanOrEqual(q.y + 48);
        expect(at.y + 12).toBeLessThanOrEqual(q.y + q.height);
      }
    const { model, page } = await drawnSample();
    expect(text(page, "matrix/impact/name")).toBe("Impact");
    expect(text(page, "matrix/axis/name")).toBe("Effort");
    const plot = box(one(page, "matrix/plot"));
    const impactAxis = box(one(page, "matrix/impact"));
    expect(impactAxis.x + impactAxis.width).toBeLessThanOrEqual(plot.x);
    expect([impactAxis.y, impactAxis.height]).toEqual([plot.y, plot.height]);
    const labels = page.findAll((n) => /^matrix\/quadrant\/[^/]+\/(title|caption)$/.test(keyOf(n))).map(box);
    expect(labels).toHaveLength(8);
    const overlaps = (a: Rect, b: Rect) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
    for (const p of analyseJourney(model).priorities) {
      const dot = box(one(page, `matrix/${p.painPointId}`));
      for (const label of labels) expect(overlaps(dot, label)).toBe(false);
    }
  }, 20_000);

  it("stands right of the map, 80 apart, tops aligned with the map", async () => {
    const { model, page } = await drawnSample();
    const map = box(mapFrame(page));
    const matrix = box(one(page, "matrix"));
    const gapChart = box(one(page, "gapChart"));
    const personas = model.personas.filter((p) => p.onMap).map((p) => box(one(page, `persona/${p.id}`)));
    // Positions are written in hundredths of a pixel and kept as 32-bit floats.
    const near = (a: number | undefined, b: number) => expect(a).toBeCloseTo(b, 1);
    near(matrix.x, map.x + map.width + 80);
    near(matrix.y, map.y);
    near(gapChart.x, matrix.x);
    near(gapChart.y, matrix.y + matrix.height + 32);
    near(personas[0]?.x, matrix.x + 640 + 80);
    near(personas[0]?.y, map.y);
    expect(personas.map((p) => p.width)).toEqual(personas.map(() => 320));
    for (const [i, p] of personas.slice(1).entries()) near(p.y, (personas[i]?.y ?? 0) + (personas[i]?.height ?? 0) + 32);
  });
});

describe("re-generation", () => {
  it("updates the texts, the matrix and the side frames in place, without duplicating them, and puts them back beside the map", async () => {
    const { plugin, model, page } = await drawnSample();
    const frame = mapFrame(page);
    const matrix = one(page, "matrix");
    const count = page.children.length;

    // A person moves the map; the data changes.
    frame.x += 500;
    frame.y -= 300;
    const changed = structuredClone(model);
    const promo = changed.painPoints.find((p) => p.id === "pp_promo_code");
    if (!promo) throw new Error("sample changed");
    promo.title = "Promo codes fail without a reason";
    promo.severity = 1;
    promo.frequency = 1;
    promo.effort = 5;
    const maya = changed.personas.find((p) => p.id === "persona_maya");
    if (maya) maya.role = "Weekend hiker and trail runner";
    changed.stages[0] = { ...changed.stages[0]!, name: "Discovery" };
    const reply = await generate(plugin, changed);

    expect(page.children.length).toBe(count);
    expect(one(page, "map")).toBe(frame);
    expect(one(page, "matrix")).toBe(matrix);
    expect(text(page, "painPoint/pp_promo_code/title")).toBe("Promo codes fail without a reason");
    expect(text(page, "painPoint/pp_promo_code/severity")).toBe("1");
    expect(text(page, "persona/persona_maya/role")).toBe("Weekend hiker and trail runner");
    expect(one(page, `stage/${changed.stages[0]?.id}`).name).toBe("Stage: Discovery");
    const rank = analyseJourney(changed).priorities.find((p) => p.painPointId === "pp_promo_code")?.rank;
    expect(text(page, "painPoint/pp_promo_code/rank/text")).toBe(String(rank));
    expect(text(page, "matrix/pp_promo_code/rank")).toBe(String(rank));
    expect(reply.kind === "generated" && reply.created).toBe(0);
    const map = box(frame);
    expect([box(matrix).x, box(matrix).y]).toEqual([map.x + map.width + 80, map.y]);
  });

  it("re-orders a cell's cards by their new ranks, keeping their nodes", async () => {
    const { plugin, model, page } = await drawnSample();
    const painLane = model.lanes.find((l) => l.kind === "painPoints");
    const cell = one<FrameNode>(page, `cell/${painLane?.id}/stage_checkout`);
    const before = cell.children.map(keyOf);
    expect(before).toEqual(["painPoint/pp_shipping_cost", "painPoint/pp_promo_code"]);
    const untouched = one(page, "painPoint/pp_promo_code");

    const changed = structuredClone(model);
    const shipping = changed.painPoints.find((p) => p.id === "pp_shipping_cost");
    if (shipping) shipping.effort = 5;
    plugin.emulator.stats.resetWrites();
    await generate(plugin, changed);
    expect(cell.children.map(keyOf)).toEqual(["painPoint/pp_promo_code", "painPoint/pp_shipping_cost"]);
    const ranks = cell.children.map((card) => Number(text(page, `${keyOf(card)}/rank/text`)));
    expect(ranks[0]).toBeLessThan(ranks[1] ?? 0);
    expect(one(page, "painPoint/pp_promo_code")).toBe(untouched);
    // Cards of other cells whose rank did not change are not written.
    const delivery = one(page, "painPoint/pp_tracking_stuck");
    const rankOf = (m: JourneyMap, id: string) => analyseJourney(m).priorities.find((p) => p.painPointId === id)?.rank;
    expect(rankOf(changed, "pp_tracking_stuck")).toBe(rankOf(model, "pp_tracking_stuck"));
    expect(plugin.emulator.stats.writtenNodeIds.has(delivery.id)).toBe(false);
  });

  it("writes nothing but the stored model when nothing changed, though Figma keeps geometry as 32-bit floats", async () => {
    const { plugin, model, page } = await drawnSample();
    // The map has fractional geometry that 32-bit floats do not hold exactly (the emotion labels).
    const fractional = page.findAll((n) => keyOf(n).startsWith("emotion/") && Math.fround(n.y) !== Number(n.y.toFixed(2)));
    expect(fractional.length).toBeGreaterThan(0);
    plugin.emulator.stats.resetWrites();
    const reply = await generate(plugin, model);
    expect(reply.kind === "generated" && [reply.created, reply.updated, reply.removed]).toEqual([0, 0, 0]);
    expect([...plugin.emulator.stats.writtenNodeIds]).toEqual([mapFrame(page).id]);
  }, 20_000);

  it("keeps the colour a person gave a card, while the other cards follow their new quadrant", async () => {
    const { plugin, model, page } = await drawnSample();
    const recoloured = one<FrameNode>(page, "painPoint/pp_promo_code");
    recoloured.fills = [{ type: "SOLID", color: { r: 1, g: 0.85, b: 0.2 } }];

    // Both pain points become thankless.
    const changed = structuredClone(model);
    for (const p of changed.painPoints.filter((x) => x.id === "pp_promo_code" || x.id === "pp_shipping_cost")) {
      p.severity = 1;
      p.frequency = 1;
      p.effort = 5;
    }
    await generate(plugin, changed);
    expect(hex(recoloured.fills)).toBe("#FFD933");
    expect(hex(recoloured.strokes)).toBe("#D9534F");
    const other = one<FrameNode>(page, "painPoint/pp_shipping_cost");
    expect([hex(other.fills), hex(other.strokes)]).toEqual(["#FDE8E5", "#D9534F"]);
  });

  it("loads each font once, exactly the fonts it uses, and is one undo step each time", async () => {
    const plugin = await launchPlugin();
    const before = plugin.emulator.undo.steps;
    await generate(plugin, sampleJourney());
    expect(plugin.emulator.undo.steps - before).toBe(1);
    const page = plugin.emulator.figma.currentPage;
    const used = new Set((page.findAll((n) => n.type === "TEXT") as TextNode[]).map((t) => `${(t.fontName as FontName).family} ${(t.fontName as FontName).style}`));
    expect(plugin.emulator.stats.fontsLoaded).toEqual(used);
    expect(plugin.emulator.stats.fontLoadCalls).toBe(used.size);

    const changed = sampleJourney();
    changed.title = "Northwind — online order, v2";
    await generate(plugin, changed);
    expect(plugin.emulator.undo.steps - before).toBe(2);
    expect(text(page, "header/title")).toBe("Northwind — online order, v2");
  });

  it("refuses a model too large to store before drawing anything", async () => {
    const plugin = await launchPlugin();
    const model = sampleJourney();
    const filler = "x".repeat(2000);
    model.feedback = Array.from({ length: 2100 }, (_, i) => ({
      id: `fb_big_${i}`,
      kind: "survey" as const,
      rating: null,
      scale: null,
      text: filler,
      date: null,
      source: "",
      stageId: null,
      touchpointId: null,
      personaId: null,
    }));
    model.painPoints = model.painPoints.map((p) => ({ ...p, evidence: [] }));
    const answer = plugin.bridge.request({ type: "generate-map", model }).then(
      () => "drawn",
      (error: unknown) => (error instanceof Error ? error.message : String(error)),
    );
    await plugin.emulator.settle();
    expect(await answer).toMatch(/more than a map frame can hold/);
    expect(plugin.emulator.figma.currentPage.children).toEqual([]);
  });
});

describe("the reconciler's ordering", () => {
  it("keeps the longest run of nodes already in order, so that it moves as few as it can", () => {
    expect([...longestIncreasingRun([0, 1, 2, 3])].sort()).toEqual([0, 1, 2, 3]);
    // One card moved to the front: only it moves.
    expect([...longestIncreasingRun([4, 0, 1, 2, 3])].sort()).toEqual([1, 2, 3, 4]);
    expect([...longestIncreasingRun([1, 2, 0, 3])].sort()).toEqual([0, 1, 3]);
    expect(longestIncreasingRun([]).size).toBe(0);
  });
});
