/**
 * Auto layout, computed lazily so that x / y / width / height / absoluteBoundingBox read what
 * Figma would show.
 *
 * - A change marks the node dirty, and its auto-layout ancestors up to its *layout root*: the
 *   first ancestor that is not an in-flow child of an auto-layout frame. Layout roots are
 *   independent of each other (a frame without auto layout does not move or size its children).
 * - Reading geometry lays out the node's root, if dirty, in two passes: widths first (so text
 *   knows where to wrap), then heights and positions. Each pass measures every node once
 *   (memoised per pass), so a pass is linear in the size of the root's subtree.
 * @see https://developers.figma.com/docs/plugins/api/node-properties#layoutmode
 * @see https://help.figma.com/hc/en-us/articles/360040451373-Explore-auto-layout-properties
 */
import type { BaseNodeImpl } from "./nodes/base-node";
import type { SceneNodeImpl } from "./nodes/scene-node";
import type { TextContent } from "./text-content";
import { layoutTextBlock, type TextBlock } from "./text-metrics";

export type Axis = "x" | "y";

/** The auto-layout properties of a frame (AutoLayoutMixin). */
export interface AutoLayoutState {
  layoutMode: "NONE" | "HORIZONTAL" | "VERTICAL";
  paddingLeft: number;
  paddingRight: number;
  paddingTop: number;
  paddingBottom: number;
  itemSpacing: number;
  counterAxisSpacing: number | null;
  primaryAxisSizingMode: "FIXED" | "AUTO";
  counterAxisSizingMode: "FIXED" | "AUTO";
  primaryAxisAlignItems: "MIN" | "MAX" | "CENTER" | "SPACE_BETWEEN" | "SPACE_EVENLY" | "SPACE_AROUND";
  counterAxisAlignItems: "MIN" | "MAX" | "CENTER" | "BASELINE";
  counterAxisAlignContent: "AUTO" | "SPACE_BETWEEN";
  layoutWrap: "NO_WRAP" | "WRAP";
  itemReverseZIndex: boolean;
  strokesIncludedInLayout: boolean;
}

export function defaultAutoLayout(): AutoLayoutState {
  return {
    layoutMode: "NONE",
    paddingLeft: 0,
    paddingRight: 0,
    paddingTop: 0,
    paddingBottom: 0,
    itemSpacing: 0,
    counterAxisSpacing: null,
    // Frames made by the API hug on the primary axis and keep a fixed counter axis.
    primaryAxisSizingMode: "AUTO",
    counterAxisSizingMode: "FIXED",
    primaryAxisAlignItems: "MIN",
    counterAxisAlignItems: "MIN",
    counterAxisAlignContent: "AUTO",
    layoutWrap: "NO_WRAP",
    itemReverseZIndex: false,
    strokesIncludedInLayout: false,
  };
}

/** The text of a text node, as layout needs it. */
export interface TextBox {
  readonly content: TextContent;
  autoResize: "NONE" | "WIDTH_AND_HEIGHT" | "HEIGHT" | "TRUNCATE";
  paragraphSpacing: number;
  maxLines: number | null;
  truncation: "DISABLED" | "ENDING";
  cache: { version: number; wrap: number | null; spacing: number; maxLines: number | null; truncate: boolean; block: TextBlock } | null;
}

export function isAutoLayout(node: BaseNodeImpl): boolean {
  const al = node._al;
  return al !== null && al.layoutMode !== "NONE";
}

export function primaryAxisOf(al: AutoLayoutState): Axis {
  return al.layoutMode === "HORIZONTAL" ? "x" : "y";
}

/** Whether auto layout places and sizes this node (a visible, non-absolute child of an auto-layout frame). */
export function isInFlow(node: SceneNodeImpl): boolean {
  const parent = node._parent;
  return parent !== null && isAutoLayout(parent) && node._visible && node._layoutPositioning === "AUTO";
}

/** Which layout run the cached in-flow children belong to. */
let layoutRun = 0;

/** The children auto layout places (cached for the duration of one layout run). */
function inFlowChildren(node: SceneNodeImpl): SceneNodeImpl[] {
  if (node._flowRun === layoutRun && node._flow !== null) return node._flow;
  const out: SceneNodeImpl[] = [];
  for (const child of node._kids ?? []) {
    const scene = child._asScene();
    if (scene && scene._visible && scene._layoutPositioning === "AUTO") out.push(scene);
  }
  node._flow = out;
  node._flowRun = layoutRun;
  return out;
}

/** Marks a node as needing layout, with its auto-layout ancestors up to its layout root. */
export function markLayoutDirty(node: BaseNodeImpl): void {
  let n: SceneNodeImpl | null = node._asScene();
  while (n !== null) {
    if (n._dirty) return;
    n._dirty = true;
    if (!isInFlow(n)) return;
    n = n._parent?._asScene() ?? null;
  }
}

