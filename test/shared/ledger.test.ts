import { readFileSync } from "node:fs";
import fc from "fast-check";
import Papa from "papaparse";
import { describe, expect, it } from "vitest";
import { importFeedbackCsv, type CsvImportResult } from "../../shared/csv";
import { compactJourney } from "../../shared/evidence";
import { emptyJourney, withImportedFeedback } from "../../shared/journey-from-feedback";
import {
  LedgerError,
  MAX_ID_RANGES,
  alreadyImportedSentence,
  contentHash,
  decodeFingerprints,
  encodeFingerprints,
  findImport,
  journeyResponses,
  keyFingerprint,
  recordImport,
  recordImportAsync,
  riceParameter,
  addKeys,
  storedResponses,
} from "../../shared/ledger";
import { type Feedback, type JourneyMap, parseJourneyMap } from "../../shared/model";

const alexa = readFileSync(new URL("../fixtures/csv-real/amazon_alexa_reviews.tsv", import.meta.url), "utf8");
const skytrax = readFileSync(new URL("../fixtures/csv-real/skytrax_airline_reviews_wide.csv", import.meta.url), "utf8");
const NOW = new Date("2026-12-04T03:21:52.123Z");

/** A seeded generator, so a failing case can be run again. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

/** Imports `text` into `journey` as the panel does in "add" mode, and records it in the ledger. */
async function importInto(journey: JourneyMap, text: string, name: string, force = false): Promise<{ journey: JourneyMap; result: CsvImportResult | null }> {
  const hash = contentHash(text);
  if (!force && findImport(journey, hash) !== null) return { journey, result: null };
  const result = await importFeedbackCsv(text, { map: journey, mapping: { touchpoint: 2 }, alreadyImported: journeyResponses(journey) });
  const ledger = recordImport(journey, { name, bytes: new TextEncoder().encode(text).length, hash }, result, "add", NOW);
  return { journey: { ...withImportedFeedback(journey, result), ledger }, result };
}

/** The Alexa export's header and the data lines whose date (dd-Mon-18) passes `keep`. */
function alexaPart(keep: (day: number, month: string) => boolean): string {
  const [header, ...lines] = alexa.replace(/\r?\n$/, "").split(/\r?\n/);
  const kept = lines.filter((line) => {
    const [day = "", month = ""] = (line.split("\t")[1] ?? "").split("-");
    return keep(Number(day), month);
  });
  return [header, ...kept].join("\r\n");
}

describe("fingerprints, Golomb–Rice coded", () => {
  it("come back exactly, repeated ones included, at every count", () => {
    const next = random(7);
    for (const count of [0, 1, 2, 3, 100, 5000]) {
      const values = new Uint32Array(count);
      for (let i = 0; i < count; i++) values[i] = i % 10 === 3 ? (values[i - 1] ?? 0) : Math.floor(next() * 2 ** 32);
      values.sort();
      const stored = encodeFingerprints(values);
      expect(stored.count).toBe(count);
      expect(stored.data).toMatch(/^[A-Za-z0-9+/]*={0,2}$/);
      expect([...decodeFingerprints(stored)]).toEqual([...values]);
    }
    const extremes = Uint32Array.from([0, 0, 1, 0xfffffffe, 0xffffffff, 0xffffffff]);
    expect([...decodeFingerprints(encodeFingerprints(extremes))]).toEqual([...extremes]);
  });

  it("take about log₂(2³²/n) + 1.6 bits each", () => {
    const next = random(11);
    const count = 100_000;
    const values = new Uint32Array(count);
    for (let i = 0; i < count; i++) values[i] = Math.floor(next() * 2 ** 32);
    values.sort();
    const bits = (encodeFingerprints(values).data.length * 6) / count;
    const ideal = Math.log2(2 ** 32 / count);
    expect(riceParameter(count)).toBe(14);
    expect(bits).toBeGreaterThan(ideal);
    expect(bits).toBeLessThan(ideal + 2.2);
  });

  it("refuse damaged data with a sentence", () => {
    const stored = encodeFingerprints(Uint32Array.from([5, 900, 70_000]));
    expect(() => decodeFingerprints({ ...stored, count: 400 })).toThrow(LedgerError);
    expect(() => decodeFingerprints({ ...stored, count: 400 })).toThrow(/import ledger is damaged \(its fingerprints end before the 400 it counts\)/);
    expect(() => decodeFingerprints({ ...stored, data: `${stored.data.slice(0, 2)}*${stored.data.slice(3)}` })).toThrow(/import ledger is damaged \(its fingerprints are not base64\)/);
  });
});

