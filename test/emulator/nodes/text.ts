/**
 * Text nodes, and the text sublayers of stickies, shapes with text and connectors.
 * A new text node is empty, Inter Regular 12, auto width; its name follows its characters
 * until it is renamed.
 * @see https://developers.figma.com/docs/plugins/api/TextNode
 * @see https://developers.figma.com/docs/plugins/api/TextSublayerNode
 */
import type { EmulatorCore } from "../core";
import { createFacade, type AccessKind, type FacadeTarget } from "../facade";
import { ensureLayout, markLayoutDirty, textBlockOf, type Axis, type TextBox } from "../layout";
import { expectBoolean, expectEnum, expectNumber, expectString, fail, ruleError } from "../rules";
import { TextContent, type CharStyle } from "../text-content";
import { LayoutNodeImpl, type Sizing } from "./layout-node";
import type { SceneNodeImpl } from "./scene-node";
import { applyTextProps, defaultTextStyle, requireFonts } from "./text-props";

type AutoResize = TextBox["autoResize"];

function newTextBox(style: CharStyle, autoResize: AutoResize): TextBox {
  return { content: new TextContent(style), autoResize, paragraphSpacing: 0, maxLines: null, truncation: "DISABLED", cache: null };
}

function copyTextBox(from: TextBox, to: TextBox): void {
  to.content.copyFrom(from.content);
  to.autoResize = from.autoResize;
  to.paragraphSpacing = from.paragraphSpacing;
  to.maxLines = from.maxLines;
  to.truncation = from.truncation;
}

export class TextImpl extends LayoutNodeImpl {
  readonly _box: TextBox = newTextBox(defaultTextStyle(), "WIDTH_AND_HEIGHT");
  override _textBox: TextBox = this._box;
  _textAlignHorizontal: "LEFT" | "CENTER" | "RIGHT" | "JUSTIFIED" = "LEFT";
  _textAlignVertical: "TOP" | "CENTER" | "BOTTOM" = "TOP";
  _autoRename = true;

  constructor(core: EmulatorCore) {
    super(core, "", 0, 0);
    this._strokeAlign = "OUTSIDE";
  }

  get _content(): TextContent {
    return this._box.content;
  }

  /** Text writes need every font in the node loaded. */
  _requireAllFonts(op: string): void {
    requireFonts(this._core, op, this._box.content.fonts());
  }

  get type(): "TEXT" {
    return "TEXT";
  }

  _blank(): TextImpl {
    return new TextImpl(this._core);
  }

  override _copyPropsTo(copy: SceneNodeImpl): void {
    super._copyPropsTo(copy);
    if (!(copy instanceof TextImpl)) return;
    copyTextBox(this._box, copy._box);
    copy._textAlignHorizontal = this._textAlignHorizontal;
    copy._textAlignVertical = this._textAlignVertical;
    copy._autoRename = this._autoRename;
  }

  _textChanged(charactersChanged: boolean, viaMethod: boolean): void {
    if (charactersChanged && this._autoRename) this._name = this._box.content.characters;
    if (viaMethod) this._core.recordWrite(this, "characters");
    markLayoutDirty(this);
  }

  /** Renaming by hand stops the name following the characters. */
  override set name(value: unknown) {
    this._name = expectString("set_name", "name", value);
    this._autoRename = false;
  }

  override get name(): string {
    return this._name;
  }

  get autoRename(): boolean {
    return this._autoRename;
  }

  set autoRename(value: unknown) {
    this._autoRename = expectBoolean("set_autoRename", "autoRename", value);
    if (this._autoRename) this._name = this._box.content.characters;
  }

  get textAlignHorizontal(): "LEFT" | "CENTER" | "RIGHT" | "JUSTIFIED" {
    return this._textAlignHorizontal;
  }

  set textAlignHorizontal(value: unknown) {
    const align = expectEnum("set_textAlignHorizontal", ["LEFT", "CENTER", "RIGHT", "JUSTIFIED"], value);
    this._requireAllFonts("set_textAlignHorizontal");
    this._textAlignHorizontal = align;
  }

  get textAlignVertical(): "TOP" | "CENTER" | "BOTTOM" {
    return this._textAlignVertical;
  }

  set textAlignVertical(value: unknown) {
    const align = expectEnum("set_textAlignVertical", ["TOP", "CENTER", "BOTTOM"], value);
    this._requireAllFonts("set_textAlignVertical");
    this._textAlignVertical = align;
  }

  get textAutoResize(): AutoResize {
    return this._box.autoResize;
  }

  /** @see https://developers.figma.com/docs/plugins/api/properties/TextNode-textautoresize */
  set textAutoResize(value: unknown) {
    const resize = expectEnum("set_textAutoResize", ["NONE", "WIDTH_AND_HEIGHT", "HEIGHT", "TRUNCATE"], value);
    this._requireAllFonts("set_textAutoResize");
    this._changeAutoResize(resize);
  }

