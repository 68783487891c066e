/**
 * Data-loss scenarios of the model stored on a map frame, under the emulator's strict plugin-data
 * rules (one entry, namespace + key + value, holds at most 100 kB = 102,400 UTF-8 bytes):
 * - a model near the per-entry limit is split into chunks and reads back equal, whatever characters
 *   sit at the chunk boundaries, and generation never hits the limit;
 * - a model larger than MAX_CHUNKS chunks is refused in words before anything is drawn (no map frame,
 *   no undo step), and an existing map stays as it was;
 * - a map whose chunks were partly removed or damaged is reported, naming what is missing; nothing
 *   is guessed.
 */
import { describe, expect, it } from "vitest";
import {
  CHUNK_BYTES,
  MAX_CHUNKS,
  ModelTooLargeError,
  NAMESPACE,
  encodeModel,
  readModel,
  splitIntoChunks,
  utf8Length,
  writeModel,
} from "../../plugin/plugin-data";
import type { ReplyResult } from "../../shared/messages";
import { type JourneyMap, parseJourneyMap } from "../../shared/model";
import { createFigmaEmulator } from "../emulator/emulator";
import { ask, launchPlugin, type PluginUnderTest } from "../plugin/harness";
import { buildMap, stage } from "../shared/builders";

/** The per-entry limit the emulator enforces, as Figma does. */
const ENTRY_LIMIT = 100 * 1024;

/** A small map (two stages, nothing drawn that is large) whose JSON is exactly `bytes` long, padded in `scope.goal`. */
function mapOfSize(bytes: number, pad = "x", id = "map_size"): JourneyMap {
  const base = buildMap({ id, stages: [stage("stage_a", "Awareness"), stage("stage_b", "Decision")] });
  const room = bytes - utf8Length(JSON.stringify(base));
  const padBytes = utf8Length(pad);
  const goal = pad.repeat(Math.floor(room / padBytes)) + "x".repeat(room % padBytes);
  const map = { ...base, scope: { ...base.scope, goal } };
  expect(utf8Length(JSON.stringify(map))).toBe(bytes);
  return map;
}

/**
 * A map of exactly `bytes` whose bulk sits in `rejectedSuggestions`, which generation does not
 * draw: as large as the limit allows without a megabyte-long text on the canvas.
 */
function bulkyMapOfSize(bytes: number, id = "map_bulky"): JourneyMap {
  const base = buildMap({ id, stages: [stage("stage_a", "Awareness")] });
  const piece = 60_000;
  // "[]" becomes ["…"] (2 bytes more than the text), then ,"…" for every further entry (3 more).
  let room = bytes - utf8Length(JSON.stringify(base)) - 2;
  const suggestions: string[] = [];
  while (room > piece + 3) {
    suggestions.push("s".repeat(piece));
    room -= piece + 3;
  }
  suggestions.push("s".repeat(room));
  const map = { ...base, rejectedSuggestions: suggestions };
  expect(utf8Length(JSON.stringify(map))).toBe(bytes);
  return map;
}

/** A request's answer, the failure included, without leaving a rejected promise unhandled meanwhile. */
async function answerOf(
  plugin: PluginUnderTest,
  request: Parameters<PluginUnderTest["bridge"]["request"]>[0],
): Promise<{ ok: true; result: ReplyResult } | { ok: false; message: string }> {
  const outcome = plugin.bridge.request(request).then(
    (result) => ({ ok: true as const, result }),
    (error: unknown) => ({ ok: false as const, message: error instanceof Error ? error.message : String(error) }),
  );
  await plugin.emulator.settle();
  return outcome;
}

/** The failure a request gets; fails the test if it succeeds. */
async function failureOf(plugin: PluginUnderTest, request: Parameters<PluginUnderTest["bridge"]["request"]>[0]): Promise<string> {
  const answer = await answerOf(plugin, request);
  if (answer.ok) throw new Error(`the request succeeded: ${answer.result.kind}`);
  return answer.message;
}

function mapFrames(plugin: PluginUnderTest): FrameNode[] {
  return plugin.emulator.figma.currentPage.children.filter(
    (n): n is FrameNode => n.type === "FRAME" && n.getSharedPluginData(NAMESPACE, "role") === "map",
  );
}

async function generateAndReadBack(plugin: PluginUnderTest, model: JourneyMap): Promise<{ frame: FrameNode; read: JourneyMap }> {
  const generated = await ask(plugin, { type: "generate-map", model });
  if (generated.kind !== "generated") throw new Error(`unexpected reply ${generated.kind}`);
  const frame = plugin.emulator.getNode(generated.nodeId) as FrameNode;
  plugin.emulator.select([frame]);
  const read = await ask(plugin, { type: "read-map" });
  if (read.kind !== "map-read") throw new Error(`unexpected reply ${read.kind}`);
  expect(read.problems).toEqual([]);
  return { frame, read: read.model };
}

