/**
 * Runs every benchmark of the project and ends with one table: each figure, its goal, and
 * whether it is met. Add a benchmark by adding it to BENCHMARKS.
 */
import type { BenchResult, Benchmark } from "./benchmark";

const BENCHMARKS: Benchmark[] = [];

function table(results: readonly BenchResult[]): string {
  const rows = [["Benchmark", "Figure", "Goal", "Met"], ...results.map((r) => [r.name, r.figure, r.goal, r.met ? "yes" : "NO"])];
  const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => row[column]!.length)));
  const line = (row: string[]) => `| ${row.map((cell, column) => cell.padEnd(widths[column]!)).join(" | ")} |`;
  return [line(rows[0]!), `|${widths.map((w) => "-".repeat(w + 2)).join("|")}|`, ...rows.slice(1).map(line)].join("\n");
}

export async function runBenchmarks(): Promise<BenchResult[]> {
  const results: BenchResult[] = [];
  for (const benchmark of BENCHMARKS) {
    console.log(`\n## ${benchmark.title}`);
    results.push(...(await benchmark.run((line) => console.log(`  ${line}`))));
  }
  console.log(`\n${table(results)}`);
  return results;
}

await runBenchmarks();
