/**
 * What the plugin stores on the nodes it makes, in shared plugin data under the `journeymap`
 * namespace (https://developers.figma.com/docs/plugins/api/node-properties/#setsharedplugindata).
 *
 * Every node the plugin makes carries its `role` and, where it shows an entity, the entity's id, so
 * re-generation can match nodes by entity id, never by Figma node id. The map frame also carries
 * the versioned model, split into chunks because one entry (namespace + key + value) may hold at
 * most 100 kB, with a check of what the chunks add up to.
 *
 * The panel sends the model compacted (ui/state/compact.ts: beyond 5,000 feedback rows, the evidence
 * rows and an exact summary of the rest); its summary is stored packed (shared/summary-pack.ts): a
 * year of a million responses takes about 1,500 kB of the frame's 3,840 kB (`npm run bench -- stored`),
 * its import ledger's row fingerprints another 2.3 MB in entries of their own (`ledger.0` …).
 */
import { parseJourneyMap, type JourneyMap } from "../shared/model";
import { withPackedSummary, withUnpackedSummary } from "../shared/summary-pack";

export const NAMESPACE = "journeymap";

/** What a node the plugin made is. */
export const NODE_ROLES = [
  "map",
  "header",
  "grid",
  "stage-row",
  "stage-header",
  "lane-row",
  "lane-label",
  "cell",
  "card",
  "text",
  "decoration",
  // Frames beside the map, tagged with its map id.
  "persona",
  "matrix",
  "gap-chart",
] as const;
export type NodeRole = (typeof NODE_ROLES)[number];

function isNodeRole(value: string): value is NodeRole {
  return (NODE_ROLES as readonly string[]).includes(value);
}

export interface NodeTag {
  role: NodeRole;
  /** The entity the node shows (a stage, lane, note, pain point …), or "" for structure. */
  entity: string;
  /** The map id the node belongs to. */
  mapId: string;
}

export function tagNode(node: BaseNode, tag: NodeTag): void {
  node.setSharedPluginData(NAMESPACE, "role", tag.role);
  node.setSharedPluginData(NAMESPACE, "entity", tag.entity);
  node.setSharedPluginData(NAMESPACE, "mapId", tag.mapId);
}

export function readTag(node: BaseNode): NodeTag | null {
  const role = node.getSharedPluginData(NAMESPACE, "role");
  if (!isNodeRole(role)) return null;
  return {
    role,
    entity: node.getSharedPluginData(NAMESPACE, "entity"),
    mapId: node.getSharedPluginData(NAMESPACE, "mapId"),
  };
}

/** Room for one chunk: 100 kB per entry, less the namespace, the key and a safety margin. */
export const CHUNK_BYTES = 96 * 1024;
/** The most chunks a model may take on one frame; larger models are refused, never truncated. */
export const MAX_CHUNKS = 40;
/**
 * The most chunks the import ledger's row fingerprints may take, in entries of their own beside the
 * model's (`ledger.0` …): about 2.3 bytes a row imported (shared/ledger.ts), so 7.5 MB, some 3,300,000
 * rows. The fingerprints grow with every row ever imported while the model stays bounded (summaries
 * and evidence), so they do not count against the model's 3,840 kB.
 */
export const MAX_LEDGER_CHUNKS = 80;

/** UTF-8 bytes of the UTF-16 code unit at `i` (4 for a surrogate pair, counted at its first half; 3 for a lone surrogate, written as U+FFFD). */
function utf8Size(text: string, i: number): 1 | 2 | 3 | 4 {
  const code = text.charCodeAt(i);
  if (code < 0x80) return 1;
  if (code < 0x800) return 2;
  if (code >= 0xd800 && code <= 0xdbff) {
    const next = text.charCodeAt(i + 1);
    if (next >= 0xdc00 && next <= 0xdfff) return 4;
  }
  return 3;
}

/** Characters outside ASCII: found by the regular expression engine, not a loop over every character (slow in Figma's interpreter). */
const WIDE = /[\u0080-\uffff]/g;

