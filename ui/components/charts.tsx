/**
 * The two small charts of the panel, drawn as SVG in the theme's colours: importance vs performance
 * of the stages (the gap analysis) and impact vs effort of the pain points (the priority matrix).
 * Each has a text equivalent beside it (the tables), and a summary as its accessible name.
 */
import type { ComponentChildren } from "preact";

const SIZE = { width: 300, height: 220, left: 34, right: 10, top: 10, bottom: 30 };

/** Maps a 1–5 value to the plot area. */
function scale(value: number, from: number, to: number): number {
  return from + ((Math.min(5, Math.max(1, value)) - 1) / 4) * (to - from);
}

interface Point {
  key: string;
  x: number;
  y: number;
  label: string;
  /** The full name, as a tooltip, when the label is short. */
  title?: string;
  /** A class for its colour. */
  tone?: string;
}

/** About how wide a 9 px label is, per character. */
const CHAR_WIDTH = 5;

/**
 * Where each point's label goes: to its right, else to its left, else above or below, whichever
 * first stays inside the chart and clear of the labels already placed (points in x order).
 */
function placeLabels(points: readonly Point[], box: { x0: number; x1: number; y0: number; y1: number }) {
  const placed: { left: number; right: number; top: number; bottom: number }[] = [];
  const clear = (r: (typeof placed)[number]) =>
    r.left >= box.x0 && r.right <= box.x1 && r.top >= box.y1 && r.bottom <= box.y0 &&
    placed.every((o) => r.right < o.left || r.left > o.right || r.bottom < o.top || r.top > o.bottom);
  return [...points]
    .sort((a, b) => a.x - b.x || b.y - a.y)
    .map((point) => {
      const cx = scale(point.x, box.x0, box.x1);
      const cy = scale(point.y, box.y0, box.y1);
      const text = point.label.length > 16 ? `${point.label.slice(0, 15)}…` : point.label;
      const width = text.length * CHAR_WIDTH;
      const options = [
        { lx: cx + 6, ly: cy + 3, anchor: "start" as const, left: cx + 6 },
        { lx: cx - 6, ly: cy + 3, anchor: "end" as const, left: cx - 6 - width },
        { lx: cx, ly: cy - 7, anchor: "middle" as const, left: cx - width / 2 },
        { lx: cx, ly: cy + 13, anchor: "middle" as const, left: cx - width / 2 },
      ];
      const rect = (o: (typeof options)[number]) => ({ left: o.left, right: o.left + width, top: o.ly - 8, bottom: o.ly + 1 });
      // Past 40 labels none fits any more, and trying each against all placed is quadratic (20,000 stages):
      // the rest are dots, named by their tooltip.
      const labelled = placed.length < 40;
      const chosen = (labelled ? options.find((o) => clear(rect(o))) : undefined) ?? options[0]!;
      if (labelled) placed.push(rect(chosen));
      return { point, cx, cy, text: labelled ? text : "", lx: chosen.lx, ly: chosen.ly, anchor: chosen.anchor };
    });
}

interface QuadrantChartProps {
  title: string;
  summary: string;
  xLabel: string;
  yLabel: string;
  /** Quadrant names: [top-left, top-right, bottom-left, bottom-right]. */
  quadrants: [string, string, string, string];
  points: readonly Point[];
  children?: ComponentChildren;
}

function QuadrantChart({ title, summary, xLabel, yLabel, quadrants, points }: QuadrantChartProps) {
  const { width, height, left, right, top, bottom } = SIZE;
  const x0 = left;
  const x1 = width - right;
  const y0 = height - bottom;
  const y1 = top;
  const midX = scale(3, x0, x1);
  const midY = scale(3, y0, y1);
  return (
    <figure class="chart">
      <svg viewBox={`0 0 ${width} ${height}`} role="img" aria-label={`${title}. ${summary}`} class="chart-svg">
        <rect x={x0} y={y1} width={x1 - x0} height={y0 - y1} class="chart-area" />
        <line x1={midX} x2={midX} y1={y1} y2={y0} class="chart-mid" />
        <line x1={x0} x2={x1} y1={midY} y2={midY} class="chart-mid" />
        <text x={x0 + 4} y={y1 + 11} class="chart-quadrant">
          {quadrants[0]}
        </text>
        <text x={x1 - 4} y={y1 + 11} class="chart-quadrant" text-anchor="end">
          {quadrants[1]}
        </text>
        <text x={x0 + 4} y={y0 - 5} class="chart-quadrant">
          {quadrants[2]}
        </text>
        <text x={x1 - 4} y={y0 - 5} class="chart-quadrant" text-anchor="end">
          {quadrants[3]}
        </text>
        {[1, 2, 3, 4, 5].map((v) => (
          <g key={v}>
            <text x={scale(v, x0, x1)} y={y0 + 12} class="chart-tick" text-anchor="middle">
              {v}
            </text>
            <text x={x0 - 5} y={scale(v, y0, y1) + 3} class="chart-tick" text-anchor="end">
              {v}
            </text>
          </g>
        ))}
        <text x={(x0 + x1) / 2} y={height - 4} class="chart-axis" text-anchor="middle">
          {xLabel}
        </text>
        <text x={10} y={(y0 + y1) / 2} class="chart-axis" text-anchor="middle" transform={`rotate(-90 10 ${(y0 + y1) / 2})`}>
          {yLabel}
        </text>
        {placeLabels(points, { x0, x1, y0, y1 }).map(({ point: p, cx, cy, lx, ly, anchor, text }) => (
          <g key={p.key} class={`chart-point ${p.tone ?? ""}`}>
            <title>{p.title ?? p.label}</title>
            <circle cx={cx} cy={cy} r={4} />
            <text x={lx} y={ly} class="chart-label" text-anchor={anchor}>
              {text}
            </text>
          </g>
        ))}
      </svg>
      <figcaption class="visually-hidden">{title}</figcaption>
    </figure>
  );
}

