/**
 * The text properties shared by text nodes and the text sublayers of stickies, shapes with text
 * and connectors (BaseNonResizableTextMixin). Every write that can change how the text renders
 * needs its fonts loaded first.
 * @see https://developers.figma.com/docs/plugins/working-with-text
 * @see https://developers.figma.com/docs/plugins/api/properties/figma-loadfontasync
 */
import type { EmulatorCore } from "../core";
import type { TextBox } from "../layout";
import { validatePaints } from "../paints";
import { expectEnum, expectNumber, expectString, fail, typeName } from "../rules";
import { makeStyle, MIXED, type CharStyle, type Mixed, type StyleField, type StyleValue, type TextContent } from "../text-content";
import { fontWeightOf } from "../text-metrics";
import { solid } from "../paints";

const TEXT_CASES: readonly TextCase[] = ["ORIGINAL", "UPPER", "LOWER", "TITLE", "SMALL_CAPS", "SMALL_CAPS_FORCED"];
const DECORATIONS: readonly TextDecoration[] = ["NONE", "UNDERLINE", "STRIKETHROUGH"];

const defaultStyles = new Map<string, CharStyle>();

/** The style of a new text node: Inter Regular 12, black, auto line height. */
export function defaultTextStyle(font: FontName = { family: "Inter", style: "Regular" }, fontSize = 12): CharStyle {
  const key = `${font.family}|${font.style}|${fontSize}`;
  const cached = defaultStyles.get(key);
  if (cached) return cached;
  const style = makeStyle({
    fontName: Object.freeze({ ...font }),
    fontSize,
    textCase: "ORIGINAL",
    textDecoration: "NONE",
    letterSpacing: Object.freeze({ unit: "PERCENT", value: 0 }),
    lineHeight: Object.freeze({ unit: "AUTO" }),
    fills: solid(0, 0, 0),
    hyperlink: null,
  });
  defaultStyles.set(key, style);
  return style;
}

export function unloadedFontError(op: string, font: FontName): never {
  fail(
    "text.font-not-loaded",
    `in ${op}: Cannot write to node with unloaded font "${font.family} ${font.style}". Please call figma.loadFontAsync({ family: "${font.family}", style: "${font.style}" }) and await the returned promise first.`,
  );
}

export function fontNameArgument(op: string, value: unknown): FontName {
  if (typeof value !== "object" || value === null) fail("api.type", `in ${op}: Expected "fontName" to have type FontName but got ${typeName(value)} instead`);
  const v = value as { family?: unknown; style?: unknown };
  return Object.freeze({ family: expectString(op, "fontName.family", v.family), style: expectString(op, "fontName.style", v.style) });
}

function letterSpacingArgument(op: string, value: unknown): LetterSpacing {
  if (typeof value !== "object" || value === null) fail("api.type", `in ${op}: Expected "letterSpacing" to have type LetterSpacing but got ${typeName(value)} instead`);
  const v = value as { value?: unknown; unit?: unknown };
  return Object.freeze({ value: expectNumber(op, "letterSpacing.value", v.value), unit: expectEnum(op, ["PIXELS", "PERCENT"], v.unit) });
}

function lineHeightArgument(op: string, value: unknown): LineHeight {
  if (typeof value !== "object" || value === null) fail("api.type", `in ${op}: Expected "lineHeight" to have type LineHeight but got ${typeName(value)} instead`);
  const v = value as { value?: unknown; unit?: unknown };
  const unit = expectEnum(op, ["PIXELS", "PERCENT", "AUTO"], v.unit);
  if (unit === "AUTO") return Object.freeze({ unit });
  return Object.freeze({ value: expectNumber(op, "lineHeight.value", v.value, 0), unit });
}

function hyperlinkArgument(op: string, value: unknown): HyperlinkTarget | null {
  if (value === null) return null;
  if (typeof value !== "object") fail("api.type", `in ${op}: Expected "hyperlink" to have type HyperlinkTarget but got ${typeName(value)} instead`);
  const v = value as { type?: unknown; value?: unknown };
  return Object.freeze({ type: expectEnum(op, ["URL", "NODE"], v.type), value: expectString(op, "hyperlink.value", v.value) });
}

function fontSizeArgument(op: string, value: unknown): number {
  const size = expectNumber(op, "fontSize", value);
  if (size < 1) fail("text.font-size", `in ${op}: Expected "fontSize" to be >= 1 but got ${size}`);
  return size;
}

/** Values handed out are copies, so the plugin cannot mutate the stored style. */
function copyOut<T>(value: T): T {
  if (typeof value === "object" && value !== null && !Array.isArray(value)) return { ...value };
  return value;
}

