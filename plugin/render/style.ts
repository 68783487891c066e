/**
 * The visual baseline of a generated map (MAP_DESIGN.md): an 8 px grid, Inter in four styles,
 * a restrained light palette. Every size and colour the renderer uses comes from here.
 */
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
  white: "#FFFFFF",
} as const;

export const QUADRANT_COLOR = {
  "quick win": { fill: "#E3F5E9", border: "#2E9E5B" },
  "major project": { fill: "#E4EDFF", border: "#2F6FE4" },
  "fill-in": { fill: "#F1F2F4", border: "#8A94A3" },
  thankless: { fill: "#FDE8E5", border: "#D9534F" },
} as const;

/** Stage headers: one accent hue, its tint rising across the stages. */
export function stageTint(index: number, count: number): string {
  const t = count <= 1 ? 0 : index / (count - 1);
  const alpha = 0.08 + 0.14 * t;
  const accent = rgb(COLOR.accent);
  const mix = (channel: number) => Math.round((1 - alpha + alpha * channel) * 255);
  return `#${[accent.r, accent.g, accent.b].map((c) => mix(c).toString(16).padStart(2, "0")).join("")}`;
}

export interface TextStyle {
  font: FontName;
  size: number;
  lineHeight?: number;
  upper?: boolean;
  letterSpacingPercent?: number;
  color: string;
}

export const TYPE = {
  mapTitle: { font: FONT.bold, size: 32, color: COLOR.textPrimary },
  sectionTitle: { font: FONT.semiBold, size: 20, color: COLOR.textPrimary },
  stageName: { font: FONT.bold, size: 16, color: COLOR.textPrimary },
  laneLabel: { font: FONT.semiBold, size: 11, upper: true, letterSpacingPercent: 4, color: COLOR.textSecondary },
  cardTitle: { font: FONT.semiBold, size: 14, color: COLOR.textPrimary },
  body: { font: FONT.regular, size: 13, lineHeight: 150, color: COLOR.textPrimary },
  bodySecondary: { font: FONT.regular, size: 13, lineHeight: 150, color: COLOR.textSecondary },
  meta: { font: FONT.medium, size: 11, color: COLOR.textSecondary },
} as const satisfies Record<string, TextStyle>;

export const SIZE = {
  mapPadding: 48,
  mapGap: 32,
  mapRadius: 16,
  laneLabelWidth: 160,
  stageWidth: 280,
  cellPadding: 12,
  cardRadius: 8,
  cardPadding: 12,
  cardGap: 8,
} as const;
