/**
 * The sandbox end of the message contract (shared/messages.ts): every message from the panel is
 * validated before it is acted on, and every request is answered with a reply or a failure
 * carrying its id (https://developers.figma.com/docs/plugins/creating-ui).
 */
import {
  parsePanelMessage,
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

/** Routes panel messages to their handlers; a refused or failed message is answered in words. */
export function listenToPanel(requests: Handlers, notices: Notices): void {
  figma.ui.onmessage = (raw: unknown) => {
    const parsed = parsePanelMessage(raw);
    if (!parsed.ok) {
      const requestId =
        typeof raw === "object" && raw !== null && "requestId" in raw && typeof raw.requestId === "string"
          ? raw.requestId
          : null;
      postToPanel(requestId ? { type: "failure", requestId, message: parsed.error } : { type: "rejected", message: parsed.error });
      return;
    }
    const message = parsed.message;
    if (!("requestId" in message)) {
      const notice = notices[message.type] as (m: typeof message) => void;
      notice(message);
      return;
    }
    const handler = requests[message.type] as (m: typeof message) => Promise<ReplyResult>;
    handler(message).then(
      (result) => postToPanel({ type: "reply", requestId: message.requestId, result }),
      (error: unknown) => postToPanel({ type: "failure", requestId: message.requestId, message: describe(error) }),
    );
  };
}
