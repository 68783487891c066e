/**
 * Reading ratings as people and survey tools write them ("4", "4,5", "4/5", "8/10", "80%", "★★★★☆",
 * "4 stars", "10 - Extremely likely") and inferring the scale they are on.
 *
 * A rating that cannot be read or lies off the scale never counts toward metrics: the importer
 * reports it and keeps the row as a text-only response when it has a text.
 */
import type { RatingScale } from "../model";

export type RatingReading =
  | { kind: "empty" }
  /** `outOf` is the N of "x/N", "x out of N" or of a star string with empty stars, else null. */
  | { kind: "number"; value: number; outOf: number | null }
  | { kind: "unreadable" };

/** A number reading and the cell it was read from, kept by the importer until the scale is known. */
export type CellRating = Extract<RatingReading, { kind: "number" }> & { cell: string };

const EMPTY: RatingReading = { kind: "empty" };
const UNREADABLE: RatingReading = { kind: "unreadable" };

/** Answers that mean "no rating given", not a broken rating. */
const NO_ANSWER = new Set(["n/a", "na", "n.a.", "-", "–", "—", "none", "null", "no answer", "not applicable", "skipped"]);
/** The longest of them: a longer cell (a comment) is not lower-cased to be looked up. */
const NO_ANSWER_CHARS = 14;

const NUM = String.raw`[+-]?(?:\d+(?:[.,]\d+)?|[.,]\d+)`;
const PLAIN = new RegExp(`^${NUM}$`);
/** What a rating counts in: stars, a travel site's bubbles, points. */
const UNIT = String.raw`(?:stars?|stern(?:e|en)?|étoiles?|etoiles?|estrellas?|stelle|sterren|estrelas|bubbles?|points?|pts?\.?|punkte?)`;
/** "4/5", "4 out of 5", and with a unit as review sites write it: "5.0 out of 5 stars", "4 of 5 bubbles". */
const OUT_OF = new RegExp(`^(${NUM})\\s*(?:/|out of|of|von|sur|de|su|van)\\s*(\\d+(?:[.,]\\d+)?)(?:\\s*${UNIT})?$`, "i");
const PERCENT = new RegExp(`^(${NUM})\\s*%$`);
const WITH_UNIT = new RegExp(`^(${NUM})\\s*(?:${UNIT}|[★⭐*])$`, "i");
/** A label with its number in brackets, after it or before it: "Excellent (5)", "Very satisfied (5)", "(5) Excellent". */
const LABEL_THEN_NUMBER = new RegExp(`^\\p{L}[\\p{L}\\s'’-]*\\((${NUM})\\)$`, "u");
const NUMBER_THEN_LABEL = new RegExp(`^\\((${NUM})\\)\\s*\\p{L}`, "u");
/** A rating after a word that introduces it, as scraped sites write it: Trustpilot's "Rated 4 out of 5 stars", "Rating: 4/5". */
const RATED = /^(?:rated|rating)\s*:?\s+(.+)$/i;
/** SurveyMonkey and Qualtrics write the label with the number: "10 - Extremely likely", "5 = Very satisfied", "4 (Satisfied)". */
const LABELLED = new RegExp(`^(${NUM})\\s*[-–—:=(]\\s*\\p{L}`, "u");

const NUMBER_WORDS = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"];
const SPELLED = new RegExp(`^(${NUMBER_WORDS.join("|")})(?:\\s+out\\s+of\\s+(${NUMBER_WORDS.join("|")}))?\\s+stars?$`, "i");

const ISO_DATE_START = /^\d{4}-\d/;
const FILLED_STARS = new Set([0x2605, 0x2b50]); // ★ ⭐
const EMPTY_STAR = 0x2606; // ☆

function toNumber(text: string): number {
  return Number(text.replace(",", "."));
}

