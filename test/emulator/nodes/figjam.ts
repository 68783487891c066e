/**
 * FigJam nodes: stickies, shapes with text and connectors. Their text lives in a text sublayer
 * (`node.text`), which needs its font loaded like any text.
 * @see https://developers.figma.com/docs/plugins/api/StickyNode
 * @see https://developers.figma.com/docs/plugins/api/ShapeWithTextNode
 * @see https://developers.figma.com/docs/plugins/api/ConnectorNode
 */
import type { EmulatorCore } from "../core";
import { absoluteBoundingBoxOf, absoluteTransformOf, markLayoutDirty } from "../layout";
import { solid, validatePaints } from "../paints";
import { expectBoolean, expectEnum, expectNumber, expectString, fail, typeName } from "../rules";
import type { BaseNodeImpl } from "./base-node";
import { withPaints } from "./paint-props";
import { resizeArguments, SceneNodeImpl } from "./scene-node";
import { TextSublayerImpl } from "./text";
import { defaultTextStyle } from "./text-props";
import { pageOf } from "./tree";

const INTER_MEDIUM: FontName = { family: "Inter", style: "Medium" };

/** FigJam's default sticky colour (light yellow). */
const STICKY_FILL = solid(1, 0.851, 0.4);

export class StickyImpl extends SceneNodeImpl {
  readonly _text: TextSublayerImpl = new TextSublayerImpl(this, defaultTextStyle(INTER_MEDIUM, 16));
  _fills: ReadonlyArray<Paint> = STICKY_FILL;
  _authorVisible = true;
  _authorName = "";
  _isWideWidth = false;

  /** 240 × 240, as `figma.createSticky()` documents. */
  constructor(core: EmulatorCore) {
    super(core, "", 240, 240);
  }

  get type(): "STICKY" {
    return "STICKY";
  }

  _blank(): StickyImpl {
    return new StickyImpl(this._core);
  }

  override _copyPropsTo(copy: SceneNodeImpl): void {
    super._copyPropsTo(copy);
    if (!(copy instanceof StickyImpl)) return;
    copy._text._copyFrom(this._text);
    copy._fills = this._fills;
    copy._authorVisible = this._authorVisible;
    copy._authorName = this._authorName;
    copy._isWideWidth = this._isWideWidth;
  }

  get text(): TextSublayerNode {
    return this._text._face;
  }

  get fills(): ReadonlyArray<Paint> {
    return this._fills;
  }

  set fills(value: unknown) {
    this._fills = validatePaints("set_fills", value);
  }

  get authorVisible(): boolean {
    return this._authorVisible;
  }

  set authorVisible(value: unknown) {
    this._authorVisible = expectBoolean("set_authorVisible", "authorVisible", value);
  }

  get authorName(): string {
    return this._authorName;
  }

  set authorName(value: unknown) {
    this._authorName = expectString("set_authorName", "authorName", value);
  }

  get isWideWidth(): boolean {
    return this._isWideWidth;
  }

  /** A wide sticky is 416 wide. */
  set isWideWidth(value: unknown) {
    this._isWideWidth = expectBoolean("set_isWideWidth", "isWideWidth", value);
    this._w = this._fixedW = this._isWideWidth ? 416 : 240;
    markLayoutDirty(this);
  }
}

const SHAPE_TYPES = [
  "SQUARE", "ELLIPSE", "ROUNDED_RECTANGLE", "DIAMOND", "TRIANGLE_UP", "TRIANGLE_DOWN", "PARALLELOGRAM_RIGHT",
  "PARALLELOGRAM_LEFT", "ENG_DATABASE", "ENG_QUEUE", "ENG_FILE", "ENG_FOLDER", "TRAPEZOID", "PREDEFINED_PROCESS",
  "SHIELD", "DOCUMENT_SINGLE", "DOCUMENT_MULTIPLE", "MANUAL_INPUT", "HEXAGON", "CHEVRON", "PENTAGON", "OCTAGON",
  "STAR", "PLUS", "ARROW_LEFT", "ARROW_RIGHT", "SUMMING_JUNCTION", "OR", "SPEECH_BUBBLE", "INTERNAL_STORAGE",
] as const;
export type ShapeType = (typeof SHAPE_TYPES)[number];

