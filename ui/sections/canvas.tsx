/**
 * The Canvas section: "Generate map", "Update map", "Read from selection" and "Re-score", each
 * answered in words (what was drawn, what could not be read and on which layer); the map frames on
 * the page; and the map as JSON or Mermaid, out and in.
 */
import { Button, FileUploadButton } from "../kit";
import { createContext } from "preact";
import { useContext, useEffect, useState } from "preact/hooks";
import type { CanvasConflict, CanvasProblem, ConflictsAnswer, DeletedCard, DeletedCardsAnswer, MapSummary, ReplyResult } from "../../shared/messages";
import { exportMermaidJourney, importMermaidJourney } from "../../shared/mermaid";
import { exportJourneyMapJson, importJourneyMapJson, type JourneyMap } from "../../shared/model";
import { summaryTotals } from "../../shared/summary";
import { withPackedSummary } from "../../shared/summary-pack";
import type { PluginBridge } from "../bridge";
import { SectionHeading, countOf, formatCount } from "../components/common";
import { CheckboxField } from "../components/fields";
import { downloadText, fileStem, readFileText } from "../components/files";
import { useReport } from "../components/status";
import { createHostTurns } from "../../shared/csv";
import { storedJourney, withPanelRows } from "../state/compact";
import { usePanelState, useStore } from "../state/store";

/** A turn of the host between slices of work. */

export const BridgeContext = createContext<PluginBridge | null>(null);

export function useBridge(): PluginBridge {
  const bridge = useContext(BridgeContext);
  if (bridge === null) throw new Error("useBridge outside <BridgeContext.Provider>");
  return bridge;
}

/** What the canvas holds for the panel: the selected map frame, if any. */
export interface CanvasSelection {
  nodeId: string;
  mapId: string;
  title: string;
}

export interface CanvasLogEntry {
  id: number;
  at: Date;
  text: string;
  error: boolean;
  problems: CanvasProblem[];
}

interface CanvasSectionProps {
  selection: CanvasSelection | null;
  log: readonly CanvasLogEntry[];
  /** Runs a canvas request and logs its result in words. */
  run: (label: string, action: () => Promise<ReplyResult>) => Promise<ReplyResult | null>;
  busy: string | null;
}

const CARD_NAMES: Record<DeletedCard["kind"], string> = {
  painPoint: "pain point",
  note: "note",
  touchpoint: "touchpoint",
  opportunity: "opportunity",
  kpi: "KPI",
};

