/**
 * Keeping exported cells from running as spreadsheet formulas (CSV injection, see
 * https://owasp.org/www-community/attacks/CSV_Injection), and undoing that on import so that
 * export → import gives every text back exactly.
 *
 * Export: a text cell that starts with `=`, `+`, `-`, `@`, a tab or a carriage return, possibly after
 * some single quotes, gets one more single quote in front: `=SUM(A1)` → `'=SUM(A1)`, and a text that
 * truly starts `'=x` → `''=x`.
 * Import: a cell that starts with one or more single quotes followed by one of those characters loses
 * one quote: `'=SUM(A1)` → `=SUM(A1)`, `''=x` → `'=x`. Any other cell is read as written.
 * Numbers written as numbers are never touched: a spreadsheet reads `-3` as minus three, not a formula.
 */

const QUOTE = 0x27; // '

function startsFormula(code: number): boolean {
  return code === 0x3d || code === 0x2b || code === 0x2d || code === 0x40 || code === 0x09 || code === 0x0d; // = + - @ \t \r
}

/** Index of the first character after the leading single quotes. */
function afterQuotes(value: string): number {
  let i = 0;
  while (i < value.length && value.charCodeAt(i) === QUOTE) i++;
  return i;
}

/** Prefixes a quote to a text a spreadsheet would run as a formula (or that would read back as one). */
export function escapeFormula(value: string): string {
  const i = afterQuotes(value);
  return i < value.length && startsFormula(value.charCodeAt(i)) ? `'${value}` : value;
}

/** Removes the quote `escapeFormula` added; cheap for the common cell, which does not start with a quote. */
export function unescapeFormula(value: string): string {
  if (value.charCodeAt(0) !== QUOTE) return value;
  const i = afterQuotes(value);
  return i < value.length && startsFormula(value.charCodeAt(i)) ? value.slice(1) : value;
}
