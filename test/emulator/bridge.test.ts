/**
 * The plugin's life around the canvas: its UI and the panel bridge, events, clientStorage,
 * notifications, undo steps, closing and relaunching, and the instrumentation benchmarks use.
 */
import { describe, expect, it } from "vitest";
import { createFigmaEmulator } from "./emulator";
import { ruleIdOf } from "./rules";

describe("the UI and the panel bridge", () => {
  it("showUI records its options (defaults 300 × 200); a second call replaces the UI", () => {
    const emulator = createFigmaEmulator();
    const { figma } = emulator;
    figma.showUI("<p>one</p>");
    expect(emulator.ui).toMatchObject({ width: 300, height: 200, visible: true, themeColors: false, shownCount: 1 });
    figma.showUI("<p>two</p>", { width: 420, height: 640, themeColors: true, title: "Journey Mapper" });
    expect(emulator.ui).toMatchObject({ html: "<p>two</p>", width: 420, height: 640, themeColors: true, title: "Journey Mapper", shownCount: 2 });
    figma.ui.resize(40, 700);
    expect([emulator.ui?.width, emulator.ui?.height]).toEqual([70, 700]);
    figma.ui.hide();
    expect(emulator.ui?.visible).toBe(false);
  });

  it("delivers panel messages to onmessage and on('message') later, as structured clones", async () => {
    const emulator = createFigmaEmulator();
    const { figma, panel } = emulator;
    figma.showUI("<p>panel</p>");
    const received: unknown[] = [];
    figma.ui.onmessage = (message: unknown) => {
      received.push(message);
    };
    const once: unknown[] = [];
    figma.ui.once("message", (message: unknown) => once.push(message));
    const sent = { type: "generate-map", stages: ["Awareness"] };
    panel.postMessage(sent);
    panel.postMessage({ type: "panel-ready" });
    sent.stages.push("Mutated after sending");
    expect(received).toEqual([]);
    await emulator.settle();
    expect(received).toEqual([{ type: "generate-map", stages: ["Awareness"] }, { type: "panel-ready" }]);
    expect(received[0]).not.toBe(sent);
    expect(once).toEqual([{ type: "generate-map", stages: ["Awareness"] }]);
  });

  it("delivers plugin messages to the panel later, as clones, and waits for one", async () => {
    const emulator = createFigmaEmulator();
    const { figma, panel } = emulator;
    figma.showUI("<p>panel</p>");
    const seen: unknown[] = [];
    panel.onMessage((message) => seen.push(message));
    const reply = panel.waitForMessage((m) => typeof m === "object" && m !== null && "type" in m && m.type === "reply");
    const payload = { type: "reply", at: new Date(0), bytes: new Uint8Array([1, 2]) };
    figma.ui.postMessage({ type: "progress" });
    figma.ui.postMessage(payload);
    expect(seen).toEqual([]);
    expect(await reply).toEqual(payload);
    await emulator.settle();
    expect(seen).toEqual([{ type: "progress" }, payload]);
    expect(panel.received).toHaveLength(2);
  });

  it("a handler's error surfaces from settle() instead of being lost", async () => {
    const emulator = createFigmaEmulator();
    emulator.figma.showUI("<p>panel</p>");
    emulator.figma.ui.onmessage = async () => {
      await Promise.resolve();
      throw new Error("could not read the map");
    };
    emulator.panel.postMessage({ type: "read-map" });
    await expect(emulator.settle()).rejects.toThrow("could not read the map");
    await expect(emulator.settle()).resolves.toBeUndefined();
  });
});

