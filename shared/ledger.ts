/**
 * The import ledger: what each import of a feedback file brought into a journey (the file's name,
 * size and content hash, its rows read, imported and skipped, the dates its rows span, when), and
 * which responses the imports brought, so that
 * - a file imported before is recognised by its content hash before anything is added, and
 * - the rows two overlapping exports share (last month's and this month's) are counted once,
 * without keeping the rows: once rows are folded into summaries, the ledger is what remembers them.
 *
 * The responses are kept as fingerprints. Each imported row has a key: its `responseKey` (the tool's
 * response id with the rating and text) when it has a response id, else its `contentKey` (date,
 * rating, text, stage, touchpoint, persona, source); a wide row is known by its first answer's key,
 * as the import looks it up. Each key becomes a 32-bit fingerprint (FNV-1a, then a finaliser that
 * spreads its bits); the fingerprints are sorted (a key a file holds twice is there twice) and the
 * gaps between them Golomb–Rice coded: with n fingerprints the gaps average 2³²/n, so each takes
 * about log₂(2³²/n) + 1.6 bits: 13.6 bits (2.3 base64 characters) a row at 1,000,000 rows, 17 bits
 * (2.8 characters) at 100,000. Besides, numeric response ids are kept exactly as ranges (at most
 * MAX_ID_RANGES, the closest merged): a row whose numeric id lies outside them is new for certain.
 *
 * A false match, a new row whose key has the fingerprint of one imported before, skips that row as
 * "already imported": for a row without a numeric id the odds are n / 2³² with n fingerprints in
 * the ledger, 1 in 430,000 at 10,000 rows, 1 in 4,300 at 1,000,000 (`falseMatchRate`). The row is
 * then listed with the other skipped rows, with its reason, among the rows that can be exported and
 * imported again (a forced import adds them), and the import report says how likely such a match was.
 *
 * Pure: no Figma, no DOM, no Node.
 */
import { contentKey, responseKey, type KnownResponses } from "./csv/import";
import type { CsvText } from "./csv/records";
import type { Feedback, ImportLedger, ImportRecord, JourneyMap, ResponseFingerprints } from "./model";

/** The most id ranges a ledger keeps; beyond, the two closest are merged (still exact about ids outside them). */
export const MAX_ID_RANGES = 64;

/** The damaged fingerprints of a journey, refused with a sentence rather than read wrong. */
export class LedgerError extends Error {}

/** Murmur3's finaliser: every bit of the input moves about half the bits of the output. */
function mix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/**
 * A 64-bit content hash of a text, fed in pieces: two independent 32-bit lanes (FNV-1a, and a
 * multiply–rotate lane), each finalised with the length. Not cryptographic: it tells the same file
 * from another, not a file made to collide. The text is the file as decoded (the panel and the command
 * line decode the same bytes to the same text), so the same export recognised by either.
 */
export interface ContentHasher {
  add(text: string): void;
  /** 16 hexadecimal digits. */
  digest(): string;
}

export function createContentHasher(): ContentHasher {
  let a = 0x811c9dc5;
  let b = 0x9e3779b9;
  let length = 0;
  return {
    add(text) {
      // The state in locals for the loop: updated in the closure's own variables character by character,
      // Chromium's engine took 15 times as long (420 ms instead of 27 for a 17 MB file; Node does not differ).
      let x = a;
      let y = b;
      for (let i = 0, n = text.length; i < n; i++) {
        const c = text.charCodeAt(i);
        x = Math.imul(x ^ c, 0x01000193);
        y = Math.imul(y ^ c, 0xcc9e2d51);
        y = (y << 15) | (y >>> 17);
      }
      a = x;
      b = y;
      length += text.length;
    },
    digest() {
      const hex = (h: number) => h.toString(16).padStart(8, "0");
      return hex(mix32(a ^ length)) + hex(mix32(b ^ Math.imul(length, 0x1b873593)));
    },
  };
}

/** `createContentHasher` over a whole text, one string or its pieces. */
export function contentHash(text: CsvText): string {
  const hasher = createContentHasher();
  if (typeof text === "string") hasher.add(text);
  else for (const piece of text) hasher.add(piece);
  return hasher.digest();
}

