/**
 * Importing feedback from a CSV text into a journey map's terms: every data row becomes a Feedback
 * linked to its stage, touchpoint and persona, or is listed with its row, column and reason; nothing
 * is dropped without a word.
 *
 * Speed: papaparse reads the text once, record by record (`streamCsvRecords`), and each record is
 * mapped at once and then let go, so a 200,000-row file never sits in memory as rows and as feedback
 * at once; every `rowsPerSlice` records the import yields to the host, so a panel stays responsive
 * and shows progress. Per-cell work is
 * cached by cell text (a rating column has a handful of distinct values, a date column a few hundred).
 *
 * Decisions that need the whole file wait for its end: the rating scale (a 0 in the last row makes
 * it 0–10), the order of day/month-ambiguous dates, and whether a "Total" row is the last one.
 */
import type { Feedback, JourneyMap, Persona, RatingScale, Stage, Touchpoint } from "../model";
import { newId } from "../model";
import { type ColumnMapping, MAPPED_FIELDS, type MappedField, applyMappingOverrides, guessMapping, ratingScaleHint } from "./columns";
import type { CsvEncoding } from "./decode";
import { type DateOrder, type DateReading, createDateReader, describeIsoDate } from "./date";
import { type CsvDelimiter, isBlankRecord, repeatsHeaderRow, summaryRowLabel } from "./detect";
import { unescapeFormula } from "./formula";
import { type FeedbackKind, guessFeedbackKind, readFeedbackKind } from "./kind";
import { type LinkedField, createEntityLinker, createRowLinks } from "./link";
import { type CsvProblem, columnLetter, csvProblem, quoteCell } from "./problem";
import {
  type CellRating,
  SCALE_1_5,
  addToTally,
  createRatingReader,
  createRatingTally,
  formatScale,
  inferRatingScale,
  parseScale,
} from "./rating";
import { createHostTurns } from "./host-turn";
import { createResponseIdFilter, distinctIdCount, looksLikeResponseIds, responseIdHash } from "./response-ids";
import {
  type CsvLayoutOptions,
  type CsvText,
  createQuoteTrouble,
  csvTextLength,
  readCsvLayout,
  streamCsvRecords,
} from "./records";

export type IdPrefix = "feedback" | "stage" | "touchpoint" | "persona";

export interface CsvImportOptions extends CsvLayoutOptions {
  /** The map the feedback is for: its stages, touchpoints and personas are matched by name. */
  map: Pick<JourneyMap, "stages" | "touchpoints" | "personas">;
  /** Corrections to the guessed mapping; a field left out keeps the guess. */
  mapping?: Partial<ColumnMapping>;
  /** The rating scale, instead of inferring it from the data. */
  scale?: RatingScale;
  /** How to read day/month-ambiguous dates ("05/03/2024"), instead of deciding from the other rows. */
  dateOrder?: DateOrder;
  /** Whether names the map does not know become new entities (the default) or make the row fail. */
  create?: { stages?: boolean; touchpoints?: boolean; personas?: boolean };
  /** The kind of every row, instead of reading a "Kind" column or guessing from the source ("survey" when nothing tells). */
  kind?: FeedbackKind;
  /**
   * Makes the ids of new feedback and entities; must never repeat itself. Default: one random `newId`
   * per import and kind, followed by a counter, so ids are unique within an import by construction
   * and across imports with the model's usual odds, at a fraction of the cost of 200,000 `newId` calls.
   */
  makeId?: (prefix: IdPrefix) => string;
  /** The encoding `decodeCsvBytes` found, passed through to `detected`. */
  encoding?: CsvEncoding;
  /**
   * `responseKey`s of the feedback already in the journey: a row with the same response id, rating
   * and text is skipped as already imported, so importing an export twice does not count it twice.
   */
  alreadyImported?: ReadonlySet<string>;
}

/**
 * What makes two feedback rows the same response: the response id of the tool they came from, with
 * the rating and the text (two tools may both number their responses from 1, but not with the same
 * words). Null for a row without a response id, which is never taken for a duplicate.
 */
