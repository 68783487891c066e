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
 *
 * One reconciler renders every top-level node of a map at once (the map frame and the frames
 * beside it, or the FigJam map section and the sections beside it), so a key is matched wherever
 * on the page its node stands.
 */
import type { CanvasProblem } from "../../shared/messages";
import { keptForFonts, type TextHolder } from "../fonts";
import { NAMESPACE, tagNode } from "../plugin-data";
import {
  childrenOf,
  type ConnectorSpec,
  type FrameSpec,
  type ManagedStyle,
  type NodeSpec,
  type ParentSpec,
  type SizingMode,
  type TextSpec,
} from "./spec";
import { evenOutHeights, roundGeometry, sameGeometry } from "./geometry";
import { solid, type TextStyle } from "./style";

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
        if (spec.layout.wrap) {
          node.layoutWrap = "WRAP";
          node.counterAxisSpacing = spec.layout.gap ?? 0;
        }
      }
      return node;
    }
    case "TEXT":
      return figma.createText();
    case "RECTANGLE":
      return figma.createRectangle();
    case "ELLIPSE":
      return figma.createEllipse();
    case "VECTOR": {
      const node = figma.createVector();
      node.fills = [];
      node.strokeAlign = "CENTER";
      node.strokeCap = "ROUND";
      node.strokeJoin = "ROUND";
      return node;
    }
    case "SECTION":
      return figma.createSection();
    case "STICKY": {
      const node = figma.createSticky();
      node.isWideWidth = spec.wide ?? false;
      return node;
    }
    case "SHAPE_WITH_TEXT": {
      const node = figma.createShapeWithText();
      node.shapeType = spec.shape;
      return node;
    }
    case "CONNECTOR": {
      const node = figma.createConnector();
      node.connectorLineType = "STRAIGHT";
      node.connectorStartStrokeCap = "NONE";
      node.connectorEndStrokeCap = "NONE";
      return node;
    }
  }
}

function applyTextStyle(node: TextHolder, style: TextStyle): void {
  node.fontName = style.font;
  node.fontSize = style.size;
  node.fills = solid(style.color);
  if (style.lineHeight !== undefined) node.lineHeight = { unit: "PERCENT", value: style.lineHeight };
  if (style.lineHeightPx !== undefined) node.lineHeight = { unit: "PIXELS", value: style.lineHeightPx };
  if (style.upper) node.textCase = "UPPER";
  if (style.letterSpacingPercent !== undefined)
    node.letterSpacing = { unit: "PERCENT", value: style.letterSpacingPercent };
}

/** The text a node shows, for the specs that have one. */
function textHolderOf(node: SceneNode): TextHolder | null {
  if (node.type === "TEXT") return node;
  if (node.type === "STICKY" || node.type === "SHAPE_WITH_TEXT") return node.text;
  return null;
}

/**
 * Whether a vector's paths draw what `wanted` asks for: the same commands, numbers equal within
 * the geometry tolerance (Figma keeps them as 32-bit floats and may write them its own way).
 */
function samePaths(current: VectorPaths, wanted: VectorPaths): boolean {
  const tokens = (paths: VectorPaths) => paths.map((p) => `${p.windingRule} ${p.data.trim()}`).join(" Z ").split(/\s+/);
  const a = tokens(current);
  const b = tokens(wanted);
  return a.length === b.length && a.every((token, i) => token === b[i] || sameGeometry(Number(token), Number(b[i])));
}

/** The positions of a longest strictly increasing subsequence of `values` (O(n log n)). */
export function longestIncreasingRun(values: readonly number[]): Set<number> {
  const tails: number[] = [];
  const previous: number[] = new Array<number>(values.length).fill(-1);
  values.forEach((value, i) => {
    let low = 0;
    let high = tails.length;
    while (low < high) {
      const mid = (low + high) >> 1;
      if ((values[tails[mid] ?? 0] ?? 0) < value) low = mid + 1;
      else high = mid;
    }
    if (low > 0) previous[i] = tails[low - 1] ?? -1;
    tails[low] = i;
  });
  const run = new Set<number>();
  for (let i = tails[tails.length - 1] ?? -1; i >= 0; i = previous[i] ?? -1) run.add(i);
  return run;
}

export class Reconciler {
  readonly stats: ReconcileStats = { created: 0, updated: 0, removed: 0 };
  private readonly byKey = new Map<string, SceneNode[]>();
  private readonly claimed = new Set<SceneNode>();
  /** The node placed for each key in this render, for connectors to find their ends. */
  private readonly placed = new Map<string, SceneNode>();
  /** Fonts that could not be loaded ("Family Style"): a node whose text uses one is kept as it is. */
  missingFonts: ReadonlySet<string> = new Set();
  /** Each such node, and why it was kept, in words. */
  readonly kept: CanvasProblem[] = [];
  /** Rows whose cells are evened out once everything is placed and removed. */
  private readonly evenRows: { row: FrameNode; counted: boolean }[] = [];

