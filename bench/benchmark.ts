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

/** Milliseconds `settle` leaves the collector's helper threads after a full collection. */
const SETTLE_MS = 100;

/**
 * Before a timed run: a full collection (node --expose-gc, as `npm run bench` runs), so that no
 * earlier garbage (an earlier benchmark's, or the run before) is collected inside the timed run,
 * then a pause for the collector's helper threads (V8 sweeps after a full collection on threads of
 * its own), so that they do not share this machine's two cores with the run.
 */
export async function settle(): Promise<void> {
  (globalThis as { gc?: () => void }).gc?.();
  await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
}