/** Reads one rating cell. Pure; the importer caches its answers by cell text. */
export function readRating(raw: string): RatingReading {
  const text = raw.trim();
  if (text === "") return EMPTY;
  // Every number form starts with a digit, a sign, a decimal point or comma; star strings with a star.
  // Anything else (a name, an id, a comment) is no number, and no pattern needs to look at it.
  const first = text.charCodeAt(0);
  const numeric = (first >= 0x30 && first <= 0x39) || first === 0x2b || first === 0x2d || first === 0x2e || first === 0x2c;
  if (numeric && PLAIN.test(text)) return { kind: "number", value: toNumber(text), outOf: null };
  // A percentage ("80%", "80 %"): a score out of 100.
  if (numeric && text.charCodeAt(text.length - 1) === 0x25) {
    const percent = PERCENT.exec(text);
    return percent === null ? UNREADABLE : { kind: "number", value: toNumber(percent[1] ?? ""), outOf: 100 };
  }
  // An ISO date ("2024-03-05") is no rating of any form: a date column need not try them all.
  if (numeric && ISO_DATE_START.test(text)) return UNREADABLE;
  if (text.length <= NO_ANSWER_CHARS && NO_ANSWER.has(text.toLowerCase())) return EMPTY;
  if (!numeric && (first === 0x52 || first === 0x72)) {
    const rated = RATED.exec(text)?.[1];
    if (rated !== undefined && RATED.exec(rated) === null) return readRating(rated);
  }
  if (!numeric) {
    if (FILLED_STARS.has(first) || first === EMPTY_STAR) return readStars(text) ?? UNREADABLE;
    // "Excellent (5)": ends with a bracket; "(5) Excellent": starts with one.
    const labelled = text.charCodeAt(text.length - 1) === 0x29 ? LABEL_THEN_NUMBER.exec(text) : first === 0x28 ? NUMBER_THEN_LABEL.exec(text) : null;
    if (labelled !== null) return { kind: "number", value: toNumber(labelled[1] ?? ""), outOf: null };
    // "Five stars", "Four out of five stars": a number written as a word, with its unit.
    const spelled = SPELLED.exec(text);
    if (spelled === null) return UNREADABLE;
    const value = NUMBER_WORDS.indexOf((spelled[1] ?? "").toLowerCase());
    const max = spelled[2] === undefined ? -1 : NUMBER_WORDS.indexOf(spelled[2].toLowerCase());
    return { kind: "number", value, outOf: max > 0 ? max : null };
  }
  const stars = readStars(text);
  if (stars !== null) return stars;
  const outOf = OUT_OF.exec(text);
  if (outOf !== null) {
    const max = toNumber(outOf[2] ?? "");
    return max > 0 ? { kind: "number", value: toNumber(outOf[1] ?? ""), outOf: max } : UNREADABLE;
  }
  const withUnit = WITH_UNIT.exec(text) ?? LABELLED.exec(text);
  if (withUnit !== null) return { kind: "number", value: toNumber(withUnit[1] ?? ""), outOf: null };
  return UNREADABLE;
}

/** "★★★★☆" is 4 out of 5; "★★★★" is 4 on a scale the other rows tell. */
function readStars(text: string): RatingReading | null {
  let filled = 0;
  let empty = 0;
  for (const char of text) {
    const code = char.codePointAt(0) ?? 0;
    if (FILLED_STARS.has(code)) filled++;
    else if (code === EMPTY_STAR) empty++;
    else if (code !== 0x20 && code !== 0xfe0f) return null; // spaces, emoji variation selector
  }
  if (filled + empty === 0) return null;
  return { kind: "number", value: filled, outOf: empty > 0 ? filled + empty : null };
}

/**
 * Creates a reader that remembers each distinct cell text: a column of 200,000 ratings has a handful.
 * Its number readings carry their cell, so a rating can be kept as one reference until it is checked.
 */
export function createRatingReader(): (raw: string) => Exclude<RatingReading, { kind: "number" }> | CellRating {
  const cache = new Map<string, Exclude<RatingReading, { kind: "number" }> | CellRating>();
  return (raw) => {
    let reading = cache.get(raw);
    if (reading === undefined) {
      const read = readRating(raw);
      reading = read.kind === "number" ? { ...read, cell: raw } : read;
      if (cache.size < 10_000) cache.set(raw, reading);
    }
    return reading;
  };
}

/** How often each value and each "out of N" occurred in a column, to infer its scale. */
export interface RatingTally {
  values: Map<number, number>;
  outOf: Map<number, number>;
}

export function createRatingTally(): RatingTally {
  return { values: new Map(), outOf: new Map() };
}

export function addToTally(tally: RatingTally, reading: RatingReading): void {
  if (reading.kind !== "number") return;
  tally.values.set(reading.value, (tally.values.get(reading.value) ?? 0) + 1);
  if (reading.outOf !== null) tally.outOf.set(reading.outOf, (tally.outOf.get(reading.outOf) ?? 0) + 1);
}

