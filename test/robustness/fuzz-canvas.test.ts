/**
 * Random tampering with a generated map (issue 6): sequences of what a person can do to its layers
 * (delete, duplicate, move into another cell, retype, rename, lock, hide), then reading it back
 * and re-scoring it through the panel's messages. Whatever was done:
 * - no exception escapes: every request is answered (a reply, or a failure in words), and no
 *   handler error reaches Figma (`uncaughtErrors` stays empty);
 * - every model returned passes the schema;
 * - every pain point, note, opportunity, KPI and touchpoint that left the model is named by a
 *   problem that says it was deleted;
 * - reading is stable: re-scoring reads what the read gave, and after the re-score the canvas
 *   reads back as the re-scored model with nothing left to report.
 * And a generation of the model from before asks about exactly the cards that are gone.
 *
 * Runs on a three-stage map (about 360 nodes) to stay within a few seconds per property.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { NAMESPACE } from "../../plugin/plugin-data";
import type { CanvasProblem, ReplyResult } from "../../shared/messages";
import type { JourneyMap } from "../../shared/model";
import { CARD_LISTS, expectEveryLossNamed, expectValidModel, smallJourney } from "../fixtures/canvas/expectations";
import { keyOf, userActs } from "../plugin/canvas-actions";
import { ask, launchPlugin, sampleJourney, type PluginUnderTest } from "../plugin/harness";

const SMALL = smallJourney(sampleJourney());

/** Which of the map's layers a mutation picks from. */
type Pool = "any" | "card" | "text" | "editable";

type Mutation =
  | { op: "delete" | "duplicate" | "lock" | "hide"; pool: Pool; pick: number }
  | { op: "move"; pool: Pool; pick: number; to: number }
  | { op: "retext"; pool: "text" | "editable"; pick: number; text: string }
  | { op: "rename"; pool: Pool; pick: number; name: string };

const pool = fc.constantFrom<Pool>("any", "card", "card", "editable");
const pick = fc.nat({ max: 10_000 });
/** What a person might type over a score or a title. */
const typed = fc.oneof(
  fc.constantFrom("", " ", "high", "4/5", "3", "5", "1", "0", "7", "４", "★★★★", "⭐⭐", "🔥", "👍🏽", " 2 ", "4.5", "NaN", "1e3", "-1", "n/a"),
  fc.integer({ min: -3, max: 12 }).map(String),
  fc.string({ unit: "grapheme", maxLength: 12 }),
);
const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  { weight: 3, arbitrary: fc.record({ op: fc.constant("delete" as const), pool, pick }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant("duplicate" as const), pool, pick }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant("move" as const), pool, pick, to: pick }) },
  { weight: 4, arbitrary: fc.record({ op: fc.constant("retext" as const), pool: fc.constantFrom<"text" | "editable">("text", "editable", "editable"), pick, text: typed }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant("rename" as const), pool, pick, name: fc.string({ unit: "grapheme", maxLength: 10 }) }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant("lock" as const), pool, pick }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant("hide" as const), pool, pick }) },
);

const EDITABLE = /\/(title|name|text|severity|frequency|effort)$/;

function layersOf(frame: FrameNode, from: Pool): SceneNode[] {
  const all = frame.findAll(() => true);
  switch (from) {
    case "any":
      return all;
    case "card":
      return all.filter((n) => n.getSharedPluginData(NAMESPACE, "role") === "card");
    case "text":
      return all.filter((n) => n.type === "TEXT");
    case "editable":
      return all.filter((n) => n.type === "TEXT" && EDITABLE.test(keyOf(n)));
  }
}

function contains(ancestor: SceneNode, node: BaseNode): boolean {
  for (let current: BaseNode | null = node; current !== null; current = current.parent) if (current === ancestor) return true;
  return false;
}

/** Does what a person would; returns what was done, for the report of a failing run. */
function apply(plugin: PluginUnderTest, frame: FrameNode, m: Mutation): string {
  const { emulator } = plugin;
  const layers = layersOf(frame, m.pool);
  const node = layers[m.pick % Math.max(layers.length, 1)];
  if (node === undefined || node.removed) return `${m.op}: nothing to pick`;
  const what = `${m.op} ${node.type} "${keyOf(node) || node.name}"`;
  switch (m.op) {
    case "delete":
      emulator.userDelete(node);
      return what;
    case "duplicate":
      emulator.userDuplicate(node);
      return what;
    case "retext":
      if (node.type !== "TEXT") return `${what}: not a text`;
      emulator.userEditText(node, m.text);
      return `${what} → ${JSON.stringify(m.text)}`;
    case "move": {
      const cells = layersOf(frame, "any").filter((n): n is FrameNode => n.type === "FRAME" && n.getSharedPluginData(NAMESPACE, "role") === "cell");
      const cell = cells[m.to % Math.max(cells.length, 1)];
      // A person cannot drop a layer into itself.
      if (cell === undefined || contains(node, cell)) return `${what}: no cell to drop it in`;
      userActs(emulator, () => cell.appendChild(node));
      return `${what} → ${keyOf(cell)}`;
    }
    case "rename":
      userActs(emulator, () => (node.name = m.name));
      return `${what} → ${JSON.stringify(m.name)}`;
    case "lock":
      userActs(emulator, () => (node.locked = !node.locked));
      return what;
    case "hide":
      userActs(emulator, () => (node.visible = !node.visible));
      return what;
  }
}

