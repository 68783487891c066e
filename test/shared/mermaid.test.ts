import { readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { analyseJourney } from "../../shared/analysis";
import { exportMermaidJourney, importMermaidJourney } from "../../shared/mermaid";
import type { JourneyMap } from "../../shared/model";
import { parseJourneyMap } from "../../shared/model";
import { journeyMapArbitrary } from "./arbitraries";
import { STARS, buildMap, countingIds, persona, rated, stage, touchpoint } from "./builders";

const WJ = "\u2060";

describe("Mermaid export", () => {
  const map = buildMap({
    title: "Online shop: 2025",
    personas: [persona("p1", "Ann"), persona("p2", "Bob, the builder"), persona("p3", "Cy", false)],
    stages: [stage("s1", "Decision", -1), stage("s2", "Onboarding\nweek 1"), stage("s3", "Retention")],
    touchpoints: [
      touchpoint("t1", "s1", 3, "Checkout page"),
      touchpoint("t2", "s1", 3, "Help: chat"),
      touchpoint("t3", "s3", 4, "Title page"),
    ],
    notes: [
      { id: "n1", laneId: "lane_0", stageId: "s2", text: "Create account" }, // lane_0: customer actions
      { id: "n2", laneId: "lane_0", stageId: "s2", text: "#1 set password; done" },
      { id: "n3", laneId: "lane_1", stageId: "s2", text: "Is it safe?" }, // thoughts: not a task
    ],
    feedback: [
      rated("a", 4, STARS, { touchpointId: "t1" }), // s = 0.75
      rated("b", 5, STARS, { touchpointId: "t1" }), // s = 1
    ],
  });

  it("writes sections, tasks, scores and the personas shown on the map", () => {
    expect(exportMermaidJourney(map)).toBe(
      [
        "journey",
        "  title Online shop\uA789 2025",
        "  section Decision",
        // t1: P = 1 + 4 × (0.75 + 1)/2 = 4.5 → round 5
        "    Checkout page: 5: Ann, Bob\u201A the builder",
        // t2: no performance → the stage's manual emotion −1 → 3 − 1 = 2
        "    Help\uA789 chat: 2: Ann, Bob\u201A the builder",
        "  section Onboarding week 1",
        // no touchpoints: its customer-action notes, at 3 (no emotion at all)
        "    Create account: 3: Ann, Bob\u201A the builder",
        "    \uFF031 set password\uFF1B done: 3: Ann, Bob\u201A the builder",
        "  section Retention",
        // a task that would read as the `title` keyword is guarded by a word joiner
        `    ${WJ}Title page: 3: Ann, Bob\u201A the builder`,
        "",
      ].join("\n"),
    );
  });

  it("uses a stage's emotion from feedback when a touchpoint has no performance of its own", () => {
    const fromFeedback = buildMap({
      stages: [stage("s")],
      touchpoints: [touchpoint("t", "s", 3, "Pay")],
      feedback: [rated("a", 2, STARS, { stageId: "s" })], // s = 0.25 → emotion 4 × 0.25 − 2 = −1 → 2
    });
    expect(exportMermaidJourney(fromFeedback)).toBe("journey\n  title Online shop\n  section s\n    Pay: 2\n");
  });

  it("reuses an analysis when given one", () => {
    expect(exportMermaidJourney(map, analyseJourney(map))).toBe(exportMermaidJourney(map));
  });
});

describe("Mermaid import", () => {
  const text = [
    "journey",
    "  title My working day",
    "  %% a comment",
    "  section Go to work",
    "    Make tea: 5: Me",
    "    Go upstairs: 3: Me, Cat",
    "",
    "  section Go home",
    "    Go downstairs: 1: Me",
    "    Sit down: 1.5",
    "  section Sleep",
  ].join("\n");

  it("makes sections stages, tasks touchpoints, actors personas and scores the stage emotion", () => {
    const result = importMermaidJourney(text, countingIds());
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const map = result.value;
    expect(map.title).toBe("My working day");
    expect(map.stages.map((s) => [s.name, s.emotion])).toEqual([
      ["Go to work", 1], // mean(5 − 3, 3 − 3) = 1
      ["Go home", -1.75], // mean(1 − 3, 1.5 − 3) = −1.75
      ["Sleep", null], // no tasks: no point on the curve
    ]);
    expect(map.touchpoints.map((t) => [t.name, t.importance, map.stages.find((s) => s.id === t.stageId)?.name])).toEqual([
      ["Make tea", 3, "Go to work"],
      ["Go upstairs", 3, "Go to work"],
      ["Go downstairs", 3, "Go home"],
      ["Sit down", 3, "Go home"],
    ]);
    expect(map.personas.map((p) => [p.name, p.onMap])).toEqual([
      ["Me", true],
      ["Cat", true],
    ]);
    expect(parseJourneyMap(map).ok).toBe(true);
  });

  it("turns escaped characters back", () => {
    const result = importMermaidJourney(
      `journey\n  title A\uA789 B\n  section C\uFF1B D\n    ${WJ}Title page\uFF03: 4: Bob\u201A jr\n`,
      countingIds(),
    );
    expect(result.ok && [result.value.title, result.value.stages[0]?.name, result.value.touchpoints[0]?.name]).toEqual([
      "A: B",
      "C; D",
      "Title page#",
    ]);
    expect(result.ok && result.value.personas.map((p) => p.name)).toEqual(["Bob, jr"]);
  });

  it("reports malformed lines with their numbers", () => {
    const bad = ["journey", "  title X", "  section A", "    Pay: high: Ann", "    : 3", "just words", "    a: 1: b: c"];
    expect(importMermaidJourney(bad.join("\n"))).toEqual({
      ok: false,
      errors: [
        'line 4: the score of "Pay" must be a number from 1 to 5, found "high"',
        "line 5: a task needs a name",
        'line 6: expected "section <name>" or "<task>: <score>: <actors>", found "just words"',
        "line 7: a task has at most two ':' (name: score: actors), found \"a: 1: b: c\"",
      ],
    });
  });

  it("refuses text that is not a journey, or a task outside any section", () => {
    expect(importMermaidJourney("flowchart LR\n  A --> B")).toEqual({
      ok: false,
      errors: ['line 1: a Mermaid journey starts with "journey", found "flowchart LR"'],
    });
    expect(importMermaidJourney("\n\n")).toEqual({
      ok: false,
      errors: ['line 1: the text is empty, a Mermaid journey starts with "journey"'],
    });
    expect(importMermaidJourney("journey\r\n  Make tea: 5: Me\r\n")).toEqual({
      ok: false,
      errors: ['line 2: the task "Make tea" comes before any section'],
    });
  });
});

describe("Mermaid round trip", () => {
  const roundTrip = (text: string): string => {
    const imported = importMermaidJourney(text, countingIds());
    if (!imported.ok) throw new Error(imported.errors.join("\n"));
    return exportMermaidJourney(imported.value);
  };
  /** Task lines with the score blanked: what survives whatever the scores. */
  const withoutScores = (text: string): string[] =>
    text.split("\n").map((line) => (line.startsWith("    ") ? line.replace(/^([^:]*): [1-5]/, "$1: _") : line));

  it("keeps an exported text as it is when a stage's tasks share a score", () => {
    const text = [
      "journey",
      "  title Shop",
      "  section Decision",
      "    Checkout: 4: Ann, Bob",
      "    Help: 4: Ann, Bob",
      "  section Empty",
      "",
    ].join("\n");
    expect(roundTrip(text)).toBe(text);
  });

  it("export → import → export is stable for any map: same text but scores, then a fixed point", () => {
    fc.assert(
      fc.property(journeyMapArbitrary({ maxFeedback: 15 }), (map: JourneyMap) => {
        const first = exportMermaidJourney(map);
        const second = roundTrip(first);
        expect(withoutScores(second)).toEqual(withoutScores(first));
        expect(roundTrip(second)).toBe(second);
      }),
      { numRuns: 200 },
    );
  }, 30_000);

  it("export → import → export gives the same text for a map without feedback", () => {
    fc.assert(
      fc.property(journeyMapArbitrary({ maxFeedback: 0 }), (map: JourneyMap) => {
        const first = exportMermaidJourney(map);
        expect(roundTrip(first)).toBe(first);
      }),
      { numRuns: 200 },
    );
  }, 30_000);
});

describe("Mermaid from elsewhere (test/fixtures/mermaid/)", () => {
  const fixture = (name: string) => readFileSync(new URL(`../fixtures/mermaid/${name}`, import.meta.url), "utf8");

  it("refuses scores outside 1–5 or not written as plain numbers, naming each, never clamping", () => {
    expect(importMermaidJourney(fixture("scores-out-of-range.mmd"))).toEqual({
      ok: false,
      errors: [
        'line 4: the score of "Pay" must be a number from 1 to 5, found "0x10"',
        'line 5: the score of "Ship" must be a number from 1 to 5, found "100"',
        'line 6: the score of "Track" must be a number from 1 to 5, found "1e308"',
        'line 7: the score of "Return" must be a number from 1 to 5, found "0"',
        'line 9: the score of "Review" must be a number from 1 to 5, found "-2"',
      ],
    });
  });

  it("refuses lines holding a NUL byte or a text-direction override, naming the character", () => {
    expect(importMermaidJourney(fixture("hidden-characters.mmd"))).toEqual({
      ok: false,
      errors: [
        "line 3: the line holds an invisible character (U+202E, a right-to-left override) that makes it read differently from what it holds: remove it",
        "line 5: the line holds an invisible character (U+0000, a NUL byte) that makes it read differently from what it holds: remove it",
        "line 7: the line holds an invisible character (U+2066, a text-direction mark) that makes it read differently from what it holds: remove it",
      ],
    });
  });

  it("exports a note holding such characters without them, so the export imports back", () => {
    const map = buildMap({
      stages: [stage("s", "Decide")],
      notes: [{ id: "n", laneId: "lane_0", stageId: "s", text: "Pay\u0000 by card\u202E" }],
    });
    const text = exportMermaidJourney(map);
    expect(text).toContain("    Pay by card: 3\n");
    expect(importMermaidJourney(text).ok).toBe(true);
  });
});
