/**
 * Wide exports: one row per respondent and one column per question, as SurveyMonkey, Typeform,
 * Google Forms, Qualtrics and Medallia write them. Every rating column is a question, and each
 * question becomes a touchpoint named after it (a short name for the map, the full question kept).
 *
 * This module profiles each column from its values (numbers, word labels, no-answers, how many
 * distinct values), guesses what each column is, and names questions; `inspectCsv` shows the guess
 * and `importFeedbackCsv` reads the file by it, with the person's corrections (`ColumnSettings`).
 */
import type { RatingScale } from "../model";
import {
  type ColumnMapping,
  EMPTY_MAPPING,
  FEEDBACK_CSV_HEADERS,
  MAPPED_FIELDS,
  type MappedField,
  guessMapping,
  headerClueScore,
  isFeedbackExportHeader,
  isIdentifierName,
  camelCaseApart,
  namesCustomerText,
  QUALTRICS_SYSTEM,
  namesOtherThan,
  normaliseHeader,
  ratingScaleHint,
  STATED_SCALE_AFTER,
  STATED_SCALE_BEFORE,
  statedScale,
} from "./columns";
import {
  type RatingTally,
  type ScaleReading,
  SCALE_0_10,
  SCALE_0_100,
  SCALE_1_10,
  SCALE_1_5,
  SCALE_1_7,
  createRatingReader,
  createRatingTally,
  fitScale,
  isPercentScale,
  outOfScale,
  typoTolerance,
} from "./rating";
import { namesAuthorSides } from "./author";
import { readDate } from "./date";
import { unnamedColumnHeader } from "./problem";
import { type WordMap, detectWordMap, isNoAnswerWord, wordKey } from "./words";

/** "long": one row per response, a rating column and maybe a touchpoint column; "wide": one row per respondent, one column per question. */
export type CsvShape = "long" | "wide";

/**
 * What a column holds. "question" is a rating question of a wide file (it becomes a touchpoint);
 * "rating", "touchpoint" and "scale" are the columns of a long file; "ignore" is not read.
 * "text" may be given to several columns: their cells are joined into the comment. "segment" may be
 * given to any number of columns: each row keeps its cell as `Feedback.segments[header]` (travel type,
 * plan, country, app version), in a long and a wide file alike.
 */
export const COLUMN_ROLES = ["question", ...MAPPED_FIELDS, "segment", "ignore"] as const;
export type ColumnRole = (typeof COLUMN_ROLES)[number];

/** A question flagged for the analysis: the likelihood-to-recommend (NPS) question, or the overall outcome a driver analysis explains. */
export type QuestionMeasure = "nps" | "outcome";

/** What `inspectCsv` read in one column, and what it guesses the column is. */
export interface ColumnProfile {
  /** 0-based column index. */
  index: number;
  /** The header as the file writes it (two header rows joined by " — "). */
  header: string;
  /** A readable name for the map: "Seat comfort" for `seat_comfort_rating`, "Checkout" for "How satisfied were you with checkout?". */
  shortName: string;
  /** The guessed role. */
  role: ColumnRole;
  /** For a question or rating column: the scale of its answers; null otherwise. */
  scale: RatingScale | null;
  /** For a column of word ratings: label → value, editable; null when the column holds numbers or is not a rating. */
  words: WordMap | null;
  /** Cells read as "no answer" in this column (as written, most frequent first), e.g. ["N/A", "0"]. */
  noAnswer: string[];
  /** A number the survey tool writes for no answer beside the scale's answers (99, or 9 beside 1–5), read as one; null for none. */
  noAnswerCode: number | null;
  /** How many cells are no-answers (empty ones included). */
  noAnswerCount: number;
  /** How many cells hold an answer. */
  answered: number;
  /** Distinct answers, counted up to 1,000. */
  distinct: number;
  /** The guessed measure of a question: NPS for "how likely … recommend", outcome for an "overall" rating. */
  measure: QuestionMeasure | null;
  /** Up to five distinct answers, as written, for the panel to show. */
  samples: string[];
}

/** A person's corrections for one column, by its index in `CsvImportOptions.columns`. Anything left out keeps the guess. */
export interface ColumnSettings {
  role?: ColumnRole;
  /** The touchpoint a question becomes: its name (default: the profile's short name). */
  name?: string;
  /** The stage a question's touchpoint goes into, by name (found or created); default "Unassigned". */
  stage?: string;
  /** The scale of the answers, instead of detecting it. */
  scale?: RatingScale;
  /** Word ratings: label → value on `scale` (or on the word map's scale); replaces the detected map. */
  words?: Record<string, number>;
  /** The cells that mean "no answer" in this column, as written (compared without case); replaces the defaults. */
  noAnswer?: string[];
  /** Marks the NPS or the outcome question; null removes the guess. */
  measure?: QuestionMeasure | null;
}

/** Values for every row of a file ("every review is in stage Advocacy, source App Store"); a non-empty cell of a mapped column wins. */
export interface FixedValues {
  stage?: string;
  touchpoint?: string;
  persona?: string;
  source?: string;
}

export { UNASSIGNED_STAGE } from "./link";

// ---------------------------------------------------------------------------------------------
// Profiling

const DISTINCT_CAP = 1000;
const LABEL_CAP = 40;

/** Running counts of one column, fed cell by cell. */
export interface ColumnTally {
  numbers: RatingTally;
  /** Numbers that are not whole or half (a price, a percentage). */
  fractional: number;
  /** Non-number, non-no-answer cells by text (up to LABEL_CAP distinct, then `manyLabels`). */
  labels: Map<string, number>;
  manyLabels: boolean;
  noAnswer: Map<string, number>;
  noAnswerCount: number;
  answered: number;
  distinct: Set<string>;
  /** Cells that look like an identifier: one word of letters and digits, 6 or more characters. */
  idLike: number;
  longest: number;
  /** The earlier column this one repeats cell for cell in every row profiled, or null. */
  copyOf: number | null;
}

export function createColumnTally(): ColumnTally {
  return {
    numbers: createRatingTally(),
    fractional: 0,
    labels: new Map(),
    manyLabels: false,
    noAnswer: new Map(),
    noAnswerCount: 0,
    answered: 0,
    distinct: new Set(),
    idLike: 0,
    longest: 0,
    copyOf: null,
  };
}

/** One word of letters, digits, "_" and "-" (fails at a comment's first space), then a digit in it. */
const ID_WORD = /^[A-Za-z0-9_-]{6,}$/;
const DIGIT = /\d/;

/** What a cell is, read once per distinct text: a no-answer, a number, or a label; and whether it looks like an id. */
interface CellClass {
  text: string;
  noAnswer: boolean;
  value: number | null;
  outOf: number | null;
  idLike: boolean;
}

/** Creates a function that adds a cell (`count` times) to a column's tally; cells are classified once per distinct text. */
export function createColumnTallier(): (tally: ColumnTally, cell: string, count: number) => void {
  const read = createRatingReader();
  const cache = new Map<string, CellClass>();
  const classify = (cell: string): CellClass => {
    let found = cache.get(cell);
    if (found !== undefined) return found;
    const text = cell.trim();
    const noAnswer = text === "" || isNoAnswerWord(text);
    const reading = noAnswer ? null : read(text);
    found = {
      text,
      noAnswer,
      value: reading?.kind === "number" ? reading.value : null,
      outOf: reading?.kind === "number" ? reading.outOf : null,
      idLike: !noAnswer && ID_WORD.test(text) && DIGIT.test(text),
    };
    if (cache.size < 20_000) cache.set(cell, found);
    return found;
  };
  return (tally, cell, count) => {
    const { text, noAnswer, value, outOf, idLike } = classify(cell);
    if (noAnswer) {
      tally.noAnswerCount += count;
      tally.noAnswer.set(text, (tally.noAnswer.get(text) ?? 0) + count);
      return;
    }
    tally.answered += count;
    if (tally.distinct.size < DISTINCT_CAP) tally.distinct.add(text);
    if (text.length > tally.longest) tally.longest = text.length;
    if (idLike) tally.idLike += count;
    if (value !== null) {
      tally.numbers.values.set(value, (tally.numbers.values.get(value) ?? 0) + count);
      if (outOf !== null) tally.numbers.outOf.set(outOf, (tally.numbers.outOf.get(outOf) ?? 0) + count);
      if (value * 2 !== Math.round(value * 2)) tally.fractional += count;
      return;
    }
    if (tally.labels.has(text) || tally.labels.size < LABEL_CAP) tally.labels.set(text, (tally.labels.get(text) ?? 0) + count);
    else tally.manyLabels = true;
  };
}

