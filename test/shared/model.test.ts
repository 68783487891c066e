import { describe, expect, it } from "vitest";
import {
  SCHEMA_VERSION,
  createJourneyMap,
  exportJourneyMapJson,
  hiddenCharacterIn,
  importJourneyMapJson,
  isHiddenCharacter,
  parseJourneyMap,
  withoutHiddenCharacters,
} from "../../shared/model";

function seeded(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return s / 2147483648;
  };
}

describe("journey map model", () => {
  it("creates a valid map with the default stages and lanes", () => {
    const map = createJourneyMap("Online shop", seeded(1));
    expect(parseJourneyMap(map).ok).toBe(true);
    expect(map.stages.map((s) => s.name)).toEqual([
      "Awareness",
      "Consideration",
      "Decision",
      "Onboarding",
      "Retention",
      "Advocacy",
    ]);
    expect(map.lanes).toHaveLength(7);
  });

  it("round-trips through JSON exactly", () => {
    const map = createJourneyMap("Online shop", seeded(2));
    const back = importJourneyMapJson(exportJourneyMapJson(map));
    expect(back).toEqual({ ok: true, value: map });
  });

  it("refuses a model from a newer schema version, saying so", () => {
    const map = { ...createJourneyMap("x", seeded(3)), schemaVersion: SCHEMA_VERSION + 1 };
    const result = parseJourneyMap(map);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors[0]).toContain(`newer than this plugin's version ${SCHEMA_VERSION}`);
  });

  it("detects a duplicated id across entities", () => {
    const map = createJourneyMap("x", seeded(4));
    const first = map.stages[0]!;
    map.lanes[0]!.id = first.id;
    const result = parseJourneyMap(map);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors.join("\n")).toContain(`duplicate id "${first.id}"`);
  });

  it("reports a reference to an unknown stage", () => {
    const map = createJourneyMap("x", seeded(5));
    map.kpis.push({
      id: "kpi_1",
      stageId: "stage_missing",
      name: "CSAT",
      unit: "%",
      direction: "higher",
      target: 80,
      baseline: null,
      current: null,
      history: [],
    });
    const result = parseJourneyMap(map);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors).toContain('kpis.0.stageId: unknown stage "stage_missing"');
  });

  it("explains broken JSON", () => {
    const result = importJourneyMapJson("{\"schemaVersion\": 1,");
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors[0]).toMatch(/^not valid JSON/);
  });
});

describe("hidden characters", () => {
  /** The characters a name must not hold, listed one by one: control characters but tab and line breaks, and the bidi controls. */
  const hidden = (code: number): boolean =>
    (code <= 0x1f && code !== 0x09 && code !== 0x0a && code !== 0x0d) ||
    code === 0x7f ||
    (code >= 0x202a && code <= 0x202e) ||
    (code >= 0x2066 && code <= 0x2069);

  it("finds exactly those, among every UTF-16 code unit, by the text and by the code (the CSV row scanner's)", () => {
    const wrong: string[] = [];
    for (let code = 0; code <= 0xffff; code++) {
      const found = hiddenCharacterIn(`a${String.fromCharCode(code)}b`) !== null;
      if (found !== hidden(code) || isHiddenCharacter(code) !== hidden(code)) wrong.push(code.toString(16));
    }
    expect(wrong).toEqual([]);
  });

  it("keeps letters beyond the Basic Multilingual Plane and takes the hidden ones out", () => {
    expect(hiddenCharacterIn("Check-in 😀 ✈️")).toBeNull();
    expect(withoutHiddenCharacters("Check\u202Eout\u0000 😀\u2066")).toBe("Checkout 😀");
    expect(hiddenCharacterIn("Checkout\u202Etuo")).toBe("U+202E, a right-to-left override");
  });
});
