/** What no CSV import may break, whatever the file: shared by the corpus and the fuzz tests. */
import { expect } from "vitest";
import type { CsvImportResult, CsvInspection } from "../../shared/csv";
import { Feedback, type JourneyMap, parseJourneyMap } from "../../shared/model";
import { buildMap } from "../shared/builders";

/**
 * What no import may break, whatever the file: every data row imported (a long file's as one feedback,
 * a wide file's as one feedback per answer under its respondent) or listed with a reason,
 * every problem placed by row, feedback valid per the model, and a map with the import added that
 * (the one the import was for) still validates; the inspection counts the rows the import accounts for.
 */
export function expectAccountedFor(
  result: CsvImportResult,
  inspection: CsvInspection,
  base: Pick<JourneyMap, "stages" | "touchpoints" | "personas">,
): void {
  expect(result.imported + result.skipped).toBe(result.rows);
  expect(result.answers).toBe(result.feedback.length);
  if (result.shape === "wide") {
    // A wide row makes one feedback per answered question, all under the row's respondent.
    const respondents = new Set(result.feedback.map((f) => f.respondentId));
    expect(respondents.has(undefined)).toBe(false);
    expect(respondents.size).toBe(result.imported);
  } else {
    expect(result.imported).toBe(result.feedback.length);
  }
  expect(result.skipped).toBe(result.rejectedRows.length);
  expect(inspection.rowCount).toBe(result.rows);
  for (const rejected of result.rejectedRows) {
    expect(rejected.reasons.length, `row ${rejected.row} has no reason`).toBeGreaterThan(0);
    for (const reason of rejected.reasons) expect(reason.trim()).not.toBe("");
  }
  for (const problem of result.errors) {
    expect(Number.isInteger(problem.row) && problem.row >= 1).toBe(true);
    expect(problem.message.startsWith(problem.column === null ? `row ${problem.row}: ` : `row ${problem.row}, column "${problem.column}": `)).toBe(
      true,
    );
  }
  for (const feedback of result.feedback) {
    const parsed = Feedback.safeParse(feedback);
    expect(parsed.success, JSON.stringify(parsed.error?.issues)).toBe(true);
  }
  const map = buildMap({
    stages: [...base.stages, ...result.created.stages],
    touchpoints: [...base.touchpoints, ...result.created.touchpoints],
    personas: [...base.personas, ...result.created.personas],
    feedback: result.feedback,
  });
  const parsed = parseJourneyMap(map);
  expect(parsed.ok, parsed.ok ? "" : parsed.errors.slice(0, 3).join("\n")).toBe(true);
}
