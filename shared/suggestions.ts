/**
 * Suggested pain points: what low-rated customers keep saying about a stage.
 *
 * For each stage, the text of its low-rated feedback (s < 0.5, below the scale's midpoint) is cut
 * into words (lower-cased, letters only, ≥ 3 letters, English stop words removed) and two-word
 * phrases (two such words next to each other, separated by spaces or a hyphen only). A term that
 * recurs in at least 2 feedback rows becomes a suggestion, with the rows that back it as evidence.
 *
 * Accepting a suggestion adds a pain point; rejecting one records its key so that it is not
 * suggested again (the map keeps it in `rejectedSuggestions`).
 */
import type { FeedbackPass, YieldToHost } from "./feedback-pass";
import { runPass, runPassInSlices } from "./feedback-pass";
import type { Feedback, JourneyMap, PainPoint, ParseResult, Stage } from "./model";
import { feedbackStageId, normalisedSatisfaction } from "./metrics";

/** A small English stop-word list: words that say nothing about what went wrong. */
export const STOP_WORDS: ReadonlySet<string> = new Set(
  [
    "the and for are but not nor you your yours she her hers him his its our ours they them their theirs",
    "this that these those with from into onto than then there here what which who whom whose when where why how",
    "all any both each few more most other some such only own same too very can could will would shall should",
    "may might must does did doing done has have had was were being been get got gets let lets one two",
    "just also about above below after before again once over under out off still even ever every",
    "because while until though although really quite much many lot lots thing things yet via per",
    // what is left of "isn't", "don't", "can't" … once the apostrophe splits them
    "isn aren wasn weren don doesn didn won wouldn couldn shouldn cannot haven hasn hadn",
  ]
    .join(" ")
    .split(" "),
);

/** Fewest feedback rows a term must recur in to be suggested. */
export const MIN_OCCURRENCES = 2;

/** How many suggestions a stage gets by default. */
export const DEFAULT_SUGGESTIONS_PER_STAGE = 5;

/** Feedback below this normalised satisfaction counts as low-rated: below the scale's midpoint. */
export const LOW_SATISFACTION = 0.5;

export interface PainPointSuggestion {
  /** Stable identity of the suggestion: `<stageId>:<term>`; what a rejection records. */
  key: string;
  stageId: string;
  stageName: string;
  /** The recurring word or two-word phrase, lower-cased. */
  term: string;
  /** 1 for a word, 2 for a phrase. */
  words: 1 | 2;
  /** Distinct low-rated feedback rows that contain the term. */
  count: number;
  /** Their ids, in the order of the map's feedback. */
  evidence: string[];
  /** mean(s) of those rows, ∈ [0, 0.5). */
  meanSatisfaction: number;
}

export interface SuggestionOptions {
  /** Suggestions per stage (default 5). */
  perStage?: number;
  /** Keys of rejected suggestions, never suggested again. */
  rejected?: readonly string[];
}

/** The key of a suggestion, `<stageId>:<term>` (a term never holds ':', so keys never collide). */
export function suggestionKey(stageId: string, term: string): string {
  return `${stageId}:${term}`;
}

/** Runs of letters (with their combining marks), in any script. */
const LETTER_RUN = /[\p{L}\p{M}]+/gu;
/** What may sit between the two words of a phrase. */
const PHRASE_GAP = /^[\s\-‐‑]+$/u;

/** A combining mark: the only thing in a letter run that is not a letter. */
const MARK = /\p{M}/u;
const LETTER = /\p{L}/u;

function letterCount(token: string): number {
  let n = 0;
  // Most words have no marks: then every code point is a letter (one regex test, not one per letter).
  if (!MARK.test(token)) {
    for (let i = 0; i < token.length; i++) {
      const unit = token.charCodeAt(i);
      if (unit < 0xdc00 || unit > 0xdfff) n++; // a low surrogate ends a letter already counted
    }
    return n;
  }
  for (const ch of token) if (LETTER.test(ch)) n++;
  return n;
}

function isContentWord(token: string): boolean {
  return !STOP_WORDS.has(token) && letterCount(token) >= 3;
}

/** Whether only spaces and hyphens sit between two words; most often a single space. */
function joinsPhrase(text: string, from: number, to: number): boolean {
  if (to === from + 1 && text.charCodeAt(from) === 0x20) return true;
  return PHRASE_GAP.test(text.slice(from, to));
}

/**
 * The distinct terms of a text: content words and two-word phrases of adjacent content words.
 * A stop word, a short word or punctuation between two words breaks the phrase.
 */
export function feedbackTerms(text: string): Set<string> {
  const terms = new Set<string>();
  const normal = text.normalize("NFC").toLowerCase();
  let previous: string | null = null;
  let previousEnd = 0;
  for (const match of normal.matchAll(LETTER_RUN)) {
    const token = match[0];
    const start = match.index ?? 0;
    if (!isContentWord(token)) {
      previous = null;
      continue;
    }
    terms.add(token);
    if (previous !== null && joinsPhrase(normal, previousEnd, start)) terms.add(`${previous} ${token}`);
    previous = token;
    previousEnd = start + token.length;
  }
  return terms;
}

