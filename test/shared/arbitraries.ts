/**
 * fast-check arbitraries for valid journey maps (model v1), for property tests anywhere.
 *
 * `journeyMapArbitrary()` gives maps that pass `parseJourneyMap`: ids unique across the model,
 * every reference naming an entity that exists, ratings on their scales. Entities are generated
 * as shapes with indices, then wired together, so references are valid by construction.
 * Numbers are never −0 (JSON cannot keep the sign of zero).
 */
import fc from "fast-check";
import type {
  Feedback,
  JourneyMap,
  Kpi,
  Lane,
  Note,
  Opportunity,
  PainPoint,
  Persona,
  RatingScale,
  Settings,
  Stage,
  Touchpoint,
} from "../../shared/model";
import {
  CHANNELS,
  FEEDBACK_KINDS,
  LANE_KINDS,
  NUMBER_LIMIT,
  OPPORTUNITY_STATUSES,
  SCHEMA_VERSION,
  SCORING_MODELS,
  withoutHiddenCharacters,
} from "../../shared/model";

export interface JourneyMapArbitraryOptions {
  minStages?: number;
  maxStages?: number;
  maxTouchpoints?: number;
  maxPersonas?: number;
  maxFeedback?: number;
  minPainPoints?: number;
  maxPainPoints?: number;
  maxKpis?: number;
  /** Free text: "binary" (any code points, lone surrogates too) or "grapheme" (printable). */
  textUnit?: "binary" | "grapheme";
}

const noNegativeZero = (x: number): number => (Object.is(x, -0) ? 0 : x);

/** A finite double in [min, max], never −0. */
export function numberIn(min: number, max: number): fc.Arbitrary<number> {
  return fc.double({ min, max, noNaN: true, noDefaultInfinity: true }).map(noNegativeZero);
}

/** Any number the model takes (within ±NUMBER_LIMIT), extremes and subnormals included. */
export const anyNumber: fc.Arbitrary<number> = numberIn(-NUMBER_LIMIT, NUMBER_LIMIT);

/** A rating scale: mostly the usual ones, sometimes a user-given one. */
export const ratingScaleArbitrary: fc.Arbitrary<RatingScale> = fc.oneof(
  fc.constant({ min: 1, max: 5 }),
  fc.constant({ min: 0, max: 10 }),
  fc.constant({ min: 1, max: 7 }),
  fc
    .tuple(fc.integer({ min: -10, max: 10 }), fc.integer({ min: 1, max: 100 }))
    .map(([min, width]) => ({ min, max: min + width })),
);

/** A rating on the scale: whole steps mostly, halves sometimes. */
export function ratingOn(scale: RatingScale): fc.Arbitrary<number> {
  const steps = (scale.max - scale.min) * 2;
  return fc.integer({ min: 0, max: steps }).map((k) => noNegativeZero(scale.min + k / 2));
}

export const isoDateArbitrary: fc.Arbitrary<string> = fc
  .date({ min: new Date("1990-01-01T00:00:00Z"), max: new Date("2099-12-31T00:00:00Z"), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10));

const score5 = fc.integer({ min: 1, max: 5 });
const score10 = fc.oneof(fc.integer({ min: 1, max: 10 }), numberIn(1, 10));
const confidence = fc.constantFrom<PainPoint["confidence"]>(0.5, 0.8, 1);

/** Picks one of `count` items by a raw index, or null when there are none or `raw` is null. */
function pick(raw: number | null, count: number): number | null {
  return raw === null || count === 0 ? null : raw % count;
}

