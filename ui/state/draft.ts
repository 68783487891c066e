/**
 * The draft: saved through the plugin into `figma.clientStorage` as each change happens, restored
 * when the panel opens. Not debounced, and not left for `pagehide`: when a person closes the plugin,
 * Figma destroys the sandbox once its callbacks return, and what the panel sends while closing never
 * arrives (FIGMA_RULES section 11). One save at a time; changes made while one is on its way are
 * saved together right after it.
 *
 * The draft goes to the plugin as its JSON text, which the sandbox stores without reading it; the
 * panel validates it as a `Draft` when it loads it (`parseDraft`).
 *
 * clientStorage holds 5 MB per plugin (https://developers.figma.com/docs/plugins/api/figma-clientStorage).
 * A map with a very large feedback import does not fit: the draft then keeps everything but the
 * feedback rows no pain point cites, and records how many it left out, so the panel can say so
 * when the draft is restored instead of losing them without a word. Sizes are UTF-8 bytes (a CJK
 * character takes 3), as stored: the text once more as a JSON string, its quotes escaped.
 */
import { Draft, type DraftPanelState } from "../../shared/messages";
import type { Feedback, JourneyMap, PainPoint } from "../../shared/model";
import type { PanelState, PanelStore } from "./store";

/** What a draft may take of clientStorage's 5 MB, leaving room for the window size and a margin. */
export const DRAFT_BUDGET_BYTES = 4 * 1024 * 1024;

/**
 * UTF-8 bytes of `text` stored as a JSON string: quotes and backslashes escaped (counted 2), other
 * characters by their UTF-8 length. `escapes` counts an escape's bytes again (text already inside
 * JSON that is stored as a string: each of its escapes is escaped once more).
 */
export function storedBytes(text: string, escapes = 2): number {
  let bytes = 2;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code >= 0x20 && code < 0x80) bytes += code === 34 || code === 92 ? escapes : 1;
    // \b \t \n \f \r, or \u00XX.
    else if (code < 0x20) bytes += code >= 8 && code <= 13 && code !== 11 ? escapes : 4 + escapes;
    else if (code < 0x800) bytes += 2;
    else if (code >= 0xd800 && code < 0xdc00) {
      bytes += 4;
      i++;
    } else bytes += 3;
  }
  return bytes;
}

const feedbackBytes = new WeakMap<readonly Feedback[], number>();
/** A feedback row's fixed keys and ids, before its texts. */
const FEEDBACK_ROW_BYTES = 300;

/**
 * An upper estimate of the stored size of feedback rows, without serialising 200,000 of them on
 * every change: the fixed keys and ids of a row, plus the UTF-8 bytes of its texts (escapes counted
 * twice, as they are escaped again when the draft's text is stored). Remembered per array: the
 * feedback changes far less often than the rest of the map.
 */
export function estimateFeedbackBytes(feedback: readonly Feedback[]): number {
  const known = feedbackBytes.get(feedback);
  if (known !== undefined) return known;
  let bytes = 2;
  for (const row of feedback) bytes += FEEDBACK_ROW_BYTES + storedBytes(row.text, 4) + storedBytes(row.source, 4);
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

/** A draft, with its JSON text and the bytes that text takes in clientStorage. */
export interface BuiltDraft {
  draft: Draft;
  text: string;
  bytes: number;
}

function built(draft: Draft): BuiltDraft {
  const text = JSON.stringify(draft);
  return { draft, text, bytes: storedBytes(text) };
}

const megabytes = (bytes: number) => (bytes / 1024 / 1024).toFixed(1);

/**
 * The draft of a state: the whole map when it fits the budget, else the map without uncited
 * feedback; an error in words when even that does not fit.
 */
export async function buildDraft(
  state: PanelState,
  yieldToHost: () => Promise<void> = () => new Promise((resolve) => setTimeout(resolve, 0)),
  now: Date = new Date(),
): Promise<BuiltDraft> {
  const model = state.model;
  const savedAt = now.toISOString();
  // Measured before serialising everything: a map far over the budget is not serialised whole on every change.
  const rest = storedBytes(JSON.stringify({ ...model, feedback: [] }));
  // Each row takes at least its fixed keys and ids (`estimateFeedbackBytes`): rows too many for the budget
  // by their count alone are not read character by character (200,000 of them take a long task).
  const fewEnough = rest + model.feedback.length * FEEDBACK_ROW_BYTES <= DRAFT_BUDGET_BYTES;
  if (fewEnough && rest + estimateFeedbackBytes(model.feedback) <= DRAFT_BUDGET_BYTES) {
    const whole = built({ savedAt, model, panel: panelState(state, 0) });
    if (whole.bytes <= DRAFT_BUDGET_BYTES) return whole;
  }
  const light = await withoutUncitedFeedback(model, yieldToHost);
  const draft = built({ savedAt, model: light.model, panel: panelState(state, light.omitted) });
  if (draft.bytes > DRAFT_BUDGET_BYTES) {
    throw new Error(
      `the map takes ${megabytes(draft.bytes)} MB even without the feedback no pain point cites, more than the ${megabytes(DRAFT_BUDGET_BYTES)} MB Figma keeps for a draft`,
    );
  }
  return draft;
}

/** A stored draft's text as a Draft; an error in words when it is not valid JSON or not a valid draft. */
export function parseDraft(text: string): Draft {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new Error("the stored draft is not valid JSON");
  }
  const parsed = Draft.safeParse(value);
  if (!parsed.success) throw new Error(`the stored draft is not valid: ${parsed.error.issues[0]?.message ?? "unknown problem"}`);
  return parsed.data;
}

export type SaveStatus =
  | { kind: "idle" }
  | { kind: "pending" }
  | { kind: "saving" }
  | { kind: "saved"; at: Date; omitted: number }
  | { kind: "failed"; message: string };

/**
 * Saves the store's state as a draft as each change happens, one save at a time: changes made while
 * a save is on its way are saved right after it, together. `flush` saves what is not saved yet.
 */
export class DraftSaver {
  private savedRevision: number;
  private inFlight = false;
  /** A change came while a save was on its way. */
  private again = false;

  constructor(
    private readonly store: PanelStore,
    private readonly save: (text: string) => Promise<void>,
    private readonly onStatus: (status: SaveStatus) => void,
  ) {
    this.savedRevision = store.state.revision;
    store.subscribe((state, previous) => {
      if (state.revision !== previous.revision) this.flush();
    });
  }

  get dirty(): boolean {
    return this.store.state.revision !== this.savedRevision;
  }

  /** Saves now if anything changed since the last save (after the save on its way, if any). */
  flush(): void {
    if (!this.dirty) return;
    if (this.inFlight) {
      this.again = true;
      this.onStatus({ kind: "pending" });
      return;
    }
    void this.saveNow();
  }

  private async saveNow(): Promise<void> {
    const state = this.store.state;
    const revision = state.revision;
    this.inFlight = true;
    this.again = false;
    this.onStatus({ kind: "saving" });
    try {
      const { draft, text } = await buildDraft(state);
      await this.save(text);
      if (revision > this.savedRevision) this.savedRevision = revision;
      this.onStatus(this.dirty ? { kind: "pending" } : { kind: "saved", at: new Date(), omitted: draft.panel?.omittedFeedback ?? 0 });
    } catch (error) {
      this.onStatus({ kind: "failed", message: error instanceof Error ? error.message : String(error) });
    } finally {
      this.inFlight = false;
    }
    if (this.again) this.flush();
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