const SEGMENT_FIELDS = ["fontSize", "fontName", "fontWeight", "textCase", "textDecoration", "letterSpacing", "lineHeight", "fills", "hyperlink"];

/**
 * The shared implementation, copied onto TextImpl and TextSublayerImpl by `applyTextProps`
 * (a class cannot extend two bases). `this` is the node or sublayer.
 */
export abstract class TextPropsImpl {
  abstract readonly _core: EmulatorCore;
  abstract readonly _content: TextContent;
  abstract readonly _box: TextBox;
  /** After a change: re-layout, rename, and (for method calls) record the write. */
  abstract _textChanged(charactersChanged: boolean, viaMethod: boolean): void;

  /** Throws unless every font is loaded. */
  _requireFonts(op: string, fonts: readonly FontName[]): void {
    requireFonts(this._core, op, fonts);
  }

  _requireAllFonts(op: string): void {
    this._requireFonts(op, this._content.fonts());
  }

  _range(op: string, start: unknown, end: unknown): [number, number] {
    const s = expectNumber(op, "start", start);
    const e = expectNumber(op, "end", end);
    const length = this._content.length;
    if (!Number.isInteger(s) || !Number.isInteger(e) || s < 0 || e > length || s >= e) {
      fail("text.range", `in ${op}: Expected a range with 0 <= start < end <= ${length} but got start ${s}, end ${e}`);
    }
    return [s, e];
  }

  _getField<F extends StyleField>(field: F): StyleValue<F> | Mixed {
    const value = this._content.get(field);
    return value === MIXED ? MIXED : copyOut(value);
  }

  _setField<F extends StyleField>(op: string, field: F, value: StyleValue<F>): void {
    this._requireAllFonts(op);
    this._content.set(field, value);
    this._textChanged(false, false);
  }

  _getRange<F extends StyleField>(op: string, field: F, start: unknown, end: unknown): StyleValue<F> | Mixed {
    const [s, e] = this._range(op, start, end);
    const value = this._content.get(field, s, e);
    return value === MIXED ? MIXED : copyOut(value);
  }

  _setRange<F extends StyleField>(op: string, field: F, start: unknown, end: unknown, value: StyleValue<F>): void {
    const [s, e] = this._range(op, start, end);
    this._requireFonts(op, this._content.fonts(s, e));
    this._content.set(field, value, s, e);
    this._textChanged(false, true);
  }

  /** Whether a font the node uses (any style of a mixed node) is not installed here. */
  get hasMissingFont(): boolean {
    return this._content.fonts().some((font) => !this._core.isFontInstalled(font));
  }

  get characters(): string {
    return this._content.characters;
  }

  /** Needs every font in the node; resets character ranges to the first character's style. */
  set characters(value: unknown) {
    const characters = expectString("set_characters", "characters", value);
    this._requireAllFonts("set_characters");
    this._content.setCharacters(characters);
    this._textChanged(true, false);
  }

  insertCharacters(start: unknown, characters: unknown, useStyle?: unknown): void {
    const op = "insertCharacters";
    const s = expectNumber(op, "start", start);
    const chars = expectString(op, "characters", characters);
    const style = useStyle === undefined ? "BEFORE" : expectEnum(op, ["BEFORE", "AFTER"], useStyle);
    if (!Number.isInteger(s) || s < 0 || s > this._content.length) {
      fail("text.range", `in ${op}: Expected "start" to be between 0 and ${this._content.length} but got ${s}`);
    }
    this._requireAllFonts(op);
    this._content.insert(s, chars, style);
    this._textChanged(true, true);
  }

  deleteCharacters(start: unknown, end: unknown): void {
    const op = "deleteCharacters";
    const [s, e] = this._range(op, start, end);
    this._requireAllFonts(op);
    this._content.delete(s, e);
    this._textChanged(true, true);
  }

  get fontSize(): number | Mixed {
    return this._getField("fontSize");
  }

  set fontSize(value: unknown) {
    this._setField("set_fontSize", "fontSize", fontSizeArgument("set_fontSize", value));
  }

  get fontName(): FontName | Mixed {
    return this._getField("fontName");
  }

  /** Needs the new font loaded (not the old one). */
  set fontName(value: unknown) {
    const font = fontNameArgument("set_fontName", value);
    this._requireFonts("set_fontName", [font]);
    this._content.set("fontName", font);
    this._textChanged(false, false);
  }

  get fontWeight(): number | Mixed {
    const font = this._content.get("fontName");
    return font === MIXED ? MIXED : fontWeightOf(font.style);
  }

