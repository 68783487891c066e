/**
 * Random and malformed messages into both ends of the message contract: the real plugin (run
 * against the emulator through test/plugin/harness.ts) and the panel's PluginBridge.
 *
 * Plugin: no error escapes (settle does not throw, `uncaughtErrors` stays empty); whatever it posts
 * is a valid PluginMessage the panel accepts; a message with a valid request id gets exactly one
 * `reply` or `failure` with that id; any other refused message gets exactly one `rejected`; a
 * refused message leaves the document (and clientStorage) as it was.
 * Panel: `receive` never throws; a pending request is never resolved with an invalid result; every
 * malformed message is reported to onRefused, and a malformed answer to a pending request fails it.
 */
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type PanelMessage,
  type ReplyResult,
  parsePanelMessage,
  parsePluginMessage,
  ReplyResult as ReplyResultSchema,
  RequestId,
} from "../../shared/messages";
import type { JourneyMap } from "../../shared/model";
import { PluginBridge } from "../../ui/bridge";
import { ask, launchPlugin, sampleJourney, type PluginUnderTest } from "../plugin/harness";

// ---- arbitraries -----------------------------------------------------------------------------

/** Keys that trip code which treats messages as plain dictionaries. */
const trickyKey = fc.constantFrom("__proto__", "constructor", "prototype", "toString", "valueOf", "then", "type", "requestId", "kind");
const anyKey = fc.oneof(fc.string({ maxLength: 8 }), trickyKey);

/** Anything postMessage can carry (structured-clonable): nested objects, null prototypes, dates, holes. */
const anything = fc.anything({ key: anyKey, maxDepth: 3, maxKeys: 6, withNullPrototype: true, withDate: true, withSparseArray: true });

/** A long string, as a stray paste would make one (long enough to matter, short enough to stay fast). */
const hugeString = fc.integer({ min: 70_000, max: 110_000 }).map((n) => "x".repeat(n));

/** An own "__proto__" property (as JSON.parse makes one), not a prototype change. */
function withOwnProto<T extends object>(value: T, proto: unknown): T {
  Object.defineProperty(value, "__proto__", { value: proto, enumerable: true, writable: true, configurable: true });
  return value;
}

/** A copy of `model` with one thing wrong, or (rarely) nothing wrong. */
function mutatedModel(model: JourneyMap): fc.Arbitrary<unknown> {
  const json = () => JSON.parse(JSON.stringify(model)) as Record<string, unknown> & JourneyMap;
  const topKey = fc.constantFrom(...(Object.keys(model) as (keyof JourneyMap)[]));
  return fc.oneof(
    topKey.map((key) => {
      const copy = json();
      delete (copy as Partial<JourneyMap>)[key];
      return copy;
    }),
    fc.tuple(topKey, anything).map(([key, value]) => ({ ...json(), [key]: value })),
    fc.constant({ ...json(), schemaVersion: 2 }),
    fc.constant({ ...json(), stages: [...model.stages, ...model.stages] }),
    fc.constant({ ...json(), painPoints: model.painPoints.map((p) => ({ ...p, severity: "high" })) }),
    fc.constant({ ...json(), feedback: model.feedback.map((f) => ({ ...f, stageId: "stage_that_does_not_exist" })) }),
    fc.constant({ ...json(), id: "" }),
    hugeString.map((title) => ({ ...json(), id: title })),
    anything.map((value) => withOwnProto(json(), value)),
    fc.constant(json()).map((copy) => withOwnProto(copy, { polluted: true })),
    anything,
  );
}

const PANEL_TYPES: PanelMessage["type"][] = [
  "panel-ready",
  "generate-map",
  "read-map",
  "rescore",
  "list-maps",
  "save-draft",
  "load-draft",
  "resize-window",
];

const requestIdArb = fc.oneof(
  fc.constantFrom("r1", "x", "__proto__", "constructor", "toString"),
  fc.string({ minLength: 1, maxLength: 64 }),
  fc.constant(""),
  fc.string({ minLength: 65, maxLength: 80 }),
  hugeString,
  anything,
);

