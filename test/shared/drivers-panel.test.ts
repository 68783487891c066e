/**
 * Relative weights as Insights computes them (`journeyDriversPass`, read in slices), with ml-matrix
 * as the panel bundles it: its ES module source (scripts/build.mjs aliases the package to it), not
 * the CommonJS entry the command line and the other tests load. Pinned by the numpy-computed cases
 * of stats.test.ts (two drivers, 24 respondents) and drivers-skytrax.test.ts (seven drivers, the
 * real Skytrax export), from the answers and from a compacted journey's driver sums.
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import Papa from "papaparse";
import { describe, expect, it, vi } from "vitest";
import { compactJourney } from "../../shared/evidence";
import { runPass, runPassInSlices } from "../../shared/feedback-pass";
import type { Feedback, JourneyMap } from "../../shared/model";
import { journeyDriversPass } from "../../shared/stats/drivers";
import { NPS, STARS, buildMap, rated, stage, touchpoint } from "./builders";

/** ml-matrix's ES module source, the file scripts/build.mjs bundles into the panel (untyped: its types are the package's). */
const source = vi.hoisted(() => decodeURIComponent(new URL("../../node_modules/ml-matrix/src/index.js", import.meta.url).pathname));
vi.mock("ml-matrix", () => import(/* @vite-ignore */ source) as Promise<typeof import("ml-matrix")>);

/** The journey's driver analysis as the panel reads it: 7 rows a slice, a turn between slices. */
async function panelDrivers(map: JourneyMap) {
  const analysis = await runPassInSlices(journeyDriversPass(map), map.feedback.length, () => Promise.resolve(), 7);
  if (analysis === null) throw new Error("no outcome");
  return analysis;
}

describe("the panel's ml-matrix", () => {
  it("is the ES module source, not the CommonJS entry", async () => {
    const bundled = await import("ml-matrix");
    const entry = createRequire(import.meta.url)("ml-matrix") as typeof bundled;
    expect(bundled.EigenvalueDecomposition).not.toBe(entry.EigenvalueDecomposition);
    expect(bundled.EigenvalueDecomposition.toString()).toContain("assumeSymmetric");
  });
});

describe("relative weights in Insights, hand-computed case", () => {
  // stats.test.ts: x1, x2 on 1–5, y on 0–10; numpy raw weights 0.50115260, 0.47811760, R² 0.97927020
  const X1 = [1, 2, 2, 3, 3, 3, 4, 4, 4, 5, 5, 5, 1, 2, 3, 4, 5, 2, 3, 4, 5, 1, 3, 4];
  const X2 = [2, 1, 3, 2, 4, 3, 3, 5, 4, 4, 5, 3, 1, 2, 2, 3, 4, 3, 5, 4, 5, 2, 3, 3];
  const Y = [2, 3, 4, 4, 6, 5, 6, 8, 7, 8, 9, 7, 1, 3, 4, 6, 8, 5, 7, 7, 10, 2, 5, 6];
  function surveyed(): JourneyMap {
    const rows: Feedback[] = [];
    const answer = (who: number, where: string, rating: number, scale = STARS) =>
      rows.push({ ...rated(`${where}_${who}`, rating, scale, { touchpointId: where, stageId: "s1" }), respondentId: `r${who}` });
    X1.forEach((v, i) => answer(i, "x1", v));
    X2.forEach((v, i) => answer(i, "x2", v));
    Y.forEach((v, i) => answer(i, "y", v, NPS));
    return buildMap({
      stages: [stage("s1", "Delivery")],
      touchpoints: [touchpoint("x1", "s1"), touchpoint("x2", "s1"), { ...touchpoint("y", "s1", 3, "Overall"), measure: "outcome" }],
      feedback: rows,
    });
  }

  it("weighs the two drivers as numpy does, from the answers and once the rows are folded", async () => {
    const map = surveyed();
    const folded = compactJourney(map, { keepAllRows: 0, quotesPerCell: 1 });
    expect(folded.feedback.length).toBeLessThan(map.feedback.length);
    expect(folded.summary?.drivers).toBeDefined();
    for (const journey of [map, folded]) {
      const { weights, correlations, pooled } = await panelDrivers(journey);
      expect(pooled).toBe(0);
      expect(correlations.map((c) => [c.touchpoint, c.verdict])).toEqual([
        ["x1", "driver"],
        ["x2", "driver"],
      ]);
      if (!weights.ok) throw new Error(weights.reason);
      expect(weights.respondents).toBe(24);
      expect(weights.rSquared).toBeCloseTo(0.9792702043973462, 9);
      expect(weights.weights.map((w) => w.weight)).toEqual([expect.closeTo(0.5011526038220295, 9), expect.closeTo(0.47811760057531677, 9)]);
      expect(weights.weights[0]?.share).toBeCloseTo(0.5117613112005633, 9);
    }
  });

  it("says why there are no weights with one driver, or too few complete answers", async () => {
    const map = surveyed();
    const one = { ...map, touchpoints: map.touchpoints.filter((t) => t.id !== "x2") };
    expect((await panelDrivers(one)).weights).toMatchObject({ ok: false, reason: "relative weights need two or more drivers" });
    // five respondents skip x2: 19 complete, 20 needed
    const skipped = { ...map, feedback: map.feedback.filter((f) => !(f.touchpointId === "x2" && /_(19|20|21|22|23)$/.test(f.id))) };
    const weights = (await panelDrivers(skipped)).weights;
    expect(weights).toMatchObject({ ok: false, respondents: 19 });
    expect(weights.ok ? "" : weights.reason).toMatch(/need 20 respondents who answered all 2 drivers and the outcome; 19 did/);
  });

  it("is null without an outcome", () => {
    const map = surveyed();
    const none = { ...map, touchpoints: map.touchpoints.map((t) => ({ ...t, measure: undefined })) };
    expect(runPass(journeyDriversPass(none), none.feedback.length)).toBeNull();
  });
});

