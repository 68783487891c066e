/**
 * Nodes as the plugin uses them: creation defaults, the tree, find*, plugin data, clone and a
 * person's Ctrl+D, removal, pages under dynamic-page, paints, text ranges and fonts.
 */
import { beforeEach, describe, expect, it } from "vitest";
import { createFigmaEmulator, type FigmaEmulator } from "./emulator";
import { ruleIdOf } from "./rules";

let emulator: FigmaEmulator;
let figma: PluginAPI;

beforeEach(() => {
  emulator = createFigmaEmulator({ pages: ["Journey maps", "Archive"] });
  figma = emulator.figma;
});

function thrown(action: () => unknown): unknown {
  try {
    action();
  } catch (error) {
    return error;
  }
  return undefined;
}

function card(name: string, id: string): FrameNode {
  const frame = figma.createFrame();
  frame.name = name;
  frame.setPluginData("entityId", id);
  frame.setSharedPluginData("journeymapper", "kind", "pain-point");
  return frame;
}

describe("creating nodes", () => {
  it("frames are 100 × 100, white, named Frame, at (0, 0) on the current page, with ids like 1:2", () => {
    const frame = figma.createFrame();
    expect(frame.type).toBe("FRAME");
    expect(frame.name).toBe("Frame");
    expect([frame.x, frame.y, frame.width, frame.height]).toEqual([0, 0, 100, 100]);
    expect(frame.fills).toEqual([{ type: "SOLID", visible: true, opacity: 1, blendMode: "NORMAL", color: { r: 1, g: 1, b: 1 }, boundVariables: {} }]);
    expect(frame.parent).toBe(figma.currentPage);
    expect(frame.id).toMatch(/^\d+:\d+$/);
    expect(figma.currentPage.children).toEqual([frame]);
  });

  it("a line is 100 long and 0 high, and must stay 0 high", () => {
    const line = figma.createLine();
    expect([line.width, line.height]).toEqual([100, 0]);
    line.resize(240, 0);
    expect(line.width).toBe(240);
    expect(ruleIdOf(thrown(() => line.resize(240, 2)))).toBe("resize.minimum");
  });

  it("vectors accept absolute M L Q C Z paths, store Q as C, and keep no geometry after a bad path", () => {
    const vector = figma.createVector();
    vector.vectorPaths = [{ windingRule: "NONZERO", data: "M 0 0 Q 10 20 20 0 L 20 10 Z" }];
    expect(vector.vectorPaths[0]?.data).toMatch(/^M 0 0 C [\d. ]+ 20 0 L 20 10 Z$/);
    // The node takes the bounds of the path (control points included): 20 × 13.33.
    expect(vector.width).toBe(20);
    expect(vector.height).toBeCloseTo(13.3333, 3);
    const error = thrown(() => {
      vector.vectorPaths = [{ windingRule: "EVENODD", data: "M 0 0 h4" }];
    });
    expect((error as Error).message).toBe("in set_vectorPaths: Failed to convert path. Invalid command at h4");
    expect(vector.vectorPaths).toEqual([]);
    expect(() => {
      vector.vectorPaths = [{ windingRule: "NONZERO", data: "M 0,0 L 1 1" }];
    }).toThrow("in set_vectorPaths: Failed to convert path. Invalid command at ,");
  });

  it("reading a property a node type does not have throws; `in` tells what a node has", () => {
    const text = figma.createText();
    expect("children" in text).toBe(false);
    expect("characters" in text).toBe(true);
    expect(() => Reflect.get(text, "children")).toThrow(TypeError);
    expect(() => Reflect.set(text, "colour", "red")).toThrow("node.colour: no such property 'colour' on TEXT node");
  });
});