/** The 32-bit fingerprint of a row's key: FNV-1a over its characters, finalised with its length. */
export function keyFingerprint(key: string): number {
  let h = 0x811c9dc5;
  for (let i = 0, n = key.length; i < n; i++) h = Math.imul(h ^ key.charCodeAt(i), 0x01000193);
  return mix32(h ^ key.length);
}

/** A response id that is a whole number (no sign, no leading zero, exact in a double), as that number; else null. */
export function numericResponseId(id: string): number | null {
  if (id.length === 0 || id.length > 15 || (id.length > 1 && id.charCodeAt(0) === 48)) return null;
  for (let i = 0; i < id.length; i++) {
    const c = id.charCodeAt(i);
    if (c < 48 || c > 57) return null;
  }
  return Number(id);
}

/** The response id a `responseKey` starts with; null for a `contentKey`. */
function idOfKey(key: string): string | null {
  if (key.charCodeAt(0) === 1) return null;
  const end = key.indexOf("\u0000");
  return end < 0 ? key : key.slice(0, end);
}

/** The key the import looks a row up by: its `responseKey`, or its `contentKey` without a response id. */
export function rowKey(feedback: Feedback): string {
  return responseKey(feedback) ?? contentKey(feedback);
}

// ---------------------------------------------------------------------------------------------
// Golomb–Rice coding of sorted fingerprints, in base64.

// base64 by the host's btoa/atob (browsers, Node 16+), over "binary strings" of one character a byte.
function toBase64(bytes: Uint8Array): string {
  const parts: string[] = [];
  for (let i = 0; i < bytes.length; i += 8192) parts.push(String.fromCharCode.apply(null, bytes.subarray(i, i + 8192) as unknown as number[]));
  return btoa(parts.join(""));
}

