/**
 * The journey map model, version 2: every entity of the method (scope, personas, stages,
 * touchpoints, lanes, notes, feedback, pain points, opportunities, KPIs, scoring choice), and the
 * exact summary of the feedback rows it does not keep one by one (see summary.ts). Version 1 kept
 * every row; it opens as version 2 unchanged (`parseJourneyMap` says it converted).
 *
 * The same schema validates a draft in the panel, a model read back from the canvas and a
 * JSON file given to the command line, so a model is trusted nowhere until it has passed here.
 */
import * as z from "./zod";
import { FeedbackSummary, GROUP_LAYOUT } from "./summary";

export const SCHEMA_VERSION = 2;
/** The version before summaries: every feedback row kept; opens as version 2. */
export const FIRST_SCHEMA_VERSION = 1;

export const Id = z.string().check(z.minLength(1), z.maxLength(64));

/**
 * Characters a name must not hold: control characters (NUL and the like; tab and line breaks are
 * text) and the bidirectional embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069),
 * which make a name read on screen differently from what it says ("Checkout\u202Etuo" shows as
 * "Checkoutout"). A name from a file or the canvas that holds one is refused, naming it; typed text
 * has them taken out (`withoutHiddenCharacters`).
 */
// Written as what a name may hold, everything else found (U+0000–U+0008, U+000B, U+000C,
// U+000E–U+001F, U+007F, U+202A–U+202E, U+2066–U+2069): the same characters, and V8 scans a text
// for a negated class a third faster (an import scans every character of the file once).
const HIDDEN_CHARACTERS = /[^\t\n\r\u0020-\u007E\u0080-\u2029\u202F-\u2065\u206A-\uFFFF]/g;

/** The first hidden character of `text`, described ("U+202E, a right-to-left override"), or null. */
export function hiddenCharacterIn(text: string): string | null {
  const at = text.search(HIDDEN_CHARACTERS);
  if (at < 0) return null;
  const code = text.charCodeAt(at);
  const what = code === 0 ? "a NUL byte" : code < 0x2000 ? "a control character" : code === 0x202e ? "a right-to-left override" : "a text-direction mark";
  return `U+${code.toString(16).toUpperCase().padStart(4, "0")}, ${what}`;
}

/** Whether a character (by its code) is one `withoutHiddenCharacters` removes. */
export function isHiddenCharacter(code: number): boolean {
  return (code < 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0d) || code === 0x7f || (code >= 0x202a && code <= 0x202e) || (code >= 0x2066 && code <= 0x2069);
}

/** `text` without the characters a name must not hold (see `hiddenCharacterIn`). */
export function withoutHiddenCharacters(text: string): string {
  return text.search(HIDDEN_CHARACTERS) < 0 ? text : text.replace(HIDDEN_CHARACTERS, "");
}

/** A name or title: not empty, and without hidden characters. */
const Name = z.string().check(
  z.minLength(1),
  z.superRefine((text, ctx) => {
    const hidden = hiddenCharacterIn(text);
    if (hidden !== null)
      ctx.addIssue({ code: "custom", input: text, message: `contains an invisible character (${hidden}) that makes it read differently from what it holds: remove it` });
  }),
);

/**
 * The largest number the model takes, in either direction: far beyond any real KPI, reach or
 * rating, and small enough that every sum and product the metrics make stays finite (1e308 would
 * overflow to Infinity and show as "no data").
 */
export const NUMBER_LIMIT = 1e12;
const LIMIT_TEXT = "1,000,000,000,000";
/** A number within ±NUMBER_LIMIT (zod already refuses Infinity and NaN). */
const Quantity = z.number().check(
  z.gte(-NUMBER_LIMIT, { error: `must lie between −${LIMIT_TEXT} and ${LIMIT_TEXT}` }),
  z.lte(NUMBER_LIMIT, { error: `must lie between −${LIMIT_TEXT} and ${LIMIT_TEXT}` }),
);

export const CHANNELS = ["web", "app", "email", "phone", "chat", "store", "social", "support", "other"] as const;
export const Channel = z.enum(CHANNELS);
export type Channel = z.infer<typeof Channel>;

