/**
 * Every rule the Figma emulator enforces, in one place.
 *
 * Each entry names the platform rule and where it comes from (the sources are those of
 * /work/shared/FIGMA_RULES.md). Every error the emulator throws is built by `ruleError` below,
 * so it carries the `ruleId` of the rule it enforces: a test can check that an error is the one
 * Figma would raise, and a reader can find why the emulator raised it.
 *
 * `confirmed: false` marks a rule (or its error text) that no source confirms: the emulator is
 * strict there on purpose, so the plugin never relies on leniency Figma may not have.
 */

const TYPINGS = "https://github.com/figma/plugin-typings/blob/master/plugin-api.d.ts";
const DOCS = "https://developers.figma.com/docs/plugins";

export interface EmulatorRule {
  readonly id: string;
  readonly rule: string;
  readonly source: string;
  readonly confirmed: boolean;
}

export const RULES = [
  // ---- the API in general --------------------------------------------------------------------
  {
    id: "api.type",
    rule: 'A setter or argument of the wrong type throws `in <op>: Expected "<prop>" to have type <X> but got <Y> instead`.',
    source: `${DOCS}/api/api-errors`,
    confirmed: true,
  },
  {
    id: "api.range",
    rule: "A number outside its documented range throws (opacity 0–1, strokeWeight ≥ 0, cornerRadius ≥ 0, itemSpacing on wrap …).",
    source: `${DOCS}/api/api-errors`,
    confirmed: true,
  },
  {
    id: "api.enum",
    rule: "A bad enum value throws `Invalid enum value. Expected 'A' | 'B', received 'C'`.",
    source: "https://github.com/figma/mcp-server-guide (skills/figma-use/references/gotchas.md)",
    confirmed: true,
  },
  {
    id: "api.no-such-property",
    rule: "Reading or writing a property a node type does not have throws `TypeError: node.foo: no such property 'foo' on TYPE node` (the figma global likewise).",
    source: "https://github.com/figma/mcp-server-guide (skills/figma-use/references/gotchas.md)",
    confirmed: true,
  },
  {
    id: "api.read-only",
    rule: "Assigning a read-only property (width, height, type, id, children, parent, removed …) throws a TypeError; use resize() or appendChild().",
    source: `${TYPINGS} (DimensionAndPositionMixin: "Use a resizing method to change this value")`,
    confirmed: true,
  },
  {
    id: "api.closed",
    rule: "After figma.closePlugin() the figma API and nodes are disabled: using them throws. Error text unconfirmed.",
    source: `${DOCS}/api/properties/figma-closeplugin`,
    confirmed: false,
  },
  {
    id: "emulator.unsupported",
    rule: "A part of the API the emulator does not implement throws instead of doing nothing, so no test passes on a silently ignored call.",
    source: "The emulator's own guard, not a platform rule (see the list of what is not covered in emulator.ts)",
    confirmed: true,
  },
  {
    id: "emulator.misuse",
    rule: "The emulator's own helpers (panel end, renderSvg, person actions, node options) reject misuse by a test or the host: posting to a closed panel, drawing something that is not an emulated node, calling a node method on another object.",
    source: "The emulator's own guard, not a platform rule",
    confirmed: true,
  },
  {
    id: "editor.creator-unavailable",
    rule: "FigJam has no createFrame/createVector/createComponent/createPage (safe assumption: a FigJam map is sections, shapes with text, stickies, connectors, text); Figma design has no createSticky/createShapeWithText/createConnector. Both throw `TypeError: figma.X no such property 'X' on the figma global object`.",
    source: `${DOCS}/setting-editor-type`,
    confirmed: false,
  },
  {
    id: "events.unknown-type",
    rule: "figma.on/once/off accept only the documented event types.",
    source: `${TYPINGS} (ArgFreeEventType, PluginAPI.on)`,
    confirmed: false,
  },
  // ---- dynamic-page --------------------------------------------------------------------------
  {
    id: "dynamic-page.sync-api",
    rule: "With documentAccess dynamic-page, getNodeById, getStyleById, getLocal{Paint,Text,Effect,Grid}Styles and getFileThumbnailNode throw `Cannot call with documentAccess: dynamic-page. Use figma.<name>Async() instead`.",
    source: `${DOCS}/api/api-errors`,
    confirmed: true,
  },
  {
    id: "dynamic-page.current-page-setter",
    rule: "Assigning figma.currentPage throws with dynamic-page; use `await figma.setCurrentPageAsync(page)`. Error text unconfirmed.",
    source: `${TYPINGS} (PluginAPI.currentPage)`,
    confirmed: false,
  },
  {
    id: "dynamic-page.unloaded-page",
    rule: "On a page that is not loaded, children/appendChild/insertChild/find*/exportAsync throw `Cannot access children on a page that has not been explicitly loaded. Remember to call await page.loadAsync() or await figma.loadAllPagesAsync() first`.",
    source: `${DOCS}/migrating-to-dynamic-loading`,
    confirmed: true,
  },
  {
    id: "dynamic-page.root-find",
    rule: "figma.root.findAll/findOne/findAllWithCriteria throw until figma.loadAllPagesAsync() (root.findChild/findChildren do not). Error text unconfirmed.",
    source: `${DOCS}/migrating-to-dynamic-loading`,
    confirmed: false,
  },
  {
    id: "dynamic-page.documentchange",
    rule: "figma.on('documentchange') throws until figma.loadAllPagesAsync(). Error text unconfirmed.",
    source: `${TYPINGS} (PluginAPI.on, documentchange)`,
    confirmed: false,
  },
  // ---- nodes and the tree --------------------------------------------------------------------
  {
    id: "node.removed",
    rule: 'Using a removed node throws `in <op>: The node with id "1:2" does not exist`; getNodeByIdAsync resolves to null.',
    source: "https://github.com/react-figma/figma-api-stub/issues/17",
    confirmed: true,
  },
  {
    id: "node.remove-not-allowed",
    rule: "The document, the only page and the current page cannot be removed: `in remove: Removing this node is not allowed`.",
    source: "https://github.com/google/google-sheets-sync-figma/issues/307",
    confirmed: false,
  },
  {
    id: "tree.cycle",
    rule: "appendChild/insertChild of a node into itself or a descendant throws `Cannot move node. Doing so would create a parenting cycle`.",
    source: `${DOCS}/api/properties/nodes-appendchild`,
    confirmed: true,
  },
  {
    id: "tree.no-children",
    rule: "A node type without children cannot be a parent: `Cannot move node. New parent is of a type that cannot have children`.",
    source: `${DOCS}/api/properties/nodes-appendchild`,
    confirmed: true,
  },
  {
    id: "tree.pages",
    rule: "The document holds only pages, and pages only sit under the document (`The root node cannot have children of type other than PAGE`, `Nodes other than the root node cannot have children of type PAGE`); the document is never reparented.",
    source: `${DOCS}/api/properties/nodes-appendchild`,
    confirmed: true,
  },
  {
    id: "tree.section-parent",
    rule: "A section sits only on a page or inside another section. Error text unconfirmed.",
    source: "https://help.figma.com/hc/en-us/articles/9771500257687-Organize-your-canvas-with-sections",
    confirmed: false,
  },
  {
    id: "tree.index",
    rule: "insertChild with an index below 0 or past the child count throws.",
    source: `${TYPINGS} (ChildrenMixin.insertChild)`,
    confirmed: true,
  },
  {
    id: "selection.scene-nodes",
    rule: "page.selection accepts only scene nodes that sit on that page. Error text unconfirmed.",
    source: `${TYPINGS} (PageNode.selection)`,
    confirmed: false,
  },
  {
    id: "resize.minimum",
    rule: "resize/resizeWithoutConstraints need width and height ≥ 0.01 (a line's height exactly 0). Error text unconfirmed.",
    source: `${TYPINGS} (LayoutMixin.resize)`,
    confirmed: true,
  },
  // ---- text ----------------------------------------------------------------------------------
  {
    id: "text.font-not-loaded",
    rule: 'Writing characters, fontSize, fontName (the new font), textCase, letterSpacing, lineHeight, paragraph spacing/indent, textDecoration, text alignment, textAutoResize, maxLines, textTruncation, insert/deleteCharacters or any setRange* before the fonts are loaded throws `in set_characters: Cannot write to node with unloaded font "Inter Regular". Please call figma.loadFontAsync({ family: "Inter", style: "Regular" }) and await the returned promise first.`',
    source: `${DOCS}/api/properties/figma-loadfontasync; https://github.com/figma/plugin-samples/issues/84`,
    confirmed: true,
  },
  {
    id: "text.font-unavailable",
    rule: 'loadFontAsync of a font that is not installed (tests choose: `installedFonts`) rejects with `The font "Family Style" could not be loaded`; text using such a font (a person set it on another computer) has `hasMissingFont` true, and so does `figma.hasMissingFont`.',
    source: "https://github.com/figma/plugin-samples/issues/93",
    confirmed: true,
  },
  {
    id: "text.font-size",
    rule: "fontSize must be at least 1. Error text unconfirmed.",
    source: `${TYPINGS} (BaseNonResizableTextMixin.fontSize)`,
    confirmed: true,
  },
  {
    id: "text.range",
    rule: "Character ranges must satisfy 0 ≤ start < end ≤ length (getRangeAllFontNames throws when start === end). Error text unconfirmed.",
    source: `${DOCS}/api/properties/TextNode-getrangeallfontnames`,
    confirmed: true,
  },
  {
    id: "text.max-lines",
    rule: "maxLines is an integer ≥ 1 or null.",
    source: `${TYPINGS} (TextNode.maxLines)`,
    confirmed: true,
  },
  // ---- plugin data and relaunch data ---------------------------------------------------------
  {
    id: "plugin-data.type",
    rule: 'Plugin data keys and values must be strings: `in setSharedPluginData: Expected "value" to have type string but got number instead`.',
    source: "https://github.com/DirectedEdges/specs-plugin-1/issues/183",
    confirmed: true,
  },
  {
    id: "plugin-data.size",
    rule: "An entry (plugin id or namespace + key + value, UTF-8 bytes) over 100 kB (102,400 bytes) throws. Error text unconfirmed.",
    source: `${DOCS}/updates/2025/03/17/version-1-update-109`,
    confirmed: false,
  },
  {
    id: "plugin-data.namespace",
    rule: "A shared plugin data namespace is at least 3 characters of [A-Za-z0-9_.]. Error text unconfirmed.",
    source: `${TYPINGS} (PluginDataMixin.setSharedPluginData)`,
    confirmed: false,
  },
  {
    id: "relaunch.description",
    rule: "setRelaunchData descriptions are strings of at most 1000 characters.",
    source: `${TYPINGS} (BaseNodeMixin.setRelaunchData)`,
    confirmed: true,
  },
  // ---- auto layout ---------------------------------------------------------------------------
  {
    id: "autolayout.needs-layout-mode",
    rule: "padding*, itemSpacing, sizing modes, alignment, layoutWrap, counterAxisSpacing, itemReverseZIndex and strokesIncludedInLayout on a frame whose layoutMode is NONE throw (safe assumption).",
    source: `${TYPINGS} (AutoLayoutMixin.layoutMode)`,
    confirmed: false,
  },
  {
    id: "autolayout.wrap",
    rule: "layoutWrap 'WRAP' needs layoutMode HORIZONTAL; counterAxisSpacing and counterAxisAlignContent need a wrapping frame.",
    source: `${TYPINGS} (AutoLayoutMixin.layoutWrap, counterAxisAlignContent)`,
    confirmed: true,
  },
  {
    id: "autolayout.sizing-mode",
    rule: "primaryAxisSizingMode/counterAxisSizingMode take 'FIXED' | 'AUTO': `Invalid enum value. Expected 'FIXED' | 'AUTO', received 'HUG'`.",
    source: "https://github.com/figma/mcp-server-guide (skills/figma-use/references/gotchas.md)",
    confirmed: true,
  },
  {
    id: "autolayout.baseline",
    rule: "counterAxisAlignItems 'BASELINE' only on horizontal auto-layout frames.",
    source: `${TYPINGS} (AutoLayoutMixin.counterAxisAlignItems)`,
    confirmed: true,
  },
  {
    id: "autolayout.fill",
    rule: "layoutSizingHorizontal/Vertical 'FILL' only on children of auto-layout frames: `in set_layoutSizingHorizontal: FILL can only be set on children of auto-layout frames` (append first, then set FILL).",
    source: "https://github.com/grab/cursor-talk-to-figma-mcp/pull/187",
    confirmed: true,
  },
  {
    id: "autolayout.hug",
    rule: "layoutSizingHorizontal/Vertical 'HUG' only on auto-layout frames or text children of auto-layout frames: `in set_layoutSizingVertical: HUG can only be set on auto-layout frames or text children of auto-layout frames`.",
    source: `${TYPINGS} (LayoutMixin.layoutSizingHorizontal)`,
    confirmed: true,
  },
  {
    id: "autolayout.child",
    rule: "layoutAlign, layoutGrow and layoutPositioning 'ABSOLUTE' need a parent with auto layout (`in set_layoutPositioning: Can only set layoutPositioning = ABSOLUTE if the parent node has layoutMode !== NONE`); layoutGrow is 0 or 1.",
    source: `${TYPINGS} (AutoLayoutChildrenMixin)`,
    confirmed: false,
  },
  // ---- paints and vectors --------------------------------------------------------------------
  {
    id: "paint.invalid",
    rule: "fills/strokes must be arrays of valid paints: known type, colour object with r, g, b in 0–1 and no other keys, opacity 0–1 (`in set_fills: Expected object, received null at [0].color`).",
    source: "https://github.com/figma/mcp-server-guide (skills/figma-use/references/gotchas.md)",
    confirmed: true,
  },
  {
    id: "vector.paths",
    rule: "vectorPaths data uses only absolute M, L, Q, C, Z separated by single spaces: `in set_vectorPaths: Failed to convert path. Invalid command at H`.",
    source: `${TYPINGS} (VectorPath.data)`,
    confirmed: true,
  },
  {
    id: "connector.endpoint",
    rule: "A connector end is { position } or { endpointNodeId, magnet } (magnet NONE | AUTO | TOP | LEFT | BOTTOM | RIGHT | CENTER) naming an existing node on the page. Error text unconfirmed.",
    source: `${TYPINGS} (ConnectorEndpoint)`,
    confirmed: false,
  },
  // ---- the UI bridge, storage ----------------------------------------------------------------
  {
    id: "ui.no-ui",
    rule: "figma.ui.postMessage/resize/show/hide need a UI opened by figma.showUI(). Error text unconfirmed.",
    source: `${TYPINGS} (UIAPI)`,
    confirmed: false,
  },
  {
    id: "ui.message",
    rule: "Messages carry only objects, arrays, numbers, strings, booleans, null, undefined, Date and Uint8Array (structured clone).",
    source: `${DOCS}/api/properties/figma-ui-postmessage`,
    confirmed: true,
  },
  {
    id: "client-storage.value",
    rule: "clientStorage stores objects, arrays, strings, numbers, booleans, null, undefined and Uint8Array; keys are strings.",
    source: `${DOCS}/api/figma-clientStorage`,
    confirmed: true,
  },
  {
    id: "client-storage.quota",
    rule: "clientStorage holds at most 5 MB per plugin (key + JSON(value) per entry); setAsync over the quota rejects. Error text unconfirmed.",
    source: `${DOCS}/api/figma-clientStorage`,
    confirmed: false,
  },
] as const satisfies readonly EmulatorRule[];

