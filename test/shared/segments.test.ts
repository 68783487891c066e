/**
 * Figures per segment (shared/segments.ts): per persona and per segment column, from rows and from
 * summaries alike, and two segments compared with the tests of real changes.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { analyseJourney } from "../../shared/analysis";
import { compactJourney } from "../../shared/evidence";
import type { Feedback, JourneyMap } from "../../shared/model";
import { MAX_PERSONA_CURVES, compareSegments, personaEmotions, segmentColumns, segmentTallies } from "../../shared/segments";
import { summariseTally } from "../../shared/metrics";
import { SummaryBuilder } from "../../shared/summary";
import { journeyMapArbitrary } from "./arbitraries";
import { STARS, buildMap, persona, rated, stage, touchpoint } from "./builders";

function travel(row: Feedback, type: string | null): Feedback {
  return type === null ? row : { ...row, segments: { "Travel type": type, Plan: "Pro" } };
}

const stages = [stage("s1", "Booking"), stage("s2", "Flight")];
const touchpoints = [touchpoint("t1", "s1"), touchpoint("t2", "s2")];

describe("segments", () => {
  it("count each segment column value apart, overall and per stage, and rows without it as not known", () => {
    const feedback = [
      travel(rated("a", 5, STARS, { touchpointId: "t1" }), "Business"),
      travel(rated("b", 4, STARS, { touchpointId: "t2" }), "Business"),
      travel(rated("c", 2, STARS, { touchpointId: "t1" }), "Leisure"),
      travel(rated("d", 1, STARS, { stageId: "s2" }), "Leisure"),
      rated("e", 3, STARS, { stageId: "s1" }),
    ];
    const map = buildMap({ stages, touchpoints, feedback });
    expect(segmentColumns(map)).toEqual(["Plan", "Travel type"]);
    const tallies = segmentTallies(map, { kind: "column", name: "Travel type" });
    expect([...tallies.keys()].sort()).toEqual(["Business", "Leisure", null].sort());
    // Business: 5★ and 4★ → CSAT 100 %, P = (5 + 4)/2 = 4.5; Leisure: 2★ and 1★ → 0 %, P 1.5.
    expect(summariseTally(tallies.get("Business")!.overall)).toMatchObject({ rated: 2, csat: 100, performance: 4.5 });
    expect(summariseTally(tallies.get("Leisure")!.overall)).toMatchObject({ rated: 2, csat: 0, performance: 1.5 });
    expect(summariseTally(tallies.get("Leisure")!.byStage.get("s2")!)).toMatchObject({ rated: 1, performance: 1 });
    expect(summariseTally(tallies.get(null)!.overall)).toMatchObject({ rated: 1, performance: 3 });
  });

  it("take personas as a segment", () => {
    const feedback = [rated("a", 5, STARS, { stageId: "s1", personaId: "p1" }), rated("b", 1, STARS, { stageId: "s1", personaId: "p2" }), rated("c", 4, STARS, { stageId: "s1", personaId: "p1" })];
    const map = buildMap({ stages, touchpoints, personas: [persona("p1"), persona("p2")], feedback });
    const tallies = segmentTallies(map, { kind: "persona" });
    expect(summariseTally(tallies.get("p1")!.byStage.get("s1")!)).toMatchObject({ rated: 2, csat: 100, performance: 4.5 });
    expect(summariseTally(tallies.get("p2")!.overall)).toMatchObject({ rated: 1, csat: 0 });
  });

  it("compare two segments with the two-proportion test: ▲ only where the difference is real", () => {
    // Business 35 of 50 satisfied (70 %) against Leisure 20 of 50 (40 %): z = 3.01511, real.
    const rows = (type: string, ratings: number[]) => ratings.map((r, i) => travel(rated(`${type}${i}`, r, STARS, { stageId: "s1" }), type));
    const feedback = [...rows("Business", [...Array(35).fill(5), ...Array(15).fill(2)]), ...rows("Leisure", [...Array(20).fill(4), ...Array(30).fill(1)])];
    const tallies = segmentTallies(buildMap({ stages, touchpoints, feedback }), { kind: "column", name: "Travel type" });
    const comparison = compareSegments(tallies.get("Business")?.overall, tallies.get("Leisure")?.overall);
    const csat = comparison.differences.find((d) => d.figure === "csat");
    expect(csat).toMatchObject({ current: 70, previous: 40, currentN: 50, previousN: 50, mark: "▲" });
    expect(csat?.test?.statistic).toBeCloseTo(3.0151134457776365, 9);
    // A stage neither segment has: no figures, nothing to compare.
    expect(compareSegments(tallies.get("Business")?.byStage.get("s2"), undefined)).toMatchObject({ differences: [], first: { csat: null } });
  });

  it("give exactly analyseJourney's figures for each segment's rows, from rows or a summary", () => {
    const types = ["Business", "Leisure", "Family"];
    fc.assert(
      fc.property(journeyMapArbitrary({ maxFeedback: 30 }), fc.array(fc.option(fc.nat(2), { nil: null }), { minLength: 30, maxLength: 30 }), (base, picks) => {
        const map: JourneyMap = { ...base, feedback: base.feedback.map((f, i) => travel(f, picks[i] === null || picks[i] === undefined ? null : (types[picks[i] as number] as string))) };
        const dimension = { kind: "column", name: "Travel type" } as const;
        const tallies = segmentTallies(map, dimension);
        const folded = compactJourney(map, { keepAllRows: 0, quotesPerCell: 1 });
        const fromSummary = segmentTallies(folded, dimension);
        for (const value of [...types, null]) {
          const only = (type: string | null) => {
            const summary = new SummaryBuilder();
            if (folded.summary !== undefined) summary.addSummary(folded.summary, (g) => ((g.segments?.["Travel type"] ?? null) === type ? g : null));
            return { ...folded, feedback: folded.feedback.filter((f) => (f.segments?.["Travel type"] ?? null) === type), summary: summary.toSummary() };
          };
          const analysis = analyseJourney(only(value));
          for (const s of analysis.stages) {
            const mine = tallies.get(value)?.byStage.get(s.stageId);
            const summarised = fromSummary.get(value)?.byStage.get(s.stageId);
            if (mine === undefined) {
              expect(summarised).toBeUndefined();
              expect(s.responses).toBe(0);
              continue;
            }
            const figures = summariseTally(mine);
            expect(summariseTally(summarised!)).toEqual(figures);
            expect([figures.responses, figures.csat, figures.nps, figures.ces, figures.performance]).toEqual([s.responses, s.csat, s.nps, s.ces, s.performance]);
          }
        }
      }),
      { numRuns: 80 },
    );
  }, 60_000);

  it("give each persona's emotion per stage, up to 5 personas, those on the map first", () => {
    // Seven personas, p0 … p6, each rating 5★ in Booking; p1 also 1★ in Flight; p6 is on the map but has no rating.
    const personas = Array.from({ length: 7 }, (_, i) => persona(`p${i}`, `P${i}`, i !== 0));
    const feedback = [
      ...personas.slice(0, 6).map((p) => rated(`r${p.id}`, 5, STARS, { stageId: "s1", personaId: p.id })),
      rated("low", 1, STARS, { stageId: "s2", personaId: "p1" }),
    ];
    const curves = personaEmotions(buildMap({ stages, touchpoints, personas, feedback }));
    expect(MAX_PERSONA_CURVES).toBe(5);
    // p0 is not on the map: it comes after p1 … p5, and is the sixth, so it is left out; p6 has no rated feedback.
    expect(curves.map((c) => c.personaId)).toEqual(["p1", "p2", "p3", "p4", "p5"]);
    // 4 × mean(s) − 2: 5★ → +2, 1★ → −2; no feedback in a stage → no value.
    expect(curves[0]?.emotions).toEqual([2, -2]);
    expect(curves[1]?.emotions).toEqual([2, null]);
  });
});
