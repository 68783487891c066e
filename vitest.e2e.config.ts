import { defineConfig } from "vitest/config";

// End-to-end tests drive the built product (dist/) in headless Chromium through the local host.
export default defineConfig({
  test: {
    include: ["test/e2e/**/*.e2e.ts"],
    environment: "node",
    testTimeout: 60_000,
    hookTimeout: 60_000,
    fileParallelism: false,
  },
});