describe("a model near the 100 kB-per-entry limit", () => {
  it("leaves room in every chunk for the namespace and the key", () => {
    expect(CHUNK_BYTES + utf8Length(NAMESPACE) + utf8Length(`model.${MAX_CHUNKS - 1}`)).toBeLessThanOrEqual(ENTRY_LIMIT);
  });

  it("stores one chunk up to CHUNK_BYTES and two from one byte more, and reads both back equal", { timeout: 30_000 }, async () => {
    const plugin = await launchPlugin();
    for (const [bytes, chunks] of [
      [CHUNK_BYTES, 1],
      [CHUNK_BYTES + 1, 2],
    ] as const) {
      const model = mapOfSize(bytes, "x", `map_${bytes}`);
      const { frame, read } = await generateAndReadBack(plugin, model);
      expect(frame.getSharedPluginData(NAMESPACE, "model.count")).toBe(String(chunks));
      expect(read).toEqual(model);
    }
    expect(plugin.emulator.uncaughtErrors).toEqual([]);
  });

  it("never splits a character and never overfills an entry, whatever sits at the boundary (é, €, emoji)", () => {
    const emulator = createFigmaEmulator();
    const frame = emulator.figma.createFrame();
    for (const pad of ["é", "€", "😀", "a😀é"]) {
      for (let extra = -4; extra <= 4; extra++) {
        const model = mapOfSize(CHUNK_BYTES * 2 + extra, pad);
        const chunks = encodeModel(model);
        for (const chunk of chunks) {
          expect(utf8Length(chunk)).toBeLessThanOrEqual(CHUNK_BYTES);
          // No chunk starts with the second half of a surrogate pair.
          expect(chunk.charCodeAt(0) >= 0xdc00 && chunk.charCodeAt(0) <= 0xdfff).toBe(false);
        }
        // The emulator throws for an entry over 100 kB: writing must not.
        writeModel(frame, chunks);
        expect(readModel(frame)).toEqual({ ok: true, model });
      }
    }
  });

  it("counts UTF-8 like the encoder does, lone surrogates included", () => {
    const samples = ["", "a", "é", "€", "😀", "\ud800", "\udc00", "\ud800a", "\ud800é", "\ud800€", "\ud800\ud800\udc00", "x\udbff"];
    for (const text of samples) expect(utf8Length(text), JSON.stringify(text)).toBe(Buffer.byteLength(text, "utf8"));
    // A lone high surrogate before a 3-byte character must not let a chunk grow past its budget.
    const tricky = "\ud800€".repeat(1000);
    for (const chunk of splitIntoChunks(tricky, 100)) expect(Buffer.byteLength(chunk, "utf8")).toBeLessThanOrEqual(100);
    expect(splitIntoChunks(tricky, 100).join("")).toBe(tricky);
  });

  it("stores a model of exactly MAX_CHUNKS chunks and reads it back equal", { timeout: 30_000 }, async () => {
    const plugin = await launchPlugin();
    const model = bulkyMapOfSize(MAX_CHUNKS * CHUNK_BYTES);
    const { frame, read } = await generateAndReadBack(plugin, model);
    expect(frame.getSharedPluginData(NAMESPACE, "model.count")).toBe(String(MAX_CHUNKS));
    expect(read).toEqual(model);
  });
});

describe("a model too large for a map frame", () => {
  const tooLarge = bulkyMapOfSize(MAX_CHUNKS * CHUNK_BYTES + 1, "map_too_large");

  it("is refused by encodeModel with the size and what to do", () => {
    expect(() => encodeModel(tooLarge)).toThrow(ModelTooLargeError);
    expect(() => encodeModel(tooLarge)).toThrow(
      /^The journey model is 3840 kB, more than a map frame can hold \(3840 kB\) even with its feedback kept as summaries\. Remove pain-point evidence or split the journey into several maps\.$/,
    );
  });

  it("is refused before anything is drawn: no map frame, no node, no undo step", { timeout: 30_000 }, async () => {
    const plugin = await launchPlugin();
    const { emulator } = plugin;
    const before = { nodes: emulator.nodeCount, version: emulator.version, steps: emulator.undo.steps };
    expect(await failureOf(plugin, { type: "generate-map", model: tooLarge })).toMatch(/more than a map frame can hold/);
    expect(mapFrames(plugin)).toEqual([]);
    expect({ nodes: emulator.nodeCount, version: emulator.version, steps: emulator.undo.steps }).toEqual(before);
    expect(emulator.undo.pendingChanges).toBe(0);
    expect(emulator.uncaughtErrors).toEqual([]);
  });

  it("leaves the map it would have updated as it was, its stored model included", { timeout: 30_000 }, async () => {
    const plugin = await launchPlugin();
    const small = mapOfSize(20_000, "x", "map_grows");
    const { frame } = await generateAndReadBack(plugin, small);
    const before = { version: plugin.emulator.version, steps: plugin.emulator.undo.steps };
    const grown = { ...bulkyMapOfSize(MAX_CHUNKS * CHUNK_BYTES + 1, "map_grows"), stages: small.stages };
    expect(await failureOf(plugin, { type: "generate-map", model: grown })).toMatch(/more than a map frame can hold/);
    expect({ version: plugin.emulator.version, steps: plugin.emulator.undo.steps }).toEqual(before);
    expect(readModel(frame)).toEqual({ ok: true, model: small });
  });
});

