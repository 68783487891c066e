/**
 * Draws a node tree as a standalone SVG with the emulator's computed layout: what a person would
 * see on the canvas, near enough to review a generated map by eye or in a test.
 *
 * Every node is drawn in page coordinates (its absolute transform); frames that clip content
 * clip their descendants. Hidden nodes are not drawn. Text is always escaped: no user text is
 * ever inserted as markup. Runs in Node and in a browser (strings only, no DOM).
 */
import { targetOf } from "./facade";
import { absoluteBoundingBoxOf, absoluteTransformOf, ensureLayout, textBlockOf, textWrapWidth, type TextBox } from "./layout";
import type { BaseNodeImpl } from "./nodes/base-node";
import type { ConnectorImpl, ShapeWithTextImpl, StickyImpl } from "./nodes/figjam";
import type { FrameImpl } from "./nodes/frame";
import type { LayoutNodeImpl } from "./nodes/layout-node";
import type { RoundedNodeImpl } from "./nodes/rounded-node";
import type { SceneNodeImpl } from "./nodes/scene-node";
import type { SectionImpl } from "./nodes/section";
import type { VectorImpl } from "./nodes/shapes";
import type { TextImpl } from "./nodes/text";
import { cssColor } from "./paints";
import { ruleError } from "./rules";
import type { CharStyle } from "./text-content";
import { fontWeightOf, letterSpacingPx } from "./text-metrics";

export interface RenderSvgOptions {
  /** Space around the drawing, in px (default 16). */
  readonly padding?: number;
  /** Background colour behind everything (default: the page background; null for none). */
  readonly background?: string | null;
  /** Adds data-id / data-name attributes to every drawn node (default true). */
  readonly annotate?: boolean;
}

export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c] ?? c);
}

function num(n: number): string {
  return String(Math.round(n * 100) / 100);
}

function matrix(t: Transform): string {
  return `matrix(${num(t[0][0])} ${num(t[1][0])} ${num(t[0][1])} ${num(t[1][1])} ${num(t[0][2])} ${num(t[1][2])})`;
}

class SvgWriter {
  readonly defs: string[] = [];
  readonly body: string[] = [];
  private nextId = 0;

  constructor(readonly annotate: boolean) {}

  id(prefix: string): string {
    return `${prefix}${this.nextId++}`;
  }

  attrs(node: BaseNodeImpl): string {
    return this.annotate ? ` data-id="${escapeXml(node._id)}" data-name="${escapeXml(node._name)}"` : "";
  }

  /** A paint as an SVG paint value (gradients become defs), or null when it draws nothing. */
  paint(paint: Paint): { value: string; opacity: number } | null {
    if (paint.visible === false) return null;
    const opacity = paint.opacity ?? 1;
    if (paint.type === "SOLID") return { value: cssColor(paint.color), opacity };
    if (paint.type.startsWith("GRADIENT_") && "gradientStops" in paint) {
      const id = this.id("g");
      const tag = paint.type === "GRADIENT_LINEAR" ? "linearGradient" : "radialGradient";
      const stops = paint.gradientStops
        .map((s) => `<stop offset="${num(s.position)}" stop-color="${cssColor(s.color)}" stop-opacity="${num(s.color.a)}"/>`)
        .join("");
      this.defs.push(`<${tag} id="${id}">${stops}</${tag}>`);
      return { value: `url(#${id})`, opacity };
    }
    return { value: "#c4c4c4", opacity };
  }
}

interface Geometry {
  fills: ReadonlyArray<Paint>;
  strokes: ReadonlyArray<Paint>;
  strokeWeight: number;
  strokeAlign: "INSIDE" | "OUTSIDE" | "CENTER";
  dashPattern: ReadonlyArray<number>;
}

function geometryOf(node: SceneNodeImpl): Geometry {
  const n = node as Partial<LayoutNodeImpl> & Partial<SectionImpl>;
  return {
    fills: n._fills ?? [],
    strokes: n._strokes ?? [],
    strokeWeight: n._strokeWeight ?? 1,
    strokeAlign: n._strokeAlign ?? "CENTER",
    dashPattern: n._dashPattern ?? [],
  };
}

