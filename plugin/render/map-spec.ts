/**
 * The journey map frame as a spec: a header, then a grid with one column per stage and one row
 * per visible lane, each cell holding the cards of its lane and stage (MAP_DESIGN.md).
 */
import type { JourneyMap, Lane, Stage } from "../../shared/model";
import { frame, text, type FrameSpec, type NodeSpec } from "./spec";
import { COLOR, SIZE, TYPE, stageTint } from "./style";

export function mapFrameName(map: JourneyMap): string {
  return `Journey map — ${map.title}`;
}

function card(key: string, entity: string, name: string, children: NodeSpec[], fill: string = COLOR.white): FrameSpec {
  return frame({
    key,
    role: "card",
    entity,
    name,
    layout: { mode: "VERTICAL", padding: SIZE.cardPadding, gap: SIZE.cardGap },
    style: { fill, stroke: COLOR.border, strokeWeight: 1, cornerRadius: SIZE.cardRadius },
    sizing: { horizontal: "FILL", vertical: "HUG" },
    children,
  });
}

function bodyText(key: string, entity: string, name: string, value: string, secondary = false): NodeSpec {
  return text({
    key,
    role: "text",
    entity,
    name,
    text: value,
    textStyle: secondary ? TYPE.bodySecondary : TYPE.body,
    sizing: { horizontal: "FILL" },
  });
}

function header(map: JourneyMap): FrameSpec {
  const scopeLine = [map.scope.product, map.scope.goal].filter((s) => s.trim() !== "").join(" · ");
  const personas = map.personas.filter((p) => p.onMap).map((p) => p.name);
  const children: NodeSpec[] = [
    text({ key: "header/title", role: "text", entity: "", name: "Title", text: map.title, textStyle: TYPE.mapTitle }),
  ];
  if (scopeLine !== "")
    children.push(
      text({ key: "header/scope", role: "text", entity: "", name: "Scope", text: scopeLine, textStyle: TYPE.bodySecondary }),
    );
  children.push(
    text({
      key: "header/state",
      role: "text",
      entity: "",
      name: "State",
      text: map.state === "current" ? "Current state" : "Future state",
      textStyle: TYPE.meta,
    }),
  );
  if (personas.length > 0)
    children.push(
      text({
        key: "header/personas",
        role: "text",
        entity: "",
        name: "Personas",
        text: `Personas: ${personas.join(", ")}`,
        textStyle: TYPE.meta,
      }),
    );
  return frame({
    key: "header",
    role: "header",
    entity: "",
    name: "Header",
    layout: { mode: "VERTICAL", gap: 8 },
    children,
  });
}

function stageHeaderRow(map: JourneyMap): FrameSpec {
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
    const children: NodeSpec[] = [
      text({
        key: `stage/${stage.id}/name`,
        role: "text",
        entity: stage.id,
        name: "Stage name",
        text: stage.name,
        textStyle: TYPE.stageName,
        sizing: { horizontal: "FILL" },
      }),
    ];
    if (stage.objective.trim() !== "")
      children.push(bodyText(`stage/${stage.id}/objective`, stage.id, "Objective", stage.objective, true));
    cells.push(
      frame({
        key: `stage/${stage.id}`,
        role: "stage-header",
        entity: stage.id,
        name: `Stage: ${stage.name}`,
        width: SIZE.stageWidth,
          layout: { mode: "VERTICAL", padding: 16, gap: 4 },
        style: { fill: stageTint(index, map.stages.length), cornerRadius: 8 },
        sizing: { horizontal: "FIXED", vertical: "FILL" },
        children,
      }),
    );
  });
  return frame({
    key: "stages",
    role: "stage-row",
    entity: "",
    name: "Stages",
    layout: { mode: "HORIZONTAL", gap: 8 },
    children: cells,
  });
}

