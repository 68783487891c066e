import { describe, expect, it } from "vitest";
import { chooseOption, openSection, panelFrame, saveScreenshot } from "./host";
import { useHost } from "./use-host";

const openPanel = useHost();

/** A survey export large enough that its import is still running when the panel closes. */
function largeExport(rows: number): Buffer {
  const stages = ["Awareness", "Consideration", "Checkout", "Delivery", "Retention", "Advocacy"];
  const lines = ["Stage,Rating,Comment"];
  for (let i = 0; i < rows; i++) lines.push(`${stages[i % stages.length]},${(i % 5) + 1},"Comment ${i}, with a comma"`);
  return Buffer.from(`${lines.join("\r\n")}\r\n`);
}

describe("closing the panel during an import", () => {
  it("keeps the journey as it was before the import: nothing half-imported, nothing lost", async () => {
    const { page, panel } = await openPanel();

    // An edit made before the import is saved in the draft.
    await panel.getByLabel("Map title").fill("Northwind — before a big import");
    await expect.poll(() => panel.getByTestId("save-state").innerText()).toBe("Draft saved");
    await openSection(panel, "Feedback");
    const before = await panel.locator("h2, h3").filter({ hasText: /^Feedback \(/ }).first().innerText();

    await panel.getByLabel("Import CSV").setInputFiles({ name: "big-export.csv", mimeType: "text/csv", buffer: largeExport(150_000) });
    await panel.getByRole("button", { name: "Next: columns" }).click();
    await panel.getByRole("button", { name: "Next: scale" }).click();
    await chooseOption(panel, "wizard-scale", "1–5 (stars, CSAT)");
    await panel.getByRole("button", { name: /^Import [\d,]+ rows$/ }).click();
    await panel.getByRole("progressbar").waitFor();

    // The person closes the plugin while the import runs (the host reloads, as Figma discards the panel).
    await page.reload();
    const reopened = await panelFrame(page);
    await expect.poll(() => reopened.getByLabel("Map title").inputValue()).toBe("Northwind — before a big import");
    await openSection(reopened, "Feedback");
    const after = await reopened.locator("h2, h3").filter({ hasText: /^Feedback \(/ }).first().innerText();
    expect(after).toBe(before);
    await saveScreenshot(page, "close-during-import");
  });
});
