/**
 * Editors: a FigJam map is built of sections, shapes with text, stickies, connectors and text;
 * FigJam has no frames or vectors, and Figma design has no stickies or connectors.
 */
import { describe, expect, it } from "vitest";
import { createFigmaEmulator } from "./emulator";
import { ruleIdOf } from "./rules";

describe("FigJam", () => {
  it("has no createFrame, createVector, createComponent or createPage", () => {
    const { figma } = createFigmaEmulator({ editorType: "figjam" });
    expect(figma.editorType).toBe("figjam");
    for (const name of ["createFrame", "createVector", "createComponent", "createPage"]) {
      let error: unknown;
      try {
        Reflect.get(figma, name);
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(TypeError);
      expect((error as Error).message).toBe(`figma.${name} no such property '${name}' on the figma global object`);
      expect(ruleIdOf(error)).toBe("editor.creator-unavailable");
      expect(name in figma).toBe(false);
    }
  });

  it("creates stickies (240 × 240) whose text needs the sticky's font", async () => {
    const { figma } = createFigmaEmulator({ editorType: "figjam" });
    const sticky = figma.createSticky();
    expect([sticky.type, sticky.width, sticky.height]).toEqual(["STICKY", 240, 240]);
    expect(() => (sticky.text.characters = "Hidden fees at checkout")).toThrow(/unloaded font "Inter Medium"/);
    await figma.loadFontAsync(sticky.text.fontName as FontName);
    sticky.text.characters = "Hidden fees at checkout";
    expect(sticky.text.characters).toBe("Hidden fees at checkout");
    sticky.fills = [{ type: "SOLID", color: { r: 0.99, g: 0.91, b: 0.9 } }];
    sticky.isWideWidth = true;
    expect(sticky.width).toBe(416);
  });

  it("builds a map of sections, shapes with text, connectors and text", async () => {
    const emulator = createFigmaEmulator({ editorType: "figjam" });
    const { figma } = emulator;
    await figma.loadFontAsync({ family: "Inter", style: "Medium" });
    await figma.loadFontAsync({ family: "Inter", style: "Regular" });
    const section = figma.createSection();
    section.name = "Stage: Awareness";
    section.resizeWithoutConstraints(600, 400);
    const a = figma.createShapeWithText();
    a.shapeType = "ROUNDED_RECTANGLE";
    a.text.characters = "Sees an ad";
    const b = figma.createShapeWithText();
    b.text.characters = "Visits the site";
    b.x = 300;
    section.appendChild(a);
    section.appendChild(b);
    const connector = figma.createConnector();
    connector.connectorStart = { endpointNodeId: a.id, magnet: "AUTO" };
    connector.connectorEnd = { endpointNodeId: b.id, magnet: "AUTO" };
    connector.connectorLineType = "STRAIGHT";
    const title = figma.createText();
    title.characters = "Checkout journey";
    expect(section.children).toEqual([a, b]);
    // Attached ends sit on the facing sides of the two 208 × 208 shapes.
    expect([connector.x, connector.width]).toEqual([208, 92]);
    expect(a.attachedConnectors).toEqual([connector]);
    const svg = emulator.renderSvg();
    for (const label of ["Sees an ad", "Visits the site", "Checkout journey"]) expect(svg).toContain(label);
  });

  it("rejects a connector end on a node that does not exist", () => {
    const { figma } = createFigmaEmulator({ editorType: "figjam" });
    const connector = figma.createConnector();
    expect(() => (connector.connectorEnd = { endpointNodeId: "1:999", magnet: "TOP" })).toThrow(/does not exist/);
    expect(() => (connector.connectorEnd = { position: { x: 10, y: 20 } })).not.toThrow();
  });
});

describe("Figma design", () => {
  it("has no FigJam-only creators", () => {
    const { figma } = createFigmaEmulator();
    for (const name of ["createSticky", "createShapeWithText", "createConnector"]) {
      expect(() => Reflect.get(figma, name)).toThrow(`figma.${name} no such property '${name}' on the figma global object`);
    }
    expect(figma.createSection().type).toBe("SECTION");
  });

  it("names an API the emulator lacks instead of returning undefined", () => {
    const { figma } = createFigmaEmulator();
    expect(() => Reflect.get(figma, "group")).toThrow(/figma\.group no such property 'group' .*emulator does not implement it/);
  });
});
