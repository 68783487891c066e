/**
 * The message contract between the panel (ui/) and the sandbox (plugin/).
 *
 * Every message is named once here and validated on arrival on both sides: nothing that crosses
 * the boundary is trusted by a cast. Requests carry a `requestId`; the other side answers with a
 * `reply` or a `failure` carrying the same id, so the panel can await a request as a promise and
 * show a failure in words.
 */
import { JourneyMap } from "./model";
import * as z from "./zod";

export const RequestId = z.string().check(z.minLength(1), z.maxLength(64));

/** A value the plugin could not read from the canvas, with the node it sits on. */
export const CanvasProblem = z.object({
  nodeId: z.string(),
  nodeName: z.string(),
  message: z.string(),
});
export type CanvasProblem = z.infer<typeof CanvasProblem>;

export const MapSummary = z.object({
  nodeId: z.string(),
  mapId: z.string(),
  title: z.string(),
  pageId: z.string(),
  pageName: z.string(),
});
export type MapSummary = z.infer<typeof MapSummary>;

export const Draft = z.object({
  savedAt: z.string(),
  model: JourneyMap,
});
export type Draft = z.infer<typeof Draft>;

export const WindowSize = z.object({
  width: z.int().check(z.gte(240), z.lte(1600)),
  height: z.int().check(z.gte(200), z.lte(1600)),
});
export type WindowSize = z.infer<typeof WindowSize>;

// ---- panel → plugin ------------------------------------------------------------------------

export const PanelMessage = z.discriminatedUnion("type", [
  /** The panel has mounted and listens. */
  z.object({ type: z.literal("panel-ready") }),
  /** Generate the map on the canvas, or update the map frame that shows this model. */
  z.object({ type: z.literal("generate-map"), requestId: RequestId, model: JourneyMap }),
  /** Read the selected map frame (or the only map on the page) back into a model. */
  z.object({ type: z.literal("read-map"), requestId: RequestId }),
  /** Re-score the pain points of the selected map on the canvas. */
  z.object({ type: z.literal("rescore"), requestId: RequestId }),
  /** List map frames on the current page, or on every page (which loads them all). */
  z.object({ type: z.literal("list-maps"), requestId: RequestId, allPages: z.boolean() }),
  z.object({ type: z.literal("save-draft"), requestId: RequestId, draft: Draft }),
  z.object({ type: z.literal("load-draft"), requestId: RequestId }),
  z.object({ type: z.literal("resize-window"), size: WindowSize }),
]);
export type PanelMessage = z.infer<typeof PanelMessage>;
export type PanelRequest = Extract<PanelMessage, { requestId: string }>;

// ---- plugin → panel ------------------------------------------------------------------------

export const ReplyResult = z.discriminatedUnion("kind", [
  z.object({
    kind: z.literal("generated"),
    nodeId: z.string(),
    created: z.int().check(z.gte(0)),
    updated: z.int().check(z.gte(0)),
    removed: z.int().check(z.gte(0)),
  }),
  z.object({ kind: z.literal("map-read"), nodeId: z.string(), model: JourneyMap, problems: z.array(CanvasProblem) }),
  z.object({
    kind: z.literal("rescored"),
    nodeId: z.string(),
    model: JourneyMap,
    reranked: z.int().check(z.gte(0)),
    problems: z.array(CanvasProblem),
    summary: z.string(),
  }),
  z.object({ kind: z.literal("maps"), maps: z.array(MapSummary) }),
  z.object({ kind: z.literal("draft"), draft: z.nullable(Draft) }),
  z.object({ kind: z.literal("saved") }),
]);
export type ReplyResult = z.infer<typeof ReplyResult>;

export const PluginMessage = z.discriminatedUnion("type", [
  z.object({
    type: z.literal("init"),
    editorType: z.string(),
    command: z.string(),
    windowSize: WindowSize,
  }),
  z.object({ type: z.literal("reply"), requestId: RequestId, result: ReplyResult }),
  z.object({ type: z.literal("failure"), requestId: RequestId, message: z.string() }),
  z.object({
    type: z.literal("progress"),
    requestId: RequestId,
    done: z.number().check(z.gte(0)),
    total: z.number().check(z.gte(0)),
    label: z.string(),
  }),
  /** The selection changed: the map it holds, if any. */
  z.object({
    type: z.literal("selection"),
    map: z.nullable(z.object({ nodeId: z.string(), model: JourneyMap })),
  }),
  /** A message from the panel was refused at the boundary. */
  z.object({ type: z.literal("rejected"), message: z.string() }),
]);
export type PluginMessage = z.infer<typeof PluginMessage>;

export type ParsedMessage<T> = { ok: true; message: T } | { ok: false; error: string };

function parseWith<T>(schema: z.ZodMiniType<T>, side: string, raw: unknown): ParsedMessage<T> {
  const result = schema.safeParse(raw);
  if (result.success) return { ok: true, message: result.data };
  const first = result.error.issues[0];
  const path = first ? first.path.map(String).join(".") : "";
  const type =
    typeof raw === "object" && raw !== null && "type" in raw ? JSON.stringify((raw as { type: unknown }).type) : "none";
  return {
    ok: false,
    error: `refused a message from the ${side} (type ${type}): ${path ? `${path}: ` : ""}${first?.message ?? "invalid"}`,
  };
}

/** Validates a message that arrived from the panel. */
export function parsePanelMessage(raw: unknown): ParsedMessage<PanelMessage> {
  return parseWith(PanelMessage, "panel", raw);
}

/** Validates a message that arrived from the plugin. */
export function parsePluginMessage(raw: unknown): ParsedMessage<PluginMessage> {
  return parseWith(PluginMessage, "plugin", raw);
}