describe("a map whose stored chunks were tampered with", () => {
  /** A generated map of three chunks, and a way to read it back through the plugin. */
  async function threeChunkMap() {
    const plugin = await launchPlugin();
    // The padding runs from the first chunk into the third, so the middle chunk is padding only.
    const model = mapOfSize(CHUNK_BYTES * 2 + 5000, "é", "map_three");
    const { frame } = await generateAndReadBack(plugin, model);
    expect(frame.getSharedPluginData(NAMESPACE, "model.count")).toBe("3");
    const readBack = () => failureOf(plugin, { type: "read-map" });
    return { plugin, model, frame, readBack };
  }

  it("names the missing part when a chunk in the middle is removed, and reads nothing", { timeout: 30_000 }, async () => {
    const { plugin, frame, readBack } = await threeChunkMap();
    frame.setSharedPluginData(NAMESPACE, "model.1", "");
    expect(await readBack()).toBe(`"${frame.name}": part 2 of 3 of the stored model is missing`);
    expect(plugin.emulator.uncaughtErrors).toEqual([]);
  });

  it("names the missing last part when the count promises more chunks than there are", { timeout: 30_000 }, async () => {
    const { frame, readBack } = await threeChunkMap();
    frame.setSharedPluginData(NAMESPACE, "model.count", "4");
    expect(await readBack()).toBe(`"${frame.name}": part 4 of 4 of the stored model is missing`);
  });

  it("reads nothing when the count of parts is gone or not a number, and says so", { timeout: 30_000 }, async () => {
    const { plugin, frame, readBack } = await threeChunkMap();
    frame.setSharedPluginData(NAMESPACE, "model.count", "");
    plugin.emulator.select([frame]);
    expect(await readBack()).toMatch(new RegExp(`^"${frame.name}": the number of parts of the stored model is missing`));
    for (const count of ["three", "-1", "1.5", "0"]) {
      frame.setSharedPluginData(NAMESPACE, "model.count", count);
      plugin.emulator.select([frame]);
      expect(await readBack()).toBe(`"${frame.name}" holds no journey model`);
    }
    expect(plugin.emulator.uncaughtErrors).toEqual([]);
  });

  it("reports a damaged model when a chunk is cut short, even where what is left still parses as a model", { timeout: 30_000 }, async () => {
    const { model, frame, readBack } = await threeChunkMap();
    const damaged = `"${frame.name}": the stored model is damaged (a part of it was changed or cut short)`;
    const chunks = [0, 1, 2].map((i) => frame.getSharedPluginData(NAMESPACE, `model.${i}`));
    const middle = chunks[1] ?? "";
    // Cut short, the middle chunk would still make a valid model, with ten characters of its goal gone.
    const cut = parseJourneyMap(JSON.parse([chunks[0], middle.slice(0, -10), chunks[2]].join("")));
    expect(cut.ok && cut.value.scope.goal.length === model.scope.goal.length - 10).toBe(true);
    frame.setSharedPluginData(NAMESPACE, "model.1", middle.slice(0, -10));
    expect(await readBack()).toBe(damaged);
    frame.setSharedPluginData(NAMESPACE, "model.1", middle.replace("é", "e"));
    expect(await readBack()).toBe(damaged);
    frame.setSharedPluginData(NAMESPACE, "model.1", middle);
    frame.setSharedPluginData(NAMESPACE, "model.count", "2");
    expect(await readBack()).toBe(damaged);
  });

  it("without a stored check (a map from before it existed), reports JSON that does not parse, or parses to no valid model", { timeout: 30_000 }, async () => {
    const { frame, readBack } = await threeChunkMap();
    frame.setSharedPluginData(NAMESPACE, "model.check", "");
    frame.setSharedPluginData(NAMESPACE, "model.count", "2");
    expect(await readBack()).toBe(`"${frame.name}": the stored model is damaged (not valid JSON)`);
    frame.setSharedPluginData(NAMESPACE, "model.count", "1");
    frame.setSharedPluginData(NAMESPACE, "model.0", JSON.stringify({ schemaVersion: 1, id: "map_three", title: 7 }));
    expect(await readBack()).toMatch(new RegExp(`^"${frame.name}": the stored model is invalid: `));
  });

  it("is repaired by generating from the panel's model again, which writes every chunk", { timeout: 30_000 }, async () => {
    const { plugin, model, frame } = await threeChunkMap();
    frame.setSharedPluginData(NAMESPACE, "model.2", "");
    const { read } = await generateAndReadBack(plugin, model);
    expect(read).toEqual(model);
    expect(mapFrames(plugin)).toHaveLength(1);
  });
});
