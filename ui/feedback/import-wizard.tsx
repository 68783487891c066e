/**
 * The CSV import wizard's steps 2–6 (step 1 is the "Import CSV" file input, or a file dropped on
 * the panel): what was detected, the columns with a preview, the scale, the import with its progress,
 * and the report with every problem and the rejected rows to download.
 */
import { Button } from "../kit";
import { TextInput } from "../components/text-input";
import { createContext } from "preact";
import { useContext, useEffect, useState } from "preact/hooks";
import { MAX_HEADER_ROW, exportRejectedRowsCsv, formatScale, type CsvDelimiter, type QuestionAnswerColumns } from "../../shared/csv";
import { Empty, ProgressBar, SectionHeading, countOf, formatCount, formatMetric } from "../components/common";
import { CheckboxField, Choice, SelectField } from "../components/fields";
import { downloadText, fileStem } from "../components/files";
import type { SatisfactionMetrics } from "../../shared/metrics";
import { usePanelState } from "../state/store";
import { MANY_STAGES } from "./import-checks";
import { ColumnTable, FixedValuesFields, Head, WideAnswers } from "./wide-columns";
import { WIZARD_STEPS, chosenScale, columnRole, type ImportReport, type ImportWizard, type ScaleChoice, type WizardState } from "./import-wizard-state";

export const WizardContext = createContext<ImportWizard | null>(null);

export function useWizard(): { wizard: ImportWizard; state: WizardState } {
  const wizard = useContext(WizardContext);
  if (wizard === null) throw new Error("useWizard outside <WizardContext.Provider>");
  const [state, setState] = useState(wizard.state);
  useEffect(() => {
    setState(wizard.state);
    return wizard.subscribe(setState);
  }, [wizard]);
  return { wizard, state };
}

const DELIMITER_NAMES: Record<CsvDelimiter, string> = { ",": "Comma", ";": "Semicolon", "\t": "Tab", "|": "Pipe" };

const STEP_TITLES: Record<(typeof WIZARD_STEPS)[number], string> = {
  choose: "Choose a file",
  detected: "What was detected",
  columns: "Columns",
  scale: "Scale and options",
  importing: "Importing",
  report: "Report",
};

/** Problems drawn at a time in a group; "Show more" draws the next ones, so every one can be reached. */
const SHOWN_PROBLEMS = 100;

export function ImportWizardPanel() {
  const { wizard, state } = useWizard();
  if (state.step === "choose" && state.busy === null && state.error === null) return null;
  const index = WIZARD_STEPS.indexOf(state.step);
  return (
    <section class="wizard" aria-labelledby="wizard-title">
      <div class="wizard-head">
        <h3 id="wizard-title">
          Import CSV · step {index + 1} of {WIZARD_STEPS.length}: {STEP_TITLES[state.step]}
        </h3>
        {state.step !== "importing" ? (
          <Button secondary onClick={() => wizard.reset()}>
            {state.step === "report" ? "Close" : "Cancel"}
          </Button>
        ) : null}
      </div>
      {state.busy !== null ? <p role="status">{state.busy}</p> : null}
      {state.error !== null ? (
        <p class="error-text" role="alert">
          {state.error}
        </p>
      ) : null}
      {state.step === "detected" ? <DetectedStep /> : null}
      {state.step === "columns" ? <ColumnsStep /> : null}
      {state.step === "scale" ? <ScaleStep /> : null}
      {state.step === "importing" ? <ImportingStep /> : null}
      {state.step === "report" ? <ReportStep /> : null}
    </section>
  );
}

function encodingName(encoding: string, bom: boolean): string {
  return `${encoding.toUpperCase().replace("LE", " LE").replace("BE", " BE")}${bom ? " with byte-order mark" : ""}`;
}

