import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { compactJourney } from "../../shared/evidence";
import { FeedbackSummary, SummaryBuilder } from "../../shared/summary";
import { packSummary, unpackSummary, withPackedSummary, withUnpackedSummary } from "../../shared/summary-pack";
import { journeyMapArbitrary } from "./arbitraries";

/** Arbitrary valid groups, beyond what rows make: odd scales, values off the whole numbers, large counts. */
const groupArbitrary = fc
  .record({
    refs: fc.array(fc.option(fc.nat({ max: 3 }), { nil: null }), { minLength: 7, maxLength: 7 }),
    scale: fc.option(
      fc.oneof(fc.constant({ min: 1, max: 5 }), fc.constant({ min: 0, max: 10 }), fc.constant({ min: -2.5, max: 2.5 }), fc.constant({ min: 1, max: 500 })),
      { nil: null },
    ),
    counts: fc.array(fc.nat({ max: 5000 }), { minLength: 3, maxLength: 3 }),
    ratings: fc.array(fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.integer({ min: 1, max: 100_000 })), { maxLength: 6 }),
  })
  .map(({ refs, scale, counts, ratings }) => {
    const group: (number | null)[] = [...refs];
    group[3] ??= 0;
    group[4] ??= 1;
    group[5] = group[5] === null ? null : 3;
    if (scale === null || ratings.length === 0) return [...group, null, null, ...counts];
    const span = scale.max - scale.min;
    const values = new Map<number, number>();
    for (const [at, count] of ratings) {
      const raw = scale.min + at * span;
      values.set(span === 500 - 1 || at < 0.5 ? Math.round(raw) : raw, count);
    }
    const pairs = [...values].filter(([v]) => v >= scale.min && v <= scale.max).sort((a, b) => a[0] - b[0]);
    return pairs.length === 0 ? [...group, null, null, ...counts] : [...group, scale.min, scale.max, ...counts, ...pairs.flat()];
  });


