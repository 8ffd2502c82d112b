import { DateTime } from "luxon";
import { describe, expect, it } from "vitest";
import { isoWeekOf } from "./iso-week";

describe("ISO 8601 week numbers", () => {
  it("7–13 December 2026 is week 50", () => {
    for (const date of ["2026-12-07", "2026-12-10", "2026-12-13"]) {
      expect(isoWeekOf(date)).toEqual({ year: 2026, week: 50 });
    }
  });

  it("the days around New Year belong to the week of their Thursday", () => {
    expect(isoWeekOf("2020-12-31")).toEqual({ year: 2020, week: 53 });
    expect(isoWeekOf("2021-01-03")).toEqual({ year: 2020, week: 53 });
    expect(isoWeekOf("2024-12-30")).toEqual({ year: 2025, week: 1 });
    expect(isoWeekOf("2027-01-03")).toEqual({ year: 2026, week: 53 });
  });

  it("agrees with luxon's ISO weeks on every day of 2020–2035", () => {
    let day = DateTime.fromISO("2020-01-01", { zone: "UTC" });
    const last = DateTime.fromISO("2035-12-31", { zone: "UTC" });
    let checked = 0;
    while (day <= last) {
      const date = day.toISODate() as string;
      expect(isoWeekOf(date), date).toEqual({ year: day.weekYear, week: day.weekNumber });
      day = day.plus({ days: 1 });
      checked += 1;
    }
    expect(checked).toBe(5844);
  });

  it("refuses what is not a date", () => {
    expect(() => isoWeekOf("uge 50")).toThrow(RangeError);
  });
});
