/**
 * The priority matrix beside the map: 640 × 640, effort on x (low → high), impact on y
 * (low → high), four tinted and labelled quadrants split at the midpoint 3, and one numbered dot
 * per pain point, placed by its impact and effort and labelled with its rank.
 *
 * The plot has no auto layout (dots sit at coordinates); everything around it does.
 */
import type { Priority, PriorityQuadrant } from "../../shared/priority";
import { IMPACT_EFFORT_MIDPOINT } from "../../shared/priority";
import { row, stack, textLayer } from "./primitives";
import { frame, rectangle, type FrameSpec, type NodeSpec } from "./spec";
import { COLOR, QUADRANT_COLOR, QUADRANT_LABEL, SIZE, TYPE } from "./style";

const PADDING = 32;
/** The impact axis left of the plot ("↑ High", "Impact", "↓ Low"), and the gap after it. */
const IMPACT_AXIS = 48;
/** Where the plot starts inside the matrix's padding. */
export const PLOT_LEFT = IMPACT_AXIS + 8;
export const PLOT_WIDTH = SIZE.matrixSize - 2 * PADDING - PLOT_LEFT;
/** What is left of 640 under the title (28 + 4 + 20), the gaps (24, 12) and the axis row (16). */
export const PLOT_HEIGHT = SIZE.matrixSize - 2 * PADDING - 52 - 24 - 12 - 16;
const GUTTER = 4;
export const MATRIX_DOT = 24;
/** A quadrant's name and caption take its top 48 px (12 + 16 + 16 + 4): dots stay below them. */
const LABEL_BAND = 48;
/** Dots keep this far from a quadrant's other edges. */
const EDGE = 16;
const SPREAD = MATRIX_DOT + 4;

const QUADRANTS: readonly { quadrant: PriorityQuadrant; caption: string; column: 0 | 1; row: 0 | 1 }[] = [
  { quadrant: "quick win", caption: "High impact · low effort", column: 0, row: 0 },
  { quadrant: "major project", caption: "High impact · high effort", column: 1, row: 0 },
  { quadrant: "fill-in", caption: "Low impact · low effort", column: 0, row: 1 },
  { quadrant: "thankless", caption: "Low impact · high effort", column: 1, row: 1 },
];

export function matrixSubtitle(count: number): string {
  return count === 0 ? "No pain points yet." : "Impact against effort. Each dot is a pain point, numbered by its rank.";
}

/**
 * Where a value on 1–5 falls along one side of the plot, split at the midpoint 3 into two
 * quadrants; the midpoint belongs to the upper (or right) one. The first quadrant along the side
 * holds the extreme value `first` (5 for impact, at the top; 1 for effort, at the left) at its
 * start. Within its quadrant a dot keeps clear of the edges and of the `band` at the quadrant's
 * start (its name and caption).
 */
function along(value: number, length: number, band: number, first: number): number {
  const half = (length - GUTTER) / 2;
  const start = band + MATRIX_DOT / 2;
  const inFirst = first > IMPACT_EFFORT_MIDPOINT ? value >= IMPACT_EFFORT_MIDPOINT : value < IMPACT_EFFORT_MIDPOINT;
  const distance = Math.abs(value - (inFirst ? first : IMPACT_EFFORT_MIDPOINT)) / 2;
  return (inFirst ? 0 : half + GUTTER) + start + distance * (half - MATRIX_DOT / 2 - EDGE - start);
}

/** The centre of a pain point's dot in the plot, before spreading dots that share a place. */
export function matrixPosition(impact: number, effort: number): { x: number; y: number } {
  return { x: Math.round(along(effort, PLOT_WIDTH, EDGE, 1)), y: Math.round(along(impact, PLOT_HEIGHT, LABEL_BAND, 5)) };
}

function dot(priority: Priority, centre: { x: number; y: number }): FrameSpec {
  const id = priority.painPointId;
  return frame({
    key: `matrix/${id}`,
    role: "decoration",
    entity: id,
    name: `${priority.rank} · ${priority.title}`,
    width: MATRIX_DOT,
    height: MATRIX_DOT,
    position: { x: centre.x - MATRIX_DOT / 2, y: centre.y - MATRIX_DOT / 2 },
    layout: { mode: "HORIZONTAL", primaryAlign: "CENTER", counterAlign: "CENTER" },
    style: { fill: COLOR.ink, stroke: COLOR.white, strokeWeight: 2, cornerRadius: MATRIX_DOT / 2 },
    children: [textLayer(`matrix/${id}/rank`, id, "Rank", String(priority.rank), TYPE.badge, { align: "CENTER" })],
  });
}