export function responseKey(feedback: Pick<Feedback, "responseId" | "rating" | "text">): string | null {
  const id = feedback.responseId;
  return id === undefined || id === "" ? null : `${id}\u0000${feedback.rating ?? ""}\u0000${feedback.text}`;
}

export interface CsvImportProgress {
  /** Characters of the text read so far, of `total`: the share done, for a progress bar. */
  done: number;
  total: number;
  /** Data rows read so far, blank ones included, for "12,000 rows …". */
  rows: number;
}

export interface CsvImportHooks {
  onProgress?: (progress: CsvImportProgress) => void;
  /** Gives the host a turn between slices; default: a MessageChannel message, else a zero-delay timer, else a resolved promise. */
  yieldToHost?: () => Promise<void>;
  /** Rows mapped between two turns of the host, at most; default 5,000. */
  rowsPerSlice?: number;
}

/** A row that was not imported: its cells as written, so it can be exported, fixed and imported again. */
export interface RejectedRow {
  row: number;
  cells: string[];
  reasons: string[];
}

export interface CsvImportResult {
  /** Data rows in the file: header rows and blank rows not counted. rows = imported + skipped. */
  rows: number;
  imported: number;
  skipped: number;
  /** Of the skipped rows, those that repeat a response already in the journey or earlier in the file. */
  duplicates: number;
  blankRows: number;
  /** Every problem, by row: those of skipped rows and those of imported rows (a rating read as text-only, an ambiguous date …). */
  errors: CsvProblem[];
  feedback: Feedback[];
  /** Entities made for names the map did not know, in order of first appearance. */
  created: { stages: Stage[]; touchpoints: Touchpoint[]; personas: Persona[] };
  /** Rows not imported, by row. */
  rejectedRows: RejectedRow[];
  headers: string[];
  /** The header row(s) as written, for `exportRejectedRowsCsv`. */
  headerRecords: string[][];
  mapping: ColumnMapping;
  detected: {
    encoding?: CsvEncoding;
    delimiter: CsvDelimiter;
    headerRows: 1 | 2;
    /** The scale of the rating column; null when it holds no readable rating. */
    scale: RatingScale | null;
    /** How day/month-ambiguous dates were read; null when none needed it or nothing told. */
    dateOrder: DateOrder | null;
  };
}

const DEFAULT_ROWS_PER_SLICE = 5000;

/** A mapped field as a problem names it. */
const FIELD_WORDS: Readonly<Record<MappedField, string>> = {
  rating: "rating",
  text: "text",
  date: "date",
  stage: "stage",
  touchpoint: "touchpoint",
  persona: "persona",
  source: "source",
  scale: "scale",
  kind: "feedback kind",
  responseId: "response id",
};

/** Ids as described for `makeId`: one `newId` stem per kind, then a base-36 counter. */
function createDefaultIdMaker(): (prefix: IdPrefix) => string {
  const stems: Record<IdPrefix, string> = {
    feedback: newId("feedback"),
    stage: newId("stage"),
    touchpoint: newId("touchpoint"),
    persona: newId("persona"),
  };
  let counter = 0;
  return (prefix) => stems[prefix] + (counter++).toString(36);
}

/** An unreadable rating, whose message names the scale once it is known. */
interface UnreadableRating {
  row: number;
  raw: string;
  /** The rejected row when the row has no text either; null when it was kept as text-only. */
  rejected: RejectedRow | null;
}

/**
 * Imports feedback from CSV text, one string or the pieces a large file was decoded in. Never throws
 * for bad data: every problem is in `errors`.
 */
