import { defineConfig } from "vitest/config";

export default defineConfig({
  oxc: { jsx: { runtime: "automatic", importSource: "preact" } },
  test: {
    include: ["test/**/*.test.ts", "test/**/*.test.tsx"],
    exclude: ["test/e2e/**", "node_modules/**"],
    environment: "node",
    setupFiles: ["test/setup/fast-check-seed.ts"],
    server: { deps: { inline: ["@create-figma-plugin/ui"] } },
  },
});