export const Scope = z.object({
  journey: z.string(),
  product: z.string(),
  goal: z.string(),
  successMetrics: z.array(z.string()),
});
export type Scope = z.infer<typeof Scope>;

export const Persona = z.object({
  id: Id,
  name: Name,
  role: z.string(),
  demographics: z.string(),
  goals: z.array(z.string()),
  motivations: z.array(z.string()),
  behaviours: z.array(z.string()),
  frustrations: z.array(z.string()),
  quote: z.string(),
  /** Share of customers this persona stands for, in percent; null when unknown. */
  share: z.nullable(z.number().check(z.gte(0), z.lte(100))),
  /** Whether generated maps show this persona in their header. */
  onMap: z.boolean(),
});
export type Persona = z.infer<typeof Persona>;

/** A persona of which only the name is known yet: an empty profile, shown on maps. */
export function blankPersona(id: string, name: string): Persona {
  return { id, name, role: "", demographics: "", goals: [], motivations: [], behaviours: [], frustrations: [], quote: "", share: null, onMap: true };
}

/** Manual emotion of a stage, −2 (frustrated) … +2 (delighted). */
export const Emotion = z.number().check(z.gte(-2), z.lte(2));

export const Stage = z.object({
  id: Id,
  name: Name,
  objective: z.string(),
  /** The manual emotion; null means "derive it from feedback". */
  emotion: z.nullable(Emotion),
});
export type Stage = z.infer<typeof Stage>;

/** The customer's expectation of a touchpoint, 1…5. */
export const Importance = z.number().check(z.gte(1), z.lte(5));

export const Touchpoint = z.object({
  id: Id,
  stageId: Id,
  name: Name,
  channel: Channel,
  digital: z.boolean(),
  importance: Importance,
  /** The full question a wide survey asked about this touchpoint, when its name is a short form of it. */
  question: z.optional(z.string()),
  /** The question's part in the analysis: the likelihood-to-recommend (NPS) question, or the overall outcome. */
  measure: z.optional(z.enum(["nps", "outcome"])),
});
export type Touchpoint = z.infer<typeof Touchpoint>;

export const LANE_KINDS = [
  "actions",
  "thoughts",
  "touchpoints",
  "emotions",
  "painPoints",
  "opportunities",
  "kpis",
  "custom",
] as const;
export const LaneKind = z.enum(LANE_KINDS);
export type LaneKind = z.infer<typeof LaneKind>;

export const Lane = z.object({
  id: Id,
  kind: LaneKind,
  name: Name,
  visible: z.boolean(),
});
export type Lane = z.infer<typeof Lane>;

/** A free-text card in one cell of the grid (customer actions, thoughts, custom lanes). */
export const Note = z.object({
  id: Id,
  laneId: Id,
  stageId: Id,
  text: z.string(),
});
export type Note = z.infer<typeof Note>;

export const RatingScale = z
  .object({ min: Quantity, max: Quantity })
  .check(z.refine((s) => s.max > s.min, { message: "a rating scale needs max > min" }));
export type RatingScale = z.infer<typeof RatingScale>;

export const FEEDBACK_KINDS = ["survey", "interview", "review", "social", "support", "form"] as const;
export const FeedbackKind = z.enum(FEEDBACK_KINDS);

export const Feedback = z
  .object({
    id: Id,
    kind: FeedbackKind,
    /** The rating as given, on `scale`; null for a text-only response. */
    rating: z.nullable(Quantity),
    scale: z.nullable(RatingScale),
    text: z.string(),
    /** ISO date (YYYY-MM-DD) or null. */
    date: z.nullable(z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}$/))),
    source: z.string(),
    stageId: z.nullable(Id),
    touchpointId: z.nullable(Id),
    personaId: z.nullable(Id),
    /**
     * The response's own id in the tool it came from (a survey's response id, a ticket number), when
     * the import had one: a second import of the same export is then recognised (see `responseKey`).
     */
    responseId: z.optional(z.string()),
    /**
     * The person who answered: every answer of one row of a wide survey shares it (the response id
     * when the file has one), so later analyses can relate one person's answers to each other.
     */
    respondentId: z.optional(z.string()),
    /** The respondent's segment values by segment column ("Travel type" → "Business", "Plan" → "Pro"). */
    segments: z.optional(z.record(z.string(), z.string())),
    /**
     * The text's sentiment, scored where the text entered (sentiment.ts), so that no reader needs the
     * lexicon: −2 strongly negative, −1 negative, 0 neutral, 1 positive, 2 strongly positive
     * (sentiment-summary.ts). Absent for a row without text or not scored yet.
     */
    sentiment: z.optional(z.int().check(z.gte(-2), z.lte(2))),
  })
  .check(
    z.refine((f) => f.rating === null || (f.scale !== null && f.rating >= f.scale.min && f.rating <= f.scale.max), {
      message: "a rating needs a scale and must lie on it",
      path: ["rating"],
    }),
  );
