/**
 * The canvas benchmark: generate a map of 8 stages × 8 lanes with 400 cards on the emulator, then
 * make 10 edits on the canvas as a person would and re-score it. Counts emulator calls, nodes
 * created, fonts loaded against the distinct fonts the map uses, and the nodes the re-score
 * writes against the goal: only the cards whose rank, score or quadrant changed (or that the
 * person changed), plus the priority matrix and the map frame that stores the model.
 */
import type { JourneyMap, Lane, PainPoint } from "../shared/model";
import { BUILT_IN_LANES, DEFAULT_SETTINGS, SCHEMA_VERSION } from "../shared/model";
import { prioritise, type Priority } from "../shared/priority";
import { generateMapAsync } from "../plugin/generate";
import { NAMESPACE } from "../plugin/plugin-data";
import { readMapFrame } from "../plugin/read-map";
import { rescoreMapAsync } from "../plugin/rescore";
import { createFigmaEmulator, type FigmaEmulator } from "../test/emulator/emulator";
import type { BenchResult, Benchmark } from "./benchmark";

const STAGES = 8;

/** A small deterministic generator, so every run draws the same map. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1664525 + 1013904223) % 4294967296;
    return state / 4294967296;
  };
}

/**
 * 8 stages × 8 lanes (the seven built-in lanes and a custom "Backstage" lane) with 400 cards:
 * 80 pain points, 64 touchpoints, 48 opportunities, 40 KPIs and 168 notes, and 40 rated survey
 * answers per stage so that stages have experience gaps.
 */
export function benchmarkJourney(): JourneyMap {
  const next = random(7);
  const pick = (n: number) => 1 + Math.floor(next() * n);
  const stages = Array.from({ length: STAGES }, (_, s) => ({ id: `stage_${s}`, name: `Stage ${s + 1}`, objective: `Objective of stage ${s + 1}`, emotion: null }));
  const lanes: Lane[] = [
    ...BUILT_IN_LANES.map((lane) => ({ id: `lane_${lane.kind}`, kind: lane.kind, name: lane.name, visible: true })),
    { id: "lane_backstage", kind: "custom", name: "Backstage", visible: true },
  ];
  const perStage = <T>(count: number, make: (stage: string, s: number, i: number) => T): T[] =>
    stages.flatMap((stage, s) => Array.from({ length: count }, (_, i) => make(stage.id, s, i)));

  const touchpoints = perStage(8, (stageId, s, i) => ({
    id: `tp_${s}_${i}`,
    stageId,
    name: `Touchpoint ${s + 1}.${i + 1}`,
    channel: "web" as const,
    digital: true,
    importance: pick(5),
  }));
  const painPoints: PainPoint[] = perStage(10, (stageId, s, i) => ({
    id: `pp_${s}_${i}`,
    stageId,
    touchpointId: `tp_${s}_${i % 8}`,
    title: `Pain point ${s + 1}.${i + 1}: customers wait too long`,
    description: "",
    severity: pick(5),
    frequency: i % 5 === 4 ? null : pick(5),
    effort: pick(5),
    confidence: ([0.5, 0.8, 1] as const)[i % 3] ?? 0.8,
    reach: null,
    ice: null,
    evidence: [],
  }));
  const opportunities = perStage(6, (stageId, s, i) => ({
    id: `opp_${s}_${i}`,
    stageId,
    painPointId: `pp_${s}_${i}`,
    title: `Opportunity ${s + 1}.${i + 1}`,
    description: "",
    status: "idea" as const,
    owner: "CX team",
  }));
  const kpis = perStage(5, (stageId, s, i) => ({
    id: `kpi_${s}_${i}`,
    stageId,
    name: `KPI ${s + 1}.${i + 1}`,
    unit: "%",
    direction: "higher" as const,
    target: 80,
    baseline: 60,
    current: 50 + pick(40),
    history: [],
  }));
  const notes = [
    ...perStage(8, (stageId, s, i) => ({ id: `act_${s}_${i}`, laneId: "lane_actions", stageId, text: `Customer does step ${i + 1}` })),
    ...perStage(7, (stageId, s, i) => ({ id: `th_${s}_${i}`, laneId: "lane_thoughts", stageId, text: `Is step ${i + 1} worth it?` })),
    ...perStage(6, (stageId, s, i) => ({ id: `bs_${s}_${i}`, laneId: "lane_backstage", stageId, text: `System ${i + 1} handles it` })),
  ];
  const feedback = perStage(40, (stageId, s, i) => ({
    id: `fb_${s}_${i}`,
    kind: "survey" as const,
    rating: pick(5),
    scale: { min: 1, max: 5 },
    text: "",
    date: null,
    source: "Survey",
    stageId,
    touchpointId: `tp_${s}_${i % 8}`,
    personaId: null,
  }));
  return {
    schemaVersion: SCHEMA_VERSION,
    id: "map_benchmark",
    title: "Benchmark journey",
    state: "current",
    scope: { journey: "Benchmark journey", product: "Web shop", goal: "Measure the canvas", successMetrics: [] },
    personas: [],
    stages,
    touchpoints,
    lanes,
    notes,
    feedback,
    painPoints,
    opportunities,
    kpis,
    settings: { ...DEFAULT_SETTINGS },
    rejectedSuggestions: [],
  };
}

