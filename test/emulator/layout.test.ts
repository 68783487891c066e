/**
 * Auto layout and text measurement: the numbers a plugin reads back (x, y, width, height,
 * absoluteBoundingBox) after building frames.
 */
import fc from "fast-check";
import { beforeEach, describe, expect, it } from "vitest";
import { createFigmaEmulator, type FigmaEmulator } from "./emulator";
import { TextContent } from "./text-content";
import { glyphAdvance, layoutTextBlock } from "./text-metrics";
import { defaultTextStyle } from "./nodes/text-props";

let emulator: FigmaEmulator;
let figma: PluginAPI;

beforeEach(async () => {
  emulator = createFigmaEmulator();
  figma = emulator.figma;
  await Promise.all([
    figma.loadFontAsync({ family: "Inter", style: "Regular" }),
    figma.loadFontAsync({ family: "Inter", style: "Bold" }),
  ]);
});

function rect(width: number, height: number, parent?: FrameNode): RectangleNode {
  const r = figma.createRectangle();
  r.resize(width, height);
  parent?.appendChild(r);
  return r;
}

function frame(mode: "HORIZONTAL" | "VERTICAL", padding = 0, spacing = 0): FrameNode {
  const f = figma.createFrame();
  f.layoutMode = mode;
  f.paddingLeft = f.paddingRight = f.paddingTop = f.paddingBottom = padding;
  f.itemSpacing = spacing;
  return f;
}

function text(characters: string, parent?: FrameNode): TextNode {
  const t = figma.createText();
  t.characters = characters;
  parent?.appendChild(t);
  return t;
}