export type Feedback = z.infer<typeof Feedback>;

export const Score5 = z.int().check(z.gte(1), z.lte(5));
export const Confidence = z.union([z.literal(0.5), z.literal(0.8), z.literal(1)]);
export type Confidence = z.infer<typeof Confidence>;
export const Score10 = z.number().check(z.gte(1), z.lte(10));

export const PainPoint = z.object({
  id: Id,
  stageId: Id,
  touchpointId: z.nullable(Id),
  title: Name,
  description: z.string(),
  severity: Score5,
  /** Null means "derive it from the share of the stage's feedback linked to this pain point". */
  frequency: z.nullable(Score5),
  effort: Score5,
  confidence: Confidence,
  /** Manual reach for RICE; null means "count the linked feedback". */
  reach: z.nullable(Quantity.check(z.gte(0))),
  /** ICE inputs on 1–10 scales; null means "derive from severity, confidence and effort". */
  ice: z.nullable(z.object({ impact: Score10, confidence: Score10, ease: Score10 })),
  /** Feedback ids that back this pain point. */
  evidence: z.array(Id),
});
export type PainPoint = z.infer<typeof PainPoint>;

export const OPPORTUNITY_STATUSES = ["idea", "planned", "in progress", "done", "dropped"] as const;
export const Opportunity = z.object({
  id: Id,
  stageId: Id,
  painPointId: z.nullable(Id),
  title: Name,
  description: z.string(),
  status: z.enum(OPPORTUNITY_STATUSES),
  owner: z.string(),
});
export type Opportunity = z.infer<typeof Opportunity>;

export const Kpi = z.object({
  id: Id,
  stageId: Id,
  name: Name,
  unit: z.string(),
  direction: z.enum(["higher", "lower"]),
  target: Quantity,
  baseline: z.nullable(Quantity),
  current: z.nullable(Quantity),
  history: z.array(z.object({ date: z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}$/)), value: Quantity })),
});
export type Kpi = z.infer<typeof Kpi>;

export const SCORING_MODELS = ["impact-effort", "rice", "ice"] as const;
export const ScoringModel = z.enum(SCORING_MODELS);
export type ScoringModel = z.infer<typeof ScoringModel>;

export const Settings = z.object({
  scoring: ScoringModel,
  /** Expectations count as "not met" when the experience gap exceeds this. */
  gapThreshold: z.number().check(z.gte(0), z.lte(4)),
  /** Data backing: fewer than `backed` responses is "thin", none is "none". */
  backedResponses: z.int().check(z.gte(1)),
  /** Which importance gaps and quadrants use: as people stated it, or derived from the outcome (shared/importance.ts); absent = stated. */
  importance: z.optional(z.enum(["stated", "derived"])),
  /** The period trends are shown by (shared/trends.ts); absent is "auto", picked from the span of the dates. */
  trendPeriod: z.optional(z.enum(["auto", "week", "month", "quarter"])),
  /** Whether the map's emotion lane also draws a curve per persona (up to 5) from their feedback; absent is no. */
  emotionByPersona: z.optional(z.boolean()),
});
export type Settings = z.infer<typeof Settings>;

const IsoDate = z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}$/, { error: "must be a date written YYYY-MM-DD" }));
const Count = z.int().check(z.gte(0, { error: "must be a whole number, 0 or more" }));