/** Like markLayoutDirty, for when the node's place in the flow itself changed. */
export function forceLayoutDirty(node: BaseNodeImpl): void {
  const scene = node._asScene();
  if (scene) scene._dirty = false;
  markLayoutDirty(node);
}

function layoutRootOf(node: SceneNodeImpl): SceneNodeImpl {
  let root = node;
  while (isInFlow(root)) {
    const parent = root._parent?._asScene();
    if (!parent) break;
    root = parent;
  }
  return root;
}

/** Brings the node's size and position up to date. Cheap when nothing changed. */
export function ensureLayout(node: SceneNodeImpl): void {
  const root = layoutRootOf(node);
  if (root._dirty) layoutRoot(root);
}

let passCounter = 0;

function layoutRoot(root: SceneNodeImpl): void {
  root._core.stats.layoutPasses++;
  layoutRun++;
  const xPass = ++passCounter;
  resolve(root, "x", undefined, xPass);
  const yPass = ++passCounter;
  resolve(root, "y", undefined, yPass);
}

function sizeOf(node: SceneNodeImpl, axis: Axis): number {
  return axis === "x" ? node._w : node._h;
}

function fixedSizeOf(node: SceneNodeImpl, axis: Axis): number {
  return axis === "x" ? node._fixedW : node._fixedH;
}

function ownSizingMode(node: SceneNodeImpl, axis: Axis): "FIXED" | "AUTO" {
  const al = node._al;
  if (al === null || al.layoutMode === "NONE") return "FIXED";
  return primaryAxisOf(al) === axis ? al.primaryAxisSizingMode : al.counterAxisSizingMode;
}

function clampSize(node: SceneNodeImpl, axis: Axis, size: number): number {
  const min = axis === "x" ? node._minW : node._minH;
  const max = axis === "x" ? node._maxW : node._maxH;
  let s = size;
  if (max !== null && s > max) s = max;
  if (min !== null && s < min) s = min;
  return Math.max(s, 0);
}

function paddingOf(al: AutoLayoutState, axis: Axis): [number, number] {
  return axis === "x" ? [al.paddingLeft, al.paddingRight] : [al.paddingTop, al.paddingBottom];
}

/** The laid-out text of a text node at a wrap width (null: no wrapping), cached per content version. */
export function textBlockOf(box: TextBox, wrap: number | null): TextBlock {
  const truncate = box.truncation === "ENDING";
  const cache = box.cache;
  if (
    cache &&
    cache.version === box.content.version &&
    cache.wrap === wrap &&
    cache.spacing === box.paragraphSpacing &&
    cache.maxLines === box.maxLines &&
    cache.truncate === truncate
  ) {
    return cache.block;
  }
  const block = layoutTextBlock(box.content, wrap, { paragraphSpacing: box.paragraphSpacing, maxLines: box.maxLines, truncate });
  box.cache = { version: box.content.version, wrap, spacing: box.paragraphSpacing, maxLines: box.maxLines, truncate, block };
  return block;
}

/** The wrap width of a text node: none when it grows in width. */
export function textWrapWidth(node: SceneNodeImpl, box: TextBox): number | null {
  return box.autoResize === "WIDTH_AND_HEIGHT" ? null : node._w;
}

function textSize(node: SceneNodeImpl, box: TextBox, axis: Axis): number | undefined {
  if (axis === "x") {
    return box.autoResize === "WIDTH_AND_HEIGHT" ? textBlockOf(box, null).width : undefined;
  }
  if (box.autoResize === "WIDTH_AND_HEIGHT" || box.autoResize === "HEIGHT") {
    return textBlockOf(box, textWrapWidth(node, box)).height;
  }
  return undefined;
}

/** Lines of a wrapping horizontal frame: indices of children per line. */
function wrapLines(node: SceneNodeImpl, al: AutoLayoutState, kids: SceneNodeImpl[]): SceneNodeImpl[][] {
  const inner = node._w - al.paddingLeft - al.paddingRight;
  const lines: SceneNodeImpl[][] = [];
  let line: SceneNodeImpl[] = [];
  let used = 0;
  for (const kid of kids) {
    const w = kid._w;
    if (line.length > 0 && used + al.itemSpacing + w > inner + 1e-6) {
      lines.push(line);
      line = [];
      used = 0;
    }
    used += (line.length > 0 ? al.itemSpacing : 0) + w;
    line.push(kid);
  }
  if (line.length > 0) lines.push(line);
  return lines;
}