function DetectedStep() {
  const { wizard, state } = useWizard();
  const { file, inspection, options } = state;
  if (file === null || inspection === null) return null;
  return (
    <div class="wizard-step">
      <dl class="facts">
        <dt>File</dt>
        <dd>
          {file.fileName} ({formatCount(Math.ceil(file.size / 1024))} KB)
        </dd>
        <dt>Encoding</dt>
        <dd>{encodingName(file.encoding, file.bom)}</dd>
        <dt>Rows</dt>
        <dd>{state.rowCount === null ? "counting…" : formatCount(state.rowCount)}</dd>
        <dt>Columns</dt>
        <dd>{inspection.headers.length}</dd>
      </dl>
      <div class="grid-2">
        <SelectField
          id="wizard-delimiter"
          label="Delimiter"
          value={options.delimiter ?? "detected"}
          options={[
            { value: "detected", text: `Detected: ${DELIMITER_NAMES[inspection.delimiter]}` },
            ...(Object.keys(DELIMITER_NAMES) as CsvDelimiter[]).map((d) => ({ value: d, text: DELIMITER_NAMES[d] })),
          ]}
          onChange={(value) => wizard.setLayout({ delimiter: value === "detected" ? null : (value as CsvDelimiter) })}
        />
        <Choice
          name="wizard-header-rows"
          label={`Header rows (detected: ${inspection.headerRows === 0 ? "none" : inspection.headerRows})`}
          value={String(options.headerRows ?? inspection.headerRows) as "0" | "1" | "2"}
          options={[
            { value: "0", text: "None" },
            { value: "1", text: "1" },
            { value: "2", text: "2 (survey export)" },
          ]}
          onChange={(value) => wizard.setLayout({ headerRows: value === "2" ? 2 : value === "0" ? 0 : 1 })}
        />
      </div>
      <SelectField
        id="wizard-header-row"
        label="Header on row"
        value={options.headerRow === null ? "detected" : String(options.headerRow)}
        options={[
          { value: "detected", text: `Detected: row ${inspection.headerRow}` },
          // The rows the file has, up to 20: a row past its end names no column.
          ...Array.from({ length: Math.min(MAX_HEADER_ROW, inspection.headerRow + inspection.headerRecordCount + inspection.rowCount) }, (_, i) => ({
            value: String(i + 1),
            text: `Row ${i + 1}`,
          })),
        ]}
        onChange={(value) => wizard.setLayout({ headerRow: value === "detected" ? null : Number(value) })}
      />
      <Choice
        name="wizard-shape"
        label="Rows"
        value={inspection.shape}
        options={[
          { value: "long", text: "A row per response" },
          { value: "wide", text: "A row per respondent, a column per question" },
        ]}
        onChange={(shape) => wizard.setShape(shape)}
      />
      {inspection.questionAnswers !== null ? <AnswersNote answers={inspection.questionAnswers} headers={inspection.headers} /> : null}
      {inspection.problems.length > 0 ? (
        <p class="warning-text">
          {countOf(inspection.problems.length, "quoting problem")} in the first rows; the report will list them.
        </p>
      ) : null}
      <RememberedNotice />
      <div class="wizard-actions">
        <Button onClick={() => wizard.goTo("columns")}>Next: columns</Button>
      </div>
    </div>
  );
}

/** Says how a file of one answer per row is read. */
function AnswersNote({ answers, headers }: { answers: QuestionAnswerColumns; headers: readonly string[] }) {
  return (
    <p class="hint" data-testid="wizard-answers">
      One answer per row: column “{headers[answers.question]}” names the question (each becomes a touchpoint, on the scale its answers
      show), column “{headers[answers.answer]}” holds the answers (numbers are ratings, words are comments)
      {answers.respondent === null ? "" : `, column “${headers[answers.respondent]}” the respondent`}.
    </p>
  );
}

/** Says that the settings of an earlier file with the same headers are applied, and offers the guesses instead. */
function RememberedNotice() {
  const { wizard, state } = useWizard();
  if (!state.remembered) return null;
  return (
    <div class="notice" role="status">
      <p>Settings restored from an earlier import of a file with these headers.</p>
      <Button secondary onClick={() => wizard.resetToGuesses()}>
        Reset to guesses
      </Button>
    </div>
  );
}

function ColumnsStep() {
  const { wizard, state } = useWizard();
  const { inspection, options } = state;
  if (inspection === null) return null;
  const wide = inspection.shape === "wide";
  const nothing = wide
    ? !inspection.columns.some((c) => columnRole(c, options) === "question" || columnRole(c, options) === "text")
    : options.mapping.rating === null && options.mapping.text === null;
  return (
    <div class="wizard-step">
      <RememberedNotice />
      <ColumnTable />
      {nothing ? (
        <p class="error-text" role="alert">
          Map a rating or a comment column: without either, no row can be imported.
        </p>
      ) : null}
      <div class="wizard-actions">
        <Button secondary onClick={() => wizard.goTo("detected")}>
          Back
        </Button>
        <Button disabled={nothing} onClick={() => wizard.goTo("scale")}>
          Next: {wide ? "answers" : "scale"}
        </Button>
      </div>
    </div>
  );
}

