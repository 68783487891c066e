/**
 * The message contract between the panel (ui/) and the sandbox (plugin/).
 *
 * Every message is named once here and validated on arrival on both sides: nothing that crosses
 * the boundary is trusted by a cast. Requests carry a `requestId`; the other side answers with a
 * `reply` or a `failure` carrying the same id, so the panel can await a request as a promise and
 * show a failure in words.
 */
import { JourneyMap, RatingScale } from "./model";
import { PACKED_SUMMARY_KEY, withUnpackedSummary, type WithPackedSummary } from "./summary-pack";
import * as z from "./zod";

export const RequestId = z.string().check(z.minLength(1), z.maxLength(64));

/** How many of something: a whole number, 0 or more. */
const Count = z.int().check(z.gte(0));

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

/**
 * Panel-only state kept with a draft (appended after v1: every field is optional, so older drafts
 * still load and an older plugin simply drops it):
 * - `pendingEdits`: by field key, the text of a field the person is still editing that is not valid
 *   yet (an emptied stage name, "7" as an importance). The model keeps the field's last valid value,
 *   so the draft always validates; the panel shows the pending text with its error, so closing the
 *   plugin mid-edit loses nothing.
 * - `csvMappings`: column mappings the person confirmed, by `headerSignature` of the file's headers,
 *   offered again for the next file with the same headers (field → 0-based column or null); with the
 *   file's shape, its values for every row, and for a wide survey each column's settings as imported
 *   (by 0-based column: role, a question's touchpoint name, stage, scale, word ratings, no-answer
 *   cells, NPS/outcome mark). Roles and marks are plain strings here: the panel takes the ones it
 *   knows when it applies them.
 * - `omittedFeedback`: how many feedback rows were left out of the draft because the whole model is
 *   larger than `figma.clientStorage` holds (5 MB); the panel says so when the draft is restored.
 */
// The sandbox stores a draft's text without reading it (see `save-draft`): built only where a draft is
// read (the panel, tests), so that the sandbox bundle leaves these schemas, and z.record with them, out.
const draftPanelState = () => z.object({
  pendingEdits: z.optional(z.record(z.string(), z.string())),
  csvMappings: z.optional(
    z.record(
      z.string(),
      z.object({
        mapping: z.record(z.string(), z.nullable(Count)),
        delimiter: z.optional(z.string()),
        headerRows: z.optional(z.union([z.literal(0), z.literal(1), z.literal(2)])),
        shape: z.optional(z.enum(["long", "wide"])),
        columns: z.optional(
          z.record(
            z.string(),
            z.object({
              role: z.optional(z.string()),
              name: z.optional(z.string()),
              stage: z.optional(z.string()),
              scale: z.optional(RatingScale),
              words: z.optional(z.record(z.string(), z.number())),
              noAnswer: z.optional(z.array(z.string())),
              measure: z.optional(z.nullable(z.string())),
            }),
          ),
        ),
        fixed: z.optional(
          z.object({ stage: z.optional(z.string()), touchpoint: z.optional(z.string()), persona: z.optional(z.string()), source: z.optional(z.string()) }),
        ),
      }),
    ),
  ),
  omittedFeedback: z.optional(Count),
});
export const DraftPanelState = /* @__PURE__ */ draftPanelState();
export type DraftPanelState = z.infer<typeof DraftPanelState>;

const draft = () => z.object({
  savedAt: z.string(),
  model: JourneyMap,
  panel: z.optional(DraftPanelState),
});
export const Draft = /* @__PURE__ */ draft();
export type Draft = z.infer<typeof Draft>;

export const WindowSize = z.object({
  width: z.int().check(z.gte(240), z.lte(1600)),
  height: z.int().check(z.gte(200), z.lte(1600)),
});
export type WindowSize = z.infer<typeof WindowSize>;

/** The kinds of cards a map draws in its cells, as the first part of their key ("painPoint/<id>"). */
export const CARD_KINDS = ["painPoint", "note", "touchpoint", "opportunity", "kpi"] as const;

/** A card a person deleted from a map frame: the entity it showed, its kind and its title (or a note's text). */
export const DeletedCard = z.object({ entityId: z.string(), kind: z.enum(CARD_KINDS), title: z.string() });
export type DeletedCard = z.infer<typeof DeletedCard>;

