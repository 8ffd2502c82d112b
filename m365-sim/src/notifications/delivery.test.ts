import { describe, expect, it } from "vitest";
import { exponentialBackoff, GRAPH_DELIVERY, retrySchedule } from "./delivery";

describe("the delivery policy", () => {
  it("waits twice as long before each retry, from one second up to thirty minutes", () => {
    const delay = exponentialBackoff(1_000, 30 * 60_000);
    expect([1, 2, 3, 4].map(delay)).toEqual([1_000, 2_000, 4_000, 8_000]);
    expect(delay(20)).toBe(30 * 60_000);
  });

  it("gives up once the retries would run past four hours, as Graph does", () => {
    const schedule = retrySchedule(GRAPH_DELIVERY);
    const total = schedule.reduce((sum, d) => sum + d, 0);
    expect(total).toBeLessThanOrEqual(4 * 60 * 60_000);
    expect(total + GRAPH_DELIVERY.retryDelayMs(schedule.length + 1)).toBeGreaterThan(4 * 60 * 60_000);
    expect(GRAPH_DELIVERY.timeoutMs).toBe(3_000);
  });
});
