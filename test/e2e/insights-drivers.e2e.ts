/**
 * Insights with an outcome question: stated and derived importance side by side per touchpoint, the
 * key drivers with r, its 95% interval and n, the choice of importance for gaps and quadrants, and
 * each stage's figures with their 95% half-widths. The journey is the hand-worked one of
 * test/shared/importance.test.ts: five respondents, Tracking r = 0.9 (0.09 to 0.99, a driver),
 * Courier r = 0.3 (−0.79 to 0.93, not a driver yet), Chat answered by three (too few).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Frame } from "playwright-core";
import type { Feedback, JourneyMap } from "../../shared/model";
import { STARS, buildMap, rated, stage, touchpoint } from "../shared/builders";
import { openHost, openSection, startHost, type Host } from "./host";

let host: Host;
beforeAll(async () => {
  host = await startHost();
});
afterAll(async () => {
  await host?.close();
});

function surveyed(): JourneyMap {
  const rows: Feedback[] = [];
  const answer = (who: number, where: string, stars: number) =>
    rows.push({ ...rated(`${where}_${who}`, stars, STARS, { touchpointId: where }), respondentId: `r${who}` });
  [1, 2, 3, 4, 5].forEach((stars, i) => answer(i, "o", stars));
  [1, 3, 2, 4, 5].forEach((stars, i) => answer(i, "a", stars));
  [3, 1, 5, 2, 4].forEach((stars, i) => answer(i, "b", stars));
  [2, 4, 5].forEach((stars, i) => answer(i, "c", stars));
  return buildMap({
    id: "map_drivers",
    title: "Parcel delivery",
    stages: [stage("s1", "Delivery"), stage("s2", "Support")],
    touchpoints: [
      touchpoint("a", "s1", 2, "Tracking"),
      touchpoint("b", "s1", 5, "Courier"),
      touchpoint("c", "s2", 4, "Chat"),
      { ...touchpoint("o", "s2", 3, "Overall satisfaction"), measure: "outcome" },
    ],
    feedback: rows,
  });
}

async function importJson(panel: Frame, json: unknown): Promise<void> {
  await openSection(panel, "Canvas");
  await panel.locator("input[type=file][accept*='json']").setInputFiles({ name: "parcel.json", mimeType: "application/json", buffer: Buffer.from(JSON.stringify(json)) });
}

const cells = (text: string) => text.split(/\t|\n/).map((cell) => cell.trim()).filter((cell) => cell !== "");

describe("Insights: importance, stated and derived, and key drivers", () => {
  it("shows both importances side by side with the drivers' figures, and uses the one chosen", async () => {
    const { page, panel, errors } = await openHost(host);
    // The panel's default width: the drivers' table fits it.
    await page.evaluate(() => {
      (document.getElementById("panel") as HTMLIFrameElement).width = "420";
    });
    await importJson(panel, surveyed());
    await openSection(panel, "Insights");

    const drivers = panel.getByRole("region", { name: "Key drivers" });
    await drivers.waitFor();
    const rows = (await drivers.locator("tbody tr").allInnerTexts()).map(cells);
    expect(rows).toEqual([
      ["Tracking", "2.0", "4.6", "0.90 (0.09 to 0.99)", "5", "#1"],
      ["Courier", "5.0", "2.2", "0.30 (−0.79 to 0.93)", "5", "not a driver (yet)"],
      // Three pairs: r = 0.98 but no interval, no derived importance, no rank.
      ["Chat", "4.0", "—", "0.98", "3", "too few answers"],
    ]);
    await panel.getByText(/command line reports them with/).waitFor();
    expect(await drivers.evaluate((box) => box.scrollWidth <= box.clientWidth + 1)).toBe(true);

    // Stated by default: Tracking's importance in the gap table is the stated 2.
    const gaps = panel.getByRole("region", { name: "Metrics per touchpoint: gaps" });
    const tracking = () => gaps.locator("tbody tr").first().innerText().then(cells);
    expect((await tracking()).slice(0, 4)).toEqual(["Tracking", "Delivery", "3.00", "2.0"]);
    await panel.getByRole("img", { name: /^Importance vs performance\./ }).waitFor();

    // Derived: 4.6, gap 1.6, not met; the setting holds when the section is drawn again.
    await panel.getByRole("radiogroup", { name: "Importance that gaps and quadrants use" }).getByText("Derived from the outcome", { exact: true }).click();
    await expect
      .poll(async () => (await tracking()).slice(0, 7))
      .toEqual(["Tracking", "Delivery", "3.00", "4.6", "+1.60", "(expectations not met)", "concentrate here"]);
    // The importance–performance chart says which importance it plots.
    await panel.getByRole("img", { name: /^Derived importance vs performance\./ }).waitFor();
    await openSection(panel, "Journey");
    await openSection(panel, "Insights");
    expect(await panel.getByRole("radio", { name: "Derived from the outcome" }).isChecked()).toBe(true);

    // How sure: Delivery's CSAT 4 of 10 ± 26 (Wilson), performance 3.0 ± 1.1 (t, 9 df).
    const sure = await panel.getByRole("list", { name: "Stage figures with their 95 % intervals" }).locator("li").allInnerTexts();
    expect(sure).toContain("Delivery: CSAT 40 ± 26 % · performance 3.0 ± 1.1 (n 10)");
    expect(errors).toEqual([]);
  });
});
