/**
 * The panel: six sections in tabs (Journey, Personas, Feedback, Insights, Priorities, Canvas), a
 * footer saying what just happened and whether the draft is saved, and a resize handle.
 *
 * On open it loads the draft (or starts a new map), then saves it after every change (see
 * state/draft.ts). It follows the canvas selection: selecting a map frame loads its map, with an
 * "Undo" back to the map that was being edited.
 */
import { Button, IconClose } from "./kit";
import { useEffect, useMemo, useRef, useState } from "preact/hooks";
import type { JSX } from "preact";
import type { PluginMessage, ReplyResult } from "../shared/messages";
import { KEEP_ALL_ROWS } from "../shared/evidence";
import { createJourneyMap, type JourneyMap } from "../shared/model";
import { summaryTotals } from "../shared/summary";
import type { PluginBridge } from "./bridge";
import { IconAction, formatCount } from "./components/common";
import { ResizeHandle } from "./components/resize-handle";
import { ReportContext, type StatusLine } from "./components/status";
import { ImportWizard } from "./feedback/import-wizard-state";
import { WizardContext } from "./feedback/import-wizard";
import { BridgeContext, CanvasSection, describeResult, type CanvasLogEntry, type CanvasSelection } from "./sections/canvas";
import { FeedbackSection } from "./sections/feedback";
import { InsightsSection } from "./sections/insights";
import { JourneySection } from "./sections/journey";
import { PersonasSection } from "./sections/personas";
import { PrioritiesSection } from "./sections/priorities";
import { withPanelRows } from "./state/compact";
import { DraftSaver, parseDraft, stateFromDraft, type SaveStatus } from "./state/draft";
import { PanelStore, StoreContext, usePanelState } from "./state/store";
import { useSentimentLabels } from "./sections/insights-sentiment";

export const SECTIONS = ["Journey", "Personas", "Feedback", "Insights", "Priorities", "Canvas"] as const;
type Section = (typeof SECTIONS)[number];

export function App({ bridge }: { bridge: PluginBridge }) {
  const [store, setStore] = useState<PanelStore | null>(null);
  const [loadProblem, setLoadProblem] = useState<string | null>(null);
  const [converted, setConverted] = useState<string | null>(null);

  useEffect(() => {
    bridge.notify({ type: "panel-ready" });
    bridge
      .request({ type: "load-draft" })
      .then((result) => {
        const text = result.kind === "draft" ? result.draft : null;
        const restored = text === null ? null : parseDraft(text);
        setConverted(restored?.converted ?? null);
        setStore(new PanelStore(stateFromDraft(restored?.draft ?? null, () => createJourneyMap("My journey"))));
      })
      .catch((error: Error) => {
        setLoadProblem(`Your draft could not be loaded (${error.message}); a new map was started.`);
        setStore(new PanelStore(stateFromDraft(null, () => createJourneyMap("My journey"))));
      });
  }, [bridge]);

  if (store === null) {
    return (
      <div class="panel-loading" role="status">
        Loading your draft…
      </div>
    );
  }
  return (
    <BridgeContext.Provider value={bridge}>
      <StoreContext.Provider value={store}>
        <Panel bridge={bridge} store={store} loadProblem={loadProblem} converted={converted} />
      </StoreContext.Provider>
    </BridgeContext.Provider>
  );
}

function saveText(status: SaveStatus): StatusLine {
  switch (status.kind) {
    case "pending":
    case "saving":
      return { text: "Saving…", error: false };
    case "saved":
      return status.summarised > 0
        ? { text: `Draft saved (${formatCount(status.summarised)} feedback rows kept as exact summaries)`, error: false }
        : { text: "Draft saved", error: false };
    case "failed":
      return { text: `Draft not saved: ${status.message}`, error: true };
    default:
      return { text: "", error: false };
  }
}

/** Whether a key press belongs to a text field (Ctrl+Z there undoes typing, not the panel's last change). */
function inTextField(target: EventTarget | null): boolean {
  return target instanceof HTMLElement && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName));
}

/**
 * Cheap sameness of two maps: everything but the feedback; the number of responses (rows, and the
 * rows the summary counts: the panel holds an import's rows, the map frame the same map compacted);
 * and the rows and the summary themselves when few.
 */
