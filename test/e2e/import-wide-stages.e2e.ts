import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import Papa from "papaparse";
import type { Frame } from "playwright-core";
import { describe, expect, it } from "vitest";
import { chooseOption, chosenOption, openSection, panelFrame, saveScreenshot } from "./host";
import { useHost } from "./use-host";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
/** 200 reviews of the real Skytrax export (20 per airline): overall 1–10, seven sub-ratings 0–5 where 0 is "not rated". */
const survey = path.join(root, "test/e2e/fixtures/skytrax-wide-slice.csv");
const records = Papa.parse<string[]>(readFileSync(survey, "utf8").trim()).data;
const headers = records[0] ?? [];
/** Answers of a question in the file: cells that are neither 0 nor empty. */
const answered = (header: string) => records.slice(1).filter((r) => !["0", ""].includes(r[headers.indexOf(header)] ?? "")).length;

const openPanel = useHost();

/** Chooses the survey in Feedback and goes on to the columns step. */
async function chooseSurvey(panel: Frame): Promise<void> {
  await panel.getByLabel("Import CSV", { exact: true }).setInputFiles(survey);
  await panel.getByText("step 2 of 6: What was detected").waitFor();
}

const lane = (panel: Frame, stage: string) => panel.getByRole("group", { name: `Stage “${stage}”` });
const card = (panel: Frame, question: string) => panel.locator(".question-card").filter({ hasText: new RegExp(`^${question}$`) });
const cardsIn = (panel: Frame, stage: string) => lane(panel, stage).locator(".question-card").allInnerTexts();
const stageField = (panel: Frame, header: string) => panel.getByLabel(`Stage of “${header}”`);

