/**
 * The sandbox end of the message contract (shared/messages.ts): every message from the panel is
 * validated before it is acted on, and every request is answered with a reply or a failure
 * carrying its id (https://developers.figma.com/docs/plugins/creating-ui).
 */
import {
  parsePanelMessage,
  RequestId,
  type PanelMessage,
  type PanelRequest,
  type PluginMessage,
  type ReplyResult,
} from "../shared/messages";

export function postToPanel(message: PluginMessage): void {
  figma.ui.postMessage(message);
}

type Handlers = {
  [T in PanelRequest["type"]]: (request: Extract<PanelRequest, { type: T }>) => Promise<ReplyResult>;
};

type Notices = {
  [T in Exclude<PanelMessage, PanelRequest>["type"]]: (message: Extract<PanelMessage, { type: T }>) => void;
};

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * The id of a refused message, when it carries one the panel could be waiting for. An id the
 * contract does not allow (empty, too long, not a string) cannot be answered by a `failure`, which
 * the panel would refuse in turn: such a message gets a `rejected`.
 */
function requestIdOf(raw: unknown): string | null {
  if (typeof raw !== "object" || raw === null || !("requestId" in raw)) return null;
  const id = RequestId.safeParse(raw.requestId);
  return id.success ? id.data : null;
}

/** Posts the answer to a request; if a reply cannot be sent, the panel gets a failure instead of waiting for ever. */
function answer(message: Extract<PluginMessage, { type: "reply" | "failure" }>): void {
  try {
    postToPanel(message);
  } catch (error) {
    if (message.type === "failure") return;
    try {
      postToPanel({ type: "failure", requestId: message.requestId, message: `the answer could not be sent: ${describe(error)}` });
    } catch {
      // The panel is gone (closed while the request ran): there is no one left to answer.
    }
  }
}

/**
 * Routes panel messages to their handlers; a refused or failed message is answered in words. No
 * error escapes to Figma: a request that fails (even synchronously) gets a `failure`, a notice whose
 * handler throws gets a `rejected` saying so.
 */
export function listenToPanel(requests: Handlers, notices: Notices): void {
  figma.ui.onmessage = (raw: unknown) => {
    const parsed = parsePanelMessage(raw);
    if (!parsed.ok) {
      const requestId = requestIdOf(raw);
      postToPanel(requestId === null ? { type: "rejected", message: parsed.error } : { type: "failure", requestId, message: parsed.error });
      return;
    }
    const message = parsed.message;
    if (!("requestId" in message)) {
      try {
        const notice = notices[message.type] as (m: typeof message) => void;
        notice(message);
      } catch (error) {
        postToPanel({ type: "rejected", message: `${message.type} failed: ${describe(error)}` });
      }
      return;
    }
    const { requestId } = message;
    const handler = requests[message.type] as (m: typeof message) => Promise<ReplyResult>;
    // Promise.resolve().then: a handler that throws before its first await fails like one that rejects.
    void Promise.resolve(message)
      .then(handler)
      .then(
        (result) => answer({ type: "reply", requestId, result }),
        (error: unknown) => answer({ type: "failure", requestId, message: describe(error) }),
      );
  };
}
