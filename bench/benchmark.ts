/**
 * What a benchmark reports: one figure per goal, measured in one run, so ratios compare like
 * with like on the same machine. `npm run bench` prints every result in one table.
 */
export interface BenchResult {
  /** What was measured, e.g. "CSV import + analysis, 200,000 rows". */
  name: string;
  /** The figure, as a person reads it: "1.21× bare papaparse (2,310 ms vs 1,905 ms)". */
  figure: string;
  /** The goal, in words: "≤ 1.5×". */
  goal: string;
  met: boolean;
}

export interface Benchmark {
  /** Shown while it runs. */
  title: string;
  run(log: (line: string) => void): Promise<BenchResult[]>;
}
