import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["shared/**/*.test.ts", "server/**/*.test.ts", "widget/**/*.test.{ts,tsx}", "demo/**/*.test.ts", "test/**/*.test.ts"],
    globalSetup: ["test/e2e/support/global-setup.ts"],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: "forks",
  },
});
