/**
 * Stated against derived importance. Stated importance is what a person set on a touchpoint (1–5);
 * derived importance comes from the data: 1 + 4 × max(0, r), r the touchpoint's correlation with
 * the journey's outcome (the touchpoint whose `measure` is "outcome": overall satisfaction) over the
 * respondents who answered both (stats/correlation.ts). The journey's setting
 * `settings.importance` says which one the gaps, the quadrants and the gap chart use.
 *
 * Under "derived", a touchpoint keeps its stated importance where the data cannot say: the outcome
 * itself, and a touchpoint with fewer than 4 respondents who answered it and the outcome, or with no
 * spread ("too few"). A touchpoint whose interval includes 0 ("not a driver (yet)") still gets
 * 1 + 4 × max(0, r), the best estimate there is, but is never ranked as a driver.
 */
import type { JourneyMap, Settings, Touchpoint } from "./model";
import type { FeedbackPass } from "./feedback-pass";
import type { DriverCorrelation } from "./stats/correlation";
import { driverCorrelation, respondentAnswersPass } from "./stats/correlation";

export const IMPORTANCE_SOURCES = ["stated", "derived"] as const;
export type ImportanceSource = (typeof IMPORTANCE_SOURCES)[number];

/** The importance a journey uses: its setting, "stated" for a journey saved before there was one. */
export function importanceSource(settings: Pick<Settings, "importance">): ImportanceSource {
  return settings.importance ?? "stated";
}

/** The journey's outcome touchpoint (overall satisfaction), the first marked so; null when none is. */
export function outcomeTouchpoint(map: Pick<JourneyMap, "touchpoints">): Touchpoint | null {
  return map.touchpoints.find((t) => t.measure === "outcome") ?? null;
}

/** Whether the analysis must relate each respondent's answers: derived importance chosen, and an outcome to derive it from. */
export function needsTouchpointDrivers(map: Pick<JourneyMap, "touchpoints" | "settings">): boolean {
  return importanceSource(map.settings) === "derived" && outcomeTouchpoint(map) !== null;
}

/** The importance every touchpoint gets in the analysis, and what it rests on. */
export interface ImportanceChoice {
  /** The journey's setting. */
  source: ImportanceSource;
  /** The outcome touchpoint's name; null without one. */
  outcome: string | null;
  /** Touchpoint id → importance 1–5 used for its gap and quadrant, and its stage's. */
  byTouchpoint: Map<string, number>;
  /** Touchpoint ids whose importance above is derived (the rest keep their stated one). */
  derived: Set<string>;
}

/**
 * Each touchpoint's correlation with the outcome (every touchpoint but the outcome, in map order), as a
 * pass over the feedback (feedback-pass.ts); no touchpoints without an outcome.
 */
export function touchpointDriversPass(map: Pick<JourneyMap, "touchpoints" | "feedback">): FeedbackPass<DriverCorrelation[]> {
  const outcome = outcomeTouchpoint(map);
  const answers = respondentAnswersPass(outcome === null ? [] : map.feedback);
  return {
    read: answers.read,
    finish() {
      const gathered = answers.finish();
      return outcome === null ? [] : map.touchpoints.filter((t) => t.id !== outcome.id).map((t) => driverCorrelation(gathered, t.id, outcome.id));
    },
  };
}

/**
 * The importance the analysis uses for each touchpoint: stated, or under "derived" (with an outcome
 * and its touchpoints' correlations with it, `touchpointDriversPass`) 1 + 4 × max(0, r) wherever r has an interval.
 */
export function chooseImportance(map: Pick<JourneyMap, "touchpoints" | "settings">, drivers: readonly DriverCorrelation[] | null): ImportanceChoice {
  const source = importanceSource(map.settings);
  const outcome = outcomeTouchpoint(map);
  const byTouchpoint = new Map(map.touchpoints.map((t) => [t.id, t.importance]));
  const derived = new Set<string>();
  if (source === "derived" && drivers !== null) {
    for (const driver of drivers) {
      if (driver.verdict === "too few" || driver.derivedImportance === null) continue;
      byTouchpoint.set(driver.touchpoint, driver.derivedImportance);
      derived.add(driver.touchpoint);
    }
  }
  return { source, outcome: outcome?.name ?? null, byTouchpoint, derived };
}
