/**
 * A long export of several surveys in one rating column: HubSpot's feedback submissions, Retently's
 * or Delighted's responses put an NPS answer (0–10), a CSAT answer (1–5) and a CES answer (1–7) in
 * the same "Rating" column, and a column beside it says which survey each row answers ("Survey
 * type": NPS, Customer satisfaction, Customer effort). One scale for the whole column would read a
 * 5 of 5 as a 5 of 10, and count it as an NPS detractor. Such a column splits the ratings: each of
 * its values gets the scale its own answers show, as a column of its own would.
 */
import type { ColumnMapping } from "./columns";
import { normaliseHeader } from "./columns";
import type { ColumnProfile } from "./wide";

export type SurveyMeasure = "nps" | "csat" | "ces" | "stars";

const MEASURE_WORDS: readonly [SurveyMeasure, RegExp][] = [
  ["nps", /\b(?:nps|net promoter|recommend|recommendation|loyalty)\b/],
  ["ces", /\b(?:ces|effort|ease)\b/],
  ["csat", /\b(?:csat|satisfaction|satisfied)\b/],
  ["stars", /\bstars?\b/],
];

/** The survey a cell names ("NPS", "Net Promoter Score", "Customer satisfaction (CSAT)", "Customer effort"), or null. */
export function surveyMeasureOf(cell: string): SurveyMeasure | null {
  if (cell.length > 80) return null;
  const words = normaliseHeader(cell);
  for (const [measure, pattern] of MEASURE_WORDS) if (pattern.test(words)) return measure;
  return null;
}

/** More values than this, and a column is no list of surveys (a comment, a name, a date). */
const MOST_SURVEYS = 12;

/** A header that names what sort of survey a row answers ("Survey type", "Metric", "Survey name"). */
const SURVEY_HEADER = /\b(?:survey|surveys|metric|type|kind|questionnaire)\b/;

/**
 * The column whose values name the survey of each row, when they name two kinds or more (NPS and
 * CSAT, say); null when none does. A column mapped to a field is not it (a touchpoint named
 * "Recommendation email" is a touchpoint), unless its header names a survey or a metric.
 */
export function scaleByColumn(profiles: readonly ColumnProfile[], mapping: ColumnMapping): number | null {
  const taken = new Set<number>();
  for (const column of Object.values(mapping)) if (column !== null) taken.add(column);
  for (const profile of profiles) {
    if (profile.index === mapping.rating) continue;
    if (taken.has(profile.index) && !SURVEY_HEADER.test(normaliseHeader(profile.header))) continue;
    if (profile.role === "question" || profile.role === "rating" || profile.role === "text" || profile.role === "date") continue;
    if (profile.distinct < 2 || profile.distinct > MOST_SURVEYS) continue;
    const named = new Set<SurveyMeasure>();
    for (const sample of profile.samples) {
      const measure = surveyMeasureOf(sample);
      if (measure !== null) named.add(measure);
    }
    // Words alone ("Satisfaction", "Effort") may be a ticket's topics: a header naming surveys, or their acronyms, tell.
    const surveys = SURVEY_HEADER.test(normaliseHeader(profile.header)) || profile.samples.some((sample) => /\b(?:nps|csat|ces)\b/i.test(sample));
    if (named.size >= 2 && surveys) return profile.index;
  }
  return null;
}
