/**
 * Update map with two sets of changes: the panel's model, and what people changed on the map frame
 * since it was last drawn (the stored model, read with the canvas edits: shared/canvas-edits.ts).
 *
 * A three-way merge per field of the stages and the cards, with the stored model as the common
 * ancestor: a field only the canvas changed takes the canvas's value; one only the panel changed
 * keeps the panel's; one both changed to different values is a conflict, settled by the person's
 * answer (unanswered, the panel's value stands and the caller asks). A card duplicated on the canvas
 * joins the model after its original. What the panel removed (a stage, a card) stays removed, and
 * cards deleted on the canvas are asked about separately (generate.ts).
 */
import { cardLabel, editableCopy, type CardKind } from "./canvas-edits";
import type { CanvasConflict, ConflictsAnswer } from "./messages";
import { parseEditedJourneyMap, type JourneyMap } from "./model";

export interface PanelCanvasMerge {
  model: JourneyMap;
  /** Fields that took the canvas's value. */
  fromCanvas: number;
  conflicts: CanvasConflict[];
}

/** The lists merged, with the kind of card each draws (stages are no cards). */
const MERGED: readonly [keyof JourneyMap & ("stages" | "painPoints" | "notes" | "touchpoints" | "opportunities" | "kpis"), CardKind | null][] = [
  ["stages", null],
  ["touchpoints", "touchpoint"],
  ["painPoints", "painPoint"],
  ["notes", "note"],
  ["opportunities", "opportunity"],
  ["kpis", "kpi"],
];

/** Ids, and references that deleting a card on the canvas clears: never taken from the canvas. */
const NOT_MERGED: readonly string[] = ["id", "touchpointId", "painPointId"];

type Fields = Record<string, unknown> & { id: string };

function shown(value: unknown, stageNames: ReadonlyMap<string, string>): string {
  const text = typeof value === "string" ? (stageNames.get(value) ?? value) : value === null ? "none" : JSON.stringify(value);
  return text.length > 60 ? `${text.slice(0, 59)}…` : text;
}

/**
 * `panel` is a valid model (the panel's message is validated on arrival): the result is checked
 * against it, each entity the canvas changed or added with its schema and the whole model's ids
 * and references (`parseEditedJourneyMap`); a merge that would break the model's rules throws.
 */
export function mergePanelAndCanvas(stored: JourneyMap, canvas: JourneyMap, panel: JourneyMap, answer?: ConflictsAnswer): PanelCanvasMerge {
  const model = editableCopy(panel);
  const conflicts: CanvasConflict[] = [];
  let fromCanvas = 0;
  const stageNames = new Map(model.stages.map((s) => [s.id, s.name]));
  const ids = (list: readonly { id: string }[]) => new Set(list.map((e) => e.id));
  // Where a moved card or a copy may go, and what a copy may refer to: what the panel still holds.
  const exists: Record<string, Set<string>> = {
    stageId: ids(model.stages),
    laneId: ids(model.lanes),
    touchpointId: ids(model.touchpoints),
    painPointId: ids(model.painPoints),
  };

  for (const [name, kind] of MERGED) {
    const list = model[name] as unknown as Fields[];
    const base = new Map((stored[name] as unknown as Fields[]).map((e) => [e.id, e]));
    const ours = new Map(list.map((e) => [e.id, e]));
    const copies = new Map<string, Fields[]>();
    let previous = "";
    for (const theirs of canvas[name] as unknown as Fields[]) {
      const was = base.get(theirs.id);
      const mine = ours.get(theirs.id);
      if (was === undefined) {
        // A card duplicated on the canvas, after its original (unless the panel dropped its stage or lane).
        if (mine !== undefined || ["stageId", "laneId"].some((f) => f in theirs && !exists[f]?.has(theirs[f] as string))) continue;
        for (const f of NOT_MERGED.slice(1)) if (f in theirs && !exists[f]?.has(theirs[f] as string)) theirs[f] = null;
        copies.set(previous, [...(copies.get(previous) ?? []), theirs]);
        fromCanvas++;
        continue;
      }
      previous = theirs.id;
      // Removed in the panel: it stays removed.
      if (mine === undefined) continue;
      const label = () => (kind === null ? `Stage '${shown(mine.name, new Map())}'` : cardLabel(kind, mine as never));
      let tookCurrent = false;
      for (const field of Object.keys(theirs)) {
        const value = theirs[field];
        // A KPI's history follows its current value (shared/kpi-history.ts): taken with it, never asked about or counted apart.
        if (field === "history") {
          if (tookCurrent) mine[field] = value;
          continue;
        }
        const canvasSide = JSON.stringify(value);
        const panelSide = JSON.stringify(mine[field]);
        if (NOT_MERGED.includes(field) || canvasSide === JSON.stringify(was[field]) || canvasSide === panelSide) continue;
        // A card moved on the canvas to a stage or lane the panel removed stays where the panel has it.
        if (field in exists && !exists[field]?.has(value as string)) continue;
        if (panelSide !== JSON.stringify(was[field])) {
          conflicts.push({ label: `${label()}: ${field.replace(/Id$/, "")}`, canvas: shown(value, stageNames), panel: shown(mine[field], stageNames) });
          if (answer !== "canvas") continue;
        }
        mine[field] = value;
        if (field === "current") tookCurrent = true;
        fromCanvas++;
      }
    }
    if (copies.size > 0) {
      const merged = [...(copies.get("") ?? []), ...list.flatMap((e) => [e, ...(copies.get(e.id) ?? [])])];
      list.length = 0;
      for (const e of merged) list.push(e);
    }
  }
  const checked = parseEditedJourneyMap(panel, model);
  if (!checked.ok) throw new Error(`Merging the canvas edits gave an invalid map: ${checked.errors.slice(0, 3).join("; ")}`);
  return { model: checked.value, fromCanvas, conflicts };
}
