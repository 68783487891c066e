/**
 * Writes shared/sentiment-lexicon.ts: VADER's lexicon (vader-sentiment 1.1.3, word → mean valence)
 * in the smallest form the panel can read without waiting: the words grouped by valence, one
 * "valence~word~word…" line each (no word holds "~"; a tab would be written "\t"), 71 kB, then
 * deflated (27 kB) and written in base64 (36 kB). The package's own lexicon module is a JavaScript
 * object of 7,503 keys, about 100 kB minified. sentiment-vader.ts inflates it with fflate (4 kB).
 *
 * Usage: node scripts/sentiment-lexicon.mjs (again only if vader-sentiment is upgraded).
 */
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { Buffer } from "node:buffer";
import { deflateRawSync } from "node:zlib";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
// The lexicon as its authors publish it: word, mean valence, standard deviation, the raters' scores,
// tab-separated. A word listed twice keeps its last line, as the package's lexicon module does.
const lexicon = {};
for (const line of readFileSync(path.join(root, "node_modules/vader-sentiment/vader_lexicon.txt"), "utf8").split("\n")) {
  const [word, mean] = line.split("\t");
  if (word === undefined || mean === undefined || word === "") continue;
  lexicon[word] = Number(mean);
}
const byValence = new Map();
for (const [word, valence] of Object.entries(lexicon)) {
  if (typeof valence !== "number" || /[~\n]/.test(word)) throw new Error(`unexpected lexicon entry ${JSON.stringify(word)}`);
  const key = String(valence);
  if (!byValence.has(key)) byValence.set(key, []);
  byValence.get(key).push(word);
}
const text = [...byValence].map(([valence, words]) => [valence, ...words].join("~")).join("\n");
// raw DEFLATE, as fflate's inflateSync reads it; zlib's level 9 packs it a little tighter than fflate's
const packed = deflateRawSync(Buffer.from(text, "utf8"), { level: 9 }).toString("base64");
writeFileSync(
  path.join(root, "shared/sentiment-lexicon.ts"),
  `/**
 * VADER's lexicon (vader-sentiment 1.1.3, Apache-2.0, © 2018 Comcast Cable Communications Management,
 * LLC; Hutto & Gilbert, ICWSM-14): ${Object.keys(lexicon).length} words and emoticons with their mean valence, grouped by
 * valence, one "valence~word~word…" line each, deflated and in base64. Written by
 * scripts/sentiment-lexicon.mjs; do not edit.
 */
export const VADER_LEXICON_DEFLATED = "${packed}";
`,
);
console.log(`${Object.keys(lexicon).length} entries, ${byValence.size} valences, ${text.length} characters, ${packed.length} in base64`);
