import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { analyseJourney } from "../../shared/analysis";
import { compactJourney } from "../../shared/evidence";
import { parseJourneyMap, type Feedback, type JourneyMap } from "../../shared/model";
import { frequencyBasis } from "../../shared/priority";
import { suggestPainPoints } from "../../shared/suggestions";
import { summaryTotals } from "../../shared/summary";
import { compoundScore } from "../../shared/sentiment";
import { sentimentFigures, withSentimentLabels } from "../../shared/sentiment-summary";
import {
  addEntity,
  freshName,
  mergeImportedFeedback,
  moveEntity,
  newTouchpoint,
  removeEntities,
  responseCount,
  restoreRemoval,
  updateEntity,
  type Collection,
} from "../../ui/state/edits";
import { sampleJourney } from "./sample";

const map = sampleJourney();

function expectValid(model: JourneyMap): void {
  const parsed = parseJourneyMap(model);
  expect(parsed.ok ? [] : parsed.errors).toEqual([]);
}

describe("removing an entity keeps the map valid and can be undone", () => {
  it("a stage takes its touchpoints, notes, KPIs, pain points and opportunities with it, and unlinks its feedback", () => {
    const checkout = map.stages.find((s) => s.name === "Checkout");
    if (checkout === undefined) throw new Error("the sample has a Checkout stage");
    const { map: without, removal } = removeEntities(map, "stages", [checkout.id], "stage “Checkout”");
    expectValid(without);
    expect(without.stages.map((s) => s.name)).not.toContain("Checkout");
    expect(without.touchpoints.some((t) => t.stageId === checkout.id)).toBe(false);
    expect(without.painPoints.some((p) => p.stageId === checkout.id)).toBe(false);
    expect(without.kpis.some((k) => k.stageId === checkout.id)).toBe(false);
    // Feedback is kept, without its stage (and touchpoint).
    expect(without.feedback).toHaveLength(map.feedback.length);
    expect(without.feedback.some((f) => f.stageId === checkout.id)).toBe(false);
    expect(removal.removed.filter((r) => r.collection === "touchpoints").length).toBeGreaterThan(0);

    expect(restoreRemoval(without, removal)).toEqual(map);
  });

  it("a persona unlinks its feedback; undo links it again", () => {
    const persona = map.personas[0];
    if (persona === undefined) throw new Error("the sample has personas");
    const { map: without, removal } = removeEntities(map, "personas", [persona.id], "persona");
    expectValid(without);
    expect(without.feedback.filter((f) => f.personaId === persona.id)).toHaveLength(0);
    expect(restoreRemoval(without, removal)).toEqual(map);
  });

  it("feedback cited as evidence leaves the evidence lists, and comes back to them", () => {
    const cited = map.painPoints.flatMap((p) => p.evidence).slice(0, 3);
    const { map: without, removal } = removeEntities(map, "feedback", cited, "3 rows");
    expectValid(without);
    expect(without.painPoints.flatMap((p) => p.evidence)).not.toContain(cited[0]);
    expect(restoreRemoval(without, removal)).toEqual(map);
  });

  it("undo after a later change brings back only what can still exist", () => {
    const stage = map.stages[1];
    if (stage === undefined) throw new Error("the sample has stages");
    const touchpoint = map.touchpoints.find((t) => t.stageId === stage.id);
    if (touchpoint === undefined) throw new Error("the stage has touchpoints");
    const first = removeEntities(map, "touchpoints", [touchpoint.id], "touchpoint");
    // Then the whole stage goes: the touchpoint has nowhere to come back to.
    const second = removeEntities(first.map, "stages", [stage.id], "stage");
    const restored = restoreRemoval(second.map, first.removal);
    expectValid(restored);
    expect(restored.touchpoints.some((t) => t.id === touchpoint.id)).toBe(false);
  });

  it("any removal from the sample is valid and undoes exactly (property)", () => {
    const collections: Collection[] = ["personas", "stages", "touchpoints", "lanes", "notes", "feedback", "painPoints", "opportunities", "kpis"];
    fc.assert(
      fc.property(fc.constantFrom(...collections), fc.nat(), (collection, pick) => {
        const list = map[collection];
        if (list.length === 0) return;
        const entity = list[pick % list.length];
        if (entity === undefined) return;
        const { map: without, removal } = removeEntities(map, collection, [entity.id], "it");
        expect(parseJourneyMap(without).ok).toBe(true);
        expect(restoreRemoval(without, removal)).toEqual(map);
      }),
      { numRuns: 60 },
    );
  });
});

