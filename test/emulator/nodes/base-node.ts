/**
 * What every node has (BaseNodeMixin): id, name, parent, removal, plugin data, shared plugin data
 * and relaunch data.
 * @see https://developers.figma.com/docs/plugins/api/node-properties
 */
import type { EmulatorCore } from "../core";
import { createFacade, type AccessKind, type FacadeTarget } from "../facade";
import type { AutoLayoutState } from "../layout";
import { expectString, fail, ruleError, typeName } from "../rules";
import type { SceneNodeImpl } from "./scene-node";
import { removeNode } from "./tree";

/** 100 kB per plugin data entry. @see https://developers.figma.com/docs/plugins/updates/2025/03/17/version-1-update-109 */
export const PLUGIN_DATA_ENTRY_LIMIT = 100 * 1024;
const RELAUNCH_DESCRIPTION_LIMIT = 1000;
const NAMESPACE = /^[A-Za-z0-9_.]{3,}$/;
const DATA_TYPE = "plugin-data.type";

/** UTF-8 length of a string, without allocating. */
export function utf8Length(s: string): number {
  let bytes = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) bytes += 1;
    else if (c < 0x800) bytes += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      bytes += 4;
      i++;
    } else bytes += 3;
  }
  return bytes;
}

export abstract class BaseNodeImpl implements FacadeTarget {
  readonly _id: string;
  readonly _face: BaseNode;
  _parent: BaseNodeImpl | null = null;
  _name: string;
  _removed = false;
  /** Children, for node types that have them (document, page, frame, section). */
  _kids: BaseNodeImpl[] | null = null;
  /** Cached faces of the children, dropped when they change. */
  _kidFaces: ReadonlyArray<BaseNode> | null = null;
  /** Auto-layout properties, for frames. */
  _al: AutoLayoutState | null = null;
  _pluginData: Map<string, string> | null = null;
  _sharedPluginData: Map<string, Map<string, string>> | null = null;
  _relaunchData: Readonly<Record<string, string>> = {};

  constructor(
    readonly _core: EmulatorCore,
    idKind: "DOCUMENT" | "PAGE" | "NODE",
    name: string,
  ) {
    this._id = _core.newNodeId(idKind);
    this._name = name;
    // The one place a node meets the typings: the Proxy face is what the plugin holds.
    this._face = createFacade(this) as unknown as BaseNode;
    _core.recordCreate(this);
  }

  abstract get type(): NodeType;

  /** This node as a scene node (layout, geometry), or null for the document and pages. */
  _asScene(): SceneNodeImpl | null {
    return null;
  }

  /** Pages forget removed or moved nodes in their selection (set by pages; other nodes have none). */
  _dropFromSelection: ((node: BaseNodeImpl) => void) | null = null;

  _guard(op: string, kind: AccessKind): void {
    const core = this._core;
    if (core.run.closed) core.checkOpen(kind === "read" ? `get_${op}` : op);
    if (this._removed && op !== "id" && op !== "removed" && op !== "toString") {
      fail("node.removed", `in ${kind === "read" ? `get_${op}` : op}: The node with id "${this._id}" does not exist`);
    }
    if (kind !== "read") core.countCall(op);
  }

  _written(op: string): void {
    this._core.recordWrite(this, op.slice(4));
  }

  _noSuchProperty(prop: string): Error {
    return ruleError("api.no-such-property", `node.${prop}: no such property '${prop}' on ${this.type} node`, "TypeError");
  }

  get id(): string {
    return this._id;
  }

  get removed(): boolean {
    return this._removed;
  }

  get parent(): (BaseNode & ChildrenMixin) | null {
    return (this._parent?._face as (BaseNode & ChildrenMixin) | undefined) ?? null;
  }

  get name(): string {
    return this._name;
  }

  set name(value: unknown) {
    this._name = expectString("set_name", "name", value);
  }

  toString(): string {
    return `[Node ${this._id}]`;
  }

  remove(): void {
    removeNode(this);
  }

  // ---- plugin data ---------------------------------------------------------------------------

  getPluginData(key: unknown): string {
    const k = expectString("getPluginData", "key", key, DATA_TYPE);
    return this._pluginData?.get(k) ?? "";
  }

  /** @see https://developers.figma.com/docs/plugins/api/properties/nodes-setplugindata */
  setPluginData(key: unknown, value: unknown): void {
    const k = expectString("setPluginData", "key", key, DATA_TYPE);
    const v = expectString("setPluginData", "value", value, DATA_TYPE);
    checkEntrySize("setPluginData", this._core.pluginId, k, v, "plugin id");
    if (v === "") this._pluginData?.delete(k);
    else (this._pluginData ??= new Map()).set(k, v);
    this._core.recordWrite(this, "pluginData");
  }

