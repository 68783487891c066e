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
 * - a frame that is a copy of another map frame gets a new map id.
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

function caption(map: JourneyMap, kind: CardKind, id: string): string {
  const entity = collection(map, kind).find((e) => e.id === id);
  if (entity === undefined) return id;
  if ("title" in entity && typeof entity.title === "string") return entity.title;
  if ("name" in entity && typeof entity.name === "string") return entity.name;
  if ("text" in entity && typeof entity.text === "string") return entity.text;
  return id;
}

/** "Pain point 'Slow checkout'". */
function cardLabel(map: JourneyMap, kind: CardKind, id: string): string {
  return `${KIND_NAME[kind]} '${shorten(caption(map, kind, id))}'`;
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

class Merge {
  readonly problems: CanvasProblem[] = [];
  readonly identities: CanvasIdentity[] = [];
  readonly unknownCardNodeIds: string[] = [];
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
    this.forget(kind, id, entity);
    this.report.deleted.push(label);
    this.problems.push({
      nodeId: cell?.nodeId ?? this.canvas.nodeId,
      nodeName: cell?.nodeName ?? this.canvas.nodeName,
      message: `${label} was deleted from the canvas, so it was removed from the map`,
    });
  }

  /** Clears references to a removed entity, keeping what they still tell. */
  private forget(kind: CardKind, id: string, entity: CardEntity): void {
    if (kind === "painPoint") {
      for (const o of this.model.opportunities) if (o.painPointId === id) o.painPointId = null;
    }
    if (kind === "touchpoint") {
      for (const p of this.model.painPoints) if (p.touchpointId === id) p.touchpointId = null;
      for (const f of this.model.feedback) {
        if (f.touchpointId !== id) continue;
        f.touchpointId = null;
        // The row still belongs to the touchpoint's stage.
        f.stageId ??= entity.stageId;
      }
    }
  }

  private applyCard(card: CanvasCard, entity: CardEntity): void {
    const kind = card.kind;
    const label = () => cardLabel(this.model, kind, entity.id);
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

  private unreadable(text: CanvasText, what: string, detail: string): void {
    this.report.unreadable.push(what);
    this.problems.push({ nodeId: text.nodeId, nodeName: text.nodeName, message: `${what}: ${detail}` });
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
    report: merge.report,
  };
}