describe("the tree", () => {
  it("appendChild moves a node between parents, insertChild places it, within the same parent too", () => {
    const a = figma.createFrame();
    const b = figma.createFrame();
    const [x, y, z] = [figma.createRectangle(), figma.createRectangle(), figma.createRectangle()];
    a.appendChild(x);
    a.appendChild(y);
    a.appendChild(z);
    a.insertChild(0, z);
    expect(a.children).toEqual([z, x, y]);
    a.insertChild(3, z);
    expect(a.children).toEqual([x, y, z]);
    b.appendChild(x);
    expect(a.children).toEqual([y, z]);
    expect(x.parent).toBe(b);
  });

  it("find* search pre-order, back to front, without the node itself", () => {
    const map = card("Map", "map");
    const stage = figma.createFrame();
    stage.name = "Stage: Awareness";
    const first = card("Pain point: Slow search", "p1");
    const second = card("Pain point: Hidden fees", "p2");
    const label = figma.createText();
    map.appendChild(stage);
    stage.appendChild(first);
    stage.appendChild(label);
    map.appendChild(second);
    expect(map.findAll().map((n) => n.name)).toEqual(["Stage: Awareness", "Pain point: Slow search", "", "Pain point: Hidden fees"]);
    expect(map.findAll((n) => n.name.startsWith("Pain point"))).toEqual([first, second]);
    expect(map.findOne((n) => n.type === "TEXT")).toBe(label);
    expect(map.findOne((n) => n.name === "nothing")).toBeNull();
    expect(map.findChildren()).toEqual([stage, second]);
    expect(map.findChild((n) => n.name.startsWith("Pain"))).toBe(second);
    expect(map.findAllWithCriteria({ types: ["TEXT"] })).toEqual([label]);
    expect(map.findAllWithCriteria({ pluginData: {} })).toEqual([first, second]);
    expect(map.findAllWithCriteria({ pluginData: { keys: ["other"] } })).toEqual([]);
    expect(map.findAllWithCriteria({ sharedPluginData: { namespace: "journeymapper", keys: ["kind"] }, types: ["FRAME"] })).toEqual([first, second]);
  });

  it("remove() deletes the subtree: removed is true, getNodeByIdAsync gives null, any use throws", async () => {
    const frame = figma.createFrame();
    const child = figma.createRectangle();
    frame.appendChild(child);
    const childId = child.id;
    frame.remove();
    expect(frame.removed).toBe(true);
    expect(child.removed).toBe(true);
    expect(await figma.getNodeByIdAsync(childId)).toBeNull();
    expect(figma.currentPage.children).toEqual([]);
    expect(() => child.resize(10, 10)).toThrow(`in resize: The node with id "${childId}" does not exist`);
    expect(() => child.getPluginData("x")).toThrow(`in getPluginData: The node with id "${childId}" does not exist`);
    expect(() => figma.currentPage.appendChild(child)).toThrow(/does not exist/);
  });

  it("getNodeByIdAsync finds nodes on any page, and null for unknown ids", async () => {
    const frame = figma.createFrame();
    expect(await figma.getNodeByIdAsync(frame.id)).toBe(frame);
    expect(await figma.getNodeByIdAsync(figma.currentPage.id)).toBe(figma.currentPage);
    expect(await figma.getNodeByIdAsync("42:42")).toBeNull();
  });
});

describe("plugin data", () => {
  it("reads '' for a missing key, lists keys, and deletes a key set to ''", () => {
    const frame = figma.createFrame();
    expect(frame.getPluginData("model")).toBe("");
    frame.setPluginData("model", '{"v":1}');
    frame.setPluginData("rank", "3");
    expect(frame.getPluginDataKeys()).toEqual(["model", "rank"]);
    frame.setPluginData("rank", "");
    expect(frame.getPluginDataKeys()).toEqual(["model"]);
    expect(frame.getPluginData("model")).toBe('{"v":1}');
  });

  it("keeps shared plugin data per namespace", () => {
    const frame = figma.createFrame();
    frame.setSharedPluginData("journeymapper", "rank", "1");
    frame.setSharedPluginData("other.plugin", "rank", "9");
    expect(frame.getSharedPluginData("journeymapper", "rank")).toBe("1");
    expect(frame.getSharedPluginDataKeys("other.plugin")).toEqual(["rank"]);
    frame.setSharedPluginData("journeymapper", "rank", "");
    expect(frame.getSharedPluginDataKeys("journeymapper")).toEqual([]);
  });

  it("accepts an entry just under 100 kB and counts UTF-8 bytes", () => {
    const frame = figma.createFrame();
    const room = 100 * 1024 - "journey-mapper-emulator".length - "k".length;
    frame.setPluginData("k", "x".repeat(room));
    expect(() => frame.setPluginData("k", "é".repeat(room / 2 + 1))).toThrow(/100 kB/);
  });

  it("keeps relaunch data, replacing it on every call", () => {
    const frame = figma.createFrame();
    frame.setRelaunchData({ edit: "Edit this journey map", rescore: "" });
    frame.setRelaunchData({ rescore: "Re-score pain points" });
    expect(frame.getRelaunchData()).toEqual({ rescore: "Re-score pain points" });
  });
});

