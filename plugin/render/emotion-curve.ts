/**
 * The emotion lane: one frame spanning the stage columns, so that it lines up with them. Inside
 * (no auto layout: a plot), each column is the lane's cell with three faint bands (delighted
 * above, neutral, frustrated below); a 3 px line runs through a point per stage, labelled with
 * its value and, where it comes from feedback, the half-width of its 95% interval as a quiet
 * "± x" (as the stage header writes CSAT and NPS) and the number of responses.
 *
 * A stage without an emotion (no manual value, no rated feedback) has no point, and the line
 * breaks there: segments join only consecutive stages that both have a value (PRODUCT.md: never
 * a fake zero).
 */
import type { StageAnalysis } from "../../shared/analysis";
import type { PersonaEmotion } from "../../shared/segments";
import type { Lane, Stage } from "../../shared/model";
import { formatMargin, formatNumber, formatSigned, plural } from "./format";
import { row, textLayer } from "./primitives";
import { ellipse, frame, rectangle, type FrameSpec, type NodeSpec, type VectorSpec } from "./spec";
import { COLOR, EMOTION, SIZE, TYPE } from "./style";

/**
 * Where the curve may go inside the lane: room above and below for the labels. With the lane
 * 192 high, an inset of 32 puts +1 and −1 exactly on the band edges: the bands are thirds.
 */
const PLOT_INSET = 32;
/** Wide enough for "−0.4 ± 0.3 · 1234 responses" in 11 px type, inside the 280 column. */
const LABEL_WIDTH = 240;
const LABEL_HEIGHT = 16;

export interface EmotionPoint {
  stageId: string;
  /** The centre of the point, in the curve frame. */
  x: number;
  y: number;
  value: number;
}

/** The x of a stage column's centre in a frame that starts at the first column. */
export function columnCentre(index: number): number {
  return index * (SIZE.stageWidth + SIZE.columnGap) + SIZE.stageWidth / 2;
}

/** The y of an emotion value (−2 … +2) in a lane of `height`: +2 at the top. */
export function emotionY(value: number, height: number): number {
  const clamped = Math.max(-2, Math.min(2, value));
  return PLOT_INSET + ((2 - clamped) / 4) * (height - 2 * PLOT_INSET);
}

function coordinate(value: number): string {
  return formatNumber(value, 2).replace("−", "-");
}

/**
 * The line's path data in Figma's subset (absolute M and C, single spaces): one subpath per run
 * of consecutive stages that have a point, each segment an S-curve with level tangents at the
 * points, so the line never overshoots a value. A run of one point draws no line.
 *
 * The paths' bounding box starts at (0, 0); `x` and `y` say where it is, and the vector node goes
 * there, so the line lands in the same place whether or not Figma re-bases a vector's paths to
 * their bounds (FIGMA_RULES.md §11). The S-curves' handles lie between their points, so the
 * points' box is the paths' box.
 */
export function emotionPaths(points: readonly (EmotionPoint | null)[]): { paths: string[]; x: number; y: number } {
  let run: EmotionPoint[] = [];
  const runs = [run];
  for (const point of points) {
    if (point === null) runs.push((run = []));
    else run.push(point);
  }
  const drawn = runs.filter((run) => run.length >= 2);
  const all = drawn.flat();
  const x = Math.min(...all.map((p) => p.x));
  const y = Math.min(...all.map((p) => p.y));
  const at = (p: EmotionPoint, px = p.x) => `${coordinate(px - x)} ${coordinate(p.y - y)}`;
  const paths = drawn.map((run) =>
    run
      .map((point, i) => {
        const previous = run[i - 1];
        if (previous === undefined) return `M ${at(point)}`;
        const mid = (previous.x + point.x) / 2;
        return `C ${at(previous, mid)} ${at(point, mid)} ${at(point)}`;
      })
      .join(" "),
  );
  return all.length === 0 ? { paths, x: 0, y: 0 } : { paths, x, y };
}

/**
 * A point's label as one text (FigJam's shapes take one): "+1.0 · set by hand", or
 * "−0.4 ± 0.3 · 84 responses" for a value from feedback (no "±" from fewer than 2 ratings).
 */
export function emotionLabel(analysis: Pick<StageAnalysis, "emotion" | "emotionSource" | "rated" | "margins">): string {
  if (analysis.emotion === null) return "No data";
  const margin = emotionMargin(analysis);
  const value = margin === null ? formatSigned(analysis.emotion) : `${formatSigned(analysis.emotion)} ${formatMargin(margin)}`;
  return `${value} · ${analysis.emotionSource === "feedback" ? plural(analysis.rated, "response") : "set by hand"}`;
}