describe("auto layout", () => {
  it("a vertical frame hugs its children's height with padding and spacing, keeping its fixed width", () => {
    const f = frame("VERTICAL", 16, 8);
    const a = rect(50, 20, f);
    const b = rect(60, 30, f);
    expect([f.width, f.height]).toEqual([100, 16 + 20 + 8 + 30 + 16]);
    expect([a.x, a.y, b.x, b.y]).toEqual([16, 16, 16, 44]);
    expect(f.primaryAxisSizingMode).toBe("AUTO");
    expect(f.counterAxisSizingMode).toBe("FIXED");
    expect(f.layoutSizingVertical).toBe("HUG");
    expect(f.layoutSizingHorizontal).toBe("FIXED");
  });

  it("a horizontal frame hugging both axes sums widths and takes the tallest child", () => {
    const f = frame("HORIZONTAL", 10, 4);
    f.counterAxisSizingMode = "AUTO";
    rect(30, 10, f);
    rect(40, 50, f);
    rect(20, 5, f);
    expect([f.width, f.height]).toEqual([10 + 30 + 4 + 40 + 4 + 20 + 10, 10 + 50 + 10]);
  });

  it("aligns children on the counter axis (MIN, CENTER, MAX)", () => {
    const f = frame("HORIZONTAL");
    f.resize(200, 100);
    const r = rect(20, 40, f);
    expect(r.y).toBe(0);
    f.counterAxisAlignItems = "CENTER";
    expect(r.y).toBe(30);
    f.counterAxisAlignItems = "MAX";
    expect(r.y).toBe(60);
  });

  it("aligns children on the primary axis (CENTER, MAX, SPACE_BETWEEN)", () => {
    const f = frame("HORIZONTAL", 10, 5);
    f.resize(200, 50);
    const a = rect(20, 10, f);
    const b = rect(30, 10, f);
    f.primaryAxisAlignItems = "CENTER";
    // inner 180, content 20 + 5 + 30 = 55, free 125
    expect([a.x, b.x]).toEqual([10 + 62.5, 10 + 62.5 + 25]);
    f.primaryAxisAlignItems = "MAX";
    expect([a.x, b.x]).toEqual([10 + 125, 10 + 125 + 25]);
    f.primaryAxisAlignItems = "SPACE_BETWEEN";
    expect([a.x, b.x]).toEqual([10, 200 - 10 - 30]);
  });

  it("FILL children share the free space of a fixed-width row equally (layoutGrow 1)", () => {
    const f = frame("HORIZONTAL", 10, 10);
    f.resize(300, 40);
    rect(50, 20, f);
    const b = rect(10, 20, f);
    const c = rect(10, 20, f);
    b.layoutSizingHorizontal = "FILL";
    c.layoutSizingHorizontal = "FILL";
    expect(b.layoutGrow).toBe(1);
    expect([b.width, c.width]).toEqual([105, 105]);
    expect([b.x, c.x]).toEqual([70, 185]);
  });

  it("FILL on the counter axis stretches to the inner width (layoutAlign STRETCH)", () => {
    const f = frame("VERTICAL", 12, 0);
    f.resize(200, 100);
    const r = rect(10, 10, f);
    r.layoutSizingHorizontal = "FILL";
    expect(r.layoutAlign).toBe("STRETCH");
    expect(r.width).toBe(176);
    expect(r.layoutSizingHorizontal).toBe("FILL");
  });

  it("layoutSizing FILL on an auto-layout frame is a shorthand that also makes that axis FIXED: a HUG set before is gone", () => {
    const row = frame("HORIZONTAL", 0, 8);
    row.resize(400, 200);
    const cell = frame("VERTICAL", 12, 0);
    row.appendChild(cell);
    rect(100, 40, cell);
    cell.layoutSizingVertical = "HUG";
    expect(cell.primaryAxisSizingMode).toBe("AUTO");
    cell.layoutSizingVertical = "FILL";
    expect(cell.layoutAlign).toBe("STRETCH");
    expect(cell.primaryAxisSizingMode).toBe("FIXED");
    expect(cell.height).toBe(200);
    // Leaving FILL for FIXED keeps the filled size, not the hugged one.
    cell.layoutSizingVertical = "FIXED";
    expect([cell.layoutSizingVertical, cell.height]).toEqual(["FIXED", 200]);
    cell.layoutSizingHorizontal = "FILL";
    expect([cell.counterAxisSizingMode, cell.layoutGrow, cell.width]).toEqual(["FIXED", 1, 400]);
  });

  it("a hugging row whose cells all FILL its height has nothing to hug: it collapses to its padding, and the stats say so", () => {
    const row = frame("HORIZONTAL", 4, 8);
    row.counterAxisSizingMode = "AUTO";
    const cells = [40, 80, 10].map((contentHeight) => {
      const cell = frame("VERTICAL", 12, 0);
      rect(100, contentHeight, cell);
      row.appendChild(cell);
      cell.layoutSizingVertical = "HUG";
      cell.layoutSizingVertical = "FILL";
      return cell;
    });
    expect(row.layoutSizingVertical).toBe("HUG");
    expect(row.height).toBe(8);
    expect(cells.map((c) => c.height)).toEqual([0, 0, 0]);
    expect([...emulator.stats.collapsedHugs]).toEqual([`${row.id} height`]);
    // One cell that hugs gives the row its height; the filling cells stretch to it.
    const first = cells[0];
    if (!first) throw new Error("no cell");
    first.layoutSizingVertical = "HUG";
    expect(row.height).toBe(4 + 12 + 40 + 12 + 4);
    expect(cells.map((c) => c.height)).toEqual([64, 64, 64]);
    expect(emulator.stats.collapsedHugs.size).toBe(0);
  });

  it("a filling child gives a hugging frame no size on its primary axis either", () => {
    const row = frame("HORIZONTAL", 10, 10);
    row.counterAxisSizingMode = "AUTO";
    rect(50, 20, row);
    const grower = rect(30, 20, row);
    grower.layoutSizingHorizontal = "FILL";
    // The hug leaves no free space: the grower is as small as it may be, its gap still counts.
    expect(row.width).toBe(10 + 50 + 10 + 10);
    expect(grower.width).toBe(0);
    grower.minWidth = 16;
    expect(grower.width).toBe(16);
  });

  it("a hugging stack whose texts all FILL its width collapses to its padding; a fixed width gives them room", () => {
    const stack = frame("VERTICAL", 8, 0);
    stack.counterAxisSizingMode = "AUTO";
    const t = text("a long title that would like to wrap", stack);
    t.layoutSizingHorizontal = "FILL";
    expect(stack.width).toBe(16);
    expect(emulator.stats.collapsedHugs.has(`${stack.id} width`)).toBe(true);
    stack.layoutSizingHorizontal = "FIXED";
    stack.resize(120, stack.height);
    expect(t.width).toBe(104);
    expect(t.height).toBeGreaterThan(20);
  });

  it("an absolutely positioned child keeps its place and does not count for hugging", () => {
    const f = frame("VERTICAL", 0, 0);
    rect(50, 20, f);
    const badge = rect(24, 24, f);
    badge.layoutPositioning = "ABSOLUTE";
    badge.x = 80;
    badge.y = -8;
    expect(f.height).toBe(20);
    expect([badge.x, badge.y]).toEqual([80, -8]);
  });

  it("hidden children take no space", () => {
    const f = frame("VERTICAL", 0, 10);
    rect(10, 20, f);
    const hidden = rect(10, 30, f);
    rect(10, 40, f);
    expect(f.height).toBe(20 + 10 + 30 + 10 + 40);
    hidden.visible = false;
    expect(f.height).toBe(20 + 10 + 40);
  });

  it("resize() makes an auto-layout frame stop hugging on both axes", () => {
    const f = frame("VERTICAL", 0, 0);
    f.counterAxisSizingMode = "AUTO";
    rect(10, 20, f);
    f.resize(300, 200);
    expect([f.primaryAxisSizingMode, f.counterAxisSizingMode]).toEqual(["FIXED", "FIXED"]);
    expect([f.width, f.height]).toEqual([300, 200]);
  });

  it("setting x on an auto-layout child does nothing; turning auto layout off keeps positions", () => {
    const f = frame("VERTICAL", 10, 10);
    rect(10, 10, f);
    const b = rect(10, 10, f);
    b.x = 500;
    expect([b.x, b.y]).toEqual([10, 30]);
    f.layoutMode = "NONE";
    expect([b.x, b.y]).toEqual([10, 30]);
    b.x = 500;
    expect(b.x).toBe(500);
  });

  it("wraps a horizontal frame into lines when layoutWrap is WRAP", () => {
    const f = frame("HORIZONTAL", 0, 10);
    f.resize(100, 10);
    f.counterAxisSizingMode = "AUTO";
    f.layoutWrap = "WRAP";
    f.counterAxisSpacing = 5;
    const boxes = [40, 40, 40].map((w) => rect(w, 20, f));
    expect(boxes.map((b) => [b.x, b.y])).toEqual([
      [0, 0],
      [50, 0],
      [0, 25],
    ]);
    expect(f.height).toBe(45);
  });

  it("gives absolute positions through nested frames", () => {
    const outer = figma.createFrame();
    outer.x = 100;
    outer.y = 200;
    const inner = frame("VERTICAL", 8, 0);
    outer.appendChild(inner);
    inner.x = 10;
    inner.y = 20;
    const r = rect(30, 40, inner);
    expect(r.absoluteBoundingBox).toEqual({ x: 118, y: 228, width: 30, height: 40 });
    expect(r.absoluteTransform).toEqual([
      [1, 0, 118],
      [0, 1, 228],
    ]);
  });

  it("accounts for rotation in the bounding box", () => {
    const line = figma.createLine();
    line.resize(50, 0);
    line.rotation = -90;
    expect(line.absoluteBoundingBox).toEqual({ x: 0, y: 0, width: 0, height: 50 });
  });

  it("a child moved out of a FILL keeps the size it had", () => {
    const f = frame("VERTICAL", 0, 0);
    f.resize(240, 100);
    const r = rect(10, 10, f);
    r.layoutSizingHorizontal = "FILL";
    expect(r.width).toBe(240);
    figma.currentPage.appendChild(r);
    expect(r.width).toBe(240);
    expect(r.layoutSizingHorizontal).toBe("FIXED");
  });
});