export function CanvasSection({ selection, log, run, busy }: CanvasSectionProps) {
  const { model } = usePanelState();
  const store = useStore();
  const bridge = useBridge();
  const report = useReport();
  const [maps, setMaps] = useState<MapSummary[] | null>(null);
  const [allPages, setAllPages] = useState(false);

  const listMaps = async (everywhere: boolean) => {
    try {
      const result = await bridge.request({ type: "list-maps", allPages: everywhere });
      if (result.kind === "maps") {
        setMaps(result.maps);
        setAllPages(everywhere);
      }
    } catch (error) {
      report(`Could not list the maps: ${error instanceof Error ? error.message : String(error)}`, true);
    }
  };
  useEffect(() => {
    void listMaps(false);
    // Listed again after each canvas action (the log grows).
  }, [log.length]);

  const onCanvas = maps?.some((m) => m.mapId === model.id) ?? false;
  const selected = selection !== null;
  // Asked before drawing: cards someone deleted on the canvas that this map would draw again, then
  // fields changed both on the canvas and in the panel. Answers given so far go with the next request.
  type Answers = { deletedCards?: DeletedCardsAnswer; deletedCardsSeen?: string[]; conflicts?: ConflictsAnswer };
  const [question, setQuestion] = useState<{ label: string; answers: Answers; cards?: DeletedCard[]; conflicts?: CanvasConflict[] } | null>(null);

  // The answer is about exactly the cards the question listed: if more went since, the plugin asks again.
  const seenCards = (cards: readonly DeletedCard[] = []) => cards.map((c) => `${c.kind}/${c.entityId}`);
  const generate = async (label: string, answers: Answers = {}) => {
    setQuestion(null);
    // The plugin is sent the journey as the frame stores it (compacted: see state/compact.ts), made in slices.
    // Compacting a large journey takes a few thousand turns: MessageChannel turns, not 4 ms timers.
    const result = await run(label, async () => {
      const turns = createHostTurns();
      try {
        // Its summary packed, as the frame stores it: a few MB of number lists are a few hundred kB of text.
        const stored = await storedJourney(model, turns.yieldToHost);
        return bridge.request({ type: "generate-map", model: withPackedSummary(stored.model, stored.packed ?? undefined), ...answers });
      } finally {
        turns.close();
      }
    });
    if (result?.kind === "deleted-cards") setQuestion({ label, answers, cards: result.cards });
    if (result?.kind === "canvas-conflicts") setQuestion({ label, answers, conflicts: result.conflicts });
    // The plugin drew another model than the panel's (canvas edits kept, deleted cards dropped): the panel edits that one from now on.
    if (result?.kind === "generated" && result.model) {
      const dropped = result.dropped?.length ?? 0;
      store.replaceModel(
        withPanelRows(model, result.model),
        dropped > 0 ? `${countOf(dropped, "deleted card")} removed from the map.` : `${countOf(result.fromCanvas ?? 0, "change")} made on the canvas kept.`,
      );
    }
  };

  const importModel = async (files: File[], kind: "json" | "mermaid") => {
    const file = files[0];
    if (file === undefined) return;
    const text = await readFileText(file);
    const parsed = kind === "json" ? importJourneyMapJson(text) : importMermaidJourney(text);
    if (!parsed.ok) {
      report(`${file.name} could not be imported: ${parsed.errors.slice(0, 5).join("; ")}${parsed.errors.length > 5 ? ` (and ${parsed.errors.length - 5} more)` : ""}`, true);
      return;
    }
    store.replaceModel(parsed.value, `Imported “${parsed.value.title}” from ${file.name}.`);
    // Fields the model has no place for are named, never lost without a word; a journey of an earlier version is said once.
    const dropped = parsed.dropped ?? [];
    report(
      `Imported “${parsed.value.title}” from ${file.name}: ${countOf(parsed.value.stages.length, "stage")}.${
        dropped.length === 0 ? "" : ` Not kept, as Journey Mapper has no such field: ${dropped.slice(0, 5).join(", ")}${dropped.length > 5 ? ` and ${dropped.length - 5} more` : ""}.`
      }${parsed.converted === undefined ? "" : ` ${parsed.converted}`}`,
      dropped.length > 0,
    );
  };

  return (
    <div class="section">
      <SectionHeading title="Canvas" />
      <p class="canvas-selection" data-testid="selection">
        {selected ? (
          <>
            Selected on the canvas: <strong>{selection.title}</strong>
            {selection.mapId === model.id ? " (this map)" : ""}.
          </>
        ) : onCanvas ? (
          "This map is on the page; select its frame to read it back or re-score it."
        ) : (
          "No map is selected on the canvas."
        )}
      </p>
      <div class="canvas-actions">
        <Button disabled={busy !== null} onClick={() => void generate("Generating the map")}>
          Generate map
        </Button>
        <Button
          secondary
          disabled={busy !== null || !onCanvas}
          title={onCanvas ? undefined : "This map is not on the current page yet: generate it first"}
          onClick={() => void generate("Updating the map")}
        >
          Update map
        </Button>
        <Button secondary disabled={busy !== null} onClick={() => void run("Reading the map", () => bridge.request({ type: "read-map" }))}>
          Read from selection
        </Button>
        <Button secondary disabled={busy !== null} onClick={() => void run("Re-scoring", () => bridge.request({ type: "rescore" }))}>
          Re-score
        </Button>
      </div>
      <CheckboxField
        label="Draw an emotion curve per persona (up to 5)"
        value={model.settings.emotionByPersona === true}
        onChange={(emotionByPersona) => store.update((m) => ({ ...m, settings: { ...m.settings, emotionByPersona } }))}
      />
      <p class="hint">
        Generate draws this map as a new frame, or updates its frame if the page has one. Read and Re-score work on the selected map, or
        the only one on the page; edit severity, frequency and effort on the pain-point cards, then Re-score.
      </p>
      {busy !== null ? <p role="status">{busy}…</p> : null}
      {question?.cards ? (
        <div class="notice notice-column" role="alert">
          <p>
            {question.cards.length === 1 ? "A card was" : `${question.cards.length} cards were`} deleted from the map on the canvas, and this map
            would draw {question.cards.length === 1 ? "it" : "them"} again:
          </p>
          <ul class="plain-list">
            {question.cards.slice(0, 12).map((card) => (
              <li key={card.entityId}>
                {CARD_NAMES[card.kind]} “{card.title}”
              </li>
            ))}
            {question.cards.length > 12 ? <li>… and {question.cards.length - 12} more</li> : null}
          </ul>
          <div class="toolbar">
            <Button onClick={() => void generate(question.label, { ...question.answers, deletedCards: "drop", deletedCardsSeen: seenCards(question.cards) })}>Remove them from this map</Button>
            <Button secondary onClick={() => void generate(question.label, { ...question.answers, deletedCards: "restore", deletedCardsSeen: seenCards(question.cards) })}>
              Draw them again
            </Button>
            <Button secondary onClick={() => setQuestion(null)}>
              Cancel
            </Button>
          </div>
        </div>
      ) : null}
      {question?.conflicts ? (
        <div class="notice notice-column" role="alert">
          <p>
            {question.conflicts.length === 1 ? "A value was" : `${question.conflicts.length} values were`} changed both on the canvas and here
            since the map was drawn:
          </p>
          <ul class="plain-list">
            {question.conflicts.slice(0, 12).map((c, i) => (
              <li key={i}>
                {c.label}: “{c.canvas}” on the canvas, “{c.panel}” here
              </li>
            ))}
            {question.conflicts.length > 12 ? <li>… and {question.conflicts.length - 12} more</li> : null}
          </ul>
          <div class="toolbar">
            <Button onClick={() => void generate(question.label, { ...question.answers, conflicts: "canvas" })}>Keep the canvas values</Button>
            <Button secondary onClick={() => void generate(question.label, { ...question.answers, conflicts: "panel" })}>
              Keep these values
            </Button>
            <Button secondary onClick={() => setQuestion(null)}>
              Cancel
            </Button>
          </div>
        </div>
      ) : null}
      <ol class="canvas-log" aria-label="What happened" role="log">
        {log.map((entry) => (
          <li key={entry.id} class={entry.error ? "error-text" : undefined}>
            <time class="muted">{entry.at.toLocaleTimeString("en-GB")}</time> {entry.text}
            {entry.problems.length > 0 ? (
              <ul class="problem-list">
                {entry.problems.slice(0, 50).map((p, i) => (
                  <li key={i}>
                    “{p.nodeName}”: {p.message}
                  </li>
                ))}
                {entry.problems.length > 50 ? <li>… and {entry.problems.length - 50} more.</li> : null}
              </ul>
            ) : null}
          </li>
        ))}
      </ol>

      <p class="hint" role="status">
        {maps === null
          ? "Looking for maps on this page…"
          : `${maps.length === 0 ? "No" : maps.length} journey map${maps.length === 1 ? "" : "s"} ${allPages ? "in this file" : "on this page"}${
              onCanvas ? ", this one included" : ""
            }${maps.length > 0 ? `: ${maps.map((m) => (allPages ? `${m.title} (${m.pageName})` : m.title)).join(", ")}` : ""}.`}{" "}
        {allPages ? null : (
          <Button secondary onClick={() => void listMaps(true)}>
            Look on every page
          </Button>
        )}
      </p>
      <SectionHeading title="Export and import" level={3} />
      <div class="toolbar">
        <Button
          secondary
          onClick={() => {
            downloadText(`${fileStem(model.title)}.json`, exportJourneyMapJson(model), "application/json");
            const summarised = summaryTotals(model.summary).rows;
            report(
              `Exported the map as JSON (${formatCount(model.feedback.length)} feedback rows${summarised > 0 ? ` and the summaries of ${formatCount(summarised)} more` : ""} included).`,
            );
          }}
        >
          Export JSON
        </Button>
        <FileUploadButton secondary aria-label="Import JSON" acceptedFileTypes={[".json", "application/json"]} onSelectedFiles={(files) => void importModel(files, "json")}>
          Import JSON
        </FileUploadButton>
        <Button
          secondary
          onClick={() => {
            downloadText(`${fileStem(model.title)}.mmd`, exportMermaidJourney(model), "text/plain");
            report("Exported the map as a Mermaid journey diagram.");
          }}
        >
          Export Mermaid
        </Button>
        <FileUploadButton secondary aria-label="Import Mermaid" acceptedFileTypes={[".mmd", ".md", ".txt", "text/plain"]} onSelectedFiles={(files) => void importModel(files, "mermaid")}>
          Import Mermaid
        </FileUploadButton>
      </div>
      <p class="hint">Importing replaces the map in the panel (Undo brings it back); the canvas changes only when you generate.</p>
    </div>
  );
}

