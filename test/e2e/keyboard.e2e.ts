import type { Frame } from "playwright-core";
import { describe, expect, it } from "vitest";
import { openSection, panelFrame, saveScreenshot } from "./host";
import { useHost } from "./use-host";

const openPanel = useHost();

/** Controls the keyboard reaches in the panel that have no accessible name (a rough, strict reading). */
async function unnamedControls(panel: Frame): Promise<string[]> {
  return panel.locator("input, select, textarea, button, [tabindex='0']").evaluateAll((elements) =>
    elements
      .filter((e) => (e as HTMLElement).offsetParent !== null || e.matches("input[type=radio], input[type=checkbox]"))
      .filter((e) => {
        const byIds = (e.getAttribute("aria-labelledby") ?? "")
          .split(" ")
          .map((id) => document.getElementById(id)?.textContent ?? "")
          .join("");
        const byFor = e.id ? (document.querySelector(`label[for="${e.id}"]`)?.textContent ?? "") : "";
        const wrapping = e.closest("label")?.textContent ?? "";
        const own = e.tagName === "BUTTON" ? (e.textContent ?? "") : "";
        return [e.getAttribute("aria-label") ?? "", byIds, byFor, wrapping, own, e.getAttribute("title") ?? ""].join("").trim() === "";
      })
      .map((e) => e.outerHTML.slice(0, 120)),
  );
}

describe("keyboard and labels", () => {
  it("names every control, moves stages with Alt+arrows, shows focus, and resizes from the keyboard", async () => {
    const { page, panel, errors } = await openPanel();

    for (const section of ["Journey", "Personas", "Feedback", "Insights", "Priorities", "Canvas"] as const) {
      await openSection(panel, section);
      // Open the first card of a section, so that its fields are checked too.
      const toggle = panel.locator("main .card-toggle").first();
      if ((await toggle.count()) > 0) await toggle.click();
      expect(await unnamedControls(panel), section).toEqual([]);
    }

    // Reordering a stage from the keyboard; focus stays on the stage.
    await openSection(panel, "Journey");
    const first = panel.locator("section.card[aria-label^='Stage 1:']");
    const name = ((await first.getAttribute("aria-label")) ?? "").replace(/^Stage 1: /, "");
    // Reached with Tab, as a keyboard user does (so the browser shows focus).
    await first.locator(".card-toggle").focus();
    await page.keyboard.press("Shift+Tab");
    await page.keyboard.press("Tab");
    await page.keyboard.press("Alt+ArrowDown");
    await expect.poll(() => panel.locator("section.card[aria-label^='Stage 2:']").getAttribute("aria-label")).toBe(`Stage 2: ${name}`);
    const focusedElement = () =>
      panel.evaluate(() => {
        const active = document.activeElement;
        return { label: active?.closest("section")?.getAttribute("aria-label") ?? "", outline: active ? getComputedStyle(active).outlineStyle : "none" };
      });
    await expect.poll(async () => (await focusedElement()).label).toBe(`Stage 2: ${name}`);
    expect((await focusedElement()).outline).not.toBe("none");
    await panel.getByRole("status").getByText(`Moved stage “${name}” to position 2`).waitFor();

    // The window: the corner handle resizes it, and the size is remembered.
    const before = Number(await page.locator("#panel").getAttribute("width"));
    await panel.getByRole("button", { name: "Resize the panel (arrow keys)" }).focus();
    await page.keyboard.press("Shift+ArrowRight");
    await expect.poll(async () => Number(await page.locator("#panel").getAttribute("width"))).toBe(before + 50);
    await saveScreenshot(page, "keyboard");

    await page.reload();
    await panelFrame(page);
    expect(Number(await page.locator("#panel").getAttribute("width"))).toBe(before + 50);
    expect(errors).toEqual([]);
  });
});