/** One import of a feedback file, as the journey's ledger records it (see ledger.ts). */
export const ImportRecord = z.object({
  /** The file's name as the person chose it. */
  file: z.string(),
  /** Its size in bytes. */
  bytes: Count,
  /** `contentHash` of its text: the same file imported again is recognised by it. */
  hash: z.string().check(z.regex(/^[0-9a-f]{16}$/, { error: "must be 16 hexadecimal digits (a content hash)" })),
  /** Data rows read, imported and skipped; of the skipped, those already in the journey or repeated in the file. */
  rows: Count,
  imported: Count,
  skipped: Count,
  duplicates: Count,
  /** The earliest and latest date of the imported rows; null when none had a date. */
  firstDate: z.nullable(IsoDate),
  lastDate: z.nullable(IsoDate),
  /** When it was imported (ISO 8601, UTC). */
  importedAt: z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/, { error: "must be a UTC time written YYYY-MM-DDTHH:MM:SSZ" })),
  /** "replace": the import replaced the journey's feedback (the ledger's responses start again from it). */
  mode: z.enum(["add", "replace"]),
});
export type ImportRecord = z.infer<typeof ImportRecord>;

/**
 * The responses the journey's imports brought in, compactly (ledger.ts explains the structure):
 * each row's key as a 32-bit fingerprint, sorted and Golomb–Rice coded in base64, and the numeric
 * response ids as ranges, an exact test that a response id is new.
 */
export const ResponseFingerprints = z
  .object({
    bits: z.literal(32, { error: "must be 32 (fingerprints of 32 bits are the only kind this version reads)" }),
    count: Count,
    /** The Rice parameter: each gap between sorted fingerprints is coded as a unary quotient and `rice` low bits. */
    rice: z.int().check(z.gte(0), z.lte(31)),
    /** Base64: its characters are checked when it is decoded (ledger.ts), not at every read of the map (megabytes at 1,000,000 rows). */
    data: z.string().check(z.refine((data) => data.length % 4 === 0, { error: "must be base64 text (a multiple of 4 characters)" })),
    /** Numeric response ids as inclusive ranges, flat: [from, to, from, to, …], ascending and apart. */
    idRanges: z.array(z.number()),
    /** Whether a key has a response id that is not a whole number, and whether a key is a row's content (no id). */
    textIds: z.boolean(),
    contentKeys: z.boolean(),
  })
  .check(
    z.refine((f) => f.idRanges.length % 2 === 0 && f.idRanges.every((n, i) => Number.isSafeInteger(n) && n >= 0 && (i === 0 || n > (f.idRanges[i - 1] ?? 0) || (i % 2 === 1 && n === f.idRanges[i - 1]))), {
      message: "idRanges must be whole numbers in ascending pairs [from, to, …]",
      path: ["idRanges"],
    }),
  );
export type ResponseFingerprints = z.infer<typeof ResponseFingerprints>;

/** Every import of the journey, and the responses they brought, to recognise a file or rows imported before. */
export const ImportLedger = z.object({
  imports: z.array(ImportRecord),
  responses: ResponseFingerprints,
});
export type ImportLedger = z.infer<typeof ImportLedger>;

const JourneyMapShape = z.object({
  schemaVersion: z.literal(SCHEMA_VERSION),
  id: Id,
  title: Name,
  state: z.enum(["current", "future"]),
  scope: Scope,
  personas: z.array(Persona),
  stages: z.array(Stage),
  touchpoints: z.array(Touchpoint),
  lanes: z.array(Lane),
  notes: z.array(Note),
  feedback: z.array(Feedback),
  painPoints: z.array(PainPoint),
  opportunities: z.array(Opportunity),
  kpis: z.array(Kpi),
  settings: Settings,
  /** Keys of suggested pain points the user rejected ("<stageId>:<term>"), never suggested again. */
  rejectedSuggestions: z.array(z.string()),
  /**
   * The feedback the journey counts but does not keep row by row (summary.ts); every figure counts
   * `feedback` and this together. Absent means none.
   */
  summary: z.optional(FeedbackSummary),
  /** The imports of feedback files, and the responses they brought (ledger.ts); absent until the first. */
  ledger: z.optional(ImportLedger),
});

