/**
 * The Priorities section: the pain points ranked by the chosen scoring model, with their scores
 * editable in place (the ranks follow at once), the impact/effort matrix, the opportunities with
 * status and owner, and the ranking as CSV.
 */
import { Button, IconClose } from "../kit";
import { useState } from "preact/hooks";
import { exportPrioritiesCsv, type PriorityExportRow } from "../../shared/csv";
import type { JourneyMap, Opportunity, PainPoint, ScoringModel } from "../../shared/model";
import { OPPORTUNITY_STATUSES } from "../../shared/model";
import { iceInputs, riceReach, type Priority } from "../../shared/priority";
import { PriorityMatrix } from "../components/charts";
import { Empty, IconAction, SectionHeading, formatCount } from "../components/common";
import { Choice, NumberField, SelectField, TextField } from "../components/fields";
import { downloadText, fileStem } from "../components/files";
import { useReport } from "../components/status";
import { useAnalysis } from "../state/analysis";
import { addEntity, freshName, newOpportunity, newPainPoint, updateEntity, responseCount } from "../state/edits";
import { fieldKey, usePanelState, useStore } from "../state/store";

const MODELS: { value: ScoringModel; text: string }[] = [
  { value: "impact-effort", text: "Impact / effort" },
  { value: "rice", text: "RICE" },
  { value: "ice", text: "ICE" },
];

const MODEL_NOTES: Record<ScoringModel, string> = {
  "impact-effort": "Score = impact × confidence ÷ effort × (1 + gap/4); impact = (severity + frequency) ÷ 2.",
  rice: "Score = reach × impact × confidence ÷ effort; reach = the linked feedback unless set, impact from severity.",
  ice: "Score = mean of impact, confidence and ease (1–10), derived from the 1–5 scores unless set.",
};

function scoreText(score: number): string {
  return score >= 100 ? formatCount(Math.round(score)) : score.toFixed(2);
}

export function PrioritiesSection() {
  const { model } = usePanelState();
  const store = useStore();
  const report = useReport();
  const analysis = useAnalysis(model);
  const priorities = analysis?.priorities ?? null;

  const exportCsv = () => {
    if (priorities === null) return;
    const painPoints = new Map(model.painPoints.map((p) => [p.id, p]));
    const rows: PriorityExportRow[] = priorities.map((p) => {
      const painPoint = painPoints.get(p.painPointId);
      return {
        rank: p.rank,
        title: p.title,
        stage: p.stageName,
        score: Math.round(p.score * 1000) / 1000,
        quadrant: p.quadrant,
        model: p.model,
        impact: p.impact,
        effort: p.effort,
        severity: p.severity,
        frequency: p.frequency,
        frequencyDerived: p.frequencyDerived,
        confidence: p.confidence,
        reach: painPoint === undefined ? null : riceReach(painPoint),
        opportunities: model.opportunities
          .filter((o) => o.painPointId === p.painPointId)
          .map((o) => `${o.title} (${o.status}${o.owner ? `, ${o.owner}` : ""})`)
          .join("; "),
      };
    });
    downloadText(`${fileStem(model.title)}-priorities.csv`, exportPrioritiesCsv(rows), "text/csv");
    report(`Exported ${rows.length} priorities as CSV.`);
  };

  return (
    <div class="section">
      <SectionHeading title="Priorities">
        <Button secondary disabled={priorities === null || priorities.length === 0} onClick={exportCsv}>
          Export CSV
        </Button>
      </SectionHeading>
      <Choice
        name="scoring-model"
        label="Scoring model"
        value={model.settings.scoring}
        options={MODELS}
        onChange={(scoring) => store.update((m) => ({ ...m, settings: { ...m.settings, scoring } }))}
      />
      <p class="hint">{MODEL_NOTES[model.settings.scoring]}</p>
      {priorities === null ? (
        <p role="status">Analysing {formatCount(responseCount(model))} responses…</p>
      ) : (
        <>
          <RankedList model={model} priorities={priorities} />
          <AddPainPoint model={model} />
          <SectionHeading title="Matrix" level={3} />
          <PriorityMatrix priorities={priorities} />
        </>
      )}
      <Opportunities model={model} />
    </div>
  );
}

/**
 * The ranked list. While focus is inside it the order stays as it was (ranks update in place): a
 * row that jumped away as its score is typed would take the person's caret with it.
 */
