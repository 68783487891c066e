/**
 * The emulator's shared state: the node registry, the current run of the plugin (closed? which
 * pages and fonts are loaded?), counters, and the hooks through which nodes report events.
 * Nodes and the figma global hold one core; nothing here is visible to the plugin.
 */
import { fail } from "./rules";
import { EmulatorStats, UndoHistory } from "./stats";
import { fontKey } from "./text-content";
import type { BaseNodeImpl } from "./nodes/base-node";
import type { DocumentImpl, PageImpl } from "./nodes/document";

export type EditorType = "figma" | "figjam";

/** State of one run of the plugin: relaunching starts a new one over the same document. */
export interface RunState {
  closed: boolean;
  closeMessage: string | undefined;
  readonly loadedPages: Set<BaseNodeImpl>;
  allPagesLoaded: boolean;
  readonly loadedFonts: Set<string>;
}

/** Where nodes report what the plugin's event handlers may hear about. */
export interface CoreHooks {
  selectionChanged(page: PageImpl): void;
  nodeChanged(node: BaseNodeImpl, change: "CREATE" | "DELETE" | "PROPERTY_CHANGE", property?: string): void;
}

/** Throws once a run has closed: `figma.closePlugin()` disables the API. */
export function assertRunOpen(run: RunState, op: string): void {
  if (run.closed) fail("api.closed", `in ${op}: The plugin has been closed; the figma API cannot be used after figma.closePlugin()`);
}

export class EmulatorCore {
  readonly stats = new EmulatorStats();
  readonly undo = new UndoHistory();
  private readonly registry = new Map<string, BaseNodeImpl>();
  private nextNodeNumber = 1;
  private nextPageNumber = 1;
  /** > 0 while the emulator acts for a person (select, duplicate, edit): no plugin rules, no counting. */
  userActing = 0;
  /** Bumped on every change to the document (for redrawing a live canvas). */
  version = 0;
  run: RunState = EmulatorCore.newRun();
  document!: DocumentImpl;
  currentPage!: PageImpl;
  hooks: CoreHooks = { selectionChanged: () => undefined, nodeChanged: () => undefined };

  private readonly installed: ReadonlySet<string>;

  constructor(
    readonly editorType: EditorType,
    readonly pluginId: string,
    /** The fonts installed on this computer: only these load. */
    readonly installedFonts: readonly FontName[],
  ) {
    this.installed = new Set(installedFonts.map(fontKey));
  }

  static newRun(): RunState {
    return { closed: false, closeMessage: undefined, loadedPages: new Set(), allPagesLoaded: false, loadedFonts: new Set() };
  }

  /** Ids like Figma's: "0:0" the document, "0:1"… the first pages, "1:2"… everything else. */
  newNodeId(kind: "DOCUMENT" | "PAGE" | "NODE"): string {
    if (kind === "DOCUMENT") return "0:0";
    if (kind === "PAGE" && this.nextPageNumber < 1000) return `0:${this.nextPageNumber++}`;
    return `1:${this.nextNodeNumber++}`;
  }

  register(node: BaseNodeImpl): void {
    this.registry.set(node._id, node);
  }

  unregister(node: BaseNodeImpl): void {
    this.registry.delete(node._id);
  }

  lookup(id: string): BaseNodeImpl | undefined {
    return this.registry.get(id);
  }

  get nodeCount(): number {
    return this.registry.size;
  }

  /** Throws when the plugin has closed (people can still act). */
  checkOpen(op: string): void {
    if (this.userActing === 0) assertRunOpen(this.run, op);
  }

  countCall(op: string): void {
    if (this.userActing === 0) this.stats.countCall(op);
  }

  /** A change to the document made by the plugin: one more change in the pending undo step. */
  recordWrite(node: BaseNodeImpl, property?: string): void {
    this.version++;
    if (property !== undefined) this.hooks.nodeChanged(node, "PROPERTY_CHANGE", property);
    if (this.userActing > 0) return;
    this.stats.writtenNodeIds.add(node._id);
    this.undo.recordChange();
  }

  recordCreate(node: BaseNodeImpl): void {
    this.version++;
    this.register(node);
    this.hooks.nodeChanged(node, "CREATE");
    if (this.userActing > 0) return;
    this.stats.nodesCreated++;
    this.stats.writtenNodeIds.add(node._id);
    this.undo.recordChange();
  }

  isFontLoaded(font: FontName): boolean {
    return this.userActing > 0 || this.run.loadedFonts.has(fontKey(font));
  }

  /** Whether the font is installed here: a font a file uses may come from another computer. */
  isFontInstalled(font: FontName): boolean {
    return this.installed.has(fontKey(font));
  }

  isPageLoaded(page: BaseNodeImpl): boolean {
    return this.userActing > 0 || this.run.allPagesLoaded || this.run.loadedPages.has(page);
  }

  /** Runs `action` as a person acting in the editor: plugin rules and counters do not apply. */
  asUser<T>(action: () => T): T {
    this.userActing++;
    try {
      return action();
    } finally {
      this.userActing--;
    }
  }
}