type Shape = z.infer<typeof JourneyMapShape>;

/** Whether a summary's segment text is what `segmentText` writes: a JSON list of [name, value] text pairs. */
function isSegmentText(text: string): boolean {
  try {
    const pairs: unknown = JSON.parse(text);
    return Array.isArray(pairs) && pairs.every((p) => Array.isArray(p) && p.length === 2 && typeof p[0] === "string" && typeof p[1] === "string");
  } catch {
    return false;
  }
}

type IntegrityIssue = { code: "custom"; path: (string | number)[]; message: string };

/** Every id must be unique across the model, and every reference must name an entity that exists. */
function checkIntegrity(map: Shape, ctx: { addIssue(issue: IntegrityIssue): void }): void {
  const seen = new Map<string, string>();
  const collections = [
    "personas",
    "stages",
    "touchpoints",
    "lanes",
    "notes",
    "feedback",
    "painPoints",
    "opportunities",
    "kpis",
  ] as const;
  for (const key of collections) {
    map[key].forEach((entity, index) => {
      const where = `${key}[${index}]`;
      const earlier = seen.get(entity.id);
      if (earlier !== undefined) {
        ctx.addIssue({
          code: "custom",
          path: [key, index, "id"],
          message: `duplicate id "${entity.id}" (${where} and ${earlier})`,
        });
      } else {
        seen.set(entity.id, where);
      }
    });
  }
  const ids = (list: readonly { id: string }[]) => new Set(list.map((e) => e.id));
  const stageIds = ids(map.stages);
  const touchpointIds = ids(map.touchpoints);
  const personaIds = ids(map.personas);
  const laneIds = ids(map.lanes);
  const feedbackIds = ids(map.feedback);
  const painPointIds = ids(map.painPoints);
  const refer = (ok: boolean, path: (string | number)[], what: string, id: string) => {
    if (!ok) ctx.addIssue({ code: "custom", path, message: `unknown ${what} "${id}"` });
  };
  map.touchpoints.forEach((t, i) => refer(stageIds.has(t.stageId), ["touchpoints", i, "stageId"], "stage", t.stageId));
  map.notes.forEach((n, i) => {
    refer(stageIds.has(n.stageId), ["notes", i, "stageId"], "stage", n.stageId);
    refer(laneIds.has(n.laneId), ["notes", i, "laneId"], "lane", n.laneId);
  });
  map.feedback.forEach((f, i) => {
    if (f.stageId !== null) refer(stageIds.has(f.stageId), ["feedback", i, "stageId"], "stage", f.stageId);
    if (f.touchpointId !== null)
      refer(touchpointIds.has(f.touchpointId), ["feedback", i, "touchpointId"], "touchpoint", f.touchpointId);
    if (f.personaId !== null) refer(personaIds.has(f.personaId), ["feedback", i, "personaId"], "persona", f.personaId);
  });
  if (map.summary !== undefined) {
    // A summary names stages, touchpoints and personas as rows do; at most 20 of its problems are
    // listed. Each string is judged once for each part that names it, not once per group: a year
    // of feedback makes 165,000 groups, and reading each one out took seconds in Figma's interpreter.
    const { strings, groups } = map.summary;
    const kinds = new Set<string>(FEEDBACK_KINDS);
    const checks: [number, (text: string) => string][] = [
      [GROUP_LAYOUT.stage, (text) => (stageIds.has(text) ? "" : `unknown stage "${text}"`)],
      [GROUP_LAYOUT.touchpoint, (text) => (touchpointIds.has(text) ? "" : `unknown touchpoint "${text}"`)],
      [GROUP_LAYOUT.persona, (text) => (personaIds.has(text) ? "" : `unknown persona "${text}"`)],
      [GROUP_LAYOUT.kind, (text) => (kinds.has(text) ? "" : `"${text}" is not a kind of feedback`)],
      [GROUP_LAYOUT.segment, (text) => (isSegmentText(text) ? "" : `the segment values ${JSON.stringify(text)} are not a JSON list of [name, value] pairs`)],
    ];
    // Plain loops and arrays: no destructuring or closure per group (slow in Figma's interpreter).
    const parts = checks.map((c) => c[0]);
    const judged = checks.map((): (string | undefined)[] => []);
    let issues = 0;
    for (let index = 0, n = groups.length; index < n && issues < 20; index++) {
      const g = groups[index] as (number | null)[];
      for (let c = 0; c < parts.length; c++) {
        const at = g[parts[c] as number];
        if (at === null || at === undefined) continue;
        const seen = judged[c] as (string | undefined)[];
        let message = seen[at];
        if (message === undefined) message = seen[at] = (checks[c] as [number, (text: string) => string])[1](strings[at] as string);
        if (message !== "" && issues++ < 20) ctx.addIssue({ code: "custom", path: ["summary", "groups", index], message });
      }
    }
  }
  map.painPoints.forEach((p, i) => {
    refer(stageIds.has(p.stageId), ["painPoints", i, "stageId"], "stage", p.stageId);
    if (p.touchpointId !== null)
      refer(touchpointIds.has(p.touchpointId), ["painPoints", i, "touchpointId"], "touchpoint", p.touchpointId);
    p.evidence.forEach((e, j) => refer(feedbackIds.has(e), ["painPoints", i, "evidence", j], "feedback", e));
  });
  map.opportunities.forEach((o, i) => {
    refer(stageIds.has(o.stageId), ["opportunities", i, "stageId"], "stage", o.stageId);
    if (o.painPointId !== null)
      refer(painPointIds.has(o.painPointId), ["opportunities", i, "painPointId"], "pain point", o.painPointId);
  });
  map.kpis.forEach((k, i) => refer(stageIds.has(k.stageId), ["kpis", i, "stageId"], "stage", k.stageId));
}