/** UTF-8 length of a string, without TextEncoder (not every sandbox has it). */
export function utf8Length(text: string): number {
  let bytes = text.length;
  WIDE.lastIndex = 0;
  for (let match = WIDE.exec(text); match !== null; match = WIDE.exec(text)) {
    const size = utf8Size(text, match.index);
    // A surrogate pair is 2 code units and 4 bytes.
    bytes += size === 4 ? 2 : size - 1;
    if (size === 4) WIDE.lastIndex++;
  }
  return bytes;
}

/** Splits text into pieces of at most `maxBytes` UTF-8 bytes, never inside a surrogate pair. */
export function splitIntoChunks(text: string, maxBytes: number): string[] {
  const chunks: string[] = [];
  let start = 0;
  let bytes = 0;
  let i = 0;
  while (i < text.length) {
    WIDE.lastIndex = i;
    const wide = WIDE.exec(text);
    // ASCII up to the next wide character: one byte each.
    let run = (wide === null ? text.length : wide.index) - i;
    while (run > 0) {
      const taken = Math.min(run, maxBytes - bytes);
      i += taken;
      bytes += taken;
      run -= taken;
      if (run > 0) {
        chunks.push(text.slice(start, i));
        start = i;
        bytes = 0;
      }
    }
    if (wide === null) break;
    const size = utf8Size(text, i);
    if (bytes + size > maxBytes) {
      chunks.push(text.slice(start, i));
      start = i;
      bytes = 0;
    }
    bytes += size;
    i += size === 4 ? 2 : 1;
  }
  if (start < text.length || chunks.length === 0) chunks.push(text.slice(start));
  return chunks;
}

export class ModelTooLargeError extends Error {}

/** Each model's chunks (an action checks the size first and stores later, and encodes once), and back. */
const encoded = new WeakMap<JourneyMap, string[]>();
const models = new WeakMap<readonly string[], JourneyMap>();

/**
 * Splits the model, its summary packed, into entries that each fit Figma's 100 kB limit. Throws
 * ModelTooLargeError when the model does not fit even then: call it before drawing anything.
 */
export function encodeModel(map: JourneyMap): string[] {
  const known = encoded.get(map);
  if (known) return known;
  const json = JSON.stringify(withoutLedgerData(withPackedSummary(map)));
  const chunks = splitIntoChunks(json, CHUNK_BYTES);
  if (chunks.length > MAX_CHUNKS) {
    const kb = Math.round(utf8Length(json) / 1024);
    throw new ModelTooLargeError(
      `The journey model is ${kb} kB, more than a map frame can hold (${Math.floor((MAX_CHUNKS * CHUNK_BYTES) / 1024)} kB) even with its feedback kept as summaries. Remove pain-point evidence or split the journey into several maps.`,
    );
  }
  const ledger = ledgerChunks(map);
  if (ledger.length > MAX_LEDGER_CHUNKS) {
    throw new ModelTooLargeError(
      `The journey's import ledger is ${Math.round(utf8Length(map.ledger?.responses.data ?? "") / 1024)} kB, more than a map frame can hold beside the model (${Math.floor((MAX_LEDGER_CHUNKS * CHUNK_BYTES) / 1024)} kB): import its feedback with "Replace" to start the ledger again, or split the journey into several maps.`,
    );
  }
  encoded.set(map, chunks);
  models.set(chunks, map);
  return chunks;
}

/**
 * The model as its chunks hold it: the import ledger's row fingerprints (`ledger.responses.data`,
 * megabytes at a million rows) are left out, to be stored in entries of their own.
 */
function withoutLedgerData<T>(map: T): T {
  const ledger = (map as { ledger?: JourneyMap["ledger"] }).ledger;
  if (ledger === undefined || ledger.responses.data === "") return map;
  return { ...map, ledger: { ...ledger, responses: { ...ledger.responses, data: "" } } };
}

/** The import ledger's row fingerprints in entries of at most CHUNK_BYTES (base64: one byte a character). */
function ledgerChunks(map: JourneyMap): string[] {
  const data = map.ledger?.responses.data ?? "";
  const chunks: string[] = [];
  for (let at = 0; at < data.length; at += CHUNK_BYTES) chunks.push(data.slice(at, at + CHUNK_BYTES));
  return chunks;
}

