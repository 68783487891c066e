/**
 * Scaling of the model's text formats: Mermaid import of a journey whose tasks each name a
 * different actor, and Mermaid export of a journey with many stages (issue 11, finding 9: both
 * were quadratic, 15 s and 81 s at 100,000; export is timed at 20,000 and 200,000). Each is timed at 1× and 10× its size in the same run;
 * linear work gives a ratio near 10, and the goal is ≤ 15.
 */
import { exportMermaidJourney, importMermaidJourney } from "../shared/mermaid";
import type { JourneyMap } from "../shared/model";
import { blankPersona, createJourneyMap } from "../shared/model";
import type { BenchResult, Benchmark } from "./benchmark";

const BASE = 10_000;
/** Export is fast per stage: a larger base keeps the small run long enough to time on a busy machine. */
const EXPORT_BASE = 20_000;

/** A Mermaid journey of `tasks` tasks in sections of 10, each task with an actor of its own. */
function mermaidText(tasks: number): string {
  const lines = ["journey", "  title Scaling"];
  for (let i = 0; i < tasks; i++) {
    if (i % 10 === 0) lines.push(`  section Stage ${i / 10 + 1}`);
    lines.push(`    Task ${i + 1}: ${1 + (i % 5)}: Actor ${i + 1}`);
  }
  return `${lines.join("\n")}\n`;
}

/** A journey of `stages` stages, each with one touchpoint, and two personas on the map. */
function journeyOf(stages: number): JourneyMap {
  const map = createJourneyMap("Scaling", () => 0.5);
  map.stages = Array.from({ length: stages }, (_, i) => ({ id: `stage_${i}`, name: `Stage ${i + 1}`, objective: "", emotion: null }));
  map.touchpoints = map.stages.map((s, i) => ({ id: `tp_${i}`, stageId: s.id, name: `Touchpoint ${i + 1}`, channel: "web", digital: true, importance: 3 }));
  map.personas = ["Ann", "Bob"].map((name, i) => blankPersona(`persona_${i}`, name));
  return map;
}

/** The best of `runs` timings of `work`, in ms (the smallest is the least disturbed by the shared machine). */
function time(work: () => void, runs: number): number {
  let best = Infinity;
  for (let i = 0; i < runs; i++) {
    globalThis.gc?.();
    const start = performance.now();
    work();
    best = Math.min(best, performance.now() - start);
  }
  return best;
}

function scaling(name: string, small: number, large: number): BenchResult {
  const ratio = large / small;
  return {
    name,
    figure: `${ratio.toFixed(1)}× for 10× the size (${Math.round(small)} ms → ${Math.round(large)} ms)`,
    goal: "≤ 15×",
    met: ratio <= 15,
  };
}

export const scalingModelBenchmark: Benchmark = {
  title: "Scaling of Mermaid import and export",
  async run(log) {
    const results: BenchResult[] = [];
    const texts = [mermaidText(BASE), mermaidText(BASE * 10)];
    importMermaidJourney(texts[0]!); // warm-up
    const importTimes = texts.map((text) =>
      time(() => {
        const result = importMermaidJourney(text);
        if (!result.ok) throw new Error(result.errors.slice(0, 3).join("; "));
      }, 3),
    );
    log(`import: ${BASE} tasks ${importTimes[0]!.toFixed(0)} ms, ${BASE * 10} tasks ${importTimes[1]!.toFixed(0)} ms`);
    results.push(scaling(`Mermaid import, ${BASE.toLocaleString("en")} → ${(BASE * 10).toLocaleString("en")} tasks, an actor each`, importTimes[0]!, importTimes[1]!));

    const maps = [journeyOf(EXPORT_BASE), journeyOf(EXPORT_BASE * 10)];
    exportMermaidJourney(maps[0]!); // warm-up
    const exportTimes = maps.map((map) => time(() => void exportMermaidJourney(map), 3));
    log(`export: ${EXPORT_BASE} stages ${exportTimes[0]!.toFixed(0)} ms, ${EXPORT_BASE * 10} stages ${exportTimes[1]!.toFixed(0)} ms`);
    results.push(scaling(`Mermaid export, ${EXPORT_BASE.toLocaleString("en")} → ${(EXPORT_BASE * 10).toLocaleString("en")} stages`, exportTimes[0]!, exportTimes[1]!));
    return results;
  },
};