function ScaleStep() {
  const { wizard, state } = useWizard();
  const { model } = usePanelState();
  const { inspection, options } = state;
  if (inspection === null) return null;
  const ratingColumn = options.mapping.rating === null ? null : inspection.headers[options.mapping.rating];
  // One rating column holding several surveys (NPS, CSAT …): each is read on the scale its answers show.
  const surveys = inspection.scaleBy === null || options.mapping.rating !== inspection.mapping.rating ? null : inspection.columns[inspection.scaleBy];
  const detected = surveys != null ? "per survey" : inspection.scale === null ? "no ratings found" : formatScale(inspection.scale);
  const scale = chosenScale(options);
  const rows = state.rowCount ?? inspection.rowCount;
  return (
    <div class="wizard-step">
      {inspection.shape === "wide" ? (
        <WideAnswers />
      ) : ratingColumn === null || ratingColumn === undefined ? (
        <p class="hint">No rating column is mapped: every row is imported as a text-only response.</p>
      ) : (
        <>
          {surveys != null ? (
            <p data-testid="wizard-scale-by">
              Ratings from column “{ratingColumn}” answer several surveys, named in column “{surveys.header}” (
              {surveys.samples.join(", ")}): each survey is read on <strong>the scale its own answers show</strong> (NPS on 0–10). Choose a
              scale below to read every rating on one.
            </p>
          ) : (
            <p>
              Ratings from column “{ratingColumn}”: detected scale <strong>{detected}</strong>
              {inspection.partial ? " (from the first rows; the import checks every row)" : ""}.
            </p>
          )}
          <SelectField
            id="wizard-scale"
            label="Rating scale"
            value={options.scale}
            options={[
              { value: "detected", text: `As detected (${detected})` },
              { value: "1-5", text: "1–5 (stars, CSAT)" },
              { value: "0-10", text: "0–10 (NPS)" },
              { value: "1-7", text: "1–7 (CES)" },
              { value: "custom", text: "Other…" },
            ]}
            onChange={(value) => wizard.setOptions({ scale: value as ScaleChoice })}
          />
          {options.scale === "custom" ? (
            <div class="grid-2">
              <CustomScaleField id="scale-min" label="Lowest rating" value={options.customMin} onChange={(customMin) => wizard.setOptions({ customMin })} />
              <CustomScaleField id="scale-max" label="Highest rating" value={options.customMax} onChange={(customMax) => wizard.setOptions({ customMax })} />
            </div>
          ) : null}
          {"error" in scale ? (
            <p class="error-text" role="alert">
              {scale.error}
            </p>
          ) : null}
        </>
      )}
      {options.mapping.date !== null ? (
        <SelectField
          id="wizard-date-order"
          label="Dates like 05/03/2024"
          value={options.dateOrder}
          options={[
            { value: "auto", text: "Decide from the other dates" },
            { value: "day-first", text: "Day first (5 March)" },
            { value: "month-first", text: "Month first (May 3)" },
          ]}
          onChange={(value) => wizard.setOptions({ dateOrder: value as typeof options.dateOrder })}
        />
      ) : null}
      <FixedValuesFields />
      <fieldset class="group">
        <legend>Names the map does not have yet</legend>
        {(["stages", "touchpoints", "personas"] as const).map((kind) => (
          <CheckboxField
            key={kind}
            label={`Add new ${kind}`}
            value={options.create[kind]}
            onChange={(on) => wizard.setOptions({ create: { ...options.create, [kind]: on } })}
          />
        ))}
        <p class="hint">Unchecked: a row naming one is skipped and listed in the report.</p>
      </fieldset>
      {model.feedback.length > 0 ? (
        <Choice
          name="wizard-mode"
          label={`The map has ${formatCount(model.feedback.length)} feedback rows`}
          value={options.mode}
          options={[
            { value: "add", text: "Add to them" },
            { value: "replace", text: "Replace them" },
          ]}
          onChange={(mode) => wizard.setOptions({ mode })}
        />
      ) : null}
      {state.sameFile !== null ? (
        <SameFileQuestion />
      ) : state.manyStages !== null ? (
        <ManyStagesQuestion column={inspection.headers[state.manyStages.column] ?? ""} />
      ) : (
        <div class="wizard-actions">
          <Button secondary onClick={() => wizard.goTo("columns")}>
            Back
          </Button>
          <Button disabled={"error" in scale} onClick={() => void wizard.startImport()}>
            Import {formatCount(rows)} rows
          </Button>
        </div>
      )}
    </div>
  );
}