describe("text measurement", () => {
  it("a new text node is Inter Regular 12 and grows with its characters (0.56 em per glyph, line 1.2 em)", () => {
    const t = text("abcd");
    expect(t.fontName).toEqual({ family: "Inter", style: "Regular" });
    expect(t.fontSize).toBe(12);
    expect(t.textAutoResize).toBe("WIDTH_AND_HEIGHT");
    expect(t.width).toBeCloseTo(4 * 0.56 * 12, 6);
    expect(t.height).toBeCloseTo(14.4, 6);
  });

  it("capitals, bold and letter spacing make text wider", () => {
    const lower = text("abcd");
    const upper = text("abcd");
    upper.textCase = "UPPER";
    const bold = text("abcd");
    bold.fontName = { family: "Inter", style: "Bold" };
    const spaced = text("abcd");
    spaced.letterSpacing = { unit: "PERCENT", value: 10 };
    expect(upper.width).toBeGreaterThan(lower.width);
    expect(bold.width).toBeGreaterThan(lower.width);
    expect(spaced.width).toBeCloseTo(lower.width + 4 * 1.2, 6);
  });

  it("wraps at the width when textAutoResize is HEIGHT, and uses lineHeight", () => {
    const t = text("aaaa bbbb cccc");
    t.textAutoResize = "HEIGHT";
    t.resize(60, 10);
    t.textAutoResize = "HEIGHT";
    expect(t.width).toBe(60);
    expect(t.height).toBeCloseTo(2 * 14.4, 6);
    t.lineHeight = { unit: "PERCENT", value: 150 };
    expect(t.height).toBeCloseTo(2 * 18, 6);
    t.lineHeight = { unit: "PIXELS", value: 20 };
    expect(t.height).toBe(40);
  });

  it("counts explicit line breaks and truncates to maxLines", () => {
    const t = text("one\ntwo\nthree");
    expect(t.height).toBeCloseTo(3 * 14.4, 6);
    t.textAutoResize = "HEIGHT";
    t.textTruncation = "ENDING";
    t.maxLines = 2;
    expect(t.height).toBeCloseTo(2 * 14.4, 6);
  });

  it("a text that FILLs a card wraps at the card's inner width and the card hugs it", () => {
    const card = frame("VERTICAL", 12, 8);
    card.resize(120, 10);
    card.primaryAxisSizingMode = "AUTO";
    const body = text("word ".repeat(20).trim(), card);
    body.layoutSizingHorizontal = "FILL";
    expect(body.textAutoResize).toBe("HEIGHT");
    expect(body.width).toBe(96);
    // 96 px holds 3 words of 4 glyphs (3 × 26.88 + 2 × 3.36 = 87.36): 20 words → 7 lines.
    expect(body.height).toBeCloseTo(7 * 14.4, 6);
    expect(card.height).toBeCloseTo(12 + 7 * 14.4 + 12, 6);
  });

  it("resize() gives a text node a fixed size", () => {
    const t = text("hello");
    t.resize(200, 50);
    expect(t.textAutoResize).toBe("NONE");
    expect([t.width, t.height]).toEqual([200, 50]);
  });
});