function radiiOf(node: SceneNodeImpl): [number, number, number, number] {
  const rounded = node as Partial<RoundedNodeImpl> & Partial<SectionImpl>;
  if (rounded._radii) return [rounded._radii.topLeft, rounded._radii.topRight, rounded._radii.bottomRight, rounded._radii.bottomLeft];
  const r = rounded._cornerRadius ?? 0;
  return [r, r, r, r];
}

/** A rectangle outline, inset by `inset` (negative to grow), with corner radii. */
function rectShape(w: number, h: number, radii: [number, number, number, number], inset: number): string {
  const x = inset;
  const y = inset;
  const width = Math.max(w - 2 * inset, 0);
  const height = Math.max(h - 2 * inset, 0);
  const clamp = (r: number): number => Math.max(0, Math.min(r - inset, width / 2, height / 2));
  const [tl, tr, br, bl] = radii.map(clamp) as [number, number, number, number];
  if (tl === tr && tl === br && tl === bl) {
    return `<rect x="${num(x)}" y="${num(y)}" width="${num(width)}" height="${num(height)}"${tl > 0 ? ` rx="${num(tl)}"` : ""}`;
  }
  const d = [
    `M ${num(x + tl)} ${num(y)}`,
    `H ${num(x + width - tr)}`,
    `A ${num(tr)} ${num(tr)} 0 0 1 ${num(x + width)} ${num(y + tr)}`,
    `V ${num(y + height - br)}`,
    `A ${num(br)} ${num(br)} 0 0 1 ${num(x + width - br)} ${num(y + height)}`,
    `H ${num(x + bl)}`,
    `A ${num(bl)} ${num(bl)} 0 0 1 ${num(x)} ${num(y + height - bl)}`,
    `V ${num(y + tl)}`,
    `A ${num(tl)} ${num(tl)} 0 0 1 ${num(x + tl)} ${num(y)}`,
    "Z",
  ].join(" ");
  return `<path d="${d}"`;
}

/** Draws fills then strokes for a shape whose open tag (without attributes closing) is given per inset. */
function drawShape(out: SvgWriter, node: SceneNodeImpl, transform: string, shapeAt: (inset: number) => string): void {
  const g = geometryOf(node);
  const attrs = out.attrs(node);
  for (const fill of g.fills) {
    const p = out.paint(fill);
    if (!p) continue;
    out.body.push(`${shapeAt(0)} transform="${transform}" fill="${p.value}"${p.opacity < 1 ? ` fill-opacity="${num(p.opacity)}"` : ""}${attrs}/>`);
  }
  if (g.strokeWeight <= 0) return;
  const inset = g.strokeAlign === "INSIDE" ? g.strokeWeight / 2 : g.strokeAlign === "OUTSIDE" ? -g.strokeWeight / 2 : 0;
  const dash = g.dashPattern.length > 0 ? ` stroke-dasharray="${g.dashPattern.map(num).join(" ")}"` : "";
  for (const stroke of g.strokes) {
    const p = out.paint(stroke);
    if (!p) continue;
    out.body.push(
      `${shapeAt(inset)} transform="${transform}" fill="none" stroke="${p.value}" stroke-width="${num(g.strokeWeight)}"${p.opacity < 1 ? ` stroke-opacity="${num(p.opacity)}"` : ""}${dash}${attrs}/>`,
    );
  }
}

function fontFamily(style: CharStyle): string {
  return `${escapeXml(style.fontName.family)}, sans-serif`;
}

function textFill(style: CharStyle, out: SvgWriter): string {
  const fill = style.fills.find((p) => p.visible !== false);
  const paint = fill ? out.paint(fill) : null;
  if (!paint) return ` fill="none"`;
  return ` fill="${paint.value}"${paint.opacity < 1 ? ` fill-opacity="${num(paint.opacity)}"` : ""}`;
}

