/**
 * The plugin's panel: `figma.showUI` opens it, `figma.ui.postMessage` / `onmessage` talk to it.
 * In the emulator the other end is `emulator.panel`, standing for the iframe's
 * `parent.postMessage({ pluginMessage }, "*")` and `window.onmessage`. Delivery is asynchronous
 * and structured-cloned both ways, as with real postMessage.
 * @see https://developers.figma.com/docs/plugins/creating-ui
 * @see https://developers.figma.com/docs/plugins/api/figma-ui
 */
import type { AccessKind, FacadeTarget } from "./facade";
import { expectBoolean, expectEnum, expectNumber, expectString, fail, ruleError, typeName } from "./rules";
import type { Scheduler } from "./scheduler";
import { assertTransferable } from "./structured-values";

/** What the plugin asked for in its last showUI/resize/show/hide. */
export interface UiRecord {
  readonly html: string;
  visible: boolean;
  width: number;
  height: number;
  readonly title: string | undefined;
  position: { x: number; y: number } | undefined;
  readonly themeColors: boolean;
  /** How many times showUI was called in this run. */
  readonly shownCount: number;
  open: boolean;
}

type MessageHandler = (pluginMessage: unknown, props: OnMessageProperties) => unknown;

/** The emulator's stand-in for the UI iframe. */
export interface PanelEnd {
  /** Sends a message to the plugin, as `parent.postMessage({ pluginMessage: message }, "*")`. */
  postMessage(message: unknown): void;
  /** Listens to what the plugin posts; returns a function that stops listening. */
  onMessage(handler: (message: unknown) => void): () => void;
  /** Resolves with the next message the plugin posts that matches. */
  waitForMessage(match?: (message: unknown) => boolean, timeoutMs?: number): Promise<unknown>;
  /** Every message the panel received, oldest first. */
  readonly received: readonly unknown[];
  /** Messages the panel sent after the plugin closed, which never arrived. */
  readonly dropped: readonly unknown[];
  /** Whether a UI is open (showUI called, not closed). */
  readonly isOpen: boolean;
}

/** Who wants to know when the plugin shows or resizes its UI (the local host sizes its iframe). */
export interface UiObservers {
  shown(record: Readonly<UiRecord>): void;
  resized(width: number, height: number): void;
}

/** The panel's side, kept across runs of the plugin (a host page listens once). */
export class PanelSide {
  readonly handlers = new Set<(message: unknown) => void>();
  readonly received: unknown[] = [];
  /** What the panel sent after the plugin closed: never delivered. */
  readonly dropped: unknown[] = [];
}

/** One UI bridge per run of the plugin. */
export class UiBridge {
  record: UiRecord | null = null;
  private shown = 0;
  onmessage: MessageHandler | undefined;
  readonly handlers: Array<{ handler: MessageHandler; once: boolean }> = [];

  constructor(
    private readonly scheduler: Scheduler,
    readonly observers: UiObservers,
    private readonly panel: PanelSide,
  ) {}

  /** @see https://developers.figma.com/docs/plugins/api/properties/figma-showui */
  show(html: unknown, options: unknown): void {
    const op = "showUI";
    const source = expectString(op, "html", html);
    const o = (options ?? {}) as Partial<Record<keyof ShowUIOptions, unknown>>;
    if (typeof o !== "object") fail("api.type", `in ${op}: Expected "options" to have type object but got ${typeName(options)} instead`);
    const width = o.width === undefined ? 300 : Math.max(70, expectNumber(op, "width", o.width));
    const height = o.height === undefined ? 200 : Math.max(0, expectNumber(op, "height", o.height));
    let position: { x: number; y: number } | undefined;
    if (o.position !== undefined) {
      const p = o.position as { x?: unknown; y?: unknown };
      position = { x: expectNumber(op, "position.x", p.x), y: expectNumber(op, "position.y", p.y) };
    }
    this.shown++;
    // A second showUI closes the first UI and opens a new one.
    this.record = {
      html: source,
      visible: o.visible === undefined ? true : expectBoolean(op, "visible", o.visible),
      width,
      height,
      title: o.title === undefined ? undefined : expectString(op, "title", o.title),
      position,
      themeColors: o.themeColors === undefined ? false : expectBoolean(op, "themeColors", o.themeColors),
      shownCount: this.shown,
      open: true,
    };
    this.observers.shown(this.record);
  }

  close(): void {
    if (this.record) this.record.open = false;
  }

  requireUi(op: string): UiRecord {
    if (!this.record || !this.record.open) fail("ui.no-ui", `in ${op}: No UI is open. Call figma.showUI() first`);
    return this.record;
  }

  /** Plugin → panel. */
  postToPanel(message: unknown): void {
    this.requireUi("ui.postMessage");
    assertTransferable("ui.postMessage", "ui.message", message, "message", true);
    const copy = structuredClone(message);
    this.scheduler.later(() => {
      this.panel.received.push(copy);
      for (const handler of [...this.panel.handlers]) this.scheduler.run(() => handler(structuredClone(copy)));
    });
  }

