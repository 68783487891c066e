/**
 * What the words say, in the panel: a journey opened from JSON with text not scored yet is scored
 * when the panel has it; Insights shows the shares per stage and touchpoint with n, and the rows
 * whose rating and text disagree, which the feedback table's rating filter then shows.
 */
import { describe, expect, it } from "vitest";
import type { Frame } from "playwright-core";
import type { JourneyMap } from "../../shared/model";
import { STARS, buildMap, comment, rated, stage, touchpoint } from "../shared/builders";
import { chooseOption, openSection } from "./host";
import { useHost } from "./use-host";

const openPanel = useHost();

/** Checkout: 2 negative texts (one under 5 stars: disagrees), 1 positive; Delivery: 1 neutral text, 1 rating without text. */
function journey(): JourneyMap {
  return buildMap({
    id: "map_sentiment",
    title: "Online shop",
    stages: [stage("s1", "Checkout"), stage("s2", "Delivery")],
    touchpoints: [touchpoint("t1", "s1", 3, "Payment")],
    feedback: [
      rated("f1", 5, STARS, { touchpointId: "t1", text: "Terrible, awful, the worst payment page ever" }),
      comment("f2", "The promo code was rejected and I am angry", { stageId: "s1" }),
      rated("f3", 4, STARS, { stageId: "s1", text: "Great and easy, love it" }),
      comment("f4", "The parcel came on Tuesday", { stageId: "s2" }),
      rated("f5", 3, STARS, { stageId: "s2" }),
    ],
  });
}

async function importJson(panel: Frame, json: unknown): Promise<void> {
  await openSection(panel, "Canvas");
  await panel.locator("input[type=file][accept*='json']").setInputFiles({ name: "shop.json", mimeType: "application/json", buffer: Buffer.from(JSON.stringify(json)) });
}

const cells = (text: string) => text.split(/\t|\n/).map((cell) => cell.trim()).filter((cell) => cell !== "");

describe("Insights: what the words say", () => {
  it("scores text on open, shows shares per stage and touchpoint, and leads to the rows whose rating and text disagree", async () => {
    const { panel, errors } = await openPanel();
    await importJson(panel, journey());
    await openSection(panel, "Insights");

    const stages = panel.getByRole("region", { name: "Sentiment per stage" });
    await stages.waitFor();
    await expect.poll(async () => (await stages.locator("tbody tr").allInnerTexts()).map(cells)).toEqual([
      ["Checkout", "3", "67 % negative, 0 % neutral, 33 % positive"],
      ["Delivery", "1", "0 % negative, 100 % neutral, 0 % positive"],
    ]);
    const touchpoints = panel.getByRole("region", { name: "Sentiment per touchpoint" });
    expect((await touchpoints.locator("tbody tr").allInnerTexts()).map(cells)).toEqual([["Payment", "Checkout", "1", "100 % negative, 0 % neutral, 0 % positive"]]);
    expect(await panel.getByTestId("sentiment-disagreeing").innerText()).toMatch(/^1 row's rating and text disagree strongly/);
    expect(await panel.getByRole("list", { name: "Rows whose rating and text disagree" }).innerText()).toContain("Terrible, awful");

    await openSection(panel, "Feedback");
    await chooseOption(panel, "filter-rating", "Rating and text disagree");
    await expect.poll(() => panel.locator(".table-meta").innerText()).toContain("Showing 1 of 5 rows");
    expect(errors).toEqual([]);
  }, 60_000);
});
