import { describe, expect, it } from "vitest";
import { openSection, saveScreenshot } from "./host";
import { useHost } from "./use-host";

const openPanel = useHost();

const TITLE = "Promo code rejected at checkout";
const OBJECTIVE = "Pay in one go, with every cost shown before the last step";

describe("Update map after edits on both sides", () => {
  it("keeps a severity typed on the canvas and a stage objective edited in the panel", async () => {
    const { page, panel, errors } = await openPanel();

    await openSection(panel, "Canvas");
    await panel.getByRole("button", { name: "Generate map" }).click();
    await panel.getByRole("log").getByText(/Map drawn/).waitFor();

    // On the canvas, a person types the severity down from 4 to 1, as one edits a text layer.
    const typed = await page.evaluate((title) => {
      const map = figma.currentPage.children.find((n) => n.name.startsWith("Journey map — "));
      if (!map || !("findOne" in map)) return "no map frame";
      const card = map.findOne((n) => n.name === `Pain point: ${title}`);
      if (!card) return "no card";
      const id = card.getSharedPluginData("journeymap", "entity");
      const severity = map.findOne((n) => n.type === "TEXT" && n.getSharedPluginData("journeymap", "key") === `painPoint/${id}/severity`);
      if (!severity || severity.type !== "TEXT") return "no severity text";
      if (severity.characters !== "4") return `the severity shows ${severity.characters}`;
      window.emulator.userEditText(severity, "1");
      return severity.characters;
    }, TITLE);
    expect(typed).toBe("1");

    // In the panel, the checkout stage's objective is edited.
    await openSection(panel, "Journey");
    const stage = panel.locator("section.card[aria-label$=': Checkout']");
    await stage.locator(".card-toggle").click();
    await stage.getByLabel("Objective").fill(OBJECTIVE);
    await stage.getByLabel("Objective").press("Tab");

    await openSection(panel, "Canvas");
    await panel.getByRole("button", { name: "Update map" }).click();
    const result = panel.getByRole("log").getByText(/Map updated/);
    await result.waitFor();
    expect(await result.innerText()).toMatch(/1 change made on the canvas kept\./);

    // Both are on the canvas …
    const onCanvas = await page.evaluate(() => {
      const map = figma.currentPage.children.find((n) => n.name.startsWith("Journey map — "));
      if (!map || !("findAll" in map)) return null;
      const text = (key: string) => {
        const node = map.findOne((n) => n.getSharedPluginData("journeymap", "key") === key);
        return node?.type === "TEXT" ? node.characters : null;
      };
      return { severity: text("painPoint/pp_promo_code/severity"), objective: text("stage/stage_checkout/objective") };
    });
    expect(onCanvas).toEqual({ severity: "1", objective: OBJECTIVE });
    // … and in the panel, which now edits the merged map.
    await openSection(panel, "Priorities");
    const item = panel.locator(`li.ranked-item[aria-label$=": ${TITLE}"]`);
    expect(await item.getByLabel("Severity").inputValue()).toBe("1");

    await saveScreenshot(page, "update-map-merge");
    expect(errors).toEqual([]);
  });
});
