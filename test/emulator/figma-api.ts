/**
 * The `figma` global: page access under documentAccess "dynamic-page", node creation per editor,
 * fonts, storage, notifications, undo, events and the UI. Behind a Proxy face like the nodes, so
 * an API the editor (or the emulator) does not have throws instead of reading undefined.
 * @see https://developers.figma.com/docs/plugins/api/figma
 */
import type { ClientStorageApi } from "./client-storage";
import { assertRunOpen, type EditorType, type EmulatorCore, type RunState } from "./core";
import { createFacade, type AccessKind, type FacadeTarget } from "./facade";
import type { PluginEvents } from "./events";
import { PageImpl } from "./nodes/document";
import { ConnectorImpl, ShapeWithTextImpl, StickyImpl } from "./nodes/figjam";
import { FrameImpl } from "./nodes/frame";
import { SectionImpl } from "./nodes/section";
import type { SceneNodeImpl } from "./nodes/scene-node";
import { EllipseImpl, LineImpl, RectangleImpl, VectorImpl } from "./nodes/shapes";
import type { BaseNodeImpl } from "./nodes/base-node";
import { TextImpl, TextSublayerImpl } from "./nodes/text";
import { fontNameArgument } from "./nodes/text-props";
import { attach, nodeArgument } from "./nodes/tree";
import { expectBoolean, expectNumber, expectString, fail, ruleError, typeName } from "./rules";
import { fontKey, MIXED } from "./text-content";
import type { UiApi, UiBridge } from "./ui-bridge";
import { UtilApi, ViewportApi } from "./viewport-and-util";

/** The fonts installed in the emulated editor unless a test chooses others (`installedFonts`). */
export const AVAILABLE_FONTS: readonly FontName[] = Object.freeze([
  { family: "Inter", style: "Regular" },
  { family: "Inter", style: "Medium" },
  { family: "Inter", style: "Semi Bold" },
  { family: "Inter", style: "Bold" },
  { family: "Inter", style: "Italic" },
  { family: "Roboto", style: "Regular" },
  { family: "Roboto", style: "Bold" },
]);

/** Creators an editor does not have (FigJam: the safe assumption of FIGMA_RULES.md; design: FigJam-only creators). */
const UNAVAILABLE_CREATORS: Record<EditorType, ReadonlySet<string>> = {
  figjam: new Set([
    "createFrame",
    "createVector",
    "createComponent",
    "createComponentFromNode",
    "createPage",
    "createPageDivider",
    "createPaintStyle",
    "createTextStyle",
    "createEffectStyle",
    "createGridStyle",
  ]),
  figma: new Set(["createSticky", "createShapeWithText", "createConnector", "createCodeBlock", "createTable"]),
};

const DYNAMIC_PAGE_SYNC = "Cannot call with documentAccess: dynamic-page.";

export interface NotificationRecord {
  /** The message as given. */
  readonly message: string;
  /** What Figma shows: the first 100 characters. */
  readonly shown: string;
  readonly error: boolean;
  readonly timeout: number;
  readonly button: string | undefined;
  cancelled: boolean;
}

/** A named version, with the nodes written in the file until it was saved (`stats.writtenNodeIds`). */
export interface VersionRecord {
  readonly id: string;
  readonly title: string;
  readonly description: string | undefined;
  readonly writtenNodeIds: readonly string[];
}

/** What a run of the plugin shares with the emulator. */
export interface RunContext {
  readonly core: EmulatorCore;
  readonly state: RunState;
  readonly command: string | undefined;
  readonly events: PluginEvents;
  readonly ui: UiBridge;
  readonly uiApi: UiApi;
  readonly clientStorage: ClientStorageApi;
  readonly notifications: NotificationRecord[];
  /** Versions saved with saveVersionHistoryAsync, in order. */
  readonly versions: VersionRecord[];
  /** Told of every notification (the local host shows toasts). */
  notified(record: NotificationRecord): void;
  readonly viewportCalls: string[][];
  /** Closes the run: close handlers, UI, timers. */
  close(message: string | undefined): void;
  /** Face of a sub-API (ui, clientStorage, viewport, util). */
  face<T>(target: FacadeTarget): T;
}

export class FigmaApi implements FacadeTarget {
  private readonly viewportFace: ViewportAPI;
  private readonly utilFace: UtilAPI;
  private skipInvisible = false;

