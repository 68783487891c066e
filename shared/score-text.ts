/**
 * Reading a score a person typed on a pain-point card (severity, frequency, effort, each a whole
 * number from 1 to 5). People type " 4 ", "4/5", "★★★★", "4 stars": all read as 4. Anything else
 * ("high", "7", "4.5", "8/10", an emptied text, an emoji) is not guessed: it is refused with a
 * reason the person can act on, and the caller keeps the old value.
 */
import { readRating } from "./csv/rating";

/** The scale of the pain-point scores. */
export const SCORE_MIN = 1;
export const SCORE_MAX = 5;

export type ScoreReading = { ok: true; value: number } | { ok: false; reason: string };

function quote(text: string): string {
  const oneLine = text.replace(/\s+/g, " ").trim();
  return `'${oneLine.length > 24 ? `${oneLine.slice(0, 23)}…` : oneLine}'`;
}

/**
 * Reads a 1–5 score from the characters of a score text. Full-width digits read as digits (NFKC);
 * the star, fraction and "n stars" forms are those the CSV importer reads (shared/csv/rating.ts),
 * so a person meets the same tolerance everywhere.
 */
export function readScoreText(characters: string): ScoreReading {
  const text = characters.normalize("NFKC").trim();
  const range = `a number from ${SCORE_MIN} to ${SCORE_MAX}`;
  if (text === "") return { ok: false, reason: `the text is empty, not ${range}` };
  const reading = readRating(text);
  if (reading.kind !== "number") return { ok: false, reason: `${quote(text)} is not ${range}` };
  if (reading.outOf !== null && reading.outOf !== SCORE_MAX) {
    return { ok: false, reason: `${quote(text)} is not on the ${SCORE_MIN}–${SCORE_MAX} scale` };
  }
  const { value } = reading;
  if (!Number.isInteger(value)) return { ok: false, reason: `${quote(text)} is not a whole number from ${SCORE_MIN} to ${SCORE_MAX}` };
  if (value < SCORE_MIN || value > SCORE_MAX) return { ok: false, reason: `${quote(text)} is not ${range}` };
  return { ok: true, value };
}