export type RuleId = (typeof RULES)[number]["id"];

/** An error thrown by the emulator, carrying the rule it enforces. */
export type RuleError = Error & { readonly ruleId: RuleId };

/** Builds the error for a rule; `TypeError` where Figma throws one. */
export function ruleError(ruleId: RuleId, message: string, kind: "Error" | "TypeError" = "Error"): RuleError {
  const error = kind === "TypeError" ? new TypeError(message) : new Error(message);
  return Object.assign(error, { ruleId });
}

/** Throws the error for a rule. */
export function fail(ruleId: RuleId, message: string, kind: "Error" | "TypeError" = "Error"): never {
  throw ruleError(ruleId, message, kind);
}

/** The rule an error was raised for, if the emulator raised it. */
export function ruleIdOf(error: unknown): RuleId | undefined {
  if (typeof error !== "object" || error === null || !("ruleId" in error)) return undefined;
  const id: unknown = error.ruleId;
  return RULES.some((rule) => rule.id === id) ? (id as RuleId) : undefined;
}

/** Figma's name for the type of a value in type errors ("number", "string", "null", "array", "object" …). */
export function typeName(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  return typeof value;
}

/** `in <op>: Expected "<prop>" to have type <type> but got <actual> instead`. */
export function expectType(op: string, prop: string, type: string, value: unknown, ruleId: RuleId = "api.type"): never {
  fail(ruleId, `in ${op}: Expected "${prop}" to have type ${type} but got ${typeName(value)} instead`);
}

