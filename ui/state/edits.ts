/**
 * Edits the panel makes to a journey map. Each returns a new map that is still valid: removing an
 * entity removes what cannot exist without it (a stage's touchpoints, notes, KPIs, pain points and
 * opportunities) and unlinks what merely pointed at it (feedback of a deleted persona keeps its
 * rating, with no persona). A removal is recorded, so that "Undo" can put everything back.
 */
import {
  BUILT_IN_LANES,
  blankPersona,
  Feedback as FeedbackSchema,
  Persona as PersonaSchema,
  Stage as StageSchema,
  Touchpoint as TouchpointSchema,
  NUMBER_LIMIT,
  describeIssues,
  newId,
  type Feedback,
  type ImportLedger,
  type JourneyMap,
  type Kpi,
  type Lane,
  type Note,
  type Opportunity,
  type PainPoint,
  type Persona,
  type Stage,
  type Touchpoint,
} from "../../shared/model";
import { summaryTotals, type FeedbackSummary } from "../../shared/summary";
import { rekeyedSummary } from "./compact";
import { rekeyedTallies } from "../../shared/sentiment-summary";

/** Feedback rows the map counts: those it keeps and those its summary counts. */
export function responseCount(map: Pick<JourneyMap, "feedback" | "summary">): number {
  return map.feedback.length + summaryTotals(map.summary).rows;
}

export type Collection =
  | "personas"
  | "stages"
  | "touchpoints"
  | "lanes"
  | "notes"
  | "feedback"
  | "painPoints"
  | "opportunities"
  | "kpis";

type Entity = JourneyMap[Collection][number];

/** Restoring order: an entity comes back after everything it needs. */
const RESTORE_ORDER: readonly Collection[] = [
  "stages",
  "lanes",
  "personas",
  "touchpoints",
  "feedback",
  "painPoints",
  "opportunities",
  "notes",
  "kpis",
];

interface Reference {
  from: Collection;
  field: string;
  to: Collection;
  /** A required reference removes the entity with its target; an optional one is set to null. */
  kind: "required" | "optional" | "list";
}

/** Every reference of the model (as `checkIntegrity` in shared/model.ts checks them). */
const REFERENCES: readonly Reference[] = [
  { from: "touchpoints", field: "stageId", to: "stages", kind: "required" },
  { from: "notes", field: "stageId", to: "stages", kind: "required" },
  { from: "notes", field: "laneId", to: "lanes", kind: "required" },
  { from: "painPoints", field: "stageId", to: "stages", kind: "required" },
  { from: "opportunities", field: "stageId", to: "stages", kind: "required" },
  { from: "kpis", field: "stageId", to: "stages", kind: "required" },
  { from: "feedback", field: "stageId", to: "stages", kind: "optional" },
  { from: "feedback", field: "touchpointId", to: "touchpoints", kind: "optional" },
  { from: "feedback", field: "personaId", to: "personas", kind: "optional" },
  { from: "painPoints", field: "touchpointId", to: "touchpoints", kind: "optional" },
  { from: "opportunities", field: "painPointId", to: "painPoints", kind: "optional" },
  { from: "painPoints", field: "evidence", to: "feedback", kind: "list" },
];

/** What a removal took away, to put it back. */
export interface Removal {
  /** "stage “Checkout”", for "Deleted stage “Checkout”. Undo". */
  label: string;
  removed: { collection: Collection; index: number; entity: Entity }[];
  /** References set to null (or ids taken out of a list, with their place in it) on entities that stayed. */
  unlinked: { collection: Collection; id: string; field: string; value: string; position?: number }[];
  /** The summary before and after, when the removal changed it (its groups are re-keyed as rows are). */
  summary?: { before: FeedbackSummary | undefined; after: FeedbackSummary | undefined };
}

/**
 * The summary with its groups' stage, touchpoint and persona set to null where they name what is
 * gone, as the rows' references are (REFERENCES: optional); groups that come to share a key are
 * added together (compact.ts). The same summary when no group names anything gone.
 */
