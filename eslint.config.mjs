import js from "@eslint/js";
import * as figmaPlugin from "@figma/eslint-plugin-figma-plugins";
import { defineConfig } from "eslint/config";
import tseslint from "typescript-eslint";

export default defineConfig(
  { ignores: ["dist/", "node_modules/", "test-results/"] },
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    // Node scripts (build, host server, sample generator).
    files: ["**/*.mjs"],
    languageOptions: { globals: { console: "readonly", process: "readonly", URL: "readonly" } },
  },
  {
    // No code compiled at run time, anywhere in the project.
    rules: { "no-eval": "error", "no-new-func": "error", "no-implied-eval": "error" },
  },
  {
    // Text people typed (feedback, names, notes) is never inserted as HTML.
    files: ["ui/**/*.{ts,tsx}", "plugin/**/*.ts", "shared/**/*.ts"],
    rules: {
      "no-restricted-syntax": [
        "error",
        { selector: "JSXAttribute[name.name='dangerouslySetInnerHTML']", message: "Render text as text, never as HTML." },
        { selector: "AssignmentExpression[left.property.name=/^(innerHTML|outerHTML)$/]", message: "Render text as text, never as HTML." },
        { selector: "CallExpression[callee.property.name='insertAdjacentHTML']", message: "Render text as text, never as HTML." },
        { selector: "CallExpression[callee.object.name='document'][callee.property.name=/^(write|writeln)$/]", message: "Render text as text, never as HTML." },
      ],
    },
  },
  {
    // The sandbox code: Figma's own rules (deprecated sync APIs, dynamic-page advice) need type information.
    files: ["plugin/**/*.ts"],
    languageOptions: { parserOptions: { project: "./tsconfig.plugin.json" } },
    plugins: { "@figma/figma-plugins": figmaPlugin },
    rules: { ...figmaPlugin.flatConfigs.recommended.rules },
  },
);
