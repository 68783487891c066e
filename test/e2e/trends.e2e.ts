/**
 * Trends, segments and KPI history in Insights, on the sample journey (feedback from June to
 * October 2026, so "auto" picks months): a line per stage, the period picker saved in the journey,
 * two personas side by side, and a KPI's new current value added to its history.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import type { Frame } from "playwright-core";
import { describe, expect, it } from "vitest";
import { openSection, root, saveScreenshot } from "./host";
import { useHost } from "./use-host";

/** Opens the sample journey through Import JSON, as a person would. */
async function openSample(panel: Frame): Promise<void> {
  const json = readFileSync(path.join(root, "examples/sample-journey.json"));
  await openSection(panel, "Canvas");
  await panel.locator("input[type=file][accept*='json']").setInputFiles({ name: "sample-journey.json", mimeType: "application/json", buffer: json });
  await openSection(panel, "Insights");
}

const openPanel = useHost();

describe("trends in Insights", () => {
  it("draws each stage's figure by month, switches to weeks, and keeps the choice", async () => {
    const { page, panel, errors } = await openPanel();
    await openSample(panel);
    const stages = panel.getByRole("region", { name: "Trends per stage" });
    await stages.waitFor();
    // Checkout's CSAT by month (hand-checked from the sample: 4 of 24, 5 of 24 … see test/shared/trends.test.ts's rules).
    const line = stages.getByRole("img", { name: /^CSAT of Checkout:/ });
    expect(await line.getAttribute("aria-label")).toBe("CSAT of Checkout: Jun 2026 17 %, Jul 2026 21 %, Aug 2026 23 %, Sep 2026 36 %, Oct 2026 36 %");
    expect(await stages.locator("thead th").allInnerTexts()).toEqual(["Stage", "Trend", "Oct 2026", "Change"]);
    // No change in the sample is significant: every stage says so, with both figures and n.
    const changes = await stages.locator("tbody td:last-child span").allInnerTexts();
    expect(changes.length).toBe(6);
    expect(new Set(changes)).toEqual(new Set(["no clear change"]));
    await expect.poll(() => stages.locator("tbody tr", { hasText: "Checkout" }).innerText()).toContain("CSAT 36 % → 36 %, n 11 → 14");

    await panel.getByRole("radiogroup", { name: "Period" }).getByText("Week", { exact: true }).click();
    // 31 Oct 2026 is a Saturday in ISO week 44.
    await expect.poll(() => stages.locator("thead th").nth(2).innerText()).toBe("W44 2026");
    await openSection(panel, "Journey");
    await openSection(panel, "Insights");
    expect(await panel.getByRole("radiogroup", { name: "Period" }).getByRole("radio", { name: "Week" }).isChecked()).toBe(true);
    await stages.scrollIntoViewIfNeeded();
    await saveScreenshot(page, "insights-trends");
    expect(errors).toEqual([]);
  });

  it("compares two personas side by side", async () => {
    const { panel, errors } = await openPanel();
    await openSample(panel);
    const table = panel.getByRole("region", { name: "Two segments side by side" });
    await table.waitFor();
    const head = await table.locator("thead th").allInnerTexts();
    expect(head[0]).toBe("Stage");
    expect(head.slice(1, 3).every((name) => ["Maya", "Daniel", "Priya", "No persona"].some((p) => name.startsWith(p)))).toBe(true);
    expect(await table.locator("tbody th").first().innerText()).toBe("All stages");
    expect(errors).toEqual([]);
  });

  it("adds a KPI's new current value to its history, with today's date, and draws it", async () => {
    const { panel, errors } = await openPanel();
    await openSample(panel);
    // The sample's click-through rate: 1.4, 1.7, 1.8, 1.9 on the first of July … October 2026.
    const before = "History of Ad click-through rate: 2026-07-01 1.4, 2026-08-01 1.7, 2026-09-01 1.8, 2026-10-01 1.9";
    await panel.getByRole("img", { name: before }).waitFor();
    await openSection(panel, "Journey");
    const stage = panel.locator("section.card[aria-label^='Stage 1:']");
    await stage.locator(".card-toggle").click();
    const current = panel.locator("#f-kpi_awareness_ctr-current");
    await current.fill("2.1");
    await current.press("Enter");
    await current.blur();
    const today = await panel.evaluate(() => {
      const d = new Date();
      return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, "0")}-${String(d.getDate()).padStart(2, "0")}`;
    });
    await openSection(panel, "Insights");
    await panel.getByRole("img", { name: `${before}, ${today} 2.1` }).waitFor();
    expect(errors).toEqual([]);
  });

  it("fits the trend and segment tables in the panel's default 420 px", async () => {
    const { page, panel, errors } = await openPanel();
    await page.evaluate(() => {
      const frame = document.getElementById("panel") as HTMLIFrameElement;
      frame.width = "420";
    });
    await openSample(panel);
    await panel.getByRole("region", { name: "Trends per touchpoint" }).waitFor();
    await panel.getByRole("region", { name: "Two segments side by side" }).waitFor();
    const overflowing = await panel
      .locator(".table-scroll")
      .evaluateAll((boxes) => boxes.filter((b) => b.scrollWidth > b.clientWidth + 1).map((b) => `${b.getAttribute("aria-label")}: ${b.scrollWidth} > ${b.clientWidth}`));
    expect(overflowing).toEqual([]);
    expect(errors).toEqual([]);
  });
});
