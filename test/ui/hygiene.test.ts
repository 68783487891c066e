/**
 * Rules the panel's source keeps: user text is never inserted as HTML, and no code is compiled at
 * run time (Figma's and a strict panel CSP forbid it; the kit's TextboxNumeric evaluates with `eval`,
 * so the panel does not use it).
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { root } from "./sample";

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const file = path.join(dir, name);
    return statSync(file).isDirectory() ? sources(file) : /\.tsx?$/.test(name) ? [file] : [];
  });
}

describe("the panel's source", () => {
  const files = sources(path.join(root, "ui"));

  it("never sets HTML from strings", () => {
    for (const file of files) {
      const text = readFileSync(file, "utf8");
      expect(text, file).not.toMatch(/dangerouslySetInnerHTML|\.innerHTML\s*=|insertAdjacentHTML|document\.write/);
    }
  });

  it("does not use the kit's TextboxNumeric (it evaluates what is typed with eval)", () => {
    for (const file of files) expect(readFileSync(file, "utf8"), file).not.toMatch(/TextboxNumeric/);
  });
});