describe("clone and duplicate", () => {
  it("clone() copies the subtree with plugin data and new ids, under the current page", () => {
    const container = figma.createFrame();
    const original = card("Pain point: Slow search", "p1");
    original.appendChild(figma.createText());
    container.appendChild(original);
    const copy = original.clone();
    expect(copy.parent).toBe(figma.currentPage);
    expect(copy.id).not.toBe(original.id);
    expect(copy.getPluginData("entityId")).toBe("p1");
    expect(copy.getSharedPluginData("journeymapper", "kind")).toBe("pain-point");
    expect(copy.children).toHaveLength(1);
    expect(copy.children[0]?.id).not.toBe(original.children[0]?.id);
  });

  it("a person's Ctrl+D puts the copy right after the original, with plugin data, and selects it", () => {
    const stage = figma.createFrame();
    const first = card("Pain point: A", "p1");
    const last = figma.createRectangle();
    stage.appendChild(first);
    stage.appendChild(last);
    const label = figma.createText();
    first.appendChild(label);
    const copy = emulator.userDuplicate(first);
    expect(stage.children).toEqual([first, copy, last]);
    expect(copy.getPluginData("entityId")).toBe("p1");
    const ids = new Set([first, ...first.findAll()].map((n) => n.id));
    expect([copy, ...copy.findAll()].every((n) => !ids.has(n.id))).toBe(true);
    expect(figma.currentPage.selection).toEqual([copy]);
    // A person's action is not a plugin API call.
    expect(emulator.stats.callsByName.get("clone")).toBeUndefined();
  });
});

describe("a person's edits", () => {
  it("a person edits a score on a card (no fonts needed) and the plugin reads it back", async () => {
    await figma.loadFontAsync({ family: "Inter", style: "Regular" });
    const cardFrame = figma.createFrame();
    cardFrame.layoutMode = "VERTICAL";
    const score = figma.createText();
    score.characters = "3";
    cardFrame.appendChild(score);
    const height = cardFrame.height;
    emulator.userEditText(score, "high\nvery high");
    expect(score.characters).toBe("high\nvery high");
    expect(cardFrame.height).toBeCloseTo(height + 14.4, 6);
    expect(emulator.stats.callsByName.get("set_characters")).toBe(1);
  });

  it("a person deletes a node: the plugin sees it removed", () => {
    const frame = figma.createFrame();
    emulator.userDelete(frame);
    expect(frame.removed).toBe(true);
    expect(emulator.getNode(frame.id)).toBeNull();
  });
});

describe("pages under dynamic-page", () => {
  it("lists every page, but only the current one is loaded until loadAsync", async () => {
    const [, archive] = figma.root.children;
    if (!archive) throw new Error("no archive page");
    expect(figma.root.children.map((p) => p.name)).toEqual(["Journey maps", "Archive"]);
    expect(figma.currentPage.name).toBe("Journey maps");
    expect(() => archive.findAll()).toThrow(/has not been explicitly loaded/);
    expect(() => archive.appendChild(figma.createFrame())).toThrow(/has not been explicitly loaded/);
    expect(figma.root.findChildren().length).toBe(2);
    await archive.loadAsync();
    expect(archive.children).toEqual([]);
  });

  it("setCurrentPageAsync loads the page and makes it current; loadAllPagesAsync opens root searches", async () => {
    const [, archive] = figma.root.children;
    if (!archive) throw new Error("no archive page");
    await figma.setCurrentPageAsync(archive);
    expect(figma.currentPage).toBe(archive);
    const frame = figma.createFrame();
    expect(frame.parent).toBe(archive);
    await figma.loadAllPagesAsync();
    expect(figma.root.findAll((n) => n.type === "FRAME")).toEqual([frame]);
  });
});

