/**
 * The cards in the grid's cells: pain points, opportunities, KPIs, touchpoints and notes.
 *
 * Card keys are a contract with reading the map back (plugin/canvas-snapshot.ts): a card is
 * `<kind>/<id>` with role "card", and the text layers a person may edit are `<kind>/<id>/<field>`:
 * a pain point's title, severity, frequency and effort; an opportunity's title; a KPI's or a
 * touchpoint's name; a note's text.
 */
import type { KpiAnalysis, TouchpointAnalysis } from "../../shared/analysis";
import type { Kpi, Note, Opportunity, PainPoint, Touchpoint } from "../../shared/model";
import type { Priority } from "../../shared/priority";
import { formatNumber } from "./format";
import { row, stack, tag, textLayer } from "./primitives";
import { frame, type FrameSpec, type NodeSpec } from "./spec";
import { COLOR, KPI_TONE, OPPORTUNITY_TONE, QUADRANT_COLOR, QUADRANT_LABEL, SIZE, TONE, TYPE } from "./style";

/** A card's width inside a cell, and the room inside the card. */
const CARD_WIDTH = SIZE.stageWidth - 2 * SIZE.cellPadding;
const CARD_INNER = CARD_WIDTH - 2 * SIZE.cardPadding;

function card(
  key: string,
  entity: string,
  name: string,
  children: NodeSpec[],
  look: { fill: string; stroke: string } = { fill: COLOR.white, stroke: COLOR.border },
): FrameSpec {
  return frame({
    key,
    role: "card",
    entity,
    name,
    layout: { mode: "VERTICAL", padding: SIZE.cardPadding, gap: SIZE.cardGap },
    style: { fill: look.fill, stroke: look.stroke, strokeWeight: 1, cornerRadius: SIZE.cardRadius },
    sizing: { horizontal: "FILL", vertical: "HUG" },
    children,
  });
}

type ScoreField = "severity" | "frequency" | "effort";

/** A labelled score: the label above, the number in a text layer of its own (a person edits it there). */
function score(id: string, field: ScoreField, label: string, value: number, estimated: boolean): FrameSpec {
  const key = `painPoint/${id}/scores/${field}`;
  const number = textLayer(`painPoint/${id}/${field}`, id, label, String(value), TYPE.scoreValue);
  const shown: NodeSpec = estimated
    ? row(`${key}/value`, "Value", 4, [number, textLayer(`${key}/estimated`, id, "Estimated", "est.", TYPE.meta)], {
        entity: id,
        counterAlign: "MAX",
      })
    : number;
  return stack(key, `${label} score`, 2, [textLayer(`${key}/label`, id, "Label", label, TYPE.scoreLabel), shown], { entity: id });
}

/**
 * A pain point: its title, a row of three labelled scores (severity, frequency, effort), its
 * quadrant and score, and a rank badge in the top right corner; filled and outlined in its
 * quadrant's colours. A derived frequency shows its number, marked "est.".
 */
export function painPointCard(painPoint: PainPoint, priority: Priority): FrameSpec {
  const id = painPoint.id;
  const colours = QUADRANT_COLOR[priority.quadrant];
  const badge = SIZE.rankBadge;
  return card(
    `painPoint/${id}`,
    id,
    `Pain point: ${painPoint.title}`,
    [
      // Leaves room for the rank badge on the right.
      textLayer(`painPoint/${id}/title`, id, "Title", painPoint.title, TYPE.cardTitle, { width: CARD_INNER - badge - 8 }),
      row(
        `painPoint/${id}/scores`,
        "Scores",
        16,
        [
          score(id, "severity", "Severity", painPoint.severity, false),
          score(id, "frequency", "Frequency", priority.frequency, priority.frequencyDerived),
          score(id, "effort", "Effort", painPoint.effort, false),
        ],
        { entity: id },
      ),
      textLayer(
        `painPoint/${id}/quadrant`,
        id,
        "Quadrant",
        `${QUADRANT_LABEL[priority.quadrant]} · score ${formatNumber(priority.score, 2)}`,
        TYPE.meta,
      ),
      frame({
        key: `painPoint/${id}/rank`,
        role: "decoration",
        entity: id,
        name: "Rank",
        width: badge,
        height: badge,
        position: { x: CARD_WIDTH - SIZE.cardPadding - badge, y: SIZE.cardPadding },
        absolute: true,
        layout: { mode: "HORIZONTAL", primaryAlign: "CENTER", counterAlign: "CENTER" },
        style: { fill: COLOR.ink, cornerRadius: badge / 2 },
        children: [textLayer(`painPoint/${id}/rank/text`, id, "Number", String(priority.rank), TYPE.badge, { align: "CENTER" })],
      }),
    ],
    { fill: colours.fill, stroke: colours.border },
  );
}