/** What to do with cards a person deleted from a map frame when the model would draw them again. */
export const DeletedCardsAnswer = z.enum(["restore", "drop"]);
export type DeletedCardsAnswer = z.infer<typeof DeletedCardsAnswer>;

/**
 * A field both the panel and the canvas changed since the map was last drawn, to different values:
 * what it is ("Pain point 'Slow checkout': severity") and the value on each side.
 */
export const CanvasConflict = z.object({ label: z.string(), canvas: z.string(), panel: z.string() });
export type CanvasConflict = z.infer<typeof CanvasConflict>;

/** Which side wins where both changed the same field. */
export const ConflictsAnswer = z.enum(["canvas", "panel"]);
export type ConflictsAnswer = z.infer<typeof ConflictsAnswer>;

// ---- panel → plugin ------------------------------------------------------------------------

/**
 * A journey the panel sends to be drawn, its summary packed as the map frame stores it
 * (summary-pack.ts) or not: a year of a million responses is 1.5 MB of text instead of 165,000
 * number lists, which Figma's bridge and interpreter take seconds to build and read. Unpacked,
 * then validated as a journey; a damaged packed summary is refused in words.
 */
export const SentJourneyMap = z.pipe(
  z.transform<JourneyMap | WithPackedSummary<JourneyMap>, unknown>((value, ctx) => {
    try {
      // Sent, not read from a frame: named so in the error.
      return withUnpackedSummary(value, "the packed summary");
    } catch (error) {
      ctx.issues.push({ code: "custom", message: error instanceof Error ? error.message : String(error), input: value, path: [PACKED_SUMMARY_KEY] });
      return z.NEVER;
    }
  }),
  JourneyMap,
);
export type SentJourneyMap = z.input<typeof SentJourneyMap>;

export const PanelMessage = z.discriminatedUnion("type", [
  /** The panel has mounted and listens. */
  z.object({ type: z.literal("panel-ready") }),
  /**
   * Generate the map on the canvas, or update the map frame that shows this model, with what people
   * changed on that frame since it was drawn merged in. When that frame lacks cards a person deleted
   * which the model would draw again, the plugin draws nothing and replies `deleted-cards`; the panel
   * asks the person and sends the request again with `deletedCards`: "restore" draws them again,
   * "drop" removes them from the model first. Likewise `canvas-conflicts`, answered by `conflicts`.
   * `deletedCardsSeen`: the cards the person was shown (`kind/entityId`); the answer applies to
   * exactly those, and when more cards have gone since, the plugin asks again.
   */
  z.object({
    type: z.literal("generate-map"),
    requestId: RequestId,
    model: SentJourneyMap,
    deletedCards: z.optional(DeletedCardsAnswer),
    deletedCardsSeen: z.optional(z.array(z.string())),
    conflicts: z.optional(ConflictsAnswer),
  }),
  /** Read the selected map frame (or the only map on the page) back into a model. */
  z.object({ type: z.literal("read-map"), requestId: RequestId }),
  /** Re-score the pain points of the selected map on the canvas. */
  z.object({ type: z.literal("rescore"), requestId: RequestId }),
  /** List map frames on the current page, or on every page (which loads them all). */
  z.object({ type: z.literal("list-maps"), requestId: RequestId, allPages: z.boolean() }),
  /**
   * The draft as its JSON text: the sandbox stores it as it is, without reading it (parsing and
   * validating a model near the storage limit takes most of a second in Figma's interpreter); the
   * panel validates it as a `Draft` when it is loaded.
   */
  z.object({ type: z.literal("save-draft"), requestId: RequestId, draft: z.string() }),
  z.object({ type: z.literal("load-draft"), requestId: RequestId }),
  z.object({ type: z.literal("resize-window"), size: WindowSize }),
]);
export type PanelMessage = z.infer<typeof PanelMessage>;
export type PanelRequest = Extract<PanelMessage, { requestId: string }>;
/** A message as the panel sends it (a journey's summary may be packed: `SentJourneyMap`). */
export type SentPanelMessage = z.input<typeof PanelMessage>;
export type SentPanelRequest = Extract<SentPanelMessage, { requestId: string }>;