export function journeyMapArbitrary(options: JourneyMapArbitraryOptions = {}): fc.Arbitrary<JourneyMap> {
  const text = (maxLength = 24) => fc.string({ unit: options.textUnit ?? "binary", maxLength });
  // Names never hold the invisible characters the model refuses (NUL, U+202E …).
  const name = (maxLength = 16) =>
    fc
      .string({ unit: options.textUnit ?? "binary", minLength: 1, maxLength })
      .map(withoutHiddenCharacters)
      .filter((n) => n.length > 0);
  const index = fc.nat();
  const maybeIndex = fc.option(fc.nat(), { nil: null });

  const stageShape = fc.record({ name: name(), objective: text(), emotion: fc.option(numberIn(-2, 2), { nil: null }) });
  const touchpointShape = fc.record({
    stage: index,
    name: name(),
    channel: fc.constantFrom(...CHANNELS),
    digital: fc.boolean(),
    importance: fc.oneof(fc.integer({ min: 1, max: 5 }), numberIn(1, 5)),
  });
  const personaShape = fc.record({
    name: name(),
    role: text(),
    demographics: text(),
    goals: fc.array(text(), { maxLength: 3 }),
    motivations: fc.array(text(), { maxLength: 3 }),
    behaviours: fc.array(text(), { maxLength: 3 }),
    frustrations: fc.array(text(), { maxLength: 3 }),
    quote: text(),
    share: fc.option(numberIn(0, 100), { nil: null }),
    onMap: fc.boolean(),
  });
  const laneShape = fc.record({ kind: fc.constantFrom(...LANE_KINDS), name: name(), visible: fc.boolean() });
  const noteShape = fc.record({ lane: index, stage: index, text: text() });
  const ratingShape = fc.option(
    ratingScaleArbitrary.chain((scale) => ratingOn(scale).map((rating) => ({ rating, scale }))),
    { nil: null, freq: 4 },
  );
  const feedbackShape = fc.record({
    kind: fc.constantFrom(...FEEDBACK_KINDS),
    rated: ratingShape,
    text: text(),
    date: fc.option(isoDateArbitrary, { nil: null }),
    source: text(8),
    stage: maybeIndex,
    touchpoint: maybeIndex,
    persona: maybeIndex,
  });
  const painPointShape = fc.record({
    stage: index,
    touchpoint: maybeIndex,
    title: name(),
    description: text(),
    severity: score5,
    frequency: fc.option(score5, { nil: null }),
    effort: score5,
    confidence,
    // Small whole numbers often, so that scores tie and tie-breaks get exercised.
    reach: fc.option(fc.oneof(fc.nat({ max: 5 }), fc.nat({ max: 10_000 }), numberIn(0, NUMBER_LIMIT)), {
      nil: null,
    }),
    ice: fc.option(fc.record({ impact: score10, confidence: score10, ease: score10 }), { nil: null }),
    evidence: fc.array(index, { maxLength: 4 }),
  });
  const opportunityShape = fc.record({
    stage: index,
    painPoint: maybeIndex,
    title: name(),
    description: text(),
    status: fc.constantFrom(...OPPORTUNITY_STATUSES),
    owner: text(8),
  });
  const kpiShape = fc.record({
    stage: index,
    name: name(),
    unit: text(4),
    direction: fc.constantFrom<Kpi["direction"]>("higher", "lower"),
    target: fc.oneof(fc.integer({ min: -1000, max: 1000 }).map(noNegativeZero), anyNumber),
    baseline: fc.option(anyNumber, { nil: null }),
    current: fc.option(fc.oneof(fc.integer({ min: -1000, max: 1000 }).map(noNegativeZero), anyNumber), { nil: null }),
    history: fc.array(fc.record({ date: isoDateArbitrary, value: numberIn(-1e6, 1e6) }), { maxLength: 3 }),
  });
  const settings: fc.Arbitrary<Settings> = fc.record({
    scoring: fc.constantFrom(...SCORING_MODELS),
    gapThreshold: numberIn(0, 4),
    backedResponses: fc.integer({ min: 1, max: 100 }),
  });

  return fc
    .record({
      id: fc.string({ unit: "grapheme-ascii", minLength: 1, maxLength: 64 }),
      title: name(40),
      state: fc.constantFrom<JourneyMap["state"]>("current", "future"),
      scope: fc.record({ journey: text(), product: text(), goal: text(), successMetrics: fc.array(text(), { maxLength: 3 }) }),
      stages: fc.array(stageShape, { minLength: options.minStages ?? 1, maxLength: options.maxStages ?? 6 }),
      touchpoints: fc.array(touchpointShape, { maxLength: options.maxTouchpoints ?? 10 }),
      personas: fc.array(personaShape, { maxLength: options.maxPersonas ?? 3 }),
      lanes: fc.array(laneShape, { maxLength: 8 }),
      notes: fc.array(noteShape, { maxLength: 6 }),
      feedback: fc.array(feedbackShape, { maxLength: options.maxFeedback ?? 30 }),
      painPoints: fc.array(painPointShape, {
        minLength: options.minPainPoints ?? 0,
        maxLength: options.maxPainPoints ?? 8,
      }),
      opportunities: fc.array(opportunityShape, { maxLength: 4 }),
      kpis: fc.array(kpiShape, { maxLength: options.maxKpis ?? 4 }),
      settings,
      rejectedSuggestions: fc.uniqueArray(fc.string({ maxLength: 20 }), { maxLength: 3 }),
    })
    .map((shape): JourneyMap => {
      const stages: Stage[] = shape.stages.map((s, i) => ({ id: `stage_${i}`, ...s }));
      const stageAt = (raw: number): string => `stage_${raw % stages.length}`;
      const touchpoints: Touchpoint[] =
        stages.length === 0
          ? []
          : shape.touchpoints.map((t, i) => ({
              id: `tp_${i}`,
              stageId: stageAt(t.stage),
              name: t.name,
              channel: t.channel,
              digital: t.digital,
              importance: t.importance,
            }));
      const personas: Persona[] = shape.personas.map((p, i) => ({ id: `persona_${i}`, ...p }));
      const lanes: Lane[] = shape.lanes.map((l, i) => ({ id: `lane_${i}`, ...l }));
      const notes: Note[] =
        lanes.length === 0 || stages.length === 0
          ? []
          : shape.notes.map((n, i) => ({
              id: `note_${i}`,
              laneId: `lane_${n.lane % lanes.length}`,
              stageId: stageAt(n.stage),
              text: n.text,
            }));
      const feedback: Feedback[] = shape.feedback.map((f, i) => {
        const s = pick(f.stage, stages.length);
        const t = pick(f.touchpoint, touchpoints.length);
        const p = pick(f.persona, personas.length);
        return {
          id: `fb_${i}`,
          kind: f.kind,
          rating: f.rated === null ? null : f.rated.rating,
          scale: f.rated === null ? null : f.rated.scale,
          text: f.text,
          date: f.date,
          source: f.source,
          stageId: s === null ? null : `stage_${s}`,
          touchpointId: t === null ? null : `tp_${t}`,
          personaId: p === null ? null : `persona_${p}`,
        };
      });
      const painPoints: PainPoint[] =
        stages.length === 0
          ? []
          : shape.painPoints.map((p, i) => {
              const t = pick(p.touchpoint, touchpoints.length);
              return {
                id: `pain_${i}`,
                stageId: stageAt(p.stage),
                touchpointId: t === null ? null : `tp_${t}`,
                title: p.title,
                description: p.description,
                severity: p.severity,
                frequency: p.frequency,
                effort: p.effort,
                confidence: p.confidence,
                reach: p.reach,
                ice: p.ice,
                evidence: feedback.length === 0 ? [] : [...new Set(p.evidence.map((e) => `fb_${e % feedback.length}`))],
              };
            });
      const opportunities: Opportunity[] =
        stages.length === 0
          ? []
          : shape.opportunities.map((o, i) => {
              const p = pick(o.painPoint, painPoints.length);
              return {
                id: `opp_${i}`,
                stageId: stageAt(o.stage),
                painPointId: p === null ? null : `pain_${p}`,
                title: o.title,
                description: o.description,
                status: o.status,
                owner: o.owner,
              };
            });
      const kpis: Kpi[] =
        stages.length === 0
          ? []
          : shape.kpis.map((k, i) => ({
              id: `kpi_${i}`,
              stageId: stageAt(k.stage),
              name: k.name,
              unit: k.unit,
              direction: k.direction,
              target: k.target,
              baseline: k.baseline,
              current: k.current,
              history: k.history,
            }));
      return {
        schemaVersion: SCHEMA_VERSION,
        id: shape.id,
        title: shape.title,
        state: shape.state,
        scope: shape.scope,
        personas,
        stages,
        touchpoints,
        lanes,
        notes,
        feedback,
        painPoints,
        opportunities,
        kpis,
        settings: shape.settings,
        rejectedSuggestions: shape.rejectedSuggestions,
      };
    });
}