function RankedList({ model, priorities }: { model: JourneyMap; priorities: readonly Priority[] }) {
  const [frozen, setFrozen] = useState<readonly string[] | null>(null);
  const painPoints = new Map(model.painPoints.map((p) => [p.id, p]));
  if (priorities.length === 0) return <Empty>No pain points yet: add one below, or accept a suggestion in Insights.</Empty>;
  const byId = new Map(priorities.map((p) => [p.painPointId, p]));
  const order =
    frozen === null
      ? priorities
      : [
          ...frozen.map((id) => byId.get(id)).filter((p): p is Priority => p !== undefined),
          ...priorities.filter((p) => !frozen.includes(p.painPointId)),
        ];
  return (
    <ol
      class="ranked-list"
      aria-label="Ranked pain points"
      onFocusIn={() => setFrozen((current) => current ?? priorities.map((p) => p.painPointId))}
      onFocusOut={(event) => {
        const next = event.relatedTarget;
        if (!(next instanceof Node) || !event.currentTarget.contains(next)) setFrozen(null);
      }}
    >
      {order.map((priority) => {
        const painPoint = painPoints.get(priority.painPointId);
        return painPoint === undefined ? null : (
          <RankedItem key={priority.painPointId} model={model} priority={priority} painPoint={painPoint} />
        );
      })}
    </ol>
  );
}

function RankedItem({ model, priority: p, painPoint }: { model: JourneyMap; priority: Priority; painPoint: PainPoint }) {
  const store = useStore();
  const set = (change: Partial<PainPoint>) => store.update((m) => updateEntity(m, "painPoints", painPoint.id, change));
  const scoring = model.settings.scoring;
  const ice = iceInputs(painPoint);
  const setIce = (change: Partial<typeof ice>) => set({ ice: { ...ice, ...change } });
  const id = painPoint.id;
  return (
    <li class="ranked-item" data-pain-point={id} aria-label={`Rank ${p.rank}: ${p.title}`}>
      <div class="ranked-head">
        <span class="rank-badge" data-testid="rank">
          #{p.rank}
        </span>
        <TextField
          fieldKey={fieldKey(id, "title")}
          label={`Title of rank ${p.rank}`}
          hideLabel
          value={painPoint.title}
          required="A pain point needs a title"
          onCommit={(title) => set({ title })}
          class="ranked-title"
        />
        <IconAction label={`Delete pain point “${painPoint.title}”`} onClick={() => store.remove("painPoints", [id], `pain point “${painPoint.title}”`)}>
          <IconClose />
        </IconAction>
      </div>
      <div class="ranked-meta">
        <span>{p.stageName}</span>
        <span>
          score <strong data-testid="score">{scoreText(p.score)}</strong>
        </span>
        <span class={`quadrant quadrant-${p.quadrant.replace(" ", "-")}`}>{p.quadrant}</span>
        {painPoint.evidence.length > 0 ? <span class="muted">{formatCount(painPoint.evidence.length)} responses</span> : null}
      </div>
      <div class="score-grid">
        <NumberField fieldKey={fieldKey(id, "severity")} label="Severity" what="Severity" min={1} max={5} integer value={painPoint.severity} onCommit={(v) => set({ severity: v ?? painPoint.severity })} />
        <NumberField
          fieldKey={fieldKey(id, "frequency")}
          label="Frequency"
          placeholder={`${p.frequency} (derived)`}
          what="Frequency"
          min={1}
          max={5}
          integer
          optional
          value={painPoint.frequency}
          onCommit={(frequency) => set({ frequency })}
        />
        <NumberField fieldKey={fieldKey(id, "effort")} label="Effort" what="Effort" min={1} max={5} integer value={painPoint.effort} onCommit={(v) => set({ effort: v ?? painPoint.effort })} />
        <SelectField
          id={`confidence-${id}`}
          label="Confidence"
          value={String(painPoint.confidence)}
          options={[
            { value: "0.5", text: "50 %" },
            { value: "0.8", text: "80 %" },
            { value: "1", text: "100 %" },
          ]}
          onChange={(value) => set({ confidence: Number(value) as PainPoint["confidence"] })}
        />
        {scoring === "rice" ? (
          <NumberField
            fieldKey={fieldKey(id, "reach")}
            label="Reach"
            placeholder={`${riceReach(painPoint)} (linked)`}
            what="Reach"
            min={0}
            optional
            value={painPoint.reach}
            onCommit={(reach) => set({ reach })}
          />
        ) : null}
        {scoring === "ice" ? (
          <>
            <NumberField fieldKey={fieldKey(id, "ice.impact")} label="ICE impact" what="Impact" min={1} max={10} value={ice.impact} onCommit={(v) => setIce({ impact: v ?? ice.impact })} />
            <NumberField fieldKey={fieldKey(id, "ice.confidence")} label="ICE confidence" what="Confidence" min={1} max={10} value={ice.confidence} onCommit={(v) => setIce({ confidence: v ?? ice.confidence })} />
            <NumberField fieldKey={fieldKey(id, "ice.ease")} label="ICE ease" what="Ease" min={1} max={10} value={ice.ease} onCommit={(v) => setIce({ ease: v ?? ice.ease })} />
          </>
        ) : null}
      </div>
    </li>
  );
}

