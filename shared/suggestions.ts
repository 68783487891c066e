/**
 * Suggested pain points: what unhappy customers keep saying about a stage, as phrases a person
 * would write on a card ("size guide wrong", "tracking not updated").
 *
 * For each stage, the text of its negative feedback (low-rated: s < 0.5, below the scale's
 * midpoint; and, when the caller can score sentiment, text-only rows with negative text) is cut into
 * words (lower-cased, letters only, ≥ 3 letters, English stop words removed) and phrases of two or
 * three such words next to each other (separated by spaces or a hyphen only), in which a negation
 * ("not", "never", "didn't") may stand before a word: "not updated", "never arrived". A term that
 * recurs in at least 2 negative rows, and is distinctive (at least twice as frequent, as a share of
 * rows, in the stage's negative feedback as in its positive feedback, s > 0.5), becomes a
 * suggestion, with the rows that back it as evidence and the first of their texts as quotes. A
 * single word must be five times as frequent, and never a vague one ("terrible", "order", "days").
 *
 * Accepting a suggestion adds a pain point; rejecting one records its key so that it is not
 * suggested again (the map keeps it in `rejectedSuggestions`).
 */
import type { FeedbackPass, YieldToHost } from "./feedback-pass";
import { runPass, runPassInSlices } from "./feedback-pass";
import type { Feedback, JourneyMap, PainPoint, ParseResult, Stage } from "./model";
import { feedbackStageId, normalisedSatisfaction } from "./metrics";
import { frequencyBasis, frequencyFromShare } from "./priority";
import type { StageTermStatistics } from "./term-stats";
import {
  TERMS_PER_STAGE,
  addSatisfaction,
  addStoredTerm,
  compareListed,
  emptyTermCounts,
  satisfactionTotal,
  storedCounts,
  type TermCounts,
} from "./term-stats";

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

/**
 * Negations: stop words that may stand inside a phrase ("not updated", "never arrived"), spelt as
 * they are once an apostrophe is dropped ("didn't" → "didnt").
 */
export const NEGATIONS: ReadonlySet<string> = new Set(
  "no not never nothing without didnt dont doesnt isnt wasnt werent arent cant cannot wont wouldnt couldnt havent hasnt".split(" "),
);

/**
 * Words that name nothing on their own: how it felt ("terrible", "worst"), what any review says
 * ("customer", "order", "back", "days"). Never a suggestion alone; fine in a phrase ("order lost").
 */
export const VAGUE_WORDS: ReadonlySet<string> = new Set(
  [
    "bad worse worst terrible awful horrible horrendous poor disappointing disappointed disappointment disaster nightmare",
    "avoid good great nice excellent amazing fine sure like love hate experience review customer customers service",
    "product item items order box card back try tried trying already actually say said says went goes going know",
    "think thought want wanted need needed make made use used way time times day days week weeks month months year",
    "years ones stars star reason question thing something anything everything people buy bought work worked",
  ]
    .join(" ")
    .split(" "),
);

/**
 * A phrase must be this many times more frequent (as a share of rows) in negative than in positive
 * feedback; a single word, which says less, five times.
 */
export const MIN_DISTINCTIVENESS = 2;
export const MIN_WORD_DISTINCTIVENESS = 5;

/** Quotes kept per suggestion. */
export const QUOTES_PER_SUGGESTION = 3;

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
  /** The recurring word or phrase of two or three words, lower-cased. */
  term: string;
  /** 1 for a word, 2 or 3 for a phrase. */
  words: number;
  /** Distinct negative feedback rows that contain the term (those folded into the summary too). */
  count: number;
  /** The ids of those the journey keeps one by one, in the order of the map's feedback (all of them until rows are folded). */
  evidence: string[];
  /** mean(s) of the rated ones, ∈ [0, 0.5); 0 when none is rated (text judged negative only). */
  meanSatisfaction: number;
  /** Positive rows of the stage (s > 0.5) that contain the term too. */
  positiveCount: number;
  /** The first texts of the evidence, as written (up to 3, a long one cut to 200 characters around the term). */
  quotes: string[];
}

