/**
 * The report the command line prints: an import summary and the analysis of a journey, as JSON
 * (numbers stay numbers, a metric without data is null) or as Markdown tables a person pastes
 * into a document.
 */
import type { JourneyAnalysis } from "./analysis";

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

/** A Markdown table cell: pipes and line breaks would break the table. */
function cell(value: string | number | null): string {
  if (value === null) return "–";
  return String(value).replace(/\|/g, "\\|").replace(/\r?\n/g, " ");
}

function table(headers: string[], rows: (string | number | null)[][]): string {
  const lines = [`| ${headers.join(" | ")} |`, `| ${headers.map(() => "---").join(" | ")} |`];
  for (const row of rows) lines.push(`| ${row.map(cell).join(" | ")} |`);
  return lines.join("\n");
}

const EXPERIENCE_HEADERS = ["Responses", "CSAT %", "NPS", "CES", "Performance", "Importance", "Gap", "Quadrant", "Emotion", "Backing"];

function experienceCells(row: ExperienceRow): (string | number | null)[] {
  return [row.responses, row.csat, row.nps, row.ces, row.performance, row.importance, row.gap, row.quadrant, row.emotion, row.backing];
}

export function reportToMarkdown(report: JourneyReport, title: string): string {
  const { import: summary } = report;
  const answers = summary.shape === "wide" && summary.answers !== undefined ? ` (${summary.answers} answers)` : "";
  const noAnswers = summary.noAnswers ? `, ${summary.noAnswers} answers were "no answer"` : "";
  const parts = [
    `# ${cell(title)}`,
    `## Import\n\n${summary.imported} of ${summary.rows} rows imported${answers}, ${summary.skipped} skipped${noAnswers}.`,
  ];
  const rated = (summary.columns ?? []).filter((c) => c.scale !== null || c.role !== "ignore");
  if (rated.length > 0)
    parts.push(
      table(
        ["Column", "Read as", "Scale", "Touchpoint", "Stage", "Ratings", "No answer"],
        rated.map((c) => [c.column, c.measure ?? c.role, c.scale, c.touchpoint, c.stage, c.scale === null ? null : c.ratings, c.scale === null ? null : c.noAnswers]),
      ),
    );
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
    parts.push(`## Blind spots\n\n${report.blindSpots.map((b) => `- ${b.kind} **${cell(b.name)}**: no feedback`).join("\n")}${incomplete}`);
  return `${parts.join("\n\n")}\n`;
}
