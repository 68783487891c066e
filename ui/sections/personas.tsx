/**
 * The Personas section: every field of a persona (name, role, demographics, goals, motivations,
 * behaviours, frustrations, a quote, share of customers) and whether generated maps show it.
 */
import { Button, IconClose } from "../kit";
import { useState } from "preact/hooks";
import type { Persona } from "../../shared/model";
import { Card, Empty, IconAction, MoveButtons, SectionHeading, useFocusAfterRender } from "../components/common";
import { CheckboxField, ListField, NumberField, TextField } from "../components/fields";
import { addEntity, freshName, moveEntity, newPersona, updateEntity } from "../state/edits";
import { fieldKey, usePanelState, useStore } from "../state/store";

export function PersonasSection() {
  const { model, pendingEdits } = usePanelState();
  const store = useStore();
  const [open, setOpen] = useState<ReadonlySet<string>>(new Set());
  const focusLater = useFocusAfterRender();
  const toggle = (id: string) =>
    setOpen((current) => {
      const next = new Set(current);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  const shown = model.personas.filter((p) => p.onMap).length;
  const shares = model.personas.reduce((sum, p) => sum + (p.share ?? 0), 0);
  const add = () => {
    const persona = newPersona(freshName("New persona", model.personas));
    store.update((m) => addEntity(m, "personas", persona));
    setOpen((current) => new Set(current).add(persona.id));
  };

  return (
    <div class="section">
      <SectionHeading title={`Personas (${model.personas.length})`}>
        <Button secondary onClick={add}>
          Add persona
        </Button>
      </SectionHeading>
      <p class="hint">
        {model.personas.length === 0
          ? "Who goes through this journey? Add a persona for each kind of customer."
          : `${shown} of ${model.personas.length} shown on generated maps.`}
      </p>
      {/* A gentle word, not an error: personas may overlap, but shares of customers usually add up to 100 % at most. */}
      {shares > 100.5 ? (
        <p class="notice" role="status">
          The shares add up to {Math.round(shares * 10) / 10} %, more than all customers: check them, unless these personas overlap.
        </p>
      ) : null}
      {model.personas.length === 0 ? <Empty>No personas yet.</Empty> : null}
      {model.personas.map((persona, index) => {
        const pendingName = pendingEdits[fieldKey(persona.id, "name")];
        return (
          <Card
            key={persona.id}
            id={`persona-${persona.id}`}
            label={`Persona ${persona.name}`}
            title={
              <>
                {pendingName ?? persona.name}
                {persona.role ? <span class="muted"> · {persona.role}</span> : null}
                {persona.share !== null ? <span class="muted"> · {persona.share} %</span> : null}
                {persona.onMap ? null : <span class="muted"> · not on map</span>}
              </>
            }
            invalid={pendingName !== undefined}
            open={open.has(persona.id)}
            onToggle={() => toggle(persona.id)}
            actions={
              <>
                <MoveButtons
                  idPrefix={`persona-${persona.id}`}
                  name={persona.name}
                  index={index}
                  count={model.personas.length}
                  onMove={(delta, focusId) => {
                    store.update((m) => moveEntity(m, "personas", persona.id, delta));
                    focusLater(focusId);
                  }}
                />
                <IconAction label={`Delete persona “${persona.name}”`} onClick={() => store.remove("personas", [persona.id], `persona “${persona.name}”`)}>
                  <IconClose />
                </IconAction>
              </>
            }
          >
            <PersonaEditor persona={persona} />
          </Card>
        );
      })}
    </div>
  );
}

function PersonaEditor({ persona: p }: { persona: Persona }) {
  const store = useStore();
  const set = (change: Partial<Persona>) => store.update((m) => updateEntity(m, "personas", p.id, change));
  return (
    <div class="persona-editor">
      <div class="grid-2">
        <TextField fieldKey={fieldKey(p.id, "name")} label="Name" value={p.name} required="A persona needs a name" onCommit={(name) => set({ name })} />
        <TextField fieldKey={fieldKey(p.id, "role")} label="Role" value={p.role} onCommit={(role) => set({ role })} />
      </div>
      <div class="grid-2">
        <TextField fieldKey={fieldKey(p.id, "demographics")} label="Demographics" value={p.demographics} onCommit={(demographics) => set({ demographics })} />
        <NumberField
          fieldKey={fieldKey(p.id, "share")}
          label="Share of customers (%)"
          what="The share"
          min={0}
          max={100}
          optional
          value={p.share}
          onCommit={(share) => set({ share })}
        />
      </div>
      <div class="grid-2">
        <ListField fieldKey={fieldKey(p.id, "goals")} label="Goals" hint="One per line" value={p.goals} onCommit={(goals) => set({ goals })} />
        <ListField fieldKey={fieldKey(p.id, "motivations")} label="Motivations" hint="One per line" value={p.motivations} onCommit={(motivations) => set({ motivations })} />
      </div>
      <div class="grid-2">
        <ListField fieldKey={fieldKey(p.id, "behaviours")} label="Behaviours" hint="One per line" value={p.behaviours} onCommit={(behaviours) => set({ behaviours })} />
        <ListField fieldKey={fieldKey(p.id, "frustrations")} label="Frustrations" hint="One per line" value={p.frustrations} onCommit={(frustrations) => set({ frustrations })} />
      </div>
      <TextField fieldKey={fieldKey(p.id, "quote")} label="Quote" value={p.quote} multiline onCommit={(quote) => set({ quote })} />
      <CheckboxField label="Show on generated maps" value={p.onMap} onChange={(onMap) => set({ onMap })} />
    </div>
  );
}
