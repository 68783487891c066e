/**
 * The sandbox entry. "Open Journey Mapper" shows the panel; "Re-score pain points" (menu or
 * relaunch button) works on the canvas without opening it.
 * https://developers.figma.com/docs/plugins/api/figma/#command
 */
import { listenToPanel, postToPanel } from "./bridge";
import { generateForPanelAsync } from "./generate";
import type { JourneyMap } from "../shared/model";
import { listMapsAsync, selectedMapFrames, storedChecksum, targetMapFrame, type MapFrame } from "./maps";
import { readMapFrameAsync, settleCanvasIdentities } from "./read-map";
import { rescoreFromMenuAsync, rescoreTargetAsync } from "./rescore";
import { loadDraftAsync, loadWindowSizeAsync, saveDraftAsync, saveWindowSizeAsync } from "./storage";

function mapFrameOrThrow(): MapFrame {
  const target = targetMapFrame();
  if ("error" in target) throw new Error(target.error);
  return target.frame;
}

/**
 * The map the panel was last told is selected, by node id and stored checksum, and the model read
 * for each map by checksum. Selection changes inside a map are frequent; reading it again (parse,
 * validation, canvas merge) takes most of a second near the size limit in Figma's interpreter.
 * A selection moving inside the same map whose stored model has not changed tells the panel
 * nothing new; selecting a map read before under the same checksum posts that reading again.
 */
let shown: string | null = null;
const readings = new Map<string, { checksum: string; model: JourneyMap; converted?: string | undefined }>();

async function postSelectionAsync(): Promise<void> {
  const [frame] = selectedMapFrames();
  if (frame === undefined) {
    shown = null;
    postToPanel({ type: "selection", map: null });
    return;
  }
  const checksum = storedChecksum(frame);
  const key = `${frame.id} ${checksum}`;
  if (checksum !== "" && shown === key) return;
  try {
    const known = readings.get(frame.id);
    const reading = checksum !== "" && known?.checksum === checksum ? known : { checksum, ...(await readMapFrameAsync(frame)) };
    readings.set(frame.id, { checksum, model: reading.model, converted: reading.converted });
    shown = key;
    postToPanel({ type: "selection", map: { nodeId: frame.id, model: reading.model, ...(reading.converted !== undefined && { converted: reading.converted }) } });
  } catch {
    shown = null;
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
      "generate-map": ({ model, deletedCards, deletedCardsSeen, conflicts }) => generateForPanelAsync(model, { deletedCards, deletedCardsSeen, conflicts }),
      "read-map": async () => {
        const frame = mapFrameOrThrow();
        const read = await readMapFrameAsync(frame);
        settleCanvasIdentities(frame, read);
        return { kind: "map-read", nodeId: frame.id, model: read.model, problems: read.problems, ...(read.converted !== undefined && { converted: read.converted }) };
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
        shown = null;
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