export class ShapeWithTextImpl extends withPaints(SceneNodeImpl) {
  readonly _text: TextSublayerImpl = new TextSublayerImpl(this, defaultTextStyle(INTER_MEDIUM, 16));
  _shapeType: ShapeType = "SQUARE";
  override _fills: ReadonlyArray<Paint> = solid(1, 1, 1);
  override _strokes: ReadonlyArray<Paint> = solid(0.2, 0.2, 0.2);
  override _strokeWeight = 2;

  constructor(core: EmulatorCore) {
    super(core, "", 208, 208);
  }

  get type(): "SHAPE_WITH_TEXT" {
    return "SHAPE_WITH_TEXT";
  }

  _blank(): ShapeWithTextImpl {
    return new ShapeWithTextImpl(this._core);
  }

  override _copyPropsTo(copy: SceneNodeImpl): void {
    super._copyPropsTo(copy);
    if (!(copy instanceof ShapeWithTextImpl)) return;
    copy._text._copyFrom(this._text);
    copy._shapeType = this._shapeType;
  }

  get text(): TextSublayerNode {
    return this._text._face;
  }

  get shapeType(): ShapeType {
    return this._shapeType;
  }

  set shapeType(value: unknown) {
    this._shapeType = expectEnum("set_shapeType", SHAPE_TYPES, value);
  }

  get cornerRadius(): number {
    return this._shapeType === "ROUNDED_RECTANGLE" ? 16 : 0;
  }

  resize(width: unknown, height: unknown): void {
    const [w, h] = resizeArguments("resize", width, height);
    this._w = this._fixedW = w;
    this._h = this._fixedH = h;
    markLayoutDirty(this);
    this._core.recordWrite(this, "width");
  }

  rescale(scale: unknown): void {
    const s = expectNumber("rescale", "scale", scale);
    this.resize(this._fixedW * s, this._fixedH * s);
  }
}

const MAGNETS = ["NONE", "AUTO", "TOP", "LEFT", "BOTTOM", "RIGHT", "CENTER"] as const;
type Magnet = (typeof MAGNETS)[number];
type Endpoint = { position: Vector; endpointNodeId?: string; magnet?: undefined } | { endpointNodeId: string; magnet: Magnet; position?: undefined };

const CONNECTOR_CAPS = [
  "NONE", "ARROW_EQUILATERAL", "ARROW_LINES", "TRIANGLE_FILLED", "DIAMOND_FILLED", "CIRCLE_FILLED", "ERD_ZERO_OR_ONE",
  "ERD_EXACTLY_ONE", "ERD_ZERO_OR_MORE", "ERD_ONE_OR_MORE", "ERD_ONE", "ERD_MANY",
] as const satisfies readonly ConnectorStrokeCap[];

export class ConnectorImpl extends SceneNodeImpl {
  readonly _text: TextSublayerImpl = new TextSublayerImpl(this, defaultTextStyle(INTER_MEDIUM, 16));
  _start: Endpoint = Object.freeze({ position: Object.freeze({ x: 0, y: 0 }) });
  _end: Endpoint = Object.freeze({ position: Object.freeze({ x: 100, y: 0 }) });
  _lineType: "ELBOWED" | "STRAIGHT" | "CURVED" = "ELBOWED";
  _startCap: (typeof CONNECTOR_CAPS)[number] = "NONE";
  _endCap: (typeof CONNECTOR_CAPS)[number] = "ARROW_LINES";
  _strokes: ReadonlyArray<Paint> = solid(0.46, 0.46, 0.46);
  _strokeWeight = 4;
  _dashPattern: ReadonlyArray<number> = Object.freeze([]);

  constructor(core: EmulatorCore) {
    super(core, "Connector", 100, 0);
  }

  get type(): "CONNECTOR" {
    return "CONNECTOR";
  }

  _blank(): ConnectorImpl {
    return new ConnectorImpl(this._core);
  }

