/** The sample journey (examples/), read once for the panel's tests. */
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseJourneyMap, type JourneyMap } from "../../shared/model";

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

export function sampleJourney(): JourneyMap {
  const parsed = parseJourneyMap(JSON.parse(readFileSync(path.join(root, "examples/sample-journey.json"), "utf8")));
  if (!parsed.ok) throw new Error(parsed.errors.join("\n"));
  return parsed.value;
}

export function sampleCsv(): string {
  return readFileSync(path.join(root, "examples/sample-feedback.csv"), "utf8");
}

/** A turn of the host that takes no time: tests need the slicing, not the waiting. */
export const noWait = (): Promise<void> => Promise.resolve();
