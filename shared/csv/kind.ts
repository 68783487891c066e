/**
 * The kind of a feedback row (survey, review, support …): from a "Kind" column when the file has one,
 * else from what its source is called ("App Store" is a review, "Zendesk" a support ticket).
 */
import { FEEDBACK_KINDS, type Feedback } from "../model";

export type FeedbackKind = Feedback["kind"];

const KINDS: ReadonlyMap<string, FeedbackKind> = new Map(FEEDBACK_KINDS.map((kind) => [kind, kind]));

/** Reads a kind cell ("Review", " survey "); null when it is none of the model's kinds. */
export function readFeedbackKind(raw: string): FeedbackKind | null {
  return KINDS.get(raw.trim().toLowerCase()) ?? null;
}

const SOURCE_WORDS: readonly [FeedbackKind, readonly string[]][] = [
  ["review", ["app store", "appstore", "google play", "play store", "trustpilot", "yelp", "g2", "capterra", "amazon", "tripadvisor", "review", "reviews"]],
  ["support", ["zendesk", "freshdesk", "intercom", "help scout", "helpscout", "ticket", "tickets", "support", "helpdesk"]],
  ["social", ["twitter", "facebook", "instagram", "linkedin", "tiktok", "reddit", "youtube", "social"]],
  ["interview", ["interview", "interviews"]],
  ["form", ["typeform", "google forms", "form", "forms", "contact form", "jotform", "tally"]],
  ["survey", ["survey", "surveymonkey", "qualtrics", "nps", "csat", "questionnaire"]],
];

/** Guesses the kind from a source name by whole words; null when the name does not tell. */
export function guessFeedbackKind(source: string): FeedbackKind | null {
  const padded = ` ${source.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, " ").trim()} `;
  if (padded === "  ") return null;
  for (const [kind, words] of SOURCE_WORDS) if (words.some((word) => padded.includes(` ${word} `))) return kind;
  return null;
}
