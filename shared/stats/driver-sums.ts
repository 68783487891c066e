/**
 * Driver sums: what key drivers (drivers.ts) need of each respondent's answers, kept as sums so that
 * they survive when the rows are folded into a summary (summary.ts, evidence.ts).
 *
 * Correlations need, per pair of touchpoints (each with the outcome, and between touchpoints), n, Σx,
 * Σy, Σx², Σy², Σxy over the respondents who answered both. Relative weights need the same sums over
 * the respondents who answered every driver AND the outcome, a set only known once the drivers are
 * known; pair sums alone cannot give it. So the sums are kept per answer pattern (the set of
 * touchpoints a respondent answered): n, Σxᵢ and Σxᵢxⱼ (i ≤ j) over the respondents with exactly that
 * pattern. The pair sums of (a, b) add up the patterns holding both; the complete sums of a driver
 * set add up the patterns holding all of them. A survey with k questions has at most 2ᵏ patterns and
 * in practice a few dozen (who skips which optional question).
 *
 * Values, exact: an answer on a scale min…max of width w counts as x = (rating − min) × u / w, where
 * u, the touchpoint's unit, is the least common multiple of the widths its answers came on (4 for
 * 1–5 stars; 36 for a touchpoint asked on 1–5 and on 1–10). x is s × u, s the normalised satisfaction
 * the driver code uses, and Pearson's r does not change under a linear map of either variable, so
 * the figures are those of s. With whole ratings, every x and every sum is a whole number, so sums
 * over any rows in any order and any grouping are identical, and r is taken from them exactly (the
 * co-moments in BigInt). Not whole, and so exact only up to rounding: ratings that are not whole
 * numbers, scales whose widths are not whole numbers or whose least common multiple passes
 * 1,000,000 (the unit is then 0: x = s), and a respondent who answered one touchpoint more than once
 * (the mean of the answers counts, as in `gatherRespondentAnswers`).
 *
 * Stored form (`DriverSums`, in `FeedbackSummary.drivers`):
 * - `touchpoints` (ids) and their `units`, in id order; patterns name touchpoints by index;
 * - `patterns`: [k, i₁ … i_k, n, Σx_{i₁} … Σx_{i_k}, Σx_{i₁}x_{i₁}, Σx_{i₁}x_{i₂} … (i ≤ j, row by row)];
 * - `pairs`: [i, j, n, Σxᵢ, Σxⱼ, Σxᵢ², Σxⱼ², Σxᵢxⱼ] of the respondents beyond the pattern budget
 *   (`MAX_DRIVER_NUMBERS`; the rarest patterns go first), counted in `pooled`: their correlations stay
 *   exact, but relative weights are computed without them (the report says so);
 * - `respondents` and `partial`: a respondent with some rows kept and some folded keeps its folded
 *   answers as [touchpoint index, rating, min, max, …] (two plain arrays rather than tuples: the map's
 *   schema runs in the sandbox too, and zod's tuple would add to its bundle), so that whatever happens to the kept rows (edited,
 *   deleted), the respondent is counted once, with the answers the journey has.
 * A respondent whose answers arrive in a later import, after its earlier ones were folded, counts
 * as a new respondent (its folded answers are sums, no longer its own).
 */
import * as z from "../zod";
import { runPlan, step, visitPass, type FeedbackPass, type PassPlan } from "../feedback-pass";
import type { RatingScale } from "../model";

/** The most numbers the patterns may take in a stored journey (about 300 kB as JSON); beyond, rare patterns are kept as pair sums. */
export const MAX_DRIVER_NUMBERS = 50_000;
/** Rows or respondents read between two turns of the host when the sums are made in slices (a few milliseconds' work). */
export const DRIVER_ITEMS_PER_SLICE = 1_500;
/** A unit beyond this is not worth whole numbers (and could overflow their sums): x = s then. */
const MAX_UNIT = 1_000_000;

export const DriverSums = z.object({
  touchpoints: z.array(z.string()),
  units: z.array(z.number()),
  patterns: z.array(z.array(z.number())),
  pairs: z.array(z.array(z.number())),
  pooled: z.number(),
  respondents: z.array(z.string()),
  partial: z.array(z.array(z.number())),
});
export type DriverSums = z.infer<typeof DriverSums>;

