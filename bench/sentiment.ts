/**
 * Sentiment accuracy of the chosen library (VADER) on a real export: the Amazon Alexa reviews
 * (/work/shared/data/real, or JOURNEY_REAL_DATA), 1–2 stars read as negative and 4–5 as positive,
 * 3 stars and blank reviews left out. A review counts as right when its class (by VADER's
 * thresholds, see shared/sentiment.ts) is the rating's; "neutral" is never right. Goal: ≥ 80%.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import Papa from "papaparse";
import { compoundScore, sentimentOf } from "../shared/sentiment";
import type { Benchmark } from "./benchmark";

const GOAL = 0.8;
const FILE = path.join(process.env.JOURNEY_REAL_DATA ?? "/work/shared/data/real", "amazon_alexa_reviews.tsv");

export interface LabelledText {
  text: string;
  positive: boolean;
}

/** The labelled reviews of the Alexa export, as the file has them (entities and all). */
export function alexaLabelledReviews(file: string = FILE): LabelledText[] {
  const text = readFileSync(file, "utf8").replace(/^\uFEFF/, "");
  const rows = Papa.parse<Record<string, string>>(text, { header: true, delimiter: "\t", skipEmptyLines: true }).data;
  const labelled: LabelledText[] = [];
  for (const row of rows) {
    const rating = Number(row.rating);
    const review = row.verified_reviews ?? "";
    if (review.trim() === "" || rating === 3 || !(rating >= 1 && rating <= 5)) continue;
    labelled.push({ text: review, positive: rating >= 4 });
  }
  return labelled;
}

export const sentimentBenchmark: Benchmark = {
  title: "Sentiment accuracy on the Alexa reviews",
  async run(log) {
    const reviews = alexaLabelledReviews();
    let right = 0;
    let negatives = 0;
    let negativesFound = 0;
    const started = performance.now();
    for (const review of reviews) {
      const sentiment = sentimentOf(compoundScore(review.text) ?? 0);
      if (sentiment === (review.positive ? "positive" : "negative")) right++;
      if (!review.positive) {
        negatives++;
        if (sentiment === "negative") negativesFound++;
      }
    }
    const ms = performance.now() - started;
    const accuracy = right / reviews.length;
    log(`${reviews.length} labelled reviews (${negatives} negative), ${right} right, ${negativesFound} negatives found`);
    log(`${ms.toFixed(0)} ms, ${((1000 * ms) / reviews.length).toFixed(0)} ms per 1,000 texts`);
    return [
      {
        name: `Sentiment (VADER) accuracy, ${reviews.length.toLocaleString("en")} Alexa reviews`,
        figure: `${(100 * accuracy).toFixed(1)}% (negatives found ${((100 * negativesFound) / negatives).toFixed(1)}%; ${((1000 * ms) / reviews.length).toFixed(0)} ms per 1,000)`,
        goal: `≥ ${100 * GOAL}%`,
        met: accuracy >= GOAL,
      },
    ];
  },
};
