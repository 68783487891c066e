import { describe, expect, it } from "vitest";
import { openSection, saveScreenshot } from "./host";
import { useHost } from "./use-host";

const openPanel = useHost();

describe("local host", () => {
  it('draws a map with a column per stage when "Generate map" is clicked', async () => {
    const { page, panel, errors } = await openPanel();
    const labels = await panel.locator("section.card[aria-label^='Stage ']").evaluateAll((cards) => cards.map((c) => c.getAttribute("aria-label") ?? ""));
    const stageNames = labels.map((label) => label.replace(/^Stage \d+: /, ""));
    expect(stageNames.length).toBeGreaterThanOrEqual(3);

    await openSection(panel, "Canvas");
    await panel.getByRole("button", { name: "Generate map" }).click();
    await panel.getByRole("log").getByText(/Map drawn: \d+ layers created/).waitFor();

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

    // The panel knows the map is on the page now: "Update map" is offered.
    await expect.poll(() => panel.getByRole("button", { name: "Update map" }).isEnabled()).toBe(true);

    // The panel follows the selection: selecting the map frame names it in the Canvas section.
    await page.evaluate(() => {
      const map = figma.currentPage.children.find((n) => n.name.startsWith("Journey map — "));
      if (map) figma.currentPage.selection = [map];
    });
    await expect.poll(() => panel.getByTestId("selection").innerText()).toMatch(/^Selected on the canvas: .+ \(this map\)\.$/);

    await saveScreenshot(page, "generate-map");
    expect(errors).toEqual([]);
  });
});