/** The packer and unpacker as they were (a regular expression match per part), kept as oracles. */
const TAGS = "ABCDFGHIJKLM";
const TOKEN = /([A-DF-M])([^A-DF-M^#%;]*)|\^|#([0-9a-z]*)|%([^;]*)|;/y;
function packedBefore(groups: readonly (readonly (number | null)[])[]): string {
  const last: (number | null)[] = [];
  const parts: string[] = [];
  for (const g of groups) {
    const rated = g.length > 12;
    let out = "";
    for (let f = 0; f < 12; f++) {
      const v = g[f] ?? null;
      if (f >= 9) {
        if (v !== 0) out += `${TAGS[f] as string}${v}`;
        continue;
      }
      if ((f >= 7 && !rated) || v === (last[f] ?? null)) continue;
      out += f === 5 && v !== null && v === (last[5] ?? NaN) + 1 ? "^" : `${TAGS[f] as string}${v ?? "~"}`;
      last[f] = v;
    }
    if (rated) {
      const min = g[7] as number;
      let dense = Number.isInteger(min) && (g[8] as number) - min <= 100;
      const counts: number[] = [];
      for (let i = 12; dense && i < g.length; i += 2) {
        const at = (g[i] as number) - min;
        dense = Number.isInteger(at) && (g[i + 1] as number) < 36;
        while (counts.length < at) counts.push(0);
        counts.push(g[i + 1] as number);
      }
      out += dense ? `#${counts.map((c) => c.toString(36)).join("")}` : `%${g.slice(12).join("_")}`;
    }
    parts.push(`${out};`);
  }
  return parts.join("");
}
function unpackedBefore(text: string): (number | null)[][] {
  const groups: (number | null)[][] = [];
  const header: (number | null)[] = new Array<number | null>(9).fill(null);
  let counts = [0, 0, 0];
  let histogram: number[] = [];
  const damaged = (at: number) => new Error(`the stored summary is damaged near character ${at}`);
  const number = (value: string, at: number) => {
    const n = Number(value);
    if (value === "" || !Number.isFinite(n)) throw damaged(at);
    return n;
  };
  TOKEN.lastIndex = 0;
  while (TOKEN.lastIndex < text.length) {
    const at = TOKEN.lastIndex;
    const match = TOKEN.exec(text);
    if (match === null) throw damaged(at);
    const [token, tag, value = "", dense, sparse] = match;
    if (tag !== undefined) {
      const f = TAGS.indexOf(tag);
      const n = value === "~" ? null : number(value, at);
      if (f < 9) header[f] = n;
      else counts[f - 9] = n ?? -1;
    } else if (token === "^") {
      if (header[5] === null) throw damaged(at);
      header[5] = (header[5] as number) + 1;
    } else if (dense !== undefined) {
      histogram = [];
      for (let k = 0; k < dense.length; k++) {
        const count = parseInt(dense[k] as string, 36);
        if (count > 0) histogram.push((header[7] ?? NaN) + k, count);
      }
    } else if (sparse !== undefined) histogram = sparse.split("_").map((v) => number(v, at));
    else {
      const group = [...header, ...counts, ...histogram];
      if (histogram.length === 0) group[7] = group[8] = null;
      groups.push(group);
      counts = [0, 0, 0];
      histogram = [];
    }
  }
  if (text !== "" && !text.endsWith(";")) throw new Error("the stored summary is damaged: it is cut short");
  return groups;
}

/** What unpacking gives: the groups, or the error's words. */
function outcome(unpack: () => (number | null)[][]): unknown {
  try {
    return unpack();
  } catch (error) {
    return (error as Error).message;
  }
}

describe("packed summaries", () => {
  it("unpack to exactly the groups packed (summaries of any journey)", () => {
    fc.assert(
      fc.property(journeyMapArbitrary({ maxFeedback: 60 }), (map) => {
        const summary = compactJourney(map, { keepAllRows: 0, quotesPerCell: 0 }).summary ?? { strings: [], groups: [] };
        const packed = packSummary(summary);
        expect(unpackSummary(JSON.parse(JSON.stringify(packed)) as typeof packed)).toEqual(summary);
      }),
      { numRuns: 40 },
    );
  }, 60_000);

  it("unpack to exactly the groups packed (any valid groups, in any order)", () => {
    fc.assert(
      fc.property(fc.array(groupArbitrary, { maxLength: 30 }), (groups) => {
        const summary = { strings: ["s", "Survey", "survey", "2026-01-05"], groups };
        expect(FeedbackSummary.safeParse(summary).success).toBe(true);
        expect(unpackSummary(packSummary(summary))).toEqual(summary);
      }),
      { numRuns: 300 },
    );
  });

  it("packs and unpacks exactly as the packer and unpacker that matched a regular expression per part (valid groups, any text)", () => {
    fc.assert(
      fc.property(fc.array(groupArbitrary, { maxLength: 30 }), (groups) => {
        const summary = { strings: ["s", "Survey", "survey", "2026-01-05"], groups };
        expect(packSummary(summary).groups).toBe(packedBefore(groups));
      }),
      { numRuns: 300 },
    );
    // Any text, damaged or not: the same groups, or the same words for what is wrong.
    const text = fc.array(fc.constantFrom(..."ABCDFGHIJKLME~^#%;_0123456789abz.-x "), { maxLength: 40 }).map((chars) => chars.join(""));
    const tokens = fc
      .array(fc.constantFrom("A0", "B1", "C~", "D2", "F1", "G3", "G~", "H0", "I1", "I-2.5", "J5", "J1e1", "K2", "L0", "M~", "^", "#", "#0102", "#z0", "#10", "%1_2", "%4_1.5_5", "%", ";", ";", ";", "Ax", "E", "x"), { maxLength: 20 })
      .map((parts) => parts.join(""));
    const valid = fc.oneof(tokens, fc.array(groupArbitrary, { maxLength: 5 }).map(packedBefore));
    fc.assert(
      fc.property(fc.oneof(text, valid, fc.tuple(valid, text, fc.nat()).map(([v, t, at]) => v.slice(0, at % (v.length + 1)) + t)), (packed) => {
        expect(outcome(() => unpackSummary({ strings: [], groups: packed }).groups)).toEqual(outcome(() => unpackedBefore(packed)));
      }),
      { numRuns: 3000 },
    );
  });

  it("writes a day's group in a few characters", () => {
    const builder = new SummaryBuilder();
    for (let day = 1; day <= 28; day++) {
      const date = `2026-02-${String(day).padStart(2, "0")}`;
      for (const rating of [1, 4, 4, 5]) builder.addFeedback({ rating, scale: { min: 1, max: 5 }, text: "", date, source: "Survey", kind: "survey", stageId: "s", touchpointId: null, personaId: null });
    }
    const packed = packSummary(builder.toSummary());
    // The first group names everything; each next day is "^" and its counts of 1 … 5.
    expect(packed.groups.split(";").slice(1, 3)).toEqual(["^#10021", "^#10021"]);
    expect(packed.groups.length).toBeLessThan(30 + 27 * 8);
  });

  it("says in words where a damaged one is damaged", () => {
    const packed = packSummary({ strings: ["s", "Survey", "survey", "2026-01-05"], groups: [[0, null, null, 1, 2, 3, null, 1, 5, 0, 0, 0, 4, 2]] });
    expect(() => unpackSummary({ ...packed, groups: packed.groups.slice(0, -1) })).toThrow(/cut short/);
    expect(() => unpackSummary({ ...packed, groups: packed.groups.replace("A0", "Axx") })).toThrow("the stored summary is damaged near character 0");
    expect(() => unpackSummary({ ...packed, groups: `${packed.groups}?` })).toThrow(`the stored summary is damaged near character ${packed.groups.length}`);
    expect(() => withUnpackedSummary({ packedSummary: { strings: "s", groups: "" } })).toThrow(/not a packed summary/);
  });

  it("stands in a stored model for its summary, and a model without one is stored as it is", () => {
    const summary = { strings: ["s", "Survey", "survey"], groups: [[0, null, null, 1, 2, null, null, null, null, 3, 0, 0]] };
    const stored = JSON.parse(JSON.stringify(withPackedSummary({ title: "t", summary }))) as unknown;
    expect(stored).not.toHaveProperty("summary");
    expect(withUnpackedSummary(stored)).toEqual({ title: "t", summary });
    const plain: { title: string; summary?: FeedbackSummary } = { title: "t" };
    expect(withPackedSummary(plain)).toBe(plain);
    expect(withUnpackedSummary(plain)).toBe(plain);
  });
});
