/**
 * VADER's compound score, ported from `vader-sentiment` 1.1.3 (src/vaderSentiment.js; Apache-2.0,
 * © 2018 Comcast Cable Communications Management, LLC; the JavaScript port of Hutto & Gilbert,
 * "VADER: A Parsimonious Rule-based Model for Sentiment Analysis of Social Media Text", ICWSM-14).
 *
 * Why a port: the package's module carries its lexicon as a 100 kB object and gives no way to pass
 * another; here the lexicon is inflated from 31 kB of deflated text (sentiment-lexicon.ts, 3 kB of
 * tiny-inflate to read it), which is what lets the panel score text where it enters. The rules are the package's, step for
 * step (booster words, ALL CAPS, negation, "never so", "least", idioms, "but", ! and ?), and the
 * scores are the package's to the last digit: test/shared/sentiment.test.ts compares both on every
 * Alexa review.
 *
 * One change, for speed only: the package maps a token with punctuation before or after it
 * ("good!!") to its word by building, for every text, a table of every word with every punctuation
 * mark before and after it (about 2 ms for a long review); here each token is looked up directly,
 * which finds the same word (words hold no punctuation, so a token splits one way only).
 */
import inflate from "tiny-inflate";
import { VADER_LEXICON_BYTES, VADER_LEXICON_DEFLATED } from "./sentiment-lexicon";

/** Word → mean valence (−4 … 4). */
export type Lexicon = ReadonlyMap<string, number>;

let lexicon: Map<string, number> | null = null;

/** The characters of the lexicon's base 91, in order (scripts/sentiment-lexicon.mjs: printable ASCII but `"`, `\` and `<`). */
const BASE91 = Array.from({ length: 94 }, (_, i) => String.fromCharCode(0x21 + i))
  .filter((c) => c !== '"' && c !== "\\" && c !== "<")
  .join("");

/** The lengths a word shares with the word before it in the lexicon's lines, as control characters (1 is none; not tab or line breaks). */
const SHARED = Array.from({ length: 31 }, (_, i) => String.fromCharCode(i + 1))
  .filter((c) => c !== "\t" && c !== "\n" && c !== "\r")
  .join("");

/** The bytes of a base 91 text, as scripts/sentiment-lexicon.mjs writes it (basE91: 13 or 14 bits per two characters). */
function base91Bytes(text: string): Uint8Array {
  const bytes: number[] = [];
  let value = -1;
  let bits = 0;
  let count = 0;
  for (let i = 0; i < text.length; i++) {
    const digit = BASE91.indexOf(text.charAt(i));
    if (value < 0) {
      value = digit;
      continue;
    }
    value += digit * 91;
    bits |= value << count;
    count += (value & 8191) > 88 ? 13 : 14;
    do {
      bytes.push(bits & 255);
      bits >>= 8;
      count -= 8;
    } while (count > 7);
    value = -1;
  }
  if (value >= 0) bytes.push((bits | (value << count)) & 255);
  return Uint8Array.from(bytes);
}

/** VADER's lexicon, inflated and read the first time it is needed (a few milliseconds). */
export function vaderLexicon(): Lexicon {
  if (lexicon !== null) return lexicon;
  const read = new Map<string, number>();
  const text = new TextDecoder().decode(inflate(base91Bytes(VADER_LEXICON_DEFLATED), new Uint8Array(VADER_LEXICON_BYTES)));
  for (const line of text.split("\n")) {
    // The valence, then each word as the length of the start it shares with the word before (a control character) and the rest.
    const nextWord = (from: number) => {
      let end = from;
      while (end < line.length && line.charCodeAt(end) >= 0x20) end++;
      return end;
    };
    let at = nextWord(0);
    const valence = Number(line.slice(0, at));
    let word = "";
    while (at < line.length) {
      const end = nextWord(at + 1);
      word = word.slice(0, SHARED.indexOf(line.charAt(at))) + line.slice(at + 1, end);
      read.set(word, valence);
      at = end;
    }
  }
  return (lexicon = read);
}

