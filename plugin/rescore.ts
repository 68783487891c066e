/**
 * "Re-score pain points": read the map with what people changed on the canvas, recompute the
 * priorities, and update rank badges, quadrant colours and the priority matrix by generating
 * the map again from the re-read model: the reconciler writes only what differs. One undo step
 * per map (https://developers.figma.com/docs/plugins/api/properties/figma-commitundo), and a
 * one-line summary for `figma.notify`. The relaunch button also shows with several maps selected
 * (`multipleSelection` in the manifest): each is re-scored and reported.
 */
import type { CanvasProblem } from "../shared/messages";
import type { JourneyMap } from "../shared/model";
import { analyseJourney } from "../shared/analysis";
import { rankChanges, rescoreSummary } from "../shared/rescore-summary";
import { generateMapAsync, saveVersionBeforeUpdateAsync } from "./generate";
import { selectedMapFrames, targetMapFrame, type MapFrame } from "./maps";
import { encodeModel } from "./plugin-data";
import { readMapFrameAsync, writeCanvasIdentities } from "./read-map";

export interface RescoreResult {
  frame: MapFrame;
  model: JourneyMap;
  reranked: number;
  problems: CanvasProblem[];
  summary: string;
}

/** Re-scores one map frame. */
export async function rescoreMapAsync(frame: MapFrame): Promise<RescoreResult> {
  const read = await readMapFrameAsync(frame);
  // A model too large to store is refused before any node is touched.
  encodeModel(read.model);
  // The ranks the map showed against those it will show: both analyses' priorities, the stored
  // one made by the read, the new one made once and drawn.
  const analysis = analyseJourney(read.model);
  const changes = rankChanges(read.storedAnalysis.priorities, analysis.priorities);
  await saveVersionBeforeUpdateAsync();
  writeCanvasIdentities(frame, read);
  const generated = await generateMapAsync(read.model, { analysis });
  return {
    frame: generated.frame,
    model: read.model,
    reranked: changes.reranked,
    problems: [...read.problems, ...generated.kept],
    summary: [rescoreSummary(changes, read.report, generated.movedOut), ...generated.kept.map((k) => k.message)].join("; "),
  };
}

/** Re-scores the map the person means (the selected one, or the only one on the page). */
export async function rescoreTargetAsync(): Promise<RescoreResult> {
  const target = targetMapFrame();
  if ("error" in target) throw new Error(target.error);
  return rescoreMapAsync(target.frame);
}

/**
 * The menu command and the relaunch button: re-score without the panel, say what changed, close.
 * With several maps selected, each is re-scored (one failing does not stop the others) and the
 * notification names each map with its own summary.
 */
export async function rescoreFromMenuAsync(): Promise<void> {
  const selected = selectedMapFrames();
  if (selected.length > 1) {
    const lines: string[] = [];
    let failed = 0;
    for (const frame of selected) {
      try {
        const result = await rescoreMapAsync(frame);
        lines.push(`${result.model.title}: ${result.summary}`);
      } catch (error) {
        failed++;
        lines.push(`${frame.name}: not re-scored: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
    const done = failed === 0 ? `${selected.length}` : `${selected.length - failed} of ${selected.length}`;
    figma.notify(`${done} maps re-scored. ${lines.join(". ")}`, { timeout: 10000, error: failed > 0 });
    figma.closePlugin();
    return;
  }
  try {
    const result = await rescoreTargetAsync();
    figma.notify(result.summary, { timeout: 6000 });
  } catch (error) {
    figma.notify(error instanceof Error ? error.message : String(error), { error: true });
  }
  figma.closePlugin();
}
