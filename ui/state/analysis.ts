/**
 * The analysis the Insights and Priorities sections show (shared/analysis.ts, shared/suggestions.ts),
 * worked out once per version of the map. On a large map the work runs after the section has painted
 * ("Analysing 200,000 responses…"), reading the feedback in slices with the panel's turn in between,
 * so that no task holds the thread for long (one pass over 200,000 rows at once took 180–260 ms).
 */
import { useEffect, useState } from "preact/hooks";
import { analyseJourney, analyseJourneyAsync, type JourneyAnalysis } from "../../shared/analysis";
import { createHostTurns, type HostTurns } from "../../shared/csv";
import type { YieldToHost } from "../../shared/feedback-pass";
import type { Feedback, JourneyMap } from "../../shared/model";
import { prioritise } from "../../shared/priority";
import { readsNegative } from "../../shared/sentiment";
import { suggestPainPoints, suggestPainPointsAsync, type PainPointSuggestion } from "../../shared/suggestions";

/** Above this many feedback rows the analysis waits for the section to paint first. */
export const LARGE_FEEDBACK = 20_000;

/**
 * Analyses by the parts of the map they read: a new title, note or pain-point score reuses the
 * analysis of the feedback (the costly part) and only re-ranks the priorities.
 */
interface AnalysisEntry {
  model: Pick<JourneyMap, "stages" | "touchpoints" | "personas" | "kpis" | "painPoints"> & { scoring: string };
  gapThreshold: number;
  backedResponses: number;
  importance: string | undefined;
  analysis: JourneyAnalysis;
}
const analyses = new WeakMap<readonly Feedback[], AnalysisEntry>();

function reusable(model: JourneyMap): AnalysisEntry | null {
  const entry = analyses.get(model.feedback);
  if (entry === undefined) return null;
  const same =
    entry.model.stages === model.stages &&
    entry.model.touchpoints === model.touchpoints &&
    entry.model.personas === model.personas &&
    entry.model.kpis === model.kpis &&
    entry.gapThreshold === model.settings.gapThreshold &&
    entry.backedResponses === model.settings.backedResponses &&
    entry.importance === model.settings.importance;
  return same ? entry : null;
}

function hasAnalysis(model: JourneyMap): boolean {
  return reusable(model) !== null;
}

function rememberAnalysis(model: JourneyMap, analysis: JourneyAnalysis): void {
  analyses.set(model.feedback, {
    model: { ...model, scoring: model.settings.scoring },
    gapThreshold: model.settings.gapThreshold,
    backedResponses: model.settings.backedResponses,
    importance: model.settings.importance,
    analysis,
  });
}

function analysisOf(model: JourneyMap): JourneyAnalysis {
  const entry = reusable(model);
  if (entry === null) {
    const analysis = analyseJourney(model);
    rememberAnalysis(model, analysis);
    return analysis;
  }
  if (entry.model.painPoints === model.painPoints && entry.model.scoring === model.settings.scoring) return entry.analysis;
  const analysis = { ...entry.analysis, priorities: prioritise(model, entry.analysis) };
  entry.model = { ...model, scoring: model.settings.scoring };
  entry.analysis = analysis;
  return analysis;
}

interface SuggestionEntry {
  parts: readonly unknown[];
  suggestions: PainPointSuggestion[];
}
const suggestionCache = new WeakMap<readonly Feedback[], SuggestionEntry>();
const suggestionParts = (model: JourneyMap) => [model.stages, model.touchpoints, model.painPoints, model.rejectedSuggestions];

function knownSuggestions(model: JourneyMap): PainPointSuggestion[] | undefined {
  const entry = suggestionCache.get(model.feedback);
  const parts = suggestionParts(model);
  return entry !== undefined && entry.parts.every((part, i) => part === parts[i]) ? entry.suggestions : undefined;
}