export function unlinkedSummary(summary: FeedbackSummary, gone: ReadonlyMap<Collection, ReadonlySet<string>>): FeedbackSummary {
  const none = new Set<string>();
  const stages = gone.get("stages") ?? none;
  const touchpoints = gone.get("touchpoints") ?? none;
  const personas = gone.get("personas") ?? none;
  const named = new Set<number>();
  summary.strings.forEach((text, i) => {
    if (stages.has(text) || touchpoints.has(text) || personas.has(text)) named.add(i);
  });
  const names = (g: readonly (number | null)[]) => [g[0], g[1], g[2]].some((v) => v !== null && v !== undefined && named.has(v));
  if (named.size === 0 || !summary.groups.some(names)) return summary;
  const unlink = <G extends { stageId: string | null; touchpointId: string | null; personaId: string | null }>(g: G): G => ({
    ...g,
    stageId: g.stageId !== null && stages.has(g.stageId) ? null : g.stageId,
    touchpointId: g.touchpointId !== null && touchpoints.has(g.touchpointId) ? null : g.touchpointId,
    personaId: g.personaId !== null && personas.has(g.personaId) ? null : g.personaId,
  });
  const unlinked: FeedbackSummary = rekeyedSummary(summary, unlink);
  // the sentiment of the folded rows moves with them
  const sentiment = rekeyedTallies(summary.sentiment, unlink);
  if (sentiment !== undefined) unlinked.sentiment = sentiment;
  // Term statistics are per stage: a stage's go with it (its rows, now of no stage, suggest nothing), the others stay.
  const terms = summary.terms?.filter((t) => !stages.has(t.stageId));
  if (terms !== undefined && terms.length > 0) unlinked.terms = terms;
  // Driver sums are per touchpoint, not per stage or persona: they stay unless a touchpoint they relate went
  // (its answers no longer relate to the others'; the sums cannot take one touchpoint out, so they go).
  if (summary.drivers !== undefined && !summary.drivers.touchpoints.some((id) => touchpoints.has(id))) unlinked.drivers = summary.drivers;
  return unlinked;
}

function field(entity: Entity, name: string): unknown {
  return (entity as unknown as Record<string, unknown>)[name];
}

/**
 * Removes entities and everything that depends on them. `ids` are entity ids of `collection`.
 * `allFeedback`: the feedback is removed as a whole (every row, "Replace" import): the feedback its
 * summary counts goes too.
 */
export function removeEntities(
  map: JourneyMap,
  collection: Collection,
  ids: readonly string[],
  label: string,
  allFeedback = false,
): { map: JourneyMap; removal: Removal } {
  const gone = new Map<Collection, Set<string>>([[collection, new Set(ids)]]);
  // Required references cascade until nothing more depends on what is gone.
  let grew = true;
  while (grew) {
    grew = false;
    for (const ref of REFERENCES) {
      if (ref.kind !== "required") continue;
      const targets = gone.get(ref.to);
      if (targets === undefined || targets.size === 0) continue;
      for (const entity of map[ref.from] as readonly Entity[]) {
        const value = field(entity, ref.field);
        if (typeof value === "string" && targets.has(value)) {
          let set = gone.get(ref.from);
          if (set === undefined) gone.set(ref.from, (set = new Set()));
          if (!set.has(entity.id)) {
            set.add(entity.id);
            grew = true;
          }
        }
      }
    }
  }

  const removal: Removal = { label, removed: [], unlinked: [] };
  const next = { ...map } as Record<Collection, Entity[]> & JourneyMap;
  if (map.summary !== undefined) {
    const summary = allFeedback ? undefined : unlinkedSummary(map.summary, gone);
    if (summary !== map.summary) {
      removal.summary = { before: map.summary, after: summary };
      if (summary === undefined) delete next.summary;
      else next.summary = summary;
    }
  }
  for (const [name, set] of gone) {
    if (set.size === 0) continue;
    const kept: Entity[] = [];
    (map[name] as readonly Entity[]).forEach((entity, index) => {
      if (set.has(entity.id)) removal.removed.push({ collection: name, index, entity });
      else kept.push(entity);
    });
    (next as Record<Collection, Entity[]>)[name] = kept;
  }
  for (const ref of REFERENCES) {
    if (ref.kind === "required") continue;
    const targets = gone.get(ref.to);
    if (targets === undefined || targets.size === 0) continue;
    const list = (next as Record<Collection, Entity[]>)[ref.from];
    let changed = false;
    const updated = list.map((entity) => {
      const value = field(entity, ref.field);
      if (ref.kind === "optional") {
        if (typeof value !== "string" || !targets.has(value)) return entity;
        removal.unlinked.push({ collection: ref.from, id: entity.id, field: ref.field, value });
        changed = true;
        return { ...entity, [ref.field]: null } as Entity;
      }
      const values = value as string[];
      if (!values.some((v) => targets.has(v))) return entity;
      values.forEach((v, position) => {
        if (targets.has(v)) removal.unlinked.push({ collection: ref.from, id: entity.id, field: ref.field, value: v, position });
      });
      changed = true;
      return { ...entity, [ref.field]: values.filter((v) => !targets.has(v)) } as Entity;
    });
    if (changed) (next as Record<Collection, Entity[]>)[ref.from] = updated;
  }
  return { map: next, removal };
}

