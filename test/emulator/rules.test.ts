/**
 * One test per rule in rules.ts: each scenario breaks the rule the way a plugin could, and the
 * emulator must throw (or reject) with that rule's id and Figma's message. The scenario table is
 * typed by rule id, so adding a rule without a test does not compile.
 */
import { describe, expect, it } from "vitest";
import { createFigmaEmulator, type FigmaEmulator } from "./emulator";
import { RULES, ruleIdOf, type RuleId } from "./rules";

interface Scenario {
  /** Sets the stage (may load fonts, show UI …) and returns the action that must fail. */
  readonly arrange?: (emulator: FigmaEmulator) => Promise<void> | void;
  readonly act: (emulator: FigmaEmulator) => unknown;
  readonly message: string | RegExp;
  readonly editorType?: "figma" | "figjam";
  readonly pages?: string[];
  readonly typeError?: boolean;
}

const inter = { family: "Inter", style: "Regular" };

function pageNamed(emulator: FigmaEmulator, name: string): PageNode {
  const page = emulator.figma.root.children.find((p) => p.name === name);
  if (!page) throw new Error(`no page ${name}`);
  return page;
}

function autoLayoutFrame(figma: PluginAPI, mode: "HORIZONTAL" | "VERTICAL"): FrameNode {
  const frame = figma.createFrame();
  frame.layoutMode = mode;
  return frame;
}

