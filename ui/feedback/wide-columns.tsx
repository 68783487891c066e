/**
 * The wizard's column table (what each column of the file is, for a long file and a wide survey alike)
 * and its steps for a wide survey (one row per respondent, one column per question): each question's
 * touchpoint and stage, the NPS and outcome questions; then each question's scale, no-answer cells and
 * word ratings. Every choice is a native select or text field, so the whole mapping can be made from
 * the keyboard.
 */
import { useState } from "preact/hooks";
import { MAX_WIDE_QUESTIONS, formatScale, parseScale, type ColumnRole, type QuestionMeasure } from "../../shared/csv";
import { TextArea, TextInput } from "../components/text-input";
import { SelectField } from "../components/fields";
import { usePanelState } from "../state/store";
import { useWizard } from "./import-wizard";
import { QuestionStages } from "./question-stages";
import { columnMeasure, columnRole, longColumnRole, type WizardOptions } from "./import-wizard-state";

/** What a column can be, in a wide survey and in a long file (whose rating, touchpoint and scale are columns). */
const WIDE_ROLES: ColumnRole[] = ["question", "text", "date", "persona", "segment", "source", "responseId", "stage", "kind", "author", "ignore"];
const LONG_ROLES: ColumnRole[] = ["rating", "text", "date", "stage", "touchpoint", "persona", "segment", "source", "scale", "kind", "responseId", "author", "ignore"];
const ROLE_NAMES: Record<ColumnRole, string> = {
  question: "Question",
  rating: "Rating",
  text: "Comment",
  date: "Date",
  stage: "Stage",
  touchpoint: "Touchpoint",
  persona: "Persona",
  segment: "Segment",
  source: "Source",
  scale: "Scale (per row)",
  kind: "Kind",
  responseId: "Respondent ID",
  author: "Written by (customer or company)",
  ignore: "Not imported",
};

/** A table's column headers; a name written with a leading space heads a column of numbers (aligned right). */
export function Head({ names }: { names: string[] }) {
  return (
    <thead>
      <tr>
        {names.map((name, i) => (
          <th key={i} scope="col" class={name.startsWith(" ") ? "num" : undefined}>
            {name}
          </th>
        ))}
      </tr>
    </thead>
  );
}

/** Text fields take an aria-label this way: the shared TextInput types only the props the panel's forms use. */
const named = (label: string) => ({ "aria-label": label }) as object;

/**
 * One row per column of the file: what it is, with a few of its values. In a wide survey a question
 * also gets its touchpoint name and its stage, and two selects mark the NPS and outcome questions; in a
 * long file a role is a field of the mapping (a column feeds one field), or a segment (any number of
 * columns: plan, country, app version), kept per row beside the persona.
 */
