import fc from "fast-check";
import { describe, expect, it } from "vitest";
import * as z from "../../shared/zod";
import { describeIssues, parseJourneyMap } from "../../shared/model";
import { DriverSums } from "../../shared/stats/driver-sums";
import { FeedbackSummary } from "../../shared/summary";
import { StageTermStatistics } from "../../shared/term-stats";
import { journeyMapArbitrary } from "./arbitraries";

/**
 * The summary's schema as it was when zod checked every number of it (nested arrays of numbers),
 * kept as the oracle: the summary's own loops must accept exactly what this accepted.
 */
const L = { stage: 0, touchpoint: 1, persona: 2, source: 3, kind: 4, day: 5, segment: 6, scaleMin: 7, scaleMax: 8, textOnly: 9, empty: 10, noAnswer: 11, histogram: 12 } as const;
const ZodCheckedSummary = z
  .object({
    strings: z.array(z.string()),
    groups: z.array(z.array(z.nullable(z.number()))),
    terms: z.optional(z.array(StageTermStatistics)),
    drivers: z.optional(DriverSums),
  })
  .check(
    z.superRefine((summary, ctx) => {
      const fail = (index: number, message: string) => ctx.addIssue({ code: "custom", input: summary, path: ["groups", index], message });
      const strings = summary.strings.length;
      const isRef = (v: number | null | undefined, nullable: boolean) => (v === null ? nullable : v !== undefined && Number.isInteger(v) && v >= 0 && v < strings);
      const isCount = (v: number | null | undefined) => typeof v === "number" && Number.isInteger(v) && v >= 0;
      summary.groups.forEach((g, index) => {
        if (g.length < L.histogram || (g.length - L.histogram) % 2 !== 0) return fail(index, "parts");
        for (const part of [L.stage, L.touchpoint, L.persona, L.day, L.segment] as const) if (!isRef(g[part], true)) return fail(index, "ref");
        if (!isRef(g[L.source], false) || !isRef(g[L.kind], false)) return fail(index, "source");
        if (!isCount(g[L.textOnly]) || !isCount(g[L.empty]) || !isCount(g[L.noAnswer])) return fail(index, "count");
        const min = g[L.scaleMin];
        const max = g[L.scaleMax];
        const rated = g.length > L.histogram;
        if (rated && (typeof min !== "number" || typeof max !== "number" || !(max > min))) return fail(index, "scale");
        if (!rated && (min !== null || max !== null)) return fail(index, "no scale");
        let previous = -Infinity;
        for (let i = L.histogram; i < g.length; i += 2) {
          const value = g[i];
          const count = g[i + 1];
          if (typeof value !== "number" || value < (min as number) || value > (max as number) || value <= previous) return fail(index, "value");
          if (!isCount(count) || count === 0) return fail(index, "rating count");
          previous = value;
        }
        if (g[L.day] !== null && !/^\d{4}-\d{2}-\d{2}$/.test(summary.strings[g[L.day] as number] as string)) return fail(index, "day");
      });
      const extra = (path: string) => ctx.addIssue({ code: "custom", input: summary, path: [path], message: path });
      for (const t of summary.terms ?? []) if (t.terms.length !== t.counts.length || t.counts.some((c) => c.length < 3 || c.length % 2 === 0)) extra("terms");
      const d = summary.drivers;
      if (d === undefined) return;
      const k = d.touchpoints.length;
      const at = (v: number | undefined) => Number.isInteger(v) && (v as number) >= 0 && (v as number) < k;
      const pattern = (p: number[], n = p[0] ?? 0) => n > 0 && p.length === 2 + 2 * n + (n * (n + 1)) / 2 && p.slice(1, 1 + n).every(at);
      if (
        d.units.length !== k ||
        d.respondents.length !== d.partial.length ||
        !d.patterns.every((p) => pattern(p)) ||
        !d.pairs.every((p) => p.length === 8 && at(p[0]) && at(p[1])) ||
        !d.partial.every((a) => a.length % 4 === 0 && a.every((v, i) => i % 4 > 0 || at(v)))
      )
        extra("drivers");
    }),
  );

const STRINGS = ["stage_a", "Survey", "survey", "2026-01-05", "2026-01-06", '[["Plan","Pro"]]', "not a day"];

