/**
 * The CSV import wizard's state, outside any component so that an import goes on while the person
 * looks at another section. Steps: choose a file → what was detected → columns → scale → import
 * (with progress, cancellable) → report. What the person confirms is remembered by the file's header
 * signature and applied to the next file with the same headers: a long file's mapping and segment
 * columns, a wide survey's settings of every column (role, touchpoint name, stage, scale, no-answers,
 * word ratings, NPS/outcome), the layout, the shape and the values for every row.
 */
import { createSentimentScorer } from "../../shared/sentiment";
import {
  COLUMN_ROLES,
  CsvDecodeError,
  EMPTY_MAPPING,
  createHostTurns,
  MAPPED_FIELDS,
  importFeedbackCsv,
  TooManyNewStagesError,
  SCALE_0_10,
  SCALE_1_5,
  SCALE_1_7,
  type ColumnMapping,
  type CsvDelimiter,
  type CsvImportOptions,
  type CsvImportProgress,
  type CsvImportResult,
  type CsvProblem,
  type ColumnRole,
  type ColumnSettings,
  type CsvShape,
  type FixedValues,
  type ProblemGroup,
  type QuestionMeasure,
  type DateOrder,
  type MappedField,
} from "../../shared/csv";
import {
  alreadyImportedSentence,
  contentHash,
  contentHashAsync,
  duplicateNote,
  findImport,
  journeyResponsesAsync,
  recordImport,
  recordImportAsync,
} from "../../shared/ledger";
import type { JourneyMap, RatingScale } from "../../shared/model";
import { mergeImportedFeedback } from "../state/edits";
import type { PanelStore, RememberedMapping } from "../state/store";
import {
  countDataRowsAsync,
  decodeCsvFileAsync,
  inspectForWizard,
  type LoadedCsv,
  type WizardInspection,
} from "./csv-file";
import { stageMetricsAsync, type StageMetrics } from "./stage-metrics";
import { MANY_STAGES, type NewStageNames } from "./import-checks";
import { groupProblems } from "../../shared/csv/problem";
import { importSummaryCsv, isSummaryCsv, withImportedSummary } from "../../shared/summary-csv";

export const WIZARD_STEPS = ["choose", "detected", "columns", "scale", "importing", "report"] as const;
export type WizardStep = (typeof WIZARD_STEPS)[number];

export type ScaleChoice = "detected" | "1-5" | "0-10" | "1-7" | "custom";

export interface WizardOptions {
  /** null: as detected. */
  delimiter: CsvDelimiter | null;
  headerRows: 0 | 1 | 2 | null;
  /** The row the header is on (1 for the first), as a spreadsheet numbers it; null: as detected. */
  headerRow: number | null;
  mapping: ColumnMapping;
  scale: ScaleChoice;
  customMin: string;
  customMax: string;
  dateOrder: "auto" | DateOrder;
  create: { stages: boolean; touchpoints: boolean; personas: boolean };
  mode: "add" | "replace";
  /** null: as detected. */
  shape: CsvShape | null;
  /** The person's corrections per column (role, a question's touchpoint name and stage, scale, no-answers, word ratings, NPS/outcome). */
  columns: Record<number, ColumnSettings>;
  /** A value for every row whose cell is empty or has no column. */
  fixed: FixedValues;
}

