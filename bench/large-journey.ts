/**
 * A realistic large journey for the size and speed benchmarks and tests: a year of feedback
 * (every day of 2025) over 8 stages × 5 touchpoints, 3 personas and 2 sources (a post-visit survey
 * and app-store reviews), rated 1–5, about one row in three with a comment, one in ten text-only.
 * Deterministic: the same `rows` and `seed` always give the same journey.
 */
import { BUILT_IN_LANES, DEFAULT_SETTINGS, SCHEMA_VERSION, blankPersona, type Feedback, type JourneyMap, type PainPoint, type Persona } from "../shared/model";

export const LARGE_STAGES = 8;
export const TOUCHPOINTS_PER_STAGE = 5;

/** A small deterministic generator (LCG), so every run builds the same journey. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 4294967296;
  };
}

const COMMENTS = [
  "Took far too long to find the right option",
  "Easy and quick, thank you",
  "The app crashed when I tried to pay",
  "Staff were friendly and helpful",
  "I was charged twice and nobody answered my email",
  "Delivery came a day late without any message",
  "Could not log in, the code never arrived",
  "Great prices but the checkout is confusing",
  "Waited 40 minutes on the phone",
  "Everything worked as expected",
  "Das Formular hat meine Adresse nicht akzeptiert",
  "配送が遅かった",
];

function persona(id: string, name: string): Persona {
  return blankPersona(id, name);
}

/**
 * `rows` feedback rows; ratings lean lower in a couple of stages, so the figures differ per stage.
 * Ten pain points cite a few rows each (their evidence).
 */
export function largeJourney(rows: number, seed = 1): JourneyMap {
  const next = random(seed);
  const stages = Array.from({ length: LARGE_STAGES }, (_, s) => ({ id: `stage_${s}`, name: `Stage ${s + 1}`, objective: "", emotion: null }));
  const touchpoints = stages.flatMap((stage, s) =>
    Array.from({ length: TOUCHPOINTS_PER_STAGE }, (_, t) => ({
      id: `tp_${s}_${t}`,
      stageId: stage.id,
      name: `Touchpoint ${s + 1}.${t + 1}`,
      channel: "web" as const,
      digital: true,
      importance: 1 + ((s + t) % 5),
    })),
  );
  const personas = [persona("persona_0", "Commuter"), persona("persona_1", "Family planner"), persona("persona_2", "Business traveller")];
  const sources = [
    { source: "Post-visit survey", kind: "survey" as const },
    { source: "App store", kind: "review" as const },
  ];
  const start = Date.UTC(2025, 0, 1);
  const feedback: Feedback[] = new Array<Feedback>(rows);
  for (let i = 0; i < rows; i++) {
    const s = Math.floor(next() * LARGE_STAGES);
    const t = Math.floor(next() * TOUCHPOINTS_PER_STAGE);
    const from = sources[next() < 0.7 ? 0 : 1] as (typeof sources)[number];
    const textOnly = next() < 0.1;
    const withText = textOnly || next() < 0.3;
    // Stages 3 and 6 are where customers struggle.
    const lean = s === 3 || s === 6 ? 1.2 : 0;
    const rating = textOnly ? null : Math.max(1, Math.min(5, Math.round(1 + next() * 4.4 - lean * next())));
    feedback[i] = {
      id: `fb_${i}`,
      kind: from.kind,
      rating,
      scale: rating === null ? null : { min: 1, max: 5 },
      text: withText ? (COMMENTS[Math.floor(next() * COMMENTS.length)] as string) : "",
      date: new Date(start + Math.floor((i / rows) * 365) * 86_400_000).toISOString().slice(0, 10),
      source: from.source,
      stageId: `stage_${s}`,
      touchpointId: next() < 0.9 ? `tp_${s}_${t}` : null,
      personaId: (personas[Math.floor(next() * 3)] as Persona).id,
      responseId: `R-${i + 1}`,
    };
  }
  const painPoints: PainPoint[] = Array.from({ length: 10 }, (_, p) => ({
    id: `pp_${p}`,
    stageId: `stage_${p % LARGE_STAGES}`,
    touchpointId: null,
    title: `Pain point ${p + 1}`,
    description: "",
    severity: 1 + (p % 5),
    frequency: p % 2 === 0 ? null : 3,
    effort: 1 + ((p * 2) % 5),
    confidence: 0.8,
    reach: null,
    ice: null,
    evidence: Array.from({ length: 4 }, (_, k) => `fb_${(p * 7919 + k * 104729) % rows}`),
  }));
  return {
    schemaVersion: SCHEMA_VERSION,
    id: `map_large_${rows}`,
    title: `A year of feedback (${rows.toLocaleString("en")} rows)`,
    state: "current",
    scope: { journey: "From need to renewal", product: "", goal: "", successMetrics: [] },
    personas,
    stages,
    touchpoints,
    lanes: BUILT_IN_LANES.map((lane) => ({ id: `lane_${lane.kind}`, kind: lane.kind, name: lane.name, visible: true })),
    notes: [],
    feedback,
    painPoints,
    opportunities: [],
    kpis: [],
    settings: { ...DEFAULT_SETTINGS },
    rejectedSuggestions: [],
  };
}