function AddPainPoint({ model }: { model: JourneyMap }) {
  const store = useStore();
  const report = useReport();
  const [stageId, setStageId] = useState<string | null>(null);
  if (model.stages.length === 0) return null;
  const stage = model.stages.find((s) => s.id === stageId) ?? model.stages[0];
  if (stage === undefined) return null;
  return (
    <div class="toolbar add-row">
      <SelectField id="new-pain-point-stage" label="Stage of a new pain point" value={stage.id} options={model.stages.map((s) => ({ value: s.id, text: s.name }))} onChange={setStageId} />
      <Button
        secondary
        onClick={() => {
          const title = freshName("New pain point", model.painPoints);
          store.update((m) => addEntity(m, "painPoints", newPainPoint(stage.id, title)));
          report(`Added “${title}” to ${stage.name}: give it a title and scores.`);
        }}
      >
        Add pain point
      </Button>
    </div>
  );
}

function Opportunities({ model }: { model: JourneyMap }) {
  const store = useStore();
  const set = (o: Opportunity, change: Partial<Opportunity>) => store.update((m) => updateEntity(m, "opportunities", o.id, change));
  const first = model.stages[0];
  return (
    <>
      <SectionHeading title={`Opportunities (${model.opportunities.length})`} level={3}>
        <Button
          secondary
          disabled={first === undefined}
          onClick={() => first && store.update((m) => addEntity(m, "opportunities", newOpportunity(first.id, freshName("New opportunity", m.opportunities), null)))}
        >
          Add opportunity
        </Button>
      </SectionHeading>
      {model.opportunities.length === 0 ? <Empty>No opportunities yet.</Empty> : null}
      {model.opportunities.map((o) => {
        const painPoints = model.painPoints.filter((p) => p.stageId === o.stageId);
        return (
          <div class="row-editor" key={o.id}>
            <div class="ranked-head">
              <TextField fieldKey={fieldKey(o.id, "title")} label="Opportunity" value={o.title} required="An opportunity needs a title" onCommit={(title) => set(o, { title })} class="ranked-title" />
              <IconAction label={`Delete opportunity “${o.title}”`} onClick={() => store.remove("opportunities", [o.id], `opportunity “${o.title}”`)}>
                <IconClose />
              </IconAction>
            </div>
            <div class="grid-2">
              <SelectField
                id={`opportunity-stage-${o.id}`}
                label="Stage"
                value={o.stageId}
                options={model.stages.map((s) => ({ value: s.id, text: s.name }))}
                onChange={(stageId) => set(o, { stageId, painPointId: null })}
              />
              <SelectField
                id={`opportunity-pain-${o.id}`}
                label="Answers pain point"
                value={o.painPointId ?? "none"}
                options={[{ value: "none", text: "None" }, ...painPoints.map((p) => ({ value: p.id, text: p.title }))]}
                onChange={(value) => set(o, { painPointId: value === "none" ? null : value })}
              />
              <SelectField
                id={`opportunity-status-${o.id}`}
                label="Status"
                value={o.status}
                options={OPPORTUNITY_STATUSES.map((s) => ({ value: s }))}
                onChange={(status) => set(o, { status: status as Opportunity["status"] })}
              />
              <TextField fieldKey={fieldKey(o.id, "owner")} label="Owner" value={o.owner} onCommit={(owner) => set(o, { owner })} />
            </div>
          </div>
        );
      })}
    </>
  );
}
