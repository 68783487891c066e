/**
 * The Journey section: the map's title, state and scope; its stages (added, renamed, reordered with
 * buttons or Alt+↑/↓, deleted with undo), each with its objective, emotion, touchpoints, notes per
 * lane and KPIs; and the lanes of the map (built-in ones shown or hidden, custom ones added).
 */
import { Button, IconClose, IconPlus } from "../kit";
import { useState } from "preact/hooks";
import type { JSX } from "preact";
import { CHANNELS, type JourneyMap, type Kpi, type Lane, type Stage, type Touchpoint } from "../../shared/model";
import { Card, Empty, IconAction, MoveButtons, PAGE_SIZE, Pager, SectionHeading, pageStart, useFocusAfterRender } from "../components/common";
import { CheckboxField, Choice, ListField, NumberField, SelectField, TextField } from "../components/fields";
import { useReport } from "../components/status";
import { localDay, withCurrentValue } from "../../shared/kpi-history";
import {
  addEntity,
  freshName,
  missingBuiltInLanes,
  moveEntity,
  newCustomLane,
  newKpi,
  newNote,
  newStage,
  newTouchpoint,
  updateEntity,
} from "../state/edits";
import { fieldKey, usePanelState, useStore } from "../state/store";

const EMOTIONS = [
  { value: "auto", text: "From feedback" },
  { value: "2", text: "+2 delighted" },
  { value: "1", text: "+1 pleased" },
  { value: "0", text: "0 neutral" },
  { value: "-1", text: "−1 annoyed" },
  { value: "-2", text: "−2 frustrated" },
];

/** Lanes whose cells hold free-text notes (the others show touchpoints, emotions, pain points …). */
const NOTE_LANES: ReadonlySet<Lane["kind"]> = new Set(["actions", "thoughts", "custom"]);

export function JourneySection() {
  const { model } = usePanelState();
  const store = useStore();
  return (
    <div class="section">
      <SectionHeading title="Journey" />
      <div class="grid-2">
        <TextField
          fieldKey={fieldKey("map", "title")}
          label="Map title"
          value={model.title}
          required="The map needs a title"
          onCommit={(title) => store.update((m) => ({ ...m, title }))}
        />
        <Choice
          name="map-state"
          label="State"
          value={model.state}
          options={[
            { value: "current", text: "Current" },
            { value: "future", text: "Future" },
          ]}
          onChange={(state) => store.update((m) => ({ ...m, state }))}
        />
      </div>
      <ScopeFields model={model} />
      <Stages model={model} />
      <Lanes model={model} />
    </div>
  );
}

function ScopeFields({ model }: { model: JourneyMap }) {
  const store = useStore();
  const setScope = (change: Partial<JourneyMap["scope"]>) => store.update((m) => ({ ...m, scope: { ...m.scope, ...change } }));
  return (
    <fieldset class="group">
      <legend>Scope</legend>
      <div class="grid-2">
        <TextField fieldKey={fieldKey("map", "scope.journey")} label="Journey" value={model.scope.journey} onCommit={(journey) => setScope({ journey })} />
        <TextField fieldKey={fieldKey("map", "scope.product")} label="Product or service" value={model.scope.product} onCommit={(product) => setScope({ product })} />
      </div>
      <TextField fieldKey={fieldKey("map", "scope.goal")} label="Goal of the mapping" value={model.scope.goal} multiline onCommit={(goal) => setScope({ goal })} />
      <ListField
        fieldKey={fieldKey("map", "scope.successMetrics")}
        label="Success metrics"
        hint="One per line"
        value={model.scope.successMetrics}
        onCommit={(successMetrics) => setScope({ successMetrics })}
      />
    </fieldset>
  );
}