  override _copyPropsTo(copy: SceneNodeImpl): void {
    super._copyPropsTo(copy);
    if (!(copy instanceof ConnectorImpl)) return;
    copy._text._copyFrom(this._text);
    copy._start = this._start;
    copy._end = this._end;
    copy._lineType = this._lineType;
    copy._startCap = this._startCap;
    copy._endCap = this._endCap;
    copy._strokes = this._strokes;
    copy._strokeWeight = this._strokeWeight;
    copy._dashPattern = this._dashPattern;
  }

  _endpointNodeIds(): string[] {
    const ids: string[] = [];
    if (this._start.endpointNodeId !== undefined) ids.push(this._start.endpointNodeId);
    if (this._end.endpointNodeId !== undefined) ids.push(this._end.endpointNodeId);
    return ids;
  }

  private _endpoint(op: string, value: unknown): Endpoint {
    if (typeof value !== "object" || value === null) {
      fail("connector.endpoint", `in ${op}: Expected a ConnectorEndpoint but got ${typeName(value)} instead`);
    }
    const v = value as { position?: unknown; endpointNodeId?: unknown; magnet?: unknown };
    let nodeId: string | undefined;
    if (v.endpointNodeId !== undefined) {
      nodeId = expectString(op, "endpointNodeId", v.endpointNodeId);
      const node = this._core.lookup(nodeId);
      const scene = node?._asScene();
      if (!scene || scene === this || scene.type === "CONNECTOR") {
        fail("connector.endpoint", `in ${op}: The node with id "${nodeId}" does not exist or cannot hold a connector end`);
      }
      if (pageOf(scene) !== pageOf(this)) fail("connector.endpoint", `in ${op}: The node with id "${nodeId}" is on another page`);
    }
    if (v.position !== undefined) {
      const p = v.position as { x?: unknown; y?: unknown } | null;
      const position = Object.freeze({ x: expectNumber(op, "position.x", p?.x), y: expectNumber(op, "position.y", p?.y) });
      return Object.freeze(nodeId === undefined ? { position } : { position, endpointNodeId: nodeId });
    }
    if (nodeId === undefined) fail("connector.endpoint", `in ${op}: A connector end needs a position or an endpointNodeId`);
    return Object.freeze({ endpointNodeId: nodeId, magnet: expectEnum(op, MAGNETS, v.magnet ?? "AUTO") });
  }

  get text(): TextSublayerNode {
    return this._text._face;
  }

  get connectorStart(): ConnectorEndpoint {
    return this._start as ConnectorEndpoint;
  }

  set connectorStart(value: unknown) {
    this._start = this._endpoint("set_connectorStart", value);
  }

  get connectorEnd(): ConnectorEndpoint {
    return this._end as ConnectorEndpoint;
  }

  set connectorEnd(value: unknown) {
    this._end = this._endpoint("set_connectorEnd", value);
  }

  get connectorLineType(): "ELBOWED" | "STRAIGHT" | "CURVED" {
    return this._lineType;
  }

  set connectorLineType(value: unknown) {
    this._lineType = expectEnum("set_connectorLineType", ["ELBOWED", "STRAIGHT", "CURVED"], value);
  }

  get connectorStartStrokeCap(): ConnectorStrokeCap {
    return this._startCap;
  }

  set connectorStartStrokeCap(value: unknown) {
    this._startCap = expectEnum("set_connectorStartStrokeCap", CONNECTOR_CAPS, value);
  }

  get connectorEndStrokeCap(): ConnectorStrokeCap {
    return this._endCap;
  }

  set connectorEndStrokeCap(value: unknown) {
    this._endCap = expectEnum("set_connectorEndStrokeCap", CONNECTOR_CAPS, value);
  }

  get strokes(): ReadonlyArray<Paint> {
    return this._strokes;
  }

  set strokes(value: unknown) {
    this._strokes = validatePaints("set_strokes", value);
  }

  get strokeWeight(): number {
    return this._strokeWeight;
  }

  set strokeWeight(value: unknown) {
    this._strokeWeight = expectNumber("set_strokeWeight", "strokeWeight", value, 0);
  }

  get dashPattern(): ReadonlyArray<number> {
    return this._dashPattern;
  }

