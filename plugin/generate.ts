/**
 * Generating a map: the model becomes (or updates) a map frame on the current page, in one
 * undo step (https://developers.figma.com/docs/plugins/api/properties/figma-commitundo).
 */
import type { JourneyMap } from "../shared/model";
import { loadMapFontsAsync } from "./fonts";
import { mapFramesOn } from "./maps";
import { NAMESPACE, encodeModel, writeModel } from "./plugin-data";
import { mapSpec } from "./render/map-spec";
import { Reconciler, type ReconcileStats } from "./render/reconcile";

export interface GenerateResult extends ReconcileStats {
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

/** The frame that shows this map already: the selected one if several do. */
function existingFrame(map: JourneyMap): FrameNode | null {
  const frames = mapFramesOn(figma.currentPage).filter((f) => f.getSharedPluginData(NAMESPACE, "mapId") === map.id);
  const selected = frames.find((f) => figma.currentPage.selection.includes(f));
  return selected ?? frames[0] ?? null;
}

export async function generateMapAsync(map: JourneyMap): Promise<GenerateResult> {
  const chunks = encodeModel(map);
  await loadMapFontsAsync();
  const existing = existingFrame(map);
  const position = existing ? null : freePosition(figma.currentPage);
  const reconciler = new Reconciler(map.id, existing);
  const frame = reconciler.renderRoot(mapSpec(map), figma.currentPage);
  if (position) {
    frame.x = position.x;
    frame.y = position.y;
  }
  writeModel(frame, chunks);
  frame.setRelaunchData({ open: "Edit this journey map", rescore: "Re-rank its pain points after editing scores" });
  figma.commitUndo();
  return { frame, ...reconciler.stats };
}
