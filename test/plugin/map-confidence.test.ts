/**
 * How sure the map's figures are, and which importance its gap chart draws, against the emulator:
 * a stage's CSAT and NPS carry the half-width of their 95% interval as a quiet "± x" beside them,
 * performance in the gap chart too, and a journey set to derived importance says so on the chart.
 * The figures are worked out by hand from the journey below (test/shared/importance.test.ts has the
 * same respondents).
 */
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { JourneyMap } from "../../shared/model";
import { NAMESPACE } from "../../plugin/plugin-data";
import { NPS, outcomeSurvey, rated, stage } from "../shared/builders";
import { ask, launchPlugin } from "./harness";

const keyOf = (node: BaseNode) => node.getSharedPluginData(NAMESPACE, "key");

function find(page: PageNode, key: string): SceneNode[] {
  return page.findAll((n) => keyOf(n) === key);
}

function textNode(page: PageNode, key: string): TextNode {
  const [node, ...more] = find(page, key);
  if (node?.type !== "TEXT" || more.length > 0) throw new Error(`expected one text with key "${key}"`);
  return node;
}

function colour(node: TextNode): string {
  const paints = node.fills;
  if (typeof paints === "symbol" || paints[0]?.type !== "SOLID") return "none";
  const { r, g, b } = paints[0].color;
  return `#${[r, g, b].map((v) => Math.round(v * 255).toString(16).padStart(2, "0")).join("")}`.toUpperCase();
}

/**
 * Delivery: touchpoints A (stated 2) and B (stated 5), 1–5 stars A 1, 3, 2, 4, 5 and B 3, 1, 5, 2, 4.
 * Support: C (stated 4) 2, 4, 5 and the outcome 1…5. Advocacy: ten 0–10 ratings, no touchpoint.
 */
function journey(importance?: "derived"): JourneyMap {
  const survey = outcomeSurvey();
  const nps = [10, 9, 9, 10, 9, 8, 7, 7, 3, 0].map((rating, i) => rated(`n_${i}`, rating, NPS, { stageId: "s3" }));
  const map = { ...survey, stages: [...survey.stages, stage("s3", "Advocacy"), stage("s4", "Renewal")], feedback: [...survey.feedback, ...nps] };
  return importance === undefined ? map : { ...map, settings: { ...map.settings, importance } };
}

async function drawn(model: JourneyMap): Promise<PageNode> {
  const plugin = await launchPlugin();
  const reply = await ask(plugin, { type: "generate-map", model });
  expect(reply.kind).toBe("generated");
  return plugin.emulator.figma.currentPage;
}

beforeEach(() => {
  vi.useFakeTimers({ toFake: ["Date"] });
  vi.setSystemTime(new Date(2026, 10, 22, 12, 0));
});
afterEach(() => {
  vi.useRealTimers();
});

describe("the map's quiet ±", () => {
  it("writes each stage's CSAT and NPS with the half-width of its 95% interval, quieter than the figure", async () => {
    const page = await drawn(journey());
    // Delivery: 4 of 10 ratings are 4 or 5: CSAT 40%; Wilson half-width
    // 100 × 1.959964 × √(0.024 + 3.841459/400) / (1 + 0.3841459) = 25.96 → "± 26".
    expect(textNode(page, "stage/s1/figures/csat/value").characters).toBe("CSAT 40%");
    const margin = textNode(page, "stage/s1/figures/csat/margin");
    expect(margin.characters).toBe("± 26");
    expect(margin.name).toBe("Margin");
    // Quiet: meta type (11 Medium) in the secondary text colour, the figure in the primary one.
    expect([margin.fontSize, margin.fontName, colour(margin)]).toEqual([11, { family: "Inter", style: "Medium" }, "#5B6470"]);
    expect(colour(textNode(page, "stage/s1/figures/csat/value"))).toBe("#1F2329");
    // Support: 4 of 8 → 50%; 100 × z × √(0.03125 + 3.841459/256) / (1 + 0.480182) = 28.48 → "± 28".
    expect(textNode(page, "stage/s2/figures/csat/margin").characters).toBe("± 28");
    // Advocacy: 5 promoters, 2 detractors of 10: NPS 30; 100 × z × √((0.7 − 0.09)/10) = 48.41 → "± 48".
    expect(textNode(page, "stage/s3/figures/nps/value").characters).toBe("NPS 30");
    expect(textNode(page, "stage/s3/figures/nps/margin").characters).toBe("± 48");
    expect(find(page, "stage/s3/figures/csat")).toEqual([]);
    // Renewal has no ratings: no figures at all.
    expect(find(page, "stage/s4/figures")).toEqual([]);
    expect(find(page, "stage/s1/figures")[0]?.name).toBe("Figures");
  }, 20_000);

  it("writes performance's t interval beside its bar in the gap chart", async () => {
    const page = await drawn(journey());
    // Delivery: s = 0, ½, ¼, ¾, 1, ½, 0, 1, ¼, ¾: mean ½ → P = 3; Σ(s − ½)² = 1.25, s² = 1.25/9;
    // 4 × t₀.₉₇₅,₉ (2.2621572) × 0.372678 / √10 = 1.066 → "± 1.1".
    expect(textNode(page, "gapChart/s1/performance/value").characters).toBe("3");
    expect(textNode(page, "gapChart/s1/performance/margin").characters).toBe("± 1.1");
    expect(find(page, "gapChart/s1/importance/margin")).toEqual([]);
    expect(find(page, "gapChart/s4/performance/margin")).toEqual([]); // no data, no margin
    expect(textNode(page, "gapChart/legend/margin").characters).toBe("± 95% interval");
  }, 20_000);
});

describe("derived importance on the gap chart", () => {
  it("draws the stated importance, unmarked, by default", async () => {
    const page = await drawn(journey());
    expect(textNode(page, "gapChart/legend/importance/label").characters).toBe("Importance");
    expect(textNode(page, "gapChart/s1/importance/value").characters).toBe("3.5"); // (2 + 5)/2
    expect(textNode(page, "gapChart/subtitle").characters).toMatch(/^Importance against performance/);
  }, 20_000);

  it("draws derived importance, marked as such, when the journey is set to it", async () => {
    const page = await drawn(journey("derived"));
    expect(textNode(page, "gapChart/legend/importance/label").characters).toBe("Derived importance");
    expect(textNode(page, "gapChart/subtitle").characters).toMatch(/^Derived importance \(1 \+ 4 × each touchpoint's correlation with Overall satisfaction/);
    // Delivery: A has r = 0.9 → 4.6, B r = 0.3 → 2.2: (4.6 + 2.2)/2 = 3.4; gap 3.4 − 3 = +0.4, met.
    expect(textNode(page, "gapChart/s1/importance/value").characters).toBe("3.4");
    expect(textNode(page, "gapChart/s1/gap/value").characters).toBe("+0.4");
    expect(textNode(page, "gapChart/s1/gap/verdict").characters).toBe("met");
    // Support: C too few (3 answered both) keeps 4, the outcome keeps 3: 3.5 either way.
    expect(textNode(page, "gapChart/s2/importance/value").characters).toBe("3.5");
  }, 20_000);
});
