import { DateTime } from "luxon";
import { describe, expect, it } from "vitest";
import { occurrenceSlots, type SeriesShape } from "./recurrence";

const utc = (iso: string) => DateTime.fromISO(iso, { zone: "UTC" });
const starts = (series: SeriesShape, from: string, to: string) =>
  occurrenceSlots(series, utc(from), utc(to)).map((slot) => slot.start.toISO({ suppressMilliseconds: true }));

function series(start: string, end: string, recurrence: SeriesShape["recurrence"]): SeriesShape {
  return {
    start: { dateTime: start, timeZone: "UTC" },
    end: { dateTime: end, timeZone: "UTC" },
    originalStartTimeZone: "Romance Standard Time",
    recurrence,
  };
}

describe("recurrence", () => {
  it("keeps a weekly meeting at its Copenhagen time of day across the switch to summer time", () => {
    const weekly = series("2027-03-22T08:00:00", "2027-03-22T09:00:00", {
      pattern: { type: "weekly", interval: 1, daysOfWeek: ["monday"], firstDayOfWeek: "monday" },
      range: { type: "noEnd", startDate: "2027-03-22", recurrenceTimeZone: "Romance Standard Time" },
    });
    expect(starts(weekly, "2027-03-20T00:00:00", "2027-04-06T00:00:00")).toEqual([
      "2027-03-22T08:00:00Z",
      "2027-03-29T07:00:00Z",
      "2027-04-05T07:00:00Z",
    ]);
  });

  it("runs every other week on several days when the interval is two", () => {
    const fortnightly = series("2027-01-04T12:00:00", "2027-01-04T13:00:00", {
      pattern: { type: "weekly", interval: 2, daysOfWeek: ["monday", "thursday"], firstDayOfWeek: "monday" },
      range: { type: "noEnd", startDate: "2027-01-04", recurrenceTimeZone: "Romance Standard Time" },
    });
    expect(starts(fortnightly, "2027-01-01T00:00:00", "2027-01-25T00:00:00")).toEqual([
      "2027-01-04T12:00:00Z",
      "2027-01-07T12:00:00Z",
      "2027-01-18T12:00:00Z",
      "2027-01-21T12:00:00Z",
    ]);
  });

  it("stops a numbered series after its count, counting from the range start", () => {
    const daily = series("2027-01-04T08:00:00", "2027-01-04T08:30:00", {
      pattern: { type: "daily", interval: 1 },
      range: { type: "numbered", startDate: "2027-01-04", numberOfOccurrences: 3 },
    });
    expect(starts(daily, "2027-01-05T00:00:00", "2027-02-01T00:00:00")).toEqual([
      "2027-01-05T08:00:00Z",
      "2027-01-06T08:00:00Z",
    ]);
  });

  it("finds the last Wednesday of each month for a relative monthly council meeting, until the end date", () => {
    const council = series("2027-01-27T18:00:00", "2027-01-27T21:00:00", {
      pattern: { type: "relativeMonthly", interval: 1, daysOfWeek: ["wednesday"], index: "last" },
      range: {
        type: "endDate",
        startDate: "2027-01-27",
        endDate: "2027-03-31",
        recurrenceTimeZone: "Romance Standard Time",
      },
    });
    expect(starts(council, "2027-01-01T00:00:00", "2027-12-31T00:00:00")).toEqual([
      "2027-01-27T18:00:00Z",
      "2027-02-24T18:00:00Z",
      "2027-03-31T17:00:00Z",
    ]);
  });

  it("puts an absolute monthly meeting on the 31st on the last day of shorter months", () => {
    const monthEnd = series("2027-01-31T09:00:00", "2027-01-31T10:00:00", {
      pattern: { type: "absoluteMonthly", interval: 1, dayOfMonth: 31 },
      range: { type: "numbered", startDate: "2027-01-31", numberOfOccurrences: 3, recurrenceTimeZone: "UTC" },
    });
    expect(starts(monthEnd, "2027-01-01T00:00:00", "2027-12-31T00:00:00")).toEqual([
      "2027-01-31T09:00:00Z",
      "2027-02-28T09:00:00Z",
      "2027-03-31T09:00:00Z",
    ]);
  });
});