  getPluginDataKeys(): string[] {
    return this._pluginData ? [...this._pluginData.keys()] : [];
  }

  getSharedPluginData(namespace: unknown, key: unknown): string {
    const ns = checkNamespace("getSharedPluginData", namespace);
    const k = expectString("getSharedPluginData", "key", key, DATA_TYPE);
    return this._sharedPluginData?.get(ns)?.get(k) ?? "";
  }

  /** @see https://developers.figma.com/docs/plugins/api/properties/nodes-setsharedplugindata */
  setSharedPluginData(namespace: unknown, key: unknown, value: unknown): void {
    const ns = checkNamespace("setSharedPluginData", namespace);
    const k = expectString("setSharedPluginData", "key", key, DATA_TYPE);
    const v = expectString("setSharedPluginData", "value", value, DATA_TYPE);
    checkEntrySize("setSharedPluginData", ns, k, v, "namespace");
    if (v === "") {
      const entries = this._sharedPluginData?.get(ns);
      entries?.delete(k);
      if (entries?.size === 0) this._sharedPluginData?.delete(ns);
    } else {
      this._sharedPluginData ??= new Map();
      let entries = this._sharedPluginData.get(ns);
      if (!entries) {
        entries = new Map();
        this._sharedPluginData.set(ns, entries);
      }
      entries.set(k, v);
    }
    this._core.recordWrite(this, "sharedPluginData");
  }

  getSharedPluginDataKeys(namespace: unknown): string[] {
    const ns = checkNamespace("getSharedPluginDataKeys", namespace);
    const entries = this._sharedPluginData?.get(ns);
    return entries ? [...entries.keys()] : [];
  }

  // ---- relaunch data -------------------------------------------------------------------------

  /** @see https://developers.figma.com/docs/plugins/api/properties/nodes-setrelaunchdata */
  setRelaunchData(data: unknown): void {
    if (typeof data !== "object" || data === null || Array.isArray(data)) {
      fail("api.type", `in setRelaunchData: Expected "data" to have type object but got ${typeName(data)} instead`);
    }
    const copy: Record<string, string> = {};
    for (const [command, description] of Object.entries(data)) {
      if (typeof description !== "string") {
        fail("api.type", `in setRelaunchData: Expected "data.${command}" to have type string but got ${typeName(description)} instead`);
      }
      if (description.length > RELAUNCH_DESCRIPTION_LIMIT) {
        fail(
          "relaunch.description",
          `in setRelaunchData: The description for "${command}" is ${description.length} characters; the limit is ${RELAUNCH_DESCRIPTION_LIMIT}`,
        );
      }
      copy[command] = description;
    }
    this._relaunchData = Object.freeze(copy);
    this._core.recordWrite(this, "relaunchData");
  }

  getRelaunchData(): { [command: string]: string } {
    return { ...this._relaunchData };
  }

  /** Copies plugin data, shared plugin data and relaunch data onto a copy of this node. */
  _copyDataTo(copy: BaseNodeImpl): void {
    if (this._pluginData) copy._pluginData = new Map(this._pluginData);
    if (this._sharedPluginData) {
      copy._sharedPluginData = new Map([...this._sharedPluginData].map(([ns, entries]) => [ns, new Map(entries)]));
    }
    copy._relaunchData = this._relaunchData;
  }

  /** Whether this node has plugin data (any key, or one of `keys`) for this plugin. */
  _hasPluginData(keys: readonly string[] | undefined): boolean {
    const data = this._pluginData;
    if (!data || data.size === 0) return false;
    return keys === undefined ? true : keys.some((k) => data.has(k));
  }

  _hasSharedPluginData(namespace: string, keys: readonly string[] | undefined): boolean {
    const data = this._sharedPluginData?.get(namespace);
    if (!data || data.size === 0) return false;
    return keys === undefined ? true : keys.some((k) => data.has(k));
  }
}

function checkNamespace(op: string, namespace: unknown): string {
  const ns = expectString(op, "namespace", namespace, DATA_TYPE);
  if (!NAMESPACE.test(ns)) {
    fail(
      "plugin-data.namespace",
      `in ${op}: Namespace "${ns}" is invalid: it must be at least 3 alphanumeric characters (A-Z, a-z, 0-9, "_" and ".")`,
    );
  }
  return ns;
}

function checkEntrySize(op: string, owner: string, key: string, value: string, ownerName: string): void {
  const size = utf8Length(owner) + utf8Length(key) + utf8Length(value);
  if (size > PLUGIN_DATA_ENTRY_LIMIT) {
    fail(
      "plugin-data.size",
      `in ${op}: The entry for key "${key.slice(0, 40)}" is ${size} bytes (${ownerName}, key and value); the limit is ${PLUGIN_DATA_ENTRY_LIMIT} bytes (100 kB)`,
    );
  }
}
