/**
 * The sandbox entry. "Open Journey Mapper" shows the panel; "Re-score pain points" (menu or
 * relaunch button) works on the canvas without opening it.
 * https://developers.figma.com/docs/plugins/api/figma/#command
 */
import { listenToPanel, postToPanel } from "./bridge";
import { generateForPanelAsync } from "./generate";
import { listMapsAsync, selectedMapFrames, targetMapFrame, type MapFrame } from "./maps";
import { readMapFrameAsync, settleCanvasIdentities } from "./read-map";
import { rescoreFromMenuAsync, rescoreTargetAsync } from "./rescore";
import { loadDraftAsync, loadWindowSizeAsync, saveDraftAsync, saveWindowSizeAsync } from "./storage";

function mapFrameOrThrow(): MapFrame {
  const target = targetMapFrame();
  if ("error" in target) throw new Error(target.error);
  return target.frame;
}

async function postSelectionAsync(): Promise<void> {
  const [frame] = selectedMapFrames();
  if (frame === undefined) {
    postToPanel({ type: "selection", map: null });
    return;
  }
  try {
    postToPanel({ type: "selection", map: { nodeId: frame.id, model: (await readMapFrameAsync(frame)).model } });
  } catch {
    postToPanel({ type: "selection", map: null });
  }
}

function postSelection(): void {
  void postSelectionAsync();
}

async function openPanelAsync(): Promise<void> {
  const size = await loadWindowSizeAsync();
  figma.showUI(__html__, { width: size.width, height: size.height, themeColors: true, title: "Journey Mapper" });
  listenToPanel(
    {
      "generate-map": ({ model, deletedCards, conflicts }) => generateForPanelAsync(model, { deletedCards, conflicts }),
      "read-map": async () => {
        const frame = mapFrameOrThrow();
        const read = await readMapFrameAsync(frame);
        settleCanvasIdentities(frame, read);
        return { kind: "map-read", nodeId: frame.id, model: read.model, problems: read.problems };
      },
      rescore: async () => {
        const result = await rescoreTargetAsync();
        figma.notify(result.summary, { timeout: 6000 });
        return {
          kind: "rescored",
          nodeId: result.frame.id,
          model: result.model,
          reranked: result.reranked,
          problems: result.problems,
          summary: result.summary,
        };
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

if (figma.command === "rescore") void rescoreFromMenuAsync();
else void openPanelAsync();