  constructor(private readonly run: RunContext) {
    this.viewportFace = run.face<ViewportAPI>(new ViewportApi(run));
    this.utilFace = run.face<UtilAPI>(new UtilApi(run));
  }

  private get _core(): EmulatorCore {
    return this.run.core;
  }

  _guard(op: string, kind: AccessKind): void {
    assertRunOpen(this.run.state, op);
    if (kind !== "read") this._core.countCall(`figma.${op}`);
  }

  _hidden(prop: string): boolean {
    return UNAVAILABLE_CREATORS[this._core.editorType].has(prop);
  }

  _noSuchProperty(prop: string): Error {
    if (this._hidden(prop)) {
      return ruleError("editor.creator-unavailable", `figma.${prop} no such property '${prop}' on the figma global object`, "TypeError");
    }
    return ruleError(
      "api.no-such-property",
      `figma.${prop} no such property '${prop}' on the figma global object (or the emulator does not implement it)`,
      "TypeError",
    );
  }

  // ---- identity ------------------------------------------------------------------------------

  get apiVersion(): "1.0.0" {
    return "1.0.0";
  }

  /** The manifest menu command; undefined when the plugin has no menu. */
  get command(): string | undefined {
    return this.run.command;
  }

  get editorType(): EditorType {
    return this._core.editorType;
  }

  get mode(): "default" {
    return "default";
  }

  get pluginId(): string {
    return this._core.pluginId;
  }

  get fileKey(): undefined {
    return undefined;
  }

  get skipInvisibleInstanceChildren(): boolean {
    return this.skipInvisible;
  }

  set skipInvisibleInstanceChildren(value: unknown) {
    this.skipInvisible = expectBoolean("set_skipInvisibleInstanceChildren", "skipInvisibleInstanceChildren", value);
  }

  get mixed(): typeof MIXED {
    return MIXED;
  }

  get currentUser(): User {
    return { id: "emulator-user", name: "Emulator User", photoUrl: null, color: "#2F6FE4", sessionId: 1 };
  }

  // ---- document and pages (dynamic-page) -----------------------------------------------------

  get root(): DocumentNode {
    return this._core.document._face as DocumentNode;
  }

  get currentPage(): PageNode {
    return this._core.currentPage._face as PageNode;
  }

  /** Read-only with dynamic-page. @see https://developers.figma.com/docs/plugins/api/properties/figma-currentpage */
  set currentPage(page: unknown) {
    fail(
      "dynamic-page.current-page-setter",
      `in set_currentPage: Cannot set figma.currentPage (to ${typeName(page)}) with documentAccess: dynamic-page. Use await figma.setCurrentPageAsync(page) instead`,
    );
  }

  /** Loads the page and makes it current; fires "currentpagechange". */
  setCurrentPageAsync(page: unknown): Promise<void> {
    try {
      const node = nodeArgument("setCurrentPageAsync", "page", page);
      if (!(node instanceof PageImpl)) fail("api.type", `in setCurrentPageAsync: Expected "page" to have type PageNode but got ${node.type} instead`);
      this.run.state.loadedPages.add(node);
      const changed = this._core.currentPage !== node;
      this._core.currentPage = node;
      if (changed) this._core.version++;
      if (changed) this.run.events.emitLater("currentpagechange", undefined, () => !this.run.state.closed);
      return Promise.resolve();
    } catch (error) {
      return Promise.reject(error);
    }
  }

  /** @see https://developers.figma.com/docs/plugins/api/properties/figma-loadallpagesasync */
  loadAllPagesAsync(): Promise<void> {
    this.run.state.allPagesLoaded = true;
    for (const page of this._core.document._kids) this.run.state.loadedPages.add(page);
    return Promise.resolve();
  }

  /** Null for unknown or removed ids. */
  getNodeByIdAsync(id: unknown): Promise<BaseNode | null> {
    try {
      const key = expectString("getNodeByIdAsync", "id", id);
      const node = this._core.lookup(key);
      return Promise.resolve(node && !node._removed ? node._face : null);
    } catch (error) {
      return Promise.reject(error);
    }
  }

  private _syncBanned(name: string): never {
    fail("dynamic-page.sync-api", `in ${name}: ${DYNAMIC_PAGE_SYNC} Use figma.${name}Async() instead`);
  }

  getNodeById(): never {
    this._syncBanned("getNodeById");
  }

  getStyleById(): never {
    this._syncBanned("getStyleById");
  }

