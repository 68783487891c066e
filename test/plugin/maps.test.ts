/**
 * Several maps in a file: on one page and across pages, which map a request means, listing maps
 * (other pages load only when asked), and the relaunch buttons on a map frame.
 */
import { describe, expect, it } from "vitest";
import { NAMESPACE } from "../../plugin/plugin-data";
import { askFailure, copyOf, generate, mapFrames, nodeByKey, readMap, rescore, runCommand, textByKey, userActs } from "./canvas-actions";
import { ask, launchPlugin, sampleJourney } from "./harness";

function second() {
  return { ...copyOf(sampleJourney()), id: "map_second", title: "Second journey" };
}

describe("several maps on a page", () => {
  it("reads the map that holds the selection, and refuses a selection across two maps", async () => {
    const plugin = await launchPlugin();
    const first = await generate(plugin, sampleJourney());
    const other = await generate(plugin, second());
    expect(mapFrames(plugin.emulator.figma)).toEqual([first, other]);

    plugin.emulator.select([nodeByKey(other, "painPoint/pp_promo_code/title")]);
    expect((await readMap(plugin)).model.id).toBe("map_second");
    plugin.emulator.select([nodeByKey(first, "cell/lane_pain_points/stage_checkout")]);
    expect((await readMap(plugin)).model.id).toBe(sampleJourney().id);

    plugin.emulator.select([nodeByKey(first, "painPoint/pp_promo_code"), nodeByKey(other, "painPoint/pp_promo_code")]);
    expect(await askFailure(plugin, { type: "read-map" })).toBe("The selection spans 2 journey maps: select one map.");
  });

  it("reads the map whose priority matrix is selected (the frames beside a map carry its id)", async () => {
    const plugin = await launchPlugin();
    await generate(plugin, sampleJourney());
    await generate(plugin, second());
    const page = plugin.emulator.figma.currentPage;
    const matrices = page.children.filter((n) => n.getSharedPluginData(NAMESPACE, "role") === "matrix");
    expect(matrices.map((m) => m.getSharedPluginData(NAMESPACE, "mapId"))).toEqual([sampleJourney().id, "map_second"]);
    plugin.emulator.select([matrices[1] as SceneNode]);
    expect((await readMap(plugin)).model.id).toBe("map_second");
    plugin.emulator.select([nodeByKey(matrices[0] as SceneNode, "matrix/pp_promo_code")]);
    expect((await readMap(plugin)).model.id).toBe(sampleJourney().id);
  });

  it("re-scores a copied map frame as a map of its own, with its own frames beside it", async () => {
    const plugin = await launchPlugin();
    const { emulator } = plugin;
    const original = await generate(plugin, sampleJourney());
    const page = emulator.figma.currentPage;
    const originalMatrix = page.children.find((n) => n.getSharedPluginData(NAMESPACE, "role") === "matrix");
    const copy = emulator.userDuplicate(original);
    emulator.userEditText(textByKey(copy, "painPoint/pp_review_timing/severity"), "5");
    emulator.select([copy]);
    const reply = await rescore(plugin);
    expect(reply.nodeId).toBe(copy.id);
    expect(reply.model.id).not.toBe(sampleJourney().id);
    expect(reply.summary).toMatch(/the copied map got its own id$/);
    const matrices = page.children.filter((n) => n.getSharedPluginData(NAMESPACE, "role") === "matrix");
    expect(matrices.map((m) => m.getSharedPluginData(NAMESPACE, "mapId"))).toEqual([sampleJourney().id, reply.model.id]);
    expect(matrices[0]).toBe(originalMatrix);
    // The original is as it was.
    expect(textByKey(original, "painPoint/pp_review_timing/severity").characters).toBe("2");
    emulator.select([original]);
    expect((await readMap(plugin)).model).toEqual(sampleJourney());
  });

  it("updates each map from its own model, leaving the other as it is", async () => {
    const plugin = await launchPlugin();
    const first = await generate(plugin, sampleJourney());
    const other = await generate(plugin, second());
    const changed = second();
    changed.title = "Second journey, revised";
    await generate(plugin, changed);
    expect(other.name).toBe("Journey map — Second journey, revised");
    expect(first.name).toBe(`Journey map — ${sampleJourney().title}`);
  });

  it("places a new map beside the others, never on top of them", async () => {
    const plugin = await launchPlugin();
    const first = await generate(plugin, sampleJourney());
    const other = await generate(plugin, second());
    expect(other.x).toBeGreaterThanOrEqual(first.x + first.width);
  });
});

