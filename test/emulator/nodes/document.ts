/**
 * The document (figma.root) and its pages. With documentAccess "dynamic-page" only the current
 * page is loaded when the plugin starts; the others must be loaded before their children are used.
 * @see https://developers.figma.com/docs/plugins/api/DocumentNode
 * @see https://developers.figma.com/docs/plugins/api/PageNode
 * @see https://developers.figma.com/docs/plugins/migrating-to-dynamic-loading
 */
import type { EmulatorCore } from "../core";
import { validatePaints, solid } from "../paints";
import { fail, ruleError, typeName } from "../rules";
import { BaseNodeImpl } from "./base-node";
import { withChildren } from "./children";
import type { SceneNodeImpl } from "./scene-node";
import { attach, kidsOf, nodeArgument, pageOf } from "./tree";

export class DocumentImpl extends withChildren<typeof BaseNodeImpl, PageNode>(BaseNodeImpl) {
  override _kids: PageImpl[] = [];

  constructor(core: EmulatorCore, name: string) {
    super(core, "DOCUMENT", name);
  }

  get type(): "DOCUMENT" {
    return "DOCUMENT";
  }

  /** The file name is read-only for plugins. */
  override get name(): string {
    return this._name;
  }

  override set name(value: unknown) {
    fail("api.read-only", `in set_name: Cannot assign ${JSON.stringify(value)} to read only property 'name' of the document`, "TypeError");
  }

  get documentColorProfile(): "LEGACY" | "SRGB" | "DISPLAY_P3" {
    return "SRGB";
  }
}

export class PageImpl extends withChildren(BaseNodeImpl) {
  override _kids: SceneNodeImpl[] = [];
  _selection: SceneNodeImpl[] = [];
  _backgrounds: ReadonlyArray<Paint> = solid(0.96, 0.96, 0.96);

  constructor(core: EmulatorCore, name: string) {
    super(core, "PAGE", name);
    this._dropFromSelection = (node) => {
      const before = this._selection.length;
      this._selection = this._selection.filter((n) => {
        for (let p: BaseNodeImpl | null = n; p !== null; p = p._parent) if (p === node) return false;
        return true;
      });
      if (this._selection.length !== before) this._core.hooks.selectionChanged(this);
    };
  }

  get type(): "PAGE" {
    return "PAGE";
  }

  /** Selecting is not a change to the document (no undo step, no written node). */
  override _written(op: string): void {
    if (op !== "set_selection") super._written(op);
  }

  /** @see https://developers.figma.com/docs/plugins/api/properties/PageNode-loadasync */
  loadAsync(): Promise<void> {
    this._core.run.loadedPages.add(this);
    return Promise.resolve();
  }

  get selection(): ReadonlyArray<SceneNode> {
    return Object.freeze(this._selection.map((n) => n._face as SceneNode));
  }

  /** Selecting fires "selectionchange" on the current page. Only scene nodes on this page. */
  set selection(value: unknown) {
    const op = "set_selection";
    if (!Array.isArray(value)) fail("api.type", `in ${op}: Expected "selection" to have type array but got ${typeName(value)} instead`);
    const nodes = value.map((v: unknown) => {
      const node = nodeArgument(op, "selection[]", v);
      const scene = node._asScene();
      if (!scene || pageOf(scene) !== this) fail("selection.scene-nodes", `in ${op}: Node "${node._id}" is not a scene node on page "${this._name}"`);
      return scene;
    });
    this._selection = [...new Set(nodes)];
    this._core.hooks.selectionChanged(this);
  }

  get backgrounds(): ReadonlyArray<Paint> {
    return this._backgrounds;
  }

  set backgrounds(value: unknown) {
    this._backgrounds = validatePaints("set_backgrounds", value);
  }

  get guides(): ReadonlyArray<Guide> {
    return [];
  }

  get flowStartingPoints(): ReadonlyArray<{ nodeId: string; name: string }> {
    return [];
  }

  get isPageDivider(): boolean {
    return false;
  }

  /** A copy of the page and its content, placed after the last page. */
  clone(): PageNode {
    const core = this._core;
    const copy = new PageImpl(core, this._name);
    this._copyDataTo(copy);
    copy._backgrounds = this._backgrounds;
    kidsOf(this).forEach((kid, i) => {
      const scene = kid._asScene();
      if (scene) attach(copy, scene._cloneAtCurrentSize(), i);
    });
    attach(core.document, copy, core.document._kids.length);
    core.run.loadedPages.add(copy);
    return copy._face as PageNode;
  }

  on(): void {
    throw ruleError("emulator.unsupported", "in on: the emulator does not implement page 'nodechange' events");
  }

  once(): void {
    throw ruleError("emulator.unsupported", "in once: the emulator does not implement page 'nodechange' events");
  }

  off(): void {
    throw ruleError("emulator.unsupported", "in off: the emulator does not implement page 'nodechange' events");
  }
}
