/**
 * The journey map frame as a spec: a header, then a grid with one column per stage and one row
 * per visible lane, each cell holding the cards of its lane and stage (MAP_DESIGN.md).
 */
import { analyseJourney, type JourneyAnalysis, type StageAnalysis } from "../../shared/analysis";
import type { JourneyMap, Lane, Stage } from "../../shared/model";
import { PRIORITY_QUADRANTS } from "../../shared/priority";
import { personaEmotions } from "../../shared/segments";
import { sentimentFigures, sentimentLine, type SentimentFigures } from "../../shared/sentiment-summary";
import { trendsOfJourney, type JourneyTrends } from "../../shared/trends";
import { kpiCard, noteCard, opportunityCard, painPointCard, touchpointCard } from "./cards";
import { emotionCurveFrame, personaLegend } from "./emotion-curve";
import { stageChangeText } from "./change";
import { formatDate, formatMargin, formatNumber, plural } from "./format";
import { row, stack, tag, textLayer } from "./primitives";
import { frame, rectangle, type FrameSpec, type NodeSpec } from "./spec";
import { BACKING_LABEL, BACKING_TONE, COLOR, QUADRANT_COLOR, QUADRANT_LABEL, SIZE, TONE, TYPE } from "./style";

export function mapFrameName(map: Pick<JourneyMap, "title">): string {
  return `Journey map — ${map.title}`;
}

export interface MapSpecOptions {
  /** The analysis of `map`, when the caller has it already. */
  analysis?: JourneyAnalysis;
  /** The date the header says the map was generated (default: now). */
  generatedOn?: Date;
  /** The trends of `map` (shared/trends.ts), when the caller has them already; null without dates. */
  trends?: JourneyTrends | null;
}

/** The width of the scope line: a readable measure, not the width of the whole map. */
const SCOPE_WIDTH = 880;

function personaChips(map: JourneyMap): FrameSpec | null {
  const personas = map.personas.filter((p) => p.onMap);
  if (personas.length === 0) return null;
  const chips = personas.map((p) =>
    row(
      `header/persona/${p.id}`,
      `Persona: ${p.name}`,
      6,
      [
        textLayer(`header/persona/${p.id}/name`, p.id, "Name", p.name, TYPE.metaPrimary),
        ...(p.role.trim() === "" ? [] : [textLayer(`header/persona/${p.id}/role`, p.id, "Role", p.role, TYPE.meta)]),
      ],
      {
        entity: p.id,
        padding: { top: 4, right: 12, bottom: 4, left: 12 },
        counterAlign: "CENTER",
        fill: COLOR.cell,
        stroke: COLOR.border,
        cornerRadius: 12,
      },
    ),
  );
  return row("header/personas", "Personas", 8, [textLayer("header/personas/label", "", "Label", "Personas", TYPE.laneLabel), ...chips], {
    counterAlign: "CENTER",
  });
}

function legend(): FrameSpec {
  const items = PRIORITY_QUADRANTS.map((quadrant) => {
    const key = `header/legend/${quadrant.replace(/\s+/g, "-")}`;
    return row(
      key,
      `Legend: ${QUADRANT_LABEL[quadrant]}`,
      6,
      [
        rectangle({
          key: `${key}/swatch`,
          role: "decoration",
          entity: "",
          name: "Swatch",
          width: 12,
          height: 12,
          style: { fill: QUADRANT_COLOR[quadrant].fill, stroke: QUADRANT_COLOR[quadrant].border, strokeWeight: 1, cornerRadius: 4 },
        }),
        textLayer(`${key}/label`, "", "Label", QUADRANT_LABEL[quadrant], TYPE.metaPrimary),
      ],
      { counterAlign: "CENTER" },
    );
  });
  return row("header/legend", "Legend", 16, [textLayer("header/legend/label", "", "Label", "Pain points", TYPE.laneLabel), ...items], {
    counterAlign: "CENTER",
  });
}

