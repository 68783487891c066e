import { readFileSync } from "node:fs";
import path from "node:path";
import Papa from "papaparse";
import { describe, expect, it } from "vitest";
import { ImportWizard, columnMeasure, columnRole } from "../../ui/feedback/import-wizard-state";
import { parseWordLines } from "../../ui/feedback/wide-columns";
import { unassignedSentence } from "../../ui/feedback/outside-map";
import { analyseJourney } from "../../shared/analysis";
import type { JourneyMap } from "../../shared/model";
import { buildDraft, parseDraft, stateFromDraft } from "../../ui/state/draft";
import { PanelStore } from "../../ui/state/store";
import { chosenInWizard, emptyJourney, noWait, root, sampleJourney, storeOf } from "./sample";

/** 200 reviews of the real Skytrax export: overall 1–10, seven sub-ratings 0–5 where 0 is "not rated". */
const skytrax = readFileSync(path.join(root, "test/e2e/fixtures/skytrax-wide-slice.csv"), "utf8");
const records = Papa.parse<string[]>(skytrax.trim()).data.slice(1);
/** Answers in a column of the slice: a 0 is "not rated". */
const answered = (column: number) => records.filter((r) => r[column] !== "0" && r[column] !== "").length;

const SEAT = 10;
const SERVICE = 11;
const GROUND = 14;
const WIFI = 15;
const VALUE = 16;
const TRAVEL_TYPE = 6;
const FOOD = 12;
const ENTERTAINMENT = 13;
const OVERALL = 1;

const chosen = (text: string, model = emptyJourney()) => chosenInWizard(text, storeOf(model), "survey.csv");

