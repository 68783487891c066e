/**
 * Merging what people changed on a map frame into the model stored on it.
 *
 * The sandbox reads the frame into a `CanvasSnapshot` (plain data: the cards, their cells and
 * their text layers); this module decides what the edits mean, without `figma`:
 * - a text that differs from what the plugin drew is an edit: titles, note texts, names, stage
 *   names, the severity / frequency / effort scores (read tolerantly, shared/score-text.ts), a KPI's
 *   current / target, an opportunity's status and owner, a touchpoint's channel (on a FigJam
 *   shape card, the line under its name: plugin/canvas-snapshot.ts splits it);
 * - a score or title that cannot be read is reported with the node it sits on, and the old value
 *   is kept: nothing is guessed;
 * - a card in another stage's cell of a lane that shows its kind was dragged there;
 * - a card the stored model draws that is not on the canvas was deleted: it leaves the model and
 *   is reported (never silently);
 * - two cards with the same entity are a duplicate: the first in layer order keeps the entity,
 *   every later one becomes a new entity with a new id (the sandbox re-tags its nodes);
 * - a frame that is a copy of another map frame gets a new map id;
 * - a part of the map's structure the stored model draws that is gone (the header, a stage's
 *   column, a lane's row) is reported: the stage or lane stays in the model, nothing is guessed;
 * - a text that shows a stored field but is never read back (a KPI's direction, a persona card) that a person changed is reported: the next generation draws it again, so the
 *   person is told to make that change in the panel.
 */
import { rekeyedTallies } from "./sentiment-summary";
import { CARD_KINDS, type CanvasProblem } from "./messages";
import {
  CHANNELS,
  OPPORTUNITY_STATUSES,
  parseEditedJourneyMap,
  parseJourneyMap,
  type JourneyMap,
  type Kpi,
  type LaneKind,
  type Note,
  type Opportunity,
  type PainPoint,
  type Touchpoint,
} from "./model";
import { readScoreText } from "./score-text";
import { localDay, withCurrentValue } from "./kpi-history";

export type CardKind = (typeof CARD_KINDS)[number];

export function isCardKind(value: string): value is CardKind {
  return (CARD_KINDS as readonly string[]).includes(value);
}

/** A text layer of a card, as read from the canvas. */
export interface CanvasText {
  nodeId: string;
  nodeName: string;
  characters: string;
  /** What the plugin drew there for the stored model; a text still showing it was not edited. */
  drawn: string | undefined;
}

/** A text layer outside the cards, with its key ("stage/<id>/name", "matrix/<id>/rank" …). */
export interface KeyedCanvasText extends CanvasText {
  key: string;
}

/** A cell of the grid: one lane in one stage. */
export interface CanvasCell {
  laneId: string;
  stageId: string;
  nodeId: string;
  nodeName: string;
}

export interface CanvasCard {
  kind: CardKind;
  entity: string;
  nodeId: string;
  nodeName: string;
  /** The cell the card sits in, or null when it sits outside every cell. */
  cell: CanvasCell | null;
  /** Its text layers by field: the part of their key after the card's key ("title", "severity" …). */
  texts: Readonly<Record<string, CanvasText>>;
}

export interface CanvasSnapshot {
  /** The map frame. */
  nodeId: string;
  nodeName: string;
  /** Every card of this map on the frame, in layer order (a duplicate comes after its original). */
  cards: readonly CanvasCard[];
  /** Keys ("painPoint/<id>") of the cards the stored model draws: one missing from `cards` was deleted. */
  drawnCards: ReadonlySet<string>;
  /** Cells by entity ("<laneId>/<stageId>"), to say where a deleted card was. */
  cells: ReadonlyMap<string, CanvasCell>;
  /** Another frame on the page, earlier in layer order, shows the same map: this one is a copy. */
  copyOfAnotherMap: boolean;
  /**
   * The structure the stored model draws, and the part of it still on the frame, by key: "header",
   * "grid", "stages" (the row of stage headers), "stage/<stageId>" (a stage's header), "lane/<laneId>" (a lane's row),
   * "cell/<laneId>/<stageId>". Absent: structure is not checked.
   */
  structure?: { drawn: ReadonlySet<string>; present: ReadonlySet<string> };
  /**
   * Texts outside the cards that show a stored field and are never read back (the title, stage
   * names, lane names, persona cards beside the map), as they are on the canvas. Absent: not checked.
   */
  fixedTexts?: readonly KeyedCanvasText[];
}