function fromBase64(text: string): Uint8Array {
  let binary: string;
  try {
    binary = atob(text);
  } catch {
    throw new LedgerError("the journey's import ledger is damaged (its fingerprints are not base64)");
  }
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** The Rice parameter for `count` fingerprints spread over 2³²: about log₂ of the mean gap × ln 2. */
export function riceParameter(count: number): number {
  if (count <= 1) return 31;
  return Math.max(0, Math.min(31, Math.floor(Math.log2((2 ** 32 / count) * Math.LN2))));
}

/** Sorted fingerprints, Rice-coded (see the top of this file). */
export function encodeFingerprints(sorted: Uint32Array): { count: number; rice: number; data: string } {
  const rice = riceParameter(sorted.length);
  const riceSize = 2 ** rice;
  // Each gap takes its quotient + 1 bits of unary code and `rice` bits; the quotients add up to at
  // most the last fingerprint / riceSize.
  const last = sorted.length === 0 ? 0 : (sorted[sorted.length - 1] ?? 0);
  const bytes = new Uint8Array(Math.ceil((sorted.length * (rice + 1) + Math.floor(last / riceSize)) / 8) + 1);
  // Integer operations only (>>> keeps 32 bits unsigned): this loop runs once a row.
  const mask = rice === 0 ? 0 : -1 >>> (32 - rice);
  let position = 0;
  let previous = 0;
  for (let i = 0; i < sorted.length; i++) {
    const value = sorted[i] as number;
    const gap = (value - previous) >>> 0;
    previous = value;
    // Zeros are already there: the unary code is its quotient skipped, then a 1.
    position += gap >>> rice;
    bytes[position >> 3] = (bytes[position >> 3] as number) | (0x80 >> (position & 7));
    position++;
    // The remainder's bits, a byte's worth at a time.
    const remainder = gap & mask;
    for (let left = rice; left > 0; ) {
      const free = 8 - (position & 7);
      const take = free < left ? free : left;
      const chunk = (remainder >>> (left - take)) & ((1 << take) - 1);
      bytes[position >> 3] = (bytes[position >> 3] as number) | (chunk << (free - take));
      position += take;
      left -= take;
    }
  }
  return { count: sorted.length, rice, data: toBase64(bytes.subarray(0, Math.ceil(position / 8))) };
}

/** The sorted fingerprints back; damaged data is refused with a sentence, never read wrong. */
export function decodeFingerprints(stored: Pick<ResponseFingerprints, "count" | "rice" | "data">): Uint32Array {
  return run(decoding(stored));
}

/** `decodeFingerprints` in steps of STEP rows. */
function* decoding(stored: Pick<ResponseFingerprints, "count" | "rice" | "data">): Steps<Uint32Array> {
  const bytes = fromBase64(stored.data);
  const out = new Uint32Array(stored.count);
  const riceSize = 2 ** stored.rice;
  const totalBits = bytes.length * 8;
  let position = 0;
  const bit = () => {
    if (position >= totalBits) throw new LedgerError(`the journey's import ledger is damaged (its fingerprints end before the ${stored.count} it counts)`);
    const value = ((bytes[position >> 3] as number) >> (7 - (position & 7))) & 1;
    position++;
    return value;
  };
  let previous = 0;
  for (let i = 0; i < stored.count; i++) {
    let quotient = 0;
    while (bit() === 0) quotient++;
    let remainder = 0;
    for (let b = 0; b < stored.rice; b++) remainder = remainder * 2 + bit();
    const value = previous + quotient * riceSize + remainder;
    if (value > 0xffffffff) throw new LedgerError("the journey's import ledger is damaged (a fingerprint beyond 32 bits)");
    out[i] = value;
    previous = value;
    if (i % STEP === STEP - 1) yield;
  }
  return out;
}

/**
 * Work done in steps: a generator that yields between slices of rows, run at once (`run`) or with a
 * turn of the host between slices (`runAsync`), so a panel never freezes for 200,000 rows' keys.
 */
type Steps<T> = Generator<void, T, void>;
const STEP = 20_000;

function run<T>(steps: Steps<T>): T {
  for (;;) {
    const next = steps.next();
    if (next.done === true) return next.value;
  }
}

async function runAsync<T>(steps: Steps<T>, yieldToHost: () => Promise<void>): Promise<T> {
  for (;;) {
    const next = steps.next();
    if (next.done === true) return next.value;
    await yieldToHost();
  }
}

// ---------------------------------------------------------------------------------------------
// Numeric id ranges.

/** `ranges` (flat, ascending) with the sorted `ids` added, at most MAX_ID_RANGES of them. */
function addIdRanges(ranges: readonly number[], ids: readonly number[]): number[] {
  const pairs: [number, number][] = [];
  for (let i = 0; i + 1 < ranges.length; i += 2) pairs.push([ranges[i] ?? 0, ranges[i + 1] ?? 0]);
  for (const id of ids) pairs.push([id, id]);
  pairs.sort((x, y) => x[0] - y[0]);
  const merged: [number, number][] = [];
  for (const pair of pairs) {
    const last = merged[merged.length - 1];
    if (last !== undefined && pair[0] <= last[1] + 1) last[1] = Math.max(last[1], pair[1]);
    else merged.push([pair[0], pair[1]]);
  }
  // Too many: the two ranges with the smallest gap between them become one, until few enough.
  while (merged.length > MAX_ID_RANGES) {
    let best = 1;
    for (let i = 2; i < merged.length; i++) {
      const gap = (merged[i] as [number, number])[0] - (merged[i - 1] as [number, number])[1];
      if (gap < (merged[best] as [number, number])[0] - (merged[best - 1] as [number, number])[1]) best = i;
    }
    (merged[best - 1] as [number, number])[1] = (merged[best] as [number, number])[1];
    merged.splice(best, 1);
  }
  return merged.flat();
}

function inRanges(ranges: readonly number[], id: number): boolean {
  let low = 0;
  let high = ranges.length / 2 - 1;
  while (low <= high) {
    const mid = (low + high) >> 1;
    if (id < (ranges[mid * 2] ?? 0)) high = mid - 1;
    else if (id > (ranges[mid * 2 + 1] ?? 0)) low = mid + 1;
    else return true;
  }
  return false;
}

// ---------------------------------------------------------------------------------------------
// The responses of a journey, to look rows up in.

/** Where `value` first appears in `sorted`, or where it would go. */
function lowerBound(sorted: Uint32Array, value: number): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if ((sorted[mid] ?? 0) < value) low = mid + 1;
    else high = mid;
  }
  return low;
}

/** The responses a ledger knows, decoded once, for `alreadyImported`. */
export interface LedgerResponses extends KnownResponses {
  readonly fingerprints: Uint32Array;
  readonly idRanges: readonly number[];
  /** Whether a key has a response id that is not a whole number; whether a key is a row's content. */
  readonly textIds: boolean;
  readonly contentKeys: boolean;
}

