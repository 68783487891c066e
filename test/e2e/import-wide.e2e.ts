import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import Papa from "papaparse";
import { describe, expect, it } from "vitest";
import { chooseOption, chosenOption, openSection, saveScreenshot } from "./host";
import { useHost } from "./use-host";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
/** 200 reviews of the real Skytrax export (20 per airline): overall 1–10, seven sub-ratings 0–5 where 0 is "not rated". */
const survey = path.join(root, "test/e2e/fixtures/skytrax-wide-slice.csv");
const records = Papa.parse<string[]>(readFileSync(survey, "utf8").trim()).data;
const headers = records[0] ?? [];
/** Answers of a question in the file: cells that are neither 0 nor empty. */
const answered = (header: string) => records.slice(1).filter((r) => !["0", ""].includes(r[headers.indexOf(header)] ?? "")).length;

/** A count as the panel writes it: 1,380. */
const n = (count: number) => count.toLocaleString("en");

const STAGES: Record<string, string> = {
  groundservice_rating: "Airport",
  seat_comfort_rating: "In flight",
  service_rating: "In flight",
  food_rating: "In flight",
  entertainment_rating: "In flight",
  wifi_rating: "In flight",
  value_rating: "Value",
};

const openPanel = useHost();

describe("CSV import wizard, wide survey", () => {
  it("imports a real wide export with its questions put into stages, and the feedback lands per stage and touchpoint", async () => {
    const { page, panel, errors } = await openPanel();
    await openSection(panel, "Feedback");
    await panel.getByLabel("Import CSV", { exact: true }).setInputFiles(survey);

    // 2. Recognised as one row per respondent, one column per question.
    await panel.getByText("step 2 of 6: What was detected").waitFor();
    expect(await panel.getByRole("radio", { name: "A row per respondent, a column per question" }).isChecked()).toBe(true);
    await panel.getByRole("button", { name: "Next: columns" }).click();

    // 3. Each question into its stage, from the keyboard: a text field with the map's stages to pick from.
    const table = panel.getByRole("table", { name: "Columns of the file" });
    await table.waitFor();
    expect(await panel.locator("#wide-outcome option:checked").innerText()).toBe("overall_score");
    for (const [header, stage] of Object.entries(STAGES)) {
      await panel.getByLabel(`Stage of “${header}”`).fill(stage);
    }
    await panel.getByLabel("Touchpoint for “groundservice_rating”").fill("Ground service");
    await chooseOption(panel, `col-${headers.indexOf("travel_type")}-role`, "Persona");
    // The cabin is guessed as a segment beside the persona; the reviewer's country is left out here.
    expect(await chosenOption(panel, `col-${headers.indexOf("seat_type")}-role`)).toBe("Segment");
    await chooseOption(panel, `col-${headers.indexOf("reviewer_country")}-role`, "Not imported");
    await chooseOption(panel, "wide-nps", "— none —");
    await saveScreenshot(page, "import-wide-mapping");
    await panel.getByRole("button", { name: "Next: answers" }).click();

    // 4. Each question's scale and no-answer cells, as detected: the 0s of the sub-ratings are "not rated".
    const answers = panel.getByRole("table", { name: "Answers of each question" });
    await answers.waitFor();
    expect(await panel.getByLabel("Scale of “wifi_rating”").inputValue()).toBe("1–5");
    expect(await panel.getByLabel("Cells meaning no answer in “wifi_rating”").inputValue()).toBe("0");
    expect(await panel.getByLabel("Scale of “overall_score”").inputValue()).toBe("1–10");
    await panel.locator("#fixed-source").fill("Skytrax");
    // The map has personas of its own: the file's travel types are added only when asked.
    await panel.getByRole("checkbox", { name: "Add new personas" }).check();
    await answers.scrollIntoViewIfNeeded();
    await saveScreenshot(page, "import-wide-answers");
    await panel.getByRole("radiogroup", { name: /feedback rows/ }).getByText("Replace them", { exact: true }).click();
    await panel.getByRole("button", { name: /^Import 200 rows$/ }).click();

    // 5–6. The report: every respondent imported, the no-answers counted, each question with its stage.
    const summary = panel.getByTestId("import-summary");
    await summary.waitFor();
    expect(await summary.innerText()).toMatch(/Imported 200 of 200 rows from skytrax-wide-slice\.csv; 0 skipped/);
    const questions = await panel.getByRole("list", { name: "Questions imported" }).locator("li").allInnerTexts();
    expect(questions).toContain(`Ground service (Airport): ${answered("groundservice_rating")} answers, ${200 - answered("groundservice_rating")} no answer`);
    expect(questions).toContain(`Wifi (In flight): ${answered("wifi_rating")} answers, ${200 - answered("wifi_rating")} no answer`);

    // Metrics per stage: every answer of the stage's questions.
    const inFlight = ["seat_comfort_rating", "service_rating", "food_rating", "entertainment_rating", "wifi_rating"].reduce((sum, h) => sum + answered(h), 0);
    const metrics = panel.getByRole("table", { name: "Metrics per stage" });
    await metrics.waitFor();
    const rows = await metrics.locator("tbody tr").allInnerTexts();
    expect(rows.find((row) => row.startsWith("In flight"))).toMatch(new RegExp(`^In flight\\s+${n(inFlight)}\\s`));
    expect(rows.find((row) => row.startsWith("Airport"))).toMatch(new RegExp(`^Airport\\s+${answered("groundservice_rating")}\\s`));
    await panel.getByRole("button", { name: "Done" }).click();

    // The feedback table, filtered by stage and by touchpoint.
    const total = Object.keys(STAGES).reduce((sum, h) => sum + answered(h), answered("overall_score"));
    await expect.poll(() => panel.locator(".table-meta").innerText()).toContain(`Showing ${n(total)} of ${n(total)} rows`);
    await chooseOption(panel, "filter-stage", "In flight");
    await expect.poll(() => panel.locator(".table-meta").innerText()).toContain(`Showing ${n(inFlight)} of ${n(total)} rows`);
    await chooseOption(panel, "filter-touchpoint", "Wifi");
    await expect.poll(() => panel.locator(".table-meta").innerText()).toContain(`Showing ${answered("wifi_rating")} of ${n(total)} rows`);
    await chooseOption(panel, "filter-stage", "Value");
    await expect.poll(() => panel.locator(".table-meta").innerText()).toContain(`Showing ${answered("value_rating")} of ${n(total)} rows`);
    expect(await panel.locator(".virtual-row-meta").first().innerText()).toMatch(/Value · Value · (Business|Couple Leisure|Family Leisure|Solo Leisure) · Skytrax/);

    // Insights says where the overall score went: its touchpoint is in "Unassigned", to be moved.
    await openSection(panel, "Insights");
    const overall = answered("overall_score");
    await panel.getByText(`${n(overall)} responses unassigned: 0 in no stage, ${n(overall)} in “Unassigned”`).first().waitFor();
    // Segments by the cabin column the import kept: each cabin can be compared with another.
    expect(await panel.locator("#segment-by option").allInnerTexts()).toEqual(["Persona", "seat_type"]);
    await chooseOption(panel, "segment-by", "seat_type");
    await expect.poll(() => panel.locator("#segment-first option").allInnerTexts()).toContain("Economy Class");
    expect(await panel.locator("#segment-first option").allInnerTexts()).toContain("Business Class");
    expect(errors).toEqual([]);
  });
  it("says before the import that a survey of more questions than one import reads needs some set to “Not imported”", async () => {
    const { panel, errors } = await openPanel();
    await openSection(panel, "Feedback");
    const questions = Array.from({ length: 1002 }, (_, q) => `Q${q + 1} How satisfied were you with part ${q + 1}?`);
    const rows = [1, 2, 3].map((r) => [`R${r}`, ...questions.map((_, q) => String(((r + q) % 5) + 1))].join(","));
    const text = [["Respondent", ...questions].join(","), ...rows].join("\n");
    await panel.getByLabel("Import CSV", { exact: true }).setInputFiles({ name: "long-survey.csv", mimeType: "text/csv", buffer: Buffer.from(text) });
    await panel.getByRole("button", { name: "Next: columns" }).click();
    const alert = panel.getByRole("alert").filter({ hasText: "columns are questions" });
    await alert.waitFor({ timeout: 30_000 });
    expect(await alert.innerText()).toBe("1,002 columns are questions; one import reads at most 1,000: set the others to “Not imported”, or nothing is imported.");
    // Two set aside: the warning is gone.
    await chooseOption(panel, "col-1-role", "Not imported");
    await chooseOption(panel, "col-2-role", "Not imported");
    await expect.poll(() => alert.count()).toBe(0);
    expect(errors).toEqual([]);
  });
});
