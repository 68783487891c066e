import { describe, expect, it } from "vitest";
import { ImportWizard } from "../../ui/feedback/import-wizard-state";
import { MANY_STAGES, newStageNames } from "../../ui/feedback/import-checks";
import { PanelStore } from "../../ui/state/store";
import { noWait, sampleCsv, sampleJourney } from "./sample";

const sample = sampleJourney();

function setUp(model = sample) {
  const store = new PanelStore({ model, pendingEdits: {}, csvMappings: {}, omittedFeedback: 0 });
  return { store, wizard: new ImportWizard(store) };
}

/** A survey whose "Stage" column holds a different sentence on every row: a comment column, really. */
function freeTextStages(rows: number): string {
  const lines = ["Stage,Rating,Comment"];
  for (let i = 0; i < rows; i++) lines.push(`Felt rushed at step ${i},${(i % 5) + 1},ok`);
  return lines.join("\n");
}

describe("the import report", () => {
  it("has every problem in a group of its kind with its count, an imported row's warning included", async () => {
    const { wizard } = setUp();
    await wizard.chooseFile(new File([sampleCsv()], "sample-feedback.csv"));
    wizard.setOptions({ scale: "1-5", mode: "replace" });
    await wizard.startImport();
    const report = wizard.state.report;
    if (report === null) throw new Error("imported");
    expect(report.problemGroups.reduce((n, g) => n + g.count, 0)).toBe(report.errors.length);
    const outside = report.problemGroups.find((g) => g.title.includes("outside the 1–5 scale"));
    expect(outside?.column).toBe("Rating");
    expect(outside?.problems[0]?.message).toMatch(/"7" is outside the 1–5 scale/);
  });
});

describe("a stage column with more names than a journey has stages", () => {
  it("counts the new names past the limit and no further, leaving out the map's stages and blanks", async () => {
    const text = ["Stage,Rating", "Awareness,5", ",4", ...Array.from({ length: 200 }, (_, i) => `Step ${i % 70},3`)].join("\n");
    const names = await newStageNames(text, {}, 0, [{ name: "awareness" }], noWait);
    expect(names.count).toBe(MANY_STAGES + 1);
    expect(names.examples).toEqual(["Step 0", "Step 1", "Step 2"]);
    const few = await newStageNames(["Stage,Rating", "Awareness,5", "Check out,4", "check  OUT,2"].join("\n"), {}, 0, [{ name: "Awareness" }], noWait);
    expect(few).toEqual({ count: 1, examples: ["Check out"] });
  });

  it("asks before creating them, and imports only once the person answers", async () => {
    const { store, wizard } = setUp({ ...sample, stages: [], touchpoints: [], feedback: [], painPoints: [] });
    await wizard.chooseFile(new File([freeTextStages(120)], "survey.csv"));
    expect(wizard.state.options.mapping.stage).toBe(0);
    expect(wizard.state.options.create.stages).toBe(true);
    await wizard.startImport();
    expect(wizard.state.step).toBe("scale");
    expect(wizard.state.manyStages?.count).toBe(MANY_STAGES + 1);
    expect(wizard.state.manyStages?.examples[0]).toBe("Felt rushed at step 0");
    expect(store.state.model.feedback).toHaveLength(0);

    // "Import without stages": the column is let go, the rows come in without a stage.
    expect(wizard.state.manyStages?.column).toBe(0);
    wizard.dropStageColumn();
    expect(wizard.state.manyStages).toBeNull();
    await wizard.startImport();
    expect(wizard.state.report?.imported).toBe(120);
    expect(store.state.model.stages).toHaveLength(0);
  });

  it("creates them when the person says so", async () => {
    const { store, wizard } = setUp({ ...sample, stages: [], touchpoints: [], feedback: [], painPoints: [] });
    await wizard.chooseFile(new File([freeTextStages(60)], "survey.csv"));
    await wizard.startImport();
    expect(wizard.state.manyStages).not.toBeNull();
    await wizard.startImport(true);
    expect(wizard.state.report?.created.stages).toBe(60);
    expect(store.state.model.stages).toHaveLength(60);
  });

  it("does not ask for a stage column with a journey's worth of stages", async () => {
    const { wizard } = setUp();
    await wizard.chooseFile(new File([sampleCsv()], "sample-feedback.csv"));
    wizard.setOptions({ scale: "1-5", create: { stages: true, touchpoints: true, personas: true } });
    await wizard.startImport();
    expect(wizard.state.manyStages).toBeNull();
    expect(wizard.state.step).toBe("report");
  });

  it("asks for a wide survey's stage column too, and imports without it when told", async () => {
    const lines = ["Stage,How satisfied were you with delivery?,How easy was checkout?"];
    for (let i = 0; i < 80; i++) lines.push(`Free text ${i},${(i % 5) + 1},${((i + 2) % 5) + 1}`);
    const { store, wizard } = setUp({ ...sample, stages: [], touchpoints: [], feedback: [], painPoints: [] });
    await wizard.chooseFile(new File([lines.join("\n")], "survey.csv"));
    expect(wizard.state.inspection?.shape).toBe("wide");
    wizard.setColumn(0, { role: "stage" });
    await wizard.startImport();
    expect(wizard.state.manyStages?.column).toBe(0);
    wizard.dropStageColumn();
    await wizard.startImport();
    expect(wizard.state.report?.imported).toBe(80);
    expect(store.state.model.stages.map((s) => s.name)).toEqual(["Unassigned"]);
  });
});