function responsesOf(fingerprints: Uint32Array, idRanges: readonly number[], textIds: boolean, contentKeys: boolean): LedgerResponses {
  // Exact wherever it is cheap: a numeric id outside the ranges, a text id or a content key where the
  // ledger holds none, is new for certain; only the rest is looked up by fingerprint.
  const mayHaveId = (id: string) => {
    const number = numericResponseId(id);
    return number === null ? textIds : inRanges(idRanges, number);
  };
  return {
    fingerprints,
    idRanges,
    textIds,
    contentKeys,
    size: fingerprints.length,
    mayHaveId,
    count(key) {
      const id = idOfKey(key);
      if (id === null ? !contentKeys : !mayHaveId(id)) return 0;
      const fingerprint = keyFingerprint(key);
      const at = lowerBound(fingerprints, fingerprint);
      let end = at;
      while (end < fingerprints.length && fingerprints[end] === fingerprint) end++;
      return end - at;
    },
  };
}

/** The keys a lookup uses of imported rows: every row's, except a wide row's later answers (looked up by its first). */
export function* importedKeys(feedback: readonly Feedback[], shape: "long" | "wide"): Generator<string, void, void> {
  let respondent: string | undefined;
  for (const item of feedback) {
    if (shape === "wide" && item.respondentId !== undefined && item.respondentId === respondent) continue;
    respondent = item.respondentId;
    yield rowKey(item);
  }
}

/** Fingerprints and numeric id ranges of `keys`, added to `into`'s (null: none yet). */
export function addKeys(into: LedgerResponses | null, keys: Iterable<string>): LedgerResponses {
  return run(addingKeys(into, keys));
}

/** `addKeys` in steps of STEP keys. */
function* addingKeys(into: LedgerResponses | null, keys: Iterable<string>): Steps<LedgerResponses> {
  const added: number[] = [];
  const ids: number[] = [];
  let textIds = into?.textIds ?? false;
  let contentKeys = into?.contentKeys ?? false;
  for (const key of keys) {
    added.push(keyFingerprint(key));
    const id = idOfKey(key);
    if (id === null) contentKeys = true;
    else {
      const number = numericResponseId(id);
      if (number === null) textIds = true;
      else ids.push(number);
    }
    if (added.length % STEP === 0) yield;
  }
  const before = into?.fingerprints ?? new Uint32Array(0);
  const fingerprints = new Uint32Array(before.length + added.length);
  fingerprints.set(before);
  fingerprints.set(added, before.length);
  fingerprints.sort();
  ids.sort((a, b) => a - b);
  return responsesOf(fingerprints, addIdRanges(into?.idRanges ?? [], ids), textIds, contentKeys);
}

/** The stored form of a ledger's responses. */
export function storedResponses(responses: LedgerResponses): ResponseFingerprints {
  return {
    bits: 32,
    ...encodeFingerprints(responses.fingerprints),
    idRanges: [...responses.idRanges],
    textIds: responses.textIds,
    contentKeys: responses.contentKeys,
  };
}

/** The responses of a journey without a ledger, by its rows: worked out once for the import and its record. */
const fromRows = new WeakMap<readonly Feedback[], LedgerResponses>();

/** Decoded responses per stored ledger: a journey's ledger is decoded once however often it is imported into. */
const decoded = new WeakMap<ResponseFingerprints, LedgerResponses>();

/**
 * The responses already in a journey, to give the import as `alreadyImported`: its ledger's, or, for
 * a journey imported into before it had a ledger, the keys of its rows (a wide journey's every answer).
 * Throws LedgerError when the stored fingerprints are damaged.
 */
export function journeyResponses(map: Pick<JourneyMap, "feedback" | "ledger">): LedgerResponses {
  return run(knowing(map));
}

/** `journeyResponses`, giving the host a turn every 20,000 rows (200,000 rows' keys are a few hundred milliseconds of work). */
export function journeyResponsesAsync(map: Pick<JourneyMap, "feedback" | "ledger">, yieldToHost: () => Promise<void>): Promise<LedgerResponses> {
  return runAsync(knowing(map), yieldToHost);
}

function* knowing(map: Pick<JourneyMap, "feedback" | "ledger">): Steps<LedgerResponses> {
  if (map.ledger === undefined) {
    let seeded = fromRows.get(map.feedback);
    if (seeded === undefined) fromRows.set(map.feedback, (seeded = yield* addingKeys(null, importedKeys(map.feedback, "long"))));
    return seeded;
  }
  const stored = map.ledger.responses;
  let known = decoded.get(stored);
  if (known === undefined) {
    known = responsesOf(yield* decoding(stored), stored.idRanges, stored.textIds, stored.contentKeys);
    decoded.set(stored, known);
  }
  return known;
}

