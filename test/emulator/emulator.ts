/**
 * A strict, in-memory emulator of the Figma Plugin API, for running the real plugin in tests
 * (Node) and in the local host page (browser).
 *
 *   const emulator = createFigmaEmulator({ pages: ["Journey maps", "Archive"] });
 *   globalThis.figma = emulator.figma;          // then load the plugin bundle
 *   emulator.panel.postMessage({ type: "panel-ready" });
 *   await emulator.settle();
 *
 * Strict where Figma is strict (see rules.ts, one entry per enforced rule): fonts must be loaded,
 * dynamic-page forbids sync lookups and unloaded pages, plugin data has types and limits, auto
 * layout properties need auto layout, and so on. Anything the emulator does not implement throws
 * (`api.no-such-property`, `emulator.unsupported`) rather than doing nothing.
 *
 * Not covered: components and instances, styles and variables, groups and boolean operations,
 * GRID auto layout, images and video, vector networks, constraints on resize, rotation inside
 * auto layout, triggerUndo, page "nodechange" events, parameters, codegen and Dev Mode.
 */
import { ClientStorageApi, ClientStorageData } from "./client-storage";
import { assertRunOpen, EmulatorCore, type EditorType, type RunState } from "./core";
import { PluginEvents } from "./events";
import { createFacade, targetOf, type AccessKind, type FacadeTarget } from "./facade";
import { AVAILABLE_FONTS, createFigmaFace, type NotificationRecord, type RunContext, type VersionRecord } from "./figma-api";
import type { BaseNodeImpl } from "./nodes/base-node";
import { DocumentImpl, PageImpl } from "./nodes/document";
import { ConnectorImpl, ShapeWithTextImpl, StickyImpl } from "./nodes/figjam";
import type { SceneNodeImpl } from "./nodes/scene-node";
import { TextImpl } from "./nodes/text";
import { attach, pageOf, removeNode } from "./nodes/tree";
import { renderSvg, type RenderSvgOptions } from "./render-svg";
import { fail } from "./rules";
import { Scheduler } from "./scheduler";
import type { EmulatorStats, UndoHistory } from "./stats";
import { PanelEndImpl, PanelSide, UiApi, UiBridge, type PanelEnd, type UiRecord } from "./ui-bridge";

export type { PanelEnd, UiRecord } from "./ui-bridge";
export { AVAILABLE_FONTS, type NotificationRecord, type VersionRecord } from "./figma-api";
export { RULES, ruleIdOf, type RuleId } from "./rules";
export { renderSvg, type RenderSvgOptions } from "./render-svg";

export interface FigmaEmulatorOptions {
  /** "figma" (design, the default) or "figjam". */
  readonly editorType?: EditorType;
  /** The manifest menu command the plugin runs with; "" or absent means a plugin without menu. */
  readonly command?: string;
  /** Page names; the first is the current page. Default: ["Page 1"]. */
  readonly pages?: readonly string[];
  /** The plugin id (counts towards the plugin data entry size). Default "journey-mapper-emulator". */
  readonly pluginId?: string;
  /** The file name (figma.root.name). */
  readonly fileName?: string;
  /** clientStorage entries left by earlier runs. */
  readonly clientStorage?: Readonly<Record<string, unknown>>;
  /**
   * The fonts installed on this computer (default AVAILABLE_FONTS: Inter and Roboto). A file may
   * use others (set by a person elsewhere, `userSetFont`): those nodes have `hasMissingFont`, and
   * `loadFontAsync` rejects for them.
   */
  readonly installedFonts?: readonly FontName[];
}