function numberCount(tally: ColumnTally): number {
  let count = 0;
  for (const n of tally.numbers.values.values()) count += n;
  return count;
}

/** Headers that name a number which is not a rating: dates' parts, counts, money, progress. */
const NOT_A_RATING = new Set([
  "year", "years", "month", "months", "day", "days", "week", "weeks", "hour", "hours", "minute", "minutes",
  "age", "count", "quantity", "qty", "number", "progress",
  "duration", "seconds", "price", "amount", "total", "cost", "revenue", "version", "zip", "postcode", "phone",
  "finished", "status", "id", "no", "order", "orders", "items", "latitude", "longitude", "lat", "lng",
  // Counts of votes and visits ("HelpfulnessNumerator", "Helpful votes", "Nights"), not answers.
  "numerator", "denominator", "votes", "vote", "likes", "upvotes", "downvotes", "views", "clicks", "visits",
  "nights", "guests", "adults", "children", "rooms", "distance", "miles", "weight", "height",
  // A survey tool's own columns: the last page a respondent saw (LimeSurvey's "lastpage"), a random seed, a row's index (KoboToolbox's "_index").
  "lastpage", "seed", "index",
]);

/** A question asking for a quantity ("How many people live …?", "How old are you?", "How long did you wait?"), of any length. */
const ASKS_QUANTITY = /^(?:how (?:many|old|long)|number of)\b/;

function headerWords(header: string): string[] {
  return normaliseHeader(camelCaseApart(header)).split(" ");
}

/**
 * How a column reads as ratings: its scale, its no-answer cells and word map; null when it is not a
 * rating column by its values (a number column of ids, money or flags; labels of no one family).
 */
export interface RatingColumnReading {
  scale: RatingScale;
  words: WordMap | null;
  /** The cells read as no answer beside the default words (a 0 below a 1–5 or 1–10 scale). */
  zeroIsNoAnswer: boolean;
  /** A number written for no answer (`noAnswerCode`), or null. */
  noAnswerCode: number | null;
}

/** Whether a column is a rating column by its values, and on which scale. */
export function readRatingColumn(header: string, tally: ColumnTally): RatingColumnReading | null {
  if (tally.answered === 0) return null;
  // Only a short header names a quantity ("Age", "Flight distance"); a question's words ("each part of your order") do not.
  const words = headerWords(header);
  // A header that states a scale asks for a rating, whatever it asks about ("Price (1-7)").
  if ((words.length <= 4 && words.some((word) => NOT_A_RATING.has(word))) || ASKS_QUANTITY.test(words.join(" "))) {
    if (statedScale(header) === null) return null;
  }
  if (isComputedScore(header)) return null;
  const numbers = numberCount(tally);
  const labelCount = tally.answered - numbers;
  if (numbers === 0) {
    if (tally.manyLabels) return null;
    const map = detectWordMap(tally.labels.keys(), header);
    return map === null ? null : { scale: map.scale, words: map, zeroIsNoAnswer: false, noAnswerCode: null };
  }
  // A few stray words among numbers are typos to report, not a sign the column is text.
  if (labelCount > Math.max(1, tally.answered * 0.1)) return null;
  if (tally.fractional > numbers * 0.05) return null;
  const values = tally.numbers.values;
  if (values.size < 2) return null;
  let min = Infinity;
  let max = -Infinity;
  for (const value of values.keys()) {
    if (value < min) min = value;
    if (value > max) max = value;
  }
  if (min < 0) return null;
  // 0/1 flags ("recommended", "feedback") are yes/no, not a scale.
  if (max <= 1) return null;
  // Many 0s under a header that names no rating: a count (Yelp's "useful" and "funny" votes), not answers.
  if (manyZeros(values) && headerClueScore(header, "rating") === 0) return null;
  // A code for no answer (99 beside answers of 1 to 5) is left out of the answers the scale is read from.
  const code = noAnswerCode(values);
  const scale = inferColumnScale(code === null ? tally.numbers : withoutValue(tally.numbers, code), header);
  if (scale === null) return null;
  return { scale: scale.scale, words: null, zeroIsNoAnswer: scale.zeroIsNoAnswer, noAnswerCode: code };
}

/** Codes survey tools and statistics packages write for "no answer", "don't know" or "refused". */
const NO_ANSWER_CODES = [99, 999, 9999, 9];

/**
 * The number a column writes for no answer beside its answers, or null: 99, 999 or 9999 beside
 * answers within 0–10 (no scale that short reaches them); 9 beside answers within 0–7 with no 8, in a
 * column of 20 answers or more, fewer of them 9 than not (a 1–5 question's "9 = don't know"; a 0–10
 * question's answers would hold an 8). Written twice at least, and more often than typos are.
 */
function noAnswerCode(values: ReadonlyMap<number, number>): number | null {
  for (const code of NO_ANSWER_CODES) {
    const codes = values.get(code);
    if (codes === undefined) continue;
    const top = code === 9 ? 7 : 10;
    let others = 0;
    let distinct = 0;
    for (const [value, count] of values) {
      if (value === code) continue;
      if (!Number.isInteger(value) || value < 0 || value > top) return null;
      others += count;
      distinct++;
    }
    // More than a rare typo's share: a lone "9" among 1–5 answers is reported as off the scale.
    if (distinct < 2 || codes < 2 || codes <= typoTolerance(others + codes)) return null;
    if (code === 9 && (others + codes < 20 || codes >= others)) return null;
    return code;
  }
  return null;
}

function withoutValue(tally: RatingTally, value: number): RatingTally {
  const values = new Map(tally.values);
  values.delete(value);
  return { values, outOf: tally.outOf };
}

/** Whether most of a column's numbers are written "x/N" ("4/5", "8/10"): ratings by the way they are written. */
function writesOutOf(tally: ColumnTally | undefined): boolean {
  if (tally === undefined) return false;
  let written = 0;
  for (const count of tally.numbers.outOf.values()) written += count;
  return written > 0 && written * 2 >= numberCount(tally);
}

/** Whether a column is a score or a check the survey tool worked out, no answer: Qualtrics' scoring columns ("SC0 — Score", "SC1 — Knowledge") and its own fields ("Q_RecaptchaScore"). */
function isComputedScore(header: string): boolean {
  return QUALTRICS_SYSTEM.test(header) || header.split(" — ").some((part) => /^sc\d+$/i.test(part.trim()));
}

/**
 * Whether 0 is three tenths or more of a column's numbers: votes are mostly 0, while a question's
 * 0 for "not used" (Kaggle's airline survey: 3 % of the wifi answers) is rare.
 */
function manyZeros(values: ReadonlyMap<number, number>): boolean {
  const zeros = values.get(0) ?? 0;
  let total = 0;
  for (const count of values.values()) total += count;
  return zeros > 0 && zeros >= total * 0.3;
}

/** A question's scales, smallest first; 1–10 before 0–10, as Skytrax and most review sites rate from 1. */
const QUESTION_SCALES: readonly RatingScale[] = [SCALE_1_5, SCALE_1_7, SCALE_1_10, SCALE_0_10];

/**
 * A question's scale from its numbers: "how likely … recommend" is 0–10; otherwise the smallest of
 * 1–5, 1–7, 1–10, 0–10 that holds every value but rare typos, a 0 below it being "no answer" by the
 * rule long files follow too (`zeroIsNoAnswer`: below 1–5 always, as Skytrax writes 0 for "not
 * rated"; beside answers past 5 only when rare, else the column is 0–10). Null when the values lie on none.
 */
