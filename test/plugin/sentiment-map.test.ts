/**
 * What the words say on the generated map: a quiet "Sentiment" line in each stage's header, from the
 * labels the rows store (the sandbox has no lexicon), beside and apart from the rating figures.
 */
import { describe, expect, it } from "vitest";
import { NAMESPACE } from "../../plugin/plugin-data";
import { SCHEMA_VERSION, type Feedback, type JourneyMap } from "../../shared/model";
import { dropCards } from "../../shared/canvas-edits";
import { compactJourney } from "../../shared/evidence";
import { compoundScore } from "../../shared/sentiment";
import { sentimentFigures, withSentimentLabels } from "../../shared/sentiment-summary";
import { generate, readMap, textByKey } from "./canvas-actions";
import { ask, launchPlugin, sampleJourney } from "./harness";

const keyOf = (node: BaseNode) => node.getSharedPluginData(NAMESPACE, "key");

function row(id: string, stageId: string, rating: number | null, text: string, sentiment?: Feedback["sentiment"]): Feedback {
  return {
    id,
    kind: "survey",
    rating,
    scale: rating === null ? null : { min: 1, max: 5 },
    text,
    date: "2026-05-01",
    source: "test",
    stageId,
    touchpointId: null,
    personaId: null,
    ...(sentiment === undefined ? {} : { sentiment }),
  };
}

/** The first stage: 3 texts, 2 negative (one strongly) and 1 positive, and a rating without text; the second: none. */
function journey(): JourneyMap {
  const model = sampleJourney();
  const [first] = model.stages.map((s) => s.id) as [string];
  return {
    ...model,
    schemaVersion: SCHEMA_VERSION,
    painPoints: [],
    opportunities: [],
    feedback: [row("a", first, 5, "Awful, never again", -2), row("b", first, null, "slow", -1), row("c", first, 4, "Lovely", 2), row("d", first, 3, "")],
  };
}

describe("sentiment on the map", () => {
  it("writes the negative share of the stage's text and its n, named Sentiment, after the figures; nothing for a stage without text", async () => {
    const plugin = await launchPlugin();
    const model = journey();
    const frame = await generate(plugin, model);
    const [first] = model.stages.map((s) => s.id) as [string];
    const line = textByKey(frame, `stage/${first}/sentiment`);
    // 2 of 3 texts negative: 66.7 % → 67 %
    expect(line.characters).toBe("Text: 67 % negative · n 3");
    expect(line.name).toBe("Sentiment");
    expect([line.fontSize, line.fontName]).toEqual([11, { family: "Inter", style: "Medium" }]);
    const header = frame.findOne((n) => keyOf(n) === `stage/${first}`) as FrameNode;
    const names = header.children.map((n) => n.name);
    expect(names.indexOf("Sentiment")).toBe(names.indexOf("Figures") + 1);
    const page = plugin.emulator.figma.currentPage;
    expect(page.findAll((n) => keyOf(n).endsWith("/sentiment")).map(keyOf)).toEqual([`stage/${first}/sentiment`]);
  });

  it("draws the same line from a journey whose rows were folded into the summary", async () => {
    const plugin = await launchPlugin();
    const model = journey();
    const compacted = compactJourney(model, { keepAllRows: 0, quotesPerCell: 0 });
    expect(compacted.feedback.length).toBeLessThan(model.feedback.length);
    const frame = await generate(plugin, compacted);
    const [first] = model.stages.map((s) => s.id) as [string];
    expect(textByKey(frame, `stage/${first}/sentiment`).characters).toBe("Text: 67 % negative · n 3");
  });

  it("writes nothing when the map is updated with no change", async () => {
    const plugin = await launchPlugin();
    const model = journey();
    await generate(plugin, model);
    plugin.emulator.stats.resetWrites();
    const reply = await ask(plugin, { type: "generate-map", model });
    expect(reply.kind === "generated" && [reply.created, reply.updated, reply.removed]).toEqual([0, 0, 0]);
    expect(plugin.emulator.stats.writtenNodeIds.size).toBe(1);
  }, 20_000);

  it("changes the line when the text changes, and takes it away when no text is left", async () => {
    const plugin = await launchPlugin();
    const model = journey();
    await generate(plugin, model);
    const [first] = model.stages.map((s) => s.id) as [string];
    const frame = await generate(plugin, { ...model, feedback: [...model.feedback, row("e", first, null, "great", 1)] });
    expect(textByKey(frame, `stage/${first}/sentiment`).characters).toBe("Text: 50 % negative · n 4");
    await generate(plugin, { ...model, feedback: [row("d", first, 3, "")] });
    expect(plugin.emulator.figma.currentPage.findAll((n) => keyOf(n).endsWith("/sentiment"))).toEqual([]);
  });
});

