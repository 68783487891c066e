/**
 * The reconciler: turns a spec tree into nodes, matching the nodes of an earlier generation by
 * their key (stored in shared plugin data), never by Figma node id.
 *
 * - a node that exists gets its texts, numbers and position updated, and is moved under the
 *   parent the spec names if a person dragged it elsewhere;
 * - a node that is missing is created;
 * - a node the plugin made for an entity that no longer exists is removed;
 * - a node the plugin did not make is never touched, and a style a person changed (a fill, a
 *   stroke, a corner radius, a font size) is kept: managed styles are only rewritten while they
 *   still hold the value the plugin wrote last.
 */
import { NAMESPACE, tagNode } from "../plugin-data";
import type { FrameSpec, ManagedStyle, NodeSpec, TextSpec } from "./spec";
import { rgb, solid, type TextStyle } from "./style";

export interface ReconcileStats {
  created: number;
  updated: number;
  removed: number;
}

type Placed = SceneNode & ChildrenMixin;

const KEY = "key";
const STYLE = "style";

function keyOf(node: BaseNode): string {
  return node.getSharedPluginData(NAMESPACE, KEY);
}

function hexOf(paints: readonly Paint[] | typeof figma.mixed): string | null | undefined {
  if (typeof paints === "symbol") return undefined;
  if (paints.length === 0) return null;
  const paint = paints[0];
  if (paints.length !== 1 || paint === undefined || paint.type !== "SOLID") return undefined;
  const to = (v: number) =>
    Math.round(v * 255)
      .toString(16)
      .padStart(2, "0");
  return `#${to(paint.color.r)}${to(paint.color.g)}${to(paint.color.b)}`.toUpperCase();
}

/** What the plugin wrote last for the managed looks of a node. */
interface WrittenStyle extends ManagedStyle {
  fontSize?: number;
  name?: string;
}

function readWritten(node: BaseNode): WrittenStyle {
  const raw = node.getSharedPluginData(NAMESPACE, STYLE);
  if (raw === "") return {};
  try {
    const value: unknown = JSON.parse(raw);
    return typeof value === "object" && value !== null ? (value as WrittenStyle) : {};
  } catch {
    return {};
  }
}

function createNode(spec: NodeSpec): SceneNode {
  switch (spec.kind) {
    case "FRAME": {
      const node = figma.createFrame();
      node.fills = [];
      node.clipsContent = spec.clips ?? false;
      if (spec.layout) {
        node.layoutMode = spec.layout.mode;
        const p = spec.layout.padding ?? 0;
        const pad = typeof p === "number" ? { top: p, right: p, bottom: p, left: p } : p;
        node.paddingTop = pad.top;
        node.paddingRight = pad.right;
        node.paddingBottom = pad.bottom;
        node.paddingLeft = pad.left;
        node.itemSpacing = spec.layout.gap ?? 0;
        node.counterAxisAlignItems = spec.layout.counterAlign ?? "MIN";
        node.primaryAxisAlignItems = spec.layout.primaryAlign ?? "MIN";
        node.primaryAxisSizingMode = "AUTO";
        node.counterAxisSizingMode = "AUTO";
      }
      return node;
    }
    case "TEXT":
      return figma.createText();
    case "RECTANGLE":
      return figma.createRectangle();
    case "ELLIPSE":
      return figma.createEllipse();
    case "VECTOR":
      return figma.createVector();
  }
}

function applyTextStyle(node: TextNode, style: TextStyle): void {
  node.fontName = style.font;
  node.fontSize = style.size;
  node.fills = solid(style.color);
  if (style.lineHeight !== undefined) node.lineHeight = { unit: "PERCENT", value: style.lineHeight };
  if (style.upper) node.textCase = "UPPER";
  if (style.letterSpacingPercent !== undefined)
    node.letterSpacing = { unit: "PERCENT", value: style.letterSpacingPercent };
}

export class Reconciler {
  readonly stats: ReconcileStats = { created: 0, updated: 0, removed: 0 };
  private readonly byKey = new Map<string, SceneNode[]>();
  private readonly claimed = new Set<SceneNode>();

  constructor(
    private readonly mapId: string,
    existing: FrameNode | null,
  ) {
    if (existing === null) return;
    this.index(existing);
    for (const node of existing.findAll((n) => n.getSharedPluginData(NAMESPACE, KEY) !== "")) this.index(node);
  }

