/**
 * A pass over a map's feedback that can be fed range by range. The command line reads every row in
 * one go; the panel reads 200,000 rows a slice at a time and gives the host a turn in between, so
 * that no task holds the thread for long. Both run the same pass, so both get the same result.
 *
 * A pass may read other items than rows (a summary's groups, respondents, keys to sort), and a
 * computation of several passes, one after another, is written once as a plan (`PassPlan`) that
 * either runs whole or in slices.
 */

/** Gives the host a turn; rejects when the caller no longer wants the result. */
export type YieldToHost = () => Promise<void>;

export interface FeedbackPass<T> {
  /** Reads the feedback rows [from, to), in order, after every row before `from`. */
  read(from: number, to: number): void;
  /** The result, once every row has been read. */
  finish(): T;
}

/** Runs a pass over `rows` rows at once. */
export function runPass<T>(pass: FeedbackPass<T>, rows: number): T {
  pass.read(0, rows);
  return pass.finish();
}

/**
 * Runs a pass over `rows` rows, `rowsPerSlice` at a time, giving the host a turn after each slice,
 * so that whatever comes next (another pass, the finish) starts in a task of its own.
 */
export async function runPassInSlices<T>(
  pass: FeedbackPass<T>,
  rows: number,
  yieldToHost: YieldToHost,
  rowsPerSlice: number,
): Promise<T> {
  const step = Math.max(1, Math.floor(rowsPerSlice));
  for (let from = 0; from < rows; from += step) {
    pass.read(from, Math.min(rows, from + step));
    await yieldToHost();
  }
  return pass.finish();
}

/**
 * One step of a plan: a pass, how many items it reads (rows, groups, respondents: whatever it
 * counts) and how many a slice may read in the panel (items cost more or less, pass by pass).
 */
export interface PlannedPass {
  pass: FeedbackPass<unknown>;
  items: number;
  perSlice: number;
}

/**
 * A computation made of passes run one after another, written once as a generator: each step
 * yields the pass it needs run (`step`) and gets its result back. `runPlan` runs every pass at once
 * (the command line, tests); `runPlanInSlices` runs each in slices with the host's turns between,
 * so that no task holds the thread for long. Both run the same passes, so both get the same result.
 */
export type PassPlan<T> = Generator<PlannedPass, T, unknown>;

/** Has a plan run `pass` over `items` items, and gives back its result. */
export function* step<T>(pass: FeedbackPass<T>, items: number, perSlice: number): Generator<PlannedPass, T, unknown> {
  return (yield { pass: pass as FeedbackPass<unknown>, items, perSlice }) as T;
}

/** Work that cannot be cut up, as a pass of one item: in a plan run in slices, it gets a task of its own. */
export function wholePass<T>(work: () => T): FeedbackPass<T> {
  let result: T | undefined;
  return {
    read(from, to) {
      if (from === 0 && to > 0) result = work();
    },
    finish: () => result as T,
  };
}

/** A pass that visits items one by one (`visit(index)`, in order) and gives nothing back. */
export function visitPass(visit: (index: number) => void): FeedbackPass<void> {
  return {
    read(from, to) {
      for (let i = from; i < to; i++) visit(i);
    },
    finish: () => undefined,
  };
}

/** Runs a plan with every pass at once. */
export function runPlan<T>(plan: PassPlan<T>): T {
  let next = plan.next();
  while (next.done !== true) next = plan.next(runPass(next.value.pass, next.value.items));
  return next.value;
}

/**
 * Runs a plan with each pass in slices (`runPassInSlices`), each step's own number of items a slice
 * (or `perSlice` for every step: tests cut the work finer to show that the result does not change).
 */
export async function runPlanInSlices<T>(plan: PassPlan<T>, yieldToHost: YieldToHost, perSlice?: number): Promise<T> {
  let next = plan.next();
  while (next.done !== true) {
    const { pass, items } = next.value;
    next = plan.next(await runPassInSlices(pass, items, yieldToHost, perSlice ?? next.value.perSlice));
  }
  return next.value;
}

/**
 * `items` sorted by `compare` (stably, as `Array.prototype.sort`), as two passes: the runs the
 * slices read are sorted one by one, then merged, a slice of the result at a time. Sorting 100,000
 * text keys at once holds a task for hundreds of milliseconds.
 */
export function* sortInSlices<T>(items: readonly T[], compare: (a: T, b: T) => number, perSlice: number): PassPlan<T[]> {
  const sorted: T[][] = [];
  const runs = yield* step<T[][]>(
    {
      read: (from, to) => void sorted.push(items.slice(from, to).sort(compare)),
      finish: () => sorted,
    },
    items.length,
    perSlice,
  );
  if (runs.length <= 1) return runs[0] ?? [];
  return yield* step(mergePass(runs, compare), items.length, perSlice);
}

/**
 * Sorted runs merged into one list, `to − from` items a read: a heap of the runs by their next
 * item, an earlier run first on a tie (the runs are in the items' order, so the merge is stable).
 */
function mergePass<T>(runs: readonly T[][], compare: (a: T, b: T) => number): FeedbackPass<T[]> {
  const out: T[] = [];
  const at = runs.map(() => 0);
  const heap = runs.map((_, r) => r).filter((r) => (runs[r] as T[]).length > 0);
  const before = (a: number, b: number) => {
    const order = compare((runs[a] as T[])[at[a] as number] as T, (runs[b] as T[])[at[b] as number] as T);
    return order < 0 || (order === 0 && a < b);
  };
  const siftDown = (from: number) => {
    for (let i = from; ; ) {
      const left = 2 * i + 1;
      const right = left + 1;
      let first = i;
      if (left < heap.length && before(heap[left] as number, heap[first] as number)) first = left;
      if (right < heap.length && before(heap[right] as number, heap[first] as number)) first = right;
      if (first === i) return;
      [heap[i], heap[first]] = [heap[first] as number, heap[i] as number];
      i = first;
    }
  };
  for (let i = (heap.length >> 1) - 1; i >= 0; i--) siftDown(i);
  return {
    read(from, to) {
      for (let n = from; n < to && heap.length > 0; n++) {
        const r = heap[0] as number;
        const run = runs[r] as T[];
        out.push(run[at[r] as number] as T);
        at[r] = (at[r] as number) + 1;
        if ((at[r] as number) >= run.length) {
          const last = heap.pop() as number;
          if (heap.length > 0) heap[0] = last;
        }
        siftDown(0);
      }
    },
    finish: () => out,
  };
}