/** A reply in words. */
export function describeResult(result: ReplyResult, label: string, model: JourneyMap): string {
  switch (result.kind) {
    case "generated": {
      const cards = (list: readonly DeletedCard[] | undefined, what: string) =>
        list === undefined || list.length === 0 ? "" : ` ${countOf(list.length, "deleted card")} ${what}.`;
      const kept = result.fromCanvas ? ` ${countOf(result.fromCanvas, "change")} made on the canvas kept.` : "";
      const moved = result.movedOut ? ` ${countOf(result.movedOut, "layer")} from removed cells moved to the frame “Moved out of the map”.` : "";
      return `${label === "Updating the map" ? "Map updated" : "Map drawn"}: ${formatCount(result.created)} layers created, ${formatCount(result.updated)} updated, ${formatCount(result.removed)} removed.${cards(result.restored, "drawn again")}${cards(result.dropped, "removed from the map")}${kept}${moved}`;
    }
    case "canvas-conflicts":
      return `Nothing drawn yet: ${countOf(result.conflicts.length, "value")} changed both on the canvas and in the panel. Choose which to keep.`;
    case "deleted-cards":
      return `Nothing drawn yet: ${result.cards.length} card${result.cards.length === 1 ? " was" : "s were"} deleted on the canvas. Choose what to do with ${result.cards.length === 1 ? "it" : "them"}.`;
    case "map-read": {
      const converted = result.converted === undefined ? "" : ` ${result.converted}`;
      return result.problems.length === 0
        ? `Read “${result.model.title}” from the canvas: ${result.model.stages.length} stages, ${result.model.painPoints.length} pain points.${converted}`
        : `Read “${result.model.title}” from the canvas${converted}; ${countOf(result.problems.length, "value")} could not be read:`;
    }
    case "rescored":
      // The summary already counts the values that could not be read; the list follows in the log.
      return `${result.summary}.`;
    case "maps":
      return `${result.maps.length} maps found.`;
    default:
      return `Done (${model.title}).`;
  }
}
