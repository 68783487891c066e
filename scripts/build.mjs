/**
 * Builds the plugin:
 * - dist/code.js — the sandbox code, one IIFE for es2020, the syntax Figma's sandbox documents
 *   (https://developers.figma.com/docs/plugins/how-plugins-run; the QuickJS benchmark compiles it);
 * - dist/ui.html — the panel, one self-contained file with all JS and CSS inlined (Figma loads no other files), for es2022;
 * - dist/cli.js — the command line tool, for Node;
 * - dist/host/ — the local host page that runs both against the emulated canvas (`npm start`).
 *
 * Usage: node scripts/build.mjs [--no-minify]
 */
import { readFile, mkdir, writeFile, rm } from "node:fs/promises";
import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";
import * as esbuild from "esbuild";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const dist = path.join(root, "dist");
const minify = !process.argv.includes("--no-minify");

/**
 * @create-figma-plugin/ui imports its base stylesheet as `import '!../css/base.css'` (a webpack-style
 * prefix); resolve it as the plain path.
 * @type {esbuild.Plugin}
 */
const bangCssImports = {
  name: "bang-css-imports",
  setup(build) {
    build.onResolve({ filter: /^!\./ }, (args) => ({ path: path.resolve(args.resolveDir, args.path.slice(1)) }));
  },
};

/**
 * ml-matrix installs some ninety element-wise operations on its Matrix class as it loads (`add`, `subS`,
 * `pow` …, 12.5 kB minified), none of which the panel's relative weights use (the eigen decomposition,
 * `mmul`, `transpose`, `diag`, `getColumn`): the panel's bundle installs none. The command line keeps
 * the library whole. test/e2e/insights-drivers.e2e.ts checks the weights in the built panel.
 */
const withoutMatrixMathOperations = {
  name: "without-matrix-math-operations",
  setup(build) {
    build.onResolve({ filter: /^\.\/(?:mathOperations|stat|inspect)$/ }, (args) =>
      args.importer.includes(`${path.sep}ml-matrix${path.sep}`) ? { path: args.path.slice(2), namespace: "stub" } : undefined,
    );
    build.onResolve({ filter: /^ml-array-rescale$/ }, (args) =>
      args.importer.includes(`${path.sep}ml-matrix${path.sep}`) ? { path: "rescale", namespace: "stub" } : undefined,
    );
    build.onLoad({ filter: /.*/, namespace: "stub" }, (args) => ({ contents: MATRIX_STUBS[args.path], loader: "js" }));
    build.onLoad({ filter: /[\\/]ml-matrix[\\/]src[\\/]matrix\.js$/ }, async (args) => ({
      contents: withMatrixMethodsKept(await readFile(args.path, "utf8")),
      loader: "js",
    }));
  },
};

/**
 * The methods of ml-matrix's AbstractMatrix the relative weights reach (the eigen decomposition's,
 * `Matrix.eye`, `diag`, `columnVector`, `mmul`, `transpose`, `getColumn`, found by running them), and
 * a few the same code could reach on other data (`isSymmetric`, `clone`, `to2DArray` …). A class's
 * methods are all bundled whether called or not: the other seventy (echelon forms, Kronecker and
 * Strassen products, sorting, sub-matrices …, about 16 kB minified) are left out of the panel, where
 * calling one fails as "not a function". The command line keeps the library whole.
 */
const MATRIX_METHODS_KEPT = new Set([
  "static from1DArray", "static rowVector", "static columnVector", "static zeros", "static eye", "static diag",
  "static checkMatrix", "static isMatrix", "static copy", "get size", "to1DArray", "to2DArray", "toJSON", "isSquare",
  "isEmpty", "isSymmetric", "set", "get", "getRow", "getColumn", "diag", "mmul", "transpose", "clone",
]);