/** A card that became an entity of its own: its nodes are re-tagged from `from` to `to`. */
export interface CanvasIdentity {
  nodeId: string;
  kind: CardKind;
  from: string;
  to: string;
}

/** What the canvas changed, in labels a person reads ("Severity on 'Slow checkout'"). */
export interface CanvasReport {
  edited: string[];
  unreadable: string[];
  moved: string[];
  deleted: string[];
  duplicated: string[];
  /** Cards whose entity the stored model does not know; left out of the model. */
  unknown: string[];
  /** The new id of a copied map frame, else null. */
  newMapId: string | null;
}

export interface CanvasEdits {
  model: JourneyMap;
  /** Values that could not be read, and cards deleted or left out, with the node each concerns. */
  problems: CanvasProblem[];
  identities: CanvasIdentity[];
  /**
   * Cards whose entity the stored model does not know (pasted from another version of the map):
   * they are not read, and the sandbox turns them into a person's own layers so that no
   * generation removes them.
   */
  unknownCardNodeIds: string[];
  /** The entities whose drawn card is gone from the canvas (and so left the model). */
  deletedCards: { kind: CardKind; id: string }[];
  report: CanvasReport;
}

const LANE_OF_KIND: Record<Exclude<CardKind, "note">, LaneKind> = {
  painPoint: "painPoints",
  touchpoint: "touchpoints",
  opportunity: "opportunities",
  kpi: "kpis",
};
const NOTE_LANES: readonly LaneKind[] = ["actions", "thoughts", "custom"];

const KIND_NAME: Record<CardKind, string> = {
  painPoint: "Pain point",
  note: "Note",
  touchpoint: "Touchpoint",
  opportunity: "Opportunity",
  kpi: "KPI",
};

/**
 * The other text fields of each kind of card that show a stored field as it is but are not read
 * back: a change to one is reported. (Texts worked out from the data, such as a rank, a quadrant, a
 * KPI's status or a touchpoint's performance, are not compared: reading can change what they would
 * show before the map is drawn again.)
 */
const SHOWN_FIELDS: Record<CardKind, readonly string[]> = {
  painPoint: [],
  note: [],
  touchpoint: [],
  opportunity: [],
  kpi: ["direction"],
};

const SCORE_FIELDS = ["severity", "frequency", "effort"] as const;
type ScoreField = (typeof SCORE_FIELDS)[number];

/** The entities each kind of card shows. */
interface CardEntities {
  painPoint: PainPoint;
  note: Note;
  touchpoint: Touchpoint;
  opportunity: Opportunity;
  kpi: Kpi;
}
type CardEntity = CardEntities[CardKind];

function collection<K extends CardKind>(map: JourneyMap, kind: K): CardEntities[K][] {
  const lists: { [L in CardKind]: CardEntities[L][] } = {
    painPoint: map.painPoints,
    note: map.notes,
    touchpoint: map.touchpoints,
    opportunity: map.opportunities,
    kpi: map.kpis,
  };
  return lists[kind];
}

function shorten(text: string, max = 60): string {
  const oneLine = text.replace(/\s+/g, " ").trim();
  return oneLine.length > max ? `${oneLine.slice(0, max - 1)}…` : oneLine;
}

/** "pain point", "KPI": a kind of card inside a sentence. */
function kindWord(kind: CardKind): string {
  return kind === "kpi" ? "KPI" : KIND_NAME[kind].toLowerCase();
}

/** What a card shows as its title: a pain point's or opportunity's title, a note's text, a touchpoint's or KPI's name. */
function captionOf(entity: CardEntity): string {
  return "title" in entity ? entity.title : "name" in entity ? entity.name : entity.text;
}

/** `captionOf` the entity `id` of `map`; the id itself when the map does not hold it. */
export function cardCaption(map: JourneyMap, kind: CardKind, id: string): string {
  const entity = collection(map, kind).find((e) => e.id === id);
  return entity === undefined ? id : captionOf(entity);
}

/** "Pain point 'Slow checkout'". */
export function cardLabel(kind: CardKind, entity: CardEntity): string {
  return `${KIND_NAME[kind]} '${shorten(captionOf(entity))}'`;
}

/**
 * A new id for a copy, derived from the node that shows it, so that reading the same canvas twice
 * gives the same model (`pp_slow_checkout_copy_1_234`), unique among `taken`, at most 64 characters.
 */
