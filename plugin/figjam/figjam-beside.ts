/**
 * The priority matrix and the gap chart beside a FigJam map: two sections right of the map
 * section, 80 apart, tops level with the map's, the gap chart under the matrix (MAP_DESIGN.md).
 * FigJam has no frames or vectors, so they are built of shapes with text and text layers, placed
 * by the same maths as in Figma design (plugin/render/priority-matrix.ts, gap-chart.ts) and
 * tagged with the same keys wherever FigJam allows: a dot is one shape `matrix/<id>` whose text is
 * the rank, a bar is a shape `gapChart/<stageId>/importance|performance/bar`.
 */
import type { JourneyAnalysis } from "../../shared/analysis";
import type { JourneyMap } from "../../shared/model";
import { formatNumber } from "../render/format";
import { BAR_LENGTH, barLength, formatGap, gapChartSubtitle, gapVerdict, showsDerivedImportance } from "../render/gap-chart";
import { MATRIX_DOT, PLOT_HEIGHT, PLOT_LEFT, PLOT_WIDTH, matrixDots, matrixQuadrants, matrixSubtitle } from "../render/priority-matrix";
import { textLayer } from "../render/primitives";
import { shape } from "./figjam-spec";
import type { NodeSpec, SectionSpec, ShapeWithTextSpec } from "../render/spec";
import { COLOR, GAP_CHART, QUADRANT_COLOR, SIZE, TYPE } from "../render/style";

const PADDING = 32;
/** The plot's top: under the title (28 + 4 + 20) and a gap of 24, as in Figma design. */
const PLOT_TOP = PADDING + 52 + 24;
/** The plot's left: after the impact axis, as in Figma design. */
const PLOT_X = PADDING + PLOT_LEFT;
const NAME_WIDTH = 120;
const BARS_X = PADDING + NAME_WIDTH + 16;
const GAP_X = BARS_X + BAR_LENGTH + 8 + 32 + 16;
const ROWS_TOP = 152;
const ROW = 60;
const BAR = 12;

/** A shape with text, as decoration (a quadrant, a dot, a bar): its fill also strokes it unless told. */
function box(
  key: string,
  entity: string,
  name: string,
  value: string,
  look: { fill: string; stroke?: string; shape?: ShapeWithTextSpec["shape"] },
  at: { x: number; y: number; width: number; height: number },
): ShapeWithTextSpec {
  return shape(key, entity, name, value, { stroke: look.fill, shape: "SQUARE", textStyle: TYPE.badge, ...look }, at, "decoration");
}

function heading(prefix: string, title: string, subtitle: string): NodeSpec[] {
  return [
    textLayer(`${prefix}/title`, "", "Title", title, { ...TYPE.sectionTitle, lineHeightPx: 28 }, { position: { x: PADDING, y: PADDING } }),
    textLayer(`${prefix}/subtitle`, "", "Subtitle", subtitle, TYPE.bodySecondary, { width: SIZE.matrixSize - 2 * PADDING, position: { x: PADDING, y: PADDING + 32 } }),
  ];
}

function priorityMatrixSection(map: JourneyMap, analysis: JourneyAnalysis, at: { x: number; y: number }): SectionSpec {
  const children: NodeSpec[] = heading("matrix", "Priority matrix", matrixSubtitle(analysis.priorities.length));
  for (const q of matrixQuadrants()) {
    const x = PLOT_X + q.x;
    const y = PLOT_TOP + q.y;
    const colours = QUADRANT_COLOR[q.quadrant];
    children.push(
      box(q.key, "", `Quadrant: ${q.title}`, "", { fill: colours.fill }, { x, y, width: q.width, height: q.height }),
      textLayer(`${q.key}/title`, "", "Quadrant name", q.title, { ...TYPE.laneLabel, color: colours.text }, { position: { x: x + 12, y: y + 12 } }),
      textLayer(`${q.key}/caption`, "", "Caption", q.caption, TYPE.meta, { position: { x: x + 12, y: y + 28 } }),
    );
  }
  for (const { priority, x, y } of matrixDots(analysis.priorities)) {
    const id = priority.painPointId;
    const half = MATRIX_DOT / 2;
    children.push(
      box(`matrix/${id}`, id, `${priority.rank} · ${priority.title}`, String(priority.rank), { fill: COLOR.ink, stroke: COLOR.white, shape: "ELLIPSE" }, {
        x: PLOT_X + x - half,
        y: PLOT_TOP + y - half,
        width: MATRIX_DOT,
        height: MATRIX_DOT,
      }),
    );
  }
  const axisY = PLOT_TOP + PLOT_HEIGHT + 12;
  // The impact axis left of the plot, top to bottom, as in Figma design.
  const impact = ["↑ High", "Impact", "↓ Low"];
  impact.forEach((label, i) =>
    children.push(
      textLayer(`matrix/impact/${["high", "name", "low"][i]}`, "", ["High", "Axis", "Low"][i] as string, label, i === 1 ? TYPE.laneLabel : TYPE.meta, {
        // Centred on the 48 px axis, wide enough that "IMPACT" never wraps.
        width: 64,
        align: "CENTER",
        position: { x: PADDING - 8, y: PLOT_TOP + (i * (PLOT_HEIGHT - 16)) / 2 },
      }),
    ),
  );
  children.push(
    textLayer("matrix/axis/low", "", "Low", "← Low effort", TYPE.meta, { position: { x: PLOT_X, y: axisY } }),
    textLayer("matrix/axis/name", "", "Axis", "Effort", TYPE.laneLabel, { width: 120, align: "CENTER", position: { x: PLOT_X + PLOT_WIDTH / 2 - 60, y: axisY } }),
    textLayer("matrix/axis/high", "", "High", "High effort →", TYPE.meta, { width: 120, align: "RIGHT", position: { x: PLOT_X + PLOT_WIDTH - 120, y: axisY } }),
  );
  return { kind: "SECTION", key: "matrix", role: "matrix", entity: map.id, name: "Priority matrix", width: SIZE.matrixSize, height: SIZE.matrixSize, position: at, style: { fill: COLOR.white }, children };
}

