/**
 * The stored form of a summary's groups where bytes are scarce (the map frame holds 3.84 MB, the
 * draft 4 MB): one ASCII text instead of a JSON list of number lists. A year of a million responses
 * makes about 165,000 groups, 8.1 MB as JSON and 1.0 MB packed (`npm run bench -- stored`).
 *
 * Groups are written in order, each ending with ";". A group writes only the parts that differ from
 * the group before it (sorted groups share their stage, touchpoint, persona and source; the next
 * day is usually the day after), each as a tag and its value:
 *
 *   A stage, B touchpoint, C persona, D source, F kind, G day, H segment, I scale min, J scale max
 *   (each a number, "~" for null; "^" alone: the day after the previous group's; a group without
 *   ratings has no scale and writes none, the scale carried over is the last rated group's), then K text-only,
 *   L empty, M no-answer counts (written when not 0), then the histogram:
 *   "#" and one base-36 digit per rating value from the scale's minimum up (counts under 36, whole
 *   values on a whole scale), else "%" and the value/count pairs as numbers joined by "_".
 *
 * Numbers are JavaScript's own text for them (exact both ways). "E" is no tag: it can be part of a
 * number. Unpacking gives exactly the groups packed; the journey's schema then validates them.
 */
import type { FeedbackSummary } from "./summary";

/** Tags of a group's parts 0 … 11 (see summary.ts's GROUP_LAYOUT). */
const TAGS = "ABCDFGHIJKLM";
const HISTOGRAM = 12;
/** A dense histogram's digits: a count under 36 is one character. */
const DIGITS = "0123456789abcdefghijklmnopqrstuvwxyz";

/** What is stored beside the groups, packed or not. */
export interface PackedSummary {
  strings: string[];
  groups: string;
  /** What the summary keeps beside its groups (term statistics, driver sums, sentiment tallies), as it is. */
  terms?: FeedbackSummary["terms"];
  drivers?: FeedbackSummary["drivers"];
  sentiment?: FeedbackSummary["sentiment"];
}

/**
 * Packs groups one at a time (a large summary is packed in slices). Strings are built with `+=`
 * and single characters, not templates and lists joined per group: this runs for every group, in
 * Figma's interpreter.
 */
export class SummaryPacker {
  private readonly last: (number | null)[] = [];
  private readonly parts: string[] = [];

  add(g: readonly (number | null)[]): void {
    const rated = g.length > HISTOGRAM;
    const last = this.last;
    let out = "";
    // A group without ratings has no scale: the rated groups' scale is not written again around it.
    for (let f = 0, header = rated ? 9 : 7; f < header; f++) {
      const v = g[f] ?? null;
      const before = last[f] ?? null;
      if (v === before) continue;
      out += f === 5 && v !== null && before !== null && v === before + 1 ? "^" : (TAGS[f] as string) + (v === null ? "~" : v);
      last[f] = v;
    }
    for (let f = 9; f < HISTOGRAM; f++) {
      const v = g[f] ?? null;
      if (v !== 0) out += (TAGS[f] as string) + v;
    }
    if (rated) {
      const min = g[7] as number;
      let dense = Number.isInteger(min) && (g[8] as number) - min <= 100;
      let digits = "";
      for (let i = HISTOGRAM, next = 0; dense && i < g.length; i += 2) {
        const at = (g[i] as number) - min;
        const count = g[i + 1] as number;
        dense = Number.isInteger(at) && Number.isInteger(count) && count < 36;
        for (; dense && next < at; next++) digits += "0";
        digits += DIGITS[count] ?? "";
        next++;
      }
      out += dense ? `#${digits}` : `%${g.slice(HISTOGRAM).join("_")}`;
    }
    this.parts.push(`${out};`);
  }

  text(): string {
    return this.parts.join("");
  }
}

/**
 * The packed text of groups packed or unpacked before, by the groups' list: a map read from its
 * frame and drawn again (Re-score, Generate over it) is not packed again. Groups are never changed
 * in place (a changed summary is a new list), so the same list always packs to the same text.
 */
const packedGroups = new WeakMap<readonly (readonly (number | null)[])[], string>();

/** A summary's groups as one text. */
export function packSummary(summary: FeedbackSummary): PackedSummary {
  let text = packedGroups.get(summary.groups);
  if (text === undefined) {
    const packer = new SummaryPacker();
    for (const group of summary.groups) packer.add(group);
    text = packer.text();
    packedGroups.set(summary.groups, text);
  }
  const packed: PackedSummary = { strings: summary.strings, groups: text };
  if (summary.terms !== undefined) packed.terms = summary.terms;
  if (summary.drivers !== undefined) packed.drivers = summary.drivers;
  if (summary.sentiment !== undefined) packed.sentiment = summary.sentiment;
  return packed;
}

/** The index of a group's part that character `c` tags (see TAGS), or -1. */
function tagOf(c: number): number {
  if (c >= 65 && c <= 68) return c - 65; // A … D
  if (c >= 70 && c <= 77) return c - 66; // F … M
  return -1;
}