  get textCase(): TextCase | Mixed {
    return this._getField("textCase");
  }

  set textCase(value: unknown) {
    this._setField("set_textCase", "textCase", expectEnum("set_textCase", TEXT_CASES, value));
  }

  get textDecoration(): TextDecoration | Mixed {
    return this._getField("textDecoration");
  }

  set textDecoration(value: unknown) {
    this._setField("set_textDecoration", "textDecoration", expectEnum("set_textDecoration", DECORATIONS, value));
  }

  get letterSpacing(): LetterSpacing | Mixed {
    return this._getField("letterSpacing");
  }

  set letterSpacing(value: unknown) {
    this._setField("set_letterSpacing", "letterSpacing", letterSpacingArgument("set_letterSpacing", value));
  }

  get lineHeight(): LineHeight | Mixed {
    return this._getField("lineHeight");
  }

  set lineHeight(value: unknown) {
    this._setField("set_lineHeight", "lineHeight", lineHeightArgument("set_lineHeight", value));
  }

  get hyperlink(): HyperlinkTarget | null | Mixed {
    return this._getField("hyperlink");
  }

  set hyperlink(value: unknown) {
    this._setField("set_hyperlink", "hyperlink", hyperlinkArgument("set_hyperlink", value));
  }

  get fills(): ReadonlyArray<Paint> | Mixed {
    return this._content.get("fills");
  }

  /** Node-level fills need no font (setRangeFills does). */
  set fills(value: unknown) {
    this._content.set("fills", validatePaints("set_fills", value));
    this._textChanged(false, false);
  }

  get paragraphSpacing(): number {
    return this._box.paragraphSpacing;
  }

  set paragraphSpacing(value: unknown) {
    const spacing = expectNumber("set_paragraphSpacing", "paragraphSpacing", value, 0);
    this._requireAllFonts("set_paragraphSpacing");
    this._box.paragraphSpacing = spacing;
    this._textChanged(false, false);
  }

  get paragraphIndent(): number {
    return 0;
  }

  // ---- ranges --------------------------------------------------------------------------------

  getRangeFontSize(start: unknown, end: unknown): number | Mixed {
    return this._getRange("getRangeFontSize", "fontSize", start, end);
  }

  setRangeFontSize(start: unknown, end: unknown, value: unknown): void {
    this._setRange("setRangeFontSize", "fontSize", start, end, fontSizeArgument("setRangeFontSize", value));
  }

  getRangeFontName(start: unknown, end: unknown): FontName | Mixed {
    return this._getRange("getRangeFontName", "fontName", start, end);
  }

  /** Needs the new font and every font already in the node. */
  setRangeFontName(start: unknown, end: unknown, value: unknown): void {
    const op = "setRangeFontName";
    const [s, e] = this._range(op, start, end);
    const font = fontNameArgument(op, value);
    this._requireFonts(op, [font, ...this._content.fonts()]);
    this._content.set("fontName", font, s, e);
    this._textChanged(false, true);
  }

  getRangeFontWeight(start: unknown, end: unknown): number | Mixed {
    const font = this._getRange("getRangeFontWeight", "fontName", start, end);
    return font === MIXED ? MIXED : fontWeightOf(font.style);
  }

  /** @see https://developers.figma.com/docs/plugins/api/properties/TextNode-getrangeallfontnames */
  getRangeAllFontNames(start: unknown, end: unknown): FontName[] {
    const [s, e] = this._range("getRangeAllFontNames", start, end);
    return this._content.fonts(s, e).map((f) => ({ ...f }));
  }

  getRangeTextCase(start: unknown, end: unknown): TextCase | Mixed {
    return this._getRange("getRangeTextCase", "textCase", start, end);
  }

  setRangeTextCase(start: unknown, end: unknown, value: unknown): void {
    this._setRange("setRangeTextCase", "textCase", start, end, expectEnum("setRangeTextCase", TEXT_CASES, value));
  }

  getRangeTextDecoration(start: unknown, end: unknown): TextDecoration | Mixed {
    return this._getRange("getRangeTextDecoration", "textDecoration", start, end);
  }

  setRangeTextDecoration(start: unknown, end: unknown, value: unknown): void {
    this._setRange("setRangeTextDecoration", "textDecoration", start, end, expectEnum("setRangeTextDecoration", DECORATIONS, value));
  }

  getRangeLetterSpacing(start: unknown, end: unknown): LetterSpacing | Mixed {
    return this._getRange("getRangeLetterSpacing", "letterSpacing", start, end);
  }