const scenarios: Record<RuleId, Scenario> = {
  "api.type": {
    act: ({ figma }) => Reflect.set(figma.createFrame(), "opacity", "test"),
    message: 'in set_opacity: Expected "opacity" to have type number but got string instead',
  },
  "api.range": {
    act: ({ figma }) => {
      figma.createFrame().opacity = 2;
    },
    message: /in set_opacity: .*<= 1/,
  },
  "api.enum": {
    act: ({ figma }) => Reflect.set(figma.createFrame(), "layoutMode", "DIAGONAL"),
    message: "in set_layoutMode: Invalid enum value. Expected 'NONE' | 'HORIZONTAL' | 'VERTICAL', received 'DIAGONAL'",
  },
  "api.no-such-property": {
    act: ({ figma }) => Reflect.get(figma.createEllipse(), "appendChild"),
    message: "node.appendChild: no such property 'appendChild' on ELLIPSE node",
    typeError: true,
  },
  "api.read-only": {
    act: ({ figma }) => Reflect.set(figma.createFrame(), "width", 500),
    message: /in set_width: Cannot assign to read only property 'width'/,
    typeError: true,
  },
  "api.closed": {
    arrange: ({ figma }) => figma.closePlugin(),
    act: ({ figma }) => figma.createFrame(),
    message: /in createFrame: The plugin has been closed/,
  },
  "emulator.unsupported": {
    act: ({ figma }) => figma.triggerUndo(),
    message: /in triggerUndo: the emulator counts undo steps but does not undo/,
  },
  "emulator.misuse": {
    act: ({ panel }) => panel.postMessage({ type: "panel-ready" }),
    message: /^emulator\.panel\.postMessage: the panel is not open/,
  },
  "editor.creator-unavailable": {
    editorType: "figjam",
    act: ({ figma }) => figma.createFrame(),
    message: "figma.createFrame no such property 'createFrame' on the figma global object",
    typeError: true,
  },
  "events.unknown-type": {
    act: ({ figma }) => Reflect.apply(figma.on, figma, ["nodechanged", () => undefined]),
    message: /in on: Invalid enum value\. Expected 'selectionchange' \| .*, received 'nodechanged'/,
  },
  "dynamic-page.sync-api": {
    act: ({ figma }) => figma.getNodeById("0:1"),
    message: "in getNodeById: Cannot call with documentAccess: dynamic-page. Use figma.getNodeByIdAsync() instead",
  },
  "dynamic-page.current-page-setter": {
    pages: ["Map", "Archive"],
    act: (emulator) => {
      emulator.figma.currentPage = pageNamed(emulator, "Archive");
    },
    message: /in set_currentPage: .*Use await figma\.setCurrentPageAsync\(page\) instead/,
  },
  "dynamic-page.unloaded-page": {
    pages: ["Map", "Archive"],
    act: (emulator) => pageNamed(emulator, "Archive").children,
    message:
      "Cannot access children on a page that has not been explicitly loaded. Remember to call await page.loadAsync() or await figma.loadAllPagesAsync() first",
  },
  "dynamic-page.root-find": {
    act: ({ figma }) => figma.root.findAll(),
    message: /in findAll: .*figma\.loadAllPagesAsync\(\)/,
  },
  "dynamic-page.documentchange": {
    act: ({ figma }) => figma.on("documentchange", () => undefined),
    message: /in on: Cannot register a "documentchange" handler before figma\.loadAllPagesAsync\(\)/,
  },
  "node.removed": {
    act: ({ figma }) => {
      const frame = figma.createFrame();
      frame.remove();
      return frame.name;
    },
    message: /^in get_name: The node with id "1:\d+" does not exist$/,
  },
  "node.remove-not-allowed": {
    act: ({ figma }) => figma.currentPage.remove(),
    message: "in remove: Removing this node is not allowed",
  },
  "tree.cycle": {
    act: ({ figma }) => {
      const outer = figma.createFrame();
      const inner = figma.createFrame();
      outer.appendChild(inner);
      inner.appendChild(outer);
    },
    message: "in appendChild: Cannot move node. Doing so would create a parenting cycle",
  },
  "tree.no-children": {
    act: ({ figma }) => {
      const appendChild = figma.createFrame().appendChild;
      Reflect.apply(appendChild, figma.createEllipse(), [figma.createRectangle()]);
    },
    message: "in appendChild: Cannot move node. New parent is of a type that cannot have children",
  },
  "tree.pages": {
    act: ({ figma }) => {
      const frame = figma.createFrame();
      Reflect.apply(frame.appendChild, frame, [figma.createPage()]);
    },
    message: "in appendChild: Cannot move node. Nodes other than the root node cannot have children of type PAGE",
  },
  "tree.section-parent": {
    act: ({ figma }) => figma.createFrame().appendChild(figma.createSection()),
    message: /in appendChild: Cannot move node\. A section can only be placed on a page or inside another section/,
  },
  "tree.index": {
    act: ({ figma }) => figma.createFrame().insertChild(1, figma.createRectangle()),
    message: /in insertChild: Expected "index" to be an integer between 0 and 0 but got 1/,
  },
  "selection.scene-nodes": {
    pages: ["Map", "Archive"],
    act: (emulator) => {
      emulator.figma.currentPage.selection = [pageNamed(emulator, "Archive") as unknown as SceneNode];
    },
    message: /in set_selection: Node "0:2" is not a scene node on page "Map"/,
  },
  "resize.minimum": {
    act: ({ figma }) => figma.createRectangle().resize(0, 10),
    message: 'in resize: Expected "width" to be >= 0.01 but got 0',
  },
  "text.font-not-loaded": {
    act: ({ figma }) => {
      figma.createText().characters = "Checkout";
    },
    message:
      'in set_characters: Cannot write to node with unloaded font "Inter Regular". Please call figma.loadFontAsync({ family: "Inter", style: "Regular" }) and await the returned promise first.',
  },
  "text.font-unavailable": {
    act: ({ figma }) => figma.loadFontAsync({ family: "Comic Sans", style: "Regular" }),
    message: 'The font "Comic Sans Regular" could not be loaded',
  },
  "text.font-size": {
    arrange: ({ figma }) => figma.loadFontAsync(inter),
    act: ({ figma }) => {
      figma.createText().fontSize = 0.5;
    },
    message: 'in set_fontSize: Expected "fontSize" to be >= 1 but got 0.5',
  },
  "text.range": {
    arrange: ({ figma }) => figma.loadFontAsync(inter),
    act: ({ figma }) => {
      const text = figma.createText();
      text.characters = "Pain";
      return text.getRangeAllFontNames(2, 2);
    },
    message: /in getRangeAllFontNames: Expected a range with 0 <= start < end <= 4/,
  },
  "text.max-lines": {
    arrange: ({ figma }) => figma.loadFontAsync(inter),
    act: ({ figma }) => {
      figma.createText().maxLines = 0;
    },
    message: /in set_maxLines: Expected "maxLines" to be an integer >= 1 or null but got 0/,
  },
  "plugin-data.type": {
    act: ({ figma }) => {
      const card = figma.createFrame();
      Reflect.apply(card.setSharedPluginData, card, ["journeymap", "rank", 5]);
    },
    message: 'in setSharedPluginData: Expected "value" to have type string but got number instead',
  },
  "plugin-data.size": {
    act: ({ figma }) => figma.createFrame().setPluginData("model", "x".repeat(100 * 1024)),
    message: /in setPluginData: The entry for key "model" is \d+ bytes .*the limit is 102400 bytes/,
  },
  "plugin-data.namespace": {
    act: ({ figma }) => figma.createFrame().setSharedPluginData("jm", "rank", "1"),
    message: /in setSharedPluginData: Namespace "jm" is invalid: it must be at least 3 alphanumeric characters/,
  },
  "relaunch.description": {
    act: ({ figma }) => figma.createFrame().setRelaunchData({ edit: "x".repeat(1001) }),
    message: /in setRelaunchData: The description for "edit" is 1001 characters; the limit is 1000/,
  },
  "autolayout.needs-layout-mode": {
    act: ({ figma }) => {
      figma.createFrame().itemSpacing = 8;
    },
    message: /in set_itemSpacing: .*layoutMode is NONE/,
  },
  "autolayout.wrap": {
    act: ({ figma }) => {
      autoLayoutFrame(figma, "VERTICAL").layoutWrap = "WRAP";
    },
    message: "in set_layoutWrap: layoutWrap = WRAP can only be set on frames with layoutMode = HORIZONTAL",
  },
  "autolayout.sizing-mode": {
    act: ({ figma }) => Reflect.set(autoLayoutFrame(figma, "VERTICAL"), "primaryAxisSizingMode", "HUG"),
    message: "in set_primaryAxisSizingMode: Invalid enum value. Expected 'FIXED' | 'AUTO', received 'HUG'",
  },
  "autolayout.baseline": {
    act: ({ figma }) => {
      autoLayoutFrame(figma, "VERTICAL").counterAxisAlignItems = "BASELINE";
    },
    message: "in set_counterAxisAlignItems: BASELINE can only be set on horizontal auto-layout frames",
  },
  "autolayout.fill": {
    act: ({ figma }) => {
      figma.createRectangle().layoutSizingHorizontal = "FILL";
    },
    message: "in set_layoutSizingHorizontal: FILL can only be set on children of auto-layout frames",
  },
  "autolayout.hug": {
    act: ({ figma }) => {
      const row = autoLayoutFrame(figma, "HORIZONTAL");
      const rectangle = figma.createRectangle();
      row.appendChild(rectangle);
      rectangle.layoutSizingVertical = "HUG";
    },
    message: "in set_layoutSizingVertical: HUG can only be set on auto-layout frames or text children of auto-layout frames",
  },
  "autolayout.child": {
    act: ({ figma }) => {
      const frame = figma.createFrame();
      const dot = figma.createEllipse();
      frame.appendChild(dot);
      dot.layoutPositioning = "ABSOLUTE";
    },
    message: "in set_layoutPositioning: Can only set layoutPositioning = ABSOLUTE if the parent node has layoutMode !== NONE",
  },
  "paint.invalid": {
    act: ({ figma }) => Reflect.set(figma.createRectangle(), "fills", [{ type: "SOLID", color: null }]),
    message: "in set_fills: Expected object, received null at [0].color",
  },
  "vector.paths": {
    act: ({ figma }) => {
      figma.createVector().vectorPaths = [{ windingRule: "NONZERO", data: "M 0 0 H 10" }];
    },
    message: "in set_vectorPaths: Failed to convert path. Invalid command at H",
  },
  "connector.endpoint": {
    editorType: "figjam",
    act: ({ figma }) => {
      figma.createConnector().connectorStart = { endpointNodeId: "9:99", magnet: "AUTO" };
    },
    message: /in set_connectorStart: The node with id "9:99" does not exist/,
  },
  "ui.no-ui": {
    act: ({ figma }) => figma.ui.postMessage({ type: "hello" }),
    message: "in ui.postMessage: No UI is open. Call figma.showUI() first",
  },
  "ui.message": {
    arrange: ({ figma }) => figma.showUI("<p>panel</p>"),
    act: ({ figma }) => figma.ui.postMessage({ type: "map", stages: new Map() }),
    message: /in ui\.postMessage: Cannot send a Map at message\.stages/,
  },
  "client-storage.value": {
    act: ({ figma }) => figma.clientStorage.setAsync("draft", { savedAt: new Date() }),
    message: /in clientStorage\.setAsync: Cannot store a Date at value\.savedAt/,
  },
  "client-storage.quota": {
    act: ({ figma }) => figma.clientStorage.setAsync("draft", "x".repeat(5 * 1024 * 1024)),
    message: /in clientStorage\.setAsync: Storing "draft" would use \d+ bytes; the quota is 5242880 bytes/,
  },
};