describe("the content hash", () => {
  it("is the same for a text in one piece or many, and differs for one character changed", () => {
    const whole = contentHash(alexa);
    expect(whole).toMatch(/^[0-9a-f]{16}$/);
    expect(contentHash([alexa.slice(0, 1000), alexa.slice(1000, 250_000), alexa.slice(250_000)])).toBe(whole);
    expect(contentHash(alexa.replace("Love my Echo!", "Love my Echo?"))).not.toBe(whole);
    expect(contentHash(`${alexa} `)).not.toBe(whole);
    expect(contentHash("")).not.toBe(contentHash("\u0000"));
    // Stored in journeys' ledgers: the same text keeps its hash from one version to the next.
    expect(contentHash("Response ID,Rating\r\nR-1,5\r\n")).toBe("2d447258cf9ec766");
  });
});

describe("the import ledger", () => {
  it("recognises a file imported before by its content hash, before anything is added", async () => {
    const first = await importInto(emptyJourney("Alexa", random(1)), alexa, "amazon_alexa_reviews.tsv");
    expect(first.result?.imported).toBe(3150);
    const record = first.journey.ledger?.imports[0];
    expect(record).toEqual({
      file: "amazon_alexa_reviews.tsv",
      bytes: Buffer.byteLength(alexa),
      hash: contentHash(alexa),
      rows: 3150,
      imported: 3150,
      skipped: 0,
      duplicates: 0,
      firstDate: "2018-05-16",
      lastDate: "2018-07-31",
      importedAt: "2026-12-04T03:21:52Z",
      mode: "add",
    });
    expect(findImport(first.journey, contentHash(alexa))).toBe(record);
    expect(alreadyImportedSentence(record!)).toBe("This file (“amazon_alexa_reviews.tsv”) was imported on 4 Dec 2026 at 03:21 UTC (3,150 rows imported)");
    // The second import stops at the hash: the journey is the same object, nothing added.
    const second = await importInto(first.journey, alexa, "amazon_alexa_reviews (1).tsv");
    expect(second.result).toBeNull();
    expect(second.journey).toBe(first.journey);
    // Forced, every row is recognised by the ledger's fingerprints and skipped; the import is recorded.
    const forced = await importInto(first.journey, alexa, "amazon_alexa_reviews (1).tsv", true);
    expect([forced.result?.rows, forced.result?.imported, forced.result?.duplicates]).toEqual([3150, 0, 3150]);
    expect(forced.journey.feedback).toHaveLength(3150);
    expect(forced.journey.ledger?.imports.map((i) => [i.file, i.imported, i.duplicates])).toEqual([
      ["amazon_alexa_reviews.tsv", 3150, 0],
      ["amazon_alexa_reviews (1).tsv", 0, 3150],
    ]);
  });

  it("counts the rows two overlapping exports share once, after the first is folded into summaries too", async () => {
    // The real export split in two that share 28–29 July: an earlier export and a later one.
    const early = alexaPart((day, month) => month !== "Jul" || day <= 29);
    const late = alexaPart((day, month) => month === "Jul" && day >= 28);
    const count = (text: string) => text.split("\r\n").length - 1;
    const shared = count(alexaPart((day, month) => month === "Jul" && day >= 28 && day <= 29));
    expect([count(early), count(late), shared]).toEqual([1466, 2416, 732]);

    const first = await importInto(emptyJourney("Alexa", random(1)), early, "alexa-may16-jul29.tsv");
    // Only the summary and the evidence stay: the rows the ledger must recognise are gone.
    const compacted = compactJourney(first.journey, { keepAllRows: 0, quotesPerCell: 1 });
    expect(compacted.feedback.length).toBeLessThan(first.journey.feedback.length / 10);
    const second = await importInto(compacted, late, "alexa-jul28-31.tsv");
    expect([second.result?.rows, second.result?.imported, second.result?.duplicates]).toEqual([2416, 1684, 732]);
    expect(1466 + 1684).toBe(3150);
    const record = second.journey.ledger?.imports[1];
    expect([record?.firstDate, record?.lastDate]).toEqual(["2018-07-30", "2018-07-31"]);
    // Every row of the whole export is now known: imported once more, nothing is added.
    const again = await importInto(second.journey, alexa, "amazon_alexa_reviews.tsv");
    expect([again.result?.rows, again.result?.imported, again.result?.duplicates]).toEqual([3150, 0, 3150]);
  });

  it("counts the rows two overlapping wide exports share once, each row known by its first answer", { timeout: 60_000 }, async () => {
    // The real Skytrax export (one row per review, seven sub-ratings) split by year: up to 2019, and from 2018.
    const records = Papa.parse<string[]>(skytrax, { skipEmptyLines: true }).data;
    const [header = [], ...rows] = records;
    const year = header.indexOf("year");
    const part = (keep: (y: number) => boolean) => Papa.unparse([header, ...rows.filter((r) => keep(Number(r[year])))]);
    const shared = rows.filter((r) => Number(r[year]) >= 2018 && Number(r[year]) <= 2019).length;
    const early = part((y) => y <= 2019);
    const late = part((y) => y >= 2018);
    const journey = emptyJourney("Skytrax", random(3));
    const first = await importFeedbackCsv(early, { map: journey });
    expect(first.shape).toBe("wide");
    const ledger = recordImport(journey, { name: "early.csv", bytes: early.length, hash: contentHash(early) }, first, "add", NOW);
    // One key a row, not one an answer.
    expect(ledger.responses.count).toBe(first.imported);
    const after = compactJourney({ ...withImportedFeedback(journey, first), ledger }, { keepAllRows: 0, quotesPerCell: 1 });
    const second = await importFeedbackCsv(late, { map: after, alreadyImported: journeyResponses(after) });
    expect([rows.length, shared]).toEqual([8319, 2861]);
    expect([first.rows, first.imported]).toEqual([6096, 6096]);
    expect([second.rows, second.imported, second.duplicates]).toEqual([5084, 2223, 2861]);
    expect(6096 + 2223).toBe(8319);
  });

  it("never misses a key it was given, as often as it was given, once stored and read back", () => {
    const id = fc.oneof(fc.nat({ max: 2000 }).map(String), fc.string({ minLength: 1, maxLength: 6 }).map((t) => `R_${t}`), fc.constant("007"));
    const responseKeyOf = fc.tuple(id, fc.integer({ min: 1, max: 5 }), fc.string({ maxLength: 8 })).map(([i, r, t]) => `${i}\u0000${r}\u0000${t}`);
    const contentKeyOf = fc.string({ maxLength: 12 }).map((t) => `\u0001${t}`);
    fc.assert(
      fc.property(fc.array(fc.oneof(responseKeyOf, contentKeyOf), { maxLength: 300 }), fc.array(fc.oneof(responseKeyOf, contentKeyOf), { maxLength: 300 }), (first, second) => {
        // Two imports, each stored and read back as a journey would.
        const one = storedResponses(addKeys(null, first));
        const two = storedResponses(addKeys(journeyResponses({ feedback: [], ledger: { imports: [], responses: JSON.parse(JSON.stringify(one)) } }), second));
        const known = journeyResponses({ feedback: [], ledger: { imports: [], responses: JSON.parse(JSON.stringify(two)) } });
        const times = new Map<string, number>();
        for (const key of [...first, ...second]) times.set(key, (times.get(key) ?? 0) + 1);
        for (const [key, count] of times) expect(known.count(key)).toBeGreaterThanOrEqual(count);
        expect(two.count).toBe(first.length + second.length);
      }),
      { numRuns: 200 },
    );
  });

  it("is exact about numeric response ids outside the ones imported", async () => {
    const lines = ["Response ID,Rating,Comment"];
    for (let id = 1001; id <= 3000; id++) lines.push(`${id},${(id % 5) + 1},`);
    const first = await importFeedbackCsv(lines.join("\n"), { map: emptyJourney("Ids", random(2)) });
    const ledger = recordImport(emptyJourney("Ids", random(2)), { name: "a.csv", bytes: 1, hash: "0123456789abcdef" }, first, "add", NOW);
    expect(ledger.responses.idRanges).toEqual([1001, 3000]);
    const known = journeyResponses({ feedback: [], ledger });
    expect(known.mayHaveId("3001")).toBe(false);
    expect(known.mayHaveId("R_3001")).toBe(false);
    expect(known.mayHaveId("2500")).toBe(true);
    expect(known.count("2500\u00001\u0000")).toBe(1);
    // Outside the ranges nothing is looked up, so no fingerprint can match by chance.
    for (let id = 3001; id < 20_000; id++) expect(known.count(`${id}\u0000${(id % 5) + 1}\u0000`)).toBe(0);
  });

  it("keeps at most MAX_ID_RANGES ranges, still exact outside them", async () => {
    const lines = ["Response ID,Rating,Comment"];
    for (let i = 0; i < 500; i++) lines.push(`${i * 10 + (i % 3)},${(i % 5) + 1},`);
    const result = await importFeedbackCsv(lines.join("\n"), { map: emptyJourney("Ids", random(2)) });
    expect(result.imported).toBe(500);
    const ledger = recordImport({ feedback: [] }, { name: "a.csv", bytes: 1, hash: "0123456789abcdef" }, result, "add", NOW);
    expect(ledger.responses.idRanges.length).toBe(MAX_ID_RANGES * 2);
    const known = journeyResponses({ feedback: [], ledger });
    for (let i = 0; i < 500; i++) expect(known.mayHaveId(String(i * 10 + (i % 3)))).toBe(true);
    expect(known.mayHaveId("5000")).toBe(false);
  });

  it("mistakes a new key for a known one about n / 2³² of the time", () => {
    const known = 200_000;
    const fingerprints = new Uint32Array(known);
    for (let i = 0; i < known; i++) fingerprints[i] = keyFingerprint(`R_${i}\u00004\u0000review number ${i}`);
    fingerprints.sort();
    const sorted = fingerprints;
    let matches = 0;
    const trials = 200_000;
    for (let i = 0; i < trials; i++) {
      const fingerprint = keyFingerprint(`R_${known + i}\u00004\u0000review number ${known + i}`);
      let low = 0;
      let high = sorted.length;
      while (low < high) {
        const mid = (low + high) >>> 1;
        if ((sorted[mid] ?? 0) < fingerprint) low = mid + 1;
        else high = mid;
      }
      if (sorted[low] === fingerprint) matches++;
    }
    // Expected 200,000 × 200,000 / 2³² ≈ 9.3; a hash that spread keys badly would give far more.
    expect(matches).toBeLessThan(30);
  });

  it("records a large import in slices, giving the host a turn between them, with the same ledger", async () => {
    const feedback: Feedback[] = Array.from({ length: 45_000 }, (_, i) => ({
      id: `feedback_${i}`,
      kind: "survey",
      rating: (i % 5) + 1,
      scale: { min: 1, max: 5 },
      text: "",
      date: null,
      source: "",
      stageId: null,
      touchpointId: null,
      personaId: null,
      responseId: `R_${i}`,
    }));
    const outcome = { rows: 45_000, imported: 45_000, skipped: 0, duplicates: 0, shape: "long" as const, feedback };
    const file = { name: "big.csv", bytes: 1, hash: "0123456789abcdef" };
    let turns = 0;
    const sliced = await recordImportAsync({ feedback: [] }, file, outcome, "add", () => Promise.resolve(void turns++), NOW);
    expect(turns).toBeGreaterThanOrEqual(2);
    expect(sliced).toEqual(recordImport({ feedback: [] }, file, outcome, "add", NOW));
    expect(journeyResponses({ feedback: [], ledger: sliced }).count("R_44999\u00005\u0000")).toBe(1);
  });

  it("starts again from the import's rows when an import replaces the feedback", async () => {
    const first = await importInto(emptyJourney("Alexa", random(1)), alexa, "all.tsv");
    const late = alexaPart((day, month) => month === "Jul" && day >= 25);
    const result = await importFeedbackCsv(late, { map: first.journey, mapping: { touchpoint: 2 } });
    const ledger = recordImport(first.journey, { name: "late.tsv", bytes: 1, hash: contentHash(late) }, result, "replace", NOW);
    expect(ledger.imports.map((i) => i.mode)).toEqual(["add", "replace"]);
    expect(ledger.responses.count).toBe(result.feedback.length);
  });

  it("is read back by the model's schema, and damaged fields are refused with clear errors", async () => {
    const first = await importInto(emptyJourney("Alexa", random(1)), alexa, "all.tsv");
    const parsed = parseJourneyMap(JSON.parse(JSON.stringify(first.journey)));
    expect(parsed.ok ? [] : parsed.errors).toEqual([]);
    expect(parsed.ok && parsed.value.ledger).toEqual(first.journey.ledger);
    const ledger = first.journey.ledger!;
    const bad = {
      ...first.journey,
      ledger: {
        imports: [{ ...ledger.imports[0], hash: "xyz", importedAt: "yesterday" }],
        responses: { ...ledger.responses, idRanges: [5, 3], data: ledger.responses.data.slice(1) },
      },
    };
    const refused = parseJourneyMap(bad);
    expect(refused.ok ? [] : refused.errors).toEqual([
      "ledger.imports.0.hash: must be 16 hexadecimal digits (a content hash)",
      "ledger.imports.0.importedAt: must be a UTC time written YYYY-MM-DDTHH:MM:SSZ",
      "ledger.responses.data: must be base64 text (a multiple of 4 characters)",
      "ledger.responses.idRanges: idRanges must be whole numbers in ascending pairs [from, to, …]",
    ]);
  });
});