export interface ImportReport {
  fileName: string;
  rows: number;
  imported: number;
  skipped: number;
  /** Of the skipped rows, those already in the journey or repeated in the file. */
  duplicates: number;
  blankRows: number;
  errors: CsvProblem[];
  /** Every problem, grouped by kind and column, largest group first. */
  problemGroups: ProblemGroup[];
  /** Answers that were "no answer" (N/A, empty, a 0 below a 1–5 scale …): counted, never errors. */
  noAnswers: number;
  /** A wide file: the feedback made (one per answered question), and its questions with their touchpoints. */
  answers: number;
  questions: { header: string; touchpoint: string; stage: string; answers: number; noAnswers: number }[];
  created: { stages: number; touchpoints: number; personas: number };
  scale: RatingScale | null;
  /** A rating column read by survey: the column naming the surveys, and each one's scale and ratings; null for one scale. */
  scaleBy: { column: string; surveys: { value: string; scale: RatingScale; ratings: number }[] } | null;
  /** What the rejected-rows export needs. */
  rejected: Pick<CsvImportResult, "headerRecords" | "rejectedRows" | "headers"> & { detected: Pick<CsvImportResult["detected"], "delimiter"> };
  metrics: StageMetrics | null;
  seconds: number;
  /** How rows already imported were recognised and how rarely a new one is mistaken (ledger.ts); null when none was skipped so. */
  duplicateNote: string | null;
}

export interface WizardState {
  step: WizardStep;
  /** What the wizard is doing right now ("Reading sample.csv…"), or null. */
  busy: string | null;
  error: string | null;
  file: LoadedCsv | null;
  inspection: WizardInspection | null;
  /** Data rows in the whole file; null while they are being counted. */
  rowCount: number | null;
  /** Whether the mapping (and a wide survey's settings) came from an earlier import of a file with the same headers. */
  remembered: boolean;
  options: WizardOptions;
  progress: CsvImportProgress | null;
  /** Set when the stage column would add more than `MANY_STAGES` stages: the import waits for the person's answer. */
  manyStages: (NewStageNames & { column: number }) | null;
  /** Asked before a file the journey's ledger has imported before is imported again: "This file was imported on … (N rows imported)". */
  sameFile: string | null;
  report: ImportReport | null;
}

const DEFAULT_OPTIONS: WizardOptions = {
  delimiter: null,
  headerRows: null,
  headerRow: null,
  mapping: { ...EMPTY_MAPPING },
  scale: "detected",
  customMin: "1",
  customMax: "5",
  dateOrder: "auto",
  create: { stages: true, touchpoints: true, personas: true },
  mode: "add",
  shape: null,
  columns: {},
  fixed: {},
};

const INITIAL: WizardState = {
  step: "choose",
  busy: null,
  error: null,
  file: null,
  inspection: null,
  rowCount: null,
  remembered: false,
  options: DEFAULT_OPTIONS,
  progress: null,
  manyStages: null,
  sameFile: null,
  report: null,
};

const FIXED_SCALES: Record<Exclude<ScaleChoice, "detected" | "custom">, RatingScale> = { "1-5": SCALE_1_5, "0-10": SCALE_0_10, "1-7": SCALE_1_7 };

/** The scale the options ask for: undefined to let the import infer it, or an error in words. */
export function chosenScale(options: WizardOptions): { scale: RatingScale | undefined } | { error: string } {
  if (options.scale === "detected") return { scale: undefined };
  if (options.scale !== "custom") return { scale: FIXED_SCALES[options.scale] };
  const min = Number(options.customMin.replace(",", "."));
  const max = Number(options.customMax.replace(",", "."));
  if (options.customMin.trim() === "" || options.customMax.trim() === "" || !Number.isFinite(min) || !Number.isFinite(max)) {
    return { error: "The scale needs a lowest and a highest rating, as numbers" };
  }
  if (max <= min) return { error: "The highest rating must be above the lowest" };
  return { scale: { min, max } };
}

export class ImportWizard {
  private current: WizardState = INITIAL;
  private readonly listeners = new Set<(state: WizardState) => void>();
  private cancelled = false;
  /** The file the person chose to import again though the journey has imported it (`sameFile`). */
  private againFor: LoadedCsv | null = null;
  /** Bumped whenever the file or its layout changes, so a stale row count is dropped. */
  private generation = 0;

  constructor(private readonly store: PanelStore) {}

  get state(): WizardState {
    return this.current;
  }

