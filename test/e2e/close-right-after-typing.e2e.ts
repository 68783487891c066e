/**
 * Closing loses nothing (FIGMA_RULES section 11): Figma destroys the plugin when the person closes
 * it, and what the panel sends while closing never arrives. The panel saves as each change happens,
 * so an edit made right before closing is there when the plugin runs again.
 */
import { describe, expect, it } from "vitest";
import { panelFrame } from "./host";
import { useHost } from "./use-host";

const openPanel = useHost();

describe("closing the plugin right after typing", () => {
  it("keeps the edit: the plugin runs again with it, without waiting for \"Draft saved\"", async () => {
    const { page, panel, errors } = await openPanel();
    await panel.getByLabel("Map title").fill("Typed, then closed at once");
    await page.click("#close-plugin");
    expect(await page.evaluate(() => window.emulator.closed)).toBe(true);

    await page.click("#run-plugin");
    const reopened = await panelFrame(page);
    await expect.poll(() => reopened.getByLabel("Map title").inputValue()).toBe("Typed, then closed at once");
    expect(errors).toEqual([]);
  });

  it("what the panel sends while it is closing is dropped by the emulated Figma", async () => {
    const { page, panel } = await openPanel();
    // Changes sent but not yet stored when the plugin closes are lost; the emulator keeps what never arrived.
    await panel.getByLabel("Map title").fill("Another title");
    await page.evaluate(() => {
      window.emulator.userClosePlugin();
      window.emulator.panel.postMessage({ type: "save-draft", requestId: "late", draft: "{}" });
    });
    expect(await page.evaluate(() => window.emulator.panel.dropped.length)).toBeGreaterThan(0);
  });
});
