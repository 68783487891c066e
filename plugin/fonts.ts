/**
 * The map's fonts. Figma refuses to change a text node until its font is loaded
 * (https://developers.figma.com/docs/plugins/api/properties/figma-loadfontasync), so every run
 * loads each font once, before any text is set.
 */
export const FONT = {
  regular: { family: "Inter", style: "Regular" },
  medium: { family: "Inter", style: "Medium" },
  semiBold: { family: "Inter", style: "Semi Bold" },
  bold: { family: "Inter", style: "Bold" },
} as const satisfies Record<string, FontName>;

/** The loading of the map's fonts, per Figma API: once per plugin run, and a host that runs several has several. */
const loaded = new WeakMap<PluginAPI, Promise<void>>();

/** Loads the four Inter styles the map uses, once per plugin run. */
export function loadMapFontsAsync(): Promise<void> {
  let loading = loaded.get(figma);
  if (loading === undefined) {
    const api = figma;
    loading = Promise.all(Object.values(FONT).map((font) => api.loadFontAsync(font))).then(() => undefined);
    loading.catch(() => loaded.delete(api));
    loaded.set(api, loading);
  }
  return loading;
}

/** A text node, or the text inside a sticky or a shape with text. */
export type TextHolder = TextNode | TextSublayerNode;

const keyOf = (font: FontName) => `${font.family} ${font.style}`;

/** Every font a text uses now, each style of a mixed text included (for empty text, its fontName). */
export function fontsOf(text: TextHolder): FontName[] {
  const length = text.characters.length;
  const font = text.fontName;
  return length === 0 || font !== figma.mixed ? [font as FontName] : text.getRangeAllFontNames(0, length);
}

/**
 * Loads every font the given texts use (a person may have set any font on them since the plugin
 * drew them), once per distinct font. Resolves to the fonts that could not be loaded (not installed
 * here), by "Family Style": text using one of them must be left as it is.
 */
export async function loadFontsInUseAsync(texts: readonly TextHolder[]): Promise<Set<string>> {
  const fonts = new Map<string, FontName>();
  for (const text of texts) for (const font of fontsOf(text)) fonts.set(keyOf(font), font);
  // The map's own fonts are loaded already (loadMapFontsAsync).
  for (const font of Object.values(FONT)) fonts.delete(keyOf(font));
  const missing = new Set<string>();
  await Promise.all(
    [...fonts].map(([key, font]) =>
      figma.loadFontAsync(font).catch(() => {
        missing.add(key);
      }),
    ),
  );
  return missing;
}

/**
 * Why a text is kept as it is, when it uses a font that could not be loaded; null when every font
 * it uses is loaded. "'Checkout' stage name kept: Roboto is not available here".
 */
export function keptForFonts(text: TextHolder, name: string, missing: ReadonlySet<string>): string | null {
  const absent = [...new Set(fontsOf(text).map(keyOf))].filter((key) => missing.has(key));
  if (absent.length === 0) return null;
  const shown = text.characters.length > 40 ? `${text.characters.slice(0, 39)}…` : text.characters;
  const fonts = absent.map((key) => key.replace(/ Regular$/, ""));
  return `'${shown}' ${name.toLowerCase()} kept: ${fonts.join(" and ")} ${fonts.length > 1 ? "are" : "is"} not available here`;
}