/** Asked before a file the journey's ledger has imported is imported again. */
function SameFileQuestion() {
  const { wizard, state } = useWizard();
  return (
    <div class="notice" role="group" aria-labelledby="same-file">
      <p id="same-file" role="alert">
        {state.sameFile}
      </p>
      <div class="wizard-actions">
        <Button onClick={() => void wizard.startImport(false, true)}>Import again</Button>
        <Button secondary onClick={() => wizard.setOptions({})}>
          Cancel
        </Button>
      </div>
    </div>
  );
}

/** Asked before a stage column adds more stages than a journey has: usually a comment column taken for it. */
function ManyStagesQuestion({ column }: { column: string }) {
  const { wizard, state } = useWizard();
  const names = state.manyStages;
  if (names === null) return null;
  return (
    <div class="notice" role="group" aria-labelledby="many-stages">
      <p id="many-stages" role="alert">
        Column “{column}” would add more than {MANY_STAGES} stages to the map (such as {names.examples.map((name) => `“${name}”`).join(", ")}). A journey
        usually has 4 to 10: is it really the stage?
      </p>
      <div class="wizard-actions">
        <Button onClick={() => void wizard.startImport(true)}>Create them</Button>
        <Button
          secondary
          onClick={() => {
            wizard.dropStageColumn();
            void wizard.startImport();
          }}
        >
          Import without stages
        </Button>
        <Button secondary onClick={() => wizard.goTo("columns")}>
          Choose columns
        </Button>
      </div>
    </div>
  );
}

