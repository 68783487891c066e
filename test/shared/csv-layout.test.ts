/** The layout read with the host's turns (for the panel's import) is the layout read in one go. */
import { describe, expect, it } from "vitest";
import { readCsvLayout, readCsvLayoutAsync } from "../../shared/csv/records";

/** Rows long enough that the row-break scans of the whole text take several slices. */
function rows(count: number, newline: (i: number) => string): string {
  let text = `id,rating,comment${newline(0)}`;
  for (let i = 1; i <= count; i++) text += `R-${i},${i % 5},"said ""hi""\nover two lines, ${"x".repeat(40)}"${newline(i)}`;
  return text;
}

describe("readCsvLayoutAsync", () => {
  const texts: [string, string][] = [
    ["CRLF rows with LF in quoted cells", rows(40_000, () => "\r\n")],
    ["rows that switch from CRLF to LF halfway", rows(40_000, (i) => (i < 20_000 ? "\r\n" : "\n"))],
    ["CR rows after a byte-order mark", `\ufeff${rows(40_000, () => "\r")}`],
    ["a small LF file", "a;b\n1;2\n"],
  ];
  for (const [name, text] of texts) {
    it(`reads ${name} as readCsvLayout does`, async () => {
      let turns = 0;
      const layout = await readCsvLayoutAsync(text, {}, () => {
        turns++;
        return Promise.resolve();
      });
      expect(layout).toEqual(readCsvLayout(text));
      if (text.length > 2 * 1024 * 1024) expect(turns).toBeGreaterThan(0);
    });
  }
});