/** Draws laid-out text inside a box (w × h) with alignment. */
function drawTextBox(
  out: SvgWriter,
  node: BaseNodeImpl,
  transform: Transform,
  box: TextBox,
  wrap: number | null,
  width: number,
  height: number,
  alignH: "LEFT" | "CENTER" | "RIGHT" | "JUSTIFIED",
  alignV: "TOP" | "CENTER" | "BOTTOM",
  inset = 0,
): void {
  const content = box.content;
  const block = textBlockOf(box, wrap);
  const freeY = height - 2 * inset - block.height;
  const top = inset + (alignV === "CENTER" ? freeY / 2 : alignV === "BOTTOM" ? freeY : 0);
  const lines: string[] = [];
  block.lines.forEach((line, index) => {
    let end = line.end;
    while (end > line.start && /\s/.test(block.display.charAt(end - 1))) end--;
    const first = content.styleAt(line.start);
    const size = first.fontSize;
    const baseline = top + line.top + line.height / 2 + size * 0.35;
    const free = width - 2 * inset - line.width;
    const x = inset + (alignH === "CENTER" ? free / 2 : alignH === "RIGHT" ? free : 0);
    const spans: string[] = [];
    let runStart = line.start;
    for (let i = line.start + 1; i <= end; i++) {
      if (i < end && content.styleAt(i) === content.styleAt(runStart)) continue;
      const style = content.styleAt(runStart);
      let text = block.display.slice(runStart, i);
      if (block.truncated && index === block.lines.length - 1 && i === end) text += "…";
      const spacing = letterSpacingPx(style);
      const decoration = style.textDecoration === "UNDERLINE" ? " text-decoration=\"underline\"" : style.textDecoration === "STRIKETHROUGH" ? " text-decoration=\"line-through\"" : "";
      spans.push(
        `<tspan font-family="${fontFamily(style)}" font-size="${num(style.fontSize)}" font-weight="${fontWeightOf(style.fontName.style)}"${/italic/i.test(style.fontName.style) ? ' font-style="italic"' : ""}${spacing !== 0 ? ` letter-spacing="${num(spacing)}"` : ""}${decoration}${textFill(style, out)}>${escapeXml(text)}</tspan>`,
      );
      runStart = i;
    }
    if (spans.length > 0) lines.push(`<text x="${num(x)}" y="${num(baseline)}" xml:space="preserve">${spans.join("")}</text>`);
  });
  if (lines.length > 0) out.body.push(`<g transform="${matrix(transform)}"${out.attrs(node)}>${lines.join("")}</g>`);
}

function shapeWithTextOutline(shape: ShapeWithTextImpl, w: number, h: number): (inset: number) => string {
  switch (shape._shapeType) {
    case "ELLIPSE":
      return (i) => `<ellipse cx="${num(w / 2)}" cy="${num(h / 2)}" rx="${num(Math.max(w / 2 - i, 0))}" ry="${num(Math.max(h / 2 - i, 0))}"`;
    case "DIAMOND":
      return (i) => `<polygon points="${num(w / 2)},${num(i)} ${num(w - i)},${num(h / 2)} ${num(w / 2)},${num(h - i)} ${num(i)},${num(h / 2)}"`;
    case "ROUNDED_RECTANGLE":
      return (i) => rectShape(w, h, [16, 16, 16, 16], i);
    default:
      return (i) => rectShape(w, h, [0, 0, 0, 0], i);
  }
}