  subscribe(listener: (state: WizardState) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private set(change: Partial<WizardState>): void {
    this.current = { ...this.current, ...change };
    for (const listener of this.listeners) listener(this.current);
  }

  reset(): void {
    this.generation++;
    this.set(INITIAL);
  }

  goTo(step: WizardStep): void {
    if (this.current.step === "importing") return;
    this.set({ step, error: null });
  }

  /** Step 1: a file was chosen or dropped. */
  async chooseFile(file: File): Promise<void> {
    const generation = ++this.generation;
    this.set({ ...INITIAL, busy: `Reading ${file.name}…` });
    const turns = createHostTurns();
    try {
      // Read a window at a time: the whole file in one go would be one long task.
      const loaded = await decodeCsvFileAsync(file.name, file, turns.yieldToHost);
      if (generation !== this.generation) return;
      await turns.yieldToHost();
      let inspection = inspectForWizard(loaded.text, {});
      if (isSummaryCsv(inspection.headers)) {
        // A summary CSV (counts per group, see the README) has no columns to map: it is merged at once.
        this.importSummary(loaded, inspection.headers);
        return;
      }
      const remembered = this.store.state.csvMappings[inspection.signature];
      let options = guessedOptions(inspection, this.store.state.model);
      if (remembered !== undefined) {
        await turns.yieldToHost();
        const mapping = rememberedMapping(remembered, inspection.headers.length);
        const delimiter = isDelimiter(remembered.delimiter) ? remembered.delimiter : null;
        const shape = remembered.shape ?? null;
        inspection = inspectForWizard(loaded.text, {
          mapping,
          ...(delimiter === null ? {} : { delimiter }),
          ...(remembered.headerRows === undefined ? {} : { headerRows: remembered.headerRows }),
          ...(shape === null ? {} : { shape }),
        });
        options = {
          ...options,
          delimiter,
          headerRows: remembered.headerRows ?? null,
          shape,
          mapping: inspection.mapping,
          columns: rememberedColumns(remembered, inspection.headers.length),
          fixed: { ...remembered.fixed },
        };
      }
      this.set({ busy: null, step: "detected", file: loaded, inspection, options, remembered: remembered !== undefined, rowCount: null });
      void this.countRows(generation);
    } catch (error) {
      if (generation !== this.generation) return;
      const reason = error instanceof CsvDecodeError ? error.message : `could not read it (${error instanceof Error ? error.message : String(error)})`;
      this.set({ busy: null, step: "choose", error: `${file.name}: ${reason}` });
    } finally {
      turns.close();
    }
  }

  /** A summary CSV: its counts merged into the journey's summary, names found or created as the CSV import does. */
  private importSummary(loaded: LoadedCsv, headers: string[]): void {
    const started = performance.now();
    const model = this.store.state.model;
    // The same summary again would count its rows twice: refused, by the journey's ledger.
    const hash = contentHash(loaded.text);
    const earlier = findImport(model, hash);
    if (earlier !== null) {
      this.set({ busy: null, step: "choose", error: `${alreadyImportedSentence(earlier)}: its counts are already in the journey, so nothing was added.` });
      return;
    }
    const create = { stages: model.stages.length === 0, touchpoints: true, personas: model.personas.length === 0 };
    const result = importSummaryCsv(loaded.text, { map: model, create });
    // Nothing was awaited since `model` was read: the journey is the one the names were found in.
    const outcome = { rows: result.lines, imported: result.imported, skipped: result.skipped, duplicates: 0, shape: "long" as const, feedback: [] };
    if (result.imported > 0)
      this.store.update((current) => ({ ...withImportedSummary(current, result), ledger: recordImport(current, { name: loaded.fileName, bytes: loaded.size, hash }, outcome, "add") }));
    const report: ImportReport = {
      fileName: loaded.fileName,
      rows: result.lines,
      imported: result.imported,
      skipped: result.skipped,
      duplicates: 0,
      blankRows: 0,
      errors: result.errors,
      problemGroups: groupProblems(result.errors),
      noAnswers: result.noAnswers,
      answers: result.rows,
      questions: [],
      created: { stages: result.created.stages.length, touchpoints: result.created.touchpoints.length, personas: result.created.personas.length },
      scale: null,
      scaleBy: null,
      rejected: { headerRecords: [headers], rejectedRows: [], headers, detected: { delimiter: "," } },
      metrics: null,
      seconds: (performance.now() - started) / 1000,
      duplicateNote: null,
    };
    this.set({ busy: null, step: "report", report, file: null, inspection: null });
  }

  private async countRows(generation: number): Promise<void> {
    const { file, inspection } = this.current;
    if (file === null || inspection === null) return;
    const turns = createHostTurns();
    try {
      await turns.yieldToHost();
      const rows = inspection.partial
        ? await countDataRowsAsync(file.text, inspection.delimiter, inspection.headerRecordCount, turns.yieldToHost)
        : inspection.rowCount;
      if (generation === this.generation) this.set({ rowCount: rows });
    } finally {
      turns.close();
    }
  }

  /** Drops what was remembered from an earlier file with the same headers: the file is read with the guesses, as a new one. */
  resetToGuesses(): void {
    const { file } = this.current;
    if (file === null) return;
    const inspection = inspectForWizard(file.text, {});
    const generation = ++this.generation;
    this.set({ inspection, options: guessedOptions(inspection, this.store.state.model), remembered: false, rowCount: null, manyStages: null });
    void this.countRows(generation);
  }

  /** Step 2: the person corrects the delimiter, the number of header rows or the header's row; the mapping is guessed again. */
  setLayout(change: { delimiter?: CsvDelimiter | null; headerRows?: 0 | 1 | 2 | null; headerRow?: number | null }): void {
    const { file } = this.current;
    if (file === null) return;
    const options = { ...this.current.options, ...change };
    const inspection = inspectForWizard(file.text, inspectOptions(options));
    const generation = ++this.generation;
    this.set({ inspection, options: { ...options, mapping: inspection.mapping, columns: {} }, remembered: false, rowCount: null });
    void this.countRows(generation);
  }

  /** Step 3: one field's column (null: no column). */
  setMapping(field: MappedField, column: number | null): void {
    const { file, options } = this.current;
    if (file === null) return;
    const mapping: ColumnMapping = { ...options.mapping };
    // A column feeds one field: taking it from another field leaves that one unmapped.
    if (column !== null) for (const other of MAPPED_FIELDS) if (mapping[other] === column) mapping[other] = null;
    mapping[field] = column;
    const inspection = inspectForWizard(file.text, { mapping, ...inspectOptions(options) });
    this.set({ inspection: { ...inspection, rowCount: this.current.inspection?.rowCount ?? inspection.rowCount }, options: { ...options, mapping }, manyStages: null });
  }

  /**
   * A long file's column: a field of the mapping (taken from any column that fed it), a segment, or
   * not imported; a column that becomes a segment or is not imported no longer feeds a field.
   */
  setLongRole(index: number, role: ColumnRole): void {
    const { options } = this.current;
    const field = MAPPED_FIELDS.find((f) => options.mapping[f] === index);
    // "Text" on a second column adds it (a review's title, then its text), joined into the comment;
    // the first text column is the mapping's.
    const firstText = role === "text" && options.mapping.text === null;
    if (isColumnRole(role, index, options) && !firstText) {
      if (field !== undefined) this.setMapping(field, null);
      this.setColumn(index, { role });
      return;
    }
    this.setMapping(role as MappedField, index);
    const rest = { ...this.current.options.columns[index] };
    delete rest.role;
    this.setOptions({ columns: { ...this.current.options.columns, [index]: rest } });
  }

  /** Long (one row per response) or wide (one row per respondent, a column per question): the columns are guessed again. */
  setShape(shape: CsvShape): void {
    const { file, options } = this.current;
    if (file === null) return;
    const next = { ...options, shape, columns: {} };
    const inspection = inspectForWizard(file.text, inspectOptions(next));
    this.set({ inspection, options: { ...next, mapping: inspection.mapping }, manyStages: null });
  }

  /** A wide file's column: what it is, a question's touchpoint name and stage, its scale, no-answers, word ratings. */
  setColumn(index: number, change: ColumnSettings): void {
    const { options } = this.current;
    this.setOptions({ columns: { ...options.columns, [index]: { ...options.columns[index], ...change } } });
  }

  /** Puts questions of a wide file into a stage (dragged onto it, or chosen): their `stage`, "" for "Unassigned". */
  moveQuestions(indexes: readonly number[], stage: string): void {
    const columns = { ...this.current.options.columns };
    for (const index of indexes) columns[index] = { ...columns[index], stage: stage.trim() };
    this.setOptions({ columns });
  }

  /** "Import without stages": the stage column is no longer read, whatever the file's shape. */
  dropStageColumn(): void {
    const column = this.current.manyStages?.column;
    if (column === undefined) return;
    if (this.current.inspection?.shape === "wide") this.setColumn(column, { role: "ignore" });
    else this.setMapping("stage", null);
  }

  /** Marks one question as the NPS (or outcome) question, taking the mark from any other; null: none. */
  setMeasure(measure: QuestionMeasure, index: number | null): void {
    const { inspection, options } = this.current;
    if (inspection === null) return;
    const columns = { ...options.columns };
    for (const profile of inspection.columns) {
      const mine = profile.index === index;
      if (mine || columnMeasure(profile, options) === measure) columns[profile.index] = { ...columns[profile.index], measure: mine ? measure : null };
    }
    this.setOptions({ columns });
  }

  setOptions(change: Partial<WizardOptions>): void {
    this.set({ options: { ...this.current.options, ...change }, manyStages: null, sameFile: null });
  }

  cancel(): void {
    if (this.current.step === "importing") this.cancelled = true;
  }

  /**
   * Step 5: imports with progress, then merges the feedback into the map and reports. A stage column
   * that would add more than `MANY_STAGES` stages (a comment column taken for it) stops the import
   * as soon as it would (the file is not read once more beforehand to count them) and asks:
   * `manyStages` is set and nothing is imported until this is called again with `manyStagesAllowed`.
   * A file the journey's ledger has imported before (the same content hash) first asks too:
   * `sameFile` is set and nothing is imported until this is called again with `againAllowed`.
   */
  async startImport(manyStagesAllowed = false, againAllowed = false): Promise<void> {
    const { file, inspection, options } = this.current;
    if (file === null || inspection === null || this.current.step === "importing") return;
    const scale = chosenScale(options);
    if ("error" in scale) {
      this.set({ error: scale.error });
      return;
    }
    this.cancelled = false;
    this.set({ step: "importing", error: null, manyStages: null, sameFile: null, progress: { done: 0, total: file.length, rows: 0 } });
    const turns = createHostTurns();
    const started = performance.now();
    const model = this.store.state.model;
    const yieldToHost = () => (this.cancelled ? Promise.reject(new Error("cancelled")) : turns.yieldToHost());
    const stageColumn =
      inspection.shape === "wide" ? (inspection.columns.find((c) => columnRole(c, options) === "stage")?.index ?? null) : options.mapping.stage;
    const askAboutStages = !manyStagesAllowed && stageColumn !== null && options.create.stages;
    try {
      // Recognised before anything is added: the same file again is asked about, not imported.
      const hash = await contentHashAsync(file.text, yieldToHost);
      const before = findImport(model, hash);
      if (againAllowed) this.againFor = file;
      if (before !== null && this.againFor !== file) {
        this.set({ step: "scale", progress: null, sameFile: `${alreadyImportedSentence(before)}; import it again? Rows already in the journey are skipped.` });
        return;
      }
      // Added to the feedback there is: a response it already holds is not counted twice.
      // The journey's ledger knows them, also once its rows are folded into summaries. A draft that left
      // rows out (too large for clientStorage) is brought back by importing the file again: then only the
      // rows it kept are known.
      const known = this.store.state.omittedFeedback > 0 ? { feedback: model.feedback } : model;
      const alreadyImported = options.mode === "add" ? await journeyResponsesAsync(known, yieldToHost) : undefined;
      const result = await importFeedbackCsv(
        file.text,
        {
          map: model,
          ...importColumns(inspection, options),
          encoding: file.encoding,
          fixed: options.fixed,
          // A stage the person named for a question is wanted: it is made if the map lacks it.
          create: { ...options.create, stages: options.create.stages || Object.values(options.columns).some((c) => c.stage) },
          ...(alreadyImported === undefined ? {} : { alreadyImported }),
          ...(scale.scale === undefined || inspection.shape === "wide" ? {} : { scale: scale.scale }),
          ...(options.dateOrder === "auto" ? {} : { dateOrder: options.dateOrder }),
          ...(askAboutStages ? { maxNewStages: MANY_STAGES } : {}),
          ...layoutOptions(options),
          // each row stores its text's sentiment, so the map and the summary need no lexicon
          scoreText: createSentimentScorer(),
        },
        {
          rowsPerSlice: 1000,
          yieldToHost,
          onProgress: (progress) => this.set({ progress }),
        },
      );
      // The map may have changed while the file was read (the person kept editing): merge into it as it
      // is now. Each step that touches every row gets a task of its own: the import's last slice, the
      // merge with the table drawn again, the report.
      await turns.yieldToHost();
      const ledger = await recordImportAsync(this.store.state.model, { name: file.fileName, bytes: file.size, hash }, result, options.mode, turns.yieldToHost);
      const merged = mergeImportedFeedback(this.store.state.model, result, options.mode, ledger);
      this.store.acknowledgeOmittedFeedback();
      this.store.update(() => merged.map);
      this.store.rememberRemoval(merged.removal);
      await turns.yieldToHost();
      this.store.rememberMapping(inspection.signature, settingsToRemember(inspection, options));
      const report: ImportReport = {
        fileName: file.fileName,
        rows: result.rows,
        imported: result.imported,
        skipped: result.skipped,
        duplicates: result.duplicates,
        blankRows: result.blankRows,
        errors: result.errors,
        problemGroups: result.problemGroups,
        noAnswers: result.noAnswers,
        answers: result.answers,
        questions: result.columns.flatMap((c) =>
          c.touchpoint === null ? [] : [{ header: c.header, touchpoint: c.touchpoint.name, stage: c.touchpoint.stage, answers: c.ratings, noAnswers: c.noAnswers }],
        ),
        created: {
          stages: result.created.stages.length,
          touchpoints: result.created.touchpoints.length,
          personas: result.created.personas.length,
        },
        scale: result.detected.scale,
        scaleBy: result.columns.find((c) => c.scaleBy !== undefined)?.scaleBy ?? null,
        rejected: {
          headerRecords: result.headerRecords,
          rejectedRows: result.rejectedRows,
          headers: result.headers,
          detected: { delimiter: result.detected.delimiter },
        },
        metrics: null,
        seconds: (performance.now() - started) / 1000,
        duplicateNote: alreadyImported !== undefined && result.duplicates > 0 ? duplicateNote(alreadyImported) : null,
      };
      // The text (30 MB for 200,000 rows) is no longer needed once the rows are in the map.
      this.set({ step: "report", progress: null, report, file: null, inspection: null });
      const metrics = await stageMetricsAsync(this.store.state.model, turns.yieldToHost);
      if (this.current.report === report) this.set({ report: { ...report, metrics } });
    } catch (error) {
      if (error instanceof TooManyNewStagesError && stageColumn !== null && !this.cancelled) {
        const names: NewStageNames = { count: error.count, examples: error.examples };
        this.set({ step: "scale", progress: null, manyStages: { ...names, column: stageColumn } });
        return;
      }
      const message = this.cancelled
        ? "Import cancelled: no feedback was added."
        : `The import stopped: ${error instanceof Error ? error.message : String(error)}. No feedback was added.`;
      this.set({ step: "scale", progress: null, error: message });
    } finally {
      this.cancelled = false;
      turns.close();
    }
  }
}


type Profile = WizardInspection["columns"][number];

/** A column's role: the person's choice, else the guess. */
export function columnRole(profile: Profile, options: WizardOptions): ColumnRole {
  return options.columns[profile.index]?.role ?? profile.role;
}

/**
 * A long file's column as shown: the field of the mapping it feeds, else a segment or not imported
 * (the person's choice, else the guess).
 */
export function longColumnRole(profile: Profile, options: WizardOptions): ColumnRole {
  const field = MAPPED_FIELDS.find((f) => options.mapping[f] === profile.index);
  if (field !== undefined) return field;
  const set = options.columns[profile.index]?.role;
  if (set === "segment" || set === "ignore" || set === "text") return set;
  // Guessed beside the text: a review's title, joined before it.
  return profile.role === "segment" || profile.role === "text" ? profile.role : "ignore";
}

/**
 * Whether a long file's column keeps its role in its own settings, not in the mapping: a segment, not
 * imported, or a text besides the mapped one (its cells joined into the comment).
 */
function isColumnRole(role: ColumnRole, index: number, options: WizardOptions): boolean {
  return role === "segment" || role === "ignore" || (role === "text" && options.mapping.text !== index);
}

/** Whether a question is the NPS or the outcome question: the person's mark, else the guess. */
export function columnMeasure(profile: Profile, options: WizardOptions): QuestionMeasure | null {
  const set = options.columns[profile.index]?.measure;
  return set === undefined ? profile.measure : set;
}

/**
 * What the import is told about the columns. A long file: the mapping, and each other column as a
 * segment or not imported. A wide file: every column's role as shown. So nothing is guessed beside
 * what the person saw; with the person's corrections.
 */
function importColumns(inspection: WizardInspection, options: WizardOptions): Pick<CsvImportOptions, "mapping" | "shape" | "columns"> {
  if (inspection.shape === "long") {
    const columns: Record<number, ColumnSettings> = { ...options.columns };
    for (const profile of inspection.columns) {
      const role = longColumnRole(profile, options);
      const rest = { ...options.columns[profile.index] };
      // A mapped column's role is its field, which the mapping says.
      if (isColumnRole(role, profile.index, options)) rest.role = role;
      else delete rest.role;
      columns[profile.index] = rest;
    }
    return { mapping: options.mapping, shape: "long", columns };
  }
  const columns: Record<number, ColumnSettings> = {};
  for (const profile of inspection.columns) columns[profile.index] = { ...options.columns[profile.index], role: columnRole(profile, options) };
  return { shape: "wide", columns };
}

/** The layout and shape the person chose, for `inspectForWizard` (which hands them to `inspectCsv`). */
function inspectOptions(options: WizardOptions): Parameters<typeof inspectForWizard>[1] {
  const shape = options.shape === null ? {} : { shape: options.shape };
  return { ...layoutOptions(options), ...shape };
}

function layoutOptions(options: WizardOptions): { delimiter?: CsvDelimiter; headerRows?: 0 | 1 | 2; headerRow?: number } {
  return {
    ...rememberedLayout(options),
    ...(options.headerRow === null ? {} : { headerRow: options.headerRow }),
  };
}

/**
 * The layout remembered for files with the same headers: the delimiter and header rows. The header's row
 * is not: a file whose header was found on the wrong row has other headers, so nothing remembered is found for it.
 */
function rememberedLayout(options: WizardOptions): { delimiter?: CsvDelimiter; headerRows?: 0 | 1 | 2 } {
  return {
    ...(options.delimiter === null ? {} : { delimiter: options.delimiter }),
    ...(options.headerRows === null ? {} : { headerRows: options.headerRows }),
  };
}

function isDelimiter(value: string | undefined): value is CsvDelimiter {
  return value === "," || value === ";" || value === "\t" || value === "|";
}

/**
 * The options of a file seen for the first time: the guesses. New stages and personas only for a map
 * that has none: in a map that has them, an unknown name is more often a typo or a stage missing from
 * the map, which the report then lists.
 */
function guessedOptions(inspection: WizardInspection, model: JourneyMap): WizardOptions {
  return {
    ...DEFAULT_OPTIONS,
    mapping: inspection.mapping,
    create: { stages: model.stages.length === 0, touchpoints: true, personas: model.personas.length === 0 },
  };
}

/**
 * What is remembered of an import for the next file with the same headers: the layout, the shape, the
 * mapping, the values for every row and, for a wide survey, every column as imported (its role and
 * mark as shown, and what the person set: touchpoint name, stage, scale, word ratings, no-answers);
 * for a long file, each column the mapping leaves as a segment or not imported.
 */
export function settingsToRemember(inspection: WizardInspection, options: WizardOptions): RememberedMapping {
  const remembered: RememberedMapping = { mapping: { ...options.mapping }, ...rememberedLayout(options), shape: inspection.shape };
  const fixed = Object.fromEntries(Object.entries(options.fixed).filter((entry): entry is [string, string] => typeof entry[1] === "string" && entry[1] !== ""));
  if (Object.keys(fixed).length > 0) remembered.fixed = fixed;
  if (inspection.shape === "wide") {
    const columns: NonNullable<RememberedMapping["columns"]> = {};
    for (const profile of inspection.columns) {
      const role = columnRole(profile, options);
      columns[profile.index] = role === "question" ? { ...options.columns[profile.index], role, measure: columnMeasure(profile, options) } : { role };
    }
    remembered.columns = columns;
  } else {
    const columns: NonNullable<RememberedMapping["columns"]> = {};
    for (const profile of inspection.columns) {
      const role = longColumnRole(profile, options);
      if (isColumnRole(role, profile.index, options)) columns[profile.index] = { role };
    }
    remembered.columns = columns;
  }
  return remembered;
}

const QUESTION_MEASURES: readonly (QuestionMeasure | null)[] = ["nps", "outcome", null];

/** A wide survey's remembered column settings, limited to this file's columns and to the roles and marks this panel knows. */
function rememberedColumns(remembered: RememberedMapping, count: number): Record<number, ColumnSettings> {
  const columns: Record<number, ColumnSettings> = {};
  for (const [key, { role, measure, ...set }] of Object.entries(remembered.columns ?? {})) {
    const index = Number(key);
    if (!Number.isInteger(index) || index < 0 || index >= count) continue;
    const settings: ColumnSettings = set;
    if ((COLUMN_ROLES as readonly string[]).includes(role ?? "")) settings.role = role as ColumnRole;
    if (measure !== undefined && (QUESTION_MEASURES as readonly unknown[]).includes(measure)) settings.measure = measure as QuestionMeasure | null;
    columns[index] = settings;
  }
  return columns;
}

/** A remembered mapping, limited to the fields and columns this file has. */
function rememberedMapping(remembered: RememberedMapping, columns: number): Partial<ColumnMapping> {
  const mapping: Partial<ColumnMapping> = {};
  for (const field of MAPPED_FIELDS) {
    const column = remembered.mapping[field];
    if (column === null || (column !== undefined && column < columns)) mapping[field] = column;
  }
  return mapping;
}
