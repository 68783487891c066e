/**
 * Segments: the figures of each persona, or of each value of a segment column ("Travel type" →
 * "Business", "Leisure"), overall and per stage, from feedback rows (`Feedback.segments`,
 * `personaId`) and summary groups (their `segments`, `personaId`) alike; and the comparison of two
 * segments with the tests of real changes (the same as a period against the previous one).
 *
 * A row without the segment (no persona, or no value for that column) counts for the segment
 * `null` ("not known"), never for another. Figures are made by metrics.ts tallies, so a segment's
 * figures are exactly those of `analyseJourney` on that segment's rows.
 */
import { runPass } from "./feedback-pass";
import { addGroupToTally, addToTally, createTally, feedbackStageId, mergeTally, summariseTally, type FeedbackTally, type SatisfactionMetrics } from "./metrics";
import { emotionFromSatisfaction } from "./gaps";
import type { JourneyMap } from "./model";
import { summaryGroups } from "./summary";
import { figureChanges, groupsThenRows, type FigureChange, type JourneyPass } from "./trends";

/** What segments are taken by: the persona, or a segment column by its name. */
export type SegmentDimension = { kind: "persona" } | { kind: "column"; name: string };

/** The segment columns the map's feedback has, in alphabetical order. */
export function segmentColumns(map: Pick<JourneyMap, "feedback" | "summary">): string[] {
  const names = new Set<string>();
  for (const row of map.feedback) if (row.segments !== undefined) for (const name of Object.keys(row.segments)) names.add(name);
  if (map.summary !== undefined) for (const group of summaryGroups(map.summary)) if (group.segments !== null) for (const name of Object.keys(group.segments)) names.add(name);
  return [...names].sort();
}

/** One segment's figures: overall, and per stage (a stage without its feedback has no entry). */
export interface SegmentFigures {
  /** The persona id or the column's value; null for feedback without it. */
  value: string | null;
  overall: FeedbackTally;
  byStage: Map<string, FeedbackTally>;
}

/** Every segment of a dimension, by value (null: not known). */
export type SegmentTallies = Map<string | null, SegmentFigures>;

/** The segment tallies as a pass over the map's summary groups and rows (`groupsThenRows`). */
export function segmentPass(map: Pick<JourneyMap, "feedback" | "touchpoints" | "summary">, dimension: SegmentDimension): JourneyPass<SegmentTallies> {
  const stageOfTouchpoint = new Map(map.touchpoints.map((t) => [t.id, t.stageId]));
  // Tallied per segment × stage first, then merged into each segment's overall tally once.
  const cells = new Map<string | null, Map<string | null, FeedbackTally>>();
  const tallyOf = (value: string | null, stageId: string | null) => {
    let byStage = cells.get(value);
    if (byStage === undefined) cells.set(value, (byStage = new Map()));
    let tally = byStage.get(stageId);
    if (tally === undefined) byStage.set(stageId, (tally = createTally()));
    return tally;
  };
  const valueOf = (personaId: string | null, segments: Readonly<Record<string, string>> | null | undefined): string | null =>
    dimension.kind === "persona" ? personaId : (segments?.[dimension.name] ?? null);
  return {
    ...groupsThenRows(
      map,
      (group) => addGroupToTally(tallyOf(valueOf(group.personaId, group.segments), feedbackStageId(group, stageOfTouchpoint)), group),
      (row) => addToTally(tallyOf(valueOf(row.personaId, row.segments), feedbackStageId(row, stageOfTouchpoint)), row),
    ),
    finish() {
      const result: SegmentTallies = new Map();
      for (const [value, byStage] of cells) {
        const figures: SegmentFigures = { value, overall: createTally(), byStage: new Map() };
        for (const [stageId, tally] of byStage) {
          mergeTally(figures.overall, tally);
          if (stageId !== null) figures.byStage.set(stageId, tally);
        }
        result.set(value, figures);
      }
      return result;
    },
  };
}

/** The segment tallies of a whole map at once. */
export function segmentTallies(map: Pick<JourneyMap, "feedback" | "touchpoints" | "summary">, dimension: SegmentDimension): SegmentTallies {
  const pass = segmentPass(map, dimension);
  return runPass(pass, pass.size);
}

/** Two segments side by side: each one's figures and the difference of each figure, first against second. */
export interface SegmentComparison {
  first: SatisfactionMetrics;
  second: SatisfactionMetrics;
  /** Figures both have, first minus second, with the test: ▲ ▼ only where significant at 95%. */
  differences: FigureChange[];
}

/** Compares two tallies (two segments, overall or in one stage); an absent tally has no feedback. */
export function compareSegments(first: FeedbackTally | undefined, second: FeedbackTally | undefined): SegmentComparison {
  const a = first ?? createTally();
  const b = second ?? createTally();
  return { first: summariseTally(a), second: summariseTally(b), differences: figureChanges(a, b) };
}

/** At most this many persona curves on a map: more lines than that no one can tell apart. */
export const MAX_PERSONA_CURVES = 5;

/** A persona's emotion per stage (in the map's stage order), from its feedback only; null where it has no rated feedback. */
export interface PersonaEmotion {
  personaId: string;
  name: string;
  emotions: (number | null)[];
}

/**
 * The emotion curves of the personas with rated feedback, up to MAX_PERSONA_CURVES: those the map
 * shows first, then the others, each in the model's order. A stage's emotion is 4 × mean(s) − 2 of
 * the persona's rated feedback there (a stage's manual emotion is the journey's, not a persona's).
 */
export function personaEmotions(map: Pick<JourneyMap, "feedback" | "touchpoints" | "summary" | "personas" | "stages">): PersonaEmotion[] {
  const tallies = segmentTallies(map, { kind: "persona" });
  const curves: PersonaEmotion[] = [];
  for (const persona of [...map.personas.filter((p) => p.onMap), ...map.personas.filter((p) => !p.onMap)]) {
    const figures = tallies.get(persona.id);
    if (figures === undefined || figures.overall.rated === 0 || curves.length === MAX_PERSONA_CURVES) continue;
    const emotions = map.stages.map((stage) => {
      const tally = figures.byStage.get(stage.id);
      const mean = tally === undefined ? null : summariseTally(tally).meanSatisfaction;
      return mean === null ? null : emotionFromSatisfaction(mean);
    });
    curves.push({ personaId: persona.id, name: persona.name, emotions });
  }
  return curves;
}