describe("paints", () => {
  it("stores a frozen copy: the plugin must assign a new array", () => {
    const rect = figma.createRectangle();
    const fills: Paint[] = [{ type: "SOLID", color: { r: 0.18, g: 0.62, b: 0.36 }, opacity: 0.5 }];
    rect.fills = fills;
    fills.push({ type: "SOLID", color: { r: 0, g: 0, b: 0 } });
    expect(rect.fills).toHaveLength(1);
    expect(Object.isFrozen(rect.fills)).toBe(true);
    expect(() => (rect.fills as Paint[]).push({ type: "SOLID", color: { r: 1, g: 1, b: 1 } })).toThrow(TypeError);
  });

  it("rejects colours out of 0–1, missing channels, RGBA on a solid paint and unknown paint types", () => {
    const rect = figma.createRectangle();
    const attempts: Array<[unknown, string]> = [
      [[{ type: "SOLID", color: { r: 255, g: 0, b: 0 } }], "in set_fills: Number must be less than or equal to 1 at [0].color.r"],
      [[{ type: "SOLID", color: { r: 1, g: 0 } }], "in set_fills: Required value missing at [0].color.b"],
      [[{ type: "SOLID", color: { r: 1, g: 0, b: 0, a: 1 } }], "in set_fills: Unrecognized key(s) in object: 'a' at [0].color"],
      [[{ type: "SOLID" }], "in set_fills: Expected object, received undefined at [0].color"],
      [[{ type: "COLOR", color: { r: 1, g: 0, b: 0 } }], "in set_fills: Invalid discriminator value."],
      [{ type: "SOLID", color: { r: 1, g: 0, b: 0 } }, "in set_fills: Expected array, received object"],
    ];
    for (const [fills, message] of attempts) {
      const error = thrown(() => Reflect.set(rect, "fills", fills));
      expect(ruleIdOf(error)).toBe("paint.invalid");
      expect((error as Error).message.startsWith(message)).toBe(true);
    }
    expect(() => Reflect.set(rect, "strokes", [{ type: "SOLID", color: { r: -1, g: 0, b: 0 } }])).toThrow(/^in set_strokes: /);
  });
});