function header(map: JourneyMap, generatedOn: Date): FrameSpec {
  const scopeLine = [map.scope.product, map.scope.goal].filter((s) => s.trim() !== "").join(" · ");
  const state = map.state === "current" ? { label: "Current state", tone: TONE.blue } : { label: "Future state", tone: TONE.green };
  const intro: NodeSpec[] = [
    row(
      "header/eyebrow",
      "State and date",
      12,
      [
        tag("header/state", "", "State", state.label, state.tone),
        textLayer("header/date", "", "Generated on", `Generated ${formatDate(generatedOn)}`, TYPE.meta),
      ],
      { counterAlign: "CENTER" },
    ),
    // The title wraps within the header, which is as wide as the grid: a long title never widens the map.
    textLayer("header/title", "", "Title", map.title, TYPE.mapTitle, { fill: true }),
  ];
  if (scopeLine !== "") intro.push(textLayer("header/scope", "", "Scope", scopeLine, TYPE.bodySecondary, { width: SCOPE_WIDTH }));

  const chips = personaChips(map);
  const meta = row("header/meta", "Personas and legend", 32, [...(chips ? [chips] : []), legend()], {
    primaryAlign: "SPACE_BETWEEN",
    counterAlign: "CENTER",
    sizing: { horizontal: "FILL" },
  });
  return frame({
    key: "header",
    role: "header",
    entity: "",
    name: "Header",
    layout: { mode: "VERTICAL", gap: 24 },
    sizing: { horizontal: "FILL" },
    children: [stack("header/intro", "Title and scope", 8, intro, { sizing: { horizontal: "FILL" } }), meta],
  });
}

/**
 * A stage's CSAT and NPS, each with the half-width of its 95% interval as a quiet "± x" beside it
 * (Wilson for CSAT, the margin of error for NPS: shared/confidence.ts); null when it has neither.
 */
function stageFigures(stats: StageAnalysis): FrameSpec | null {
  const id = stats.stageId;
  const figure = (measure: "csat" | "nps", label: string, value: number | null, margin: number | null): FrameSpec[] =>
    value === null
      ? []
      : [
          row(
            `stage/${id}/figures/${measure}`,
            label,
            4,
            [
              textLayer(`stage/${id}/figures/${measure}/value`, id, "Value", `${label} ${formatNumber(value, 0)}${measure === "csat" ? "%" : ""}`, TYPE.metaPrimary),
              ...(margin === null ? [] : [textLayer(`stage/${id}/figures/${measure}/margin`, id, "Margin", formatMargin(margin, 0), TYPE.meta)]),
            ],
            { entity: id, counterAlign: "CENTER" },
          ),
        ];
  const items = [...figure("csat", "CSAT", stats.csat, stats.margins.csat), ...figure("nps", "NPS", stats.nps, stats.margins.nps)];
  return items.length === 0 ? null : row(`stage/${id}/figures`, "Figures", 12, items, { entity: id, counterAlign: "CENTER" });
}

