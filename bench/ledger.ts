/**
 * The import ledger's responses at 1,000,000 rows (shared/ledger.ts): the bytes they take in the
 * journey, and how often a new row is taken for one imported before.
 * - Text response ids ("R_…", as Qualtrics writes them): every key is a fingerprint; stored size goal
 *   ≤ 2.5 bytes a row; 1,000,000 new keys are looked up, and the false matches are compared with
 *   n / 2³² per key (what a hash that spreads keys like a random one gives): goal ≤ 1.5× that.
 * - Numeric response ids (1 … 1,000,000): the ranges tell every new id (1,000,001 … 2,000,000) at
 *   once: goal 0 false matches.
 */
import { addKeys, decodeFingerprints, falseMatchRate, storedResponses } from "../shared/ledger";
import type { Benchmark, BenchResult } from "./benchmark";

const ROWS = 1_000_000;
const TEXTS = ["", "", "", "Delivery was late", "Great app, easy checkout", "Support never answered my email", "ok"];

/** A seeded generator, so every run measures the same keys. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

/** A response key as the import makes it: id, rating, text. */
function key(id: string, next: () => number): string {
  return `${id}\u0000${1 + Math.floor(next() * 5)}\u0000${TEXTS[Math.floor(next() * TEXTS.length)]}`;
}

function textId(next: () => number): string {
  let id = "R_";
  for (let i = 0; i < 15; i++) id += Math.floor(next() * 36).toString(36);
  return id;
}

const mb = (bytes: number) => `${(bytes / 1_000_000).toFixed(2)} MB`;

export const ledgerBenchmark: Benchmark = {
  title: "Import ledger at 1,000,000 rows",
  async run(log) {
    const results: BenchResult[] = [];
    const next = random(14);

    // Text ids: fingerprints only.
    const keys = Array.from({ length: ROWS }, () => key(textId(next), next));
    let started = performance.now();
    const responses = addKeys(null, keys);
    const stored = storedResponses(responses);
    const encodeMs = performance.now() - started;
    const bytes = JSON.stringify(stored).length;
    started = performance.now();
    const decoded = decodeFingerprints(stored);
    const decodeMs = performance.now() - started;
    if (decoded.length !== ROWS || decoded.some((v, i) => v !== responses.fingerprints[i])) throw new Error("the fingerprints did not come back as stored");
    keys.length = 0;
    started = performance.now();
    let matches = 0;
    for (let i = 0; i < ROWS; i++) if (responses.count(key(textId(next), next)) > 0) matches++;
    const lookupMs = performance.now() - started;
    const expected = falseMatchRate(ROWS) * ROWS;
    log(`text ids: ${mb(bytes)} stored (${(bytes / ROWS).toFixed(2)} bytes a row, Rice parameter ${stored.rice}); fingerprinted, sorted and coded in ${encodeMs.toFixed(0)} ms, decoded in ${decodeMs.toFixed(0)} ms`);
    log(`${ROWS.toLocaleString("en")} new keys looked up in ${lookupMs.toFixed(0)} ms: ${matches} false matches, ${expected.toFixed(0)} expected (1 in ${Math.round(ROWS / Math.max(1, matches)).toLocaleString("en")})`);
    results.push(
      {
        name: "Ledger size, 1,000,000 rows with text response ids",
        figure: `${mb(bytes)}, ${(bytes / ROWS).toFixed(2)} bytes a row`,
        goal: "≤ 2.5 bytes a row",
        met: bytes / ROWS <= 2.5,
      },
      {
        name: "Ledger false matches, 1,000,000 new rows against 1,000,000",
        figure: `${matches} (${(matches / ROWS).toExponential(1)} a row; n/2³² gives ${expected.toFixed(0)})`,
        goal: "≤ 1.5× n/2³²",
        met: matches <= 1.5 * expected,
      },
    );

    // Numeric ids: exact by their ranges.
    const numeric = addKeys(
      null,
      Array.from({ length: ROWS }, (_, i) => key(String(i + 1), next)),
    );
    const numericBytes = JSON.stringify(storedResponses(numeric)).length;
    let numericMatches = 0;
    for (let i = 0; i < ROWS; i++) if (numeric.count(key(String(ROWS + 1 + i), next)) > 0) numericMatches++;
    log(`numeric ids 1…${ROWS.toLocaleString("en")}: ${mb(numericBytes)} stored, id ranges ${JSON.stringify(numeric.idRanges)}; ${numericMatches} false matches among the next ${ROWS.toLocaleString("en")}`);
    results.push({
      name: "Ledger false matches, 1,000,000 new numeric ids",
      figure: `${numericMatches} (ranges ${JSON.stringify(numeric.idRanges)}; ${mb(numericBytes)} stored)`,
      goal: "0",
      met: numericMatches === 0,
    });
    return results;
  },
};
