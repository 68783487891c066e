/**
 * The content of a text node or text sublayer: its characters and the style of each character.
 *
 * Styles are small immutable records shared between characters (interned by value), so a node of
 * any length with one style holds one record. Reading a property over a range that holds more
 * than one value gives `figma.mixed`, as in Figma.
 * @see https://developers.figma.com/docs/plugins/working-with-text
 */

export const MIXED: unique symbol = Symbol("figma.mixed");
export type Mixed = typeof MIXED;

export interface CharStyle {
  readonly fontName: FontName;
  readonly fontSize: number;
  readonly textCase: TextCase;
  readonly textDecoration: TextDecoration;
  readonly letterSpacing: LetterSpacing;
  readonly lineHeight: LineHeight;
  readonly fills: ReadonlyArray<Paint>;
  readonly hyperlink: HyperlinkTarget | null;
  /** Identity by value: two styles with the same key are equal. */
  readonly key: string;
}

export type StyleField = Exclude<keyof CharStyle, "key">;
export type StyleValue<F extends StyleField> = CharStyle[F];

const interned = new Map<string, CharStyle>();

function fieldKey(value: unknown): string {
  return typeof value === "object" && value !== null ? JSON.stringify(value) : String(value);
}

export function makeStyle(fields: Omit<CharStyle, "key">): CharStyle {
  const key = [
    fieldKey(fields.fontName),
    fields.fontSize,
    fields.textCase,
    fields.textDecoration,
    fieldKey(fields.letterSpacing),
    fieldKey(fields.lineHeight),
    fieldKey(fields.fills),
    fieldKey(fields.hyperlink),
  ].join("|");
  const existing = interned.get(key);
  if (existing) return existing;
  const style: CharStyle = Object.freeze({ ...fields, key });
  interned.set(key, style);
  return style;
}

function withField<F extends StyleField>(style: CharStyle, field: F, value: StyleValue<F>): CharStyle {
  const fields: Omit<CharStyle, "key"> = {
    fontName: style.fontName,
    fontSize: style.fontSize,
    textCase: style.textCase,
    textDecoration: style.textDecoration,
    letterSpacing: style.letterSpacing,
    lineHeight: style.lineHeight,
    fills: style.fills,
    hyperlink: style.hyperlink,
  };
  return makeStyle({ ...fields, [field]: value });
}

export function fontKey(font: FontName): string {
  return `${font.family} ${font.style}`;
}

/** A run of consecutive characters sharing one style. */
export interface StyleRun {
  readonly start: number;
  readonly end: number;
  readonly style: CharStyle;
}

export class TextContent {
  characters = "";
  /** One style per character (UTF-16 code unit, as Figma indexes). */
  private styles: CharStyle[] = [];
  /** The style of an empty node, and of text typed into it. */
  private base: CharStyle;
  /** Bumped on every change: layout caches measurements against it. */
  version = 0;

  constructor(base: CharStyle) {
    this.base = base;
  }

  get length(): number {
    return this.characters.length;
  }

  /** Setting characters resets ranges to the style of the first character. */
  setCharacters(characters: string): void {
    const style = this.styles[0] ?? this.base;
    this.base = style;
    this.characters = characters;
    this.styles = new Array<CharStyle>(characters.length).fill(style);
    this.version++;
  }

  /** Inserted text takes the style of the character before (BEFORE) or after (AFTER) it. */
  insert(start: number, characters: string, useStyle: "BEFORE" | "AFTER"): void {
    const n = this.styles.length;
    let style: CharStyle;
    if (n === 0) style = this.base;
    else if (useStyle === "AFTER") style = this.styles[Math.min(start, n - 1)] ?? this.base;
    else style = this.styles[Math.max(start - 1, 0)] ?? this.base;
    this.characters = this.characters.slice(0, start) + characters + this.characters.slice(start);
    this.styles.splice(start, 0, ...new Array<CharStyle>(characters.length).fill(style));
    this.version++;
  }

  delete(start: number, end: number): void {
    const first = this.styles[start];
    this.characters = this.characters.slice(0, start) + this.characters.slice(end);
    this.styles.splice(start, end - start);
    if (this.styles.length === 0 && first) this.base = first;
    this.version++;
  }

  /** The value over [start, end), or MIXED when it varies. An empty node reports its base style. */
  get<F extends StyleField>(field: F, start = 0, end = this.length): StyleValue<F> | Mixed {
    if (this.length === 0 || start === end) return this.base[field];
    const first = this.styles[start] ?? this.base;
    const firstValue = first[field];
    let firstKey: string | undefined;
    let previous = first;
    for (let i = start + 1; i < end; i++) {
      const style = this.styles[i] ?? this.base;
      if (style === previous) continue;
      previous = style;
      firstKey ??= fieldKey(firstValue);
      if (fieldKey(style[field]) !== firstKey) return MIXED;
    }
    return firstValue;
  }

  /** Sets a field over [start, end); over the whole text it also sets the base style. */
  set<F extends StyleField>(field: F, value: StyleValue<F>, start = 0, end = this.length): void {
    const memo = new Map<CharStyle, CharStyle>();
    for (let i = start; i < end; i++) {
      const old = this.styles[i] ?? this.base;
      let next = memo.get(old);
      if (!next) {
        next = withField(old, field, value);
        memo.set(old, next);
      }
      this.styles[i] = next;
    }
    if (start === 0 && end === this.length) this.base = withField(this.base, field, value);
    this.version++;
  }

  /** The distinct fonts over [start, end) (the base font for empty text). */
  fonts(start = 0, end = this.length): FontName[] {
    if (this.length === 0 || start === end) return [this.base.fontName];
    const seen = new Map<string, FontName>();
    let previous: CharStyle | undefined;
    for (let i = start; i < end; i++) {
      const style = this.styles[i] ?? this.base;
      if (style === previous) continue;
      previous = style;
      seen.set(fontKey(style.fontName), style.fontName);
    }
    return [...seen.values()];
  }

  /** Runs of equal style; one run with the base style for empty text. */
  runs(): StyleRun[] {
    if (this.length === 0) return [{ start: 0, end: 0, style: this.base }];
    const runs: StyleRun[] = [];
    let start = 0;
    for (let i = 1; i <= this.length; i++) {
      if (i === this.length || this.styles[i] !== this.styles[start]) {
        runs.push({ start, end: i, style: this.styles[start] ?? this.base });
        start = i;
      }
    }
    return runs;
  }

  styleAt(index: number): CharStyle {
    return this.styles[index] ?? this.base;
  }

  get baseStyle(): CharStyle {
    return this.base;
  }

  copyFrom(other: TextContent): void {
    this.characters = other.characters;
    this.styles = other.styles.slice();
    this.base = other.base;
    this.version++;
  }
}