  setRangeLetterSpacing(start: unknown, end: unknown, value: unknown): void {
    this._setRange("setRangeLetterSpacing", "letterSpacing", start, end, letterSpacingArgument("setRangeLetterSpacing", value));
  }

  getRangeLineHeight(start: unknown, end: unknown): LineHeight | Mixed {
    return this._getRange("getRangeLineHeight", "lineHeight", start, end);
  }

  setRangeLineHeight(start: unknown, end: unknown, value: unknown): void {
    this._setRange("setRangeLineHeight", "lineHeight", start, end, lineHeightArgument("setRangeLineHeight", value));
  }

  getRangeFills(start: unknown, end: unknown): ReadonlyArray<Paint> | Mixed {
    return this._getRange("getRangeFills", "fills", start, end);
  }

  setRangeFills(start: unknown, end: unknown, value: unknown): void {
    this._setRange("setRangeFills", "fills", start, end, validatePaints("setRangeFills", value));
  }

  getRangeHyperlink(start: unknown, end: unknown): HyperlinkTarget | null | Mixed {
    return this._getRange("getRangeHyperlink", "hyperlink", start, end);
  }

  setRangeHyperlink(start: unknown, end: unknown, value: unknown): void {
    this._setRange("setRangeHyperlink", "hyperlink", start, end, hyperlinkArgument("setRangeHyperlink", value));
  }

  /** Sync style setters are banned with dynamic-page. @see https://developers.figma.com/docs/plugins/migrating-to-dynamic-loading */
  setRangeTextStyleId(): void {
    fail("dynamic-page.sync-api", "in setRangeTextStyleId: Cannot call with documentAccess: dynamic-page. Use node.setRangeTextStyleIdAsync() instead");
  }

  setRangeFillStyleId(): void {
    fail("dynamic-page.sync-api", "in setRangeFillStyleId: Cannot call with documentAccess: dynamic-page. Use node.setRangeFillStyleIdAsync() instead");
  }

  /** Runs of text where the requested fields are constant. */
  getStyledTextSegments(fields: unknown, start?: unknown, end?: unknown): Array<Record<string, unknown>> {
    const op = "getStyledTextSegments";
    if (!Array.isArray(fields) || !fields.every((f) => typeof f === "string")) {
      fail("api.type", `in ${op}: Expected "fields" to have type string[] but got ${typeName(fields)} instead`);
    }
    const unsupported = (fields as string[]).filter((f) => !SEGMENT_FIELDS.includes(f));
    if (unsupported.length > 0) fail("emulator.unsupported", `in ${op}: the emulator does not report ${unsupported.join(", ")}`);
    const content = this._content;
    const [s, e] = start === undefined && end === undefined ? [0, content.length] : this._range(op, start, end);
    const value = (style: CharStyle, field: string): unknown => {
      if (field === "fontWeight") return fontWeightOf(style.fontName.style);
      return copyOut(style[field as StyleField]);
    };
    const key = (style: CharStyle): string => (fields as string[]).map((f) => JSON.stringify(value(style, f))).join("|");
    const segments: Array<Record<string, unknown>> = [];
    let segStart = s;
    for (let i = s + 1; i <= e; i++) {
      if (i === e || key(content.styleAt(i)) !== key(content.styleAt(segStart))) {
        const style = content.styleAt(segStart);
        const segment: Record<string, unknown> = { characters: content.characters.slice(segStart, i), start: segStart, end: i };
        for (const f of fields as string[]) segment[f] = value(style, f);
        segments.push(segment);
        segStart = i;
      }
    }
    return segments;
  }
}

/** What a class needs to host the shared text members. */
export type TextPropsHost = Pick<TextPropsImpl, "_core" | "_content" | "_box" | "_textChanged">;

/** Throws unless every font is loaded (for text members outside TextPropsImpl). */
export function requireFonts(core: EmulatorCore, op: string, fonts: readonly FontName[]): void {
  for (const font of fonts) if (!core.isFontLoaded(font)) unloadedFontError(op, font);
}

/**
 * Copies the shared text members onto a class that cannot extend TextPropsImpl. The type
 * parameter checks at compile time that the class has what the members use.
 */
export function applyTextProps<T extends TextPropsHost>(target: abstract new (...args: never[]) => T): void {
  for (const name of Object.getOwnPropertyNames(TextPropsImpl.prototype)) {
    // A member the class defines itself wins.
    if (name === "constructor" || Object.prototype.hasOwnProperty.call(target.prototype, name)) continue;
    const descriptor = Object.getOwnPropertyDescriptor(TextPropsImpl.prototype, name);
    if (descriptor) Object.defineProperty(target.prototype, name, descriptor);
  }
}