describe("CSV import wizard, a wide survey's questions into stages", () => {
  it("drags questions onto stages of the map, a new stage and Unassigned, several at once, and the touchpoints land there", async () => {
    const { page, panel, errors } = await openPanel();
    await openSection(panel, "Feedback");
    await chooseSurvey(panel);
    await panel.getByRole("button", { name: "Next: columns" }).click();
    await panel.getByRole("group", { name: "Questions by stage" }).waitFor();
    // Every question starts in "Unassigned"; the map's stages are there to drop on.
    expect((await cardsIn(panel, "Unassigned")).sort()).toEqual(
      ["Entertainment", "Food", "Groundservice", "Overall", "Seat comfort", "Service", "Value", "Wifi"].sort(),
    );
    expect(await cardsIn(panel, "Delivery")).toEqual([]);

    // A new stage: typed, then dropped on.
    await panel.getByLabel("New stage name").fill("Airport");
    await card(panel, "Groundservice").dragTo(panel.getByRole("group", { name: "New stage" }));
    await expect.poll(() => cardsIn(panel, "Airport")).toEqual(["Groundservice"]);
    expect(await stageField(panel, "groundservice_rating").inputValue()).toBe("Airport");

    // Ticked questions move together, onto a stage of the map.
    for (const question of ["Seat comfort", "Service", "Food", "Entertainment", "Wifi"]) await card(panel, question).getByRole("checkbox").check();
    await card(panel, "Seat comfort").dragTo(lane(panel, "Delivery"));
    await expect.poll(() => cardsIn(panel, "Delivery")).toEqual(["Seat comfort", "Service", "Food", "Entertainment", "Wifi"]);
    expect(await card(panel, "Wifi").getByRole("checkbox").isChecked()).toBe(false);
    await saveScreenshot(page, "import-wide-stages-board");

    // One at a time: from one stage to another, to another of the map, back to Unassigned.
    await card(panel, "Wifi").dragTo(lane(panel, "Airport"));
    await card(panel, "Value").dragTo(lane(panel, "Retention"));
    await card(panel, "Entertainment").dragTo(lane(panel, "Unassigned"));
    await expect.poll(() => cardsIn(panel, "Airport")).toEqual(["Groundservice", "Wifi"]);
    expect(await cardsIn(panel, "Delivery")).toEqual(["Seat comfort", "Service", "Food"]);
    expect(await cardsIn(panel, "Retention")).toEqual(["Value"]);
    expect((await cardsIn(panel, "Unassigned")).sort()).toEqual(["Entertainment", "Overall"]);
    // The drop set each question's stage field, the keyboard's way to do the same.
    expect(await stageField(panel, "wifi_rating").inputValue()).toBe("Airport");
    expect(await stageField(panel, "entertainment_rating").inputValue()).toBe("");
    expect(await stageField(panel, "value_rating").inputValue()).toBe("Retention");
    // And the field moves the card.
    await stageField(panel, "food_rating").fill("Checkout");
    await expect.poll(() => cardsIn(panel, "Checkout")).toEqual(["Food"]);
    // From the keyboard: ticked questions moved to a stage typed by its name (the map's, whatever the case).
    for (const question of ["Overall", "Entertainment"]) await card(panel, question).getByRole("checkbox").press("Space");
    await panel.getByLabel("New stage name").fill("advocacy");
    await panel.getByRole("button", { name: "Move ticked here" }).press("Enter");
    await expect.poll(() => cardsIn(panel, "Advocacy")).toEqual(["Overall", "Entertainment"]);
    expect(await cardsIn(panel, "Unassigned")).toEqual([]);

    await panel.getByRole("button", { name: "Next: answers" }).click();
    // The map has personas of its own: the file's travel types (guessed as the segment) are added when asked.
    await panel.getByRole("checkbox", { name: "Add new personas" }).check();
    await panel.getByRole("radiogroup", { name: /feedback rows/ }).getByText("Replace them", { exact: true }).click();
    await panel.getByRole("button", { name: /^Import 200 rows$/ }).click();
    await panel.getByTestId("import-summary").waitFor();
    const questions = await panel.getByRole("list", { name: "Questions imported" }).locator("li").allInnerTexts();
    const line = (touchpoint: string, stage: string, header: string) =>
      `${touchpoint} (${stage}): ${answered(header)} answers${answered(header) < 200 ? `, ${200 - answered(header)} no answer` : ""}`;
    expect(questions).toEqual(
      expect.arrayContaining([
        line("Groundservice", "Airport", "groundservice_rating"),
        line("Wifi", "Airport", "wifi_rating"),
        line("Seat comfort", "Delivery", "seat_comfort_rating"),
        line("Service", "Delivery", "service_rating"),
        line("Food", "Checkout", "food_rating"),
        line("Value", "Retention", "value_rating"),
        line("Entertainment", "Advocacy", "entertainment_rating"),
        line("Overall", "Advocacy", "overall_score"),
      ]),
    );
    // The feedback is in those stages: the metrics count each stage's answers.
    const metrics = panel.getByRole("table", { name: "Metrics per stage" });
    await metrics.waitFor();
    const rows = await metrics.locator("tbody tr").allInnerTexts();
    const count = (stage: string) => rows.find((row) => row.startsWith(`${stage}\t`))?.split("\t")[1];
    expect(count("Airport")).toBe(String(answered("groundservice_rating") + answered("wifi_rating")));
    expect(count("Delivery")).toBe(String(answered("seat_comfort_rating") + answered("service_rating")));
    expect(count("Retention")).toBe(String(answered("value_rating")));
    expect(errors).toEqual([]);
  });

  it("imports the same wide export twice: the second time its settings are restored, from the draft, and can be reset", async () => {
    const { page, panel, errors } = await openPanel();
    await openSection(panel, "Feedback");
    await chooseSurvey(panel);
    expect(await panel.getByText("Settings restored").count()).toBe(0);
    await panel.getByRole("button", { name: "Next: columns" }).click();
    await stageField(panel, "groundservice_rating").fill("Airport");
    await stageField(panel, "seat_comfort_rating").fill("In flight");
    await panel.getByLabel("Touchpoint for “groundservice_rating”").fill("Ground service");
    await chooseOption(panel, `col-${headers.indexOf("travel_type")}-role`, "Persona");
    await chooseOption(panel, `col-${headers.indexOf("wifi_rating")}-role`, "Not imported");
    await chooseOption(panel, "wide-nps", "— none —");
    await panel.getByRole("button", { name: "Next: answers" }).click();
    await panel.getByLabel("Cells meaning no answer in “food_rating”").fill("0, N/A");
    await panel.locator("#fixed-source").fill("Skytrax");
    await panel.getByRole("checkbox", { name: "Add new personas" }).check();
    await panel.getByRole("radiogroup", { name: /feedback rows/ }).getByText("Replace them", { exact: true }).click();
    await panel.getByRole("button", { name: /^Import 200 rows$/ }).click();
    await panel.getByTestId("import-summary").waitFor();
    await panel.getByRole("button", { name: "Done" }).click();

    // The panel is opened again (the draft keeps what was remembered) and the same export chosen.
    await expect.poll(() => panel.getByTestId("save-state").innerText()).toBe("Draft saved");
    await page.reload();
    const again = await panelFrame(page);
    await openSection(again, "Feedback");
    await chooseSurvey(again);
    await again.getByText("Settings restored from an earlier import of a file with these headers.").waitFor();
    await again.getByRole("button", { name: "Next: columns" }).click();
    await again.getByText("Settings restored from an earlier import of a file with these headers.").waitFor();
    expect(await stageField(again, "groundservice_rating").inputValue()).toBe("Airport");
    expect(await stageField(again, "seat_comfort_rating").inputValue()).toBe("In flight");
    expect(await again.getByLabel("Touchpoint for “groundservice_rating”").inputValue()).toBe("Ground service");
    expect(await chosenOption(again, `col-${headers.indexOf("travel_type")}-role`)).toBe("Persona");
    expect(await chosenOption(again, `col-${headers.indexOf("wifi_rating")}-role`)).toBe("Not imported");
    expect(await chosenOption(again, "wide-nps")).toBe("— none —");
    expect(await cardsIn(again, "Airport")).toEqual(["Ground service"]);
    await saveScreenshot(page, "import-wide-restored");
    await again.getByRole("button", { name: "Next: answers" }).click();
    expect(await again.getByLabel("Cells meaning no answer in “food_rating”").inputValue()).toBe("0, N/A");
    expect(await again.locator("#fixed-source").inputValue()).toBe("Skytrax");
    // Imported again in place of the first: as the first time, without a choice made again.
    await again.getByRole("radiogroup", { name: /feedback rows/ }).getByText("Replace them", { exact: true }).click();
    await again.getByRole("button", { name: /^Import 200 rows$/ }).click();
    // The journey's ledger knows the file: the panel asks before importing it again.
    await again.getByText(/was imported on .*; import it again\?/).waitFor();
    await again.getByRole("button", { name: "Import again" }).click();
    const summary = again.getByTestId("import-summary");
    await summary.waitFor();
    expect(await summary.innerText()).toMatch(/Imported 200 of 200 rows from skytrax-wide-slice\.csv; 0 skipped/);
    const questions = await again.getByRole("list", { name: "Questions imported" }).locator("li").allInnerTexts();
    expect(questions.find((q) => q.startsWith("Ground service"))).toMatch(/^Ground service \(Airport\): /);
    expect(questions.find((q) => q.startsWith("Seat comfort"))).toMatch(/^Seat comfort \(In flight\): /);
    expect(questions.find((q) => q.startsWith("Food"))).toBe(`Food (Unassigned): ${answered("food_rating")} answers, ${200 - answered("food_rating")} no answer`);
    expect(questions.some((q) => q.startsWith("Wifi"))).toBe(false);
    await again.getByRole("button", { name: "Done" }).click();

    // Chosen once more, the person asks for the guesses instead.
    await chooseSurvey(again);
    await again.getByRole("button", { name: "Reset to guesses" }).click();
    expect(await again.getByText("Settings restored").count()).toBe(0);
    await again.getByRole("button", { name: "Next: columns" }).click();
    expect(await stageField(again, "groundservice_rating").inputValue()).toBe("");
    expect(await chosenOption(again, `col-${headers.indexOf("wifi_rating")}-role`)).toBe("Question");
    expect(errors).toEqual([]);
  });
});