  getLocalPaintStyles(): never {
    this._syncBanned("getLocalPaintStyles");
  }

  getLocalTextStyles(): never {
    this._syncBanned("getLocalTextStyles");
  }

  getLocalEffectStyles(): never {
    this._syncBanned("getLocalEffectStyles");
  }

  getLocalGridStyles(): never {
    this._syncBanned("getLocalGridStyles");
  }

  getFileThumbnailNode(): never {
    this._syncBanned("getFileThumbnailNode");
  }

  getStyleByIdAsync(): Promise<null> {
    return Promise.resolve(null);
  }

  getLocalPaintStylesAsync(): Promise<PaintStyle[]> {
    return Promise.resolve([]);
  }

  getLocalTextStylesAsync(): Promise<TextStyle[]> {
    return Promise.resolve([]);
  }

  getLocalEffectStylesAsync(): Promise<EffectStyle[]> {
    return Promise.resolve([]);
  }

  getLocalGridStylesAsync(): Promise<GridStyle[]> {
    return Promise.resolve([]);
  }

  getFileThumbnailNodeAsync(): Promise<null> {
    return Promise.resolve(null);
  }

  // ---- creating nodes ------------------------------------------------------------------------

  /** New nodes start at (0, 0) on the current page. */
  private _place<T extends SceneNodeImpl>(node: T): T {
    const page = this._core.currentPage;
    attach(page, node, page._kids.length);
    return node;
  }

  createFrame(): FrameNode {
    return this._place(new FrameImpl(this._core))._face as FrameNode;
  }

  createText(): TextNode {
    return this._place(new TextImpl(this._core))._face as TextNode;
  }

  createRectangle(): RectangleNode {
    return this._place(new RectangleImpl(this._core))._face as RectangleNode;
  }

  createEllipse(): EllipseNode {
    return this._place(new EllipseImpl(this._core))._face as EllipseNode;
  }

  createLine(): LineNode {
    return this._place(new LineImpl(this._core))._face as LineNode;
  }

  createVector(): VectorNode {
    return this._place(new VectorImpl(this._core))._face as VectorNode;
  }

  createSection(): SectionNode {
    return this._place(new SectionImpl(this._core))._face as SectionNode;
  }

  createSticky(): StickyNode {
    return this._place(new StickyImpl(this._core))._face as StickyNode;
  }

  createShapeWithText(): ShapeWithTextNode {
    return this._place(new ShapeWithTextImpl(this._core))._face as ShapeWithTextNode;
  }

  createConnector(): ConnectorNode {
    return this._place(new ConnectorImpl(this._core))._face as ConnectorNode;
  }

  /** A new, empty page after the others (loaded, since the plugin made it). */
  createPage(): PageNode {
    const doc = this._core.document;
    const page = new PageImpl(this._core, `Page ${doc._kids.length + 1}`);
    attach(doc, page, doc._kids.length);
    this.run.state.loadedPages.add(page);
    this._core.recordWrite(doc, "children");
    return page._face as PageNode;
  }

  // ---- fonts ---------------------------------------------------------------------------------

  /** Rejects with `The font "X Y" could not be loaded` for fonts the editor does not have. */
  loadFontAsync(fontName: unknown): Promise<void> {
    const stats = this._core.stats;
    stats.fontLoadCalls++;
    try {
      const font = fontNameArgument("loadFontAsync", fontName);
      if (!this._core.isFontInstalled(font)) {
        return Promise.reject(ruleError("text.font-unavailable", `The font "${font.family} ${font.style}" could not be loaded`));
      }
      const key = fontKey(font);
      // Loading completes on a later turn, as the real editor fetches the font.
      return new Promise((resolve) =>
        setTimeout(() => {
          this.run.state.loadedFonts.add(key);
          stats.fontsLoaded.add(key);
          resolve();
        }, 0),
      );
    } catch (error) {
      return Promise.reject(error);
    }
  }

  listAvailableFontsAsync(): Promise<Font[]> {
    return Promise.resolve(this._core.installedFonts.map((fontName) => ({ fontName: { ...fontName } })));
  }

  /** Whether any text in the document (on any page, loaded or not) uses a font not installed here. */
  get hasMissingFont(): boolean {
    const missing = (node: BaseNodeImpl): boolean => {
      const text = node instanceof TextImpl ? node : "_text" in node && node._text instanceof TextSublayerImpl ? node._text : null;
      if (text?._box.content.fonts().some((font) => !this._core.isFontInstalled(font))) return true;
      return (node._kids ?? []).some(missing);
    };
    return missing(this._core.document);
  }