/** An opportunity: its title, its status as a tag, its owner, and the pain point it answers. */
export function opportunityCard(opportunity: Opportunity, painPointTitle: string | null): FrameSpec {
  const id = opportunity.id;
  const meta: NodeSpec[] = [tag(`opportunity/${id}/status`, id, "Status", opportunity.status, OPPORTUNITY_TONE[opportunity.status])];
  if (opportunity.owner.trim() !== "") meta.push(textLayer(`opportunity/${id}/owner`, id, "Owner", opportunity.owner, TYPE.meta));
  const children: NodeSpec[] = [
    textLayer(`opportunity/${id}/title`, id, "Title", opportunity.title, TYPE.cardTitle, { fill: true }),
    row(`opportunity/${id}/meta`, "Status and owner", 8, meta, { entity: id, counterAlign: "CENTER", wrap: true, sizing: { horizontal: "FILL" } }),
  ];
  if (painPointTitle !== null)
    children.push(textLayer(`opportunity/${id}/painPoint`, id, "Answers", `Answers: ${painPointTitle}`, TYPE.meta, { fill: true }));
  return card(`opportunity/${id}`, id, `Opportunity: ${opportunity.title}`, children);
}

/** "74 / 65 %": current / target with the unit; "–" for a current value not measured yet. */
export function kpiValues(kpi: Pick<Kpi, "current" | "target" | "unit">): string {
  const current = kpi.current === null ? "–" : formatNumber(kpi.current, 2);
  return `${current} / ${formatNumber(kpi.target, 2)}${kpi.unit ? ` ${kpi.unit}` : ""}`;
}

/** A KPI: its name, current / target with the unit, and its status as a coloured tag. */
export function kpiCard(kpi: Kpi, analysis: KpiAnalysis): FrameSpec {
  const id = kpi.id;
  return card(`kpi/${id}`, id, `KPI: ${kpi.name}`, [
    textLayer(`kpi/${id}/name`, id, "Name", kpi.name, TYPE.cardTitle, { fill: true }),
    row(
      `kpi/${id}/status-row`,
      "Values and status",
      8,
      [
        textLayer(`kpi/${id}/values`, id, "Current / target", kpiValues(kpi), TYPE.body),
        tag(`kpi/${id}/status`, id, "Status", analysis.status, KPI_TONE[analysis.status]),
      ],
      { entity: id, primaryAlign: "SPACE_BETWEEN", counterAlign: "CENTER", sizing: { horizontal: "FILL" } },
    ),
    textLayer(
      `kpi/${id}/direction`,
      id,
      "Direction",
      `Current / target · ${kpi.direction === "higher" ? "higher" : "lower"} is better`,
      TYPE.meta,
      { fill: true },
    ),
  ]);
}

/** "Web", "Email": a channel as the card names it. */
const channelLabel = (channel: Touchpoint["channel"]) => channel.charAt(0).toUpperCase() + channel.slice(1);

/**
 * A touchpoint: its name, its channel as a tag, and a line of how important it is against how it
 * performs. The measures have a line of their own, with or without a performance, so that every
 * touchpoint card has the same layout.
 */
export function touchpointCard(touchpoint: Touchpoint, analysis: TouchpointAnalysis | undefined): FrameSpec {
  const id = touchpoint.id;
  const performance = analysis?.performance ?? null;
  const measures = `Importance ${formatNumber(touchpoint.importance)} · ${performance === null ? "no performance data" : `performance ${formatNumber(performance)}`}`;
  return card(`touchpoint/${id}`, id, `Touchpoint: ${touchpoint.name}`, [
    textLayer(`touchpoint/${id}/name`, id, "Name", touchpoint.name, TYPE.cardTitle, { fill: true }),
    row(
      `touchpoint/${id}/meta`,
      "Channel",
      8,
      [tag(`touchpoint/${id}/channel`, id, "Channel", `${channelLabel(touchpoint.channel)}${touchpoint.digital ? " · digital" : ""}`, TONE.grey)],
      { entity: id, counterAlign: "CENTER", sizing: { horizontal: "FILL" } },
    ),
    textLayer(`touchpoint/${id}/measures`, id, "Measures", measures, TYPE.meta, { fill: true }),
  ]);
}

/** A note in a customer actions, thoughts or custom lane. */
export function noteCard(note: Note): FrameSpec {
  return card(`note/${note.id}`, note.id, "Note", [textLayer(`note/${note.id}/text`, note.id, "Text", note.text, TYPE.body, { fill: true })]);
}