// ---- plugin → panel ------------------------------------------------------------------------

export const ReplyResult = z.discriminatedUnion("kind", [
  z.object({
    kind: z.literal("generated"),
    nodeId: z.string(),
    created: Count,
    updated: Count,
    removed: Count,
    /** With `deletedCards: "restore"`: the deleted cards drawn again. */
    restored: z.optional(z.array(DeletedCard)),
    /** With `deletedCards: "drop"`: the cards whose entities left the model … */
    dropped: z.optional(z.array(DeletedCard)),
    /** How many fields people changed on the canvas were kept (merged into the panel's model). */
    fromCanvas: z.optional(Count),
    /** How many of a person's layers left removed cells for the frame "Moved out of the map". */
    movedOut: z.optional(Count),
    /** The model drawn and stored when it is not the panel's (canvas edits kept, cards dropped), for the panel to adopt. */
    model: z.optional(JourneyMap),
  }),
  /** `converted`: the frame held a journey of an earlier version, to say once (`parseJourneyMap`). */
  z.object({ kind: z.literal("map-read"), nodeId: z.string(), model: JourneyMap, problems: z.array(CanvasProblem), converted: z.optional(z.string()) }),
  z.object({
    kind: z.literal("rescored"),
    nodeId: z.string(),
    model: JourneyMap,
    reranked: Count,
    problems: z.array(CanvasProblem),
    summary: z.string(),
  }),
  z.object({ kind: z.literal("maps"), maps: z.array(MapSummary) }),
  /** The stored draft's JSON text, as saved (the panel validates it). */
  z.object({ kind: z.literal("draft"), draft: z.nullable(z.string()) }),
  z.object({ kind: z.literal("saved") }),
  /**
   * The answer to "generate-map" when the map frame `nodeId` lacks cards a person deleted that the
   * model would draw again: nothing was drawn. Ask the person, then send "generate-map" again with
   * `deletedCards`.
   */
  z.object({ kind: z.literal("deleted-cards"), nodeId: z.string(), cards: z.array(DeletedCard).check(z.minLength(1)) }),
  /** The answer to "generate-map" when both sides changed the same fields: nothing was drawn. Send it again with `conflicts`. */
  z.object({ kind: z.literal("canvas-conflicts"), nodeId: z.string(), conflicts: z.array(CanvasConflict).check(z.minLength(1)) }),
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
    map: z.nullable(z.object({ nodeId: z.string(), model: JourneyMap, converted: z.optional(z.string()) })),
  }),
  /** A message from the panel was refused at the boundary. */
  z.object({ type: z.literal("rejected"), message: z.string() }),
]);
export type PluginMessage = z.infer<typeof PluginMessage>;

export type ParsedMessage<T> = { ok: true; message: T } | { ok: false; error: string };

/** How much of a refused message's type and path a refusal quotes: a stray megabyte string must not become the message. */
const QUOTED_CHARS = 60;

function shorten(text: string): string {
  return text.length > QUOTED_CHARS ? `${text.slice(0, QUOTED_CHARS - 1)}…` : text;
}

/** The refused message's `type` as a refusal names it; never throws (a cyclic or odd value is named by its kind). */
function describeType(raw: unknown): string {
  if (typeof raw !== "object" || raw === null || !("type" in raw)) return "none";
  const type: unknown = raw.type;
  if (typeof type === "string") return JSON.stringify(shorten(type));
  if (typeof type === "number" || typeof type === "boolean" || type === null) return String(type);
  return Array.isArray(type) ? "an array" : typeof type;
}

function parseWith<T>(schema: z.ZodMiniType<T>, side: string, raw: unknown): ParsedMessage<T> {
  const result = schema.safeParse(raw);
  if (result.success) return { ok: true, message: result.data };
  const first = result.error.issues[0];
  const path = first ? shorten(first.path.map(String).join(".")) : "";
  return {
    ok: false,
    error: `refused a message from the ${side} (type ${describeType(raw)}): ${path ? `${path}: ` : ""}${first?.message ?? "invalid"}`,
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