function drawConnector(out: SvgWriter, connector: ConnectorImpl): void {
  const [a, b] = connector._points();
  let d: string;
  if (connector._lineType === "STRAIGHT") d = `M ${num(a.x)} ${num(a.y)} L ${num(b.x)} ${num(b.y)}`;
  else if (connector._lineType === "CURVED") {
    const mx = (a.x + b.x) / 2;
    d = `M ${num(a.x)} ${num(a.y)} C ${num(mx)} ${num(a.y)} ${num(mx)} ${num(b.y)} ${num(b.x)} ${num(b.y)}`;
  } else {
    const mx = (a.x + b.x) / 2;
    d = `M ${num(a.x)} ${num(a.y)} L ${num(mx)} ${num(a.y)} L ${num(mx)} ${num(b.y)} L ${num(b.x)} ${num(b.y)}`;
  }
  const stroke = connector._strokes.map((p) => out.paint(p)).find((p) => p !== null);
  if (!stroke) return;
  const width = connector._strokeWeight;
  const dash = connector._dashPattern.length > 0 ? ` stroke-dasharray="${connector._dashPattern.map(num).join(" ")}"` : "";
  out.body.push(`<path d="${d}" fill="none" stroke="${stroke.value}" stroke-width="${num(width)}"${dash}${out.attrs(connector)}/>`);
  if (connector._endCap !== "NONE") {
    // An arrow head at the end, pointing along the last segment.
    const from = connector._lineType === "STRAIGHT" ? a : { x: (a.x + b.x) / 2, y: b.y };
    const angle = Math.atan2(b.y - from.y, b.x - from.x);
    const size = 4 + width * 2;
    const p1 = { x: b.x - size * Math.cos(angle - 0.5), y: b.y - size * Math.sin(angle - 0.5) };
    const p2 = { x: b.x - size * Math.cos(angle + 0.5), y: b.y - size * Math.sin(angle + 0.5) };
    out.body.push(`<path d="M ${num(p1.x)} ${num(p1.y)} L ${num(b.x)} ${num(b.y)} L ${num(p2.x)} ${num(p2.y)}" fill="none" stroke="${stroke.value}" stroke-width="${num(width)}"/>`);
  }
  if (connector._text._content.length > 0) {
    const mid: Transform = [
      [1, 0, (a.x + b.x) / 2 - 60],
      [0, 1, (a.y + b.y) / 2 - 12],
    ];
    drawTextBox(out, connector, mid, connector._text._box, 120, 120, 24, "CENTER", "CENTER");
  }
}

function drawNode(out: SvgWriter, node: SceneNodeImpl): void {
  if (!node._visible) return;
  const t = absoluteTransformOf(node);
  const transform = matrix(t);
  const w = node._w;
  const h = node._h;
  const opacityOpen = node._opacity < 1 ? `<g opacity="${num(node._opacity)}">` : "";
  if (opacityOpen) out.body.push(opacityOpen);
  switch (node.type) {
    case "FRAME":
    case "RECTANGLE":
    case "SECTION":
      drawShape(out, node, transform, (inset) => rectShape(w, h, radiiOf(node), inset));
      break;
    case "ELLIPSE":
      drawShape(out, node, transform, (i) => `<ellipse cx="${num(w / 2)}" cy="${num(h / 2)}" rx="${num(Math.max(w / 2 - i, 0))}" ry="${num(Math.max(h / 2 - i, 0))}"`);
      break;
    case "LINE": {
      const g = geometryOf(node);
      for (const stroke of g.strokes) {
        const p = out.paint(stroke);
        if (!p) continue;
        const dash = g.dashPattern.length > 0 ? ` stroke-dasharray="${g.dashPattern.map(num).join(" ")}"` : "";
        out.body.push(`<line x1="0" y1="0" x2="${num(w)}" y2="0" transform="${transform}" stroke="${p.value}" stroke-width="${num(g.strokeWeight)}"${dash}${out.attrs(node)}/>`);
      }
      break;
    }
    case "VECTOR": {
      const vector = node as VectorImpl;
      for (const path of vector._vectorPaths) {
        const rule = path.windingRule === "EVENODD" ? "evenodd" : "nonzero";
        drawShape(out, node, transform, () => `<path d="${escapeXml(path.data)}" fill-rule="${rule}"`);
      }
      break;
    }
    case "TEXT": {
      const text = node as TextImpl;
      drawTextBox(out, node, t, text._box, textWrapWidth(text, text._box), w, h, text._textAlignHorizontal, text._textAlignVertical);
      break;
    }
    case "STICKY": {
      const sticky = node as StickyImpl;
      drawShape(out, node, transform, (i) => rectShape(w, h, [4, 4, 4, 4], i));
      drawTextBox(out, node, t, sticky._text._box, w - 32, w, h, "LEFT", "TOP", 16);
      break;
    }
    case "SHAPE_WITH_TEXT": {
      const shape = node as ShapeWithTextImpl;
      drawShape(out, node, transform, shapeWithTextOutline(shape, w, h));
      drawTextBox(out, node, t, shape._text._box, w - 32, w, h, "CENTER", "CENTER", 16);
      break;
    }
    case "CONNECTOR":
      drawConnector(out, node as ConnectorImpl);
      break;
    default:
      break;
  }
  const kids = node._kids;
  if (kids && kids.length > 0) {
    const frame = node as Partial<FrameImpl>;
    const clips = node.type === "FRAME" ? frame._clipsContent === true : node.type === "SECTION" && (node as SectionImpl)._contentsHidden;
    if (clips) {
      const id = out.id("c");
      out.defs.push(`<clipPath id="${id}">${rectShape(w, h, radiiOf(node), 0)} transform="${transform}"/></clipPath>`);
      out.body.push(`<g clip-path="url(#${id})">`);
    }
    for (const kid of kids) {
      const scene = kid._asScene();
      if (scene && !(node.type === "SECTION" && (node as SectionImpl)._contentsHidden)) drawNode(out, scene);
    }
    if (clips) out.body.push("</g>");
  }
  if (opacityOpen) out.body.push("</g>");
}

