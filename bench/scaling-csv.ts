/**
 * CSV inputs that once took time growing with the square of their size: each is imported at 1× and
 * 10× its size in one run, and the processor time must grow about tenfold (goal: at most 15×). A
 * quadratic path shows as about 100×.
 *
 * - a stray quote: comments that start with a quoted word ("Fast" delivery? Not really), one row in ten;
 * - a repeated id: an "ID" column holding the same survey id on every row, each row's text its own;
 * - one huge record: a comment that goes on for megabytes, on one line;
 * - an unclosed quote: a quote opened in the first data row that never closes, over many lines;
 * - a header of many "[" over a question of word answers (its short name was searched for a bracketed item).
 */
import { importFeedbackCsv } from "../shared/csv";
import { emptyJourney } from "../shared/journey-from-feedback";
import type { BenchResult, Benchmark } from "./benchmark";

const GOAL = 15;

interface ScalingCase {
  name: string;
  /** The input at size `scale` (1 or 10), and what one unit of it is, for the log. */
  make(scale: number): string;
  unit: string;
  units: number;
}

function strayQuoteCsv(rows: number): string {
  const lines = ["Response ID,Stage,Rating,Comment"];
  for (let i = 0; i < rows; i++) {
    const comment = i % 10 === 3 ? `"Fast" delivery? Not really, row ${i}` : `Plain comment ${i}`;
    lines.push(`R-${i},Checkout,${(i % 5) + 1},${comment}`);
  }
  return `${lines.join("\n")}\n`;
}

function repeatedIdCsv(rows: number): string {
  const lines = ["ID,Stage,Rating,Comment"];
  for (let i = 0; i < rows; i++) lines.push(`SV_42,Checkout,${(i % 5) + 1},Comment number ${i}`);
  return `${lines.join("\n")}\n`;
}

function hugeRecordCsv(chars: number): string {
  const words = "the parcel never came and nobody answered ";
  return `Stage,Rating,Comment\nCheckout,2,${words.repeat(Math.ceil(chars / words.length))}`;
}

function unclosedQuoteCsv(chars: number): string {
  const line = "R-1,Checkout,4,a comment line that goes on\n";
  return `Response ID,Stage,Rating,Comment\nR-0,Checkout,5,"it never closes\n${line.repeat(Math.ceil(chars / line.length))}`;
}

function bracketHeaderCsv(chars: number): string {
  const rows = Array.from({ length: 50 }, (_, i) => `${i},${i % 2 === 0 ? "Satisfied" : "Very satisfied"},Dissatisfied`);
  return `Id,Rate ${"[".repeat(chars)},Other [Item]\n${rows.join("\n")}\n`;
}

const CASES: ScalingCase[] = [
  { name: "stray quote in a comment, every 10th row", make: (s) => strayQuoteCsv(20_000 * s), unit: "rows", units: 20_000 },
  { name: "same id on every row", make: (s) => repeatedIdCsv(20_000 * s), unit: "rows", units: 20_000 },
  { name: "one huge record (a comment of megabytes on one line)", make: (s) => hugeRecordCsv(5_000_000 * s), unit: "MB", units: 5 },
  { name: "unclosed quote", make: (s) => unclosedQuoteCsv(5_000_000 * s), unit: "MB", units: 5 },
  { name: 'a header of many "[" over word answers', make: (s) => bracketHeaderCsv(30_000 * s), unit: "thousand characters", units: 30 },
];

function collectGarbage(): void {
  (globalThis as { gc?: () => void }).gc?.();
}

/**
 * Milliseconds of processor time the import takes (user and system, this process only): on a machine
 * shared with other work, wall time says more about the others than about the import.
 */
async function timeImport(text: string): Promise<number> {
  collectGarbage();
  const started = process.cpuUsage();
  await importFeedbackCsv(text, { map: emptyJourney("Scaling") }, { yieldToHost: () => Promise.resolve() });
  const used = process.cpuUsage(started);
  return (used.user + used.system) / 1000;
}

export const csvScalingBenchmark: Benchmark = {
  title: "CSV scaling: hostile inputs at 1× and 10×",
  async run(log) {
    const results: BenchResult[] = [];
    for (const scaling of CASES) {
      const small = scaling.make(1);
      const large = scaling.make(10);
      // A first run warms the code up, so the 1× time is not mostly compilation; the best of three
      // runs at each size, so one pause of a busy machine does not make the ratio.
      await timeImport(small);
      const one = Math.min(await timeImport(small), await timeImport(small), await timeImport(small));
      const ten = Math.min(await timeImport(large), await timeImport(large), await timeImport(large));
      const ratio = ten / one;
      log(
        `${scaling.name}: ${scaling.units.toLocaleString("en")} ${scaling.unit} ${one.toFixed(0)} ms, ` +
          `${(scaling.units * 10).toLocaleString("en")} ${scaling.unit} ${ten.toFixed(0)} ms`,
      );
      results.push({
        name: `CSV scaling: ${scaling.name}`,
        figure: `${ratio.toFixed(1)}× for 10× the size (${one.toFixed(0)} ms → ${ten.toFixed(0)} ms)`,
        goal: `≤ ${GOAL}×`,
        met: ratio <= GOAL,
      });
    }
    return results;
  },
};