function Stages({ model }: { model: JourneyMap }) {
  const store = useStore();
  const report = useReport();
  const [open, setOpen] = useState<ReadonlySet<string>>(new Set());
  // Drawn a page at a time; a stage moved or added off the page takes the page along.
  const [wanted, setStart] = useState(0);
  const start = pageStart(wanted, model.stages.length);
  const focusLater = useFocusAfterRender();
  const toggle = (id: string) =>
    setOpen((current) => {
      const next = new Set(current);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });

  const move = (stage: Stage, delta: number, focusId: string) => {
    const from = model.stages.findIndex((s) => s.id === stage.id);
    const to = from + delta;
    if (to < 0 || to >= model.stages.length) return;
    store.update((m) => moveEntity(m, "stages", stage.id, delta));
    setStart(to);
    focusLater(focusId);
    report(`Moved stage “${stage.name}” to position ${to + 1} of ${model.stages.length}.`);
  };

  const add = () => {
    const stage = newStage(freshName(`Stage ${model.stages.length + 1}`, model.stages));
    store.update((m) => addEntity(m, "stages", stage));
    setOpen((current) => new Set(current).add(stage.id));
    setStart(model.stages.length);
    focusLater(`stage-${stage.id}`);
  };

  return (
    <div class="group">
      <SectionHeading title={`Stages (${model.stages.length})`} level={3}>
        <Button secondary onClick={add}>
          Add stage
        </Button>
      </SectionHeading>
      <p class="hint">Alt+↑ and Alt+↓ on a stage move it.</p>
      {model.stages.length === 0 ? <Empty>No stages yet: add the first one.</Empty> : null}
      {model.stages.slice(start, start + PAGE_SIZE).map((stage, i) => {
        const index = start + i;
        const headerId = `stage-${stage.id}`;
        const onKeyDown = (event: JSX.TargetedKeyboardEvent<HTMLButtonElement>) => {
          if (!event.altKey || (event.key !== "ArrowUp" && event.key !== "ArrowDown")) return;
          event.preventDefault();
          move(stage, event.key === "ArrowUp" ? -1 : 1, headerId);
        };
        const pendingName = store.state.pendingEdits[fieldKey(stage.id, "name")];
        return (
          <Card
            key={stage.id}
            id={headerId}
            label={`Stage ${index + 1}: ${stage.name}`}
            title={
              <>
                <span class="card-index">{index + 1}</span> {pendingName ?? stage.name}
              </>
            }
            invalid={pendingName !== undefined}
            open={open.has(stage.id)}
            onToggle={() => toggle(stage.id)}
            onHeaderKeyDown={onKeyDown}
            actions={
              <>
                <MoveButtons idPrefix={headerId} name={stage.name} index={index} count={model.stages.length} onMove={(delta, focusId) => move(stage, delta, focusId)} />
                <IconAction label={`Delete stage “${stage.name}”`} onClick={() => store.remove("stages", [stage.id], `stage “${stage.name}”`)}>
                  <IconClose />
                </IconAction>
              </>
            }
          >
            <StageEditor model={model} stage={stage} />
          </Card>
        );
      })}
      <Pager start={start} count={model.stages.length} noun="Stages" onStart={setStart} />
    </div>
  );
}

function StageEditor({ model, stage }: { model: JourneyMap; stage: Stage }) {
  const store = useStore();
  const set = (change: Partial<Stage>) => store.update((m) => updateEntity(m, "stages", stage.id, change));
  const touchpoints = model.touchpoints.filter((t) => t.stageId === stage.id);
  const kpis = model.kpis.filter((k) => k.stageId === stage.id);
  return (
    <div class="stage-editor">
      <div class="grid-2">
        <TextField fieldKey={fieldKey(stage.id, "name")} label="Stage name" value={stage.name} required="A stage needs a name" onCommit={(name) => set({ name })} />
        <SelectField
          id={`emotion-${stage.id}`}
          label="Emotion"
          value={stage.emotion === null ? "auto" : String(stage.emotion)}
          options={
            stage.emotion === null || Number.isInteger(stage.emotion)
              ? EMOTIONS
              : [...EMOTIONS, { value: String(stage.emotion), text: `${stage.emotion > 0 ? "+" : "−"}${Math.abs(stage.emotion)}` }]
          }
          onChange={(value) => set({ emotion: value === "auto" ? null : Number(value) })}
        />
      </div>
      <TextField fieldKey={fieldKey(stage.id, "objective")} label="Objective" value={stage.objective} multiline onCommit={(objective) => set({ objective })} />

      <SectionHeading title={`Touchpoints (${touchpoints.length})`} level={3}>
        <Button
          secondary
          onClick={() => store.update((m) => addEntity(m, "touchpoints", newTouchpoint(stage.id, freshName("New touchpoint", touchpoints))))}
        >
          Add touchpoint
        </Button>
      </SectionHeading>
      {touchpoints.map((t) => (
        <TouchpointRow key={t.id} touchpoint={t} />
      ))}

      <Notes model={model} stage={stage} />

      <SectionHeading title={`KPIs (${kpis.length})`} level={3}>
        <Button secondary onClick={() => store.update((m) => addEntity(m, "kpis", newKpi(stage.id, freshName("New KPI", kpis))))}>
          Add KPI
        </Button>
      </SectionHeading>
      {kpis.map((k) => (
        <KpiRow key={k.id} kpi={k} />
      ))}
    </div>
  );
}

