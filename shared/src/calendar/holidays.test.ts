import Holidays from "date-holidays";
import { describe, expect, it } from "vitest";
import { easterSunday, publicHolidayOn, publicHolidaysOf } from "./holidays";

describe("Danish public holidays from their rules", () => {
  it("match the date-holidays data for Denmark in every year from 1900 to 2199", () => {
    const reference = new Holidays("DK", { types: ["public"] });
    const differences: string[] = [];
    for (let year = 1900; year < 2200; year++) {
      const theirs = reference
        .getHolidays(year, "da")
        .map((h): [string, string] => [h.date.slice(0, 10), h.name])
        .sort(([a], [b]) => a.localeCompare(b));
      const ours = publicHolidaysOf(year);
      if (JSON.stringify(ours) !== JSON.stringify(theirs))
        differences.push(`${year}: ours ${JSON.stringify(ours)} theirs ${JSON.stringify(theirs)}`);
    }
    expect(differences).toEqual([]);
  });

  it.each([
    [2024, "2024-03-31"],
    [2025, "2025-04-20"],
    [2026, "2026-04-05"],
    [2027, "2027-03-28"],
    [2038, "2038-04-25"],
    [2285, "2285-03-22"],
  ])("Easter Sunday %i is %s", (year, date) => {
    expect(easterSunday(year)).toBe(date);
  });

  it("knows no holiday on an ordinary day", () => {
    expect(publicHolidayOn("2026-11-26")).toBeUndefined();
  });
});
