/**
 * The command line's peak memory on a large file: `dist/cli.js analyze` on 1,000,000 survey rows
 * (~86 MB, the CSV benchmark's export), run as a child process whose peak resident set size
 * (`process.resourceUsage().maxRSS`, written by a preloaded module when it exits) is the figure.
 * Goal: at most 400 MB, however large the file (the command line reads it as a stream).
 */
import { spawn } from "node:child_process";
import { createWriteStream, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import type { Benchmark } from "./benchmark";
import { generateFeedbackCsv } from "./csv-import";

const ROWS = 1_000_000;
const GOAL_MB = 400;
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

/** Writes the export in parts, so the benchmark itself never holds the 86 MB text. */
async function writeExport(file: string, rows: number): Promise<void> {
  const out = createWriteStream(file);
  const part = 100_000;
  for (let done = 0; done < rows; done += part) {
    let text = generateFeedbackCsv(part);
    // The header once; each part's ids continue the last ("R-0" … "R-999999").
    if (done > 0) text = text.slice(text.indexOf("\r\n") + 2).replace(/^R-(\d+),/gm, (_, n: string) => `R-${Number(n) + done},`);
    if (!out.write(text)) await new Promise<void>((resolve) => out.once("drain", () => resolve()));
  }
  await new Promise<void>((resolve, reject) => out.end((error?: Error | null) => (error ? reject(error) : resolve())));
}

/** Runs the command line on a file; its peak RSS in MB, the seconds it took and what it printed. */
function runCli(args: string[], dir: string): Promise<{ peakMb: number; seconds: number; output: string }> {
  const preload = path.join(dir, "peak-rss.mjs");
  writeFileSync(preload, 'process.on("exit", () => process.stderr.write(`peak-rss ${process.resourceUsage().maxRSS}\\n`));\n');
  const outFile = path.join(dir, "report.json");
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", pathToFileURL(preload).href, path.join(root, "dist/cli.js"), ...args], {
      stdio: ["ignore", "pipe", "pipe"],
    });
    const out = createWriteStream(outFile);
    const written = new Promise<void>((done) => out.on("close", () => done()));
    child.stdout.pipe(out);
    let stderr = "";
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.on("error", reject);
    child.on("close", (code) => {
      const peak = /peak-rss (\d+)/.exec(stderr);
      if (code !== 0 || peak === null) {
        reject(new Error(`the command line exited with ${code}: ${stderr.trim()}`));
        return;
      }
      const seconds = (Date.now() - started) / 1000;
      void written.then(() => resolve({ peakMb: Number(peak[1]) / 1024, seconds, output: readFileSync(outFile, "utf8") }));
    });
  });
}

export const cliMemoryBenchmark: Benchmark = {
  title: `CLI: analyze ${ROWS.toLocaleString("en")} rows read as a stream (peak memory)`,
  async run(log) {
    const dir = mkdtempSync(path.join(tmpdir(), "journey-mapper-cli-"));
    try {
      const file = path.join(dir, "feedback-1m.csv");
      await writeExport(file, ROWS);
      const mb = statSync(file).size / 1e6;
      log(`generated ${mb.toFixed(1)} MB of CSV (${ROWS.toLocaleString("en")} rows)`);
      const run = await runCli(["analyze", file, "--no-sentiment"], dir);
      const report = JSON.parse(run.output) as { import: { imported: number }; feedback?: { keptRows: number; summarisedRows: number } };
      log(
        `analyze: ${report.import.imported.toLocaleString("en")} rows imported in ${run.seconds.toFixed(1)} s, peak ${run.peakMb.toFixed(0)} MB; ` +
          `${report.feedback?.keptRows ?? "all"} rows kept as evidence, ${report.feedback?.summarisedRows.toLocaleString("en") ?? 0} in the summary`,
      );
      const summary = await runCli(["summarize", file], dir);
      log(`summarize: ${summary.output.split("\n").length - 2} summary lines in ${summary.seconds.toFixed(1)} s, peak ${summary.peakMb.toFixed(0)} MB`);
      return [
        {
          name: `CLI analyze, ${ROWS.toLocaleString("en")} rows (${mb.toFixed(0)} MB), peak memory`,
          figure: `${run.peakMb.toFixed(0)} MB (${run.seconds.toFixed(1)} s; summarize ${summary.peakMb.toFixed(0)} MB)`,
          goal: `≤ ${GOAL_MB} MB`,
          met: report.import.imported === ROWS && run.peakMb <= GOAL_MB && summary.peakMb <= GOAL_MB,
        },
      ];
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
};
