/**
 * The panel: the journey being edited, and the canvas actions. It loads the saved draft on open
 * and saves it as the person edits.
 */
import { Button, Tabs } from "@create-figma-plugin/ui";
import { useEffect, useState } from "preact/hooks";
import { createJourneyMap, type JourneyMap } from "../shared/model";
import type { ReplyResult } from "../shared/messages";
import type { PluginBridge } from "./bridge";

type Status = { text: string; error: boolean };

function describeResult(result: ReplyResult): string {
  switch (result.kind) {
    case "generated":
      return `Map drawn: ${result.created} layers created, ${result.updated} updated, ${result.removed} removed.`;
    case "map-read":
      return result.problems.length === 0
        ? `Read "${result.model.title}" from the canvas.`
        : `Read "${result.model.title}"; ${result.problems.length} values could not be read.`;
    default:
      return "Done.";
  }
}

export function App({ bridge }: { bridge: PluginBridge }) {
  const [model, setModel] = useState<JourneyMap | null>(null);
  const [tab, setTab] = useState("Journey");
  const [busy, setBusy] = useState(false);
  const [status, setStatus] = useState<Status>({ text: "", error: false });

  useEffect(() => {
    bridge.notify({ type: "panel-ready" });
    bridge
      .request({ type: "load-draft" })
      .then((result) => setModel(result.kind === "draft" && result.draft ? result.draft.model : createJourneyMap("My journey")))
      .catch((error: Error) => {
        setModel(createJourneyMap("My journey"));
        setStatus({ text: `Could not load your draft: ${error.message}`, error: true });
      });
  }, [bridge]);

  async function run(label: string, action: () => Promise<ReplyResult>) {
    setBusy(true);
    setStatus({ text: `${label}…`, error: false });
    try {
      setStatus({ text: describeResult(await action()), error: false });
    } catch (error) {
      setStatus({ text: error instanceof Error ? error.message : String(error), error: true });
    } finally {
      setBusy(false);
    }
  }

  if (model === null) return <div class="panel-body">Loading…</div>;

  return (
    <div class="panel">
      <Tabs options={[{ value: "Journey", children: null }, { value: "Canvas", children: null }]} value={tab} onValueChange={setTab} />
      <div class="panel-body">
        <h2>{model.title}</h2>
        <ol class="stage-list" aria-label="Stages">
          {model.stages.map((stage) => (
            <li key={stage.id}>
              <div>{stage.name}</div>
              {stage.objective && <div class="objective">{stage.objective}</div>}
            </li>
          ))}
        </ol>
      </div>
      <div class="panel-footer">
        <Button disabled={busy} onClick={() => run("Generating the map", () => bridge.request({ type: "generate-map", model }))}>
          Generate map
        </Button>
        <span class={status.error ? "status status-error" : "status"} role="status">
          {status.text}
        </span>
      </div>
    </div>
  );
}