/**
 * The half-width of the 95% interval of a point's emotion; null for a value set by hand or from
 * fewer than 2 ratings. Emotion from feedback is 4 · mean(s) − 2 and performance 1 + 4 · mean(s)
 * (shared/gaps.ts), so both have the half-width 4 · t₀.₉₇₅,ₙ₋₁ · s_s / √n (shared/confidence.ts).
 */
export function emotionMargin(analysis: Pick<StageAnalysis, "emotion" | "emotionSource" | "margins">): number | null {
  return analysis.emotion === null || analysis.emotionSource !== "feedback" ? null : analysis.margins.performance;
}

/**
 * A point's label, centred over its column: the value, its quiet "± x" where it has one, and what
 * it rests on ("· 84 responses", "· set by hand"); "No data" in the middle of a column without one.
 */
function pointLabel(stage: Stage, analysis: StageAnalysis | undefined, x: number, y: number): FrameSpec {
  const key = `emotion/${stage.id}/label`;
  const value = analysis?.emotion ?? null;
  const strong = { ...TYPE.tag, color: COLOR.textPrimary };
  const margin = analysis === undefined ? null : emotionMargin(analysis);
  const children =
    analysis === undefined || value === null
      ? [textLayer(`${key}/value`, stage.id, "Value", "No data", TYPE.meta)]
      : [
          textLayer(`${key}/value`, stage.id, "Value", formatSigned(value), strong),
          ...(margin === null ? [] : [textLayer(`${key}/margin`, stage.id, "Margin", formatMargin(margin), TYPE.meta)]),
          textLayer(
            `${key}/source`,
            stage.id,
            "Source",
            `· ${analysis.emotionSource === "feedback" ? plural(analysis.rated, "response") : "set by hand"}`,
            strong,
          ),
        ];
  const label = row(key, `Value: ${stage.name}`, 4, children, {
    entity: stage.id,
    width: LABEL_WIDTH,
    primaryAlign: "CENTER",
    counterAlign: "CENTER",
  });
  label.position = { x, y };
  return label;
}

/**
 * A persona's curve: a thinner line in the persona's colour and a small point per stage with a
 * value, under the journey's curve and its labels (the legend in the lane's label names it).
 */
function personaCurve(lane: Lane, stages: readonly Stage[], persona: PersonaEmotion, color: string, height: number): NodeSpec[] {
  const points = persona.emotions.map((value, index): EmotionPoint | null =>
    value === null ? null : { stageId: stages[index]?.id ?? "", x: columnCentre(index), y: emotionY(value, height), value },
  );
  const drawn = emotionPaths(points);
  const key = `emotion/${lane.id}/persona/${persona.personaId}`;
  const half = EMOTION.personaPoint / 2;
  const nodes: NodeSpec[] = points.flatMap((point, index) => {
    const stage = stages[index];
    return point === null || stage === undefined
      ? []
      : [
          ellipse({
            key: `${key}/${stage.id}`,
            role: "decoration",
            entity: persona.personaId,
            name: `Point: ${persona.name} · ${stage.name}`,
            width: EMOTION.personaPoint,
            height: EMOTION.personaPoint,
            position: { x: point.x - half, y: point.y - half },
            style: { fill: color, stroke: COLOR.white, strokeWeight: 1 },
          }),
        ];
  });
  if (drawn.paths.length > 0)
    nodes.unshift({
      kind: "VECTOR",
      key: `${key}/line`,
      role: "decoration",
      entity: persona.personaId,
      name: `Emotion curve: ${persona.name}`,
      paths: drawn.paths,
      position: { x: drawn.x, y: drawn.y },
      style: { stroke: color, strokeWeight: EMOTION.personaLineWeight },
    });
  return nodes;
}

/** The legend of the persona curves, for the emotion lane's label: a swatch of each persona's colour and its name. */
export function personaLegend(lane: Lane, personas: readonly PersonaEmotion[]): FrameSpec[] {
  return personas.map((persona, i) =>
    row(
      `lane/${lane.id}/legend/${persona.personaId}`,
      `Legend: ${persona.name}`,
      6,
      [
        rectangle({
          key: `lane/${lane.id}/legend/${persona.personaId}/swatch`,
          role: "decoration",
          entity: persona.personaId,
          name: "Swatch",
          width: 12,
          height: 4,
          style: { fill: EMOTION.personaLines[i] ?? EMOTION.line, cornerRadius: 2 },
        }),
        textLayer(`lane/${lane.id}/legend/${persona.personaId}/name`, persona.personaId, "Label", persona.name, TYPE.meta),
      ],
      { entity: persona.personaId, counterAlign: "CENTER" },
    ),
  );
}

