/**
 * Finding journey-map frames: in the selection, on the current page, or on every page.
 * Under `documentAccess: "dynamic-page"` only the current page is loaded; other pages are
 * loaded only when the person asks for all maps
 * (https://developers.figma.com/docs/plugins/migrating-to-dynamic-loading).
 */
import type { MapSummary } from "../shared/messages";
import { NAMESPACE, readTag } from "./plugin-data";

export function isMapFrame(node: BaseNode): node is FrameNode {
  return node.type === "FRAME" && node.getSharedPluginData(NAMESPACE, "role") === "map";
}

/** The map frame a node belongs to: itself, or its nearest map ancestor. */
export function enclosingMapFrame(node: BaseNode): FrameNode | null {
  let current: BaseNode | null = node;
  while (current !== null && current.type !== "PAGE" && current.type !== "DOCUMENT") {
    if (isMapFrame(current)) return current;
    current = current.parent;
  }
  return null;
}

/** Map frames on a loaded page, top-level or nested (a map pasted into another frame). */
export function mapFramesOn(page: PageNode): FrameNode[] {
  return page.findAllWithCriteria({ types: ["FRAME"], sharedPluginData: { namespace: NAMESPACE, keys: ["role"] } }).filter(isMapFrame);
}

/** The map the person means: the one holding the selection, else the only map on the page. */
export function targetMapFrame(): { frame: FrameNode } | { error: string } {
  for (const node of figma.currentPage.selection) {
    const frame = enclosingMapFrame(node);
    if (frame) return { frame };
  }
  const maps = mapFramesOn(figma.currentPage);
  if (maps.length === 1 && maps[0]) return { frame: maps[0] };
  if (maps.length === 0) return { error: "There is no journey map on this page. Generate one first." };
  return { error: `There are ${maps.length} journey maps on this page: select the one you mean.` };
}

/** Lists maps on the current page, or on every page (loading them all first). */
export async function listMapsAsync(allPages: boolean): Promise<MapSummary[]> {
  const pages = allPages ? figma.root.children : [figma.currentPage];
  if (allPages) await figma.loadAllPagesAsync();
  const maps: MapSummary[] = [];
  for (const page of pages) {
    for (const frame of mapFramesOn(page)) {
      const tag = readTag(frame);
      maps.push({
        nodeId: frame.id,
        mapId: tag?.mapId ?? "",
        title: frame.name.replace(/^Journey map — /, ""),
        pageId: page.id,
        pageName: page.name,
      });
    }
  }
  return maps;
}
