import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseJourneyMap, type JourneyMap } from "../../shared/model";

const raw: unknown = JSON.parse(readFileSync(new URL("../../examples/sample-journey.json", import.meta.url), "utf8"));

function sample(): JourneyMap {
  const result = parseJourneyMap(raw);
  if (!result.ok) throw new Error(`examples/sample-journey.json is not a valid model:\n${result.errors.join("\n")}`);
  return result.value;
}

describe("examples/sample-journey.json", () => {
  it("passes parseJourneyMap", () => {
    const result = parseJourneyMap(raw);
    expect(result.ok ? [] : result.errors).toEqual([]);
  });

  it("has 6 stages, 3 personas and at least one KPI per stage", () => {
    const map = sample();
    expect(map.stages).toHaveLength(6);
    expect(map.personas).toHaveLength(3);
    for (const stage of map.stages) {
      expect(map.kpis.filter((k) => k.stageId === stage.id).length, stage.name).toBeGreaterThanOrEqual(1);
    }
  });

  it("has between 450 and 550 feedback rows", () => {
    const { feedback } = sample();
    expect(feedback.length).toBeGreaterThanOrEqual(450);
    expect(feedback.length).toBeLessThanOrEqual(550);
  });

  it("backs every pain point with feedback of the same stage", () => {
    const map = sample();
    const byId = new Map(map.feedback.map((f) => [f.id, f]));
    for (const painPoint of map.painPoints) {
      expect(painPoint.evidence.length, painPoint.id).toBeGreaterThan(0);
      for (const id of painPoint.evidence) {
        expect(byId.get(id)?.stageId, `${painPoint.id} → ${id}`).toBe(painPoint.stageId);
      }
    }
  });
});