/** The frame that draws the emotion lane across the stage columns, with a curve per persona when given. */
export function emotionCurveFrame(
  lane: Lane,
  stages: readonly Stage[],
  analysis: readonly StageAnalysis[],
  personas: readonly PersonaEmotion[] = [],
): FrameSpec {
  const height = SIZE.emotionLaneHeight;
  const bandHeight = height / EMOTION.bands.length;
  const width = Math.max(stages.length * (SIZE.stageWidth + SIZE.columnGap) - SIZE.columnGap, 1);
  const byStage = new Map(analysis.map((a) => [a.stageId, a]));
  const points = stages.map((stage, index): EmotionPoint | null => {
    const stageAnalysis = byStage.get(stage.id);
    const value = stageAnalysis ? stageAnalysis.emotion : null;
    return value === null ? null : { stageId: stage.id, x: columnCentre(index), y: emotionY(value, height), value };
  });

  const cells: NodeSpec[] = stages.map((stage, index) =>
    frame({
      key: `cell/${lane.id}/${stage.id}`,
      role: "cell",
      entity: `${lane.id}/${stage.id}`,
      name: `${lane.name} · ${stage.name}`,
      width: SIZE.stageWidth,
      height,
      position: { x: index * (SIZE.stageWidth + SIZE.columnGap), y: 0 },
      style: { fill: null, cornerRadius: SIZE.cellRadius },
      clips: true,
      children: EMOTION.bands.map((band, b) =>
        rectangle({
          key: `cell/${lane.id}/${stage.id}/${band.key}`,
          role: "decoration",
          entity: stage.id,
          name: `Band: ${band.label}`,
          width: SIZE.stageWidth,
          height: bandHeight,
          position: { x: 0, y: b * bandHeight },
          style: { fill: band.fill },
        }),
      ),
    }),
  );

  const bandLabels = EMOTION.bands.map((band, b) =>
    textLayer(`emotion/${lane.id}/band/${band.key}`, lane.id, `Band label: ${band.label}`, band.label, TYPE.meta, {
      position: { x: 12, y: b * bandHeight + 8 },
    }),
  );

  const drawn = emotionPaths(points);
  const line: VectorSpec[] =
    drawn.paths.length === 0
      ? []
      : [
          {
            kind: "VECTOR",
            key: `emotion/${lane.id}/line`,
            role: "decoration",
            entity: lane.id,
            name: "Line",
            paths: drawn.paths,
            position: { x: drawn.x, y: drawn.y },
            style: { stroke: EMOTION.line, strokeWeight: EMOTION.lineWeight },
          },
        ];

  const marks = stages.flatMap((stage, index): NodeSpec[] => {
    const stageAnalysis = byStage.get(stage.id);
    const point = points[index] || null;
    const centre = columnCentre(index);
    const label = (y: number) => pointLabel(stage, stageAnalysis, centre - LABEL_WIDTH / 2, y);
    if (point === null) return [label(height / 2 - LABEL_HEIGHT / 2)];
    // Above the point, unless it is a valley (the line comes down to it) or sits at the top.
    const before = points[index - 1] || null;
    const after = points[index + 1] || null;
    const valley = (before === null || before.y < point.y) && (after === null || after.y < point.y) && (before || after) !== null;
    const below = valley || point.y - EMOTION.point / 2 - 4 - LABEL_HEIGHT < 0;
    const half = EMOTION.point / 2;
    return [
      ellipse({
        key: `emotion/${stage.id}/point`,
        role: "decoration",
        entity: stage.id,
        name: `Point: ${stage.name}`,
        width: EMOTION.point,
        height: EMOTION.point,
        position: { x: centre - half, y: point.y - half },
        style: { fill: EMOTION.line, stroke: COLOR.white, strokeWeight: 2 },
      }),
      label(below ? point.y + half + 4 : point.y - half - 4 - LABEL_HEIGHT),
    ];
  });

  return frame({
    key: `lane/${lane.id}/curve`,
    role: "decoration",
    entity: lane.id,
    name: "Emotion curve",
    width,
    height,
    style: { fill: null },
    sizing: { horizontal: "FIXED", vertical: "FIXED" },
    children: [
      ...cells,
      ...bandLabels,
      ...personas.flatMap((persona, i) => personaCurve(lane, stages, persona, EMOTION.personaLines[i] ?? EMOTION.line, height)),
      ...line,
      ...marks,
    ],
  });
}
