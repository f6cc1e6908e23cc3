import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // Builds dist/ once before any test, for the CLI end-to-end tests (test/cli/cli.e2e.test.ts).
    globalSetup: ["test/setup/build.ts"],
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
