/**
 * Reading a map frame's cards off the canvas into plain data (shared/canvas-edits.ts decides what
 * the edits mean). One `findAllWithCriteria` pass over the nodes the plugin made
 * (https://developers.figma.com/docs/plugins/api/properties/nodes-findallwithcriteria); hidden
 * and locked nodes are read like any other, and layer names are never relied on: a node is known
 * by the key and map id in its plugin data. A map frame pasted inside this one is a map of its
 * own: none of its nodes is read as this map's.
 */
import {
  isCardKind,
  type CanvasCard,
  type CardKind,
  type CanvasCell,
  type CanvasSnapshot,
  type CanvasText,
  type KeyedCanvasText,
} from "../shared/canvas-edits";
import { isMapFrame, type MapFrame } from "./maps";
import { NAMESPACE } from "./plugin-data";
import type { NodeSpec } from "./render/spec";

/** What the plugin drew for a model: the text of every text layer by key, the card keys and the structure keys. */
export interface Drawn {
  texts: Map<string, string>;
  cards: Set<string>;
  /** Keys of the header, the grid, the stage headers, the lane rows and the cells (see CanvasSnapshot.structure). */
  structure: Set<string>;
}

/** The roles of the nodes that make a map's structure, checked when it is read back. */
const STRUCTURE_ROLES: readonly string[] = ["header", "grid", "stage-row", "stage-header", "lane-row", "cell"];

/** Walks a spec (what generation draws for the stored model). */
export function drawnBy(spec: NodeSpec, into: Drawn = { texts: new Map(), cards: new Set(), structure: new Set() }): Drawn {
  if ("text" in spec && typeof spec.text === "string") into.texts.set(spec.key, spec.text);
  if (spec.role === "card" && isCardKind(spec.key.slice(0, spec.key.indexOf("/")))) into.cards.add(spec.key);
  if (STRUCTURE_ROLES.includes(spec.role)) into.structure.add(spec.key);
  if ("children" in spec) for (const child of spec.children) drawnBy(child, into);
  return into;
}

/** A card as read, with the nodes that show it (to re-tag a duplicate). */
export interface CardNodes {
  card: SceneNode;
  /** The card's key ("painPoint/<id>"). */
  key: string;
  /** Its descendants made by the plugin, with their keys. */
  parts: { node: SceneNode; key: string }[];
}

export interface MapFrameReading {
  snapshot: CanvasSnapshot;
  /** The nodes of each card, by the card's node id. */
  cardNodes: Map<string, CardNodes>;
}

interface OpenCard {
  card: CanvasCard & { texts: Record<string, CanvasText> };
  nodes: CardNodes;
}

/** The field a card's own text shows, where the card is a FigJam sticky or shape with text. */
const OWN_TEXT_FIELD: Record<CardKind, string> = {
  painPoint: "title",
  note: "text",
  touchpoint: "name",
  opportunity: "title",
  kpi: "name",
};

/**
 * Reads the cards of map `mapId` inside `frame`. Nodes tagged with another map id (pasted from
 * another map) are a person's own nodes here, and are skipped.
 *
 * In Figma design a card is a frame and its text layers are inside it. In FigJam a card is a
 * sticky or a shape with text showing its title (a shape's first line is its name, the rest its
 * details), and its scores are text layers beside it in the same cell: those are matched to the
 * card by their key (`painPoint/<id>/severity`), the first card with that key taking them.
 */
