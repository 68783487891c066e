/**
 * A first look at a CSV file for the panel's import dialog: its layout, a few rows, the guessed
 * column mapping and the inferred rating scale, so the person can check and correct them before
 * anything is imported. It reads every record once and keeps only what it shows.
 */
import type { RatingScale } from "../model";
import { type ColumnMapping, applyMappingOverrides, guessMapping, headerSignature, scaleHintOf } from "./columns";
import { type CsvDelimiter, headerRowTest, isBlankRecord, summaryRowLabel } from "./detect";
import { unescapeFormula } from "./formula";
import type { CsvProblem } from "./problem";
import { addToTally, createRatingReader, createRatingTally, inferRatingScale } from "./rating";
import { type ColumnProfile, type ColumnTally, type CsvShape, createColumnTallier, createColumnTally, guessColumns } from "./wide";
import { scaleByColumn } from "./scale-by";
import { type QuestionAnswerColumns, questionAnswerColumns, readAsAnswers } from "./question-answer";
import {
  type CsvLayout,
  type CsvLayoutOptions,
  type CsvText,
  type QuoteTrouble,
  createQuoteTrouble,
  forEachCsvRecord,
  readCsvLayout,
  recordOfLayout,
} from "./records";

export interface CsvInspection {
  delimiter: CsvDelimiter;
  /** 0: the file has no header row (its columns are named "Column A" …). */
  headerRows: 0 | 1 | 2;
  /** The row the header is on, as a spreadsheet numbers it (below any title lines). */
  headerRow: number;
  /** Records before the first data row, blank ones aside: title lines above the header, the header rows, and Qualtrics' import-id row. */
  headerRecordCount: number;
  headers: string[];
  /** `headerSignature(headers)`, to look up a mapping remembered for files like this one. */
  signature: string;
  /** Data rows, blank rows not counted: the `rows` an import of the file will account for. */
  rowCount: number;
  /** The first data rows, cells as they will be read. */
  preview: string[][];
  mapping: ColumnMapping;
  /** The scale inferred for the mapped rating column, as the import will; null when there is none or it holds no rating. */
  scale: RatingScale | null;
  /**
   * A long file's column naming each row's survey (NPS, CSAT, CES in one rating column), by which the
   * import reads each survey on its own scale (`scaleByColumn`); null when there is none.
   */
  scaleBy: number | null;
  /**
   * A file of one answer per row (respondent, question, answer): its question column (the touchpoint
   * and the scale's survey), answer column (the rating; its words are comments) and respondent column
   * (the response id); null for any other file.
   */
  questionAnswers: QuestionAnswerColumns | null;
  /** Quote problems found while reading, by row. */
  problems: CsvProblem[];
  /**
   * "wide" when two or more columns hold ratings (one row per respondent, one column per question);
   * then `mapping.rating`, `.touchpoint` and `.scale` are null and the questions are the columns whose role is "question".
   */
  shape: CsvShape;
  /** Every column, in file order: its guessed role, short name, scale, word map and no-answer cells. */
  columns: ColumnProfile[];
}

const PREVIEW_ROWS = 5;
/** Rows kept as read for what only rows tell (a file of one answer per row, `questionAnswerColumns`). */
const HEAD_ROWS = 300;
/** Distinct cells a column counts before it tallies them (a comment column's cells are all distinct). */
const COUNTED_CELLS = 4096;

/** What inspecting a text may be told: the layout, the shape and parts of the mapping. */
export type CsvInspectOptions = CsvLayoutOptions & { mapping?: Partial<ColumnMapping>; shape?: CsvShape };

/**
 * Inspects a CSV text; `options` override the detected layout, the shape and parts of the guessed
 * mapping (a field given there is taken as it is, not corrected by the values).
 */
export function inspectCsv(text: CsvText, options: CsvInspectOptions = {}): CsvInspection {
  const layout = readCsvLayout(text, options);
  const trouble = createQuoteTrouble();
  const profiler = createCsvProfiler(layout, trouble, options);
  forEachCsvRecord(text, layout, (index, record) => profiler.add(index, recordOfLayout(layout, record)), trouble);
  return profiler.finish();
}

/** An inspection fed record by record: by `inspectCsv`, or by the import on the first records it reads. */
export interface CsvProfiler {
  /** Adds the record of index `index` (header records included; they are passed over). */
  add: (index: number, record: string[]) => void;
  /** The inspection of the records added so far. */
  finish: () => CsvInspection;
}

/**
 * Profiles records as they are read; `trouble` is the reader's, whose quote errors must be added
 * before the record they belong to.
 */
