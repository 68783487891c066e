/**
 * Key drivers on the real Skytrax export (/work/shared/data/real, README there): overall_score
 * (1–10, 36 blank) is the outcome; the seven sub-ratings (1–5, 0 = not rated) are the touchpoints.
 * Expected numbers computed apart in Python (csv module + numpy.corrcoef, numpy.linalg.eigh), with
 * the formulas of PRODUCT.md written out: Fisher's interval tanh(atanh(r) ± 1.959964/√(n − 3)), and
 * Johnson's weights from R = QΛQᵀ, Λ½ = Q diag(√λ) Qᵀ, β = (Λ½)⁻¹ r_xy, raw_j = Σ_k Λ½_jk² β_k²
 * (their sum equals r_xyᵀ R⁻¹ r_xy, the regression's R², checked there too: 0.87984508).
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import Papa from "papaparse";
import { describe, expect, it } from "vitest";
import { foldDriverSums, journeyDriverSums } from "../../shared/stats/driver-sums";
import { analyseDriverSums, analyseDrivers, gatherRespondentAnswers, type RespondentRow } from "../../shared/stats/drivers";

const FILE = path.join(process.env.JOURNEY_REAL_DATA ?? "/work/shared/data/real", "skytrax_airline_reviews_wide.csv");
const TOUCHPOINTS = [
  "groundservice_rating",
  "seat_comfort_rating",
  "service_rating",
  "food_rating",
  "entertainment_rating",
  "wifi_rating",
  "value_rating",
];

/** One answer row per rated column of each review; blank and 0 (not rated) are no answer. */
function skytraxRows(): RespondentRow[] {
  const records = Papa.parse<Record<string, string>>(readFileSync(FILE, "utf8"), { header: true, skipEmptyLines: true }).data;
  const rows: RespondentRow[] = [];
  records.forEach((record, i) => {
    const answer = (column: string, max: number) => {
      const value = Number((record[column] ?? "").trim());
      if ((record[column] ?? "").trim() === "" || !(value >= 1 && value <= max)) return;
      rows.push({ rating: value, scale: { min: 1, max }, touchpointId: column, responseId: undefined, respondentId: `review ${i}` });
    };
    answer("overall_score", 10);
    for (const column of TOUCHPOINTS) answer(column, 5);
  });
  return rows;
}

describe("key drivers of overall_score on the Skytrax export", () => {
  const analysis = analyseDrivers(gatherRespondentAnswers(skytraxRows()), "overall_score", TOUCHPOINTS);

  it("correlates each sub-rating with the outcome over the reviews that have both", () => {
    const byName = new Map(analysis.correlations.map((c) => [c.touchpoint, c]));
    // [touchpoint, n, r, low, high] from numpy
    const expected: [string, number, number, number, number][] = [
      ["value_rating", 8265, 0.8918477344123507, 0.8873500203997546, 0.8961757493418254],
      ["groundservice_rating", 6858, 0.8183895723611706, 0.8104190705475617, 0.8260571685974668],
      ["service_rating", 7731, 0.7845086049507972, 0.7757838486635356, 0.7929334489231539],
      ["seat_comfort_rating", 7741, 0.7517232094166556, 0.741869541837995, 0.7612522870085443],
      ["food_rating", 7369, 0.7499813844746035, 0.7398174038349732, 0.7598031279864981],
      ["wifi_rating", 2764, 0.693145619881411, 0.6732612838553493, 0.7120281159762513],
      ["entertainment_rating", 6619, 0.6412524155399294, 0.626844791429896, 0.6552216506560643],
    ];
    // every one is a driver, ranked by r
    expect(analysis.correlations.map((c) => c.touchpoint)).toEqual(expected.map((e) => e[0]));
    for (const [name, n, r, low, high] of expected) {
      const c = byName.get(name);
      expect(c?.n).toBe(n);
      expect(c?.verdict).toBe("driver");
      expect(c?.r).toBeCloseTo(r, 9);
      expect(c?.interval?.low).toBeCloseTo(low, 9);
      expect(c?.interval?.high).toBeCloseTo(high, 9);
      expect(c?.derivedImportance).toBeCloseTo(1 + 4 * r, 9);
    }
  });

  it("weighs the seven drivers over the 2,695 reviews that rated them all", () => {
    const weights = analysis.weights;
    if (!weights.ok) throw new Error(weights.reason);
    expect(weights.respondents).toBe(2695);
    expect(weights.rSquared).toBeCloseTo(0.8798450832150327, 9);
    const shares = new Map(weights.weights.map((w) => [w.touchpoint, w.share]));
    expect(shares.get("value_rating")).toBeCloseTo(0.2098785142523468, 9);
    expect(shares.get("groundservice_rating")).toBeCloseTo(0.20308603747720946, 9);
    expect(shares.get("service_rating")).toBeCloseTo(0.13890626354566207, 9);
    expect(shares.get("seat_comfort_rating")).toBeCloseTo(0.12780732422847801, 9);
    expect(shares.get("food_rating")).toBeCloseTo(0.12747051927150027, 9);
    expect(shares.get("entertainment_rating")).toBeCloseTo(0.09648555455129976, 9);
    expect(shares.get("wifi_rating")).toBeCloseTo(0.09636578667350354, 9);
  });
});

