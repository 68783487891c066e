/**
 * Starts the local host (`node scripts/serve.mjs`) and a headless Debian Chromium driven by
 * playwright-core, for end-to-end tests of the built product.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdirSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { chromium, type Browser, type Frame, type Page } from "playwright-core";

/** The repository: found from this file, or from the working directory when bundled (the benchmarks run from dist/). */
function findRoot(): string {
  for (const start of [path.dirname(fileURLToPath(import.meta.url)), process.cwd()]) {
    for (let dir = start; ; dir = path.dirname(dir)) {
      if (existsSync(path.join(dir, "scripts/serve.mjs"))) return dir;
      if (path.dirname(dir) === dir) break;
    }
  }
  throw new Error("cannot find the repository (scripts/serve.mjs)");
}
export const root = findRoot();
export const artifactsDir = path.join(root, "test-results");

export interface Host {
  url: string;
  browser: Browser;
  close(): Promise<void>;
}

function startServer(): Promise<{ server: ChildProcess; url: string }> {
  return new Promise((resolve, reject) => {
    const server = spawn(process.execPath, [path.join(root, "scripts/serve.mjs"), "--port", "0"], {
      stdio: ["ignore", "pipe", "inherit"],
    });
    let output = "";
    server.stdout?.on("data", (chunk: Buffer) => {
      output += chunk.toString();
      const match = /http:\/\/localhost:\d+\//.exec(output);
      if (match) resolve({ server, url: match[0] });
    });
    server.on("exit", (code) => reject(new Error(`host server exited with ${code}: ${output}`)));
  });
}

export async function startHost(): Promise<Host> {
  const { server, url } = await startServer();
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
  return {
    url,
    browser,
    async close() {
      await browser.close();
      server.kill();
    },
  };
}

/** Opens the host page and returns it with the panel's frame once the panel has rendered. */
export async function openHost(host: Host): Promise<{ page: Page; panel: Frame; errors: string[] }> {
  const page = await host.browser.newPage({ viewport: { width: 1440, height: 900 } });
  const errors: string[] = [];
  page.on("pageerror", (error) => errors.push(error.message));
  page.on("console", (message) => {
    if (message.type() === "error") errors.push(message.text());
  });
  await page.goto(host.url);
  return { page, panel: await panelFrame(page), errors };
}

/** The panel's frame, once the panel has loaded its draft and shows its sections. */
export async function panelFrame(page: Page): Promise<Frame> {
  const handle = await page.waitForSelector("#panel");
  const panel = await handle.contentFrame();
  if (panel === null) throw new Error("the panel iframe has no frame");
  await panel.waitForSelector(".panel-tabs");
  return panel;
}

/** Opens a section of the panel by its tab. */
export async function openSection(panel: Frame, name: "Journey" | "Personas" | "Feedback" | "Insights" | "Priorities" | "Canvas"): Promise<void> {
  await panel.locator(".panel-tabs").getByText(name, { exact: true }).click();
  await panel.locator(`main[aria-label="${name}"]`).waitFor();
}

/** Picks an option of a select by its text. */
export async function chooseOption(panel: Frame, selectId: string, option: string): Promise<void> {
  await panel.locator(`#${selectId}`).selectOption({ label: option });
}

/** The text of a select's chosen option. */
export async function chosenOption(panel: Frame, selectId: string): Promise<string> {
  return panel.locator(`#${selectId} option:checked`).innerText();
}

export async function saveScreenshot(page: Page, name: string): Promise<string> {
  mkdirSync(artifactsDir, { recursive: true });
  const file = path.join(artifactsDir, `${name}.png`);
  await page.screenshot({ path: file });
  return file;
}
