/**
 * What a year of a million responses takes where the journey is stored, and generating a map of
 * 200,000 rows on the emulator against a small journey of the same shape.
 *
 * Stored size: the journey (bench/large-journey.ts: 1,000,000 rows over 2025, 8 stages × 5
 * touchpoints, 3 personas, 2 sources) compacted as the panel stores it (ui/state/compact.ts: the
 * rows pain points cite and the quotes of each stage × touchpoint, an exact summary of the rest,
 * packed), against the map frame's 3.84 MB (40 entries of 96 kB of shared plugin data) and the
 * draft's 4 MB of clientStorage. The figures read back (frame and draft) are checked against the
 * raw journey's, exactly. Goal: under half of each limit.
 *
 * Generate: the same 200,000-row journey, compacted (what the panel sends), drawn on the emulator
 * against a journey of the same stages, touchpoints and pain points with 2,000 rows (kept whole).
 * What is written is the same map (the same figures drawn) and the stored model; the 200,000-row map
 * stores its summary. Goal: at most 1.5× the small journey's time (the median ratio of five rounds
 * timed in turns), and as many emulator calls but for the stored model's entries.
 */
import { largeJourney } from "./large-journey";
import { generateMapAsync } from "../plugin/generate";
import { CHUNK_BYTES, MAX_CHUNKS, MAX_LEDGER_CHUNKS, NAMESPACE, encodeModel, readModel, utf8Length, writeModel } from "../plugin/plugin-data";
import { analyseJourney } from "../shared/analysis";
import { addKeys, importedKeys, storedResponses } from "../shared/ledger";
import type { ImportLedger, JourneyMap } from "../shared/model";
import { frequencyBasis } from "../shared/priority";
import { summaryTotals } from "../shared/summary";
import { createFigmaEmulator } from "../test/emulator/emulator";
import { storedJourney } from "../ui/state/compact";
import { DRAFT_BUDGET_BYTES, buildDraft, parseDraft } from "../ui/state/draft";
import type { BenchResult, Benchmark } from "./benchmark";

