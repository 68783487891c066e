/**
 * What frames, shapes, vectors and text share (LayoutMixin, AutoLayoutChildrenMixin,
 * GeometryMixin, BlendMixin): fills and strokes (paint-props.ts) with their caps, joins and
 * dashes, the auto-layout child properties, resize().
 * @see https://developers.figma.com/docs/plugins/api/node-properties#layoutsizinghorizontal
 */
import type { EmulatorCore } from "../core";
import { ensureLayout, forceLayoutDirty, isAutoLayout, isInFlow, markLayoutDirty, primaryAxisOf, type Axis } from "../layout";
import { validateColor } from "../paints";
import { expectBoolean, expectEnum, expectNumber, fail, typeName } from "../rules";
import type { Mixed } from "../text-content";
import { withPaints } from "./paint-props";
import { resizeArguments, SceneNodeImpl, type LayoutAlign } from "./scene-node";

export type Sizing = "FIXED" | "HUG" | "FILL";

const LAYOUT_ALIGN: readonly LayoutAlign[] = ["MIN", "CENTER", "MAX", "STRETCH", "INHERIT"];
const EFFECT_TYPES = ["DROP_SHADOW", "INNER_SHADOW", "LAYER_BLUR", "BACKGROUND_BLUR"] as const;

function validateEffects(value: unknown): ReadonlyArray<Effect> {
  const op = "set_effects";
  if (!Array.isArray(value)) fail("api.type", `in ${op}: Expected "effects" to have type array but got ${typeName(value)} instead`);
  return Object.freeze(
    value.map((effect: unknown, i: number) => {
      if (typeof effect !== "object" || effect === null) fail("api.type", `in ${op}: Expected object at [${i}]`);
      const e = effect as Record<string, unknown>;
      const type = expectEnum(op, EFFECT_TYPES, e.type);
      expectNumber(op, `effects[${i}].radius`, e.radius, 0);
      expectBoolean(op, `effects[${i}].visible`, e.visible);
      if (type === "DROP_SHADOW" || type === "INNER_SHADOW") {
        validateColor(op, e.color, `[${i}].color`, true);
        const offset = e.offset as { x?: unknown; y?: unknown } | undefined;
        expectNumber(op, `effects[${i}].offset.x`, offset?.x);
        expectNumber(op, `effects[${i}].offset.y`, offset?.y);
      }
      return Object.freeze({ ...e }) as unknown as Effect;
    }),
  );
}

export abstract class LayoutNodeImpl extends withPaints(SceneNodeImpl) {
  _strokeAlign: "INSIDE" | "OUTSIDE" | "CENTER" = "INSIDE";
  _strokeCap: StrokeCap = "NONE";
  _strokeJoin: StrokeJoin = "MITER";
  _dashPattern: ReadonlyArray<number> = Object.freeze([]);
  _effects: ReadonlyArray<Effect> = Object.freeze([]);
  _blendMode: BlendMode = "PASS_THROUGH";
  _constraints: Constraints = Object.freeze({ horizontal: "MIN", vertical: "MIN" });

  constructor(core: EmulatorCore, name: string, width: number, height: number) {
    super(core, name, width, height);
  }

  override _copyPropsTo(copy: SceneNodeImpl): void {
    super._copyPropsTo(copy);
    if (!(copy instanceof LayoutNodeImpl)) return;
    copy._strokeAlign = this._strokeAlign;
    copy._strokeCap = this._strokeCap;
    copy._strokeJoin = this._strokeJoin;
    copy._dashPattern = this._dashPattern;
    copy._effects = this._effects;
    copy._blendMode = this._blendMode;
    copy._constraints = this._constraints;
  }

  // ---- geometry ------------------------------------------------------------------------------

  get strokeAlign(): "INSIDE" | "OUTSIDE" | "CENTER" {
    return this._strokeAlign;
  }

  set strokeAlign(value: unknown) {
    this._strokeAlign = expectEnum("set_strokeAlign", ["INSIDE", "OUTSIDE", "CENTER"], value);
  }

  get strokeCap(): StrokeCap | Mixed {
    return this._strokeCap;
  }

  set strokeCap(value: unknown) {
    this._strokeCap = expectEnum(
      "set_strokeCap",
      ["NONE", "ROUND", "SQUARE", "ARROW_LINES", "ARROW_EQUILATERAL", "DIAMOND_FILLED", "TRIANGLE_FILLED", "CIRCLE_FILLED"],
      value,
    );
  }

  get strokeJoin(): StrokeJoin | Mixed {
    return this._strokeJoin;
  }

  set strokeJoin(value: unknown) {
    this._strokeJoin = expectEnum("set_strokeJoin", ["MITER", "BEVEL", "ROUND"], value);
  }

  get dashPattern(): ReadonlyArray<number> {
    return this._dashPattern;
  }

  set dashPattern(value: unknown) {
    if (!Array.isArray(value)) fail("api.type", `in set_dashPattern: Expected "dashPattern" to have type array but got ${typeName(value)} instead`);
    this._dashPattern = Object.freeze(value.map((n: unknown) => expectNumber("set_dashPattern", "dashPattern[]", n, 0)));
  }

