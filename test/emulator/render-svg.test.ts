/**
 * The SVG drawing of the emulated canvas: layout applied, texts present and escaped, hidden
 * nodes left out, well-formed markup.
 */
import { beforeEach, describe, expect, it } from "vitest";
import { createFigmaEmulator, renderSvg, type FigmaEmulator } from "./emulator";

let emulator: FigmaEmulator;
let figma: PluginAPI;

beforeEach(async () => {
  emulator = createFigmaEmulator();
  figma = emulator.figma;
  await Promise.all(["Regular", "Semi Bold", "Bold"].map((style) => figma.loadFontAsync({ family: "Inter", style })));
});

/** Checks that tags nest and close, and that text holds no raw markup characters. */
function assertWellFormed(svg: string): void {
  const stack: string[] = [];
  const tag = /<(\/?)([a-zA-Z][\w:-]*)((?:\s+[\w:-]+="[^"<]*")*)\s*(\/?)>/g;
  let last = 0;
  for (let match = tag.exec(svg); match !== null; match = tag.exec(svg)) {
    const between = svg.slice(last, match.index);
    expect(between).not.toMatch(/[<>]|&(?!(amp|lt|gt|quot|#39);)/);
    last = tag.lastIndex;
    const [, closing, name, , selfClosing] = match;
    if (!name) throw new Error("tag without name");
    if (closing) expect(stack.pop()).toBe(name);
    else if (!selfClosing) stack.push(name);
  }
  expect(svg.slice(last)).toBe("");
  expect(stack).toEqual([]);
}

function painPointCard(): { card: FrameNode; title: TextNode; note: TextNode } {
  const card = figma.createFrame();
  card.name = "Pain point: <Slow> search & filters";
  card.layoutMode = "VERTICAL";
  card.paddingLeft = card.paddingRight = card.paddingTop = card.paddingBottom = 12;
  card.itemSpacing = 8;
  card.cornerRadius = 8;
  card.fills = [{ type: "SOLID", color: { r: 0xe3 / 255, g: 0xf5 / 255, b: 0xe9 / 255 } }];
  card.strokes = [{ type: "SOLID", color: { r: 0x2e / 255, g: 0x9e / 255, b: 0x5b / 255 } }];
  card.resize(280, 10);
  card.primaryAxisSizingMode = "AUTO";
  const title = figma.createText();
  title.fontName = { family: "Inter", style: "Semi Bold" };
  title.characters = "Search <script>alert(1)</script> & filters are slow";
  card.appendChild(title);
  title.layoutSizingHorizontal = "FILL";
  const note = figma.createText();
  note.characters = "Seen in 34 tickets";
  card.appendChild(note);
  return { card, title, note };
}

describe("renderSvg", () => {
  it("draws a frame with its texts, escaped, in a well-formed standalone SVG", () => {
    const { card } = painPointCard();
    const svg = renderSvg(card);
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    assertWellFormed(svg);
    expect(svg).toContain("Search &lt;script&gt;alert(1)&lt;/script&gt; &amp; filters are slow");
    expect(svg).not.toContain("<script>");
    expect(svg).toContain("Seen in 34 tickets");
    expect(svg).toContain('data-name="Pain point: &lt;Slow&gt; search &amp; filters"');
    expect(svg).toContain('fill="rgb(227,245,233)"');
    expect(svg).toContain('stroke="rgb(46,158,91)"');
    expect(svg).toContain('rx="8"');
    expect(svg).toContain('font-weight="600"');
    expect(svg).toContain("<clipPath");
  });

  it("wraps long text into lines and applies text case and letter spacing", () => {
    const { card, title } = painPointCard();
    title.textCase = "UPPER";
    title.letterSpacing = { unit: "PERCENT", value: 4 };
    const svg = renderSvg(card);
    expect(svg).toContain("SEARCH");
    expect(svg).toContain('letter-spacing="0.48"');
    const titleGroup = svg.slice(svg.indexOf(`data-id="${title.id}"`));
    const lines = titleGroup.slice(0, titleGroup.indexOf("</g>")).match(/<text /g) ?? [];
    expect(lines.length).toBeGreaterThan(1);
  });

  it("leaves hidden nodes out", () => {
    const { card, note } = painPointCard();
    note.visible = false;
    expect(renderSvg(card)).not.toContain("Seen in 34 tickets");
  });

  it("draws ellipses, lines and vectors with their strokes", () => {
    const frame = figma.createFrame();
    frame.clipsContent = false;
    const dot = figma.createEllipse();
    dot.resize(12, 12);
    const line = figma.createLine();
    line.strokeWeight = 3;
    line.strokes = [{ type: "SOLID", color: { r: 0x2f / 255, g: 0x6f / 255, b: 0xe4 / 255 } }];
    const curve = figma.createVector();
    curve.vectorPaths = [{ windingRule: "NONE", data: "M 0 10 C 10 0 20 20 30 10" }];
    curve.strokeWeight = 3;
    curve.fills = [];
    for (const node of [dot, line, curve]) frame.appendChild(node);
    const svg = renderSvg(frame);
    assertWellFormed(svg);
    expect(svg).toContain("<ellipse");
    expect(svg).toMatch(/<line [^>]*stroke="rgb\(47,111,228\)" stroke-width="3"/);
    expect(svg).toContain('d="M 0 10 C 10 0 20 20 30 10"');
    expect(svg).not.toContain("<clipPath");
  });

  it("renders the current page by default, and exportAsync gives the same SVG", async () => {
    const { card } = painPointCard();
    expect(emulator.renderSvg()).toContain("Seen in 34 tickets");
    expect(await card.exportAsync({ format: "SVG_STRING" })).toBe(renderSvg(card));
    await expect(card.exportAsync({ format: "PNG" })).rejects.toThrow(/only exports SVG/);
  });
});
