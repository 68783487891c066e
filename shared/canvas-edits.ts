/**
 * Merging what people changed on a map frame into the model stored on it.
 *
 * The sandbox reads the frame into a `CanvasSnapshot` (plain data: the cards, their cells and
 * their text layers); this module decides what the edits mean, without `figma`:
 * - a text that differs from what the plugin drew is an edit: titles, note texts, names, and the
 *   severity / frequency / effort scores, read tolerantly (shared/score-text.ts);
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
 * - a text that shows a stored field but is never read back (a stage name, a KPI's values, a
 *   persona card) that a person changed is reported: the next generation draws it again, so the
 *   person is told to make that change in the panel.
 */
import type { CanvasProblem } from "./messages";
import { parseJourneyMap, type JourneyMap, type LaneKind } from "./model";
import { readScoreText } from "./score-text";

/** The kinds of cards a map draws in its cells, as the first part of their key ("painPoint/<id>"). */
export const CARD_KINDS = ["painPoint", "note", "touchpoint", "opportunity", "kpi"] as const;
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
 * The other text fields of each kind of card that show a stored field as it is: a change to one is
 * reported, as it is not read back. (Texts worked out from the data, such as a rank, a quadrant or
 * a touchpoint's performance, are not compared: reading can change what they would show before
 * the map is drawn again.)
 */
const SHOWN_FIELDS: Record<CardKind, readonly string[]> = {
  painPoint: [],
  note: [],
  touchpoint: ["channel/text"],
  opportunity: ["status/text", "owner"],
  kpi: ["values", "status/text", "direction"],
};

const SCORE_FIELDS = ["severity", "frequency", "effort"] as const;
type ScoreField = (typeof SCORE_FIELDS)[number];
const FIELD_NAME: Record<ScoreField, string> = { severity: "Severity", frequency: "Frequency", effort: "Effort" };

/** Entities a card can show, by kind (ids and the fields the canvas can change). */
interface CardEntity {
  id: string;
  stageId: string;
}

function collection(map: JourneyMap, kind: CardKind): CardEntity[] {
  switch (kind) {
    case "painPoint":
      return map.painPoints;
    case "note":
      return map.notes;
    case "touchpoint":
      return map.touchpoints;
    case "opportunity":
      return map.opportunities;
    case "kpi":
      return map.kpis;
  }
}

function shorten(text: string, max = 60): string {
  const oneLine = text.replace(/\s+/g, " ").trim();
  return oneLine.length > max ? `${oneLine.slice(0, max - 1)}…` : oneLine;
}

/** What a card shows as its title: a pain point's or opportunity's title, a note's text, a touchpoint's or KPI's name. */
export function cardCaption(map: JourneyMap, kind: CardKind, id: string): string {
  const entity = collection(map, kind).find((e) => e.id === id);
  if (entity === undefined) return id;
  if ("title" in entity && typeof entity.title === "string") return entity.title;
  if ("name" in entity && typeof entity.name === "string") return entity.name;
  if ("text" in entity && typeof entity.text === "string") return entity.text;
  return id;
}

