/**
 * The map preview: runs the real plugin code (plugin/main.ts, through the message contract) on the
 * Figma emulator and writes the generated map, with the frames beside it, as SVG or PNG, so anyone
 * can look at a map without Figma.
 *
 *   npm run preview -- --feedback <file.csv> [--map journey.json] --out <file.svg|file.png> [--editor figma|figjam]
 *
 * - Without --map, the stages, touchpoints and personas come from the CSV (as `analyze` does).
 * - With --map, the CSV's feedback is added to the map's own (names it does not know are reported,
 *   not added); --map alone draws the map as saved.
 * - PNG is drawn by headless Chromium (/usr/bin/chromium, or $CHROMIUM_PATH).
 *
 * Bad input exits non-zero with one line naming the problem.
 */
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { CsvDecodeError, decodeCsvBytes, importFeedbackCsv, responseKey } from "../shared/csv";
import { emptyJourney, titleFromFileName, withImportedFeedback } from "../shared/journey-from-feedback";
import { parsePluginMessage } from "../shared/messages";
import { importJourneyMapJson, parseJourneyMap, type JourneyMap } from "../shared/model";
import { createFigmaEmulator } from "../test/emulator/emulator";

const USAGE =
  "usage: npm run preview -- --feedback <file.csv> [--map journey.json] --out <file.svg|file.png> [--editor figma|figjam]";

class UsageError extends Error {}

export interface PreviewOptions {
  feedback: string | null;
  map: string | null;
  out: string;
  editor: "figma" | "figjam";
}

export function parsePreviewArguments(args: readonly string[]): PreviewOptions {
  const options: PreviewOptions = { feedback: null, map: null, out: "", editor: "figma" };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] ?? "";
    const value = () => {
      const next = args[++i];
      if (next === undefined || next.startsWith("--")) throw new UsageError(`${arg} needs a value`);
      return next;
    };
    switch (arg) {
      case "--feedback":
        options.feedback = value();
        break;
      case "--map":
        options.map = value();
        break;
      case "--out":
        options.out = value();
        break;
      case "--editor": {
        const editor = value();
        if (editor !== "figma" && editor !== "figjam") throw new UsageError(`--editor must be figma or figjam, not "${editor}"`);
        options.editor = editor;
        break;
      }
      default:
        throw new UsageError(`unknown argument "${arg}"; ${USAGE}`);
    }
  }
  if (options.feedback === null && options.map === null) throw new UsageError(`give a feedback file, a map, or both; ${USAGE}`);
  if (!/\.(svg|png)$/i.test(options.out)) throw new UsageError(`--out must name a .svg or .png file; ${USAGE}`);
  return options;
}

function readOrFail(file: string, what: string): Buffer {
  try {
    return readFileSync(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new UsageError(`cannot read ${what} "${file}": ${code === "ENOENT" ? "no such file" : String(code ?? error)}`);
  }
}

/** The journey to draw: the map, the CSV's feedback, or the map with the CSV's feedback added. */
export async function previewJourney(options: PreviewOptions, log: (line: string) => void): Promise<JourneyMap> {
  let base: JourneyMap;
  if (options.map !== null) {
    const parsed = importJourneyMapJson(readOrFail(options.map, "map").toString("utf8"));
    if (!parsed.ok) throw new UsageError(`the map "${options.map}" cannot be used: ${parsed.errors.slice(0, 3).join("; ")}`);
    base = parsed.value;
  } else base = emptyJourney(titleFromFileName(options.feedback ?? "Journey"));
  if (options.feedback === null) return base;

  const bytes = readOrFail(options.feedback, "feedback file");
  let decoded;
  try {
    decoded = decodeCsvBytes(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength));
  } catch (error) {
    if (error instanceof CsvDecodeError) throw new UsageError(`"${options.feedback}": ${error.message}`);
    throw error;
  }
  // Responses the journey already holds (the same response id, rating and text) are not added twice.
  const alreadyImported = new Set(base.feedback.map(responseKey).filter((key): key is string => key !== null));
  const result = await importFeedbackCsv(decoded.text, {
    map: base,
    encoding: decoded.encoding,
    create: options.map !== null ? { stages: false, touchpoints: false, personas: false } : undefined,
    alreadyImported,
  });
  const rejected = result.rejectedRows.find((row) => row.reasons.every((reason) => !reason.includes("already in the journey")));
  const why = rejected ? `: ${rejected.reasons[0] ?? `row ${rejected.row}`}${result.skipped > 1 ? " …" : ""}` : "";
  const known = result.duplicates > 0 ? `, ${result.duplicates} already in the journey` : "";
  log(`imported ${result.imported} of ${result.rows} feedback rows${result.skipped > 0 ? ` (${result.skipped} skipped${known}${why})` : ""}`);
  const map = withImportedFeedback(base, result);
  const valid = parseJourneyMap(map);
  if (!valid.ok) throw new Error(`the journey built from "${options.feedback}" is not valid: ${valid.errors.slice(0, 3).join("; ")}`);
  return valid.value;
}

