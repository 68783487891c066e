/** Random CSV-ish texts for property tests: pieces of real files (delimiters, quotes, line breaks, labels, values) in any order. */
import fc from "fast-check";
import type { CsvDelimiter } from "../../shared/csv";

/** Pieces CSV files are made of: delimiters, quotes, line breaks, BOMs, ratings, dates, labels, formulas. */
export const csvPiece = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(",", ";", "\t", "|", '"', '""', "\n", "\r\n", "\r", " ", "'") },
  {
    weight: 4,
    arbitrary: fc.constantFrom(
      "Rating",
      "Comment",
      "Stage",
      "Touchpoint",
      "Persona",
      "Date",
      "Source",
      "Scale",
      "Kind",
      "NPS",
      "Response",
      "Open-Ended Response",
      "Total",
      "Average:",
      "Decision",
      "awareness ",
      "Checkout",
      "maya",
      "CSAT",
      "Customer effort",
      "How likely are you to recommend us?",
      "Very satisfied",
      "FIVE",
    ),
  },
  {
    weight: 4,
    arbitrary: fc.constantFrom("4", "4.5", "4,5", "0", "10", "-1", "99", "4/5", "★★★★☆", "high", "N/A", "1e308", "NaN", "1–5", "0-10"),
  },
  { weight: 2, arbitrary: fc.constantFrom("2024-03-05", "05/03/2024", "3/14/2024", "31.12.2023", "Mar 5, 2024", "2024-02-30") },
  { weight: 2, arbitrary: fc.constantFrom("=SUM(A1)", "+1", "-x", "@me", "'=x", "\uFEFF", "\u0000", "é", "👍", "\uD800") },
  { weight: 3, arbitrary: fc.string({ maxLength: 6 }) },
);

export const csvText: fc.Arbitrary<string> = fc.array(csvPiece, { maxLength: 120 }).map((pieces) => pieces.join(""));

/** A row-shaped text: a header of known names, then rows of pieces, so that the mapping and linking paths run. */
export const csvTable: fc.Arbitrary<string> = fc
  .tuple(
    fc.constantFrom(",", ";", "\t", "|"),
    // Repeats allowed: two "Rating" columns are a case of their own.
    // "Survey type" (ratings read by survey), "Question" and "Answer" (one answer per row) included.
    fc.array(fc.constantFrom("Rating", "Comment", "Stage", "Touchpoint", "Persona", "Date", "Scale", "Kind", "Source", "Survey type", "Question", "Answer", "respondent_id"), {
      minLength: 1,
      maxLength: 6,
    }),
    fc.array(fc.array(csvPiece, { maxLength: 8 }), { maxLength: 12 }),
    fc.constantFrom("\n", "\r\n"),
  )
  .map(([delimiter, headers, rows, newline]) =>
    [headers.join(delimiter), ...rows.map((cells) => cells.join(delimiter))].join(newline),
  );

/** A cell as a careful writer writes it: quoted, its quotes doubled, when it holds a delimiter, a quote or a line break. */
function written(cell: string, delimiter: string): string {
  return cell.includes(delimiter) || /["\r\n]/.test(cell) ? `"${cell.replaceAll('"', '""')}"` : cell;
}

/**
 * A well-formed CSV text whose cells hold anything (delimiters, quotes, line breaks of every kind)
 * and whose rows end in any kind of line break, switching from row to row as joined files do.
 */
export const wellFormedCsv: fc.Arbitrary<{ text: string; delimiter: CsvDelimiter }> = fc
  .tuple(
    fc.constantFrom<CsvDelimiter>(",", ";", "\t", "|"),
    fc.array(fc.array(fc.array(csvPiece, { maxLength: 4 }).map((parts) => parts.join("")), { minLength: 1, maxLength: 5 }), {
      minLength: 1,
      maxLength: 15,
    }),
    fc.array(fc.constantFrom("\n", "\r\n", "\r"), { minLength: 1, maxLength: 15 }),
  )
  .map(([delimiter, rows, breaks]) => ({
    delimiter,
    text: rows
      .map((cells, i) => cells.map((cell) => written(cell.replaceAll("\uFEFF", ""), delimiter)).join(delimiter) + (breaks[i % breaks.length] ?? "\n"))
      .join(""),
  }));