export function inferColumnScale(tally: RatingTally, header: string): ScaleReading | null {
  let total = 0;
  for (const count of tally.values.values()) total += count;
  const tolerated = typoTolerance(total);
  // The scale the header states, when the answers keep to it ("Satisfaction (1-10)" answered from 4 up).
  const stated = statedScale(header);
  if (stated !== null) {
    let within = 0;
    for (const [value, count] of tally.values) if (value >= stated.min && value <= stated.max) within += count;
    if (within >= total - tolerated) return { scale: stated, zeroIsNoAnswer: false };
  }
  let within010 = 0;
  for (const [value, count] of tally.values) if (value >= 0 && value <= 10) within010 += count;
  const hint = ratingScaleHint(header);
  if (hint !== null && hint.min === 0 && within010 >= total - tolerated) return { scale: SCALE_0_10, zeroIsNoAnswer: false };
  // "x/N" cells say the scale, unless they are rare typos among plain numbers.
  let outOfCount = 0;
  let outOf = 0;
  let outOfBest = 0;
  for (const [n, count] of tally.outOf) {
    outOfCount += count;
    if (count > outOfBest) {
      outOf = n;
      outOfBest = count;
    }
  }
  if (outOfCount > tolerated) return { scale: outOfScale(outOf, tally, hint), zeroIsNoAnswer: false };
  const fit = fitScale(tally, QUESTION_SCALES);
  if (fit !== null) return fit;
  // A slider's answers, 0 to 100, under a header that asks for a rating ("How satisfied …", "Ease
  // score"): not an age, a duration or a count, which lie on 0–100 too.
  if (headerClueScore(header, "rating") > 0 && isPercentScale(tally)) return { scale: SCALE_0_100, zeroIsNoAnswer: false };
  return null;
}

export { SCALE_1_10 };

// ---------------------------------------------------------------------------------------------
// Names

const LEAD_INS: readonly RegExp[] = [
  /^(?:overall,?\s+)?how (?:satisfied|happy|pleased) (?:were|are) you with\s+/i,
  /^(?:overall,?\s+)?how (?:would|do) you (?:rate|rank|grade|score|evaluate)\s+/i,
  /^how (?:easy|difficult|hard) (?:was|is) it to\s+/i,
  /^how important (?:is|are|was|were)\s+/i,
  /^how (?:was|were|is|did you find)\s+/i,
  /^(?:please\s+)?rate\s+/i,
  /^(?:please\s+)?(?:tell us|let us know)\s+(?:about\s+)?/i,
  /^your (?:rating|score) (?:of|for)\s+/i,
  /^satisfaction with\s+/i,
  /^to what extent do you agree(?: with the following)?:?\s*/i,
];
const ARTICLES = /^(?:the|your|our|this)\s+/i;
const TRAILING_WORDS = new Set(["rating", "ratings", "score", "scores", "satisfaction", "csat"]);
const LEADING_WORDS = new Set(["review", "rating", "ratings", "score", "sat", "csat"]);
const SHORT_NAME_CHARS = 40;

/**
 * A readable short name for a question header: the item of a matrix question ("Rate us [Checkout]"
 * → "Checkout"; SurveyMonkey's second header row), without the question's lead-in ("How satisfied
 * were you with the checkout?" → "Checkout"), snake_case as words ("seat_comfort_rating" → "Seat
 * comfort"), at most 40 characters.
 */
export function questionShortName(header: string): string {
  // A header of several lines (Microsoft Forms keeps a question's notes and anchors below it): its first line.
  let name = header.trim().split(/\s*[\r\n]+\s*/)[0] ?? "";
  // Two header rows joined: the second names the item of a matrix question, unless it is the tool's "Response".
  const parts = name.split(" — ").map((part) => part.trim());
  if (parts.length > 1) {
    const last = parts[parts.length - 1] ?? "";
    const first = parts[0] ?? "";
    const generic = /^(response|open-ended response|answer|other \(please specify\))$/i.test(last);
    // Qualtrics: "Q1 — How satisfied …": the question text is the second part.
    name = generic || last === "" ? first : /^q\d+[\w.]*$/i.test(first) ? last : last.length <= 3 ? first : last;
    // Qualtrics names a matrix's item by its code ("Q2_1") and writes it after the question's last
    // " - ", with or without a question mark before it: "Rate each part - Booking".
    const dash = name.lastIndexOf(" - ");
    if (QUALTRICS_ITEM.test(first) && dash > 0 && name.slice(dash + 3).trim() !== "") name = name.slice(dash + 3).trim();
  }
  // The scale written after the question: "Wait time (1-5)", "Likelihood to recommend (0–10)".
  name = name.replace(STATED_SCALE_AFTER, "").trimEnd();
  // … or its anchors after it, "Checkout (1 = poor, 5 = excellent)", or before it, "On a scale from 1 to 10, how …".
  name = name.replace(/\s*[([][^()[\]]*\d\s*=[^()[\]]*[)\]]\s*$/, "").replace(STATED_SCALE_BEFORE, "");
  // … or a note after the question's mark: "How satisfied …? (10 is the highest)", "… difficulty? (Note: take a guess!)".
  // A matrix item after it ("…? [Price]", "…? (Price)") is kept.
  // So is a list of examples after it: "…at Starbucks? (lighting, music, etc...)".
  name = name.replace(/\?\s*\((?=[^()]*\d|[^()]*,|[^()]*\betc\b|\s*(?:note|optional|required|select|choose|pick|tick|check|please|e\.g|i\.e|if|max|min)\b)[^()]*\)\s*$/i, "?");
  name = name.replace(/^(?:q\d+[\w.]*|\d+)[.):\s-]+/i, "");
  name = matrixItem(name)?.item ?? name;
  // A tool's label before the question: Delighted's "Additional answers: How easy was checkout?".
  const colon = name.indexOf(": ");
  if (colon > 0 && colon <= 30 && /\?\s*$/.test(name) && !name.slice(0, colon).includes("?")) name = name.slice(colon + 2);
  if (/\bhow likely\b/i.test(name) && /\brecommend/i.test(name)) return "Likelihood to recommend";
  if (/\boverall\b/i.test(name) && /\b(?:satisf\w*|happy)\b/i.test(name)) return "Overall satisfaction";
  // A form's group path (KoboToolbox's and ODK's "group_sat/sat_waiting"): the question's own name, its last part.
  if (/^[\w-]+(?:\/[\w-]+)+$/.test(name)) name = name.slice(name.lastIndexOf("/") + 1);
  if (/^[\w]+$/.test(name) && /[_]/.test(name)) name = name.replace(/_/g, " ");
  else if (/^[a-z]+(?:[A-Z][a-z]+)+$/.test(name)) name = camelCaseApart(name);
  for (const lead of LEAD_INS) name = name.replace(lead, "");
  // "Please rate - Delivery": what the lead-in leaves starts at the item.
  name = name.replace(/^[\s\-–—:]+/, "");
  name = name.replace(ARTICLES, "").replace(/[?:.!]+\s*$/, "").trim();
  const words = name.split(/\s+/);
  while (words.length > 1 && TRAILING_WORDS.has((words[words.length - 1] ?? "").toLowerCase())) words.pop();
  // … and before it, as data sets name their columns ("review_aroma", "rating_food", "sat_waiting").
  while (words.length > 1 && LEADING_WORDS.has((words[0] ?? "").toLowerCase())) words.shift();
  name = words.join(" ");
  if (name === "") name = header.trim() === "" ? "Question" : header.trim();
  name = name.charAt(0).toUpperCase() + name.slice(1);
  if (name.length > SHORT_NAME_CHARS) {
    const cut = name.slice(0, SHORT_NAME_CHARS - 1);
    const space = cut.lastIndexOf(" ");
    name = `${space > 20 ? cut.slice(0, space) : cut}…`;
  }
  return name;
}

// ---------------------------------------------------------------------------------------------
// The guess

/** Whether a column's values look like identifiers (mostly unique, one word with digits). */
function looksLikeIdentifierColumn(tally: ColumnTally): boolean {
  return tally.answered >= 5 && tally.idLike >= tally.answered * 0.8 && tally.distinct.size >= Math.min(tally.answered, DISTINCT_CAP) * 0.8;
}

