/**
 * `analyze … --map journey.json --add`: the file's feedback is added to the saved journey and the
 * import recorded in its ledger (shared/ledger.ts), and the journey is written back. The file is read
 * as a stream: its content hash and its rows' keys are taken as the pieces go by, and a file the
 * ledger has imported before (the same content hash) is refused before anything is written, unless
 * `--again`; rows the ledger knows (an overlapping export) are skipped as already imported.
 */
import { writeFileSync } from "node:fs";
import { basename } from "node:path";
import type { CsvImportResult } from "../shared/csv";
import type { FeedbackSink } from "./cli-import";
import { compactJourney } from "../shared/evidence";
import { withImportedFeedback } from "../shared/journey-from-feedback";
import {
  type LedgerResponses,
  ResponsesCollector,
  alreadyImportedSentence,
  createContentHasher,
  duplicateNote,
  findImport,
  journeyResponses,
} from "../shared/ledger";
import { exportJourneyMapJson, type Feedback, type JourneyMap } from "../shared/model";
import { type FeedbackSummary, mergeSummaries } from "../shared/summary";
import type { CsvPiece } from "./cli-read";

/** The file was imported into the journey before, and `--again` was not given: nothing was added. */
export class AlreadyImportedError extends Error {}

/** One `--add` import: the pieces hashed and the rows' keys collected as they pass, then the journey written. */
export class LedgerImport {
  private readonly hasher = createContentHasher();
  private readonly collector = new ResponsesCollector();
  /** The responses the journey's ledger knows, for the import's `alreadyImported`. */
  readonly known: LedgerResponses;

  constructor(
    private readonly journey: JourneyMap,
    private readonly journeyFile: string,
    private readonly file: string,
    private readonly bytes: number,
    private readonly again: boolean,
  ) {
    this.known = journeyResponses(journey);
  }

  /** The file's pieces, hashed as they are read. */
  pieces(first: CsvPiece, rest: AsyncGenerator<CsvPiece>): { first: CsvPiece; rest: AsyncGenerator<CsvPiece> } {
    const hash = (piece: CsvPiece) => piece.text.forEach((text) => this.hasher.add(text));
    hash(first);
    async function* hashed(): AsyncGenerator<CsvPiece> {
      for await (const piece of rest) {
        hash(piece);
        yield piece;
      }
    }
    return { first, rest: hashed() };
  }

  /** The import's sink, with each row's key collected before `sink` takes it. */
  sink(sink: FeedbackSink): FeedbackSink {
    return (rows, created, noAnswers) => {
      this.collector.add(rows);
      sink(rows, created, noAnswers);
    };
  }

  /** Once the file is read: refused (AlreadyImportedError) when the journey imported it before and `again` is false. */
  check(): void {
    const earlier = findImport(this.journey, this.hash());
    if (earlier !== null && !this.again) {
      throw new AlreadyImportedError(
        `${alreadyImportedSentence(earlier)} into "${this.journeyFile}": nothing was added; pass --again to import it again (rows already in the journey are skipped)`,
      );
    }
  }

  private digest: string | null = null;
  private hash(): string {
    return (this.digest ??= this.hasher.digest());
  }

  /**
   * Once the file is read and `check`ed: the journey with the kept rows and the summary added, the import in its
   * ledger, compacted as the panel keeps it, written back. Returns it, with what the report says of
   * rows skipped as already imported. `negativeText` is the import's judge of a text without a rating,
   * so that the journey's suggestions and term statistics count such texts as the first import did.
   */
  save(
    result: Pick<CsvImportResult, "rows" | "imported" | "skipped" | "duplicates" | "shape" | "created">,
    feedback: Feedback[],
    summary: FeedbackSummary | undefined,
    negativeText?: (text: string) => boolean,
    now: Date = new Date(),
  ): { journey: JourneyMap; note: string | null } {
    this.check();
    const ledger = this.collector.record(this.journey, { name: basename(this.file), bytes: this.bytes, hash: this.hash() }, result, now);
    const added = withImportedFeedback(this.journey, { created: result.created, feedback });
    const merged = summary === undefined && this.journey.summary === undefined ? {} : { summary: mergeSummaries(this.journey.summary, summary) };
    const saved = compactJourney({ ...added, ...merged, ledger }, negativeText === undefined ? {} : { negativeText });
    writeFileSync(this.journeyFile, exportJourneyMapJson(saved));
    return { journey: saved, note: result.duplicates > 0 ? duplicateNote(this.known) : null };
  }
}