export interface StagePoint {
  stageId: string;
  name: string;
  importance: number;
  performance: number | null;
  quadrant: string | null;
}

/**
 * Importance (y) vs performance (x) per stage; stages without rated feedback are left out and named.
 * `derived`: the importance is derived from the outcome (the journey's setting), and the axis says so.
 */
export function ImportancePerformanceChart({ stages, derived = false }: { stages: readonly StagePoint[]; derived?: boolean }) {
  const placed = stages.filter((s) => s.performance !== null);
  const missing = stages.filter((s) => s.performance === null).map((s) => s.name);
  const concentrate = placed.filter((s) => s.quadrant === "concentrate here").map((s) => s.name);
  const summary =
    placed.length === 0
      ? "No stage has rated feedback yet."
      : concentrate.length > 0
        ? `Concentrate here: ${concentrate.join(", ")}.`
        : "No stage falls in “concentrate here”.";
  return (
    <div>
      <QuadrantChart
        title={`${derived ? "Derived importance" : "Importance"} vs performance`}
        summary={summary}
        xLabel="Performance"
        yLabel={derived ? "Derived importance" : "Importance"}
        quadrants={["Concentrate here", "Keep up the good work", "Low priority", "Possible overkill"]}
        points={placed.map((s) => ({
          key: s.stageId,
          x: s.performance ?? 3,
          y: s.importance,
          label: s.name,
          tone: s.quadrant === "concentrate here" ? "tone-danger" : s.quadrant === "keep up the good work" ? "tone-success" : "tone-neutral",
        }))}
      />
      {missing.length > 0 ? <p class="hint">Not placed (no rated feedback): {missing.join(", ")}.</p> : null}
    </div>
  );
}

export interface MatrixPoint {
  painPointId: string;
  rank: number;
  title: string;
  impact: number;
  effort: number;
  quadrant: string;
}

/** Impact (y) vs effort (x), each pain point labelled by its rank. */
export function PriorityMatrix({ priorities }: { priorities: readonly MatrixPoint[] }) {
  const quickWins = priorities.filter((p) => p.quadrant === "quick win").map((p) => `#${p.rank} ${p.title}`);
  const summary = priorities.length === 0 ? "No pain points yet." : quickWins.length > 0 ? `Quick wins: ${quickWins.join(", ")}.` : "No quick wins.";
  return (
    <QuadrantChart
      title="Priority matrix, impact vs effort"
      summary={summary}
      xLabel="Effort"
      yLabel="Impact"
      quadrants={["Quick wins", "Major projects", "Fill-ins", "Thankless"]}
      points={priorities.map((p) => ({
        key: p.painPointId,
        x: p.effort,
        y: p.impact,
        label: `#${p.rank}`,
        title: `#${p.rank} ${p.title} (${p.quadrant})`,
        tone: p.quadrant === "quick win" ? "tone-success" : p.quadrant === "major project" ? "tone-warning" : "tone-neutral",
      }))}
    />
  );
}

/**
 * The shares of negative, neutral and positive text as one small stacked bar (Figma's danger,
 * secondary and success colours). Decoration only: the shares are written beside it.
 */
export function SentimentBar({ negative, neutral, positive }: { negative: number; neutral: number; positive: number }) {
  const width = 80;
  const total = negative + neutral + positive;
  if (total <= 0) return null;
  const a = (negative / total) * width;
  const b = (neutral / total) * width;
  return (
    <svg class="sentiment-bar" width={width} height={8} viewBox={`0 0 ${width} 8`} aria-hidden="true">
      <rect x={0} y={0} width={a} height={8} class="sentiment-negative" />
      <rect x={a} y={0} width={b} height={8} class="sentiment-neutral" />
      <rect x={a + b} y={0} width={width - a - b} height={8} class="sentiment-positive" />
    </svg>
  );
}
