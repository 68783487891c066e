import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { chooseOption, chosenOption, openSection, saveScreenshot } from "./host";
import { useHost } from "./use-host";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const sampleCsv = path.join(root, "examples/sample-feedback.csv");
const headers = readFileSync(sampleCsv, "utf8").split(/\r?\n/)[0]?.split(",") ?? [];

const openPanel = useHost();
type Panel = Awaited<ReturnType<typeof openPanel>>["panel"];

/** Chooses a file in "Import CSV" and waits for the wizard's second step. */
async function chooseCsv(panel: Panel, name: string, buffer: Buffer): Promise<void> {
  await panel.getByLabel("Import CSV", { exact: true }).setInputFiles({ name, mimeType: "text/csv", buffer });
  await panel.getByText("step 2 of 6: What was detected").waitFor();
}

/** From the second step on to the columns. */
async function toColumns(panel: Panel): Promise<void> {
  await panel.getByRole("button", { name: "Next: columns" }).click();
  await panel.getByText("step 3 of 6: Columns").waitFor();
}

/** From the columns on to the scale step, then imports; the report's summary. */
async function importFromColumns(panel: Panel): Promise<string> {
  await panel.getByRole("button", { name: "Next: scale" }).click();
  await panel.getByText("step 4 of 6: Scale and options").waitFor();
  await panel.getByRole("button", { name: /^Import \d+ rows$/ }).click();
  const summary = panel.getByTestId("import-summary");
  await summary.waitFor();
  return summary.innerText();
}

