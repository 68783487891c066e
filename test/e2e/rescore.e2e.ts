import { describe, expect, it } from "vitest";
import { openSection, saveScreenshot } from "./host";
import { useHost } from "./use-host";

const openPanel = useHost();

const TITLE = "Review request arrives before the parcel";

describe("re-score from the canvas", () => {
  it('edits a severity on a pain-point card, presses "Re-score" and shows the new rank', async () => {
    const { page, panel, errors } = await openPanel();

    // Its rank before: the sample ranks it third (severity 2, effort 1).
    await openSection(panel, "Priorities");
    const item = panel.locator(`li.ranked-item[aria-label$=": ${TITLE}"]`);
    const before = Number((await item.getByTestId("rank").innerText()).replace("#", ""));
    expect(before).toBeGreaterThan(1);

    await openSection(panel, "Canvas");
    await panel.getByRole("button", { name: "Generate map" }).click();
    await panel.getByRole("log").getByText(/Map drawn/).waitFor();

    // A researcher raises the severity on the card, as a person edits a text layer.
    const edited = await page.evaluate(async (title) => {
      const map = figma.currentPage.children.find((n) => n.name.startsWith("Journey map — "));
      if (!map || !("findOne" in map)) return "no map frame";
      const card = map.findOne((n) => n.name === `Pain point: ${title}`);
      if (!card) return "no card";
      const id = card.getSharedPluginData("journeymap", "entity");
      const severity = map.findOne(
        (n) => n.type === "TEXT" && n.getSharedPluginData("journeymap", "key") === `painPoint/${id}/severity`,
      );
      if (!severity || severity.type !== "TEXT") return "no severity text";
      if (severity.name !== "Severity") return `the severity text is named ${severity.name}`;
      window.emulator.userEditText(severity, "5");
      return severity.characters;
    }, TITLE);
    expect(edited).toBe("5");

    await panel.getByRole("button", { name: "Re-score" }).click();
    const result = panel.getByRole("log").locator("li").first();
    await expect.poll(() => result.innerText()).not.toMatch(/^$/);
    expect(await result.getAttribute("class")).not.toBe("error-text");

    // The panel shows the map as re-scored: the pain point moved up.
    await openSection(panel, "Priorities");
    const after = Number((await item.getByTestId("rank").innerText()).replace("#", ""));
    expect(after).toBeLessThan(before);
    expect(await item.getByLabel("Severity").inputValue()).toBe("5");

    await saveScreenshot(page, "rescore");
    expect(errors).toEqual([]);
  });
});
