/** The filter of response ids an import has seen: never a false "not seen", rarely a false "may have". */
import { describe, expect, it } from "vitest";
import { importFeedbackCsv } from "../../shared/csv";
import { createResponseIdFilter, responseIdHash } from "../../shared/csv/response-ids";

describe("the response id filter", () => {
  it("always recognises an id it was given, and rarely one it was not", () => {
    const filter = createResponseIdFilter();
    let early = 0;
    for (let i = 0; i < 200_000; i++) if (filter.add(responseIdHash(`R-${i}`))) early++;
    for (let i = 0; i < 200_000; i++) expect(filter.mayHave(responseIdHash(`R-${i}`))).toBe(true);
    let wrong = 0;
    for (let i = 0; i < 200_000; i++) if (filter.mayHave(responseIdHash(`ticket ${i}`))) wrong++;
    // Measured: 169 and 444 (0.2 %); a false "may have" only costs an exact check at the end of the import.
    expect(early).toBeLessThan(400);
    expect(wrong).toBeLessThan(1000);
  });
});

describe("responses a file repeats", () => {
  it("are found however far apart, and each wording of an id is kept once", async () => {
    const rows = ["Response ID,Rating,Comment"];
    for (let i = 0; i < 30_000; i++) rows.push(`R-${i},${(i % 5) + 1},comment ${i}`);
    // R-7 again with its own words (kept: another response), then both wordings repeated (skipped).
    rows.push("R-7,5,another answer", "R-7,3,comment 7", "R-7,5,another answer", "R-29999,5,comment 29999");
    const result = await importFeedbackCsv(`${rows.join("\n")}\n`, { map: { stages: [], touchpoints: [], personas: [] } });
    expect(result).toMatchObject({ rows: 30_004, imported: 30_001, duplicates: 3, skipped: 3 });
    expect(result.rejectedRows.map((r) => [r.row, r.cells[0], r.reasons[0]])).toEqual([
      [30_003, "R-7", 'row 30003, column "Response ID": response "R-7" repeats row 9 (same response id, rating and text): skipped as a duplicate'],
      [30_004, "R-7", 'row 30004, column "Response ID": response "R-7" repeats row 30002 (same response id, rating and text): skipped as a duplicate'],
      [30_005, "R-29999", 'row 30005, column "Response ID": response "R-29999" repeats row 30001 (same response id, rating and text): skipped as a duplicate'],
    ]);
  });
});