/** ml-matrix's matrix.js with AbstractMatrix's methods outside MATRIX_METHODS_KEPT removed (each ends at its first "  }"). */
function withMatrixMethodsKept(source) {
  const lines = source.split("\n");
  const start = lines.indexOf("export class AbstractMatrix {");
  const end = lines.indexOf("}", start);
  if (start < 0 || end < 0) throw new Error("ml-matrix's matrix.js changed shape: AbstractMatrix not found");
  const kept = [];
  for (let i = 0; i < lines.length; i++) {
    const method = i > start && i < end ? /^ {2}((?:static )?(?:get )?)(\w+)\(.*\{$/.exec(lines[i]) : null;
    if (method !== null && !MATRIX_METHODS_KEPT.has(`${method[1]}${method[2]}`)) {
      while (i < end && lines[i] !== "  }") i++;
      continue;
    }
    kept.push(lines[i]);
  }
  return kept.join("\n");
}

/**
 * The parts of ml-matrix the relative weights never reach, as stubs: its element-wise operations (12.5 kB,
 * installed on the Matrix class as it loads: a no-op), its row and column statistics and its
 * pretty-printing (about 3 kB: each throws if ever called), and the rescaling package behind `rescale`.
 */
const unavailable = (names) => names.map((name) => `export function ${name}() { throw new Error("ml-matrix's ${name} is not in the panel's bundle"); }`).join("\n");
const MATRIX_STUBS = {
  mathOperations: "export function installMathOperations() {}",
  stat: unavailable([
    "sumByRow", "sumByColumn", "sumAll", "productByRow", "productByColumn", "productAll", "varianceByRow", "varianceByColumn",
    "varianceAll", "centerByRow", "centerByColumn", "centerAll", "getScaleByRow", "scaleByRow", "getScaleByColumn",
    "scaleByColumn", "getScaleAll", "scaleAll",
  ]),
  inspect: unavailable(["inspectMatrix", "inspectMatrixWithOptions"]),
  rescale: "export default function rescale() { throw new Error(\"ml-matrix's rescale is not in the panel's bundle\"); }",
};

/** Inlines a script so that no `</script` inside it can close the tag early. */
function inlineScript(js) {
  return js.replace(/<\/script/gi, "<\\/script");
}

async function buildCode() {
  await esbuild.build({
    entryPoints: [path.join(root, "plugin/main.ts")],
    bundle: true,
    format: "iife",
    target: "es2020",
    minify,
    outfile: path.join(dist, "code.js"),
    logLevel: "warning",
    legalComments: "none",
  });
}

/**
 * The stylesheet without the custom properties nothing reads: @create-figma-plugin/ui's base.css
 * declares its whole design scale (spacings, shadows, z-indexes) for every component, and the panel
 * uses a few of them; the rest is about 0.8 kB of the 250 kB budget. A property stays if any
 * `var(--name` is found in the stylesheet or the script.
 */
function withoutUnusedVariables(css, js) {
  const used = (name) => css.includes(`var(${name}`) || js.includes(name);
  return css.replace(/(?<=[{;])(--[\w-]+):[^;}]*(;|(?=}))/g, (declaration, name) => (used(name) ? declaration : ""));
}

async function buildUi() {
  const result = await esbuild.build({
    entryPoints: [path.join(root, "ui/main.tsx")],
    bundle: true,
    format: "iife",
    target: "es2022",
    minify,
    write: false,
    outdir: path.join(dist, "ui"),
    jsx: "automatic",
    jsxImportSource: "preact",
    loader: { ".module.css": "local-css", ".css": "css" },
    plugins: [bangCssImports, withoutMatrixMathOperations],
    // ml-matrix's package entry is one CommonJS file of the whole library (72 kB minified); its ES
    // module source lets the bundle keep the eigen decomposition Insights' relative weights use and
    // what it needs (51 kB). Its package "exports" lists the entry only, hence the file path.
    alias: { "ml-matrix": path.join(path.dirname(createRequire(import.meta.url).resolve("ml-matrix")), "src/index.js") },
    // Non-ASCII text (— … ★) as UTF-8, not as \u escapes twice its size.
    charset: "utf8",
    logLevel: "warning",
    legalComments: "none",
  });
  const js = result.outputFiles.find((f) => f.path.endsWith(".js"))?.text ?? "";
  const css = withoutUnusedVariables(result.outputFiles.find((f) => f.path.endsWith(".css"))?.text ?? "", js);
  const html = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Journey Mapper</title>
<style>${css}</style>
</head>
<body>
<div id="app"></div>
<script>${inlineScript(js)}</script>
</body>
</html>
`;
  await writeFile(path.join(dist, "ui.html"), html);
}

async function buildCli() {
  if (!existsSync(path.join(root, "scripts/cli.ts"))) return;
  await esbuild.build({
    entryPoints: [path.join(root, "scripts/cli.ts")],
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    outfile: path.join(dist, "cli.js"),
    banner: { js: "#!/usr/bin/env node" },
    logLevel: "warning",
  });
}

async function buildHost() {
  const hostDir = path.join(dist, "host");
  await mkdir(hostDir, { recursive: true });
  await esbuild.build({
    entryPoints: [path.join(root, "scripts/host/host.ts")],
    bundle: true,
    format: "iife",
    target: "es2020",
    minify: false,
    sourcemap: true,
    outfile: path.join(hostDir, "host.js"),
    logLevel: "warning",
  });
  await writeFile(path.join(hostDir, "index.html"), await readFile(path.join(root, "scripts/host/index.html")));
}

await rm(dist, { recursive: true, force: true });
await mkdir(dist, { recursive: true });
await Promise.all([buildCode(), buildUi(), buildCli(), buildHost()]);
console.log(`built dist/code.js, dist/ui.html${existsSync(path.join(dist, "cli.js")) ? ", dist/cli.js" : ""} and dist/host/`);