const B_INCR = 0.293;
const B_DECR = -0.293;
const C_INCR = 0.733;
const N_SCALAR = -0.74;
const REGEX_REMOVE_PUNCTUATION = /[!"#$%&'()*+,-./:;<=>?@[\\\]^_`{|}~]/g;
const PUNC_LIST = [".", "!", "?", ",", ";", ":", "-", "'", '"', "!!", "!!!", "??", "???", "?!?", "!?!", "?!?!", "!?!?"];
const NEGATE = new Set(
  (
    "aint arent cannot cant couldnt darent didnt doesnt ain't aren't can't couldn't daren't didn't doesn't dont hadnt hasnt " +
    "havent isnt mightnt mustnt neither don't hadn't hasn't haven't isn't mightn't mustn't neednt needn't never none nope nor " +
    "not nothing nowhere oughtnt shant shouldnt uhuh wasnt werent oughtn't shan't shouldn't uh-uh wasn't weren't without wont " +
    "wouldnt won't wouldn't rarely seldom despite"
  ).split(" "),
);
const BOOSTER_DICT = new Map<string, number>([
  ...(
    "absolutely amazingly awfully completely considerably decidedly deeply effing enormously entirely especially exceptionally " +
    "extremely fabulously flipping flippin fricking frickin frigging friggin fully fucking greatly hella highly hugely incredibly " +
    "intensely majorly more most particularly purely quite really remarkably so substantially thoroughly totally tremendously " +
    "uber unbelievably unusually utterly very"
  )
    .split(" ")
    .map((w): [string, number] => [w, B_INCR]),
  ...["almost", "barely", "hardly", "just enough", "kind of", "kinda", "kindof", "kind-of", "less", "little", "marginally", "occasionally"]
    .concat(["partly", "scarcely", "slightly", "somewhat", "sort of", "sorta", "sortof", "sort-of"])
    .map((w): [string, number] => [w, B_DECR]),
]);
const SPECIAL_CASE_IDIOMS = new Map<string, number>([
  ["the shit", 3],
  ["the bomb", 3],
  ["bad ass", 1.5],
  ["yeah right", -2],
  ["cut the mustard", 2],
  ["kiss of death", -1.5],
  ["hand to mouth", -2],
]);

/** One word negates (the package's `negated` of a one-word list, the only way it is called). */
function negatedWord(word: string): boolean {
  return NEGATE.has(word) || word.includes("n't");
}

function normalize(score: number, alpha = 15): number {
  const norm = score / Math.sqrt(score * score + alpha);
  return norm < -1 ? -1 : norm > 1 ? 1 : norm;
}

/** Python's str.isupper, as the package has it: at least one capital and no small letter. */
function isUpper(word: string): boolean {
  return word.length > 0 && /^[^a-z]*[A-Z]+[^a-z]*$/.test(word);
}

function allcapDifferential(words: string[]): boolean {
  let allcap = 0;
  for (const w of words) if (isUpper(w)) allcap++;
  const differential = words.length - allcap;
  return differential > 0 && differential < words.length;
}

function scalarIncDec(word: string, valence: number, isCapDiff: boolean): number {
  let scalar = BOOSTER_DICT.get(word.toLowerCase());
  if (scalar === undefined) return 0;
  if (valence < 0) scalar *= -1;
  if (isCapDiff && isUpper(word)) scalar += valence > 0 ? C_INCR : -C_INCR;
  return scalar;
}

/** The text's words and emoticons: tokens of 2+ characters, punctuation before or after a word taken off. */
function wordsAndEmoticons(text: string): string[] {
  const plain = new Set(
    text
      .replace(REGEX_REMOVE_PUNCTUATION, "")
      .split(/\s/)
      .filter((w) => w.length > 1),
  );
  const tokens = text.split(/\s/).filter((t) => t.length > 1);
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i] as string;
    if (plain.has(token)) continue;
    for (const p of PUNC_LIST) {
      if (token.length <= p.length) continue;
      if (token.startsWith(p) && plain.has(token.slice(p.length))) {
        tokens[i] = token.slice(p.length);
        break;
      }
      if (token.endsWith(p) && plain.has(token.slice(0, -p.length))) {
        tokens[i] = token.slice(0, -p.length);
        break;
      }
    }
  }
  return tokens;
}

function neverCheck(valence: number, words: string[], startI: number, index: number): number {
  if (startI === 0 && negatedWord(words[index - 1] as string)) return valence * N_SCALAR;
  if (startI === 1) {
    if (words[index - 2] === "never" && (words[index - 1] === "so" || words[index - 1] === "this")) return valence * 1.5;
    if (negatedWord(words[index - 2] as string)) return valence * N_SCALAR;
  }
  if (startI === 2) {
    if ((words[index - 3] === "never" && (words[index - 2] === "so" || words[index - 2] === "this")) || words[index - 1] === "so" || words[index - 1] === "this")
      return valence * 1.25;
    if (negatedWord(words[index - 3] as string)) return valence * N_SCALAR;
  }
  return valence;
}

