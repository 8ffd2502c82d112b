import { describe, expect, it } from "vitest";
import { calendarWindow } from "./window";

describe("the mirrored calendar window", () => {
  it("runs from Copenhagen midnight 30 days back to 180 days ahead", () => {
    const window = calendarWindow(new Date("2026-11-25T21:30:00Z"), { pastDays: 30, futureDays: 180 });
    // Winter time (UTC+1) at the start, summer time (UTC+2) at the end.
    expect(window).toEqual({ start: "2026-10-25T23:00:00Z", end: "2027-05-23T22:00:00Z" });
  });

  it("stays the same all day and moves when the day changes in Copenhagen", () => {
    const size = { pastDays: 30, futureDays: 180 };
    const morning = calendarWindow(new Date("2026-11-25T06:00:00Z"), size);
    const lateEvening = calendarWindow(new Date("2026-11-25T22:59:00Z"), size);
    const afterMidnight = calendarWindow(new Date("2026-11-25T23:01:00Z"), size);
    expect(lateEvening).toEqual(morning);
    expect(afterMidnight.start > morning.start).toBe(true);
  });
});
