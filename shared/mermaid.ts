/**
 * The journey map as a Mermaid `journey` diagram, and back.
 *
 * ```
 * journey
 *   title Online shop
 *   section Decision
 *     Checkout page: 4: Ann, Bob
 * ```
 *
 * Export: one section per stage; its tasks are its touchpoints, or, for a stage without
 * touchpoints, its customer-action notes; the actors of every task are the personas shown on the
 * map. A task's score (1–5) is round(performance) of its touchpoint where known, else the stage's
 * point on the emotion curve (round(3 + emotion), manual or from feedback), else 3.
 *
 * Import: sections → stages, tasks → touchpoints (importance 3, channel "other"), actors →
 * personas (on the map), and each section's scores → the stage's manual emotion, the mean of
 * (score − 3). A score is a plain number from 1 to 5: any other (`0x10`, `100`, `1e308`) is refused
 * with its line, never clamped; so is a line holding an invisible control or text-direction
 * character (NUL, U+202E).
 *
 * Stable: export → import → export gives the same text whenever a stage's tasks share one score
 * (always for a map without feedback), and otherwise the same text but for the scores; a second
 * round trip changes nothing.
 *
 * Mermaid has no escapes inside a journey: ':' ends a task name, '#' and ';' end any text, ','
 * separates actors and a line ends at a newline. Export replaces them with look-alikes
 * (':' → '꞉', ';' → '；', '#' → '＃', ',' in actor names → '‚'), newlines and runs of white space
 * with one space, and puts a word joiner (U+2060) before a task that would read as a keyword or a
 * comment (`title …`, `section …`, `%%…`); import turns all of them back.
 * @see https://mermaid.js.org/syntax/userJourney.html
 */
import type { JourneyMap, Lane, ParseResult, Persona, Stage, Touchpoint } from "./model";
import { BUILT_IN_LANES, DEFAULT_SETTINGS, SCHEMA_VERSION, blankPersona, hiddenCharacterIn, newId, parseJourneyMap, withoutHiddenCharacters } from "./model";
import { metricsOf, tallyJourneyFeedback } from "./metrics";
import { stageEmotion } from "./gaps";

const LOOK_ALIKES: readonly (readonly [string, string])[] = [
  [":", "\uA789"],
  [";", "\uFF1B"],
  ["#", "\uFF03"],
];
const ACTOR_COMMA: readonly [string, string] = [",", "\u201A"];
const WORD_JOINER = "\u2060";
/** A task that starts like a keyword or a comment would not read as a task. */
const KEYWORD_START = /^(?:(?:title|section|journey|acctitle|accdescr)(?![\p{L}\p{N}_])|%%)/iu;

/** Fallback names for text that is empty once cleaned, so that every line stays readable. */
const UNTITLED = { map: "Journey", stage: "Stage", task: "Task", actor: "Persona" } as const;

/** Each character Mermaid would read as syntax, and its look-alike (',' only in actor names). */
const ESCAPES: Record<string, string> = Object.fromEntries([...LOOK_ALIKES, ACTOR_COMMA]);

