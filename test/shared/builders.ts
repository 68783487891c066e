/**
 * Small builders for hand-made journey maps in tests: each fills in the fields a test does not
 * care about, so a test shows only the numbers its expectation depends on.
 */
import type { Feedback, JourneyMap, Kpi, PainPoint, Persona, RatingScale, Stage, Touchpoint } from "../../shared/model";
import { BUILT_IN_LANES, DEFAULT_SETTINGS, SCHEMA_VERSION, blankPersona } from "../../shared/model";

export const STARS: RatingScale = { min: 1, max: 5 };
export const NPS: RatingScale = { min: 0, max: 10 };
export const CES: RatingScale = { min: 1, max: 7 };

export function buildMap(parts: Partial<JourneyMap> = {}): JourneyMap {
  return {
    schemaVersion: SCHEMA_VERSION,
    id: "map_test",
    title: "Online shop",
    state: "current",
    scope: { journey: "Online shop", product: "", goal: "", successMetrics: [] },
    personas: [],
    stages: [],
    touchpoints: [],
    lanes: BUILT_IN_LANES.map((lane, i) => ({ id: `lane_${i}`, kind: lane.kind, name: lane.name, visible: true })),
    notes: [],
    feedback: [],
    painPoints: [],
    opportunities: [],
    kpis: [],
    settings: { ...DEFAULT_SETTINGS },
    rejectedSuggestions: [],
    ...parts,
  };
}

export function stage(id: string, name: string = id, emotion: number | null = null): Stage {
  return { id, name, objective: "", emotion };
}

export function touchpoint(id: string, stageId: string, importance = 3, name: string = id): Touchpoint {
  return { id, stageId, name, channel: "web", digital: true, importance };
}

export function persona(id: string, name: string = id, onMap = true): Persona {
  return { ...blankPersona(id, name), onMap };
}

interface Where {
  stageId?: string;
  touchpointId?: string;
  personaId?: string;
  text?: string;
}

/** A rated feedback row. */
export function rated(id: string, rating: number, scale: RatingScale, where: Where = {}): Feedback {
  return {
    id,
    kind: "survey",
    rating,
    scale,
    text: where.text ?? "",
    date: null,
    source: "",
    stageId: where.stageId ?? null,
    touchpointId: where.touchpointId ?? null,
    personaId: where.personaId ?? null,
  };
}

/** A feedback row without a rating. */
export function comment(id: string, text: string, where: Where = {}): Feedback {
  return { ...rated(id, 0, STARS, where), rating: null, scale: null, text };
}

export function painPoint(id: string, stageId: string, fields: Partial<PainPoint> = {}): PainPoint {
  return {
    id,
    stageId,
    touchpointId: null,
    title: id,
    description: "",
    severity: 3,
    frequency: 3,
    effort: 3,
    confidence: 0.8,
    reach: null,
    ice: null,
    evidence: [],
    ...fields,
  };
}

export function kpi(id: string, stageId: string, fields: Partial<Kpi> = {}): Kpi {
  return {
    id,
    stageId,
    name: id,
    unit: "%",
    direction: "higher",
    target: 80,
    baseline: null,
    current: null,
    history: [],
    ...fields,
  };
}

/** Ids `prefix_1`, `prefix_2`, … for code that makes ids. */
export function countingIds(): (prefix: string) => string {
  let n = 0;
  return (prefix) => `${prefix}_${++n}`;
}

/**
 * The map with `rows` feedback rows: its own, then copies of them over and over, each copy with an
 * id of its own (`<id>~<n>`), so that the sample journey's 500 rows make a 200,000-row map.
 */
export function withFeedbackRows(map: JourneyMap, rows: number): JourneyMap {
  const own = map.feedback;
  const feedback: Feedback[] = own.slice(0, rows);
  for (let i = feedback.length; i < rows && own.length > 0; i++) {
    const row = own[i % own.length] as Feedback;
    feedback.push({ ...row, id: `${row.id}~${Math.floor(i / own.length)}` });
  }
  return { ...map, feedback };
}

/** A turn of the host that takes no time and counts itself: tests need the slicing, not the waiting. */
export function countingTurns(): { yieldToHost: () => Promise<void>; turns: () => number } {
  let turns = 0;
  return {
    yieldToHost: () => {
      turns++;
      return Promise.resolve();
    },
    turns: () => turns,
  };
}

/**
 * The hand-worked survey of test/shared/importance.test.ts: five respondents rate the outcome
 * "Overall satisfaction" (o, stated 3) 1…5 stars, and Tracking (a, stated 2) 1, 3, 2, 4, 5 and
 * Courier (b, stated 5) 3, 1, 5, 2, 4 in Delivery (s1); three of them rate Chat (c, stated 4) 2, 4, 5
 * in Support (s2). Every row has its respondent. `parts` replace or add fields of the map.
 */
export function outcomeSurvey(parts: Partial<JourneyMap> = {}): JourneyMap {
  const rows: Feedback[] = [];
  const answer = (who: number, where: string, stars: number) =>
    rows.push({ ...rated(`${where}_${who}`, stars, STARS, { touchpointId: where }), respondentId: `r${who}` });
  [1, 2, 3, 4, 5].forEach((stars, i) => answer(i, "o", stars));
  [1, 3, 2, 4, 5].forEach((stars, i) => answer(i, "a", stars));
  [3, 1, 5, 2, 4].forEach((stars, i) => answer(i, "b", stars));
  [2, 4, 5].forEach((stars, i) => answer(i, "c", stars));
  return buildMap({
    stages: [stage("s1", "Delivery"), stage("s2", "Support")],
    touchpoints: [
      touchpoint("a", "s1", 2, "Tracking"),
      touchpoint("b", "s1", 5, "Courier"),
      touchpoint("c", "s2", 4, "Chat"),
      { ...touchpoint("o", "s2", 3, "Overall satisfaction"), measure: "outcome" },
    ],
    feedback: rows,
    ...parts,
  });
}