describe("CSV import wizard", () => {
  it('imports the sample CSV through "Import CSV", with one column re-mapped, and shows metrics per stage', async () => {
    const { page, panel, errors } = await openPanel();
    await openSection(panel, "Feedback");

    // 1. The file input labelled "Import CSV".
    await panel.getByLabel("Import CSV").setInputFiles(sampleCsv);

    // 2. What was detected.
    await panel.getByText("step 2 of 6: What was detected").waitFor();
    const facts = await panel.locator(".wizard dl.facts").innerText();
    expect(facts).toContain("sample-feedback.csv");
    expect(facts).toMatch(/Encoding\s+UTF-8/);
    expect(facts).toMatch(/Rows\s+\d{3}/);
    await panel.getByRole("button", { name: "Next: columns" }).click();

    // 3. Columns: one row each, what it is guessed to be pre-selected; "Source" is changed to not imported.
    await panel.getByText("step 3 of 6: Columns").waitFor();
    const roleOf = (header: string) => chosenOption(panel, `col-${headers.indexOf(header)}-role`);
    expect(await roleOf("Rating")).toBe("Rating");
    expect(await roleOf("Stage")).toBe("Stage");
    expect(await roleOf("Source")).toBe("Source");
    await chooseOption(panel, `col-${headers.indexOf("Source")}-role`, "Not imported");
    expect(await roleOf("Source")).toBe("Not imported");
    // Each column shows a few of its values.
    const sourceRow = panel.getByRole("table", { name: "Columns of the file" }).locator("tr", { hasText: "Site intercept survey" });
    expect(await sourceRow.locator("th").innerText()).toMatch(/^Source/);
    await panel.getByRole("button", { name: "Next: scale" }).click();

    // 4. The scale: the sample is on 1–5 stars (one stray "7" would make the guess 1–7).
    await panel.getByText("step 4 of 6: Scale and options").waitFor();
    await chooseOption(panel, "wizard-scale", "1–5 (stars, CSAT)");
    // The sample journey already holds these responses (added to it, they would be skipped as
    // already imported): the file's rows replace the journey's feedback instead.
    await panel.getByRole("radiogroup", { name: /feedback rows/ }).getByText("Replace them", { exact: true }).click();
    await panel.getByRole("button", { name: /^Import \d+ rows$/ }).click();

    // 5–6. Progress, then the report.
    const summary = panel.getByTestId("import-summary");
    await summary.waitFor();
    const text = await summary.innerText();
    expect(text).toMatch(/Imported \d+ of \d+ rows from sample-feedback\.csv; 1 skipped/);
    expect(text).toContain("Scale: 1–5");

    // The three bad rows, each with its row and reason.
    // Grouped by kind, each group with its count; opened, every problem is listed.
    const groups = panel.getByRole("group", { name: "Import problems" }).locator("summary");
    const titles = await groups.allInnerTexts();
    expect(titles).toHaveLength(3);
    expect(titles).toContain('Rating: "7" is outside the 1–5 scale; imported as a text-only response 1');
    for (const summary of await groups.all()) await summary.click();
    const problems = await panel.getByRole("group", { name: "Import problems" }).locator("li").allInnerTexts();
    expect(problems).toHaveLength(3);
    expect(problems.join("\n")).toMatch(/row \d+, column "Rating": "high" is not a number on a 1–5 scale/);
    expect(problems.join("\n")).toMatch(/row \d+, column "Rating": "7" is outside the 1–5 scale/);
    expect(problems.join("\n")).toMatch(/row \d+, column "Stage": no stage is named "Post-trip"/);
    await expect.poll(() => panel.getByRole("button", { name: "Download rejected rows (CSV)" }).isEnabled()).toBe(true);

    // Metrics per stage, at once.
    const metrics = panel.getByRole("table", { name: "Metrics per stage" });
    await metrics.waitFor();
    const rows = await metrics.locator("tbody tr").allInnerTexts();
    expect(rows.length).toBeGreaterThanOrEqual(6);
    const checkout = rows.find((row) => row.startsWith("Checkout"));
    expect(checkout).toMatch(/Checkout\s+\d+\s+\d+ %/);

    // The imported rows are in the table; their source was not imported.
    const imported = Number(/Imported (\d+)/.exec(text)?.[1]);
    await expect.poll(() => panel.locator(".table-meta").innerText()).toContain(`Showing ${imported} of ${imported} rows`);

    await saveScreenshot(page, "import-csv");

    // The same file chosen again is read again: the input was emptied once it was read, so the
    // browser reports the choice as a change (it reports none for the file the input already holds).
    const input = panel.getByLabel("Import CSV", { exact: true });
    expect(await input.inputValue()).toBe("");
    await panel.getByRole("button", { name: "Done" }).click();
    await input.setInputFiles(sampleCsv);
    await panel.getByText("step 2 of 6: What was detected").waitFor();
    expect(errors).toEqual([]);
  });

  it('offers as header rows only the rows a short file has, each row a choice up to 20', async () => {
    const { panel, errors } = await openPanel();
    await openSection(panel, "Feedback");
    const short = ["Customer survey, March 2024", "Date,Rating,Comment", "2024-03-01,5,Quick delivery", "2024-03-02,2,Late again"].join("\n");
    await panel.getByLabel("Import CSV", { exact: true }).setInputFiles({ name: "short.csv", mimeType: "text/csv", buffer: Buffer.from(short) });
    await panel.getByText("step 2 of 6: What was detected").waitFor();
    // The title line, cut by its comma, is seen as one: the header is on row 2.
    const rows = await panel.locator("#wizard-header-row option").allInnerTexts();
    expect(rows[0]).toBe("Detected: row 2");
    // Four lines: no "Row 20" past the end of the file to choose.
    expect(rows.length).toBeLessThan(10);
    expect(rows.slice(1, 5)).toEqual(["Row 1", "Row 2", "Row 3", "Row 4"]);
    await panel.getByLabel("Import CSV", { exact: true }).setInputFiles(sampleCsv);
    await panel.getByText("step 2 of 6: What was detected").waitFor();
    await expect.poll(() => panel.locator("#wizard-header-row option").count()).toBe(21);
    expect(errors).toEqual([]);
  });

  it("reads who wrote a conversation's messages (Written by) and skips the company's, said so in the report", async () => {
    const { panel, errors } = await openPanel();
    await openSection(panel, "Feedback");
    await chooseCsv(panel, "parts.csv", readFileSync(path.join(root, "test/fixtures/csv/intercom-conversation-parts.csv")));
    await toColumns(panel);
    expect(await chosenOption(panel, "col-3-role")).toBe("Written by (customer or company)");
    expect(await importFromColumns(panel)).toMatch(/Imported 3 of 6 rows from parts\.csv; 3 skipped/);
    const titles = await panel.getByRole("group", { name: "Import problems" }).locator("summary").allInnerTexts();
    expect(titles.join("\n")).toMatch(/author_type: "admin": written by the company, not a customer's feedback: skipped \(to keep such rows, do not read this column as who wrote them: the column table's roles, or a --columns mapping without author\) 3/);
    expect(errors).toEqual([]);
  });

  it("reads a rating column of several surveys (NPS, CSAT, CES) each on its own scale, and says so before and after", async () => {
    const { panel, errors } = await openPanel();
    await openSection(panel, "Feedback");
    await chooseCsv(panel, "surveys.csv", readFileSync(path.join(root, "test/fixtures/csv/survey-types-one-rating-column.csv")));
    await toColumns(panel);
    await panel.getByRole("button", { name: "Next: scale" }).click();
    const note = panel.getByTestId("wizard-scale-by");
    await note.waitFor();
    expect(await note.innerText()).toMatch(/column “Survey type” \(NPS, CSAT, CES\): each survey is read on the scale its own answers show/);
    await panel.getByRole("button", { name: /^Import \d+ rows$/ }).click();
    const summary = panel.getByTestId("import-summary");
    await summary.waitFor();
    expect(await summary.innerText()).toMatch(/Scale: by “Survey type”: NPS 0–10 \(6\), CSAT 1–5 \(6\), CES 1–7 \(4\)\./);
    expect(errors).toEqual([]);
  });

  it("reads a file of one answer per row: says how, then imports each question as a touchpoint and the words as comments", async () => {
    const { panel, errors } = await openPanel();
    await openSection(panel, "Feedback");
    await chooseCsv(panel, "answers.csv", readFileSync(path.join(root, "test/fixtures/csv/survey-answers-long.csv")));
    expect(await panel.getByTestId("wizard-answers").innerText()).toMatch(
      /One answer per row: column “question” names the question .* column “answer” holds the answers \(numbers are ratings, words are comments\), column “respondent_id” the respondent\./,
    );
    await toColumns(panel);
    expect(await chosenOption(panel, "col-2-role")).toBe("Touchpoint");
    expect(await importFromColumns(panel)).toMatch(/Imported 22 of 24 rows from answers\.csv; 2 skipped/);
    expect(await panel.getByText("2 answers were “no answer”").count()).toBe(1);
    expect(errors).toEqual([]);
  });

  it("reads a file without a header row as responses from its first row, and as a header when told", async () => {
    const { panel, errors } = await openPanel();
    await openSection(panel, "Feedback");
    const lines = Array.from({ length: 12 }, (_, i) => `${(i % 5) + 1},2024-03-${String(i + 1).padStart(2, "0")},"Comment number ${i} about the checkout page"`);
    await chooseCsv(panel, "no-header.csv", Buffer.from(lines.join("\n")));
    await panel.getByRole("radiogroup", { name: "Header rows (detected: none)" }).waitFor();
    const headerRows = panel.getByRole("radiogroup", { name: /^Header rows/ });
    expect(await panel.locator(".wizard dl.facts").innerText()).toMatch(/Rows\s+12\b/);
    // Told the first row is a header, it reads one row fewer; told again there is none, all twelve.
    await headerRows.getByText("1", { exact: true }).click();
    await expect.poll(() => panel.locator(".wizard dl.facts").innerText()).toMatch(/Rows\s+11\b/);
    await headerRows.getByText("None", { exact: true }).click();
    await expect.poll(() => panel.locator(".wizard dl.facts").innerText()).toMatch(/Rows\s+12\b/);
    await toColumns(panel);
    expect(await chosenOption(panel, "col-2-role")).toBe("Comment");
    expect(await importFromColumns(panel)).toMatch(/Imported 12 of 12 rows from no-header\.csv/);
    expect(errors).toEqual([]);
  });
});