export const JourneyMap = JourneyMapShape.check(z.superRefine((map, ctx) => checkIntegrity(map, ctx)));
export type JourneyMap = z.infer<typeof JourneyMap>;

/** The default stage template of the method. */
export const DEFAULT_STAGE_NAMES = ["Awareness", "Consideration", "Decision", "Onboarding", "Retention", "Advocacy"];

/** The built-in lanes, in map order. */
export const BUILT_IN_LANES: readonly { kind: Exclude<LaneKind, "custom">; name: string }[] = [
  { kind: "actions", name: "Customer actions" },
  { kind: "thoughts", name: "Thoughts & questions" },
  { kind: "touchpoints", name: "Touchpoints & channels" },
  { kind: "emotions", name: "Emotions" },
  { kind: "painPoints", name: "Pain points" },
  { kind: "opportunities", name: "Opportunities" },
  { kind: "kpis", name: "KPIs" },
];

export const DEFAULT_SETTINGS: Settings = { scoring: "impact-effort", gapThreshold: 0.5, backedResponses: 30 };

/** Makes an id that is unique with overwhelming probability; `random` is injectable for tests. */
export function newId(prefix: string, random: () => number = Math.random): string {
  let tail = "";
  for (let i = 0; i < 10; i++) tail += Math.floor(random() * 36).toString(36);
  return `${prefix}_${tail}`;
}

/** An empty map with the default stages and lanes, ready to be filled in. */
export function createJourneyMap(title: string, random: () => number = Math.random): JourneyMap {
  return {
    schemaVersion: SCHEMA_VERSION,
    id: newId("map", random),
    title,
    state: "current",
    scope: { journey: title, product: "", goal: "", successMetrics: [] },
    personas: [],
    stages: DEFAULT_STAGE_NAMES.map((name) => ({ id: newId("stage", random), name, objective: "", emotion: null })),
    touchpoints: [],
    lanes: BUILT_IN_LANES.map((lane) => ({ id: newId("lane", random), kind: lane.kind, name: lane.name, visible: true })),
    notes: [],
    feedback: [],
    painPoints: [],
    opportunities: [],
    kpis: [],
    settings: { ...DEFAULT_SETTINGS },
    rejectedSuggestions: [],
  };
}

/**
 * `dropped`: fields of the input the model has no place for, by path ("stages.0.color"), left out.
 * `converted`: a sentence to show once when the input was an older version, opened as this one.
 */