export const SCALE_1_5: RatingScale = Object.freeze({ min: 1, max: 5 });
export const SCALE_1_7: RatingScale = Object.freeze({ min: 1, max: 7 });
export const SCALE_1_10: RatingScale = Object.freeze({ min: 1, max: 10 });
export const SCALE_0_10: RatingScale = Object.freeze({ min: 0, max: 10 });
/** A slider's or a percentage's scale (Qualtrics' sliders answer 0 to 100). */
export const SCALE_0_100: RatingScale = Object.freeze({ min: 0, max: 100 });
/** Answers up to 10 without a 0 that make a column 1–10 rather than 0–10, when its header names no NPS. */
const NO_ZERO_ANSWERS = 300;
/** Ratings needed before rare outliers are read as typos, and the share of them tolerated. */
const TYPO_SAMPLE = 20;
const TYPO_SHARE = 0.01;
/** Smallest first: the smallest scale that holds the data is the likeliest one. */
const STANDARD_SCALES: readonly RatingScale[] = [SCALE_1_5, SCALE_1_7, SCALE_0_10];
const SMALL_SCALES: readonly RatingScale[] = [SCALE_1_5, SCALE_1_7];

/** A column's scale, and whether its 0s are "no answer" below it rather than ratings. */
export interface ScaleReading {
  scale: RatingScale;
  zeroIsNoAnswer: boolean;
}

/** How many off-scale values a column of `total` ratings may hold as typos: under 1 %, none below 20 ratings. */
export function typoTolerance(total: number): number {
  return total >= TYPO_SAMPLE ? Math.floor(total * TYPO_SHARE) : 0;
}

/**
 * Whether the 0s of a column are "no answer" beside ratings on `scale`, a scale from 1. Below 1–5 they
 * are, however many (Skytrax writes 0 for "not rated"): no 0–10 question is answered 0 to 5 alone.
 * Beside answers past 5 (1–7, 1–10) only when rare, as typos would be: common 0s beside 6–10 are the
 * answers of a 0–10 question ("how likely … recommend"), whose detractors must not be lost.
 */
export function zeroIsNoAnswer(tally: RatingTally, scale: RatingScale): boolean {
  const zeros = tally.values.get(0) ?? 0;
  if (zeros === 0 || scale.min !== 1) return false;
  return scale.max <= 5 || zeros <= typoTolerance(totalCount(tally));
}

/**
 * The smallest of `scales` that holds every value but rare typos (a 0 below it that `zeroIsNoAnswer`
 * reads as no answer counting as held); null when none does.
 */
export function fitScale(tally: RatingTally, scales: readonly RatingScale[]): ScaleReading | null {
  const total = totalCount(tally);
  const tolerated = typoTolerance(total);
  const zeros = tally.values.get(0) ?? 0;
  for (const scale of scales) {
    const noAnswer = zeroIsNoAnswer(tally, scale);
    if (countWithin(tally, scale) + (noAnswer ? zeros : 0) >= total - tolerated) return { scale, zeroIsNoAnswer: noAnswer };
  }
  return null;
}

/**
 * Infers the scale of a rating column: "x/N" gives N (from 1, unless a 0 occurs or the header names an NPS: `outOfScale`),
 * unless such cells are rare typos (see below);
 * otherwise the header's hint when every value fits it ("How likely … recommend" is 0–10 even if
 * nobody answered above 5); otherwise the smallest of 1–5, 1–7, 0–10 that holds every value (in a
 * column of 20 or more, all but under 1 % of them: rare outliers are typos), a 0 below 1–5 being
 * "no answer" (`zeroIsNoAnswer`, the rule wide exports follow too), and so is a rare 0 among answers
 * from 1 up to 10, read on 1–10 rather than 0–10; or 0–100 when the answers are a slider's
 * (`isPercentScale`); or, when none does (a typo like "44"), the one that holds the most, so the
 * outliers are reported as off it.
 * Null when the column holds no readable rating.
 */