export function copyId(base: string, nodeId: string, taken: ReadonlySet<string>): string {
  const suffix = `_copy_${nodeId.replace(/[^A-Za-z0-9]+/g, "_")}`;
  const make = (extra: string) => `${base.slice(0, Math.max(1, 64 - suffix.length - extra.length))}${suffix}${extra}`;
  let id = make("");
  for (let n = 2; taken.has(id); n++) id = make(`_${n}`);
  return id;
}

function allIds(map: JourneyMap): Set<string> {
  const ids = new Set<string>([map.id]);
  for (const list of [map.personas, map.stages, map.touchpoints, map.lanes, map.notes, map.feedback, map.painPoints, map.opportunities, map.kpis]) {
    for (const entity of list) ids.add(entity.id);
  }
  return ids;
}

/**
 * Removes the entities of `gone` ("kind/id") from `map` (in place), and clears references to them,
 * keeping what they still tell: an opportunity forgets its pain point; a pain point and feedback
 * forget their touchpoint, and the feedback keeps the touchpoint's stage. One pass per list.
 */
function removeEntities(map: JourneyMap, gone: ReadonlySet<string>): void {
  if (gone.size === 0) return;
  const touchpointStage = new Map<string, string>();
  for (const t of map.touchpoints) if (gone.has(`touchpoint/${t.id}`)) touchpointStage.set(t.id, t.stageId);
  for (const kind of CARD_KINDS) {
    const list: CardEntity[] = collection(map, kind);
    const kept = list.filter((e) => !gone.has(`${kind}/${e.id}`));
    list.length = 0;
    for (const e of kept) list.push(e);
  }
  for (const o of map.opportunities) if (o.painPointId !== null && gone.has(`painPoint/${o.painPointId}`)) o.painPointId = null;
  for (const p of map.painPoints) if (p.touchpointId !== null && touchpointStage.has(p.touchpointId)) p.touchpointId = null;
  // A changed row is a new object: the rows may be shared with the stored model (see `editableCopy`).
  map.feedback.forEach((f, index) => {
    const stageId = f.touchpointId === null ? undefined : touchpointStage.get(f.touchpointId);
    if (stageId !== undefined) map.feedback[index] = { ...f, touchpointId: null, stageId: f.stageId ?? stageId };
  });
  // The rows the summary counts move as the rows do: their groups' references change in place (two
  // groups may come to share a key; every figure adds groups up, so it stays exact).
  const summary = map.summary;
  if (summary !== undefined && touchpointStage.size > 0) {
    const strings = [...summary.strings];
    const ref = (id: string) => (strings.includes(id) ? strings.indexOf(id) : strings.push(id) - 1);
    const groups = summary.groups.map((g) => {
      const stageId = g[1] === null ? undefined : touchpointStage.get(strings[g[1] as number] as string);
      return stageId === undefined ? g : [g[0] ?? ref(stageId), null, ...g.slice(2)];
    });
    map.summary = { strings, groups };
    // the sentiment of the folded rows moves with them
    const sentiment = rekeyedTallies(summary.sentiment, (t) => {
      const stageId = t.touchpointId === null ? undefined : touchpointStage.get(t.touchpointId);
      return stageId === undefined ? t : { ...t, touchpointId: null, stageId: t.stageId ?? stageId };
    });
    if (sentiment !== undefined) map.summary.sentiment = sentiment;
    // Term statistics are per stage, and the rows keep their stage: they stay. Driver sums relate
    // touchpoints' answers: they stay unless one of theirs went (the sums cannot take one out).
    if (summary.terms !== undefined) map.summary.terms = summary.terms;
    if (summary.drivers !== undefined && !summary.drivers.touchpoints.some((id) => touchpointStage.has(id))) map.summary.drivers = summary.drivers;
  }
}

/** A number a person typed: "74", " 74.5 ", "−3", "74,5"; null when it is not a finite number. */
function readNumberText(text: string): number | null {
  const plain = text.trim().replace(/^[−–]/, "-");
  const value = Number(/^-?\d+,\d+$/.test(plain) ? plain.replace(",", ".") : plain);
  return plain === "" || !Number.isFinite(value) ? null : value;
}

/**
 * The structure the stored model draws that is gone from the frame (the header, the grid, stage
 * columns and headers, lane rows, cells), as problems on the map frame. The stages and lanes stay
 * in the model, and the next generation draws them again (the cards that were in them are reported
 * one by one). Linear in the cells: each cell key is looked up once.
 */
