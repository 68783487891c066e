/**
 * Response ids, to recognise a response imported twice. A hash map of 200,000 id strings costs an
 * import about 100 ms (a quarter of its time), while almost every id is new: so each id is hashed
 * once. The ids a file repeats are found once every row is read, by sorting the hashes (a typed
 * array, no garbage); only the rows whose hash repeats are then checked exactly. The ids already in a
 * journey go into a Bloom filter (a bit array), which answers "never seen" for nearly every new id.
 */

/** A 30-bit FNV-1a hash of an id (30 bits, so that V8 keeps it as a small integer, not a boxed number). */
export function responseIdHash(id: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < id.length; i++) hash = Math.imul(hash ^ id.charCodeAt(i), 0x01000193);
  return (hash ^ (hash >>> 15)) & 0x3fffffff;
}

/**
 * A blocked Bloom filter: the three bits of an id lie in one 32-bit word, so that a test reads one
 * place in memory. 2^18 words (1 MB): for 200,000 ids, about one false "may have seen" in 500.
 */
const FILTER_WORDS = 1 << 18;

export interface ResponseIdFilter {
  /** Adds a `responseIdHash`; says whether the filter may have seen it before (false: certainly not). */
  add(hash: number): boolean;
  /** Whether the filter may have seen a `responseIdHash` (false: certainly not). */
  mayHave(hash: number): boolean;
}

export function createResponseIdFilter(): ResponseIdFilter {
  const words = new Int32Array(FILTER_WORDS);
  /** Tests (and with `set`, sets) the hash's three bits; true when all three were set. */
  const probe = (hash: number, set: boolean): boolean => {
    const word = hash & (FILTER_WORDS - 1);
    const mixed = Math.imul(hash, 0x9e3779b1);
    const flags = (1 << (mixed >>> 27)) | (1 << ((mixed >>> 22) & 31)) | (1 << ((mixed >>> 17) & 31));
    const value = words[word] ?? 0;
    if ((value & flags) === flags) return true;
    if (set) words[word] = value | flags;
    return false;
  };
  return {
    add: (hash) => probe(hash, true),
    mayHave: (hash) => probe(hash, false),
  };
}

/**
 * The `responseIdHash`es that more than one row has (-1, a row without an id, aside), and how many
 * rows repeat an earlier row's hash.
 */
export function repeatedIdHashes(hashes: Int32Array): { hashes: Set<number>; rows: number } {
  const sorted = hashes.slice().sort();
  const repeated = new Set<number>();
  let rows = 0;
  for (let i = 1; i < sorted.length; i++) {
    const hash = sorted[i] as number;
    if (hash === -1 || hash !== sorted[i - 1]) continue;
    rows++;
    repeated.add(hash);
  }
  return { hashes: repeated, rows };
}

/** The number of different ids among `responseIdHash`es (-1: a row without an id, not counted), by hash. */
export function distinctIdCount(hashes: ArrayLike<number>): number {
  const seen = new Set<number>();
  for (let i = 0; i < hashes.length; i++) if (hashes[i] !== -1) seen.add(hashes[i] as number);
  return seen.size;
}

/**
 * Whether a column's values can be response ids: each response has its own, so most values differ.
 * A column where more than half the rows repeat an earlier value (a survey's id on every row, a
 * handful of channel codes) is something else, and taking it for ids would drop every response
 * whose rating and text happen to match an earlier one's. A file exported twice into one (every id
 * exactly twice) still counts as ids. Three rows at least, to tell.
 */
export function looksLikeResponseIds(hashes: ArrayLike<number>): boolean {
  let withId = 0;
  for (let i = 0; i < hashes.length; i++) if (hashes[i] !== -1) withId++;
  return withId < 3 || distinctIdCount(hashes) * 2 >= withId;
}