export async function importFeedbackCsv(
  text: CsvText,
  options: CsvImportOptions,
  hooks: CsvImportHooks = {},
): Promise<CsvImportResult> {
  const layout = readCsvLayout(text, options);
  const { headers, firstDataIndex } = layout;
  const headerRow = layout.headerRecords[0] ?? [];
  const mapping = applyMappingOverrides(guessMapping(headers), options.mapping, headers.length);
  const makeId = options.makeId ?? createDefaultIdMaker();
  const rowsPerSlice = Math.max(1, hooks.rowsPerSlice ?? DEFAULT_ROWS_PER_SLICE);

  const columnName = (column: number | null): string | null => (column === null ? null : (headers[column] ?? null));
  const ratingCol = mapping.rating;
  const textCol = mapping.text;
  const dateCol = mapping.date;
  const stageCol = mapping.stage;
  const touchpointCol = mapping.touchpoint;
  const personaCol = mapping.persona;
  const sourceCol = mapping.source;
  const scaleCol = mapping.scale;
  const kindCol = mapping.kind;
  const responseCol = mapping.responseId;
  const ratingName = columnName(ratingCol);
  const textName = columnName(textCol);
  const dateName = columnName(dateCol);
  const linkedNames: Record<LinkedField, string | null> = {
    stage: columnName(stageCol),
    touchpoint: columnName(touchpointCol),
    persona: columnName(personaCol),
  };
  const scaleName = columnName(scaleCol);
  const kindName = columnName(kindCol);
  const responseName = columnName(responseCol);
  // Responses already in the journey: their ids in a filter, so that only a row whose id the journey
  // may hold builds its key to look up.
  const alreadyImported = options.alreadyImported !== undefined && options.alreadyImported.size > 0 ? options.alreadyImported : null;
  const journeyIds = alreadyImported === null ? null : createResponseIdFilter();
  if (alreadyImported !== null) for (const key of alreadyImported) journeyIds?.add(responseIdHash(key.slice(0, key.indexOf("\u0000"))));
  // Responses the file repeats: a filter of the ids imported so far; a row whose id it may have seen
  // is a suspect, checked once every row is read (its record kept for the rejected-rows export).
  const fileIds = responseCol === null ? null : createResponseIdFilter();
  const suspects = new Map<number, string[]>();
  /** The `responseIdHash` of each feedback's response id (-1 without one), for the check of the suspects. */
  const idHashes: number[] = [];

  // One scale object shared by every feedback on it, so frozen: changing one row's scale must not change all.
  const givenScale: RatingScale | null =
    options.scale === undefined ? null : Object.freeze({ min: options.scale.min, max: options.scale.max });
  const readRatingCell = createRatingReader();
  const tally = createRatingTally();
  // Per feedback, its row, and its rating reading while the scale is unknown (null once it is known or
  // there is none); rated feedback without text keeps its record: an off-scale rating rejects it.
  const feedbackRows: number[] = [];
  const waitingRatings: (CellRating | null)[] = [];
  const textlessAt: number[] = [];
  const textlessRecords: string[][] = [];
  const unreadable: UnreadableRating[] = [];
  const readDateCell = createDateReader(options.dateOrder ?? null);
  const scaleCache = new Map<string, RatingScale | null>();
  const kindBySource = new Map<string, FeedbackKind>();
  let lastSource: string | null = null;
  let lastKind: FeedbackKind = "survey";
  const linker = createEntityLinker(options.map, {
    create: {
      stages: options.create?.stages ?? true,
      touchpoints: options.create?.touchpoints ?? true,
      personas: options.create?.personas ?? true,
    },
    makeId,
  });
  const links = createRowLinks();

  let feedback: Feedback[] = [];
  const errors: CsvProblem[] = [];
  const rejectedRows: RejectedRow[] = [];
  const created = linker.created;
  const trouble = createQuoteTrouble();
  let rows = 0;
  let blankRows = 0;
  let duplicates = 0;

  // Day/month-ambiguous dates wait for the rest of the column: feedback index and row.
  const ambiguousFeedback: number[] = [];
  const ambiguousCells: string[] = [];
  let dayFirstRow = -1;
  let monthFirstRow = -1;

  const reject = (row: number, record: string[], problems: readonly CsvProblem[]): RejectedRow => {
    // Cells as the person wrote them (an export's formula escaping undone), so a re-export escapes them once.
    const rejected = { row, cells: record.map(unescapeFormula), reasons: problems.map((problem) => problem.message) };
    rejectedRows.push(rejected);
    for (const problem of problems) errors.push(problem);
    return rejected;
  };

  const nothingMapped = ratingCol === null && textCol === null;
  if (headers.length === 0) {
    errors.push(csvProblem(1, null, "the file is empty (not even a header row): there is nothing to import"));
  } else if (nothingMapped) {
    errors.push(
      csvProblem(
        1,
        null,
        "no column is mapped to a rating or a text, so no row can be imported: choose them in the column mapping",
      ),
    );
  }

  // A second "Rating" column beside the one read as the rating: its values would go unread without a word.
  const mappedAs = new Map<number, MappedField>();
  for (const field of MAPPED_FIELDS) {
    const column = mapping[field];
    if (column !== null) mappedAs.set(column, field);
  }
  for (const { column, of, name } of layout.repeats) {
    const field = mappedAs.get(of);
    if (field === undefined || mappedAs.has(column)) continue;
    errors.push(
      csvProblem(
        1,
        headers[column] ?? name,
        `repeats the header "${name}" of column ${columnLetter(of)}, which is read as the ${FIELD_WORDS[field]}; this column is not imported (map it instead if it is the right one)`,
      ),
    );
  }

  /** Maps one non-blank data record, which is known not to be a trailing summary row. */
  const importRecord = (index: number, record: string[]): void => {
    const row = index + 1;
    if (trouble.broken.size > 0 && trouble.broken.has(index)) {
      rows++;
      // Its problem is already among the quote problems.
      const problem = trouble.problems.find((p) => p.row === row);
      rejectedRows.push({ row, cells: record.map(unescapeFormula), reasons: problem === undefined ? [] : [problem.message] });
      return;
    }
    if (record.length > headers.length) {
      const extra = record.slice(headers.length).filter(hasContent);
      if (extra.length > 0) {
        rows++;
        reject(row, record, [
          csvProblem(
            row,
            null,
            `has ${record.length} cells where the header has ${headers.length} (extra: ${extra.map(quoteCell).join(", ")}); a text with a comma but no quotes around it? Its cells may sit in the wrong columns: not imported`,
          ),
        ]);
        return;
      }
    }
    if (nothingMapped) {
      if (isBlankRecord(record)) blankRows++;
      else {
        rows++;
        rejectedRows.push({ row, cells: record.map(unescapeFormula), reasons: ["no column is mapped to a rating or a text"] });
      }
      return;
    }

    let problems: CsvProblem[] | null = null;
    const text = textCol === null ? "" : unescapeFormula(record[textCol] ?? "");
    const hasText = hasContent(text);

    // The row's own scale ("Scale" column of an export), else the one given, else the file's, known at the end.
    let rowScale: RatingScale | null = null;
    if (scaleCol !== null) {
      const raw = unescapeFormula(record[scaleCol] ?? "");
      if (hasContent(raw)) {
        let parsed = scaleCache.get(raw);
        if (parsed === undefined) {
          const scale = parseScale(raw);
          parsed = scale === null ? null : Object.freeze(scale);
          scaleCache.set(raw, parsed);
        }
        if (parsed === null) {
          (problems ??= []).push(
            csvProblem(row, scaleName, `${quoteCell(raw)} is not a scale like "1–5" or "0–10"; the file's scale is used`),
          );
        }
        rowScale = parsed;
      }
    }
    const knownScale = rowScale ?? givenScale;

    let rating: number | null = null;
    let scale: RatingScale | null = rowScale;
    let ratingProblem: string | null = null;
    let unreadableRaw: string | null = null;
    let waiting: CellRating | null = null;
    let ratingCellValue: number | null = null;
    if (ratingCol !== null) {
      const raw = record[ratingCol] ?? "";
      const reading = readRatingCell(raw);
      if (reading.kind === "number") {
        ratingCellValue = reading.value;
        if (knownScale === null) {
          addToTally(tally, reading);
          rating = reading.value;
          waiting = reading;
        } else {
          ratingProblem = offScale(raw, reading.value, reading.outOf, knownScale);
          if (ratingProblem === null) {
            rating = reading.value;
            scale = knownScale;
          }
        }
      } else if (reading.kind === "unreadable") {
        if (knownScale === null) unreadableRaw = raw;
        else ratingProblem = `${quoteCell(raw)} is not a number on a ${formatScale(knownScale)} scale`;
      }
    }

    let date: string | null = null;
    let dateReading: DateReading | null = null;
    if (dateCol !== null) {
      dateReading = readDateCell(record[dateCol] ?? "");
      if (dateReading.kind === "date") {
        date = dateReading.iso;
        if (dateReading.order === "day-first") {
          if (dayFirstRow < 0) dayFirstRow = row;
        } else if (dateReading.order === "month-first" && monthFirstRow < 0) monthFirstRow = row;
      } else if (dateReading.kind === "unreadable") {
        (problems ??= []).push(
          csvProblem(
            row,
            dateName,
            `${quoteCell(record[dateCol] ?? "")} is not a date (write it like 2024-03-05, 03/05/2024 or 5 March 2024); left empty`,
          ),
        );
      }
    }

    // The response's id: a response already in the journey, or earlier in the file, is not counted twice.
    let responseId: string | null = null;
    let idHash = -1;
    if (responseCol !== null) {
      const raw = unescapeFormula(record[responseCol] ?? "").trim();
      if (raw !== "") {
        responseId = raw;
        idHash = responseIdHash(raw);
        const known =
          alreadyImported !== null &&
          journeyIds?.mayHave(idHash) === true &&
          alreadyImported.has(responseKey({ responseId: raw, rating: ratingCellValue, text }) ?? "");
        if (known) {
          rows++;
          duplicates++;
          const detail = `response ${quoteCell(raw)} is already in the journey (same response id, rating and text): skipped`;
          reject(row, record, [csvProblem(row, responseName, detail)]);
          return;
        }
      }
    }

    if (rating === null && !hasText) {
      if (ratingProblem === null && unreadableRaw === null && isBlankRecord(record)) {
        blankRows++;
        return;
      }
      rows++;
      if (unreadableRaw !== null) {
        unreadable.push({ row, raw: unreadableRaw, rejected: reject(row, record, problems ?? []) });
        return;
      }
      const reason =
        ratingProblem !== null
          ? csvProblem(row, ratingName, `${ratingProblem}, and the row has no text either: not imported`)
          : csvProblem(row, null, `has no rating and no text (${describeEmpty(ratingName, textName)}): not imported`);
      reject(row, record, [reason, ...(problems ?? [])]);
      return;
    }
    rows++;
    if (ratingProblem !== null) {
      (problems ??= []).unshift(csvProblem(row, ratingName, `${ratingProblem}; imported as a text-only response`));
    }

    // Stage, touchpoint, persona: found by name, or created once the row is known to be imported.
    linker.link(
      stageCol === null ? "" : unescapeFormula(record[stageCol] ?? ""),
      touchpointCol === null ? "" : unescapeFormula(record[touchpointCol] ?? ""),
      personaCol === null ? "" : unescapeFormula(record[personaCol] ?? ""),
      links,
    );
    if (links.problems !== null) {
      for (const { field, detail } of links.problems) (problems ??= []).push(csvProblem(row, linkedNames[field], detail));
      const rejected = reject(row, record, problems ?? []);
      if (unreadableRaw !== null) unreadable.push({ row, raw: unreadableRaw, rejected });
      return;
    }
    linker.commit(links);

    const source = sourceCol === null ? "" : unescapeFormula(record[sourceCol] ?? "");
    let kind: FeedbackKind | null = null;
    if (kindCol !== null) {
      const raw = record[kindCol] ?? "";
      if (hasContent(raw)) {
        kind = readFeedbackKind(raw);
        if (kind === null) {
          (problems ??= []).push(
            csvProblem(row, kindName, `${quoteCell(raw)} is not a feedback kind (survey, interview, review, social, support, form); guessed instead`),
          );
        }
      }
    }
    if (kind === null) {
      // Most files have one source, or runs of it: the last one answers before any lookup.
      if (source === lastSource) kind = lastKind;
      else {
        kind = options.kind ?? kindBySource.get(source) ?? null;
        if (kind === null) {
          kind = guessFeedbackKind(source) ?? "survey";
          kindBySource.set(source, kind);
        }
        lastSource = source;
        lastKind = kind;
      }
    }

    const at = feedback.length;
    if (dateReading !== null && dateReading.kind === "ambiguous") {
      ambiguousFeedback.push(at);
      ambiguousCells.push(dateCol === null ? "" : (record[dateCol] ?? ""));
    }
    feedbackRows.push(row);
    waitingRatings.push(waiting);
    if (waiting !== null && !hasText) {
      textlessAt.push(at);
      textlessRecords.push(record);
    }
    if (unreadableRaw !== null) unreadable.push({ row, raw: unreadableRaw, rejected: null });
    if (responseCol !== null) {
      idHashes.push(idHash);
      if (idHash >= 0 && fileIds?.add(idHash) === true) suspects.set(at, record);
    }
    feedback.push({
      id: makeId("feedback"),
      kind,
      rating,
      scale,
      text,
      date,
      source,
      stageId: links.stageId,
      touchpointId: links.touchpointId,
      personaId: links.personaId,
      // Always present (undefined without an id), so every feedback object has the same shape.
      responseId: responseId ?? undefined,
    });
    if (problems !== null) for (const problem of problems) errors.push(problem);
  };

  // Rows that look like a summary ("Total") wait: they are skipped if nothing but blank rows follows
  // them, or a repeated header row (the next of several files joined into one).
  const heldIndex: number[] = [];
  const heldRecords: string[][] = [];
  /** Skips the held rows as summary rows: at the end of the file, or of one of the files joined into it. */
  const skipHeldRows = (): void => {
    for (let k = 0; k < heldIndex.length; k++) {
      const index = heldIndex[k] ?? 0;
      const record = heldRecords[k] ?? [];
      rows++;
      const label = summaryRowLabel(record, textCol) ?? "";
      reject(index + 1, record, [csvProblem(index + 1, null, `looks like a summary row (${quoteCell(label)}), not a response: skipped`)]);
    }
    heldIndex.length = 0;
    heldRecords.length = 0;
  };
  const acceptRecord = (index: number, record: string[]): void => {
    if (index < firstDataIndex) return;
    if (record.length === 1 && record[0] === "") {
      blankRows++;
      return;
    }
    if (repeatsHeaderRow(record, headerRow)) {
      skipHeldRows();
      rows++;
      const row = index + 1;
      reject(row, record, [csvProblem(row, null, "repeats the header row (two files joined into one?), not a response: skipped")]);
      return;
    }
    if (summaryRowLabel(record, textCol) !== null) {
      heldIndex.push(index);
      heldRecords.push(record);
      return;
    }
    if (heldIndex.length > 0) {
      for (let k = 0; k < heldIndex.length; k++) importRecord(heldIndex[k] ?? 0, heldRecords[k] ?? []);
      heldIndex.length = 0;
      heldRecords.length = 0;
    }
    importRecord(index, record);
  };

  const hostTurns = hooks.yieldToHost === undefined ? createHostTurns() : null;
  try {
    const total = csvTextLength(text);
    await streamCsvRecords(text, layout, acceptRecord, {
      trouble,
      rowsPerSlice,
      yieldToHost: hooks.yieldToHost ?? hostTurns?.yieldToHost ?? (() => Promise.resolve()),
      onSlice: (done, records) =>
        hooks.onProgress?.({ done, total, rows: Math.max(0, records - firstDataIndex) }),
    });
  } finally {
    hostTurns?.close();
  }

  skipHeldRows();
  for (const problem of trouble.problems) errors.push(problem);
  // Each pass over every imported row below gets a task of its own in a panel.
  const nextTask = hooks.yieldToHost ?? (() => Promise.resolve());
  await nextTask();

  // Responses the file repeats (the same response id, rating and text as an earlier row): skipped.
  const removed = new Set<number>();
  // A guessed id column whose values mostly repeat (a survey's id on every row) names no response.
  const notAnId =
    responseCol !== null &&
    options.mapping?.responseId === undefined &&
    suspects.size * 2 >= feedback.length &&
    !looksLikeResponseIds(idHashes);
  if (notAnId) {
    for (const item of feedback) delete item.responseId;
    mapping.responseId = null;
    errors.push(
      csvProblem(
        1,
        responseName,
        `this column repeats its values (${distinctIdCount(idHashes)} different in ${feedback.length} rows): not read as a response id, so no row is skipped as a duplicate by it`,
      ),
    );
  }
  if (suspects.size > 0 && !notAnId) {
    const suspectHashes = new Set<number>();
    for (const at of suspects.keys()) suspectHashes.add(idHashes[at] ?? -1);
    // By the whole key (id, rating, text), so that one id on every row costs one look-up a row.
    const kept = new Map<string, number>();
    for (let at = 0; at < feedback.length; at++) {
      if (!suspectHashes.has(idHashes[at] ?? -1)) continue;
      const item = feedback[at] as Feedback;
      const id = item.responseId;
      const key = responseKey(item);
      if (id === undefined || key === null) continue;
      const same = kept.get(key);
      if (same === undefined) {
        kept.set(key, at);
        continue;
      }
      const row = feedbackRows[at] ?? 0;
      removed.add(at);
      duplicates++;
      reject(row, suspects.get(at) ?? [], [
        csvProblem(
          row,
          responseName,
          `response ${quoteCell(id)} repeats row ${feedbackRows[same] ?? 0} (same response id, rating and text): skipped as a duplicate`,
        ),
      ]);
    }
  }
  const removedRows = new Set([...removed].map((at) => feedbackRows[at] ?? 0));
  if (suspects.size > 0) await nextTask();

  // The scale, now that every rating has been seen; then the ratings that waited for it.
  const inferred =
    givenScale ?? inferRatingScale(tally, ratingCol === null ? null : ratingScaleHint(headers[ratingCol] ?? ""));
  const fileScale: RatingScale | null = inferred === null ? null : Object.freeze({ min: inferred.min, max: inferred.max });
  let textless: Map<number, string[]> | null = null;
  for (let at = 0; at < feedback.length; at++) {
    const waiting = waitingRatings[at];
    const item = feedback[at];
    if (waiting === null || waiting === undefined || item === undefined || fileScale === null || removed.has(at)) continue;
    const problem = offScale(waiting.cell, waiting.value, waiting.outOf, fileScale);
    if (problem === null) {
      item.scale = fileScale;
      continue;
    }
    const row = feedbackRows[at] ?? 0;
    textless ??= new Map(textlessAt.map((index, k) => [index, textlessRecords[k] ?? []]));
    const record = textless.get(at);
    if (record === undefined) {
      item.rating = null;
      errors.push(csvProblem(row, ratingName, `${problem}; imported as a text-only response`));
    } else {
      removed.add(at);
      reject(row, record, [csvProblem(row, ratingName, `${problem}, and the row has no text either: not imported`)]);
    }
  }
  const scaleText = formatScale(fileScale ?? SCALE_1_5);
  for (const { row, raw, rejected } of unreadable) {
    if (rejected === null && removedRows.has(row)) continue;
    const problem = csvProblem(
      row,
      ratingName,
      `${quoteCell(raw)} is not a number on a ${scaleText} scale${rejected === null ? "; imported as a text-only response" : ", and the row has no text either: not imported"}`,
    );
    errors.push(problem);
    rejected?.reasons.unshift(problem.message);
  }

  await nextTask();

  // Ambiguous dates, now that the whole column has been seen.
  const order: DateOrder | null =
    options.dateOrder ??
    (dayFirstRow >= 0 && monthFirstRow < 0 ? "day-first" : monthFirstRow >= 0 && dayFirstRow < 0 ? "month-first" : null);
  for (let k = 0; k < ambiguousFeedback.length; k++) {
    const at = ambiguousFeedback[k] ?? 0;
    const item = feedback[at];
    const row = feedbackRows[at] ?? 0;
    if (item === undefined || removed.has(at)) continue;
    // The reading is cached: this is a lookup, not a second parse.
    const raw = ambiguousCells[k] ?? "";
    const reading = readDateCell(raw);
    if (reading.kind !== "ambiguous") continue;
    if (order !== null) {
      item.date = order === "day-first" ? reading.dayFirst : reading.monthFirst;
      continue;
    }
    const both = `${quoteCell(raw)} could be ${describeIsoDate(reading.dayFirst)} (day first) or ${describeIsoDate(reading.monthFirst)} (month first)`;
    const why =
      dayFirstRow >= 0
        ? `this column writes dates both ways (row ${dayFirstRow} is day first, row ${monthFirstRow} month first)`
        : "no other date in this column tells which";
    errors.push(csvProblem(row, dateName, `${both}, and ${why}; left empty (choose the date order to import it)`));
  }

  if (removed.size > 0) {
    feedback = feedback.filter((_, at) => !removed.has(at));
    pruneUnused(created, feedback);
  }
  errors.sort((a, b) => a.row - b.row);
  rejectedRows.sort((a, b) => a.row - b.row);

  return {
    rows,
    imported: feedback.length,
    skipped: rejectedRows.length,
    duplicates,
    blankRows,
    errors,
    feedback,
    created,
    rejectedRows,
    headers,
    headerRecords: layout.headerRecords,
    mapping,
    detected: {
      ...(options.encoding === undefined ? {} : { encoding: options.encoding }),
      delimiter: layout.delimiter,
      headerRows: layout.headerRows,
      scale: fileScale,
      dateOrder: ambiguousFeedback.length > 0 ? order : null,
    },
  };
}

