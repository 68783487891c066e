import { describe, expect, it } from "vitest";
import { ImportWizard } from "../../ui/feedback/import-wizard-state";
import { responseKey } from "../../shared/csv";
import { PanelStore } from "../../ui/state/store";
import { buildDraft, parseDraft } from "../../ui/state/draft";
import { encodeModel, readModel, writeModel } from "../../plugin/plugin-data";
import { createFigmaEmulator } from "../emulator/emulator";
import { sampleCsv, sampleJourney } from "./sample";

const sample = sampleJourney();

function setUp() {
  const store = new PanelStore({ model: sample, pendingEdits: {}, csvMappings: {}, omittedFeedback: 0 });
  return { store, wizard: new ImportWizard(store) };
}

async function until(check: () => boolean): Promise<void> {
  for (let i = 0; i < 200 && !check(); i++) await new Promise((resolve) => setTimeout(resolve, 5));
  expect(check()).toBe(true);
}

describe("the import wizard", () => {
  it("goes from a chosen file to feedback in the map, with every problem reported", async () => {
    const { store, wizard } = setUp();
    await wizard.chooseFile(new File([sampleCsv()], "sample-feedback.csv", { type: "text/csv" }));
    expect(wizard.state.step).toBe("detected");
    expect(wizard.state.file?.encoding).toBe("utf-8");
    await until(() => wizard.state.rowCount !== null);
    // The map has stages and personas: unknown names are reported rather than added.
    expect(wizard.state.options.create).toEqual({ stages: false, touchpoints: true, personas: false });

    const inspection = wizard.state.inspection;
    if (inspection === null) throw new Error("inspected");
    expect(inspection.headers[inspection.mapping.rating ?? -1]).toBe("Rating");
    wizard.setMapping("source", null);
    wizard.setOptions({ scale: "1-5" });
    await wizard.startImport();

    const report = wizard.state.report;
    expect(wizard.state.step).toBe("report");
    // The sample journey already holds the file's responses (same response ids, ratings and texts):
    // only the two rows it does not hold are added, and the row naming no stage of the map is skipped.
    expect(report?.imported).toBe(2);
    expect(report?.duplicates).toBe((report?.rows ?? 0) - 3);
    expect(report?.skipped).toBe(1 + (report?.duplicates ?? 0));
    const problems = report?.errors.filter((e) => e.column !== "Response ID");
    expect(problems?.map((e) => e.column)).toEqual(["Rating", "Rating", "Stage"]);
    expect(report?.errors.find((e) => e.column === "Response ID")?.message).toMatch(
      /^row 2, column "Response ID": response "R-0001" is already in the journey/,
    );
    expect(report?.metrics?.stages.map((s) => s.name)).toEqual(sample.stages.map((s) => s.name));
    expect(store.state.model.feedback).toHaveLength(sample.feedback.length + (report?.imported ?? 0));
    // Source was not imported.
    expect(store.state.model.feedback.slice(sample.feedback.length).every((f) => f.source === "")).toBe(true);
    // The mapping is remembered for files with these headers.
    expect(store.state.csvMappings[inspection.signature]?.mapping.source).toBeNull();

    // The next file with the same headers gets it back.
    wizard.reset();
    await wizard.chooseFile(new File([sampleCsv()], "june.csv"));
    expect(wizard.state.remembered).toBe(true);
    expect(wizard.state.options.mapping.source).toBeNull();
  });

  it("remembers a long file's shape and values for every row with its mapping, and resets them to the guesses", async () => {
    const { store, wizard } = setUp();
    await wizard.chooseFile(new File([sampleCsv()], "sample-feedback.csv"));
    wizard.setShape("long");
    wizard.setMapping("source", null);
    wizard.setOptions({ fixed: { source: "Spring survey", persona: undefined, stage: "" } });
    await wizard.startImport();
    const signature = Object.keys(store.state.csvMappings)[0] ?? "";
    expect(store.state.csvMappings[signature]).toMatchObject({ shape: "long", fixed: { source: "Spring survey" } });
    // Beside its mapping, a long file keeps what each column left out of it is: the source column, no longer read.
    expect(store.state.csvMappings[signature]?.columns).toEqual({ 7: { role: "ignore" } });

    wizard.reset();
    await wizard.chooseFile(new File([sampleCsv()], "june.csv"));
    expect(wizard.state.options).toMatchObject({ shape: "long", fixed: { source: "Spring survey" }, mapping: { source: null } });
    wizard.resetToGuesses();
    expect(wizard.state.remembered).toBe(false);
    expect(wizard.state.options.fixed).toEqual({});
    expect(wizard.state.options.mapping.source).not.toBeNull();
  });

  it("replaces the map's feedback when asked, with an undo", async () => {
    const { store, wizard } = setUp();
    await wizard.chooseFile(new File([sampleCsv()], "sample-feedback.csv"));
    wizard.setOptions({ mode: "replace", scale: "1-5" });
    await wizard.startImport();
    expect(store.state.model.feedback).toHaveLength(wizard.state.report?.imported ?? -1);
    expect(store.state.undo?.message).toMatch(/^Deleted 500 earlier feedback rows/);
    store.undo();
    expect(store.state.model.feedback.length).toBeGreaterThan(500);
  });

  it("brings back the rows a draft could not keep from the same CSV, without doubling the rows it kept", async () => {
    // A draft of an earlier version, too large for clientStorage, kept only the feedback that pain points cite.
    const cited = new Set(sample.painPoints.flatMap((p) => p.evidence));
    const kept = { ...sample, feedback: sample.feedback.filter((f) => cited.has(f.id)) };
    expect(kept.feedback.length).toBeGreaterThan(0);
    expect(kept.feedback.length).toBeLessThan(sample.feedback.length);
    const store = new PanelStore({ model: kept, pendingEdits: {}, csvMappings: {}, omittedFeedback: 0 });
    const wizard = new ImportWizard(store);
    await wizard.chooseFile(new File([sampleCsv()], "sample-feedback.csv"));
    wizard.setOptions({ scale: "1-5" });
    await wizard.startImport();
    const keptFromCsv = kept.feedback.filter((f) => f.scale === null || f.scale.max === 5).length;
    expect(wizard.state.report?.duplicates).toBe(keptFromCsv);
    const keys = store.state.model.feedback.map(responseKey).filter((key) => key !== null);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it("asks before importing a file the journey's ledger has imported, and adds nothing unless told to", async () => {
    const { store, wizard } = setUp();
    await wizard.chooseFile(new File([sampleCsv()], "sample-feedback.csv"));
    wizard.setOptions({ mode: "replace", scale: "1-5" });
    await wizard.startImport();
    const imported = wizard.state.report?.imported ?? -1;
    expect(store.state.model.ledger?.imports.map((i) => [i.file, i.rows, i.imported, i.mode])).toEqual([
      ["sample-feedback.csv", wizard.state.report?.rows, imported, "replace"],
    ]);
    const after = store.state.model;

    // The same file under another name: recognised by its content before anything is added.
    wizard.reset();
    await wizard.chooseFile(new File([sampleCsv()], "sample-feedback (1).csv"));
    wizard.setOptions({ scale: "1-5" });
    await wizard.startImport();
    expect(wizard.state.step).toBe("scale");
    expect(wizard.state.sameFile).toMatch(
      new RegExp(`^This file \\(“sample-feedback\\.csv”\\) was imported on \\d+ [A-Z][a-z]{2} \\d{4} at \\d\\d:\\d\\d UTC \\(${imported} rows imported\\); import it again\\?`),
    );
    expect(store.state.model).toBe(after);

    // Imported again: every row is known to the ledger, so nothing is counted twice.
    await wizard.startImport(false, true);
    expect(wizard.state.step).toBe("report");
    expect(wizard.state.report?.imported).toBe(0);
    expect(wizard.state.report?.duplicates).toBe(imported);
    expect(wizard.state.report?.duplicateNote).toMatch(/a new row is taken for one of the [\d,]+ imported about 1 in [\d,]+ times/);
    expect(store.state.model.feedback).toHaveLength(after.feedback.length);
    expect(store.state.model.ledger?.imports).toHaveLength(2);
  });

  it("brings back the rows a draft left out of a journey with a ledger, importing the file again", async () => {
    const { store: first, wizard: importer } = setUp();
    await importer.chooseFile(new File([sampleCsv()], "sample-feedback.csv"));
    importer.setOptions({ mode: "replace", scale: "1-5" });
    await importer.startImport();
    const full = first.state.model;
    expect(full.ledger?.imports).toHaveLength(1);
    // A draft of an earlier version that kept only some rows (those pain points cite, and a few).
    const cited = new Set(full.painPoints.flatMap((p) => p.evidence));
    const kept = { ...full, feedback: full.feedback.filter((f, i) => i < 100 || cited.has(f.id)) };
    const omitted = full.feedback.length - kept.feedback.length;
    expect(omitted).toBeGreaterThan(0);
    const store = new PanelStore({ model: kept, pendingEdits: {}, csvMappings: {}, omittedFeedback: omitted });
    const wizard = new ImportWizard(store);
    await wizard.chooseFile(new File([sampleCsv()], "sample-feedback.csv"));
    wizard.setOptions({ scale: "1-5" });
    await wizard.startImport(false, true);
    // The ledger knows every row, but the draft left some out: only the rows it kept are skipped.
    expect(wizard.state.report?.duplicates).toBe(kept.feedback.length);
    expect(store.state.model.feedback).toHaveLength(full.feedback.length);
  });

  it("keeps the ledger through the draft and the map frame: reopened, the journey still knows the file and its rows", async () => {
    const { store, wizard } = setUp();
    await wizard.chooseFile(new File([sampleCsv()], "sample-feedback.csv"));
    wizard.setOptions({ mode: "replace", scale: "1-5" });
    await wizard.startImport();
    const ledger = store.state.model.ledger;
    expect(ledger?.imports).toHaveLength(1);
    // The draft, saved and read back.
    const built = await buildDraft(store.state, () => Promise.resolve());
    expect(parseDraft(built.text).draft.model.ledger).toEqual(ledger);
    // The map frame's plugin data, written and read back.
    const frame = createFigmaEmulator().figma.createFrame();
    writeModel(frame, encodeModel(store.state.model));
    const read = readModel(frame);
    expect(read.ok && read.model.ledger).toEqual(ledger);
    // Reopened from the frame, the same file is asked about, and its rows are known.
    const reopened = new PanelStore({ model: read.ok ? read.model : sample, pendingEdits: {}, csvMappings: {}, omittedFeedback: 0 });
    const again = new ImportWizard(reopened);
    await again.chooseFile(new File([sampleCsv()], "sample-feedback.csv"));
    again.setOptions({ scale: "1-5" });
    await again.startImport();
    expect(again.state.sameFile).toMatch(/^This file \(“sample-feedback\.csv”\) was imported on /);
    await again.startImport(false, true);
    expect(again.state.report?.imported).toBe(0);
  });

  it("can be cancelled while it imports, adding nothing", async () => {
    const { store, wizard } = setUp();
    const [header = "", ...rows] = sampleCsv().split("\r\n").filter((line) => line !== "");
    const big = [header, ...Array.from({ length: 20_000 }, (_, i) => rows[i % rows.length])].join("\r\n");
    await wizard.chooseFile(new File([big], "big.csv"));
    const importing = wizard.startImport();
    wizard.cancel();
    await importing;
    expect(wizard.state.step).toBe("scale");
    expect(wizard.state.error).toBe("Import cancelled: no feedback was added.");
    expect(store.state.model).toBe(sample);
  });

  it("takes the header from the row the person names, above which every row is a skipped title line", async () => {
    const { store, wizard } = setUp();
    // Title lines as wide as the header, each cell filled: nothing tells them from a header.
    const text = "Survey report,Q1 2024,Final,Internal\nExported by,Ann,Sales,EMEA\nDate,Stage,Rating,Comment\n2024-03-01,Awareness,4,Fine\n2024-03-02,Awareness,2,Slow\n";
    await wizard.chooseFile(new File([text], "report.csv"));
    expect(wizard.state.inspection?.headerRow).toBe(1);
    expect(wizard.state.inspection?.headers).toEqual(["Survey report", "Q1 2024", "Final", "Internal"]);
    wizard.setLayout({ headerRow: 3 });
    expect(wizard.state.inspection?.headers).toEqual(["Date", "Stage", "Rating", "Comment"]);
    expect(wizard.state.inspection?.mapping.rating).toBe(2);
    await until(() => wizard.state.rowCount !== null);
    expect(wizard.state.rowCount).toBe(2);
    await wizard.startImport();
    expect(wizard.state.report?.imported).toBe(2);
    expect(store.state.model.feedback.slice(sample.feedback.length).map((f) => [f.rating, f.text])).toEqual([
      [4, "Fine"],
      [2, "Slow"],
    ]);
    // The header's row is not remembered: a file whose header was found on the wrong row has other headers.
    expect(Object.values(store.state.csvMappings).some((remembered) => "headerRow" in remembered)).toBe(false);
    // Back to the detected row.
    wizard.reset();
    await wizard.chooseFile(new File([text], "report.csv"));
    expect(wizard.state.options.headerRow).toBeNull();
  });

  it("refuses a file that is not text, in words", async () => {
    const { wizard } = setUp();
    await wizard.chooseFile(new File([new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2, 3])], "export.xlsx"));
    expect(wizard.state.step).toBe("choose");
    expect(wizard.state.error).toMatch(/^export\.xlsx: this file does not look like text \(it looks like an Excel workbook/);
  });
});
