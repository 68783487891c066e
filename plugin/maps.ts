/**
 * Finding journey-map frames: in the selection, on the current page, or on every page.
 * Under `documentAccess: "dynamic-page"` only the current page is loaded; other pages are
 * loaded only when the person asks for all maps
 * (https://developers.figma.com/docs/plugins/migrating-to-dynamic-loading).
 */
import type { MapSummary } from "../shared/messages";
import { MAX_CHUNKS, NAMESPACE, readTag } from "./plugin-data";

/** A map's top node: a frame in Figma design, a section in FigJam. */
export type MapFrame = FrameNode | SectionNode;

export function isMapFrame(node: BaseNode): node is MapFrame {
  return (node.type === "FRAME" || node.type === "SECTION") && node.getSharedPluginData(NAMESPACE, "role") === "map";
}

/** The map frame a node belongs to: itself, or its nearest map ancestor. */
export function enclosingMapFrame(node: BaseNode): MapFrame | null {
  let current: BaseNode | null = node;
  while (current !== null && current.type !== "PAGE" && current.type !== "DOCUMENT") {
    if (isMapFrame(current)) return current;
    current = current.parent;
  }
  return null;
}

/**
 * Map frames on a loaded page, top-level or nested (a map pasted into another frame), in layer
 * order. Only map frames hold a stored model, so the search asks Figma for its keys alone rather
 * than reading the tags of every node the plugin made; the first part counts too, so that a map
 * whose part count was lost is still found (and reading it says what is wrong).
 */
export function mapFramesOn(page: PageNode): MapFrame[] {
  return page
    .findAllWithCriteria({ types: ["FRAME", "SECTION"], sharedPluginData: { namespace: NAMESPACE, keys: ["model.count", "model.0"] } })
    .filter(isMapFrame);
}

/**
 * The map a selected node belongs to: its enclosing map frame, or, for a node beside the map
 * (persona cards, the priority matrix, the gap chart carry the map's id), the map frame on the
 * page with that id.
 */
function mapOfSelected(node: SceneNode, page: PageNode, maps: () => MapFrame[]): MapFrame | null {
  const enclosing = enclosingMapFrame(node);
  if (enclosing) return enclosing;
  for (let current: BaseNode | null = node; current !== null && current !== page; current = current.parent) {
    const mapId = current.getSharedPluginData(NAMESPACE, "mapId");
    if (mapId !== "") return maps().find((f) => f.getSharedPluginData(NAMESPACE, "mapId") === mapId) ?? null;
  }
  return null;
}

/** The maps the selection belongs to (a map's own nodes, or the frames beside it), in selection order. */
export function selectedMapFrames(): MapFrame[] {
  const page = figma.currentPage;
  let onPage: MapFrame[] | null = null;
  const maps = () => (onPage ??= mapFramesOn(page));
  const selected = new Map<string, MapFrame>();
  for (const node of page.selection) {
    const frame = mapOfSelected(node, page, maps);
    if (frame) selected.set(frame.id, frame);
  }
  return [...selected.values()];
}

/**
 * The map the person means: the one the selection belongs to, else the only map on the page.
 * A selection across several maps, or no selection on a page with several maps, is an error in words.
 */
export function targetMapFrame(): { frame: MapFrame } | { error: string } {
  const selected = selectedMapFrames();
  const [first, ...others] = selected;
  if (first && others.length === 0) return { frame: first };
  if (first) return { error: `The selection spans ${selected.length} journey maps: select one map.` };
  const all = mapFramesOn(figma.currentPage);
  if (all.length === 1 && all[0]) return { frame: all[0] };
  if (all.length === 0) return { error: "There is no journey map on this page. Generate one first." };
  return { error: `There are ${all.length} journey maps on this page: select the one you mean.` };
}

/**
 * The title in the model a map frame stores, not its layer name, which a person may have changed;
 * null when the model cannot be read (reading the map then says why). Only parsed, not validated:
 * the panel lists maps after every canvas action.
 */
function storedTitle(frame: MapFrame): string | null {
  const count = Number(frame.getSharedPluginData(NAMESPACE, "model.count"));
  if (!Number.isInteger(count) || count < 1 || count > MAX_CHUNKS) return null;
  let json = "";
  for (let index = 0; index < count; index++) json += frame.getSharedPluginData(NAMESPACE, `model.${index}`);
  try {
    const value: unknown = JSON.parse(json);
    const title = typeof value === "object" && value !== null && "title" in value ? value.title : null;
    return typeof title === "string" && title !== "" ? title : null;
  } catch {
    return null;
  }
}

/** Lists maps on the current page, or on every page (loading them all first: only when asked). */
export async function listMapsAsync(allPages: boolean): Promise<MapSummary[]> {
  if (allPages) await figma.loadAllPagesAsync();
  const pages = allPages ? figma.root.children : [figma.currentPage];
  const maps: MapSummary[] = [];
  for (const page of pages) {
    for (const frame of mapFramesOn(page)) {
      const tag = readTag(frame);
      maps.push({
        nodeId: frame.id,
        mapId: tag?.mapId ?? "",
        title: storedTitle(frame) ?? frame.name.replace(/^Journey map — /, ""),
        pageId: page.id,
        pageName: page.name,
      });
    }
  }
  return maps;
}

/** What changes whenever the plugin stores another model on a map frame: its part count and check ("" for a map stored without one). */
export function storedChecksum(frame: BaseNode): string {
  const check = frame.getSharedPluginData(NAMESPACE, "model.check");
  return check === "" ? "" : `${frame.getSharedPluginData(NAMESPACE, "model.count")}/${check}`;
}

/** The page a node is on; null for a node no longer in the document. */
export function pageOf(node: BaseNode): PageNode | null {
  let current: BaseNode | null = node;
  while (current !== null && current.type !== "PAGE") current = current.parent;
  return current;
}