export type ParseResult<T> = { ok: true; value: T; dropped?: string[]; converted?: string } | { ok: false; errors: string[] };

/** What opening a version 1 journey did, to tell the person once. */
export const CONVERTED_FROM_V1 =
  "This journey was saved by an earlier version of Journey Mapper, which kept every feedback row. It now keeps exact summaries of large imports beside the rows pain points cite; every figure is unchanged.";

/** Formats zod issues as "path: message" lines a person can act on. */
export function describeIssues(issues: readonly z.core.$ZodIssue[]): string[] {
  return issues.map((issue) => {
    const path = issue.path.map(String).join(".");
    return path ? `${path}: ${issue.message}` : issue.message;
  });
}

const MAP_FIELDS = Object.keys(JourneyMapShape.shape);

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * What a value that is no journey map at all is, in words, with what was expected; null when it
 * has a journey map's look (then its field errors say more).
 */
function notAJourney(value: unknown): string | null {
  const keys = isRecord(value) ? Object.keys(value) : [];
  if (keys.filter((key) => MAP_FIELDS.includes(key)).length >= 3) return null;
  const what = Array.isArray(value)
    ? `a JSON list of ${value.length} item${value.length === 1 ? "" : "s"}`
    : !isRecord(value)
      ? `${value === null ? "null" : `a single ${typeof value}`}`
      : keys.length === 0
        ? "an empty JSON object"
        : `a JSON object with ${keys.slice(0, 5).join(", ")}${keys.length > 5 ? ` and ${keys.length - 5} more fields` : ""}`;
  return `this file holds ${what}, not a journey map: a journey map is a JSON object with schemaVersion, title, stages, personas and the rest, as Export JSON writes it`;
}

/**
 * The fields of `input` that `parsed` (what the schema kept of it) does not have, by path; one
 * walk over both, so a model of 200,000 feedback rows costs one pass.
 */
export function droppedFields(input: unknown, parsed: unknown, path = "", out: string[] = []): string[] {
  if (Array.isArray(input) && Array.isArray(parsed)) {
    const length = Math.min(input.length, parsed.length);
    for (let i = 0; i < length; i++) droppedFields(input[i], parsed[i], path === "" ? String(i) : `${path}.${i}`, out);
  } else if (isRecord(input) && isRecord(parsed)) {
    for (const key of Object.keys(input)) {
      const where = path === "" ? key : `${path}.${key}`;
      if (!(key in parsed)) out.push(where);
      else droppedFields(input[key], parsed[key], where, out);
    }
  }
  return out;
}

/**
 * Validates an unknown value as a journey map. A model from a newer schema version is refused
 * with a message that says so, rather than a list of field errors.
 */
export function parseJourneyMap(value: unknown): ParseResult<JourneyMap> {
  const version = isRecord(value) ? value.schemaVersion : undefined;
  if (typeof version === "number" && version > SCHEMA_VERSION) {
    return {
      ok: false,
      errors: [
        `this map was saved with schema version ${version}, newer than this plugin's version ${SCHEMA_VERSION}: update Journey Mapper to open it`,
      ],
    };
  }
  if (version === FIRST_SCHEMA_VERSION && isRecord(value)) {
    // Version 1 is version 2 without a summary: the same rows, so the same figures.
    const result = JourneyMap.safeParse({ ...value, schemaVersion: SCHEMA_VERSION });
    return result.success
      ? { ok: true, value: result.data, converted: CONVERTED_FROM_V1 }
      : { ok: false, errors: describeIssues(result.error.issues) };
  }
  const result = JourneyMap.safeParse(value);
  return result.success ? { ok: true, value: result.data } : { ok: false, errors: describeIssues(result.error.issues) };
}

/** The schema of each entity list, for checking the entities an edit changed one by one. */
const ENTITY_LISTS = {
  personas: Persona,
  stages: Stage,
  touchpoints: Touchpoint,
  lanes: Lane,
  notes: Note,
  feedback: Feedback,
  painPoints: PainPoint,
  opportunities: Opportunity,
  kpis: Kpi,
} as const;