/** A feedback row as driver sums read it (the same fields `gatherRespondentAnswers` reads). */
export interface DriverRow {
  rating: number | null;
  scale: RatingScale | null;
  touchpointId: string | null;
  responseId?: string;
  respondentId?: string;
}

/** One answer: touchpoint, rating, and its scale. */
type Answer = [touchpoint: string, rating: number, min: number, max: number];

/** Who answered: the respondent id, else the response id; null when neither (the row cannot be related). */
export function respondentOf(row: DriverRow): string | null {
  if (row.rating === null || row.scale === null || row.touchpointId === null) return null;
  const respondent = row.respondentId || row.responseId;
  return respondent === undefined || respondent === "" ? null : respondent;
}

function gcd(a: number, b: number): number {
  while (b !== 0) [a, b] = [b, a % b];
  return a;
}

/** The unit of a touchpoint answered on widths `a` (a unit) and `width`: their least common multiple, 0 when not whole. */
function lcmUnit(a: number, width: number): number {
  if (a === 0 || !Number.isInteger(width) || width <= 0) return 0;
  const l = (a / gcd(a, width)) * width;
  return l <= MAX_UNIT ? l : 0;
}

/** x of one answer in unit u (s when u = 0). */
function valueOf(rating: number, min: number, max: number, unit: number): number {
  const width = max - min;
  return unit === 0 ? (rating - min) / width : ((rating - min) * unit) / width;
}

/** The sums of one pattern while they are being added. */
interface Pattern {
  keys: number[];
  n: number;
  sums: number[];
  /** Σxᵢxⱼ for i ≤ j, row by row. */
  products: number[];
}

function patternNumbers(k: number): number {
  return 2 + 2 * k + (k * (k + 1)) / 2;
}

function emptyPattern(keys: number[]): Pattern {
  const k = keys.length;
  return { keys, n: 0, sums: new Array<number>(k).fill(0), products: new Array<number>((k * (k + 1)) / 2).fill(0) };
}

function readPattern(numbers: readonly number[]): Pattern {
  const k = numbers[0] ?? 0;
  const keys = numbers.slice(1, 1 + k);
  return {
    keys,
    n: numbers[1 + k] ?? 0,
    sums: numbers.slice(2 + k, 2 + 2 * k),
    products: numbers.slice(2 + 2 * k, patternNumbers(k)),
  };
}

/** Pair sums in order [n, Σx, Σy, Σx², Σy², Σxy]. */
type PairSums = [number, number, number, number, number, number];

/** Up to this many touchpoints, pair sums are one typed array (24 MB at most); beyond, a map of the pairs met. */
const DENSE_PAIR_TOUCHPOINTS = 1_000;

/** Pair sums [n, Σxᵢ, Σxⱼ, Σxᵢ², Σxⱼ², Σxᵢxⱼ] by touchpoint indexes i < j, added to one respondent or pattern at a time. */
class PairTable {
  private dense: Float64Array | null = null;
  private readonly sparse = new Map<number, Float64Array>();
  constructor(private readonly size: number) {}

  add(i: number, j: number, n: number, sx: number, sy: number, sxx: number, syy: number, sxy: number): void {
    const size = this.size;
    let sums: Float64Array;
    let at = 0;
    if (size <= DENSE_PAIR_TOUCHPOINTS) {
      // row i of the upper triangle starts after the pairs of rows 0 … i − 1
      sums = this.dense ??= new Float64Array(size * size * 3);
      at = ((i * (2 * size - i - 1)) / 2 + j - i - 1) * 6;
    } else {
      const key = i * size + j;
      sums = this.sparse.get(key) ?? new Float64Array(6);
      this.sparse.set(key, sums);
    }
    sums[at] = (sums[at] as number) + n;
    sums[at + 1] = (sums[at + 1] as number) + sx;
    sums[at + 2] = (sums[at + 2] as number) + sy;
    sums[at + 3] = (sums[at + 3] as number) + sxx;
    sums[at + 4] = (sums[at + 4] as number) + syy;
    sums[at + 5] = (sums[at + 5] as number) + sxy;
  }

