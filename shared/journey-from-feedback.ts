/**
 * A journey built from a feedback import, shared by the command line (`analyze`) and the map
 * preview: without a saved map, the stages, touchpoints and personas come from the file, in order of
 * first appearance; with one, the file's feedback is added to the map's.
 */
import type { CsvImportResult } from "./csv";
import { createJourneyMap, type JourneyMap } from "./model";

/** A journey with no stages yet and the built-in lanes, to receive the entities a CSV names. */
export function emptyJourney(title: string, random: () => number = Math.random): JourneyMap {
  return { ...createJourneyMap(title, random), stages: [] };
}

/** The map with the imported feedback and the entities the import made for names it did not know. */
export function withImportedFeedback(base: JourneyMap, result: Pick<CsvImportResult, "created" | "feedback">): JourneyMap {
  return {
    ...base,
    stages: [...base.stages, ...result.created.stages],
    touchpoints: [...base.touchpoints, ...result.created.touchpoints],
    personas: [...base.personas, ...result.created.personas],
    // concat, not spread: 400,000 answers of a wide survey would go through the iterator one by one.
    feedback: base.feedback.concat(result.feedback),
  };
}

/** The title of a journey made from a file alone: the file's name without folder and extension. */
export function titleFromFileName(file: string): string {
  return file.replace(/^.*[\\/]/, "").replace(/\.[^.]*$/, "");
}