  get effects(): ReadonlyArray<Effect> {
    return this._effects;
  }

  set effects(value: unknown) {
    this._effects = validateEffects(value);
  }

  get blendMode(): BlendMode {
    return this._blendMode;
  }

  set blendMode(value: unknown) {
    this._blendMode = expectEnum(
      "set_blendMode",
      ["PASS_THROUGH", "NORMAL", "DARKEN", "MULTIPLY", "LINEAR_BURN", "COLOR_BURN", "LIGHTEN", "SCREEN", "LINEAR_DODGE",
        "COLOR_DODGE", "OVERLAY", "SOFT_LIGHT", "HARD_LIGHT", "DIFFERENCE", "EXCLUSION", "HUE", "SATURATION", "COLOR", "LUMINOSITY"],
      value,
    );
  }

  get isMask(): boolean {
    return false;
  }

  get constraints(): Constraints {
    return this._constraints;
  }

  set constraints(value: unknown) {
    const c = (typeof value === "object" && value !== null ? value : {}) as { horizontal?: unknown; vertical?: unknown };
    const kinds = ["MIN", "CENTER", "MAX", "STRETCH", "SCALE"] as const;
    this._constraints = Object.freeze({
      horizontal: expectEnum("set_constraints", kinds, c.horizontal),
      vertical: expectEnum("set_constraints", kinds, c.vertical),
    });
  }

  // ---- auto-layout child ---------------------------------------------------------------------

  /** Child properties need a parent with auto layout (safe assumption for layoutAlign / layoutGrow). */
  private _requireAutoLayoutParent(op: string, what: string): void {
    const parent = this._parent;
    if (parent === null || !isAutoLayout(parent)) {
      fail("autolayout.child", `in ${op}: Can only set ${what} if the parent node has layoutMode !== NONE`);
    }
  }

  get layoutAlign(): LayoutAlign {
    return this._layoutAlign;
  }

  set layoutAlign(value: unknown) {
    const align = expectEnum("set_layoutAlign", LAYOUT_ALIGN, value);
    this._requireAutoLayoutParent("set_layoutAlign", "layoutAlign");
    this._layoutAlign = align;
    markLayoutDirty(this);
  }

  get layoutGrow(): number {
    return this._layoutGrow;
  }

  set layoutGrow(value: unknown) {
    const grow = expectNumber("set_layoutGrow", "layoutGrow", value);
    if (grow !== 0 && grow !== 1) fail("autolayout.child", `in set_layoutGrow: layoutGrow must be 0 or 1, got ${grow}`);
    this._requireAutoLayoutParent("set_layoutGrow", "layoutGrow");
    this._layoutGrow = grow;
    markLayoutDirty(this);
  }

  get layoutPositioning(): "AUTO" | "ABSOLUTE" {
    return this._layoutPositioning;
  }

  set layoutPositioning(value: unknown) {
    const positioning = expectEnum("set_layoutPositioning", ["AUTO", "ABSOLUTE"], value);
    if (positioning === "ABSOLUTE") this._requireAutoLayoutParent("set_layoutPositioning", "layoutPositioning = ABSOLUTE");
    if (positioning === "ABSOLUTE" && isInFlow(this)) {
      // Leaving the flow keeps the place and size it had.
      ensureLayout(this);
      this._fixedW = this._w;
      this._fixedH = this._h;
    }
    this._layoutPositioning = positioning;
    forceLayoutDirty(this);
    if (this._parent) markLayoutDirty(this._parent);
  }

  get layoutSizingHorizontal(): Sizing {
    return this._sizing("x");
  }

  set layoutSizingHorizontal(value: unknown) {
    this._setSizing("x", "set_layoutSizingHorizontal", value);
  }

  get layoutSizingVertical(): Sizing {
    return this._sizing("y");
  }

  set layoutSizingVertical(value: unknown) {
    this._setSizing("y", "set_layoutSizingVertical", value);
  }

  /** FILL comes from the parent (layoutGrow on its primary axis, STRETCH on its counter axis); HUG from the node. */
  _sizing(axis: Axis): Sizing {
    const parent = this._parent;
    if (parent !== null && parent._al !== null && isAutoLayout(parent) && this._layoutPositioning === "AUTO") {
      const primary = primaryAxisOf(parent._al) === axis;
      if (primary ? this._layoutGrow === 1 : this._layoutAlign === "STRETCH") return "FILL";
    }
    const al = this._al;
    if (al !== null && al.layoutMode !== "NONE") {
      const mode = primaryAxisOf(al) === axis ? al.primaryAxisSizingMode : al.counterAxisSizingMode;
      return mode === "AUTO" ? "HUG" : "FIXED";
    }
    if (this._textBox !== null) {
      const resize = this._textBox.autoResize;
      if (resize === "WIDTH_AND_HEIGHT" || (axis === "y" && resize === "HEIGHT")) return "HUG";
    }
    return "FIXED";
  }