/** "Pain point 'Slow checkout'". */
function cardLabel(map: JourneyMap, kind: CardKind, id: string): string {
  return `${KIND_NAME[kind]} '${shorten(cardCaption(map, kind, id))}'`;
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

/** Clears references to a removed entity in `map` (in place), keeping what they still tell. */
function forgetEntity(map: JourneyMap, kind: CardKind, id: string, stageId: string): void {
  if (kind === "painPoint") {
    for (const o of map.opportunities) if (o.painPointId === id) o.painPointId = null;
  }
  if (kind === "touchpoint") {
    for (const p of map.painPoints) if (p.touchpointId === id) p.touchpointId = null;
    for (const f of map.feedback) {
      if (f.touchpointId !== id) continue;
      f.touchpointId = null;
      // The row still belongs to the touchpoint's stage.
      f.stageId ??= stageId;
    }
  }
}

class Merge {
  readonly problems: CanvasProblem[] = [];
  readonly identities: CanvasIdentity[] = [];
  readonly unknownCardNodeIds: string[] = [];
  readonly deletedCards: { kind: CardKind; id: string }[] = [];
  readonly report: CanvasReport = { edited: [], unreadable: [], moved: [], deleted: [], duplicated: [], unknown: [], newMapId: null };
  private readonly taken: Set<string>;
  private readonly laneKinds: Map<string, LaneKind>;
  private readonly stageIds: Set<string>;

  constructor(
    readonly model: JourneyMap,
    private readonly canvas: CanvasSnapshot,
  ) {
    this.taken = allIds(model);
    this.laneKinds = new Map(model.lanes.map((l) => [l.id, l.kind]));
    this.stageIds = new Set(model.stages.map((s) => s.id));
  }

  run(): void {
    if (this.canvas.copyOfAnotherMap) {
      const id = copyId(this.model.id, this.canvas.nodeId, this.taken);
      this.taken.add(id);
      this.model.id = id;
      this.report.newMapId = id;
    }
    const groups = new Map<string, CanvasCard[]>();
    for (const card of this.canvas.cards) {
      const key = `${card.kind}/${card.entity}`;
      const group = groups.get(key);
      if (group) group.push(card);
      else groups.set(key, [card]);
    }
    this.structure();
    for (const text of this.canvas.fixedTexts ?? []) this.notReadBack(text, null);
    // Deletions first, so that labels and references are those of the stored model.
    for (const key of this.canvas.drawnCards) {
      if (!groups.has(key)) this.deleted(key);
    }
    for (const [key, [original, ...copies]] of groups) {
      if (original === undefined) continue;
      const list = collection(this.model, original.kind);
      const index = list.findIndex((e) => e.id === original.entity);
      const entity = list[index];
      if (entity === undefined) {
        for (const card of [original, ...copies]) this.unknownCard(card, key);
        continue;
      }
      const stored = JSON.stringify(entity);
      this.applyCard(original, entity);
      let insertAt = index + 1;
      for (const copy of copies) {
        const id = copyId(original.entity, copy.nodeId, this.taken);
        this.taken.add(id);
        const duplicate = { ...(JSON.parse(stored) as CardEntity), id };
        list.splice(insertAt++, 0, duplicate);
        this.identities.push({ nodeId: copy.nodeId, kind: copy.kind, from: original.entity, to: id });
        this.applyCard(copy, duplicate);
        this.report.duplicated.push(cardLabel(this.model, copy.kind, id));
      }
    }
  }

  /**
   * The header, stage columns and lane rows the stored model draws that are gone. They are not
   * entities of their own: the stages and lanes stay in the model and the next generation draws
   * them again, and the person is told so (the cards that were in them are reported one by one).
   */
  private structure(): void {
    const structure = this.canvas.structure;
    if (structure === undefined) return;
    const gone = (key: string) => structure.drawn.has(key) && !structure.present.has(key);
    // The nodes are gone: the problem sits on the map frame.
    const report = (message: string) => this.problems.push({ nodeId: this.canvas.nodeId, nodeName: this.canvas.nodeName, message });
    const again = "the next generation or re-score draws it again";
    const cards = "cards deleted with it are listed one by one";
    if (gone("header")) report(`The map's header was deleted from the canvas: the title, scope and personas stay in the map, and ${again}`);
    if (gone("grid")) {
      report(`The map's grid was deleted from the canvas: its stages and lanes stay in the map, and ${again}; ${cards}`);
      return;
    }
    const drawnCells = (test: (laneId: string, stageId: string) => boolean) =>
      this.model.lanes.flatMap((lane) =>
        this.model.stages
          .filter((stage) => test(lane.id, stage.id) && structure.drawn.has(`cell/${lane.id}/${stage.id}`))
          .map((stage) => ({ lane, stage })),
      );
    const headersGone = gone("stages");
    if (headersGone) report(`The row of stage headers was deleted from the canvas: the stages stay in the map, and ${again}`);
    const goneLanes = new Set<string>();
    for (const lane of this.model.lanes) {
      const cells = drawnCells((laneId) => laneId === lane.id);
      const rowDrawn = structure.drawn.has(`lane/${lane.id}`);
      // A FigJam map has no row node: a lane whose cells are all gone lost its row.
      const rowGone = rowDrawn
        ? gone(`lane/${lane.id}`)
        : cells.length > 0 && cells.every(({ stage }) => gone(`cell/${lane.id}/${stage.id}`));
      if (!rowGone) continue;
      goneLanes.add(lane.id);
      report(
        `The row of lane '${shorten(lane.name)}' was deleted from the canvas: the lane stays in the map ` +
          `(hide it in the panel to leave it out), and ${again}; ${cards}`,
      );
    }
    for (const stage of this.model.stages) {
      const cells = drawnCells((laneId, stageId) => stageId === stage.id && !goneLanes.has(laneId));
      const goneCells = cells.filter(({ lane }) => gone(`cell/${lane.id}/${stage.id}`));
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
    const list = collection(this.model, kind);
    const index = list.findIndex((e) => e.id === id);
    const entity = list[index];
    if (entity === undefined) return;
    const label = cardLabel(this.model, kind, id);
    const laneId = kind === "note" ? this.model.notes[index]?.laneId : this.model.lanes.find((l) => l.visible && l.kind === LANE_OF_KIND[kind])?.id;
    const cell = laneId === undefined ? undefined : this.canvas.cells.get(`${laneId}/${entity.stageId}`);
    list.splice(index, 1);
    forgetEntity(this.model, kind, id, entity.stageId);
    this.deletedCards.push({ kind, id });
    this.report.deleted.push(label);
    this.problems.push({
      nodeId: cell?.nodeId ?? this.canvas.nodeId,
      nodeName: cell?.nodeName ?? this.canvas.nodeName,
      message: `${label} was deleted from the canvas, so it was removed from the map`,
    });
  }

  /** A text drawn from the data that a person changed: it is not read, and the next generation draws it again. */
  private notReadBack(text: CanvasText, card: string | null): void {
    if (text.drawn === undefined || text.characters === text.drawn) return;
    const changed = text.characters.trim() === "" ? "was emptied" : `was changed to '${shorten(text.characters)}'`;
    const what = `${card === null ? "" : `${card}: `}the text "${shorten(text.drawn)}" ${changed} on the canvas`;
    this.unreadable(
      text,
      `${text.nodeName} "${shorten(text.drawn, 30)}"`,
      `${what.charAt(0).toUpperCase()}${what.slice(1)}, but it shows the map's data and is not read back: change it in the panel (the next generation or re-score draws it again)`,
      false,
    );
  }

  private applyCard(card: CanvasCard, entity: CardEntity): void {
    const kind = card.kind;
    const label = () => cardLabel(this.model, kind, entity.id);
    for (const [field, text] of Object.entries(card.texts)) {
      if (SHOWN_FIELDS[kind].includes(field)) this.notReadBack(text, label());
    }
    switch (kind) {
      case "painPoint": {
        const p = this.model.painPoints.find((e) => e.id === entity.id);
        if (!p) return;
        p.title = this.title(card, "title", p.title);
        for (const field of SCORE_FIELDS) this.score(card, field, p);
        break;
      }
      case "note": {
        const n = this.model.notes.find((e) => e.id === entity.id);
        const text = card.texts.text;
        if (n && text && text.characters !== text.drawn && text.characters !== n.text) {
          n.text = text.characters;
          this.report.edited.push(`Text of ${label()}`);
        }
        break;
      }
      case "touchpoint": {
        const t = this.model.touchpoints.find((e) => e.id === entity.id);
        if (t) t.name = this.title(card, "name", t.name);
        break;
      }
      case "opportunity": {
        const o = this.model.opportunities.find((e) => e.id === entity.id);
        if (o) o.title = this.title(card, "title", o.title);
        break;
      }
      case "kpi": {
        const k = this.model.kpis.find((e) => e.id === entity.id);
        if (k) k.name = this.title(card, "name", k.name);
        break;
      }
    }
    this.move(card, entity);
  }

  /** A title or name: any non-empty text; an emptied one is reported and the old one kept. */
  private title(card: CanvasCard, field: string, old: string): string {
    const text = card.texts[field];
    if (text === undefined || text.characters === text.drawn) return old;
    const value = text.characters.replace(/\s+/g, " ").trim();
    if (value === old) return old;
    const what = `${field === "name" ? "Name" : "Title"} of ${KIND_NAME[card.kind].toLowerCase()} '${shorten(old)}'`;
    if (value === "") {
      this.unreadable(text, what, `the text is empty (kept the old ${field})`);
      return old;
    }
    this.report.edited.push(what);
    return value;
  }

  private score(card: CanvasCard, field: ScoreField, p: JourneyMap["painPoints"][number]): void {
    const text = card.texts[field];
    if (text === undefined || text.characters === text.drawn) return;
    const reading = readScoreText(text.characters);
    const what = `${FIELD_NAME[field]} on '${shorten(p.title)}'`;
    const old = p[field];
    if (!reading.ok) {
      this.unreadable(text, what, `${reading.reason} (kept ${old === null ? "the frequency derived from feedback" : old})`);
      return;
    }
    if (reading.value === old) return;
    p[field] = reading.value;
    this.report.edited.push(what);
  }

  /** A value not read: reported with its node; `prefixed` puts what it is before the detail. */
  private unreadable(text: CanvasText, what: string, detail: string, prefixed = true): void {
    this.report.unreadable.push(what);
    this.problems.push({ nodeId: text.nodeId, nodeName: text.nodeName, message: prefixed ? `${what}: ${detail}` : detail });
  }

  /** A card in another stage's cell moves there, if that cell's lane shows cards of its kind. */
  private move(card: CanvasCard, entity: CardEntity): void {
    const cell = card.cell;
    if (cell === null || !this.stageIds.has(cell.stageId)) return;
    const laneKind = this.laneKinds.get(cell.laneId);
    const note = card.kind === "note" ? this.model.notes.find((n) => n.id === entity.id) : undefined;
    const fits = card.kind === "note" ? laneKind !== undefined && NOTE_LANES.includes(laneKind) : laneKind === LANE_OF_KIND[card.kind];
    const label = cardLabel(this.model, card.kind, entity.id);
    if (!fits) {
      this.problems.push({
        nodeId: card.nodeId,
        nodeName: card.nodeName,
        message: `${label} sits in the cell "${cell.nodeName}", whose lane does not show ${KIND_NAME[card.kind].toLowerCase()}s: it stays where it was`,
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

/**
 * Merges the canvas into the stored model. The result is validated: a merge that would break the
 * model's rules throws (a bug), so a broken model is never stored.
 */
export function mergeCanvasEdits(stored: JourneyMap, canvas: CanvasSnapshot): CanvasEdits {
  const merge = new Merge(JSON.parse(JSON.stringify(stored)) as JourneyMap, canvas);
  merge.run();
  const checked = parseJourneyMap(merge.model);
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
  for (const { kind, entityId } of cards) {
    const list = collection(model, kind);
    const index = list.findIndex((e) => e.id === entityId);
    const entity = list[index];
    if (entity === undefined) continue;
    list.splice(index, 1);
    forgetEntity(model, kind, entityId, entity.stageId);
  }
  const checked = parseJourneyMap(model);
  if (!checked.ok) throw new Error(`Dropping the deleted cards gave an invalid map: ${checked.errors.slice(0, 3).join("; ")}`);
  return checked.value;
}