/** Messages that are almost right: a real type with wrong, missing, extra or huge fields. */
function panelNearMiss(model: JourneyMap): fc.Arbitrary<unknown> {
  const size = fc.record(
    { width: fc.oneof(fc.integer({ min: -10, max: 3000 }), fc.double(), anything), height: fc.oneof(fc.integer(), anything) },
    { requiredKeys: [] },
  );
  const draft = fc.record(
    { savedAt: fc.oneof(fc.string(), anything), model: mutatedModel(model), panel: anything },
    { requiredKeys: [] },
  );
  const message = fc.record(
    {
      type: fc.oneof(
        { weight: 8, arbitrary: fc.constantFrom(...PANEL_TYPES) },
        { weight: 2, arbitrary: fc.constantFrom("GENERATE-MAP", " read-map", "reply", "__proto__", "constructor", "toString") },
        { weight: 1, arbitrary: hugeString },
        { weight: 1, arbitrary: anything },
      ),
      requestId: requestIdArb,
      model: mutatedModel(model),
      allPages: fc.oneof(fc.boolean(), anything),
      draft,
      size,
      extra: anything,
    },
    { requiredKeys: ["type"] },
  );
  return fc.tuple(message, fc.option(anything, { freq: 4 })).map(([m, proto]) => (proto === null ? m : withOwnProto(m, proto)));
}

/** A "__proto__" key in a message must stay a key: no object anywhere gains a property from it. */
function expectNoPollution(): void {
  expect(Object.keys(Object.prototype)).toEqual([]);
  expect(({} as Record<string, unknown>)["polluted"]).toBeUndefined();
}

/** The sample without its 500 feedback rows: as good a base for near misses, and quick to copy. */
function withoutFeedback(model: JourneyMap): JourneyMap {
  return { ...model, feedback: [], painPoints: model.painPoints.map((p) => ({ ...p, evidence: [] })) };
}

// ---- the plugin --------------------------------------------------------------------------------

interface Answers {
  replies: { type: string; requestId?: unknown }[];
}

/** Delivers everything on its way, including answers of requests whose handlers are still running. */
async function settleFully(plugin: PluginUnderTest): Promise<void> {
  let seen = -1;
  while (seen !== plugin.emulator.panel.received.length) {
    seen = plugin.emulator.panel.received.length;
    await plugin.emulator.settle();
    await new Promise((resolve) => setTimeout(resolve, 0));
    await plugin.emulator.settle();
  }
}

