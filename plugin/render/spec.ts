/**
 * A node spec: what the renderer wants on the canvas, declared as data, so that one reconciler
 * can create what is missing, update what exists and remove what is no longer wanted.
 */
import type { NodeRole } from "../plugin-data";
import type { TextStyle } from "./style";

export type SizingMode = "FIXED" | "HUG" | "FILL";

export interface AutoLayout {
  mode: "HORIZONTAL" | "VERTICAL";
  padding?: number | { top: number; right: number; bottom: number; left: number };
  gap?: number;
  counterAlign?: "MIN" | "CENTER" | "MAX";
  primaryAlign?: "MIN" | "CENTER" | "MAX" | "SPACE_BETWEEN";
}

/**
 * Looks a person may restyle. The renderer writes them when it creates a node, and later only
 * while they still hold the value it wrote last: a colour a person chose is never overwritten.
 */
export interface ManagedStyle {
  fill?: string | null;
  stroke?: string | null;
  strokeWeight?: number;
  cornerRadius?: number;
  opacity?: number;
}

interface BaseSpec {
  /** Unique within the map: the reconciler matches nodes by it, never by Figma node id. */
  key: string;
  role: NodeRole;
  /** The entity the node shows ("" for structure). */
  entity: string;
  name: string;
  style?: ManagedStyle;
  /** Size, for fixed-size nodes. */
  width?: number;
  height?: number;
  /** Sizing inside an auto-layout parent. */
  sizing?: { horizontal?: SizingMode; vertical?: SizingMode };
  /** Position inside a parent without auto layout. */
  position?: { x: number; y: number };
}

export interface FrameSpec extends BaseSpec {
  kind: "FRAME";
  layout?: AutoLayout;
  clips?: boolean;
  children: NodeSpec[];
}

export interface TextSpec extends BaseSpec {
  kind: "TEXT";
  text: string;
  textStyle: TextStyle;
  align?: "LEFT" | "CENTER" | "RIGHT";
}

export interface ShapeSpec extends BaseSpec {
  kind: "RECTANGLE" | "ELLIPSE";
}

export interface VectorSpec extends BaseSpec {
  kind: "VECTOR";
  /** SVG path data in Figma's subset: absolute M, L, C, Z separated by single spaces. */
  paths: string[];
}

export type NodeSpec = FrameSpec | TextSpec | ShapeSpec | VectorSpec;

export function frame(spec: Omit<FrameSpec, "kind">): FrameSpec {
  return { kind: "FRAME", ...spec };
}

export function text(spec: Omit<TextSpec, "kind">): TextSpec {
  return { kind: "TEXT", ...spec };
}