const DATE_PARTS =
  /^\d{1,4}[-/.]\d{1,2}[-/.]\d{1,4}|^\d{1,2}[-\s][A-Za-z]{3}|^[A-Za-z]{3,9}\s\d{1,2},?\s\d{4}|^\d{4}[-/.]\d{1,2}$|^\d{1,2}[-/.]\d{4}$|^[A-Za-z]{3}\s[A-Za-z]{3}\s\d{1,2}\s\d{1,2}:|^\d{4}\s*[年년.]\s*\d{1,2}\s*[月월.]/;

/**
 * Whether most of a column's values are dates: written like one and read as one (an IP address
 * "10.0.0.1" or a version "4.2" is written like a date and is none).
 */
function looksLikeDates(tally: ColumnTally): boolean {
  return shareOf(tally, (value) => DATE_PARTS.test(value) && readDate(value).kind !== "unreadable") >= 0.6;
}

/** The share of a column's first 50 distinct values that `pattern` matches (0 for a column of none). */
function shareMatching(tally: ColumnTally, pattern: RegExp): number {
  return shareOf(tally, (value) => pattern.test(value));
}

/** The share of a column's first 50 distinct values that `test` holds for (0 for a column of none). */
function shareOf(tally: ColumnTally, test: (value: string) => boolean): number {
  let matching = 0;
  let seen = 0;
  for (const value of tally.distinct) {
    if (seen++ >= 50) break;
    if (test(value)) matching++;
  }
  return seen === 0 ? 0 : matching / Math.min(seen, 50);
}

const REPEATED_HEADER = / \(column [A-Z]+\)$/;
/** Answers a column must repeat cell for cell before it is taken for a copy of another (two questions may agree in a few rows). */
const COPY_ROWS = 20;
const NPS_GROUP_HEADER = /nps[ _-]?group/i;
/** A header naming another's words for its values ("Rating Label", "score_text", "CSAT (description)"): group 1 is the other. */
const LABEL_HEADER = /^(.+?) (?:labels?|text|descriptions?|wording)$/;

/** Whether `header` names the words of `other`'s values ("Rating Label" of "Rating"). */
function labelsOf(header: string, other: string): boolean {
  return LABEL_HEADER.exec(normaliseHeader(header))?.[1] === normaliseHeader(other);
}

/** A header that is nothing but a respondent's answer ("Response", "Answer", "Value"; not "Response time"). */
const ANSWER_ALONE_HEADER = /^(?:(?:nps |survey )?(?:answers?|responses?)(?: values?)?|values?|reply)$/;

/** The outcome question, by its header: an "overall" rating or satisfaction. */
const OUTCOME_HEADER = /\boverall\b/i;

/**
 * A question's measure by its header and scale: NPS for a likelihood to recommend asked on 0–10,
 * the outcome for an "overall" rating; each only if no earlier question of the file took it.
 */
export function questionMeasureOf(header: string, scale: RatingScale, taken: ReadonlySet<QuestionMeasure>): QuestionMeasure | null {
  const hint = ratingScaleHint(header);
  if (!taken.has("nps") && hint !== null && hint.min === 0 && scale.min === 0 && scale.max === 10) return "nps";
  if (!taken.has("outcome") && OUTCOME_HEADER.test(normaliseHeader(header.replace(/_/g, " ")))) return "outcome";
  return null;
}

/**
 * Profiles the columns and guesses the shape and each column's role. `mapping` is the header guess
 * (`guessMapping`), corrected here by the values: a "time" column of 1–5 is no date, a "rating" of one
 * repeated value or of labels of no family is no rating, an id-like column is no touchpoint.
 */
