/**
 * Generating a map: the model becomes (or updates) a map frame on the current page, with the
 * priority matrix, the gap chart and the persona cards beside it, in one undo step
 * (https://developers.figma.com/docs/plugins/api/properties/figma-commitundo). In FigJam the map
 * is built of sections, stickies, shapes with text and connectors instead, with the matrix and the
 * gap chart as sections beside it (plugin/figjam/).
 *
 * Everything goes through the Reconciler, so re-generating (and re-scoring, which re-generates
 * from the re-read model) writes only what changed and keeps what people did on the canvas.
 *
 * A copy of the map on the page (a frame a person duplicated or pasted, nested in another map or
 * not) first gets an id of its own, so that generation updates the original alone. When the panel
 * asks to draw a model whose map frame is on the page, what people changed on that frame is merged
 * in first (shared/panel-canvas-merge.ts), and nothing is drawn until the person says whether to
 * restore or drop cards they deleted there, and which side wins where both changed a field
 * (`generateForPanelAsync`). A version is saved in the file's history before an existing map changes.
 * A person's layers inside a cell the new model no longer draws go to a frame "Moved out of the map"
 * beside it, never on top of other content.
 */
import { analyseJourney, type JourneyAnalysis } from "../shared/analysis";
import { cardCaption, copyId, dropCards } from "../shared/canvas-edits";
import type { CanvasProblem, ConflictsAnswer, DeletedCard, DeletedCardsAnswer, ReplyResult } from "../shared/messages";
import type { JourneyMap } from "../shared/model";
import { mergePanelAndCanvas } from "../shared/panel-canvas-merge";
import { drawnBy } from "./canvas-snapshot";
import { figjamBesideSpecs } from "./figjam/figjam-beside";
import { figjamMapSpec, figjamMapsOn } from "./figjam/figjam-spec";
import { loadFontsInUseAsync, loadMapFontsAsync } from "./fonts";
import { enclosingMapFrame, mapFramesOn, type MapFrame } from "./maps";
import { NAMESPACE, encodeModel, writeModel } from "./plugin-data";
import { registerMapFrame } from "./map-registry";
import { drawnSpec, hasNewIdentities, readMapFrame, writeCanvasIdentities, type ReadResult } from "./read-map";
import { besideFramesOn, besideSpecs, placeBeside } from "./render/beside";
import { mapSpec } from "./render/map-spec";
import { Reconciler, type ReconcileStats } from "./render/reconcile";

export interface GenerateOptions {
  /** The date the header shows as the generation date (default: now). */
  now?: Date;
  /** The map's analysis, when the caller has made it already (Re-score): not made again. */
  analysis?: JourneyAnalysis;
}

export interface GenerateResult extends ReconcileStats {
  /** The map frame (a section in FigJam). */
  frame: MapFrame;
  /** Texts left as they are because a font they use is not available here, and why. */
  kept: CanvasProblem[];
  /** A person's layers moved out of cells that are gone, into the frame "Moved out of the map". */
  movedOut: number;
}

/** The name of the frame beside a map that holds a person's layers from cells the map no longer draws. */
export const MOVED_OUT = "Moved out of the map";

/** Saves a named version before an existing map changes, so a person can always go back. */
export async function saveVersionBeforeUpdateAsync(): Promise<void> {
  await figma.saveVersionHistoryAsync("Before Journey Mapper update");
}

/**
 * Moves the person's layers the reconciler put on the page (out of removed cells) into the frame
 * "Moved out of the map" below the map, one under the other; the frame is made, or grown, below
 * everything it would cover. Returns how many moved.
 */
function moveOutOfTheMap(map: MapFrame, mapId: string, page: PageNode, before: ReadonlySet<SceneNode>): number {
  const rescued = page.children.filter((n) => !before.has(n) && n.getSharedPluginData(NAMESPACE, "mapId") !== mapId);
  if (rescued.length === 0) return 0;
  const tagged = (n: SceneNode) => n.getSharedPluginData(NAMESPACE, "role") === "moved-out" && n.getSharedPluginData(NAMESPACE, "mapId") === mapId;
  let holder = page.children.find(tagged) as FrameNode | SectionNode | undefined;
  if (holder === undefined) {
    holder = figma.editorType === "figjam" ? figma.createSection() : figma.createFrame();
    holder.name = MOVED_OUT;
    holder.setSharedPluginData(NAMESPACE, "role", "moved-out");
    holder.setSharedPluginData(NAMESPACE, "mapId", mapId);
    holder.x = map.x;
    holder.y = map.y + map.height + 160;
  }
  let bottom = holder.children.reduce((b, n) => Math.max(b, n.y + n.height), 0);
  let width = holder.width;
  for (const node of rescued) {
    holder.appendChild(node);
    node.x = 40;
    node.y = bottom + 40;
    bottom = node.y + node.height;
    width = Math.max(width, node.width + 80);
  }
  if (holder.type === "SECTION") holder.resizeWithoutConstraints(width, bottom + 40);
  else holder.resize(width, bottom + 40);
  // Below whatever it would cover (the map, the frames beside it, a person's work).
  for (let moved = true; moved; ) {
    moved = false;
    for (const other of page.children) {
      const apart =
        other === holder || other.x >= holder.x + holder.width || holder.x >= other.x + other.width || other.y >= holder.y + holder.height || holder.y >= other.y + other.height;
      if (apart) continue;
      holder.y = other.y + other.height + 160;
      moved = true;
    }
  }
  return rescued.length;
}