function goneStructure(model: JourneyMap, canvas: CanvasSnapshot): CanvasProblem[] {
  const structure = canvas.structure;
  if (structure === undefined) return [];
  const problems: CanvasProblem[] = [];
  const gone = (key: string) => structure.drawn.has(key) && !structure.present.has(key);
  // The nodes are gone: the problem sits on the map frame.
  const report = (message: string) => problems.push({ nodeId: canvas.nodeId, nodeName: canvas.nodeName, message });
  const again = "the next generation or re-score draws it again";
  const cards = "cards deleted with it are listed one by one";
  if (gone("header")) report(`The map's header was deleted from the canvas: the title, scope and personas stay in the map, and ${again}`);
  if (gone("grid")) {
    report(`The map's grid was deleted from the canvas: its stages and lanes stay in the map, and ${again}; ${cards}`);
    return problems;
  }
  // Each drawn cell once: whether it is gone, by lane and by stage.
  const cellsOfLane = new Map<string, boolean[]>();
  const cellsOfStage = new Map<string, { lane: JourneyMap["lanes"][number]; gone: boolean }[]>();
  for (const lane of model.lanes) {
    const row: boolean[] = [];
    cellsOfLane.set(lane.id, row);
    for (const stage of model.stages) {
      const key = `cell/${lane.id}/${stage.id}`;
      if (!structure.drawn.has(key)) continue;
      const cell = { lane, gone: !structure.present.has(key) };
      row.push(cell.gone);
      const column = cellsOfStage.get(stage.id);
      if (column === undefined) cellsOfStage.set(stage.id, [cell]);
      else column.push(cell);
    }
  }
  const headersGone = gone("stages");
  if (headersGone) report(`The row of stage headers was deleted from the canvas: the stages stay in the map, and ${again}`);
  const goneLanes = new Set<string>();
  for (const lane of model.lanes) {
    const row = cellsOfLane.get(lane.id) ?? [];
    // A FigJam map has no row node: a lane whose cells are all gone lost its row.
    const rowGone = structure.drawn.has(`lane/${lane.id}`) ? gone(`lane/${lane.id}`) : row.length > 0 && row.every((g) => g);
    if (!rowGone) continue;
    goneLanes.add(lane.id);
    report(
      `The row of lane '${shorten(lane.name)}' was deleted from the canvas: the lane stays in the map ` +
        `(hide it in the panel to leave it out), and ${again}; ${cards}`,
    );
  }
  for (const stage of model.stages) {
    const cells = (cellsOfStage.get(stage.id) ?? []).filter((cell) => !goneLanes.has(cell.lane.id));
    const goneCells = cells.filter((cell) => cell.gone);
    const headerGone = gone(`stage/${stage.id}`);
    const name = `stage '${shorten(stage.name)}'`;
    if (headerGone && cells.length > 0 && goneCells.length === cells.length) {
      report(
        `The column of ${name} was deleted from the canvas (its header and its cells): the stage stays in the map with its feedback ` +
          `(delete it in the panel to drop it), and ${again}; ${cards}`,
      );
      continue;
    }
    if (headerGone && !headersGone) report(`The header of ${name} was deleted from the canvas: the stage stays in the map, and ${again}`);
    if (goneCells.length > 0) {
      const lanes = goneCells.map(({ lane }) => `'${shorten(lane.name, 30)}'`).join(", ");
      const one = goneCells.length === 1;
      const what = one ? `The cell of ${name} in lane ${lanes} was` : `${goneCells.length} cells of ${name} (lanes ${lanes}) were`;
      report(
        `${what} deleted from the canvas: the next generation or re-score draws ${one ? "it" : "them"} again; ` +
          `cards deleted with ${one ? "it" : "them"} are listed one by one`,
      );
    }
  }
  return problems;
}

/**
 * One reading of a canvas into a copy of the stored model, in the steps of `run`. Entities are
 * found by id through one index per kind; deleted cards and duplicates change the lists once, at
 * the end, so that labels and references meanwhile are those of the stored model.
 */