function stageHeaderRow(map: JourneyMap, analysis: JourneyAnalysis, trends: JourneyTrends | null, text: SentimentFigures): FrameSpec {
  const byStage = new Map(analysis.stages.map((s) => [s.stageId, s]));
  const cells: NodeSpec[] = [
    frame({
      key: "stages/corner",
      role: "lane-label",
      entity: "",
      name: "Stages",
      width: SIZE.laneLabelWidth,
      layout: { mode: "VERTICAL", padding: SIZE.cellPadding },
      sizing: { horizontal: "FIXED", vertical: "FILL" },
      children: [],
    }),
  ];
  map.stages.forEach((stage, index) => {
    const stats = byStage.get(stage.id);
    const backing = stats ? stats.backing : "none";
    const responses = stats ? stats.responses : 0;
    const children: NodeSpec[] = [
      row(
        `stage/${stage.id}/top`,
        "Step and data",
        8,
        [
          textLayer(`stage/${stage.id}/step`, stage.id, "Step", `Stage ${index + 1}`, TYPE.laneLabel),
          tag(
            `stage/${stage.id}/backing`,
            stage.id,
            "Data backing",
            backing === "none" ? BACKING_LABEL.none : `${BACKING_LABEL[backing]} · ${plural(responses, "response")}`,
            BACKING_TONE[backing],
          ),
        ],
        { entity: stage.id, primaryAlign: "SPACE_BETWEEN", counterAlign: "CENTER", sizing: { horizontal: "FILL" } },
      ),
      textLayer(`stage/${stage.id}/name`, stage.id, "Stage name", stage.name, TYPE.stageName, { fill: true }),
    ];
    if (stage.objective.trim() !== "")
      children.push(textLayer(`stage/${stage.id}/objective`, stage.id, "Objective", stage.objective, TYPE.bodySecondary, { fill: true }));
    const figures = stats ? stageFigures(stats) : null;
    if (figures !== null) children.push(figures);
    // What the words say, from the labels stored where the text entered (the sandbox has no lexicon):
    // its own quiet line, never mixed into the ratings above.
    const sentiment = sentimentLine(text.byStage.get(stage.id));
    if (sentiment !== null) children.push(textLayer(`stage/${stage.id}/sentiment`, stage.id, "Sentiment", sentiment, TYPE.meta, { fill: true }));
    const change = trends === null ? null : stageChangeText(trends, stage.id);
    if (change !== null)
      children.push(textLayer(`stage/${stage.id}/change`, stage.id, "Change", change.text, { ...TYPE.metaPrimary, color: change.color }, { fill: true, managedColor: true }));
    cells.push(
      frame({
        key: `stage/${stage.id}`,
        role: "stage-header",
        entity: stage.id,
        name: `Stage: ${stage.name}`,
        width: SIZE.stageWidth,
        layout: { mode: "VERTICAL", padding: 16, gap: 8 },
        style: { fill: COLOR.stageHeader, cornerRadius: SIZE.cellRadius },
        sizing: { horizontal: "FIXED", vertical: "HUG" },
        children,
      }),
    );
  });
  return frame({
    key: "stages",
    role: "stage-row",
    entity: "",
    name: "Stages",
    layout: { mode: "HORIZONTAL", gap: SIZE.columnGap },
    evenHeights: true,
    children: cells,
  });
}

/** The cards a cell shows, by the kind of its lane. */
function cellCards(map: JourneyMap, analysis: JourneyAnalysis, lane: Lane, stage: Stage): NodeSpec[] {
  switch (lane.kind) {
    case "touchpoints":
      return map.touchpoints
        .filter((t) => t.stageId === stage.id)
        .map((t) => touchpointCard(t, analysis.touchpoints.find((a) => a.touchpointId === t.id)));
    case "painPoints": {
      // Priorities come in rank order: a cell lists its pain points by rank.
      const byId = new Map(map.painPoints.map((p) => [p.id, p]));
      return analysis.priorities.flatMap((priority) => {
        const painPoint = byId.get(priority.painPointId);
        return painPoint?.stageId === stage.id ? [painPointCard(painPoint, priority)] : [];
      });
    }
    case "opportunities": {
      const titles = new Map(map.painPoints.map((p) => [p.id, p.title]));
      return map.opportunities
        .filter((o) => o.stageId === stage.id)
        .map((o) => opportunityCard(o, o.painPointId === null ? null : (titles.get(o.painPointId) ?? null)));
    }
    case "kpis":
      return map.kpis.flatMap((k) => {
        const kpiAnalysis = analysis.kpis.find((a) => a.kpiId === k.id);
        return k.stageId === stage.id && kpiAnalysis ? [kpiCard(k, kpiAnalysis)] : [];
      });
    case "emotions":
      return [];
    case "actions":
    case "thoughts":
    case "custom":
      return map.notes.filter((n) => n.laneId === lane.id && n.stageId === stage.id).map(noteCard);
  }
}