  // ---- the rest ------------------------------------------------------------------------------

  get clientStorage(): ClientStorageAPI {
    return this.run.face<ClientStorageAPI>(this.run.clientStorage);
  }

  get ui(): UIAPI {
    return this.run.face<UIAPI>(this.run.uiApi);
  }

  get viewport(): ViewportAPI {
    return this.viewportFace;
  }

  get util(): UtilAPI {
    return this.utilFace;
  }

  /** @see https://developers.figma.com/docs/plugins/api/properties/figma-notify */
  notify(message: unknown, options?: unknown): NotificationHandler {
    const text = expectString("notify", "message", message);
    const o = (typeof options === "object" && options !== null ? options : {}) as Partial<Record<keyof NotificationOptions, unknown>>;
    const timeout = o.timeout === undefined ? 3000 : o.timeout === Infinity ? Infinity : expectNumber("notify", "timeout", o.timeout, 0);
    const button = o.button as { text?: unknown } | undefined;
    const record: NotificationRecord = {
      message: text,
      shown: text.slice(0, 100),
      error: o.error === undefined ? false : expectBoolean("notify", "error", o.error),
      timeout,
      button: button === undefined ? undefined : expectString("notify", "button.text", button.text),
      cancelled: false,
    };
    this.run.notifications.push(record);
    this.run.notified(record);
    return {
      cancel: () => {
        record.cancelled = true;
      },
    };
  }

  /** @see https://developers.figma.com/docs/plugins/api/properties/figma-saveversionhistoryasync */
  saveVersionHistoryAsync(title: unknown, description?: unknown): Promise<VersionHistoryResult> {
    const record: VersionRecord = {
      id: String(this.run.versions.length + 1),
      title: expectString("saveVersionHistoryAsync", "title", title),
      description: description === undefined ? undefined : expectString("saveVersionHistoryAsync", "description", description),
      writtenNodeIds: [...this._core.stats.writtenNodeIds],
    };
    this.run.versions.push(record);
    return Promise.resolve({ id: record.id });
  }

  /** Closes an undo step. @see https://developers.figma.com/docs/plugins/api/properties/figma-commitundo */
  commitUndo(): void {
    this._core.undo.commit();
  }

  triggerUndo(): void {
    fail("emulator.unsupported", "in triggerUndo: the emulator counts undo steps but does not undo");
  }

  /** Runs "close" handlers, closes the UI, cancels deliveries; the API is disabled afterwards. */
  closePlugin(message?: unknown): void {
    const text = message === undefined ? undefined : expectString("closePlugin", "message", message);
    this.run.close(text);
  }

  showUI(html: unknown, options?: unknown): void {
    this.run.ui.show(html, options);
  }

  on(type: unknown, callback: unknown): void {
    this._addHandler("on", type, callback, false);
  }

  once(type: unknown, callback: unknown): void {
    this._addHandler("once", type, callback, true);
  }

  off(type: unknown, callback: unknown): void {
    this.run.events.remove("off", type, callback);
  }

  private _addHandler(op: string, type: unknown, callback: unknown, once: boolean): void {
    if (type === "documentchange" && !this.run.state.allPagesLoaded) {
      fail("dynamic-page.documentchange", `in ${op}: Cannot register a "documentchange" handler before figma.loadAllPagesAsync() has been called`);
    }
    this.run.events.add(op, type, callback, once);
  }

  base64Encode(data: unknown): string {
    if (!(data instanceof Uint8Array)) fail("api.type", `in base64Encode: Expected "data" to have type Uint8Array but got ${typeName(data)} instead`);
    let binary = "";
    for (const byte of data) binary += String.fromCharCode(byte);
    return btoa(binary);
  }

  base64Decode(data: unknown): Uint8Array {
    const binary = atob(expectString("base64Decode", "data", data));
    const out = new Uint8Array(binary.length);
    for (let i = 0; i < binary.length; i++) out[i] = binary.charCodeAt(i);
    return out;
  }
}

export function createFigmaFace(run: RunContext): PluginAPI {
  // The figma global meets the typings here: the emulator implements the part of PluginAPI the
  // plugin uses, and the Proxy face throws for the rest, so one cast at the boundary is honest.
  return createFacade(new FigmaApi(run)) as unknown as PluginAPI;
}
