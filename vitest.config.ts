import { defineConfig } from "vitest/config";

// One run over every workspace. Unit tests sit beside the code; tests/ holds the
// end-to-end and browser tests that span the parts (slower, run one file at a time).
export default defineConfig({
  test: {
    projects: [
      { test: { name: "shared", root: "shared", include: ["src/**/*.test.ts"] } },
      {
        test: {
          name: "m365-sim",
          root: "m365-sim",
          include: ["src/**/*.test.ts"],
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        test: {
          name: "sync-service",
          root: "sync-service",
          include: ["src/**/*.test.ts"],
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
          testTimeout: 30_000,
        },
      },
      { test: { name: "bench", root: "bench", include: ["*.test.ts"], testTimeout: 60_000 } },
      {
        test: {
          name: "e2e",
          root: "tests",
          include: ["**/*.test.ts"],
          testTimeout: 120_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