  /** Every pair met, [i, j, n, Σxᵢ, Σxⱼ, Σxᵢ², Σxⱼ², Σxᵢxⱼ], by i then j. */
  list(): number[][] {
    const size = this.size;
    const out: number[][] = [];
    const dense = this.dense;
    if (dense === null) {
      // Only the pairs met, not every pair of thousands of touchpoints.
      for (const key of [...this.sparse.keys()].sort((a, b) => a - b)) out.push([Math.floor(key / size), key % size, ...(this.sparse.get(key) ?? [])]);
      return out;
    }
    for (let i = 0, at = 0; i < size; i++)
      for (let j = i + 1; j < size; j++, at += 6) if (dense[at] !== 0) out.push([i, j, ...dense.subarray(at, at + 6)]);
    return out;
  }
}

/** The sums of a set of respondents by answer pattern, over touchpoints named by id. */
export class DriverSumsBuilder {
  private readonly units = new Map<string, number>();
  /** Respondents' answers and stored sums are both held until `build`, when every unit is known. */
  private readonly raws: (readonly Answer[])[] = [];
  private readonly stored: DriverSums[] = [];
  private readonly partial = new Map<string, Answer[]>();

  /** Takes note of a width a touchpoint was answered on (a kept row's, which counts when the journey is analysed). */
  seeWidth(touchpoint: string, width: number): void {
    const unit = this.units.get(touchpoint);
    // most answers come on a width already seen (the unit is then a multiple of it): nothing to do
    if (unit !== undefined && (unit === 0 || (Number.isInteger(width) && unit % width === 0))) return;
    this.units.set(touchpoint, unit === undefined ? lcmUnit(width, width) : lcmUnit(unit, width));
  }

  /** Adds a respondent's answers (several answers to one touchpoint count with their mean). */
  addRespondent(answers: readonly Answer[]): void {
    for (const [touchpoint, , min, max] of answers) this.seeWidth(touchpoint, max - min);
    // x is taken at build time, in the final unit
    if (answers.length > 0) this.raws.push(answers);
  }

  /** Keeps a respondent's folded answers apart (its other rows are kept). */
  addPartial(respondent: string, answers: readonly Answer[]): void {
    if (answers.length === 0) return;
    for (const [touchpoint, , min, max] of answers) this.seeWidth(touchpoint, max - min);
    const list = this.partial.get(respondent);
    if (list === undefined) this.partial.set(respondent, [...answers]);
    else list.push(...answers);
  }

  /** Adds stored sums (their partial answers are kept apart again). */
  addStored(sums: DriverSums): void {
    sums.touchpoints.forEach((t, i) => {
      const unit = sums.units[i] ?? 0;
      const seen = this.units.get(t);
      this.units.set(t, seen === undefined ? unit : unit === 0 ? 0 : lcmUnit(seen, unit));
    });
    this.stored.push({ ...sums, respondents: [], partial: [] });
    sums.respondents.forEach((respondent, i) => this.addPartial(respondent, partialAnswers(sums, sums.partial[i] ?? [])));
  }

  /** The sums of everything added, patterns beyond `maxNumbers` pooled as pair sums. */
  build(maxNumbers = Infinity): DriverSums {
    return runPlan(this.buildPlan(maxNumbers));
  }