/** Valid groups of every shape: odd scales, values off the whole numbers, large counts. */
const groupArbitrary = fc
  .record({
    refs: fc.array(fc.option(fc.nat({ max: STRINGS.length - 1 }), { nil: null }), { minLength: 7, maxLength: 7 }),
    day: fc.option(fc.constantFrom(3, 4), { nil: null }),
    scale: fc.option(fc.constantFrom({ min: 1, max: 5 }, { min: 0, max: 10 }, { min: -2.5, max: 2.5 }), { nil: null }),
    counts: fc.array(fc.nat({ max: 5000 }), { minLength: 3, maxLength: 3 }),
    ratings: fc.uniqueArray(fc.double({ min: 0, max: 1, noNaN: true }), { maxLength: 5 }),
    ratingCounts: fc.array(fc.integer({ min: 1, max: 100_000 }), { minLength: 5, maxLength: 5 }),
  })
  .map(({ refs, day, scale, counts, ratings, ratingCounts }) => {
    const group: (number | null)[] = [...refs];
    group[L.source] ??= 1;
    group[L.kind] ??= 2;
    group[L.day] = day;
    if (scale === null || ratings.length === 0) return [...group, null, null, ...counts];
    const values = [...new Set(ratings.map((at) => scale.min + at * (scale.max - scale.min)))].sort((a, b) => a - b);
    return [...group, scale.min, scale.max, ...counts, ...values.flatMap((v, i) => [v, ratingCounts[i] as number])];
  });

const countsArbitrary = fc
  .tuple(fc.array(fc.nat({ max: 50 }), { minLength: 3, maxLength: 3 }), fc.array(fc.tuple(fc.integer({ min: 1, max: 9 }), fc.nat({ max: 99 })), { maxLength: 2 }))
  .map(([three, pairs]) => [...three, ...pairs.flat()]);

const termsArbitrary = fc.array(
  fc.array(fc.tuple(fc.string({ minLength: 1, maxLength: 8 }), countsArbitrary), { maxLength: 4 }).map((terms) => ({
    stageId: "stage_a",
    negative: 3,
    positive: 1,
    negativeText: 0,
    scored: true,
    cut: 0,
    left: 0,
    terms: terms.map(([term]) => term),
    counts: terms.map(([, counts]) => counts),
  })),
  { maxLength: 2 },
);

/** A pattern of answered touchpoints: [n, i₁ … iₙ, count, Σx …, Σxᵢxⱼ …]. */
function pattern(touchpoints: number[]): number[] {
  const n = touchpoints.length;
  return [n, ...touchpoints, 4, ...Array.from({ length: n + (n * (n + 1)) / 2 }, (_, i) => i * 3)];
}

const driversArbitrary = fc.integer({ min: 1, max: 4 }).chain((k) =>
  fc
    .record({
      patterns: fc.array(fc.uniqueArray(fc.nat({ max: k - 1 }), { minLength: 1, maxLength: k }), { maxLength: 3 }),
      pairs: fc.array(fc.tuple(fc.nat({ max: k - 1 }), fc.nat({ max: k - 1 })), { maxLength: 2 }),
      partial: fc.array(fc.array(fc.nat({ max: k - 1 }), { maxLength: 3 }), { maxLength: 2 }),
    })
    .map(({ patterns, pairs, partial }) => ({
      touchpoints: Array.from({ length: k }, (_, i) => `tp_${i}`),
      units: Array.from({ length: k }, () => 4),
      patterns: patterns.map((p) => pattern(p.sort())),
      pairs: pairs.map(([a, b]) => [a, b, 5, 10, 11, 30, 31, 25]),
      pooled: pairs.length * 5,
      respondents: partial.map((_, i) => `r${i}`),
      partial: partial.map((answers) => answers.flatMap((t) => [t, 4, 1, 5])),
    })),
);

const summaryArbitrary = fc
  .record({ groups: fc.array(groupArbitrary, { maxLength: 12 }), terms: fc.option(termsArbitrary, { nil: undefined }), drivers: fc.option(driversArbitrary, { nil: undefined }) })
  .map(({ groups, terms, drivers }) => ({ strings: [...STRINGS], groups, ...(terms !== undefined && { terms }), ...(drivers !== undefined && { drivers }) }));

const JUNK: unknown[] = [null, undefined, -1, 0, 1, 1.5, 2, 3, 5, 6, 7, 100, -0.5, Number.NaN, Infinity, -Infinity, "1", {}, [], [1, 2, 3], true];

