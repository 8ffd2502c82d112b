import path from "node:path";
import { defineConfig } from "vitest/config";

// One run over every workspace. Unit tests sit beside the code; tests/ holds the
// end-to-end and browser tests that span the parts (slower, run one file at a time).
// Every project may run as if today were another day (TEST_TODAY, scripts/any-day.ts).
const setupFiles = [path.resolve(import.meta.dirname, "tests/today/setup.ts")];

export default defineConfig({
  test: {
    projects: [
      {
        // Property tests over years of days are CPU work: on a busy machine they take more than 5 s.
        test: {
          name: "shared",
          root: "shared",
          include: ["src/**/*.test.ts"],
          setupFiles,
          testTimeout: 30_000,
        },
      },
      {
        test: {
          name: "m365-sim",
          root: "m365-sim",
          include: ["src/**/*.test.ts"],
          setupFiles,
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        test: {
          name: "sync-service",
          root: "sync-service",
          // src/ is what ships; test/ holds the helpers and suites only tests use.
          include: ["src/**/*.test.ts", "test/**/*.test.ts"],
          setupFiles,
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
      {
        test: {
          name: "addin",
          root: "addin",
          include: ["src/**/*.test.{ts,tsx}", "*.test.ts"],
          environment: "happy-dom",
          setupFiles,
          testTimeout: 30_000,
        },
      },
      { test: { name: "bench", root: "bench", include: ["*.test.ts"], setupFiles, testTimeout: 60_000 } },
      {
        test: {
          name: "e2e",
          root: "tests",
          include: ["**/*.test.ts"],
          setupFiles,
          testTimeout: 120_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