function gapChartSection(map: JourneyMap, analysis: JourneyAnalysis, at: { x: number; y: number }): SectionSpec {
  const threshold = map.settings.gapThreshold;
  const children: NodeSpec[] = heading("gapChart", "Gap chart", gapChartSubtitle(threshold, analysis.importance));
  (["importance", "performance"] as const).forEach((measure, index) => {
    const key = `gapChart/legend/${measure}`;
    const x = PADDING + index * 120;
    const label = measure === "importance" ? (showsDerivedImportance(analysis.importance) ? "Derived importance" : "Importance") : "Performance";
    children.push(
      box(`${key}/swatch`, "", "Swatch", "", { fill: GAP_CHART[measure] }, { x, y: ROWS_TOP - 30, width: BAR, height: BAR }),
      textLayer(`${key}/label`, "", "Label", label, TYPE.metaPrimary, { position: { x: x + 18, y: ROWS_TOP - 32 } }),
    );
  });
  analysis.stages.forEach((stage, index) => {
    const key = `gapChart/${stage.stageId}`;
    const top = ROWS_TOP + index * ROW;
    const verdict = gapVerdict(stage.gap, threshold);
    children.push(textLayer(`${key}/name`, stage.stageId, "Stage", stage.name, TYPE.metaPrimary, { width: NAME_WIDTH, position: { x: PADDING, y: top + 12 } }));
    (["importance", "performance"] as const).forEach((measure, row) => {
      const value = stage[measure];
      const y = top + 12 + row * (BAR + 8);
      const name = measure === "importance" ? "Importance" : "Performance";
      if (value === null) {
        children.push(textLayer(`${key}/${measure}/value`, stage.stageId, "Value", "no data", TYPE.meta, { position: { x: BARS_X, y: y - 2 } }));
        return;
      }
      const length = barLength(value);
      children.push(
        box(`${key}/${measure}/bar`, stage.stageId, `Bar: ${name}`, "", { fill: GAP_CHART[measure] }, { x: BARS_X, y, width: length, height: BAR }),
        textLayer(`${key}/${measure}/value`, stage.stageId, "Value", formatNumber(value), TYPE.metaPrimary, { position: { x: BARS_X + length + 8, y: y - 2 } }),
      );
    });
    children.push(
      textLayer(`${key}/gap/value`, stage.stageId, "Gap", stage.gap === null ? "–" : formatGap(stage.gap, threshold), { ...TYPE.scoreValue, color: verdict.tone.text }, { managedColor: true, position: { x: GAP_X, y: top + 4 } }),
      textLayer(`${key}/gap/verdict`, stage.stageId, "Verdict", verdict.text, TYPE.meta, { position: { x: GAP_X, y: top + 28 } }),
    );
  });
  const scaleY = ROWS_TOP + analysis.stages.length * ROW + 8;
  for (let tick = 1; tick <= 5; tick++)
    children.push(textLayer(`gapChart/axis/${tick}`, "", `Tick ${tick}`, String(tick), TYPE.meta, { position: { x: BARS_X + barLength(tick) - 3, y: scaleY } }));
  return {
    kind: "SECTION",
    key: "gapChart",
    role: "gap-chart",
    entity: map.id,
    name: "Gap chart",
    width: SIZE.gapChartWidth,
    height: scaleY + 16 + PADDING,
    position: at,
    style: { fill: COLOR.white },
    children,
  };
}

/** The sections beside the map section `mapSection` (its spec), top to bottom. */
export function figjamBesideSpecs(map: JourneyMap, analysis: JourneyAnalysis, mapSection: SectionSpec): SectionSpec[] {
  const x = mapSection.position.x + mapSection.width + SIZE.besideGap;
  const y = mapSection.position.y;
  return [priorityMatrixSection(map, analysis, { x, y }), gapChartSection(map, analysis, { x, y: y + SIZE.matrixSize + SIZE.besideStack })];
}