const ROWS = 1_000_000;
const GENERATE_ROWS = 200_000;
const SMALL_ROWS = 2_000;
/** Rounds of the two draws timed in turns. */
const ROUNDS = 5;
const noWait = () => Promise.resolve();
const count = (n: number) => n.toLocaleString("en-US");
/** kB and MB of 1,024 bytes, as the plugin states the frame's 3,840 kB and the draft's 4.0 MB. */
const kb = (bytes: number) => `${count(Math.round(bytes / 1024))} kB`;
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(2)} MB`;

/** Every figure, as one text to compare exactly. */
function figures(map: JourneyMap): string {
  return JSON.stringify({ analysis: analyseJourney(map), basis: frequencyBasis(map) });
}

export const storedSizeBenchmark: Benchmark = {
  title: `Stored size of a ${count(ROWS)}-row journey (map frame, draft); generate with ${count(GENERATE_ROWS)} rows`,
  async run(log) {
    const results: BenchResult[] = [];
    {
      let started = performance.now();
      const map = largeJourney(ROWS);
      log(`journey: ${count(ROWS)} rows over 2025, ${map.stages.length} stages, ${map.touchpoints.length} touchpoints, ${map.personas.length} personas (${((performance.now() - started) / 1000).toFixed(1)} s to make)`);
      started = performance.now();
      const stored = await storedJourney(map, noWait);
      const totals = summaryTotals(stored.model.summary);
      log(
        `compacted in ${((performance.now() - started) / 1000).toFixed(1)} s: ${count(stored.model.feedback.length)} rows kept as evidence, ${count(totals.rows)} in ${count(totals.groups)} summary groups`,
      );
      // The journey as one import of the year's file leaves it: with the ledger of its 1,000,000 rows' text response ids.
      started = performance.now();
      const ledger: ImportLedger = {
        imports: [{ file: "year.csv", bytes: 87_000_000, hash: "0123456789abcdef", rows: ROWS, imported: ROWS, skipped: 0, duplicates: 0, firstDate: "2025-01-01", lastDate: "2025-12-31", importedAt: "2026-01-02T09:00:00Z", mode: "add" }],
        responses: storedResponses(addKeys(null, importedKeys(map.feedback, "long"))),
      };
      const imported: JourneyMap = { ...map, ledger };
      const model: JourneyMap = { ...stored.model, ledger };
      log(`ledger of ${count(ROWS)} rows: ${kb(ledger.responses.data.length)} of fingerprints (${((performance.now() - started) / 1000).toFixed(1)} s to make)`);
      const jsonBytes = utf8Length(JSON.stringify({ ...stored.model, ledger: undefined }));
      const chunks = encodeModel(model);
      const frameBytes = chunks.reduce((n, c) => n + utf8Length(c), 0);
      const frameLimit = MAX_CHUNKS * CHUNK_BYTES;
      log(`model JSON with the summary unpacked, without the ledger: ${kb(jsonBytes)}; as stored on the frame (summary packed): ${kb(frameBytes)} in ${chunks.length} of ${MAX_CHUNKS} entries`);
      const figma = createFigmaEmulator().figma;
      const frame = figma.createFrame();
      writeModel(frame, chunks);
      const ledgerEntries = Number(frame.getSharedPluginData(NAMESPACE, "ledger.count"));
      let ledgerBytes = 0;
      for (let i = 0; i < ledgerEntries; i++) ledgerBytes += utf8Length(frame.getSharedPluginData(NAMESPACE, `ledger.${i}`));
      log(`the ledger's fingerprints on the frame: ${kb(ledgerBytes)} in ${ledgerEntries} of ${MAX_LEDGER_CHUNKS} entries of their own`);
      const copy = figma.createFrame();
      for (const key of frame.getSharedPluginDataKeys(NAMESPACE)) copy.setSharedPluginData(NAMESPACE, key, frame.getSharedPluginData(NAMESPACE, key));
      const read = readModel(copy);
      const raw = figures(map);
      const frameSame = read.ok && figures(read.model) === raw && read.model.ledger?.responses.data === ledger.responses.data;
      log(`read back from the frame: every figure the same as the raw rows', the ledger the same: ${frameSame ? "yes" : "NO"}`);
      results.push({
        name: `Stored size on the map frame, ${count(ROWS)} rows`,
        figure: `model ${kb(frameBytes)} (${((100 * frameBytes) / frameLimit).toFixed(0)} % of ${kb(frameLimit)}; ${kb(jsonBytes)} unpacked); import ledger ${kb(ledgerBytes)} in ${ledgerEntries} entries of its own`,
        goal: "model ≤ 50 % of the frame's limit, ledger in its own ≤ 80 entries, figures exact",
        met: frameBytes <= frameLimit / 2 && ledgerEntries <= MAX_LEDGER_CHUNKS && frameSame,
      });

      const draft = await buildDraft({ model: imported, pendingEdits: {}, csvMappings: {}, omittedFeedback: 0, undo: null, revision: 1 }, noWait);
      const reopened = parseDraft(draft.text).draft.model;
      const draftSame = figures(reopened) === raw;
      log(`draft: ${mb(draft.bytes)} of clientStorage's ${mb(DRAFT_BUDGET_BYTES)} budget; after a reopen every figure the same: ${draftSame ? "yes" : "NO"}`);
      const withoutLedger = draft.bytes - utf8Length(ledger.responses.data);
      results.push({
        name: `Draft of a ${count(ROWS)}-row journey, with its import ledger`,
        figure: `${mb(draft.bytes)} (${((100 * draft.bytes) / DRAFT_BUDGET_BYTES).toFixed(0)} % of ${mb(DRAFT_BUDGET_BYTES)}; ${mb(withoutLedger)} without the ledger's fingerprints)`,
        goal: "fits the draft budget, ≤ 50 % without the ledger, figures exact",
        met: draft.bytes <= DRAFT_BUDGET_BYTES && withoutLedger <= DRAFT_BUDGET_BYTES / 2 && draftSame,
      });
    }
    {
      const big = (await storedJourney(largeJourney(GENERATE_ROWS), noWait)).model;
      const small = largeJourney(SMALL_ROWS);
      const draw = async (model: JourneyMap) => {
        const emulator = createFigmaEmulator({ command: "open" });
        Object.assign(globalThis, { figma: emulator.figma });
        const started = performance.now();
        const generated = await generateMapAsync(model);
        await emulator.settle();
        const ms = performance.now() - started;
        const modelWrites = emulator.stats.callsByName.get("setSharedPluginData") ?? 0;
        const count = Number(generated.frame.getSharedPluginData(NAMESPACE, "model.count"));
        return { ms, calls: emulator.stats.apiCalls, nodes: emulator.stats.nodesCreated, entries: count, modelWrites };
      };
      // Once each to warm up, then in turns, round by round (a draw is a tenth of a second, and the
      // machine's load changes from one to the next): the median of the rounds' ratios.
      await draw(small);
      await draw(big);
      const ratios: number[] = [];
      let s = await draw(small);
      let b = await draw(big);
      ratios.push(b.ms / s.ms);
      while (ratios.length < ROUNDS) {
        s = await draw(small);
        b = await draw(big);
        ratios.push(b.ms / s.ms);
      }
      log(`small journey (${count(SMALL_ROWS)} rows, kept whole): ${s.ms.toFixed(0)} ms, ${count(s.calls)} emulator calls, ${count(s.nodes)} nodes, model in ${s.entries} entries (last round)`);
      log(
        `${count(GENERATE_ROWS)} rows (${count(big.feedback.length)} kept, the rest in ${count(summaryTotals(big.summary).groups)} summary groups): ${b.ms.toFixed(0)} ms, ${count(b.calls)} emulator calls, ${count(b.nodes)} nodes, model in ${b.entries} entries (last round)`,
      );
      log(`ratios of the ${ROUNDS} rounds: ${ratios.map((r) => r.toFixed(2)).join(", ")}`);
      const ratio = [...ratios].sort((x, y) => x - y)[Math.floor(ROUNDS / 2)] ?? Number.NaN;
      // The same map is drawn but for figures only one journey's data has (a change that 200,000 rows
      // make significant, say): the calls may differ by the stored model's entries, and by such nodes,
      // at the small map's calls per node.
      const extraCalls = b.calls - s.calls;
      const extraNodes = Math.max(0, b.nodes - s.nodes);
      const allowed = 3 * Math.max(0, b.entries - s.entries) + Math.ceil((extraNodes * s.calls) / Math.max(1, s.nodes));
      results.push({
        name: `Generate with ${count(GENERATE_ROWS)} rows (emulator)`,
        figure: `${ratio.toFixed(2)}× the time of ${count(SMALL_ROWS)} rows (median of ${ROUNDS} rounds; last ${b.ms.toFixed(0)} vs ${s.ms.toFixed(0)} ms); ${extraCalls >= 0 ? "+" : ""}${count(extraCalls)} calls (${b.entries} vs ${s.entries} model entries, ${count(b.nodes)} vs ${count(s.nodes)} nodes)`,
        goal: "≤ 1.5× the time; extra calls ≤ 3 per extra model entry, beside the nodes of figures only one map draws",
        met: ratio <= 1.5 && extraCalls <= allowed,
      });
    }
    return results;
  },
};