function lineCross(line: SceneNodeImpl[], measureHeight: (kid: SceneNodeImpl) => number): number {
  let max = 0;
  for (const kid of line) max = Math.max(max, measureHeight(kid));
  return max;
}

/** The size a node takes on an axis when its parent does not impose one. */
function measure(node: SceneNodeImpl, axis: Axis, pass: number): number {
  if (axis === "x" ? node._mxPass === pass : node._myPass === pass) return axis === "x" ? node._mx : node._my;
  let size: number | undefined;
  const al = node._al;
  if (al !== null && al.layoutMode !== "NONE" && ownSizingMode(node, axis) === "AUTO") {
    size = hugSize(node, al, axis, pass);
  } else if (node._textBox !== null) {
    size = textSize(node, node._textBox, axis);
  }
  const result = clampSize(node, axis, size ?? fixedSizeOf(node, axis));
  if (axis === "x") {
    node._mx = result;
    node._mxPass = pass;
  } else {
    node._my = result;
    node._myPass = pass;
  }
  return result;
}

/**
 * Whether a child fills its auto-layout parent on an axis: layoutGrow on the parent's primary
 * axis, STRETCH on its counter axis (a wrapping frame does not stretch).
 */
export function fillsParent(kid: SceneNodeImpl, al: AutoLayoutState, axis: Axis): boolean {
  if (primaryAxisOf(al) === axis) return al.layoutWrap !== "WRAP" && kid._layoutGrow === 1;
  return al.layoutWrap !== "WRAP" && kid._layoutAlign === "STRETCH";
}

/**
 * Hug: padding plus the children along the axis (sum on the primary axis, tallest on the counter
 * axis). A child that fills the frame on that axis takes its size from the frame, so it gives the
 * frame none: a frame that hugs an axis in which every child fills collapses to its padding
 * (FIGMA_RULES.md §11, the safe assumption), and the collapse is recorded in the stats.
 */
function hugSize(node: SceneNodeImpl, al: AutoLayoutState, axis: Axis, pass: number): number {
  const [before, after] = paddingOf(al, axis);
  const all = inFlowChildren(node);
  if (all.length === 0) return before + after;
  const kids = all.filter((kid) => !fillsParent(kid, al, axis));
  const collapsed = node._core.stats.collapsedHugs;
  const where = `${node._id} ${axis === "x" ? "width" : "height"}`;
  if (kids.length === 0) {
    collapsed.add(where);
    return before + after;
  }
  collapsed.delete(where);
  if (primaryAxisOf(al) === axis) {
    // Filling children still take their gaps.
    let sum = al.itemSpacing * (all.length - 1);
    for (const kid of kids) sum += measure(kid, axis, pass);
    return before + after + sum;
  }
  if (al.layoutWrap === "WRAP" && axis === "y") {
    const lines = wrapLines(node, al, kids);
    const gap = al.counterAxisSpacing ?? al.itemSpacing;
    let sum = gap * (lines.length - 1);
    for (const line of lines) sum += lineCross(line, (kid) => measure(kid, "y", pass));
    return before + after + sum;
  }
  let max = 0;
  for (const kid of kids) max = Math.max(max, measure(kid, axis, pass));
  return before + after + max;
}

/** Sets the node's size on an axis (imposed by its parent, or its own), then sizes its children. */
function resolve(node: SceneNodeImpl, axis: Axis, imposed: number | undefined, pass: number): void {
  const size = imposed === undefined ? measure(node, axis, pass) : clampSize(node, axis, imposed);
  if (axis === "x") node._w = size;
  else node._h = size;
  const al = node._al;
  if (al !== null && al.layoutMode !== "NONE") {
    const kids = inFlowChildren(node);
    const [before, after] = paddingOf(al, axis);
    const inner = size - before - after;
    if (primaryAxisOf(al) === axis && al.layoutWrap !== "WRAP") {
      // In a hugging frame the free space is nil: a filling child there is as small as it may be.
      let used = al.itemSpacing * Math.max(kids.length - 1, 0);
      const growers: SceneNodeImpl[] = [];
      for (const kid of kids) {
        if (kid._layoutGrow === 1) growers.push(kid);
        else {
          resolve(kid, axis, undefined, pass);
          used += sizeOf(kid, axis);
        }
      }
      // Fill children share the free space equally.
      const share = growers.length > 0 ? Math.max(inner - used, 0) / growers.length : 0;
      for (const kid of growers) resolve(kid, axis, share, pass);
    } else {
      for (const kid of kids) {
        const stretch = kid._layoutAlign === "STRETCH" && al.layoutWrap !== "WRAP";
        resolve(kid, axis, stretch ? inner : undefined, pass);
      }
    }
    if (axis === "y") placeChildren(node, al, kids);
  }
  if (axis === "y") node._dirty = false;
}