interface TermEvidence {
  ids: string[];
  satisfactionSum: number;
}

/** A low-rated row: rated, and s < 0.5. */
function lowSatisfaction(row: Pick<Feedback, "rating" | "scale">): number | null {
  if (row.rating === null || row.scale === null) return null;
  const s = normalisedSatisfaction(row.rating, row.scale);
  return s < LOW_SATISFACTION ? s : null;
}

/** Suggestion order: more rows first, then phrases before words, then the term alphabetically. */
function compareSuggestions(a: PainPointSuggestion, b: PainPointSuggestion): number {
  if (a.count !== b.count) return b.count - a.count;
  if (a.words !== b.words) return b.words - a.words;
  return a.term < b.term ? -1 : a.term > b.term ? 1 : 0;
}

/** Lower-cased, space-collapsed title, to recognise a pain point made from a term. */
function titleKey(title: string): string {
  return title.normalize("NFC").toLowerCase().replace(/\s+/gu, " ").trim();
}

type SuggestionMap = Pick<JourneyMap, "stages" | "touchpoints" | "feedback" | "painPoints"> &
  Partial<Pick<JourneyMap, "rejectedSuggestions">>;

/** The terms of each stage's low-rated feedback, by stage id, then by term. */
type StageTerms = Map<string, Map<string, TermEvidence>>;

/**
 * Gathers the terms of the low-rated feedback per stage, as a pass fed range by range (reading the
 * text is the costly part: 200,000 rows take a few hundred milliseconds).
 */
function lowRatedTermsPass(map: Pick<JourneyMap, "touchpoints" | "feedback">): FeedbackPass<StageTerms> {
  const stageOfTouchpoint = new Map(map.touchpoints.map((t) => [t.id, t.stageId]));
  const rows = map.feedback;
  const termsByStage: StageTerms = new Map();
  return {
    read(from, to) {
      for (let i = from; i < to; i++) {
        const row = rows[i];
        if (row === undefined) continue;
        const s = lowSatisfaction(row);
        if (s === null) continue;
        const stageId = feedbackStageId(row, stageOfTouchpoint);
        if (stageId === null) continue;
        let terms = termsByStage.get(stageId);
        if (terms === undefined) termsByStage.set(stageId, (terms = new Map()));
        for (const term of feedbackTerms(row.text)) {
          const evidence = terms.get(term);
          if (evidence === undefined) terms.set(term, { ids: [row.id], satisfactionSum: s });
          else {
            evidence.ids.push(row.id);
            evidence.satisfactionSum += s;
          }
        }
      }
    },
    finish: () => termsByStage,
  };
}

/** Turns one stage's gathered terms into its suggestions, in suggestion order. */
function stageSuggester(
  map: SuggestionMap,
  options: SuggestionOptions,
): (stage: Stage, terms: ReadonlyMap<string, TermEvidence> | undefined) => PainPointSuggestion[] {
  const perStage = options.perStage ?? DEFAULT_SUGGESTIONS_PER_STAGE;
  const rejected = new Set([...(map.rejectedSuggestions ?? []), ...(options.rejected ?? [])]);
  const titled = new Set(map.painPoints.map((p) => suggestionKey(p.stageId, titleKey(p.title))));
  return (stage, terms) => {
    if (terms === undefined) return [];
    // The most rows any phrase containing a word recurs in: a word no more frequent is dropped.
    const bestPhraseCount = new Map<string, number>();
    for (const [term, evidence] of terms) {
      if (evidence.ids.length < MIN_OCCURRENCES || !term.includes(" ")) continue;
      for (const word of term.split(" ")) {
        bestPhraseCount.set(word, Math.max(bestPhraseCount.get(word) ?? 0, evidence.ids.length));
      }
    }
    // "checkout" said about the Checkout stage names the stage, not a pain.
    const stageWords = feedbackTerms(stage.name);
    const namesStage = (term: string) => term.split(" ").every((word) => stageWords.has(word));
    const stageSuggestions: PainPointSuggestion[] = [];
    for (const [term, evidence] of terms) {
      const count = evidence.ids.length;
      if (count < MIN_OCCURRENCES) continue;
      const words = term.includes(" ") ? 2 : 1;
      if (words === 1 && (bestPhraseCount.get(term) ?? 0) >= count) continue;
      if (namesStage(term)) continue;
      const key = suggestionKey(stage.id, term);
      if (rejected.has(key) || titled.has(key)) continue;
      stageSuggestions.push({
        key,
        stageId: stage.id,
        stageName: stage.name,
        term,
        words,
        count,
        evidence: evidence.ids,
        meanSatisfaction: evidence.satisfactionSum / count,
      });
    }
    stageSuggestions.sort(compareSuggestions);
    return stageSuggestions.slice(0, perStage);
  };
}

