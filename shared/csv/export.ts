/**
 * CSV exports: the map's feedback (which imports back as it was), the rows an import rejected (to
 * fix and import again), and the ranked priorities. Every text cell goes through `escapeFormula`, so
 * no export can run a formula in the spreadsheet that opens it; numbers are written as numbers.
 *
 * Lines end in CRLF (RFC 4180). The text has no byte-order mark: prefix "\uFEFF" when saving a file
 * for Excel, which otherwise reads UTF-8 as Windows-1252.
 */
import Papa from "papaparse";
import type { JourneyMap } from "../model";
import { FEEDBACK_CSV_HEADERS, PROBLEM_HEADER } from "./columns";
import type { CsvDelimiter } from "./detect";
import { escapeFormula } from "./formula";
import type { CsvImportResult } from "./import";
import { formatScale } from "./rating";

type CellValue = string | number | boolean | null | undefined;

/** A cell as written: texts escaped against formulas, finite numbers as they are, the rest as text or empty. */
function csvCell(value: CellValue): string | number {
  if (value === null || value === undefined) return "";
  if (typeof value === "number") return Number.isFinite(value) ? value : "";
  if (typeof value === "boolean") return value ? "true" : "false";
  return escapeFormula(value);
}

function unparse(fields: readonly string[], data: readonly (readonly CellValue[])[], delimiter: CsvDelimiter = ","): string {
  return Papa.unparse(
    { fields: fields.map(escapeFormula), data: data.map((row) => row.map(csvCell)) },
    { delimiter, newline: "\r\n" },
  );
}

/**
 * The map's feedback as CSV, one row per feedback, with stage, touchpoint and persona by name, and a
 * column per segment (by its name, in alphabetical order) after the fixed ones. `importFeedbackCsv` on
 * the same map gives the same feedback back (new ids aside), for any text, and its segments as the
 * import keeps them (trimmed, empty and no-answer values left out).
 */
export function exportFeedbackCsv(map: Pick<JourneyMap, "feedback" | "stages" | "touchpoints" | "personas">): string {
  const names = (list: readonly { id: string; name: string }[]) => new Map(list.map((entity) => [entity.id, entity.name]));
  const stages = names(map.stages);
  const touchpoints = names(map.touchpoints);
  const personas = names(map.personas);
  const rows = map.feedback.map((f): CellValue[] => [
    f.date,
    f.rating,
    f.scale === null ? null : formatScale(f.scale),
    f.text,
    f.stageId === null ? null : stages.get(f.stageId),
    f.touchpointId === null ? null : touchpoints.get(f.touchpointId),
    f.personaId === null ? null : personas.get(f.personaId),
    f.source,
    f.kind,
    f.responseId,
  ]);
  const segmentNames = new Set<string>();
  for (const f of map.feedback) if (f.segments !== undefined) for (const name of Object.keys(f.segments)) segmentNames.add(name);
  if (segmentNames.size === 0) return unparse(FEEDBACK_CSV_HEADERS, rows);
  const segments = [...segmentNames].sort();
  map.feedback.forEach((f, i) => (rows[i] as CellValue[]).push(...segments.map((name) => f.segments?.[name])));
  return unparse([...FEEDBACK_CSV_HEADERS, ...segments], rows);
}

/**
 * The rows an import rejected, under the file's own header row(s) and in its delimiter, with the
 * reasons in a last "Import problem" column: fix them in a spreadsheet and import the file again
 * (the mapping remembered for the original applies, as `headerSignature` ignores that column).
 */
export function exportRejectedRowsCsv(
  result: Pick<CsvImportResult, "headerRecords" | "rejectedRows" | "headers"> & {
    detected: Pick<CsvImportResult["detected"], "delimiter">;
  },
): string {
  const width = result.headers.length;
  const padded = (cells: readonly string[]) => Array.from({ length: width }, (_, i) => cells[i] ?? "");
  // A file without a header row gets the names its columns were given ("Column A" …), so the export's rows are not read as one.
  const [top = result.headers, ...more] = result.headerRecords;
  const fields = [...padded(top), PROBLEM_HEADER];
  const rows: CellValue[][] = more.map((record) => [...padded(record), ""]);
  for (const rejected of result.rejectedRows) {
    // Cells beyond the header (a row that slipped) are kept, so nothing the person wrote is lost.
    const cells = rejected.cells.length > width ? rejected.cells : padded(rejected.cells);
    rows.push([...cells, rejected.reasons.join("; ")]);
  }
  return unparse(fields, rows, result.detected.delimiter);
}

/** One ranked improvement; further fields (impact, effort, touchpoint …) become further columns. */
export interface PriorityExportRow {
  rank: number;
  title: string;
  stage: string;
  score: number;
  quadrant: string;
  [column: string]: CellValue;
}

const PRIORITY_COLUMNS = ["rank", "title", "stage", "score", "quadrant"] as const;

/** "experienceGap" → "Experience gap": column headers a person reads. */
function headerFromKey(key: string): string {
  const words = key.replace(/([a-z0-9])([A-Z])/g, "$1 $2").replace(/[_-]+/g, " ").toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** The ranked priorities as CSV: Rank, Title, Stage, Score, Quadrant, then any further fields in order of first appearance. */
export function exportPrioritiesCsv(rows: readonly PriorityExportRow[]): string {
  const keys: string[] = [...PRIORITY_COLUMNS];
  const seen = new Set(keys);
  for (const row of rows) {
    for (const key of Object.keys(row)) {
      if (!seen.has(key)) {
        seen.add(key);
        keys.push(key);
      }
    }
  }
  return unparse(
    keys.map(headerFromKey),
    rows.map((row) => keys.map((key) => row[key])),
  );
}
