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
  // A header as long as a paragraph (a 2 kB question) is shortened here too, so a message stays a line;
  // `column` is then the shortened name the message shows.
  const shown = column === null || (column.length <= COLUMN_CHARS && !/[\r\n]/.test(column)) ? column : quoteCell(column).slice(1, -1);
  const where = shown === null ? `row ${row}` : `row ${row}, column "${shown}"`;
  return { row, column: shown, message: `${where}: ${detail}` };
}

const SHOWN_CHARS = 40;
/** Headers up to this length are quoted whole in messages: most question texts fit. */
const COLUMN_CHARS = 120;

/** A cell value quoted for a message: short, on one line, so a stray paragraph cannot flood the list. */
export function quoteCell(value: string): string {
  const oneLine = value.replace(/\s+/g, " ");
  const shown = oneLine.length > SHOWN_CHARS ? `${oneLine.slice(0, SHOWN_CHARS - 1)}…` : oneLine;
  return `"${shown}"`;
}

/** The name a column without a header is given: "Column C". */
export function unnamedColumnHeader(index: number): string {
  return `Column ${columnLetter(index)}`;
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

/** One kind of problem in one column, with every problem of that kind (see `groupProblems`). */
export interface CsvProblemGroup {
  key: string;
  column: string | null;
  title: string;
  count: number;
  problems: CsvProblem[];
}

/**
 * Problems grouped by kind: the same message in the same column, once the row, the quoted values and
 * the days written out are taken out ("\"7\" is outside the 1–5 scale" and "\"9\" is outside the 1–5
 * scale" are one kind).
 * Largest group first, then by first row; each group keeps its problems in row order, none left out.
 */
export function groupProblems(problems: readonly CsvProblem[]): CsvProblemGroup[] {
  const groups = new Map<string, CsvProblemGroup>();
  for (const problem of problems) {
    const detail = problemDetail(problem);
    // … and the days a value could be ("could be 5 June 2024 (day first) or 6 May 2024 (month first)").
    const template = detail
      .replace(/"[^"]*"/g, "\"…\"")
      .replace(/\brows? \d+/g, "row …")
      .replace(/\b\d{1,2} [A-Z][a-z]+ \d{4}\b/g, "…");
    const key = `${problem.column ?? ""}\u0000${template}`;
    let group = groups.get(key);
    if (group === undefined) {
      group = { key, column: problem.column, title: detail, count: 0, problems: [] };
      groups.set(key, group);
    }
    group.count++;
    group.problems.push(problem);
  }
  return [...groups.values()].sort((a, b) => b.count - a.count || (a.problems[0]?.row ?? 0) - (b.problems[0]?.row ?? 0));
}

/** A problem's message without its "row 17, column "Rating": " start. */
function problemDetail(problem: CsvProblem): string {
  const where = problem.column === null ? `row ${problem.row}` : `row ${problem.row}, column "${problem.column}"`;
  return problem.message.startsWith(`${where}: `) ? problem.message.slice(where.length + 2) : problem.message;
}