/**
 * Suggested pain points per stage, in stage order then by suggestion order (rows desc, phrases
 * first, term asc). Left out: a word when one of its phrases recurs in as many rows (the phrase
 * says more); a term made only of words of the stage's own name; a term already used as a pain
 * point title in the stage; rejected keys.
 */
export function suggestPainPoints(map: SuggestionMap, options: SuggestionOptions = {}): PainPointSuggestion[] {
  const termsByStage = runPass(lowRatedTermsPass(map), map.feedback.length);
  const suggest = stageSuggester(map, options);
  return map.stages.flatMap((stage) => suggest(stage, termsByStage.get(stage.id)));
}

/** Rows `suggestPainPointsAsync` reads between two turns of the host: a few milliseconds' work. */
export const SUGGESTION_ROWS_PER_SLICE = 2_000;

/**
 * `suggestPainPoints`, reading the feedback `rowsPerSlice` rows at a time and then finishing one
 * stage per task, giving the host a turn in between. The same pass, so the same suggestions.
 */
export async function suggestPainPointsAsync(
  map: SuggestionMap,
  yieldToHost: YieldToHost,
  options: SuggestionOptions & { rowsPerSlice?: number } = {},
): Promise<PainPointSuggestion[]> {
  const rowsPerSlice = options.rowsPerSlice ?? SUGGESTION_ROWS_PER_SLICE;
  const termsByStage = await runPassInSlices(lowRatedTermsPass(map), map.feedback.length, yieldToHost, rowsPerSlice);
  const suggest = stageSuggester(map, options);
  const suggestions: PainPointSuggestion[] = [];
  for (const stage of map.stages) {
    const terms = termsByStage.get(stage.id);
    if (terms === undefined) continue;
    suggestions.push(...suggest(stage, terms));
    await yieldToHost();
  }
  return suggestions;
}

/**
 * Severity 1…5 from how low the backing ratings are: severity = round(5 − 8 × mean(s)), clamped
 * to 1…5, mapping mean(s) 0 (all lowest ratings) → 5 and the low-rating limit 0.5 → 1
 * (on 1–5 stars: all 1 ★ → 5, all 2 ★ → 3).
 */
export function severityFromSatisfaction(meanSatisfaction: number): number {
  return Math.min(5, Math.max(1, Math.round(5 - 8 * meanSatisfaction)));
}

/** "slow checkout" → "Slow checkout". */
export function suggestionTitle(term: string): string {
  const [first = "", ...rest] = Array.from(term);
  return first.toUpperCase() + rest.join("");
}

/**
 * Accepts a suggestion: a new map with a pain point titled from the term, in the suggestion's
 * stage (and touchpoint, when all its evidence shares one), severity from how low the ratings are,
 * frequency null (derived from the evidence), effort 3 and confidence 0.8 until someone knows
 * better, and the evidence ids that still exist. Refused when the stage no longer exists or no
 * evidence is left.
 */
export function acceptSuggestion(
  map: JourneyMap,
  suggestion: PainPointSuggestion,
  idMaker: (prefix: string) => string,
): ParseResult<JourneyMap> {
  if (!map.stages.some((s) => s.id === suggestion.stageId)) {
    return { ok: false, errors: [`suggestion "${suggestion.term}": its stage no longer exists`] };
  }
  const wanted = new Set(suggestion.evidence);
  const rows = map.feedback.filter((f) => wanted.has(f.id));
  if (rows.length === 0) {
    return { ok: false, errors: [`suggestion "${suggestion.term}": none of its feedback is left`] };
  }
  const touchpoints = new Set(rows.map((f) => f.touchpointId));
  const [onlyTouchpoint] = touchpoints;
  const painPoint: PainPoint = {
    id: idMaker("pain"),
    stageId: suggestion.stageId,
    touchpointId: touchpoints.size === 1 && onlyTouchpoint !== undefined ? onlyTouchpoint : null,
    title: suggestionTitle(suggestion.term),
    description: `Suggested from ${rows.length} low-rated responses mentioning "${suggestion.term}".`,
    severity: severityFromSatisfaction(suggestion.meanSatisfaction),
    frequency: null,
    effort: 3,
    confidence: 0.8,
    reach: null,
    ice: null,
    evidence: rows.map((f) => f.id),
  };
  return { ok: true, value: { ...map, painPoints: [...map.painPoints, painPoint] } };
}

/**
 * Rejects a suggestion: its key is kept in the map's `rejectedSuggestions` (sorted, without
 * duplicates), so `suggestPainPoints` never offers it again.
 */
export function rejectSuggestion(map: JourneyMap, suggestion: Pick<PainPointSuggestion, "key">): JourneyMap {
  return { ...map, rejectedSuggestions: [...new Set([...map.rejectedSuggestions, suggestion.key])].sort() };
}
