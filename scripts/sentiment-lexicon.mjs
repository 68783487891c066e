/**
 * Writes shared/sentiment-lexicon.ts: VADER's lexicon (vader-sentiment 1.1.3, word → mean valence)
 * in the smallest form the panel can read without waiting: the words grouped by valence, one line
 * each, in order of valence, of the valence and then its words in order, each written as the length
 * of the start it shares with the word before it (a control character) and the rest of it; deflated
 * (25 kB) and written in base 91 (31 kB; base64 of the words joined by "~" took 37 kB). The package's own lexicon
 * module is a JavaScript object of 7,503 keys, about 100 kB minified. sentiment-vader.ts inflates it
 * with tiny-inflate (3 kB).
 *
 * Usage: node scripts/sentiment-lexicon.mjs (again only if vader-sentiment is upgraded).
 */
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { Buffer } from "node:buffer";
import { deflateRawSync } from "node:zlib";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

/**
 * The 91 characters of the lexicon's text: printable ASCII but the quote and the backslash (which a
 * JavaScript string would escape) and "<" (no "</script>" in the panel's page). The same list is in
 * shared/sentiment-vader.ts, which reads it.
 */
const BASE91 = Array.from({ length: 94 }, (_, i) => String.fromCharCode(0x21 + i))
  .filter((c) => c !== '"' && c !== "\\" && c !== "<")
  .join("");

/**
 * Bytes as text of 91 characters (basE91: 13 or 14 bits per two characters, where base64 spends two
 * characters on 12), about 8 % shorter than base64.
 */
function base91(bytes) {
  let out = "";
  let bits = 0;
  let count = 0;
  for (const byte of bytes) {
    bits |= byte << count;
    count += 8;
    if (count > 13) {
      let value = bits & 8191;
      if (value > 88) {
        bits >>= 13;
        count -= 13;
      } else {
        value = bits & 16383;
        bits >>= 14;
        count -= 14;
      }
      out += BASE91[value % 91] + BASE91[Math.floor(value / 91)];
    }
  }
  if (count > 0) {
    out += BASE91[bits % 91];
    if (count > 7 || bits > 90) out += BASE91[Math.floor(bits / 91)];
  }
  return out;
}
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
// Lines in order of valence: neighbouring valences hold words alike, which deflates 4 % smaller.
// Each word after the first of its line as the length of the start it shares with the word before it
// (a control character, which no word holds: 1 is none, 2 one character …, up to 27) and the rest of it.
const SHARED = Array.from({ length: 31 }, (_, i) => String.fromCharCode(i + 1)).filter((c) => c !== "\t" && c !== "\n" && c !== "\r");
const frontCoded = (words) => {
  let before = "";
  return words
    .sort()
    .map((word) => {
      if ([...word].some((c) => c.charCodeAt(0) < 0x20)) throw new Error(`unexpected lexicon entry ${JSON.stringify(word)}`);
      let shared = 0;
      while (shared < SHARED.length - 1 && shared < before.length && word[shared] === before[shared]) shared++;
      before = word;
      return SHARED[shared] + word.slice(shared);
    })
    .join("");
};
const text = [...byValence]
  .sort((a, b) => Number(a[0]) - Number(b[0]))
  .map(([valence, words]) => valence + frontCoded(words))
  .join("\n");
// raw DEFLATE, as tiny-inflate reads it, at zlib's level 9
const bytes = Buffer.from(text, "utf8");
const packed = base91(deflateRawSync(bytes, { level: 9 }));
writeFileSync(
  path.join(root, "shared/sentiment-lexicon.ts"),
  `/**
 * VADER's lexicon (vader-sentiment 1.1.3, Apache-2.0, © 2018 Comcast Cable Communications Management,
 * LLC; Hutto & Gilbert, ICWSM-14): ${Object.keys(lexicon).length} words and emoticons with their mean valence, grouped by
 * valence, one line each: the valence, then each word as the length of the start it shares with the
 * word before it (a control character: 1 is none) and the rest of it; deflated and in base 91. Written by
 * scripts/sentiment-lexicon.mjs; do not edit.
 */
export const VADER_LEXICON_DEFLATED = "${packed}";
/** Its bytes once inflated (tiny-inflate writes into a buffer of this size). */
export const VADER_LEXICON_BYTES = ${bytes.length};
`,
);
console.log(`${Object.keys(lexicon).length} entries, ${byValence.size} valences, ${text.length} characters, ${packed.length} in base 91`);
