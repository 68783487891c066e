/**
 * The local host: runs the real plugin bundle (dist/code.js) against the emulated Figma API in
 * this page, shows the real panel (dist/ui.html) in an iframe bridged to it, and draws the
 * emulated canvas live. `window.figma` is the emulated API, so a person (in the console) or a
 * test can inspect and edit the canvas as a plugin would.
 */
import figmaThemeCss from "@create-figma-plugin/ui/css/theme.css" with { type: "text" };
import { createFigmaEmulator, type FigmaEmulator } from "../../test/emulator/emulator";
import { renderSvg } from "../../test/emulator/render-svg";

declare global {
  interface Window {
    figma: PluginAPI;
    __html__: string;
    emulator: FigmaEmulator;
  }
}

const STORAGE_KEY = "journey-mapper-host:client-storage";
/** What a page's localStorage holds at most in Chromium: 5 M characters (10 MB of UTF-16). */
const PAGE_STORAGE_CHARS = 5 * 1024 * 1024;

function element<T extends HTMLElement>(id: string): T {
  const found = document.getElementById(id);
  if (found === null) throw new Error(`the host page has no #${id}`);
  return found as T;
}

/** clientStorage survives a reload of the host page, as it survives closing the plugin in Figma. */
function restoreClientStorage(): Record<string, unknown> {
  try {
    const raw = localStorage.getItem(STORAGE_KEY);
    const value: unknown = raw === null ? null : JSON.parse(raw);
    return typeof value === "object" && value !== null ? (value as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

/**
 * What Figma does for a panel opened with `themeColors: true`: it defines the `--figma-color-*`
 * variables on the panel's <html> and puts `figma-light` or `figma-dark` on it
 * (https://developers.figma.com/docs/plugins/css-variables). The values come from the kit's copy of
 * Figma's token list, whose selectors (`:root .figma-dark`) are made to match <html> itself.
 */
function figmaThemeStyle(): string {
  return figmaThemeCss.replace(/:root \.(figma-light|figma-dark|figjam)/g, ":root.$1");
}

/** The panel's HTML as Figma serves it: the theme's variables and class in place before any script runs. */
function withFigmaTheme(html: string, dark: boolean): string {
  const theme = dark ? "figma-dark" : "figma-light";
  return html
    .replace(/<html([^>]*)>/i, `<html$1 class="${theme}">`)
    .replace(/<head>/i, `<head><style id="figma-theme">${figmaThemeStyle()}</style>`);
}

async function sampleDraft(): Promise<unknown> {
  const response = await fetch("/sample-journey.json");
  if (!response.ok) return null;
  return { savedAt: new Date().toISOString(), model: await response.json() };
}

async function start(): Promise<void> {
  const storage = restoreClientStorage();
  if (!("draft" in storage)) {
    const draft = await sampleDraft();
    if (draft !== null) storage.draft = draft;
  }

  const emulator = createFigmaEmulator({ editorType: "figma", command: "open", clientStorage: storage });
  window.emulator = emulator;
  window.figma = emulator.figma;
  // The panel's HTML, given to the plugin as Figma gives it: `figma.showUI(__html__)` shows it.
  window.__html__ = await (await fetch("/ui.html")).text();

  const panel = element<HTMLIFrameElement>("panel");
  const canvas = element<HTMLElement>("canvas");
  const zoom = element<HTMLInputElement>("zoom");
  const dark = element<HTMLInputElement>("dark");
  const notifications = element<HTMLElement>("notifications");

  // Figma switches the class when the person switches the theme, with the panel open.
  const applyTheme = () => {
    const root = panel.contentDocument?.documentElement;
    if (!root) return;
    root.classList.toggle("figma-dark", dark.checked);
    root.classList.toggle("figma-light", !dark.checked);
    document.body.classList.toggle("dark", dark.checked);
  };
  dark.addEventListener("change", applyTheme);

  emulator.onShowUI((options) => {
    panel.width = String(options.width);
    panel.height = String(options.height);
    panel.srcdoc = withFigmaTheme(options.html, dark.checked);
  });
  emulator.onResizeUI((width, height) => {
    panel.width = String(width);
    panel.height = String(height);
  });
  emulator.panel.onMessage((message) => panel.contentWindow?.postMessage({ pluginMessage: message }, "*"));
  window.addEventListener("message", (event: MessageEvent<unknown>) => {
    if (event.source !== panel.contentWindow) return;
    const data = event.data;
    if (typeof data === "object" && data !== null && "pluginMessage" in data) emulator.panel.postMessage(data.pluginMessage);
  });
  // clientStorage is kept in the page's storage when the page goes (a reload, a closed tab), not at
  // every change: a 200,000-row import's draft is megabytes, and writing it out at each save was a
  // long task of this page's (the panel's) thread, which Figma's own storage never is.
  let storageChanged = false;
  emulator.onClientStorageChange(() => {
    storageChanged = true;
    // The page's own storage (5 M characters) is smaller than some drafts: said while there is time to read it.
    const status = element<HTMLElement>("host-status");
    status.textContent =
      emulator.clientStorageBytes > PAGE_STORAGE_CHARS ? "clientStorage is larger than this page can keep: it will not survive a reload" : "";
  });
  window.addEventListener("pagehide", () => {
    if (!storageChanged) return;
    try {
      localStorage.setItem(STORAGE_KEY, JSON.stringify(emulator.clientStorageSnapshot()));
    } catch {
      // Too large for the page's storage (said above); the plugin's clientStorage had it until now.
    }
  });
  emulator.onNotify((message, notification) => {
    const toast = document.createElement("div");
    toast.className = notification.error ? "toast error" : "toast";
    toast.textContent = message;
    notifications.append(toast);
    // Infinity keeps a notification open until cancelled, as in Figma (setTimeout would fire at once).
    if (Number.isFinite(notification.timeout)) setTimeout(() => toast.remove(), notification.timeout);
  });

  // Redraw the canvas whenever the document changed, at most once a frame.
  let drawnVersion = -1;
  const draw = () => {
    if (emulator.version !== drawnVersion) {
      drawnVersion = emulator.version;
      canvas.innerHTML = renderSvg(emulator.figma.currentPage);
      const svg = canvas.querySelector("svg");
      if (svg) svg.style.transform = `scale(${zoom.value})`;
    }
    requestAnimationFrame(draw);
  };
  zoom.addEventListener("input", () => {
    const svg = canvas.querySelector("svg");
    if (svg) svg.style.transform = `scale(${zoom.value})`;
  });
  requestAnimationFrame(draw);

  // The real plugin bundle, run as Figma runs it: a plain script that sees `figma` and `__html__`.
  const code = await (await fetch("/code.js")).text();
  const runPlugin = () => {
    const script = document.createElement("script");
    script.textContent = code;
    document.body.append(script);
    script.remove();
  };
  runPlugin();

  // Closing as in Figma: the plugin closes (its close handlers run, storage writes on their way are
  // lost), then the panel's frame goes; what the panel sends while unloading (pagehide) is dropped.
  const closeButton = element<HTMLButtonElement>("close-plugin");
  const runButton = element<HTMLButtonElement>("run-plugin");
  closeButton.addEventListener("click", () => {
    emulator.userClosePlugin();
    panel.removeAttribute("srcdoc");
    closeButton.hidden = true;
    runButton.hidden = false;
  });
  runButton.addEventListener("click", () => {
    emulator.relaunch({ command: "open" });
    window.figma = emulator.figma;
    closeButton.hidden = false;
    runButton.hidden = true;
    runPlugin();
  });
}

start().catch((error: unknown) => {
  element<HTMLElement>("host-status").textContent = `The host could not start: ${String(error)}`;
});
