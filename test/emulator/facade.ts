/**
 * The faces the plugin sees: every node and the figma global are Proxies over the emulator's own
 * objects, so that
 * - a property the type does not have throws, as in Figma
 *   (`TypeError: node.foo: no such property 'foo' on ELLIPSE node`), instead of reading undefined;
 * - read-only properties cannot be assigned;
 * - every read, write and call passes one guard (plugin closed? node removed?) and is counted,
 *   without a line of bookkeeping in each property.
 * The emulator's internals (layout, rendering, user actions) work on the objects behind the faces.
 */
import { fail, ruleError } from "./rules";

export type AccessKind = "read" | "write" | "call";

/** An emulator object that has a face. */
export interface FacadeTarget {
  /** Checks and counts one access; throws when the access is not allowed. */
  _guard(op: string, kind: AccessKind): void;
  /** "node.foo: … on TEXT node" or "figma.foo … on the figma global object". */
  _noSuchProperty(prop: string): Error;
  /** Members the class has but this object must not show (creators of another editor). */
  _hidden?(prop: string): boolean;
  /** After a property write succeeded (nodes record it as a document change). */
  _written?(op: string): void;
}

type Member =
  | { readonly kind: "method"; readonly wrapper: (...args: unknown[]) => unknown }
  | { readonly kind: "accessor"; readonly get?: () => unknown; readonly set?: (value: unknown) => void }
  | { readonly kind: "value"; readonly value: unknown };

const targetOfFace = new WeakMap<object, FacadeTarget>();
const membersOfPrototype = new WeakMap<object, Map<string, Member>>();

/** Names tools probe on any object (promises, JSON, test matchers, pretty printers): never an error. */
const INTROSPECTION = new Set([
  "then",
  "toJSON",
  "asymmetricMatch",
  "$$typeof",
  "nodeType",
  "tagName",
  "_isMockFunction",
  "@@__IMMUTABLE_ITERABLE__@@",
  "@@__IMMUTABLE_RECORD__@@",
  "@@__IMMUTABLE_KEYED__@@",
  "@@__IMMUTABLE_ORDERED__@@",
]);

function methodWrapper(name: string, method: (...args: unknown[]) => unknown): (...args: unknown[]) => unknown {
  return function (this: unknown, ...args: unknown[]): unknown {
    const target = typeof this === "object" && this !== null ? targetOfFace.get(this) : undefined;
    if (target === undefined) {
      throw ruleError("emulator.misuse", `${name}: called on an object that is not a Figma node or API object`, "TypeError");
    }
    target._guard(name, "call");
    return method.apply(target, args);
  };
}

/** The public members of a class: everything on its prototype chain not starting with "_". */
function membersOf(target: object): Map<string, Member> {
  const prototype: unknown = Object.getPrototypeOf(target);
  if (typeof prototype !== "object" || prototype === null) return new Map();
  const cached = membersOfPrototype.get(prototype);
  if (cached) return cached;
  const members = new Map<string, Member>();
  for (let p: unknown = prototype; typeof p === "object" && p !== null && p !== Object.prototype; p = Object.getPrototypeOf(p)) {
    for (const name of Object.getOwnPropertyNames(p)) {
      if (name === "constructor" || name.startsWith("_") || members.has(name)) continue;
      const descriptor = Object.getOwnPropertyDescriptor(p, name);
      if (!descriptor) continue;
      const value: unknown = descriptor.value;
      if (typeof value === "function") {
        members.set(name, { kind: "method", wrapper: methodWrapper(name, value as (...args: unknown[]) => unknown) });
      } else if (descriptor.get || descriptor.set) {
        members.set(name, {
          kind: "accessor",
          get: descriptor.get as (() => unknown) | undefined,
          set: descriptor.set as ((value: unknown) => void) | undefined,
        });
      } else {
        members.set(name, { kind: "value", value });
      }
    }
  }
  membersOfPrototype.set(prototype, members);
  return members;
}

const handler: ProxyHandler<FacadeTarget> = {
  get(target, prop) {
    if (typeof prop === "symbol") return undefined;
    const member = target._hidden?.(prop) ? undefined : membersOf(target).get(prop);
    if (member === undefined) {
      if (INTROSPECTION.has(prop)) return undefined;
      if (prop in Object.prototype) return Reflect.get(Object.prototype, prop);
      throw target._noSuchProperty(prop);
    }
    if (member.kind === "method") return member.wrapper;
    target._guard(prop, "read");
    if (member.kind === "value") return member.value;
    if (!member.get) return undefined;
    return member.get.call(target);
  },
  set(target, prop, value: unknown) {
    if (typeof prop === "symbol") throw ruleError("api.read-only", "Cannot set a symbol property on a Figma object", "TypeError");
    const member = membersOf(target).get(prop);
    if (member === undefined) throw target._noSuchProperty(prop);
    if (member.kind !== "accessor" || !member.set) {
      target._guard(`set_${prop}`, "read");
      fail("api.read-only", `in set_${prop}: Cannot assign to read only property '${prop}'`, "TypeError");
    }
    target._guard(`set_${prop}`, "write");
    member.set.call(target, value);
    target._written?.(`set_${prop}`);
    return true;
  },
  has(target, prop) {
    return typeof prop === "string" && membersOf(target).has(prop) && !target._hidden?.(prop);
  },
  ownKeys() {
    return [];
  },
  getOwnPropertyDescriptor() {
    return undefined;
  },
  defineProperty(target, prop) {
    throw target._noSuchProperty(String(prop));
  },
  deleteProperty(target, prop) {
    throw ruleError("api.read-only", `Cannot delete property '${String(prop)}' of a Figma object`, "TypeError");
  },
  setPrototypeOf() {
    return false;
  },
};

/** Wraps an emulator object in the face the plugin sees. */
export function createFacade<T extends FacadeTarget>(target: T): object {
  const face = new Proxy<FacadeTarget>(target, handler);
  targetOfFace.set(face, target);
  return face;
}

/** The emulator object behind a face, or undefined when the value is not one of ours. */
export function targetOf(value: unknown): FacadeTarget | undefined {
  return typeof value === "object" && value !== null ? targetOfFace.get(value) : undefined;
}
