/**
 * A problem with one row (and usually one column) of an imported CSV file, worded for the
 * person who has to fix the file: "row 17, column "Rating": "high" is not a number on a 1–5 scale".
 */
export interface CsvProblem {
  /** The row as a spreadsheet numbers it: the first header row is row 1, blank rows count. */
  row: number;
  /** The column's header, or null when the problem concerns the whole row. */
  column: string | null;
  /** The whole sentence, row and column included, so it can be shown or printed as it is. */
  message: string;
}

/** Builds a problem whose message starts with where it is, as the person will look for it. */
export function csvProblem(row: number, column: string | null, detail: string): CsvProblem {
  const where = column === null ? `row ${row}` : `row ${row}, column "${column}"`;
  return { row, column, message: `${where}: ${detail}` };
}

const SHOWN_CHARS = 40;

/** A cell value quoted for a message: short, on one line, so a stray paragraph cannot flood the list. */
export function quoteCell(value: string): string {
  const oneLine = value.replace(/\s+/g, " ");
  const shown = oneLine.length > SHOWN_CHARS ? `${oneLine.slice(0, SHOWN_CHARS - 1)}…` : oneLine;
  return `"${shown}"`;
}

/** The spreadsheet letter of a 0-based column index (0 → A, 26 → AA), to name a column without a header. */
export function columnLetter(index: number): string {
  let letters = "";
  let n = index + 1;
  while (n > 0) {
    const rest = (n - 1) % 26;
    letters = String.fromCharCode(65 + rest) + letters;
    n = Math.floor((n - 1) / 26);
  }
  return letters;
}