export interface FigmaEmulator {
  /** The figma global for the plugin (replaced by relaunch()). */
  readonly figma: PluginAPI;
  /** The panel's end of the UI bridge (the same object across relaunches). */
  readonly panel: PanelEnd;
  readonly stats: EmulatorStats;
  readonly undo: UndoHistory;
  readonly notifications: readonly NotificationRecord[];
  /** Versions the plugin saved in the file's history. */
  readonly versions: readonly VersionRecord[];
  /** The current run's UI, as the plugin configured it; null before showUI. */
  readonly ui: Readonly<UiRecord> | null;
  /** Whether the current run called closePlugin (or the person closed it). */
  readonly closed: boolean;
  readonly closeMessage: string | undefined;
  /** Node ids passed to each figma.viewport.scrollAndZoomIntoView call. */
  readonly viewportCalls: readonly (readonly string[])[];
  /** Errors thrown by handlers in the current run (settle() throws the new ones). */
  readonly uncaughtErrors: readonly unknown[];
  /** Bytes used in clientStorage. */
  readonly clientStorageBytes: number;
  /** Nodes in the document (pages included). */
  readonly nodeCount: number;
  /** Bumped on every change to the document or page switch: redraw when it moves. */
  readonly version: number;
  /** Called when the plugin shows its UI; returns a function that stops listening. */
  onShowUI(listener: (ui: Readonly<UiRecord>) => void): () => void;
  /** Called when the plugin resizes its UI. */
  onResizeUI(listener: (width: number, height: number) => void): () => void;
  /** Called after each change to clientStorage (read it with `clientStorageSnapshot`). */
  onClientStorageChange(listener: () => void): () => void;
  /** A copy of every clientStorage entry. */
  clientStorageSnapshot(): Record<string, unknown>;
  /** Called for every figma.notify (the message as shown: at most 100 characters). */
  onNotify(listener: (message: string, notification: NotificationRecord) => void): () => void;
  /** A person selects nodes on the current page (fires "selectionchange"). */
  select(nodes: readonly SceneNode[]): void;
  /** A person presses Ctrl+D: a copy right after the original in the same parent, plugin data copied, new ids. */
  userDuplicate<T extends SceneNode>(node: T): T;
  /** A person deletes a node. */
  userDelete(node: SceneNode): void;
  /** A person edits the text of a text node, sticky, shape with text or connector (no fonts needed). */
  userEditText(node: TextNode | StickyNode | ShapeWithTextNode | ConnectorNode, characters: string): void;
  /**
   * A person restyles text with any font, installed here or not (a file made on another computer):
   * the whole text, or characters [start, end). No fonts need loading.
   */
  userSetFont(node: TextNode | StickyNode | ShapeWithTextNode, font: FontName, range?: { readonly start: number; readonly end: number }): void;
  /** A person switches page (the page loads; fires "currentpagechange"). */
  userSetCurrentPage(page: PageNode): void;
  /** A person closes the plugin window (fires "close"). */
  userClosePlugin(): void;
  /** Fires the "run" event, as Figma does once the plugin code has loaded. */
  fireRunEvent(parameters?: ParameterValues): void;
  /** Closes the current run (if open) and starts the plugin again on the same document. */
  relaunch(options?: { readonly command?: string }): void;
  /** Waits until messages and events are delivered and handlers have finished; throws their errors. */
  settle(options?: { readonly throwErrors?: boolean }): Promise<void>;
  /** A node by id, for tests, whatever page it is on (bypasses dynamic-page). */
  getNode(id: string): BaseNode | null;
  /** SVG of a node or page (default: the current page). */
  renderSvg(node?: SceneNode | PageNode, options?: RenderSvgOptions): string;
}

interface Run {
  readonly state: RunState;
  readonly scheduler: Scheduler;
  readonly events: PluginEvents;
  readonly ui: UiBridge;
  readonly figma: PluginAPI;
  readonly context: RunContext;
}

function impl(op: string, value: unknown): BaseNodeImpl {
  const target = targetOf(value);
  if (target === undefined || !("_id" in target)) fail("api.type", `in ${op}: expected a node from this emulator`);
  return target as BaseNodeImpl;
}

function sceneImpl(op: string, value: unknown): SceneNodeImpl {
  const scene = impl(op, value)._asScene();
  if (!scene) fail("api.type", `in ${op}: expected a scene node`);
  return scene;
}