class Merge {
  readonly problems: CanvasProblem[] = [];
  readonly identities: CanvasIdentity[] = [];
  readonly unknownCardNodeIds: string[] = [];
  readonly deletedCards: { kind: CardKind; id: string }[] = [];
  readonly report: CanvasReport = { edited: [], unreadable: [], moved: [], deleted: [], duplicated: [], unknown: [], newMapId: null };
  private readonly taken: Set<string>;
  private readonly laneKinds: Map<string, LaneKind>;
  private readonly stages: Map<string, JourneyMap["stages"][number]>;
  private readonly index = new Map<CardKind, Map<string, CardEntity>>();
  /** "kind/id" of the entities whose card was deleted. */
  private readonly gone = new Set<string>();
  /** New entities for duplicated cards, by the "kind/id" of their original. */
  private readonly copies = new Map<string, CardEntity[]>();

  constructor(
    readonly model: JourneyMap,
    private readonly canvas: CanvasSnapshot,
  ) {
    this.taken = allIds(model);
    this.laneKinds = new Map(model.lanes.map((l) => [l.id, l.kind]));
    this.stages = new Map(model.stages.map((s) => [s.id, s]));
  }

  run(): void {
    this.settleMapCopy();
    this.problems.push(...goneStructure(this.model, this.canvas));
    for (const text of this.canvas.fixedTexts ?? []) this.readFixedText(text);
    const groups = this.cardsByKey();
    for (const key of this.canvas.drawnCards) {
      if (!groups.has(key)) this.deleted(key);
    }
    for (const [key, cards] of groups) this.readCardGroup(key, cards);
    this.changeLists();
  }

  /** A copied map frame gets a map id of its own. */
  private settleMapCopy(): void {
    if (!this.canvas.copyOfAnotherMap) return;
    const id = copyId(this.model.id, this.canvas.nodeId, this.taken);
    this.taken.add(id);
    this.model.id = id;
    this.report.newMapId = id;
  }

  /** The cards on the canvas by key ("painPoint/<id>"), in layer order: a duplicate after its original. */
  private cardsByKey(): Map<string, CanvasCard[]> {
    const groups = new Map<string, CanvasCard[]>();
    for (const card of this.canvas.cards) {
      const key = `${card.kind}/${card.entity}`;
      const group = groups.get(key);
      if (group) group.push(card);
      else groups.set(key, [card]);
    }
    return groups;
  }

  private entity<K extends CardKind>(kind: K, id: string): CardEntities[K] | undefined {
    let byId = this.index.get(kind);
    if (byId === undefined) {
      byId = new Map(collection(this.model, kind).map((e) => [e.id, e]));
      this.index.set(kind, byId);
    }
    return byId.get(id) as CardEntities[K] | undefined;
  }

  /** The original card of an entity is read into it; every later card with its key becomes a new entity. */
  private readCardGroup(key: string, [original, ...copies]: CanvasCard[]): void {
    if (original === undefined) return;
    const entity = this.entity(original.kind, original.entity);
    if (entity === undefined) {
      for (const card of [original, ...copies]) this.unknownCard(card, key);
      return;
    }
    const stored = JSON.stringify(entity);
    this.readCard(original, entity);
    const made: CardEntity[] = [];
    for (const copy of copies) {
      const id = copyId(original.entity, copy.nodeId, this.taken);
      this.taken.add(id);
      const duplicate = { ...(JSON.parse(stored) as CardEntity), id };
      made.push(duplicate);
      this.identities.push({ nodeId: copy.nodeId, kind: copy.kind, from: original.entity, to: id });
      this.readCard(copy, duplicate);
      this.report.duplicated.push(cardLabel(copy.kind, duplicate));
    }
    if (made.length > 0) this.copies.set(key, made);
  }

  /** Deleted cards leave their lists, duplicates join them after their original. */
  private changeLists(): void {
    if (this.copies.size > 0) {
      for (const kind of CARD_KINDS) {
        const list: CardEntity[] = collection(this.model, kind);
        const next = list.flatMap((e) => [e, ...(this.copies.get(`${kind}/${e.id}`) ?? [])]);
        list.length = 0;
        for (const e of next) list.push(e);
      }
    }
    removeEntities(this.model, this.gone);
  }

  private unknownCard(card: CanvasCard, key: string): void {
    const label = `${KIND_NAME[card.kind]} card "${shorten(card.nodeName)}"`;
    this.report.unknown.push(label);
    this.unknownCardNodeIds.push(card.nodeId);
    this.problems.push({
      nodeId: card.nodeId,
      nodeName: card.nodeName,
      message: `${label} (${key}) is not in the map stored on this frame, so it was not read: it stays on the canvas as your own layer`,
    });
  }

