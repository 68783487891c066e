import { describe, expect, it } from "vitest";
import type { Frame } from "playwright-core";
import { openSection, saveScreenshot } from "./host";
import { useHost } from "./use-host";

const openPanel = useHost();

/** Relative luminance (0 black … 1 white) of a computed CSS colour like "rgb(44, 44, 44)". */
function luminance(color: string): number {
  const [r = 0, g = 0, b = 0] = (color.match(/[\d.]+/g) ?? []).map(Number);
  const channel = (c: number) => {
    const s = c / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
}

async function colours(panel: Frame) {
  return panel.evaluate(() => {
    const body = getComputedStyle(document.body);
    const title = document.querySelector("h2");
    return {
      theme: document.documentElement.className,
      background: body.backgroundColor,
      text: title ? getComputedStyle(title).color : "",
    };
  });
}

describe("themes", () => {
  it("renders Figma's dark theme when Figma switches to it", async () => {
    const { page, panel, errors } = await openPanel();
    await openSection(panel, "Insights");

    const light = await colours(panel);
    expect(light.theme).toContain("figma-light");
    expect(luminance(light.background)).toBeGreaterThan(0.8);

    await page.getByLabel("Dark theme").check();
    await expect.poll(async () => (await colours(panel)).theme).toContain("figma-dark");
    const dark = await colours(panel);
    expect(luminance(dark.background)).toBeLessThan(0.1);
    expect(luminance(dark.text)).toBeGreaterThan(0.5);

    await saveScreenshot(page, "dark-theme");
    expect(errors).toEqual([]);
  });
});