describe("key drivers of overall_score from driver sums, the Skytrax answers folded", () => {
  const rows = skytraxRows();
  const raw = analyseDriverSums(journeyDriverSums(rows), "overall_score", TOUCHPOINTS);
  // every seventh answer kept one by one (respondents split between kept and folded rows), the rest folded
  const keep = (_: unknown, i: number) => i % 7 === 0;
  const folded = foldDriverSums(rows, keep);
  const kept = rows.filter((_, i) => keep(_, i));

  it("gives numpy's figures, and exactly those of the raw answers", () => {
    const analysis = analyseDriverSums(journeyDriverSums(kept, folded), "overall_score", TOUCHPOINTS);
    expect(analysis).toEqual(raw);
    const value = analysis.correlations[0];
    expect(value).toMatchObject({ touchpoint: "value_rating", n: 8265, verdict: "driver" });
    expect(value?.r).toBeCloseTo(0.8918477344123507, 9);
    expect(value?.interval?.low).toBeCloseTo(0.8873500203997546, 9);
    const weights = analysis.weights;
    if (!weights.ok) throw new Error(weights.reason);
    expect(weights.respondents).toBe(2695);
    expect(weights.rSquared).toBeCloseTo(0.8798450832150327, 9);
    expect(weights.weights.find((w) => w.touchpoint === "wifi_rating")?.share).toBeCloseTo(0.09636578667350354, 9);
    // the sums are whole numbers: 1–5 answers count as 0…4, 1–10 as 0…9
    expect(folded.units).toEqual([4, 4, 4, 9, 4, 4, 4, 4]);
    for (const pattern of folded.patterns) for (const x of pattern) expect(Number.isInteger(x)).toBe(true);
  });

  it("keeps correlations exact beyond the pattern budget; weights count the patterns kept", () => {
    // every answer folded, so every review is in the sums
    const none = () => false;
    const all = foldDriverSums(rows, none);
    expect(all.partial).toEqual([]);
    expect(analyseDriverSums(all, "overall_score", TOUCHPOINTS)).toEqual(raw);
    const tight = foldDriverSums(rows, none, undefined, 300);
    expect(tight.pooled).toBeGreaterThan(0);
    expect(tight.patterns.length).toBeLessThan(all.patterns.length);
    const analysis = analyseDriverSums(tight, "overall_score", TOUCHPOINTS);
    expect(analysis.correlations).toEqual(raw.correlations);
    expect(analysis.pooled).toBe(tight.pooled);
    // the rarest patterns, pooled, are of reviews that skipped some sub-rating: the weights are unchanged
    expect(analysis.weights).toEqual(raw.weights);
    // with no budget at all, every review is pooled: correlations still exact, no weights
    const single = analyseDriverSums(foldDriverSums(rows, none, undefined, 0), "overall_score", TOUCHPOINTS);
    expect(single.correlations).toEqual(raw.correlations);
    expect(single.weights).toMatchObject({ ok: false, respondents: 0 });
  });
});