describe("text", () => {
  beforeEach(async () => {
    await figma.loadFontAsync({ family: "Inter", style: "Regular" });
  });

  it("every write that changes rendering needs the font loaded first", async () => {
    const fresh = createFigmaEmulator();
    const t = fresh.figma.createText();
    const writes: Array<[string, () => void]> = [
      ["set_characters", () => (t.characters = "a")],
      ["set_fontSize", () => (t.fontSize = 14)],
      ["set_textCase", () => (t.textCase = "UPPER")],
      ["set_letterSpacing", () => (t.letterSpacing = { unit: "PERCENT", value: 4 })],
      ["set_lineHeight", () => (t.lineHeight = { unit: "PERCENT", value: 150 })],
      ["set_textAlignHorizontal", () => (t.textAlignHorizontal = "CENTER")],
      ["set_textAlignVertical", () => (t.textAlignVertical = "CENTER")],
      ["set_textAutoResize", () => (t.textAutoResize = "HEIGHT")],
      ["set_maxLines", () => (t.maxLines = 2)],
      ["set_textTruncation", () => (t.textTruncation = "ENDING")],
      ["set_textDecoration", () => (t.textDecoration = "UNDERLINE")],
      ["set_paragraphSpacing", () => (t.paragraphSpacing = 4)],
      ["insertCharacters", () => t.insertCharacters(0, "a")],
    ];
    for (const [op, write] of writes) {
      const error = thrown(write);
      expect(ruleIdOf(error), op).toBe("text.font-not-loaded");
      expect((error as Error).message.startsWith(`in ${op}: Cannot write to node with unloaded font "Inter Regular".`)).toBe(true);
    }
    // Fills need no font; the node stays empty and unchanged.
    t.fills = [{ type: "SOLID", color: { r: 1, g: 0, b: 0 } }];
    expect(t.characters).toBe("");
    await fresh.figma.loadFontAsync({ family: "Inter", style: "Regular" });
    t.characters = "Loaded";
    expect(t.characters).toBe("Loaded");
    // A new run has no fonts loaded: range edits need them again.
    fresh.relaunch();
    const rangeWrites: Array<[string, () => void]> = [
      ["deleteCharacters", () => t.deleteCharacters(0, 1)],
      ["setRangeFontSize", () => t.setRangeFontSize(0, 2, 20)],
      ["setRangeFills", () => t.setRangeFills(0, 2, [{ type: "SOLID", color: { r: 1, g: 0, b: 0 } }])],
      ["setRangeTextCase", () => t.setRangeTextCase(0, 2, "UPPER")],
      ["setRangeLetterSpacing", () => t.setRangeLetterSpacing(0, 2, { unit: "PIXELS", value: 1 })],
      ["setRangeLineHeight", () => t.setRangeLineHeight(0, 2, { unit: "AUTO" })],
    ];
    for (const [op, write] of rangeWrites) {
      expect(ruleIdOf(thrown(write)), op).toBe("text.font-not-loaded");
    }
    expect(t.characters).toBe("Loaded");
  });

  it("fontName needs the new font, not the old one; setRangeFontName needs both", async () => {
    const fresh = createFigmaEmulator();
    const f = fresh.figma;
    const t = f.createText();
    await f.loadFontAsync({ family: "Inter", style: "Bold" });
    expect(() => (t.fontName = { family: "Inter", style: "Semi Bold" })).toThrow(/unloaded font "Inter Semi Bold"/);
    t.fontName = { family: "Inter", style: "Bold" };
    t.characters = "Bold title";
    expect(t.fontName).toEqual({ family: "Inter", style: "Bold" });
    await f.loadFontAsync({ family: "Inter", style: "Regular" });
    t.setRangeFontName(0, 4, { family: "Inter", style: "Regular" });
    expect(t.fontName).toBe(f.mixed);
    expect(t.getRangeAllFontNames(0, t.characters.length)).toEqual([
      { family: "Inter", style: "Regular" },
      { family: "Inter", style: "Bold" },
    ]);
  });

  it("ranges: mixed values, styled segments, insert and delete keep styles", () => {
    const t = figma.createText();
    t.characters = "Severity 4";
    t.setRangeFontSize(9, 10, 20);
    expect(t.fontSize).toBe(figma.mixed);
    expect(t.getRangeFontSize(0, 8)).toBe(12);
    expect(t.getStyledTextSegments(["fontSize"]).map((s) => [s.characters, s.fontSize])).toEqual([
      ["Severity ", 12],
      ["4", 20],
    ]);
    t.insertCharacters(10, "5", "BEFORE");
    expect(t.getRangeFontSize(10, 11)).toBe(20);
    t.deleteCharacters(9, 11);
    expect(t.characters).toBe("Severity ");
    expect(t.fontSize).toBe(12);
    t.characters = "Reset";
    expect(t.fontSize).toBe(12);
  });

  it("the name follows the characters until the layer is renamed", () => {
    const t = figma.createText();
    t.characters = "Slow search";
    expect(t.name).toBe("Slow search");
    t.name = "Severity";
    t.characters = "4";
    expect(t.name).toBe("Severity");
    expect(t.autoRename).toBe(false);
  });

  it("layout sizing on text drives textAutoResize (and needs the font)", async () => {
    const row = figma.createFrame();
    row.layoutMode = "HORIZONTAL";
    const t = figma.createText();
    t.characters = "Awareness";
    row.appendChild(t);
    expect(t.layoutSizingHorizontal).toBe("HUG");
    t.layoutSizingHorizontal = "FIXED";
    expect(t.textAutoResize).toBe("HEIGHT");
    t.layoutSizingVertical = "FIXED";
    expect(t.textAutoResize).toBe("NONE");
    t.layoutSizingVertical = "HUG";
    expect(t.textAutoResize).toBe("HEIGHT");
    t.layoutSizingHorizontal = "HUG";
    expect(t.textAutoResize).toBe("WIDTH_AND_HEIGHT");
    const fresh = createFigmaEmulator();
    const frame = fresh.figma.createFrame();
    frame.layoutMode = "VERTICAL";
    const unloaded = fresh.figma.createText();
    frame.appendChild(unloaded);
    expect(() => (unloaded.layoutSizingHorizontal = "FILL")).toThrow(/in set_layoutSizingHorizontal: Cannot write to node with unloaded font/);
    expect(() => (unloaded.layoutSizingVertical = "FILL")).toThrow(/unloaded font/);
  });

  it("values read out are copies: mutating them changes nothing", () => {
    const t = figma.createText();
    t.characters = "abc";
    const font = t.fontName as FontName;
    Reflect.set(font, "style", "Bold");
    expect(t.fontName).toEqual({ family: "Inter", style: "Regular" });
  });
});
