/**
 * `npm run bench`: bundles bench/run.ts for Node and runs it (benchmarks import TypeScript from
 * shared/, plugin/ and test/, so they are bundled like the CLI).
 */
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import * as esbuild from "esbuild";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const outfile = path.join(root, "dist/bench/run.mjs");
await esbuild.build({
  entryPoints: [path.join(root, "bench/run.ts")],
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20",
  outfile,
  packages: "external",
  logLevel: "warning",
});
await import(pathToFileURL(outfile).href);
