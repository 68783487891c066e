/**
 * The import wizard in Chromium, a long file of app reviews: the review's title is guessed as a second
 * comment column, a person adds one more and takes one out, and each row's comment is the cells joined.
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { chooseOption, chosenOption, openSection } from "./host";
import { useHost } from "./use-host";

const headers = ["Date", "Store", "Rating", "Title", "Review", "Nickname"];
const rows = [
  ["2024-03-05", "App Store", "4", "Nice", "Works well, but the search is slow", "anna_k"],
  ["2024-03-06", "Google Play", "5", "Love it", "Best shopping app I have used", "bob77"],
  ["2024-03-06", "App Store", "1", "Crashes", "Crashes at checkout every time", "cc"],
  ["2024-03-07", "Google Play", "2", "", "Too many notifications", "dmitri"],
];
const file = path.join(mkdtempSync(path.join(tmpdir(), "journey-mapper-texts-")), "app-reviews.csv");
writeFileSync(file, [headers, ...rows].map((r) => r.map((c) => (c.includes(",") ? `"${c}"` : c)).join(",")).join("\n"));
const role = (header: string) => `col-${headers.indexOf(header)}-role`;

const openPanel = useHost();

describe("CSV import wizard, several comment columns", () => {
  it("guesses the title beside the review, takes a column added as a comment, drops one taken out, and joins the rest", async () => {
    const { panel, errors } = await openPanel();
    await openSection(panel, "Feedback");
    await panel.getByLabel("Import CSV", { exact: true }).setInputFiles(file);
    await panel.getByText("step 2 of 6: What was detected").waitFor();
    await panel.getByRole("button", { name: "Next: columns" }).click();

    await panel.getByText("step 3 of 6: Columns").waitFor();
    expect([await chosenOption(panel, role("Title")), await chosenOption(panel, role("Review")), await chosenOption(panel, role("Nickname"))]).toEqual([
      "Comment",
      "Comment",
      "Not imported",
    ]);
    // "Comment" on a third column adds it; "Not imported" takes the title out; the review stays.
    await chooseOption(panel, role("Nickname"), "Comment");
    await chooseOption(panel, role("Title"), "Not imported");
    expect([await chosenOption(panel, role("Title")), await chosenOption(panel, role("Review")), await chosenOption(panel, role("Nickname"))]).toEqual([
      "Not imported",
      "Comment",
      "Comment",
    ]);
    await panel.getByRole("button", { name: "Next: scale" }).click();
    await panel.getByText("step 4 of 6: Scale and options").waitFor();
    await panel.getByRole("radiogroup", { name: /feedback rows/ }).getByText("Replace them", { exact: true }).click();
    await panel.getByRole("button", { name: /^Import 4 rows$/ }).click();
    const summary = panel.getByTestId("import-summary");
    await summary.waitFor();
    expect(await summary.innerText()).toMatch(/Imported 4 of 4 rows from app-reviews\.csv; 0 skipped/);
    await panel.getByRole("button", { name: "Done" }).click();

    // Each row's comment: the review, then the nickname; the title left out.
    const texts = await panel.locator(".virtual-row-text").allInnerTexts();
    expect(texts.map((t) => t.replace(/\s+/g, " ").trim()).sort()).toEqual([
      "Best shopping app I have used bob77",
      "Crashes at checkout every time cc",
      "Too many notifications dmitri",
      "Works well, but the search is slow anna_k",
    ]);
    expect(errors).toEqual([]);
  });
});
