/**
 * A large journey on the map frame: stored compacted (evidence rows and an exact summary of the
 * rest, packed), read back with every figure the same; Update map, the canvas merge and cards
 * deleted on the canvas keep the summary, moving its groups as they move rows; a frame of a
 * version 1 journey is read as version 2 and says so.
 */
import { describe, expect, it } from "vitest";
import { largeJourney } from "../../bench/large-journey";
import { CHUNK_BYTES, MAX_CHUNKS, NAMESPACE, encodeModel, readModel, splitIntoChunks, utf8Length, writeModel } from "../../plugin/plugin-data";
import { analyseJourney } from "../../shared/analysis";
import { dropCards } from "../../shared/canvas-edits";
import { compactJourney } from "../../shared/evidence";
import { CONVERTED_FROM_V1, FIRST_SCHEMA_VERSION, parseJourneyMap, type JourneyMap } from "../../shared/model";
import { mergePanelAndCanvas } from "../../shared/panel-canvas-merge";
import { frequencyBasis } from "../../shared/priority";
import { suggestPainPoints } from "../../shared/suggestions";
import { summaryGroups, summaryTotals } from "../../shared/summary";
import { createFigmaEmulator } from "../emulator/emulator";
import { ask, launchPlugin, sampleJourney as sampleFile } from "./harness";

/** The sample journey as this version opens it. */
function sampleJourney(): JourneyMap {
  const parsed = parseJourneyMap(sampleFile());
  if (!parsed.ok) throw new Error(parsed.errors.join("; "));
  return parsed.value;
}

const figures = (m: JourneyMap) => ({ analysis: analyseJourney(m), basis: frequencyBasis(m) });

describe("a large journey on the map frame", () => {
  it("stores 200,000 rows in a quarter of the frame and reads back every figure the same", { timeout: 180_000 }, () => {
    const map = largeJourney(200_000, 2);
    // As JSON, the rows alone would take 60 MB; even compacted, unpacked, 4.7 MB: more than the frame holds.
    expect(utf8Length(JSON.stringify(compactJourney(map)))).toBeGreaterThan(MAX_CHUNKS * CHUNK_BYTES);
    // The panel sends the journey compacted (ui/state/compact.ts keeps the rows compactJourney keeps).
    const chunks = encodeModel(compactJourney(map));
    const bytes = chunks.reduce((n, c) => n + utf8Length(c), 0);
    expect(bytes).toBeLessThan((MAX_CHUNKS * CHUNK_BYTES) / 3);
    const figma = createFigmaEmulator().figma;
    const written = figma.createFrame();
    writeModel(written, chunks);
    // Read from another frame holding the same entries: parsed as stored, not taken from what was just written.
    const frame = figma.createFrame();
    for (const key of written.getSharedPluginDataKeys(NAMESPACE)) frame.setSharedPluginData(NAMESPACE, key, written.getSharedPluginData(NAMESPACE, key));
    const read = readModel(frame);
    if (!read.ok) throw new Error(read.message);
    expect(read.model.feedback.length).toBeLessThan(2_000);
    expect(read.model.feedback.length + summaryTotals(read.model.summary).rows).toBe(200_000);
    expect(figures(read.model)).toEqual(figures(map));
  });

  it("still refuses what truly cannot fit: evidence larger than the frame", () => {
    const map = largeJourney(6_000, 3);
    const long = "a comment that goes on and on ".repeat(25);
    const cited = { ...map, feedback: map.feedback.map((f) => ({ ...f, text: long })) };
    cited.painPoints = cited.painPoints.map((p, i) => (i === 0 ? { ...p, evidence: cited.feedback.map((f) => f.id) } : p));
    expect(() => encodeModel(compactJourney(cited))).toThrow(/more than a map frame can hold \(3840 kB\) even with its feedback kept as summaries/);
  });
});