/** Responses, CSAT, NPS, CES and performance of named groups of feedback (stages, "No stage" …). */
export function MetricsTable({ label, rows }: { label: string; rows: { name: string; metrics: Omit<SatisfactionMetrics, "meanSatisfaction"> }[] }) {
  return (
    <div class="table-scroll">
      <table class="data-table" aria-label={label}>
        <Head names={["", " Responses", " CSAT", " NPS", " CES", " Performance"]} />
        <tbody>
          {rows.map(({ name, metrics: m }) => (
            <tr key={name}>
              <th scope="row">{name}</th>
              <td class="num">{formatCount(m.responses)}</td>
              <td class="num">{formatMetric(m.csat, 0, " %")}</td>
              <td class="num">{formatMetric(m.nps, 0)}</td>
              <td class="num">{formatMetric(m.ces, 1)}</td>
              <td class="num">{formatMetric(m.performance, 2)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function CustomScaleField({ id, label, value, onChange }: { id: string; label: string; value: string; onChange: (value: string) => void }) {
  return (
    <div class="field">
      <label class="field-label" for={id}>
        {label}
      </label>
      <TextInput id={id} inputMode="decimal" value={value} onValueInput={onChange} />
    </div>
  );
}

function ImportingStep() {
  const { wizard, state } = useWizard();
  const progress = state.progress ?? { done: 0, total: 1, rows: 0 };
  return (
    <div class="wizard-step">
      <ProgressBar
        label={`Importing ${state.file?.fileName ?? "the file"}`}
        done={progress.done}
        total={progress.total}
        detail={
          progress.again === true
            ? `reading the file again for the rows rejected once every row was read: ${formatCount(progress.rows)} rows`
            : `${formatCount(progress.rows)} rows read`
        }
      />
      <div class="wizard-actions">
        <Button secondary onClick={() => wizard.cancel()}>
          Cancel import
        </Button>
      </div>
    </div>
  );
}

/** The report's problems by kind: each group a disclosure with its count, its problems drawn a page at a time. */
function ProblemGroups({ groups }: { groups: ImportReport["problemGroups"] }) {
  return (
    <div class="problem-groups" aria-label="Import problems" role="group">
      {groups.map((group) => (
        <ProblemGroupList key={group.key} group={group} open={groups.length === 1} />
      ))}
    </div>
  );
}

function ProblemGroupList({ group, open }: { group: ImportReport["problemGroups"][number]; open: boolean }) {
  const [shown, setShown] = useState(SHOWN_PROBLEMS);
  const rest = group.count - shown;
  const title = `${group.column === null ? "" : `${group.column}: `}${group.title}`;
  return (
    <details open={open}>
      <summary>
        {title} <span class="tag tag-muted">{formatCount(group.count)}</span>
      </summary>
      <ul class="problem-list" aria-label={title}>
        {group.problems.slice(0, shown).map((problem, i) => (
          <li key={i}>{problem.message}</li>
        ))}
      </ul>
      {rest > 0 ? (
        <Button secondary onClick={() => setShown(shown + SHOWN_PROBLEMS * 10)}>
          Show {formatCount(Math.min(rest, SHOWN_PROBLEMS * 10))} more of {formatCount(rest)}
        </Button>
      ) : null}
    </details>
  );
}

function ReportStep() {
  const { wizard, state } = useWizard();
  const report = state.report;
  if (report === null) return null;
  const created = [
    report.created.stages > 0 ? countOf(report.created.stages, "stage") : null,
    report.created.touchpoints > 0 ? countOf(report.created.touchpoints, "touchpoint") : null,
    report.created.personas > 0 ? countOf(report.created.personas, "persona") : null,
  ].filter((part): part is string => part !== null);
  return (
    <div class="wizard-step" aria-live="polite">
      <p class="report-summary" data-testid="import-summary">
        Imported <strong>{formatCount(report.imported)}</strong> of {formatCount(report.rows)} rows from {report.fileName};{" "}
        <strong>{formatCount(report.skipped)}</strong> skipped
        {report.duplicates > 0 ? ` (${formatCount(report.duplicates)} already imported)` : ""}
        {report.blankRows > 0 ? `, ${formatCount(report.blankRows)} blank rows ignored` : ""}. Scale:{" "}
        {report.scaleBy !== null
          ? `by “${report.scaleBy.column}”: ${report.scaleBy.surveys.map((s) => `${s.value || "(none)"} ${formatScale(s.scale)} (${formatCount(s.ratings)})`).join(", ")}`
          : report.scale === null
            ? "no ratings"
            : formatScale(report.scale)}
        . Took {report.seconds < 1 ? `${Math.round(report.seconds * 1000)} ms` : `${report.seconds.toFixed(1)} s`}.
      </p>
      {report.duplicateNote !== null ? <p class="hint">{report.duplicateNote}</p> : null}
      {created.length > 0 ? <p>Added to the map: {created.join(", ")}.</p> : null}
      {report.noAnswers > 0 ? <p>{countOf(report.noAnswers, "answer")} were “no answer” (N/A, empty, 0 below the scale …): counted, not errors.</p> : null}
      {report.questions.length > 0 ? (
        <ul class="plain-list" aria-label="Questions imported">
          {report.questions.map((q) => (
            <li key={q.header}>
              {q.touchpoint} ({q.stage}): {countOf(q.answers, "answer")}
              {q.noAnswers > 0 ? `, ${formatCount(q.noAnswers)} no answer` : ""}
            </li>
          ))}
        </ul>
      ) : null}
      <SectionHeading title={`Problems (${formatCount(report.errors.length)})`} level={3}>
        <Button
          secondary
          disabled={report.rejected.rejectedRows.length === 0}
          onClick={() => downloadText(`${fileStem(report.fileName.replace(/\.[^.]+$/, ""))}-rejected-rows.csv`, exportRejectedRowsCsv(report.rejected), "text/csv")}
        >
          Download rejected rows (CSV)
        </Button>
      </SectionHeading>
      {report.errors.length === 0 ? <Empty>Every row was read without a problem.</Empty> : <ProblemGroups groups={report.problemGroups} />}
      <SectionHeading title="Metrics per stage" level={3} />
      {report.metrics === null ? (
        <p role="status">Computing…</p>
      ) : (
        <MetricsTable
          label="Metrics per stage"
          rows={[
            ...report.metrics.stages.map((row) => ({ name: row.name, metrics: row })),
            ...(report.metrics.unassigned.responses > 0 ? [{ name: "No stage", metrics: report.metrics.unassigned }] : []),
          ]}
        />
      )}
      <div class="wizard-actions">
        <Button onClick={() => wizard.reset()}>Done</Button>
      </div>
    </div>
  );
}