export function sameModel(a: JourneyMap, b: JourneyMap): boolean {
  const ta = summaryTotals(a.summary);
  const tb = summaryTotals(b.summary);
  if (a.feedback.length + ta.rows !== b.feedback.length + tb.rows || ta.noAnswer !== tb.noAnswer) return false;
  if (JSON.stringify({ ...a, feedback: null, summary: null }) !== JSON.stringify({ ...b, feedback: null, summary: null })) return false;
  if (a.feedback.length > KEEP_ALL_ROWS || b.feedback.length > KEEP_ALL_ROWS) return true;
  if (JSON.stringify(a.feedback) !== JSON.stringify(b.feedback)) return false;
  return a.summary === b.summary || ta.groups > 2000 || JSON.stringify(a.summary) === JSON.stringify(b.summary);
}

function Panel({ bridge, store, loadProblem, converted }: { bridge: PluginBridge; store: PanelStore; loadProblem: string | null; converted: string | null }) {
  const state = usePanelState();
  const [tab, setTab] = useState<Section>("Journey");
  const [status, setStatus] = useState<StatusLine>(loadProblem === null ? { text: "", error: false } : { text: loadProblem, error: true });
  const [saveStatus, setSaveStatus] = useState<SaveStatus>({ kind: "idle" });
  const [selection, setSelection] = useState<CanvasSelection | null>(null);
  const [log, setLog] = useState<CanvasLogEntry[]>([]);
  const [busy, setBusy] = useState<string | null>(null);
  const [dropping, setDropping] = useState(false);
  const followed = useRef<string | null>(null);
  const logIds = useRef(0);

  const wizard = useMemo(() => new ImportWizard(store), [store]);
  useSentimentLabels(store, state.model.feedback);
  const saver = useMemo(
    () => new DraftSaver(store, async (draft) => void (await bridge.request({ type: "save-draft", draft })), setSaveStatus),
    [store, bridge],
  );
  const report = (text: string, error = false) => setStatus({ text, error });
  // A draft of an earlier version: said once, then saved as this version.
  useEffect(() => {
    if (converted === null) return;
    report(converted);
    store.touch();
  }, [converted, store]);
  // What just happened belongs to the moment: it goes after a while, or when the person opens another section.
  useEffect(() => {
    if (status.text === "" || status.error) return;
    const timer = setTimeout(() => setStatus({ text: "", error: false }), 10_000);
    return () => clearTimeout(timer);
  }, [status]);

  // Hidden or switched away: save what is not saved yet (closing loses what the panel sends then;
  // the saver does not wait for it).
  useEffect(() => {
    const flush = () => saver.flush();
    const onVisibility = () => {
      if (document.visibilityState === "hidden") saver.flush();
    };
    window.addEventListener("pagehide", flush);
    document.addEventListener("visibilitychange", onVisibility);
    return () => {
      window.removeEventListener("pagehide", flush);
      document.removeEventListener("visibilitychange", onVisibility);
    };
  }, [saver]);

  // What the plugin says without being asked: the selection, a refused message.
  useEffect(
    () =>
      bridge.subscribe((message: PluginMessage) => {
        if (message.type === "rejected") {
          report(message.message, true);
        } else if (message.type === "selection") {
          const map = message.map;
          if (map === null) {
            setSelection(null);
            followed.current = null;
            return;
          }
          setSelection({ nodeId: map.nodeId, mapId: map.model.id, title: map.model.title });
          if (followed.current === map.nodeId) return;
          followed.current = map.nodeId;
          if (sameModel(store.state.model, map.model)) return;
          store.replaceModel(map.model, `Loaded “${map.model.title}” from the selected map.`);
          report(`Following the selection: “${map.model.title}” is now in the panel.${map.converted === undefined ? "" : ` ${map.converted}`}`);
        }
      }),
    [bridge, store],
  );

  // Ctrl/Cmd+Z outside text fields undoes the panel's last removal or load.
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key.toLowerCase() !== "z" || !(event.ctrlKey || event.metaKey) || event.shiftKey || inTextField(event.target)) return;
      if (store.state.undo === null) return;
      event.preventDefault();
      store.undo();
      report("Undone.");
    };
    window.addEventListener("keydown", onKeyDown);
    return () => window.removeEventListener("keydown", onKeyDown);
  }, [store]);

  const run = async (label: string, action: () => Promise<ReplyResult>): Promise<ReplyResult | null> => {
    setBusy(label);
    // The last five results, newest first, each with its time: a log, not a pile.
    const add = (entry: Omit<CanvasLogEntry, "id" | "at">) => setLog((current) => [{ ...entry, id: ++logIds.current, at: new Date() }, ...current].slice(0, 5));
    try {
      const result = await action();
      const text = describeResult(result, label, store.state.model);
      if (result.kind === "map-read") store.replaceModel(result.model, `Read “${result.model.title}” from the canvas.`);
      if (result.kind === "rescored") store.replaceModel(result.model, "Re-scored from the canvas.");
      // Cards deleted on the canvas were dropped from the map: the map drawn is the one to keep.
      if (result.kind === "generated" && result.model !== undefined) {
        store.replaceModel(withPanelRows(store.state.model, result.model), "Removed the cards deleted on the canvas from the map.");
      }
      const problems = result.kind === "map-read" || result.kind === "rescored" ? result.problems : [];
      add({ text, error: false, problems });
      report(text);
      return result;
    } catch (error) {
      const text = error instanceof Error ? error.message : String(error);
      add({ text, error: true, problems: [] });
      report(text, true);
      return null;
    } finally {
      setBusy(null);
    }
  };

  const onDragOver = (event: JSX.TargetedDragEvent<HTMLDivElement>) => {
    if (!event.dataTransfer?.types.includes("Files")) return;
    event.preventDefault();
    setDropping(true);
  };
  const onDrop = (event: JSX.TargetedDragEvent<HTMLDivElement>) => {
    setDropping(false);
    const file = event.dataTransfer?.files[0];
    if (file === undefined) return;
    event.preventDefault();
    setTab("Feedback");
    void wizard.chooseFile(file);
  };

  const saved = saveText(saveStatus);
  return (
    <ReportContext.Provider value={report}>
      <WizardContext.Provider value={wizard}>
        <div
          class={`panel${dropping ? " panel-dropping" : ""}`}
          onDragOver={onDragOver}
          onDragLeave={(event) => {
            // Leaving a child for another child is no leaving.
            if (!(event.relatedTarget instanceof Node && event.currentTarget.contains(event.relatedTarget))) setDropping(false);
          }}
          onDrop={onDrop}
        >
          <nav class="panel-tabs" aria-label="Sections">
            {/* Radio buttons, as the kit's Tabs draws them (arrow keys move between them), in a row that wraps when the panel is narrow. */}
            {SECTIONS.map((name) => (
              <label key={name} class={name === tab ? "tab tab-on" : "tab"}>
                <input type="radio" name="section" class="visually-hidden" checked={name === tab} onChange={() => {
                    setTab(name);
                    setStatus({ text: "", error: false });
                  }} />
                {name}
              </label>
            ))}
          </nav>
          {state.undo !== null ? (
            <div class="undo-bar" role="status">
              <span>{state.undo.message}</span>
              <Button secondary onClick={() => store.undo()}>
                Undo
              </Button>
              <IconAction label="Dismiss" onClick={() => store.dismissUndo()}>
                <IconClose />
              </IconAction>
            </div>
          ) : null}
          <main class="panel-body" aria-label={tab}>
            {tab === "Journey" ? <JourneySection /> : null}
            {tab === "Personas" ? <PersonasSection /> : null}
            {tab === "Feedback" ? <FeedbackSection /> : null}
            {tab === "Insights" ? <InsightsSection /> : null}
            {tab === "Priorities" ? <PrioritiesSection /> : null}
            {tab === "Canvas" ? <CanvasSection selection={selection} log={log} run={run} busy={busy} /> : null}
          </main>
          <footer class="panel-footer">
            <span class={status.error ? "status status-error" : "status"} role="status" aria-live="polite">
              {status.text}
            </span>
            <span class={saved.error ? "save-state status-error" : "save-state"} data-testid="save-state" aria-live="polite">
              {saved.text}
            </span>
            <ResizeHandle onResize={(size) => bridge.notify({ type: "resize-window", size })} />
          </footer>
          {dropping ? (
            <div class="drop-overlay" aria-hidden="true">
              Drop the CSV file to import it
            </div>
          ) : null}
        </div>
      </WizardContext.Provider>
    </ReportContext.Provider>
  );
}
