import { DateTime } from "luxon";
import { describe, expect, it } from "vitest";
import { CalendarConfigSchema, DEFAULT_CALENDAR, FRIDAY_AFTER_ASCENSION } from "./config";
import { publicHolidayOn } from "./holidays";
import {
  addWorkingDays,
  atLocalTime,
  closingTime,
  isWorkingDay,
  subtractWorkingDays,
  toLocalDate,
  workingDaysBetween,
} from "./working-days";

const local = (iso: string) =>
  DateTime.fromISO(iso, { zone: "Europe/Copenhagen" }).toFormat("yyyy-MM-dd HH:mm ZZ");

describe("Danish public holidays", () => {
  it.each([
    ["2026-01-01", "Nytårsdag"],
    ["2026-04-02", "Skærtorsdag"],
    ["2026-04-03", "Langfredag"],
    ["2026-04-05", "Påskedag"],
    ["2026-04-06", "Anden påskedag"],
    ["2026-05-14", "Kristi Himmelfartsdag"],
    ["2026-05-24", "Pinsedag"],
    ["2026-05-25", "Anden Pinsedag"],
    ["2026-12-25", "Juledag"],
    ["2026-12-26", "Anden Juledag"],
  ])("%s is the public holiday %s", (date, name) => {
    expect(publicHolidayOn(date)).toBe(name);
    expect(isWorkingDay(date)).toBe(false);
  });

  it("Store Bededag was a holiday in 2023 and is an ordinary working day from 2024", () => {
    expect(publicHolidayOn("2023-05-05")).toBe("Store Bededag");
    expect(isWorkingDay("2023-05-05")).toBe(false);
    expect(publicHolidayOn("2024-04-26")).toBeUndefined();
    expect(isWorkingDay("2024-04-26")).toBe(true);
    expect(isWorkingDay("2026-05-01")).toBe(true);
  });

  it("1 May and Fastelavn are observances, not days off", () => {
    expect(isWorkingDay("2026-05-01")).toBe(true);
    expect(isWorkingDay("2026-02-16")).toBe(true);
  });
});

describe("the municipality's own closed days", () => {
  it("Christmas Eve and New Year's Eve are closed by default", () => {
    expect(isWorkingDay("2025-12-24")).toBe(false);
    expect(isWorkingDay("2025-12-31")).toBe(false);
  });

  it("Grundlovsdag is a working day that closes at 12:00", () => {
    expect(isWorkingDay("2026-06-05")).toBe(true);
    expect(closingTime("2026-06-05")).toBe("12:00");
    expect(closingTime("2026-06-04")).toBeUndefined();
  });

  it("the Friday after Kristi Himmelfartsdag is closed only when configured", () => {
    const withFriday = CalendarConfigSchema.parse({
      closedDays: [...DEFAULT_CALENDAR.closedDays, FRIDAY_AFTER_ASCENSION],
    });
    expect(isWorkingDay("2026-05-15")).toBe(true);
    expect(isWorkingDay("2026-05-15", withFriday)).toBe(false);
    expect(isWorkingDay("2025-05-30", withFriday)).toBe(false);
  });

  it("a single extra closed date can be configured", () => {
    const config = CalendarConfigSchema.parse({
      closedDays: [{ kind: "date", date: "2026-03-10", label: "Flytning" }],
    });
    expect(isWorkingDay("2026-03-10", config)).toBe(false);
    expect(isWorkingDay("2025-12-24", config)).toBe(true);
  });
});

describe("counting working days", () => {
  it.each([
    ["a Friday plus one working day is Monday", "2026-03-06", 1, "2026-03-09"],
    ["Wednesday before Easter plus one skips to the Tuesday after", "2026-04-01", 1, "2026-04-07"],
    ["Wednesday before Kristi Himmelfartsdag plus one is Friday", "2026-05-13", 1, "2026-05-15"],
    ["Friday before Pinse plus one is Tuesday", "2026-05-22", 1, "2026-05-26"],
    ["23 December plus one is 29 December", "2025-12-23", 1, "2025-12-29"],
    ["30 December plus one is 2 January", "2025-12-30", 1, "2026-01-02"],
    ["a Saturday plus one is Monday", "2026-03-07", 1, "2026-03-09"],
    ["zero working days is the same day", "2026-03-07", 0, "2026-03-07"],
  ])("%s", (_sentence, from, n, expected) => {
    expect(addWorkingDays(from, n)).toBe(expected);
  });

  it.each([
    ["Tuesday after Easter minus one is the Wednesday before", "2026-04-07", 1, "2026-04-01"],
    ["Tuesday after Pinse minus two is Thursday", "2026-05-26", 2, "2026-05-21"],
    ["2 January minus one is 30 December", "2026-01-02", 1, "2025-12-30"],
    ["Monday 4 January 2027 minus three is 28 December 2026", "2027-01-04", 3, "2026-12-28"],
  ])("%s", (_sentence, from, n, expected) => {
    expect(subtractWorkingDays(from, n)).toBe(expected);
  });

  it("Easter week 2026 has only 2 working days after its Monday", () => {
    expect(workingDaysBetween("2026-03-30", "2026-04-06")).toBe(2);
    expect(workingDaysBetween("2026-04-06", "2026-03-30")).toBe(-2);
  });

  it("adding and counting agree", () => {
    for (const n of [0, 1, 5, 10, 23]) {
      expect(workingDaysBetween("2026-12-18", addWorkingDays("2026-12-18", n))).toBe(n);
    }
  });

  it("an instant late in the evening UTC counts on the Copenhagen date", () => {
    expect(toLocalDate("2026-06-30T22:30:00Z")).toBe("2026-07-01");
    expect(isWorkingDay("2026-04-05T22:30:00Z")).toBe(false);
  });

  it("refuses a negative or fractional number of working days", () => {
    expect(() => addWorkingDays("2026-03-02", -1)).toThrow(RangeError);
    expect(() => addWorkingDays("2026-03-02", 1.5)).toThrow(RangeError);
  });
});

describe("local times in Europe/Copenhagen", () => {
  it.each([
    ["in winter 12:00 is 11:00 UTC", "2026-01-15", "12:00", "2026-01-15T11:00:00.000Z"],
    ["in summer 12:00 is 10:00 UTC", "2026-07-15", "12:00", "2026-07-15T10:00:00.000Z"],
    [
      "on the spring change day 12:00 is already summer time",
      "2026-03-29",
      "12:00",
      "2026-03-29T10:00:00.000Z",
    ],
    [
      "on the autumn change day 12:00 is winter time again",
      "2026-10-25",
      "12:00",
      "2026-10-25T11:00:00.000Z",
    ],
    [
      "the skipped 02:30 of the spring change becomes 03:30",
      "2026-03-29",
      "02:30",
      "2026-03-29T01:30:00.000Z",
    ],
    [
      "01:30 before the spring change is still winter time",
      "2026-03-29",
      "01:30",
      "2026-03-29T00:30:00.000Z",
    ],
  ])("%s", (_sentence, date, time, expected) => {
    expect(atLocalTime(date, time)).toBe(expected);
  });

  it("a cut-off two working days before a Monday meeting after the spring change keeps 12:00 local", () => {
    const cutoff = atLocalTime(subtractWorkingDays("2026-03-30", 2), "12:00");
    expect(local(cutoff)).toBe("2026-03-26 12:00 +01:00");
  });
});
