import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { importJourneyMapJson } from "../../shared/model";

const fixture = (name: string) => readFileSync(new URL(`../fixtures/model/${name}`, import.meta.url), "utf8");

function errorsOf(name: string): string[] {
  const result = importJourneyMapJson(fixture(name));
  if (result.ok) throw new Error(`${name} was accepted`);
  return result.errors;
}

describe("model JSON from outside", () => {
  it("imports a valid model as it is", () => {
    const result = importJourneyMapJson(fixture("valid.json"));
    expect(result.ok).toBe(true);
    if (result.ok) expect(result.value).toEqual(JSON.parse(fixture("valid.json")));
  });

  it("explains a truncated file", () => {
    expect(errorsOf("truncated.json")).toEqual([expect.stringMatching(/^not valid JSON: /)]);
  });

  it("refuses a model from a newer schema version, saying so", () => {
    expect(errorsOf("newer-version.json")).toEqual([
      expect.stringMatching(/schema version 2, newer than this plugin's version 1: update Journey Mapper/),
    ]);
  });

  it("names each field of the wrong type by its path", () => {
    const errors = errorsOf("wrong-types.json");
    expect(errors).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^stages\.0\.name: /),
        expect.stringMatching(/^painPoints\.0\.severity: /),
        expect.stringMatching(/^settings\.gapThreshold: /),
      ]),
    );
  });

  it("detects a duplicated id and names both places", () => {
    const model = JSON.parse(fixture("duplicate-ids.json")) as { touchpoints: { id: string }[] };
    const id = model.touchpoints[0]?.id;
    expect(errorsOf("duplicate-ids.json")).toContain(`touchpoints.1.id: duplicate id "${id}" (touchpoints[1] and touchpoints[0])`);
  });

  it("reports references to stages and touchpoints that do not exist", () => {
    const errors = errorsOf("unknown-stage.json");
    expect(errors).toContain('painPoints.0.stageId: unknown stage "stage_post_trip"');
    expect(errors).toContain('feedback.0.touchpointId: unknown touchpoint "tp_gone"');
  });

  it("refuses something that is not a map at all", () => {
    expect(errorsOf("not-a-map.json").length).toBeGreaterThan(0);
  });
});
