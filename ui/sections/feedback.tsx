/**
 * The Feedback section: "Import CSV" (the wizard), feedback typed in by hand, the table with its
 * filters, and the feedback as CSV.
 */
import { compoundScore, labelOf } from "../../shared/sentiment";
import { Button, FileUploadButton } from "../kit";
import { TextArea, TextInput } from "../components/text-input";
import { useState } from "preact/hooks";
import { SCALE_0_10, SCALE_1_5, SCALE_1_7, exportFeedbackCsv } from "../../shared/csv";
import { FEEDBACK_KINDS, newId, type Feedback, type JourneyMap, type RatingScale } from "../../shared/model";
import { formatCount, SectionHeading } from "../components/common";
import { FieldFrame, SelectField, numberParser } from "../components/fields";
import { downloadText, fileStem } from "../components/files";
import { useReport } from "../components/status";
import { FeedbackTable } from "../feedback/feedback-table";
import { ImportWizardPanel, useWizard } from "../feedback/import-wizard";
import { addEntity, responseCount } from "../state/edits";
import { usePanelState, useStore } from "../state/store";

export function FeedbackSection() {
  const { model, omittedFeedback } = usePanelState();
  const responses = responseCount(model);
  const summarised = responses - model.feedback.length;
  const store = useStore();
  const report = useReport();
  const { wizard, state } = useWizard();
  const [adding, setAdding] = useState(false);
  const importing = state.step === "importing" || state.busy !== null;
  const chooseFiles = (files: File[]) => {
    const file = files[0];
    if (file !== undefined) void wizard.chooseFile(file);
  };

  return (
    <div class="section">
      <SectionHeading title={`Feedback (${formatCount(responses)})`}>
        <FileUploadButton
          aria-label="Import CSV"
          onSelectedFiles={chooseFiles}
          // Emptied once read, so that choosing the same file again is a change the input reports.
          onChange={(event: Event) => {
            const input = event.currentTarget as HTMLInputElement;
            queueMicrotask(() => (input.value = ""));
          }}
          loading={importing}
          disabled={importing}
        >
          Import CSV
        </FileUploadButton>
      </SectionHeading>
      {omittedFeedback > 0 ? (
        <div class="notice" role="note">
          <p>
            The last session had {formatCount(omittedFeedback)} more feedback rows than a draft can keep (Figma gives a plugin 5 MB on
            this computer). Import the CSV again to bring them back.
          </p>
          <Button secondary onClick={() => store.acknowledgeOmittedFeedback()}>
            Dismiss
          </Button>
        </div>
      ) : null}
      <ImportWizardPanel />
      {state.step === "choose" && responses === 0 && state.busy === null ? (
        <div class="drop-hint">
          <p class="dropzone-title">No feedback yet</p>
          <p class="hint">
            Import a survey, review, support-ticket or app-store export with “Import CSV”, or drop the file anywhere on the panel: its columns
            are guessed, and you can correct them.
          </p>
        </div>
      ) : null}
      <div class="toolbar">
        <Button secondary onClick={() => setAdding(!adding)} aria-expanded={adding}>
          {adding ? "Close the form" : "Type in feedback"}
        </Button>
        <Button
          secondary
          disabled={model.feedback.length === 0}
          onClick={() => {
            downloadText(`${fileStem(model.title)}-feedback.csv`, exportFeedbackCsv(model), "text/csv");
            // A summary is counts, not rows: it is not in a CSV of rows, and the message says so.
            report(
              `Exported ${formatCount(model.feedback.length)} feedback rows as CSV.${
                summarised > 0 ? ` The ${formatCount(summarised)} rows counted in the summaries are not rows and are not in it.` : ""
              }`,
            );
          }}
        >
          Export CSV
        </Button>
        <Button
          secondary
          danger
          disabled={responses === 0}
          onClick={() => store.remove("feedback", model.feedback.map((f) => f.id), `all ${formatCount(responses)} feedback rows`, true)}
        >
          Delete all
        </Button>
      </div>
      {adding ? <FeedbackForm model={model} /> : null}
      {model.feedback.length > 0 ? <FeedbackTable model={model} /> : null}
    </div>
  );
}

const SCALES: Record<string, RatingScale> = { "1-5": SCALE_1_5, "0-10": SCALE_0_10, "1-7": SCALE_1_7 };