describe("fuzzing the plugin's message handler", () => {
  let plugin: PluginUnderTest;
  let model: JourneyMap;

  beforeAll(async () => {
    plugin = await launchPlugin();
    model = sampleJourney();
    // A map on the page, so that read-map, rescore and list-maps have something to work on.
    const generated = await ask(plugin, { type: "generate-map", model });
    expect(generated.kind).toBe("generated");
    await settleFully(plugin);
  });

  afterAll(() => {
    plugin.emulator.userClosePlugin();
  });

  /** Posts one raw message and checks every invariant of the plugin's answer. */
  async function postAndCheck(raw: unknown): Promise<void> {
    const { emulator } = plugin;
    const before = {
      received: emulator.panel.received.length,
      version: emulator.version,
      nodes: emulator.nodeCount,
      storage: emulator.clientStorageBytes,
      refused: plugin.refused.length,
    };
    emulator.panel.postMessage(raw);
    await settleFully(plugin);
    expect(emulator.uncaughtErrors).toEqual([]);
    expectNoPollution();

    const posted = emulator.panel.received.slice(before.received) as Answers["replies"];
    // Whatever the plugin says is valid per the contract, and the panel does not refuse it.
    for (const message of posted) expect(parsePluginMessage(message).ok, JSON.stringify(message).slice(0, 300)).toBe(true);
    expect(plugin.refused.slice(before.refused)).toEqual([]);

    // The plugin sees a structured clone of what the panel posted.
    const parsed = parsePanelMessage(structuredClone(raw));
    const answers = posted.filter((m) => m.type === "reply" || m.type === "failure" || m.type === "rejected");
    if (parsed.ok) {
      const message = parsed.message;
      if ("requestId" in message) {
        expect(answers).toHaveLength(1);
        expect(answers[0]).toMatchObject({ requestId: message.requestId });
      } else {
        expect(answers.filter((m) => m.type !== "rejected")).toEqual([]);
      }
      return;
    }
    // Refused: answered once, and nothing changed.
    const id = typeof raw === "object" && raw !== null && "requestId" in raw ? RequestId.safeParse(raw.requestId) : null;
    expect(answers).toHaveLength(1);
    if (id?.success) expect(answers[0]).toMatchObject({ type: "failure", requestId: id.data });
    else expect(answers[0]).toMatchObject({ type: "rejected" });
    expect((answers[0] as unknown as { message: string }).message.length).toBeLessThan(400);
    expect({ version: emulator.version, nodes: emulator.nodeCount, storage: emulator.clientStorageBytes }).toEqual({
      version: before.version,
      nodes: before.nodes,
      storage: before.storage,
    });
  }

  it("random values: no uncaught error, one answer each, the document unchanged", { timeout: 30_000 }, async () => {
    await fc.assert(fc.asyncProperty(anything, postAndCheck), { numRuns: 150 });
  });

  it("near misses (a real type with wrong fields, huge strings, __proto__ keys): refused in words, nothing changed", { timeout: 30_000 }, async () => {
    await fc.assert(fc.asyncProperty(panelNearMiss(withoutFeedback(model)), postAndCheck), { numRuns: 150 });
  });

  it("valid requests of every kind, including repeated ones, each get exactly one answer", { timeout: 30_000 }, async () => {
    const valid = fc.oneof(
      fc.constant({ type: "read-map", requestId: "v1" }),
      fc.constant({ type: "list-maps", requestId: "v2", allPages: true }),
      fc.constant({ type: "list-maps", requestId: "v3", allPages: false }),
      fc.constant({ type: "load-draft", requestId: "v4" }),
      fc.constant({ type: "panel-ready" }),
      fc.record({ type: fc.constant("resize-window"), size: fc.record({ width: fc.integer({ min: 240, max: 1600 }), height: fc.integer({ min: 200, max: 1600 }) }) }),
    );
    await fc.assert(fc.asyncProperty(valid, postAndCheck), { numRuns: 30 });
  });
});

// ---- the panel ---------------------------------------------------------------------------------

const PLUGIN_TYPES = ["init", "reply", "failure", "progress", "selection", "rejected"] as const;

function validResults(model: JourneyMap): ReplyResult[] {
  return [
    { kind: "generated", nodeId: "1:2", created: 3, updated: 0, removed: 0 },
    { kind: "map-read", nodeId: "1:2", model, problems: [] },
    { kind: "maps", maps: [] },
    { kind: "draft", draft: null },
    { kind: "saved" },
  ];
}

function pluginNearMiss(model: JourneyMap): fc.Arbitrary<unknown> {
  const result = fc.oneof(
    fc.constantFrom(...validResults(model)),
    fc.tuple(fc.constantFrom(...validResults(model)), fc.constantFrom("kind", "nodeId", "created", "model", "problems", "maps", "draft"), anything).map(
      ([valid, key, value]) => ({ ...valid, [key]: value }),
    ),
    mutatedModel(model).map((broken) => ({ kind: "map-read", nodeId: "1:2", model: broken, problems: [] })),
    anything,
  );
  const message = fc.record(
    {
      type: fc.oneof({ weight: 6, arbitrary: fc.constantFrom(...PLUGIN_TYPES) }, { weight: 1, arbitrary: anything }, { weight: 1, arbitrary: hugeString }),
      requestId: fc.oneof({ weight: 4, arbitrary: fc.constantFrom("r1", "r2", "r3") }, { weight: 1, arbitrary: requestIdArb }),
      result,
      message: fc.oneof(fc.string(), anything),
      done: fc.oneof(fc.integer(), anything),
      total: fc.oneof(fc.integer(), anything),
      label: fc.oneof(fc.string(), anything),
      map: fc.oneof(fc.constant(null), fc.record({ nodeId: fc.string(), model: mutatedModel(model) }), anything),
      editorType: anything,
      command: anything,
      windowSize: anything,
    },
    { requiredKeys: ["type"] },
  );
  return fc.tuple(message, fc.option(anything, { freq: 4 })).map(([m, proto]) => (proto === null ? m : withOwnProto(m, proto)));
}

