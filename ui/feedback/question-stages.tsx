/**
 * A wide survey's questions by stage: each question a card that can be dragged onto a stage of the map,
 * a stage named for another question, "Unassigned", or a new stage the person types (native HTML5 drag
 * and drop: no library). Ticked questions move together. A drop changes exactly what the question's
 * stage field in the column table changes (`ImportWizard.moveQuestions`), and that field stays the way
 * to do it from the keyboard; the ticks and "Move ticked here" move several without a mouse.
 */
import { useState } from "preact/hooks";
import type { JSX } from "preact";
import { UNASSIGNED_STAGE, entityNameKey } from "../../shared/csv";
import { Button } from "../kit";
import { TextInput } from "../components/text-input";
import { usePanelState } from "../state/store";
import { useWizard } from "./import-wizard";
import { columnRole } from "./import-wizard-state";

/** The drag's data: the dragged questions' column indexes, comma-separated. Its own type, so a file dropped on the panel is never taken for it. */
export const QUESTIONS_TYPE = "application/x-journey-questions";

/** The map's stages drawn as places to drop (a journey may have thousands; the others can be typed as a new stage). */
const STAGES_SHOWN = 50;

type DragEvent = JSX.TargetedDragEvent<HTMLElement>;

export function QuestionStages() {
  const { wizard, state } = useWizard();
  const { model } = usePanelState();
  const [ticked, setTicked] = useState<number[]>([]);
  const [over, setOver] = useState<string | null>(null);
  const [newStage, setNewStage] = useState("");
  const { inspection, options } = state;
  if (inspection === null) return null;
  const questions = inspection.columns.filter((c) => columnRole(c, options) === "question");
  const unassigned = entityNameKey(UNASSIGNED_STAGE);
  // Stages as the import finds them: by name, whatever the case; "Unassigned" last.
  const lanes = new Map<string, string>();
  const laneOf = (name: string) => (name === "" ? unassigned : entityNameKey(name));
  for (const name of [...model.stages.slice(0, STAGES_SHOWN).map((s) => s.name), ...questions.map((c) => options.columns[c.index]?.stage ?? "")]) {
    const key = laneOf(name);
    if (key !== unassigned && !lanes.has(key)) lanes.set(key, name);
  }
  lanes.set(unassigned, "");

  // Ticks of questions that are no longer questions (their role changed) do not count.
  const tickedQuestions = ticked.filter((index) => questions.some((c) => c.index === index));
  const move = (indexes: readonly number[], stage: string) => {
    if (indexes.length === 0) return;
    wizard.moveQuestions(indexes, stage);
    setTicked(ticked.filter((index) => !indexes.includes(index)));
  };
  const dragged = (event: DragEvent): number[] | null => {
    if (!event.dataTransfer?.types.includes(QUESTIONS_TYPE)) return null;
    const text = event.dataTransfer.getData(QUESTIONS_TYPE);
    return text.split(",").map(Number).filter((index) => questions.some((c) => c.index === index));
  };
  // A place to drop: takes the questions' drag (never a file's), and shows it is the one. Leaving
  // it for one of its cards is followed by a dragover there, which shows it again.
  const dropTarget = (key: string, drop: (indexes: number[]) => void) => ({
    onDragOver: (event: DragEvent) => {
      if (!event.dataTransfer?.types.includes(QUESTIONS_TYPE) || (key === "" && newStage.trim() === "")) return;
      event.preventDefault();
      event.dataTransfer.dropEffect = "move";
      if (over !== key) setOver(key);
    },
    onDragLeave: () => setOver(null),
    onDrop: (event: DragEvent) => {
      const indexes = dragged(event);
      if (indexes === null) return;
      event.preventDefault();
      setOver(null);
      drop(indexes);
    },
  });
  const card = (index: number, name: string, header: string) => {
    const on = ticked.includes(index);
    return (
      <li
        key={index}
        class="question-card"
        draggable
        title={header}
        onDragStart={(event) => {
          // A ticked question takes the other ticked ones along.
          const moving = on ? tickedQuestions : [index];
          event.dataTransfer?.setData(QUESTIONS_TYPE, moving.join(","));
          if (event.dataTransfer) event.dataTransfer.effectAllowed = "move";
        }}
        onDragEnd={() => setOver(null)}
      >
        <label>
          <input type="checkbox" checked={on} onChange={() => setTicked(on ? ticked.filter((i) => i !== index) : [...ticked, index])} />
          {name}
        </label>
      </li>
    );
  };

  return (
    <div class="question-stages" aria-label="Questions by stage" role="group">
      {[...lanes].map(([key, name]) => {
        const shown = name === "" ? UNASSIGNED_STAGE : name;
        const mine = questions.filter((c) => laneOf(options.columns[c.index]?.stage ?? "") === key);
        return (
          <div
            key={key}
            class={`stage-lane${over === key ? " drop-over" : ""}`}
            role="group"
            aria-label={`Stage “${shown}”`}
            {...dropTarget(key, (indexes) => move(indexes, name))}
          >
            <div class="stage-lane-name">
              {shown} <span class="muted">{mine.length}</span>
            </div>
            <ul>{mine.map((c) => card(c.index, options.columns[c.index]?.name ?? c.shortName, c.header))}</ul>
          </div>
        );
      })}
      <div
        class={`stage-lane${over === "" ? " drop-over" : ""}`}
        role="group"
        aria-label="New stage"
        {...dropTarget("", (indexes) => {
          move(indexes, newStage);
          setNewStage("");
        })}
      >
        {/* A place to drop once it has a name. */}
        <TextInput
          id="new-stage"
          {...({ "aria-label": "New stage name", list: "wizard-stages" } as object)}
          placeholder="Name a stage, drop here"
          value={newStage}
          onValueInput={setNewStage}
        />
        <Button
          secondary
          disabled={tickedQuestions.length === 0 || newStage.trim() === ""}
          onClick={() => {
            move(tickedQuestions, newStage);
            setNewStage("");
          }}
        >
          Move ticked here
        </Button>
      </div>
    </div>
  );
}
