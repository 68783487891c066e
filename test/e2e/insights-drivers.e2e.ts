/**
 * Insights with an outcome question: stated and derived importance side by side per touchpoint, the
 * key drivers with r, its 95% interval and n, the choice of importance for gaps and quadrants, and
 * each stage's figures with their 95% half-widths. The journey is the hand-worked one of
 * test/shared/importance.test.ts: five respondents, Tracking r = 0.9 (0.09 to 0.99, a driver),
 * Courier r = 0.3 (−0.79 to 0.93, not a driver yet), Chat answered by three (too few). The drivers'
 * relative weights on the numpy-computed case of test/shared/stats.test.ts (24 respondents, two
 * drivers), from the answers and from a compacted journey's driver sums.
 */
import { describe, expect, it } from "vitest";
import type { Frame } from "playwright-core";
import type { Feedback, JourneyMap } from "../../shared/model";
import { compactJourney } from "../../shared/evidence";
import { NPS, STARS, buildMap, outcomeSurvey, rated, stage, touchpoint } from "../shared/builders";
import { openSection } from "./host";
import { useHost } from "./use-host";

const openPanel = useHost();

function surveyed(): JourneyMap {
  return outcomeSurvey({ id: "map_drivers", title: "Parcel delivery" });
}

async function importJson(panel: Frame, json: unknown): Promise<void> {
  await openSection(panel, "Canvas");
  await panel.locator("input[type=file][accept*='json']").setInputFiles({ name: "parcel.json", mimeType: "application/json", buffer: Buffer.from(JSON.stringify(json)) });
}

const cells = (text: string) => text.split(/\t|\n/).map((cell) => cell.trim()).filter((cell) => cell !== "");

describe("Insights: importance, stated and derived, and key drivers", () => {
  it("shows both importances side by side with the drivers' figures, and uses the one chosen", async () => {
    const { page, panel, errors } = await openPanel();
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
    // One driver: no relative weights, no Weight column, and the reason.
    await panel.getByText("No relative weights: relative weights need two or more drivers.").waitFor();
    expect(await drivers.locator("thead th").allInnerTexts()).not.toContain("Weight");
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

/** stats.test.ts's case: x1, x2 on 1–5 stars, the outcome on 0–10; numpy raw weights 0.50115, 0.47812 of R² 0.97927. */
function weighed(): JourneyMap {
  const X1 = [1, 2, 2, 3, 3, 3, 4, 4, 4, 5, 5, 5, 1, 2, 3, 4, 5, 2, 3, 4, 5, 1, 3, 4];
  const X2 = [2, 1, 3, 2, 4, 3, 3, 5, 4, 4, 5, 3, 1, 2, 2, 3, 4, 3, 5, 4, 5, 2, 3, 3];
  const Y = [2, 3, 4, 4, 6, 5, 6, 8, 7, 8, 9, 7, 1, 3, 4, 6, 8, 5, 7, 7, 10, 2, 5, 6];
  const rows: Feedback[] = [];
  const answer = (who: number, where: string, rating: number, scale = STARS) =>
    rows.push({ ...rated(`${where}_${who}`, rating, scale, { touchpointId: where, stageId: "s1" }), respondentId: `r${who}` });
  X1.forEach((v, i) => answer(i, "a", v));
  X2.forEach((v, i) => answer(i, "b", v));
  Y.forEach((v, i) => answer(i, "o", v, NPS));
  return buildMap({
    id: "map_weights",
    title: "Parcel delivery",
    stages: [stage("s1", "Delivery")],
    touchpoints: [
      touchpoint("a", "s1", 2, "Tracking"),
      touchpoint("b", "s1", 5, "Courier"),
      { ...touchpoint("o", "s1", 3, "Overall satisfaction"), measure: "outcome" },
    ],
    feedback: rows,
  });
}

describe("Insights: the drivers' relative weights", () => {
  it("shows each driver's share of R² beside its r, n and rank, the same once the rows are folded", async () => {
    const raw = weighed();
    const folded = compactJourney(raw, { keepAllRows: 0, quotesPerCell: 1 });
    expect(folded.summary?.drivers).toBeDefined();
    expect(folded.feedback.length).toBeLessThan(raw.feedback.length);
    for (const journey of [raw, folded]) {
      const { page, panel, errors } = await openPanel();
      await page.evaluate(() => {
        (document.getElementById("panel") as HTMLIFrameElement).width = "420";
      });
      await importJson(panel, journey);
      await openSection(panel, "Insights");
      const drivers = panel.getByRole("region", { name: "Key drivers" });
      await drivers.waitFor();
      expect(await drivers.locator("thead th").allInnerTexts()).toEqual(["Touchpoint", "Stated", "Derived", "r (95 %)", "n", "Driver", "Weight"]);
      const rows = (await drivers.locator("tbody tr").allInnerTexts()).map(cells);
      // shares 0.50115 / 0.97927 = 51.2 %, 0.47812 / 0.97927 = 48.8 %
      expect(rows.map((row) => [row[0], row[4], row[5], row[6]])).toEqual([
        ["Tracking", "24", "#1", "51.2 %"],
        ["Courier", "24", "#2", "48.8 %"],
      ]);
      await panel.getByText(/^Weight: each driver's share of the outcome's variance the drivers explain together \(R² = 0\.98\), over the 24 respondents/).waitFor();
      // Seven columns fit the panel's default width: r's interval takes a second line.
      expect(await drivers.evaluate((box) => box.scrollWidth <= box.clientWidth + 1)).toBe(true);
      expect(errors).toEqual([]);
      await page.close();
    }
  });
});
