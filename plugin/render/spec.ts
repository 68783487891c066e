/**
 * A node spec: what the renderer wants on the canvas, declared as data, so that one reconciler
 * can create what is missing, update what exists and remove what is no longer wanted.
 *
 * Figma design maps use frames, text, shapes and vectors; FigJam maps use sections, stickies,
 * shapes with text, text and connectors (FigJam has no frames or vectors).
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
  /** Horizontal layouts only: children flow onto new lines (counter gap = gap). */
  wrap?: boolean;
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
  /** Sizing inside an auto-layout parent (HUG also on a top-level auto-layout frame). */
  sizing?: { horizontal?: SizingMode; vertical?: SizingMode };
  /** Position inside a parent without auto layout, or inside one when `absolute`. */
  position?: { x: number; y: number };
  /** Taken out of its auto-layout parent's flow, at `position`, pinned to the parent's right edge. */
  absolute?: boolean;
}

export interface FrameSpec extends BaseSpec {
  kind: "FRAME";
  layout?: AutoLayout;
  clips?: boolean;
  /** A row whose vertical auto-layout children are made as tall as the tallest one's content. */
  evenHeights?: boolean;
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
  /** SVG path data in Figma's subset: absolute M, L, C, Z separated by single spaces; one entry per subpath. */
  paths: string[];
}

/** FigJam: a section, a named region holding its children where they are put. */
export interface SectionSpec extends BaseSpec {
  kind: "SECTION";
  width: number;
  height: number;
  position: { x: number; y: number };
  children: NodeSpec[];
}

/** FigJam: a sticky note (240 × 240, or 416 wide) with its text. */
export interface StickySpec extends BaseSpec {
  kind: "STICKY";
  text: string;
  textStyle: TextStyle;
  wide?: boolean;
}

/** FigJam: a shape with text in it. */
export interface ShapeWithTextSpec extends BaseSpec {
  kind: "SHAPE_WITH_TEXT";
  shape: "ROUNDED_RECTANGLE" | "SQUARE" | "ELLIPSE";
  text: string;
  textStyle: TextStyle;
}

/** FigJam: a connector between two nodes of the same render, named by their keys. */
export interface ConnectorSpec extends BaseSpec {
  kind: "CONNECTOR";
  from: string;
  to: string;
}

export type NodeSpec =
  | FrameSpec
  | TextSpec
  | ShapeSpec
  | VectorSpec
  | SectionSpec
  | StickySpec
  | ShapeWithTextSpec
  | ConnectorSpec;

/** The specs that hold children. */
export type ParentSpec = FrameSpec | SectionSpec;

export function frame(spec: Omit<FrameSpec, "kind">): FrameSpec {
  return { kind: "FRAME", ...spec };
}

export function text(spec: Omit<TextSpec, "kind">): TextSpec {
  return { kind: "TEXT", ...spec };
}

export function rectangle(spec: Omit<ShapeSpec, "kind">): ShapeSpec {
  return { kind: "RECTANGLE", ...spec };
}

export function ellipse(spec: Omit<ShapeSpec, "kind">): ShapeSpec {
  return { kind: "ELLIPSE", ...spec };
}

export function childrenOf(spec: NodeSpec): readonly NodeSpec[] {
  return spec.kind === "FRAME" || spec.kind === "SECTION" ? spec.children : [];
}