  /** How a text node's auto-resize follows a sizing change (only text nodes have one). */
  _setTextSizing(op: string, axis: Axis, sizing: Sizing): void {
    fail("emulator.misuse", `emulator: ${op} asked a ${this.type} node to follow ${sizing} on ${axis} like text`);
  }

  /** @see https://developers.figma.com/docs/plugins/api/properties/nodes-layoutsizinghorizontal */
  _setSizing(axis: Axis, op: string, value: unknown): void {
    const sizing = expectEnum(op, ["FIXED", "HUG", "FILL"], value);
    const parent = this._parent;
    const parentAl = parent !== null && isAutoLayout(parent) ? parent._al : null;
    const onParentPrimary = parentAl !== null && primaryAxisOf(parentAl) === axis;
    const al = this._al !== null && this._al.layoutMode !== "NONE" ? this._al : null;
    const isText = this._textBox !== null;
    if (sizing === "FILL" && parentAl === null) fail("autolayout.fill", `in ${op}: FILL can only be set on children of auto-layout frames`);
    if (sizing === "HUG" && al === null && !(isText && parentAl !== null)) {
      fail("autolayout.hug", `in ${op}: HUG can only be set on auto-layout frames or text children of auto-layout frames`);
    }
    if (sizing === "FIXED" && this._sizing(axis) !== "FIXED") {
      // Keeps the size it has now (a layout only when it was hugging or filling).
      ensureLayout(this);
      if (axis === "x") this._fixedW = this._w;
      else this._fixedH = this._h;
    }
    if (isText) this._setTextSizing(op, axis, sizing);
    if (parentAl !== null) {
      if (onParentPrimary) this._layoutGrow = sizing === "FILL" ? 1 : 0;
      else this._layoutAlign = sizing === "FILL" ? "STRETCH" : "INHERIT";
    }
    if (al !== null) {
      // A shorthand: it also sets the frame's own sizing mode. A frame cannot both fill its parent
      // and hug its children, so FILL makes the axis FIXED (a HUG set before is gone).
      // @see https://developers.figma.com/docs/plugins/api/properties/nodes-layoutalign
      // (Its size comes from the parent now; leaving FILL for FIXED keeps the filled size, above.)
      const mode = sizing === "HUG" ? "AUTO" : "FIXED";
      if (primaryAxisOf(al) === axis) al.primaryAxisSizingMode = mode;
      else al.counterAxisSizingMode = mode;
    }
    markLayoutDirty(this);
  }

  get minWidth(): number | null {
    return this._minW;
  }

  set minWidth(value: unknown) {
    this._minW = this._minMax("set_minWidth", "minWidth", value);
  }

  get maxWidth(): number | null {
    return this._maxW;
  }

  set maxWidth(value: unknown) {
    this._maxW = this._minMax("set_maxWidth", "maxWidth", value);
  }

  get minHeight(): number | null {
    return this._minH;
  }

  set minHeight(value: unknown) {
    this._minH = this._minMax("set_minHeight", "minHeight", value);
  }

  get maxHeight(): number | null {
    return this._maxH;
  }

  set maxHeight(value: unknown) {
    this._maxH = this._minMax("set_maxHeight", "maxHeight", value);
  }

  /** min/max sizes apply to auto-layout frames and their children only. */
  private _minMax(op: string, prop: string, value: unknown): number | null {
    const applies = isAutoLayout(this) || (this._parent !== null && isAutoLayout(this._parent));
    if (!applies) fail("autolayout.child", `in ${op}: ${prop} can only be set on auto-layout frames and their children`);
    markLayoutDirty(this);
    return value === null ? null : expectNumber(op, prop, value, 0);
  }

  // ---- resizing ------------------------------------------------------------------------------

  /** The height a resize must give (lines must be 0 high). */
  _checkResize(op: string, width: unknown, height: unknown): [number, number] {
    return resizeArguments(op, width, height);
  }

  /**
   * Resizes the node; an auto-layout frame stops hugging on both axes (sizing modes become FIXED).
   * @see https://developers.figma.com/docs/plugins/api/properties/nodes-resize
   */
  resize(width: unknown, height: unknown): void {
    this._resize("resize", width, height);
  }

  resizeWithoutConstraints(width: unknown, height: unknown): void {
    this._resize("resizeWithoutConstraints", width, height);
  }

  rescale(scale: unknown): void {
    const s = expectNumber("rescale", "scale", scale);
    if (s < 0.01) fail("resize.minimum", `in rescale: Expected "scale" to be >= 0.01 but got ${s}`);
    ensureLayout(this);
    this._resize("rescale", this._w * s, this._h * s);
  }

  _resize(op: string, width: unknown, height: unknown): void {
    const [w, h] = this._checkResize(op, width, height);
    this._w = this._fixedW = w;
    this._h = this._fixedH = h;
    const al = this._al;
    if (al !== null && al.layoutMode !== "NONE") {
      al.primaryAxisSizingMode = "FIXED";
      al.counterAxisSizingMode = "FIXED";
    }
    this._afterResize();
    markLayoutDirty(this);
    this._core.recordWrite(this, "width");
  }

  /** Hook for text, whose auto-resize changes when resized. */
  _afterResize(): void {}
}
