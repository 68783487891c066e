/**
 * The node tree: children, appendChild/insertChild with Figma's reparenting rules, remove, and
 * the find* family (pre-order, back to front, excluding the node searched from).
 * @see https://developers.figma.com/docs/plugins/api/properties/nodes-appendchild
 * @see https://developers.figma.com/docs/plugins/api/properties/nodes-findall
 */
import { targetOf } from "../facade";
import { ensureLayout, forceLayoutDirty, isInFlow, markLayoutDirty } from "../layout";
import { expectNumber, fail, typeName } from "../rules";
import type { BaseNodeImpl } from "./base-node";

const UNLOADED_PAGE =
  "Cannot access children on a page that has not been explicitly loaded. Remember to call await page.loadAsync() or await figma.loadAllPagesAsync() first";

/** The emulator node behind a value the plugin passed, or a type error. */
export function nodeArgument(op: string, name: string, value: unknown): BaseNodeImpl {
  const target = targetOf(value);
  if (target === undefined || !("_id" in target)) {
    fail("api.type", `in ${op}: Expected "${name}" to have type node but got ${typeName(value)} instead`);
  }
  const node = target as BaseNodeImpl;
  if (node._removed) fail("node.removed", `in ${op}: The node with id "${node._id}" does not exist`);
  return node;
}

/** Pages other than the current one must be loaded before their children are touched (dynamic-page). */
export function assertChildrenAccessible(node: BaseNodeImpl): void {
  if (node.type === "PAGE" && !node._core.isPageLoaded(node)) {
    fail("dynamic-page.unloaded-page", UNLOADED_PAGE);
  }
}

/** Whole-document searches need every page loaded. */
function assertDocumentSearchable(node: BaseNodeImpl, op: string): void {
  if (node.type === "DOCUMENT" && !node._core.run.allPagesLoaded && node._core.userActing === 0) {
    fail("dynamic-page.root-find", `in ${op}: Cannot search the whole document before all pages are loaded. Call await figma.loadAllPagesAsync() first`);
  }
}

export function kidsOf(node: BaseNodeImpl): BaseNodeImpl[] {
  return node._kids ?? [];
}

/** `children`: a frozen array of faces, cached until the children change. */
export function childrenOf(node: BaseNodeImpl): ReadonlyArray<BaseNode> {
  assertChildrenAccessible(node);
  if (node._kidFaces === null) node._kidFaces = Object.freeze(kidsOf(node).map((k) => k._face));
  return node._kidFaces;
}

function childrenChanged(node: BaseNodeImpl): void {
  node._kidFaces = null;
}

function isAncestorOrSelf(candidate: BaseNodeImpl, node: BaseNodeImpl): boolean {
  for (let n: BaseNodeImpl | null = node; n !== null; n = n._parent) if (n === candidate) return true;
  return false;
}

/** Detaches a node from its parent (no checks). */
export function detach(node: BaseNodeImpl): void {
  const parent = node._parent;
  if (!parent) return;
  const kids = kidsOf(parent);
  const index = kids.indexOf(node);
  if (index >= 0) kids.splice(index, 1);
  childrenChanged(parent);
  node._parent = null;
  markLayoutDirty(parent);
}

/** Puts a node into a parent at an index (no checks). */
export function attach(parent: BaseNodeImpl, node: BaseNodeImpl, index: number): void {
  const kids = parent._kids;
  if (!kids) return;
  kids.splice(index, 0, node);
  childrenChanged(parent);
  node._parent = parent;
  forceLayoutDirty(node);
  markLayoutDirty(parent);
}