  /**
   * @param existing the nodes an earlier generation made for this map: the map frame (or FigJam
   *   section) and the frames beside it. Their plugin-made descendants are indexed by key.
   */
  constructor(
    private readonly mapId: string,
    existing: SceneNode | null | readonly SceneNode[],
  ) {
    const roots = existing === null ? [] : Array.isArray(existing) ? existing : [existing as SceneNode];
    for (const root of roots) {
      this.index(root);
      // Figma finds the keyed nodes itself, far faster than a callback per node (findAllWithCriteria).
      if ("findAllWithCriteria" in root) for (const node of root.findAllWithCriteria({ sharedPluginData: { namespace: NAMESPACE, keys: [KEY] } })) this.index(node);
    }
  }

  private index(node: SceneNode): void {
    const key = keyOf(node);
    if (key === "" || node.getSharedPluginData(NAMESPACE, "mapId") !== this.mapId) return;
    const list = this.byKey.get(key);
    if (list) list.push(node);
    else this.byKey.set(key, [node]);
  }

  /** The text of the plugin's nodes already drawn: every font they use must be loaded before any is written. */
  existingText(): TextHolder[] {
    const texts: TextHolder[] = [];
    for (const nodes of this.byKey.values()) {
      for (const node of nodes) {
        const text = textHolderOf(node);
        if (text !== null) texts.push(text);
      }
    }
    return texts;
  }

  private claim(spec: NodeSpec): SceneNode | null {
    const candidates = this.byKey.get(spec.key) ?? [];
    const node = candidates.find((n) => !this.claimed.has(n) && !n.removed && n.type === spec.kind) ?? null;
    if (node) this.claimed.add(node);
    return node;
  }

  /** Places the root spec on the page (or updates the existing root) and everything under it. */
  renderRoot(spec: FrameSpec, page: PageNode): FrameNode {
    return this.renderRoots([spec], page)[0] as FrameNode;
  }

  /**
   * Places several top-level specs (a map and the frames beside it) in one pass, then removes the
   * plugin's nodes whose key none of them wants any more.
   */
  renderRoots(specs: readonly ParentSpec[], page: PageNode): SceneNode[] {
    const nodes = specs.map((spec) => {
      const node = this.place(spec, null);
      // New nodes start on the current page; a root found elsewhere (nested in a frame) stays where it is.
      if (node.parent !== page && (node.parent === null || node.parent.type === "PAGE")) page.appendChild(node);
      return node;
    });
    this.removeUnwanted(specs);
    // Once the cards that went are gone, so that a lane shrinks as well as grows.
    for (const { row, counted } of this.evenRows) if (evenOutHeights(row) > 0 && !counted) this.stats.updated++;
    this.evenRows.length = 0;
    return nodes;
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
    this.placed.set(spec.key, node);
    if (parent !== null && node.parent !== parent) parent.appendChild(node);
    const changed = this.apply(node, spec, isNew);
    if (!isNew && changed) this.stats.updated++;
    if ((spec.kind === "FRAME" || spec.kind === "SECTION") && "children" in node) this.placeChildren(node, spec);
    if (spec.kind === "FRAME" && spec.evenHeights && node.type === "FRAME") this.evenRows.push({ row: node, counted: isNew || changed });
    return node;
  }

  private placeChildren(node: Placed, spec: ParentSpec): void {
    const children = spec.children.map((childSpec) => this.place(childSpec, node));
    this.order(node, children);
  }

  /**
   * Puts the plugin's nodes in spec order with as few moves as possible: the longest run already
   * in order stays, each other node goes right after the one before it. A person's own nodes keep
   * their place among them; a card whose rank did not change is not touched.
   */
  private order(node: Placed, children: readonly SceneNode[]): void {
    const keep = longestIncreasingRun(children.map((child) => node.children.indexOf(child)));
    children.forEach((child, i) => {
      if (keep.has(i)) return;
      const previous = children[i - 1];
      const next = children.find((_, j) => j > i && keep.has(j));
      // insertChild counts the index before the child leaves its old place.
      const target = previous !== undefined ? node.children.indexOf(previous) + 1 : next !== undefined ? node.children.indexOf(next) : -1;
      if (target >= 0 && node.children[target] !== child) node.insertChild(target, child);
    });
  }

