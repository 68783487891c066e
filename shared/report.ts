/**
 * The report the command line prints: an import summary and the analysis of a journey, as JSON
 * (numbers stay numbers, a metric without data is null) or as Markdown tables a person pastes
 * into a document.
 */
import type { JourneyAnalysis } from "./analysis";
import { normaliseHeader } from "./csv/columns";
import { feedbackStageId, isScale, normalisedSatisfaction } from "./metrics";
import type { Feedback, JourneyMap, RatingScale, Touchpoint } from "./model";
import type { JourneySentiment, SentimentShares } from "./sentiment";
import { journeySentiment } from "./sentiment";
import { suggestPainPoints } from "./suggestions";
import { summaryGroups, summaryTotals } from "./summary";
import type { DriverVerdict } from "./stats/drivers";
import { analyseDriverSums } from "./stats/drivers";
import { journeyDriverSums, sumsRespondents } from "./stats/driver-sums";
import { npsMarginOfError, wilsonInterval } from "./stats/intervals";
import type { Moments } from "./stats/student";
import { performanceInterval } from "./stats/student";

/** How one column of the file was read: its role, and for a rating column its scale and mapping. */
export interface ReportColumn {
  column: string;
  role: string;
  /** "1–5", "0–10" …; null for a column without ratings. */
  scale: string | null;
  /** The touchpoint and stage a question's answers went to. */
  touchpoint: string | null;
  stage: string | null;
  /** "nps" or "outcome" for a marked question. */
  measure: string | null;
  /** Word ratings read: label → value. */
  words: Record<string, number> | null;
  ratings: number;
  /** Answers that were "no answer", and the cells read so. */
  noAnswers: number;
  noAnswer: string[];
  /** A rating column read by survey: the column naming each row's survey, and each survey's scale ("0–10") and ratings. */
  scaleBy?: { column: string; surveys: { value: string; scale: string; ratings: number }[] };
}

export interface ImportSummary {
  rows: number;
  imported: number;
  skipped: number;
  /** "long" or "wide" (one row per respondent, one column per question). */
  shape?: string;
  /** Feedback made: one per answered question of a wide file. */
  answers?: number;
  duplicates?: number;
  noAnswers?: number;
  /** Every column of the file, in order: how it was read ("ignore" for one that was not). */
  columns?: ReportColumn[];
  /** The problems by kind: each kind with its count and rows. */
  problemGroups?: { column: string | null; problem: string; count: number; rows: number[] }[];
  errors: { row: number; column: string; message: string }[];
}

interface ExperienceRow {
  name: string;
  responses: number;
  csat: number | null;
  nps: number | null;
  ces: number | null;
  performance: number | null;
  importance: number;
  gap: number | null;
  quadrant: string | null;
  emotion: number | null;
  backing: string;
}

export interface JourneyReport {
  import: ImportSummary;
  overall: { responses: number; csat: number | null; nps: number | null; ces: number | null };
  /** Responses outside the map's stages and touchpoints, with their figures. */
  unassigned: {
    noStage: { responses: number; csat: number | null; nps: number | null; performance: number | null };
    noTouchpoint: { responses: number; csat: number | null; nps: number | null; performance: number | null };
  };
  stages: ExperienceRow[];
  touchpoints: (ExperienceRow & { stage: string })[];
  priorities: { title: string; stage: string; score: number; rank: number; quadrant: string }[];
  kpis: { name: string; stage: string; shortfall: number | null; status: string }[];
  blindSpots: { kind: string; name: string }[];
}

/** Rounds for reading (2 decimals); null stays null. */
function round(value: number | null): number | null {
  return value === null ? null : Math.round(value * 100) / 100;
}

function experienceRow(row: JourneyAnalysis["stages"][number]): ExperienceRow {
  return {
    name: row.name,
    responses: row.responses,
    csat: round(row.csat),
    nps: round(row.nps),
    ces: round(row.ces),
    performance: round(row.performance),
    importance: round(row.importance) ?? row.importance,
    gap: round(row.gap),
    quadrant: row.quadrant,
    emotion: round(row.emotion),
    backing: row.backing,
  };
}

