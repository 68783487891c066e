/**
 * Instrumentation for benchmarks and tests: how many API calls a run made, how many nodes it
 * created, which fonts it loaded, which nodes it wrote, and how its changes fall into undo steps.
 * Counting is a few integer increments per call, so it stays on.
 */

export class EmulatorStats {
  /** Every method call and property write through the figma object and nodes. */
  apiCalls = 0;
  /** The same calls by operation name ("set_fills", "appendChild", "figma.createFrame" …). */
  readonly callsByName = new Map<string, number>();
  nodesCreated = 0;
  /** loadFontAsync calls, resolved or not. */
  fontLoadCalls = 0;
  /** Distinct fonts loaded successfully, as "Family Style". */
  readonly fontsLoaded = new Set<string>();
  /** Ids of nodes written (property writes, child changes, plugin data) since the last resetWrites(). */
  readonly writtenNodeIds = new Set<string>();
  /** How many times a layout root was laid out (a measure of layout work). */
  layoutPasses = 0;
  /** Frames ("<id> width" or "<id> height") last laid out hugging an axis in which every child fills: collapsed to their padding. */
  readonly collapsedHugs = new Set<string>();

  countCall(op: string): void {
    this.apiCalls++;
    this.callsByName.set(op, (this.callsByName.get(op) ?? 0) + 1);
  }

  /** Forgets the written node ids, so a benchmark can count the nodes one step writes. */
  resetWrites(): void {
    this.writtenNodeIds.clear();
  }

  /** Zeroes every counter. */
  reset(): void {
    this.apiCalls = 0;
    this.callsByName.clear();
    this.nodesCreated = 0;
    this.fontLoadCalls = 0;
    this.fontsLoaded.clear();
    this.writtenNodeIds.clear();
    this.layoutPasses = 0;
    this.collapsedHugs.clear();
  }
}

/**
 * Undo steps as Figma forms them: the changes between two `figma.commitUndo()` calls are one
 * step, and whatever is pending when the run ends is one more.
 * @see https://developers.figma.com/docs/plugins/api/properties/figma-commitundo
 */
export class UndoHistory {
  /** Number of changes in each committed step, oldest first. */
  readonly committedSteps: number[] = [];
  /** Changes since the last commitUndo(). */
  pendingChanges = 0;
  /** How many times the plugin called commitUndo(). */
  commitCalls = 0;

  /** Undo steps a person would see now: committed steps plus the pending one, if any. */
  get steps(): number {
    return this.committedSteps.length + (this.pendingChanges > 0 ? 1 : 0);
  }

  recordChange(): void {
    this.pendingChanges++;
  }

  commit(): void {
    this.commitCalls++;
    if (this.pendingChanges === 0) return;
    this.committedSteps.push(this.pendingChanges);
    this.pendingChanges = 0;
  }

  reset(): void {
    this.committedSteps.length = 0;
    this.pendingChanges = 0;
    this.commitCalls = 0;
  }
}
