/**
 * The journey map in FigJam, built of what FigJam has (it has no frames, vectors or auto layout):
 * one section for the map, holding the header as text and shapes, a shape per stage header, a
 * section per cell (the same `cell/<laneId>/<stageId>` keys as in Figma design), stickies for
 * pain points and notes, shapes with text for touchpoints, opportunities and KPIs, and the emotion
 * curve as dots joined by connectors (no connector where a stage has no emotion: the line breaks).
 *
 * Keys match the design map wherever FigJam allows, so reading back stays possible: a pain-point
 * sticky is `painPoint/<id>` (its text is the title), with its scores as text layers
 * `painPoint/<id>/severity|frequency|effort` and its rank as a shape `painPoint/<id>/rank` laid
 * over the sticky's foot. Positions are computed here, since nothing lays them out.
 */
import type { JourneyAnalysis, StageAnalysis } from "../../shared/analysis";
import type { JourneyMap, Lane, Stage } from "../../shared/model";
import { PRIORITY_QUADRANTS, type Priority } from "../../shared/priority";
import { NAMESPACE } from "../plugin-data";
import { sentimentFigures, sentimentLine } from "../../shared/sentiment-summary";
import { trendsOfJourney } from "../../shared/trends";
import { kpiValues } from "../render/cards";
import { stageChangeText } from "../render/change";
import { emotionLabel } from "../render/emotion-curve";
import { formatDate, plural } from "../render/format";
import { mapFrameName } from "../render/map-spec";
import { textLayer } from "../render/primitives";
import type { ConnectorSpec, NodeSpec, SectionSpec, ShapeWithTextSpec, StickySpec } from "../render/spec";
import {
  BACKING_LABEL,
  COLOR,
  EMOTION,
  KPI_TONE,
  OPPORTUNITY_TONE,
  QUADRANT_COLOR,
  QUADRANT_LABEL,
  SIZE,
  TYPE,
  type TextStyle,
} from "../render/style";

const MARGIN = 64;
const COLUMN = SIZE.stageWidth;
const GAP = 16;
const LABEL = 160;
const CELL_PADDING = 20;
const STICKY = 240;
const SHAPE_HEIGHT = 104;
const CARD_GAP = 12;
const EMOTION_HEIGHT = 192;
const DOT = 16;

/** Sticky colours of the notes, by lane kind: soft, and never a quadrant's colour. */
const NOTE_FILL: Record<string, string> = { actions: "#FFF4CC", thoughts: "#EDE7FB", custom: "#F1F2F4" };

const STICKY_TEXT: TextStyle = { ...TYPE.cardTitle, lineHeight: 140 };
const SHAPE_TEXT: TextStyle = { ...TYPE.body, lineHeight: 140 };

/** The map sections on a page: sections tagged as maps that hold a stored model. */
export function figjamMapsOn(page: PageNode): SectionNode[] {
  return page
    .findAllWithCriteria({ types: ["SECTION"], sharedPluginData: { namespace: NAMESPACE, keys: ["model.count"] } })
    .filter((s) => s.getSharedPluginData(NAMESPACE, "role") === "map");
}

function columnX(index: number): number {
  return MARGIN + LABEL + GAP + index * (COLUMN + GAP);
}

export function shape(
  key: string,
  entity: string,
  name: string,
  value: string,
  look: { fill: string; stroke: string; shape?: ShapeWithTextSpec["shape"]; textStyle?: TextStyle },
  box: { x: number; y: number; width: number; height: number },
  role: ShapeWithTextSpec["role"] = "card",
): ShapeWithTextSpec {
  return {
    kind: "SHAPE_WITH_TEXT",
    key,
    role,
    entity,
    name,
    shape: look.shape || "ROUNDED_RECTANGLE",
    text: value,
    textStyle: look.textStyle || SHAPE_TEXT,
    width: box.width,
    height: box.height,
    position: { x: box.x, y: box.y },
    style: { fill: look.fill, stroke: look.stroke, strokeWeight: look.stroke === look.fill ? 0 : 1 },
  };
}

function sticky(key: string, entity: string, name: string, value: string, fill: string, at: { x: number; y: number }): StickySpec {
  return { kind: "STICKY", key, role: "card", entity, name, text: value, textStyle: STICKY_TEXT, position: at, style: { fill } };
}