/** `contentHash`, giving the host a turn between the pieces of a large file. */
export async function contentHashAsync(text: CsvText, yieldToHost: () => Promise<void>): Promise<string> {
  if (typeof text === "string") return contentHash(text);
  const hasher = createContentHasher();
  for (const piece of text) {
    hasher.add(piece);
    await yieldToHost();
  }
  return hasher.digest();
}

/** What an import tells the ledger: the file, and the import's result. */
export interface ImportedFile {
  name: string;
  bytes: number;
  /** `contentHash` of the file's text. */
  hash: string;
}

export interface ImportOutcome {
  rows: number;
  imported: number;
  skipped: number;
  duplicates: number;
  shape: "long" | "wide";
  feedback: readonly Feedback[];
}

/** The import of a file with this content hash, the latest; null when the journey never imported it. */
export function findImport(map: Pick<JourneyMap, "ledger">, hash: string): ImportRecord | null {
  const imports = map.ledger?.imports ?? [];
  for (let i = imports.length - 1; i >= 0; i--) if (imports[i]?.hash === hash) return imports[i] as ImportRecord;
  return null;
}

/** "4 Dec 2026 at 03:21 UTC", for a sentence. */
export function describeImportTime(record: ImportRecord): string {
  const [date = "", time = ""] = record.importedAt.split("T");
  const [year, month, day] = date.split("-");
  const months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
  return `${Number(day)} ${months[Number(month) - 1] ?? month} ${year} at ${time.slice(0, 5)} UTC`;
}

/** "This file was imported on 4 Dec 2026 at 03:21 UTC (3,150 rows)", the start of the question asked before importing it again. */
export function alreadyImportedSentence(record: ImportRecord): string {
  const rows = new Intl.NumberFormat("en").format(record.imported);
  const name = record.file === "" ? "This file" : `This file (“${record.file}”)`;
  return `${name} was imported on ${describeImportTime(record)} (${rows} row${record.imported === 1 ? "" : "s"} imported)`;
}

/** The earliest and latest date of rows. */
function dateRange(feedback: readonly Feedback[]): { firstDate: string | null; lastDate: string | null } {
  let firstDate: string | null = null;
  let lastDate: string | null = null;
  for (const { date } of feedback) {
    if (date === null) continue;
    if (firstDate === null || date < firstDate) firstDate = date;
    if (lastDate === null || date > lastDate) lastDate = date;
  }
  return { firstDate, lastDate };
}

/**
 * The journey's ledger after an import: the import recorded, and the keys of the rows it brought
 * added to the responses. `map` is the journey before the import (without a ledger, its rows are the
 * responses so far); "replace" starts the responses again from the import's rows.
 */
export function recordImport(
  map: Pick<JourneyMap, "feedback" | "ledger">,
  file: ImportedFile,
  outcome: ImportOutcome,
  mode: "add" | "replace",
  now: Date = new Date(),
): ImportLedger {
  return run(recording(map, file, outcome, mode, now));
}

/** `recordImport`, giving the host a turn every 20,000 rows. */
export function recordImportAsync(
  map: Pick<JourneyMap, "feedback" | "ledger">,
  file: ImportedFile,
  outcome: ImportOutcome,
  mode: "add" | "replace",
  yieldToHost: () => Promise<void>,
  now: Date = new Date(),
): Promise<ImportLedger> {
  return runAsync(recording(map, file, outcome, mode, now), yieldToHost);
}

function* recording(
  map: Pick<JourneyMap, "feedback" | "ledger">,
  file: ImportedFile,
  outcome: ImportOutcome,
  mode: "add" | "replace",
  now: Date,
): Steps<ImportLedger> {
  const before = mode === "replace" ? null : yield* knowing(map);
  const responses = yield* addingKeys(before, importedKeys(outcome.feedback, outcome.shape));
  yield;
  return ledgerWith(map, { file, outcome, dates: dateRange(outcome.feedback), mode, now }, responses);
}