/** appendChild / insertChild with Figma's checks. */
export function insertChild(parent: BaseNodeImpl, op: string, indexArg: unknown, childArg: unknown): void {
  const child = nodeArgument(op, "child", childArg);
  const kids = parent._kids;
  if (kids === null) fail("tree.no-children", `in ${op}: Cannot move node. New parent is of a type that cannot have children`);
  assertChildrenAccessible(parent);
  const index = indexArg === undefined ? kids.length : expectNumber(op, "index", indexArg);
  if (child.type === "DOCUMENT") fail("tree.pages", `in ${op}: Cannot move node. Node is the scene root, which cannot be reparented`);
  if (parent.type === "DOCUMENT" && child.type !== "PAGE") {
    fail("tree.pages", `in ${op}: Cannot move node. The root node cannot have children of type other than PAGE`);
  }
  if (child.type === "PAGE" && parent.type !== "DOCUMENT") {
    fail("tree.pages", `in ${op}: Cannot move node. Nodes other than the root node cannot have children of type PAGE`);
  }
  if (isAncestorOrSelf(child, parent)) fail("tree.cycle", `in ${op}: Cannot move node. Doing so would create a parenting cycle`);
  if (child.type === "SECTION" && parent.type !== "PAGE" && parent.type !== "SECTION") {
    fail("tree.section-parent", `in ${op}: Cannot move node. A section can only be placed on a page or inside another section`);
  }
  if (!Number.isInteger(index) || index < 0 || index > kids.length) {
    fail("tree.index", `in ${op}: Expected "index" to be an integer between 0 and ${kids.length} but got ${index}`);
  }
  let at = index;
  const oldParent = child._parent;
  if (oldParent === parent && kids.indexOf(child) < index) at--;
  // A child that fills its old auto-layout parent keeps the size it had there.
  const scene = child._asScene();
  if (scene && isInFlow(scene) && (scene._layoutGrow === 1 || scene._layoutAlign === "STRETCH")) {
    ensureLayout(scene);
    scene._fixedW = scene._w;
    scene._fixedH = scene._h;
  }
  const oldPage = pageOf(child);
  detach(child);
  attach(parent, child, at);
  if (oldPage && oldPage !== pageOf(child)) oldPage._dropFromSelection?.(child);
  const core = parent._core;
  core.recordWrite(parent, "children");
  core.recordWrite(child, "parent");
  if (oldParent && oldParent !== parent) core.recordWrite(oldParent, "children");
}

/** The page a node sits on, if any. */
export function pageOf(node: BaseNodeImpl): BaseNodeImpl | null {
  for (let n: BaseNodeImpl | null = node; n !== null; n = n._parent) if (n.type === "PAGE") return n;
  return null;
}

function markRemoved(node: BaseNodeImpl): void {
  node._removed = true;
  node._core.unregister(node);
  for (const kid of kidsOf(node)) markRemoved(kid);
}

/** remove(): the node and its subtree. @see https://developers.figma.com/docs/plugins/api/properties/nodes-remove */
export function removeNode(node: BaseNodeImpl): void {
  const core = node._core;
  if (node.type === "DOCUMENT") fail("node.remove-not-allowed", "in remove: Removing this node is not allowed");
  if (node.type === "PAGE" && (kidsOf(core.document).length <= 1 || node === core.currentPage)) {
    fail("node.remove-not-allowed", "in remove: Removing this node is not allowed");
  }
  const parent = node._parent;
  const page = pageOf(node);
  detach(node);
  markRemoved(node);
  page?._dropFromSelection?.(node);
  core.hooks.nodeChanged(node, "DELETE");
  if (parent) core.recordWrite(parent, "children");
  core.recordWrite(node);
}

// ---- find* ---------------------------------------------------------------------------------

type Callback = (node: BaseNode) => unknown;

function callbackArgument(op: string, value: unknown, required: boolean): Callback | undefined {
  if (value === undefined && !required) return undefined;
  if (typeof value !== "function") fail("api.type", `in ${op}: Expected "callback" to have type function but got ${typeName(value)} instead`);
  return value as Callback;
}

/** Pre-order walk of the descendants (not the node itself); stops when `visit` returns true. */
function walk(node: BaseNodeImpl, visit: (n: BaseNodeImpl) => boolean): boolean {
  for (const kid of kidsOf(node)) {
    if (visit(kid)) return true;
    if (walk(kid, visit)) return true;
  }
  return false;
}

