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
 * The draft keeps the map as the map frame does (compact.ts): a journey of more than 5,000 feedback
 * rows keeps the rows it needs to show (pain points' evidence, quotes) and an exact summary of the
 * rest, packed, so that every figure is the same when it is restored; a year of a million rows
 * takes about 1.5 MB (`npm run bench -- stored`). Sizes are UTF-8 bytes (a CJK character takes 3),
 * as stored: the text once more as a JSON string, its quotes escaped.
 */
import { createHostTurns } from "../../shared/csv";
import { DraftPanelState, type Draft } from "../../shared/messages";
import { parseJourneyMap, type JourneyMap } from "../../shared/model";
import { summaryTotals } from "../../shared/summary";
import { withPackedSummary, withUnpackedSummary } from "../../shared/summary-pack";
import * as z from "../../shared/zod";
import { storedJourney } from "./compact";
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

function panelState(state: PanelState): DraftPanelState {
  const panel: DraftPanelState = {};
  if (Object.keys(state.pendingEdits).length > 0) panel.pendingEdits = { ...state.pendingEdits };
  if (Object.keys(state.csvMappings).length > 0) panel.csvMappings = { ...state.csvMappings };
  // Rows an older draft left out, until the person has seen the notice.
  if (state.omittedFeedback > 0) panel.omittedFeedback = state.omittedFeedback;
  return panel;
}

/** A draft, with its JSON text, the bytes that text takes in clientStorage, and how many rows its summary counts. */
export interface BuiltDraft {
  /** The draft as it loads again: the model compacted, its summary unpacked. */
  draft: Draft;
  text: string;
  bytes: number;
  summarised: number;
}

const megabytes = (bytes: number) => (bytes / 1024 / 1024).toFixed(1);

/**
 * The draft of a state: the map as stored (compact.ts: at most 5,000 rows as they are; beyond,
 * the evidence rows and an exact summary of the rest, packed); an error in words when even that
 * does not fit the budget.
 */
export async function buildDraft(
  state: PanelState,
  yieldToHost: () => Promise<void> = () => new Promise((resolve) => setTimeout(resolve, 0)),
  now: Date = new Date(),
): Promise<BuiltDraft> {
  const stored = await storedJourney(state.model, yieldToHost);
  const draft: Draft = { savedAt: now.toISOString(), model: stored.model, panel: panelState(state) };
  // A large journey's draft is a megabyte of text: writing it, measuring it and counting its summary
  // take a task each, so that none holds the panel up for long.
  const large = stored.model.summary !== undefined;
  if (large) await yieldToHost();
  const text = JSON.stringify({ ...draft, model: withPackedSummary(stored.model, stored.packed ?? undefined) });
  if (large) await yieldToHost();
  const bytes = storedBytes(text);
  if (bytes > DRAFT_BUDGET_BYTES) {
    throw new Error(
      `the map takes ${megabytes(bytes)} MB even with its feedback kept as summaries, more than the ${megabytes(DRAFT_BUDGET_BYTES)} MB Figma keeps for a draft`,
    );
  }
  if (large) await yieldToHost();
  return { draft, text, bytes, summarised: summaryTotals(stored.model.summary).rows };
}

const DraftShell = z.object({ savedAt: z.string(), panel: z.optional(DraftPanelState) });

/** A restored draft, and the sentence to show once when its map was saved by an earlier version (then saved again as this one). */
export interface RestoredDraft {
  draft: Draft;
  converted: string | null;
}

/** A stored draft's text as a Draft; an error in words when it is not valid JSON or not a valid draft. */
export function parseDraft(text: string): RestoredDraft {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new Error("the stored draft is not valid JSON");
  }
  const shell = DraftShell.safeParse(value);
  if (!shell.success) throw new Error(`the stored draft is not valid: ${shell.error.issues[0]?.message ?? "unknown problem"}`);
  let model: unknown;
  try {
    model = withUnpackedSummary((value as { model?: unknown }).model);
  } catch (error) {
    throw new Error(`the stored draft is not valid: ${error instanceof Error ? error.message : String(error)}`);
  }
  const parsed = parseJourneyMap(model);
  if (!parsed.ok) throw new Error(`the stored draft is not valid: ${parsed.errors[0] ?? "unknown problem"}`);
  const draft: Draft = { savedAt: shell.data.savedAt, model: parsed.value };
  if (shell.data.panel !== undefined) draft.panel = shell.data.panel;
  return { draft, converted: parsed.converted ?? null };
}

export type SaveStatus =
  | { kind: "idle" }
  | { kind: "pending" }
  | { kind: "saving" }
  /** `summarised`: feedback rows the draft counts in its summary rather than row by row. */
  | { kind: "saved"; at: Date; summarised: number }
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
    // a large journey's draft is made over a thousand turns: MessageChannel turns, not 4 ms timers
    const turns = createHostTurns();
    try {
      const { text, summarised } = await buildDraft(state, turns.yieldToHost);
      await this.save(text);
      if (revision > this.savedRevision) this.savedRevision = revision;
      this.onStatus(this.dirty ? { kind: "pending" } : { kind: "saved", at: new Date(), summarised });
    } catch (error) {
      this.onStatus({ kind: "failed", message: error instanceof Error ? error.message : String(error) });
    } finally {
      turns.close();
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