/** One response typed in: a survey answer, an interview note, a review read aloud. */
function FeedbackForm({ model }: { model: JourneyMap }) {
  const store = useStore();
  const report = useReport();
  const [rating, setRating] = useState("");
  const [scale, setScale] = useState("1-5");
  const [text, setText] = useState("");
  const [stageId, setStageId] = useState("none");
  const [touchpointId, setTouchpointId] = useState("none");
  const [personaId, setPersonaId] = useState("none");
  const [kind, setKind] = useState<Feedback["kind"]>("interview");
  const [source, setSource] = useState("");
  const [error, setError] = useState<string | null>(null);
  const range = SCALES[scale] ?? SCALE_1_5;
  const touchpoints = model.touchpoints.filter((t) => stageId === "none" || t.stageId === stageId);
  const validTouchpoint = touchpointId === "none" || touchpoints.some((t) => t.id === touchpointId) ? touchpointId : "none";

  const add = () => {
    const parsed = numberParser({ what: "The rating", min: range.min, max: range.max, optional: true })(rating);
    if (!parsed.ok) return setError(parsed.error);
    if (parsed.value === null && text.trim() === "") return setError("Give a rating, a comment, or both");
    const stage = stageId === "none" ? null : stageId;
    const touchpoint = validTouchpoint === "none" ? null : validTouchpoint;
    const row: Feedback = {
      id: newId("feedback"),
      kind,
      rating: parsed.value,
      scale: parsed.value === null ? null : range,
      text: text.trim(),
      date: new Date().toISOString().slice(0, 10),
      source: source.trim(),
      stageId: stage,
      touchpointId: touchpoint,
      personaId: personaId === "none" ? null : personaId,
    };
    // scored as it enters, like an import's rows (the map reads the stored label)
    const compound = compoundScore(row.text);
    if (compound !== null) row.sentiment = labelOf(compound);
    store.update((m) => addEntity(m, "feedback", row));
    setError(null);
    setRating("");
    setText("");
    report("Feedback added.");
  };

  return (
    <fieldset class="group feedback-form">
      <legend>Type in feedback</legend>
      <div class="grid-2">
        <FieldFrame id="fb-rating" label="Rating (optional)" error={null}>
          <TextInput id="fb-rating" inputMode="decimal" value={rating} onValueInput={setRating} />
        </FieldFrame>
        <SelectField
          id="fb-scale"
          label="Scale"
          value={scale}
          options={[
            { value: "1-5", text: "1–5" },
            { value: "0-10", text: "0–10" },
            { value: "1-7", text: "1–7" },
          ]}
          onChange={setScale}
        />
      </div>
      <FieldFrame id="fb-text" label="Comment" error={null}>
        <TextArea id="fb-text" rows={3} value={text} onValueInput={setText} />
      </FieldFrame>
      <div class="grid-2">
        <SelectField
          id="fb-stage"
          label="Stage"
          value={stageId}
          options={[{ value: "none", text: "No stage" }, ...model.stages.map((s) => ({ value: s.id, text: s.name }))]}
          onChange={setStageId}
        />
        <SelectField
          id="fb-touchpoint"
          label="Touchpoint"
          value={validTouchpoint}
          options={[{ value: "none", text: "No touchpoint" }, ...touchpoints.map((t) => ({ value: t.id, text: t.name }))]}
          onChange={setTouchpointId}
        />
        <SelectField
          id="fb-persona"
          label="Persona"
          value={personaId}
          options={[{ value: "none", text: "No persona" }, ...model.personas.map((p) => ({ value: p.id, text: p.name }))]}
          onChange={setPersonaId}
        />
        <SelectField
          id="fb-kind"
          label="Kind"
          value={kind}
          options={FEEDBACK_KINDS.map((k) => ({ value: k }))}
          onChange={(value) => setKind(value as Feedback["kind"])}
        />
      </div>
      <FieldFrame id="fb-source" label="Source" error={null}>
        <TextInput id="fb-source" value={source} onValueInput={setSource} />
      </FieldFrame>
      {error !== null ? (
        <p class="error-text" role="alert">
          {error}
        </p>
      ) : null}
      <Button onClick={add}>Add feedback</Button>
    </fieldset>
  );
}