  /** `build` as a plan: the respondents are read in a pass of their own (there may be 200,000). */
  *buildPlan(maxNumbers = Infinity): PassPlan<DriverSums> {
    const touchpoints = [...this.units.keys()].sort();
    const index = new Map(touchpoints.map((t, i) => [t, i]));
    const units = touchpoints.map((t) => this.units.get(t) ?? 0);
    const patterns = new Map<string, Pattern>();
    const pairs = new PairTable(touchpoints.length);
    let pooled = 0;
    const patternOf = (keys: number[], id = keys.join(",")) => {
      let p = patterns.get(id);
      if (p === undefined) patterns.set(id, (p = emptyPattern(keys)));
      return p;
    };
    // stored sums, brought to the final units: x scales by f = unit / stored unit (1/unit when now 0)
    for (const sums of this.stored) {
      const factor = sums.touchpoints.map((t, i) => {
        const from = sums.units[i] ?? 0;
        const to = units[index.get(t) ?? 0] ?? 0;
        return from === to ? 1 : (to === 0 ? 1 : to) / (from === 0 ? 1 : from);
      });
      const at = sums.touchpoints.map((t) => index.get(t) ?? 0);
      for (const numbers of sums.patterns) {
        const read = readPattern(numbers);
        const keys = read.keys.map((k) => at[k] ?? 0);
        const target = patternOf(keys);
        target.n += read.n;
        read.keys.forEach((k, a) => (target.sums[a] = (target.sums[a] ?? 0) + (read.sums[a] ?? 0) * (factor[k] ?? 1)));
        let m = 0;
        for (let a = 0; a < read.keys.length; a++)
          for (let b = a; b < read.keys.length; b++, m++) {
            const f = (factor[read.keys[a] ?? 0] ?? 1) * (factor[read.keys[b] ?? 0] ?? 1);
            target.products[m] = (target.products[m] ?? 0) + (read.products[m] ?? 0) * f;
          }
      }
      for (const [i = 0, j = 0, n = 0, sx = 0, sy = 0, sxx = 0, syy = 0, sxy = 0] of sums.pairs) {
        const fi = factor[i] ?? 1;
        const fj = factor[j] ?? 1;
        pairs.add(at[i] ?? 0, at[j] ?? 0, n, sx * fi, sy * fj, sxx * fi * fi, syy * fj * fj, sxy * fi * fj);
      }
      pooled += sums.pooled;
    }
    // respondents, each as one vector of mean x per touchpoint: its pattern (touchpoint indexes, in
    // order) and its xs, made once and read twice
    const keyOf = new Int32Array(touchpoints.length).fill(-1);
    const raws = this.raws;
    const prepared: { id: string; keys: number[]; xs: number[] }[] = [];
    /** Respondents by pattern id (stored patterns count with their n). */
    const counts = new Map<string, number>();
    for (const [id, p] of patterns) counts.set(id, p.n);
    const prepare = (answers: readonly Answer[]) => {
      // a respondent answers a few touchpoints: small arrays, not maps
      const keys: number[] = [];
      const totals: number[] = [];
      const answered: number[] = [];
      for (const [touchpoint, rating, min, max] of answers) {
        const i = index.get(touchpoint) ?? 0;
        const x = valueOf(rating, min, max, units[i] ?? 0);
        const at = keyOf[i] ?? -1;
        if (at < 0) {
          keyOf[i] = keys.length;
          keys.push(i);
          totals.push(x);
          answered.push(1);
        } else {
          totals[at] = (totals[at] ?? 0) + x;
          answered[at] = (answered[at] ?? 0) + 1;
        }
      }
      for (const i of keys) keyOf[i] = -1;
      if (keys.length === 0) return;
      const order = keys.map((_, a) => a).sort((a, b) => (keys[a] ?? 0) - (keys[b] ?? 0));
      const xs = order.map((a) => (answered[a] === 1 ? (totals[a] ?? 0) : (totals[a] ?? 0) / (answered[a] ?? 1)));
      keys.sort((a, b) => a - b);
      const id = keys.join(",");
      counts.set(id, (counts.get(id) ?? 0) + 1);
      prepared.push({ id, keys, xs });
    };
    yield* step(visitPass((r) => prepare(raws[r] as readonly Answer[])), raws.length, DRIVER_ITEMS_PER_SLICE);
    // most respondents first; the rarest patterns beyond the budget become pair sums. Decided from the
    // counts alone, so that no pattern beyond the budget is ever made (a survey of 100 questions, each
    // skipped by a few, has a pattern of 5,151 numbers per respondent).
    const byRespondents = [...counts.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
    const keptIds = new Set<string>();
    let numbers = 0;
    for (const [id] of byRespondents) {
      const k = id === "" ? 0 : id.split(",").length;
      if (numbers + patternNumbers(k) > maxNumbers) continue;
      numbers += patternNumbers(k);
      keptIds.add(id);
    }
    const addRespondentSums = ({ id, keys, xs }: { id: string; keys: number[]; xs: number[] }) => {
      const k = keys.length;
      if (!keptIds.has(id)) {
        pooled++;
        for (let a = 0; a < k; a++) {
          const xa = xs[a] ?? 0;
          for (let b = a + 1; b < k; b++) {
            const xb = xs[b] ?? 0;
            pairs.add(keys[a] ?? 0, keys[b] ?? 0, 1, xa, xb, xa * xa, xb * xb, xa * xb);
          }
        }
        return;
      }
      const p = patternOf(keys, id);
      p.n++;
      let m = 0;
      for (let a = 0; a < k; a++) {
        p.sums[a] = (p.sums[a] ?? 0) + (xs[a] ?? 0);
        for (let b = a; b < k; b++, m++) p.products[m] = (p.products[m] ?? 0) + (xs[a] ?? 0) * (xs[b] ?? 0);
      }
    };
    yield* step(visitPass((r) => addRespondentSums(prepared[r] as { id: string; keys: number[]; xs: number[] })), prepared.length, DRIVER_ITEMS_PER_SLICE);
    const kept: number[][] = [];
    for (const [id] of byRespondents) {
      const p = patterns.get(id);
      if (p === undefined) continue;
      const k = p.keys.length;
      if (keptIds.has(id)) {
        kept.push([k, ...p.keys, p.n, ...p.sums, ...p.products]);
        continue;
      }
      // a stored pattern beyond the budget
      pooled += p.n;
      for (let a = 0; a < k; a++)
        for (let b = a + 1; b < k; b++)
          pairs.add(
            p.keys[a] ?? 0,
            p.keys[b] ?? 0,
            p.n,
            p.sums[a] ?? 0,
            p.sums[b] ?? 0,
            p.products[productIndex(k, a, a)] ?? 0,
            p.products[productIndex(k, b, b)] ?? 0,
            p.products[productIndex(k, a, b)] ?? 0,
          );
    }
    const pairList = pairs.list();
    const respondents = [...this.partial.keys()].sort();
    const partial = respondents.map((respondent) => {
      const answers = (this.partial.get(respondent) ?? []).map(([t, rating, min, max]) => [index.get(t) ?? 0, rating, min, max]);
      answers.sort((a, b) => (a[0] ?? 0) - (b[0] ?? 0) || (a[1] ?? 0) - (b[1] ?? 0) || (a[2] ?? 0) - (b[2] ?? 0) || (a[3] ?? 0) - (b[3] ?? 0));
      return answers.flat();
    });
    return { touchpoints, units, patterns: kept, pairs: pairList, pooled, respondents, partial };
  }
}

/** Where Σxₐx_b (a ≤ b) sits among a pattern's products. */
function productIndex(k: number, a: number, b: number): number {
  return a * k - (a * (a - 1)) / 2 + (b - a);
}

/** Answers of rows grouped by respondent, as a pass over the rows; rows that cannot be related are skipped. */
function answersByRespondentPass(
  rows: readonly DriverRow[],
  keep?: (row: DriverRow, index: number) => boolean,
): FeedbackPass<Map<string, { kept: Answer[]; folded: Answer[] }>> {
  const all = new Map<string, { kept: Answer[]; folded: Answer[] }>();
  return {
    read(from, to) {
      for (let at = from; at < to; at++) {
        const row = rows[at] as DriverRow;
        const respondent = respondentOf(row);
        if (respondent === null) continue;
        let entry = all.get(respondent);
        if (entry === undefined) all.set(respondent, (entry = { kept: [], folded: [] }));
        const scale = row.scale as RatingScale;
        const answer: Answer = [row.touchpointId as string, row.rating as number, scale.min, scale.max];
        (keep === undefined || keep(row, at) ? entry.kept : entry.folded).push(answer);
      }
    },
    finish: () => all,
  };
}

/** The answers a respondent's stored `partial` numbers hold. */
function partialAnswers(sums: Pick<DriverSums, "touchpoints">, numbers: readonly number[]): Answer[] {
  const answers: Answer[] = [];
  for (let i = 0; i + 3 < numbers.length; i += 4) {
    const touchpoint = sums.touchpoints[numbers[i] ?? -1];
    if (touchpoint !== undefined) answers.push([touchpoint, numbers[i + 1] ?? 0, numbers[i + 2] ?? 0, numbers[i + 3] ?? 1]);
  }
  return answers;
}

/**
 * Adds rows and stored sums to a builder, each respondent once: a respondent with rows `keep`s
 * (all, without `keep`) is a vector of its kept rows, folded rows and stored partial answers — or,
 * when folding (`keep` given) and some of its rows are kept, its folded answers are kept apart.
 * A plan: the rows, then the respondents, are read in passes.
 */
function* addJourney(
  builder: DriverSumsBuilder,
  rows: readonly DriverRow[],
  stored: DriverSums | undefined,
  keep?: (row: DriverRow, index: number) => boolean,
): PassPlan<void> {
  const partial = new Map<string, number[]>((stored?.respondents ?? []).map((r, i) => [r, stored?.partial[i] ?? []]));
  if (stored !== undefined) builder.addStored({ ...stored, respondents: [], partial: [] });
  const earlier = (respondent: string): Answer[] => {
    const numbers = partial.get(respondent);
    if (numbers === undefined || stored === undefined) return [];
    partial.delete(respondent);
    return partialAnswers(stored, numbers);
  };
  const byRespondent = yield* step(answersByRespondentPass(rows, keep), rows.length, DRIVER_ITEMS_PER_SLICE);
  const respondents = byRespondent.entries();
  const addNext = () => {
    const next = respondents.next();
    if (next.done === true) return;
    const [respondent, { kept, folded }] = next.value;
    if (keep !== undefined && kept.length > 0) {
      builder.addPartial(respondent, [...folded, ...earlier(respondent)]);
      for (const [touchpoint, , min, max] of kept) builder.seeWidth(touchpoint, max - min);
    } else builder.addRespondent([...kept, ...folded, ...earlier(respondent)]);
  };
  yield* step(visitPass(addNext), byRespondent.size, DRIVER_ITEMS_PER_SLICE);
  // respondents whose kept rows are all gone: their folded answers alone
  for (const respondent of [...partial.keys()]) builder.addRespondent(earlier(respondent));
}

/**
 * The driver sums of a journey: its stored sums (the summary's `drivers`) and its rows together,
 * every respondent counted once (its kept rows with its folded answers).
 */
export function journeyDriverSums(rows: Iterable<DriverRow>, stored?: DriverSums): DriverSums {
  const builder = new DriverSumsBuilder();
  runPlan(addJourney(builder, Array.isArray(rows) ? (rows as readonly DriverRow[]) : [...rows], stored));
  return builder.build();
}

/**
 * The driver sums to store when the rows `keep` says no to are folded: a respondent with no row kept
 * is added to the sums; one with some rows kept keeps its folded answers apart (`partial`).
 */
export function foldDriverSums(
  rows: readonly DriverRow[],
  keep: (row: DriverRow, index: number) => boolean,
  stored?: DriverSums,
  maxNumbers = MAX_DRIVER_NUMBERS,
): DriverSums {
  return runPlan(foldDriverSumsPlan(rows, keep, stored, maxNumbers));
}

/** `foldDriverSums` as a plan (evidence.ts runs it whole or in slices). */
export function* foldDriverSumsPlan(
  rows: readonly DriverRow[],
  keep: (row: DriverRow, index: number) => boolean,
  stored?: DriverSums,
  maxNumbers = MAX_DRIVER_NUMBERS,
): PassPlan<DriverSums> {
  const builder = new DriverSumsBuilder();
  yield* addJourney(builder, rows, stored, keep);
  return yield* builder.buildPlan(maxNumbers);
}

/** Two stored driver sums as one (what merging two summaries does). */
export function mergeDriverSums(a: DriverSums, b: DriverSums): DriverSums {
  const builder = new DriverSumsBuilder();
  builder.addStored(a);
  builder.addStored(b);
  return builder.build(MAX_DRIVER_NUMBERS);
}

/** n, Σxₐ, Σx_b, Σxₐ², Σx_b², Σxₐx_b over the respondents who answered both a and b (touchpoint ids). */
export function pairSums(sums: DriverSums, a: string, b: string): PairSums {
  const i = sums.touchpoints.indexOf(a);
  const j = sums.touchpoints.indexOf(b);
  const out: PairSums = [0, 0, 0, 0, 0, 0];
  if (i < 0 || j < 0 || i === j) return out;
  for (const numbers of sums.patterns) {
    const p = readPattern(numbers);
    const pa = p.keys.indexOf(i);
    const pb = p.keys.indexOf(j);
    if (pa < 0 || pb < 0) continue;
    const k = p.keys.length;
    const [lo, hi] = pa < pb ? [pa, pb] : [pb, pa];
    out[0] += p.n;
    out[1] += p.sums[pa] ?? 0;
    out[2] += p.sums[pb] ?? 0;
    out[3] += p.products[productIndex(k, pa, pa)] ?? 0;
    out[4] += p.products[productIndex(k, pb, pb)] ?? 0;
    out[5] += p.products[productIndex(k, lo, hi)] ?? 0;
  }
  for (const [pi, pj, n, sx, sy, sxx, syy, sxy] of sums.pairs) {
    const straight = pi === i && pj === j;
    if (!straight && !(pi === j && pj === i)) continue;
    out[0] += n ?? 0;
    out[1] += (straight ? sx : sy) ?? 0;
    out[2] += (straight ? sy : sx) ?? 0;
    out[3] += (straight ? sxx : syy) ?? 0;
    out[4] += (straight ? syy : sxx) ?? 0;
    out[5] += sxy ?? 0;
  }
  return out;
}

/**
 * The sums over the respondents who answered every one of `keys` (touchpoint ids): n, Σxₐ per key
 * and Σxₐx_b per pair of keys (a matrix, symmetric). Pooled respondents (pair sums only) are not in it.
 */
export function completeSums(sums: DriverSums, keys: readonly string[]): { n: number; sums: number[]; products: number[][] } {
  const at = keys.map((k) => sums.touchpoints.indexOf(k));
  const out = { n: 0, sums: keys.map(() => 0), products: keys.map(() => keys.map(() => 0)) };
  if (at.some((i) => i < 0)) return out;
  for (const numbers of sums.patterns) {
    const p = readPattern(numbers);
    const local = at.map((i) => p.keys.indexOf(i));
    if (local.some((i) => i < 0)) continue;
    const k = p.keys.length;
    out.n += p.n;
    local.forEach((la, a) => {
      out.sums[a] = (out.sums[a] ?? 0) + (p.sums[la] ?? 0);
      local.forEach((lb, b) => {
        const row = out.products[a] as number[];
        row[b] = (row[b] ?? 0) + (p.products[productIndex(k, Math.min(la, lb), Math.max(la, lb))] ?? 0);
      });
    });
  }
  return out;
}

/**
 * Pearson's r from sums: (nΣxy − ΣxΣy) / √((nΣx² − (Σx)²)(nΣy² − (Σy)²)), the co-moments taken in
 * BigInt when every sum is a whole number (so exactly), else in floating point. Null with fewer
 * than 2 pairs or when either side has no spread.
 */
export function pearsonFromSums(n: number, sx: number, sy: number, sxx: number, syy: number, sxy: number): number | null {
  if (n < 2) return null;
  let cxy: number;
  let cxx: number;
  let cyy: number;
  if ([n, sx, sy, sxx, syy, sxy].every(Number.isSafeInteger)) {
    const N = BigInt(n);
    const [X, Y] = [BigInt(sx), BigInt(sy)];
    cxy = Number(N * BigInt(sxy) - X * Y);
    cxx = Number(N * BigInt(sxx) - X * X);
    cyy = Number(N * BigInt(syy) - Y * Y);
  } else {
    cxy = n * sxy - sx * sy;
    cxx = n * sxx - sx * sx;
    cyy = n * syy - sy * sy;
    // rounding can leave a hair of spread where there is none
    if (cxx <= 1e-12 * n * sxx) cxx = 0;
    if (cyy <= 1e-12 * n * syy) cyy = 0;
  }
  if (cxx <= 0 || cyy <= 0) return null;
  return Math.max(-1, Math.min(1, cxy / Math.sqrt(cxx) / Math.sqrt(cyy)));
}

/** Respondents the sums hold: every pattern's and the pooled ones. */
export function sumsRespondents(sums: DriverSums): number {
  let n = sums.pooled;
  for (const numbers of sums.patterns) n += numbers[1 + (numbers[0] ?? 0)] ?? 0;
  return n;
}
