/**
 * The panel end of the message contract (shared/messages.ts). Requests get an id and return a
 * promise: a `reply` resolves it, a `failure` rejects it with the plugin's words. Everything that
 * arrives is validated first; a message that fails validation is reported, never acted on.
 * https://developers.figma.com/docs/plugins/creating-ui
 */
import {
  parsePluginMessage,
  type PluginMessage,
  type ReplyResult,
  type SentPanelMessage,
  type SentPanelRequest,
} from "../shared/messages";

type Pending = { resolve: (result: ReplyResult) => void; reject: (error: Error) => void };
type Listener = (message: PluginMessage) => void;
type WithoutId<T> = T extends unknown ? Omit<T, "requestId"> : never;

export class PluginBridge {
  private nextId = 1;
  private readonly pending = new Map<string, Pending>();
  private readonly listeners = new Set<Listener>();

  constructor(
    private readonly send: (message: SentPanelMessage) => void,
    private readonly onRefused: (error: string) => void,
  ) {}

  /** Feed every raw `pluginMessage` that arrives here. */
  receive(raw: unknown): void {
    const parsed = parsePluginMessage(raw);
    if (!parsed.ok) {
      this.onRefused(parsed.error);
      this.failMalformedAnswer(raw, parsed.error);
      return;
    }
    const message = parsed.message;
    if (message.type === "reply" || message.type === "failure") {
      const pending = this.pending.get(message.requestId);
      if (pending === undefined) return;
      this.pending.delete(message.requestId);
      if (message.type === "reply") pending.resolve(message.result);
      else pending.reject(new Error(message.message));
      return;
    }
    // A listener that throws must not keep the message from the others; its fault still surfaces.
    let fault: unknown = null;
    for (const listener of this.listeners) {
      try {
        listener(message);
      } catch (error) {
        fault ??= error;
      }
    }
    if (fault !== null) throw fault;
  }

  /**
   * A reply or failure that fails validation still answers its request: the request fails with the
   * refusal, rather than waiting for an answer that has already come.
   */
  private failMalformedAnswer(raw: unknown, error: string): void {
    if (typeof raw !== "object" || raw === null || !("type" in raw) || !("requestId" in raw)) return;
    if ((raw.type !== "reply" && raw.type !== "failure") || typeof raw.requestId !== "string") return;
    const pending = this.pending.get(raw.requestId);
    if (pending === undefined) return;
    this.pending.delete(raw.requestId);
    pending.reject(new Error(`the plugin's answer could not be read: ${error}`));
  }

  /** Sends a request and resolves with the plugin's reply. */
  request(message: WithoutId<SentPanelRequest>): Promise<ReplyResult> {
    const requestId = `r${this.nextId++}`;
    return new Promise<ReplyResult>((resolve, reject) => {
      this.pending.set(requestId, { resolve, reject });
      try {
        // Spreading a member of the union with its id back gives the same member; TypeScript cannot see it.
        this.send({ ...message, requestId } as SentPanelRequest);
      } catch (error) {
        // Not sent (a value postMessage cannot clone): no answer will come, so nothing may wait for one.
        this.pending.delete(requestId);
        throw error;
      }
    });
  }

  /** Sends a message that expects no answer. */
  notify(message: Exclude<SentPanelMessage, SentPanelRequest>): void {
    this.send(message);
  }

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}

/** The bridge wired to the real window: `parent.postMessage({ pluginMessage }, "*")`. */
export function connectToPlugin(onRefused: (error: string) => void): PluginBridge {
  const bridge = new PluginBridge((message) => parent.postMessage({ pluginMessage: message }, "*"), onRefused);
  window.addEventListener("message", (event: MessageEvent<unknown>) => {
    const data = event.data;
    if (typeof data === "object" && data !== null && "pluginMessage" in data) bridge.receive(data.pluginMessage);
  });
  return bridge;
}
