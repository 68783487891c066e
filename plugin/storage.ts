/**
 * What the plugin keeps between runs in `figma.clientStorage` (local to this computer, 5 MB per
 * plugin: https://developers.figma.com/docs/plugins/api/figma-clientStorage): the panel's draft
 * and its window size.
 *
 * The draft is the panel's JSON text, stored and returned as it is: reading and validating it here
 * would cost most of a second per save for a map near the storage limit in Figma's interpreter; the
 * panel validates it when it loads it. Other values read back are validated: storage may hold an
 * older shape.
 */
import { WindowSize } from "../shared/messages";

const DRAFT_KEY = "draft";
const WINDOW_KEY = "window-size";
export const DEFAULT_WINDOW: WindowSize = { width: 420, height: 720 };

/** The draft's JSON text; a draft an older version stored as an object is turned into its text. */
export async function loadDraftAsync(): Promise<string | null> {
  const stored: unknown = await figma.clientStorage.getAsync(DRAFT_KEY);
  if (typeof stored === "string") return stored;
  return typeof stored === "object" && stored !== null ? JSON.stringify(stored) : null;
}

export async function saveDraftAsync(draft: string): Promise<void> {
  await figma.clientStorage.setAsync(DRAFT_KEY, draft);
}

export async function loadWindowSizeAsync(): Promise<WindowSize> {
  const parsed = WindowSize.safeParse(await figma.clientStorage.getAsync(WINDOW_KEY));
  return parsed.success ? parsed.data : DEFAULT_WINDOW;
}

export async function saveWindowSizeAsync(size: WindowSize): Promise<void> {
  await figma.clientStorage.setAsync(WINDOW_KEY, size);
}