describe("relative weights in Insights on the Skytrax export", () => {
  const FILE = path.join(process.env.JOURNEY_REAL_DATA ?? "/work/shared/data/real", "skytrax_airline_reviews_wide.csv");
  const DRIVERS = ["groundservice", "seat_comfort", "service", "food", "entertainment", "wifi", "value"];

  /** The export as a journey: one answer row per rated column of each review (blank and 0 are no answer). */
  function skytrax(): JourneyMap {
    const records = Papa.parse<Record<string, string>>(readFileSync(FILE, "utf8"), { header: true, skipEmptyLines: true }).data;
    const rows: Feedback[] = [];
    records.forEach((record, i) => {
      const answer = (id: string, column: string, max: number) => {
        const cell = (record[column] ?? "").trim();
        const value = Number(cell);
        if (cell === "" || !(value >= 1 && value <= max)) return;
        rows.push({ ...rated(`${id}_${i}`, value, { min: 1, max }, { touchpointId: id, stageId: "s1" }), respondentId: `review ${i}` });
      };
      answer("overall", "overall_score", 10);
      for (const id of DRIVERS) answer(id, `${id}_rating`, 5);
    });
    return buildMap({
      stages: [stage("s1", "Flight")],
      touchpoints: [...DRIVERS.map((id) => touchpoint(id, "s1")), { ...touchpoint("overall", "s1", 3, "Overall score"), measure: "outcome" }],
      feedback: rows,
    });
  }

  it("gives numpy's shares of R² (value 21.0 %), from the answers and from a compacted journey", async () => {
    const map = skytrax();
    const folded = compactJourney(map, { keepAllRows: 0, quotesPerCell: 1 });
    expect(folded.feedback.length).toBeLessThan(map.feedback.length / 10);
    for (const journey of [map, folded]) {
      const { weights } = await panelDrivers(journey);
      if (!weights.ok) throw new Error(weights.reason);
      expect(weights.respondents).toBe(2695);
      expect(weights.rSquared).toBeCloseTo(0.8798450832150327, 9);
      const shares = Object.fromEntries(weights.weights.map((w) => [w.touchpoint, w.share]));
      expect(shares).toEqual({
        value: expect.closeTo(0.2098785142523468, 9),
        groundservice: expect.closeTo(0.20308603747720946, 9),
        service: expect.closeTo(0.13890626354566207, 9),
        seat_comfort: expect.closeTo(0.12780732422847801, 9),
        food: expect.closeTo(0.12747051927150027, 9),
        entertainment: expect.closeTo(0.09648555455129976, 9),
        wifi: expect.closeTo(0.09636578667350354, 9),
      });
    }
  });
});
