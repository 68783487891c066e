/**
 * Reading a map frame back into the model: the model stored on the frame, with what people
 * changed on the canvas merged in (shared/canvas-edits.ts says what each edit means).
 *
 * Reading writes nothing. A duplicated card or map frame becomes an entity (or map) of its own
 * with a new id; `writeCanvasIdentities` re-tags its nodes so that the next generation matches
 * them to the new entity, and the next read finds the same ids.
 */
import { analyseJourney, type JourneyAnalysis } from "../shared/analysis";
import { mergeCanvasEdits, type CanvasEdits, type CanvasIdentity, type CanvasReport } from "../shared/canvas-edits";
import type { CanvasProblem } from "../shared/messages";
import type { JourneyMap } from "../shared/model";
import { drawnBy, readCanvasCards, readFixedTexts, type CardNodes } from "./canvas-snapshot";
import { figjamMapSpec } from "./figjam/figjam-spec";
import { isCopyOfMapElsewhereAsync, registerMapFrame } from "./map-registry";
import { enclosingMapFrame, mapFramesOn, pageOf, type MapFrame } from "./maps";
import { NAMESPACE, encodeModel, readModel, writeModel, type StoredModel } from "./plugin-data";
import { besideFramesOn, besideSpecs } from "./render/beside";
import { mapSpec } from "./render/map-spec";
import type { NodeSpec } from "./render/spec";

export interface ReadResult {
  /** The model with the canvas edits. */
  model: JourneyMap;
  /** The model stored on the frame, as the last generation drew it. */
  stored: JourneyMap;
  /** Its analysis (what that generation drew: figures, priorities). */
  storedAnalysis: JourneyAnalysis;
  problems: CanvasProblem[];
  report: CanvasReport;
  /** Cards that became entities of their own (see `writeCanvasIdentities`). */
  identities: CanvasIdentity[];
  /** Cards of entities the stored model does not know (see `writeCanvasIdentities`). */
  unknownCardNodeIds: string[];
  /** The nodes of each card, by the card's node id. */
  cardNodes: Map<string, CardNodes>;
  /** The entities whose card a person deleted (they left `model`). */
  deletedCards: CanvasEdits["deletedCards"];
  /** Whether the frame copies a map whose frame is on another page (a duplicated page, a pasted map). */
  copyElsewhere: boolean;
  /** The frame holds a journey of an earlier version: the sentence to say once. */
  converted?: string;
}


/** The map id the frame's nodes are tagged with (the stored model's id for older maps). */
function frameMapId(frame: MapFrame, stored: JourneyMap): string {
  return frame.getSharedPluginData(NAMESPACE, "mapId") || stored.id;
}

/**
 * Whether another map frame on the same page, earlier in layer order, carries the same map id:
 * then this frame is a person's copy (Ctrl+D puts the copy after the original).
 */
function isCopyOfAnotherMap(frame: MapFrame, mapId: string): boolean {
  const page = pageOf(frame);
  if (page === null) return false;
  const first = mapFramesOn(page).find((f) => f.getSharedPluginData(NAMESPACE, "mapId") === mapId);
  return first !== undefined && first.id !== frame.id;
}

/** What generation draws for the stored model: a canvas text that still shows it was not edited. */
export function drawnSpec(frame: MapFrame, stored: JourneyMap, analysis: JourneyAnalysis = analyseJourney(stored)): NodeSpec {
  const generatedOn = new Date();
  return frame.type === "SECTION"
    ? figjamMapSpec(stored, { analysis, generatedOn, position: { x: frame.x, y: frame.y } })
    : mapSpec(stored, { analysis, generatedOn });
}

/**
 * The model stored on a map frame. A missing or damaged part is reported, never guessed: a frame
 * whose part count is gone while parts remain says so, rather than "holds no journey model".
 */
export function readStoredModel(frame: MapFrame): StoredModel {
  const count = frame.getSharedPluginData(NAMESPACE, "model.count");
  if (count === "" && frame.getSharedPluginData(NAMESPACE, "model.0") !== "") {
    return {
      ok: false,
      message: `"${frame.name}": the number of parts of the stored model is missing, so it cannot be told whether the model is whole: it was not read`,
    };
  }
  return readModel(frame);
}

/**
 * Reads the model stored on a map frame, with the canvas edits; throws a readable error when it
 * cannot. `copyElsewhere`: the frame is known to copy a map on another page (see
 * `readMapFrameAsync`); copies on the same page are told here.
 */
