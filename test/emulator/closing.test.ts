/**
 * Closing (FIGMA_RULES section 11): "the plugin execution environment will be destroyed
 * immediately when all the callbacks have returned". A clientStorage write still on its way, one
 * started in the close handler, and anything the panel sends after the close never arrive.
 */
import { describe, expect, it } from "vitest";
import { createFigmaEmulator } from "./emulator";

describe("closing the plugin", () => {
  it("a clientStorage write that has landed survives; one still on its way when the plugin closes is lost", async () => {
    const emulator = createFigmaEmulator({ command: "open" });
    await emulator.figma.clientStorage.setAsync("window-size", { width: 400, height: 600 });
    let settled = false;
    void emulator.figma.clientStorage.setAsync("draft", "typed just before closing").then(() => (settled = true));
    emulator.userClosePlugin();
    await emulator.settle();
    expect(settled).toBe(false);
    emulator.relaunch({ command: "open" });
    expect(await emulator.figma.clientStorage.getAsync("draft")).toBeUndefined();
    expect(await emulator.figma.clientStorage.getAsync("window-size")).toEqual({ width: 400, height: 600 });
  });

  it("a write started in the close handler is lost, and so is a delete", async () => {
    const emulator = createFigmaEmulator({ command: "open", clientStorage: { keep: 1 } });
    emulator.figma.on("close", () => {
      void emulator.figma.clientStorage.setAsync("draft", "flushed on close");
      void emulator.figma.clientStorage.deleteAsync("keep");
    });
    emulator.userClosePlugin();
    await emulator.settle();
    emulator.relaunch({ command: "open" });
    expect(await emulator.figma.clientStorage.keysAsync()).toEqual(["keep"]);
  });

  it("what the panel sends after the plugin closed is dropped, never delivered", async () => {
    const emulator = createFigmaEmulator({ command: "open" });
    const heard: unknown[] = [];
    emulator.figma.showUI("<p>panel</p>");
    emulator.figma.ui.onmessage = (message: unknown) => void heard.push(message);
    emulator.panel.postMessage({ type: "before" });
    await emulator.settle();
    // Sent, but the person closes the plugin before it is delivered.
    emulator.panel.postMessage({ type: "in flight" });
    emulator.userClosePlugin();
    // The panel's pagehide flush.
    emulator.panel.postMessage({ type: "save-draft" });
    await emulator.settle();
    expect(heard).toEqual([{ type: "before" }]);
    expect(emulator.panel.dropped).toEqual([{ type: "save-draft" }]);
  });
});
