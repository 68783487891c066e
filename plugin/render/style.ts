/**
 * The visual baseline of a generated map (MAP_DESIGN.md): an 8 px grid, Inter in four styles,
 * a restrained light palette. Every size and colour the renderer uses comes from here.
 *
 * Text colours on tinted surfaces are the darker tone of the tint's hue, chosen for a contrast of
 * at least 4.5:1 (the light quadrant borders are for lines, not for text).
 */
import type { DataBacking, KpiStatus } from "../../shared/gaps";
import type { Opportunity } from "../../shared/model";
import type { PriorityQuadrant } from "../../shared/priority";
import { FONT } from "../fonts";

/** #RRGGBB → Figma's 0–1 RGB. */
export function rgb(hex: string): RGB {
  const value = Number.parseInt(hex.slice(1), 16);
  return { r: ((value >> 16) & 255) / 255, g: ((value >> 8) & 255) / 255, b: (value & 255) / 255 };
}

export function solid(hex: string): SolidPaint[] {
  return [{ type: "SOLID", color: rgb(hex) }];
}

export const COLOR = {
  textPrimary: "#1F2329",
  textSecondary: "#5B6470",
  border: "#E3E6EA",
  cell: "#F6F7F9",
  background: "#FFFFFF",
  accent: "#2F6FE4",
  accentTint: "#E4EDFF",
  accentText: "#1F4FB0",
  /** Stage headers: one light tint of the accent, the same for every stage (an order is not a rank). */
  stageHeader: "#EDF3FD",
  /** Placeholders in empty cells: quiet, still 4.5:1 on the cell surface. */
  textMuted: "#646D79",
  white: "#FFFFFF",
  /** Rank badges and matrix dots. */
  ink: "#1F2329",
} as const;

/** A tinted tag: its fill and a text colour with at least 4.5:1 contrast on it. */
export interface Tone {
  fill: string;
  text: string;
}

export const TONE = {
  green: { fill: "#E3F5E9", text: "#1B6E3D" },
  blue: { fill: "#E4EDFF", text: "#1F4FB0" },
  amber: { fill: "#FFF3D6", text: "#7A4E00" },
  red: { fill: "#FDE8E5", text: "#A8231D" },
  grey: { fill: "#F1F2F4", text: "#5B6470" },
} as const satisfies Record<string, Tone>;

export const QUADRANT_COLOR: Record<PriorityQuadrant, { fill: string; border: string; text: string }> = {
  "quick win": { fill: "#E3F5E9", border: "#2E9E5B", text: TONE.green.text },
  "major project": { fill: "#E4EDFF", border: "#2F6FE4", text: TONE.blue.text },
  "fill-in": { fill: "#F1F2F4", border: "#8A94A3", text: TONE.grey.text },
  thankless: { fill: "#FDE8E5", border: "#D9534F", text: TONE.red.text },
};

/** Quadrant names as the legend and the matrix show them. */
export const QUADRANT_LABEL: Record<PriorityQuadrant, string> = {
  "quick win": "Quick win",
  "major project": "Major project",
  "fill-in": "Fill-in",
  thankless: "Thankless",
};

export const BACKING_TONE: Record<DataBacking, Tone> = { none: TONE.grey, thin: TONE.amber, backed: TONE.green };
export const BACKING_LABEL: Record<DataBacking, string> = { none: "no data", thin: "thin", backed: "backed" };

export const KPI_TONE: Record<KpiStatus, Tone> = {
  met: TONE.green,
  "at risk": TONE.amber,
  missed: TONE.red,
  unknown: TONE.grey,
};

export const OPPORTUNITY_TONE: Record<Opportunity["status"], Tone> = {
  idea: TONE.grey,
  planned: TONE.blue,
  "in progress": TONE.amber,
  done: TONE.green,
  dropped: TONE.grey,
};

/** The emotion lane: the curve over three faint bands, delight above, frustration below. */
export const EMOTION = {
  line: "#2F6FE4",
  lineWeight: 3,
  point: 12,
  /** Persona curves: thinner lines in hues apart from the journey's blue and from each other. */
  personaLines: ["#E8833A", "#2E9E5B", "#9B59B6", "#D9534F", "#1A9BA8"],
  personaLineWeight: 2,
  personaPoint: 8,
  bands: [
    { key: "delight", label: "Delighted", fill: "#EDF7F0" },
    { key: "neutral", label: "Neutral", fill: "#F6F7F9" },
    { key: "frustration", label: "Frustrated", fill: "#FCEFED" },
  ],
} as const;

/** The gap chart's paired bars. */
export const GAP_CHART = {
  importance: "#B7CBF4",
  performance: "#2F6FE4",
  track: "#F1F2F4",
} as const;

export interface TextStyle {
  font: FontName;
  size: number;
  /** Line height in percent of the size … */
  lineHeight?: number;
  /** … or in pixels, to sit on the 4 px grid. */
  lineHeightPx?: number;
  upper?: boolean;
  letterSpacingPercent?: number;
  color: string;
}

export const TYPE = {
  mapTitle: { font: FONT.bold, size: 32, color: COLOR.textPrimary },
  sectionTitle: { font: FONT.semiBold, size: 20, color: COLOR.textPrimary },
  stageName: { font: FONT.bold, size: 16, color: COLOR.textPrimary },
  personaName: { font: FONT.bold, size: 16, color: COLOR.textPrimary },
  laneLabel: { font: FONT.semiBold, size: 11, upper: true, letterSpacingPercent: 4, color: COLOR.textSecondary },
  cardTitle: { font: FONT.semiBold, size: 14, lineHeight: 140, color: COLOR.textPrimary },
  body: { font: FONT.regular, size: 13, lineHeight: 150, color: COLOR.textPrimary },
  bodySecondary: { font: FONT.regular, size: 13, lineHeight: 150, color: COLOR.textSecondary },
  meta: { font: FONT.medium, size: 11, lineHeightPx: 16, color: COLOR.textSecondary },
  metaPrimary: { font: FONT.medium, size: 11, lineHeightPx: 16, color: COLOR.textPrimary },
  /** Placeholders in empty cells. */
  muted: { font: FONT.medium, size: 11, lineHeightPx: 16, color: COLOR.textMuted },
  /** Score labels above their numbers: meta, upper case. */
  scoreLabel: { font: FONT.medium, size: 11, upper: true, letterSpacingPercent: 4, color: COLOR.textSecondary },
  scoreValue: { font: FONT.bold, size: 16, color: COLOR.textPrimary },
  /** Numbers in dark badges and dots. */
  badge: { font: FONT.bold, size: 11, lineHeightPx: 16, color: COLOR.white },
  tag: { font: FONT.semiBold, size: 11, lineHeightPx: 16, color: COLOR.textPrimary },
} as const satisfies Record<string, TextStyle>;

export const SIZE = {
  mapPadding: 48,
  mapGap: 32,
  mapRadius: 16,
  laneLabelWidth: 160,
  stageWidth: 280,
  columnGap: 8,
  rowGap: 8,
  cellPadding: 12,
  cellRadius: 8,
  cardRadius: 8,
  cardPadding: 12,
  cardGap: 8,
  rankBadge: 24,
  /** Right of the map, between the map and the frames beside it, and between those columns. */
  besideGap: 80,
  besideStack: 32,
  personaWidth: 320,
  matrixSize: 640,
  gapChartWidth: 640,
  emotionLaneHeight: 192,
} as const;