/** Validates an enum value: `Invalid enum value. Expected 'A' | 'B', received 'C'`. */
export function expectEnum<T extends string>(
  op: string,
  values: readonly T[],
  value: unknown,
  ruleId: RuleId = "api.enum",
): T {
  if (typeof value === "string" && (values as readonly string[]).includes(value)) return value as T;
  const expected = values.map((v) => `'${v}'`).join(" | ");
  const received = typeof value === "string" ? `'${value}'` : typeName(value);
  fail(ruleId, `in ${op}: Invalid enum value. Expected ${expected}, received ${received}`);
}

export function expectString(op: string, prop: string, value: unknown, ruleId: RuleId = "api.type"): string {
  if (typeof value !== "string") expectType(op, prop, "string", value, ruleId);
  return value;
}

export function expectBoolean(op: string, prop: string, value: unknown): boolean {
  if (typeof value !== "boolean") expectType(op, prop, "boolean", value);
  return value;
}

/** A finite number, optionally within [min, max]. */
export function expectNumber(op: string, prop: string, value: unknown, min = -Infinity, max = Infinity): number {
  if (typeof value !== "number" || Number.isNaN(value)) expectType(op, prop, "number", value);
  if (!Number.isFinite(value)) fail("api.range", `in ${op}: Expected "${prop}" to be a finite number but got ${value}`);
  if (value < min) fail("api.range", `in ${op}: Expected "${prop}" to be >= ${min} but got ${value}`);
  if (value > max) fail("api.range", `in ${op}: Expected "${prop}" to be <= ${max} but got ${value}`);
  return value;
}