describe("events", () => {
  it("selectionchange fires later when the plugin or a person selects; once and off work", async () => {
    const emulator = createFigmaEmulator();
    const { figma } = emulator;
    const frame = figma.createFrame();
    let count = 0;
    let onceCount = 0;
    const handler = (): void => {
      count++;
    };
    figma.on("selectionchange", handler);
    figma.once("selectionchange", () => onceCount++);
    figma.currentPage.selection = [frame];
    expect(count).toBe(0);
    await emulator.settle();
    expect([count, onceCount]).toEqual([1, 1]);
    emulator.select([]);
    await emulator.settle();
    expect([count, onceCount]).toEqual([2, 1]);
    figma.off("selectionchange", handler);
    emulator.select([frame]);
    await emulator.settle();
    expect(count).toBe(2);
    expect(figma.currentPage.selection).toEqual([frame]);
    // Selecting is not an undoable change.
    const pending = emulator.undo.pendingChanges;
    figma.currentPage.selection = [];
    expect(emulator.undo.pendingChanges).toBe(pending);
  });

  it("currentpagechange fires when the page changes; run carries the command", async () => {
    const emulator = createFigmaEmulator({ pages: ["A", "B"], command: "rescore" });
    const { figma } = emulator;
    const events: string[] = [];
    figma.on("currentpagechange", () => events.push(`page ${figma.currentPage.name}`));
    figma.on("run", (event: RunEvent) => events.push(`run ${"command" in event ? event.command : ""}`));
    const b = figma.root.children[1];
    if (!b) throw new Error("no page B");
    await figma.setCurrentPageAsync(b);
    emulator.fireRunEvent();
    await emulator.settle();
    expect(events).toEqual(["page B", "run rescore"]);
    expect(figma.command).toBe("rescore");
    expect(createFigmaEmulator({ command: "" }).figma.command).toBeUndefined();
  });

  it("documentchange batches the changes of a turn, once all pages are loaded", async () => {
    const emulator = createFigmaEmulator();
    const { figma } = emulator;
    await figma.loadAllPagesAsync();
    const batches: DocumentChange[][] = [];
    figma.on("documentchange", (event: DocumentChangeEvent) => batches.push(event.documentChanges));
    const frame = figma.createFrame();
    frame.name = "Journey map";
    await emulator.settle();
    expect(batches).toHaveLength(1);
    expect(batches[0]?.map((c) => [c.type, "properties" in c ? c.properties : []])).toEqual([
      ["CREATE", []],
      ["PROPERTY_CHANGE", ["name"]],
    ]);
    expect(batches[0]?.[0]).toMatchObject({ id: frame.id, origin: "LOCAL", node: frame });
  });
});

describe("closing and relaunching", () => {
  it("closePlugin runs close handlers, closes the UI, and disables the API and nodes", async () => {
    const emulator = createFigmaEmulator();
    const { figma } = emulator;
    const frame = figma.createFrame();
    figma.showUI("<p>panel</p>");
    let closedWith = "";
    figma.on("close", () => {
      closedWith = figma.currentPage.name;
    });
    figma.ui.postMessage({ type: "bye" });
    figma.closePlugin("Map generated");
    expect(closedWith).toBe("Page 1");
    expect(emulator.closed).toBe(true);
    expect(emulator.closeMessage).toBe("Map generated");
    expect(emulator.panel.isOpen).toBe(false);
    for (const use of [() => figma.currentPage, () => frame.name, () => figma.createRectangle(), () => figma.ui.postMessage(1)]) {
      expect(ruleIdOf(catchError(use))).toBe("api.closed");
    }
    await emulator.settle();
    expect(emulator.panel.received).toEqual([]);
  });

  it("relaunch starts a new run on the same document: pages and fonts must be loaded again", async () => {
    const emulator = createFigmaEmulator({ pages: ["Map", "Archive"], command: "open" });
    const first = emulator.figma;
    await first.loadFontAsync({ family: "Inter", style: "Regular" });
    const title = first.createText();
    title.characters = "Checkout journey";
    await first.loadAllPagesAsync();
    await first.clientStorage.setAsync("draft", { title: "Checkout" });
    first.closePlugin();
    const panel = emulator.panel;
    emulator.relaunch({ command: "rescore" });
    expect(emulator.panel).toBe(panel);
    const second = emulator.figma;
    expect(second).not.toBe(first);
    expect(second.command).toBe("rescore");
    expect(() => first.currentPage).toThrow(/closed/);
    expect(second.currentPage.children).toEqual([title]);
    expect(() => second.root.children[1]?.children).toThrow(/not been explicitly loaded/);
    expect(() => (title.characters = "Again")).toThrow(/unloaded font/);
    expect(await second.clientStorage.getAsync("draft")).toEqual({ title: "Checkout" });
  });
});

