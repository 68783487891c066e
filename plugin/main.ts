/**
 * The sandbox entry. "Open Journey Mapper" shows the panel; "Re-score pain points" (menu or
 * relaunch button) works on the canvas without opening it.
 * https://developers.figma.com/docs/plugins/api/figma/#command
 */
import { listenToPanel, postToPanel } from "./bridge";
import { generateMapAsync } from "./generate";
import { enclosingMapFrame, listMapsAsync, targetMapFrame } from "./maps";
import { readMapFrame } from "./read-map";
import { loadDraftAsync, loadWindowSizeAsync, saveDraftAsync, saveWindowSizeAsync } from "./storage";

function mapFrameOrThrow(): FrameNode {
  const target = targetMapFrame();
  if ("error" in target) throw new Error(target.error);
  return target.frame;
}

function postSelection(): void {
  const frame = figma.currentPage.selection.map(enclosingMapFrame).find((f) => f !== null) ?? null;
  if (frame === null) {
    postToPanel({ type: "selection", map: null });
    return;
  }
  try {
    postToPanel({ type: "selection", map: { nodeId: frame.id, model: readMapFrame(frame).model } });
  } catch {
    postToPanel({ type: "selection", map: null });
  }
}

async function openPanelAsync(): Promise<void> {
  const size = await loadWindowSizeAsync();
  figma.showUI(__html__, { width: size.width, height: size.height, themeColors: true, title: "Journey Mapper" });
  listenToPanel(
    {
      "generate-map": async ({ model }) => {
        const result = await generateMapAsync(model);
        return {
          kind: "generated",
          nodeId: result.frame.id,
          created: result.created,
          updated: result.updated,
          removed: result.removed,
        };
      },
      "read-map": async () => {
        const frame = mapFrameOrThrow();
        const read = readMapFrame(frame);
        return { kind: "map-read", nodeId: frame.id, model: read.model, problems: read.problems };
      },
      rescore: async () => {
        throw new Error("Re-scoring needs the priority model, which this version does not have yet.");
      },
      "list-maps": async ({ allPages }) => ({ kind: "maps", maps: await listMapsAsync(allPages) }),
      "save-draft": async ({ draft }) => {
        await saveDraftAsync(draft);
        return { kind: "saved" };
      },
      "load-draft": async () => ({ kind: "draft", draft: await loadDraftAsync() }),
    },
    {
      "panel-ready": () => {
        postToPanel({ type: "init", editorType: figma.editorType, command: figma.command ?? "open", windowSize: size });
        postSelection();
      },
      "resize-window": ({ size: next }) => {
        figma.ui.resize(next.width, next.height);
        void saveWindowSizeAsync(next);
      },
    },
  );
  figma.on("selectionchange", postSelection);
}

void openPanelAsync();