export function inferRatingColumnScale(tally: RatingTally, hint: RatingScale | null = null): ScaleReading | null {
  if (tally.values.size === 0) return null;
  const total = totalCount(tally);
  // In a column of 20 or more ratings, a scale holding all but under 1 % of them is the scale and the
  // rest are typos to report ("7" among hundreds of 1–5 stars), not a sign of a wider scale. The same
  // holds for "x/N": one "3/10" among 200 plain fives does not make the column 0–10.
  const tolerated = typoTolerance(total);
  let outOfCount = 0;
  for (const count of tally.outOf.values()) outOfCount += count;
  const outOf = outOfCount > tolerated ? mostFrequent(tally.outOf) : null;
  if (outOf !== null) return { scale: outOfScale(outOf, tally, hint), zeroIsNoAnswer: false };
  if (hint !== null && countWithin(tally, hint) === total) return { scale: hint, zeroIsNoAnswer: false };
  const small = fitScale(tally, SMALL_SCALES);
  if (small !== null) return small;
  // A rare 0 among answers from 1 up to 10 is no answer on 1–10 (a review site's "not rated"), as in a
  // wide file: it does not make every answer 0–10. A 0 beside answers that start above 1 (NPS
  // detractors beside 6–10), or common 0s, keep 0–10; so do whole answers up to 10 without any 0.
  const fromOne = tally.values.has(1) ? fitScale(tally, [SCALE_1_10]) : null;
  if (fromOne?.zeroIsNoAnswer === true) return fromOne;
  const fit = fitScale(tally, STANDARD_SCALES);
  // Scores with decimals ("7.5", a hotel review site's) are no NPS answers: without a 0 they are on 1–10.
  // So are whole answers up to 10 under a header naming a scale that starts at 1: stars ("stars" 1 to 9,
  // an airline review site's) are never 0; and, under a header that names no NPS, hundreds of answers
  // without a single 0 (a drug review site's 1–10), where a 0–10 question's detractors would have given some.
  if (
    fit !== null &&
    fit.scale === SCALE_0_10 &&
    !tally.values.has(0) &&
    (hint?.min === 1 || (total >= NO_ZERO_ANSWERS && hint?.min !== 0) || [...tally.values.keys()].some((value) => !Number.isInteger(value)))
  ) {
    return { scale: SCALE_1_10, zeroIsNoAnswer: false };
  }
  if (fit !== null) return fit;
  if (isPercentScale(tally)) return { scale: SCALE_0_100, zeroIsNoAnswer: false };
  let best = SCALE_1_5;
  let bestCount = -1;
  for (const scale of STANDARD_SCALES) {
    const within = countWithin(tally, scale);
    if (within > bestCount) {
      best = scale;
      bestCount = within;
    }
  }
  return { scale: best, zeroIsNoAnswer: false };
}

/**
 * Whether a column's answers are on 0–100 (a slider, a percentage): every value but rare typos lies
 * within 0–100, and a quarter or more of them lie above 10, so that a 1–5 column with a typo ("44")
 * is not read as one.
 */
export function isPercentScale(tally: RatingTally): boolean {
  const total = totalCount(tally);
  let above10 = 0;
  for (const [value, count] of tally.values) if (value > 10 && value <= 100) above10 += count;
  return above10 >= 2 && above10 >= total / 4 && countWithin(tally, SCALE_0_100) >= total - typoTolerance(total);
}

/**
 * The scale of answers written "x/N": from 1, as review sites grade ("8/10" for a hotel is no answer
 * to "how likely … recommend"), unless a 0 occurs or the header names a scale from 0 (an NPS question
 * answered "9/10"); a percentage, or "x/100", is on 0–100.
 */
export function outOfScale(outOf: number, tally: RatingTally, hint: RatingScale | null): RatingScale {
  // Out of 100 (a percentage, "85/100") is a score from 0.
  if (outOf === 100) return SCALE_0_100;
  return { min: tally.values.has(0) || (hint?.min === 0 && hint.max === outOf) ? 0 : 1, max: outOf };
}

/** The scale alone of `inferRatingColumnScale`. */
export function inferRatingScale(tally: RatingTally, hint: RatingScale | null = null): RatingScale | null {
  return inferRatingColumnScale(tally, hint)?.scale ?? null;
}

function mostFrequent(counts: Map<number, number>): number | null {
  let best: number | null = null;
  let bestCount = 0;
  for (const [value, count] of counts) {
    if (count > bestCount) {
      best = value;
      bestCount = count;
    }
  }
  return best;
}

function totalCount(tally: RatingTally): number {
  let total = 0;
  for (const count of tally.values.values()) total += count;
  return total;
}

function countWithin(tally: RatingTally, scale: RatingScale): number {
  let within = 0;
  for (const [value, count] of tally.values) if (value >= scale.min && value <= scale.max) within += count;
  return within;
}

/** "1–5", the way scales are written in messages and in exported files. */
export function formatScale(scale: RatingScale): string {
  return `${scale.min}–${scale.max}`;
}

const SCALE_TEXT = /^\s*([+-]?\d+(?:\.\d+)?)\s*(?:–|—|-|to|\.\.)\s*([+-]?\d+(?:\.\d+)?)\s*$/i;

/** Reads a scale written as "1–5", "0-10", "1 to 7"; null when the text is not a scale with max > min. */
export function parseScale(text: string): RatingScale | null {
  const match = SCALE_TEXT.exec(text);
  if (match === null) return null;
  const min = Number(match[1]);
  const max = Number(match[2]);
  return max > min ? { min, max } : null;
}