/** Positions the in-flow children of an auto-layout frame whose sizes are resolved. */
function placeChildren(node: SceneNodeImpl, al: AutoLayoutState, kids: SceneNodeImpl[]): void {
  if (kids.length === 0) return;
  const primary = primaryAxisOf(al);
  const counter: Axis = primary === "x" ? "y" : "x";
  const [pBefore, pAfter] = paddingOf(al, primary);
  const [cBefore, cAfter] = paddingOf(al, counter);
  const innerPrimary = sizeOf(node, primary) - pBefore - pAfter;
  const innerCounter = sizeOf(node, counter) - cBefore - cAfter;

  const lines = al.layoutWrap === "WRAP" ? wrapLines(node, al, kids) : [kids];
  const lineGap = al.counterAxisSpacing ?? al.itemSpacing;
  let lineOffset = cBefore;
  for (const line of lines) {
    const lineSize = lines.length > 1 ? lineCross(line, (kid) => sizeOf(kid, counter)) : innerCounter;
    let total = 0;
    for (const kid of line) total += sizeOf(kid, primary);
    const free = innerPrimary - total - al.itemSpacing * (line.length - 1);
    let position = pBefore;
    let gap = al.itemSpacing;
    switch (al.primaryAxisAlignItems) {
      case "CENTER":
        position += free / 2;
        break;
      case "MAX":
        position += free;
        break;
      case "SPACE_BETWEEN":
        if (line.length > 1) gap = (innerPrimary - total) / (line.length - 1);
        break;
      case "SPACE_EVENLY":
        gap = (innerPrimary - total) / (line.length + 1);
        position += gap;
        break;
      case "SPACE_AROUND":
        gap = (innerPrimary - total) / line.length;
        position += gap / 2;
        break;
      default:
        break;
    }
    for (const kid of line) {
      const crossSize = sizeOf(kid, counter);
      let cross = lineOffset;
      if (al.counterAxisAlignItems === "CENTER") cross += (lineSize - crossSize) / 2;
      else if (al.counterAxisAlignItems === "MAX") cross += lineSize - crossSize;
      if (primary === "x") {
        kid._x = position;
        kid._y = cross;
      } else {
        kid._y = position;
        kid._x = cross;
      }
      position += sizeOf(kid, primary) + gap;
    }
    lineOffset += lineSize + lineGap;
  }
}

// ---- transforms ------------------------------------------------------------------------------

/** Rounds away floating-point dust (cos 90° = 6e-17) and negative zeros. */
function clean(v: number): number {
  return Math.round(v * 1e9) / 1e9 + 0;
}

export function relativeTransformOf(node: SceneNodeImpl): Transform {
  ensureLayout(node);
  const radians = (node._rotation * Math.PI) / 180;
  const cos = clean(Math.cos(radians));
  const sin = clean(Math.sin(radians));
  return [
    [cos, sin, node._x],
    [clean(-sin), cos, node._y],
  ];
}

export function multiplyTransforms(a: Transform, b: Transform): Transform {
  const [[a00, a01, a02], [a10, a11, a12]] = a;
  const [[b00, b01, b02], [b10, b11, b12]] = b;
  return [
    [clean(a00 * b00 + a01 * b10), clean(a00 * b01 + a01 * b11), clean(a00 * b02 + a01 * b12 + a02)],
    [clean(a10 * b00 + a11 * b10), clean(a10 * b01 + a11 * b11), clean(a10 * b02 + a11 * b12 + a12)],
  ];
}

/** The node's transform relative to its page. */
export function absoluteTransformOf(node: SceneNodeImpl): Transform {
  let transform = relativeTransformOf(node);
  for (let p = node._parent?._asScene() ?? null; p !== null; p = p._parent?._asScene() ?? null) {
    transform = multiplyTransforms(relativeTransformOf(p), transform);
  }
  return transform;
}

/** The axis-aligned box of the node on its page. */
export function absoluteBoundingBoxOf(node: SceneNodeImpl): Rect {
  const t = absoluteTransformOf(node);
  const corners: Array<[number, number]> = [
    [0, 0],
    [node._w, 0],
    [0, node._h],
    [node._w, node._h],
  ];
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (const [cx, cy] of corners) {
    const x = t[0][0] * cx + t[0][1] * cy + t[0][2];
    const y = t[1][0] * cx + t[1][1] * cy + t[1][2];
    minX = Math.min(minX, x);
    minY = Math.min(minY, y);
    maxX = Math.max(maxX, x);
    maxY = Math.max(maxY, y);
  }
  const round = (v: number): number => Math.round(v * 1e6) / 1e6;
  return { x: round(minX), y: round(minY), width: round(maxX - minX), height: round(maxY - minY) };
}