/** Generates the map with the real plugin on the emulator; returns the page as SVG. */
export async function renderPreviewSvg(map: JourneyMap, editor: "figma" | "figjam"): Promise<string> {
  const emulator = createFigmaEmulator({ editorType: editor, command: "open", pages: ["Journey maps"] });
  Object.assign(globalThis, { figma: emulator.figma, __html__: "<!-- preview: no panel -->" });
  await import("../plugin/main");
  await emulator.settle();
  // The plugin answers on a later turn, once the map is drawn.
  const answer = new Promise<void>((resolve, reject) => {
    emulator.panel.onMessage((raw) => {
      const parsed = parsePluginMessage(raw);
      if (!parsed.ok || !("requestId" in parsed.message) || parsed.message.requestId !== "preview") return;
      if (parsed.message.type === "failure") reject(new Error(`the plugin could not generate the map: ${parsed.message.message}`));
      else if (parsed.message.type === "reply") resolve();
    });
  });
  emulator.panel.postMessage({ type: "generate-map", requestId: "preview", model: map });
  await answer;
  await emulator.settle();
  return emulator.renderSvg(emulator.figma.currentPage, { padding: 64, background: "#F1F2F4", annotate: false });
}

/**
 * Inter is rarely installed where the preview runs: Liberation Sans (Arial's metrics), tracked a
 * little wider, stands in with widths close to those the emulator laid the text out with, so text
 * fills its boxes as it would in Figma.
 */
const PNG_STYLE = [
  "html,body{margin:0}",
  "svg{display:block}",
  'text,tspan{font-family:Inter,"Liberation Sans",Arimo,Arial,sans-serif}',
  // The emulator measures text a little wider than Liberation Sans draws it: tracking closes the gap.
  "tspan:not([letter-spacing]){letter-spacing:0.04em}",
].join("");

/** Headless Chromium draws the SVG. */
async function svgToPng(svg: string, file: string): Promise<void> {
  const { chromium } = await import("playwright-core");
  const size = /width="([\d.]+)" height="([\d.]+)"/.exec(svg);
  const width = Math.ceil(Number(size?.[1] ?? 1200));
  const height = Math.ceil(Number(size?.[2] ?? 800));
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
    ],
  });
  try {
    const page = await browser.newPage({ viewport: { width, height }, deviceScaleFactor: 1 });
    await page.setContent(
      `<!doctype html><html><head><style>${PNG_STYLE}</style></head><body>${svg}</body></html>`,
    );
    await page.screenshot({ path: file, clip: { x: 0, y: 0, width, height } });
  } finally {
    await browser.close();
  }
}

export async function runPreview(args: readonly string[], log: (line: string) => void = () => undefined): Promise<string> {
  const options = parsePreviewArguments(args);
  const map = await previewJourney(options, log);
  const svg = await renderPreviewSvg(map, options.editor);
  mkdirSync(path.dirname(path.resolve(options.out)), { recursive: true });
  if (/\.svg$/i.test(options.out)) writeFileSync(options.out, svg);
  else await svgToPng(svg, options.out);
  return `wrote ${options.out}: "${map.title}", ${map.stages.length} stages, ${map.painPoints.length} pain points`;
}

const isMain = typeof process !== "undefined" && process.argv[1] !== undefined && /preview\.(mjs|ts)$/.test(process.argv[1]);
if (isMain) {
  runPreview(process.argv.slice(2), (line) => process.stderr.write(`${line}\n`)).then(
    (summary) => process.stdout.write(`${summary}\n`),
    (error: unknown) => {
      const message = error instanceof Error ? error.message : String(error);
      process.stderr.write(`preview: ${message.split("\n")[0]}\n`);
      process.exitCode = error instanceof UsageError ? 2 : 1;
    },
  );
}
