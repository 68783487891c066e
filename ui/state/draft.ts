/**
 * The draft: saved through the plugin into `figma.clientStorage` as the person edits (a short
 * debounce, flushed when the panel is hidden or closed), restored when the panel opens.
 *
 * clientStorage holds 5 MB per plugin (https://developers.figma.com/docs/plugins/api/figma-clientStorage).
 * A map with a very large feedback import does not fit: the draft then keeps everything but the
 * feedback rows no pain point cites, and records how many it left out, so the panel can say so
 * when the draft is restored instead of losing them without a word.
 */
import type { Draft, DraftPanelState } from "../../shared/messages";
import type { Feedback, JourneyMap, PainPoint } from "../../shared/model";
import type { PanelState, PanelStore } from "./store";

/** What a draft may take of clientStorage's 5 MB, leaving room for the window size and a margin. */
export const DRAFT_BUDGET_BYTES = 4 * 1024 * 1024;

const feedbackBytes = new WeakMap<readonly Feedback[], number>();

/**
 * An upper estimate of the JSON size of feedback rows, without serialising 200,000 of them on every
 * keystroke: the fixed keys and ids of a row, plus its texts (×1.5 for escapes and non-ASCII).
 * Remembered per array: the feedback changes far less often than the rest of the map.
 */
export function estimateFeedbackBytes(feedback: readonly Feedback[]): number {
  const known = feedbackBytes.get(feedback);
  if (known !== undefined) return known;
  let bytes = 2;
  for (const row of feedback) {
    bytes += 260 + Math.ceil(1.5 * (row.text.length + row.source.length));
  }
  feedbackBytes.set(feedback, bytes);
  return bytes;
}

function panelState(state: PanelState, omitted: number): DraftPanelState {
  const panel: DraftPanelState = {};
  if (Object.keys(state.pendingEdits).length > 0) panel.pendingEdits = { ...state.pendingEdits };
  if (Object.keys(state.csvMappings).length > 0) panel.csvMappings = { ...state.csvMappings };
  const totalOmitted = omitted + state.omittedFeedback;
  if (totalOmitted > 0) panel.omittedFeedback = totalOmitted;
  return panel;
}

const citedCache = new WeakMap<readonly Feedback[], { painPoints: readonly PainPoint[]; kept: Feedback[] }>();
const ROWS_PER_SLICE = 20_000;

/**
 * The map without the feedback no pain point cites: what a draft keeps when the whole map is too
 * large. Read in slices (200,000 rows at once would hold the panel up), and remembered for the same
 * feedback and pain points, so typing after a large import does not read every row again.
 */
export async function withoutUncitedFeedback(
  model: JourneyMap,
  yieldToHost: () => Promise<void>,
): Promise<{ model: JourneyMap; omitted: number }> {
  const known = citedCache.get(model.feedback);
  let kept = known !== undefined && known.painPoints === model.painPoints ? known.kept : null;
  if (kept === null) {
    const cited = new Set<string>();
    for (const painPoint of model.painPoints) for (const id of painPoint.evidence) cited.add(id);
    kept = [];
    const rows = model.feedback;
    for (let start = 0; start < rows.length; start += ROWS_PER_SLICE) {
      const end = Math.min(rows.length, start + ROWS_PER_SLICE);
      for (let i = start; i < end; i++) {
        const row = rows[i] as Feedback;
        if (cited.has(row.id)) kept.push(row);
      }
      if (end < rows.length) await yieldToHost();
    }
    citedCache.set(model.feedback, { painPoints: model.painPoints, kept });
  }
  return { model: { ...model, feedback: kept }, omitted: model.feedback.length - kept.length };
}

/** The draft of a state: the whole map when it fits the budget, else the map without uncited feedback. */
export async function buildDraft(
  state: PanelState,
  yieldToHost: () => Promise<void> = () => new Promise((resolve) => setTimeout(resolve, 0)),
  now: Date = new Date(),
): Promise<Draft> {
  const model = state.model;
  const rest = JSON.stringify({ ...model, feedback: [] }).length;
  if (rest + estimateFeedbackBytes(model.feedback) <= DRAFT_BUDGET_BYTES) {
    return { savedAt: now.toISOString(), model, panel: panelState(state, 0) };
  }
  const light = await withoutUncitedFeedback(model, yieldToHost);
  return { savedAt: now.toISOString(), model: light.model, panel: panelState(state, light.omitted) };
}

/** Roughly how long a draft takes to send and store, so large ones are saved less often. */
export function saveDelayMs(state: PanelState): number {
  return state.model.feedback.length > 20_000 ? 2000 : 300;
}

export type SaveStatus =
  | { kind: "idle" }
  | { kind: "pending" }
  | { kind: "saving" }
  | { kind: "saved"; at: Date; omitted: number }
  | { kind: "failed"; message: string };

/**
 * Saves the store's state as a draft after each change (debounced), one save at a time; `flush`
 * saves at once what is not saved yet (the panel is being hidden or closed).
 */
export class DraftSaver {
  private timer: ReturnType<typeof setTimeout> | null = null;
  private savedRevision: number;
  private inFlight = false;

  constructor(
    private readonly store: PanelStore,
    private readonly save: (draft: Draft) => Promise<void>,
    private readonly onStatus: (status: SaveStatus) => void,
  ) {
    this.savedRevision = store.state.revision;
    store.subscribe((state, previous) => {
      if (state.revision !== previous.revision) this.schedule();
    });
  }

  get dirty(): boolean {
    return this.store.state.revision !== this.savedRevision;
  }

  private schedule(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.onStatus({ kind: "pending" });
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.saveNow();
    }, saveDelayMs(this.store.state));
  }

  /** Saves now if anything changed since the last save. */
  flush(): void {
    if (this.timer !== null) {
      clearTimeout(this.timer);
      this.timer = null;
    }
    if (this.dirty) void this.saveNow(true);
  }

  private async saveNow(force = false): Promise<void> {
    // One save at a time: a change made meanwhile is saved when this one ends (flushes go at once).
    if (this.inFlight && !force) {
      this.schedule();
      return;
    }
    const state = this.store.state;
    const revision = state.revision;
    this.inFlight = true;
    this.onStatus({ kind: "saving" });
    try {
      const draft = await buildDraft(state);
      await this.save(draft);
      if (revision > this.savedRevision) this.savedRevision = revision;
      this.onStatus(
        this.dirty ? { kind: "pending" } : { kind: "saved", at: new Date(), omitted: draft.panel?.omittedFeedback ?? 0 },
      );
    } catch (error) {
      this.onStatus({ kind: "failed", message: error instanceof Error ? error.message : String(error) });
    } finally {
      this.inFlight = false;
    }
  }
}

/** The store's starting state from a restored draft (or a new map when there is none). */
export function stateFromDraft(draft: Draft | null, fallback: () => JourneyMap): Omit<PanelState, "revision" | "undo"> {
  if (draft === null) return { model: fallback(), pendingEdits: {}, csvMappings: {}, omittedFeedback: 0 };
  return {
    model: draft.model,
    pendingEdits: draft.panel?.pendingEdits ?? {},
    csvMappings: draft.panel?.csvMappings ?? {},
    omittedFeedback: draft.panel?.omittedFeedback ?? 0,
  };
}
