/**
 * What a re-score changed, in one line for `figma.notify` ("3 pain points re-ranked, 1 value could
 * not be read: Severity on 'Slow checkout'").
 */
import type { CanvasReport } from "./canvas-edits";
import type { Priority } from "./priority";

/** Figma truncates notifications longer than this (https://developers.figma.com/docs/plugins/api/properties/figma-notify). */
export const NOTIFY_LIMIT = 100;

export interface RankChanges {
  /** Pain points ranked both before and after whose rank changed. */
  reranked: number;
  /** Pain points ranked both before and after whose impact/effort quadrant changed. */
  requadranted: number;
}

export function rankChanges(before: readonly Priority[], after: readonly Priority[]): RankChanges {
  const old = new Map(before.map((p) => [p.painPointId, p]));
  let reranked = 0;
  let requadranted = 0;
  for (const p of after) {
    const was = old.get(p.painPointId);
    if (was === undefined) continue;
    if (was.rank !== p.rank) reranked++;
    if (was.quadrant !== p.quadrant) requadranted++;
  }
  return { reranked, requadranted };
}

function count(n: number, one: string, many: string = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/**
 * The one-line summary of a re-score: ranks first, then what a person must know (a card gone, a
 * value not read, with its label), then the rest. Figma cuts the line at 100 characters; the
 * panel shows it whole.
 */
export function rescoreSummary(changes: RankChanges, report: CanvasReport, movedOut = 0): string {
  const parts = [changes.reranked === 0 ? "No pain point changed rank" : `${count(changes.reranked, "pain point")} re-ranked`];
  if (report.deleted.length > 0) parts.push(`${count(report.deleted.length, "card")} deleted`);
  if (report.unreadable.length > 0) {
    parts.push(`${count(report.unreadable.length, "value")} could not be read: ${report.unreadable.join(", ")}`);
  }
  if (changes.requadranted > 0) parts.push(`${changes.requadranted} changed quadrant`);
  if (report.duplicated.length > 0) parts.push(`${report.duplicated.length} duplicated`);
  if (report.moved.length > 0) parts.push(`${report.moved.length} moved`);
  if (movedOut > 0) parts.push(`${count(movedOut, "layer")} moved out of the map`);
  if (report.unknown.length > 0) parts.push(`${count(report.unknown.length, "card")} not read`);
  if (report.newMapId !== null) parts.push("the copied map got its own id");
  return parts.join(", ");
}