/** The dots' centres in the plot, with those that share a place spread side by side in rank order. */
export function matrixDots(priorities: readonly Priority[]): { priority: Priority; x: number; y: number }[] {
  const groups = new Map<string, Priority[]>();
  for (const p of [...priorities].sort((a, b) => a.rank - b.rank)) {
    const at = matrixPosition(p.impact, p.effort);
    const key = `${at.x},${at.y}`;
    groups.set(key, [...(groups.get(key) ?? []), p]);
  }
  return [...groups.values()].flatMap((group) =>
    group.map((p, index) => {
      const at = matrixPosition(p.impact, p.effort);
      return { priority: p, x: at.x + (index - (group.length - 1) / 2) * SPREAD, y: at.y };
    }),
  );
}

/** The four quadrants' boxes in the plot, with their key, name and caption. */
export function matrixQuadrants(): { quadrant: PriorityQuadrant; key: string; title: string; caption: string; x: number; y: number; width: number; height: number }[] {
  const width = (PLOT_WIDTH - GUTTER) / 2;
  const height = (PLOT_HEIGHT - GUTTER) / 2;
  return QUADRANTS.map(({ quadrant, caption, column, row: r }) => ({
    quadrant,
    key: `matrix/quadrant/${quadrant.replace(/\s+/g, "-")}`,
    title: quadrant === "thankless" ? "Thankless tasks" : `${QUADRANT_LABEL[quadrant]}s`,
    caption,
    x: column * (width + GUTTER),
    y: r * (height + GUTTER),
    width,
    height,
  }));
}

export function priorityMatrixFrame(mapId: string, priorities: readonly Priority[]): FrameSpec {
  const quadrants: NodeSpec[] = matrixQuadrants().flatMap(({ quadrant, key, title, caption, x, y, width, height }) => {
    const colours = QUADRANT_COLOR[quadrant];
    return [
      rectangle({
        key,
        role: "decoration",
        entity: "",
        name: `Quadrant: ${title}`,
        width,
        height,
        position: { x, y },
        style: { fill: colours.fill, cornerRadius: 8 },
      }),
      textLayer(`${key}/title`, "", "Quadrant name", title, { ...TYPE.laneLabel, color: colours.text }, { position: { x: x + 12, y: y + 12 } }),
      textLayer(`${key}/caption`, "", "Caption", caption, TYPE.meta, { position: { x: x + 12, y: y + 28 } }),
    ];
  });
  const plot = frame({
    key: "matrix/plot",
    role: "decoration",
    entity: "",
    name: "Plot",
    width: PLOT_WIDTH,
    height: PLOT_HEIGHT,
    sizing: { horizontal: "FIXED", vertical: "FIXED" },
    style: { fill: null },
    children: [...quadrants, ...matrixDots(priorities).map((d) => dot(d.priority, d))],
  });
  return frame({
    key: "matrix",
    role: "matrix",
    entity: mapId,
    name: "Priority matrix",
    width: SIZE.matrixSize,
    height: SIZE.matrixSize,
    layout: { mode: "VERTICAL", padding: PADDING, gap: 24 },
    style: { fill: COLOR.white, stroke: COLOR.border, strokeWeight: 1, cornerRadius: SIZE.mapRadius },
    children: [
      stack("matrix/heading", "Heading", 4, [
        textLayer("matrix/title", "", "Title", "Priority matrix", { ...TYPE.sectionTitle, lineHeightPx: 28 }),
        textLayer(
          "matrix/subtitle",
          "",
          "Subtitle",
          matrixSubtitle(priorities.length),
          { ...TYPE.bodySecondary, lineHeight: undefined, lineHeightPx: 20 },
        ),
      ]),
      stack("matrix/body", "Plot and axis", 12, [
        row("matrix/plot-row", "Plot and impact axis", PLOT_LEFT - IMPACT_AXIS, [
          stack(
            "matrix/impact",
            "Impact axis",
            0,
            [
              textLayer("matrix/impact/high", "", "High", "↑ High", TYPE.meta),
              textLayer("matrix/impact/name", "", "Axis", "Impact", TYPE.laneLabel),
              textLayer("matrix/impact/low", "", "Low", "↓ Low", TYPE.meta),
            ],
            { width: IMPACT_AXIS, height: PLOT_HEIGHT, primaryAlign: "SPACE_BETWEEN", counterAlign: "CENTER" },
          ),
          plot,
        ]),
        row(
          "matrix/axis",
          "Effort axis",
          8,
          [
            textLayer("matrix/axis/low", "", "Low", "← Low effort", TYPE.meta),
            textLayer("matrix/axis/name", "", "Axis", "Effort", TYPE.laneLabel),
            textLayer("matrix/axis/high", "", "High", "High effort →", TYPE.meta),
          ],
          { primaryAlign: "SPACE_BETWEEN", counterAlign: "CENTER", sizing: { horizontal: "FILL" }, padding: { top: 0, right: 0, bottom: 0, left: PLOT_LEFT } },
        ),
      ], { sizing: { horizontal: "FILL" } }),
    ],
  });
}
