/**
 * figma.on / once / off. Events reach handlers on a later turn (through the scheduler), except
 * "close", which runs synchronously while the plugin closes. "documentchange" batches the
 * changes of one turn, as Figma does.
 * @see https://developers.figma.com/docs/plugins/api/properties/figma-on
 */
import { expectEnum, fail, typeName } from "./rules";
import type { Scheduler } from "./scheduler";

export const EVENT_TYPES = [
  "selectionchange",
  "currentpagechange",
  "close",
  "run",
  "drop",
  "documentchange",
  "stylechange",
  "timerstart",
  "timerstop",
  "timerpause",
  "timerresume",
  "timeradjust",
  "timerdone",
] as const;
export type EventType = (typeof EVENT_TYPES)[number];

type Handler = (event?: unknown) => unknown;

export class PluginEvents {
  private readonly handlers = new Map<EventType, Array<{ handler: Handler; once: boolean }>>();
  private pendingChanges: DocumentChange[] | null = null;

  constructor(private readonly scheduler: Scheduler) {}

  add(op: string, type: unknown, handler: unknown, once: boolean): EventType {
    const eventType = expectEnum(op, EVENT_TYPES, type, "events.unknown-type");
    if (typeof handler !== "function") fail("api.type", `in ${op}: Expected "callback" to have type function but got ${typeName(handler)} instead`);
    const list = this.handlers.get(eventType) ?? [];
    list.push({ handler: handler as Handler, once });
    this.handlers.set(eventType, list);
    return eventType;
  }

  remove(op: string, type: unknown, handler: unknown): void {
    const eventType = expectEnum(op, EVENT_TYPES, type, "events.unknown-type");
    const list = this.handlers.get(eventType);
    if (!list) return;
    const index = list.findIndex((h) => h.handler === handler);
    if (index >= 0) list.splice(index, 1);
  }

  has(type: EventType): boolean {
    return (this.handlers.get(type)?.length ?? 0) > 0;
  }

  /** Calls the handlers of an event now (their promises are tracked by the scheduler). */
  emitNow(type: EventType, event?: unknown): void {
    const list = this.handlers.get(type);
    if (!list || list.length === 0) return;
    for (const entry of [...list]) {
      if (entry.once) list.splice(list.indexOf(entry), 1);
      this.scheduler.run(() => (event === undefined ? entry.handler() : entry.handler(event)));
    }
  }

  /** Delivers an event on a later turn. */
  emitLater(type: EventType, event?: () => unknown, isOpen: () => boolean = () => true): void {
    if (!this.has(type)) return;
    this.scheduler.later(() => {
      if (isOpen()) this.emitNow(type, event?.());
    });
  }

  /** Collects a document change; the batch is delivered on the next turn. */
  documentChange(change: DocumentChange, isOpen: () => boolean): void {
    if (!this.has("documentchange")) return;
    if (this.pendingChanges === null) {
      this.pendingChanges = [];
      this.scheduler.later(() => {
        const documentChanges = this.pendingChanges ?? [];
        this.pendingChanges = null;
        if (isOpen() && documentChanges.length > 0) this.emitNow("documentchange", { documentChanges });
      });
    }
    // Property changes of one node in one batch are one change listing every property.
    if (change.type === "PROPERTY_CHANGE") {
      const same = this.pendingChanges.find((c): c is PropertyChange => c.type === "PROPERTY_CHANGE" && c.id === change.id);
      if (same) {
        for (const property of change.properties) if (!same.properties.includes(property)) same.properties.push(property);
        return;
      }
    }
    this.pendingChanges.push(change);
  }

  clear(): void {
    this.handlers.clear();
  }
}
