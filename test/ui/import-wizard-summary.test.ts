import { describe, expect, it } from "vitest";
import { analyseJourney } from "../../shared/analysis";
import { parseJourneyMap, type JourneyMap } from "../../shared/model";
import { summaryTotals } from "../../shared/summary";
import { ImportWizard } from "../../ui/feedback/import-wizard-state";
import { PanelStore } from "../../ui/state/store";
import { sampleJourney } from "./sample";

const SUMMARY = [
  "stage,touchpoint,persona,source,kind,period,plan,scale_min,scale_max,type,rating,count",
  "Checkout,Promo code,,Survey,survey,2026-03-02,Pro,1,5,rated,1,30",
  "Checkout,Promo code,,Survey,survey,2026-03-02,Pro,1,5,rated,4,10",
  "Checkout,Promo code,,Survey,survey,2026-03-02,,,,text-only,,5",
  "Checkout,Promo code,,Survey,survey,2026-03-02,,1,5,rated,9,2",
].join("\r\n");

async function chosen(text: string, model: JourneyMap) {
  const store = new PanelStore({ model, pendingEdits: {}, csvMappings: {}, omittedFeedback: 0 });
  const wizard = new ImportWizard(store);
  await wizard.chooseFile(new File([text], "summary.csv"));
  return { store, wizard };
}

describe("the import wizard on a summary CSV", () => {
  it("merges the counts into the journey's summary at once and reports the lines it could not read", async () => {
    const base: JourneyMap = { ...sampleJourney(), feedback: [], painPoints: [], opportunities: [] };
    const { store, wizard } = await chosen(SUMMARY, base);
    expect(wizard.state.step).toBe("report");
    expect(wizard.state.report).toMatchObject({ rows: 4, imported: 3, skipped: 1, answers: 45 });
    expect(wizard.state.report?.errors.map((e) => e.row)).toEqual([5]);
    const model = store.state.model;
    const parsed = parseJourneyMap(model);
    expect(parsed.ok ? [] : parsed.errors).toEqual([]);
    expect(summaryTotals(model.summary)).toMatchObject({ rows: 45, rated: 40 });
    // The sample's Checkout stage gets the new touchpoint; its figures count the summary's rows.
    expect(model.touchpoints.filter((t) => t.name === "Promo code")).toHaveLength(1);
    const checkout = analyseJourney(model).stages.find((s) => s.name === "Checkout");
    expect(checkout?.responses).toBe(45);
  });

  it("records the summary in the journey's ledger and refuses the same summary again, adding nothing", async () => {
    const base: JourneyMap = { ...sampleJourney(), feedback: [], painPoints: [], opportunities: [] };
    const { store, wizard } = await chosen(SUMMARY, base);
    expect(store.state.model.ledger?.imports.map((i) => [i.file, i.rows, i.imported, i.skipped])).toEqual([["summary.csv", 4, 3, 1]]);
    const after = store.state.model;
    wizard.reset();
    await wizard.chooseFile(new File([SUMMARY], "summary (1).csv"));
    expect(wizard.state.step).toBe("choose");
    expect(wizard.state.error).toMatch(/^This file \(“summary\.csv”\) was imported on .* \(3 rows imported\): its counts are already in the journey, so nothing was added\.$/);
    expect(store.state.model).toBe(after);
    expect(summaryTotals(store.state.model.summary)).toMatchObject({ rows: 45 });
  });
});
