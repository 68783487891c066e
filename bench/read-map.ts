/**
 * Reading a map frame whose stored model has many stages (a free-text column guessed as the stage
 * gives thousands): the panel reads the selected map on every selection change, so reading must be
 * linear in the stages × lanes it draws. The same small map frame stores a model of 2,000 stages,
 * then of 20,000; the ratio of the two read times must stay near 10 (≤ 15), measured in one run.
 */
import { generateMapAsync } from "../plugin/generate";
import { encodeModel, writeModel } from "../plugin/plugin-data";
import { readMapFrame } from "../plugin/read-map";
import type { JourneyMap } from "../shared/model";
import { createFigmaEmulator } from "../test/emulator/emulator";
import { benchmarkJourney } from "./canvas";
import type { Benchmark } from "./benchmark";

/** The benchmark journey with `count` stages and no cards: only the grid grows. */
export function journeyWithStages(count: number): JourneyMap {
  const map = benchmarkJourney();
  const stages = Array.from({ length: count }, (_, s) => ({ id: `stage_${s}`, name: `Stage ${s + 1}`, objective: "", emotion: null }));
  return { ...map, stages, touchpoints: [], notes: [], feedback: [], painPoints: [], opportunities: [], kpis: [] };
}

/** Times reading `frame` with a stored model of `stages` stages. */
function readTimeMs(frame: FrameNode, stages: number): number {
  // The frame keeps its three stages; the model stored on it has many more.
  writeModel(frame, encodeModel(journeyWithStages(stages)));
  const started = performance.now();
  const read = readMapFrame(frame);
  const ms = performance.now() - started;
  if (read.model.stages.length !== stages) throw new Error("the stored model was not read");
  return ms;
}

export const readMapBenchmark: Benchmark = {
  title: "Canvas: read a map frame whose stored model has 2,000 and 20,000 stages",
  async run(log) {
    const emulator = createFigmaEmulator({ command: "open" });
    Object.assign(globalThis, { figma: emulator.figma });
    const { frame } = await generateMapAsync(journeyWithStages(3));
    if (frame.type !== "FRAME") throw new Error("the design editor draws the map as a frame");
    readTimeMs(frame, 2_000); // warm-up
    const small = readTimeMs(frame, 2_000);
    const large = readTimeMs(frame, 20_000);
    const ratio = large / small;
    log(`2,000 stages: ${small.toFixed(0)} ms; 20,000 stages: ${large.toFixed(0)} ms`);
    return [
      {
        name: "Canvas: read a map, 1× vs 10× stages (2,000 / 20,000)",
        figure: `${ratio.toFixed(1)}× (${small.toFixed(0)} ms vs ${large.toFixed(0)} ms)`,
        goal: "≤ 15× (linear)",
        met: ratio <= 15,
      },
    ];
  },
};