export function ColumnTable() {
  const { wizard, state } = useWizard();
  const { model } = usePanelState();
  const { inspection, options } = state;
  if (inspection === null) return null;
  const wide = inspection.shape === "wide";
  const role = (c: (typeof inspection.columns)[number]): ColumnRole => (wide ? columnRole(c, options) : longColumnRole(c, options));
  const questions = inspection.columns.filter((c) => role(c) === "question");
  const measureField = (measure: QuestionMeasure, label: string) => {
    const marked = questions.find((c) => columnMeasure(c, options) === measure);
    return (
      <SelectField
        id={`wide-${measure}`}
        label={label}
        value={marked === undefined ? "none" : String(marked.index)}
        options={[{ value: "none", text: "— none —" }, ...questions.map((c) => ({ value: String(c.index), text: c.header }))]}
        onChange={(value) => wizard.setMeasure(measure, value === "none" ? null : Number(value))}
      />
    );
  };
  const stages = new Set(model.stages.map((s) => s.name));
  for (const settings of Object.values(options.columns)) if (settings.stage) stages.add(settings.stage);
  return (
    <>
      {wide ? (
        <>
          <p class="hint">
            One row per respondent, one column per question: each question becomes a touchpoint. Drag each onto its stage (ticked ones move
            together), or type its stage in the table; one left in “Unassigned” can be moved later.
          </p>
          <div class="grid-2">
            {measureField("nps", "NPS question (likely to recommend)")}
            {measureField("outcome", "Outcome (overall satisfaction)")}
          </div>
          {questions.length > MAX_WIDE_QUESTIONS ? (
            <p class="warning-text" role="alert">
              {questions.length.toLocaleString("en")} columns are questions; one import reads at most {MAX_WIDE_QUESTIONS.toLocaleString("en")}: set
              the others to “Not imported”, or nothing is imported.
            </p>
          ) : null}
          <QuestionStages />
        </>
      ) : null}
      <datalist id="wizard-stages">
        {[...stages].map((name) => (
          <option key={name} value={name} />
        ))}
      </datalist>
      <div class="table-scroll">
        <table class="data-table wide-table" aria-label="Columns of the file">
          <Head names={wide ? ["Column", "Is", "Touchpoint", "Stage"] : ["Column", "Is"]} />
          <tbody>
            {inspection.columns.map((c) => {
              const set = options.columns[c.index] ?? {};
              const is = role(c);
              return (
                <tr key={c.index}>
                  <th scope="row">
                    {c.header}
                    <div class="muted">{c.samples.join(" · ")}</div>
                  </th>
                  <td>
                    <SelectField
                      id={`col-${c.index}-role`}
                      label={`What “${c.header}” is`}
                      hideLabel
                      value={is}
                      options={(wide ? WIDE_ROLES : LONG_ROLES).map((value) => ({ value, text: ROLE_NAMES[value] }))}
                      onChange={(next) => {
                        if (wide) wizard.setColumn(c.index, { role: next as ColumnRole });
                        else wizard.setLongRole(c.index, next as ColumnRole);
                      }}
                    />
                  </td>
                  {!wide ? null : is === "question" ? (
                    <>
                      <td>
                        <TextInput
                          id={`col-${c.index}-name`}
                          {...named(`Touchpoint for “${c.header}”`)}
                          value={set.name ?? c.shortName}
                          onValueInput={(name) => wizard.setColumn(c.index, { name })}
                        />
                      </td>
                      <td>
                        <TextInput
                          id={`col-${c.index}-stage`}
                          {...named(`Stage of “${c.header}”`)}
                          {...{ list: "wizard-stages" }}
                          placeholder="Unassigned"
                          value={set.stage ?? ""}
                          onValueInput={(stage) => wizard.setColumn(c.index, { stage: stage.trim() })}
                        />
                      </td>
                    </>
                  ) : (
                    <td colSpan={2} />
                  )}
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </>
  );
}

/** Each question's scale, no-answer cells and word ratings, as detected and as the person corrects them. */
export function WideAnswers() {
  const { state } = useWizard();
  const { inspection, options } = state;
  if (inspection === null) return null;
  return (
    <div class="table-scroll">
      <table class="data-table wide-table" aria-label="Answers of each question">
        <Head names={["Question", "Scale", "No answer", "Word ratings"]} />
        <tbody>
          {inspection.columns
            .filter((c) => columnRole(c, options) === "question")
            .map((c) => (
              <AnswerRow key={c.index} index={c.index} options={options} />
            ))}
        </tbody>
      </table>
    </div>
  );
}

/** "very satisfied = 5" lines ↔ a word map; null and an error for a line that is not `label = number`. */
export function parseWordLines(text: string): { words: Record<string, number> } | { error: string } {
  const words: Record<string, number> = {};
  for (const line of text.split("\n")) {
    if (line.trim() === "") continue;
    const match = /^(.+?)\s*=\s*(-?\d+(?:[.,]\d+)?)\s*$/.exec(line.trim());
    if (match === null) return { error: `“${line.trim()}” is not a label = number` };
    words[match[1] as string] = Number((match[2] as string).replace(",", "."));
  }
  return { words };
}

function AnswerRow({ index, options }: { index: number; options: WizardOptions }) {
  const { wizard, state } = useWizard();
  const profile = state.inspection?.columns[index];
  const set = options.columns[index] ?? {};
  const scale = set.scale ?? profile?.words?.scale ?? profile?.scale ?? null;
  const words = set.words ?? profile?.words?.values ?? null;
  const [scaleText, setScaleText] = useState(scale === null ? "" : formatScale(scale));
  const [wordText, setWordText] = useState(words === null ? "" : Object.entries(words).map(([label, value]) => `${label} = ${value}`).join("\n"));
  if (profile === undefined) return null;
  const scaleError = parseScale(scaleText) === null ? "A scale like 1–5 or 0–10" : null;
  const parsedWords = parseWordLines(wordText);
  const noAnswer = (set.noAnswer ?? profile.noAnswer).filter((cell) => cell !== "");
  return (
    <tr>
      <th scope="row">
        {set.name ?? profile.shortName}
        <div class="muted">{profile.header}</div>
      </th>
      <td>
        <TextInput
          id={`col-${index}-scale`}
          {...named(`Scale of “${profile.header}”`)}
          value={scaleText}
          aria-invalid={scaleError !== null}
          onValueInput={(text) => {
            setScaleText(text);
            const parsed = parseScale(text);
            if (parsed !== null) wizard.setColumn(index, { scale: parsed });
          }}
        />
        {scaleError !== null ? <div class="field-error">{scaleError}</div> : null}
      </td>
      <td>
        <TextInput
          id={`col-${index}-none`}
          {...named(`Cells meaning no answer in “${profile.header}”`)}
          placeholder="N/A, Don't know"
          value={noAnswer.join(", ")}
          onValueInput={(text) => wizard.setColumn(index, { noAnswer: ["", ...text.split(",").map((cell) => cell.trim()).filter((cell) => cell !== "")] })}
        />
        <div class="muted">{profile.noAnswerCount} seen</div>
      </td>
      <td>
        {words === null && wordText === "" ? (
          <span class="muted">numbers</span>
        ) : (
          <>
            <TextArea
              id={`col-${index}-words`}
              {...named(`Word ratings of “${profile.header}”, one label = value a line`)}
              value={wordText}
              onValueInput={(text) => {
                setWordText(text);
                const parsed = parseWordLines(text);
                if ("words" in parsed) wizard.setColumn(index, { words: parsed.words });
              }}
            />
            {"error" in parsedWords ? <div class="field-error">{parsedWords.error}</div> : null}
          </>
        )}
      </td>
    </tr>
  );
}

const FIXED = ["stage", "touchpoint", "persona", "source"] as const;

/** Values for every row of the file: "every review is in stage Advocacy, from the App Store". */
export function FixedValuesFields() {
  const { wizard, state } = useWizard();
  const fixed = state.options.fixed;
  return (
    <fieldset class="group">
      <legend>The same for every row</legend>
      <div class="mapping-grid">
        {FIXED.map((field) => (
          <div class="field" key={field}>
            <label class="field-label" for={`fixed-${field}`}>
              {field[0]?.toUpperCase()}
              {field.slice(1)}
            </label>
            <TextInput
              id={`fixed-${field}`}
              value={fixed[field] ?? ""}
              onValueInput={(value) => wizard.setOptions({ fixed: { ...fixed, [field]: value.trim() === "" ? undefined : value.trim() } })}
            />
          </div>
        ))}
      </div>
      <p class="hint">Used where a row's own cell is empty or the file has no such column.</p>
    </fieldset>
  );
}
