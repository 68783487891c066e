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

  it("opens a version 1 model (every feedback row kept) as version 2 with the same content, saying so once", () => {
    const result = importJourneyMapJson(fixture("version-1.json"));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.converted).toMatch(/earlier version of Journey Mapper.*every figure is unchanged/);
    expect(result.value).toEqual({ ...JSON.parse(fixture("version-1.json")), schemaVersion: 2 });
    expect(importJourneyMapJson(JSON.stringify(result.value))).not.toHaveProperty("converted");
  });

  it("explains a truncated file", () => {
    expect(errorsOf("truncated.json")).toEqual([expect.stringMatching(/^not valid JSON: /)]);
  });

  it("refuses a model from a newer schema version, saying so", () => {
    expect(errorsOf("newer-version.json")).toEqual([
      expect.stringMatching(/schema version 99, newer than this plugin's version 2: update Journey Mapper/),
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

  it("refuses something that is not a map at all, saying in words what it is and what was expected", () => {
    expect(errorsOf("not-a-map.json")).toEqual([
      expect.stringMatching(/^this file holds a JSON list of \d+ items?, not a journey map: a journey map is a JSON object with schemaVersion, title, stages/),
    ]);
    expect(errorsOf("package-json.json")).toEqual([
      "this file holds a JSON object with name, version, private, scripts, dependencies and 2 more fields, not a journey map: a journey map is a JSON object with schemaVersion, title, stages, personas and the rest, as Export JSON writes it",
    ]);
    expect(importJourneyMapJson("journey\n  title Shop\n")).toEqual({
      ok: false,
      errors: ["this file is a Mermaid journey diagram, not JSON: import it with Import Mermaid"],
    });
  });

  it("refuses a rating scale that overflows to Infinity (a 310-digit maximum), naming the field", () => {
    expect(errorsOf("infinite-scale.json")).toEqual([expect.stringMatching(/^feedback\.0\.scale\.max: /)]);
  });

  it("refuses numbers too large to compute with, naming each (KPI target, RICE reach of 1e308)", () => {
    expect(errorsOf("huge-numbers.json")).toEqual([
      "painPoints.0.reach: must lie between −1,000,000,000,000 and 1,000,000,000,000",
      "kpis.0.target: must lie between −1,000,000,000,000 and 1,000,000,000,000",
    ]);
  });

  it("names every field it does not keep (a stage colour, a persona's email), and keeps the rest", () => {
    const result = importJourneyMapJson(fixture("unknown-fields.json"));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.dropped).toEqual(["personas.1.email", "stages.0.color", "exportedBy"]);
    expect(result.value).toEqual(JSON.parse(fixture("valid.json")));
    expect(importJourneyMapJson(fixture("valid.json"))).not.toHaveProperty("dropped");
  });

  it("refuses names holding a NUL byte or a text-direction override, naming the character", () => {
    expect(errorsOf("hidden-characters.json")).toEqual([
      "personas.0.name: contains an invisible character (U+0000, a NUL byte) that makes it read differently from what it holds: remove it",
      "stages.1.name: contains an invisible character (U+202E, a right-to-left override) that makes it read differently from what it holds: remove it",
      "touchpoints.0.name: contains an invisible character (U+2066, a text-direction mark) that makes it read differently from what it holds: remove it",
    ]);
  });
});
