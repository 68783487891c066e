import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openHost, saveScreenshot, startHost, type Host } from "./host";

let host: Host;
beforeAll(async () => {
  host = await startHost();
});
afterAll(async () => {
  await host?.close();
});

describe("local host", () => {
  it('draws a map with a column per stage when "Generate map" is clicked', async () => {
    const { page, panel, errors } = await openHost(host);
    const stageNames = await panel.locator("ol[aria-label=Stages] > li > div:first-child").allTextContents();
    expect(stageNames.length).toBeGreaterThanOrEqual(3);

    await panel.getByRole("button", { name: "Generate map" }).click();
    await panel.getByText(/Map drawn/).waitFor();

    // The emulated document, inspected as a plugin would through window.figma.
    const canvas = await page.evaluate(() => {
      const maps = figma.currentPage.children.filter((n) => n.name.startsWith("Journey map — "));
      const map = maps[0];
      const stages =
        map && "findAll" in map ? map.findAll((n) => n.name.startsWith("Stage: ")).map((n) => n.name.slice(7)) : [];
      return { maps: maps.length, stages, role: map?.getSharedPluginData("journeymap", "role") };
    });
    expect(canvas.maps).toBe(1);
    expect(canvas.role).toBe("map");
    expect(canvas.stages).toEqual(stageNames);

    // The drawing shows the map: its stage names are drawn as SVG text.
    const drawn = await page.locator("#canvas svg text").allTextContents();
    for (const name of stageNames) expect(drawn.join("\n")).toContain(name);

    await saveScreenshot(page, "generate-map");
    expect(errors).toEqual([]);
  });
});
