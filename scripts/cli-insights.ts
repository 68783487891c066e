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
import type { Feedback, JourneyMap } from "../shared/model";
import { summaryGroups } from "../shared/summary";
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

/**
 * The rows the intervals are computed from: the rows kept and every rated row of the summary, each
 * (group, value) one shared object repeated `count` times (8 bytes a row), as intervals count ratings
 * alone. Text-only and empty rows carry no rating and are left out.
 */
export function ratedRows(map: Pick<JourneyMap, "feedback" | "summary">): Feedback[] {
  if (map.summary === undefined) return map.feedback;
  const rows: Feedback[] = [...map.feedback];
  for (const group of summaryGroups(map.summary)) {
    group.values.forEach((rating, i) => {
      const row: Feedback = {
        id: "",
        kind: group.kind,
        rating,
        scale: group.scale,
        text: "",
        date: group.day,
        source: group.source,
        stageId: group.stageId,
        touchpointId: group.touchpointId,
        personaId: group.personaId,
      };
      for (let k = group.counts[i] ?? 0; k > 0; k--) rows.push(row);
    });
  }
  return rows;
}

/** The intervals, drivers (with --outcome) and sentiment of the analysed map, as JSON and Markdown. */
export function insightsOf(map: JourneyMap, options: InsightOptions): { report: InsightsReport; markdown: string } {
  // Intervals count every rating, summarised or not; the rest reads the rows' text (the rows kept).
  const report: InsightsReport = { confidence: buildConfidenceReport({ ...map, feedback: ratedRows(map) }) };
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