describe("lazy layout", () => {
  it("lays a root out once however many writes came before, and not again until something changes", () => {
    const f = frame("VERTICAL", 8, 8);
    for (let i = 0; i < 50; i++) rect(10, 10, f);
    const before = emulator.stats.layoutPasses;
    expect(f.height).toBe(8 + 50 * 10 + 49 * 8 + 8);
    const after = emulator.stats.layoutPasses;
    expect(after - before).toBe(1);
    for (const child of f.children) void child.y;
    expect(emulator.stats.layoutPasses).toBe(after);
    (f.children[0] as RectangleNode).resize(10, 20);
    expect(f.height).toBe(8 + 50 * 10 + 49 * 8 + 8 + 10);
    expect(emulator.stats.layoutPasses).toBe(after + 1);
  });
});

describe("properties", () => {
  it("a hugging vertical frame is padding + children + gaps, with children stacked in order", () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ w: fc.integer({ min: 1, max: 400 }), h: fc.integer({ min: 1, max: 200 }) }), { minLength: 1, maxLength: 12 }),
        fc.integer({ min: 0, max: 48 }),
        fc.integer({ min: 0, max: 32 }),
        (sizes, padding, spacing) => {
          const f = frame("VERTICAL", padding, spacing);
          f.counterAxisSizingMode = "AUTO";
          const kids = sizes.map(({ w, h }) => rect(w, h, f));
          const total = sizes.reduce((sum, s) => sum + s.h, 0) + spacing * (sizes.length - 1);
          expect(f.height).toBe(2 * padding + total);
          expect(f.width).toBe(2 * padding + Math.max(...sizes.map((s) => s.w)));
          let y = padding;
          kids.forEach((kid, i) => {
            expect([kid.x, kid.y]).toEqual([padding, y]);
            y += (sizes[i]?.h ?? 0) + spacing;
          });
          f.remove();
        },
      ),
      { numRuns: 60 },
    );
  });

  it("wrapped lines keep every character once, in order, and fit the width (long words break)", () => {
    const style = defaultTextStyle();
    const word = fc.string({ minLength: 1, maxLength: 12, unit: fc.constantFrom("a", "b", "m", "W", "1", ".") });
    fc.assert(
      fc.property(fc.array(word, { minLength: 1, maxLength: 30 }), fc.integer({ min: 20, max: 300 }), (words, width) => {
        const content = new TextContent(style);
        content.setCharacters(words.join(" "));
        const block = layoutTextBlock(content, width, { paragraphSpacing: 0, maxLines: null, truncate: false });
        expect(block.lines.map((l) => content.characters.slice(l.start, l.end)).join("")).toBe(content.characters);
        // Every glyph (at most 0.66 × 12 px) is narrower than the narrowest width tried (20 px).
        expect(glyphAdvance("W", style)).toBeLessThan(20);
        for (const line of block.lines) expect(line.width).toBeLessThanOrEqual(width + 1e-6);
        expect(block.height).toBeCloseTo(block.lines.length * 14.4, 6);
      }),
      { numRuns: 100 },
    );
  });
});