function unionBox(boxes: Rect[]): Rect {
  if (boxes.length === 0) return { x: 0, y: 0, width: 0, height: 0 };
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (const b of boxes) {
    minX = Math.min(minX, b.x);
    minY = Math.min(minY, b.y);
    maxX = Math.max(maxX, b.x + b.width);
    maxY = Math.max(maxY, b.y + b.height);
  }
  return { x: minX, y: minY, width: maxX - minX, height: maxY - minY };
}

function boxOf(node: SceneNodeImpl): Rect {
  if (node.type === "CONNECTOR") {
    const [a, b] = (node as ConnectorImpl)._points();
    return { x: Math.min(a.x, b.x), y: Math.min(a.y, b.y), width: Math.abs(a.x - b.x), height: Math.abs(a.y - b.y) };
  }
  ensureLayout(node);
  return absoluteBoundingBoxOf(node);
}

/**
 * Renders a node (or a whole page) to a standalone SVG string.
 * @param node a node face as the plugin holds it (`figma.currentPage`, a frame …)
 */
export function renderSvg(node: SceneNode | PageNode, options: RenderSvgOptions = {}): string {
  const target = targetOf(node) as BaseNodeImpl | undefined;
  if (target === undefined || !("_id" in target)) throw ruleError("emulator.misuse", "renderSvg: expected a node from the Figma emulator", "TypeError");
  const out = new SvgWriter(options.annotate ?? true);
  const padding = options.padding ?? 16;
  const scene = target._asScene();
  const roots = scene ? [scene] : (target._kids ?? []).map((k) => k._asScene()).filter((k): k is SceneNodeImpl => k !== null);
  const visible = roots.filter((r) => r._visible);
  const box = unionBox(visible.map(boxOf));
  for (const root of visible) drawNode(out, root);
  let background = options.background;
  if (background === undefined && !scene) {
    const pageBackground = (target as Partial<{ _backgrounds: ReadonlyArray<Paint> }>)._backgrounds?.[0];
    background = pageBackground?.type === "SOLID" ? cssColor(pageBackground.color) : null;
  }
  const x = box.x - padding;
  const y = box.y - padding;
  const width = Math.max(box.width + 2 * padding, 1);
  const height = Math.max(box.height + 2 * padding, 1);
  const backgroundRect = background ? `<rect x="${num(x)}" y="${num(y)}" width="${num(width)}" height="${num(height)}" fill="${escapeXml(background)}"/>` : "";
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${num(width)}" height="${num(height)}" viewBox="${num(x)} ${num(y)} ${num(width)} ${num(height)}">`,
    out.defs.length > 0 ? `<defs>${out.defs.join("")}</defs>` : "",
    backgroundRect,
    ...out.body,
    "</svg>",
  ].join("");
}
