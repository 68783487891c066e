/**
 * Runs the real plugin code (plugin/main.ts) against the Figma emulator, and talks to it through
 * the real panel bridge (ui/bridge.ts), so a test exercises the message contract end to end.
 */
import { vi } from "vitest";
import type { ReplyResult } from "../../shared/messages";
import type { JourneyMap } from "../../shared/model";
import { PluginBridge } from "../../ui/bridge";
import { createFigmaEmulator, type FigmaEmulator, type FigmaEmulatorOptions } from "../emulator/emulator";
import { readFileSync } from "node:fs";

export interface PluginUnderTest {
  emulator: FigmaEmulator;
  bridge: PluginBridge;
  /** Messages the plugin refused, as the panel heard them. */
  refused: string[];
}

/** Starts the plugin code in a fresh module scope against `emulator.figma`. */
export async function startPlugin(emulator: FigmaEmulator): Promise<void> {
  Object.assign(globalThis, { figma: emulator.figma, __html__: "<html><body>panel</body></html>" });
  vi.resetModules();
  await import("../../plugin/main");
  await emulator.settle();
}

export async function launchPlugin(options: FigmaEmulatorOptions = {}): Promise<PluginUnderTest> {
  const emulator = createFigmaEmulator({ command: "open", ...options });
  const refused: string[] = [];
  const bridge = new PluginBridge((message) => emulator.panel.postMessage(message), (error) => refused.push(error));
  emulator.panel.onMessage((message) => bridge.receive(message));
  await startPlugin(emulator);
  return { emulator, bridge, refused };
}

/** Sends a request and waits until the emulator has delivered everything, then returns the reply. */
export async function ask(plugin: PluginUnderTest, request: Parameters<PluginBridge["request"]>[0]): Promise<ReplyResult> {
  const reply = plugin.bridge.request(request);
  // The caller awaits the reply below; until then a failure must not count as unhandled.
  reply.catch(() => undefined);
  await plugin.emulator.settle();
  return reply;
}

export function sampleJourney(): JourneyMap {
  return JSON.parse(readFileSync(new URL("../../examples/sample-journey.json", import.meta.url), "utf8")) as JourneyMap;
}