function TouchpointRow({ touchpoint: t }: { touchpoint: Touchpoint }) {
  const store = useStore();
  const set = (change: Partial<Touchpoint>) => store.update((m) => updateEntity(m, "touchpoints", t.id, change));
  return (
    <div class="row-editor">
      <div class="grid-touchpoint">
        <TextField fieldKey={fieldKey(t.id, "name")} label="Touchpoint" value={t.name} required="A touchpoint needs a name" onCommit={(name) => set({ name })} />
        <SelectField
          id={`channel-${t.id}`}
          label="Channel"
          value={t.channel}
          options={CHANNELS.map((c) => ({ value: c }))}
          onChange={(channel) => set({ channel: channel as Touchpoint["channel"] })}
        />
        <NumberField
          fieldKey={fieldKey(t.id, "importance")}
          label="Importance (1–5)"
          what="Importance"
          min={1}
          max={5}
          value={t.importance}
          onCommit={(importance) => set({ importance: importance ?? 3 })}
        />
      </div>
      <div class="row-actions">
        <CheckboxField label="Digital" value={t.digital} onChange={(digital) => set({ digital })} />
        <IconAction label={`Delete touchpoint “${t.name}”`} onClick={() => store.remove("touchpoints", [t.id], `touchpoint “${t.name}”`)}>
          <IconClose />
        </IconAction>
      </div>
    </div>
  );
}

function Notes({ model, stage }: { model: JourneyMap; stage: Stage }) {
  const store = useStore();
  const lanes = model.lanes.filter((l) => NOTE_LANES.has(l.kind));
  if (lanes.length === 0) return null;
  return (
    <div class="notes">
      <h3>Notes</h3>
      {lanes.map((lane) => {
        const notes = model.notes.filter((n) => n.laneId === lane.id && n.stageId === stage.id);
        return (
          <div class="note-lane" key={lane.id}>
            <div class="note-lane-head">
              <span class="note-lane-name">{lane.name}</span>
              <IconAction label={`Add a note to “${lane.name}” in “${stage.name}”`} onClick={() => store.update((m) => addEntity(m, "notes", newNote(lane.id, stage.id)))}>
                <IconPlus />
              </IconAction>
            </div>
            {notes.map((note, i) => (
              <div class="note-row" key={note.id}>
                <TextField
                  fieldKey={fieldKey(note.id, "text")}
                  label={`${lane.name}, note ${i + 1}`}
                  hideLabel
                  multiline
                  rows={1}
                  value={note.text}
                  onCommit={(text) => store.update((m) => updateEntity(m, "notes", note.id, { text }))}
                />
                <IconAction label={`Delete ${lane.name} note ${i + 1}`} onClick={() => store.remove("notes", [note.id], `note “${note.text.slice(0, 30)}”`)}>
                  <IconClose />
                </IconAction>
              </div>
            ))}
          </div>
        );
      })}
    </div>
  );
}

