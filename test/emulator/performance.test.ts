/**
 * The emulator must keep up with the plugin's benchmark: a map of ~5,000 nodes built, read and
 * re-scored without layout work growing with the square of the map.
 */
import { describe, expect, it } from "vitest";
import { createFigmaEmulator } from "./emulator";

function buildMap(figma: PluginAPI, lanes: number, stages: number, cardsPerCell: number): { map: FrameNode; scores: TextNode[] } {
  const map = figma.createFrame();
  map.name = "Journey map — Checkout";
  map.layoutMode = "VERTICAL";
  map.counterAxisSizingMode = "AUTO";
  map.itemSpacing = 32;
  const scores: TextNode[] = [];
  for (let lane = 0; lane < lanes; lane++) {
    const row = figma.createFrame();
    row.name = `Lane ${lane}`;
    row.layoutMode = "HORIZONTAL";
    row.counterAxisSizingMode = "AUTO";
    map.appendChild(row);
    const label = figma.createText();
    label.characters = `Lane ${lane}`;
    row.appendChild(label);
    for (let stage = 0; stage < stages; stage++) {
      const cell = figma.createFrame();
      cell.name = `Lane ${lane} · Stage ${stage}`;
      cell.layoutMode = "VERTICAL";
      cell.resize(280, 10);
      cell.primaryAxisSizingMode = "AUTO";
      cell.itemSpacing = 8;
      row.appendChild(cell);
      cell.layoutSizingVertical = "FILL";
      for (let c = 0; c < cardsPerCell; c++) {
        const card = figma.createFrame();
        card.name = "Pain point";
        card.layoutMode = "VERTICAL";
        card.paddingLeft = card.paddingRight = card.paddingTop = card.paddingBottom = 12;
        card.setPluginData("entityId", `${lane}-${stage}-${c}`);
        cell.appendChild(card);
        card.layoutSizingHorizontal = "FILL";
        const title = figma.createText();
        title.characters = "Customers cannot find the delivery costs before the last step";
        card.appendChild(title);
        title.layoutSizingHorizontal = "FILL";
        const scoreRow = figma.createFrame();
        scoreRow.layoutMode = "HORIZONTAL";
        scoreRow.counterAxisSizingMode = "AUTO";
        scoreRow.itemSpacing = 8;
        card.appendChild(scoreRow);
        for (const name of ["Severity", "Frequency", "Effort"]) {
          const score = figma.createText();
          score.name = name;
          score.characters = "3";
          scoreRow.appendChild(score);
          scores.push(score);
        }
      }
    }
  }
  return { map, scores };
}

describe("performance", () => {
  it("builds, lays out and re-scores a 5,000-node map quickly, laying the map out once per read after a change", async () => {
    const emulator = createFigmaEmulator();
    const { figma, stats } = emulator;
    await figma.loadFontAsync({ family: "Inter", style: "Regular" });
    const started = performance.now();
    const { map, scores } = buildMap(figma, 12, 6, 12);
    const built = performance.now();
    expect(stats.nodesCreated).toBeGreaterThan(5000);
    expect(map.height).toBeGreaterThan(0);
    const laidOut = performance.now();

    // Re-score: read every card, change some numbers, read the map size after each change.
    stats.resetWrites();
    const passesBefore = stats.layoutPasses;
    const cards = map.findAllWithCriteria({ pluginData: { keys: ["entityId"] } });
    expect(cards.length).toBe(12 * 6 * 12);
    for (let i = 0; i < 50; i++) {
      const score = scores[i * 7];
      if (!score) throw new Error("missing score");
      score.characters = String((i % 5) + 1);
      void map.height;
    }
    const rescored = performance.now();
    expect(stats.layoutPasses - passesBefore).toBe(50);
    expect(stats.writtenNodeIds.size).toBe(50);

    // Generous bounds: a quadratic layout would take minutes here.
    expect(built - started).toBeLessThan(5000);
    expect(laidOut - built).toBeLessThan(2000);
    expect(rescored - laidOut).toBeLessThan(5000);
  });
});