describe("the import wizard on a wide survey", () => {
  it("recognises the Skytrax export: every rating column a question, the overall score the outcome", async () => {
    const { wizard } = await chosen(skytrax);
    const inspection = wizard.state.inspection;
    if (inspection === null) throw new Error("inspected");
    expect(inspection.shape).toBe("wide");
    const questions = inspection.columns.filter((c) => columnRole(c, wizard.state.options) === "question").map((c) => c.header);
    expect(questions).toEqual([
      "overall_score",
      "seat_comfort_rating",
      "service_rating",
      "food_rating",
      "entertainment_rating",
      "groundservice_rating",
      "wifi_rating",
      "value_rating",
    ]);
    expect(inspection.columns.filter((c) => columnMeasure(c, wizard.state.options) === "outcome").map((c) => c.header)).toEqual(["overall_score"]);
  });

  it("puts questions into stages and imports one answer per question, each respondent's answers linked", async () => {
    const { store, wizard } = await chosen(skytrax);
    wizard.setColumn(GROUND, { stage: "Airport", name: "Ground service" });
    for (const column of [SEAT, SERVICE, 12, 13, WIFI]) wizard.setColumn(column, { stage: "In flight" });
    wizard.setColumn(VALUE, { stage: "Value" });
    wizard.setColumn(TRAVEL_TYPE, { role: "persona" });
    wizard.setOptions({ fixed: { source: "Skytrax" } });
    await wizard.startImport();

    const report = wizard.state.report;
    expect(wizard.state.step).toBe("report");
    if (report === null) throw new Error("imported");
    expect(report.imported).toBe(200);
    const model = store.state.model;
    // The stages the person named, in the order first named, and "Unassigned" for the overall score.
    expect(model.stages.map((s) => s.name).sort()).toEqual(["Airport", "In flight", "Unassigned", "Value"]);
    const stageOf = (name: string) => model.stages.find((s) => s.id === model.touchpoints.find((t) => t.name === name)?.stageId)?.name;
    expect(stageOf("Ground service")).toBe("Airport");
    expect(stageOf("Seat comfort")).toBe("In flight");
    expect(stageOf("Value")).toBe("Value");
    // One feedback per answered question: a 0 is no answer, counted, never an error.
    const answers = (name: string) => model.feedback.filter((f) => f.touchpointId === model.touchpoints.find((t) => t.name === name)?.id).length;
    expect(answers("Ground service")).toBe(answered(GROUND));
    expect(answers("Wifi")).toBe(answered(WIFI));
    expect(report.questions.find((q) => q.header === "wifi_rating")).toMatchObject({ stage: "In flight", answers: answered(WIFI), noAnswers: 200 - answered(WIFI) });
    expect(report.errors).toEqual([]);
    // Every answer of a row shares its respondent; the segment and the fixed source are on each.
    const first = model.feedback.filter((f) => f.respondentId === model.feedback[0]?.respondentId);
    expect(first.length).toBeGreaterThan(1);
    expect(new Set(first.map((f) => f.personaId)).size).toBe(1);
    expect(model.personas.map((p) => p.name).sort()).toEqual(["Business", "Couple Leisure", "Family Leisure", "Solo Leisure"]);
    expect(model.feedback.every((f) => f.source === "Skytrax")).toBe(true);
    expect(model.touchpoints.find((t) => t.name === "Overall")?.measure).toBe("outcome");
  });

  it("moves the NPS mark from one question to another, and lets a person drop a question", async () => {
    const { store, wizard } = await chosen(skytrax);
    wizard.setMeasure("nps", VALUE);
    wizard.setMeasure("nps", SEAT);
    wizard.setMeasure("outcome", null);
    const columns = wizard.state.inspection?.columns ?? [];
    const marked = (measure: "nps" | "outcome") => columns.filter((c) => columnMeasure(c, wizard.state.options) === measure).map((c) => c.index);
    expect(marked("nps")).toEqual([SEAT]);
    expect(marked("outcome")).toEqual([]);
    wizard.setColumn(WIFI, { role: "ignore" });
    await wizard.startImport();
    const model = store.state.model;
    expect(model.touchpoints.map((t) => t.name)).not.toContain("Wifi");
    expect(model.touchpoints.find((t) => t.name === "Seat comfort")?.measure).toBe("nps");
    expect(model.touchpoints.some((t) => t.measure === "outcome")).toBe(false);
  });

  it("reads the file as long when the person says it is one row per response", async () => {
    const { wizard } = await chosen(skytrax);
    wizard.setColumn(GROUND, { stage: "Airport" });
    wizard.setShape("long");
    expect(wizard.state.inspection?.shape).toBe("long");
    expect(wizard.state.options.columns).toEqual({});
    expect(wizard.state.options.mapping.rating).not.toBeNull();
    wizard.setShape("wide");
    expect(wizard.state.inspection?.shape).toBe("wide");
  });

  it("imports word ratings by the map the person corrects, and the no-answer cells they name", async () => {
    const csv = [
      "Respondent,How satisfied were you with delivery?,How easy was checkout?,Comment",
      "r1,Very satisfied,Very easy,Great",
      "r2,Dissatisfied,Difficult,Slow",
      "r3,Neutral,N/A,ok",
      "r4,Satisfied,Easy,fine",
      "r5,Very dissatisfied,Very difficult,never again",
    ].join("\n");
    const { store, wizard } = await chosen(csv);
    const inspection = wizard.state.inspection;
    if (inspection === null) throw new Error("inspected");
    expect(inspection.shape).toBe("wide");
    const delivery = inspection.columns[1];
    expect(delivery?.words?.values["very satisfied"]).toBe(5);
    // The person reads "Neutral" as no answer, and "Very satisfied" as a 4 on 1–4.
    wizard.setColumn(1, { scale: { min: 1, max: 4 }, words: { "very satisfied": 4, satisfied: 3, dissatisfied: 2, "very dissatisfied": 1 }, noAnswer: ["", "Neutral"] });
    await wizard.startImport();
    const model = store.state.model;
    const tp = model.touchpoints.find((t) => t.question === "How satisfied were you with delivery?");
    const ratings = model.feedback.filter((f) => f.touchpointId === tp?.id).map((f) => [f.rating, f.scale?.max]);
    expect(ratings).toEqual([
      [4, 4],
      [2, 4],
      [3, 4],
      [1, 4],
    ]);
    expect(wizard.state.report?.noAnswers).toBe(2);
    expect(wizard.state.report?.errors).toEqual([]);
  });

  it("reads a word map written one label = value a line, and says which line is not one", () => {
    expect(parseWordLines("Very good = 5\n\n bad=1 \nso-so = 2,5")).toEqual({ words: { "Very good": 5, bad: 1, "so-so": 2.5 } });
    expect(parseWordLines("good = 5\nbad")).toEqual({ error: "“bad” is not a label = number" });
  });

  it("tells Insights how many responses are unassigned: in no stage, or in the Unassigned stage", async () => {
    const { store, wizard } = await chosen(skytrax);
    wizard.setColumn(SEAT, { stage: "In flight" });
    await wizard.startImport();
    const model = store.state.model;
    // Every question but seat comfort went to "Unassigned"; every answer has a touchpoint.
    const unassigned = model.feedback.length - answered(SEAT);
    expect(unassignedSentence(analyseJourney(model))).toBe(
      `${unassigned.toLocaleString("en")} responses unassigned: 0 in no stage, ${unassigned.toLocaleString("en")} in “Unassigned” (move its touchpoints to their stages in Journey).`,
    );
    // Feedback with neither stage nor touchpoint counts too.
    const loose = { ...model, feedback: [...model.feedback, { ...(model.feedback[0] as JourneyMap["feedback"][number]), id: "feedback_loose", stageId: null, touchpointId: null }] };
    expect(unassignedSentence(analyseJourney(loose))).toMatch(/^[\d,]+ responses unassigned: 1 in no stage, /);
    expect(unassignedSentence(analyseJourney(emptyJourney()))).toBeNull();
  });

  it("reads the whole real export, inspected from its first part, every row imported", async () => {
    const whole = readFileSync(path.join(root, "test/fixtures/csv-real/skytrax_airline_reviews_wide.csv"));
    const { store, wizard } = await chosen(whole.toString("utf8"));
    expect(wizard.state.inspection?.partial).toBe(true);
    expect(wizard.state.inspection?.shape).toBe("wide");
    wizard.setColumn(GROUND, { stage: "Airport" });
    await wizard.startImport();
    const report = wizard.state.report;
    expect(report?.rows).toBe(8319);
    expect(report?.imported).toBe(8319);
    const ground = store.state.model.touchpoints.find((t) => t.name === "Groundservice");
    expect(store.state.model.stages.find((s) => s.id === ground?.stageId)?.name).toBe("Airport");
    expect(report?.questions.find((q) => q.header === "groundservice_rating")?.stage).toBe("Airport");
  });

  it("recognises the same survey chosen again, without an id column, as already imported", async () => {
    const { store, wizard } = await chosen(skytrax);
    wizard.setColumn(GROUND, { stage: "Airport" });
    await wizard.startImport();
    const before = store.state.model.feedback.length;
    wizard.reset();
    await wizard.chooseFile(new File([skytrax], "survey.csv"));
    await wizard.startImport();
    // The file is recognised by its content hash first; imported again, each row by its first answer.
    expect(wizard.state.sameFile).toMatch(/^This file \(“survey\.csv”\) was imported on .* \(200 rows imported\); import it again\?/);
    expect(store.state.model.feedback).toHaveLength(before);
    await wizard.startImport(false, true);
    expect(wizard.state.report?.imported).toBe(0);
    expect(wizard.state.report?.duplicates).toBe(200);
    expect(store.state.model.feedback).toHaveLength(before);
  });

  it("moves several questions at once into a stage of the map, a new stage and back to Unassigned, as a drop does", async () => {
    const model = emptyJourney();
    const { store, wizard } = await chosen(skytrax, { ...model, stages: [{ ...(sampleJourney().stages[0] as JourneyMap["stages"][number]), name: "In flight" }] });
    wizard.moveQuestions([SEAT, SERVICE, FOOD], "In flight");
    wizard.moveQuestions([GROUND, WIFI], " Airport ");
    wizard.moveQuestions([WIFI], "");
    const stage = (index: number) => wizard.state.options.columns[index]?.stage;
    expect([SEAT, SERVICE, FOOD, GROUND, WIFI].map(stage)).toEqual(["In flight", "In flight", "In flight", "Airport", ""]);
    // A move changes the stage only: a name the person gave stays.
    wizard.setColumn(GROUND, { name: "Ground service" });
    wizard.moveQuestions([GROUND], "Airport");
    expect(wizard.state.options.columns[GROUND]).toEqual({ name: "Ground service", stage: "Airport" });
    wizard.setOptions({ mode: "replace" });
    await wizard.startImport();
    const map = store.state.model;
    const stageOf = (name: string) => map.stages.find((s) => s.id === map.touchpoints.find((t) => t.name === name)?.stageId)?.name;
    expect(["Seat comfort", "Service", "Food", "Ground service", "Wifi", "Entertainment"].map(stageOf)).toEqual([
      "In flight",
      "In flight",
      "In flight",
      "Airport",
      "Unassigned",
      "Unassigned",
    ]);
    // The map's own "In flight" took them: no second stage of that name.
    expect(map.stages.filter((s) => s.name === "In flight")).toHaveLength(1);
  });

  it("remembers a wide survey's settings by its headers, in the draft, and applies them to the same export chosen again", async () => {
    const { store, wizard } = await chosen(skytrax);
    wizard.moveQuestions([SEAT, SERVICE, FOOD, ENTERTAINMENT, WIFI], "In flight");
    wizard.moveQuestions([GROUND], "Airport");
    wizard.setColumn(GROUND, { name: "Ground service" });
    wizard.setColumn(TRAVEL_TYPE, { role: "persona" });
    wizard.setColumn(VALUE, { role: "ignore" });
    wizard.setMeasure("nps", SEAT);
    wizard.setMeasure("outcome", null);
    wizard.setColumn(FOOD, { scale: { min: 0, max: 5 }, noAnswer: ["", "N/A"] });
    wizard.setOptions({ fixed: { source: "Skytrax", persona: undefined } });
    const signature = wizard.state.inspection?.signature ?? "";
    await wizard.startImport();
    const first = store.state.model;

    // The draft keeps them, and a panel opened on that draft applies them to the same export.
    const { text } = await buildDraft(store.state, noWait);
    const restored = new PanelStore(stateFromDraft(parseDraft(text).draft, emptyJourney));
    expect(restored.state.csvMappings[signature]?.shape).toBe("wide");
    // Into an empty map, so that what the second import makes can be compared with the first.
    restored.update(() => emptyJourney());
    const again = new ImportWizard(restored);
    await again.chooseFile(new File([skytrax], "survey-again.csv"));
    const { options, inspection } = again.state;
    if (inspection === null) throw new Error("inspected");
    expect(again.state.remembered).toBe(true);
    expect(inspection.shape).toBe("wide");
    const role = (index: number) => columnRole(inspection.columns[index] as (typeof inspection.columns)[number], options);
    const measure = (index: number) => columnMeasure(inspection.columns[index] as (typeof inspection.columns)[number], options);
    expect([role(TRAVEL_TYPE), role(VALUE), role(SEAT)]).toEqual(["persona", "ignore", "question"]);
    expect([measure(SEAT), measure(OVERALL)]).toEqual(["nps", null]);
    expect(options.columns[GROUND]).toMatchObject({ name: "Ground service", stage: "Airport" });
    expect(options.columns[WIFI]?.stage).toBe("In flight");
    expect(options.columns[FOOD]).toMatchObject({ scale: { min: 0, max: 5 }, noAnswer: ["", "N/A"], stage: "In flight" });
    expect(options.fixed).toEqual({ source: "Skytrax" });

    // The same stages, touchpoints, marks and segments as the first time.
    await again.startImport();
    const second = restored.state.model;
    const placed = (map: JourneyMap) =>
      map.touchpoints.map((t) => `${t.name} in ${map.stages.find((s) => s.id === t.stageId)?.name} (${t.measure ?? "-"})`).sort();
    expect(placed(second)).toEqual(placed(first));
    expect(placed(second)).toContain("Ground service in Airport (-)");
    expect(placed(second)).toContain("Seat comfort in In flight (nps)");
    expect(second.personas.map((p) => p.name).sort()).toEqual(first.personas.map((p) => p.name).sort());
    expect(second.feedback).toHaveLength(first.feedback.length);
    expect(second.feedback.every((f) => f.source === "Skytrax")).toBe(true);
  });

  it("resets remembered settings to the guesses when the person asks", async () => {
    const { wizard } = await chosen(skytrax);
    wizard.moveQuestions([GROUND], "Airport");
    wizard.setColumn(VALUE, { role: "ignore" });
    await wizard.startImport();
    wizard.reset();
    await wizard.chooseFile(new File([skytrax], "survey.csv"));
    expect(wizard.state.remembered).toBe(true);
    expect(wizard.state.options.columns[GROUND]?.stage).toBe("Airport");
    wizard.resetToGuesses();
    const { inspection, options } = wizard.state;
    expect(wizard.state.remembered).toBe(false);
    expect(options.columns).toEqual({});
    expect(options.fixed).toEqual({});
    expect(columnRole(inspection?.columns[VALUE] as NonNullable<typeof inspection>["columns"][number], options)).toBe("question");
  });

  it("applies only the remembered columns the file has, with roles and marks the panel knows", async () => {
    const store = new PanelStore({ model: emptyJourney(), pendingEdits: {}, csvMappings: {}, omittedFeedback: 0 });
    const probe = new ImportWizard(store);
    await probe.chooseFile(new File([skytrax], "survey.csv"));
    const signature = probe.state.inspection?.signature ?? "";
    store.rememberMapping(signature, {
      mapping: {},
      shape: "wide",
      columns: { [SEAT]: { role: "question", stage: "In flight", measure: "loyalty" }, [VALUE]: { role: "verdict" }, "99": { role: "ignore" }, x: { stage: "?" } },
    });
    const wizard = new ImportWizard(store);
    await wizard.chooseFile(new File([skytrax], "survey.csv"));
    expect(wizard.state.options.columns).toEqual({ [SEAT]: { role: "question", stage: "In flight" }, [VALUE]: {} });
    expect(wizard.state.remembered).toBe(true);
  });
});