describe("sentiment on a FigJam map", () => {
  it("writes the line under the stage's data backing, moves the objective and lanes down by it, and takes it away when no text is left", async () => {
    const plugin = await launchPlugin({ editorType: "figjam" });
    const model = journey();
    const [first, second] = model.stages.map((s) => s.id) as [string, string];
    expect((await ask(plugin, { type: "generate-map", model })).kind).toBe("generated");
    const page = plugin.emulator.figma.currentPage;
    const byKey = (key: string) => page.findOne((n) => keyOf(n) === key) as SceneNode | null;
    const line = byKey(`stage/${first}/sentiment`) as TextNode;
    expect([line.characters, line.name]).toEqual(["Text: 67 % negative · n 3", "Sentiment"]);
    expect(page.findAll((n) => keyOf(n).endsWith("/sentiment")).map(keyOf)).toEqual([`stage/${first}/sentiment`]);
    const y = (key: string) => (byKey(key) as SceneNode).y;
    // Backing at +64, the line at +84, every stage's objective a line lower than without it (+124 against +104).
    expect(y(`stage/${first}/sentiment`) - y(`stage/${first}/backing`)).toBe(20);
    expect(y(`stage/${second}/objective`) - y(`stage/${second}/backing`)).toBe(40);
    const lanesWith = Math.min(...page.findAll((n) => keyOf(n).startsWith("lane/") && keyOf(n).endsWith("/label/text")).map((n) => (n as SceneNode).y));
    // Read back, the map is the journey it was drawn from; updated unchanged, nothing is written.
    const read = await readMap(plugin);
    expect(read.problems).toEqual([]);
    expect(read.model.feedback.map((f) => [f.id, f.sentiment])).toEqual(model.feedback.map((f) => [f.id, f.sentiment]));
    const again = await ask(plugin, { type: "generate-map", model });
    expect(again.kind === "generated" && [again.created, again.updated, again.removed]).toEqual([0, 0, 0]);

    expect((await ask(plugin, { type: "generate-map", model: { ...model, feedback: [row("d", first, 3, "")] } })).kind).toBe("generated");
    expect(page.findAll((n) => keyOf(n).endsWith("/sentiment"))).toEqual([]);
    expect(y(`stage/${second}/objective`) - y(`stage/${second}/backing`)).toBe(20);
    const lanesWithout = Math.min(...page.findAll((n) => keyOf(n).startsWith("lane/") && keyOf(n).endsWith("/label/text")).map((n) => (n as SceneNode).y));
    expect(lanesWith - lanesWithout).toBe(20);
  });
});

describe("a touchpoint deleted on the canvas", () => {
  it("moves its folded rows' sentiment to its stage, as it moves its rows'", () => {
    const model = sampleJourney();
    const labelled = { ...model, feedback: withSentimentLabels(model.feedback, compoundScore) as Feedback[] };
    const compact = compactJourney(labelled, { keepAllRows: 0, quotesPerCell: 0 });
    expect(compact.summary?.sentiment).toBeDefined();
    const shares = (m: JourneyMap) => ({ ...sentimentFigures(m), flagged: null });
    for (const touchpoint of model.touchpoints) {
      const fromRows = dropCards(structuredClone(labelled), [{ kind: "touchpoint", entityId: touchpoint.id }]);
      const fromSummary = dropCards(structuredClone(compact), [{ kind: "touchpoint", entityId: touchpoint.id }]);
      expect(shares(fromSummary)).toEqual(shares(fromRows));
    }
  });
});
