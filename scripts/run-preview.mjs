/**
 * `npm run preview -- --feedback <csv> [--map journey.json] --out <file.svg|file.png>`: bundles
 * scripts/preview.ts (it imports TypeScript from shared/, plugin/ and the emulator in test/) for
 * Node and runs it with the same arguments.
 */
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import * as esbuild from "esbuild";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const outfile = path.join(root, "dist/preview/preview.mjs");
await esbuild.build({
  entryPoints: [path.join(root, "scripts/preview.ts")],
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20",
  outfile,
  packages: "external",
  logLevel: "warning",
});
await import(pathToFileURL(outfile).href);