/** The cards a cell shows, by the kind of its lane. */
function cellCards(map: JourneyMap, lane: Lane, stage: Stage): NodeSpec[] {
  switch (lane.kind) {
    case "touchpoints":
      return map.touchpoints
        .filter((t) => t.stageId === stage.id)
        .map((t) =>
          card(`touchpoint/${t.id}`, t.id, `Touchpoint: ${t.name}`, [
            bodyText(`touchpoint/${t.id}/name`, t.id, "Name", t.name),
            bodyText(`touchpoint/${t.id}/meta`, t.id, "Channel", `${t.channel}${t.digital ? " · digital" : ""} · importance ${t.importance}`, true),
          ]),
        );
    case "emotions": {
      const value = stage.emotion;
      return value === null
        ? []
        : [card(`emotion/${stage.id}`, stage.id, "Emotion", [bodyText(`emotion/${stage.id}/value`, stage.id, "Value", value > 0 ? `+${value}` : String(value))])];
    }
    case "painPoints":
      return map.painPoints
        .filter((p) => p.stageId === stage.id)
        .map((p) =>
          card(`painPoint/${p.id}`, p.id, `Pain point: ${p.title}`, [
            text({ key: `painPoint/${p.id}/title`, role: "text", entity: p.id, name: "Title", text: p.title, textStyle: TYPE.cardTitle, sizing: { horizontal: "FILL" } }),
          ]),
        );
    case "opportunities":
      return map.opportunities
        .filter((o) => o.stageId === stage.id)
        .map((o) =>
          card(`opportunity/${o.id}`, o.id, `Opportunity: ${o.title}`, [
            text({ key: `opportunity/${o.id}/title`, role: "text", entity: o.id, name: "Title", text: o.title, textStyle: TYPE.cardTitle, sizing: { horizontal: "FILL" } }),
            bodyText(`opportunity/${o.id}/status`, o.id, "Status", `${o.status}${o.owner ? ` · ${o.owner}` : ""}`, true),
          ]),
        );
    case "kpis":
      return map.kpis
        .filter((k) => k.stageId === stage.id)
        .map((k) =>
          card(`kpi/${k.id}`, k.id, `KPI: ${k.name}`, [
            bodyText(`kpi/${k.id}/name`, k.id, "Name", k.name),
            bodyText(`kpi/${k.id}/values`, k.id, "Current / target", `${k.current ?? "–"} / ${k.target}${k.unit ? ` ${k.unit}` : ""}`, true),
          ]),
        );
    case "actions":
    case "thoughts":
    case "custom":
      return map.notes
        .filter((n) => n.laneId === lane.id && n.stageId === stage.id)
        .map((n) => card(`note/${n.id}`, n.id, `Note`, [bodyText(`note/${n.id}/text`, n.id, "Text", n.text)]));
  }
}

function laneRow(map: JourneyMap, lane: Lane): FrameSpec {
  const label = frame({
    key: `lane/${lane.id}/label`,
    role: "lane-label",
    entity: lane.id,
    name: "Label",
    width: SIZE.laneLabelWidth,
    layout: { mode: "VERTICAL", padding: SIZE.cellPadding },
    sizing: { horizontal: "FIXED", vertical: "FILL" },
    children: [
      text({
        key: `lane/${lane.id}/label/text`,
        role: "text",
        entity: lane.id,
        name: "Lane name",
        text: lane.name,
        textStyle: TYPE.laneLabel,
        sizing: { horizontal: "FILL" },
      }),
    ],
  });
  const cells = map.stages.map((stage) =>
    frame({
      key: `cell/${lane.id}/${stage.id}`,
      role: "cell",
      entity: `${lane.id}/${stage.id}`,
      name: `${lane.name} · ${stage.name}`,
      width: SIZE.stageWidth,
      layout: { mode: "VERTICAL", padding: SIZE.cellPadding, gap: SIZE.cardGap },
      style: { fill: COLOR.cell, cornerRadius: 8 },
      sizing: { horizontal: "FIXED", vertical: "FILL" },
      children: cellCards(map, lane, stage),
    }),
  );
  return frame({
    key: `lane/${lane.id}`,
    role: "lane-row",
    entity: lane.id,
    name: `Lane: ${lane.name}`,
    layout: { mode: "HORIZONTAL", gap: 8 },
    children: [label, ...cells],
  });
}

/** The whole map frame. */
export function mapSpec(map: JourneyMap): FrameSpec {
  const grid = frame({
    key: "grid",
    role: "grid",
    entity: "",
    name: "Grid",
    layout: { mode: "VERTICAL", gap: 8 },
    children: [stageHeaderRow(map), ...map.lanes.filter((l) => l.visible).map((lane) => laneRow(map, lane))],
  });
  return frame({
    key: "map",
    role: "map",
    entity: map.id,
    name: mapFrameName(map),
    layout: { mode: "VERTICAL", padding: SIZE.mapPadding, gap: SIZE.mapGap },
    style: { fill: COLOR.background, cornerRadius: SIZE.mapRadius, stroke: COLOR.border, strokeWeight: 1 },
    children: [header(map), grid],
  });
}
