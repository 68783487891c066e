/**
 * What every node on the canvas has (SceneNodeMixin, DimensionAndPositionMixin): visibility,
 * locking, position, size, transforms, opacity, clone() and exportAsync().
 * @see https://developers.figma.com/docs/plugins/api/node-properties
 */
import type { EmulatorCore } from "../core";
import { targetOf } from "../facade";
import {
  absoluteBoundingBoxOf,
  absoluteTransformOf,
  ensureLayout,
  forceLayoutDirty,
  isInFlow,
  markLayoutDirty,
  relativeTransformOf,
  type TextBox,
} from "../layout";
import { renderSvg } from "../render-svg";
import { expectBoolean, expectNumber, fail, ruleError, typeName } from "../rules";
import { BaseNodeImpl } from "./base-node";
import { attach } from "./tree";

export type LayoutAlign = "MIN" | "CENTER" | "MAX" | "STRETCH" | "INHERIT";

export abstract class SceneNodeImpl extends BaseNodeImpl {
  _visible = true;
  _locked = false;
  /** Position relative to the parent (computed for in-flow auto-layout children). */
  _x = 0;
  _y = 0;
  _rotation = 0;
  /** Current size (what width/height read once layout is up to date). */
  _w: number;
  _h: number;
  /** Declared size: what resize() set; used where the node is FIXED. */
  _fixedW: number;
  _fixedH: number;
  /** Layout state: dirty flag and per-pass measurement memo. */
  _dirty = true;
  _mxPass = -1;
  _mx = 0;
  _myPass = -1;
  _my = 0;
  _flowRun = -1;
  _flow: SceneNodeImpl[] | null = null;
  _layoutAlign: LayoutAlign = "INHERIT";
  _layoutGrow = 0;
  _layoutPositioning: "AUTO" | "ABSOLUTE" = "AUTO";
  _minW: number | null = null;
  _maxW: number | null = null;
  _minH: number | null = null;
  _maxH: number | null = null;
  /** The text, for text nodes. */
  _textBox: TextBox | null = null;
  _opacity = 1;

  constructor(core: EmulatorCore, name: string, width: number, height: number) {
    super(core, "NODE", name);
    this._w = this._fixedW = width;
    this._h = this._fixedH = height;
  }

  override _asScene(): SceneNodeImpl {
    return this;
  }

  /** A new node of the same type with default properties (for clone and duplicate). */
  abstract _blank(): SceneNodeImpl;

  /** Copies this node's own properties onto a blank of the same type. */
  _copyPropsTo(copy: SceneNodeImpl): void {
    copy._name = this._name;
    copy._visible = this._visible;
    copy._locked = this._locked;
    copy._x = this._x;
    copy._y = this._y;
    copy._rotation = this._rotation;
    copy._w = copy._fixedW = this._fixedW;
    copy._h = copy._fixedH = this._fixedH;
    copy._layoutAlign = this._layoutAlign;
    copy._layoutGrow = this._layoutGrow;
    copy._layoutPositioning = this._layoutPositioning;
    copy._minW = this._minW;
    copy._maxW = this._maxW;
    copy._minH = this._minH;
    copy._maxH = this._maxH;
    copy._opacity = this._opacity;
  }

  /** A copy of this subtree with new ids, plugin data included; not yet attached. */
  _cloneDeep(): SceneNodeImpl {
    const copy = this._blank();
    this._copyPropsTo(copy);
    this._copyDataTo(copy);
    const kids = this._kids ?? [];
    for (let i = 0; i < kids.length; i++) {
      const kid = kids[i]?._asScene();
      if (kid) attach(copy, kid._cloneDeep(), i);
    }
    return copy;
  }

  /** A copy of this subtree sized as this node is now. */
  _cloneAtCurrentSize(): SceneNodeImpl {
    ensureLayout(this);
    const copy = this._cloneDeep();
    copy._x = this._x;
    copy._y = this._y;
    copy._w = copy._fixedW = this._w;
    copy._h = copy._fixedH = this._h;
    return copy;
  }

  /**
   * Duplicates the node (and its subtree, plugin data included) under `figma.currentPage`.
   * @see https://developers.figma.com/docs/plugins/api/properties/nodes-clone
   */
  clone(): SceneNode {
    const copy = this._cloneAtCurrentSize();
    const page = this._core.currentPage;
    attach(page, copy, (page._kids ?? []).length);
    this._core.recordWrite(page, "children");
    return copy._face as SceneNode;
  }

  get visible(): boolean {
    return this._visible;
  }

  set visible(value: unknown) {
    this._visible = expectBoolean("set_visible", "visible", value);
    forceLayoutDirty(this);
    if (this._parent) markLayoutDirty(this._parent);
  }

  get locked(): boolean {
    return this._locked;
  }

  set locked(value: unknown) {
    this._locked = expectBoolean("set_locked", "locked", value);
  }

  get x(): number {
    ensureLayout(this);
    return this._x;
  }

