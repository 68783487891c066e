/**
 * Asynchronous delivery, as in Figma: messages between the plugin and its panel, and events,
 * arrive on a later turn of the event loop. The scheduler remembers what is still on its way
 * and the promises the plugin's handlers returned, so a test can `await emulator.settle()` and
 * then look at the result; errors thrown by handlers are collected instead of lost.
 * Uses only setTimeout and promises: runs in Node and in a browser.
 */
export class Scheduler {
  private readonly timers = new Set<ReturnType<typeof setTimeout>>();
  private readonly running = new Set<Promise<unknown>>();
  /** Errors thrown (or rejected) by handlers, oldest first. */
  readonly errors: unknown[] = [];
  private reported = 0;

  /** Runs `task` on a later turn; a returned promise is awaited by settle(). */
  later(task: () => unknown): void {
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      this.run(task);
    }, 0);
    this.timers.add(timer);
  }

  /** Runs a handler now, keeping its error and its promise. */
  run(task: () => unknown): void {
    let result: unknown;
    try {
      result = task();
    } catch (error) {
      this.errors.push(error);
      return;
    }
    if (typeof result === "object" && result !== null && "then" in result && typeof result.then === "function") {
      const promise = Promise.resolve(result).then(
        () => undefined,
        (error: unknown) => {
          this.errors.push(error);
        },
      );
      this.running.add(promise);
      void promise.finally(() => this.running.delete(promise));
    }
  }

  /** Drops deliveries still on their way (closePlugin cancels timers). */
  cancelAll(): void {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
  }

  get busy(): boolean {
    return this.timers.size > 0 || this.running.size > 0;
  }

  /**
   * Waits until nothing is on its way and every handler promise has settled. Throws the errors
   * handlers raised since the last settle(), unless `throwErrors` is false.
   */
  async settle(options: { throwErrors?: boolean; maxTurns?: number } = {}): Promise<void> {
    const maxTurns = options.maxTurns ?? 10_000;
    for (let turn = 0; turn < maxTurns && this.busy; turn++) {
      if (this.running.size > 0) await Promise.race([...this.running, nextTurn()]);
      else await nextTurn();
    }
    const fresh = this.errors.slice(this.reported);
    this.reported = this.errors.length;
    if (options.throwErrors !== false && fresh.length > 0) {
      if (fresh.length === 1) throw fresh[0];
      throw new AggregateError(fresh, `${fresh.length} errors were thrown by plugin or panel handlers`);
    }
  }
}

function nextTurn(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}
