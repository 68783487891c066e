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
/** One token: a tag and its value, the next day, a dense or a sparse histogram, the end of a group. */
const TOKEN = /([A-DF-M])([^A-DF-M^#%;]*)|\^|#([0-9a-z]*)|%([^;]*)|;/y;

/** What a summary is stored as: its strings as they are, its groups packed. */
export interface PackedSummary {
  strings: string[];
  groups: string;
  /** What the summary keeps beside its groups (term statistics, driver sums, sentiment tallies), as it is. */
  terms?: FeedbackSummary["terms"];
  drivers?: FeedbackSummary["drivers"];
  sentiment?: FeedbackSummary["sentiment"];
}

/** Packs groups one at a time (a large summary is packed in slices). */
export class SummaryPacker {
  private readonly last: (number | null)[] = [];
  private readonly parts: string[] = [];

  add(g: readonly (number | null)[]): void {
    const rated = g.length > HISTOGRAM;
    let out = "";
    for (let f = 0; f < HISTOGRAM; f++) {
      const v = g[f] ?? null;
      if (f >= 9) {
        if (v !== 0) out += `${TAGS[f] as string}${v}`;
        continue;
      }
      // A group without ratings has no scale: the rated groups' scale is not written again around it.
      if ((f >= 7 && !rated) || v === (this.last[f] ?? null)) continue;
      out += f === 5 && v !== null && v === (this.last[5] ?? NaN) + 1 ? "^" : `${TAGS[f] as string}${v ?? "~"}`;
      this.last[f] = v;
    }
    if (rated) {
      const min = g[7] as number;
      let dense = Number.isInteger(min) && (g[8] as number) - min <= 100;
      const counts: number[] = [];
      for (let i = HISTOGRAM; dense && i < g.length; i += 2) {
        const at = (g[i] as number) - min;
        dense = Number.isInteger(at) && (g[i + 1] as number) < 36;
        while (counts.length < at) counts.push(0);
        counts.push(g[i + 1] as number);
      }
      out += dense ? `#${counts.map((c) => c.toString(36)).join("")}` : `%${g.slice(HISTOGRAM).join("_")}`;
    }
    this.parts.push(`${out};`);
  }

  text(): string {
    return this.parts.join("");
  }
}

/** A summary's groups as one text. */
export function packSummary(summary: FeedbackSummary): PackedSummary {
  const packer = new SummaryPacker();
  for (const group of summary.groups) packer.add(group);
  const packed: PackedSummary = { strings: summary.strings, groups: packer.text() };
  if (summary.terms !== undefined) packed.terms = summary.terms;
  if (summary.drivers !== undefined) packed.drivers = summary.drivers;
  if (summary.sentiment !== undefined) packed.sentiment = summary.sentiment;
  return packed;
}

/**
 * The groups of a packed summary, exactly as packed; an error in words where the text is not one.
 * What it gives is validated with the journey (its references, scales and counts).
 */
export function unpackSummary(packed: PackedSummary): FeedbackSummary {
  const text = packed.groups;
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
  const summary: FeedbackSummary = { strings: packed.strings, groups };
  if (packed.terms !== undefined) summary.terms = packed.terms;
  if (packed.drivers !== undefined) summary.drivers = packed.drivers;
  if (packed.sentiment !== undefined) summary.sentiment = packed.sentiment;
  return summary;
}

/** The key a model's packed summary is stored under, in the model's JSON, instead of `summary`. */
export const PACKED_SUMMARY_KEY = "packedSummary";

/** A model as stored: its summary packed (the rest as it is). */
export function withPackedSummary<T extends { summary?: FeedbackSummary | undefined }>(map: T, packed?: PackedSummary): Omit<T, "summary"> {
  if (map.summary === undefined) return map;
  const { summary, ...rest } = map;
  return { ...rest, [PACKED_SUMMARY_KEY]: packed ?? packSummary(summary) };
}

/**
 * A stored model's value with its packed summary unpacked into `summary`, ready to validate; a value
 * without one comes back as it is. Throws a sentence when the packed summary is damaged.
 */
export function withUnpackedSummary(value: unknown): unknown {
  if (typeof value !== "object" || value === null || !(PACKED_SUMMARY_KEY in value)) return value;
  const { [PACKED_SUMMARY_KEY]: packed, ...rest } = value as Record<string, unknown>;
  const p = packed as Partial<PackedSummary> | null;
  // Its strings are checked with the journey.
  if (typeof p !== "object" || p === null || !Array.isArray(p.strings) || typeof p.groups !== "string") {
    throw new Error("the stored summary is damaged: it is not a packed summary");
  }
  return { ...rest, summary: unpackSummary(p as PackedSummary) };
}