type Answer = { reply: ReplyResult } | { failure: string };

/** Sends a request; whatever happens, it is answered (a reply or a failure), and nothing escapes. */
async function request(plugin: PluginUnderTest, message: Parameters<typeof ask>[1]): Promise<Answer> {
  let answer: Answer;
  try {
    answer = { reply: await ask(plugin, message) };
  } catch (error) {
    answer = { failure: error instanceof Error ? error.message : String(error) };
  }
  expect(plugin.emulator.uncaughtErrors).toEqual([]);
  expect(plugin.refused).toEqual([]);
  return answer;
}

function replyOf<K extends ReplyResult["kind"]>(answer: Answer, kind: K): Extract<ReplyResult, { kind: K }> {
  if ("failure" in answer) throw new Error(`expected a ${kind} reply, got the failure "${answer.failure}"`);
  expect(answer.reply.kind).toBe(kind);
  return answer.reply as Extract<ReplyResult, { kind: K }>;
}

async function generated(model: JourneyMap): Promise<{ plugin: PluginUnderTest; frame: FrameNode }> {
  const plugin = await launchPlugin();
  const reply = replyOf(await request(plugin, { type: "generate-map", model }), "generated");
  return { plugin, frame: plugin.emulator.getNode(reply.nodeId) as FrameNode };
}

/** Card keys ("painPoint/<id>") of the model's entities whose card is no longer on the frame. */
function missingCards(frame: FrameNode, model: JourneyMap): string[] {
  const onCanvas = new Set(frame.findAll((n) => n.getSharedPluginData(NAMESPACE, "role") === "card").map(keyOf));
  return CARD_LISTS.flatMap(({ kind, list }) =>
    (model[list] as readonly { id: string }[]).map((e) => `${kind}/${e.id}`).filter((key) => !onCanvas.has(key)),
  );
}

describe("fuzzing a generated map", () => {
  it("reads back and re-scores any tampering without a crash, a broken model or a silent loss", { timeout: 120_000 }, async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(mutation, { minLength: 1, maxLength: 8 }), async (mutations) => {
        const { plugin, frame } = await generated(SMALL);
        const done = mutations.map((m) => apply(plugin, frame, m));
        try {
          const read = replyOf(await request(plugin, { type: "read-map" }), "map-read");
          expectValidModel(read.model);
          expectEveryLossNamed(SMALL, read.model, read.problems);

          const rescored = replyOf(await request(plugin, { type: "rescore" }), "rescored");
          expectValidModel(rescored.model);
          expect(rescored.model).toEqual(read.model);
          const problems: CanvasProblem[] = [...read.problems, ...rescored.problems];
          expectEveryLossNamed(SMALL, rescored.model, problems);

          const again = replyOf(await request(plugin, { type: "read-map" }), "map-read");
          expect(again.model).toEqual(rescored.model);
          expect(again.problems).toEqual([]);
        } catch (error) {
          throw new Error(`after ${done.join("; ")}: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
        }
      }),
      { numRuns: 40 },
    );
  });

  it("asks about exactly the cards that are gone when the model from before is generated again, and drops or restores them", { timeout: 60_000 }, async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.record({ op: fc.constant("delete" as const), pool, pick }), { minLength: 1, maxLength: 6 }),
        fc.constantFrom("restore" as const, "drop" as const),
        async (deletions, answer) => {
          const { plugin, frame } = await generated(SMALL);
          for (const d of deletions) apply(plugin, frame, d);
          const missing = missingCards(frame, SMALL);

          const first = await request(plugin, { type: "generate-map", model: SMALL });
          if (missing.length === 0) {
            replyOf(first, "generated");
            return;
          }
          const question = replyOf(first, "deleted-cards");
          expect(question.cards.map((c) => `${c.kind}/${c.entityId}`).sort()).toEqual([...missing].sort());

          const reply = replyOf(await request(plugin, { type: "generate-map", model: SMALL, deletedCards: answer }), "generated");
          if (answer === "restore") {
            expect(reply.restored?.length).toBe(missing.length);
            expect(missingCards(frame, SMALL)).toEqual([]);
            expect(replyOf(await request(plugin, { type: "read-map" }), "map-read").model).toEqual(SMALL);
          } else {
            expect(reply.dropped?.length).toBe(missing.length);
            expectValidModel(reply.model);
            const dropped = reply.model as JourneyMap;
            expect(missingCards(frame, dropped)).toEqual([]);
            expect(replyOf(await request(plugin, { type: "read-map" }), "map-read")).toMatchObject({ model: dropped, problems: [] });
          }
        },
      ),
      { numRuns: 20 },
    );
  });
});
