/**
 * Driver sums of a long survey whose respondents each skip a few questions: every respondent has an
 * answer pattern of its own, far more numbers than the budget keeps, so most are pooled as pair sums.
 */
import { describe, expect, it } from "vitest";
import { MAX_DRIVER_NUMBERS, foldDriverSums, mergeDriverSums } from "../../shared/stats/driver-sums";
import { analyseDriverSums, analyseDrivers, gatherRespondentAnswers, type RespondentRow } from "../../shared/stats/drivers";

const QUESTIONS = 60;
const RESPONDENTS = 400;

/** Answers 1–5, the outcome following the first questions; each respondent skips about one question in ten. */
function surveyRows(respondents: number, from = 0): RespondentRow[] {
  let seed = 17 + from;
  const next = () => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed / 2147483648;
  };
  const rows: RespondentRow[] = [];
  for (let r = from; r < from + respondents; r++) {
    let sum = 0;
    for (let q = 0; q < QUESTIONS; q++) {
      const rating = 1 + Math.floor(next() * 5);
      if (q < 5) sum += rating;
      if (next() < 0.1) continue;
      rows.push({ rating, scale: { min: 1, max: 5 }, touchpointId: `q${String(q).padStart(2, "0")}`, respondentId: `r${r}` });
    }
    rows.push({ rating: Math.round(sum / 5), scale: { min: 1, max: 5 }, touchpointId: "outcome", respondentId: `r${r}` });
  }
  return rows;
}

const DRIVERS = Array.from({ length: QUESTIONS }, (_, q) => `q${String(q).padStart(2, "0")}`);

describe("driver sums of many answer patterns", () => {
  const rows = surveyRows(RESPONDENTS);
  const raw = analyseDrivers(gatherRespondentAnswers(rows), "outcome", DRIVERS);
  /** Every pattern kept: the sums of the respondents one by one. */
  const unbounded = (sums: RespondentRow[]) => analyseDriverSums(foldDriverSums(sums, () => false, undefined, Infinity), "outcome", DRIVERS);
  const closeTo = (got: { touchpoint: string; r: number | null }[], want: { touchpoint: string; r: number | null }[]) => {
    expect(got.map((c) => c.touchpoint)).toEqual(want.map((c) => c.touchpoint));
    got.forEach((c, i) => expect(c.r).toBeCloseTo(want[i]?.r ?? Number.NaN, 12));
  };

  it("keep the commonest patterns within the budget and every correlation exact", () => {
    const sums = foldDriverSums(rows, () => false);
    const numbers = sums.patterns.reduce((n, p) => n + p.length, 0);
    expect(numbers).toBeLessThanOrEqual(MAX_DRIVER_NUMBERS);
    // a pattern of 61 touchpoints is 1,955 numbers: 25 fit, the other respondents are pooled
    expect(sums.patterns.length).toBeGreaterThan(0);
    expect(sums.pooled + sums.patterns.reduce((n, p) => n + (p[1 + (p[0] ?? 0)] ?? 0), 0)).toBe(RESPONDENTS);
    expect(sums.pooled).toBeGreaterThan(RESPONDENTS / 2);
    // whole numbers summed in any grouping: the same figures as with every pattern kept, and the raw answers'
    const analysis = analyseDriverSums(sums, "outcome", DRIVERS);
    expect(analysis.correlations).toEqual(unbounded(rows).correlations);
    closeTo(analysis.correlations, raw.correlations);
  });

  it("merge two folds as one fold of both, pooled respondents and all", () => {
    const more = surveyRows(RESPONDENTS, RESPONDENTS);
    const merged = mergeDriverSums(foldDriverSums(rows, () => false), foldDriverSums(more, () => false));
    const both = unbounded([...rows, ...more]);
    expect(merged.pooled + merged.patterns.reduce((n, p) => n + (p[1 + (p[0] ?? 0)] ?? 0), 0)).toBe(2 * RESPONDENTS);
    expect(analyseDriverSums(merged, "outcome", DRIVERS).correlations).toEqual(both.correlations);
  });
});