export interface SuggestionOptions {
  /** Suggestions per stage (default 5). */
  perStage?: number;
  /**
   * Whether a text without a rating reads negative; such rows then count as negative feedback. A
   * row's stored sentiment label, when it has one, answers instead (the same VADER judgement, made
   * when the text entered). The command line and the panel pass VADER (`readsNegative`).
   */
  negativeText?: (text: string) => boolean;
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

/** What joins the two halves of "didn't", "don’t": dropped, so that the negation is one word. */
const APOSTROPHE_T = /['’]t\b/gu;

/**
 * The distinct terms of a text: content words, and phrases of two or three adjacent words each a
 * content word or a negation, with at least one content word and not ending in a negation. A stop
 * word, a short word or punctuation between two words breaks the phrase.
 */
export function feedbackTerms(text: string): Set<string> {
  const terms = new Set<string>();
  const normal = text.normalize("NFC").toLowerCase().replace(APOSTROPHE_T, "t");
  // the two words before this one in the current run ("" when none), and where the last one ended
  let first = "";
  let second = "";
  let previousEnd = 0;
  for (const match of normal.matchAll(LETTER_RUN)) {
    const token = match[0];
    const start = match.index ?? 0;
    const negation = NEGATIONS.has(token);
    if (!negation && !isContentWord(token)) {
      first = second = "";
      continue;
    }
    if (second !== "" && !joinsPhrase(normal, previousEnd, start)) first = second = "";
    previousEnd = start + token.length;
    if (!negation) {
      terms.add(token);
      if (second !== "") terms.add(`${second} ${token}`);
      if (first !== "") terms.add(`${first} ${second} ${token}`);
    }
    first = second;
    // a negation shows its apostrophe again in the phrase: "doesn't work"
    second = negation && token.endsWith("nt") ? `${token.slice(0, -1)}'t` : token;
  }
  return terms;
}

interface TermEvidence {
  /** Ids of the negative rows kept one by one that contain the term. */
  ids: string[];
  /** Row indexes of the first few, for quotes. */
  rows: number[];
  /** Negative rows that contain the term: `ids` and those folded into the summary. */
  count: number;
  /** Scale width → Σ(rating − min) of the rated ones: whole numbers, so the mean is exact. */
  satisfaction: Map<number, number>;
  /** Rated ones among the negative rows. */
  rated: number;
  /** Positive rows of the stage that contain the term. */
  positive: number;
}

/** Whether a row with text is negative or positive feedback, with its s; null when it is neither. */
function classify(row: Feedback, negativeText: ((text: string) => boolean) | undefined): { negative: boolean; s: number | null } | null {
  if (row.text === "") return null;
  const s = row.rating === null || row.scale === null ? null : normalisedSatisfaction(row.rating, row.scale);
  // A text judged when it entered keeps its label (sentiment-summary.ts): read, not scored again.
  const negative = s === null ? negativeText !== undefined && (row.sentiment !== undefined ? row.sentiment < 0 : negativeText(row.text)) : s < LOW_SATISFACTION;
  if (!negative && !(s !== null && s > LOW_SATISFACTION)) return null;
  return { negative, s };
}

/** Adds a rated row's satisfaction as whole numbers: (width, rating − min); s itself on a scale too wide for numbers. */
function addRowSatisfaction(sums: Map<number, number>, row: Feedback): void {
  if (row.rating === null || row.scale === null) return;
  const width = row.scale.max - row.scale.min;
  if (Number.isFinite(width)) addSatisfaction(sums, width, row.rating - row.scale.min);
  else addSatisfaction(sums, 1, normalisedSatisfaction(row.rating, row.scale));
}

/** Suggestion rank: rows × (1 + (words − 1)/2), so a phrase outranks a word in fewer rows. */
function suggestionWeight(s: Pick<PainPointSuggestion, "count" | "words">): number {
  return s.count * (1 + (s.words - 1) / 2);
}

/** Suggestion order: higher weight first, then more rows, then longer phrases, then the term alphabetically. */
function compareSuggestions(a: PainPointSuggestion, b: PainPointSuggestion): number {
  const weight = suggestionWeight(b) - suggestionWeight(a);
  if (weight !== 0) return weight;
  if (a.count !== b.count) return b.count - a.count;
  if (a.words !== b.words) return b.words - a.words;
  return a.term < b.term ? -1 : a.term > b.term ? 1 : 0;
}

/** Lower-cased, space-collapsed title, to recognise a pain point made from a term. */
function titleKey(title: string): string {
  return title.normalize("NFC").toLowerCase().replace(/\s+/gu, " ").trim();
}

type SuggestionMap = Pick<JourneyMap, "stages" | "touchpoints" | "feedback" | "painPoints"> &
  Partial<Pick<JourneyMap, "rejectedSuggestions" | "summary">>;

/** The terms of each stage's feedback, by stage id, then by term; and how many negative and positive rows it has. */
interface StageTermsOf {
  terms: Map<string, TermEvidence>;
  negative: number;
  positive: number;
  /** Text-only rows among the negative ones. */
  negativeText?: number;
}
type StageTerms = Map<string, StageTermsOf>;
/** The terms of a map's feedback per stage, gathered once for both suggestions and term statistics. */
export type GatheredTerms = StageTerms;

/**
 * Gathers the terms of the negative and positive feedback per stage, as a pass fed range by range
 * (reading the text is the costly part: 200,000 rows take a few hundred milliseconds).
 */
export function stageTermsPass(
  map: Pick<JourneyMap, "touchpoints" | "feedback">,
  negativeText: ((text: string) => boolean) | undefined,
): FeedbackPass<StageTerms> {
  const stageOfTouchpoint = new Map(map.touchpoints.map((t) => [t.id, t.stageId]));
  const rows = map.feedback;
  const termsByStage: StageTerms = new Map();
  return {
    read(from, to) {
      for (let i = from; i < to; i++) {
        const row = rows[i];
        if (row === undefined) continue;
        const kind = classify(row, negativeText);
        if (kind === null) continue;
        const { negative, s } = kind;
        const stageId = feedbackStageId(row, stageOfTouchpoint);
        if (stageId === null) continue;
        let stage = termsByStage.get(stageId);
        if (stage === undefined) termsByStage.set(stageId, (stage = { terms: new Map(), negative: 0, positive: 0 }));
        if (negative) stage.negative++;
        else stage.positive++;
        if (negative && s === null) stage.negativeText = (stage.negativeText ?? 0) + 1;
        for (const term of feedbackTerms(row.text)) {
          let evidence = stage.terms.get(term);
          if (evidence === undefined)
            stage.terms.set(term, (evidence = { ids: [], rows: [], count: 0, satisfaction: new Map(), rated: 0, positive: 0 }));
          if (!negative) {
            evidence.positive++;
            continue;
          }
          evidence.ids.push(row.id);
          evidence.count++;
          if (evidence.rows.length < QUOTES_PER_SUGGESTION) evidence.rows.push(i);
          if (s !== null) {
            addRowSatisfaction(evidence.satisfaction, row);
            evidence.rated++;
          }
        }
      }
    },
    finish: () => termsByStage,
  };
}

/** A quote for a card: the text as written, or the 200 characters around where it says the term. */
function quote(text: string, term: string): string {
  const trimmed = text.trim();
  if (trimmed.length <= 200) return trimmed;
  const said = trimmed.toLowerCase().replace(/’/gu, "'");
  const whole = said.indexOf(term);
  const at = whole >= 0 ? whole : said.indexOf(term.slice(term.lastIndexOf(" ") + 1));
  const from = Math.max(0, Math.min(at - 60, trimmed.length - 198));
  return `${from > 0 ? "…" : ""}${trimmed.slice(from, from + 198)}${from + 198 < trimmed.length ? "…" : ""}`;
}

/**
 * A stage's terms of its kept rows together with the statistics its summary keeps of folded rows
 * (term-stats.ts); `listed` says which terms may be suggested: all, unless the statistics left
 * some out (then only the listed ones, whose counts are exact). Text-only rows judged negative when
 * they were folded count only when this call judges text too.
 */
function withStoredTerms(
  kept: StageTermsOf | undefined,
  stored: StageTermStatistics | undefined,
  judgesText: boolean,
): StageTermsOf & { listed: (term: string) => boolean } {
  const terms = new Map(kept?.terms ?? []);
  let negative = kept?.negative ?? 0;
  let positive = kept?.positive ?? 0;
  if (stored === undefined) return { terms, negative, positive, listed: () => true };
  negative += stored.negative + (judgesText ? stored.negativeText : 0);
  positive += stored.positive;
  const names = new Set<string>();
  for (const [i, term] of stored.terms.entries()) {
    names.add(term);
    const counts = emptyTermCounts();
    addStoredTerm(counts, stored.counts[i]);
    const own = terms.get(term);
    const satisfaction = new Map(own?.satisfaction ?? []);
    for (const [width, sum] of counts.satisfaction) addSatisfaction(satisfaction, width, sum);
    terms.set(term, {
      ids: own?.ids ?? [],
      rows: own?.rows ?? [],
      count: (own?.count ?? 0) + counts.negative + (judgesText ? counts.negativeText : 0),
      satisfaction,
      rated: (own?.rated ?? 0) + counts.negative,
      positive: (own?.positive ?? 0) + counts.positive,
    });
  }
  return { terms, negative, positive, listed: stored.left > 0 ? (term) => names.has(term) : () => true };
}

/** Turns one stage's gathered terms into its suggestions, in suggestion order. */
function stageSuggester(
  map: SuggestionMap,
  options: SuggestionOptions,
): (stage: Stage, gathered: StageTermsOf | undefined) => PainPointSuggestion[] {
  const perStage = options.perStage ?? DEFAULT_SUGGESTIONS_PER_STAGE;
  const rejected = new Set([...(map.rejectedSuggestions ?? []), ...(options.rejected ?? [])]);
  const titled = new Set(map.painPoints.map((p) => suggestionKey(p.stageId, titleKey(p.title))));
  const storedByStage = new Map((map.summary?.terms ?? []).map((t) => [t.stageId, t]));
  return (stage, kept) => {
    const stored = storedByStage.get(stage.id);
    if (kept === undefined && stored === undefined) return [];
    const { terms, negative, positive, listed } = withStoredTerms(kept, stored, options.negativeText !== undefined);
    // Distinctive: a share of the negative rows at least k times its share of the positive rows.
    const distinctive = (e: TermEvidence, k: number) => positive === 0 || e.count * positive >= k * e.positive * negative;
    // The most rows any longer phrase containing a term recurs in ("tracking not updated" for
    // "not updated" and "tracking"): a term no more frequent is dropped, the longer one says more.
    const bestLongerCount = new Map<string, number>();
    for (const [term, evidence] of terms) {
      if (!listed(term)) continue;
      if (evidence.count < MIN_OCCURRENCES || !term.includes(" ") || !distinctive(evidence, MIN_DISTINCTIVENESS)) continue;
      const parts = term.split(" ");
      for (let from = 0; from < parts.length; from++) {
        for (let to = from + 1; to <= parts.length; to++) {
          if (to - from === parts.length) continue;
          const inner = parts.slice(from, to).join(" ");
          bestLongerCount.set(inner, Math.max(bestLongerCount.get(inner) ?? 0, evidence.count));
        }
      }
    }
    // "checkout" said about the Checkout stage names the stage, not a pain.
    const stageWords = feedbackTerms(stage.name);
    const namesStage = (term: string) => term.split(" ").every((word) => stageWords.has(word));
    const stageSuggestions: PainPointSuggestion[] = [];
    for (const [term, evidence] of terms) {
      if (!listed(term)) continue;
      const count = evidence.count;
      const words = term.split(" ").length;
      if (count < MIN_OCCURRENCES || !distinctive(evidence, words === 1 ? MIN_WORD_DISTINCTIVENESS : MIN_DISTINCTIVENESS)) continue;
      if ((words === 1 && VAGUE_WORDS.has(term)) || (bestLongerCount.get(term) ?? 0) >= count) continue;
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
        meanSatisfaction: evidence.rated === 0 ? 0 : satisfactionTotal(evidence.satisfaction) / evidence.rated,
        positiveCount: evidence.positive,
        quotes: evidence.rows.map((i) => quote(map.feedback[i]?.text ?? "", term)),
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
export function suggestPainPoints(map: SuggestionMap, options: SuggestionOptions = {}, gathered?: GatheredTerms): PainPointSuggestion[] {
  const termsByStage = gathered ?? gatherTerms(map, options.negativeText);
  const suggest = stageSuggester(map, options);
  return map.stages.flatMap((stage) => suggest(stage, termsByStage.get(stage.id)));
}

/** Reads the terms of every row once: `suggestPainPoints` and `foldTermStatistics` can share the result. */
export function gatherTerms(map: Pick<JourneyMap, "touchpoints" | "feedback">, negativeText?: (text: string) => boolean): GatheredTerms {
  return runPass(stageTermsPass(map, negativeText), map.feedback.length);
}

/**
 * The term statistics a summary keeps when the rows `keep` (a few) says yes to stay and the rest
 * are folded (term-stats.ts): per stage, the counts of the folded rows (every row's, less the kept
 * ones', plus the statistics already stored), for the `TERMS_PER_STAGE` terms in most negative rows
 * of the whole journey (kept rows too, so that a term said in kept rows is compared with the folded
 * positive rows as well).
 */
export function foldTermStatistics(
  map: Pick<JourneyMap, "touchpoints" | "feedback"> & Partial<Pick<JourneyMap, "summary">>,
  keep: ReadonlySet<number>,
  negativeText?: (text: string) => boolean,
  termsPerStage = TERMS_PER_STAGE,
  gathered: GatheredTerms = gatherTerms(map, negativeText),
): StageTermStatistics[] {
  const stageOfTouchpoint = new Map(map.touchpoints.map((t) => [t.id, t.stageId]));
  interface Folding {
    negative: number;
    positive: number;
    negativeText: number;
    cut: number;
    left: number;
    scored: boolean;
    folded: Map<string, TermCounts>;
    /** Negative rows per term, kept and folded. */
    rows: Map<string, number>;
  }
  const stages = new Map<string, Folding>();
  const stageOf = (stageId: string) => {
    let stage = stages.get(stageId);
    if (stage === undefined)
      stages.set(stageId, (stage = { negative: 0, positive: 0, negativeText: 0, cut: 0, left: 0, scored: true, folded: new Map(), rows: new Map() }));
    return stage;
  };
  const countsOf = (stage: Folding, term: string) => {
    let counts = stage.folded.get(term);
    if (counts === undefined) stage.folded.set(term, (counts = emptyTermCounts()));
    return counts;
  };
  for (const stored of map.summary?.terms ?? []) {
    const stage = stageOf(stored.stageId);
    stage.negative += stored.negative;
    stage.positive += stored.positive;
    stage.negativeText += stored.negativeText;
    stage.cut = Math.max(stage.cut, stored.cut);
    stage.left += stored.left;
    stage.scored &&= stored.scored;
    for (const [i, term] of stored.terms.entries()) {
      const counts = countsOf(stage, term);
      const numbers = stored.counts[i];
      addStoredTerm(counts, numbers);
      stage.rows.set(term, (stage.rows.get(term) ?? 0) + (numbers?.[0] ?? 0) + (numbers?.[1] ?? 0));
    }
  }
  // every row's counts (the rows of the listing count kept rows too) …
  for (const [stageId, all] of gathered) {
    const stage = stageOf(stageId);
    stage.negative += all.negative - (all.negativeText ?? 0);
    stage.negativeText += all.negativeText ?? 0;
    stage.positive += all.positive;
    for (const [term, e] of all.terms) {
      const counts = countsOf(stage, term);
      counts.negative += e.rated;
      counts.negativeText += e.count - e.rated;
      counts.positive += e.positive;
      for (const [width, sum] of e.satisfaction) addSatisfaction(counts.satisfaction, width, sum);
      stage.rows.set(term, (stage.rows.get(term) ?? 0) + e.count);
    }
  }
  // … less the kept rows' (whole numbers with whole ratings, so the difference is exact)
  for (const index of keep) {
    const row = map.feedback[index];
    const kind = row === undefined ? null : classify(row, negativeText);
    if (row === undefined || kind === null) continue;
    const stageId = feedbackStageId(row, stageOfTouchpoint);
    if (stageId === null) continue;
    const stage = stageOf(stageId);
    const textOnly = kind.s === null;
    if (!kind.negative) stage.positive--;
    else if (textOnly) stage.negativeText--;
    else stage.negative--;
    for (const term of feedbackTerms(row.text)) {
      const counts = countsOf(stage, term);
      if (!kind.negative) counts.positive--;
      else if (textOnly) counts.negativeText--;
      else {
        counts.negative--;
        const minus = new Map<number, number>();
        addRowSatisfaction(minus, row);
        for (const [width, sum] of minus) addSatisfaction(counts.satisfaction, width, -sum);
      }
    }
  }
  if (negativeText === undefined && map.feedback.some((row, index) => !keep.has(index) && row.text.trim() !== "" && (row.rating === null || row.scale === null)))
    for (const stage of stages.values()) stage.scored = false;
  return [...stages.keys()].sort().map((stageId) => {
    const stage = stages.get(stageId) as Folding;
    const ordered = [...stage.rows.entries()].map(([term, rows]) => ({ term, rows })).sort(compareListed);
    const listed = ordered.slice(0, termsPerStage);
    const names = new Set(listed.map((t) => t.term));
    let cut = stage.cut;
    for (const t of ordered) if (!names.has(t.term)) cut = Math.max(cut, t.rows);
    const left = stage.left + ordered.length - listed.length;
    return {
      stageId,
      negative: stage.negative,
      positive: stage.positive,
      negativeText: stage.negativeText,
      scored: stage.scored,
      cut,
      left,
      terms: listed.map((t) => t.term),
      counts: listed.map((t) => storedCounts(stage.folded.get(t.term) ?? emptyTermCounts())),
    };
  });
}

/** Rows `suggestPainPointsAsync` reads between two turns of the host: a few milliseconds' work (negative and positive rows are both read). */
export const SUGGESTION_ROWS_PER_SLICE = 1_000;

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
  const termsByStage = await runPassInSlices(stageTermsPass(map, options.negativeText), map.feedback.length, yieldToHost, rowsPerSlice);
  const suggest = stageSuggester(map, options);
  const suggestions: PainPointSuggestion[] = [];
  const stored = new Set((map.summary?.terms ?? []).map((t) => t.stageId));
  for (const stage of map.stages) {
    const terms = termsByStage.get(stage.id);
    if (terms === undefined && !stored.has(stage.id)) continue;
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
 * better, and the evidence ids that still exist. When some of its rows were folded into the
 * summary, the evidence cites the rows kept and the frequency is set from all of them (the share
 * of the stage's rows that say the term), as the raw rows would derive it. Refused when the stage
 * no longer exists or no evidence is left.
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
  const folded = suggestion.count > rows.length;
  const frequency = folded ? frequencyFromShare(suggestion.count, frequencyBasis(map).stageRows.get(suggestion.stageId) ?? 0) : null;
  const painPoint: PainPoint = {
    id: idMaker("pain"),
    stageId: suggestion.stageId,
    touchpointId: touchpoints.size === 1 && onlyTouchpoint !== undefined ? onlyTouchpoint : null,
    title: suggestionTitle(suggestion.term),
    description: `Suggested from ${folded ? suggestion.count : rows.length} low-rated responses mentioning "${suggestion.term}"${folded ? ` (${rows.length} kept to cite)` : ""}.`,
    severity: severityFromSatisfaction(suggestion.meanSatisfaction),
    frequency,
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
