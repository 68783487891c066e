/**
 * The sandbox's pure work, bundled as the plugin is (one es2020 script) and run inside QuickJS by
 * bench/quickjs.ts: reading, validating and encoding the stored model, the analysis, the map spec,
 * the read-back merge and the messages the panel sends. The map frame is a stand-in holding shared
 * plugin data; what Figma does with nodes is not measured here.
 */
import { analyseJourney, type JourneyAnalysis } from "../shared/analysis";
import { mergeCanvasEdits, type CanvasSnapshot } from "../shared/canvas-edits";
import { parsePanelMessage } from "../shared/messages";
import type { JourneyMap } from "../shared/model";
import { rankChanges } from "../shared/rescore-summary";
import { drawnBy } from "../plugin/canvas-snapshot";
import { storedChecksum } from "../plugin/maps";
import { encodeModel, readModel, writeModel } from "../plugin/plugin-data";
import { besideSpecs } from "../plugin/render/beside";
import { mapSpec } from "../plugin/render/map-spec";

/** A map frame as far as stored plugin data goes. */
class StoredFrame {
  readonly name = "Journey map";
  readonly data = new Map<string, string>();
  constructor(readonly id: string) {}
  getSharedPluginData(_namespace: string, key: string): string {
    return this.data.get(key) ?? "";
  }
  setSharedPluginData(_namespace: string, key: string, value: string): void {
    this.data.set(key, value);
  }
}

let frames = 0;
let frame = new StoredFrame("0:0");
/** The model as the panel sends it to be drawn: its summary packed (shared/messages.ts `SentJourneyMap`). */
let sentJson = "";
let draftText = "";
let stored: Record<string, unknown> = {};
/** Milliseconds per phase of the last action (Date.now: whole milliseconds), for the log. */
let phases: Record<string, number> = {};
let last = 0;
function phase(name: string): void {
  const now = Date.now();
  phases[name] = (phases[name] ?? 0) + now - last;
  last = now;
}
function startPhases(): void {
  phases = {};
  last = Date.now();
}

function asNode(f: StoredFrame): BaseNode {
  return f as unknown as BaseNode;
}

/** The map frame the next action reads: a new node id, so nothing read before is reused. */
function freshFrame(): StoredFrame {
  const next = new StoredFrame(`1:${++frames}`);
  for (const [key, value] of frame.data) next.data.set(key, value);
  return next;
}

function read(f: StoredFrame): JourneyMap {
  const result = readModel(asNode(f));
  if (!result.ok) throw new Error(result.message);
  return result.model;
}

/** Drawing a model: what the plugin computes before and after the reconciler touches nodes. */
function draw(model: JourneyMap, onto: StoredFrame, made?: JourneyAnalysis): void {
  const chunks = encodeModel(model);
  phase("encode");
  const analysis = made ?? analyseJourney(model);
  phase("analysis");
  mapSpec(model, { analysis, generatedOn: new Date(0) });
  besideSpecs(model, analysis);
  phase("spec");
  writeModel(asNode(onto), chunks);
  phase("store");
}

const work = {
  /** Stores the model on the frame (not timed). */
  setUp(json: string, draft: string, sent: string): void {
    sentJson = sent;
    draftText = draft;
    frame = new StoredFrame("0:0");
    writeModel(asNode(frame), encodeModel(JSON.parse(json) as JourneyMap));
  },
  /** A map read for the first time: parts joined, checked, parsed and validated. */
  readCold(): void {
    read(freshFrame());
  },
  /** A selection change inside a map whose stored model did not change: the checksum compare and the cached read. */
  selectionUnchanged(): void {
    const before = storedChecksum(asNode(frame));
    read(frame);
    if (storedChecksum(asNode(frame)) !== before) throw new Error("the map changed");
  },
  /** Saving the draft: the message validated, its text stored as it is. */
  draftSave(): void {
    const message = parsePanelMessage({ type: "save-draft", requestId: "r1", draft: draftText });
    if (!message.ok || message.message.type !== "save-draft") throw new Error("refused");
    stored = { draft: message.message.draft };
  },
  /** Generate from the panel: the model arrives in a message (its summary packed, as the panel sends it; parsed here as Figma's bridge would build it), is validated and unpacked, encoded, analysed, specified and stored. */
  generate(): void {
    startPhases();
    const value: unknown = JSON.parse(sentJson);
    phase("message arrives");
    const message = parsePanelMessage({ type: "generate-map", requestId: "r1", model: value });
    if (!message.ok || message.message.type !== "generate-map") throw new Error("refused");
    phase("message validated");
    // A new map: a frame with nothing stored yet.
    draw(message.message.model, new StoredFrame(`1:${++frames}`));
  },
  /** Re-score: read the map (first time), the canvas merged, priorities compared, the map drawn again and stored. */
  rescore(): void {
    const f = freshFrame();
    startPhases();
    const model = read(f);
    phase("read");
    const analysis = analyseJourney(model);
    drawnBy(mapSpec(model, { analysis }));
    phase("read: drawn spec");
    const snapshot: CanvasSnapshot = { nodeId: f.id, nodeName: f.name, cards: [], drawnCards: new Set(), cells: new Map(), copyOfAnotherMap: false };
    const merged = mergeCanvasEdits(model, snapshot).model;
    phase("merge");
    // The ranks before and after: the read's analysis and the merged model's, which is drawn.
    const mergedAnalysis = analyseJourney(merged);
    rankChanges(analysis.priorities, mergedAnalysis.priorities);
    phase("priorities");
    draw(merged, f, mergedAnalysis);
  },
  /** A million loop iterations: how fast QuickJS runs on this machine right now (it is shared). */
  calibrate(): void {
    let total = 0;
    for (let i = 0; i < 1_000_000; i++) total += i;
    if (total < 0) throw new Error("unreachable");
  },
  phases(): string {
    return Object.entries(phases)
      .map(([name, ms]) => `${name} ${ms}`)
      .join(", ");
  },
  storedKeys(): number {
    return Object.keys(stored).length + frame.data.size;
  },
};

Object.assign(globalThis, { work });
