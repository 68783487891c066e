/**
 * A small line chart of one figure over periods, for the trends in Insights: SVG in the theme's
 * colours, on the figure's whole range (0–100 % for CSAT, −100…100 for NPS, 1–7 for CES, 1–5 for
 * performance) so that a small wobble does not look like a cliff. A period without the figure
 * breaks the line (never a fake zero); its accessible name lists every value.
 */

export const SPARK = { width: 96, height: 24, inset: 3 };

/**
 * The points of the line, one per period from left to right, in runs of consecutive periods that
 * have the figure: a period without it (null) ends a run.
 */
export function sparklineRuns(values: readonly (number | null)[], domain: readonly [number, number]): [number, number][][] {
  const { width, height, inset } = SPARK;
  const step = values.length > 1 ? (width - 2 * inset) / (values.length - 1) : 0;
  const [low, high] = domain;
  const runs: [number, number][][] = [];
  let run: [number, number][] | null = null;
  values.forEach((value, i) => {
    if (value === null) {
      run = null;
      return;
    }
    const x = values.length > 1 ? inset + i * step : width / 2;
    const y = height - inset - ((Math.min(high, Math.max(low, value)) - low) / (high - low)) * (height - 2 * inset);
    if (run === null) runs.push((run = []));
    run.push([Math.round(x * 10) / 10, Math.round(y * 10) / 10]);
  });
  return runs;
}

interface SparklineProps {
  values: readonly (number | null)[];
  domain: readonly [number, number];
  /** The accessible name: what the line shows, period by period. */
  label: string;
}

export function Sparkline({ values, domain, label }: SparklineProps) {
  const runs = sparklineRuns(values, domain);
  const path = runs.map((run) => run.map(([x, y], i) => `${i === 0 ? "M" : "L"}${x} ${y}`).join(" ")).join(" ");
  // A lone point draws no line: it gets a dot, as does the last period's point.
  const dots = runs.filter((run, i) => run.length === 1 || i === runs.length - 1).map((run) => run[run.length - 1] as [number, number]);
  return (
    <svg class="sparkline" width={SPARK.width} height={SPARK.height} viewBox={`0 0 ${SPARK.width} ${SPARK.height}`} role="img" aria-label={label}>
      <path d={path} />
      {dots.map(([x, y]) => (
        <circle key={`${x},${y}`} cx={x} cy={y} r={2} />
      ))}
    </svg>
  );
}
