/**
 * The analysis the Insights and Priorities sections show (shared/analysis.ts, shared/suggestions.ts),
 * worked out once per version of the map. On a large map the work runs after the section has painted
 * ("Analysing 200,000 responses…"), and the suggestions stage by stage, each stage in its own task,
 * so the panel answers clicks in between.
 */
import { useEffect, useState } from "preact/hooks";
import { analyseJourney, type JourneyAnalysis } from "../../shared/analysis";
import { feedbackStageId } from "../../shared/metrics";
import type { Feedback, JourneyMap } from "../../shared/model";
import { prioritise } from "../../shared/priority";
import { suggestPainPoints, type PainPointSuggestion } from "../../shared/suggestions";

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
    entry.backedResponses === model.settings.backedResponses;
  return same ? entry : null;
}

function hasAnalysis(model: JourneyMap): boolean {
  return reusable(model) !== null;
}

function analysisOf(model: JourneyMap): JourneyAnalysis {
  const entry = reusable(model);
  if (entry === null) {
    const analysis = analyseJourney(model);
    analyses.set(model.feedback, {
      model: { ...model, scoring: model.settings.scoring },
      gapThreshold: model.settings.gapThreshold,
      backedResponses: model.settings.backedResponses,
      analysis,
    });
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

function remember(model: JourneyMap, suggestions: PainPointSuggestion[]): void {
  suggestionCache.set(model.feedback, { parts: suggestionParts(model), suggestions });
}

function nextTask(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
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
    let live = true;
    const timer = setTimeout(() => {
      if (live) setResult({ model, analysis: analysisOf(model) });
    }, 0);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [model]);
  return result?.model === model ? result.analysis : null;
}

/** Suggested pain points; null while they are being worked out. */
export function useSuggestions(model: JourneyMap): PainPointSuggestion[] | null {
  const [result, setResult] = useState<{ model: JourneyMap; suggestions: PainPointSuggestion[] } | null>(() => {
    const known = knownSuggestions(model);
    if (known !== undefined) return { model, suggestions: known };
    if (model.feedback.length > LARGE_FEEDBACK) return null;
    const suggestions = suggestPainPoints(model);
    remember(model, suggestions);
    return { model, suggestions };
  });
  useEffect(() => {
    if (result?.model === model) return;
    const known = knownSuggestions(model);
    if (known !== undefined || model.feedback.length <= LARGE_FEEDBACK) {
      const suggestions = known ?? suggestPainPoints(model);
      remember(model, suggestions);
      setResult({ model, suggestions });
      return;
    }
    let live = true;
    void (async () => {
      await nextTask();
      // Each stage's low-rated rows, so that one task reads one stage's comments.
      const stageOfTouchpoint = new Map(model.touchpoints.map((t) => [t.id, t.stageId]));
      const byStage = new Map<string, Feedback[]>(model.stages.map((s) => [s.id, []]));
      for (const row of model.feedback) {
        const stageId = feedbackStageId(row, stageOfTouchpoint);
        if (stageId !== null) byStage.get(stageId)?.push(row);
      }
      const suggestions: PainPointSuggestion[] = [];
      for (const stage of model.stages) {
        await nextTask();
        if (!live) return;
        suggestions.push(...suggestPainPoints({ ...model, stages: [stage], feedback: byStage.get(stage.id) ?? [] }));
      }
      remember(model, suggestions);
      if (live) setResult({ model, suggestions });
    })();
    return () => {
      live = false;
    };
  }, [model]);
  return result?.model === model ? result.suggestions : null;
}