/** The journey's ledger with one more import recorded and its responses (decoded, kept for the next lookup). */
function ledgerWith(
  map: Pick<JourneyMap, "ledger">,
  r: { file: ImportedFile; outcome: Omit<ImportOutcome, "feedback">; dates: Pick<ImportRecord, "firstDate" | "lastDate">; mode: "add" | "replace"; now: Date },
  responses: LedgerResponses,
): ImportLedger {
  const { file, outcome } = r;
  const record: ImportRecord = {
    file: file.name,
    bytes: file.bytes,
    hash: file.hash,
    rows: outcome.rows,
    imported: outcome.imported,
    skipped: outcome.skipped,
    duplicates: outcome.duplicates,
    ...r.dates,
    importedAt: r.now.toISOString().replace(/\.\d+Z$/, "Z"),
    mode: r.mode,
  };
  const stored = storedResponses(responses);
  decoded.set(stored, responses);
  return { imports: [...(map.ledger?.imports ?? []), record], responses: stored };
}

/**
 * The keys of rows imported piece by piece (the command line's stream), kept as fingerprints, not
 * as rows or keys (1,000,000 rows' keys would be 100 MB; their fingerprints are 8 MB). Whether the
 * file is wide is known at the end: a row whose respondent is the previous row's is marked then.
 */
export class ResponsesCollector {
  private readonly fingerprints: number[] = [];
  private readonly ids: number[] = [];
  /** Indexes of rows with the previous row's respondent: a wide row's later answers. */
  private readonly laterAnswers: number[] = [];
  private respondent: string | undefined;
  private textIds = false;
  private contentKeys = false;
  private dates = { firstDate: null as string | null, lastDate: null as string | null };

  add(rows: readonly Feedback[]): void {
    for (const row of rows) {
      if (row.respondentId !== undefined && row.respondentId === this.respondent) this.laterAnswers.push(this.fingerprints.length);
      this.respondent = row.respondentId;
      const key = rowKey(row);
      this.fingerprints.push(keyFingerprint(key));
      const id = idOfKey(key);
      if (id === null) this.contentKeys = true;
      else {
        const number = numericResponseId(id);
        if (number === null) this.textIds = true;
        else this.ids.push(number);
      }
      const { date } = row;
      if (date !== null) {
        if (this.dates.firstDate === null || date < this.dates.firstDate) this.dates.firstDate = date;
        if (this.dates.lastDate === null || date > this.dates.lastDate) this.dates.lastDate = date;
      }
    }
  }

  /** The journey's ledger with the import recorded and the collected keys added to `map`'s responses. */
  record(map: Pick<JourneyMap, "feedback" | "ledger">, file: ImportedFile, outcome: Omit<ImportOutcome, "feedback">, now: Date = new Date()): ImportLedger {
    const before = journeyResponses(map);
    const later = outcome.shape === "wide" ? new Set(this.laterAnswers) : null;
    const added = later === null ? this.fingerprints : this.fingerprints.filter((_, i) => !later.has(i));
    const fingerprints = new Uint32Array(before.fingerprints.length + added.length);
    fingerprints.set(before.fingerprints);
    fingerprints.set(added, before.fingerprints.length);
    fingerprints.sort();
    const ids = [...this.ids].sort((a, b) => a - b);
    const responses = responsesOf(fingerprints, addIdRanges(before.idRanges, ids), before.textIds || this.textIds, before.contentKeys || this.contentKeys);
    return ledgerWith(map, { file, outcome, dates: this.dates, mode: "add", now }, responses);
  }
}

/** The odds that a new row is taken for one of `count` imported before, by fingerprint: n / 2³². */
export function falseMatchRate(count: number): number {
  return count / 2 ** 32;
}

/**
 * What an import report says when rows were skipped as already imported: how they were recognised
 * and how rarely a new row is mistaken for one ("about 1 in 1,400,000"), so a person who doubts a
 * skipped row knows it is listed and can be imported again.
 */
export function duplicateNote(known: Pick<KnownResponses, "size">): string {
  const one = Number((1 / falseMatchRate(Math.max(1, known.size))).toPrecision(2));
  const rows = new Intl.NumberFormat("en").format(known.size);
  return `Rows already imported are recognised by a fingerprint of their response id, rating and text (or their content): a new row is taken for one of the ${rows} imported about 1 in ${new Intl.NumberFormat("en").format(one)} times. Skipped rows are listed below; export them to import them again.`;
}
