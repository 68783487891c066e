/**
 * The stored form of a summary's groups where bytes are scarce (the map frame holds 3.84 MB, the
 * draft 4 MB): one ASCII text instead of a JSON list of number lists. A year of a million responses
 * makes about 165,000 groups, 8 MB as JSON and 1.6 MB packed (bench: "Stored size").
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
 *   values on a whole scale), "$" and the same counts in base 36 joined by ".", or "%" and the
 *   value/count pairs as numbers joined by "_".
 *
 * Numbers are JavaScript's own text for them (exact both ways). "E" is no tag: it can be part of a
 * number. Unpacking gives exactly the groups packed; the journey's schema then validates them.
 */
import type { FeedbackSummary } from "./summary";

const TAGS = "ABCDFGHIJ";
const COUNT_TAGS = "KLM";
const HEADER = 9;
const HISTOGRAM = 12;

/** What a summary is stored as: its strings as they are, its groups packed. */
export interface PackedSummary {
  strings: string[];
  groups: string;
}

const number = (v: number | null | undefined): string => (v === null || v === undefined ? "~" : String(v));

/** Packs groups one at a time (a large summary is packed in slices: see `packGroups`). */
export class SummaryPacker {
  private previous: (number | null)[] = new Array<number | null>(HEADER).fill(null);
  private readonly parts: string[] = [];

  add(group: readonly (number | null)[]): void {
    let out = "";
    const previous = this.previous;
    const rated = group.length > HISTOGRAM;
    for (let f = 0; f < HEADER; f++) {
      // A group without ratings has no scale: the scale of the rated groups around it is not written again.
      if (f >= 7 && !rated) continue;
      const v = group[f] ?? null;
      const p = previous[f] ?? null;
      if (v === p) continue;
      out += f === 5 && v !== null && p !== null && v === p + 1 ? "^" : `${TAGS[f] as string}${number(v)}`;
      previous[f] = v;
    }
    for (let f = HEADER; f < HISTOGRAM; f++) if (group[f] !== 0) out += `${COUNT_TAGS[f - HEADER] as string}${number(group[f])}`;
    if (rated) out += histogram(group);
    this.parts.push(`${out};`);
  }

  text(): string {
    return this.parts.join("");
  }
}

function histogram(group: readonly (number | null)[]): string {
  const min = group[7];
  const max = group[8];
  let dense = typeof min === "number" && typeof max === "number" && Number.isInteger(min) && max - min <= 100;
  let small = true;
  for (let i = HISTOGRAM; dense && i < group.length; i += 2) {
    dense = Number.isInteger(group[i]);
    if ((group[i + 1] as number) >= 36) small = false;
  }
  if (!dense) {
    const pairs: string[] = [];
    for (let i = HISTOGRAM; i < group.length; i++) pairs.push(number(group[i]));
    return `%${pairs.join("_")}`;
  }
  const last = group[group.length - 2] as number;
  const counts = new Array<number>(last - (min as number) + 1).fill(0);
  for (let i = HISTOGRAM; i < group.length; i += 2) counts[(group[i] as number) - (min as number)] = group[i + 1] as number;
  return small ? `#${counts.map((c) => c.toString(36)).join("")}` : `$${counts.map((c) => c.toString(36)).join(".")}`;
}

/** A summary's groups as one text. */
export function packSummary(summary: FeedbackSummary): PackedSummary {
  const packer = new SummaryPacker();
  for (const group of summary.groups) packer.add(group);
  return { strings: summary.strings, groups: packer.text() };
}

class UnpackError extends Error {}

function readNumber(text: string): number | null {
  if (text === "~") return null;
  const n = Number(text);
  if (text === "" || !Number.isFinite(n)) throw new UnpackError(`"${text.slice(0, 20)}" is not a number`);
  return n;
}

/** The groups of a packed summary; an error in words when the text is not one. */
export function unpackSummary(packed: PackedSummary): FeedbackSummary {
  const text = packed.groups;
  const groups: (number | null)[][] = [];
  const header: (number | null)[] = new Array<number | null>(HEADER).fill(null);
  let counts = [0, 0, 0];
  let histogramPart: (number | null)[] = [];
  let i = 0;
  const n = text.length;
  // The end of a value: the next tag, "^", a histogram mark or the end of the group.
  const valueEnd = (from: number) => {
    let j = from;
    while (j < n && !"ABCDFGHIJKLM^#$%;".includes(text[j] as string)) j++;
    return j;
  };
  try {
    while (i < n) {
      const c = text[i] as string;
      const tag = TAGS.indexOf(c);
      const countTag = COUNT_TAGS.indexOf(c);
      if (tag >= 0 || countTag >= 0) {
        const end = valueEnd(i + 1);
        const value = readNumber(text.slice(i + 1, end));
        if (tag >= 0) header[tag] = value;
        else counts[countTag] = value ?? -1;
        i = end;
      } else if (c === "^") {
        if (header[5] === null) throw new UnpackError("a next day follows no day");
        header[5] = (header[5] as number) + 1;
        i++;
      } else if (c === "#" || c === "$" || c === "%") {
        let end = text.indexOf(";", i);
        if (end < 0) end = n;
        const body = text.slice(i + 1, end);
        if (c === "%") histogramPart = body.split("_").map(readNumber);
        else {
          const min = header[7];
          if (typeof min !== "number") throw new UnpackError("a histogram without a scale");
          const values = c === "#" ? [...body] : body.split(".");
          histogramPart = [];
          values.forEach((digits, k) => {
            const count = parseInt(digits, 36);
            if (!/^[0-9a-z]+$/.test(digits) || !Number.isFinite(count)) throw new UnpackError(`"${digits}" is not a count`);
            if (count > 0) histogramPart.push(min + k, count);
          });
        }
        i = end;
      } else if (c === ";") {
        const group = [...header, ...counts, ...histogramPart];
        if (histogramPart.length === 0) group[7] = group[8] = null;
        groups.push(group);
        counts = [0, 0, 0];
        histogramPart = [];
        i++;
      } else throw new UnpackError(`"${c}" is not a part of a packed summary`);
    }
  } catch (error) {
    if (error instanceof UnpackError) throw new Error(`the stored summary is damaged near character ${i}: ${error.message}`);
    throw error;
  }
  if (n > 0 && text[n - 1] !== ";") throw new Error("the stored summary is damaged: it is cut short");
  return { strings: packed.strings, groups };
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
  const ok =
    typeof packed === "object" &&
    packed !== null &&
    Array.isArray((packed as PackedSummary).strings) &&
    (packed as PackedSummary).strings.every((s) => typeof s === "string") &&
    typeof (packed as PackedSummary).groups === "string";
  if (!ok) throw new Error("the stored summary is damaged: it is not a packed summary");
  return { ...rest, summary: unpackSummary(packed as PackedSummary) };
}