export function guessColumns(
  headers: readonly string[],
  tallies: readonly ColumnTally[],
  mapping: ColumnMapping,
  forcedShape?: CsvShape,
  head: readonly (readonly string[])[] = [],
): { shape: CsvShape; profiles: ColumnProfile[]; mapping: ColumnMapping } {
  const ratings = headers.map((header, i) => {
    const tally = tallies[i];
    if (tally === undefined) return null;
    if (mapping.responseId === i || isIdentifierHeader(header) || looksLikeIdentifierColumn(tally)) return null;
    // A column without a header (a spreadsheet's row numbers, saved with the data) asks nothing.
    if (header === unnamedColumnHeader(i)) return null;
    // A header repeated (named "Rating (column B)" by the layout) is a second copy, not a question of its own;
    // so is a column that repeats an earlier one's answers cell for cell (Jira's "Custom field (Satisfaction)"
    // beside "Satisfaction rating"), once enough rows tell.
    if (REPEATED_HEADER.test(header)) return null;
    if (tally.copyOf !== null && tally.answered >= COPY_ROWS && tally.distinct.size >= 2) return null;
    // Qualtrics' "Q1_NPS_GROUP" (1 detractor, 2 passive, 3 promoter) is worked out from the NPS answer, not asked.
    if (NPS_GROUP_HEADER.test(header)) return null;
    return readRatingColumn(header, tally);
  });
  sameScaleInMatrices(headers, tallies, ratings);
  // A column of words naming another column's scores one for one ("Very satisfied" wherever the score is
  // 5; a help desk's "Rating Label" beside "Rating") is that column's answers again, not a question.
  ratings.forEach((words, w) => {
    if (words?.words == null) return;
    const again = (numbers: RatingColumnReading | null, n: number) =>
      numbers !== null && numbers.words === null && wordsOfNumbers(head, w, n, labelsOf(headers[w] ?? "", headers[n] ?? ""));
    if (ratings.some(again)) ratings[w] = null;
  });
  const corrected: ColumnMapping = { ...mapping };
  /** Of two columns the header clues score alike, the one with the longer texts first. */
  const longer = (i: number, than: number) => (tallies[i]?.longest ?? 0) > (tallies[than]?.longest ?? 0);
  // Our own export is read exactly as written: its columns after the fixed ones are segments, whatever their names.
  if (isFeedbackExportHeader(headers)) {
    ratings.fill(null);
    const fixed = Math.min(headers.length, FEEDBACK_CSV_HEADERS.length);
    const own = guessMapping(headers.slice(0, fixed));
    for (const field of MAPPED_FIELDS) if ((corrected[field] ?? fixed) >= fixed) corrected[field] = own[field];
    const guess = finishGuess(headers, tallies, ratings, corrected, forcedShape ?? "long");
    for (const profile of guess.profiles) if (profile.index >= fixed) profile.role = "segment";
    return guess;
  }
  // Corrections by the values.
  const dateCol = corrected.date;
  if (dateCol !== null) {
    const tally = tallies[dateCol];
    if (tally !== undefined && tally.answered > 0 && ratings[dateCol] !== null && !looksLikeDates(tally)) corrected.date = null;
  }
  const touchpointCol = corrected.touchpoint;
  if (touchpointCol !== null) {
    const tally = tallies[touchpointCol];
    if (tally !== undefined && looksLikeIdentifierColumn(tally)) corrected.touchpoint = null;
  }
  // A "feedback" column of 0/1 flags, a "Review Created" column of dates or a "reviews.dateSeen" column
  // of lists of times is no comment: the comment is where the words are (the column the header names
  // best as a text, then the longest).
  const textCol = corrected.text;
  if (textCol !== null) {
    const tally = tallies[textCol];
    if (tally !== undefined && tally.answered > 0 && !holdsWords(tally)) {
      const used = new Set(Object.values(corrected));
      // A column no header names as a text must hold sentences: a beer's style ("English Strong Ale") is no comment.
      const best = bestNamedColumn(headers, "text", 0, (i) => {
        const other = tallies[i] as ColumnTally;
        return !used.has(i) && other.longest >= 20 && holdsWords(other) && (headerClueScore(headers[i] ?? "", "text") > 0 || holdsSentences(other));
      }, longer);
      // Without one, a column of numbers or dates is still no comment; short words ("ok", "👍") stay one.
      if (best !== null || numberCount(tally) * 2 > tally.answered || looksLikeDates(tally)) corrected.text = best;
      // The dates it held may be the date of the rows, as the next correction decides.
      if (best !== null && corrected.date === null && looksLikeDates(tally)) corrected.date = textCol;
    }
  }
  // No text column by the headers' best guess (its column went to the rating: "What is the main reason
  // for your score?"): a column of free text the header names as a text is the comment.
  if (corrected.text === null) {
    const used = new Set(Object.values(corrected));
    const best = bestNamedColumn(headers, "text", 1, (i) => {
      const other = tallies[i] as ColumnTally;
      if ((used.has(i) && corrected.rating !== i) || ratings[i] !== null || other.longest < 20) return false;
      return holdsWords(other);
    });
    if (best !== null) {
      if (corrected.rating === best) corrected.rating = null;
      corrected.text = best;
    }
  }
  // Still none, or one left empty in every row read (a survey tool's "Comments" field beside the questions
  // it asked): a survey's first open question ("What do you like best about the product?", G2's reviews)
  // is the comment, and its other open questions join it (`finishGuess`).
  if (corrected.text === null || tallies[corrected.text]?.answered === 0) {
    const used = new Set(Object.values(corrected));
    // The rating's column too, when its answers are words: "Please explain your rating" names a rating and asks why.
    const open = headers.findIndex(
      (header, i) => (!used.has(i) || corrected.rating === i) && ratings[i] === null && holdsOpenAnswers(header, tallies[i] as ColumnTally),
    );
    if (open >= 0) {
      if (corrected.rating === open) corrected.rating = null;
      corrected.text = open;
    }
  }
  // Still none: the column of sentences, whatever its header calls it (a tweet's "body", a language's
  // word for a review no list holds, a file without a header): the one whose texts are longest.
  if (corrected.text === null) {
    const used = new Set(Object.values(corrected));
    corrected.text = bestNamedColumn(headers, "text", 0, (i) => !used.has(i) && ratings[i] === null && holdsSentences(tallies[i] as ColumnTally), longer);
  }
  // A comment with a date of its own, named apart from the rating ("comment_content" and
  // "comment_created_at" beside "review_score"): the shop's comment on the review. The review's own
  // text, where a column names one, is the comment.
  const ratingColumn = corrected.rating;
  if (corrected.text !== null && ratingColumn !== null && datedApart(headers, corrected.text, ratingColumn)) {
    const used = new Set(Object.values(corrected));
    const own = bestNamedColumn(headers, "text", 1, (i) => {
      const other = tallies[i] as ColumnTally;
      return !used.has(i) && ratings[i] === null && other.answered > 0 && holdsWords(other) && !isTitleHeader(headers[i] ?? "") && !datedApart(headers, i, ratingColumn);
    });
    if (own !== null) corrected.text = own;
  }
  // "Store" is the source when it names app stores ("App Store", "Google Play"); a shop ("Berlin Mitte") is
  // where the customer was, no source: left to be a segment.
  const sourceCol = corrected.source;
  if (sourceCol !== null && STORE_HEADER.test(normaliseHeader(headers[sourceCol] ?? "")) && !namesAppStores(tallies[sourceCol])) {
    corrected.source = null;
  }
  // Who wrote each row is read from an author column only when every value names a side ("user", "admin",
  // "bot"; "inbound" True/False): an "Author" of people's names or addresses is no such column.
  const authorCol = corrected.author;
  const authorTally = authorCol === null ? undefined : tallies[authorCol];
  if (
    authorCol !== null &&
    (authorTally === undefined ||
      authorTally.manyLabels ||
      !namesAuthorSides(headers[authorCol] ?? "", [...authorTally.labels.keys(), ...[...authorTally.numbers.values.keys()].map(String)]))
  ) {
    corrected.author = null;
  }
  // A review's own link ("reviews.sourceURLs") is where it was read, a link per row: no source to group
  // by. The few pages a survey was shown on (Hotjar's "Source URL") are one.
  const sourceTally = corrected.source === null ? undefined : tallies[corrected.source];
  if (sourceTally !== undefined && sourceTally.answered >= 5 && holdsAddresses(sourceTally) && sourceTally.distinct.size >= Math.min(sourceTally.answered, DISTINCT_CAP) * 0.9) {
    corrected.source = null;
  }
  // The rows' date is a column of dates filled in for most rows: one named as a date takes the place of
  // a date column filled in for a few ("Company Reply Date" beside "Review Created"); without a date
  // named by its header ("opened_at"), the best named, else the first, is it. Never a reply's date.
  const filled = (tally: ColumnTally | undefined) => (tally === undefined ? 0 : tally.answered / Math.max(1, tally.answered + tally.noAnswerCount));
  if (corrected.date === null || filled(tallies[corrected.date]) < 0.5) {
    const used = new Set(Object.values(corrected));
    const fuller = bestNamedColumn(headers, "date", corrected.date === null ? 0 : 1, (i) => !used.has(i) && filled(tallies[i]) >= 0.9 && looksLikeDates(tallies[i] as ColumnTally));
    if (fuller !== null) corrected.date = fuller;
  }
  // No segment by its header: a column naming a kind of customer, traveller or plan ("travel_type",
  // "Customer tier", "Plan") that holds a few short words is one.
  if (corrected.persona === null) {
    const used = new Set(Object.values(corrected));
    const segment = headers.findIndex((header, i) => {
      const tally = tallies[i];
      return !used.has(i) && ratings[i] === null && tally !== undefined && namesSegment(header) && holdsFewLabels(tally);
    });
    if (segment >= 0) corrected.persona = segment;
  }
  // No touchpoint by its header: in a file of one rating column, a column naming what was reviewed (an
  // Alexa's "variation", "Product", "Department Name") that holds a few short words is the touchpoint.
  if (corrected.touchpoint === null && ratings.filter((reading) => reading !== null).length < 2) {
    const used = new Set(Object.values(corrected));
    const reviewed = headers.findIndex((header, i) => {
      const tally = tallies[i];
      // A product's name may be long ("Lip Sleeping Mask Intense Hydration with Vitamin C"): it is still one of a few.
      return !used.has(i) && ratings[i] === null && tally !== undefined && REVIEWED_HEADER.test(normaliseHeader(header)) && holdsFewLabels(tally, PRODUCT_NAME_CHARS);
    });
    if (reviewed >= 0) corrected.touchpoint = reviewed;
  }
  const ratingCol = corrected.rating;
  if (ratingCol !== null && ratings[ratingCol] === null) {
    const tally = tallies[ratingCol];
    // Numbers with a few typos stay the rating (the typos are reported); a column of one repeated value or of labels does not.
    const numbers = tally === undefined ? 0 : numberCount(tally);
    const oneValue = tally !== undefined && tally.answered >= 5 && tally.distinct.size === 1;
    if (tally !== undefined && tally.answered > 0 && (oneValue || numbers === 0 || holdsFractions(tally) || holdsCounts(tally))) {
      // Another column the header names as a rating, whose values read as one, takes its place
      // ("Score" beside a "Rating" that holds one repeated value).
      const used = new Set(Object.values(corrected));
      corrected.rating = bestNamedColumn(headers, "rating", 1, (i) => !used.has(i) && (ratings[i] !== null || holdsScores(tallies[i])));
    }
  }
  // No rating by the headers: the one column whose values are a word scale is it ("Very Satisfied" …
  // under a ticket tool's "u_survey_response").
  if (corrected.rating === null) {
    const used = new Set(Object.values(corrected));
    const worded = ratings.flatMap((reading, i) => (reading?.words != null && !used.has(i) ? [i] : []));
    if (worded.length === 1) corrected.rating = worded[0] ?? null;
    // … or the text's, when it holds nothing but a scale's words and its header is no strong clue to a
    // comment: a kiosk's "Response" of "Very positive" … "Very negative".
    const text = corrected.text;
    if (worded.length === 0 && text !== null && ratings[text]?.words != null && !namesCustomerText(headers[text] ?? "")) {
      corrected.rating = text;
      corrected.text = null;
    }
  }
  // … or a data set's class label when it holds stars: three or more whole values from 1 up to 5 or 10
  // ("Label" of Coursera's reviews); sentiment labels (0/1, 0/4, 1/2) are two values, no rating.
  if (corrected.rating === null) {
    const used = new Set(Object.values(corrected));
    const labelled = headers.findIndex((header, i) => {
      const reading = ratings[i];
      const values = tallies[i]?.numbers.values;
      return (
        !used.has(i) &&
        CLASS_LABEL_HEADER.test(normaliseHeader(header)) &&
        reading != null &&
        reading.words === null &&
        reading.scale.min === 1 &&
        values !== undefined &&
        values.size >= 3 &&
        [...values.keys()].every((value) => Number.isInteger(value))
      );
    });
    if (labelled >= 0) corrected.rating = labelled;
  }
  // … or the one column written as "x/N" ("4/5" under a French review site's "Note").
  if (corrected.rating === null) {
    const used = new Set(Object.values(corrected));
    const outOf = ratings.flatMap((reading, i) => (reading !== null && reading.words === null && !used.has(i) && writesOutOf(tallies[i]) ? [i] : []));
    if (outOf.length === 1) corrected.rating = outOf[0] ?? null;
  }
  // … or the one column headed as nothing but an answer ("Response", "Answer", "Value": an NPS tool's
  // export) that holds whole numbers on a rating scale.
  if (corrected.rating === null) {
    const used = new Set(Object.values(corrected));
    const answers = ratings.flatMap((reading, i) => {
      const header = normaliseHeader(camelCaseApart(headers[i] ?? ""));
      const values = tallies[i]?.numbers.values;
      const whole = values !== undefined && values.size >= 2 && [...values.keys()].every((value) => Number.isInteger(value));
      return reading !== null && reading.words === null && !used.has(i) && whole && ANSWER_ALONE_HEADER.test(header) ? [i] : [];
    });
    if (answers.length === 1) corrected.rating = answers[0] ?? null;
  }
  // A column the header names as text, stage, persona … is that, even if its words read like a scale ("Good", "Great").
  for (const field of MAPPED_FIELDS) {
    const column = corrected[field];
    if (column !== null && field !== "rating" && field !== "date" && ratings[column]?.words != null) ratings[column] = null;
  }
  const questions = ratings.filter((reading) => reading !== null).length;
  // A touchpoint column keeps a file of several rating columns long (each row a response at a touchpoint),
  // unless it is a survey's question ("Which channel did you contact us through?"): an answer of the respondent.
  const touchpointField = corrected.touchpoint !== null && !asksQuestion(headers[corrected.touchpoint] ?? "");
  const shape: CsvShape = forcedShape ?? (questions >= 2 && !touchpointField ? "wide" : "long");
  return finishGuess(headers, tallies, ratings, corrected, shape);
}