/** Every list of numbers in a summary, by kind (groups, term counts, driver lists), to mutate. */
function numberLists(summary: Record<string, unknown>): unknown[][][] {
  const arrays = (value: unknown): unknown[][] => (Array.isArray(value) ? value.filter((v): v is unknown[] => Array.isArray(v)) : []);
  const s = summary as { groups: unknown; terms?: { counts: unknown }[]; drivers?: Record<string, unknown> };
  const terms = (s.terms ?? []).flatMap((t) => arrays(t.counts));
  const drivers = s.drivers ? [...arrays(s.drivers.patterns), ...arrays(s.drivers.pairs), ...arrays(s.drivers.partial), ...arrays([s.drivers.units])] : [];
  return [arrays(s.groups), terms, drivers].filter((lists) => lists.length > 0);
}

/** One change that may break a summary, chosen by numbers. */
const mutationArbitrary = fc.tuple(fc.nat({ max: 10 }), fc.nat(), fc.nat(), fc.nat({ max: JUNK.length + 5 }));

/** A value to put at `i`: junk, or one made from what is there (a value before it, a little more or less, its negative). */
function replacement(list: unknown[], i: number, j: number): unknown {
  const here = list[i];
  const n = typeof here === "number" ? here : 0;
  return [list[i - 1], list[i - 2], n + 0.5, n - 1, n + 1, -n][j - JUNK.length] ?? JUNK[j];
}

function mutate(summary: Record<string, unknown>, [kind, a, b, j]: [number, number, number, number]): void {
  const kinds = numberLists(summary);
  const lists = kinds[a % Math.max(1, kinds.length)] ?? [];
  const junk = JUNK[j % JUNK.length];
  const s = summary as { strings: unknown[]; groups: unknown[]; terms?: { terms: unknown[]; counts: unknown[] }[]; drivers?: { units: unknown[]; respondents: unknown[]; touchpoints: unknown[]; partial: unknown[] } };
  const list = lists.length === 0 ? undefined : lists[Math.floor(a / 3) % lists.length];
  switch (kind) {
    case 0:
    case 1:
    case 2: // a part replaced
      if (list !== undefined && list.length > 0) list[b % list.length] = replacement(list, b % list.length, j);
      break;
    case 3: // a part taken off or added
      if (list !== undefined) {
        if (b % 3 === 0) list.pop();
        else if (b % 3 === 1) list.push(junk);
        else list.splice(0, list.length, 0, junk);
      }
      break;
    case 4: // a whole list replaced
      if (Array.isArray(s.groups) && s.groups.length > 0) s.groups[a % s.groups.length] = junk;
      break;
    case 5: // a string taken off, or a day that is no date
      if (b % 2 === 0) s.strings.pop();
      else s.strings[3] = "2026-1-5";
      break;
    case 6: // two parts swapped (histogram order, scale order)
      if (list !== undefined && list.length > 1) {
        const i = b % list.length;
        const k = (i + 1) % list.length;
        [list[i], list[k]] = [list[k], list[i]];
      }
      break;
    case 7: // a term without counts, or counts without a term
      if (s.terms !== undefined && s.terms.length > 0) {
        const t = s.terms[a % s.terms.length] as { terms: unknown[]; counts: unknown[] };
        if (b % 2 === 0) t.terms.push("extra");
        else t.counts.pop();
      }
      break;
    case 8: // driver lists that no longer fit together
      if (s.drivers !== undefined) {
        if (b % 3 === 0) s.drivers.units.pop();
        else if (b % 3 === 1) s.drivers.respondents.push("r_extra");
        else s.drivers.touchpoints.pop();
      }
      break;
    case 9: // a part made equal to one before it (a rating value repeated, a scale of no width)
      if (list !== undefined && list.length > 2) {
        // Half the time a histogram's later value made the one before it.
        const values = Math.floor((list.length - 12) / 2) - 1;
        const i = j % 2 === 0 && values > 0 ? 14 + 2 * (b % values) : 2 + (b % (list.length - 2));
        list[i] = list[i - 1 - (j % 2 === 0 ? 1 : b % 2)];
      }
      break;
    default: // a whole list of the summary replaced
      if (b % 2 === 0) (summary as Record<string, unknown>).groups = junk;
      else if (s.drivers !== undefined) (s.drivers as Record<string, unknown>).pairs = junk;
      break;
  }
}