describe("Update map and the canvas merge keep the summary", () => {
  const compact = compactJourney(sampleJourney(), { keepAllRows: 0, quotesPerCell: 2 });

  it("has a summary", () => {
    expect(summaryTotals(compact.summary).rows).toBeGreaterThan(300);
  });

  it("generates, reads back, follows a canvas edit and updates, with the summary every time", { timeout: 60_000 }, async () => {
    const plugin = await launchPlugin();
    const generated = await ask(plugin, { type: "generate-map", model: compact });
    if (generated.kind !== "generated") throw new Error(generated.kind);
    const frame = plugin.emulator.getNode(generated.nodeId) as FrameNode;
    plugin.emulator.select([frame]);
    const read = await ask(plugin, { type: "read-map" });
    if (read.kind !== "map-read") throw new Error(read.kind);
    expect(read.model.summary).toEqual(compact.summary);
    expect(read.converted).toBeUndefined();
    // A stage renamed on the canvas, the title changed in the panel: Update map merges both, summary and all.
    const stage = compact.stages[0];
    const name = frame.findOne((n) => n.type === "TEXT" && n.characters === stage?.name) as TextNode | null;
    if (name === null) throw new Error("the stage name is drawn");
    await plugin.emulator.figma.loadFontAsync(name.fontName as FontName);
    name.characters = "Renamed on the canvas";
    const updated = await ask(plugin, { type: "generate-map", model: { ...compact, title: "Renamed in the panel" } });
    if (updated.kind !== "generated") throw new Error(updated.kind);
    expect(updated.model?.stages[0]?.name).toBe("Renamed on the canvas");
    expect(updated.model?.summary).toEqual(compact.summary);
    const again = await ask(plugin, { type: "read-map" });
    if (again.kind !== "map-read") throw new Error(again.kind);
    expect(again.model.title).toBe("Renamed in the panel");
    expect(again.model.summary).toEqual(compact.summary);
  });

  it("the three-way merge keeps the panel's summary", () => {
    const canvas = { ...compact, stages: compact.stages.map((s, i) => (i === 0 ? { ...s, name: "Canvas" } : s)) };
    const merged = mergePanelAndCanvas(compact, canvas, { ...compact, title: "Panel" });
    expect(merged.model.summary).toBe(compact.summary);
    expect(merged.model.stages[0]?.name).toBe("Canvas");
  });

  it("a touchpoint deleted on the canvas moves its summarised rows to its stage, as it moves its rows", () => {
    for (const touchpoint of compact.touchpoints) {
      const counted = [...summaryGroups(compact.summary ?? { strings: [], groups: [] })].some((g) => g.touchpointId === touchpoint.id);
      const fromRows = dropCards(sampleJourney(), [{ kind: "touchpoint", entityId: touchpoint.id }]);
      const fromSummary = dropCards(compact, [{ kind: "touchpoint", entityId: touchpoint.id }]);
      expect([...summaryGroups(fromSummary.summary ?? { strings: [], groups: [] })].some((g) => g.touchpointId === touchpoint.id)).toBe(false);
      expect(summaryTotals(fromSummary.summary)).toMatchObject({ rows: summaryTotals(compact.summary).rows });
      expect(figures(fromSummary)).toEqual(figures(fromRows));
      if (counted) expect(fromSummary.summary).not.toEqual(compact.summary);
      // Suggestions keep the folded rows' term statistics (per stage; the rows keep their stage).
      expect(compact.summary?.terms?.length).toBeGreaterThan(0);
      expect(fromSummary.summary?.terms).toEqual(compact.summary?.terms);
      const suggested = (m: JourneyMap) => suggestPainPoints(m).map((x) => [x.key, x.count, x.meanSatisfaction]);
      expect(suggested(fromSummary)).toEqual(suggested(fromRows));
    }
  });
});

describe("a map frame of a version 1 journey", () => {
  it("is read as version 2, and the reply says so once", { timeout: 60_000 }, async () => {
    const plugin = await launchPlugin();
    const model = sampleJourney();
    const generated = await ask(plugin, { type: "generate-map", model });
    if (generated.kind !== "generated") throw new Error(generated.kind);
    const frame = plugin.emulator.getNode(generated.nodeId) as FrameNode;
    // What an earlier version stored: the same model, version 1, without a check.
    const v1 = JSON.stringify({ ...model, schemaVersion: FIRST_SCHEMA_VERSION });
    const parts = splitIntoChunks(v1, CHUNK_BYTES);
    parts.forEach((part, i) => frame.setSharedPluginData(NAMESPACE, `model.${i}`, part));
    frame.setSharedPluginData(NAMESPACE, "model.count", String(parts.length));
    frame.setSharedPluginData(NAMESPACE, "model.check", "");
    expect(readModel(frame)).toEqual({ ok: true, model, converted: CONVERTED_FROM_V1 });
    plugin.emulator.select([frame]);
    const read = await ask(plugin, { type: "read-map" });
    if (read.kind !== "map-read") throw new Error(read.kind);
    expect(read.converted).toBe(CONVERTED_FROM_V1);
    expect(read.model.schemaVersion).toBe(2);
  });
});