/**
 * Whether column `words` names column `numbers`' values one for one in the rows `head` (each word
 * always with one number, each number with one word), in rows enough to tell: any, when the header
 * says so (`named`: "Rating Label" beside "Rating"); else 20 or more, each word twice on average, two
 * words at least (two columns whose every row differs, or that each hold one value, agree
 * trivially). Rows where either is blank say nothing.
 */
function wordsOfNumbers(head: readonly (readonly string[])[], words: number, numbers: number, named: boolean): boolean {
  const numberOf = new Map<string, string>();
  const wordOf = new Map<string, string>();
  let rows = 0;
  for (const row of head) {
    const word = wordKey(row[words] ?? "");
    const number = (row[numbers] ?? "").trim();
    if (word === "" || number === "") continue;
    if ((numberOf.get(word) ?? number) !== number || (wordOf.get(number) ?? word) !== word) return false;
    numberOf.set(word, number);
    wordOf.set(number, word);
    rows++;
  }
  return named ? rows > 0 : rows >= COPY_ROWS && numberOf.size >= 2 && rows >= 2 * numberOf.size;
}

/**
 * The column among those `eligible` lets through whose header names `field` best, scoring at least
 * `minScore`; on a tie the leftmost, or the one `before` puts first. Never one whose header names
 * something else that looks like it (a reply's text or date, an average). Null when none.
 */
function bestNamedColumn(
  headers: readonly string[],
  field: MappedField,
  minScore: number,
  eligible: (column: number) => boolean,
  before?: (column: number, than: number) => boolean,
): number | null {
  let best: number | null = null;
  let bestScore = minScore - 1;
  headers.forEach((header, i) => {
    if (!eligible(i) || namesOtherThan(header, field)) return;
    const score = headerClueScore(header, field);
    if (score > bestScore || (best !== null && score === bestScore && before?.(i, best) === true)) {
      best = i;
      bestScore = score;
    }
  });
  return best;
}

function finishGuess(
  headers: readonly string[],
  tallies: readonly ColumnTally[],
  ratings: (RatingColumnReading | null)[],
  corrected: ColumnMapping,
  shape: CsvShape,
): { shape: CsvShape; profiles: ColumnProfile[]; mapping: ColumnMapping } {
  const roleOf = new Map<number, ColumnRole>();
  for (const field of MAPPED_FIELDS) {
    const column = corrected[field];
    if (column !== null) roleOf.set(column, field);
  }
  const measuresTaken = new Set<QuestionMeasure>();
  // Two questions must not share a touchpoint by sharing a short name: the second is numbered.
  const usedNames = new Map<string, number>();
  const distinctName = (name: string): string => {
    const key = name.toLowerCase();
    const seen = usedNames.get(key) ?? 0;
    usedNames.set(key, seen + 1);
    return seen === 0 ? name : `${name} (${seen + 1})`;
  };
  const profiles = headers.map((header, index): ColumnProfile => {
    const tally = tallies[index] ?? createColumnTally();
    const reading = ratings[index] ?? null;
    let role: ColumnRole = roleOf.get(index) ?? "ignore";
    if (shape === "wide") {
      if (reading !== null) role = "question";
      else if (role === "rating" || role === "touchpoint" || role === "scale") role = "ignore";
    }
    const noAnswer = [...tally.noAnswer.entries()].sort((a, b) => b[1] - a[1]).map(([text]) => text);
    let noAnswerCount = tally.noAnswerCount;
    let answered = tally.answered;
    if (reading?.zeroIsNoAnswer === true) {
      const zeros = tally.numbers.values.get(0) ?? 0;
      noAnswer.push("0");
      noAnswerCount += zeros;
      answered -= zeros;
    }
    const code = reading?.noAnswerCode ?? null;
    if (code !== null) {
      const coded = tally.numbers.values.get(code) ?? 0;
      noAnswer.push(String(code));
      noAnswerCount += coded;
      answered -= coded;
    }
    const measure = role === "question" && reading !== null ? questionMeasureOf(header, reading.scale, measuresTaken) : null;
    if (measure !== null) measuresTaken.add(measure);
    // A review's title beside its text is part of the comment ("Title", then "Review"), as is a second
    // column of the customer's words ("Negative_Review" beside "Positive_Review").
    if (role === "ignore" && reading === null && corrected.text !== null && (holdsTitle(header, tally) || holdsMoreText(header, tally)) && !datedApart(headers, index, corrected.text)) role = "text";
    // A survey's other open question ("What did you like most?" beside "What could we improve?") is the respondent's words too.
    if (role === "ignore" && reading === null && corrected.text !== null && holdsOpenAnswers(header, tally)) role = "text";
    // A column nothing reads that sorts respondents (plan, country, app version …) is kept as a segment.
    if (role === "ignore" && reading === null && holdsSegment(header, tally)) role = "segment";
    const isRating = role === "question" || role === "rating";
    return {
      index,
      header,
      shortName: role === "question" ? distinctName(questionShortName(header)) : questionShortName(header),
      role,
      scale: isRating ? (reading?.scale ?? null) : null,
      words: isRating ? (reading?.words ?? null) : null,
      noAnswer,
      noAnswerCode: code,
      noAnswerCount,
      answered,
      distinct: tally.distinct.size,
      measure,
      samples: [...tally.distinct].slice(0, 5),
    };
  });
  if (shape === "wide") {
    // In a wide file the mapping holds the respondent's columns only; questions are read from the profiles.
    corrected.rating = null;
    corrected.touchpoint = null;
    corrected.scale = null;
  }
  return { shape, profiles, mapping: corrected };
}

