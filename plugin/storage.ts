/**
 * What the plugin keeps between runs in `figma.clientStorage` (local to this computer, 5 MB per
 * plugin: https://developers.figma.com/docs/plugins/api/figma-clientStorage): the panel's draft
 * and its window size. Values read back are validated: storage may hold an older shape.
 */
import { Draft, WindowSize } from "../shared/messages";

const DRAFT_KEY = "draft";
const WINDOW_KEY = "window-size";
export const DEFAULT_WINDOW: WindowSize = { width: 420, height: 720 };

export async function loadDraftAsync(): Promise<Draft | null> {
  const parsed = Draft.safeParse(await figma.clientStorage.getAsync(DRAFT_KEY));
  return parsed.success ? parsed.data : null;
}

export async function saveDraftAsync(draft: Draft): Promise<void> {
  await figma.clientStorage.setAsync(DRAFT_KEY, draft);
}

export async function loadWindowSizeAsync(): Promise<WindowSize> {
  const parsed = WindowSize.safeParse(await figma.clientStorage.getAsync(WINDOW_KEY));
  return parsed.success ? parsed.data : DEFAULT_WINDOW;
}

export async function saveWindowSizeAsync(size: WindowSize): Promise<void> {
  await figma.clientStorage.setAsync(WINDOW_KEY, size);
}
