/**
 * The panel at the widths people give it: the default 420 px, and 300 px. Tables fit, the tabs all
 * show, the Undo bar sits in the flow, long journeys are drawn a page at a time, and a JSON file
 * that is no journey is named for what it is. Screenshots land in test-results/ (and, with
 * JM_SCREENSHOTS=docs, in docs/ for the README).
 */
import path from "node:path";
import { describe, expect, it } from "vitest";
import type { Frame, Page } from "playwright-core";
import { openSection, root } from "./host";
import { useHost } from "./use-host";
import { sampleJourney } from "../ui/sample";

const openPanel = useHost();

async function panelWidth(page: Page, width: number, height = 720): Promise<void> {
  await page.evaluate(
    ([w, h]) => {
      const frame = document.getElementById("panel") as HTMLIFrameElement;
      frame.width = String(w);
      frame.height = String(h);
    },
    [width, height],
  );
}

async function shoot(page: Page, name: string): Promise<void> {
  const panel = await page.$("#panel");
  if (panel === null) throw new Error("no panel");
  await panel.screenshot({ path: path.join(root, process.env.JM_SCREENSHOTS === "docs" ? "docs" : "test-results", `${name}.png`) });
}

async function importJson(panel: Frame, name: string, json: unknown): Promise<void> {
  await openSection(panel, "Canvas");
  await panel.locator("input[type=file][accept*='json']").setInputFiles({ name, mimeType: "application/json", buffer: Buffer.from(JSON.stringify(json)) });
}

describe("the panel's layout", () => {
  it("fits the Insights tables in 420 px, and shows every tab at 300 px", async () => {
    const { page, panel, errors } = await openPanel();
    await panelWidth(page, 420);
    await openSection(panel, "Insights");
    await panel.locator(".metrics-table").first().waitFor();
    await shoot(page, "panel-insights");
    const overflowing = await panel.locator(".table-scroll").evaluateAll((boxes) => boxes.filter((b) => b.scrollWidth > b.clientWidth + 1).map((b) => `${b.getAttribute("aria-label")}: ${b.scrollWidth} > ${b.clientWidth}`));
    expect(overflowing).toEqual([]);
    await expect.poll(() => panel.getByRole("columnheader", { name: "Quadrant" }).first().isVisible()).toBe(true);
    await shoot(page, "panel-insights");

    await panelWidth(page, 300);
    await openSection(panel, "Journey");
    const tabs = await panel.locator(".panel-tabs .tab").evaluateAll((labels) =>
      labels.map((l) => {
        const r = l.getBoundingClientRect();
        return { text: l.textContent, inside: r.right <= document.documentElement.clientWidth && r.width > 0 };
      }),
    );
    expect(tabs).toEqual(["Journey", "Personas", "Feedback", "Insights", "Priorities", "Canvas"].map((text) => ({ text, inside: true })));
    await openSection(panel, "Canvas");
    await shoot(page, "panel-narrow");
    expect(errors).toEqual([]);
  });

  it("draws a 20,000-stage journey a page at a time, with the Undo bar in the flow above the section", async () => {
    const { page, panel, errors } = await openPanel();
    await panelWidth(page, 420);
    const long = sampleJourney();
    const more = Array.from({ length: 20_000 - long.stages.length }, (_, i) => ({ id: `stage_more_${i}`, name: `Comment ${i + 1}`, objective: "", emotion: null }));
    long.stages = [...long.stages, ...more];
    await importJson(panel, "long.json", long);
    await panel.getByText(/^Imported “.*” from long\.json: 20,000 stages\.$/).waitFor({ timeout: 30_000 });

    await openSection(panel, "Journey");
    await expect.poll(() => panel.locator("section.card[aria-label^='Stage ']").count(), { timeout: 30_000 }).toBe(50);
    await panel.getByText("Stages 1–50 of 20,000").waitFor();
    await panel.getByRole("navigation", { name: "Pages of Stages" }).getByRole("button", { name: "Next" }).click();
    await panel.getByText("Stages 51–100 of 20,000").waitFor();
    expect(await panel.locator("section.card[aria-label^='Stage 51:']").count()).toBe(1);
    await panel.getByText("Stages 51–100 of 20,000").scrollIntoViewIfNeeded();
    await shoot(page, "panel-long-journey");

    // The Undo bar (the import replaced the map) sits between the tabs and the section, covering neither.
    const bar = await panel.locator(".undo-bar").boundingBox();
    const body = await panel.locator("main.panel-body").boundingBox();
    expect(bar !== null && body !== null && bar.y + bar.height <= body.y + 0.5).toBe(true);

    await openSection(panel, "Insights");
    await panel.getByText("Stages 1–50 of 20,000").first().waitFor({ timeout: 60_000 });
    expect(await panel.getByRole("region", { name: "Metrics per stage: gaps" }).locator("tbody tr").count()).toBe(50);
    expect(errors).toEqual([]);
  }, 180_000);

  it("says in words what a JSON file is when it is no journey, and warns gently about persona shares over 100 %", async () => {
    const { page, panel } = await openPanel();
    await panelWidth(page, 420);
    await importJson(panel, "package.json", { name: "shop", version: "1.0.0", scripts: {} });
    await panel.getByText("package.json could not be imported: this file holds a JSON object with name, version, scripts, not a journey map", { exact: false }).waitFor();
    // An error stays until the next message; a message of the moment goes when another section opens.
    await importJson(panel, "valid.json", sampleJourney());
    await panel.locator(".panel-footer .status").getByText(/^Imported “/).waitFor();
    await openSection(panel, "Journey");
    expect(await panel.locator(".panel-footer .status").innerText()).toBe("");

    const shares = sampleJourney();
    shares.personas = shares.personas.map((p, i) => ({ ...p, share: i === 0 ? 60 : 50 / (shares.personas.length - 1) }));
    await importJson(panel, "shares.json", shares);
    await openSection(panel, "Personas");
    await panel.getByText("The shares add up to 110 %, more than all customers: check them, unless these personas overlap.").waitFor();
    await shoot(page, "panel-persona-shares");
  });
});