  set dashPattern(value: unknown) {
    if (!Array.isArray(value)) fail("api.type", `in set_dashPattern: Expected "dashPattern" to have type array but got ${typeName(value)} instead`);
    this._dashPattern = Object.freeze(value.map((n: unknown) => expectNumber("set_dashPattern", "dashPattern[]", n, 0)));
  }

  /** The two ends on the page: attached ends sit on a magnet of their node's box. */
  _points(): [Vector, Vector] {
    const other = (end: Endpoint): Vector => this._center(end);
    return [this._pointOf(this._start, other(this._end)), this._pointOf(this._end, other(this._start))];
  }

  private _boxOf(end: Endpoint): Rect | null {
    if (end.endpointNodeId === undefined) return null;
    const node = this._core.lookup(end.endpointNodeId)?._asScene();
    return node && !node._removed ? absoluteBoundingBoxOf(node) : null;
  }

  private _center(end: Endpoint): Vector {
    const box = this._boxOf(end);
    if (box) return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
    return this._absolute(end.position ?? { x: 0, y: 0 });
  }

  /** Positions are relative to the connector's parent. */
  private _absolute(position: Vector): Vector {
    const parent: BaseNodeImpl | null = this._parent;
    const scene = parent?._asScene();
    if (!scene) return position;
    const t = absoluteTransformOf(scene);
    return { x: t[0][2] + position.x, y: t[1][2] + position.y };
  }

  private _pointOf(end: Endpoint, toward: Vector): Vector {
    const box = this._boxOf(end);
    if (!box) return this._absolute(end.position ?? { x: 0, y: 0 });
    const cx = box.x + box.width / 2;
    const cy = box.y + box.height / 2;
    let magnet = end.magnet ?? "CENTER";
    if (magnet === "AUTO" || magnet === "NONE") {
      const dx = toward.x - cx;
      const dy = toward.y - cy;
      magnet = Math.abs(dx) * box.height >= Math.abs(dy) * box.width ? (dx >= 0 ? "RIGHT" : "LEFT") : dy >= 0 ? "BOTTOM" : "TOP";
    }
    switch (magnet) {
      case "TOP":
        return { x: cx, y: box.y };
      case "BOTTOM":
        return { x: cx, y: box.y + box.height };
      case "LEFT":
        return { x: box.x, y: cy };
      case "RIGHT":
        return { x: box.x + box.width, y: cy };
      default:
        return { x: cx, y: cy };
    }
  }

  /** x, y, width and height follow the ends. */
  private _bounds(): Rect {
    const [a, b] = this._points();
    const origin = this._absolute({ x: 0, y: 0 });
    return { x: Math.min(a.x, b.x) - origin.x, y: Math.min(a.y, b.y) - origin.y, width: Math.abs(a.x - b.x), height: Math.abs(a.y - b.y) };
  }

  override get x(): number {
    return this._bounds().x;
  }

  override set x(value: unknown) {
    this._move(expectNumber("set_x", "x", value) - this._bounds().x, 0);
  }

  override get y(): number {
    return this._bounds().y;
  }

  override set y(value: unknown) {
    this._move(0, expectNumber("set_y", "y", value) - this._bounds().y);
  }

  override get width(): number {
    return this._bounds().width;
  }

  override get height(): number {
    return this._bounds().height;
  }

  override get absoluteBoundingBox(): Rect {
    const [a, b] = this._points();
    return { x: Math.min(a.x, b.x), y: Math.min(a.y, b.y), width: Math.abs(a.x - b.x), height: Math.abs(a.y - b.y) };
  }

  override get absoluteTransform(): Transform {
    const box = this.absoluteBoundingBox;
    return [
      [1, 0, box.x],
      [0, 1, box.y],
    ];
  }

  /** Moving a connector moves its free ends; attached ends stay on their nodes. */
  private _move(dx: number, dy: number): void {
    const shift = (end: Endpoint): Endpoint =>
      end.position && end.endpointNodeId === undefined
        ? Object.freeze({ position: Object.freeze({ x: end.position.x + dx, y: end.position.y + dy }) })
        : end;
    this._start = shift(this._start);
    this._end = shift(this._end);
  }
}
