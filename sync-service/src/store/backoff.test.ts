import { describe, expect, it } from "vitest";
import { retryDelayMs } from "./backoff";

describe("the wait before a failed job is tried again", () => {
  it("doubles with each attempt, starting around a second", () => {
    const top = () => 1;
    expect([1, 2, 3, 4].map((attempts) => retryDelayMs(attempts, top))).toEqual([1_000, 2_000, 4_000, 8_000]);
  });

  it("never exceeds five minutes", () => {
    expect(retryDelayMs(30, () => 1)).toBe(300_000);
    expect(retryDelayMs(1_000, () => 0.999)).toBeLessThanOrEqual(300_000);
  });

  it("is jittered within the upper half so failed jobs do not retry in lockstep", () => {
    expect(retryDelayMs(3, () => 0)).toBe(2_000);
    expect(retryDelayMs(3, () => 0.5)).toBe(3_000);
  });
});
