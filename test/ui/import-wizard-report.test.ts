import { describe, expect, it } from "vitest";
import { ImportWizard } from "../../ui/feedback/import-wizard-state";
import { MANY_STAGES, groupProblems, newStageNames } from "../../ui/feedback/import-checks";
import type { CsvProblem } from "../../shared/csv";
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
  it("groups problems by column and by whether the row was imported, every problem kept", () => {
    const problems: CsvProblem[] = [
      { row: 2, column: "Rating", message: 'row 2, column "Rating": "7" is outside the 1–5 scale; imported as a text-only response' },
      { row: 3, column: "Stage", message: 'row 3, column "Stage": no stage is named "Post-trip": not imported' },
      ...Array.from({ length: 500 }, (_, i) => ({
        row: 4 + i,
        column: "Rating",
        message: `row ${4 + i}, column "Rating": "high" is not a number on a 1–5 scale; imported as a text-only response`,
      })),
      { row: 600, column: null, message: "row 600: repeats the header row (two files joined into one?), not a response: skipped" },
    ];
    const groups = groupProblems(problems);
    expect(groups.map((g) => [g.title, g.problems.length])).toEqual([
      ['Column "Rating": imported with a warning', 501],
      ['Column "Stage": rows not imported', 1],
      ["Whole row: rows not imported", 1],
    ]);
    // The first imported row's warning is in its group, not cut off after 200 problems.
    expect(groups[0]?.problems[0]?.row).toBe(2);
    expect(groups.reduce((n, g) => n + g.problems.length, 0)).toBe(problems.length);
  });

  it("groups by the kind the import gives when it gives one", () => {
    const problems = [
      { row: 2, column: "Q1", message: "a", kind: "outside the scale" },
      { row: 3, column: "Q1", message: "b", kind: "not a number" },
      { row: 4, column: "Q1", message: "c", kind: "outside the scale" },
    ] as CsvProblem[];
    expect(groupProblems(problems).map((g) => [g.title, g.problems.map((p) => p.row)])).toEqual([
      ['Column "Q1": outside the scale', [2, 4]],
      ['Column "Q1": not a number', [3]],
    ]);
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
    wizard.setMapping("stage", null);
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
});
