/**
 * A pass over a map's feedback that can be fed range by range. The command line reads every row in
 * one go; the panel reads 200,000 rows a slice at a time and gives the host a turn in between, so
 * that no task holds the thread for long. Both run the same pass, so both get the same result.
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
