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
 * not) first gets an id of its own, so that generation updates the original alone. And when the
 * panel asks to draw a model whose cards a person deleted from the map frame, nothing is drawn
 * until the person says whether to restore those cards or drop them from the model
 * (`generateForPanelAsync`).
 */
import { analyseJourney } from "../shared/analysis";
import { cardCaption, copyId, dropCards } from "../shared/canvas-edits";
import type { CanvasProblem, DeletedCard, DeletedCardsAnswer } from "../shared/messages";
import type { JourneyMap } from "../shared/model";
import { drawnBy } from "./canvas-snapshot";
import { figjamBesideSpecs } from "./figjam/figjam-beside";
import { figjamMapSpec, figjamMapsOn } from "./figjam/figjam-spec";
import { loadFontsInUseAsync, loadMapFontsAsync } from "./fonts";
import { enclosingMapFrame, mapFramesOn, type MapFrame } from "./maps";
import { NAMESPACE, encodeModel, writeModel } from "./plugin-data";
import { registerMapFrame } from "./map-registry";
import { readMapFrame, writeCanvasIdentities } from "./read-map";
import { besideFramesOn, besideSpecs, placeBeside } from "./render/beside";
import { mapSpec } from "./render/map-spec";
import { Reconciler, type ReconcileStats } from "./render/reconcile";

export interface GenerateOptions {
  /** The date the header shows as the generation date (default: now). */
  now?: Date;
}

export interface GenerateResult extends ReconcileStats {
  /** The map frame (a section in FigJam). */
  frame: MapFrame;
  /** Texts left as they are because a font they use is not available here, and why. */
  kept: CanvasProblem[];
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
  const analysis = analyseJourney(map);
  const now = options.now ?? new Date();

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
    finish(section, map.id, chunks);
    // The result names the map's top node; in FigJam it is a section.
    return { frame: section, kept: reconciler.kept, ...reconciler.stats };
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
  finish(frame, map.id, chunks);
  return { frame, kept: reconciler.kept, ...reconciler.stats };
}

/**
 * The cards of `map` that a person deleted from its map frame on the current page, which drawing
 * `map` would create again: entities the stored model drew a card for, whose card is gone from the
 * frame, and which `map` still holds and draws. Empty when the page has no frame for the map, or
 * when the frame's stored model cannot be read (then nothing tells a deleted card from a new one,
 * and `map` is drawn as it is).
 */
export function deletedCardsOnCanvas(map: JourneyMap): { frame: MapFrame; cards: DeletedCard[] } | null {
  const frame = framesOfMap(map.id, figma.currentPage)[0];
  if (frame === undefined) return null;
  let deleted: ReturnType<typeof readMapFrame>["deletedCards"];
  try {
    deleted = readMapFrame(frame).deletedCards;
  } catch {
    return null;
  }
  if (deleted.length === 0) return { frame, cards: [] };
  const analysis = analyseJourney(map);
  const spec =
    frame.type === "SECTION"
      ? figjamMapSpec(map, { analysis, generatedOn: new Date(), position: { x: frame.x, y: frame.y } })
      : mapSpec(map, { analysis });
  const wanted = drawnBy(spec).cards;
  const cards = deleted
    .filter((card) => wanted.has(`${card.kind}/${card.id}`))
    .map((card) => ({ entityId: card.id, kind: card.kind, title: cardCaption(map, card.kind, card.id) }));
  return { frame, cards };
}

/** What the panel's "generate-map" request led to. */
export type PanelGeneration =
  | { kind: "question"; frame: MapFrame; cards: DeletedCard[] }
  | { kind: "generated"; result: GenerateResult; restored?: DeletedCard[]; dropped?: DeletedCard[]; model?: JourneyMap };

/**
 * Generating for the panel. When drawing `map` would create again cards a person deleted from the
 * map frame, nothing is drawn and nothing written unless `answer` says what to do: "restore" draws
 * them again; "drop" removes their entities from the model (clearing references to them) and draws
 * that model. The outcome names the cards either way, so nothing is decided silently.
 *
 * `seen` (keys `kind/entityId`) are the cards the person was asked about. The answer applies to
 * exactly those: when a card was deleted since that the person was not shown, nothing is drawn and
 * the person is asked again about all of them; a card shown that is back on the canvas is simply
 * no longer missing.
 */
export async function generateForPanelAsync(
  map: JourneyMap,
  answer: DeletedCardsAnswer | undefined,
  options: GenerateOptions = {},
  seen?: readonly string[],
): Promise<PanelGeneration> {
  // A model too large to store is refused before the person is asked anything.
  encodeModel(map);
  const found = deletedCardsOnCanvas(map);
  const deleted = found?.cards ?? [];
  const shown = seen === undefined ? null : new Set(seen);
  const unseen = shown === null ? [] : deleted.filter((card) => !shown.has(`${card.kind}/${card.entityId}`));
  if (found !== null && deleted.length > 0 && (answer === undefined || unseen.length > 0)) return { kind: "question", frame: found.frame, cards: deleted };
  if (answer === "drop") {
    const model = dropCards(map, deleted);
    return { kind: "generated", result: await generateMapAsync(model, options), dropped: deleted, model };
  }
  const result = await generateMapAsync(map, options);
  return answer === "restore" ? { kind: "generated", result, restored: deleted } : { kind: "generated", result };
}