  /**
   * Switching auto-resize keeps the current size as the fixed size. The width of auto-width text
   * is its measured width, so this needs no layout of the map around it (that would make building
   * a map quadratic); only fixing the height of wrapping text does.
   */
  _changeAutoResize(resize: AutoResize, filling?: Axis): void {
    const box = this._box;
    const old = box.autoResize;
    if (resize === old) return;
    const fills = (axis: Axis): boolean => filling === axis || this._sizing(axis) === "FILL";
    if (old === "WIDTH_AND_HEIGHT" && !fills("x")) {
      this._fixedW = textBlockOf(box, null).width;
    }
    const heightBecomesFixed = resize === "NONE" || resize === "TRUNCATE";
    if (heightBecomesFixed && (old === "WIDTH_AND_HEIGHT" || old === "HEIGHT") && !fills("y")) {
      ensureLayout(this);
      this._fixedW = this._w;
      this._fixedH = this._h;
    }
    box.autoResize = resize;
    markLayoutDirty(this);
  }

  get textTruncation(): "DISABLED" | "ENDING" {
    return this._box.truncation;
  }

  set textTruncation(value: unknown) {
    const truncation = expectEnum("set_textTruncation", ["DISABLED", "ENDING"], value);
    this._requireAllFonts("set_textTruncation");
    this._box.truncation = truncation;
    markLayoutDirty(this);
  }

  get maxLines(): number | null {
    return this._box.maxLines;
  }

  /** An integer ≥ 1, or null. */
  set maxLines(value: unknown) {
    let lines: number | null = null;
    if (value !== null) {
      lines = expectNumber("set_maxLines", "maxLines", value);
      if (!Number.isInteger(lines) || lines < 1) fail("text.max-lines", `in set_maxLines: Expected "maxLines" to be an integer >= 1 or null but got ${lines}`);
    }
    this._requireAllFonts("set_maxLines");
    this._box.maxLines = lines;
    markLayoutDirty(this);
  }

  get textStyleId(): string {
    return "";
  }

  set textStyleId(value: unknown) {
    fail(
      "dynamic-page.sync-api",
      `in set_textStyleId: Cannot call with documentAccess: dynamic-page. Use node.setTextStyleIdAsync(${JSON.stringify(value)}) instead`,
    );
  }

  setTextStyleIdAsync(): Promise<void> {
    return Promise.reject(ruleError("emulator.unsupported", "in setTextStyleIdAsync: the emulator has no styles"));
  }

  /** Layout sizing on text changes its auto-resize, which needs the fonts. */
  override _setTextSizing(op: string, axis: Axis, sizing: Sizing): void {
    const current = this._box.autoResize;
    let next = current;
    if (axis === "x") {
      if (sizing === "HUG") next = "WIDTH_AND_HEIGHT";
      else if (current === "WIDTH_AND_HEIGHT") next = "HEIGHT";
    } else if (sizing === "HUG") {
      if (current === "NONE" || current === "TRUNCATE") next = "HEIGHT";
    } else if (current === "HEIGHT" || current === "WIDTH_AND_HEIGHT") {
      next = "NONE";
    }
    if (next === current) return;
    this._requireAllFonts(op);
    this._changeAutoResize(next, sizing === "FILL" ? axis : undefined);
  }

  /** A resized text node has a fixed size, as after dragging its corner. */
  override _afterResize(): void {
    this._box.autoResize = "NONE";
  }
}
applyTextProps(TextImpl);

/** The text inside a sticky, a shape with text or a connector: edits count as edits of its node. */
export class TextSublayerImpl implements FacadeTarget {
  readonly _box: TextBox;
  readonly _face: TextSublayerNode;

  constructor(
    readonly _owner: SceneNodeImpl,
    style: CharStyle,
  ) {
    this._box = newTextBox(style, "NONE");
    // Meeting the typings: the Proxy face is what the plugin holds.
    this._face = createFacade(this) as unknown as TextSublayerNode;
  }

  get _core(): EmulatorCore {
    return this._owner._core;
  }

  get _content(): TextContent {
    return this._box.content;
  }

  _guard(op: string, kind: AccessKind): void {
    this._owner._guard(op, kind);
  }

  _written(op: string): void {
    this._owner._written(op);
  }

  _noSuchProperty(prop: string): Error {
    return ruleError("api.no-such-property", `node.text.${prop}: no such property '${prop}' on ${this._owner.type} text sublayer`, "TypeError");
  }

  /** A sublayer has no name to follow its characters; only method calls need recording here. */
  _textChanged(charactersChanged: boolean, viaMethod: boolean): void {
    if (charactersChanged) markLayoutDirty(this._owner);
    if (viaMethod) this._core.recordWrite(this._owner, "text");
  }

  _copyFrom(other: TextSublayerImpl): void {
    copyTextBox(other._box, this._box);
  }
}
applyTextProps(TextSublayerImpl);
