/**
 * Suggested pain points on the two real exports (test/fixtures/csv-real, README there): the top ten
 * are things a person would write on a card, never a single generic word.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import { decodeCsvBytes, importFeedbackCsv } from "../../shared/csv";
import { emptyJourney, withImportedFeedback } from "../../shared/journey-from-feedback";
import { normalisedSatisfaction } from "../../shared/metrics";
import type { JourneyMap } from "../../shared/model";
import { STOP_WORDS, suggestPainPoints, suggestPainPointsAsync, type PainPointSuggestion } from "../../shared/suggestions";
import { compactJourney } from "../../shared/evidence";
import { buildDriversReport, findOutcomeTouchpoint } from "../../shared/report";
import { summaryTotals } from "../../shared/summary";

const REAL = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../fixtures/csv-real");

async function importReal(file: string, fixed?: { stage: string }): Promise<JourneyMap> {
  const bytes = readFileSync(path.join(REAL, file));
  const decoded = decodeCsvBytes(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength));
  const base = emptyJourney(file);
  const result = await importFeedbackCsv(decoded.text, { map: base, encoding: decoded.encoding, fixed });
  return withImportedFeedback({ ...base, feedback: [] }, result);
}

/** The examples of meaningless suggestions, and words any review of anything says. */
const GENERIC = new Set(["ones", "tents", "order", "card", "days", "box", "flight", "airline", "product", "customer", "service", "experience", "time", "review"]);

/**
 * Generic, judged here apart from the suggester: a single word that is a stop word or a known
 * generic one, or that satisfied customers (rating above the midpoint) use in at least a fifth as
 * large a share of their texts as unhappy ones (below the midpoint) do.
 */
function isGenericWord(map: JourneyMap, word: string): boolean {
  if (STOP_WORDS.has(word) || GENERIC.has(word)) return true;
  const pattern = new RegExp(`(^|[^\\p{L}])${word}($|[^\\p{L}])`, "iu");
  let negative = 0;
  let negativeWith = 0;
  let positive = 0;
  let positiveWith = 0;
  for (const row of map.feedback) {
    if (row.rating === null || row.scale === null || row.text === "") continue;
    const s = normalisedSatisfaction(row.rating, row.scale);
    const has = pattern.test(row.text);
    if (s < 0.5) {
      negative++;
      if (has) negativeWith++;
    } else if (s > 0.5) {
      positive++;
      if (has) positiveWith++;
    }
  }
  return negativeWith / negative < (5 * positiveWith) / positive;
}

function checkTopTen(map: JourneyMap, suggestions: PainPointSuggestion[]): void {
  expect(suggestions).toHaveLength(10);
  for (const s of suggestions) {
    if (s.words === 1) expect(isGenericWord(map, s.term), `"${s.term}" is a generic word`).toBe(false);
    expect(s.count).toBeGreaterThanOrEqual(2);
    expect(s.evidence).toHaveLength(s.count);
    expect(s.quotes.length).toBeGreaterThan(0);
    // every quote says the term's words
    for (const quote of s.quotes) {
      const said = quote.toLowerCase().replace(/['’]/g, "");
      for (const word of s.term.split(" ")) expect(said).toContain(word.replace("'", ""));
    }
  }
  // phrases lead: at least three of the ten are phrases
  expect(suggestions.filter((s) => s.words > 1).length).toBeGreaterThanOrEqual(3);
}

describe("suggested pain points on the real exports", () => {
  let alexa: JourneyMap;
  let skytrax: JourneyMap;
  beforeAll(async () => {
    alexa = await importReal("amazon_alexa_reviews.tsv", { stage: "Product" });
    skytrax = await importReal("skytrax_airline_reviews_wide.csv");
  });

  it("Alexa reviews: the top ten are phrases or distinctive words, each with its count and quotes", () => {
    const top = suggestPainPoints(alexa, { perStage: 10 });
    checkTopTen(alexa, top);
    expect(top.map((s) => s.term)).toEqual(expect.arrayContaining(["doesn't work", "return"]));
  });

  it("Skytrax reviews: the top ten are phrases or distinctive words, each with its count and quotes", () => {
    const top = suggestPainPoints(skytrax, { perStage: 10 });
    checkTopTen(skytrax, top);
    expect(top.map((s) => s.term)).toEqual(expect.arrayContaining(["customer service", "never fly", "refund"]));
  });

  it("the sliced variant gives the same suggestions on a real export", async () => {
    expect(await suggestPainPointsAsync(skytrax, () => Promise.resolve(), { perStage: 10, rowsPerSlice: 997 })).toEqual(
      suggestPainPoints(skytrax, { perStage: 10 }),
    );
  });

  it("a compacted journey (every row folded but the evidence) gives the same top ten, quotes and all", () => {
    for (const map of [alexa, skytrax]) {
      const compact = compactJourney(map, { keepAllRows: 0 });
      expect(summaryTotals(compact.summary).rows).toBeGreaterThan(map.feedback.length - 2 * compact.feedback.length);
      const shown = (list: PainPointSuggestion[]) => list.map((s) => ({ ...s, evidence: s.evidence.slice(0, 3) }));
      expect(shown(suggestPainPoints(compact, { perStage: 10 }))).toEqual(shown(suggestPainPoints(map, { perStage: 10 })));
    }
  });

  it("a compacted Skytrax journey gives the key drivers of overall_score of the raw rows", () => {
    const outcome = findOutcomeTouchpoint(skytrax, "overall_score");
    if (outcome === null) throw new Error("expected the overall_score touchpoint");
    const raw = buildDriversReport(skytrax, outcome);
    const compact = compactJourney(skytrax, { keepAllRows: 0 });
    expect(compact.feedback.length).toBeLessThan(skytrax.feedback.length / 10);
    expect(buildDriversReport(compact, outcome)).toEqual(raw);
    // the figures of the command line's report (test/cli/cli-insights.test.ts)
    expect(raw.drivers.slice(0, 2).map((d) => [d.rank, d.n, d.r, d.low, d.high, d.relativeWeight])).toEqual([
      [1, 8265, 0.892, 0.887, 0.896, 0.21],
      [2, 6858, 0.818, 0.81, 0.826, 0.203],
    ]);
    expect(raw.rSquared).toBe(0.88);
  });
});