export function findAll(node: BaseNodeImpl, callbackArg: unknown): BaseNode[] {
  assertDocumentSearchable(node, "findAll");
  assertChildrenAccessible(node);
  const callback = callbackArgument("findAll", callbackArg, false);
  const out: BaseNode[] = [];
  walk(node, (n) => {
    if (!callback || callback(n._face)) out.push(n._face);
    return false;
  });
  return out;
}

export function findOne(node: BaseNodeImpl, callbackArg: unknown): BaseNode | null {
  assertDocumentSearchable(node, "findOne");
  assertChildrenAccessible(node);
  const callback = callbackArgument("findOne", callbackArg, true);
  let found: BaseNode | null = null;
  walk(node, (n) => {
    if (callback?.(n._face)) {
      found = n._face;
      return true;
    }
    return false;
  });
  return found;
}

export function findChildren(node: BaseNodeImpl, callbackArg: unknown): BaseNode[] {
  assertChildrenAccessible(node);
  const callback = callbackArgument("findChildren", callbackArg, false);
  return kidsOf(node)
    .map((k) => k._face)
    .filter((face) => !callback || callback(face));
}

export function findChild(node: BaseNodeImpl, callbackArg: unknown): BaseNode | null {
  assertChildrenAccessible(node);
  const callback = callbackArgument("findChild", callbackArg, true);
  for (const kid of kidsOf(node)) if (callback?.(kid._face)) return kid._face;
  return null;
}

function stringArray(op: string, name: string, value: unknown): string[] | undefined {
  if (value === undefined) return undefined;
  if (!Array.isArray(value) || !value.every((v) => typeof v === "string")) {
    fail("api.type", `in ${op}: Expected "${name}" to have type string[] but got ${typeName(value)} instead`);
  }
  return value as string[];
}

/** @see https://developers.figma.com/docs/plugins/api/properties/nodes-findallwithcriteria */
export function findAllWithCriteria(node: BaseNodeImpl, criteria: unknown): BaseNode[] {
  const op = "findAllWithCriteria";
  assertDocumentSearchable(node, op);
  assertChildrenAccessible(node);
  if (typeof criteria !== "object" || criteria === null) {
    fail("api.type", `in ${op}: Expected "criteria" to have type object but got ${typeName(criteria)} instead`);
  }
  const c = criteria as { types?: unknown; pluginData?: unknown; sharedPluginData?: unknown };
  const types = stringArray(op, "types", c.types);
  let pluginKeys: string[] | undefined;
  const wantsPluginData = c.pluginData !== undefined;
  if (wantsPluginData) {
    if (typeof c.pluginData !== "object" || c.pluginData === null) fail("api.type", `in ${op}: Expected "pluginData" to have type object`);
    pluginKeys = stringArray(op, "pluginData.keys", (c.pluginData as { keys?: unknown }).keys);
  }
  let shared: { namespace: string; keys: string[] | undefined } | undefined;
  if (c.sharedPluginData !== undefined) {
    const s = c.sharedPluginData as { namespace?: unknown; keys?: unknown } | null;
    if (typeof s !== "object" || s === null || typeof s.namespace !== "string") {
      fail("api.type", `in ${op}: Expected "sharedPluginData.namespace" to have type string`);
    }
    shared = { namespace: s.namespace, keys: stringArray(op, "sharedPluginData.keys", s.keys) };
  }
  const typeSet = types ? new Set(types) : undefined;
  const out: BaseNode[] = [];
  walk(node, (n) => {
    if (typeSet && !typeSet.has(n.type)) return false;
    if (wantsPluginData && !n._hasPluginData(pluginKeys)) return false;
    if (shared && !n._hasSharedPluginData(shared.namespace, shared.keys)) return false;
    out.push(n._face);
    return false;
  });
  return out;
}