export function createFigmaEmulator(options: FigmaEmulatorOptions = {}): FigmaEmulator {
  const core = new EmulatorCore(options.editorType ?? "figma", options.pluginId ?? "journey-mapper-emulator", options.installedFonts ?? AVAILABLE_FONTS);
  const storage = new ClientStorageData();
  if (options.clientStorage) storage.seed(options.clientStorage);
  const notifications: NotificationRecord[] = [];
  const versions: VersionRecord[] = [];
  const viewportCalls: string[][] = [];
  const showListeners = new Set<(ui: Readonly<UiRecord>) => void>();
  const resizeListeners = new Set<(width: number, height: number) => void>();
  const notifyListeners = new Set<(message: string, notification: NotificationRecord) => void>();
  const panelSide = new PanelSide();
  const listen = <T>(set: Set<T>, listener: T): (() => void) => {
    set.add(listener);
    return () => set.delete(listener);
  };

  core.asUser(() => {
    core.document = new DocumentImpl(core, options.fileName ?? "Untitled");
    const names = options.pages && options.pages.length > 0 ? options.pages : ["Page 1"];
    for (const name of names) attach(core.document, new PageImpl(core, name), core.document._kids.length);
    const first = core.document._kids[0];
    if (!first) fail("emulator.misuse", "createFigmaEmulator: the document needs at least one page");
    core.currentPage = first;
  });

  let run = startRun(options.command);
  const panel = new PanelEndImpl(panelSide, () => ({ bridge: run.ui, isClosed: () => run.state.closed }));

  core.hooks = {
    selectionChanged(page) {
      if (page === core.currentPage) run.events.emitLater("selectionchange", undefined, () => !run.state.closed);
    },
    nodeChanged(node, change, property) {
      if (!run.events.has("documentchange")) return;
      const removed: RemovedNode = { removed: true, type: node.type, id: node._id };
      const face = node._removed ? removed : (node._face as SceneNode);
      const origin = "LOCAL";
      const record: DocumentChange =
        change === "PROPERTY_CHANGE"
          ? { type: change, id: node._id, origin, node: face, properties: [property as NodeChangeProperty] }
          : { type: change, id: node._id, origin, node: change === "DELETE" ? removed : face };
      run.events.documentChange(record, () => !run.state.closed);
    },
  };

  function startRun(command: string | undefined): Run {
    const state = EmulatorCore.newRun();
    state.loadedPages.add(core.currentPage);
    const scheduler = new Scheduler();
    const events = new PluginEvents(scheduler);
    const ui = new UiBridge(scheduler, {
      shown: (record) => showListeners.forEach((listener) => listener(record)),
      resized: (width, height) => resizeListeners.forEach((listener) => listener(width, height)),
    }, panelSide);
    const guard = (op: string, kind: AccessKind): void => {
      assertRunOpen(state, op);
      if (kind !== "read") core.countCall(`figma.${op}`);
    };
    const faces = new Map<FacadeTarget, object>();
    const context: RunContext = {
      core,
      state,
      command: command === "" ? undefined : command,
      events,
      ui,
      uiApi: new UiApi(ui, guard),
      clientStorage: new ClientStorageApi(storage, guard, (task) => scheduler.later(task)),
      notifications,
      versions,
      notified: (record) => notifyListeners.forEach((listener) => listener(record.shown, record)),
      viewportCalls,
      close(message) {
        if (state.closed) return;
        // "close" handlers run first and may still use the API (synchronously).
        events.emitNow("close");
        state.closed = true;
        state.closeMessage = message;
        ui.close();
        scheduler.cancelAll();
        events.clear();
      },
      face<T>(target: FacadeTarget): T {
        let face = faces.get(target);
        if (!face) {
          face = createFacade(target);
          faces.set(target, face);
        }
        // Sub-APIs (ui, clientStorage …) meet the typings here, like the figma global.
        return face as unknown as T;
      },
    };
    core.run = state;
    return { state, scheduler, events, ui, figma: createFigmaFace(context), context };
  }

  const textOf = (node: BaseNodeImpl): { box: TextImpl["_box"]; changed: () => void } | null => {
    if (node instanceof TextImpl) return { box: node._box, changed: () => node._textChanged(true, false) };
    if (node instanceof StickyImpl || node instanceof ShapeWithTextImpl || node instanceof ConnectorImpl) {
      return { box: node._text._box, changed: () => undefined };
    }
    return null;
  };

  return {
    get figma() {
      return run.figma;
    },
    panel,
    stats: core.stats,
    undo: core.undo,
    notifications,
    versions,
    get ui() {
      return run.ui.record;
    },
    get closed() {
      return run.state.closed;
    },
    get closeMessage() {
      return run.state.closeMessage;
    },
    viewportCalls,
    get uncaughtErrors() {
      return run.scheduler.errors;
    },
    get clientStorageBytes() {
      return storage.usedBytes;
    },
    get nodeCount() {
      return core.nodeCount;
    },
    get version() {
      return core.version;
    },
    onShowUI: (listener) => listen(showListeners, listener),
    onResizeUI: (listener) => listen(resizeListeners, listener),
    onClientStorageChange: (listener) => listen(storage.listeners, listener),
    clientStorageSnapshot: () => storage.snapshot(),
    onNotify: (listener) => listen(notifyListeners, listener),
    select(nodes) {
      const scenes = nodes.map((n) => sceneImpl("select", n));
      for (const scene of scenes) {
        if (pageOf(scene) !== core.currentPage) fail("selection.scene-nodes", `in select: node "${scene._id}" is not on the current page`);
      }
      core.asUser(() => {
        core.currentPage._selection = [...new Set(scenes)];
        core.hooks.selectionChanged(core.currentPage);
      });
    },
    userDuplicate<T extends SceneNode>(node: T): T {
      const original = sceneImpl("userDuplicate", node);
      const parent = original._parent;
      if (!parent) fail("api.type", "in userDuplicate: the node has no parent");
      return core.asUser(() => {
        const copy = original._cloneAtCurrentSize();
        attach(parent, copy, (parent._kids ?? []).indexOf(original) + 1);
        const page = pageOf(copy);
        if (page === core.currentPage) {
          core.currentPage._selection = [copy];
          core.hooks.selectionChanged(core.currentPage);
        }
        // The duplicate has the original's type.
        return copy._face as T;
      });
    },
    userDelete(node) {
      const target = sceneImpl("userDelete", node);
      core.asUser(() => removeNode(target));
    },
    userEditText(node, characters) {
      const target = impl("userEditText", node);
      const text = textOf(target);
      if (!text) fail("api.type", "in userEditText: the node has no text");
      core.asUser(() => {
        text.box.content.setCharacters(characters);
        text.changed();
        core.recordWrite(target, "characters");
      });
    },
    userSetFont(node, font, range) {
      const target = impl("userSetFont", node);
      const text = textOf(target);
      if (!text) fail("api.type", "in userSetFont: the node has no text");
      const content = text.box.content;
      const start = range?.start ?? 0;
      const end = range?.end ?? content.length;
      if (range !== undefined && !(Number.isInteger(start) && Number.isInteger(end) && start >= 0 && start < end && end <= content.length)) {
        fail("emulator.misuse", `in userSetFont: ${start}–${end} is not a range of the node's ${content.length} characters`);
      }
      core.asUser(() => {
        content.set("fontName", Object.freeze({ family: font.family, style: font.style }), start, end);
        text.changed();
        core.recordWrite(target, "fontName");
      });
    },
    userSetCurrentPage(page) {
      const target = impl("userSetCurrentPage", page);
      if (!(target instanceof PageImpl)) fail("api.type", "in userSetCurrentPage: expected a page");
      run.state.loadedPages.add(target);
      if (core.currentPage === target) return;
      core.currentPage = target;
      core.version++;
      run.events.emitLater("currentpagechange", undefined, () => !run.state.closed);
    },
    userClosePlugin() {
      run.context.close(undefined);
    },
    fireRunEvent(parameters) {
      const command = run.context.command ?? "";
      run.events.emitLater("run", () => (parameters === undefined ? { command } : { command, parameters }), () => !run.state.closed);
    },
    relaunch(relaunchOptions = {}) {
      run.context.close(undefined);
      run = startRun(relaunchOptions.command ?? run.context.command);
    },
    settle(settleOptions = {}) {
      return run.scheduler.settle(settleOptions);
    },
    getNode(id) {
      const node = core.lookup(id);
      return node && !node._removed ? node._face : null;
    },
    renderSvg(node, renderOptions) {
      return renderSvg(node ?? (core.currentPage._face as PageNode), renderOptions);
    },
  };
}