/** A pain point: a sticky in its quadrant's colour, with its scores and rank laid over its foot. */
function painPointSticky(priority: Priority, severity: number, effort: number, at: { x: number; y: number }): NodeSpec[] {
  const id = priority.painPointId;
  const foot = at.y + STICKY - 60;
  const scores: { field: "severity" | "frequency" | "effort"; label: string; value: number; x: number }[] = [
    { field: "severity", label: "Severity", value: severity, x: 16 },
    { field: "frequency", label: priority.frequencyDerived ? "Freq. (est.)" : "Frequency", value: priority.frequency, x: 84 },
    { field: "effort", label: "Effort", value: effort, x: 164 },
  ];
  return [
    sticky(`painPoint/${id}`, id, `Pain point: ${priority.title}`, priority.title, QUADRANT_COLOR[priority.quadrant].fill, at),
    ...scores.flatMap((s) => [
      textLayer(`painPoint/${id}/scores/${s.field}/label`, id, "Label", s.label, TYPE.scoreLabel, { position: { x: at.x + s.x, y: foot } }),
      textLayer(`painPoint/${id}/${s.field}`, id, s.label.startsWith("Freq") ? "Frequency" : s.label, String(s.value), TYPE.scoreValue, {
        position: { x: at.x + s.x, y: foot + 18 },
      }),
    ]),
    shape(
      `painPoint/${id}/rank`,
      id,
      "Rank",
      String(priority.rank),
      { fill: COLOR.ink, stroke: COLOR.ink, shape: "ELLIPSE", textStyle: TYPE.badge },
      // On the sticky's top-right corner, like a badge, clear of its text.
      { x: at.x + STICKY - 20, y: at.y - 12, width: 32, height: 32 },
      "decoration",
    ),
  ];
}

interface CellContent {
  nodes: NodeSpec[];
  height: number;
}

/** The cards of one cell, stacked from its top-left corner (coordinates inside the cell section). */
function cellContent(map: JourneyMap, analysis: JourneyAnalysis, lane: Lane, stage: Stage): CellContent {
  const nodes: NodeSpec[] = [];
  let y = CELL_PADDING;
  const x = CELL_PADDING;
  const width = COLUMN - 2 * CELL_PADDING;
  const next = (height: number) => {
    const at = { x, y };
    y += height + CARD_GAP;
    return at;
  };
  switch (lane.kind) {
    case "painPoints": {
      const byId = new Map(map.painPoints.map((p) => [p.id, p]));
      for (const priority of analysis.priorities) {
        const p = byId.get(priority.painPointId);
        if (p?.stageId === stage.id) nodes.push(...painPointSticky(priority, p.severity, p.effort, next(STICKY)));
      }
      break;
    }
    case "touchpoints":
      for (const t of map.touchpoints.filter((t) => t.stageId === stage.id)) {
        const at = next(SHAPE_HEIGHT);
        nodes.push(
          shape(`touchpoint/${t.id}`, t.id, `Touchpoint: ${t.name}`, `${t.name}\n${t.channel} · importance ${t.importance}`, { fill: COLOR.white, stroke: COLOR.border }, { ...at, width, height: SHAPE_HEIGHT }),
        );
      }
      break;
    case "opportunities":
      for (const o of map.opportunities.filter((o) => o.stageId === stage.id)) {
        const at = next(SHAPE_HEIGHT);
        const value = `${o.title}\n${o.status}${o.owner ? ` · ${o.owner}` : ""}`;
        nodes.push(
          shape(`opportunity/${o.id}`, o.id, `Opportunity: ${o.title}`, value, { fill: OPPORTUNITY_TONE[o.status].fill, stroke: COLOR.border }, { ...at, width, height: SHAPE_HEIGHT }),
        );
      }
      break;
    case "kpis":
      for (const k of map.kpis.filter((k) => k.stageId === stage.id)) {
        const status = analysis.kpis.find((a) => a.kpiId === k.id)?.status ?? "unknown";
        const at = next(SHAPE_HEIGHT);
        nodes.push(
          shape(`kpi/${k.id}`, k.id, `KPI: ${k.name}`, `${k.name}\n${kpiValues(k)} · ${status}`, { fill: KPI_TONE[status].fill, stroke: COLOR.border }, { ...at, width, height: SHAPE_HEIGHT }),
        );
      }
      break;
    case "emotions":
      break;
    case "actions":
    case "thoughts":
    case "custom":
      for (const n of map.notes.filter((n) => n.laneId === lane.id && n.stageId === stage.id)) {
        nodes.push(sticky(`note/${n.id}`, n.id, "Note", n.text, NOTE_FILL[lane.kind] || COLOR.cell, next(STICKY)));
      }
      break;
  }
  // An empty cell says so, quietly, as on a Figma design map.
  if (nodes.length === 0 && lane.kind !== "emotions")
    nodes.push(textLayer(`cell/${lane.id}/${stage.id}/empty`, `${lane.id}/${stage.id}`, "Empty", "Nothing here yet", TYPE.muted, { position: { x, y } }));
  return { nodes, height: Math.max(y - CARD_GAP + CELL_PADDING, 64) };
}