  private index(node: SceneNode): void {
    const key = keyOf(node);
    if (key === "" || node.getSharedPluginData(NAMESPACE, "mapId") !== this.mapId) return;
    const list = this.byKey.get(key);
    if (list) list.push(node);
    else this.byKey.set(key, [node]);
  }

  private claim(spec: NodeSpec): SceneNode | null {
    const candidates = this.byKey.get(spec.key) ?? [];
    const node = candidates.find((n) => !this.claimed.has(n) && !n.removed && n.type === spec.kind) ?? null;
    if (node) this.claimed.add(node);
    return node;
  }

  /** Places the root spec on the page (or updates the existing root) and everything under it. */
  renderRoot(spec: FrameSpec, page: PageNode): FrameNode {
    const node = this.place(spec, null) as FrameNode;
    // New nodes start on the current page; a map found elsewhere (nested in a frame) stays where it is.
    if (node.parent !== page && node.parent?.type === "PAGE") page.appendChild(node);
    this.removeUnwanted(spec);
    return node;
  }

  /** Renders a spec under an auto-layout or plain parent; returns its node. */
  place(spec: NodeSpec, parent: Placed | null): SceneNode {
    let node = this.claim(spec);
    const isNew = node === null;
    if (node === null) {
      node = createNode(spec);
      this.stats.created++;
      tagNode(node, { role: spec.role, entity: spec.entity, mapId: this.mapId });
      node.setSharedPluginData(NAMESPACE, KEY, spec.key);
    }
    if (parent !== null && node.parent !== parent) parent.appendChild(node);
    const changed = this.apply(node, spec, isNew);
    if (!isNew && changed) this.stats.updated++;
    if (spec.kind === "FRAME" && node.type === "FRAME") this.placeChildren(node, spec);
    return node;
  }

  private placeChildren(node: FrameNode, spec: FrameSpec): void {
    let previous: SceneNode | null = null;
    for (const childSpec of spec.children) {
      const child = this.place(childSpec, node);
      // Keep the plugin's nodes in spec order; a person's own nodes keep their place among them.
      const index = node.children.indexOf(child);
      const after = previous === null ? -1 : node.children.indexOf(previous);
      if (index < after) node.insertChild(after, child);
      previous = child;
    }
  }

  /** Writes what differs; returns whether anything was written. */
  private apply(node: SceneNode, spec: NodeSpec, isNew: boolean): boolean {
    let changed = false;
    const written = isNew ? {} : readWritten(node);
    const next: WrittenStyle = {};

    // The name follows the data unless a person renamed the layer.
    if (isNew || node.name === written.name) {
      if (node.name !== spec.name) {
        node.name = spec.name;
        changed = true;
      }
      next.name = spec.name;
    }

    if (spec.kind === "TEXT" && node.type === "TEXT") changed = this.applyText(node, spec, isNew, written, next) || changed;
    changed = this.applyStyle(node, spec.style ?? {}, isNew, written, next) || changed;

    if (spec.width !== undefined && "resize" in node && (isNew || spec.position !== undefined)) {
      const height = spec.height ?? node.height;
      if (node.width !== spec.width || node.height !== height) {
        node.resize(spec.width, height);
        changed = true;
      }
    }
    if (spec.kind === "VECTOR" && node.type === "VECTOR") {
      const data = spec.paths.map((d) => ({ windingRule: "NONE" as const, data: d }));
      if (JSON.stringify(node.vectorPaths) !== JSON.stringify(data)) {
        node.vectorPaths = data;
        changed = true;
      }
    }
    if (spec.position && (node.x !== spec.position.x || node.y !== spec.position.y)) {
      node.x = spec.position.x;
      node.y = spec.position.y;
      changed = true;
    }
    if (
      isNew &&
      spec.sizing &&
      "layoutSizingHorizontal" in node &&
      node.parent &&
      "layoutMode" in node.parent &&
      node.parent.layoutMode !== "NONE"
    ) {
      const { horizontal, vertical } = spec.sizing;
      const autoLayout = node.type === "FRAME" && node.layoutMode !== "NONE";
      // A filling auto-layout frame first hugs, so that its content still counts when its parent
      // hugs: cells stretch to the tallest cell of their row.
      if (autoLayout && horizontal === "FILL") node.layoutSizingHorizontal = "HUG";
      if (autoLayout && vertical === "FILL") node.layoutSizingVertical = "HUG";
      if (horizontal) node.layoutSizingHorizontal = horizontal;
      if (vertical) node.layoutSizingVertical = vertical;
    }
    if (changed || isNew) node.setSharedPluginData(NAMESPACE, STYLE, JSON.stringify(next));
    return changed;
  }

