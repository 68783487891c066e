/**
 * A first look at a CSV file for the panel's import dialog: its layout, a few rows, the guessed
 * column mapping and the inferred rating scale, so the person can check and correct them before
 * anything is imported.
 */
import type { RatingScale } from "../model";
import { type ColumnMapping, applyMappingOverrides, guessMapping, headerSignature, ratingScaleHint } from "./columns";
import { type CsvDelimiter, isBlankRecord, trailingSummaryRows } from "./detect";
import { unescapeFormula } from "./formula";
import type { CsvProblem } from "./problem";
import { createRatingReader, inferColumnScale } from "./rating";
import { type CsvLayoutOptions, readCsvTable } from "./table";

export interface CsvInspection {
  delimiter: CsvDelimiter;
  headerRows: 1 | 2;
  headers: string[];
  /** `headerSignature(headers)`, to look up a mapping remembered for files like this one. */
  signature: string;
  /** Data rows, blank rows not counted. */
  rowCount: number;
  /** The first data rows, cells as they will be read. */
  preview: string[][];
  mapping: ColumnMapping;
  /** The scale inferred for the mapped rating column; null when there is none or it holds no rating. */
  scale: RatingScale | null;
  /** Quote problems found while reading, by row. */
  problems: CsvProblem[];
}

const PREVIEW_ROWS = 5;

/** Inspects a CSV text; `options` override the detected layout and parts of the guessed mapping. */
export function inspectCsv(
  text: string,
  options: CsvLayoutOptions & { mapping?: Partial<ColumnMapping> } = {},
): CsvInspection {
  const table = readCsvTable(text, options);
  const { records, headers, firstDataIndex } = table;
  const mapping = applyMappingOverrides(guessMapping(headers), options.mapping, headers.length);
  let rowCount = 0;
  const preview: string[][] = [];
  for (let i = firstDataIndex; i < records.length; i++) {
    const record = records[i] ?? [];
    if (isBlankRecord(record)) continue;
    rowCount++;
    if (preview.length < PREVIEW_ROWS) preview.push(record.map(unescapeFormula));
  }
  const scale =
    mapping.rating === null
      ? null
      : inferColumnScale(records, firstDataIndex, mapping.rating, {
          read: createRatingReader(),
          skip: trailingSummaryRows(records, firstDataIndex, mapping.text),
          scaleColumn: mapping.scale,
          hint: ratingScaleHint(headers[mapping.rating] ?? ""),
        });
  return {
    delimiter: table.delimiter,
    headerRows: table.headerRows,
    headers,
    signature: headerSignature(headers),
    rowCount,
    preview,
    mapping,
    scale,
    problems: table.quoteProblems,
  };
}