/**
 * What the chunks add up to: their length and an FNV-1a hash, stored beside them, so that a chunk
 * changed or cut short (by another plugin, a broken sync) is noticed even where the rest still
 * parses as a valid model with a shorter text in it.
 */
function modelCheck(parts: readonly string[]): string {
  // One multiplication a character, the unsigned conversion once at the end (the same hash): this
  // loop reads every character, slow in Figma's interpreter.
  let hash = 0x811c9dc5;
  let length = 0;
  for (const part of parts) {
    for (let i = 0, n = part.length; i < n; i++) hash = Math.imul(hash ^ part.charCodeAt(i), 0x01000193);
    length += part.length;
  }
  return `${length}:${(hash >>> 0).toString(16).padStart(8, "0")}`;
}

/**
 * Stores encoded chunks on the map frame as `model.count` + `model.0` … `model.n`, with their
 * `model.check`, clearing leftovers.
 */
export function writeModel(frame: BaseNode, chunks: readonly string[]): void {
  const get = (key: string) => frame.getSharedPluginData(NAMESPACE, key);
  const set = (key: string, value: string) => {
    // Only what changed is written: an unchanged map is not rewritten.
    if (get(key) !== value) frame.setSharedPluginData(NAMESPACE, key, value);
  };
  const previous = Number(get("model.count")) || 0;
  let changed = previous !== chunks.length || get("model.check") === "";
  chunks.forEach((chunk, index) => {
    // A frame that held no model has nothing to compare with: its parts are written without reading them first.
    if (previous > 0 && get(`model.${index}`) === chunk) return;
    frame.setSharedPluginData(NAMESPACE, `model.${index}`, chunk);
    changed = true;
  });
  for (let index = chunks.length; index < previous; index++) set(`model.${index}`, "");
  // The check reads every character: only for a model that changed.
  if (changed) set("model.check", modelCheck(chunks));
  set("model.count", String(chunks.length));
  const model = models.get(chunks);
  const ledger = model === undefined ? [] : ledgerChunks(model);
  // A frame that held no model held no ledger either.
  const ledgerBefore = previous > 0 ? Number(get("ledger.count")) || 0 : 0;
  let ledgerCheck = "";
  if (ledger.length > 0 || ledgerBefore > 0) {
    let ledgerChanged = ledgerBefore !== ledger.length;
    ledger.forEach((chunk, index) => {
      if (ledgerBefore > 0 && get(`ledger.${index}`) === chunk) return;
      frame.setSharedPluginData(NAMESPACE, `ledger.${index}`, chunk);
      ledgerChanged = true;
    });
    for (let index = ledger.length; index < ledgerBefore; index++) set(`ledger.${index}`, "");
    if (ledgerChanged) set("ledger.check", ledger.length === 0 ? "" : modelCheck(ledger));
    set("ledger.count", ledger.length === 0 ? "" : String(ledger.length));
    ledgerCheck = get("ledger.check");
  }
  // What was just stored is what reading it gives (a model that was validated to get here).
  if (model) readCache.set(frame.id, { parts: [...chunks, get("model.check"), ...ledger, ledgerCheck], model });
}

/**
 * The last model read from each frame, with the parts it was read from: reading an unchanged map
 * again (every selection change inside it) costs a comparison of its parts, not a parse and a
 * validation of the whole model (most of a second near the size limit in Figma's interpreter).
 */
const readCache = new Map<string, { parts: string[]; model: JourneyMap; converted?: string }>();

/** `converted`: the frame holds a model of an earlier version (see `parseJourneyMap`), opened as this one. */
export type StoredModel = { ok: true; model: JourneyMap; converted?: string } | { ok: false; message: string };

/**
 * Reads the model stored on a map frame; a missing chunk, a damaged or an invalid model is reported,
 * not guessed. Maps stored before `model.check` existed are read without it.
 */
