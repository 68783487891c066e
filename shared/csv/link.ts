/**
 * Linking a row to the map's stage, touchpoint and persona by the names in its cells, creating the
 * ones the map lacks when allowed: a touchpoint under the row's stage, a stage taken from a
 * touchpoint whose name is unique. Entities are created only once the row is known to be imported,
 * so a rejected row leaves nothing behind.
 */
import type { JourneyMap, Persona, Stage, Touchpoint } from "../model";
import { createNameIndex, createTouchpointIndex, newPersona, newStage, newTouchpoint } from "./match";
import { quoteCell } from "./problem";

/** The stage a new touchpoint goes into when its row names none: the person moves it from there. */
export const UNASSIGNED_STAGE = "Unassigned";

export type LinkedField = "stage" | "touchpoint" | "persona";

/**
 * One row's links, written by `link` and reused from row to row, so that linking 200,000 rows
 * allocates nothing but what it creates.
 */
export interface RowLinks {
  stageId: string | null;
  touchpointId: string | null;
  personaId: string | null;
  /** Names to create on `commit`, as written. */
  newStage: string | null;
  newTouchpoint: string | null;
  newPersona: string | null;
  /** What could not be linked, by field, in words; null when everything could. */
  problems: { field: LinkedField; detail: string }[] | null;
}

export function createRowLinks(): RowLinks {
  return { stageId: null, touchpointId: null, personaId: null, newStage: null, newTouchpoint: null, newPersona: null, problems: null };
}

export interface EntityLinker {
  /** Links a row by its names ("" for none; formula escaping already undone). Fills `links`. */
  link(stage: string, touchpoint: string, persona: string, links: RowLinks): void;
  /** Creates the entities `link` left to create, and points `links` at them. */
  commit(links: RowLinks): void;
  /** What `commit` created, in order of first appearance. */
  created: { stages: Stage[]; touchpoints: Touchpoint[]; personas: Persona[] };
}

export interface LinkOptions {
  /** Whether unknown names become new entities or problems. */
  create: Record<"stages" | "touchpoints" | "personas", boolean>;
  makeId: (prefix: LinkedField) => string;
}

function hasName(cell: string): boolean {
  return cell !== "" && cell.trim() !== "";
}

const LISTED_NAMES = 8;
const LISTED_NAME_CHARS = 40;

/** A name as a message lists it: short, on one line, so a 10 MB name cannot flood a message. */
function shortName(name: string): string {
  const oneLine = name.replace(/\s+/g, " ");
  return oneLine.length > LISTED_NAME_CHARS ? `${oneLine.slice(0, LISTED_NAME_CHARS - 1)}…` : oneLine;
}

/** "(the map has: Awareness, Checkout, …)", so a typo is easy to spot. */
function knownNames(existing: readonly { name: string }[]): string {
  if (existing.length === 0) return "(the map has none yet)";
  const shown = existing
    .slice(0, LISTED_NAMES)
    .map((entity) => shortName(entity.name))
    .join(", ");
  return `(the map has: ${shown}${existing.length > LISTED_NAMES ? ", …" : ""})`;
}

export function createEntityLinker(
  map: Pick<JourneyMap, "stages" | "touchpoints" | "personas">,
  options: LinkOptions,
): EntityLinker {
  const stages = createNameIndex(map.stages);
  const touchpoints = createTouchpointIndex(map.touchpoints);
  const personas = createNameIndex(map.personas);
  const created: EntityLinker["created"] = { stages: [], touchpoints: [], personas: [] };
  const { create, makeId } = options;

  const fail = (links: RowLinks, field: LinkedField, detail: string) => {
    (links.problems ??= []).push({ field, detail: `${detail}; not imported` });
  };

  const linkTouchpoint = (stage: string, touchpoint: string, links: RowLinks): void => {
    if (links.stageId !== null) {
      const found = touchpoints.findInStage(links.stageId, touchpoint);
      if (found !== undefined) links.touchpointId = found.id;
      else if (create.touchpoints) links.newTouchpoint = touchpoint;
      else fail(links, "touchpoint", `stage ${quoteCell(stage)} has no touchpoint named ${quoteCell(touchpoint)}`);
    } else if (links.newStage !== null) {
      if (create.touchpoints) links.newTouchpoint = touchpoint;
      else fail(links, "touchpoint", `the new stage ${quoteCell(stage)} has no touchpoint named ${quoteCell(touchpoint)}`);
    } else {
      // No stage given: the touchpoint tells it, if its name is unique across stages.
      const found = touchpoints.findAnywhere(touchpoint);
      const only = found[0];
      if (found.length === 1 && only !== undefined) {
        links.touchpointId = only.id;
        links.stageId = only.stageId;
      } else if (found.length > 1) {
        fail(links, "touchpoint", `the touchpoint ${quoteCell(touchpoint)} is in ${found.length} stages, and the row names no stage to tell which`);
      } else if (create.touchpoints) {
        // A new touchpoint needs a stage: the "Unassigned" one, which the person moves it from.
        const unassigned = stages.find(UNASSIGNED_STAGE);
        if (unassigned !== undefined) links.stageId = unassigned.id;
        else links.newStage = UNASSIGNED_STAGE;
        links.newTouchpoint = touchpoint;
      } else {
        fail(links, "touchpoint", `no touchpoint is named ${quoteCell(touchpoint)}`);
      }
    }
  };

  return {
    created,
    link(stage, touchpoint, persona, links) {
      links.stageId = null;
      links.touchpointId = null;
      links.personaId = null;
      links.newStage = null;
      links.newTouchpoint = null;
      links.newPersona = null;
      links.problems = null;
      const hasStage = hasName(stage);
      if (hasStage) {
        const found = stages.find(stage);
        if (found !== undefined) links.stageId = found.id;
        else if (create.stages) links.newStage = stage;
        else fail(links, "stage", `no stage is named ${quoteCell(stage)} ${knownNames(map.stages)}`);
      }
      // A stage that failed leaves its touchpoint unjudged: its problem is the stage's.
      if (hasName(touchpoint) && links.problems === null) linkTouchpoint(stage, touchpoint, links);
      if (hasName(persona)) {
        const found = personas.find(persona);
        if (found !== undefined) links.personaId = found.id;
        else if (create.personas) links.newPersona = persona;
        else fail(links, "persona", `no persona is named ${quoteCell(persona)} ${knownNames(map.personas)}`);
      }
    },
    commit(links) {
      if (links.newStage !== null) {
        const stage = newStage(makeId("stage"), links.newStage);
        stages.add(stage);
        created.stages.push(stage);
        links.stageId = stage.id;
      }
      if (links.newTouchpoint !== null && links.stageId !== null) {
        const touchpoint = newTouchpoint(makeId("touchpoint"), links.stageId, links.newTouchpoint);
        touchpoints.add(touchpoint);
        created.touchpoints.push(touchpoint);
        links.touchpointId = touchpoint.id;
      }
      if (links.newPersona !== null) {
        const persona = newPersona(makeId("persona"), links.newPersona);
        personas.add(persona);
        created.personas.push(persona);
        links.personaId = persona.id;
      }
    },
  };
}