describe("clientStorage", () => {
  it("stores structured clones, lists and deletes keys, and resolves undefined for missing keys", async () => {
    const emulator = createFigmaEmulator({ clientStorage: { seeded: 1 } });
    const storage = emulator.figma.clientStorage;
    const draft = { stages: ["Awareness"], bytes: new Uint8Array([7]) };
    await storage.setAsync("draft", draft);
    draft.stages.push("changed");
    const read = (await storage.getAsync("draft")) as { stages: string[] };
    expect(read).toEqual({ stages: ["Awareness"], bytes: new Uint8Array([7]) });
    read.stages.push("changed again");
    expect(await storage.getAsync("draft")).toEqual({ stages: ["Awareness"], bytes: new Uint8Array([7]) });
    expect(await storage.keysAsync()).toEqual(["seeded", "draft"]);
    await storage.deleteAsync("draft");
    await storage.deleteAsync("never-stored");
    expect(await storage.getAsync("draft")).toBeUndefined();
    expect(emulator.clientStorageBytes).toBe("seeded".length + 1);
  });

  it("rejects functions and Maps, and writes over the 5 MB quota", async () => {
    const storage = createFigmaEmulator().figma.clientStorage;
    await expect(storage.setAsync("f", { run: () => 1 })).rejects.toThrow(/Cannot send a function at value\.run/);
    await storage.setAsync("half", "x".repeat(3 * 1024 * 1024));
    await expect(storage.setAsync("more", "x".repeat(3 * 1024 * 1024))).rejects.toThrow(/quota is 5242880 bytes/);
    await storage.setAsync("half", "x".repeat(4 * 1024 * 1024));
  });

  it("judges writes sent in one turn against the quota in the order they land", async () => {
    const emulator = createFigmaEmulator();
    const storage = emulator.figma.clientStorage;
    const first = storage.setAsync("a", "x".repeat(3 * 1024 * 1024));
    const second = storage.setAsync("b", "x".repeat(3 * 1024 * 1024));
    await first;
    await expect(second).rejects.toThrow(/Storing "b" would use \d+ bytes; the quota is 5242880 bytes/);
    expect(await storage.keysAsync()).toEqual(["a"]);
    expect(emulator.clientStorageBytes).toBeLessThanOrEqual(5 * 1024 * 1024);
  });

  it("counts an entry as its key and JSON, a Uint8Array as its bytes, and names where a value cannot go", async () => {
    const emulator = createFigmaEmulator();
    const storage = emulator.figma.clientStorage;
    await storage.setAsync("plain", { rows: [{ text: "é", rating: 4 }] });
    expect(emulator.clientStorageBytes).toBe("plain".length + new TextEncoder().encode(JSON.stringify({ rows: [{ text: "é", rating: 4 }] })).length);
    await storage.deleteAsync("plain");
    await storage.setAsync("bytes", { data: new Uint8Array(10) });
    expect(emulator.clientStorageBytes).toBe("bytes".length + JSON.stringify({ data: "#".repeat(10) }).length);
    await expect(storage.setAsync("deep", { rows: [{ ok: 1 }, { cells: [1, new Map()] }] })).rejects.toThrow(/Cannot send a Map at value\.rows\[1\]\.cells\[1\]/);
  });
});