function unassignedRow(row: JourneyAnalysis["unassigned"]["noStage"]): JourneyReport["unassigned"]["noStage"] {
  return { responses: row.responses, csat: round(row.csat), nps: round(row.nps), performance: round(row.performance) };
}

export function buildReport(summary: ImportSummary, analysis: JourneyAnalysis): JourneyReport {
  return {
    import: summary,
    overall: {
      responses: analysis.overall.responses,
      csat: round(analysis.overall.csat),
      nps: round(analysis.overall.nps),
      ces: round(analysis.overall.ces),
    },
    unassigned: {
      noStage: unassignedRow(analysis.unassigned.noStage),
      noTouchpoint: unassignedRow(analysis.unassigned.noTouchpoint),
    },
    stages: analysis.stages.map(experienceRow),
    touchpoints: analysis.touchpoints.map((t) => ({ ...experienceRow(t), stage: t.stage })),
    priorities: analysis.priorities.map((p) => ({
      title: p.title,
      stage: p.stageName,
      score: round(p.score) ?? p.score,
      rank: p.rank,
      quadrant: p.quadrant,
    })),
    kpis: analysis.kpis.map((k) => ({ name: k.name, stage: k.stage, shortfall: round(k.shortfall), status: k.status })),
    blindSpots: analysis.blindSpots.map((b) => ({ kind: b.kind, name: b.name })),
  };
}

const HTML_ENTITIES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;" };

/**
 * Text from a file, made inert in Markdown: HTML (`<img onerror=…>`, `<script>`, autolinks
 * `<javascript:…>`) becomes entities, and every character Markdown reads as inline syntax (links
 * `[x](javascript:…)`, emphasis, code, strikethrough, table pipes) is escaped with a backslash, so
 * a renderer shows the text as it was written. Block syntax (`#`, `1.`, `-`) means nothing inside
 * a table cell or after the start of a line, where all of this text goes. A line break becomes a space.
 */
