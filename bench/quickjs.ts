/**
 * Figma's engine: plugin code runs in QuickJS compiled to WebAssembly, on the main thread, without
 * a JIT (FIGMA_RULES section 11). This benchmark bundles the sandbox's pure work as the plugin is
 * bundled (bench/quickjs-sandbox.ts, es2020) and times it inside QuickJS (quickjs-emscripten), for
 * the sample journey and for a map near the storage limit (40 parts of 96 kB), against the budgets
 * of a main-thread task: a selection change inside an unchanged map ≤ 16 ms and a draft save ≤ 50 ms
 * at any size; Generate and Re-score of the sample journey ≤ 300 ms of plugin work. Node work
 * (node creation, the reconciler's API calls) is outside these figures; the canvas benchmark counts it.
 * A million responses, compacted, against the map near the limit: first read and Generate timed in
 * turns with it (the machine's load changes between minutes), the median ratio of three rounds.
 */
import { readFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import * as esbuild from "esbuild";
import { getQuickJS, type QuickJSContext } from "quickjs-emscripten";
import { parseJourneyMap, type Feedback, type JourneyMap } from "../shared/model";
import { CHUNK_BYTES, MAX_CHUNKS } from "../plugin/plugin-data";
import { withPackedSummary } from "../shared/summary-pack";
import { storedJourney } from "../ui/state/compact";
import type { BenchResult, Benchmark } from "./benchmark";
import { largeJourney as yearOfFeedback } from "./large-journey";

function findRoot(): string {
  for (let dir = path.dirname(fileURLToPath(import.meta.url)); ; dir = path.dirname(dir)) {
    try {
      readFileSync(path.join(dir, "package.json"));
      if (readFileSync(path.join(dir, "package.json"), "utf8").includes('"journey-mapper"')) return dir;
    } catch {
      // Not here: one level up.
    }
    if (path.dirname(dir) === dir) throw new Error("cannot find the repository");
  }
}

const root = findRoot();

function sample(): JourneyMap {
  // As this version opens it (the file may be of an earlier version).
  const parsed = parseJourneyMap(JSON.parse(readFileSync(path.join(root, "examples/sample-journey.json"), "utf8")));
  if (!parsed.ok) throw new Error(parsed.errors.join("; "));
  return parsed.value;
}

/** The sample journey with survey answers added until its JSON is `bytes` long (near the storage limit). */
function largeJourney(bytes: number): JourneyMap {
  const map = sample();
  const template = map.feedback[0] as Feedback;
  const stages = map.stages.map((s) => s.id);
  let size = JSON.stringify(map).length;
  for (let i = 0; size < bytes; i++) {
    const row: Feedback = {
      ...template,
      id: `fb_bench_${i}`,
      rating: (i % 5) + 1,
      text: `Answer ${i}: the parcel arrived ${i % 7} days late and the tracking page said nothing about it`,
      stageId: stages[i % stages.length] ?? null,
      touchpointId: null,
      personaId: null,
    };
    map.feedback.push(row);
    size += JSON.stringify(row).length + 1;
  }
  return map;
}

async function sandboxScript(): Promise<string> {
  const result = await esbuild.build({
    entryPoints: [path.join(root, "bench/quickjs-sandbox.ts")],
    bundle: true,
    format: "iife",
    target: "es2020",
    minify: true,
    write: false,
    logLevel: "warning",
  });
  const file = result.outputFiles[0];
  if (!file) throw new Error("the sandbox script did not build");
  return file.text;
}

function evaluate(vm: QuickJSContext, code: string): void {
  const result = vm.evalCode(code);
  if (result.error) {
    const error: unknown = vm.dump(result.error);
    result.error.dispose();
    throw new Error(`in QuickJS: ${JSON.stringify(error)}`);
  }
  result.value.dispose();
}

function text(vm: QuickJSContext, code: string): string {
  const result = vm.evalCode(code);
  if (result.error) {
    result.error.dispose();
    return "?";
  }
  const value = vm.getString(result.value);
  result.value.dispose();
  return value;
}

/** The median of `rounds` timings of `call` inside QuickJS, in ms. */
function time(vm: QuickJSContext, call: string, rounds: number): number {
  const times: number[] = [];
  for (let round = 0; round < rounds; round++) {
    const start = performance.now();
    evaluate(vm, call);
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)] ?? Number.NaN;
}

const ms = (value: number) => `${value < 10 ? value.toFixed(2) : value.toFixed(0)} ms`;

