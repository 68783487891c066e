/**
 * The wizard's segment columns: shown with their guess, changed per column (long and wide files
 * alike), imported as each row's `segments`, and remembered for the next file with the same headers.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { columnRole, longColumnRole } from "../../ui/feedback/import-wizard-state";
import { summariseTally } from "../../shared/metrics";
import { segmentTallies } from "../../shared/segments";
import { buildDraft, parseDraft, stateFromDraft } from "../../ui/state/draft";
import { chosenInWizard, emptyJourney, noWait, root, storeOf } from "./sample";

/** 200 reviews of the real Skytrax export. */
const skytrax = readFileSync(path.join(root, "test/e2e/fixtures/skytrax-wide-slice.csv"), "utf8");
const AIRLINE = 0;
const COUNTRY = 3;
const TRAVEL_TYPE = 6;
const SEAT_TYPE = 7;

const chosen = (text: string, store = storeOf()) => chosenInWizard(text, store, "survey.csv");

/** An app's in-product survey: a long file with a plan, a country and an app version. */
const appSurvey = [
  "Submitted,Score,Comment,Plan,Country,App version",
  ...Array.from({ length: 40 }, (_, i) => `2025-03-${String((i % 28) + 1).padStart(2, "0")},${(i % 5) + 1},${i % 4 === 0 ? "Slow sync" : ""},${["Free", "Pro"][i % 2]},${["DE", "US", "FR"][i % 3]},${["4.2.0", "4.3.1"][i % 2]}`),
].join("\n");
const PLAN = 3;
const LAND = 4;
const VERSION = 5;

describe("segment columns in the import wizard", () => {
  it("a wide survey: the guessed segments shown, changed per column, imported with every answer and remembered", async () => {
    const { store, wizard } = await chosen(skytrax);
    const inspection = wizard.state.inspection!;
    const role = (index: number) => columnRole(inspection.columns[index]!, wizard.state.options);
    expect([role(TRAVEL_TYPE), role(SEAT_TYPE), role(COUNTRY), role(AIRLINE)]).toEqual(["persona", "segment", "segment", "ignore"]);
    wizard.setColumn(COUNTRY, { role: "ignore" });
    wizard.setColumn(AIRLINE, { role: "segment" });
    await wizard.startImport();
    expect(wizard.state.report?.imported).toBe(200);
    const feedback = store.state.model.feedback;
    expect(feedback.every((f) => f.segments !== undefined && Object.keys(f.segments).sort().join() === "airline_name,seat_type")).toBe(true);
    // Every answer of a respondent has the respondent's segments.
    const first = feedback.filter((f) => f.respondentId === feedback[0]?.respondentId);
    expect(first.length).toBeGreaterThan(1);
    expect(new Set(first.map((f) => JSON.stringify(f.segments))).size).toBe(1);

    const again = await chosen(skytrax, store);
    expect(again.wizard.state.remembered).toBe(true);
    const restored = again.wizard.state.inspection!;
    const roleAgain = (index: number) => columnRole(restored.columns[index]!, again.wizard.state.options);
    expect([roleAgain(TRAVEL_TYPE), roleAgain(SEAT_TYPE), roleAgain(COUNTRY), roleAgain(AIRLINE)]).toEqual(["persona", "segment", "ignore", "segment"]);
  });

  it("the whole Skytrax export: its draft folds the rows into the summary, and every cabin's and country's figures come back the same", async () => {
    const whole = readFileSync(path.join(root, "test/fixtures/csv-real/skytrax_airline_reviews_wide.csv"), "utf8");
    const { store, wizard } = await chosen(whole);
    await wizard.startImport();
    const model = store.state.model;
    expect(model.feedback.length).toBeGreaterThan(50_000);
    const { text } = await buildDraft(store.state, noWait);
    const restored = stateFromDraft(parseDraft(text).draft, emptyJourney);
    expect(restored.model.summary).toBeDefined();
    expect(restored.model.feedback.length).toBeLessThan(model.feedback.length / 4);
    // What the person chose is in the draft too.
    expect(Object.values(restored.csvMappings)[0]?.columns?.[SEAT_TYPE]).toEqual({ role: "segment" });
    for (const name of ["seat_type", "reviewer_country"]) {
      const rows = segmentTallies(model, { kind: "column", name });
      const folded = segmentTallies(restored.model, { kind: "column", name });
      expect([...folded.keys()].sort(), name).toEqual([...rows.keys()].sort());
      for (const [value, figures] of rows) expect(summariseTally(folded.get(value)!.overall), `${name} ${value}`).toEqual(summariseTally(figures.overall));
    }
  }, 120_000);

  it("a long file: a column taken from the persona for a segment, a guessed one left out, as shown, and remembered", async () => {
    const { store, wizard } = await chosen(appSurvey);
    const columns = () => wizard.state.inspection!.columns;
    const shown = () => columns().map((c) => longColumnRole(c, wizard.state.options));
    expect(shown()).toEqual(["date", "rating", "text", "persona", "segment", "segment"]);
    wizard.setLongRole(PLAN, "segment");
    wizard.setLongRole(LAND, "ignore");
    expect(shown()).toEqual(["date", "rating", "text", "segment", "ignore", "segment"]);
    expect(wizard.state.options.mapping.persona).toBeNull();
    await wizard.startImport();
    expect(wizard.state.report?.imported).toBe(40);
    const feedback = store.state.model.feedback;
    expect(feedback[0]?.segments).toEqual({ Plan: "Free", "App version": "4.2.0" });
    expect(feedback.every((f) => f.personaId === null)).toBe(true);

    // Mapping a segment column to a field takes it out of the segments.
    const again = await chosen(appSurvey, store);
    const shownAgain = () => again.wizard.state.inspection!.columns.map((c) => longColumnRole(c, again.wizard.state.options));
    expect(again.wizard.state.remembered).toBe(true);
    expect(shownAgain()).toEqual(["date", "rating", "text", "segment", "ignore", "segment"]);
    again.wizard.setLongRole(VERSION, "source");
    again.wizard.setLongRole(LAND, "segment");
    expect(shownAgain()).toEqual(["date", "rating", "text", "segment", "segment", "source"]);
    again.wizard.setOptions({ mode: "replace" });
    // The same file again, in place of the first import (the journey's ledger asks first).
    await again.wizard.startImport(false, true);
    expect(store.state.model.feedback[0]).toMatchObject({ source: "4.2.0", segments: { Plan: "Free", Country: "DE" } });
    again.wizard.reset();
    const third = await chosen(appSurvey, store);
    third.wizard.resetToGuesses();
    expect(third.wizard.state.inspection!.columns.map((c) => longColumnRole(c, third.wizard.state.options))).toEqual(["date", "rating", "text", "persona", "segment", "segment"]);
  });
});
