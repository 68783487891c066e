/** The sample journey (examples/), read once for the panel's tests. */
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseJourneyMap, type JourneyMap } from "../../shared/model";
import { ImportWizard } from "../../ui/feedback/import-wizard-state";
import { PanelStore } from "../../ui/state/store";

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

/** The sample journey without its stages, touchpoints, personas, feedback and findings: a new map. */
export function emptyJourney(): JourneyMap {
  return { ...sampleJourney(), stages: [], touchpoints: [], personas: [], feedback: [], painPoints: [], kpis: [], notes: [], opportunities: [] };
}

/** A panel store holding `model`, with nothing else. */
export function storeOf(model: JourneyMap = emptyJourney()): PanelStore {
  return new PanelStore({ model, pendingEdits: {}, csvMappings: {}, omittedFeedback: 0 });
}

/** The import wizard with `text` chosen as a file, into `store`. */
export async function chosenInWizard(text: string, store: PanelStore = storeOf(), name = "feedback.csv"): Promise<{ store: PanelStore; wizard: ImportWizard }> {
  const wizard = new ImportWizard(store);
  await wizard.chooseFile(new File([text], name));
  return { store, wizard };
}