describe("checking a summary without zod for each of its numbers", () => {
  it("accepts exactly what the schema that checked every number with zod accepted, and gives the same value", () => {
    fc.assert(
      fc.property(summaryArbitrary, fc.array(mutationArbitrary, { maxLength: 2 }), (valid, mutations) => {
        expect(ZodCheckedSummary.safeParse(valid).success).toBe(true);
        expect(FeedbackSummary.parse(structuredClone(valid))).toEqual(ZodCheckedSummary.parse(structuredClone(valid)));
        const summary = structuredClone(valid) as Record<string, unknown>;
        for (const mutation of mutations) mutate(summary, mutation);
        const old = ZodCheckedSummary.safeParse(summary);
        const now = FeedbackSummary.safeParse(summary);
        expect(now.success).toBe(old.success);
        if (now.success && old.success) expect(now.data).toEqual(old.data);
      }),
      { numRuns: 3000 },
    );
  }, 60_000);

  /** The issues of a summary with these groups, as "path: message". */
  const problems = (groups: unknown[], strings = ["stage_a", "Survey", "survey", "2026-01-05"]) => {
    const result = FeedbackSummary.safeParse({ strings, groups });
    return result.success ? [] : describeIssues(result.error.issues);
  };
  const good = [0, null, null, 1, 2, 3, null, 1, 5, 0, 0, 0, 4, 2];

  it("names the group, the part and what is wrong with it", () => {
    expect(problems([good])).toEqual([]);
    const cases: [unknown, RegExp][] = [
      ["not a list", /^groups\.1: must be a list of numbers, not "not a list"$/],
      [[0, null, null, 1, 2, 3, null, 1, 5, 0, 0, 0, 4], /^groups\.1: has 13 parts: a summary group needs 12 parts and value\/count pairs$/],
      [[0, null, null, 1, 2, 3, null, 1, 5, 0, 0], /^groups\.1: has 11 parts/],
      [[0, null, null, "1", 2, 3, null, 1, 5, 0, 0, 0, 4, 2], /^groups\.1\.3: the source \(part 3\) must be a number or null, not "1"$/],
      [[0, null, null, 1, 2, 3, null, 1, 5, 0, 0, 0, Number.NaN, 2], /^groups\.1\.12: rating value 1 \(part 12\) must be a finite number or null, not NaN$/],
      [[0, Infinity, null, 1, 2, 3, null, 1, 5, 0, 0, 0], /^groups\.1\.1: the touchpoint \(part 1\) must be a finite number or null, not Infinity$/],
      [[0, null, null, 1, 2, 3, null, 1, 5, 0, 0, 0, 4], /has 13 parts/],
      [[9, null, null, 1, 2, 3, null, 1, 5, 0, 0, 0, 4, 2], /^groups\.1\.0: the stage \(part 0\) is 9, a string the summary does not have \(it has 4\)$/],
      [[0, 1.5, null, 1, 2, 3, null, 1, 5, 0, 0, 0, 4, 2], /^groups\.1\.1: the touchpoint \(part 1\) is 1\.5, not a whole number/],
      [[0, null, -1, 1, 2, 3, null, 1, 5, 0, 0, 0, 4, 2], /^groups\.1\.2: the persona \(part 2\) is -1, a negative index/],
      [[0, null, null, null, 2, 3, null, 1, 5, 0, 0, 0, 4, 2], /^groups\.1\.3: the source \(part 3\) is null: a summary group needs a source and a kind$/],
      [[0, null, null, 1, null, 3, null, 1, 5, 0, 0, 0, 4, 2], /^groups\.1\.4: the kind \(part 4\) is null/],
      [[0, null, null, 1, 2, 3, 7, 1, 5, 0, 0, 0, 4, 2], /^groups\.1\.6: the segment \(part 6\) is 7, a string the summary does not have/],
      [[0, null, null, 1, 2, 3, null, 1, 5, -1, 0, 0, 4, 2], /^groups\.1\.9: the text-only count \(part 9\) is -1: a summary count must be a whole number ≥ 0$/],
      [[0, null, null, 1, 2, 3, null, 1, 5, 0, 0.5, 0, 4, 2], /^groups\.1\.10: the empty count \(part 10\) is 0\.5: a summary count must be a whole number ≥ 0$/],
      [[0, null, null, 1, 2, 3, null, 1, 5, 0, 0, null, 4, 2], /^groups\.1\.11: the no-answer count \(part 11\) is null/],
      [[0, null, null, 1, 2, 3, null, 5, 1, 0, 0, 0, 4, 2], /^groups\.1\.8: the scale runs from 5 to 1: a summary group with ratings needs a scale with max > min$/],
      [[0, null, null, 1, 2, 3, null, null, 5, 0, 0, 0, 4, 2], /^groups\.1\.7: the scale minimum \(part 7\) is null: a summary group with ratings needs a scale/],
      [[0, null, null, 1, 2, 3, null, 1, 5, 1, 0, 0], /^groups\.1\.7: the group has a scale \(1 to 5\) but no ratings: a summary group without ratings has no scale$/],
      [[0, null, null, 1, 2, 3, null, 1, 5, 0, 0, 0, 7, 2], /^groups\.1\.12: rating value 1 \(part 12\) is 7, off the scale 1 to 5/],
      [[0, null, null, 1, 2, 3, null, 1, 5, 0, 0, 0, 4, 2, 3, 1], /^groups\.1\.14: rating value 2 \(part 14\) is 3, not above the value before it \(4\)/],
      [[0, null, null, 1, 2, 3, null, 1, 5, 0, 0, 0, 4, 2, 4, 1], /^groups\.1\.14: rating value 2 \(part 14\) is 4, not above the value before it/],
      [[0, null, null, 1, 2, 3, null, 1, 5, 0, 0, 0, 4, 0], /^groups\.1\.13: the count of rating value 1 \(part 13\) is 0: a summary's rating counts must be whole numbers > 0$/],
      [[0, null, null, 1, 2, 3, null, 1, 5, 0, 0, 0, 4, 1.5], /^groups\.1\.13: the count of rating value 1 \(part 13\) is 1\.5: /],
      [[0, null, null, 1, 2, 3, null, 1, 5, 0, 0, 0, 4, 2, 5, null], /^groups\.1\.15: the count of rating value 2 \(part 15\) is null: /],
      [[0, null, null, 1, 2, 0, null, 1, 5, 0, 0, 0, 4, 2], /^groups\.1\.5: the day \(part 5\) names a string that is not a date: a summary day must be a date YYYY-MM-DD$/],
    ];
    for (const [group, expected] of cases) {
      const found = problems([good, group]);
      expect(found, JSON.stringify(group)).toHaveLength(1);
      expect(found[0], JSON.stringify(group)).toMatch(expected);
    }
  });

  it("lists at most 20 problems, one per broken group", () => {
    const broken = Array.from({ length: 50 }, () => [0, null, null, 1, 2, 3, null, 1, 5, 0, 0, 0, 4, 0]);
    const found = problems([good, ...broken]);
    expect(found).toHaveLength(20);
    expect(found[0]).toMatch(/^groups\.1\.13: /);
    expect(found[19]).toMatch(/^groups\.20\.13: /);
  });

  it("says which list of the summary is not a list", () => {
    expect(describeIssues((FeedbackSummary.safeParse({ strings: [], groups: 5 }) as { error: z.core.$ZodError }).error.issues)).toEqual(["groups: must be a list of number lists"]);
  });

  const withTerms = (counts: unknown[], terms = counts.map((_, i) => `term ${i}`)) => {
    const result = FeedbackSummary.safeParse({
      strings: [],
      groups: [],
      terms: [{ stageId: "stage_a", negative: 1, positive: 0, negativeText: 0, scored: true, cut: 0, left: 0, terms, counts }],
    });
    return result.success ? [] : describeIssues(result.error.issues);
  };

  it("names the stage and the term whose statistics are broken", () => {
    const need = 'the term statistics of stage "stage_a" need three counts and width/sum pairs for each term';
    expect(withTerms([[1, 0, 0], [2, 0, 1, 4, 3]])).toEqual([]);
    expect(withTerms([[1, 0, 0], [2, 0, 1, 4]])).toEqual([`terms.0.counts.1: ${need}: term 1 ("term 1") has 4`]);
    expect(withTerms([[1, 0]])).toEqual([`terms.0.counts.0: ${need}: term 0 ("term 0") has 2`]);
    expect(withTerms([[1, null, 0]])).toEqual([`terms.0.counts.0.1: ${need}: count 1 of term 0 ("term 0") must be a number, not null`]);
    expect(withTerms([[1, 0, 0]], ["a", "b"])).toEqual([`terms.0.counts: ${need}: they list 2 terms but 1 counts`]);
  });

  const withDrivers = (drivers: Record<string, unknown>) => {
    const base = { touchpoints: ["tp_a", "tp_b"], units: [4, 4], patterns: [pattern([0, 1])], pairs: [[0, 1, 5, 10, 11, 30, 31, 25]], pooled: 5, respondents: ["r1"], partial: [[1, 4, 1, 5]] };
    const result = FeedbackSummary.safeParse({ strings: [], groups: [], drivers: { ...base, ...drivers } });
    return result.success ? [] : describeIssues(result.error.issues);
  };

  it("names the driver list, the entry and what does not fit", () => {
    const misfit = "the driver sums do not fit together";
    expect(withDrivers({})).toEqual([]);
    expect(withDrivers({ units: [4] })).toEqual([`drivers.units: ${misfit}: 2 touchpoints but 1 units (each touchpoint needs one)`]);
    expect(withDrivers({ respondents: [] })).toEqual([`drivers.partial: ${misfit}: 0 respondents but 1 answer lists (each respondent needs one)`]);
    expect(withDrivers({ patterns: [pattern([0, 1]), [2, 0, 1, 4]] })).toEqual([`drivers.patterns.1: ${misfit}: patterns 1 holds 4 numbers, not 9`]);
    expect(withDrivers({ patterns: [pattern([0, 2])] })).toEqual([`drivers.patterns.0: ${misfit}: patterns 0 names touchpoint 2, which they do not list (they list 2, from 0)`]);
    expect(withDrivers({ patterns: [[0, 4]] })).toEqual([`drivers.patterns.0: ${misfit}: patterns 0 counts 0 touchpoints, not one or more`]);
    expect(withDrivers({ pairs: [[0, 1, 5]] })).toEqual([`drivers.pairs.0: ${misfit}: pairs 0 holds 3 numbers, not 8`]);
    expect(withDrivers({ pairs: [[0, 1.5, 5, 10, 11, 30, 31, 25]] })[0]).toMatch(/^drivers\.pairs\.0: .*pairs 0 names touchpoint 1\.5/);
    expect(withDrivers({ partial: [[1, 4, 1]] })).toEqual([`drivers.partial.0: ${misfit}: partial 0 holds 3 numbers, not four per answer`]);
    expect(withDrivers({ partial: [[1, 4, 1, 5, -1, 4, 1, 5]] })[0]).toMatch(/^drivers\.partial\.0: .*partial 0 names touchpoint -1/);
    expect(withDrivers({ partial: [[1, "4", 1, 5]] })).toEqual(['drivers.partial.0.1: the driver sums: partial 0: number 1 must be a number, not "4"']);
    expect(withDrivers({ pairs: "none" })).toEqual(["drivers.pairs: must be a list of number lists"]);
  });

  it("checks a journey's summary against the journey: unknown ids, kinds and segment texts are named once per group", () => {
    fc.assert(
      fc.property(journeyMapArbitrary({ maxFeedback: 5 }), (map) => {
        const strings = ["stage_gone", "Survey", "survey", "tp_gone", "persona_gone", "letter", '[["Plan","Pro"]]', "{not json"];
        const group = (stage: number, touchpoint: number | null, persona: number | null, kind: number, segment: number | null) => [stage, touchpoint, persona, 1, kind, null, segment, null, null, 1, 0, 0];
        const result = parseJourneyMap({
          ...map,
          summary: { strings, groups: [group(0, 3, 4, 5, 6), group(0, null, null, 2, 7), group(0, null, null, 2, 6)] },
        });
        expect(result.ok).toBe(false);
        if (result.ok) return;
        expect(result.errors).toEqual([
          'summary.groups.0: unknown stage "stage_gone"',
          'summary.groups.0: unknown touchpoint "tp_gone"',
          'summary.groups.0: unknown persona "persona_gone"',
          'summary.groups.0: "letter" is not a kind of feedback',
          'summary.groups.1: unknown stage "stage_gone"',
          'summary.groups.1: the segment values "{not json" are not a JSON list of [name, value] pairs',
          'summary.groups.2: unknown stage "stage_gone"',
        ]);
      }),
      { numRuns: 5 },
    );
  });
});
