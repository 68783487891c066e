/**
 * A persona card beside the map, 320 wide: who the persona is, their share of customers and
 * feedback, their quote, and their goals, motivations, behaviours and frustrations.
 */
import type { PersonaAnalysis } from "../../shared/analysis";
import type { Persona } from "../../shared/model";
import { formatNumber, initials, plural } from "./format";
import { row, stack, tag, textLayer } from "./primitives";
import { frame, rectangle, type FrameSpec, type NodeSpec } from "./spec";
import { COLOR, SIZE, TONE, TYPE } from "./style";

const PADDING = 24;
const INNER = SIZE.personaWidth - 2 * PADDING;
const AVATAR = 40;

const SECTIONS = [
  { field: "goals", label: "Goals" },
  { field: "motivations", label: "Motivations" },
  { field: "behaviours", label: "Behaviours" },
  { field: "frustrations", label: "Frustrations" },
] as const;

function feedbackLine(analysis: PersonaAnalysis | undefined): string {
  if (analysis === undefined || analysis.responses === 0) return "No feedback yet";
  const csat = analysis.csat === null ? "" : ` · CSAT ${formatNumber(analysis.csat, 0)}%`;
  return `${plural(analysis.responses, "response")}${csat}`;
}

export function personaCardFrame(persona: Persona, analysis: PersonaAnalysis | undefined): FrameSpec {
  const id = persona.id;
  const key = `persona/${id}`;
  const identity: NodeSpec[] = [
    frame({
      key: `${key}/avatar`,
      role: "decoration",
      entity: id,
      name: "Avatar",
      width: AVATAR,
      height: AVATAR,
      layout: { mode: "HORIZONTAL", primaryAlign: "CENTER", counterAlign: "CENTER" },
      style: { fill: COLOR.accentTint, cornerRadius: AVATAR / 2 },
      children: [textLayer(`${key}/initials`, id, "Initials", initials(persona.name), { ...TYPE.tag, size: 14, color: COLOR.accentText })],
    }),
    stack(`${key}/who`, "Name and role", 2, [
      textLayer(`${key}/name`, id, "Name", persona.name, TYPE.personaName, { width: INNER - AVATAR - 12 }),
      ...(persona.role.trim() === "" ? [] : [textLayer(`${key}/role`, id, "Role", persona.role, TYPE.bodySecondary, { width: INNER - AVATAR - 12 })]),
    ], { entity: id }),
  ];
  const facts: NodeSpec[] = [];
  if (persona.share !== null) facts.push(tag(`${key}/share`, id, "Share", `${formatNumber(persona.share)}% of customers`, TONE.blue));
  facts.push(textLayer(`${key}/feedback`, id, "Feedback", feedbackLine(analysis), TYPE.meta));

  const children: NodeSpec[] = [
    row(`${key}/identity`, "Identity", 12, identity, { entity: id, counterAlign: "CENTER" }),
    row(`${key}/facts`, "Share and feedback", 8, facts, { entity: id, counterAlign: "CENTER", wrap: true, sizing: { horizontal: "FILL" } }),
  ];
  if (persona.quote.trim() !== "")
    children.push(
      row(
        `${key}/quote`,
        "Quote",
        12,
        [
          rectangle({
            key: `${key}/quote/rule`,
            role: "decoration",
            entity: id,
            name: "Rule",
            width: 3,
            height: 24,
            sizing: { vertical: "FILL" },
            style: { fill: COLOR.accent, cornerRadius: 2 },
          }),
          textLayer(`${key}/quote/text`, id, "Quote", `“${persona.quote}”`, TYPE.cardTitle, { width: INNER - 15 }),
        ],
        { entity: id },
      ),
    );
  if (persona.demographics.trim() !== "")
    children.push(textLayer(`${key}/demographics`, id, "Demographics", persona.demographics, TYPE.bodySecondary, { fill: true }));
  for (const section of SECTIONS) {
    const items = persona[section.field].filter((item) => item.trim() !== "");
    if (items.length === 0) continue;
    children.push(
      stack(
        `${key}/${section.field}`,
        section.label,
        4,
        [
          textLayer(`${key}/${section.field}/label`, id, "Label", section.label, TYPE.laneLabel),
          ...items.map((item, index) =>
            row(
              `${key}/${section.field}/${index}`,
              "Item",
              8,
              [
                textLayer(`${key}/${section.field}/${index}/bullet`, id, "Bullet", "•", TYPE.bodySecondary),
                textLayer(`${key}/${section.field}/${index}/text`, id, "Text", item, TYPE.body, { width: INNER - 16 }),
              ],
              { entity: id },
            ),
          ),
        ],
        { entity: id, sizing: { horizontal: "FILL" } },
      ),
    );
  }
  return frame({
    key,
    role: "persona",
    entity: id,
    name: `Persona: ${persona.name}`,
    width: SIZE.personaWidth,
    layout: { mode: "VERTICAL", padding: PADDING, gap: 16 },
    sizing: { horizontal: "FIXED", vertical: "HUG" },
    style: { fill: COLOR.white, stroke: COLOR.border, strokeWeight: 1, cornerRadius: SIZE.mapRadius },
    children,
  });
}