export function readCanvasCards(frame: MapFrame, mapId: string, drawn: Drawn, copyOfAnotherMap: boolean): MapFrameReading {
  const cells = new Map<string, CanvasCell>();
  const cellById = new Map<string, CanvasCell>();
  const cardById = new Map<string, OpenCard>();
  const cardByKey = new Map<string, OpenCard>();
  const cards: CanvasCard[] = [];
  const cardNodes = new Map<string, CardNodes>();
  const loose: { node: SceneNode; key: string }[] = [];
  const present = new Set<string>();
  const fixedTexts: KeyedCanvasText[] = [];
  const fixedKeys = new Set<string>();
  const tagged = frame.findAllWithCriteria({ sharedPluginData: { namespace: NAMESPACE, keys: ["key"] } });
  // Map frames pasted inside this one; find* is pre-order, so each is met before its descendants.
  const nested = new Set<string>();
  const insideNested = (node: BaseNode) => {
    if (nested.size === 0) return false;
    for (let parent = node.parent; parent !== null && parent.id !== frame.id; parent = parent.parent) {
      if (nested.has(parent.id)) return true;
    }
    return false;
  };

  const addText = (owner: OpenCard, node: SceneNode, key: string) => {
    const characters = charactersOf(node);
    if (characters === null || !key.startsWith(`${owner.nodes.key}/`)) return;
    const field = key.slice(owner.nodes.key.length + 1);
    owner.card.texts[field] ??= { nodeId: node.id, nodeName: node.name, characters, drawn: drawn.texts.get(key) };
  };

  for (const node of tagged) {
    if (insideNested(node)) continue;
    if (isMapFrame(node)) {
      nested.add(node.id);
      continue;
    }
    // A node of another map (pasted in from it) is a person's own node here.
    if (node.getSharedPluginData(NAMESPACE, "mapId") !== mapId) continue;
    const key = node.getSharedPluginData(NAMESPACE, "key");
    const slash = key.indexOf("/");
    const prefix = slash < 0 ? key : key.slice(0, slash);
    const role = node.getSharedPluginData(NAMESPACE, "role");
    if (STRUCTURE_ROLES.includes(role)) present.add(key);
    if (prefix === "cell") {
      // The emotion lane's bands carry keys under their cell's: decorations, not cells.
      if (role !== "cell") continue;
      const entity = node.getSharedPluginData(NAMESPACE, "entity");
      const [laneId = "", stageId = ""] = entity.split("/");
      const cell = { laneId, stageId, nodeId: node.id, nodeName: node.name };
      cells.set(entity, cell);
      cellById.set(node.id, cell);
      continue;
    }
    if (!isCardKind(prefix)) {
      const text = fixedText(node, key, drawn.texts);
      // A person's copy of a text (after the original in layer order) is their own layer.
      if (text !== null && !fixedKeys.has(key)) {
        fixedKeys.add(key);
        fixedTexts.push(text);
      }
      continue;
    }
    const owner = nearest(node, cardById);
    if (owner !== undefined) {
      // A layer of a card: its field is the rest of its key after the card's key.
      owner.nodes.parts.push({ node, key });
      addText(owner, node, key);
      continue;
    }
    if (role !== "card") {
      loose.push({ node, key });
      continue;
    }
    const card: OpenCard["card"] = {
      kind: prefix,
      entity: node.getSharedPluginData(NAMESPACE, "entity"),
      nodeId: node.id,
      nodeName: node.name,
      cell: nearest(node, cellById) ?? null,
      texts: {},
    };
    const own = charactersOf(node);
    if (own !== null) {
      const shape = node.type === "SHAPE_WITH_TEXT";
      const drawnText = drawn.texts.get(key);
      card.texts[OWN_TEXT_FIELD[prefix]] = {
        nodeId: node.id,
        nodeName: node.name,
        characters: shape ? firstLine(own) : own,
        drawn: shape && drawnText !== undefined ? firstLine(drawnText) : drawnText,
      };
      if (shape) Object.assign(card.texts, shapeDetails(prefix, node, own, drawnText));
    }
    const open = { card, nodes: { card: node, key, parts: [] } };
    cardById.set(node.id, open);
    if (!cardByKey.has(key)) cardByKey.set(key, open);
    cards.push(card);
    cardNodes.set(node.id, open.nodes);
  }

  for (const { node, key } of loose) {
    for (let slash = key.indexOf("/"); slash >= 0; slash = key.indexOf("/", slash + 1)) {
      const owner = cardByKey.get(key.slice(0, slash));
      if (owner === undefined) continue;
      addText(owner, node, key);
      break;
    }
  }

  return {
    snapshot: {
      nodeId: frame.id,
      nodeName: frame.name,
      cards,
      drawnCards: drawn.cards,
      cells,
      copyOfAnotherMap,
      structure: { drawn: drawn.structure, present },
      fixedTexts,
    },
    cardNodes,
  };
}

/**
 * The texts outside the cards that show a stored field as it is (the title, the scope, stage names
 * and objectives, lane names, persona names and details): reading never changes those fields, so
 * what the stored model draws there is what the canvas showed before a person typed. Texts worked
 * out from the data (ranks, scores, the matrix, the gap chart, data backing, the date) are not
 * compared: reading can change what they would show before the map is drawn again.
 */
const SHOWS_STORED_FIELD: readonly RegExp[] = [
  /^header\/(title|scope|personas)$/,
  /^header\/persona\/[^/]+\/(name|role)$/,
  /^stage\/[^/]+(\/name|\/objective)?$/,
  /^lane\/[^/]+\/label\/text$/,
  /^persona\/[^/]+\/(name|role|quote\/text|demographics|(goals|motivations|behaviours|frustrations)\/\d+\/text)$/,
];

