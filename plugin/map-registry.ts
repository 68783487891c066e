/**
 * Which frame is each map: the document keeps, per map id, the node id of the frame the plugin last
 * drew or stored that map on. A frame carrying the same map id elsewhere is a person's copy (pasted
 * on another page, where the layer-order rule of one page cannot see the original), and becomes a
 * map of its own when read. Only the async node lookup reaches another page without loading every
 * page (https://developers.figma.com/docs/plugins/api/figma/#getnodebyidasync).
 */
import { isMapFrame, pageOf, type MapFrame } from "./maps";
import { NAMESPACE } from "./plugin-data";

const registryKey = (mapId: string) => `frame.${mapId}`;

/** Records `frame` as the frame of map `mapId` (written only when it changes). */
export function registerMapFrame(frame: MapFrame, mapId: string): void {
  if (mapId === "" || figma.root.getSharedPluginData(NAMESPACE, registryKey(mapId)) === frame.id) return;
  figma.root.setSharedPluginData(NAMESPACE, registryKey(mapId), frame.id);
}

/**
 * Whether `frame` is a copy of a map whose frame is on another page: the document names another
 * frame for its map id, and that frame is still there, on another page, with the same map id.
 * Copies on the same page are told by layer order when the frame is read.
 */
export async function isCopyOfMapElsewhereAsync(frame: MapFrame): Promise<boolean> {
  const mapId = frame.getSharedPluginData(NAMESPACE, "mapId");
  if (mapId === "") return false;
  const originalId = figma.root.getSharedPluginData(NAMESPACE, registryKey(mapId));
  if (originalId === "" || originalId === frame.id) return false;
  const original = await figma.getNodeByIdAsync(originalId);
  if (original === null || !isMapFrame(original) || original.getSharedPluginData(NAMESPACE, "mapId") !== mapId) return false;
  return pageOf(original) !== pageOf(frame);
}