export function createCsvProfiler(layout: CsvLayout, trouble: QuoteTrouble, options: CsvInspectOptions = {}): CsvProfiler {
  const { headers, firstDataIndex } = layout;
  const repeatsHeader = headerRowTest(layout.headerRecords[0] ?? []);
  const tallies = headers.map(() => createColumnTally());
  const tallyCell = createColumnTallier();
  // Each column's cells are counted as written, then tallied once per distinct cell with its count (in
  // the order they first came, as the tally's caps want): most columns hold a few values many times.
  const counts = headers.map(() => new Map<string, number>());
  const tallyCounts = (column: number): void => {
    const tally = tallies[column] as ColumnTally;
    const cells = counts[column] as Map<string, number>;
    for (const [cell, count] of cells) tallyCell(tally, cell, count);
    cells.clear();
  };
  // Per column, the earlier column whose cell it has repeated in every row so far (-1 for none; all -2
  // before the first row). A ticket export's "Custom field (Satisfaction)" beside "Satisfaction rating" is one.
  const sameAs = new Int32Array(headers.length).fill(-2);
  const trackCopies = (record: readonly string[]) => {
    if (sameAs.length > 0 && sameAs[0] === -2) {
      // The first row: each column's candidate is the first column with its cell (one pass, however wide the file).
      const firstWith = new Map<string, number>();
      for (let i = 0; i < sameAs.length; i++) {
        const cell = record[i] ?? "";
        const earlier = firstWith.get(cell);
        sameAs[i] = earlier ?? -1;
        if (earlier === undefined) firstWith.set(cell, i);
      }
      return;
    }
    for (let i = 1; i < sameAs.length; i++) {
      const candidate = sameAs[i] as number;
      if (candidate >= 0 && (record[candidate] ?? "") !== (record[i] ?? "")) sameAs[i] = -1;
    }
  };
  const profileRow = (record: readonly string[]) => {
    trackCopies(record);
    for (let i = 0; i < counts.length; i++) {
      const cells = counts[i] as Map<string, number>;
      const cell = record[i] ?? "";
      cells.set(cell, (cells.get(cell) ?? 0) + 1);
      if (cells.size >= COUNTED_CELLS) tallyCounts(i);
    }
  };
  const guessed = guessMapping(headers);
  const mapping = applyMappingOverrides(guessed, options.mapping, headers.length);
  const ratingColumn = mapping.rating;
  const scaleColumn = mapping.scale;
  const read = createRatingReader();
  const tally = createRatingTally();
  const preview: string[][] = [];
  let rowCount = 0;

  // As in the import: rows with their own scale say nothing about the column's, and a "Total" row
  // counts only if a response follows it.
  const tallyRow = (record: readonly string[]) => {
    if (ratingColumn === null) return;
    if (scaleColumn !== null && (record[scaleColumn] ?? "").trim() !== "") return;
    addToTally(tally, read(record[ratingColumn] ?? ""));
  };
  const held: string[][] = [];
  // The first rows as read, for what only rows tell (a file of one answer per row).
  const head: string[][] = [];
  // Whether a record's quote never closed: what it swallowed is no column's value, and in one text
  // nothing follows it (a text read in pieces goes on at the next piece), so nothing from it on is profiled.
  let swallowed = false;
  const add = (index: number, record: string[]): void => {
    if (index < firstDataIndex) return;
    // As in the import: a record whose quote never closed is a row to list, even if what it swallowed is blank.
    const broken = trouble.broken.has(index);
    const blank = (record.length === 1 && record[0] === "") || (!broken && isBlankRecord(record));
    if (blank) return;
    rowCount++;
    if (preview.length < PREVIEW_ROWS) preview.push(record.map(unescapeFormula));
    if (broken) swallowed = true;
    if (swallowed) return;
    // A header repeated in the middle is skipped by the import, and so are the summary rows before it.
    if (repeatsHeader(record)) {
      held.length = 0;
      return;
    }
    if (summaryRowLabel(record, mapping.text) !== null) {
      held.push(record);
      return;
    }
    for (const row of held) {
      tallyRow(row);
      profileRow(row);
    }
    held.length = 0;
    tallyRow(record);
    profileRow(record);
    if (head.length < HEAD_ROWS) head.push(record);
  };
  const finish = (): CsvInspection => {
    // The values correct the header guess, except where the caller chose.
    for (let i = 0; i < counts.length; i++) tallyCounts(i);
    for (let i = 0; i < tallies.length; i++) (tallies[i] as ColumnTally).copyOf = (sameAs[i] ?? -1) >= 0 ? (sameAs[i] as number) : null;
    const columns = guessColumns(headers, tallies, mapping, options.shape, head);
    // One answer per row: the question, the answers and the respondent are read as such, unless the
    // person mapped the rating or the touchpoint elsewhere (then the roles keep the guess too).
    const found = columns.shape === "long" ? questionAnswerColumns(headers, head, columns.mapping) : null;
    const elsewhere = (field: "rating" | "touchpoint", column: number) => options.mapping?.[field] !== undefined && options.mapping[field] !== column;
    const questionAnswers = found !== null && !elsewhere("rating", found.answer) && !elsewhere("touchpoint", found.question) ? found : null;
    if (questionAnswers !== null) readAsAnswers(columns.mapping, columns.profiles, questionAnswers);
    const corrected = applyMappingOverrides(columns.mapping, options.mapping, headers.length);
    return {
      delimiter: layout.delimiter,
      headerRows: layout.headerRows,
      headerRow: layout.headerRow,
      headerRecordCount: layout.titleRecords + layout.headerRecords.length,
      headers,
      signature: headerSignature(headers),
      rowCount,
      preview,
      mapping: corrected,
      scale:
        corrected.rating === null || ratingColumn === null ? null : inferRatingScale(tally, scaleHintOf(headers[ratingColumn] ?? "")),
      scaleBy:
        questionAnswers !== null
          ? questionAnswers.question
          : columns.shape === "long" && corrected.rating !== null
            ? scaleByColumn(columns.profiles, corrected)
            : null,
      questionAnswers,
      problems: [...trouble.problems].sort((a, b) => a.row - b.row),
      shape: columns.shape,
      columns: columns.profiles,
    };
  };
  return { add, finish };
}
