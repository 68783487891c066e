import { ESLint } from "eslint";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import * as z from "../shared/zod";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

async function ruleIdsFor(code: string, file: string): Promise<(string | null)[]> {
  const eslint = new ESLint({ cwd: root });
  const [result] = await eslint.lintText(code, { filePath: path.join(root, file) });
  return result?.messages.map((m) => m.ruleId) ?? [];
}

describe("security rules", () => {
  it("lint refuses eval and new Function in the project's own code", async () => {
    expect(await ruleIdsFor("export const x = eval('1 + 1');\n", "shared/x.ts")).toContain("no-eval");
    expect(await ruleIdsFor("export const f = new Function('return 1');\n", "ui/x.ts")).toContain("no-new-func");
  });

  it("lint refuses inserting HTML in the panel", async () => {
    const ids = await ruleIdsFor("export function show(el: HTMLElement, text: string) { el.innerHTML = text; }\n", "ui/x.ts");
    expect(ids).toContain("no-restricted-syntax");
    const jsx = await ruleIdsFor(
      "export const C = (p: { t: string }) => <div dangerouslySetInnerHTML={{ __html: p.t }} />;\n",
      "ui/x.tsx",
    );
    expect(jsx).toContain("no-restricted-syntax");
  }, 30_000);

  it("zod compiles no code at run time", () => {
    expect(z.config().jitless).toBe(true);
  });
});
