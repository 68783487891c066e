/**
 * What the wizard works out around an import: the stage names a file would add to the map (so that a
 * free-text column taken for the stage asks before it makes 20,000 stages).
 */
import { entityNameKey, type CsvText } from "../../shared/csv";
import { createQuoteTrouble, readCsvLayout, recordOfLayout, streamCsvRecords, type CsvLayoutOptions } from "../../shared/csv/records";
import type { YieldToHost } from "../../shared/feedback-pass";

/** More distinct new stage names than this, and the wizard asks before creating them: a journey has a handful. */
export const MANY_STAGES = 50;

export interface NewStageNames {
  /** Distinct names in the column the map has no stage for, counted up to `MANY_STAGES + 1`. */
  count: number;
  /** The first few, as written, to show. */
  examples: string[];
}

/**
 * The distinct names in a column that the map has no stage for, read in slices. Counting stops past
 * `MANY_STAGES`: all the question needs to know is that there are too many.
 */
export async function newStageNames(
  text: CsvText,
  layout: CsvLayoutOptions,
  column: number,
  known: readonly { name: string }[],
  yieldToHost: YieldToHost,
): Promise<NewStageNames> {
  const read = readCsvLayout(text, layout);
  const seen = new Set(known.map((stage) => entityNameKey(stage.name)));
  const examples: string[] = [];
  let count = 0;
  const enough = new Error("enough");
  try {
    await streamCsvRecords(
      text,
      read,
      (index, record) => {
        const name = index < read.firstDataIndex ? "" : (recordOfLayout(read, record)[column] ?? "").trim();
        const key = entityNameKey(name);
        if (key === "" || seen.has(key)) return;
        seen.add(key);
        if (examples.length < 3) examples.push(name);
        if (++count > MANY_STAGES) throw enough;
      },
      { trouble: createQuoteTrouble(), rowsPerSlice: 5000, yieldToHost },
    );
  } catch (error) {
    if (error !== enough) throw error;
  }
  return { count, examples };
}