function idiomsCheck(valence: number, words: string[], index: number): number {
  const w = (i: number) => String(words[i]);
  const oneZero = `${w(index - 1)} ${w(index)}`;
  const twoOneZero = `${w(index - 2)} ${w(index - 1)} ${w(index)}`;
  const twoOne = `${w(index - 2)} ${w(index - 1)}`;
  const threeTwoOne = `${w(index - 3)} ${w(index - 2)} ${w(index - 1)}`;
  const threeTwo = `${w(index - 3)} ${w(index - 2)}`;
  for (const sequence of [oneZero, twoOneZero, twoOne, threeTwoOne, threeTwo]) {
    const idiom = SPECIAL_CASE_IDIOMS.get(sequence);
    if (idiom !== undefined) {
      valence = idiom;
      break;
    }
  }
  if (words.length - 1 > index) valence = SPECIAL_CASE_IDIOMS.get(`${w(index)} ${w(index + 1)}`) ?? valence;
  if (words.length - 1 > index + 1) valence = SPECIAL_CASE_IDIOMS.get(`${w(index)} ${w(index + 1)} ${w(index + 2)}`) ?? valence;
  if (BOOSTER_DICT.has(threeTwo) || BOOSTER_DICT.has(twoOne)) valence += B_DECR;
  return valence;
}

function leastCheck(valence: number, lower: string[], index: number, lex: Lexicon): number {
  const before = lower[index - 1] ?? "";
  if (index > 1 && before === "least" && !lex.has(before)) {
    const twoBefore = lower[index - 2] as string;
    if (twoBefore !== "at" && twoBefore !== "very") valence *= N_SCALAR;
  } else if (index > 0 && before === "least" && !lex.has(before)) valence *= N_SCALAR;
  return valence;
}

/** `lower`: the words in lower case, worked out once per text (the package lowers each word up to eight times). */
function sentimentValence(words: string[], lower: string[], isCapDiff: boolean, index: number, lex: Lexicon): number {
  const item = words[index] as string;
  let valence = lex.get(lower[index] as string);
  if (valence === undefined) return 0;
  if (isCapDiff && isUpper(item)) valence += valence > 0 ? C_INCR : -C_INCR;
  for (let startI = 0; startI < 3; startI++) {
    if (index > startI && !lex.has(lower[index - (startI + 1)] as string)) {
      let s = scalarIncDec(words[index - (startI + 1)] as string, valence, isCapDiff);
      if (startI === 1 && s !== 0) s *= 0.95;
      else if (startI === 2 && s !== 0) s *= 0.9;
      valence += s;
      valence = neverCheck(valence, words, startI, index);
      if (startI === 2) valence = idiomsCheck(valence, words, index);
    }
  }
  return leastCheck(valence, lower, index, lex);
}

function punctuationEmphasis(text: string): number {
  let exclamations = 0;
  let questions = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 33) exclamations++;
    else if (c === 63) questions++;
  }
  const ep = Math.min(exclamations, 4) * 0.292;
  const qm = questions > 1 ? (questions <= 3 ? questions * 0.18 : 0.96) : 0;
  return ep + qm;
}

/** VADER's compound score of a text, −1 … 1 (0 for a text without words it knows). */
export function vaderCompound(text: string, lex: Lexicon = vaderLexicon()): number {
  const words = wordsAndEmoticons(text);
  const isCapDiff = allcapDifferential(words);
  const lower = words.map((w) => w.toLowerCase());
  const sentiments: number[] = [];
  for (let i = 0; i < words.length; i++) {
    const word = lower[i] as string;
    if ((i < words.length - 1 && word === "kind" && lower[i + 1] === "of") || BOOSTER_DICT.has(word)) sentiments.push(0);
    else sentiments.push(sentimentValence(words, lower, isCapDiff, i, lex));
  }
  // "but": what comes before it weighs half, what comes after it half again
  let but = words.indexOf("but");
  if (but === -1) but = words.indexOf("BUT");
  if (but !== -1) for (let i = 0; i < sentiments.length; i++) sentiments[i] = (sentiments[i] as number) * (i < but ? 0.5 : i > but ? 1.5 : 1);
  if (sentiments.length === 0) return 0;
  let sum = 0;
  for (const s of sentiments) sum += s;
  const emphasis = punctuationEmphasis(text);
  if (sum > 0) sum += emphasis;
  else if (sum < 0) sum -= emphasis;
  return parseFloat(normalize(sum).toFixed(4));
}
