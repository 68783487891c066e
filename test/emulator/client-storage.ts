/**
 * figma.clientStorage: per-plugin storage on the user's machine, kept across runs of the
 * plugin (and across relaunches of the emulator). Values are structured-cloned in and out;
 * the quota is 5 MB, counted as key + JSON(value) per entry.
 * @see https://developers.figma.com/docs/plugins/api/figma-clientStorage
 */
import type { AccessKind, FacadeTarget } from "./facade";
import { utf8Length } from "./nodes/base-node";
import { expectString, ruleError } from "./rules";
import { assertTransferable } from "./structured-values";

export const CLIENT_STORAGE_QUOTA = 5 * 1024 * 1024;

/** The storage itself, shared by every run of the plugin in one emulator. */
export class ClientStorageData {
  readonly entries = new Map<string, { value: unknown; size: number }>();
  /** Told after every change (the local host persists the storage across reloads, reading `snapshot` when it needs it). */
  readonly listeners = new Set<() => void>();

  /** Seeds entries, as if stored by an earlier run (not validated against the quota). */
  seed(values: Readonly<Record<string, unknown>>): void {
    for (const [key, value] of Object.entries(values)) this.entries.set(key, { value: structuredClone(value), size: entrySize(key, value) });
  }

  /** A copy of every entry. */
  snapshot(): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (const [key, entry] of this.entries) out[key] = structuredClone(entry.value);
    return out;
  }

  changed(): void {
    for (const listener of this.listeners) listener();
  }

  get usedBytes(): number {
    let total = 0;
    for (const entry of this.entries.values()) total += entry.size;
    return total;
  }
}

/**
 * An entry's size: its key and its value as JSON, a Uint8Array counted as a string of its bytes.
 * `binary` says whether the value holds one: without, JSON.stringify needs no replacer (a function
 * called for every value made sizing a 1.5 MB draft several times slower).
 */
function entrySize(key: string, value: unknown, binary = true): number {
  const json = binary ? JSON.stringify(value, (_k, v: unknown) => (v instanceof Uint8Array ? "#".repeat(v.byteLength) : v)) : JSON.stringify(value);
  return utf8Length(key) + (json === undefined ? 0 : utf8Length(json));
}

/**
 * figma.clientStorage for one run. Writes land on a later turn, as Figma's do (the storage is in
 * the editor, outside the sandbox); a write still on its way when the plugin closes is lost with
 * the run: "the plugin execution environment will be destroyed immediately when all the callbacks
 * have returned" (FIGMA_RULES section 11), and its promise never settles.
 */
export class ClientStorageApi implements FacadeTarget {
  constructor(
    private readonly data: ClientStorageData,
    private readonly guard: (op: string, kind: AccessKind) => void,
    /** Runs a task on a later turn, unless the run closes first. */
    private readonly later: (task: () => void) => void = (task) => task(),
  ) {}

  _guard(op: string, kind: AccessKind): void {
    this.guard(`clientStorage.${op}`, kind);
  }

  _noSuchProperty(prop: string): Error {
    return ruleError("api.no-such-property", `figma.clientStorage.${prop}: no such property '${prop}' on clientStorage`, "TypeError");
  }

  /** Resolves to a copy of the stored value, or undefined. */
  getAsync(key: unknown): Promise<unknown> {
    try {
      const k = expectString("clientStorage.getAsync", "key", key);
      const entry = this.data.entries.get(k);
      return Promise.resolve(entry === undefined ? undefined : structuredClone(entry.value));
    } catch (error) {
      return Promise.reject(error);
    }
  }

  /**
   * Rejects when the value cannot be stored or the 5 MB quota would be exceeded. The value is checked
   * and copied in the plugin's turn (a later change to it is not stored); it is sized against the
   * quota on the later turn the write lands in, as the editor does, so that a large draft's copy and
   * its sizing are two tasks, not one.
   */
  setAsync(key: unknown, value: unknown): Promise<void> {
    try {
      const op = "clientStorage.setAsync";
      const k = expectString(op, "key", key);
      const { binary } = assertTransferable(op, "client-storage.value", value, "value", false);
      const copy = structuredClone(value);
      return new Promise((resolve, reject) =>
        this.later(() => {
          const size = entrySize(k, copy, binary);
          const total = this.data.usedBytes - (this.data.entries.get(k)?.size ?? 0) + size;
          if (total > CLIENT_STORAGE_QUOTA) {
            reject(ruleError("client-storage.quota", `in ${op}: Storing "${k}" would use ${total} bytes; the quota is ${CLIENT_STORAGE_QUOTA} bytes (5 MB)`));
            return;
          }
          this.data.entries.set(k, { value: copy, size });
          this.data.changed();
          resolve();
        }),
      );
    } catch (error) {
      return Promise.reject(error);
    }
  }

  deleteAsync(key: unknown): Promise<void> {
    try {
      const k = expectString("clientStorage.deleteAsync", "key", key);
      return new Promise((resolve) =>
        this.later(() => {
          if (this.data.entries.delete(k)) this.data.changed();
          resolve();
        }),
      );
    } catch (error) {
      return Promise.reject(error);
    }
  }

  keysAsync(): Promise<string[]> {
    return Promise.resolve([...this.data.entries.keys()]);
  }
}