  /** A drawn card that is gone: the entity leaves the model, and the person is told. */
  private deleted(key: string): void {
    const slash = key.indexOf("/");
    const kind = key.slice(0, slash);
    const id = key.slice(slash + 1);
    if (!isCardKind(kind)) return;
    const entity = this.entity(kind, id);
    if (entity === undefined || this.gone.has(key)) return;
    const label = cardLabel(kind, entity);
    const laneId = kind === "note" ? this.entity(kind, id)?.laneId : this.model.lanes.find((l) => l.visible && l.kind === LANE_OF_KIND[kind])?.id;
    const cell = laneId === undefined ? undefined : this.canvas.cells.get(`${laneId}/${entity.stageId}`);
    this.gone.add(key);
    this.deletedCards.push({ kind, id });
    this.report.deleted.push(label);
    this.problems.push({
      nodeId: cell?.nodeId ?? this.canvas.nodeId,
      nodeName: cell?.nodeName ?? this.canvas.nodeName,
      message: `${label} was deleted from the canvas, so it was removed from the map`,
    });
  }

  /** A text outside the cards: a stage's name is read back; the others are reported when changed. */
  private readFixedText(text: KeyedCanvasText): void {
    // "stage/<id>/name" in Figma design; in FigJam the stage header shape ("stage/<id>") shows the name.
    const stage = /^stage\/([^/]+)(\/name)?$/.exec(text.key);
    const read = stage === null ? undefined : this.stages.get(stage[1] ?? "");
    if (read === undefined) {
      this.notReadBack(text, null);
      return;
    }
    read.name = this.title(text, `Name of stage '${shorten(read.name)}'`, read.name);
  }

  /** A text drawn from the data that a person changed: it is not read, and the next generation draws it again. */
  private notReadBack(text: CanvasText, card: string | null): void {
    if (!edited(text)) return;
    const changed = text.characters.trim() === "" ? "was emptied" : `was changed to '${shorten(text.characters)}'`;
    const what = `${card === null ? "" : `${card}: `}the text "${shorten(text.drawn)}" ${changed} on the canvas`;
    this.unreadable(
      text,
      `${text.nodeName} "${shorten(text.drawn, 30)}"`,
      `${what.charAt(0).toUpperCase()}${what.slice(1)}, but it shows the map's data and is not read back: change it in the panel (the next generation or re-score draws it again)`,
      false,
    );
  }

  /** Reads a card's texts into its entity, then where it sits. */
  private readCard(card: CanvasCard, entity: CardEntity): void {
    const texts = card.texts;
    for (const field of SHOWN_FIELDS[card.kind]) {
      const text = texts[field];
      if (text !== undefined) this.notReadBack(text, cardLabel(card.kind, entity));
    }
    const what = (field: string) => `${field} of ${kindWord(card.kind)} '${shorten(captionOf(entity))}'`;
    const title = (field: string, old: string) => this.title(texts[field], what(field === "name" ? "Name" : "Title"), old);
    if ("severity" in entity) {
      entity.title = title("title", entity.title);
      for (const field of SCORE_FIELDS) this.score(texts[field], field, entity);
    } else if ("laneId" in entity) {
      const text = texts.text;
      if (text !== undefined && edited(text) && text.characters !== entity.text) {
        entity.text = text.characters;
        this.report.edited.push(`Text of ${cardLabel(card.kind, entity)}`);
      }
    } else if ("channel" in entity) {
      // A design card's tag shows "Web · digital"; a FigJam shape shows the channel alone, and keeps `digital` as it was.
      this.channel(texts["channel/text"], what("Channel"), entity, true);
      this.channel(texts.channel, what("Channel"), entity, false);
      entity.name = title("name", entity.name);
    } else if ("owner" in entity) {
      this.status(texts["status/text"], what("Status"), entity);
      const owner = texts.owner;
      if (owner !== undefined && edited(owner)) this.set(entity, "owner", owner.characters.trim(), what("Owner"));
      entity.title = title("title", entity.title);
    } else {
      this.kpiValues(texts.values, what("Current / target"), entity);
      entity.name = title("name", entity.name);
    }
    this.move(card, entity);
  }

  /** Sets a field to what the canvas shows, and says so when it differs. */
  private set<T extends object, F extends keyof T>(entity: T, field: F, value: T[F], what: string): void {
    if (entity[field] === value) return;
    entity[field] = value;
    this.report.edited.push(what);
  }