/**
 * The groups of a packed summary, exactly as packed; an error in words where the text is not one.
 * What it gives is validated with the journey (its references, scales and counts). Read character
 * by character, without a regular expression match for each part: a year of feedback is a million
 * characters, in Figma's interpreter. `named` is how the error names the summary: "the stored
 * summary" (a frame's, a draft's) unless the caller says otherwise.
 */
export function unpackSummary(packed: PackedSummary, named = "the stored summary"): FeedbackSummary {
  const text = packed.groups;
  const length = text.length;
  const groups: (number | null)[][] = [];
  const header: (number | null)[] = [null, null, null, null, null, null, null, null, null];
  let textOnly = 0;
  let empty = 0;
  let noAnswer = 0;
  let histogram: number[] = [];
  const damaged = (at: number) => new Error(`${named} is damaged near character ${at}`);
  const number = (value: string, at: number) => {
    const n = Number(value);
    if (value === "" || !Number.isFinite(n)) throw damaged(at);
    return n;
  };
  for (let i = 0; i < length; ) {
    const c = text.charCodeAt(i);
    if (c === 59) {
      // ";": the end of a group
      const rated = histogram.length > 0;
      const group: (number | null)[] = [header[0], header[1], header[2], header[3], header[4], header[5], header[6], rated ? header[7] : null, rated ? header[8] : null, textOnly, empty, noAnswer] as (number | null)[];
      for (let k = 0; k < histogram.length; k++) group.push(histogram[k] as number);
      groups.push(group);
      textOnly = empty = noAnswer = 0;
      if (rated) histogram = [];
      i++;
    } else if (c === 94) {
      // "^": the day after the previous group's
      if (header[5] === null) throw damaged(i);
      header[5] = (header[5] as number) + 1;
      i++;
    } else if (c === 35) {
      // "#": a dense histogram, one base-36 count per value from the scale's minimum
      histogram = [];
      const min = header[7] ?? NaN;
      for (let k = 0; ++i < length; k++) {
        const d = text.charCodeAt(i);
        const count = d >= 48 && d <= 57 ? d - 48 : d >= 97 && d <= 122 ? d - 87 : -1;
        if (count < 0) break;
        if (count > 0) histogram.push(min + k, count);
      }
    } else if (c === 37) {
      // "%": value/count pairs up to the end of the group
      const at = i;
      let end = text.indexOf(";", i);
      if (end < 0) end = length;
      histogram = text.slice(i + 1, end).split("_").map((v) => number(v, at));
      i = end;
    } else {
      const f = tagOf(c);
      if (f < 0) throw damaged(i);
      // The value runs to the next tag or mark ("E" is no tag: it can be part of a number).
      let end = i + 1;
      for (; end < length; end++) {
        const d = text.charCodeAt(end);
        if (tagOf(d) >= 0 || d === 94 || d === 35 || d === 37 || d === 59) break;
      }
      const value = text.slice(i + 1, end);
      const n = value === "~" ? null : number(value, i);
      if (f < 9) header[f] = n;
      else if (f === 9) textOnly = n ?? -1;
      else if (f === 10) empty = n ?? -1;
      else noAnswer = n ?? -1;
      i = end;
    }
  }
  if (length > 0 && text.charCodeAt(length - 1) !== 59) throw new Error(`${named} is damaged: it is cut short`);
  packedGroups.set(groups, text);
  const summary: FeedbackSummary = { strings: packed.strings, groups };
  if (packed.terms !== undefined) summary.terms = packed.terms;
  if (packed.drivers !== undefined) summary.drivers = packed.drivers;
  if (packed.sentiment !== undefined) summary.sentiment = packed.sentiment;
  return summary;
}

/** The key a model's packed summary is stored under, in the model's JSON, instead of `summary`. */
export const PACKED_SUMMARY_KEY = "packedSummary" as const;

/** A value whose summary (if any) is packed under PACKED_SUMMARY_KEY. */
export type WithPackedSummary<T> = Omit<T, "summary"> & { [PACKED_SUMMARY_KEY]?: PackedSummary };

/** A model as stored: its summary packed (the rest as it is). */
export function withPackedSummary<T extends { summary?: FeedbackSummary | undefined }>(map: T, packed?: PackedSummary): WithPackedSummary<T> {
  if (map.summary === undefined) return map;
  const { summary, ...rest } = map;
  return { ...rest, [PACKED_SUMMARY_KEY]: packed ?? packSummary(summary) };
}

/**
 * A stored model's value with its packed summary unpacked into `summary`, ready to validate; a value
 * without one comes back as it is. Throws a sentence when the packed summary is damaged, naming it
 * as `named` says (see `unpackSummary`).
 */
export function withUnpackedSummary(value: unknown, named = "the stored summary"): unknown {
  if (typeof value !== "object" || value === null || !(PACKED_SUMMARY_KEY in value)) return value;
  const { [PACKED_SUMMARY_KEY]: packed, ...rest } = value as Record<string, unknown>;
  const p = packed as Partial<PackedSummary> | null;
  // Its strings are checked with the journey.
  if (typeof p !== "object" || p === null || !Array.isArray(p.strings) || typeof p.groups !== "string") {
    throw new Error(`${named} is damaged: it is not a packed summary`);
  }
  return { ...rest, summary: unpackSummary(p as PackedSummary, named) };
}
