/**
 * `npm run preview`: the real plugin code on the emulator draws the map from a CSV alone (stages
 * from the file, as `analyze` does) or from a saved journey, and writes it as SVG.
 */
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parsePreviewArguments, runPreview } from "../../scripts/preview";
import { sampleJourney } from "./harness";

const examples = path.resolve(import.meta.dirname, "../../examples");

describe("the map preview", () => {
  it("draws the map of a feedback CSV alone, its stages taken from the file, with the frames beside it", async () => {
    const out = path.join(mkdtempSync(path.join(tmpdir(), "preview-")), "map.svg");
    const lines: string[] = [];
    const summary = await runPreview(["--feedback", path.join(examples, "sample-feedback.csv"), "--out", out], (l) => lines.push(l));
    expect(summary).toMatch(/^wrote .*map\.svg: "sample-feedback", \d+ stages, 0 pain points$/);
    expect(lines[0]).toMatch(/^imported \d+ of \d+ feedback rows/);
    const svg = readFileSync(out, "utf8");
    expect(svg.startsWith("<svg")).toBe(true);
    for (const stage of sampleJourney().stages) expect(svg).toContain(`>${stage.name}<`);
    for (const title of ["sample-feedback", "Priority matrix", "Gap chart"]) expect(svg).toContain(`>${title}<`);
  });

  it("refuses arguments it cannot use, in one line", () => {
    expect(() => parsePreviewArguments(["--out", "map.svg"])).toThrow(/give a feedback file, a map, or both/);
    expect(() => parsePreviewArguments(["--map", "j.json", "--out", "map.pdf"])).toThrow(/--out must name a \.svg or \.png file/);
    expect(() => parsePreviewArguments(["--map", "j.json", "--out", "m.svg", "--editor", "sketch"])).toThrow(/--editor must be figma or figjam/);
    expect(parsePreviewArguments(["--map", "j.json", "--out", "m.png"])).toEqual({ feedback: null, map: "j.json", out: "m.png", editor: "figma" });
  });
});
