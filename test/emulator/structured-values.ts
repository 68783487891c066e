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
 * Uint8Array (and Date, when `allowDate`).
 */
export function assertTransferable(op: string, ruleId: RuleId, value: unknown, root: string, allowDate: boolean): void {
  const seen = new Set<object>();
  const visit = (v: unknown, path: string): void => {
    if (v instanceof Date) {
      if (!allowDate) fail(ruleId, `in ${op}: Cannot store a Date at ${path}; store its ISO string or timestamp`);
      return;
    }
    const problem = describe(v);
    if (problem !== undefined) {
      fail(ruleId, `in ${op}: Cannot send ${problem} at ${path} (allowed: objects, arrays, strings, numbers, booleans, null, undefined${allowDate ? ", Date" : ""}, Uint8Array)`);
    }
    if (typeof v !== "object" || v === null || v instanceof Uint8Array || seen.has(v)) return;
    seen.add(v);
    if (Array.isArray(v)) v.forEach((item: unknown, i) => visit(item, `${path}[${i}]`));
    else for (const [key, item] of Object.entries(v)) visit(item, `${path}.${key}`);
  };
  visit(value, root);
}