/** Where a new map goes: right of everything on the page, so it never covers a person's work. */
function freePosition(page: PageNode): { x: number; y: number } {
  let right = 0;
  let top = 0;
  for (const node of page.children) {
    if (node.x + node.width > right) {
      right = node.x + node.width;
      top = node.y;
    }
  }
  return page.children.length === 0 ? { x: 0, y: 0 } : { x: right + 200, y: top };
}

/** The node that shows this map already: the selected one if several do. */
function existingMap<T extends SceneNode>(map: JourneyMap, candidates: readonly T[]): T | null {
  const frames = candidates.filter((f) => f.getSharedPluginData(NAMESPACE, "mapId") === map.id);
  const selected = frames.find((f) => figma.currentPage.selection.includes(f));
  return selected ?? frames[0] ?? null;
}

/** The map frames on the page tagged with `mapId`, in layer order: the first is the original. */
function framesOfMap(mapId: string, page: PageNode): MapFrame[] {
  return mapFramesOn(page).filter((f) => f.getSharedPluginData(NAMESPACE, "mapId") === mapId);
}

/**
 * Gives every copy of map `mapId` on the page an id of its own, as reading it would, so that
 * generation neither updates a copy as the map nor takes a nested copy's nodes for the map's. A
 * copy whose stored model cannot be read keeps it (reading it says what is wrong), but its nodes
 * are re-tagged with a new id all the same. Writes nothing when the page holds no copy.
 */
function settleCopiesOf(mapId: string, page: PageNode): void {
  for (const copy of framesOfMap(mapId, page).slice(1)) {
    try {
      const read = readMapFrame(copy);
      if (read.report.newMapId !== null) {
        writeCanvasIdentities(copy, read);
        writeModel(copy, encodeModel(read.model));
        continue;
      }
    } catch {
      // Unreadable: re-tagged below.
    }
    const newId = copyId(mapId, copy.id, new Set([mapId]));
    for (const node of [copy, ...copy.findAllWithCriteria({ sharedPluginData: { namespace: NAMESPACE, keys: ["mapId"] } })]) {
      if (node.getSharedPluginData(NAMESPACE, "mapId") === mapId && enclosingMapFrame(node) === copy) {
        node.setSharedPluginData(NAMESPACE, "mapId", newId);
      }
    }
  }
}

function finish(root: MapFrame, mapId: string, chunks: readonly string[]): void {
  writeModel(root, chunks);
  registerMapFrame(root, mapId);
  root.setRelaunchData({ open: "Edit this journey map", rescore: "Re-rank its pain points after editing scores" });
  figma.commitUndo();
}

/**
 * Draws the map, or updates the one that shows it. A model too large to store on the frame is
 * refused before anything is drawn.
 */
export async function generateMapAsync(map: JourneyMap, options: GenerateOptions = {}): Promise<GenerateResult> {
  const chunks = encodeModel(map);
  await loadMapFontsAsync();
  const page = figma.currentPage;
  settleCopiesOf(map.id, page);
  const analysis = options.analysis ?? analyseJourney(map);
  const now = options.now ?? new Date();

  const before = new Set(page.children);
  if (figma.editorType === "figjam") {
    const existing = existingMap(map, figjamMapsOn(page));
    const beside = besideFramesOn(page, map.id);
    const position = existing ? null : freePosition(page);
    const reconciler = new Reconciler(map.id, existing ? [existing, ...beside] : beside);
    reconciler.missingFonts = await loadFontsInUseAsync(reconciler.existingText());
    const spec = figjamMapSpec(map, { analysis, generatedOn: now, position: position ?? { x: existing?.x ?? 0, y: existing?.y ?? 0 } });
    const [section, ...besideNodes] = reconciler.renderRoots([spec, ...figjamBesideSpecs(map, analysis, spec)], page);
    if (section === undefined || section.type !== "SECTION") throw new Error("The map could not be drawn.");
    placeBeside(section, [besideNodes]);
    const movedOut = moveOutOfTheMap(section, map.id, page, before);
    finish(section, map.id, chunks);
    // The result names the map's top node; in FigJam it is a section.
    return { frame: section, kept: reconciler.kept, movedOut, ...reconciler.stats };
  }

  const existing = existingMap(map, mapFramesOn(page));
  const beside = besideFramesOn(page, map.id);
  const position = existing ? null : freePosition(page);
  const reconciler = new Reconciler(map.id, existing ? [existing, ...beside] : beside);
  reconciler.missingFonts = await loadFontsInUseAsync(reconciler.existingText());
  const columns = besideSpecs(map, analysis);
  const [frame, ...besideNodes] = reconciler.renderRoots([mapSpec(map, { analysis, generatedOn: now }), ...columns.flat()], page);
  if (frame?.type !== "FRAME") throw new Error("The map frame could not be drawn.");
  if (position) {
    frame.x = position.x;
    frame.y = position.y;
  }
  let next = 0;
  placeBeside(frame, columns.map((column) => besideNodes.slice(next, (next += column.length))));
  const movedOut = moveOutOfTheMap(frame, map.id, page, before);
  finish(frame, map.id, chunks);
  return { frame, kept: reconciler.kept, movedOut, ...reconciler.stats };
}