  private applyText(node: TextNode, spec: TextSpec, isNew: boolean, written: WrittenStyle, next: WrittenStyle): boolean {
    let changed = false;
    if (isNew) {
      applyTextStyle(node, spec.textStyle);
      node.textAutoResize = spec.sizing?.horizontal === "FILL" ? "HEIGHT" : "WIDTH_AND_HEIGHT";
      if (spec.align) node.textAlignHorizontal = spec.align;
    } else if (node.fontSize === written.fontSize && node.fontSize !== spec.textStyle.size) {
      node.fontSize = spec.textStyle.size;
      changed = true;
    }
    next.fontSize = typeof node.fontSize === "number" ? node.fontSize : spec.textStyle.size;
    if (node.characters !== spec.text) {
      node.characters = spec.text;
      changed = true;
    }
    return changed;
  }

  private applyStyle(
    node: SceneNode,
    style: ManagedStyle,
    isNew: boolean,
    written: WrittenStyle,
    next: WrittenStyle,
  ): boolean {
    let changed = false;
    const mayWrite = <K extends keyof ManagedStyle>(key: K, current: ManagedStyle[K]) =>
      isNew || current === written[key];

    if (style.fill !== undefined && "fills" in node) {
      const current = hexOf(node.fills);
      if (mayWrite("fill", current ?? undefined)) {
        if (current !== style.fill) {
          node.fills = style.fill === null ? [] : solid(style.fill);
          changed = true;
        }
        next.fill = style.fill;
      } else next.fill = written.fill;
    }
    if (style.stroke !== undefined && "strokes" in node) {
      const current = hexOf(node.strokes);
      if (mayWrite("stroke", current ?? undefined)) {
        if (current !== style.stroke) {
          node.strokes = style.stroke === null ? [] : [{ type: "SOLID", color: rgb(style.stroke) }];
          changed = true;
        }
        next.stroke = style.stroke;
      } else next.stroke = written.stroke;
    }
    if (style.strokeWeight !== undefined && "strokeWeight" in node) {
      const current = typeof node.strokeWeight === "number" ? node.strokeWeight : undefined;
      if (mayWrite("strokeWeight", current)) {
        if (current !== style.strokeWeight) {
          node.strokeWeight = style.strokeWeight;
          changed = true;
        }
        next.strokeWeight = style.strokeWeight;
      } else next.strokeWeight = written.strokeWeight;
    }
    if (style.cornerRadius !== undefined && (node.type === "FRAME" || node.type === "RECTANGLE")) {
      const current = typeof node.cornerRadius === "number" ? node.cornerRadius : undefined;
      if (mayWrite("cornerRadius", current)) {
        if (current !== style.cornerRadius) {
          node.cornerRadius = style.cornerRadius;
          changed = true;
        }
        next.cornerRadius = style.cornerRadius;
      } else next.cornerRadius = written.cornerRadius;
    }
    if (style.opacity !== undefined && "opacity" in node) {
      if (mayWrite("opacity", node.opacity)) {
        if (node.opacity !== style.opacity) {
          node.opacity = style.opacity;
          changed = true;
        }
        next.opacity = style.opacity;
      } else next.opacity = written.opacity;
    }
    return changed;
  }

  /**
   * Removes the nodes the plugin made for this map whose key the new spec no longer wants.
   * A person's duplicate of a wanted node keeps its key and is left alone: reading the map back
   * turns it into an entity of its own.
   */
  private removeUnwanted(root: NodeSpec): void {
    const wanted = new Set<string>();
    const collect = (spec: NodeSpec) => {
      wanted.add(spec.key);
      if (spec.kind === "FRAME") spec.children.forEach(collect);
    };
    collect(root);
    for (const [key, nodes] of this.byKey) {
      if (wanted.has(key)) continue;
      for (const node of nodes) {
        if (node.removed) continue;
        node.remove();
        this.stats.removed++;
      }
    }
  }
}