/** Whether two entities hold the same values in the same fields (nested values compared by identity). */
function sameFields(a: object, b: object): boolean {
  const keys = Object.keys(a);
  if (keys.length !== Object.keys(b).length) return false;
  for (const key of keys) {
    if ((a as Record<string, unknown>)[key] !== (b as Record<string, unknown>)[key]) return false;
  }
  return true;
}

/**
 * Validates `edited`, a model made from `base` (a model that passed `parseJourneyMap`) by replacing
 * values, never by changing them in place: a list, an entity or a nested value that is still
 * `base`'s own object (or an entity whose fields all hold `base`'s values) was validated with
 * `base`; every other entity and field is validated with its schema, and the rules that span the
 * whole model (unique ids, references) are checked on all of it. The same result as
 * `parseJourneyMap(edited)`, without validating again what did not change (most of a second for a
 * large model in Figma's interpreter).
 */
export function parseEditedJourneyMap(base: JourneyMap, edited: JourneyMap): ParseResult<JourneyMap> {
  const errors: string[] = [];
  const out: Record<string, unknown> = {};
  const shape = JourneyMapShape.shape as Record<string, z.ZodMiniType>;
  const from = base as unknown as Record<string, unknown>;
  const to = edited as unknown as Record<string, unknown>;
  const fail = (where: string, issues: readonly z.core.$ZodIssue[]) => {
    for (const issue of issues) errors.push(`${[where, ...issue.path.map(String)].join(".")}: ${issue.message}`);
  };
  for (const key of Object.keys(to)) if (!(key in shape)) errors.push(`${key}: not a field of a journey map`);
  for (const key of MAP_FIELDS) {
    const value = to[key];
    if (value === from[key]) {
      out[key] = value;
      continue;
    }
    const schema = key in ENTITY_LISTS ? ENTITY_LISTS[key as keyof typeof ENTITY_LISTS] : undefined;
    if (schema === undefined || !Array.isArray(value)) {
      const result = (shape[key] as z.ZodMiniType).safeParse(value);
      if (result.success) out[key] = result.data;
      else fail(key, result.error.issues);
      continue;
    }
    const before = new Map((from[key] as { id: string }[]).map((e) => [e.id, e]));
    out[key] = value.map((entity: unknown, index) => {
      const was = typeof entity === "object" && entity !== null ? before.get((entity as { id: string }).id) : undefined;
      if (was !== undefined && (was === entity || sameFields(was, entity as object))) return was;
      const result = (schema as z.ZodMiniType).safeParse(entity);
      if (result.success) return result.data;
      fail(`${key}.${index}`, result.error.issues);
      return entity;
    });
  }
  if (errors.length > 0) return { ok: false, errors };
  const model = out as JourneyMap;
  checkIntegrity(model, { addIssue: (issue) => errors.push(`${issue.path.join(".")}: ${issue.message}`) });
  return errors.length > 0 ? { ok: false, errors } : { ok: true, value: model };
}

/** Serialises a model as JSON; `importJourneyMapJson(exportJourneyMapJson(m))` gives `m` back exactly. */
export function exportJourneyMapJson(map: JourneyMap): string {
  return JSON.stringify(map, null, 2);
}

/**
 * Reads a model from JSON text a person gives (Import JSON, `--map`): broken JSON, a Mermaid text,
 * or JSON that is no journey map at all is refused with a sentence that says what it is; fields
 * the model has no place for (a stage's `color`) are left out and named in `dropped`.
 */
export function importJourneyMapJson(text: string): ParseResult<JourneyMap> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    if (/^\s*journey\b/i.test(text)) return { ok: false, errors: ["this file is a Mermaid journey diagram, not JSON: import it with Import Mermaid"] };
    return { ok: false, errors: [`not valid JSON: ${error instanceof Error ? error.message : String(error)}`] };
  }
  const notMap = notAJourney(value);
  if (notMap !== null) return { ok: false, errors: [notMap] };
  const parsed = parseJourneyMap(value);
  if (!parsed.ok) return parsed;
  const dropped = droppedFields(value, parsed.value);
  return dropped.length === 0 ? parsed : { ...parsed, dropped };
}
