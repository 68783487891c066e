/**
 * The report the command line prints: an import summary and the analysis of a journey, as JSON
 * (numbers stay numbers, a metric without data is null) or as Markdown tables a person pastes
 * into a document.
 */
import type { JourneyAnalysis } from "./analysis";

export interface ImportSummary {
  rows: number;
  imported: number;
  skipped: number;
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

export function buildReport(summary: ImportSummary, analysis: JourneyAnalysis): JourneyReport {
  return {
    import: summary,
    overall: {
      responses: analysis.overall.responses,
      csat: round(analysis.overall.csat),
      nps: round(analysis.overall.nps),
      ces: round(analysis.overall.ces),
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

const EXPERIENCE_HEADERS = ["Responses", "CSAT %", "NPS", "CES", "Performance", "Importance", "Gap", "Quadrant", "Emotion", "Backing"];

function experienceCells(row: ExperienceRow): (string | number | null)[] {
  return [row.responses, row.csat, row.nps, row.ces, row.performance, row.importance, row.gap, row.quadrant, row.emotion, row.backing];
}

export function reportToMarkdown(report: JourneyReport, title: string): string {
  const parts = [
    `# ${cell(title)}`,
    `## Import\n\n${report.import.imported} of ${report.import.rows} rows imported, ${report.import.skipped} skipped.`,
  ];
  if (report.import.errors.length > 0)
    parts.push(table(["Row", "Column", "Problem"], report.import.errors.map((e) => [e.row, e.column, e.message])));
  parts.push(
    `## Overall\n\n${table(["Responses", "CSAT %", "NPS", "CES"], [[report.overall.responses, report.overall.csat, report.overall.nps, report.overall.ces]])}`,
    `## Stages\n\n${table(["Stage", ...EXPERIENCE_HEADERS], report.stages.map((s) => [s.name, ...experienceCells(s)]))}`,
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
  if (report.blindSpots.length > 0)
    parts.push(`## Blind spots\n\n${report.blindSpots.map((b) => `- ${markdownText(b.kind)} **${cell(b.name)}**: no feedback`).join("\n")}`);
  return `${parts.join("\n\n")}\n`;
}