function KpiRow({ kpi }: { kpi: Kpi }) {
  const store = useStore();
  const set = (change: Partial<Kpi>) => store.update((m) => updateEntity(m, "kpis", kpi.id, change));
  // A new current value goes into the KPI's history with today's date (shared/kpi-history.ts).
  const recordCurrent = (current: number | null) =>
    store.update((m) => {
      const now = m.kpis.find((k) => k.id === kpi.id);
      if (now === undefined) return m;
      const next = withCurrentValue(now, current, localDay());
      return updateEntity(m, "kpis", kpi.id, { current: next.current, history: next.history });
    });
  return (
    <div class="row-editor">
      <div class="grid-kpi">
        <TextField fieldKey={fieldKey(kpi.id, "name")} label="KPI" value={kpi.name} required="A KPI needs a name" onCommit={(name) => set({ name })} />
        <TextField fieldKey={fieldKey(kpi.id, "unit")} label="Unit" value={kpi.unit} onCommit={(unit) => set({ unit })} />
        <SelectField
          id={`direction-${kpi.id}`}
          label="Better when"
          value={kpi.direction}
          options={[
            { value: "higher", text: "Higher" },
            { value: "lower", text: "Lower" },
          ]}
          onChange={(direction) => set({ direction: direction as Kpi["direction"] })}
        />
      </div>
      <div class="grid-kpi">
        <NumberField fieldKey={fieldKey(kpi.id, "target")} label="Target" what="The target" value={kpi.target} onCommit={(target) => set({ target: target ?? kpi.target })} />
        <NumberField fieldKey={fieldKey(kpi.id, "baseline")} label="Baseline" what="The baseline" optional value={kpi.baseline} onCommit={(baseline) => set({ baseline })} />
        <NumberField fieldKey={fieldKey(kpi.id, "current")} label="Current" what="The current value" optional value={kpi.current} onCommit={(current) => recordCurrent(current)} />
      </div>
      <div class="row-actions">
        <span />
        <IconAction label={`Delete KPI “${kpi.name}”`} onClick={() => store.remove("kpis", [kpi.id], `KPI “${kpi.name}”`)}>
          <IconClose />
        </IconAction>
      </div>
    </div>
  );
}

function Lanes({ model }: { model: JourneyMap }) {
  const store = useStore();
  const report = useReport();
  const focusLater = useFocusAfterRender();
  const set = (lane: Lane, change: Partial<Lane>) => store.update((m) => updateEntity(m, "lanes", lane.id, change));
  return (
    <fieldset class="group">
      <legend>Lanes</legend>
      <p class="hint">The rows of the map, top to bottom. Backstage and frontstage lanes are custom lanes.</p>
      {model.lanes.map((lane, index) => {
        const moveLane = (delta: number, focusId: string) => {
          store.update((m) => moveEntity(m, "lanes", lane.id, delta));
          focusLater(focusId);
          report(`Moved lane “${lane.name}” to position ${index + delta + 1} of ${model.lanes.length}.`);
        };
        return (
          <div class="lane-row" key={lane.id}>
            <CheckboxField label="Shown" value={lane.visible} onChange={(visible) => set(lane, { visible })} />
            <TextField
              fieldKey={fieldKey(lane.id, "name")}
              label={`Lane ${index + 1} name`}
              hideLabel
              value={lane.name}
              required="A lane needs a name"
              onCommit={(name) => set(lane, { name })}
            />
            <span class="lane-kind">{lane.kind === "custom" ? "custom" : "built-in"}</span>
            <MoveButtons idPrefix={`lane-${lane.id}`} name={lane.name} index={index} count={model.lanes.length} onMove={moveLane} />
            {lane.kind === "custom" ? (
              <IconAction label={`Delete lane “${lane.name}”`} onClick={() => store.remove("lanes", [lane.id], `lane “${lane.name}”`)}>
                <IconClose />
              </IconAction>
            ) : (
              <span class="icon-placeholder" />
            )}
          </div>
        );
      })}
      <div class="toolbar">
        <Button secondary onClick={() => store.update((m) => addEntity(m, "lanes", newCustomLane(freshName("Backstage", m.lanes))))}>
          Add custom lane
        </Button>
        {missingBuiltInLanes(model).map((lane) => (
          <Button key={lane.kind} secondary onClick={() => store.update((m) => addEntity(m, "lanes", { ...newCustomLane(lane.name), kind: lane.kind }))}>
            Add “{lane.name}”
          </Button>
        ))}
      </div>
    </fieldset>
  );
}
