/**
 * The import ledger's row fingerprints on a map frame: in entries of their own beside the model's
 * (`ledger.0` …), so a journey of a million imported rows keeps its model well under the frame's
 * 3,840 kB while its ledger (about 2.3 bytes a row) grows with every import.
 * - the model and its fingerprints read back equal, and the model's chunks hold none of them;
 * - a missing or changed ledger entry is reported, never read wrong; leftovers are cleared;
 * - a map stored before the ledger had entries of its own (fingerprints inside the model) still reads;
 * - a ledger too large even for its own entries is refused in words before anything is written.
 */
import { describe, expect, it } from "vitest";
import { CHUNK_BYTES, MAX_CHUNKS, MAX_LEDGER_CHUNKS, ModelTooLargeError, NAMESPACE, encodeModel, readModel, utf8Length, writeModel } from "../../plugin/plugin-data";
import { addKeys, journeyResponses, storedResponses } from "../../shared/ledger";
import type { ImportLedger, JourneyMap } from "../../shared/model";
import { createFigmaEmulator } from "../emulator/emulator";
import { buildMap, stage } from "../shared/builders";

/** A journey whose ledger knows `rows` text response ids ("R_0" …). */
function journeyWithLedger(rows: number, id = "map_ledger"): JourneyMap {
  const keys = Array.from({ length: rows }, (_, i) => `id:R_${i}`);
  const responses = storedResponses(addKeys(null, keys));
  const ledger: ImportLedger = {
    imports: [{ file: "export.csv", bytes: rows * 80, hash: "0123456789abcdef", rows, imported: rows, skipped: 0, duplicates: 0, firstDate: "2025-12-01", lastDate: "2025-12-31", importedAt: "2026-01-05T10:00:00Z", mode: "add" }],
    responses,
  };
  return { ...buildMap({ id, stages: [stage("stage_a", "Awareness")] }), ledger };
}

/** One canvas for the file: each frame an id of its own (a model read is remembered by frame id). */
const figma = createFigmaEmulator().figma;
function newFrame() {
  return figma.createFrame();
}

const entry = (frame: BaseNode, key: string) => frame.getSharedPluginData(NAMESPACE, key);

describe("the import ledger's fingerprints on a map frame", () => {
  it("are kept in entries of their own, and the model reads back equal with them", () => {
    const map = journeyWithLedger(120_000);
    const data = map.ledger?.responses.data ?? "";
    expect(data.length).toBeGreaterThan(2 * CHUNK_BYTES);
    const chunks = encodeModel(map);
    // The model's own chunks hold no fingerprint: the whole model is a few kB.
    expect(chunks.join("")).not.toContain(data.slice(0, 200));
    expect(utf8Length(chunks.join(""))).toBeLessThan(10_000);
    const frame = newFrame();
    writeModel(frame, chunks);
    const parts = Number(entry(frame, "ledger.count"));
    expect(parts).toBe(Math.ceil(data.length / CHUNK_BYTES));
    for (let i = 0; i < parts; i++) expect(utf8Length(entry(frame, `ledger.${i}`))).toBeLessThanOrEqual(CHUNK_BYTES);

    // Read from a copy of the frame's entries (nothing remembered from the write).
    const copy = newFrame();
    for (const key of frame.getSharedPluginDataKeys(NAMESPACE)) copy.setSharedPluginData(NAMESPACE, key, entry(frame, key));
    const read = readModel(copy);
    expect(read.ok && read.model).toEqual(map);
    if (!read.ok) return;
    // The fingerprints work: every imported key is known, a new one is not.
    const known = journeyResponses(read.model);
    expect(known.count("id:R_119999")).toBe(1);
    expect(known.count("id:R_120000")).toBe(0);
  });

  it("reports a missing or changed ledger entry, naming it", () => {
    const map = journeyWithLedger(120_000, "map_damaged");
    const frame = newFrame();
    writeModel(frame, encodeModel(map));
    const copyWith = (change: (key: string, value: string) => string) => {
      const copy = newFrame();
      copy.name = "Journey map";
      for (const key of frame.getSharedPluginDataKeys(NAMESPACE)) copy.setSharedPluginData(NAMESPACE, key, change(key, entry(frame, key)));
      return copy;
    };
    const missing = readModel(copyWith((key, value) => (key === "ledger.1" ? "" : value)));
    expect(missing).toEqual({ ok: false, message: `"Journey map": part 2 of ${entry(frame, "ledger.count")} of the stored import ledger is missing` });
    const changed = readModel(copyWith((key, value) => (key === "ledger.0" ? `B${value.slice(1)}` : value)));
    expect(changed).toEqual({ ok: false, message: '"Journey map": the stored import ledger is damaged (a part of it was changed or cut short)' });
    const miscounted = readModel(copyWith((key, value) => (key === "ledger.count" ? "many" : value)));
    expect(miscounted).toEqual({ ok: false, message: '"Journey map": the stored import ledger is damaged (it counts many parts)' });
  });

  it("clears the entries when the journey's ledger gets smaller or goes", () => {
    const frame = newFrame();
    writeModel(frame, encodeModel(journeyWithLedger(120_000, "map_shrinks")));
    const before = Number(entry(frame, "ledger.count"));
    writeModel(frame, encodeModel(journeyWithLedger(10_000, "map_shrinks")));
    expect(Number(entry(frame, "ledger.count"))).toBe(1);
    for (let i = 1; i < before; i++) expect(entry(frame, `ledger.${i}`)).toBe("");
    const without = buildMap({ id: "map_shrinks", stages: [stage("stage_a", "Awareness")] });
    writeModel(frame, encodeModel(without));
    expect(frame.getSharedPluginDataKeys(NAMESPACE).filter((key) => key.startsWith("ledger."))).toEqual([]);
    const read = readModel(frame);
    expect(read.ok && read.model).toEqual(without);
  });

  it("reads a map stored with the fingerprints inside its model, as earlier versions stored it", () => {
    const map = journeyWithLedger(50_000, "map_earlier");
    const frame = newFrame();
    const json = JSON.stringify(map);
    const chunks = json.match(/[\s\S]{1,90000}/g) ?? [];
    expect(chunks.length).toBeLessThanOrEqual(MAX_CHUNKS);
    chunks.forEach((chunk, i) => frame.setSharedPluginData(NAMESPACE, `model.${i}`, chunk));
    frame.setSharedPluginData(NAMESPACE, "model.count", String(chunks.length));
    const read = readModel(frame);
    if (!read.ok) throw new Error(read.message);
    expect(read.model).toEqual(map);
  });

  it("refuses in words a ledger too large even for its own entries, before anything is written", () => {
    const map = journeyWithLedger(10, "map_huge_ledger");
    const responses = map.ledger?.responses;
    if (responses === undefined) throw new Error("the journey has a ledger");
    // Base64 of the right length: its characters are checked when the fingerprints are decoded.
    const huge: JourneyMap = { ...map, ledger: { imports: map.ledger?.imports ?? [], responses: { ...responses, data: "A".repeat((MAX_LEDGER_CHUNKS + 1) * CHUNK_BYTES) } } };
    expect(() => encodeModel(huge)).toThrow(ModelTooLargeError);
    expect(() => encodeModel(huge)).toThrow(/import ledger is [\d,]+ kB, more than a map frame can hold beside the model/);
  });
});