/** The emotion lane's cells: a dot per stage with a value, its label, and "No data" elsewhere. */
function emotionCell(lane: Lane, stage: Stage, stats: StageAnalysis | undefined): CellContent {
  const value = stats ? stats.emotion : null;
  const nodes: NodeSpec[] = [];
  const centre = COLUMN / 2;
  if (value === null) {
    nodes.push(textLayer(`emotion/${stage.id}/label`, stage.id, `Value: ${stage.name}`, "No data", TYPE.meta, { width: 160, align: "CENTER", position: { x: centre - 80, y: EMOTION_HEIGHT / 2 - 8 } }));
  } else {
    const y = 32 + ((2 - Math.max(-2, Math.min(2, value))) / 4) * (EMOTION_HEIGHT - 64);
    nodes.push(
      shape(`emotion/${stage.id}/point`, stage.id, `Point: ${stage.name}`, "", { fill: EMOTION.line, stroke: COLOR.white, shape: "ELLIPSE" }, { x: centre - DOT / 2, y: y - DOT / 2, width: DOT, height: DOT }, "decoration"),
      textLayer(`emotion/${stage.id}/label`, stage.id, `Value: ${stage.name}`, stats ? emotionLabel(stats) : "", { ...TYPE.tag, color: COLOR.textPrimary }, {
        width: 160,
        align: "CENTER",
        position: { x: centre - 80, y: y < 56 ? y + DOT : y - DOT - 16 },
      }),
    );
  }
  void lane;
  return { nodes, height: EMOTION_HEIGHT };
}

export interface FigJamSpecOptions {
  analysis: JourneyAnalysis;
  generatedOn: Date;
  /** Where the map section sits on the page. */
  position: { x: number; y: number };
}

