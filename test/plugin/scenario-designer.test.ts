/**
 * Scenario, designer: "one click gives a clean frame; changing data and re-generating updates the
 * frame without wiping their styling or their own additions".
 */
import { describe, expect, it } from "vitest";
import { solid } from "../../plugin/render/style";
import { copyOf, generate, keyOf, nodeByKey, textByKey, userActs } from "./canvas-actions";
import { launchPlugin, sampleJourney } from "./harness";

describe("scenario: a designer re-generates a map they have worked on", () => {
  it("keeps their note in a cell and their card colour, and shows the new data", async () => {
    const plugin = await launchPlugin();
    const { emulator } = plugin;
    const figma = emulator.figma;
    const model = sampleJourney();

    // 1. Generate.
    const frame = await generate(plugin, model);

    // 2. Add a note of their own inside a cell (a yellow square with a text on it) …
    const cell = nodeByKey<FrameNode>(frame, "cell/lane_pain_points/stage_checkout");
    await figma.loadFontAsync({ family: "Inter", style: "Regular" });
    let note: FrameNode | null = null;
    userActs(emulator, () => {
      const sticky = figma.createFrame();
      sticky.name = "Designer note";
      sticky.layoutMode = "VERTICAL";
      sticky.fills = solid("#FFF3B0");
      const text = figma.createText();
      text.characters = "Check this flow with legal";
      sticky.appendChild(text);
      cell.appendChild(sticky);
      note = sticky;
    });
    // 3. … and recolour a card.
    const card = nodeByKey<FrameNode>(frame, "painPoint/pp_shipping_cost");
    userActs(emulator, () => {
      card.fills = solid("#FFD6E7");
    });

    // 4. Change the data: a renamed pain point, new scores, a new note, a removed opportunity.
    const next = copyOf(model);
    const shipping = next.painPoints.find((p) => p.id === "pp_shipping_cost");
    if (!shipping) throw new Error("sample changed");
    shipping.title = "Delivery cost appears only at payment";
    shipping.severity = 5;
    const firstNote = next.notes[0];
    if (!firstNote) throw new Error("sample changed");
    next.notes.push({ ...firstNote, id: "note_designer", text: "Looks for a size chart in the app" });
    const dropped = next.opportunities.pop();
    if (!dropped) throw new Error("sample changed");

    // 5. Re-generate.
    const again = await generate(plugin, next);

    expect(again).toBe(frame);
    // Their note is where they put it, with its text; their colour is kept.
    expect(note).not.toBeNull();
    expect((note as FrameNode | null)?.parent).toBe(cell);
    expect(cell.children.at(-1)).toBe(note);
    expect(((note as FrameNode | null)?.children[0] as TextNode).characters).toBe("Check this flow with legal");
    expect(card.fills).toMatchObject([{ type: "SOLID", color: solid("#FFD6E7")[0]?.color }]);
    // The texts are new.
    expect(textByKey(frame, "painPoint/pp_shipping_cost/title").characters).toBe("Delivery cost appears only at payment");
    expect(textByKey(frame, "painPoint/pp_shipping_cost/severity").characters).toBe("5");
    expect(textByKey(frame, "note/note_designer/text").characters).toBe("Looks for a size chart in the app");
    expect(frame.findAll((n) => keyOf(n) === `opportunity/${dropped.id}`)).toEqual([]);
  });
});