describe("notifications, undo and instrumentation", () => {
  it("notify records the message (shown to 100 characters) and returns cancel()", () => {
    const emulator = createFigmaEmulator();
    const seen: string[] = [];
    emulator.onNotify((message) => seen.push(message));
    const handle = emulator.figma.notify("Row 17, column Rating: 'high' is not a number", { error: true, timeout: 5000 });
    emulator.figma.notify("x".repeat(150));
    handle.cancel();
    expect(emulator.notifications[0]).toMatchObject({ error: true, timeout: 5000, cancelled: true });
    expect(emulator.notifications[1]?.shown).toHaveLength(100);
    expect(seen).toHaveLength(2);
  });

  it("counts undo steps: changes between commitUndo calls, plus what is pending", () => {
    const emulator = createFigmaEmulator();
    const { figma } = emulator;
    const frame = figma.createFrame();
    figma.createRectangle();
    figma.commitUndo();
    figma.commitUndo();
    expect(emulator.undo.steps).toBe(1);
    frame.name = "Journey map";
    frame.resize(400, 300);
    expect(emulator.undo.pendingChanges).toBe(2);
    expect(emulator.undo.steps).toBe(2);
    figma.commitUndo();
    expect(emulator.undo.committedSteps).toHaveLength(2);
    expect(emulator.undo.pendingChanges).toBe(0);
  });

  it("a write that throws is a call, not a change", () => {
    const emulator = createFigmaEmulator();
    const frame = emulator.figma.createFrame();
    const pending = emulator.undo.pendingChanges;
    const calls = emulator.stats.apiCalls;
    emulator.stats.resetWrites();
    expect(() => (frame.opacity = 3)).toThrow();
    expect(emulator.undo.pendingChanges).toBe(pending);
    expect(emulator.stats.apiCalls).toBe(calls + 1);
    expect(emulator.stats.writtenNodeIds.size).toBe(0);
  });

  it("counts API calls, nodes created, font loads and the nodes written since resetWrites()", async () => {
    const emulator = createFigmaEmulator();
    const { figma, stats } = emulator;
    await Promise.all([
      figma.loadFontAsync({ family: "Inter", style: "Regular" }),
      figma.loadFontAsync({ family: "Inter", style: "Regular" }),
      figma.loadFontAsync({ family: "Inter", style: "Bold" }),
    ]);
    const a = figma.createFrame();
    const b = figma.createText();
    expect(stats.nodesCreated).toBe(2);
    expect(stats.fontLoadCalls).toBe(3);
    expect([...stats.fontsLoaded]).toEqual(["Inter Regular", "Inter Bold"]);
    stats.resetWrites();
    const callsBefore = stats.apiCalls;
    void a.name;
    void a.width;
    expect(stats.apiCalls).toBe(callsBefore);
    b.characters = "Rank 1";
    a.appendChild(b);
    expect(stats.apiCalls).toBe(callsBefore + 2);
    expect(stats.callsByName.get("set_characters")).toBe(1);
    expect([...stats.writtenNodeIds].sort()).toEqual([a.id, b.id, figma.currentPage.id].sort());
  });

  it("tells the local host about UI, storage and document changes", async () => {
    const emulator = createFigmaEmulator();
    const shown: number[] = [];
    const resized: number[][] = [];
    const snapshots: unknown[] = [];
    emulator.onShowUI((ui) => shown.push(ui.width));
    emulator.onResizeUI((w, h) => resized.push([w, h]));
    emulator.onClientStorageChange(() => snapshots.push(emulator.clientStorageSnapshot()));
    emulator.figma.showUI("<p/>", { width: 360 });
    emulator.figma.ui.resize(400, 500);
    await emulator.figma.clientStorage.setAsync("draft", 1);
    const version = emulator.version;
    emulator.figma.createFrame();
    expect(emulator.version).toBeGreaterThan(version);
    expect(shown).toEqual([360]);
    expect(resized).toEqual([[400, 500]]);
    expect(snapshots).toEqual([{ draft: 1 }]);
  });
});

describe("viewport, util and base64", () => {
  it("records scrollAndZoomIntoView, builds paints from hex, and round-trips base64", () => {
    const emulator = createFigmaEmulator();
    const { figma } = emulator;
    const frame = figma.createFrame();
    figma.viewport.scrollAndZoomIntoView([frame]);
    expect(emulator.viewportCalls).toEqual([[frame.id]]);
    expect(figma.util.rgb("#2F6FE4")).toEqual({ r: 0x2f / 255, g: 0x6f / 255, b: 0xe4 / 255 });
    expect(figma.util.solidPaint("#FF000080")).toMatchObject({ type: "SOLID", color: { r: 1, g: 0, b: 0 }, opacity: 128 / 255 });
    expect(() => figma.util.rgb("#GGG")).toThrow(/Invalid color string/);
    expect(figma.base64Decode(figma.base64Encode(new Uint8Array([0, 200, 255])))).toEqual(new Uint8Array([0, 200, 255]));
  });
});

function catchError(action: () => unknown): unknown {
  try {
    action();
  } catch (error) {
    return error;
  }
  return undefined;
}
