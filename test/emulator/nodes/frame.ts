/**
 * Frames: children, clipping and auto layout (AutoLayoutMixin). Auto-layout properties other
 * than layoutMode throw while layoutMode is NONE (the safe assumption of FIGMA_RULES.md).
 * @see https://developers.figma.com/docs/plugins/api/FrameNode
 * @see https://developers.figma.com/docs/plugins/api/node-properties#layoutmode
 */
import type { EmulatorCore } from "../core";
import { defaultAutoLayout, ensureLayout, forceLayoutDirty, markLayoutDirty, primaryAxisOf, type AutoLayoutState } from "../layout";
import { solid } from "../paints";
import { expectBoolean, expectEnum, expectNumber, fail } from "../rules";
import { RoundedNodeImpl } from "./rounded-node";
import type { SceneNodeImpl } from "./scene-node";
import { withChildren } from "./children";

type Padding = "paddingLeft" | "paddingRight" | "paddingTop" | "paddingBottom";

export class FrameImpl extends withChildren(RoundedNodeImpl) {
  override _al: AutoLayoutState = defaultAutoLayout();
  override _kids: SceneNodeImpl[] = [];
  _clipsContent = true;

  constructor(core: EmulatorCore) {
    super(core, "Frame", 100, 100);
    this._fills = solid(1, 1, 1);
  }

  get type(): "FRAME" {
    return "FRAME";
  }

  _blank(): FrameImpl {
    return new FrameImpl(this._core);
  }

  override _copyPropsTo(copy: SceneNodeImpl): void {
    super._copyPropsTo(copy);
    if (copy instanceof FrameImpl) {
      copy._al = { ...this._al };
      copy._clipsContent = this._clipsContent;
    }
  }

  // ---- children ------------------------------------------------------------------------------

  get clipsContent(): boolean {
    return this._clipsContent;
  }

  set clipsContent(value: unknown) {
    this._clipsContent = expectBoolean("set_clipsContent", "clipsContent", value);
  }

  get layoutGrids(): ReadonlyArray<LayoutGrid> {
    return [];
  }

  get guides(): ReadonlyArray<Guide> {
    return [];
  }

  get inferredAutoLayout(): null {
    return null;
  }

  // ---- auto layout ---------------------------------------------------------------------------

  /** Properties of auto-layout frames throw on a frame without auto layout. */
  private _autoLayout(op: string): AutoLayoutState {
    if (this._al.layoutMode === "NONE") {
      fail("autolayout.needs-layout-mode", `in ${op}: This property can only be set on auto-layout frames (layoutMode is NONE); set layoutMode first`);
    }
    return this._al;
  }

  get layoutMode(): "NONE" | "HORIZONTAL" | "VERTICAL" {
    return this._al.layoutMode;
  }

  /**
   * Turning auto layout on moves and resizes children; turning it off keeps them where they are.
   * @see https://developers.figma.com/docs/plugins/api/properties/nodes-layoutmode
   */
  set layoutMode(value: unknown) {
    if (value === "GRID") fail("emulator.unsupported", "in set_layoutMode: the emulator does not implement GRID auto layout");
    const mode = expectEnum("set_layoutMode", ["NONE", "HORIZONTAL", "VERTICAL"], value);
    const al = this._al;
    if (mode === al.layoutMode) return;
    if (mode === "NONE" || al.layoutMode !== "NONE") {
      // Children keep the place and size they have now.
      ensureLayout(this);
      for (const kid of this._kids) {
        ensureLayout(kid);
        kid._fixedW = kid._w;
        kid._fixedH = kid._h;
      }
      this._fixedW = this._w;
      this._fixedH = this._h;
    }
    if (mode === "NONE") al.layoutWrap = "NO_WRAP";
    al.layoutMode = mode;
    for (const kid of this._kids) forceLayoutDirty(kid);
    forceLayoutDirty(this);
  }

  private _setPadding(prop: Padding, value: unknown): void {
    const al = this._autoLayout(`set_${prop}`);
    al[prop] = expectNumber(`set_${prop}`, prop, value, 0);
    markLayoutDirty(this);
  }

  get paddingLeft(): number {
    return this._al.paddingLeft;
  }

  set paddingLeft(value: unknown) {
    this._setPadding("paddingLeft", value);
  }

  get paddingRight(): number {
    return this._al.paddingRight;
  }

  set paddingRight(value: unknown) {
    this._setPadding("paddingRight", value);
  }

  get paddingTop(): number {
    return this._al.paddingTop;
  }

  set paddingTop(value: unknown) {
    this._setPadding("paddingTop", value);
  }

  get paddingBottom(): number {
    return this._al.paddingBottom;
  }

  set paddingBottom(value: unknown) {
    this._setPadding("paddingBottom", value);
  }

  /** @deprecated in the typings; sets paddingLeft and paddingRight. */
  get horizontalPadding(): number {
    return this._al.paddingLeft;
  }

  set horizontalPadding(value: unknown) {
    this._setPadding("paddingLeft", value);
    this._setPadding("paddingRight", value);
  }

  /** @deprecated in the typings; sets paddingTop and paddingBottom. */
  get verticalPadding(): number {
    return this._al.paddingTop;
  }

  set verticalPadding(value: unknown) {
    this._setPadding("paddingTop", value);
    this._setPadding("paddingBottom", value);
  }

  get itemSpacing(): number {
    return this._al.itemSpacing;
  }