export function readModel(frame: BaseNode): StoredModel {
  const count = Number(frame.getSharedPluginData(NAMESPACE, "model.count"));
  if (!Number.isInteger(count) || count < 1) {
    return { ok: false, message: `"${frame.name}" holds no journey model` };
  }
  const parts: string[] = [];
  for (let index = 0; index < count; index++) {
    const chunk = frame.getSharedPluginData(NAMESPACE, `model.${index}`);
    if (chunk === "") {
      return { ok: false, message: `"${frame.name}": part ${index + 1} of ${count} of the stored model is missing` };
    }
    parts.push(chunk);
  }
  const check = frame.getSharedPluginData(NAMESPACE, "model.check");
  parts.push(check);
  const ledger = readLedgerChunks(frame);
  if (typeof ledger === "string") return { ok: false, message: ledger };
  parts.push(...ledger.parts, ledger.check);
  const cached = readCache.get(frame.id);
  if (cached && cached.parts.length === parts.length && cached.parts.every((part, i) => part === parts[i])) {
    return { ok: true, model: cached.model, ...(cached.converted !== undefined && { converted: cached.converted }) };
  }
  if (ledger.parts.length > 0 && ledger.check !== modelCheck(ledger.parts)) {
    return { ok: false, message: `"${frame.name}": the stored import ledger is damaged (a part of it was changed or cut short)` };
  }
  const json = parts.slice(0, count).join("");
  if (check !== "" && check !== modelCheck(parts.slice(0, count))) {
    return { ok: false, message: `"${frame.name}": the stored model is damaged (a part of it was changed or cut short)` };
  }
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    return { ok: false, message: `"${frame.name}": the stored model is damaged (not valid JSON)` };
  }
  try {
    value = withUnpackedSummary(withLedgerData(value, ledger.parts));
  } catch (error) {
    return { ok: false, message: `"${frame.name}": ${error instanceof Error ? error.message : String(error)}` };
  }
  const parsed = parseJourneyMap(value);
  if (!parsed.ok) return { ok: false, message: `"${frame.name}": the stored model is invalid: ${parsed.errors.slice(0, 3).join("; ")}` };
  const converted = parsed.converted;
  readCache.set(frame.id, { parts, model: parsed.value, ...(converted !== undefined && { converted }) });
  return { ok: true, model: parsed.value, ...(converted !== undefined && { converted }) };
}

/**
 * The import ledger's fingerprint entries of a frame (none for a map stored before they had entries
 * of their own: its model holds them); a missing entry is reported as a sentence (a changed one by
 * `readModel`, which checks `ledger.check` only when the entries differ from its last read's).
 */
function readLedgerChunks(frame: BaseNode): { parts: string[]; check: string } | string {
  const stored = frame.getSharedPluginData(NAMESPACE, "ledger.count");
  if (stored === "") return { parts: [], check: "" };
  const count = Number(stored);
  if (!Number.isInteger(count) || count < 1 || count > MAX_LEDGER_CHUNKS) return `"${frame.name}": the stored import ledger is damaged (it counts ${stored} parts)`;
  const parts: string[] = [];
  for (let index = 0; index < count; index++) {
    const chunk = frame.getSharedPluginData(NAMESPACE, `ledger.${index}`);
    if (chunk === "") return `"${frame.name}": part ${index + 1} of ${count} of the stored import ledger is missing`;
    parts.push(chunk);
  }
  // Checked by the caller only when the parts differ from the last read's: a selection change reads them again.
  return { parts, check: frame.getSharedPluginData(NAMESPACE, "ledger.check") };
}

/**
 * The parsed model with its ledger's fingerprints put back from their entries. A model that holds
 * its fingerprints itself (written by an earlier version of the plugin over a later one's map) keeps
 * them: the entries beside it are older than it.
 */
function withLedgerData(value: unknown, parts: readonly string[]): unknown {
  if (parts.length === 0) return value;
  const ledger = typeof value === "object" && value !== null ? (value as { ledger?: unknown }).ledger : undefined;
  const responses = typeof ledger === "object" && ledger !== null ? (ledger as { responses?: unknown }).responses : undefined;
  if (typeof responses === "object" && responses !== null && (responses as { data?: unknown }).data === "") (responses as { data: string }).data = parts.join("");
  return value;
}