/** One pass of replacements per text, with no arrays made on the way: export writes one per stage and task. */
function escapeText(text: string, fallback: string, actor = false): string {
  const out = withoutHiddenCharacters(text)
    .replace(/\s+/gu, " ")
    .trim()
    .replace(actor ? /[:;#,]/g : /[:;#]/g, (c) => ESCAPES[c] ?? c);
  return out === "" ? fallback : out;
}

function unescapeText(text: string, extra: readonly (readonly [string, string])[] = []): string {
  let out = text.trim();
  for (const [plain, lookAlike] of [...LOOK_ALIKES, ...extra]) out = out.split(lookAlike).join(plain);
  return out;
}

/** A task's name without the guard `taskText` puts before a keyword-like name. */
function unescapeTask(text: string): string {
  const out = unescapeText(text);
  const guarded = out.startsWith(WORD_JOINER) && KEYWORD_START.test(out.slice(WORD_JOINER.length));
  return guarded ? out.slice(WORD_JOINER.length) : out;
}

function taskText(name: string): string {
  const text = escapeText(name, UNTITLED.task);
  return KEYWORD_START.test(text) ? WORD_JOINER + text : text;
}

function clampScore(score: number): number {
  return Math.min(5, Math.max(1, Math.round(score)));
}

/** What the export needs to know besides the map, when an analysis is at hand. */
export interface MermaidContext {
  readonly stages: readonly { readonly stageId: string; readonly emotion: number | null }[];
  readonly touchpoints: readonly { readonly touchpointId: string; readonly performance: number | null }[];
}

function contextOf(map: JourneyMap): MermaidContext {
  const tallies = tallyJourneyFeedback(map);
  return {
    stages: map.stages.map((s) => ({ stageId: s.id, emotion: stageEmotion(s, metricsOf(tallies.byStage, s.id)).value })),
    touchpoints: map.touchpoints.map((t) => ({
      touchpointId: t.id,
      performance: metricsOf(tallies.byTouchpoint, t.id).performance,
    })),
  };
}

/** The map as a Mermaid `journey` diagram; pass its analysis to reuse its metrics. */
export function exportMermaidJourney(map: JourneyMap, context: MermaidContext = contextOf(map)): string {
  const emotion = new Map(context.stages.map((s) => [s.stageId, s.emotion]));
  const performance = new Map(context.touchpoints.map((t) => [t.touchpointId, t.performance]));
  const actorLane = new Set(map.lanes.filter((l) => l.kind === "actions").map((l) => l.id));
  const actors = [
    ...new Set(map.personas.filter((p) => p.onMap).map((p) => escapeText(p.name, UNTITLED.actor, true))),
  ];
  const actorList = actors.length === 0 ? "" : `: ${actors.join(", ")}`;

  // Each stage's touchpoints and customer-action notes, gathered in one pass (not one pass per stage).
  const touchpointsOf = groupByStage(map.touchpoints);
  const actionsOf = groupByStage(map.notes.filter((n) => actorLane.has(n.laneId) && n.text.trim() !== ""));
  const lines = ["journey", `  title ${escapeText(map.title, UNTITLED.map)}`];
  for (const stage of map.stages) {
    lines.push(`  section ${escapeText(stage.name, UNTITLED.stage)}`);
    const stageEmotionValue = emotion.get(stage.id) ?? null;
    const stageScore = stageEmotionValue === null ? 3 : clampScore(3 + stageEmotionValue);
    const touchpoints = touchpointsOf.get(stage.id) ?? [];
    if (touchpoints.length > 0) {
      for (const t of touchpoints) {
        const p = performance.get(t.id) ?? null;
        lines.push(`    ${taskText(t.name)}: ${p === null ? stageScore : clampScore(p)}${actorList}`);
      }
    } else {
      for (const note of actionsOf.get(stage.id) ?? []) lines.push(`    ${taskText(note.text)}: ${stageScore}${actorList}`);
    }
  }
  return lines.join("\n") + "\n";
}

function groupByStage<T extends { stageId: string }>(list: readonly T[]): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of list) {
    const group = groups.get(item.stageId);
    if (group === undefined) groups.set(item.stageId, [item]);
    else group.push(item);
  }
  return groups;
}

/** A score as Mermaid writes one: a plain decimal number (no hex, no exponent), read only from 1 to 5. */
const SCORE = /^\d+(?:\.\d+)?$/;

interface ImportedSection {
  name: string;
  tasks: { name: string; score: number }[];
}

/**
 * Reads a Mermaid `journey` diagram into a new map. Blank lines, `%%` comments and
 * `accTitle` / `accDescr` lines are skipped; anything else that is not `journey`, `title`,
 * `section` or a task `name: score[: actors]` is an error with its line number.
 */