/** Words that say a column sorts people: its kind, type, tier, group … */
const SEGMENT_KINDS = new Set(["type", "types", "segment", "segments", "tier", "tiers", "group", "groups", "category", "kind", "plan", "profile", "level", "purpose"]);
/** … of whom or of what they bought: a traveller, a customer, a plan. */
const SEGMENT_SUBJECTS = new Set([
  "travel", "traveller", "traveler", "travellers", "travelers", "trip", "customer", "customers", "client", "user", "users",
  "guest", "passenger", "member", "membership", "buyer", "shopper", "visitor", "subscriber", "subscription", "account",
  "plan", "patient", "audience",
]);
/** Headers that are a segment on their own. */
const SEGMENT_HEADERS = new Set(["plan", "tier", "membership", "subscription", "membership level", "pricing plan"]);

/** Whether a header names a kind of customer, traveller or plan: "travel_type", "Type of trip", "Customer tier", "Plan". */
function namesSegment(header: string): boolean {
  const words = headerWords(header);
  if (SEGMENT_HEADERS.has(words.join(" "))) return true;
  // A kind and, in another word, whose: "plan type" and "subscription plan" both are.
  return words.some((kind, k) => SEGMENT_KINDS.has(kind) && words.some((subject, s) => s !== k && SEGMENT_SUBJECTS.has(subject)));
}

/** A data set's class label: what a model learns to predict, stars in a review data set. */
const CLASS_LABEL_HEADER = /^(?:label|labels|class|target|y)$/;

/** A header naming what a review is about: the product (a shop's product handle), its variation or model, the shop's department. */
const REVIEWED_HEADER = /^(?:product|product name|product title|product handle|variation|variant|model|department|department name)$/;

/** The longest a product's name may be to name a touchpoint; a segment's label is shorter (`holdsFewLabels`). */
const PRODUCT_NAME_CHARS = 120;

/** Whether a column holds a few short words (up to `longest` characters), each written by many rows, as segments are: not numbers, not texts. */
function holdsFewLabels(tally: ColumnTally, longest = 40): boolean {
  const distinct = tally.distinct.size;
  return (
    tally.answered >= 2 &&
    !tally.manyLabels &&
    numberCount(tally) === 0 &&
    tally.longest <= longest &&
    distinct <= 20 &&
    distinct * 2 <= tally.answered
  );
}

/** Words that name a segment column by themselves: "Plan", "Country", "App version", "Device type", "Cabin". */
const SEGMENT_COLUMN_WORDS = new Set([
  "segment", "segments", "plan", "tier", "country", "countries", "region", "market", "version", "channel", "device", "devices",
  "os", "platform", "locale", "language", "territory", "cabin", "class", "gender", "edition", "membership", "subscription",
  "nationality", "province", "store", "shop", "branch",
]);

/** … and what a person bought, which sorts them as well though it is no kind of person: a seat's class, a room's type. */
const SEGMENT_COLUMN_PHRASE = / (?:seat|cabin|travel|fare|ticket|booking|room|product|service) (?:type|class|category|tier) /;

/**
 * Whether an unread column is a segment column: its header names one (`namesSegment`, a word of
 * `SEGMENT_COLUMN_WORDS` or a product's class), and its values are a few labels each written by many
 * rows, as a plan, a country or an app version is; never ids, dates, comments or a label per row.
 */
function holdsSegment(header: string, tally: ColumnTally): boolean {
  const words = headerWords(header);
  const named = words.some((word) => SEGMENT_COLUMN_WORDS.has(word)) || SEGMENT_COLUMN_PHRASE.test(` ${words.join(" ")} `) || namesSegment(header);
  if (!named) return false;
  const distinct = tally.distinct.size;
  return (
    tally.answered >= 4 &&
    distinct >= 2 &&
    distinct <= SEGMENT_VALUES &&
    distinct * 4 <= tally.answered &&
    tally.longest <= 40 &&
    tally.idLike * 2 < tally.answered &&
    // "4.2.0" reads like a date; in a version column it is none.
    (words.includes("version") || !looksLikeDates(tally))
  );
}

/**
 * Whether most of a column's answers differ, as people's own words do ("Engineer", "Manager" under
 * "Title" repeat: job titles, not the titles of reviews). Past the distinct values the tally keeps, it
 * holds many of them.
 */
function mostlyDifferent(tally: ColumnTally): boolean {
  return tally.distinct.size * 2 >= Math.min(tally.answered, DISTINCT_CAP);
}

/**
 * Whether a column holds words: not mostly numbers, not dates, not ids, not email or web addresses (a
 * review's link), and written with letters (a list of times, "2019-04-25T09:08:16Z,2019-03-03T00:00:00Z",
 * as a scraper records when it saw a review, reads as no date and holds no word either).
 */
function holdsWords(tally: ColumnTally): boolean {
  return (
    numberCount(tally) <= tally.answered * 0.5 &&
    !looksLikeDates(tally) &&
    !looksLikeIdentifierColumn(tally) &&
    !holdsAddresses(tally) &&
    shareMatching(tally, LETTERS) >= 0.5
  );
}
const LETTERS = /\p{L}\p{M}*\p{L}/u;

/** Words of a sentence: three spaces at least between letters. */
const SENTENCE = /\p{L}\S*\s+\S+\s+\S+\s+\S*\p{L}/u;

/**
 * Whether a column holds people's sentences: words (`holdsWords`), mostly different, some 40
 * characters or longer, and most of them of four words or more (a name, a product, a city has fewer).
 */
function holdsSentences(tally: ColumnTally): boolean {
  return tally.answered > 0 && tally.longest >= 40 && mostlyDifferent(tally) && holdsWords(tally) && shareMatching(tally, SENTENCE) >= 0.5;
}

/** A title's header: "Title", "Review Title", "Summary", "Headline" ("Job title" is none; a ticket's "Subject" is what it was about, not what the customer thought). */
const TITLE_HEADER = /^(?:(?:review|reviews|comment|feedback|ticket|email|post)\s)?(?:title|summary|headline|titre|titel|titulo|titolo)$/;

/** Whether a header names a response's title. */
export function isTitleHeader(header: string): boolean {
  return TITLE_HEADER.test(normaliseHeader(header));
}

/**
 * Whether a text column is another thing's, written at a time of its own: its name's first word is not
 * the comment's, and a date column is named with it (Yotpo's "comment_content" and "comment_created_at"
 * beside "review_content": the shop's comment on the review). A review's title, pros and cons have no
 * date of their own.
 */
function datedApart(headers: readonly string[], column: number, textColumn: number): boolean {
  const first = headerWords(headers[column] ?? "")[0] ?? "";
  if (first === "" || first === headerWords(headers[textColumn] ?? "")[0]) return false;
  return headers.some((header, i) => {
    if (i === column) return false;
    const words = headerWords(header);
    return words.length > 1 && words[0] === first && headerClueScore(words.slice(1).join(" "), "date") > 0;
  });
}

/** Whether a column is the title of each response: named as one, holding words, not numbers, dates or ids. */
function holdsTitle(header: string, tally: ColumnTally): boolean {
  return isTitleHeader(header) && tally.answered > 0 && tally.distinct.size >= 2 && mostlyDifferent(tally) && holdsWords(tally);
}

/** A header naming a store without saying which kind ("Store", "Store name"; not "App store"). */
const STORE_HEADER = /^(?:store|shop)(?: name)?$/;
const APP_STORE = /\b(?:app|play|store|amazon|galaxy|huawei|microsoft|ios|android)\b/i;

/** Whether a column's values name app stores: "App Store", "Google Play", "Amazon Appstore". */
function namesAppStores(tally: ColumnTally | undefined): boolean {
  return tally !== undefined && shareMatching(tally, APP_STORE) > 0;
}

/** Whether a column holds the customer's free text besides the comment: named strongly as one, long words, not numbers, dates or ids. */
function holdsMoreText(header: string, tally: ColumnTally): boolean {
  return namesCustomerText(header) && tally.answered > 0 && tally.longest >= 20 && mostlyDifferent(tally) && holdsWords(tally);
}

