/**
 * What tests of the canvas do again and again: generate a map through the panel, find the nodes
 * the plugin made by their key, act as a person on the canvas, run a menu command.
 */
import { expect } from "vitest";
import type { ReplyResult } from "../../shared/messages";
import type { JourneyMap } from "../../shared/model";
import { NAMESPACE } from "../../plugin/plugin-data";
import type { FigmaEmulator } from "../emulator/emulator";
import { ask, startPlugin, type PluginUnderTest } from "./harness";

/** Map frames on the current page, in layer order. */
export function mapFrames(figma: PluginAPI): FrameNode[] {
  return figma.currentPage.findAll(
    (n) => n.type === "FRAME" && n.getSharedPluginData(NAMESPACE, "role") === "map",
  ) as FrameNode[];
}

export function keyOf(node: BaseNode): string {
  return node.getSharedPluginData(NAMESPACE, "key");
}

/** Every node under `root` (itself included) with this key, in layer order. */
export function nodesByKey(root: SceneNode | PageNode, key: string): SceneNode[] {
  const found = "findAll" in root ? root.findAll((n) => keyOf(n) === key) : [];
  return root.type !== "PAGE" && keyOf(root) === key ? [root, ...found] : found;
}

/** The one node under `root` with this key; fails the test when there is none or several. */
export function nodeByKey<T extends SceneNode = SceneNode>(root: SceneNode | PageNode, key: string): T {
  const nodes = nodesByKey(root, key);
  if (nodes.length !== 1) throw new Error(`expected one node with key "${key}", found ${nodes.length}`);
  return nodes[0] as T;
}

export function textByKey(root: SceneNode | PageNode, key: string): TextNode {
  const node = nodeByKey(root, key);
  if (node.type !== "TEXT") throw new Error(`"${key}" is a ${node.type}, not a text`);
  return node;
}

/** Generates (or updates) the map of `model` through the panel and returns its frame. */
export async function generate(plugin: PluginUnderTest, model: JourneyMap): Promise<FrameNode> {
  const reply = await ask(plugin, { type: "generate-map", model });
  if (reply.kind !== "generated") throw new Error(`expected a generated reply, got ${reply.kind}`);
  const frame = plugin.emulator.getNode(reply.nodeId);
  if (frame?.type !== "FRAME") throw new Error("the reply names no frame");
  return frame;
}

export async function readMap(plugin: PluginUnderTest): Promise<Extract<ReplyResult, { kind: "map-read" }>> {
  const reply = await ask(plugin, { type: "read-map" });
  if (reply.kind !== "map-read") throw new Error(`expected a map-read reply, got ${reply.kind}`);
  return reply;
}

export async function rescore(plugin: PluginUnderTest): Promise<Extract<ReplyResult, { kind: "rescored" }>> {
  const reply = await ask(plugin, { type: "rescore" });
  if (reply.kind !== "rescored") throw new Error(`expected a rescored reply, got ${reply.kind}`);
  return reply;
}

/**
 * A person drags `node` into `parent` (at `index`, else last). The emulator has no drag of its
 * own: the move goes through the API, and is then committed as the person's own undo step, so
 * that it neither counts as the plugin's work nor joins the plugin's next undo step.
 */
export function userDrag(emulator: FigmaEmulator, node: SceneNode, parent: FrameNode | SectionNode, index?: number): void {
  if (index === undefined) parent.appendChild(node);
  else parent.insertChild(index, node);
  emulator.undo.commit();
  emulator.stats.resetWrites();
}

/** A person restyles or adds nodes through the API, committed as their own undo step (see userDrag). */
export function userActs(emulator: FigmaEmulator, act: () => void): void {
  act();
  emulator.undo.commit();
  emulator.stats.resetWrites();
}

/** Sends a request that must fail, and returns the failure's message. */
export async function askFailure(plugin: PluginUnderTest, request: Parameters<typeof ask>[1]): Promise<string> {
  const outcome = plugin.bridge.request(request).then(
    (reply) => `unexpected reply ${reply.kind}`,
    (error: unknown) => (error instanceof Error ? error.message : String(error)),
  );
  await plugin.emulator.settle();
  return outcome;
}

/**
 * Runs a menu command (or relaunch button) in a new run of the plugin, as Figma does, and waits
 * until the run has shown its panel or closed (work started at load time is not a handler the
 * emulator's settle() can wait for).
 */
export async function runCommand(plugin: PluginUnderTest, command: string): Promise<void> {
  const { emulator } = plugin;
  emulator.relaunch({ command });
  await startPlugin(emulator);
  for (let turn = 0; turn < 10_000 && !emulator.closed && emulator.ui === null; turn++) {
    await new Promise((resolve) => setTimeout(resolve, 0));
  }
  await emulator.settle();
}

/** A deep copy of a model, to change it for a re-generation. */
export function copyOf(model: JourneyMap): JourneyMap {
  return JSON.parse(JSON.stringify(model)) as JourneyMap;
}

/** The parent frame of a node, checked. */
export function parentFrame(node: SceneNode): FrameNode {
  const parent = node.parent;
  expect(parent?.type).toBe("FRAME");
  return parent as FrameNode;
}