  /** Writes what differs; returns whether anything was written. */
  private apply(node: SceneNode, spec: NodeSpec, isNew: boolean): boolean {
    const holder = textHolderOf(node);
    // Text in a font that cannot be loaded here is left whole, never half-written.
    const kept = isNew || holder === null || this.missingFonts.size === 0 ? null : keptForFonts(holder, node.name, this.missingFonts);
    if (kept !== null) {
      this.kept.push({ nodeId: node.id, nodeName: node.name, message: kept });
      return false;
    }
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

    if (holder !== null && (spec.kind === "TEXT" || spec.kind === "STICKY" || spec.kind === "SHAPE_WITH_TEXT")) {
      changed = this.applyText(holder, spec.text, spec.textStyle, isNew, written, next) || changed;
    }
    if (spec.kind === "TEXT" && node.type === "TEXT") changed = this.applyTextBox(node, spec, isNew) || changed;
    changed = this.applyStyle(node, spec.style ?? {}, isNew, written, next) || changed;

    if (spec.kind === "SECTION" && node.type === "SECTION") {
      if (!sameGeometry(node.width, spec.width) || !sameGeometry(node.height, spec.height)) {
        node.resizeWithoutConstraints(roundGeometry(spec.width), roundGeometry(spec.height));
        changed = true;
      }
    } else if (
      spec.width !== undefined &&
      spec.kind !== "TEXT" &&
      "resize" in node &&
      (isNew || spec.position !== undefined)
    ) {
      // A hugging frame is empty (0 high) until its children are placed; resize() needs a height.
      const height = spec.height ?? Math.max(node.height, 1);
      if (!sameGeometry(node.width, spec.width) || !sameGeometry(node.height, height)) {
        node.resize(roundGeometry(spec.width), roundGeometry(height));
        changed = true;
      }
    }
    if (spec.kind === "VECTOR" && node.type === "VECTOR") {
      const data = spec.paths.map((d) => ({ windingRule: "NONE" as const, data: d }));
      if (!samePaths(node.vectorPaths, data)) {
        node.vectorPaths = data;
        changed = true;
      }
    }
    // A connector's place follows its ends.
    if (spec.kind === "CONNECTOR") {
      if (changed || isNew) node.setSharedPluginData(NAMESPACE, STYLE, JSON.stringify(next));
      return changed;
    }
    if (isNew && spec.absolute && "layoutPositioning" in node && node.parent && "layoutMode" in node.parent && node.parent.layoutMode !== "NONE") {
      node.layoutPositioning = "ABSOLUTE";
      if ("constraints" in node) node.constraints = { horizontal: "MAX", vertical: "MIN" };
    }
    if (spec.position && (!sameGeometry(node.x, spec.position.x) || !sameGeometry(node.y, spec.position.y))) {
      node.x = roundGeometry(spec.position.x);
      node.y = roundGeometry(spec.position.y);
      changed = true;
    }
    if (isNew && spec.sizing && "layoutSizingHorizontal" in node) this.applySizing(node, spec);
    if (changed || isNew) node.setSharedPluginData(NAMESPACE, STYLE, JSON.stringify(next));
    return changed;
  }

  /**
   * Sizing, set once when the node is made (a person may change it later): FILL inside an
   * auto-layout parent; HUG or FIXED on an auto-layout frame wherever it sits.
   */
  private applySizing(node: SceneNode & LayoutMixin, spec: NodeSpec): void {
    const { horizontal, vertical } = spec.sizing ?? {};
    const inFlow = node.parent !== null && "layoutMode" in node.parent && node.parent.layoutMode !== "NONE" && !spec.absolute;
    const autoLayout = node.type === "FRAME" && node.layoutMode !== "NONE";
    const settable = (mode: SizingMode | undefined): mode is SizingMode =>
      mode !== undefined && (mode === "FILL" ? inFlow : inFlow || autoLayout);
    if (settable(horizontal)) node.layoutSizingHorizontal = horizontal;
    if (settable(vertical)) node.layoutSizingVertical = vertical;
  }

  private applyText(
    node: TextHolder,
    characters: string,
    style: TextStyle,
    isNew: boolean,
    written: WrittenStyle,
    next: WrittenStyle,
  ): boolean {
    let changed = false;
    if (isNew) applyTextStyle(node, style);
    else if (node.fontSize === written.fontSize && node.fontSize !== style.size) {
      node.fontSize = style.size;
      changed = true;
    }
    next.fontSize = typeof node.fontSize === "number" ? node.fontSize : style.size;
    if (node.characters !== characters) {
      node.characters = characters;
      changed = true;
    }
    return changed;
  }