  /** A title or name: any non-empty text; an emptied one is reported and the old one kept. */
  private title(text: CanvasText | undefined, what: string, old: string): string {
    if (text === undefined || !edited(text)) return old;
    const value = text.characters.replace(/\s+/g, " ").trim();
    if (value === old) return old;
    if (value === "") {
      this.unreadable(text, what, `the text is empty (kept the old ${what.startsWith("Name") ? "name" : "title"})`);
      return old;
    }
    this.report.edited.push(what);
    return value;
  }

  private score(text: CanvasText | undefined, field: ScoreField, p: PainPoint): void {
    if (text === undefined || !edited(text)) return;
    const reading = readScoreText(text.characters);
    const what = `${field.charAt(0).toUpperCase()}${field.slice(1)} on '${shorten(p.title)}'`;
    const old = p[field];
    if (!reading.ok) {
      this.unreadable(text, what, `${reading.reason} (kept ${old === null ? "the frequency derived from feedback" : old})`);
      return;
    }
    this.set(p, field, reading.value, what);
  }

  /**
   * A touchpoint's channel, "Web", or with `showsDigital` "Web" or "Web · digital" (a design card's
   * tag): one of the channels, in any case.
   */
  private channel(text: CanvasText | undefined, what: string, t: Touchpoint, showsDigital: boolean): void {
    if (text === undefined || !edited(text)) return;
    const [name = "", digital = ""] = text.characters.split("·").map((part) => part.trim().toLowerCase());
    const channel = CHANNELS.find((c) => c === name);
    if (channel === undefined) {
      this.unreadable(text, what, `'${shorten(name, 24)}' is not a channel (${CHANNELS.join(", ")}) (kept ${t.channel})`);
      return;
    }
    this.set(t, "channel", channel, what);
    if (showsDigital) this.set(t, "digital", digital === "digital", what);
  }

  /** An opportunity's status tag: one of the statuses, in any case ("In-progress" reads as "in progress"). */
  private status(text: CanvasText | undefined, what: string, o: Opportunity): void {
    if (text === undefined || !edited(text)) return;
    const typed = text.characters.trim().toLowerCase().replace(/[-_\s]+/g, " ");
    const status = OPPORTUNITY_STATUSES.find((s) => s === typed);
    if (status === undefined) {
      this.unreadable(text, what, `'${shorten(typed, 24)}' is not a status (${OPPORTUNITY_STATUSES.join(", ")}) (kept ${o.status})`);
      return;
    }
    this.set(o, "status", status, what);
  }

  /**
   * A KPI's "current / target unit" ("74 / 65 %"; "–" for a current value not measured yet). Only
   * the side a person changed is read, so an unchanged side keeps its unrounded value.
   */
  private kpiValues(text: CanvasText | undefined, what: string, k: Kpi): void {
    if (text === undefined || !edited(text)) return;
    const unit = k.unit.trim();
    const strip = (side: string) => {
      const value = side.trim();
      return unit !== "" && value.endsWith(unit) ? value.slice(0, -unit.length).trim() : value;
    };
    const [current, target, ...rest] = text.characters.split("/").map(strip);
    const [drawnCurrent, drawnTarget] = (text.drawn ?? "").split("/").map(strip);
    if (current === undefined || target === undefined || rest.length > 0) {
      this.unreadable(text, what, `'${shorten(text.characters, 24)}' is not "current / target" (kept ${k.current ?? "–"} / ${k.target})`);
      return;
    }
    const noCurrent = current === "" || current === "–" || current === "-";
    const currentValue = noCurrent ? null : readNumberText(current);
    const targetValue = readNumberText(target);
    if ((!noCurrent && currentValue === null) || targetValue === null) {
      const bad = targetValue === null ? target : current;
      this.unreadable(text, what, `'${shorten(bad, 24)}' is not a number (kept ${k.current ?? "–"} / ${k.target})`);
      return;
    }
    if (current !== drawnCurrent && currentValue !== k.current) {
      // A current value typed on the canvas goes into the KPI's history too, as one typed in the panel.
      k.history = withCurrentValue(k, currentValue, localDay()).history;
      this.set(k, "current", currentValue, what);
    }
    if (target !== drawnTarget) this.set(k, "target", targetValue, what);
  }

  /** A value not read: reported with its node; `prefixed` puts what it is before the detail. */
  private unreadable(text: CanvasText, what: string, detail: string, prefixed = true): void {
    this.report.unreadable.push(what);
    this.problems.push({ nodeId: text.nodeId, nodeName: text.nodeName, message: prefixed ? `${what}: ${detail}` : detail });
  }

