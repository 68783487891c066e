/**
 * A map frame whose stored model has far more stages than the frame shows (issue 11, finding 10: a
 * stored model of 20,000 stages took 33 s per read, and the panel reads the selected map on every
 * selection change). Reading visits each drawn cell a bounded number of times: linear in
 * stages × lanes. Before, each stage scanned every cell of the grid (20,000² × 8 steps): this case
 * ran past the test's time limit. How the time grows from 1× to 10× is measured in `npm run bench`
 * ("read a map").
 */
import { describe, expect, it } from "vitest";
import { mergeCanvasEdits, type CanvasSnapshot } from "../../shared/canvas-edits";
import type { JourneyMap } from "../../shared/model";
import { sampleJourney } from "../plugin/harness";

function journeyWithStages(count: number): JourneyMap {
  const map = sampleJourney();
  const stages = Array.from({ length: count }, (_, s) => ({ id: `stage_${s}`, name: `Stage ${s + 1}`, objective: "", emotion: null }));
  return { ...map, stages, touchpoints: [], notes: [], feedback: [], painPoints: [], opportunities: [], kpis: [] };
}

/** The canvas of a frame that shows the first three stages of `model`'s grid, cells and all. */
function canvasShowingThreeStages(model: JourneyMap): CanvasSnapshot {
  const drawn = new Set(["header", "grid", "stages"]);
  const present = new Set(["header", "grid", "stages"]);
  for (const lane of model.lanes) {
    drawn.add(`lane/${lane.id}`);
    present.add(`lane/${lane.id}`);
  }
  model.stages.forEach((stage, s) => {
    drawn.add(`stage/${stage.id}`);
    if (s < 3) present.add(`stage/${stage.id}`);
    for (const lane of model.lanes) {
      drawn.add(`cell/${lane.id}/${stage.id}`);
      if (s < 3) present.add(`cell/${lane.id}/${stage.id}`);
    }
  });
  return {
    nodeId: "1:1",
    nodeName: "Journey map",
    cards: [],
    drawnCards: new Set(),
    cells: new Map(),
    copyOfAnotherMap: false,
    structure: { drawn, present },
  };
}

describe("a stored model with thousands of stages on a small map frame", () => {
  it("reads a model of 20,000 stages whole, and names each column the frame does not show once", { timeout: 20_000 }, () => {
    const model = journeyWithStages(20_000);
    const read = mergeCanvasEdits(model, canvasShowingThreeStages(model));
    expect(read.model.stages).toHaveLength(20_000);
    expect(read.problems).toHaveLength(20_000 - 3);
    expect(read.problems[0]?.message).toMatch(/^The column of stage 'Stage 4' was deleted from the canvas \(its header and its cells\)/);
    expect(read.problems.at(-1)?.message).toMatch(/^The column of stage 'Stage 20000' was deleted/);
  });
});
