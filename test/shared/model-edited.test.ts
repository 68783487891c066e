import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { mergeCanvasEdits, type CanvasSnapshot } from "../../shared/canvas-edits";
import { mergePanelAndCanvas } from "../../shared/panel-canvas-merge";
import { parseEditedJourneyMap, parseJourneyMap, type JourneyMap } from "../../shared/model";

function sample(): JourneyMap {
  const parsed = parseJourneyMap(JSON.parse(readFileSync("examples/sample-journey.json", "utf8")));
  if (!parsed.ok) throw new Error(parsed.errors.join("; "));
  return parsed.value;
}

/** A copy of `map` as an edit makes it: new lists and entities where it changes, the rest shared. */
function edit(map: JourneyMap, change: (copy: JourneyMap) => void): JourneyMap {
  const copy = { ...map, painPoints: map.painPoints.map((p) => ({ ...p })), stages: map.stages.map((s) => ({ ...s })), feedback: [...map.feedback] };
  change(copy);
  return copy;
}

describe("validating an edited model against the valid model it came from", () => {
  const base = sample();

  it("gives what validating the whole model gives, for valid edits", () => {
    const edited = edit(base, (m) => {
      m.painPoints[0]!.severity = 2;
      m.stages[1]!.name = "Looking around";
    });
    const whole = parseJourneyMap(edited);
    const checked = parseEditedJourneyMap(base, edited);
    expect(checked.ok).toBe(true);
    expect(whole.ok && checked.ok && JSON.stringify(checked.value)).toBe(whole.ok && JSON.stringify(whole.value));
  });

  it("refuses a changed entity that breaks its schema, naming the field", () => {
    const edited = edit(base, (m) => {
      m.painPoints[0]!.title = "Checkout\u202Etuo";
      m.stages[0]!.name = "";
    });
    const checked = parseEditedJourneyMap(base, edited);
    expect(checked.ok).toBe(false);
    expect(!checked.ok && checked.errors.join("\n")).toMatch(/^painPoints\.0\.title: contains an invisible character/m);
    expect(!checked.ok && checked.errors.join("\n")).toMatch(/^stages\.0\.name: /m);
  });

  it("refuses broken references and duplicate ids anywhere in the model", () => {
    const moved = edit(base, (m) => {
      m.painPoints[0]!.stageId = "st_nowhere";
    });
    expect(parseEditedJourneyMap(base, moved)).toEqual({ ok: false, errors: [expect.stringMatching(/^painPoints\.0\.stageId: unknown stage "st_nowhere"/)] });
    const twice = edit(base, (m) => {
      m.painPoints.push({ ...m.painPoints[0]! });
    });
    const checked = parseEditedJourneyMap(base, twice);
    expect(!checked.ok && checked.errors[0]).toMatch(/duplicate id/);
  });

  it("validates a replaced nested value and a new feedback row", () => {
    const edited = edit(base, (m) => {
      m.painPoints[0]!.evidence = ["fb_missing"];
      m.feedback.push({ ...m.feedback[0]!, id: "fb_new", rating: 99 });
    });
    const checked = parseEditedJourneyMap(base, edited);
    expect(!checked.ok && checked.errors.join("\n")).toMatch(/feedback\.\d+/);
  });
});

describe("merging the canvas into the stored model", () => {
  it("leaves the stored model as it was when a touchpoint card is deleted (its feedback rows are replaced, not changed)", () => {
    const stored = sample();
    const touchpoint = stored.touchpoints.find((t) => stored.feedback.some((f) => f.touchpointId === t.id));
    if (touchpoint === undefined) throw new Error("the sample has no touchpoint with feedback");
    const before = JSON.stringify(stored);
    const snapshot: CanvasSnapshot = {
      nodeId: "1:1",
      nodeName: "Journey map",
      cards: [],
      drawnCards: new Set([`touchpoint/${touchpoint.id}`]),
      cells: new Map(),
      copyOfAnotherMap: false,
    };
    const merged = mergeCanvasEdits(stored, snapshot).model;
    expect(JSON.stringify(stored)).toBe(before);
    expect(merged.touchpoints.some((t) => t.id === touchpoint.id)).toBe(false);
    expect(merged.feedback.some((f) => f.touchpointId === touchpoint.id)).toBe(false);
    expect(parseJourneyMap(merged).ok).toBe(true);
  });
});

describe("merging the panel's model with the canvas", () => {
  it("takes the canvas's edits and a duplicated card without changing the panel's model", () => {
    const stored = sample();
    const original = stored.painPoints[0]!;
    const canvas = edit(stored, (m) => {
      m.painPoints[0]!.title = "Checkout is slow";
      m.painPoints.splice(1, 0, { ...m.painPoints[0]!, id: `${original.id}_copy` });
    });
    const panel = sample();
    const before = JSON.stringify(panel);
    const merged = mergePanelAndCanvas(stored, canvas, panel);
    expect(JSON.stringify(panel)).toBe(before);
    expect(merged.model.painPoints.slice(0, 2).map((p) => [p.id, p.title])).toEqual([
      [original.id, "Checkout is slow"],
      [`${original.id}_copy`, "Checkout is slow"],
    ]);
    expect(parseJourneyMap(merged.model).ok).toBe(true);
  });
});