  /** How a text node sizes: wrapping at a fixed width, filling its parent, or growing with its text. */
  private applyTextBox(node: TextNode, spec: TextSpec, isNew: boolean): boolean {
    let changed = false;
    if (spec.width !== undefined) {
      if (!sameGeometry(node.width, spec.width) || node.textAutoResize !== "HEIGHT") {
        // resize() fixes both sides; the height then follows the text again.
        node.resize(roundGeometry(spec.width), Math.max(node.height, 1));
        node.textAutoResize = "HEIGHT";
        changed = !isNew;
      }
    } else if (isNew) node.textAutoResize = spec.sizing?.horizontal === "FILL" ? "HEIGHT" : "WIDTH_AND_HEIGHT";
    if (isNew && spec.align) node.textAlignHorizontal = spec.align;
    return changed;
  }

  /**
   * Writes each managed look (fill, stroke, stroke weight, corner radius, opacity) the node has,
   * while it still holds what the plugin wrote last; a look a person changed is kept, and so is
   * the record of what the plugin wrote.
   */
  private applyStyle(
    node: SceneNode,
    style: ManagedStyle,
    isNew: boolean,
    written: WrittenStyle,
    next: WrittenStyle,
  ): boolean {
    let changed = false;
    const target = node as unknown as Record<string, unknown>;
    const record = next as Record<string, unknown>;
    for (const key of Object.keys(style) as (keyof ManagedStyle)[]) {
      const wanted = style[key];
      const paint = key === "fill" || key === "stroke";
      const prop = key === "fill" ? "fills" : key === "stroke" ? "strokes" : key;
      if (wanted === undefined || !(prop in node) || (key === "cornerRadius" && node.type !== "FRAME" && node.type !== "RECTANGLE")) continue;
      const raw = target[prop];
      // A paint as "#RRGGBB" (null: none; undefined: not one solid paint); a number, unless mixed.
      const current = paint ? hexOf(raw as readonly Paint[]) : typeof raw === "number" ? raw : undefined;
      if (!isNew && (current ?? undefined) !== written[key]) {
        record[key] = written[key];
        continue;
      }
      if (current !== wanted) {
        target[prop] = paint ? (wanted === null ? [] : solid(wanted as string)) : wanted;
        changed = true;
      }
      record[key] = wanted;
    }
    return changed;
  }

  /** Attaches each connector to the nodes its spec names, once every node of the render is placed. */
  private connect(spec: ConnectorSpec): void {
    const node = this.placed.get(spec.key);
    const from = this.placed.get(spec.from);
    const to = this.placed.get(spec.to);
    if (node?.type !== "CONNECTOR" || from === undefined || to === undefined) return;
    const attached = (end: ConnectorEndpoint, target: SceneNode) => "endpointNodeId" in end && end.endpointNodeId === target.id;
    if (!attached(node.connectorStart, from)) node.connectorStart = { endpointNodeId: from.id, magnet: "CENTER" };
    if (!attached(node.connectorEnd, to)) node.connectorEnd = { endpointNodeId: to.id, magnet: "CENTER" };
  }

  /**
   * Before the plugin removes one of its nodes, whatever a person put inside it (a sticky note in a
   * cell of a stage that is gone, a pasted map) moves to the page, where it was on screen: removing
   * only the plugin's own nodes means never taking a person's with them.
   */
  private rescueOthersNodes(node: SceneNode): void {
    if (!("children" in node)) return;
    let page: BaseNode | null = node.parent;
    while (page !== null && page.type !== "PAGE") page = page.parent;
    if (page === null || page.type !== "PAGE") return;
    const target = page;
    const visit = (parent: SceneNode & ChildrenMixin) => {
      for (const child of [...parent.children]) {
        const ours = keyOf(child) !== "" && child.getSharedPluginData(NAMESPACE, "mapId") === this.mapId;
        if (ours) {
          if ("children" in child) visit(child);
          continue;
        }
        const x = child.absoluteTransform[0][2];
        const y = child.absoluteTransform[1][2];
        target.appendChild(child);
        child.x = x;
        child.y = y;
      }
    };
    visit(node);
  }

  /**
   * Connects connectors, then removes the nodes the plugin made for this map whose key the new
   * specs no longer want. A person's duplicate of a wanted node keeps its key and is left alone:
   * reading the map back turns it into an entity of its own.
   */
  private removeUnwanted(roots: readonly NodeSpec[]): void {
    const wanted = new Map<string, NodeSpec["kind"]>();
    const collect = (spec: NodeSpec) => {
      wanted.set(spec.key, spec.kind);
      if (spec.kind === "CONNECTOR") this.connect(spec);
      childrenOf(spec).forEach(collect);
    };
    roots.forEach(collect);
    for (const [key, nodes] of this.byKey) {
      const kind = wanted.get(key);
      for (const node of nodes) {
        // A node of another type under a wanted key was drawn by an older version: replaced, so removed.
        const stale = kind === undefined || (node.type !== kind && !this.claimed.has(node));
        if (!stale || node.removed) continue;
        this.rescueOthersNodes(node);
        node.remove();
        this.stats.removed++;
      }
    }
  }
}
