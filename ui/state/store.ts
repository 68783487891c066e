/**
 * The panel's state: the journey map being edited and what the draft keeps besides it (fields
 * being edited that are not valid yet, remembered CSV mappings). One store, so the draft saver,
 * the sections and the canvas actions see the same map; every change goes through `update`.
 */
import { createContext } from "preact";
import { useContext, useEffect, useState } from "preact/hooks";
import type { DraftPanelState } from "../../shared/messages";
import type { JourneyMap } from "../../shared/model";
import { removeEntities, restoreRemoval, type Collection, type Removal } from "./edits";

export type RememberedMapping = NonNullable<DraftPanelState["csvMappings"]>[string];

export interface UndoEntry {
  /** What happened, in words: "Deleted stage “Checkout”." */
  message: string;
  apply: (current: JourneyMap) => JourneyMap;
}

function undoRemoval(removal: Removal): UndoEntry {
  // What went with it: a stage's touchpoints, pain points, notes … (not the rows of a "delete all").
  const first = removal.removed[0]?.collection;
  const others = removal.removed.filter((r) => r.collection !== first).length;
  const along = others === 0 ? "" : ` with ${others} item${others === 1 ? "" : "s"} that belonged to it`;
  return { message: `Deleted ${removal.label}${along}.`, apply: (current) => restoreRemoval(current, removal) };
}

export interface PanelState {
  model: JourneyMap;
  /** Field key → text not valid yet (see `DraftPanelState`). */
  pendingEdits: Readonly<Record<string, string>>;
  csvMappings: Readonly<Record<string, RememberedMapping>>;
  /** Feedback rows the restored draft could not keep (0 when it kept them all). */
  omittedFeedback: number;
  /** The last change that can be undone (a removal, a map loaded over the draft), until another replaces it. */
  undo: UndoEntry | null;
  /** Bumped by every change that the draft keeps. */
  revision: number;
}

type Listener = (state: PanelState, previous: PanelState) => void;

export class PanelStore {
  private current: PanelState;
  private readonly listeners = new Set<Listener>();

  constructor(initial: Omit<PanelState, "revision" | "undo">) {
    this.current = { ...initial, undo: null, revision: 0 };
  }

  get state(): PanelState {
    return this.current;
  }

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private set(change: Partial<PanelState>, keep = true): void {
    const previous = this.current;
    this.current = { ...previous, ...change, revision: keep ? previous.revision + 1 : previous.revision };
    for (const listener of this.listeners) listener(this.current, previous);
  }

  /** Changes the map; `change` must return a valid map (see edits.ts). */
  update(change: (model: JourneyMap) => JourneyMap): void {
    const model = change(this.current.model);
    if (model !== this.current.model) this.set({ model });
  }

  /** Removes entities (and what depends on them), keeping the removal for "Undo"; `allFeedback`: see `removeEntities`. */
  remove(collection: Collection, ids: readonly string[], label: string, allFeedback = false): void {
    const { map, removal } = removeEntities(this.current.model, collection, ids, label, allFeedback);
    this.set({ model: map, undo: undoRemoval(removal), pendingEdits: this.prunedEdits(map) });
  }

  /** Offers "Undo" for a removal made elsewhere (an import that replaced the feedback). */
  rememberRemoval(removal: Removal | null): void {
    this.set({ undo: removal === null ? null : undoRemoval(removal) }, false);
  }

  undo(): void {
    const entry = this.current.undo;
    if (entry === null) return;
    this.set({ model: entry.apply(this.current.model), undo: null });
  }

  dismissUndo(): void {
    if (this.current.undo !== null) this.set({ undo: null }, false);
  }

  /**
   * Replaces the whole map (read from the canvas, imported from JSON, re-scored); `message` says
   * what happened and offers to go back to the map as it was.
   */
  replaceModel(model: JourneyMap, message: string): void {
    const previous = this.current.model;
    this.set({ model, undo: { message, apply: () => previous }, pendingEdits: this.prunedEdits(model) });
  }

  /** Counts as a change the draft keeps, though the map is the same (a map of an earlier version, to save as this one). */
  touch(): void {
    this.set({});
  }

  /** Keeps (text) or forgets (null) the not-yet-valid text of a field. */
  setPendingEdit(key: string, text: string | null): void {
    const edits = this.current.pendingEdits;
    if (text === null ? !(key in edits) : edits[key] === text) return;
    const next = { ...edits };
    if (text === null) delete next[key];
    else next[key] = text;
    this.set({ pendingEdits: next });
  }

  rememberMapping(signature: string, mapping: RememberedMapping): void {
    this.set({ csvMappings: { ...this.current.csvMappings, [signature]: mapping } });
  }

  acknowledgeOmittedFeedback(): void {
    if (this.current.omittedFeedback !== 0) this.set({ omittedFeedback: 0 });
  }

  /** Pending edits whose entity is gone are dropped: keys start with the entity id (see fieldKey). */
  private prunedEdits(model: JourneyMap): Record<string, string> {
    const edits = this.current.pendingEdits;
    const keys = Object.keys(edits);
    if (keys.length === 0) return edits as Record<string, string>;
    const ids = entityIds(model);
    const next: Record<string, string> = {};
    for (const key of keys) {
      const owner = key.split("/")[0] ?? "";
      if (owner === "map" || ids.has(owner)) next[key] = edits[key] ?? "";
    }
    return next;
  }
}

function entityIds(model: JourneyMap): Set<string> {
  const ids = new Set<string>();
  for (const list of [model.personas, model.stages, model.touchpoints, model.lanes, model.notes, model.painPoints, model.opportunities, model.kpis]) {
    for (const entity of list) ids.add(entity.id);
  }
  return ids;
}

/** The key of an editable field: `<entity id>/<field>`, or `map/<field>` for the map's own fields. */
export function fieldKey(owner: string, name: string): string {
  return `${owner}/${name}`;
}

export const StoreContext = createContext<PanelStore | null>(null);

export function useStore(): PanelStore {
  const store = useContext(StoreContext);
  if (store === null) throw new Error("useStore outside <StoreContext.Provider>");
  return store;
}

/** The store's state, re-rendering the component on every change. */
export function usePanelState(): PanelState {
  const store = useStore();
  const [state, setState] = useState(store.state);
  useEffect(() => {
    setState(store.state);
    return store.subscribe((next) => setState(next));
  }, [store]);
  return state;
}