function keyOf(node: BaseNode): string {
  return node.getSharedPluginData(NAMESPACE, "key");
}

function byKey(root: FrameNode, key: string): SceneNode {
  const node = root.findOne((n) => keyOf(n) === key);
  if (node === null) throw new Error(`no node with key ${key}`);
  return node;
}

function text(root: FrameNode, key: string): TextNode {
  const node = byKey(root, key);
  if (node.type !== "TEXT") throw new Error(`${key} is not a text`);
  return node;
}

/** Distinct "Family Style" fonts of every text on the page. */
function fontsUsed(page: PageNode): Set<string> {
  const fonts = new Set<string>();
  for (const node of page.findAllWithCriteria({ types: ["TEXT"] })) {
    if (typeof node.fontName !== "symbol") fonts.add(`${node.fontName.family} ${node.fontName.style}`);
    else for (const font of node.getRangeAllFontNames(0, node.characters.length)) fonts.add(`${font.family} ${font.style}`);
  }
  return fonts;
}

/** The ten edits of the benchmark, as a person makes them; returns the ids of the pain points touched. */
function editCanvas(emulator: FigmaEmulator, frame: FrameNode): { touched: Set<string>; duplicateNodeId: string } {
  const touched = new Set<string>();
  const edit = (id: string, field: string, value: string) => {
    emulator.userEditText(text(frame, `painPoint/${id}/${field}`), value);
    touched.add(id);
  };
  // 1–6: six scores, one of them not a number.
  edit("pp_0_1", "severity", "5");
  edit("pp_1_2", "effort", "3");
  edit("pp_2_3", "frequency", "4/5");
  edit("pp_3_0", "severity", " 1 ");
  edit("pp_4_5", "effort", "★★");
  edit("pp_5_6", "severity", "high");
  // 7: a title.
  edit("pp_6_7", "title", "Pain point 7.8: the parcel locker is full");
  // 8: a card dragged to another stage.
  const dragged = byKey(frame, "painPoint/pp_7_8");
  const target = byKey(frame, "cell/lane_painPoints/stage_2");
  if (target.type !== "FRAME") throw new Error("the cell is not a frame");
  target.appendChild(dragged);
  emulator.undo.commit();
  touched.add("pp_7_8");
  // 9: a card duplicated.
  const copy = emulator.userDuplicate(byKey(frame, "painPoint/pp_1_9"));
  // 10: a card deleted.
  emulator.userDelete(byKey(frame, "painPoint/pp_0_9"));
  return { touched, duplicateNodeId: copy.id };
}

/** The owner of a written node: its card, else the top-level frame it sits in. */
function ownerOf(node: BaseNode, frame: FrameNode): string {
  if (node.type === "PAGE") return `page "${node.name}"`;
  if (node === frame) return "map frame";
  let top: BaseNode = node;
  for (let current: BaseNode | null = node; current !== null && current.type !== "PAGE"; current = current.parent) {
    if (current !== frame && current.getSharedPluginData(NAMESPACE, "role") === "card") return keyOf(current);
    top = current;
  }
  // Structure inside the map (cells, rows) by its own key; frames beside the map by their role.
  if (top === frame) return `${keyOf(node) || node.name} in the map frame`;
  return `${top.getSharedPluginData(NAMESPACE, "role") || "person's"} frame "${top.name}"`;
}