async function errorOf(action: () => unknown): Promise<unknown> {
  try {
    const result = action();
    if (result instanceof Promise) await result;
  } catch (error) {
    return error;
  }
  return undefined;
}

describe("every rule the emulator enforces throws with its id and Figma's message", () => {
  it.each(RULES.map((rule) => [rule.id, rule] as const))("%s", async (id, rule) => {
    expect(rule.source).toMatch(/^https:\/\/|^The emulator's own guard/);
    const scenario = scenarios[id];
    const emulator = createFigmaEmulator({ editorType: scenario.editorType, pages: scenario.pages ?? ["Map"] });
    await scenario.arrange?.(emulator);
    const error = await errorOf(() => scenario.act(emulator));
    expect(error, `${id} did not throw`).toBeInstanceOf(scenario.typeError ? TypeError : Error);
    expect(ruleIdOf(error)).toBe(id);
    const message = (error as Error).message;
    if (typeof scenario.message === "string") expect(message).toBe(scenario.message);
    else expect(message).toMatch(scenario.message);
  });
});

describe("the rule list", () => {
  it("has unique ids, each with a rule text and a source", () => {
    const ids = RULES.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const rule of RULES) {
      expect(rule.rule.length).toBeGreaterThan(20);
      expect(rule.source.length).toBeGreaterThan(10);
    }
  });
});