/** Whether a cell holds more than spaces; most cells start with a printable ASCII character and need no trim. */
function hasContent(cell: string): boolean {
  const first = cell.charCodeAt(0);
  return (first > 32 && first < 127) || cell.trim() !== "";
}

/** Why a rating does not fit a scale, or null when it does. */
function offScale(raw: string, value: number, outOf: number | null, scale: RatingScale): string | null {
  if (outOf !== null && outOf !== scale.max) return `${quoteCell(raw)} is out of ${outOf}, not on the ${formatScale(scale)} scale`;
  if (value < scale.min || value > scale.max) return `${quoteCell(raw)} is outside the ${formatScale(scale)} scale`;
  return null;
}

function describeEmpty(ratingName: string | null, textName: string | null): string {
  const names = [ratingName, textName].filter((name): name is string => name !== null).map((name) => `"${name}"`);
  return names.length === 1 ? `column ${names[0]} is empty` : `columns ${names.join(" and ")} are empty`;
}

/** Drops the entities only rejected rows used, so `created` holds nothing the import does not link to. */
function pruneUnused(created: CsvImportResult["created"], feedback: readonly Feedback[]): void {
  const stageIds = new Set(feedback.map((f) => f.stageId));
  const touchpointIds = new Set(feedback.map((f) => f.touchpointId));
  const personaIds = new Set(feedback.map((f) => f.personaId));
  created.touchpoints = created.touchpoints.filter((t) => touchpointIds.has(t.id));
  for (const touchpoint of created.touchpoints) stageIds.add(touchpoint.stageId);
  created.stages = created.stages.filter((s) => stageIds.has(s.id));
  created.personas = created.personas.filter((p) => personaIds.has(p.id));
}