describe("maps across pages", () => {
  async function twoPages() {
    const plugin = await launchPlugin({ pages: ["Journeys", "Archive"] });
    const [journeys, archive] = plugin.emulator.figma.root.children;
    if (!journeys || !archive) throw new Error("no pages");
    await generate(plugin, sampleJourney());
    plugin.emulator.userSetCurrentPage(archive);
    await plugin.emulator.settle();
    await generate(plugin, second());
    plugin.emulator.userSetCurrentPage(journeys);
    // A new run: only the current page is loaded, as when the person opens the plugin again.
    await runCommand(plugin, "open");
    plugin.emulator.panel.postMessage({ type: "panel-ready" });
    await plugin.emulator.settle();
    return { plugin, journeys, archive };
  }

  it("lists the current page's maps without loading other pages", async () => {
    const { plugin, journeys } = await twoPages();
    const reply = await ask(plugin, { type: "list-maps", allPages: false });
    expect(reply).toEqual({
      kind: "maps",
      maps: [
        {
          nodeId: mapFrames(plugin.emulator.figma)[0]?.id,
          mapId: sampleJourney().id,
          title: sampleJourney().title,
          pageId: journeys.id,
          pageName: "Journeys",
        },
      ],
    });
    expect(plugin.emulator.stats.callsByName.get("figma.loadAllPagesAsync") ?? 0).toBe(0);
  });

  it("lists every page's maps when asked, loading the pages then", async () => {
    const { plugin } = await twoPages();
    const reply = await ask(plugin, { type: "list-maps", allPages: true });
    if (reply.kind !== "maps") throw new Error(reply.kind);
    expect(reply.maps.map((m) => [m.pageName, m.mapId, m.title])).toEqual([
      ["Journeys", sampleJourney().id, sampleJourney().title],
      ["Archive", "map_second", "Second journey"],
    ]);
    expect(plugin.emulator.stats.callsByName.get("figma.loadAllPagesAsync")).toBe(1);
  });
});

describe("relaunch buttons", () => {
  it("gives the map frame 'Open Journey Mapper' and 'Re-score' relaunch data", async () => {
    const plugin = await launchPlugin();
    const frame = await generate(plugin, sampleJourney());
    expect(Object.keys(frame.getRelaunchData()).sort()).toEqual(["open", "rescore"]);
    for (const description of Object.values(frame.getRelaunchData())) expect(description.length).toBeGreaterThan(0);
  });

  it("opens the panel from the 'open' button", async () => {
    const plugin = await launchPlugin();
    await generate(plugin, sampleJourney());
    await runCommand(plugin, "open");
    expect(plugin.emulator.ui?.visible).toBe(true);
    expect(plugin.emulator.closed).toBe(false);
  });
});

describe("a map on another page than its original", () => {
  async function mapAndCopyOnAnotherPage() {
    const plugin = await launchPlugin({ pages: ["Journeys", "Workshop"] });
    const { emulator } = plugin;
    const [journeys, workshop] = emulator.figma.root.children;
    if (!journeys || !workshop) throw new Error("no pages");
    const model = sampleJourney();
    const original = await generate(plugin, model);
    return { plugin, emulator, journeys, workshop, model, original };
  }

  it("takes a map pasted on another page for a copy: reading it gives it a map id of its own", async () => {
    const { plugin, emulator, journeys, workshop, model, original } = await mapAndCopyOnAnotherPage();
    const copy = emulator.userDuplicate(original);
    emulator.userSetCurrentPage(workshop);
    userActs(emulator, () => workshop.appendChild(copy));
    emulator.select([copy]);
    const read = await readMap(plugin);
    expect(read.nodeId).toBe(copy.id);
    expect(read.model.id).not.toBe(model.id);
    expect(copy.getSharedPluginData(NAMESPACE, "mapId")).toBe(read.model.id);
    // The original, and the frames beside it on its page, keep the map's id.
    expect(original.getSharedPluginData(NAMESPACE, "mapId")).toBe(model.id);
    expect(journeys.children.filter((n) => n.getSharedPluginData(NAMESPACE, "mapId") === model.id).length).toBeGreaterThan(1);
    emulator.userSetCurrentPage(journeys);
    emulator.select([original]);
    expect((await readMap(plugin)).model.id).toBe(model.id);
  });

  it("keeps the map's id on a copy whose original was deleted, and on a map moved to another page", async () => {
    const first = await mapAndCopyOnAnotherPage();
    const copy = first.emulator.userDuplicate(first.original);
    first.emulator.userSetCurrentPage(first.workshop);
    userActs(first.emulator, () => first.workshop.appendChild(copy));
    first.emulator.userDelete(first.original);
    first.emulator.select([copy]);
    expect((await readMap(first.plugin)).model.id).toBe(first.model.id);

    const second = await mapAndCopyOnAnotherPage();
    second.emulator.userSetCurrentPage(second.workshop);
    userActs(second.emulator, () => second.workshop.appendChild(second.original));
    second.emulator.select([second.original]);
    expect((await readMap(second.plugin)).model.id).toBe(second.model.id);
  });
});