export function readMapFrame(frame: MapFrame, copyElsewhere = false): ReadResult {
  const stored = readStoredModel(frame);
  if (!stored.ok) throw new Error(stored.message);
  const mapId = frameMapId(frame, stored.model);
  const analysis = analyseJourney(stored.model);
  const drawn = drawnBy(drawnSpec(frame, stored.model, analysis));
  const copy = copyElsewhere || isCopyOfAnotherMap(frame, mapId);
  const reading = readCanvasCards(frame, mapId, drawn, copy);
  const page = pageOf(frame);
  // The frames beside the map show its data too (a copy's are still the original's).
  if (page !== null && !copy && frame.type === "FRAME") {
    const beside = besideFramesOn(page, mapId);
    if (beside.length > 0) {
      const besideDrawn = { texts: new Map<string, string>(), cards: new Set<string>(), structure: new Set<string>() };
      for (const spec of besideSpecs(stored.model, analysis).flat()) drawnBy(spec, besideDrawn);
      reading.snapshot.fixedTexts = [...(reading.snapshot.fixedTexts ?? []), ...readFixedTexts(beside, mapId, besideDrawn.texts)];
    }
  }
  const edits = mergeCanvasEdits(stored.model, reading.snapshot);
  return {
    model: edits.model,
    stored: stored.model,
    storedAnalysis: analysis,
    problems: edits.problems,
    report: edits.report,
    identities: edits.identities,
    unknownCardNodeIds: edits.unknownCardNodeIds,
    cardNodes: reading.cardNodes,
    deletedCards: edits.deletedCards,
    copyElsewhere,
    ...(stored.converted !== undefined && { converted: stored.converted }),
  };
}

/** `readMapFrame`, which also tells a copy of a map whose frame is on another page. */
export async function readMapFrameAsync(frame: MapFrame): Promise<ReadResult> {
  return readMapFrame(frame, await isCopyOfMapElsewhereAsync(frame));
}

/** Whether writing identities would change anything on the canvas. */
export function hasNewIdentities(read: ReadResult): boolean {
  return read.identities.length > 0 || read.unknownCardNodeIds.length > 0 || read.report.newMapId !== null;
}

/**
 * Re-tags the nodes of duplicated cards with their new entity, and a copied map frame's nodes with
 * its new map id, so that generation matches them by key; and clears the key of cards the stored
 * model does not know, so that generation leaves them alone as a person's layers. Writes only
 * those nodes.
 */
export function writeCanvasIdentities(frame: MapFrame, read: ReadResult): void {
  const newMapId = read.report.newMapId;
  if (newMapId !== null) {
    const oldMapId = frameMapId(frame, read.stored);
    for (const node of frame.findAllWithCriteria({ sharedPluginData: { namespace: NAMESPACE, keys: ["mapId"] } })) {
      // A map pasted inside this one keeps its own id, even when it is another copy of the same map.
      if (node.getSharedPluginData(NAMESPACE, "mapId") === oldMapId && enclosingMapFrame(node) === frame) {
        node.setSharedPluginData(NAMESPACE, "mapId", newMapId);
      }
    }
    // On a page of its own (a duplicated page), the frames beside the copy are the copy's too; beside
    // a copy on the original's page, they stay the original's.
    const page = pageOf(frame);
    if (read.copyElsewhere && page !== null) {
      for (const beside of besideFramesOn(page, oldMapId)) {
        for (const node of [beside, ...beside.findAllWithCriteria({ sharedPluginData: { namespace: NAMESPACE, keys: ["mapId"] } })]) {
          if (node.getSharedPluginData(NAMESPACE, "mapId") === oldMapId) node.setSharedPluginData(NAMESPACE, "mapId", newMapId);
        }
        if (beside.getSharedPluginData(NAMESPACE, "entity") === oldMapId) beside.setSharedPluginData(NAMESPACE, "entity", newMapId);
      }
    }
    frame.setSharedPluginData(NAMESPACE, "mapId", newMapId);
    frame.setSharedPluginData(NAMESPACE, "entity", newMapId);
    registerMapFrame(frame, newMapId);
  }
  for (const nodeId of read.unknownCardNodeIds) {
    const nodes = read.cardNodes.get(nodeId);
    if (nodes === undefined) continue;
    for (const node of [nodes.card, ...nodes.parts.map((p) => p.node)]) node.setSharedPluginData(NAMESPACE, "key", "");
  }
  for (const identity of read.identities) {
    const nodes = read.cardNodes.get(identity.nodeId);
    if (nodes === undefined) continue;
    const oldKey = `${identity.kind}/${identity.from}`;
    const newKey = `${identity.kind}/${identity.to}`;
    retag(nodes.card, nodes.key === oldKey ? newKey : nodes.key, identity);
    for (const part of nodes.parts) {
      retag(part.node, part.key.startsWith(`${oldKey}/`) ? `${newKey}${part.key.slice(oldKey.length)}` : part.key, identity);
    }
  }
}

function retag(node: SceneNode, key: string, identity: CanvasIdentity): void {
  if (node.getSharedPluginData(NAMESPACE, "key") !== key) node.setSharedPluginData(NAMESPACE, "key", key);
  if (node.getSharedPluginData(NAMESPACE, "entity") === identity.from) node.setSharedPluginData(NAMESPACE, "entity", identity.to);
}

/**
 * Re-tags new identities and stores the read model on the frame, so that the canvas, the tags and
 * the stored model agree; one undo step. Used when the panel reads a map without re-generating it.
 */
export function settleCanvasIdentities(frame: MapFrame, read: ReadResult): void {
  if (!hasNewIdentities(read)) return;
  writeCanvasIdentities(frame, read);
  writeModel(frame, encodeModel(read.model));
  figma.commitUndo();
}