  set itemSpacing(value: unknown) {
    const al = this._autoLayout("set_itemSpacing");
    al.itemSpacing = expectNumber("set_itemSpacing", "itemSpacing", value);
    markLayoutDirty(this);
  }

  get counterAxisSpacing(): number {
    return this._al.counterAxisSpacing ?? this._al.itemSpacing;
  }

  set counterAxisSpacing(value: unknown) {
    const al = this._autoLayout("set_counterAxisSpacing");
    if (al.layoutWrap !== "WRAP") fail("autolayout.wrap", "in set_counterAxisSpacing: counterAxisSpacing can only be set on frames with layoutWrap = WRAP");
    al.counterAxisSpacing = value === null ? null : expectNumber("set_counterAxisSpacing", "counterAxisSpacing", value, 0);
    markLayoutDirty(this);
  }

  get primaryAxisSizingMode(): "FIXED" | "AUTO" {
    return this._al.primaryAxisSizingMode;
  }

  set primaryAxisSizingMode(value: unknown) {
    this._setSizingMode("primaryAxisSizingMode", value);
  }

  get counterAxisSizingMode(): "FIXED" | "AUTO" {
    return this._al.counterAxisSizingMode;
  }

  set counterAxisSizingMode(value: unknown) {
    this._setSizingMode("counterAxisSizingMode", value);
  }

  private _setSizingMode(prop: "primaryAxisSizingMode" | "counterAxisSizingMode", value: unknown): void {
    const op = `set_${prop}`;
    const mode = expectEnum(op, ["FIXED", "AUTO"], value, "autolayout.sizing-mode");
    const al = this._autoLayout(op);
    if (mode === "FIXED" && al[prop] === "AUTO") {
      // A frame that stops hugging keeps its current size.
      ensureLayout(this);
      const primary = primaryAxisOf(al);
      const axis = prop === "primaryAxisSizingMode" ? primary : primary === "x" ? "y" : "x";
      if (axis === "x") this._fixedW = this._w;
      else this._fixedH = this._h;
    }
    al[prop] = mode;
    markLayoutDirty(this);
  }

  get primaryAxisAlignItems(): AutoLayoutState["primaryAxisAlignItems"] {
    return this._al.primaryAxisAlignItems;
  }

  set primaryAxisAlignItems(value: unknown) {
    const op = "set_primaryAxisAlignItems";
    const align = expectEnum(op, ["MIN", "MAX", "CENTER", "SPACE_BETWEEN", "SPACE_EVENLY", "SPACE_AROUND"], value);
    this._autoLayout(op).primaryAxisAlignItems = align;
    markLayoutDirty(this);
  }

  get counterAxisAlignItems(): AutoLayoutState["counterAxisAlignItems"] {
    return this._al.counterAxisAlignItems;
  }

  set counterAxisAlignItems(value: unknown) {
    const op = "set_counterAxisAlignItems";
    const align = expectEnum(op, ["MIN", "MAX", "CENTER", "BASELINE"], value);
    const al = this._autoLayout(op);
    if (align === "BASELINE" && al.layoutMode !== "HORIZONTAL") {
      fail("autolayout.baseline", `in ${op}: BASELINE can only be set on horizontal auto-layout frames`);
    }
    al.counterAxisAlignItems = align;
    markLayoutDirty(this);
  }

  get counterAxisAlignContent(): "AUTO" | "SPACE_BETWEEN" {
    return this._al.counterAxisAlignContent;
  }

  set counterAxisAlignContent(value: unknown) {
    const op = "set_counterAxisAlignContent";
    const align = expectEnum(op, ["AUTO", "SPACE_BETWEEN"], value);
    const al = this._autoLayout(op);
    if (al.layoutWrap !== "WRAP") fail("autolayout.wrap", `in ${op}: counterAxisAlignContent can only be set on frames with layoutWrap = WRAP`);
    al.counterAxisAlignContent = align;
    markLayoutDirty(this);
  }

  get layoutWrap(): "NO_WRAP" | "WRAP" {
    return this._al.layoutWrap;
  }

  /** WRAP needs a horizontal frame. @see https://developers.figma.com/docs/plugins/api/properties/nodes-layoutwrap */
  set layoutWrap(value: unknown) {
    const op = "set_layoutWrap";
    const wrap = expectEnum(op, ["NO_WRAP", "WRAP"], value);
    const al = this._autoLayout(op);
    if (wrap === "WRAP" && al.layoutMode !== "HORIZONTAL") fail("autolayout.wrap", `in ${op}: layoutWrap = WRAP can only be set on frames with layoutMode = HORIZONTAL`);
    al.layoutWrap = wrap;
    markLayoutDirty(this);
  }

  get itemReverseZIndex(): boolean {
    return this._al.itemReverseZIndex;
  }

  set itemReverseZIndex(value: unknown) {
    const op = "set_itemReverseZIndex";
    const reverse = expectBoolean(op, "itemReverseZIndex", value);
    this._autoLayout(op).itemReverseZIndex = reverse;
  }

  get strokesIncludedInLayout(): boolean {
    return this._al.strokesIncludedInLayout;
  }

  set strokesIncludedInLayout(value: unknown) {
    const op = "set_strokesIncludedInLayout";
    const included = expectBoolean(op, "strokesIncludedInLayout", value);
    this._autoLayout(op).strokesIncludedInLayout = included;
  }
}