  /**
   * Setting x or y of an in-flow auto-layout child does nothing, as in Figma. Figma keeps
   * geometry as 32-bit floats (FIGMA_RULES.md §11): what is read back may differ in the last bits.
   */
  set x(value: unknown) {
    const x = expectNumber("set_x", "x", value);
    if (!isInFlow(this)) this._x = Math.fround(x);
  }

  get y(): number {
    ensureLayout(this);
    return this._y;
  }

  set y(value: unknown) {
    const y = expectNumber("set_y", "y", value);
    if (!isInFlow(this)) this._y = Math.fround(y);
  }

  get width(): number {
    ensureLayout(this);
    return this._w;
  }

  get height(): number {
    ensureLayout(this);
    return this._h;
  }

  get rotation(): number {
    return this._rotation;
  }

  set rotation(value: unknown) {
    let r = expectNumber("set_rotation", "rotation", value) % 360;
    if (r > 180) r -= 360;
    if (r <= -180) r += 360;
    this._rotation = r;
    markLayoutDirty(this);
  }

  get relativeTransform(): Transform {
    return relativeTransformOf(this);
  }

  set relativeTransform(value: unknown) {
    const isRow = (row: unknown): boolean => Array.isArray(row) && row.length === 3 && row.every((n) => typeof n === "number");
    if (!Array.isArray(value) || value.length !== 2 || !value.every(isRow)) {
      fail("api.type", `in set_relativeTransform: Expected "relativeTransform" to have type Transform but got ${typeName(value)} instead`);
    }
    const [[m00, , m02], [m10, , m12]] = value as Transform;
    this._rotation = (Math.atan2(-m10, m00) * 180) / Math.PI;
    if (!isInFlow(this)) {
      this._x = m02;
      this._y = m12;
    }
    markLayoutDirty(this);
  }

  get absoluteTransform(): Transform {
    return absoluteTransformOf(this);
  }

  get absoluteBoundingBox(): Rect | null {
    return absoluteBoundingBoxOf(this);
  }

  get absoluteRenderBounds(): Rect | null {
    return this._visible ? absoluteBoundingBoxOf(this) : null;
  }

  get opacity(): number {
    return this._opacity;
  }

  set opacity(value: unknown) {
    this._opacity = expectNumber("set_opacity", "opacity", value, 0, 1);
  }

  /** Connectors whose ends are attached to this node (FigJam). */
  get attachedConnectors(): ConnectorNode[] {
    const out: ConnectorNode[] = [];
    const visit = (n: BaseNodeImpl): void => {
      if (n.type === "CONNECTOR") {
        const ends = n as unknown as { _endpointNodeIds(): string[] };
        if (ends._endpointNodeIds().includes(this._id)) out.push(n._face as ConnectorNode);
      }
      for (const kid of n._kids ?? []) visit(kid);
    };
    for (const page of this._core.document._kids ?? []) visit(page);
    return out;
  }

  get stuckNodes(): SceneNode[] {
    return [];
  }

  /**
   * Exports the node. The emulator renders SVG (format "SVG" or "SVG_STRING"); raster and PDF
   * exports are not implemented and throw.
   * @see https://developers.figma.com/docs/plugins/api/properties/nodes-exportasync
   */
  exportAsync(settings?: unknown): Promise<Uint8Array | string> {
    const format =
      typeof settings === "object" && settings !== null && "format" in settings ? (settings as { format: unknown }).format : "PNG";
    if (format === "SVG_STRING") return Promise.resolve(renderSvg(this._face as SceneNode));
    if (format === "SVG") return Promise.resolve(new TextEncoder().encode(renderSvg(this._face as SceneNode)));
    return Promise.reject(
      ruleError("emulator.unsupported", `in exportAsync: the emulator only exports SVG and SVG_STRING, not ${String(format)}`),
    );
  }
}

/** resize()/resizeWithoutConstraints() arguments: both ≥ 0.01. @see https://developers.figma.com/docs/plugins/api/properties/nodes-resize */
export function resizeArguments(op: string, width: unknown, height: unknown): [number, number] {
  const w = expectNumber(op, "width", width);
  const h = expectNumber(op, "height", height);
  if (w < 0.01) fail("resize.minimum", `in ${op}: Expected "width" to be >= 0.01 but got ${w}`);
  if (h < 0.01) fail("resize.minimum", `in ${op}: Expected "height" to be >= 0.01 but got ${h}`);
  // Kept as 32-bit floats, as Figma keeps geometry.
  return [Math.fround(w), Math.fround(h)];
}

/** The emulator node behind a scene node the plugin passed. */
export function sceneArgument(op: string, value: unknown): SceneNodeImpl {
  const target = targetOf(value);
  const scene = target instanceof BaseNodeImpl ? target._asScene() : null;
  if (!scene) fail("api.type", `in ${op}: Expected a scene node but got ${typeName(value)} instead`);
  return scene;
}