/** Cards whose rank, scores, score or quadrant changed, and cards the person changed, as card keys. */
function expectedCards(before: readonly Priority[], after: readonly Priority[], touched: ReadonlySet<string>, copies: readonly string[]): Set<string> {
  const old = new Map(before.map((p) => [p.painPointId, p]));
  const cards = new Set<string>();
  for (const p of after) {
    const was = old.get(p.painPointId);
    const changed =
      was === undefined ||
      was.rank !== p.rank ||
      was.quadrant !== p.quadrant ||
      was.severity !== p.severity ||
      was.frequency !== p.frequency ||
      was.effort !== p.effort ||
      was.score.toFixed(2) !== p.score.toFixed(2);
    if (changed || touched.has(p.painPointId) || copies.includes(p.painPointId)) cards.add(`painPoint/${p.painPointId}`);
  }
  return cards;
}

function count(n: number): string {
  return n.toLocaleString("en-US");
}

export const canvasBenchmark: Benchmark = {
  title: "Canvas: generate an 8 × 8 map with 400 cards, re-score after 10 edits",
  async run(log) {
    const emulator = createFigmaEmulator({ command: "open" });
    Object.assign(globalThis, { figma: emulator.figma });
    const { stats } = emulator;
    const model = benchmarkJourney();
    const cards = model.painPoints.length + model.touchpoints.length + model.opportunities.length + model.kpis.length + model.notes.length;
    log(`model: ${STAGES} stages, ${model.lanes.length} lanes, ${cards} cards, ${model.feedback.length} feedback rows`);

    // Generate.
    let started = performance.now();
    const undoBefore = emulator.undo.steps;
    const generated = await generateMapAsync(model);
    await emulator.settle();
    const generateMs = performance.now() - started;
    const frame = generated.frame;
    if (frame.type !== "FRAME") throw new Error("the design editor draws the map as a frame");
    const generateCalls = stats.apiCalls;
    const generateCreated = stats.nodesCreated;
    const generateUndo = emulator.undo.steps - undoBefore;
    log(`generate: ${count(generateCalls)} emulator calls, ${count(generateCreated)} nodes created, ${generateMs.toFixed(0)} ms`);

    // Reading alone (what the panel asks on every selection change inside the map).
    const readCalls = stats.apiCalls;
    started = performance.now();
    readMapFrame(frame);
    log(`read back: ${count(stats.apiCalls - readCalls)} emulator calls, ${(performance.now() - started).toFixed(0)} ms`);

    // Ten edits, then re-score.
    const { touched, duplicateNodeId } = editCanvas(emulator, frame);
    // Owners of every node now, for the nodes the re-score removes.
    const ownerBefore = new Map<string, string>();
    for (const node of emulator.figma.currentPage.findAll()) ownerBefore.set(node.id, ownerOf(node, frame));
    stats.resetWrites();
    const callsBefore = stats.apiCalls;
    const byNameBefore = new Map(stats.callsByName);
    const createdBefore = stats.nodesCreated;
    const stepsBefore = emulator.undo.steps;
    started = performance.now();
    const result = await rescoreMapAsync(frame);
    await emulator.settle();
    const rescoreMs = performance.now() - started;
    const rescoreCalls = stats.apiCalls - callsBefore;
    const rescoreCreated = stats.nodesCreated - createdBefore;
    const rescoreUndo = emulator.undo.steps - stepsBefore;
    log(`re-score: ${count(rescoreCalls)} emulator calls, ${rescoreCreated} nodes created, ${rescoreMs.toFixed(0)} ms`);
    log(`re-score said: ${result.summary}`);
    if (process.env.BENCH_CANVAS_DEBUG) {
      for (const [name, n] of stats.callsByName) if (n !== (byNameBefore.get(name) ?? 0)) log(`  ${name}: ${n - (byNameBefore.get(name) ?? 0)}`);
      for (const id of stats.writtenNodeIds) {
        const node = emulator.getNode(id);
        log(`  wrote ${id} ${node?.type ?? "removed"} ${node ? keyOf(node) : ""} ${node?.name ?? ""}`);
      }
    }

    // Which nodes the re-score wrote, by the card (or frame) they belong to.
    const owners = new Map<string, number>();
    for (const id of stats.writtenNodeIds) {
      const node = emulator.getNode(id);
      const owner = node === null ? (ownerBefore.get(id) ?? "removed node") : ownerOf(node, frame);
      owners.set(owner, (owners.get(owner) ?? 0) + 1);
    }
    const copyId = result.model.painPoints.find((p) => p.id.endsWith(`_copy_${duplicateNodeId.replace(/[^A-Za-z0-9]+/g, "_")}`))?.id;
    const expected = expectedCards(prioritise(model), prioritise(result.model), touched, copyId ? [copyId] : []);
    // Besides the cards: the matrix, the map frame (it stores the model), the cells whose cards
    // were re-ordered by rank (a cell is written when its children move), and the page, where
    // Figma puts every new node before it is moved into place.
    const cellsOfExpected = new Set(
      [...expected].map((key) => {
        const parent = byKey(frame, key).parent;
        return parent === null ? "" : `${keyOf(parent)} in the map frame`;
      }),
    );
    const allowed = (owner: string) =>
      owner === "map frame" || owner.startsWith("matrix frame") || owner.startsWith("page ") || cellsOfExpected.has(owner);
    const writtenCards = [...owners.keys()].filter((o) => o.startsWith("painPoint/"));
    const extra = [...owners.keys()].filter((o) => !expected.has(o) && !allowed(o));
    const missing = [...expected].filter((k) => !owners.has(k));
    const others = [...owners.keys()].filter(allowed);
    log(`re-score wrote ${count(stats.writtenNodeIds.size)} nodes: ${writtenCards.length} cards, plus ${others.length} others (${others.join(", ")})`);
    if (extra.length > 0) log(`written beyond the goal: ${extra.map((o) => `${o} (${owners.get(o)} nodes)`).join(", ")}`);
    if (missing.length > 0) log(`expected but not written: ${missing.join(", ")}`);

    const used = fontsUsed(emulator.figma.currentPage);
    const loaded = stats.fontsLoaded;
    const sameFonts = used.size === loaded.size && [...used].every((f) => loaded.has(f));
    const results: BenchResult[] = [
      {
        name: "Canvas: generate 8 × 8 map, 400 cards",
        figure: `${count(generateCalls)} emulator calls, ${count(generateCreated)} nodes created, ${generateMs.toFixed(0)} ms, ${generateUndo} undo step`,
        goal: "one undo step",
        met: generateUndo === 1,
      },
      {
        name: "Canvas: fonts loaded (generate + re-score)",
        figure: `${loaded.size} fonts loaded in ${stats.fontLoadCalls} calls; ${used.size} distinct fonts used`,
        goal: "fonts loaded = distinct fonts used, one load each",
        met: sameFonts && stats.fontLoadCalls === used.size,
      },
      {
        name: "Canvas: re-score after 10 edits",
        figure: `${count(stats.writtenNodeIds.size)} nodes written in ${writtenCards.length} cards (expected ${expected.size}: ${extra.length} beyond, ${missing.length} missing) + matrix, map frame, re-ordered cells; ${count(rescoreCalls)} calls, ${rescoreCreated} nodes created, ${rescoreMs.toFixed(0)} ms`,
        goal: "only cards whose rank, score or quadrant changed, plus the matrix",
        met: extra.length === 0 && missing.length === 0,
      },
      {
        name: "Canvas: re-score report",
        figure: `${rescoreUndo} undo step; ${result.problems.length} problems; "${result.summary}"`,
        goal: "one undo step; the unreadable value and the deleted card reported",
        met:
          rescoreUndo === 1 &&
          result.problems.some((p) => p.message.startsWith("Severity on 'Pain point 6.7")) &&
          result.problems.some((p) => p.message.includes("was deleted from the canvas")),
      },
    ];
    return results;
  },
};
