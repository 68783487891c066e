/**
 * `analyze … --map journey.json --add`: the file's feedback is added to the saved journey and the
 * import recorded in its ledger (shared/ledger.ts), and the journey is written back. A file the
 * ledger has imported before (the same content hash) is refused before anything is read further,
 * unless `--again`; rows the ledger knows (an overlapping export) are skipped as already imported.
 */
import { writeFileSync } from "node:fs";
import type { CsvImportResult } from "../shared/csv";
import { compactJourney } from "../shared/evidence";
import { withImportedFeedback } from "../shared/journey-from-feedback";
import { type ImportOutcome, type ImportedFile, type LedgerResponses, alreadyImportedSentence, duplicateNote, findImport, journeyResponses, recordImport } from "../shared/ledger";
import { exportJourneyMapJson, type JourneyMap } from "../shared/model";

/** The file was imported into the journey before, and `--again` was not given: nothing was added. */
export class AlreadyImportedError extends Error {}

export interface LedgerImport {
  file: ImportedFile;
  /** The responses the journey's ledger knows, for the import's `alreadyImported`. */
  known: LedgerResponses;
}

/**
 * Before the import: the file's content hash looked up in the journey's ledger. Throws
 * AlreadyImportedError when the journey has imported it and `again` is false.
 */
export function beforeLedgerImport(journey: JourneyMap, journeyFile: string, name: string, bytes: number, hash: string, again: boolean): LedgerImport {
  const file: ImportedFile = { name, bytes, hash };
  const earlier = findImport(journey, file.hash);
  if (earlier !== null && !again) {
    throw new AlreadyImportedError(
      `${alreadyImportedSentence(earlier)} into "${journeyFile}": nothing was added; pass --again to import it again (rows already in the journey are skipped)`,
    );
  }
  return { file, known: journeyResponses(journey) };
}

/**
 * After the import: the journey with the file's feedback added (rows beyond the evidence folded into
 * its summary, as the panel keeps them) and the import in its ledger, written to `journeyFile`.
 * Returns the journey and, when rows were skipped as already imported, what the report says of it.
 */
export function saveLedgerImport(
  journey: JourneyMap,
  journeyFile: string,
  ledgerImport: LedgerImport,
  result: ImportOutcome & Pick<CsvImportResult, "created" | "feedback" | "duplicates">,
  now: Date = new Date(),
): { journey: JourneyMap; note: string | null } {
  const ledger = recordImport(journey, ledgerImport.file, result, "add", now);
  const saved = compactJourney({ ...withImportedFeedback(journey, result), ledger });
  writeFileSync(journeyFile, exportJourneyMapJson(saved));
  return { journey: saved, note: result.duplicates > 0 ? duplicateNote(ledgerImport.known) : null };
}
