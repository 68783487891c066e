import { execFileSync } from "node:child_process";
import { existsSync, readFileSync, statSync } from "node:fs";
import { getQuickJS } from "quickjs-emscripten";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const manifest = JSON.parse(readFileSync(path.join(root, "manifest.json"), "utf8")) as Record<string, unknown>;

describe("manifest.json", () => {
  it("names the plugin and its files", () => {
    expect(manifest).toMatchObject({
      name: "Journey Mapper",
      api: "1.0.0",
      main: "dist/code.js",
      ui: "dist/ui.html",
      editorType: ["figma", "figjam"],
      documentAccess: "dynamic-page",
      networkAccess: { allowedDomains: ["none"] },
    });
  });

  it("offers the menu commands and relaunch buttons for both", () => {
    const menu = manifest.menu as { name: string; command: string }[];
    expect(menu.map((m) => m.name)).toEqual(["Open Journey Mapper", "Re-score pain points"]);
    const relaunch = manifest.relaunchButtons as { command: string }[];
    expect(relaunch.map((r) => r.command).sort()).toEqual(menu.map((m) => m.command).sort());
  });

  describe("after a build", () => {
    beforeAll(() => {
      execFileSync(process.execPath, [path.join(root, "scripts/build.mjs")], { cwd: root, stdio: "pipe" });
    }, 120_000);

    it("the files it names exist", () => {
      for (const file of [manifest.main, manifest.ui] as string[]) {
        expect(existsSync(path.join(root, file)), file).toBe(true);
        expect(statSync(path.join(root, file)).size).toBeGreaterThan(1000);
      }
    });

    it("the panel is one self-contained file that loads nothing from a network address", () => {
      const html = readFileSync(path.join(root, "dist/ui.html"), "utf8");
      expect(html).not.toMatch(/<script[^>]+src=/i);
      expect(html).not.toMatch(/<link[^>]+href=/i);
      expect(html).not.toMatch(/<(img|iframe|source|video|audio)[^>]+src=["']?(https?:)?\/\//i);
      expect(html).not.toMatch(/url\(\s*["']?(https?:)?\/\//i);
      expect(html).not.toMatch(/@import/i);
      expect(html).not.toMatch(/fonts\.googleapis|fonts\.gstatic/i);
    });

    it("the sandbox code is a plain script (no modules) that compiles in QuickJS, Figma's engine (ES2020, https://developers.figma.com/docs/plugins/how-plugins-run)", async () => {
      const code = readFileSync(path.join(root, "dist/code.js"), "utf8");
      expect(code).not.toMatch(/^\s*(import|export)\s/m);
      const vm = (await getQuickJS()).newContext();
      try {
        // Compiled, not run: a function that is never called.
        const compiled = vm.evalCode(`void function () {\n${code}\n};`);
        const error: unknown = compiled.error ? vm.dump(compiled.error) : null;
        (compiled.error ?? compiled.value).dispose();
        expect(error).toBeNull();
        // A syntax QuickJS lacks is refused, so the check can fail.
        const broken = vm.evalCode("void function () { let x = ; };");
        expect(broken.error).toBeDefined();
        (broken.error ?? broken.value).dispose();
      } finally {
        vm.dispose();
      }
    });
  });
});
