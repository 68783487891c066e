/**
 * The command line's insight options, kept apart from the option parsing of cli.ts:
 *   --outcome <header>  the touchpoint (a rating column of a wide export, or a touchpoint value)
 *                       that key drivers explain: each other touchpoint's correlation with it,
 *                       its 95% interval, derived importance and relative weight (without it, the
 *                       question the import took for the outcome, if any);
 *   --no-sentiment      leaves out the sentiment of the text (VADER reads about 1,000 texts a
 *                       second: a 200,000-row file takes minutes).
 * Every report also has the 95% intervals of CSAT, NPS and performance (of every rating, the
 * journey's summary included), and the suggested pain points with their counts and quotes (text-only rows with negative text among their evidence,
 * unless --no-sentiment).
 */
import type { JourneyMap } from "../shared/model";
import {
  buildConfidenceReport,
  buildDriversReport,
  buildSentimentReport,
  buildSuggestionsReport,
  findOutcomeTouchpoint,
  insightsToMarkdown,
  type InsightsReport,
} from "../shared/report";
import { createSentimentScorer, journeySentiment, sentimentOf } from "../shared/sentiment";

export interface InsightOptions {
  outcome?: string;
  noSentiment?: boolean;
}

/**
 * Reads one insight option into `options`; false when `arg` is not one. (`--outcome` is read with
 * the import options, which mark the column as the outcome; the caller passes it on.)
 */
export function insightOption(arg: string, options: InsightOptions, value: () => string): boolean {
  if (arg === "--outcome") options.outcome = value();
  else if (arg === "--no-sentiment") options.noSentiment = true;
  else return false;
  return true;
}

export class OutcomeError extends Error {}

/** The intervals, drivers (with --outcome) and sentiment of the analysed map, as JSON and Markdown. */
export function insightsOf(map: JourneyMap, options: InsightOptions): { report: InsightsReport; markdown: string } {
  // Intervals count every rating, summarised or not (buildConfidenceReport reads the summary too).
  const report: InsightsReport = { confidence: buildConfidenceReport(map) };
  // The outcome named, else the question the import took for the outcome (an "overall" rating).
  const marked = map.touchpoints.find((t) => t.measure === "outcome");
  if (options.outcome !== undefined || marked !== undefined) {
    const outcome = options.outcome === undefined ? (marked ?? null) : findOutcomeTouchpoint(map, options.outcome);
    if (outcome === null)
      throw new OutcomeError(
        `--outcome: no touchpoint or rating column is called "${options.outcome ?? ""}" (there are: ${map.touchpoints.map((t) => t.name).join(", ") || "none"})`,
      );
    report.drivers = buildDriversReport(map, outcome);
  }
  if (options.noSentiment) report.suggestions = buildSuggestionsReport(map);
  else {
    const score = createSentimentScorer();
    report.sentiment = buildSentimentReport(map, journeySentiment(map, score));
    report.suggestions = buildSuggestionsReport(map, (text) => sentimentOf(score(text) ?? 0) === "negative");
  }
  return { report, markdown: insightsToMarkdown(report) };
}
