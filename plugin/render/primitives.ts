/**
 * The small pieces every part of the map is built from: a text layer, a tag, a row, a stack.
 * Each takes the key it is matched by; the caller names the entity it shows.
 */
import type { NodeRole } from "../plugin-data";
import { frame, text, type AutoLayout, type FrameSpec, type NodeSpec, type SizingMode, type TextSpec } from "./spec";
import type { TextStyle, Tone } from "./style";
import { TYPE } from "./style";

interface TextOptions {
  role?: NodeRole;
  /** Fill the parent's width and wrap (the default hugs the text). */
  fill?: boolean;
  /** A fixed width to wrap at. */
  width?: number;
  align?: "LEFT" | "CENTER" | "RIGHT";
  position?: { x: number; y: number };
  /** The text colour is managed (rewritten while a person has not changed it): for colours that follow the data. */
  managedColor?: boolean;
}

/** A text layer. */
export function textLayer(
  key: string,
  entity: string,
  name: string,
  value: string,
  textStyle: TextStyle,
  options: TextOptions = {},
): TextSpec {
  const spec: TextSpec = text({ key, role: options.role || "text", entity, name, text: value, textStyle });
  if (options.fill) spec.sizing = { horizontal: "FILL" };
  if (options.width !== undefined) spec.width = options.width;
  if (options.align) spec.align = options.align;
  if (options.position) spec.position = options.position;
  if (options.managedColor) spec.style = { fill: textStyle.color };
  return spec;
}

/** A small rounded tag ("backed", "at risk", "in progress"): its tone follows the data. */
export function tag(key: string, entity: string, name: string, value: string, tone: Tone, role: NodeRole = "decoration"): FrameSpec {
  return frame({
    key,
    role,
    entity,
    name,
    layout: { mode: "HORIZONTAL", padding: { top: 4, right: 8, bottom: 4, left: 8 }, counterAlign: "CENTER" },
    style: { fill: tone.fill, cornerRadius: 12 },
    children: [textLayer(`${key}/text`, entity, "Label", value, { ...TYPE.tag, color: tone.text }, { managedColor: true })],
  });
}

interface GroupOptions {
  role?: NodeRole;
  entity?: string;
  sizing?: { horizontal?: SizingMode; vertical?: SizingMode };
  width?: number;
  height?: number;
  padding?: AutoLayout["padding"];
  counterAlign?: AutoLayout["counterAlign"];
  primaryAlign?: AutoLayout["primaryAlign"];
  wrap?: boolean;
  fill?: string | null;
  cornerRadius?: number;
  stroke?: string;
}

function group(
  mode: "HORIZONTAL" | "VERTICAL",
  key: string,
  name: string,
  gap: number,
  children: NodeSpec[],
  options: GroupOptions,
): FrameSpec {
  const layout: AutoLayout = { mode, gap };
  if (options.padding !== undefined) layout.padding = options.padding;
  if (options.counterAlign) layout.counterAlign = options.counterAlign;
  if (options.primaryAlign) layout.primaryAlign = options.primaryAlign;
  if (options.wrap) layout.wrap = true;
  const spec = frame({ key, role: options.role || "decoration", entity: options.entity || "", name, layout, children });
  if (options.sizing) spec.sizing = options.sizing;
  if (options.width !== undefined) {
    spec.width = options.width;
    // resize() fixes both sides: a frame given only a width still hugs its content's height.
    if (options.height === undefined) spec.sizing = { horizontal: "FIXED", vertical: "HUG", ...options.sizing };
  }
  if (options.height !== undefined) spec.height = options.height;
  if (options.fill !== undefined || options.cornerRadius !== undefined || options.stroke !== undefined) {
    spec.style = {};
    if (options.fill !== undefined) spec.style.fill = options.fill;
    if (options.cornerRadius !== undefined) spec.style.cornerRadius = options.cornerRadius;
    if (options.stroke !== undefined) {
      spec.style.stroke = options.stroke;
      spec.style.strokeWeight = 1;
    }
  }
  return spec;
}

/** Children side by side. */
export function row(key: string, name: string, gap: number, children: NodeSpec[], options: GroupOptions = {}): FrameSpec {
  return group("HORIZONTAL", key, name, gap, children, options);
}

/** Children one under the other. */
export function stack(key: string, name: string, gap: number, children: NodeSpec[], options: GroupOptions = {}): FrameSpec {
  return group("VERTICAL", key, name, gap, children, options);
}