/**
 * The cards of `map` that a person deleted from its map frame, which drawing `map` would create
 * again: entities the stored model drew a card for, whose card is gone from the frame, and which
 * `map` still holds and draws.
 */
function deletedCardsOn(frame: MapFrame, read: ReadResult, map: JourneyMap): DeletedCard[] {
  if (read.deletedCards.length === 0) return [];
  const wanted = drawnBy(drawnSpec(frame, map)).cards;
  return read.deletedCards
    .filter((card) => wanted.has(`${card.kind}/${card.id}`))
    .map((card) => ({ entityId: card.id, kind: card.kind, title: cardCaption(map, card.kind, card.id) }));
}

/** The person's answers to the panel's questions, once asked. */
export interface PanelAnswers {
  deletedCards?: DeletedCardsAnswer | undefined;
  deletedCardsSeen?: readonly string[] | undefined;
  conflicts?: ConflictsAnswer | undefined;
}

/**
 * Generating for the panel, and the reply to its "generate-map" request. When the map's frame is
 * on the page, what people changed there is merged into `map` first; nothing is drawn and nothing
 * written while a question is open: cards a person deleted there that `map` would draw again
 * ("restore" draws them again; "drop" removes their entities from the model, clearing references
 * to them), then fields both sides changed ("canvas" or "panel" wins). The reply names the cards
 * either way, so nothing is decided silently. `deletedCardsSeen` (keys `kind/entityId`) are the
 * cards the person was asked about: the answer applies to exactly those, and when a card was
 * deleted since that the person was not shown, the person is asked again about all of them.
 */
export async function generateForPanelAsync(map: JourneyMap, answers: PanelAnswers = {}, options: GenerateOptions = {}): Promise<ReplyResult> {
  // A model too large to store is refused before the person is asked anything.
  encodeModel(map);
  const frame = framesOfMap(map.id, figma.currentPage)[0];
  let read: ReadResult | null = null;
  try {
    if (frame) read = readMapFrame(frame);
  } catch {
    // Unreadable: nothing tells a deleted card from a new one, nor a canvas edit from the panel's; `map` is drawn as it is.
  }
  let model = map;
  let fromCanvas = 0;
  let deleted: DeletedCard[] = [];
  if (frame && read) {
    deleted = deletedCardsOn(frame, read, map);
    const seen = answers.deletedCardsSeen === undefined ? null : new Set(answers.deletedCardsSeen);
    const unseen = seen === null ? [] : deleted.filter((card) => !seen.has(`${card.kind}/${card.entityId}`));
    if (deleted.length > 0 && (!answers.deletedCards || unseen.length > 0)) return { kind: "deleted-cards", nodeId: frame.id, cards: deleted };
    const merged = mergePanelAndCanvas(read.stored, read.model, map, answers.conflicts);
    if (merged.conflicts.length > 0 && !answers.conflicts) return { kind: "canvas-conflicts", nodeId: frame.id, conflicts: merged.conflicts };
    model = answers.deletedCards === "drop" ? dropCards(merged.model, deleted) : merged.model;
    fromCanvas = merged.fromCanvas;
    await saveVersionBeforeUpdateAsync();
    // Duplicated cards become the entities the merge added; a copied frame is settled by generation.
    if (hasNewIdentities(read) && read.report.newMapId === null) writeCanvasIdentities(frame, read);
  }
  const result = await generateMapAsync(model, options);
  // Text in a font not installed here was kept as it is: the person hears which.
  if (result.kept.length > 0) figma.notify(result.kept.map((k) => k.message).join("; "), { timeout: 10000 });
  return {
    kind: "generated",
    nodeId: result.frame.id,
    created: result.created,
    updated: result.updated,
    removed: result.removed,
    ...(answers.deletedCards === "restore" && { restored: deleted }),
    ...(answers.deletedCards === "drop" && { dropped: deleted, model }),
    // The same object when nothing was merged: a large model is not written out twice to compare.
    ...(model !== map && JSON.stringify(model) !== JSON.stringify(map) && { model }),
    ...(fromCanvas > 0 && { fromCanvas }),
    ...(result.movedOut > 0 && { movedOut: result.movedOut }),
  };
}