/** A cell's cards, or a quiet placeholder where it has none. */
function cellContent(map: JourneyMap, analysis: JourneyAnalysis, lane: Lane, stage: Stage): NodeSpec[] {
  const cards = cellCards(map, analysis, lane, stage);
  if (cards.length > 0) return cards;
  const key = `cell/${lane.id}/${stage.id}/empty`;
  return [textLayer(key, `${lane.id}/${stage.id}`, "Empty", "Nothing here yet", TYPE.muted, { fill: true })];
}

function laneLabel(lane: Lane, legend: readonly FrameSpec[] = []): FrameSpec {
  return frame({
    key: `lane/${lane.id}/label`,
    role: "lane-label",
    entity: lane.id,
    name: "Label",
    width: SIZE.laneLabelWidth,
    layout: { mode: "VERTICAL", padding: { top: 16, right: 16, bottom: 16, left: 0 }, ...(legend.length > 0 ? { gap: 8 } : {}) },
    sizing: { horizontal: "FIXED", vertical: "FILL" },
    children: [textLayer(`lane/${lane.id}/label/text`, lane.id, "Lane name", lane.name, TYPE.laneLabel, { fill: true }), ...legend],
  });
}

function laneRow(map: JourneyMap, analysis: JourneyAnalysis, lane: Lane): FrameSpec {
  // The option to draw a curve per persona (up to 5), named in a legend under the lane's name.
  const personas = lane.kind === "emotions" && map.settings.emotionByPersona === true ? personaEmotions(map) : [];
  const columns: NodeSpec[] =
    lane.kind === "emotions"
      ? [emotionCurveFrame(lane, map.stages, analysis.stages, personas)]
      : map.stages.map((stage) =>
          frame({
            key: `cell/${lane.id}/${stage.id}`,
            role: "cell",
            entity: `${lane.id}/${stage.id}`,
            name: `${lane.name} · ${stage.name}`,
            width: SIZE.stageWidth,
            layout: { mode: "VERTICAL", padding: SIZE.cellPadding, gap: SIZE.cardGap },
            style: { fill: COLOR.cell, cornerRadius: SIZE.cellRadius },
            sizing: { horizontal: "FIXED", vertical: "HUG" },
            children: cellContent(map, analysis, lane, stage),
          }),
        );
  return frame({
    key: `lane/${lane.id}`,
    role: "lane-row",
    entity: lane.id,
    name: `Lane: ${lane.name}`,
    layout: { mode: "HORIZONTAL", gap: SIZE.columnGap },
    evenHeights: true,
    children: [laneLabel(lane, personaLegend(lane, personas)), ...columns],
  });
}

/** The whole map frame. */
export function mapSpec(map: JourneyMap, options: MapSpecOptions = {}): FrameSpec {
  const analysis = options.analysis || analyseJourney(map);
  const grid = frame({
    key: "grid",
    role: "grid",
    entity: "",
    name: "Grid",
    layout: { mode: "VERTICAL", gap: SIZE.rowGap },
    children: [
      stageHeaderRow(map, analysis, options.trends === undefined ? trendsOfJourney(map) : options.trends, sentimentFigures(map)),
      ...map.lanes.filter((l) => l.visible).map((lane) => laneRow(map, analysis, lane)),
    ],
  });
  return frame({
    key: "map",
    role: "map",
    entity: map.id,
    name: mapFrameName(map),
    layout: { mode: "VERTICAL", padding: SIZE.mapPadding, gap: SIZE.mapGap },
    style: { fill: COLOR.background, cornerRadius: SIZE.mapRadius, stroke: COLOR.border, strokeWeight: 1 },
    children: [header(map, options.generatedOn || new Date()), grid],
  });
}