describe("changing and adding", () => {
  it("moves a stage and keeps the others in order", () => {
    const [a, b, c] = map.stages;
    const moved = moveEntity(map, "stages", b?.id ?? "", -1);
    expect(moved.stages.slice(0, 3).map((s) => s.id)).toEqual([b?.id, a?.id, c?.id]);
    expect(moveEntity(map, "stages", a?.id ?? "", -1)).toBe(map);
  });

  it("updates one entity and adds another", () => {
    const stage = map.stages[0];
    if (stage === undefined) throw new Error("the sample has stages");
    const renamed = updateEntity(map, "stages", stage.id, { name: "Discovery" });
    expect(renamed.stages[0]?.name).toBe("Discovery");
    expect(map.stages[0]?.name).toBe(stage.name);
    const added = addEntity(renamed, "touchpoints", newTouchpoint(stage.id, "Podcast ads"));
    expectValid(added);
  });

  it("finds a fresh name", () => {
    expect(freshName("Stage 7", [{ name: "Stage 7" }, { name: "Stage 7 (2)" }])).toBe("Stage 7 (3)");
    expect(freshName("New pain point", [{ title: "Other" }])).toBe("New pain point");
  });

  it("refuses an import whose values the journey cannot hold (a 1–Infinity scale, a name with U+202E), adopting nothing", () => {
    const stage = map.stages[0];
    if (stage === undefined) throw new Error("the sample has stages");
    const row = { id: "fb_inf", kind: "survey" as const, rating: 3, scale: { min: 1, max: Infinity }, text: "", date: null, source: "", stageId: stage.id, touchpointId: null, personaId: null };
    const infinite = { feedback: [row], created: { stages: [], touchpoints: [], personas: [] } };
    expect(() => mergeImportedFeedback(map, infinite, "add")).toThrow(/^the file gave values the journey cannot hold \(imported response 1: scale\.max: /);
    const bidi = {
      feedback: [],
      created: { stages: [{ id: "stage_new", name: "Check\u202Eout", objective: "", emotion: null }], touchpoints: [], personas: [] },
    };
    expect(() => mergeImportedFeedback(map, bidi, "replace")).toThrow(/new stage 1: name: contains an invisible character \(U\+202E, a right-to-left override\)/);
  });

  it("merges an import, and replacing drops the evidence of rows that go", () => {
    const stage = map.stages[0];
    if (stage === undefined) throw new Error("the sample has stages");
    const imported = {
      feedback: [
        { id: "fb_new", kind: "survey" as const, rating: 2, scale: { min: 1, max: 5 }, text: "meh", date: null, source: "", stageId: stage.id, touchpointId: null, personaId: null },
      ],
      created: { stages: [], touchpoints: [], personas: [] },
    };
    const added = mergeImportedFeedback(map, imported, "add");
    expect(added.removal).toBeNull();
    expect(added.map.feedback).toHaveLength(map.feedback.length + 1);
    const replaced = mergeImportedFeedback(map, imported, "replace");
    expectValid(replaced.map);
    expect(replaced.map.feedback.map((f) => f.id)).toEqual(["fb_new"]);
    expect(replaced.map.painPoints.every((p) => p.evidence.length === 0)).toBe(true);
    expect(replaced.removal?.removed).toHaveLength(map.feedback.length);
  });
});

describe("removals change a journey's summary exactly as they change its rows", () => {
  // The sample journey with every row a pain point does not cite folded into its summary.
  const compact = compactJourney(map, { keepAllRows: 0, quotesPerCell: 0 });
  const figures = (m: JourneyMap) => ({ analysis: analyseJourney(m), basis: frequencyBasis(m) });

  it("has a summary to change", () => {
    expect(summaryTotals(compact.summary).rows).toBeGreaterThan(300);
  });

  for (const collection of ["stages", "touchpoints", "personas"] as const) {
    it(`deleting any of its ${collection} gives the figures deleting it from the rows gives, and Undo brings the summary back`, () => {
      for (const entity of map[collection]) {
        const fromRows = removeEntities(map, collection, [entity.id], "it").map;
        const fromSummary = removeEntities(compact, collection, [entity.id], "it");
        expectValid(fromSummary.map);
        expect(figures(fromSummary.map)).toEqual(figures(fromRows));
        // No group names what is gone.
        const names = new Set(fromSummary.map.summary?.strings);
        for (const removed of fromSummary.removal.removed) expect(names.has(removed.entity.id)).toBe(false);
        const undone = restoreRemoval(fromSummary.map, fromSummary.removal);
        expect(undone.summary).toBe(compact.summary);
        expect(figures(undone)).toEqual(figures(map));
      }
    });
  }

  it("deleting a stage, touchpoint or persona moves the folded rows' sentiment as it moves the rows'", () => {
    const labelled = { ...map, feedback: withSentimentLabels(map.feedback, compoundScore) as Feedback[] };
    const folded = compactJourney(labelled, { keepAllRows: 0, quotesPerCell: 0 });
    expect(folded.summary?.sentiment).toBeDefined();
    const shares = (m: JourneyMap) => ({ ...sentimentFigures(m), flagged: null });
    for (const collection of ["stages", "touchpoints", "personas"] as const)
      for (const entity of map[collection]) {
        const fromRows = removeEntities(labelled, collection, [entity.id], "it").map;
        const fromSummary = removeEntities(folded, collection, [entity.id], "it").map;
        expectValid(fromSummary);
        expect(shares(fromSummary)).toEqual(shares(fromRows));
      }
  });

  it("deleting a stage or a persona keeps the folded rows' term statistics of the other stages: suggestions as from the rows", () => {
    expect(compact.summary?.terms?.length).toBeGreaterThan(1);
    for (const collection of ["stages", "personas"] as const)
      for (const entity of map[collection]) {
        const fromRows = removeEntities(map, collection, [entity.id], "it").map;
        const fromSummary = removeEntities(compact, collection, [entity.id], "it").map;
        // The same suggestions, counts and satisfaction; the rows they cite are those the journey kept.
        const figuresOf = (m: JourneyMap) => suggestPainPoints(m).map(({ evidence, quotes, ...rest }) => ({ ...rest, cited: evidence.length > 0, quoted: quotes.length > 0 }));
        expect(figuresOf(fromSummary)).toEqual(figuresOf(fromRows));
        const kept = compact.summary?.terms?.filter((t) => collection !== "stages" || t.stageId !== entity.id);
        expect(fromSummary.summary?.terms).toEqual(kept);
      }
  });

  it("removing all feedback removes the summary too, and Undo brings both back", () => {
    const { map: empty, removal } = removeEntities(compact, "feedback", compact.feedback.map((f) => f.id), "all", true);
    expect(empty.feedback).toEqual([]);
    expect(empty.summary).toBeUndefined();
    expect(responseCount(empty)).toBe(0);
    const undone = restoreRemoval(empty, removal);
    expect(undone.summary).toBe(compact.summary);
    expect(responseCount(undone)).toBe(map.feedback.length);
    // Rows removed one by one leave the summary as it is.
    const first = compact.feedback[0]?.id ?? "";
    expect(removeEntities(compact, "feedback", [first], "a row").map.summary).toBe(compact.summary);
  });

  it("a Replace import clears the summary too, with an undo", () => {
    const row = { ...(map.feedback[0] as JourneyMap["feedback"][number]), id: "fb_new" };
    const created = { stages: [], touchpoints: [], personas: [] };
    const { map: replaced, removal } = mergeImportedFeedback(compact, { feedback: [row], created }, "replace");
    expect(replaced.summary).toBeUndefined();
    expect(responseCount(replaced)).toBe(1);
    expect(removal?.label).toBe(`${new Intl.NumberFormat("en").format(map.feedback.length)} earlier feedback rows`);
    const undone = restoreRemoval(replaced, removal ?? { label: "", removed: [], unlinked: [] });
    expect(undone.summary).toBe(compact.summary);
    // Only a summary, no rows: still cleared.
    const onlySummary = { ...compact, feedback: [], painPoints: compact.painPoints.map((p) => ({ ...p, evidence: [] })) };
    expect(mergeImportedFeedback(onlySummary, { feedback: [row], created }, "replace").map.summary).toBeUndefined();
    // "Add" keeps it.
    expect(mergeImportedFeedback(compact, { feedback: [row], created }, "add").map.summary).toBe(compact.summary);
  });
});
