/**
 * `npm run bench`: bundles bench/run.ts (and the CSV benchmark's worker) for Node and runs it (benchmarks import TypeScript from
 * shared/, plugin/ and test/, so they are bundled like the CLI).
 */
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import * as esbuild from "esbuild";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const outdir = path.join(root, "dist/bench");
// The CSV import benchmark runs each side in a worker thread, from a bundle of its own.
await esbuild.build({
  entryPoints: [path.join(root, "bench/run.ts"), path.join(root, "bench/csv-import-worker.ts")],
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20",
  outdir,
  outExtension: { ".js": ".mjs" },
  packages: "external",
  logLevel: "warning",
});
await import(pathToFileURL(path.join(outdir, "run.mjs")).href);
