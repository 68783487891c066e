/**
 * Generating a map: the model becomes (or updates) a map frame on the current page, with the
 * priority matrix, the gap chart and the persona cards beside it, in one undo step
 * (https://developers.figma.com/docs/plugins/api/properties/figma-commitundo). In FigJam the map
 * is built of sections, stickies, shapes with text and connectors instead (plugin/figjam/).
 *
 * Everything goes through the Reconciler, so re-generating (and re-scoring, which re-generates
 * from the re-read model) writes only what changed and keeps what people did on the canvas.
 */
import { analyseJourney } from "../shared/analysis";
import type { JourneyMap } from "../shared/model";
import { figjamMapSpec, figjamMapsOn } from "./figjam/figjam-spec";
import { loadMapFontsAsync } from "./fonts";
import { mapFramesOn } from "./maps";
import { NAMESPACE, encodeModel, writeModel } from "./plugin-data";
import { besideFramesOn, besideSpecs, placeBeside } from "./render/beside";
import { mapSpec } from "./render/map-spec";
import { Reconciler, type ReconcileStats } from "./render/reconcile";

export interface GenerateOptions {
  /** The date the header shows as the generation date (default: now). */
  now?: Date;
}

export interface GenerateResult extends ReconcileStats {
  /** The map frame (a section in FigJam). */
  frame: FrameNode;
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

function finish(root: SceneNode, chunks: readonly string[]): void {
  writeModel(root, chunks);
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
  const analysis = analyseJourney(map);
  const now = options.now ?? new Date();

  if (figma.editorType === "figjam") {
    const existing = existingMap(map, figjamMapsOn(page));
    const position = existing ? null : freePosition(page);
    const reconciler = new Reconciler(map.id, existing);
    const spec = figjamMapSpec(map, { analysis, generatedOn: now, position: position ?? { x: existing?.x ?? 0, y: existing?.y ?? 0 } });
    const [section] = reconciler.renderRoots([spec], page);
    if (section === undefined) throw new Error("The map could not be drawn.");
    finish(section, chunks);
    // The result names the map's top node; in FigJam it is a section.
    return { frame: section as unknown as FrameNode, ...reconciler.stats };
  }

  const existing = existingMap(map, mapFramesOn(page));
  const beside = besideFramesOn(page, map.id);
  const position = existing ? null : freePosition(page);
  const reconciler = new Reconciler(map.id, existing ? [existing, ...beside] : beside);
  const columns = besideSpecs(map, analysis);
  const [frame, ...besideNodes] = reconciler.renderRoots([mapSpec(map, { analysis, generatedOn: now }), ...columns.flat()], page);
  if (frame?.type !== "FRAME") throw new Error("The map frame could not be drawn.");
  if (position) {
    frame.x = position.x;
    frame.y = position.y;
  }
  let next = 0;
  placeBeside(frame, columns.map((column) => besideNodes.slice(next, (next += column.length))));
  finish(frame, chunks);
  return { frame, ...reconciler.stats };
}
