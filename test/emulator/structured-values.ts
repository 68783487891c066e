/**
 * The values Figma lets cross its boundaries: messages between plugin and panel, and
 * clientStorage values. Both are structured-cloned; Figma documents the types they may hold.
 * @see https://developers.figma.com/docs/plugins/api/properties/figma-ui-postmessage
 * @see https://developers.figma.com/docs/plugins/api/figma-clientStorage
 */
import { fail, type RuleId } from "./rules";

function describe(value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  switch (typeof value) {
    case "string":
    case "number":
    case "boolean":
      return undefined;
    case "function":
      return "a function";
    case "symbol":
      return "a symbol";
    case "bigint":
      return "a bigint";
    default:
      break;
  }
  if (value instanceof Map) return "a Map";
  if (value instanceof Set) return "a Set";
  if (value instanceof RegExp) return "a RegExp";
  if (value instanceof Error) return "an Error";
  if (value instanceof Promise) return "a Promise";
  if (value instanceof WeakMap || value instanceof WeakSet) return "a weak collection";
  if (ArrayBuffer.isView(value) && !(value instanceof Uint8Array)) return `a ${value.constructor.name}`;
  if (value instanceof ArrayBuffer) return "an ArrayBuffer";
  return undefined;
}

/**
 * Throws unless `value` holds only objects, arrays, strings, numbers, booleans, null, undefined,
 * Uint8Array (and Date, when `allowDate`). Says whether it holds a Uint8Array. A problem's path
 * ("message.rows[3].cells") is spelled out only for the problem: a 5,000-row draft has 60,000 values.
 */
export function assertTransferable(op: string, ruleId: RuleId, value: unknown, root: string, allowDate: boolean): { binary: boolean } {
  const seen = new Set<object>();
  let binary = false;
  /** Where a value is: its key or index, under its parent's place (null for the root). */
  interface Place {
    parent: Place | null;
    key: string | number;
  }
  const pathOf = (place: Place | null): string => {
    const keys: (string | number)[] = [];
    for (let at = place; at !== null; at = at.parent) keys.push(at.key);
    let path = root;
    for (let i = keys.length - 1; i >= 0; i--) {
      const key = keys[i] as string | number;
      path += typeof key === "number" ? `[${key}]` : `.${key}`;
    }
    return path;
  };
  const visit = (v: unknown, place: Place | null): void => {
    if (typeof v !== "object" || v === null) {
      const problem = describe(v);
      if (problem !== undefined) fail(ruleId, cannotSend(op, problem, pathOf(place), allowDate));
      return;
    }
    if (v instanceof Date) {
      if (!allowDate) fail(ruleId, `in ${op}: Cannot store a Date at ${pathOf(place)}; store its ISO string or timestamp`);
      return;
    }
    const problem = describe(v);
    if (problem !== undefined) fail(ruleId, cannotSend(op, problem, pathOf(place), allowDate));
    if (v instanceof Uint8Array) {
      binary = true;
      return;
    }
    if (seen.has(v)) return;
    seen.add(v);
    if (Array.isArray(v)) {
      for (let i = 0; i < v.length; i++) visit(v[i], { parent: place, key: i });
    } else {
      for (const key of Object.keys(v)) visit((v as Record<string, unknown>)[key], { parent: place, key });
    }
  };
  visit(value, null);
  return { binary };
}

function cannotSend(op: string, problem: string, path: string, allowDate: boolean): string {
  return `in ${op}: Cannot send ${problem} at ${path} (allowed: objects, arrays, strings, numbers, booleans, null, undefined${allowDate ? ", Date" : ""}, Uint8Array)`;
}