/**
 * Whether a column answers an open question: its header asks ("…?"), its answers are words, mostly
 * different, and no contact details ("What is your email address?" is the person, not their view).
 */
function holdsOpenAnswers(header: string, tally: ColumnTally): boolean {
  if (!(asksQuestion(header) || OPEN_PROMPT.test(header)) || PERSONAL_DETAILS.test(normaliseHeader(header))) return false;
  return tally.answered > 0 && tally.longest >= 12 && mostlyDifferent(tally) && holdsWords(tally);
}

/**
 * The items of one matrix question ("Please rate our service >> Speed", ">> Friendliness") are answered
 * on one scale: their word ratings are read by the labels of all of them, so that an item nobody
 * answered "Very good" or "Not at all satisfied" in is not read on another scale than its siblings
 * ("Good" 4 for one item, 3 for the next). In place, on `ratings`.
 */
function sameScaleInMatrices(headers: readonly string[], tallies: readonly ColumnTally[], ratings: (RatingColumnReading | null)[]): void {
  const groups = new Map<string, number[]>();
  ratings.forEach((reading, i) => {
    const stem = reading?.words == null ? null : matrixStem(headers[i] ?? "");
    if (stem === null) return;
    const group = groups.get(stem);
    if (group === undefined) groups.set(stem, [i]);
    else group.push(i);
  });
  for (const [stem, columns] of groups) {
    if (columns.length < 2) continue;
    const labels = new Set<string>();
    for (const i of columns) for (const label of tallies[i]?.labels.keys() ?? []) labels.add(label);
    const shared = detectWordMap(labels, stem);
    if (shared === null) continue;
    for (const i of columns) {
      const reading = ratings[i];
      if (reading?.words != null && reading.words.family === shared.family) ratings[i] = { ...reading, scale: shared.scale, words: shared };
    }
  }
}

/**
 * The item in brackets at the end of a header after its question ("Please rate the following [Checkout]"),
 * or null. Found from the end: a regex searching for the bracket took time growing with the square of a
 * header of many "[" (minutes for a hostile header of 300,000).
 */
function bracketedItem(header: string): string | null {
  const trimmed = header.trimEnd();
  if (!trimmed.endsWith("]")) return null;
  const open = trimmed.lastIndexOf("[", trimmed.length - 2);
  if (open <= 0) return null;
  const item = trimmed.slice(open + 1, -1);
  return item === "" || item.includes("]") ? null : item;
}

/**
 * A matrix question's item and the question before it, as survey tools write them in one header:
 * "Please rate the following [Checkout]" (Google Forms), "To what extent do you agree? - The app is easy
 * to use" (Qualtrics), "Please rate our service >> Speed" (Jotform). Null for a header of no item.
 */
function matrixItem(header: string): { stem: string; item: string } | null {
  const bracketed = bracketedItem(header);
  if (bracketed !== null) return { stem: header.trimEnd().slice(0, -bracketed.length - 2).trimEnd(), item: bracketed };
  const dash = header.lastIndexOf(" - ");
  if (dash > 0 && /[?:]$/.test(header.slice(0, dash).trim())) return { stem: header.slice(0, dash).trim(), item: header.slice(dash + 3) };
  const arrows = header.lastIndexOf(">>");
  if (arrows > 0 && header.slice(arrows + 2).trim() !== "") return { stem: header.slice(0, arrows).trim(), item: header.slice(arrows + 2).trim() };
  return null;
}

/** A matrix item's question without the item: before " — " (two header rows), else as `matrixItem` splits it. */
function matrixStem(header: string): string | null {
  const joined = header.lastIndexOf(" — ");
  if (joined <= 0) return matrixItem(header)?.stem ?? null;
  // Qualtrics names the item by its code above the question ("Q2_1 — …", "Q2_2 — …"): the question is "Q2".
  const first = header.slice(0, joined);
  return QUALTRICS_ITEM.exec(first.trim())?.[1] ?? first;
}

/** A Qualtrics matrix item's code ("Q2_1", "QID7_3"), its question's code first. */
const QUALTRICS_ITEM = /^(q(?:id)?\d+)_\d+$/i;

/** Whether a header is a question as a survey asks it ("Which channel did you use?"), not a field's name. */
function asksQuestion(header: string): boolean {
  return /\?\s*$/.test(header);
}

/** A request for words rather than a question: "Please explain your rating", "Tell us more", "Describe what happened". */
const OPEN_PROMPT = /^\s*(?:please\s+)?(?:explain|describe|elaborate|tell us|tell me|share|let us know)\b/i;

/** Questions asking who the person is, where to reach them or what they do. */
const PERSONAL_DETAILS = /\b(?:e ?mail|name|phone|mobile|address|zip|postcode|post code|city|company|organi[sz]ation|job|role|age|website|url|linkedin|username)\b/;

/** Whether a column's answers are email or web addresses. */
function holdsAddresses(tally: ColumnTally): boolean {
  return shareMatching(tally, ADDRESS) >= 0.5;
}
/** A cell that is an address and nothing more: a tweet's "@VirginAmerica" or a comment's link among words is no address column's. */
const ADDRESS = /^\s*(?:[^\s@]+@[^\s@]+\.[^\s@]+|(?:https?:\/\/|www\.)\S+)\s*$/i;

/**
 * Whether a column reads as a long file's ratings: numbers (decimals too, as "7.5" on 10), several,
 * from 0 to 10. Fractions between 0 and 1 (a review's weighted helpfulness 0.55, a share, a
 * probability) are no ratings.
 */
function holdsScores(tally: ColumnTally | undefined): boolean {
  if (tally === undefined || tally.answered === 0 || numberCount(tally) < tally.answered * 0.9) return false;
  const values = [...tally.numbers.values.keys()];
  return values.length >= 2 && Math.min(...values) >= 0 && Math.max(...values) <= 10 && !holdsFractions(tally);
}

/**
 * Whether a column's numbers are counts or totals, no answers on any scale: several different negative
 * values (a forum's votes, "-3", "-12"), or most of them past 100 ("1203" upvotes). A single negative
 * code ("-99" for "not asked") or a few typos leave a column its ratings.
 */
function holdsCounts(tally: ColumnTally): boolean {
  let negatives = 0;
  let within = 0;
  let total = 0;
  for (const [value, count] of tally.numbers.values) {
    if (value < 0) negatives++;
    else if (value <= 100) within += count;
    total += count;
  }
  return negatives >= 2 || within * 2 < total;
}

/** Whether a column's numbers are fractions between 0 and 1 (a weighted helpfulness, a share, a probability), never a rating. */
function holdsFractions(tally: ColumnTally): boolean {
  const values = [...tally.numbers.values.keys()];
  return values.length > 0 && values.every((value) => value >= 0 && value <= 1) && values.some((value) => !Number.isInteger(value));
}

/** At most this many values make a segment column (countries: some 200). */
const SEGMENT_VALUES = 250;

function isIdentifierHeader(header: string): boolean {
  return isIdentifierName(normaliseHeader(header));
}

/** The mapping a set of roles gives (the first column of each long-file role); text, question and segment columns are listed apart. */
export function mappingFromRoles(roles: readonly ColumnRole[]): { mapping: ColumnMapping; text: number[]; questions: number[]; segments: number[] } {
  const mapping: ColumnMapping = { ...EMPTY_MAPPING };
  const text: number[] = [];
  const questions: number[] = [];
  const segments: number[] = [];
  roles.forEach((role, index) => {
    if (role === "question") questions.push(index);
    else if (role === "text") text.push(index);
    else if (role === "segment") segments.push(index);
    else if (role !== "ignore" && mapping[role as MappedField] === null) mapping[role as MappedField] = index;
  });
  mapping.text = text[0] ?? null;
  return { mapping, text, questions, segments };
}

/** Word keys of a person's word map, so "Very Satisfied" and "very satisfied" are one label. */
export function normaliseWordValues(words: Record<string, number>): Map<string, number> {
  const map = new Map<string, number>();
  for (const [label, value] of Object.entries(words)) map.set(wordKey(label), value);
  return map;
}
