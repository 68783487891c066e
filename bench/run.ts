/**
 * Runs every benchmark of the project and ends with one table: each figure, its goal, and
 * whether it is met. Add a benchmark by adding it to BENCHMARKS.
 * `npm run bench -- WORD…` runs only those whose title mentions a word.
 */
import type { BenchResult, Benchmark } from "./benchmark";
import { canvasBenchmark } from "./canvas";
import { cliMemoryBenchmark } from "./cli-memory";
import { csvImportBenchmark } from "./csv-import";
import { ledgerBenchmark } from "./ledger";
import { panelImportBenchmark } from "./panel-import";
import { quickjsBenchmark } from "./quickjs";
import { readMapBenchmark } from "./read-map";
import { csvScalingBenchmark } from "./scaling-csv";
import { scalingModelBenchmark } from "./scaling-model";
import { sentimentBenchmark } from "./sentiment";
import { storedSizeBenchmark } from "./stored-size";

const BENCHMARKS: Benchmark[] = [
  csvImportBenchmark,
  canvasBenchmark,
  readMapBenchmark,
  panelImportBenchmark,
  csvScalingBenchmark,
  cliMemoryBenchmark,
  scalingModelBenchmark,
  sentimentBenchmark,
  quickjsBenchmark,
  storedSizeBenchmark,
  ledgerBenchmark,
];
/** `npm run bench -- csv canvas` runs only the benchmarks whose title mentions one of the words. */
const only = process.argv.slice(2).map((word) => word.toLowerCase());

function table(results: readonly BenchResult[]): string {
  const rows = [["Benchmark", "Figure", "Goal", "Met"], ...results.map((r) => [r.name, r.figure, r.goal, r.met ? "yes" : "NO"])];
  const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => row[column]!.length)));
  const line = (row: string[]) => `| ${row.map((cell, column) => cell.padEnd(widths[column]!)).join(" | ")} |`;
  return [line(rows[0]!), `|${widths.map((w) => "-".repeat(w + 2)).join("|")}|`, ...rows.slice(1).map(line)].join("\n");
}

export async function runBenchmarks(): Promise<BenchResult[]> {
  const results: BenchResult[] = [];
  const chosen = only.length === 0 ? BENCHMARKS : BENCHMARKS.filter((b) => only.some((w) => b.title.toLowerCase().includes(w)));
  for (const benchmark of chosen) {
    console.log(`\n## ${benchmark.title}`);
    results.push(...(await benchmark.run((line) => console.log(`  ${line}`))));
  }
  console.log(`\n${table(results)}`);
  return results;
}

await runBenchmarks();