export function importMermaidJourney(
  text: string,
  idMaker: (prefix: string) => string = (prefix) => newId(prefix),
): ParseResult<JourneyMap> {
  const errors: string[] = [];
  const sections: ImportedSection[] = [];
  // A Set: with 100,000 distinct actors, looking each up in a list would be quadratic.
  const actors = new Set<string>();
  let title: string | null = null;
  let sawHeader = false;

  const lines = text.split(/\r\n|\r|\n/);
  for (const [index, raw] of lines.entries()) {
    const where = `line ${index + 1}`;
    // A name with an invisible control or text-direction character would read differently from what it
    // holds: refused, and the rest of the line read without it, so that the lines after it are read right.
    const hidden = hiddenCharacterIn(raw);
    if (hidden !== null) errors.push(`${where}: the line holds an invisible character (${hidden}) that makes it read differently from what it holds: remove it`);
    const line = (hidden === null ? raw : withoutHiddenCharacters(raw)).trim();
    if (line === "" || line.startsWith("%%")) continue;
    if (!sawHeader) {
      if (!/^journey$/i.test(line)) {
        return { ok: false, errors: [`${where}: a Mermaid journey starts with "journey", found "${line}"`] };
      }
      sawHeader = true;
      continue;
    }
    if (/^acc(title|descr)\s*[:{]/i.test(line)) continue;
    const titleMatch = /^title(?:\s+(.*))?$/i.exec(line);
    if (titleMatch) {
      const value = unescapeText(titleMatch[1] ?? "");
      if (value === "") errors.push(`${where}: the title is empty`);
      else title = value;
      continue;
    }
    const sectionMatch = /^section(?:\s+([^:]*))?$/i.exec(line);
    if (sectionMatch) {
      const name = unescapeText(sectionMatch[1] ?? "");
      if (name === "") errors.push(`${where}: a section needs a name`);
      else sections.push({ name, tasks: [] });
      continue;
    }
    const parts = line.split(":");
    if (parts.length < 2) {
      errors.push(`${where}: expected "section <name>" or "<task>: <score>: <actors>", found "${line}"`);
      continue;
    }
    const [rawName = "", rawScore = "", rawActors = ""] = parts;
    const name = unescapeTask(rawName);
    const scoreText = rawScore.trim();
    const score = Number(scoreText);
    const section = sections[sections.length - 1];
    if (parts.length > 3) errors.push(`${where}: a task has at most two ':' (name: score: actors), found "${line}"`);
    else if (name === "") errors.push(`${where}: a task needs a name`);
    else if (!SCORE.test(scoreText) || !(score >= 1 && score <= 5)) {
      errors.push(`${where}: the score of "${name}" must be a number from 1 to 5, found "${scoreText}"`);
    } else if (section === undefined) errors.push(`${where}: the task "${name}" comes before any section`);
    else {
      section.tasks.push({ name, score });
      for (const actor of rawActors.split(",")) {
        const actorName = unescapeText(actor, [ACTOR_COMMA]);
        if (actorName !== "") actors.add(actorName);
      }
    }
  }
  if (!sawHeader) return { ok: false, errors: ['line 1: the text is empty, a Mermaid journey starts with "journey"'] };
  if (errors.length > 0) return { ok: false, errors };

  const stages: Stage[] = [];
  const touchpoints: Touchpoint[] = [];
  for (const section of sections) {
    const stageId = idMaker("stage");
    const scores = section.tasks.map((t) => t.score - 3);
    const emotion =
      scores.length === 0 ? null : Math.min(2, Math.max(-2, scores.reduce((a, b) => a + b, 0) / scores.length));
    stages.push({ id: stageId, name: section.name, objective: "", emotion });
    for (const task of section.tasks) {
      touchpoints.push({
        id: idMaker("touchpoint"),
        stageId,
        name: task.name,
        channel: "other",
        digital: false,
        importance: 3,
      });
    }
  }
  const personas: Persona[] = [...actors].map((name) => blankPersona(idMaker("persona"), name));
  const lanes: Lane[] = BUILT_IN_LANES.map((lane) => ({
    id: idMaker("lane"),
    kind: lane.kind,
    name: lane.name,
    visible: true,
  }));
  const mapTitle = title ?? "Imported journey";
  const map: JourneyMap = {
    schemaVersion: SCHEMA_VERSION,
    id: idMaker("map"),
    title: mapTitle,
    state: "current",
    scope: { journey: mapTitle, product: "", goal: "", successMetrics: [] },
    personas,
    stages,
    touchpoints,
    lanes,
    notes: [],
    feedback: [],
    painPoints: [],
    opportunities: [],
    kpis: [],
    settings: { ...DEFAULT_SETTINGS },
    rejectedSuggestions: [],
  };
  return parseJourneyMap(map);
}
