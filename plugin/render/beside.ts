/**
 * The frames beside the map (MAP_DESIGN.md): right of it, 80 apart, tops aligned with the map.
 * The priority matrix and the gap chart stand in the first column, nearest the pain points; the
 * persona cards in the second. Each is a top-level frame tagged with the map's id, so that
 * re-generation finds and updates it like the map frame, and puts it back beside the map.
 */
import type { JourneyAnalysis } from "../../shared/analysis";
import type { JourneyMap } from "../../shared/model";
import { NAMESPACE } from "../plugin-data";
import { gapChartFrame } from "./gap-chart";
import { roundGeometry, sameGeometry } from "./geometry";
import { personaCardFrame } from "./persona-card";
import { priorityMatrixFrame } from "./priority-matrix";
import type { FrameSpec } from "./spec";
import { SIZE } from "./style";

/** The roles of the frames beside a map. */
export const BESIDE_ROLES: readonly string[] = ["matrix", "gap-chart", "persona"];

/** The frames beside the map, by column, top to bottom. */
export function besideSpecs(map: JourneyMap, analysis: JourneyAnalysis): FrameSpec[][] {
  const personas = map.personas.filter((p) => p.onMap);
  const columns: FrameSpec[][] = [
    [priorityMatrixFrame(map.id, analysis.priorities), gapChartFrame(map.id, analysis.stages, map.settings.gapThreshold, analysis.importance)],
  ];
  if (personas.length > 0)
    columns.push(personas.map((p) => personaCardFrame(p, analysis.personas.find((a) => a.personaId === p.id))));
  return columns;
}

/** The frames beside map `mapId` on a page (sections in FigJam), wherever a person moved them on it. */
export function besideFramesOn(page: PageNode, mapId: string): (FrameNode | SectionNode)[] {
  return page
    .findAllWithCriteria({ types: ["FRAME", "SECTION"], sharedPluginData: { namespace: NAMESPACE, keys: ["role"] } })
    .filter(
      (node) =>
        BESIDE_ROLES.includes(node.getSharedPluginData(NAMESPACE, "role")) && node.getSharedPluginData(NAMESPACE, "mapId") === mapId,
    );
}

/** Puts the columns right of the map, `SIZE.besideGap` apart, their tops level with the map's. */
export function placeBeside(map: SceneNode, columns: readonly (readonly SceneNode[])[]): void {
  const box = map.absoluteBoundingBox || { x: map.x, y: map.y, width: map.width, height: map.height };
  let x = box.x + box.width + SIZE.besideGap;
  for (const column of columns) {
    let y = box.y;
    let width = 0;
    for (const node of column) {
      // Figma keeps positions as 32-bit floats: a frame already in place is not moved again.
      if (!sameGeometry(node.x, x)) node.x = roundGeometry(x);
      if (!sameGeometry(node.y, y)) node.y = roundGeometry(y);
      y += node.height + SIZE.besideStack;
      width = Math.max(width, node.width);
    }
    x += width + SIZE.besideGap;
  }
}