/**
 * Puts back what a removal took, into the map as it is now: entities whose id is free again and
 * whose required references still exist, at their old places; references that are still empty.
 */
export function restoreRemoval(map: JourneyMap, removal: Removal): JourneyMap {
  const next = { ...map } as JourneyMap;
  // The summary as it was, unless it changed since (another import): then it stays as it is now.
  if (removal.summary !== undefined && map.summary === removal.summary.after) {
    if (removal.summary.before === undefined) delete next.summary;
    else next.summary = removal.summary.before;
  }
  const lists = next as unknown as Record<Collection, Entity[]>;
  const idCache = new Map<Collection, Set<string>>();
  const ids = (name: Collection): Set<string> => {
    let set = idCache.get(name);
    if (set === undefined) idCache.set(name, (set = new Set(lists[name].map((e) => e.id))));
    return set;
  };
  for (const name of RESTORE_ORDER) {
    const back = removal.removed.filter((r) => r.collection === name).sort((a, b) => a.index - b.index);
    if (back.length === 0) continue;
    const present = ids(name);
    const needs = REFERENCES.filter((ref) => ref.from === name && ref.kind === "required");
    const links = REFERENCES.filter((ref) => ref.from === name && ref.kind !== "required");
    const returning: { index: number; entity: Entity }[] = [];
    for (const { index, entity } of back) {
      if (present.has(entity.id)) continue;
      if (!needs.every((ref) => ids(ref.to).has(String(field(entity, ref.field))))) continue;
      let restored = entity;
      for (const ref of links) {
        const value = field(entity, ref.field);
        if (ref.kind === "optional" && typeof value === "string" && !ids(ref.to).has(value)) {
          restored = { ...restored, [ref.field]: null } as Entity;
        } else if (ref.kind === "list") {
          const live = ids(ref.to);
          const values = value as string[];
          if (!values.every((v) => live.has(v))) restored = { ...restored, [ref.field]: values.filter((v) => live.has(v)) } as Entity;
        }
      }
      returning.push({ index, entity: restored });
      present.add(entity.id);
    }
    if (returning.length === 0) continue;
    // Merged back by old position in one pass (splicing 200,000 rows one by one would be quadratic).
    const current = lists[name];
    const merged: Entity[] = [];
    let k = 0;
    let r = 0;
    while (k < current.length || r < returning.length) {
      const comeback = returning[r];
      if (comeback !== undefined && (comeback.index <= merged.length || k >= current.length)) {
        merged.push(comeback.entity);
        r++;
      } else {
        merged.push(current[k] as Entity);
        k++;
      }
    }
    lists[name] = merged;
  }
  for (const name of RESTORE_ORDER) {
    const links = removal.unlinked.filter((u) => u.collection === name);
    if (links.length === 0) continue;
    const byId = new Map<string, typeof links>();
    for (const link of links) {
      const list = byId.get(link.id);
      if (list === undefined) byId.set(link.id, [link]);
      else list.push(link);
    }
    lists[name] = lists[name].map((entity) => {
      const mine = byId.get(entity.id);
      if (mine === undefined) return entity;
      let relinked = entity;
      for (const link of mine) {
        const ref = REFERENCES.find((r) => r.from === name && r.field === link.field);
        if (ref === undefined || !ids(ref.to).has(link.value)) continue;
        const current = field(relinked, link.field);
        if (ref.kind === "optional" && current === null) relinked = { ...relinked, [link.field]: link.value } as Entity;
        else if (ref.kind === "list" && Array.isArray(current) && !current.includes(link.value)) {
          // Back in its place (links of one list are recorded in ascending places).
          const list = [...(current as string[])];
          list.splice(Math.min(link.position ?? list.length, list.length), 0, link.value);
          relinked = { ...relinked, [link.field]: list } as Entity;
        }
      }
      return relinked;
    });
  }
  return next;
}