  /** A card in another stage's cell moves there, if that cell's lane shows cards of its kind. */
  private move(card: CanvasCard, entity: CardEntity): void {
    const cell = card.cell;
    if (cell === null || !this.stages.has(cell.stageId)) return;
    const laneKind = this.laneKinds.get(cell.laneId);
    const note = "laneId" in entity ? entity : undefined;
    const fits = card.kind === "note" ? laneKind !== undefined && NOTE_LANES.includes(laneKind) : laneKind === LANE_OF_KIND[card.kind];
    const label = cardLabel(card.kind, entity);
    if (!fits) {
      this.problems.push({
        nodeId: card.nodeId,
        nodeName: card.nodeName,
        message: `${label} sits in the cell "${cell.nodeName}", whose lane does not show ${kindWord(card.kind)}s: it stays where it was`,
      });
      return;
    }
    const laneChanged = note !== undefined && note.laneId !== cell.laneId;
    if (entity.stageId === cell.stageId && !laneChanged) return;
    entity.stageId = cell.stageId;
    if (note) note.laneId = cell.laneId;
    this.report.moved.push(label);
  }
}

/** Whether a person changed a text from what the plugin drew there. */
function edited(text: CanvasText): text is CanvasText & { drawn: string } {
  return text.drawn !== undefined && text.characters !== text.drawn;
}

/** `model` validated; one that breaks the model's rules is a bug in `what`, and throws rather than being stored. */
export function checkedMap(model: JourneyMap, what: string): JourneyMap {
  const checked = parseJourneyMap(model);
  if (!checked.ok) throw new Error(`${what} gave an invalid map: ${checked.errors.slice(0, 3).join("; ")}`);
  return checked.value;
}

/**
 * A copy of `map` that the merge may change: the model, its lists, its stages and its card
 * entities are new objects; the rest (personas, lanes, feedback rows, nested values) is shared
 * with `map`, and the merge replaces what it changes there rather than changing it in place.
 */
export function editableCopy(map: JourneyMap): JourneyMap {
  const each = <T extends object>(list: readonly T[]): T[] => list.map((e) => ({ ...e }));
  return {
    ...map,
    personas: [...map.personas],
    stages: each(map.stages),
    touchpoints: each(map.touchpoints),
    lanes: [...map.lanes],
    notes: each(map.notes),
    feedback: [...map.feedback],
    painPoints: each(map.painPoints),
    opportunities: each(map.opportunities),
    kpis: each(map.kpis),
  };
}

/**
 * Merges the canvas into the stored model (one that passed `parseJourneyMap`, as reading it from
 * the frame does). The result is validated: every entity the canvas changed or added against its
 * schema, and the whole model's ids and references (`parseEditedJourneyMap`); what the canvas left
 * as it was is the stored model's, validated when it was read. A merge that would break the
 * model's rules throws (a bug), so a broken model is never stored.
 */
export function mergeCanvasEdits(stored: JourneyMap, canvas: CanvasSnapshot): CanvasEdits {
  const merge = new Merge(editableCopy(stored), canvas);
  merge.run();
  const checked = parseEditedJourneyMap(stored, merge.model);
  if (!checked.ok) throw new Error(`Reading the canvas gave an invalid map: ${checked.errors.slice(0, 3).join("; ")}`);
  return {
    model: checked.value,
    problems: merge.problems,
    identities: merge.identities,
    unknownCardNodeIds: merge.unknownCardNodeIds,
    deletedCards: merge.deletedCards,
    report: merge.report,
  };
}

/** A card a person deleted from a map frame, as the panel shows it when it asks what to do. */
export interface DeletedCardEntity {
  kind: CardKind;
  entityId: string;
}

/**
 * The model without the entities of `cards`, with the references to them cleared as when a card is
 * deleted on the canvas: an opportunity forgets its pain point; a pain point and feedback forget
 * their touchpoint (the feedback keeps the touchpoint's stage). Entities not in the model are skipped.
 */
export function dropCards(map: JourneyMap, cards: readonly DeletedCardEntity[]): JourneyMap {
  const model = JSON.parse(JSON.stringify(map)) as JourneyMap;
  removeEntities(model, new Set(cards.map(({ kind, entityId }) => `${kind}/${entityId}`)));
  return checkedMap(model, "Dropping the deleted cards");
}