  /**
   * Panel → plugin. Once the plugin has closed, what the panel still sends (a `pagehide` flush)
   * is dropped: Figma destroys the iframe and the sandbox, and nothing arrives.
   */
  postToPlugin(message: unknown, isClosed: () => boolean): void {
    if (this.record && (!this.record.open || isClosed())) {
      this.panel.dropped.push(structuredClone(message));
      return;
    }
    if (!this.record) {
      fail("emulator.misuse", "emulator.panel.postMessage: the panel is not open (the plugin has not called figma.showUI)");
    }
    assertTransferable("parent.postMessage", "ui.message", message, "pluginMessage", true);
    const copy = structuredClone(message);
    this.scheduler.later(() => {
      if (isClosed()) return;
      const props: OnMessageProperties = { origin: "null" };
      const onmessage = this.onmessage;
      if (onmessage) this.scheduler.run(() => onmessage(structuredClone(copy), props));
      for (const entry of [...this.handlers]) {
        if (entry.once) this.off(entry.handler);
        this.scheduler.run(() => entry.handler(structuredClone(copy), props));
      }
    });
  }

  on(handler: MessageHandler, once: boolean): void {
    this.handlers.push({ handler, once });
  }

  off(handler: MessageHandler): void {
    const index = this.handlers.findIndex((h) => h.handler === handler);
    if (index >= 0) this.handlers.splice(index, 1);
  }


}

/** `emulator.panel`: talks to the bridge of the current run. */
export class PanelEndImpl implements PanelEnd {
  constructor(
    private readonly side: PanelSide,
    private readonly current: () => { bridge: UiBridge; isClosed: () => boolean },
  ) {}

  postMessage(message: unknown): void {
    const { bridge, isClosed } = this.current();
    bridge.postToPlugin(message, isClosed);
  }

  onMessage(handler: (message: unknown) => void): () => void {
    this.side.handlers.add(handler);
    return () => this.side.handlers.delete(handler);
  }

  waitForMessage(match?: (message: unknown) => boolean, timeoutMs = 5000): Promise<unknown> {
    return new Promise((resolve, reject) => {
      const stop = this.onMessage((message) => {
        if (match && !match(message)) return;
        clearTimeout(timer);
        stop();
        resolve(message);
      });
      const timer = setTimeout(() => {
        stop();
        reject(ruleError("emulator.misuse", `emulator.panel.waitForMessage: no matching message within ${timeoutMs} ms`));
      }, timeoutMs);
    });
  }

  get received(): readonly unknown[] {
    return this.side.received;
  }

  get dropped(): readonly unknown[] {
    return this.side.dropped;
  }

  get isOpen(): boolean {
    return this.current().bridge.record?.open ?? false;
  }
}

/** figma.ui */
export class UiApi implements FacadeTarget {
  constructor(
    private readonly bridge: UiBridge,
    private readonly guard: (op: string, kind: AccessKind) => void,
  ) {}

  _guard(op: string, kind: AccessKind): void {
    this.guard(`ui.${op}`, kind);
  }

  _noSuchProperty(prop: string): Error {
    return ruleError("api.no-such-property", `figma.ui.${prop}: no such property '${prop}' on figma.ui`, "TypeError");
  }

  show(): void {
    this.bridge.requireUi("ui.show").visible = true;
  }

  hide(): void {
    this.bridge.requireUi("ui.hide").visible = false;
  }

  /** Minimum 70 × 0. */
  resize(width: unknown, height: unknown): void {
    const ui = this.bridge.requireUi("ui.resize");
    ui.width = Math.max(70, expectNumber("ui.resize", "width", width));
    ui.height = Math.max(0, expectNumber("ui.resize", "height", height));
    this.bridge.observers.resized(ui.width, ui.height);
  }

  reposition(x: unknown, y: unknown): void {
    const ui = this.bridge.requireUi("ui.reposition");
    ui.position = { x: expectNumber("ui.reposition", "x", x), y: expectNumber("ui.reposition", "y", y) };
  }

  getPosition(): { windowSpace: Vector; canvasSpace: Vector } {
    const ui = this.bridge.requireUi("ui.getPosition");
    const p = ui.position ?? { x: 0, y: 0 };
    return { windowSpace: { ...p }, canvasSpace: { ...p } };
  }

  close(): void {
    this.bridge.close();
  }

  postMessage(message: unknown): void {
    this.bridge.postToPanel(message);
  }

  get onmessage(): MessageHandler | undefined {
    return this.bridge.onmessage;
  }

  set onmessage(handler: unknown) {
    if (handler !== undefined && handler !== null && typeof handler !== "function") {
      fail("api.type", `in set_onmessage: Expected "onmessage" to have type function but got ${typeName(handler)} instead`);
    }
    this.bridge.onmessage = (handler ?? undefined) as MessageHandler | undefined;
  }

  on(type: unknown, handler: unknown): void {
    this.bridge.on(this._messageHandler("ui.on", type, handler), false);
  }

  once(type: unknown, handler: unknown): void {
    this.bridge.on(this._messageHandler("ui.once", type, handler), true);
  }

  off(type: unknown, handler: unknown): void {
    this.bridge.off(this._messageHandler("ui.off", type, handler));
  }

  private _messageHandler(op: string, type: unknown, handler: unknown): MessageHandler {
    expectEnum(op, ["message"], type, "events.unknown-type");
    if (typeof handler !== "function") fail("api.type", `in ${op}: Expected "callback" to have type function but got ${typeName(handler)} instead`);
    return handler as MessageHandler;
  }
}