/** A text outside the cards that shows a stored field, as it is on the canvas; null for other nodes. */
function fixedText(node: SceneNode, key: string, drawnTexts: ReadonlyMap<string, string>): KeyedCanvasText | null {
  if (!SHOWS_STORED_FIELD.some((pattern) => pattern.test(key))) return null;
  const characters = charactersOf(node);
  const drawn = drawnTexts.get(key);
  if (characters === null || drawn === undefined) return null;
  return { key, nodeId: node.id, nodeName: node.name, characters, drawn };
}

/**
 * The texts of map `mapId` in the frames beside it that show a stored field (the persona cards),
 * as they are on the canvas: drawn from the data, never read back.
 */
export function readFixedTexts(roots: readonly SceneNode[], mapId: string, drawnTexts: ReadonlyMap<string, string>): KeyedCanvasText[] {
  const texts: KeyedCanvasText[] = [];
  const keys = new Set<string>();
  for (const root of roots) {
    const nodes = "findAllWithCriteria" in root ? root.findAllWithCriteria({ sharedPluginData: { namespace: NAMESPACE, keys: ["key"] } }) : [];
    for (const node of nodes) {
      if (node.getSharedPluginData(NAMESPACE, "mapId") !== mapId) continue;
      const text = fixedText(node, node.getSharedPluginData(NAMESPACE, "key"), drawnTexts);
      if (text === null || keys.has(text.key)) continue;
      keys.add(text.key);
      texts.push(text);
    }
  }
  return texts;
}

/**
 * The fields a FigJam shape card shows on the line under its name, split at its first "·" (as
 * plugin/figjam/figjam-spec.ts draws them), with the keys of the text layers that show them on a
 * design card: a touchpoint's "web · importance 3" gives its channel (the name alone: a FigJam card
 * does not show whether it is digital), an opportunity's "planned · Checkout squad" its status and
 * owner, a KPI's "74 / 65 % · off track" its current / target. What comes after the first "·" on a
 * touchpoint or KPI (the importance, the KPI's status) is not read, as on a design card.
 */
const DETAIL_FIELDS: Partial<Record<CardKind, readonly string[]>> = {
  touchpoint: ["channel"],
  opportunity: ["status/text", "owner"],
  kpi: ["values"],
};

/**
 * The detail fields of a FigJam shape card (see DETAIL_FIELDS), as texts of the shape: a value that
 * cannot be read is reported on the shape. A shape without a line under its name shows none of
 * them (like a design card whose tag was deleted): nothing is read from it.
 */
function shapeDetails(kind: CardKind, node: SceneNode, characters: string, drawnText: string | undefined): Record<string, CanvasText> {
  const fields = DETAIL_FIELDS[kind];
  const shown = detailsOf(characters);
  if (fields === undefined || shown === null) return {};
  const drawn = drawnText === undefined ? null : detailsOf(drawnText);
  const texts: Record<string, CanvasText> = {};
  fields.forEach((field, index) => {
    texts[field] = { nodeId: node.id, nodeName: node.name, characters: shown[index] ?? "", drawn: drawn?.[index] };
  });
  return texts;
}

/** The line(s) under a shape's name, split at the first "·" and trimmed; null when there is none. */
function detailsOf(text: string): [string, string] | null {
  const end = text.indexOf("\n");
  if (end < 0) return null;
  // A person may break the line: the lines under the name read as one.
  const line = text.slice(end + 1).replace(/\s*\n\s*/g, " ");
  const dot = line.indexOf("·");
  return dot < 0 ? [line.trim(), ""] : [line.slice(0, dot).trim(), line.slice(dot + 1).trim()];
}

function firstLine(text: string): string {
  const end = text.indexOf("\n");
  return end < 0 ? text : text.slice(0, end);
}

/** The text a person can edit in a node: a text layer's, or a FigJam sticky's or shape's. */
function charactersOf(node: SceneNode): string | null {
  if (node.type === "TEXT") return node.characters;
  if (node.type === "STICKY" || node.type === "SHAPE_WITH_TEXT") return node.text.characters;
  return null;
}

/** The nearest ancestor of `node` (below the map frame) found in `byId`. */
function nearest<T>(node: BaseNode, byId: ReadonlyMap<string, T>): T | undefined {
  for (let parent = node.parent; parent !== null && parent.type !== "PAGE"; parent = parent.parent) {
    const found = byId.get(parent.id);
    if (found !== undefined) return found;
  }
  return undefined;
}