function rememberSuggestions(model: JourneyMap, suggestions: PainPointSuggestion[]): void {
  suggestionCache.set(model.feedback, { parts: suggestionParts(model), suggestions });
}

/** How long one task of a large map's analysis may run before the panel gets a turn. */
const TASK_BUDGET_MS = 12;

/**
 * Turns of the host for work wanted while `wanted()` holds, taken only once the current task has run
 * TASK_BUDGET_MS, so that the shared code's small slices add up to tasks of about that length
 * whatever a row costs. Refuses the turn (rejects) once the work is no longer wanted.
 */
function hostTurns(wanted: () => boolean): HostTurns {
  const turns = createHostTurns();
  // The first turn is always taken, so the work starts in a task of its own.
  let taskStart = Number.NEGATIVE_INFINITY;
  return {
    yieldToHost: async () => {
      if (!wanted()) throw new Error("the map changed: its analysis is no longer wanted");
      if (performance.now() - taskStart < TASK_BUDGET_MS) return;
      await turns.yieldToHost();
      taskStart = performance.now();
    },
    close: turns.close,
  };
}

/**
 * Runs a large map's work in slices and hands the result to `done` if the hook still shows that map.
 * Returns the effect's cleanup, which stops the work at its next turn.
 */
function inSlices<T>(work: (yieldToHost: YieldToHost) => Promise<T>, done: (result: T) => void): () => void {
  let live = true;
  const turns = hostTurns(() => live);
  void work(turns.yieldToHost)
    .then(
      (result) => {
        if (live) done(result);
      },
      (error: unknown) => {
        // A refused turn is the cleanup's doing; anything else is a fault to report.
        if (live) throw error;
      },
    )
    .finally(turns.close);
  return () => {
    live = false;
  };
}

/** The map's analysis; null while a large map is being analysed. */
export function useAnalysis(model: JourneyMap): JourneyAnalysis | null {
  const large = model.feedback.length > LARGE_FEEDBACK;
  const [result, setResult] = useState<{ model: JourneyMap; analysis: JourneyAnalysis } | null>(() =>
    large && !hasAnalysis(model) ? null : { model, analysis: analysisOf(model) },
  );
  useEffect(() => {
    if (result?.model === model) return;
    if (!large || hasAnalysis(model)) {
      setResult({ model, analysis: analysisOf(model) });
      return;
    }
    return inSlices(
      async (yieldToHost) => {
        const analysis = await analyseJourneyAsync(model, yieldToHost);
        rememberAnalysis(model, analysis);
        return analysis;
      },
      (analysis) => setResult({ model, analysis }),
    );
  }, [model]);
  return result?.model === model ? result.analysis : null;
}

/** Suggested pain points; null while they are being worked out. */
export function useSuggestions(model: JourneyMap): PainPointSuggestion[] | null {
  const [result, setResult] = useState<{ model: JourneyMap; suggestions: PainPointSuggestion[] } | null>(() => {
    const known = knownSuggestions(model);
    if (known !== undefined) return { model, suggestions: known };
    if (model.feedback.length > LARGE_FEEDBACK) return null;
    const suggestions = suggestPainPoints(model, { negativeText: readsNegative });
    rememberSuggestions(model, suggestions);
    return { model, suggestions };
  });
  useEffect(() => {
    if (result?.model === model) return;
    const known = knownSuggestions(model);
    if (known !== undefined || model.feedback.length <= LARGE_FEEDBACK) {
      const suggestions = known ?? suggestPainPoints(model, { negativeText: readsNegative });
      rememberSuggestions(model, suggestions);
      setResult({ model, suggestions });
      return;
    }
    return inSlices(
      async (yieldToHost) => {
        const suggestions = await suggestPainPointsAsync(model, yieldToHost, { negativeText: readsNegative });
        rememberSuggestions(model, suggestions);
        return suggestions;
      },
      (suggestions) => setResult({ model, suggestions }),
    );
  }, [model]);
  return result?.model === model ? result.suggestions : null;
}