/** The whole FigJam map: one section, with everything inside it. */
export function figjamMapSpec(map: JourneyMap, options: FigJamSpecOptions): SectionSpec {
  const { analysis } = options;
  const children: NodeSpec[] = [];
  const stats = new Map(analysis.stages.map((s) => [s.stageId, s]));

  // Header.
  const state = map.state === "current" ? "Current state" : "Future state";
  // The title wraps within the map; what follows moves down by the lines it is likely to take
  // (a section has no auto layout to measure it: 0.6 em a glyph, 40 px a line, erring wide).
  const titleWidth = columnX(map.stages.length) - GAP - MARGIN;
  const down = Math.max(0, Math.ceil((map.title.length * 0.6 * TYPE.mapTitle.size) / titleWidth) - 1) * 40;
  children.push(
    textLayer("header/date", "", "State and date", `${state} · Generated ${formatDate(options.generatedOn)}`, TYPE.meta, { position: { x: MARGIN, y: MARGIN } }),
    textLayer("header/title", "", "Title", map.title, TYPE.mapTitle, { width: titleWidth, position: { x: MARGIN, y: MARGIN + 24 } }),
  );
  const scope = [map.scope.product, map.scope.goal].filter((s) => s.trim() !== "").join(" · ");
  if (scope !== "") children.push(textLayer("header/scope", "", "Scope", scope, TYPE.bodySecondary, { width: 880, position: { x: MARGIN, y: MARGIN + 72 + down } }));
  const personas = map.personas.filter((p) => p.onMap);
  if (personas.length > 0)
    children.push(
      textLayer("header/personas", "", "Personas", `Personas: ${personas.map((p) => (p.role ? `${p.name} (${p.role})` : p.name)).join(" · ")}`, TYPE.metaPrimary, {
        position: { x: MARGIN, y: MARGIN + 128 + down },
      }),
    );
  PRIORITY_QUADRANTS.forEach((quadrant, index) => {
    const colours = QUADRANT_COLOR[quadrant];
    children.push(
      shape(`header/legend/${quadrant.replace(/\s+/g, "-")}`, "", `Legend: ${QUADRANT_LABEL[quadrant]}`, QUADRANT_LABEL[quadrant], { fill: colours.fill, stroke: colours.border, textStyle: TYPE.metaPrimary }, { x: MARGIN + index * 136, y: MARGIN + 160 + down, width: 128, height: 32 }, "decoration"),
    );
  });

  // Stage headers. Under its data backing, a stage says what its text says (a quiet "Sentiment" line,
  // from the labels the rows store: the sandbox has no lexicon), then whether its figures changed for
  // real; the objectives and the lanes move down by the line and the two lines these may take.
  const top = MARGIN + 232 + down;
  const trends = trendsOfJourney(map);
  const changes = map.stages.map((stage) => (trends === null ? null : stageChangeText(trends, stage.id)));
  const changeRoom = changes.some((c) => c !== null) ? 40 : 0;
  const text = sentimentFigures(map);
  const sentiments = map.stages.map((stage) => sentimentLine(text.byStage.get(stage.id)));
  const sentimentRoom = sentiments.some((line) => line !== null) ? 20 : 0;
  map.stages.forEach((stage, index) => {
    const x = columnX(index);
    const s = stats.get(stage.id);
    const backing = s ? s.backing : "none";
    children.push(
      shape(`stage/${stage.id}`, stage.id, `Stage: ${stage.name}`, stage.name, { fill: COLOR.stageHeader, stroke: COLOR.stageHeader, textStyle: TYPE.stageName }, { x, y: top, width: COLUMN, height: 56 }, "stage-header"),
      textLayer(`stage/${stage.id}/backing`, stage.id, "Data backing", backing === "none" ? BACKING_LABEL.none : `${BACKING_LABEL[backing]} · ${plural(s ? s.responses : 0, "response")}`, TYPE.meta, { position: { x, y: top + 64 } }),
    );
    const sentiment = sentiments[index];
    if (sentiment) children.push(textLayer(`stage/${stage.id}/sentiment`, stage.id, "Sentiment", sentiment, TYPE.meta, { width: COLUMN, position: { x, y: top + 84 } }));
    const change = changes[index];
    if (change)
      children.push(
        textLayer(`stage/${stage.id}/change`, stage.id, "Change", change.text, { ...TYPE.metaPrimary, color: change.color }, { width: COLUMN, managedColor: true, position: { x, y: top + 84 + sentimentRoom } }),
      );
    if (stage.objective.trim() !== "")
      children.push(
        textLayer(`stage/${stage.id}/objective`, stage.id, "Objective", stage.objective, TYPE.bodySecondary, { width: COLUMN, position: { x, y: top + 84 + sentimentRoom + changeRoom } }),
      );
  });

  // Lanes: a row of cell sections each, as tall as its fullest cell.
  let y = top + 148 + sentimentRoom + changeRoom;
  const connectors: ConnectorSpec[] = [];
  for (const lane of map.lanes.filter((l) => l.visible)) {
    const cells = map.stages.map((stage) => (lane.kind === "emotions" ? emotionCell(lane, stage, stats.get(stage.id)) : cellContent(map, analysis, lane, stage)));
    const height = Math.max(...cells.map((c) => c.height), 64);
    children.push(textLayer(`lane/${lane.id}/label/text`, lane.id, `Lane: ${lane.name}`, lane.name, TYPE.laneLabel, { width: LABEL - 16, position: { x: MARGIN, y: y + 20 } }));
    map.stages.forEach((stage, index) => {
      children.push({
        kind: "SECTION",
        key: `cell/${lane.id}/${stage.id}`,
        role: "cell",
        entity: `${lane.id}/${stage.id}`,
        name: `${lane.name} · ${stage.name}`,
        width: COLUMN,
        height,
        position: { x: columnX(index), y },
        style: { fill: lane.kind === "emotions" ? "#F9FAFB" : COLOR.cell },
        children: (cells[index] || { nodes: [] }).nodes,
      });
    });
    if (lane.kind === "emotions") {
      map.stages.forEach((stage, index) => {
        const nextStage = map.stages[index + 1];
        const hasPoint = (s: Stage) => (stats.get(s.id) || { emotion: null }).emotion !== null;
        if (!nextStage || !hasPoint(stage) || !hasPoint(nextStage)) return;
        connectors.push({
          kind: "CONNECTOR",
          key: `emotion/${lane.id}/line/${stage.id}`,
          role: "decoration",
          entity: stage.id,
          name: `Emotion: ${stage.name} → ${nextStage.name}`,
          from: `emotion/${stage.id}/point`,
          to: `emotion/${nextStage.id}/point`,
          style: { stroke: EMOTION.line, strokeWeight: EMOTION.lineWeight },
        });
      });
    }
    y += height + GAP;
  }

  return {
    kind: "SECTION",
    key: "map",
    role: "map",
    entity: map.id,
    name: mapFrameName(map),
    width: columnX(map.stages.length) - GAP + MARGIN,
    height: y - GAP + MARGIN,
    position: options.position,
    style: { fill: COLOR.white },
    children: [...children, ...connectors],
  };
}
