/**
 * The stored model's parts: UTF-8 sizes and splitting found through the regular expression engine
 * (a loop over every character is slow in Figma's interpreter) give what a character-by-character
 * count gives; an unchanged model is neither rewritten nor parsed again.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { NAMESPACE, readModel, splitIntoChunks, utf8Length, writeModel } from "../../plugin/plugin-data";
import { largeJourney } from "../../bench/large-journey";
import { createFigmaEmulator } from "../emulator/emulator";
import { sampleJourney } from "./harness";

/** The character-by-character split the plugin used before. */
function referenceSplit(text: string, maxBytes: number): string[] {
  const size = (i: number) => {
    const code = text.charCodeAt(i);
    if (code < 0x80) return 1;
    if (code < 0x800) return 2;
    if (code >= 0xd800 && code <= 0xdbff) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) return 4;
    }
    return 3;
  };
  const chunks: string[] = [];
  let start = 0;
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const s = size(i);
    if (bytes + s > maxBytes) {
      chunks.push(text.slice(start, i));
      start = i;
      bytes = 0;
    }
    bytes += s;
    if (s === 4) i++;
  }
  if (start < text.length || chunks.length === 0) chunks.push(text.slice(start));
  return chunks;
}

const text = fc.string({ unit: fc.oneof(fc.constantFrom("a", "\"", "é", "€", "😀", "配", "\ud800", "\udc00"), fc.string({ minLength: 1, maxLength: 1 })), maxLength: 200 });

describe("the stored model's parts", () => {
  it("utf8Length counts as TextEncoder does (a lone surrogate as U+FFFD)", () => {
    fc.assert(fc.property(text, (t) => {
        expect(utf8Length(t)).toBe(new TextEncoder().encode(t).length);
      }));
  });

  it("splitIntoChunks splits as a character-by-character count does", () => {
    fc.assert(fc.property(text, fc.integer({ min: 4, max: 40 }), (t, max) => {
        expect(splitIntoChunks(t, max)).toEqual(referenceSplit(t, max));
      }));
  });

  it("the stored check is the FNV-1a hash maps were stored with before, so they still read", async () => {
    const emulator = createFigmaEmulator();
    const frame = emulator.figma.createFrame();
    const { encodeModel } = await import("../../plugin/plugin-data");
    const model = { ...sampleJourney(), title: "Überblick — 配送 😀" };
    writeModel(frame, encodeModel(model));
    const json = JSON.stringify(model);
    let hash = 0x811c9dc5;
    for (let i = 0; i < json.length; i++) {
      hash ^= json.charCodeAt(i);
      hash = Math.imul(hash, 0x01000193) >>> 0;
    }
    expect(frame.getSharedPluginData(NAMESPACE, "model.check")).toBe(`${json.length}:${hash.toString(16).padStart(8, "0")}`);
  });

  it("a frame that held no model gets its parts without reading each one first", async () => {
    const emulator = createFigmaEmulator();
    const frame = emulator.figma.createFrame();
    const { encodeModel } = await import("../../plugin/plugin-data");
    const chunks = encodeModel(largeJourney(2_000));
    expect(chunks.length).toBeGreaterThan(3);
    const reads = () => emulator.stats.callsByName.get("getSharedPluginData") ?? 0;
    const before = reads();
    writeModel(frame, chunks);
    // The part count and the check are read; no part is.
    expect(reads() - before).toBeLessThan(chunks.length);
    expect(readModel(frame)).toMatchObject({ ok: true });
    // Written over, each part is compared first, and an unchanged one is not written again.
    emulator.stats.resetWrites();
    writeModel(frame, chunks);
    expect(emulator.stats.writtenNodeIds.size).toBe(0);
  });

  it("an unchanged model is not written again, and reading it again returns what was read", async () => {
    const emulator = createFigmaEmulator();
    const frame = emulator.figma.createFrame();
    const model = sampleJourney();
    const { encodeModel } = await import("../../plugin/plugin-data");
    writeModel(frame, encodeModel(model));
    // What was just stored is what reading gives, without parsing it again.
    expect(readModel(frame)).toEqual({ ok: true, model });
    expect((readModel(frame) as { model: unknown }).model).toBe(model);
    emulator.stats.resetWrites();
    const same = JSON.parse(JSON.stringify(model)) as typeof model;
    writeModel(frame, encodeModel(same));
    expect(emulator.stats.writtenNodeIds.size).toBe(0);
    expect((readModel(frame) as { model: unknown }).model).toBe(same);
    // A part changed by someone else is read (and found damaged), never taken from what was read before.
    frame.setSharedPluginData(NAMESPACE, "model.0", `${frame.getSharedPluginData(NAMESPACE, "model.0").slice(0, -1)} `);
    expect(readModel(frame)).toMatchObject({ ok: false, message: expect.stringMatching(/damaged/) as unknown });
  });
});