// ---- adding and changing -----------------------------------------------------------------------

/** Replaces one entity (by id) with a changed copy. */
export function updateEntity<C extends Collection>(
  map: JourneyMap,
  collection: C,
  id: string,
  change: Partial<JourneyMap[C][number]>,
): JourneyMap {
  const list = map[collection] as readonly Entity[];
  const at = list.findIndex((e) => e.id === id);
  if (at < 0) return map;
  const next = [...list];
  next[at] = { ...list[at], ...change } as Entity;
  return { ...map, [collection]: next };
}

/** Moves an entity `delta` places within its collection (stages and lanes have a map order). */
export function moveEntity(map: JourneyMap, collection: "stages" | "lanes" | "personas", id: string, delta: number): JourneyMap {
  const list = [...(map[collection] as readonly Entity[])];
  const from = list.findIndex((e) => e.id === id);
  const to = from + delta;
  if (from < 0 || to < 0 || to >= list.length) return map;
  const [moved] = list.splice(from, 1);
  if (moved !== undefined) list.splice(to, 0, moved);
  return { ...map, [collection]: list };
}

export function newStage(name: string): Stage {
  return { id: newId("stage"), name, objective: "", emotion: null };
}

export function newTouchpoint(stageId: string, name: string): Touchpoint {
  return { id: newId("touchpoint"), stageId, name, channel: "web", digital: true, importance: 3 };
}

export function newCustomLane(name: string): Lane {
  return { id: newId("lane"), kind: "custom", name, visible: true };
}

export function newNote(laneId: string, stageId: string): Note {
  return { id: newId("note"), laneId, stageId, text: "" };
}

export function newKpi(stageId: string, name: string): Kpi {
  return {
    id: newId("kpi"),
    stageId,
    name,
    unit: "%",
    direction: "higher",
    target: 100,
    baseline: null,
    current: null,
    history: [],
  };
}

export function newPersona(name: string): Persona {
  return blankPersona(newId("persona"), name);
}

export function newPainPoint(stageId: string, title: string): PainPoint {
  return {
    id: newId("pain"),
    stageId,
    touchpointId: null,
    title,
    description: "",
    severity: 3,
    frequency: 3,
    effort: 3,
    confidence: 0.8,
    reach: null,
    ice: null,
    evidence: [],
  };
}

export function newOpportunity(stageId: string, title: string, painPointId: string | null): Opportunity {
  return { id: newId("opportunity"), stageId, painPointId, title, description: "", status: "idea", owner: "" };
}

/** Appends an entity to its collection. */
export function addEntity<C extends Collection>(map: JourneyMap, collection: C, entity: JourneyMap[C][number]): JourneyMap {
  return { ...map, [collection]: [...(map[collection] as readonly Entity[]), entity] };
}

/** The built-in lanes the map lacks (an older map, or one read from a canvas someone trimmed). */
export function missingBuiltInLanes(map: JourneyMap): { kind: Lane["kind"]; name: string }[] {
  const kinds = new Set(map.lanes.map((l) => l.kind));
  return BUILT_IN_LANES.filter((lane) => !kinds.has(lane.kind));
}