export function markdownText(value: string): string {
  return value
    .replace(/\r\n?|\n/g, " ")
    .replace(/[\\`*_[\]|~]/g, "\\$&")
    .replace(/[&<>]/g, (c) => HTML_ENTITIES[c] ?? c);
}

/** A Markdown table cell; numbers are written as they are, text is escaped. */
function cell(value: string | number | null): string {
  if (value === null) return "–";
  return typeof value === "number" ? String(value) : markdownText(value);
}

function table(headers: string[], rows: (string | number | null)[][]): string {
  const lines = [`| ${headers.join(" | ")} |`, `| ${headers.map(() => "---").join(" | ")} |`];
  for (const row of rows) lines.push(`| ${row.map(cell).join(" | ")} |`);
  return lines.join("\n");
}

/** Columns not read that the Markdown report names; the rest are counted. */
const UNREAD_NAMED = 40;
const EXPERIENCE_HEADERS = ["Responses", "CSAT %", "NPS", "CES", "Performance", "Importance", "Gap", "Quadrant", "Emotion", "Backing"];

function experienceCells(row: ExperienceRow): (string | number | null)[] {
  return [row.responses, row.csat, row.nps, row.ces, row.performance, row.importance, row.gap, row.quadrant, row.emotion, row.backing];
}

export function reportToMarkdown(report: JourneyReport, title: string): string {
  const { import: summary } = report;
  const answers = summary.shape === "wide" && summary.answers !== undefined ? ` (${summary.answers} answers)` : "";
  const noAnswers = summary.noAnswers ? `, ${summary.noAnswers} ${summary.noAnswers === 1 ? "answer was" : "answers were"} "no answer"` : "";
  const parts = [
    `# ${cell(title)}`,
    `## Import\n\n${summary.imported} of ${summary.rows} rows imported${answers}, ${summary.skipped} skipped${noAnswers}.`,
  ];
  const isRead = (c: ReportColumn) => c.scale !== null || c.role !== "ignore";
  // A column read by survey names each survey's scale: "by Survey type: NPS 0–10, CSAT 1–5".
  const scaleCell = (c: ReportColumn) =>
    c.scaleBy === undefined ? c.scale : `by ${c.scaleBy.column}: ${c.scaleBy.surveys.map((s) => `${s.value || "(none)"} ${s.scale}`).join(", ")}`;
  const read = (summary.columns ?? []).filter(isRead);
  if (read.length > 0)
    parts.push(
      table(
        ["Column", "Read as", "Scale", "Touchpoint", "Stage", "Ratings", "No answer"],
        read.map((c) => [c.column, c.measure ?? c.role, scaleCell(c), c.touchpoint, c.stage, c.scale === null ? null : c.ratings, c.scale === null ? null : c.noAnswers]),
      ),
    );
  const unread = (summary.columns ?? []).filter((c) => !isRead(c));
  // A survey tool's export of hundreds of columns: the first ones named, the rest counted (the JSON report lists each).
  const named = unread.slice(0, UNREAD_NAMED).map((c) => cell(c.column));
  if (unread.length > UNREAD_NAMED) named.push(`and ${(unread.length - UNREAD_NAMED).toLocaleString("en")} more`);
  if (unread.length > 0) parts.push(`Not read: ${named.join(", ")}.`);
  if (summary.problemGroups !== undefined && summary.problemGroups.length > 0)
    parts.push(table(["Problem", "Column", "Rows", "First rows"], summary.problemGroups.map((g) => [g.problem, g.column, g.count, g.rows.slice(0, 10).join(", ")])));
  else if (summary.errors.length > 0)
    parts.push(table(["Row", "Column", "Problem"], summary.errors.map((e) => [e.row, e.column, e.message])));
  parts.push(
    `## Overall\n\n${table(["Responses", "CSAT %", "NPS", "CES"], [[report.overall.responses, report.overall.csat, report.overall.nps, report.overall.ces]])}`,
    `## Stages\n\n${table(["Stage", ...EXPERIENCE_HEADERS], report.stages.map((s) => [s.name, ...experienceCells(s)]))}`,
  );
  const { noStage, noTouchpoint } = report.unassigned;
  if (noStage.responses > 0 || noTouchpoint.responses > 0)
    parts.push(
      `## Not on the map\n\n${table(
        ["Responses with", "Responses", "CSAT %", "NPS", "Performance"],
        [
          ["No stage", noStage.responses, noStage.csat, noStage.nps, noStage.performance],
          ["No touchpoint", noTouchpoint.responses, noTouchpoint.csat, noTouchpoint.nps, noTouchpoint.performance],
        ],
      )}`,
    );
  if (report.touchpoints.length > 0)
    parts.push(
      `## Touchpoints\n\n${table(["Touchpoint", "Stage", ...EXPERIENCE_HEADERS], report.touchpoints.map((t) => [t.name, t.stage, ...experienceCells(t)]))}`,
    );
  parts.push(
    report.priorities.length > 0
      ? `## Priorities\n\n${table(["Rank", "Pain point", "Stage", "Score", "Quadrant"], report.priorities.map((p) => [p.rank, p.title, p.stage, p.score, p.quadrant]))}`
      : "## Priorities\n\nNo pain points yet.",
  );
  if (report.kpis.length > 0)
    parts.push(`## KPIs\n\n${table(["KPI", "Stage", "Shortfall", "Status"], report.kpis.map((k) => [k.name, k.stage, k.shortfall, k.status]))}`);
  const incomplete =
    noStage.responses > 0 ? `\n\n${noStage.responses} responses have no stage: they may be about a stage listed here.` : "";
  if (report.blindSpots.length > 0)
    parts.push(`## Blind spots\n\n${report.blindSpots.map((b) => `- ${markdownText(b.kind)} **${cell(b.name)}**: no feedback`).join("\n")}${incomplete}`);
  return `${parts.join("\n\n")}\n`;
}

// ── How sure the figures are, what drives the outcome, what the words say ────────────────────────
// (issue 15; the command line adds these to the report above, the panel shows what its budget allows)

/** A figure with its 95% interval, rounded for reading; null figures where there is no data. */
export interface FigureWithInterval {
  value: number | null;
  low: number | null;
  high: number | null;
  n: number;
}

export interface ConfidenceRow {
  name: string;
  /** CSAT % with its Wilson interval (n = 1–5 ratings). */
  csat: FigureWithInterval;
  /** NPS with its margin of error as low/high (n = 0–10 ratings). */
  nps: FigureWithInterval & { margin: number | null };
  /** Performance 1–5 with its t interval (n = rated responses). */
  performance: FigureWithInterval;
}

export interface ConfidenceReport {
  overall: ConfidenceRow;
  stages: ConfidenceRow[];
  touchpoints: (ConfidenceRow & { stage: string })[];
}

/**
 * The ratings of a group as a histogram (scale → value → count), so that rows and a summary's
 * groups give the same sums, taken in one sorted order.
 */
type RatingHistogram = Map<string, Map<number, number>>;

interface ConfidenceSums {
  csat: number;
  csatSatisfied: number;
  nps: number;
  promoters: number;
  detractors: number;
  satisfaction: Moments;
}

function addRatings(histogram: RatingHistogram, scale: RatingScale, value: number, count: number): void {
  const key = `${scale.min}:${scale.max}`;
  let values = histogram.get(key);
  if (values === undefined) histogram.set(key, (values = new Map()));
  values.set(value, (values.get(value) ?? 0) + count);
}

function sumsOfHistogram(histogram: RatingHistogram | undefined): ConfidenceSums {
  const sums: ConfidenceSums = { csat: 0, csatSatisfied: 0, nps: 0, promoters: 0, detractors: 0, satisfaction: { n: 0, sum: 0, sumSquares: 0 } };
  for (const key of [...(histogram?.keys() ?? [])].sort()) {
    const [min = 0, max = 1] = key.split(":").map(Number);
    const scale = { min, max };
    const values = histogram?.get(key) ?? new Map<number, number>();
    for (const value of [...values.keys()].sort((a, b) => a - b)) {
      const count = values.get(value) ?? 0;
      const s = normalisedSatisfaction(value, scale);
      sums.satisfaction.n += count;
      sums.satisfaction.sum += s * count;
      sums.satisfaction.sumSquares += s * s * count;
      if (isScale(scale, 1, 5)) {
        sums.csat += count;
        if (value >= 4) sums.csatSatisfied += count;
      } else if (isScale(scale, 0, 10)) {
        sums.nps += count;
        if (value >= 9) sums.promoters += count;
        else if (value <= 6) sums.detractors += count;
      }
    }
  }
  return sums;
}

function confidenceRow(name: string, sums: ConfidenceSums): ConfidenceRow {
  const csat = wilsonInterval(sums.csatSatisfied, sums.csat);
  const nps = npsMarginOfError(sums.promoters, sums.detractors, sums.nps);
  const performance = performanceInterval(sums.satisfaction);
  const mean = sums.satisfaction.n === 0 ? null : 1 + (4 * sums.satisfaction.sum) / sums.satisfaction.n;
  return {
    name,
    csat: { value: round(csat?.estimate ?? null), low: round(csat?.low ?? null), high: round(csat?.high ?? null), n: sums.csat },
    nps: {
      value: round(nps?.nps ?? null),
      margin: round(nps?.margin ?? null),
      low: round(nps === null ? null : Math.max(-100, nps.nps - nps.margin)),
      high: round(nps === null ? null : Math.min(100, nps.nps + nps.margin)),
      n: sums.nps,
    },
    performance: {
      value: round(mean),
      low: round(performance === null ? null : Math.max(1, performance.low)),
      high: round(performance === null ? null : Math.min(5, performance.high)),
      n: sums.satisfaction.n,
    },
  };
}

/**
 * 95% intervals of CSAT (Wilson), NPS (margin of error) and performance (t, clipped to the 1–5
 * scale it lives on), overall and per stage and touchpoint, from the rows kept one by one and the
 * summary's groups alike: the sums are taken from rating histograms in one sorted order, so a
 * journey whose rows were folded gives the same figures.
 */
export function buildConfidenceReport(
  map: Pick<JourneyMap, "stages" | "touchpoints" | "feedback"> & Partial<Pick<JourneyMap, "summary">>,
): ConfidenceReport {
  const stageOfTouchpoint = new Map(map.touchpoints.map((t) => [t.id, t.stageId]));
  const overall: RatingHistogram = new Map();
  const byStage = new Map<string, RatingHistogram>();
  const byTouchpoint = new Map<string, RatingHistogram>();
  const histogramOf = (groups: Map<string, RatingHistogram>, key: string) => {
    let histogram = groups.get(key);
    if (histogram === undefined) groups.set(key, (histogram = new Map()));
    return histogram;
  };
  const add = (where: Pick<Feedback, "stageId" | "touchpointId">, scale: RatingScale, value: number, count: number) => {
    addRatings(overall, scale, value, count);
    const stageId = feedbackStageId(where, stageOfTouchpoint);
    if (stageId !== null) addRatings(histogramOf(byStage, stageId), scale, value, count);
    if (where.touchpointId !== null) addRatings(histogramOf(byTouchpoint, where.touchpointId), scale, value, count);
  };
  // the rows kept one by one and those folded into the summary alike
  for (const row of map.feedback) if (row.rating !== null && row.scale !== null) add(row, row.scale, row.rating, 1);
  if (map.summary !== undefined)
    for (const g of summaryGroups(map.summary)) if (g.scale !== null) g.values.forEach((value, i) => add(g, g.scale as RatingScale, value, g.counts[i] ?? 0));
  const stageNames = new Map(map.stages.map((s) => [s.id, s.name]));
  return {
    overall: confidenceRow("Overall", sumsOfHistogram(overall)),
    stages: map.stages.map((s) => confidenceRow(s.name, sumsOfHistogram(byStage.get(s.id)))),
    touchpoints: map.touchpoints.map((t) => ({
      ...confidenceRow(t.name, sumsOfHistogram(byTouchpoint.get(t.id))),
      stage: stageNames.get(t.stageId) ?? "",
    })),
  };
}

export interface DriverRow {
  touchpoint: string;
  stage: string;
  n: number;
  r: number | null;
  low: number | null;
  high: number | null;
  verdict: DriverVerdict;
  /** 1, 2, … among drivers by r; null for a touchpoint that is not a driver (never ranked). */
  rank: number | null;
  statedImportance: number;
  derivedImportance: number | null;
  /** Share of the explained variance R², 0…1; null when relative weights were not computed. */
  relativeWeight: number | null;
}

export interface DriversReport {
  outcome: string;
  /** Respondents with at least one answer (by respondent id). */
  respondents: number;
  drivers: DriverRow[];
  /** R² of the drivers together; the note says why relative weights were not computed, or whom they leave out. */
  rSquared: number | null;
  weightsNote: string | null;
}

/** Rounds a correlation for reading (3 decimals: 0.004 is not 0); null stays null. */
function round3(value: number | null): number | null {
  return value === null ? null : Math.round(value * 1000) / 1000;
}

/**
 * The touchpoint an outcome names: the one whose full question (a wide export's column header) or
 * name matches it, compared as words ("overall_score" is "Overall score"); else none.
 */
export function findOutcomeTouchpoint(map: Pick<JourneyMap, "touchpoints">, outcome: string): Touchpoint | null {
  const wanted = normaliseHeader(outcome);
  return (
    map.touchpoints.find((t) => t.question !== undefined && normaliseHeader(t.question) === wanted) ??
    map.touchpoints.find((t) => normaliseHeader(t.name) === wanted) ??
    null
  );
}

/**
 * The key-driver analysis of a map against an outcome touchpoint: each other touchpoint's
 * correlation with it over the respondents who answered both, and the drivers' relative weights.
 * Computed from driver sums (stats/driver-sums.ts) of the kept rows and of those folded into the
 * summary, so the figures are the same before and after rows are folded.
 */
export function buildDriversReport(
  map: Pick<JourneyMap, "stages" | "touchpoints" | "feedback"> & Partial<Pick<JourneyMap, "summary">>,
  outcome: Touchpoint,
): DriversReport {
  const sums = journeyDriverSums(map.feedback, map.summary?.drivers);
  const others = map.touchpoints.filter((t) => t.id !== outcome.id);
  const analysis = analyseDriverSums(
    sums,
    outcome.id,
    others.map((t) => t.id),
  );
  const pooled =
    analysis.pooled > 0 && analysis.weights.ok
      ? `Relative weights count the respondents of the answer patterns the journey keeps; ${analysis.pooled} with rarer patterns count in the correlations only.`
      : null;
  const touchpoints = new Map(map.touchpoints.map((t) => [t.id, t]));
  const stageNames = new Map(map.stages.map((s) => [s.id, s.name]));
  const shares = new Map(analysis.weights.ok ? analysis.weights.weights.map((w) => [w.touchpoint, w.share]) : []);
  let rank = 0;
  return {
    outcome: outcome.name,
    respondents: sumsRespondents(sums),
    drivers: analysis.correlations.map((c) => {
      const touchpoint = touchpoints.get(c.touchpoint);
      return {
        touchpoint: touchpoint?.name ?? c.touchpoint,
        stage: stageNames.get(touchpoint?.stageId ?? "") ?? "",
        n: c.n,
        r: round3(c.r),
        low: round3(c.interval?.low ?? null),
        high: round3(c.interval?.high ?? null),
        verdict: c.verdict,
        rank: c.verdict === "driver" ? ++rank : null,
        statedImportance: touchpoint?.importance ?? 3,
        derivedImportance: round(c.derivedImportance),
        relativeWeight: shares.has(c.touchpoint) ? round3(shares.get(c.touchpoint) ?? null) : null,
      };
    }),
    rSquared: analysis.weights.ok ? round3(analysis.weights.rSquared) : null,
    weightsNote: analysis.weights.ok ? pooled : analysis.weights.reason,
  };
}

export interface SentimentRow {
  name: string;
  n: number;
  /** Percent of n; null when no text. */
  negative: number | null;
  neutral: number | null;
  positive: number | null;
}

export interface SentimentReport {
  method: string;
  /**
   * What the figures cover when rows were folded into the journey's summary (their text is gone, so
   * it cannot be scored): "the 1,240 texts of the rows kept one by one; 198,760 folded rows are not
   * scored". Null when every row is kept.
   */
  covers: string | null;
  overall: SentimentRow;
  stages: SentimentRow[];
  touchpoints: (SentimentRow & { stage: string })[];
  personas: SentimentRow[];
  /** How many rows have a rating and text that disagree strongly (folded ones too); the first 20 kept are listed. */
  disagreements: number;
  flagged: { rating: number; text: string; compound: number; reason: string }[];
}

function sentimentRow(name: string, shares: SentimentShares | undefined): SentimentRow {
  const s = shares?.shares ?? null;
  return { name, n: shares?.n ?? 0, negative: round(s?.negative ?? null), neutral: round(s?.neutral ?? null), positive: round(s?.positive ?? null) };
}

/** Most rows a report lists as disagreeing (all are counted). */
export const FLAGGED_ROWS_LISTED = 20;

/** The sentiment of the feedback text per stage, touchpoint and persona, and the rows to read again. */
export function buildSentimentReport(
  map: Pick<JourneyMap, "stages" | "touchpoints" | "personas" | "feedback"> & Partial<Pick<JourneyMap, "summary">>,
  sentiment: JourneySentiment = journeySentiment(map),
): SentimentReport {
  const stageNames = new Map(map.stages.map((s) => [s.id, s.name]));
  const folded = summaryTotals(map.summary).rows;
  return {
    method: "VADER (vader-sentiment): compound ≤ −0.05 negative, ≥ 0.05 positive",
    covers:
      folded === 0
        ? null
        : sentiment.folded.texts > 0
          ? `the ${(sentiment.overall.n - sentiment.folded.texts).toLocaleString("en-US")} ${sentiment.overall.n - sentiment.folded.texts === 1 ? "text" : "texts"} of the rows kept one by one and the ${sentiment.folded.texts.toLocaleString("en-US")} of the ${folded.toLocaleString("en-US")} rows folded into the summary, scored when they were imported`
          : `the ${sentiment.overall.n.toLocaleString("en-US")} texts of the rows kept one by one; ${folded.toLocaleString("en-US")} rows folded into the summary are not scored`,
    overall: sentimentRow("Overall", sentiment.overall),
    stages: map.stages.map((s) => sentimentRow(s.name, sentiment.byStage.get(s.id))),
    touchpoints: map.touchpoints.map((t) => ({ ...sentimentRow(t.name, sentiment.byTouchpoint.get(t.id)), stage: stageNames.get(t.stageId) ?? "" })),
    personas: map.personas.map((p) => sentimentRow(p.name, sentiment.byPersona.get(p.id))),
    disagreements: sentiment.flagged.length + sentiment.folded.disagreeing,
    flagged: sentiment.flagged.slice(0, FLAGGED_ROWS_LISTED).map((f) => ({
      rating: f.rating,
      text: f.text,
      compound: round(f.compound) ?? f.compound,
      reason: f.reason,
    })),
  };
}

export interface SuggestionRow {
  stage: string;
  term: string;
  /** Negative rows that say it (low-rated, or text-only with negative text). */
  count: number;
  /** Positive rows of the stage that say it too. */
  positiveCount: number;
  quotes: string[];
}

/** Suggested pain points with their evidence count and quotes; text-only rows count when their text is negative. */
export function buildSuggestionsReport(
  map: Parameters<typeof suggestPainPoints>[0],
  negativeText?: (text: string) => boolean,
): SuggestionRow[] {
  return suggestPainPoints(map, { negativeText }).map((s) => ({
    stage: s.stageName,
    term: s.term,
    count: s.count,
    positiveCount: s.positiveCount,
    quotes: s.quotes,
  }));
}

export interface InsightsReport {
  confidence: ConfidenceReport;
  suggestions?: SuggestionRow[];
  drivers?: DriversReport;
  /** Left out when asked (it is the slow part). */
  sentiment?: SentimentReport;
}

function range(f: FigureWithInterval): string | null {
  return f.value === null ? null : f.low === null || f.high === null ? `${f.value}` : `${f.value} (${f.low}–${f.high})`;
}

function confidenceCells(row: ConfidenceRow): (string | number | null)[] {
  return [
    range(row.csat),
    row.csat.n,
    row.nps.value === null ? null : `${row.nps.value} ± ${row.nps.margin}`,
    row.nps.n,
    range(row.performance),
    row.performance.n,
  ];
}

const CONFIDENCE_HEADERS = ["CSAT % (95%)", "n", "NPS ± 95%", "n", "Performance (95%)", "n"];

/** The Markdown of the intervals, drivers and sentiment, appended to `reportToMarkdown`'s. */
export function insightsToMarkdown(insights: InsightsReport): string {
  const { confidence, drivers, sentiment } = insights;
  const parts = [
    `## How sure the figures are\n\n95% intervals: Wilson for CSAT, margin of error for NPS, Student's t for performance.\n\n${table(
      ["", ...CONFIDENCE_HEADERS],
      [[confidence.overall.name, ...confidenceCells(confidence.overall)], ...confidence.stages.map((s) => [s.name, ...confidenceCells(s)])],
    )}`,
  ];
  if (confidence.touchpoints.length > 0)
    parts.push(
      `### Touchpoints\n\n${table(["Touchpoint", "Stage", ...CONFIDENCE_HEADERS], confidence.touchpoints.map((t) => [t.name, t.stage, ...confidenceCells(t)]))}`,
    );
  if (drivers !== undefined) {
    const weights =
      drivers.rSquared === null
        ? `Relative weights not computed: ${drivers.weightsNote ?? ""}.`
        : `Together the drivers explain R² = ${drivers.rSquared} of the outcome's variance.${drivers.weightsNote === null ? "" : ` ${drivers.weightsNote}`}`;
    parts.push(
      `## Key drivers of ${cell(drivers.outcome)}\n\n${drivers.respondents} respondents. A touchpoint is a driver when the 95% interval of its correlation excludes 0. ${weights}\n\n${table(
        ["Rank", "Touchpoint", "Stage", "n", "r (95%)", "Verdict", "Stated importance", "Derived importance", "Relative weight %"],
        drivers.drivers.map((d) => [
          d.rank,
          d.touchpoint,
          d.stage,
          d.n,
          d.r === null ? null : d.low === null ? `${d.r}` : `${d.r} (${d.low}–${d.high})`,
          d.verdict,
          d.statedImportance,
          d.derivedImportance,
          d.relativeWeight === null ? null : Math.round(1000 * d.relativeWeight) / 10,
        ]),
      )}`,
    );
  }
  if (insights.suggestions !== undefined && insights.suggestions.length > 0)
    parts.push(
      `## Suggested pain points\n\n${table(
        ["Stage", "Suggestion", "Negative rows", "Positive rows", "Quote"],
        insights.suggestions.map((s) => [s.stage, s.term, s.count, s.positiveCount, s.quotes[0] ?? null]),
      )}`,
    );
  if (sentiment === undefined) return `${parts.join("\n\n")}\n`;
  const sentimentCells = (r: SentimentRow) => [r.n, r.negative, r.neutral, r.positive];
  const headers = ["Texts", "Negative %", "Neutral %", "Positive %"];
  parts.push(
    `## What the words say\n\n${sentiment.method}; never mixed into ratings.${sentiment.covers === null ? "" : ` Sentiment covers ${markdownText(sentiment.covers)}.`}\n\n${table(
      ["", ...headers],
      [[sentiment.overall.name, ...sentimentCells(sentiment.overall)], ...sentiment.stages.map((s) => [s.name, ...sentimentCells(s)])],
    )}`,
  );
  if (sentiment.touchpoints.some((t) => t.n > 0))
    parts.push(`### Touchpoints\n\n${table(["Touchpoint", "Stage", ...headers], sentiment.touchpoints.map((t) => [t.name, t.stage, ...sentimentCells(t)]))}`);
  if (sentiment.personas.some((p) => p.n > 0))
    parts.push(`### Personas\n\n${table(["Persona", ...headers], sentiment.personas.map((p) => [p.name, ...sentimentCells(p)]))}`);
  if (sentiment.disagreements > 0)
    parts.push(
      `### Rating and text disagree (${sentiment.disagreements})\n\n${table(
        ["Rating", "Text", "Compound", "Why"],
        sentiment.flagged.map((f) => [f.rating, f.text.length > 160 ? `${f.text.slice(0, 157)}…` : f.text, f.compound, f.reason]),
      )}`,
    );
  return `${parts.join("\n\n")}\n`;
}
