/**
 * Approximate text measurement, deterministic and font-file free, so layout numbers are stable
 * in Node and in a browser:
 * - a glyph is 0.56 × fontSize wide (capitals 0.66, a space 0.28), wider for heavier styles;
 * - letter spacing is added after every glyph;
 * - the line height is `lineHeight` (PIXELS, PERCENT of the size, or AUTO ≈ 1.2 × size);
 * - text wraps at spaces (and inside words longer than a line) when a width is given.
 * Good enough to catch text that overflows a card or rows that do not line up; not a shaper.
 */
import type { CharStyle, TextContent } from "./text-content";

const WEIGHT_FACTOR: Record<string, number> = {
  Thin: 0.94,
  "Extra Light": 0.95,
  Light: 0.97,
  Regular: 1,
  Italic: 1,
  Medium: 1.03,
  "Semi Bold": 1.06,
  SemiBold: 1.06,
  Bold: 1.1,
  "Bold Italic": 1.1,
  "Extra Bold": 1.13,
  Black: 1.16,
};

/** The CSS font weight of a Figma font style name ("Semi Bold" → 600). */
export function fontWeightOf(style: string): number {
  const s = style.toLowerCase();
  if (s.includes("thin")) return 100;
  if (s.includes("extra light") || s.includes("extralight")) return 200;
  if (s.includes("light")) return 300;
  if (s.includes("medium")) return 500;
  if (s.includes("semi bold") || s.includes("semibold")) return 600;
  if (s.includes("extra bold") || s.includes("extrabold")) return 800;
  if (s.includes("black")) return 900;
  if (s.includes("bold")) return 700;
  return 400;
}

/** The advance of one displayed character in a style, letter spacing included. */
export function glyphAdvance(char: string, style: CharStyle): number {
  const size = style.fontSize;
  const em = char === " " || char === "\u00a0" ? 0.28 : char !== char.toLowerCase() ? 0.66 : 0.56;
  const weight = WEIGHT_FACTOR[style.fontName.style] ?? 1;
  return em * size * weight + letterSpacingPx(style);
}

export function letterSpacingPx(style: CharStyle): number {
  const spacing = style.letterSpacing;
  return spacing.unit === "PERCENT" ? (spacing.value / 100) * style.fontSize : spacing.value;
}

/** The line height in pixels: PIXELS as given, PERCENT of the font size, AUTO ≈ 1.2 × size. */
export function lineHeightPx(style: CharStyle): number {
  const lh = style.lineHeight;
  if (lh.unit === "PIXELS") return lh.value;
  if (lh.unit === "PERCENT") return (lh.value / 100) * style.fontSize;
  return 1.2 * style.fontSize;
}

/** The characters as displayed after a text case transform. */
export function applyTextCase(text: string, textCase: TextCase): string {
  switch (textCase) {
    case "UPPER":
    case "SMALL_CAPS":
    case "SMALL_CAPS_FORCED":
      return text.toUpperCase();
    case "LOWER":
      return text.toLowerCase();
    case "TITLE":
      return text.replace(/(^|\s)(\S)/g, (_m, space: string, c: string) => space + c.toUpperCase());
    default:
      return text;
  }
}

function round(n: number): number {
  return Math.round(n * 1000) / 1000;
}

export interface TextBlockOptions {
  readonly paragraphSpacing: number;
  readonly maxLines: number | null;
  readonly truncate: boolean;
}

export interface TextLine {
  /** Character range in the node's characters. */
  readonly start: number;
  readonly end: number;
  /** Width without trailing spaces. */
  readonly width: number;
  readonly height: number;
  /** Top of the line from the top of the text block. */
  readonly top: number;
}

export interface TextBlock {
  readonly lines: readonly TextLine[];
  /** The characters as displayed (text case applied per run). */
  readonly display: string;
  readonly width: number;
  readonly height: number;
  readonly truncated: boolean;
}

function displayText(content: TextContent): string {
  let out = "";
  for (const run of content.runs()) out += applyTextCase(content.characters.slice(run.start, run.end), run.style.textCase);
  return out.length === content.characters.length ? out : content.characters;
}

/**
 * Lays out text in lines. `wrapWidth` null means no wrapping (auto width); otherwise lines break
 * at spaces so that each line fits, and words longer than a line break between characters.
 */
export function layoutTextBlock(content: TextContent, wrapWidth: number | null, options: TextBlockOptions): TextBlock {
  const display = displayText(content);
  const n = display.length;
  const advances = new Array<number>(n);
  for (let i = 0; i < n; i++) advances[i] = glyphAdvance(display.charAt(i), content.styleAt(i));
  const limit = wrapWidth === null ? Infinity : wrapWidth + 1e-6;

  const ranges: Array<{ start: number; end: number }> = [];
  let paragraphStart = 0;
  const paragraphEnds: number[] = [];
  for (let i = 0; i <= n; i++) {
    if (i < n && display.charAt(i) !== "\n") continue;
    // Break the paragraph [paragraphStart, i) into lines.
    let lineStart = paragraphStart;
    let lineWidth = 0;
    let lastBreak = -1; // index after a space where the line may break
    let widthAtBreak = 0;
    for (let j = paragraphStart; j < i; j++) {
      const ch = display.charAt(j);
      const advance = advances[j] ?? 0;
      if (ch === " ") {
        lineWidth += advance;
        lastBreak = j + 1;
        widthAtBreak = lineWidth;
        continue;
      }
      if (lineWidth + advance > limit && j > lineStart) {
        if (lastBreak > lineStart) {
          ranges.push({ start: lineStart, end: lastBreak });
          lineStart = lastBreak;
          lineWidth -= widthAtBreak;
        } else {
          ranges.push({ start: lineStart, end: j });
          lineStart = j;
          lineWidth = 0;
        }
        lastBreak = -1;
      }
      lineWidth += advance;
    }
    ranges.push({ start: lineStart, end: i });
    paragraphEnds.push(ranges.length - 1);
    paragraphStart = i + 1;
  }

  const lines: TextLine[] = [];
  let top = 0;
  let width = 0;
  let paragraphIndex = 0;
  for (let k = 0; k < ranges.length; k++) {
    const range = ranges[k] ?? { start: 0, end: 0 };
    let end = range.end;
    while (end > range.start && display.charAt(end - 1) === " ") end--;
    let lineWidth = 0;
    for (let j = range.start; j < end; j++) lineWidth += advances[j] ?? 0;
    let height = 0;
    if (range.end === range.start) height = lineHeightPx(content.styleAt(Math.max(0, range.start - 1)));
    for (let j = range.start; j < range.end; j++) height = Math.max(height, lineHeightPx(content.styleAt(j)));
    lines.push({ start: range.start, end: range.end, width: round(lineWidth), height: round(height), top: round(top) });
    top += height;
    width = Math.max(width, lineWidth);
    if (k === paragraphEnds[paragraphIndex]) {
      paragraphIndex++;
      if (k < ranges.length - 1) top += options.paragraphSpacing;
    }
  }

  let truncated = false;
  let shown = lines;
  if (options.truncate && options.maxLines !== null && lines.length > options.maxLines) {
    shown = lines.slice(0, options.maxLines);
    truncated = true;
  }
  const last = shown[shown.length - 1];
  const height = last ? last.top + last.height : 0;
  // Rounded so that sums of glyph advances do not show floating-point noise (14.399999…).
  return { lines: shown, display, width: round(width), height: round(height), truncated };
}