/** A name not yet used in `taken`: "Stage 7", or "Stage 7 (2)" if that is taken. */
export function freshName(base: string, taken: readonly ({ name: string } | { title: string })[]): string {
  const names = new Set(taken.map((t) => ("name" in t ? t.name : t.title)));
  if (!names.has(base)) return base;
  for (let n = 2; ; n++) if (!names.has(`${base} (${n})`)) return `${base} (${n})`;
}

/**
 * Adds imported feedback and the entities the import made for names the map did not know.
 * "replace" drops the feedback the map had (recorded, so it can be undone) before adding.
 */
export function mergeImportedFeedback(
  map: JourneyMap,
  imported: {
    feedback: readonly Feedback[];
    created: { stages: readonly Stage[]; touchpoints: readonly Touchpoint[]; personas: readonly Persona[] };
  },
  mode: "add" | "replace",
  /** The journey's import ledger with this import recorded (ledger.ts `recordImport`). */
  ledger?: ImportLedger,
): { map: JourneyMap; removal: Removal | null } {
  checkImported(imported);
  let base = map;
  let removal: Removal | null = null;
  if (mode === "replace" && (map.feedback.length > 0 || map.summary !== undefined)) {
    const result = removeEntities(map, "feedback", map.feedback.map((f) => f.id), `${new Intl.NumberFormat("en").format(responseCount(map))} earlier feedback rows`, true);
    base = result.map;
    removal = result.removal;
  }
  return {
    map: {
      ...base,
      stages: [...base.stages, ...imported.created.stages],
      touchpoints: [...base.touchpoints, ...imported.created.touchpoints],
      personas: [...base.personas, ...imported.created.personas],
      // concat, not spread: spreading 200,000 rows into an argument list overflows the stack.
      feedback: base.feedback.concat(imported.feedback),
      ...(ledger === undefined ? {} : { ledger }),
    },
    removal,
  };
}

/**
 * Refuses imported rows the model would not hold (a rating scale of 1–Infinity, a name with a NUL
 * byte), before the panel adopts them: once adopted, a bad value makes every metric NaN and the
 * draft unsaveable. The few entities the import created go through their schemas; the feedback
 * rows (200,000 of them take 1.4 s through the schema) have their numbers checked by hand, and
 * only a row that fails goes through the schema, for its message. Throws a sentence naming the
 * first few.
 */
function checkImported(imported: Parameters<typeof mergeImportedFeedback>[1]): void {
  const problems: string[] = [];
  const check = (schema: { safeParse(value: unknown): { success: boolean; error?: { issues: Parameters<typeof describeIssues>[0] } } }, value: unknown, what: string) => {
    const result = schema.safeParse(value);
    if (!result.success && problems.length < 3) problems.push(`${what}: ${describeIssues(result.error?.issues ?? []).join("; ")}`);
  };
  imported.created.stages.forEach((stage, i) => check(StageSchema, stage, `new stage ${i + 1}`));
  imported.created.touchpoints.forEach((touchpoint, i) => check(TouchpointSchema, touchpoint, `new touchpoint ${i + 1}`));
  imported.created.personas.forEach((persona, i) => check(PersonaSchema, persona, `new persona ${i + 1}`));
  const usable = (n: number) => Number.isFinite(n) && Math.abs(n) <= NUMBER_LIMIT;
  imported.feedback.forEach((f, i) => {
    const { scale, rating } = f;
    const scaleOk = scale === null || (usable(scale.min) && usable(scale.max) && scale.max > scale.min);
    const ratingOk = rating === null || (scale !== null && usable(rating) && rating >= scale.min && rating <= scale.max);
    if (!scaleOk || !ratingOk) check(FeedbackSchema, f, `imported response ${i + 1}`);
  });
  if (problems.length > 0) throw new Error(`the file gave values the journey cannot hold (${problems.join("; ")})`);
}
