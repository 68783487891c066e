/**
 * Fonts a person chose (FIGMA_RULES section 11): writing text of an existing node needs every font
 * it uses now, a font that is not installed never loads, and such nodes report `hasMissingFont`.
 */
import { describe, expect, it } from "vitest";
import { createFigmaEmulator } from "./emulator";
import { ruleIdOf } from "./rules";

const INTER = { family: "Inter", style: "Regular" };
const INTER_ITALIC = { family: "Inter", style: "Italic" };
const ROBOTO = { family: "Roboto", style: "Regular" };
const BRAND = { family: "Brand Sans", style: "Regular" };

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  return undefined;
}

describe("fonts a person chose", () => {
  it("tests choose the installed fonts: loadFontAsync rejects for the others, listAvailableFontsAsync lists only these", async () => {
    const emulator = createFigmaEmulator({ installedFonts: [INTER] });
    const figma = emulator.figma;
    await figma.loadFontAsync(INTER);
    const error = await rejection(figma.loadFontAsync(ROBOTO));
    expect(ruleIdOf(error)).toBe("text.font-unavailable");
    expect((error as Error).message).toBe('The font "Roboto Regular" could not be loaded');
    expect((await figma.listAvailableFontsAsync()).map((f) => f.fontName)).toEqual([INTER]);
  });

  it("a title a person set in Roboto needs Roboto for characters and fontSize, even with Inter loaded", async () => {
    const emulator = createFigmaEmulator();
    const figma = emulator.figma;
    await figma.loadFontAsync(INTER);
    const title = figma.createText();
    title.characters = "Checkout";
    emulator.userSetFont(title, ROBOTO);
    expect(title.fontName).toEqual(ROBOTO);
    expect(() => (title.characters = "Pay")).toThrow(/unloaded font "Roboto Regular"/);
    expect(() => (title.fontSize = 20)).toThrow(/unloaded font "Roboto Regular"/);
    expect(title.characters).toBe("Checkout");
    await figma.loadFontAsync(ROBOTO);
    title.characters = "Pay";
    expect(title.characters).toBe("Pay");
  });

  it("one word in italics: a mixed node needs every font getRangeAllFontNames lists", async () => {
    const emulator = createFigmaEmulator();
    const figma = emulator.figma;
    await figma.loadFontAsync(INTER);
    const note = figma.createText();
    note.characters = "Very slow delivery";
    emulator.userSetFont(note, INTER_ITALIC, { start: 5, end: 9 });
    expect(note.fontName).toBe(figma.mixed);
    expect(note.getRangeAllFontNames(0, note.characters.length)).toEqual([INTER, INTER_ITALIC]);
    let error: unknown;
    try {
      note.characters = "Slow delivery";
    } catch (thrown) {
      error = thrown;
    }
    expect(ruleIdOf(error)).toBe("text.font-not-loaded");
    await figma.loadFontAsync(INTER_ITALIC);
    note.characters = "Slow delivery";
    expect(note.characters).toBe("Slow delivery");
  });

  it("empty text needs its fontName", async () => {
    const emulator = createFigmaEmulator();
    const figma = emulator.figma;
    await figma.loadFontAsync(INTER);
    const empty = figma.createText();
    emulator.userSetFont(empty, ROBOTO);
    expect(empty.characters).toBe("");
    expect(() => (empty.characters = "Now")).toThrow(/unloaded font "Roboto Regular"/);
  });

  it("a font not installed here: hasMissingFont on the node and the document, and it never loads", async () => {
    const emulator = createFigmaEmulator({ installedFonts: [INTER, ROBOTO] });
    const figma = emulator.figma;
    await figma.loadFontAsync(INTER);
    const frame = figma.createFrame();
    const kept = figma.createText();
    const restyled = figma.createText();
    frame.appendChild(kept);
    frame.appendChild(restyled);
    restyled.characters = "Checkout";
    expect(figma.hasMissingFont).toBe(false);
    emulator.userSetFont(restyled, BRAND, { start: 0, end: 3 });
    expect(restyled.hasMissingFont).toBe(true);
    expect(kept.hasMissingFont).toBe(false);
    expect(figma.hasMissingFont).toBe(true);
    expect(ruleIdOf(await rejection(figma.loadFontAsync(BRAND)))).toBe("text.font-unavailable");
    expect(() => (restyled.characters = "Pay")).toThrow(/unloaded font "Brand Sans Regular"/);
  });

  it("the text of a sticky a person restyled needs the new font", async () => {
    const emulator = createFigmaEmulator({ editorType: "figjam" });
    const figma = emulator.figma;
    await figma.loadFontAsync({ family: "Inter", style: "Medium" });
    const sticky = figma.createSticky();
    sticky.text.characters = "Hidden fees";
    emulator.userSetFont(sticky, ROBOTO);
    expect(sticky.text.hasMissingFont).toBe(false);
    expect(() => (sticky.text.characters = "Fees")).toThrow(/unloaded font "Roboto Regular"/);
  });
});
