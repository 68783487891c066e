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

let loaded: Promise<void> | null = null;

/** Loads the four Inter styles the map uses, once per plugin run. */
export function loadMapFontsAsync(): Promise<void> {
  if (loaded === null) {
    loaded = Promise.all(Object.values(FONT).map((font) => figma.loadFontAsync(font))).then(() => undefined);
    loaded.catch(() => {
      loaded = null;
    });
  }
  return loaded;
}