describe("fuzzing the panel's PluginBridge.receive", () => {
  const model = sampleJourney();

  /** A bridge with three requests waiting (r1, r2, r3), and what happened to them. */
  function bridgeWithPendingRequests() {
    const refused: string[] = [];
    const heard: unknown[] = [];
    const outcomes = new Map<string, { resolved?: ReplyResult; rejected?: Error }>();
    const bridge = new PluginBridge(
      () => undefined,
      (error) => refused.push(error),
    );
    bridge.subscribe((message) => heard.push(message));
    for (const id of ["r1", "r2", "r3"]) {
      bridge.request({ type: "load-draft" }).then(
        (result) => outcomes.set(id, { resolved: result }),
        (error: unknown) => outcomes.set(id, { rejected: error as Error }),
      );
    }
    return { bridge, refused, heard, outcomes };
  }

  async function receiveAndCheck(raw: unknown): Promise<void> {
    const { bridge, refused, heard, outcomes } = bridgeWithPendingRequests();
    expect(() => bridge.receive(raw)).not.toThrow();
    await Promise.resolve();
    await Promise.resolve();
    expectNoPollution();

    const parsed = parsePluginMessage(raw);
    expect(refused).toHaveLength(parsed.ok ? 0 : 1);
    for (const [id, outcome] of outcomes) {
      if (outcome.resolved !== undefined) {
        expect(ReplyResultSchema.safeParse(outcome.resolved).success, id).toBe(true);
        expect(parsed.ok && parsed.message.type === "reply" && parsed.message.requestId === id).toBe(true);
      }
      if (outcome.rejected !== undefined) expect(outcome.rejected).toBeInstanceOf(Error);
    }
    const answered = [...outcomes.keys()];
    if (parsed.ok) {
      const message = parsed.message;
      if (message.type === "reply" || message.type === "failure") {
        expect(answered).toEqual(["r1", "r2", "r3"].includes(message.requestId) ? [message.requestId] : []);
        expect(heard).toEqual([]);
      } else {
        expect(answered).toEqual([]);
        expect(heard).toHaveLength(1);
      }
      return;
    }
    expect(heard).toEqual([]);
    // A malformed answer to a waiting request fails that request; anything else leaves them waiting.
    const record = typeof raw === "object" && raw !== null ? (raw as { type?: unknown; requestId?: unknown }) : {};
    const answersWaiting =
      (record.type === "reply" || record.type === "failure") && typeof record.requestId === "string" && ["r1", "r2", "r3"].includes(record.requestId);
    expect(answered).toEqual(answersWaiting ? [record.requestId] : []);
    if (answersWaiting) expect(outcomes.get(record.requestId as string)?.rejected?.message).toMatch(/^the plugin's answer could not be read: refused a message from the plugin/);
  }

  it("random values never throw and resolve nothing", { timeout: 30_000 }, async () => {
    await fc.assert(fc.asyncProperty(anything, receiveAndCheck), { numRuns: 300 });
  });

  it("near misses: valid answers settle their request, malformed ones are refused and fail it", { timeout: 30_000 }, async () => {
    await fc.assert(fc.asyncProperty(pluginNearMiss(withoutFeedback(model)), receiveAndCheck), { numRuns: 300 });
  });
});

describe("the panel's listeners", () => {
  it("all hear a message even when one of them throws, and the fault is not swallowed", () => {
    const bridge = new PluginBridge(
      () => undefined,
      () => undefined,
    );
    const heard: string[] = [];
    bridge.subscribe(() => heard.push("first"));
    bridge.subscribe(() => {
      throw new Error("a broken listener");
    });
    bridge.subscribe(() => heard.push("last"));
    expect(() => bridge.receive({ type: "selection", map: null })).toThrow("a broken listener");
    expect(heard).toEqual(["first", "last"]);
  });
});