export const quickjsBenchmark: Benchmark = {
  title: "QuickJS: the sandbox's work in Figma's engine",
  async run(log) {
    const QuickJS = await getQuickJS();
    const script = await sandboxScript();
    const results: BenchResult[] = [];
    // dist/code.js itself must compile in QuickJS (its syntax is what Figma's engine reads); compiled, not run.
    const check = QuickJS.newContext();
    try {
      evaluate(check, `void function () {\n${readFileSync(path.join(root, "dist/code.js"), "utf8")}\n};`);
      results.push({ name: "QuickJS: dist/code.js compiles in Figma's engine", figure: "compiles", goal: "compiles", met: true });
    } catch (error) {
      results.push({ name: "QuickJS: dist/code.js compiles in Figma's engine", figure: String(error).slice(0, 60), goal: "compiles", met: false });
    } finally {
      check.dispose();
    }
    const limit = MAX_CHUNKS * CHUNK_BYTES;
    const maps: Array<[string, JourneyMap, number]> = [
      ["sample journey", sample(), 5],
      [`map near the storage limit`, largeJourney(Math.floor(limit * 0.95)), 3],
      // What the panel stores of a year of a million responses (bench/stored-size.ts): 1,000 rows and 165,000 summary groups.
      [`a million responses, compacted`, (await storedJourney(yearOfFeedback(1_000_000), () => Promise.resolve())).model, 1],
    ];
    // The map near the limit and the million responses stay loaded, to be timed again in turns at the end.
    const kept = new Map<string, QuickJSContext>();
    for (const [label, model, rounds] of maps) {
      const vm = QuickJS.newContext();
      let keep = false;
      try {
        evaluate(vm, script);
        // As the panel sends it; the frame stores it with its summary packed (setUp).
        const json = JSON.stringify(model);
        const draft = JSON.stringify({ savedAt: new Date(0).toISOString(), model });
        const jsonHandle = vm.newString(json);
        const draftHandle = vm.newString(draft);
        // What Generate receives: the model as the panel sends it, its summary packed.
        const sentHandle = vm.newString(JSON.stringify(withPackedSummary(model)));
        vm.setProp(vm.global, "MODEL_JSON", jsonHandle);
        vm.setProp(vm.global, "DRAFT_TEXT", draftHandle);
        vm.setProp(vm.global, "SENT_JSON", sentHandle);
        jsonHandle.dispose();
        draftHandle.dispose();
        sentHandle.dispose();
        evaluate(vm, "work.setUp(MODEL_JSON, DRAFT_TEXT, SENT_JSON)");
        log(`QuickJS speed now: a million loop iterations in ${ms(time(vm, "work.calibrate()", 3))} (machine load ${os.loadavg()[0]?.toFixed(1)})`);
        const kb = Math.round(json.length / 1024);
        log(`${label}: ${kb} kB of model, ${model.feedback.length} feedback rows`);
        const cold = time(vm, "work.readCold()", rounds);
        log(`first read of the stored model (join, check, parse, validate): ${ms(cold)}`);
        evaluate(vm, "work.readCold(); work.selectionUnchanged()");
        const selection = time(vm, "work.selectionUnchanged()", Math.max(rounds, 5));
        const save = time(vm, "work.draftSave()", Math.max(rounds, 5));
        results.push(
          { name: `QuickJS: selection change inside an unchanged map, ${label} (${kb} kB)`, figure: ms(selection), goal: "≤ 16 ms", met: selection <= 16 },
          { name: `QuickJS: draft save in the sandbox, ${label} (${kb} kB)`, figure: ms(save), goal: "≤ 50 ms", met: save <= 50 },
        );
        const generate = time(vm, "work.generate()", rounds);
        log(`Generate: ${ms(generate)} (last round, ms: ${text(vm, "work.phases()")})`);
        const rescore = time(vm, "work.rescore()", rounds);
        log(`Re-score: ${ms(rescore)} (last round, ms: ${text(vm, "work.phases()")})`);
        keep = label === "map near the storage limit" || label.startsWith("a million");
        if (keep) kept.set(label, vm);
        if (label === "sample journey") {
          results.push(
            { name: "QuickJS: Generate, sample journey (plugin work without nodes)", figure: ms(generate), goal: "≤ 300 ms", met: generate <= 300 },
            { name: "QuickJS: Re-score, sample journey (plugin work without nodes)", figure: ms(rescore), goal: "≤ 300 ms", met: rescore <= 300 },
          );
        }
      } finally {
        if (!keep) vm.dispose();
      }
    }
    // A stored journey of any volume should cost no more than the largest one of rows only did.
    // The machine is shared and its load changes from minute to minute: the two maps are timed in
    // turns, round by round, so that both meet the same load, and each ratio is the median of the
    // rounds' ratios.
    const near = kept.get("map near the storage limit");
    const million = [...kept].find(([label]) => label.startsWith("a million"));
    if (near !== undefined && million !== undefined) {
      const [label, vm] = million;
      const ratios = { cold: [] as number[], generate: [] as number[] };
      const last = { cold: [0, 0], generate: [0, 0] };
      for (let round = 0; round < 3; round++) {
        for (const [what, call] of [["cold", "work.readCold()"], ["generate", "work.generate()"]] as const) {
          const a = time(near, call, 1);
          const b = time(vm, call, 1);
          ratios[what].push(b / a);
          last[what] = [b, a];
        }
      }
      const median = (values: number[]) => [...values].sort((x, y) => x - y)[Math.floor(values.length / 2)] ?? Number.NaN;
      const cold = median(ratios.cold);
      const generate = median(ratios.generate);
      log(`in turns with the map near the limit (3 rounds; ratios of first read ${ratios.cold.map((r) => r.toFixed(2)).join(", ")}; of Generate ${ratios.generate.map((r) => r.toFixed(2)).join(", ")})`);
      results.push(
        { name: `QuickJS: first read, ${label}`, figure: `${cold.toFixed(2)}× the map near the limit (last round ${ms(last.cold[0] ?? 0)} vs ${ms(last.cold[1] ?? 0)})`, goal: "≤ 1× the map near the limit", met: cold <= 1 },
        { name: `QuickJS: Generate, ${label}`, figure: `${generate.toFixed(2)}× the map near the limit (last round ${ms(last.generate[0] ?? 0)} vs ${ms(last.generate[1] ?? 0)})`, goal: "≤ 1× the map near the limit", met: generate <= 1 },
      );
    }
    for (const vm of kept.values()) vm.dispose();
    return results;
  },
};
