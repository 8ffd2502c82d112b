import { describe, expect, it } from "vitest";
import { parseToday } from "./move-now";

/**
 * The probe scripts/any-day.ts runs beside the date-sensitive suites: it proves the run's
 * "now" is the day asked for (and the real one when none is asked for).
 */
describe("the test run's today", () => {
  it("is TEST_TODAY's instant when it is set, and the real time when it is not", () => {
    const asked = process.env["TEST_TODAY"];
    const real = performance.timeOrigin + performance.now();
    const expected = asked ? parseToday(asked).getTime() : real;
    // The setup moved the clock when this file started: at most the file's own run has passed since.
    expect(Math.abs(Date.now() - expected)).toBeLessThan(60_000);
    expect(Math.abs(new Date().getTime() - Date.now())).toBeLessThan(1_000);
  });
});
