import { describe, expect, it } from "vitest";
import { panelFrame, saveScreenshot } from "./host";
import { useHost } from "./use-host";

const openPanel = useHost();

describe("draft", () => {
  it("is saved as the person types and is still there after a reload, with a half-finished edit", async () => {
    const { page, panel, errors } = await openPanel();

    // A valid edit: the map's title.
    const title = panel.getByLabel("Map title");
    await title.fill("Northwind — draft kept across a reload");

    // An edit that is not valid yet: the first stage's name emptied. The map keeps the last valid
    // name; the field keeps the empty text and says what is wrong.
    const firstStage = panel.locator("section.card[aria-label^='Stage 1:']");
    await firstStage.locator(".card-toggle").click();
    await firstStage.getByLabel("Stage name").fill("");
    await firstStage.getByText("A stage needs a name").waitFor();

    await expect.poll(() => panel.getByTestId("save-state").innerText()).toBe("Draft saved");

    await page.reload();
    const reloaded = await panelFrame(page);
    await expect.poll(() => reloaded.getByLabel("Map title").inputValue()).toBe("Northwind — draft kept across a reload");
    const stage = reloaded.locator("section.card[aria-label^='Stage 1:']");
    await stage.locator(".card-toggle").click();
    expect(await stage.getByLabel("Stage name").inputValue()).toBe("");
    await stage.getByText("A stage needs a name").waitFor();

    // Typing a name again makes it valid, and it is saved.
    await stage.getByLabel("Stage name").fill("Discovery");
    await expect.poll(() => stage.getAttribute("aria-label")).toBe("Stage 1: Discovery");

    await saveScreenshot(page, "draft-reload");
    expect(errors).toEqual([]);
  });
});
