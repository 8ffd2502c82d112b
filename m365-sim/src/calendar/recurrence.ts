import type { PatternedRecurrence } from "@microsoft/microsoft-graph-types";
import { DateTime } from "luxon";
import { ianaZone, instantOf } from "./time";

/**
 * Expands a patterned recurrence the way Outlook does: occurrences keep the series'
 * local time of day in the recurrence's time zone (so a 09:00 meeting stays at 09:00
 * across daylight saving), and a numbered range counts from the range's start date.
 * https://learn.microsoft.com/en-us/graph/api/resources/patternedrecurrence
 */

const WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"] as const;
const weekdayNumber = (day: string) => WEEKDAYS.indexOf(day as (typeof WEEKDAYS)[number]) + 1;
const INDEX = { first: 0, second: 1, third: 2, fourth: 3, last: -1 } as const;
/** Guards against patterns that never produce a date (e.g. 31 February yearly). */
const MAX_STEPS = 50_000;

export interface SeriesShape {
  start?: { dateTime?: string | null; timeZone?: string | null } | null;
  end?: { dateTime?: string | null; timeZone?: string | null } | null;
  originalStartTimeZone?: string | null;
  recurrence?: PatternedRecurrence | null;
}

export interface OccurrenceSlot {
  start: DateTime;
  end: DateTime;
}

/** Every occurrence slot of the series that overlaps [from, to), in order. */
export function occurrenceSlots(series: SeriesShape, from: DateTime, to: DateTime): OccurrenceSlot[] {
  const recurrence = series.recurrence;
  if (!recurrence?.pattern || !recurrence.range?.startDate) return [];
  const zone =
    ianaZone(recurrence.range.recurrenceTimeZone ?? series.originalStartTimeZone ?? "UTC") ?? "UTC";
  const firstStart = instantOf(series.start).setZone(zone);
  const durationMs = instantOf(series.end).toMillis() - firstStart.toMillis();
  const rangeStart = DateTime.fromISO(recurrence.range.startDate, { zone });
  const rangeEnd =
    recurrence.range.type === "endDate" && recurrence.range.endDate
      ? DateTime.fromISO(recurrence.range.endDate, { zone }).endOf("day")
      : undefined;
  const limit = recurrence.range.type === "numbered" ? (recurrence.range.numberOfOccurrences ?? 0) : Infinity;
  const lastUseful = to.setZone(zone).endOf("day");

  const slots: OccurrenceSlot[] = [];
  let count = 0;
  for (const day of candidateDays(recurrence, rangeStart)) {
    if (count >= limit || (rangeEnd && day > rangeEnd) || day > lastUseful) break;
    count += 1;
    const start = day.set({
      hour: firstStart.hour,
      minute: firstStart.minute,
      second: firstStart.second,
      millisecond: 0,
    });
    const end = start.plus({ milliseconds: durationMs });
    const overlaps = start < to && (end > from || (durationMs === 0 && start >= from));
    if (overlaps) slots.push({ start: start.setZone("UTC"), end: end.setZone("UTC") });
  }
  return slots;
}

/** The local dates the pattern produces, from the range start on (unbounded; the caller stops). */
function* candidateDays(recurrence: PatternedRecurrence, rangeStart: DateTime): Generator<DateTime> {
  const pattern = recurrence.pattern ?? {};
  const interval = Math.max(1, pattern.interval ?? 1);
  const days = (pattern.daysOfWeek ?? []).map(weekdayNumber).filter((n) => n > 0);
  for (let step = 0; step < MAX_STEPS; step++) {
    switch (pattern.type) {
      case "daily":
        yield rangeStart.plus({ days: step * interval });
        break;
      case "weekly": {
        const firstDay = weekdayNumber(pattern.firstDayOfWeek ?? "sunday");
        const weekStart = rangeStart.minus({ days: (rangeStart.weekday - firstDay + 7) % 7 });
        const week = weekStart.plus({ weeks: step * interval });
        for (let offset = 0; offset < 7; offset++) {
          const day = week.plus({ days: offset });
          if (days.includes(day.weekday) && day >= rangeStart) yield day;
        }
        break;
      }
      case "absoluteMonthly":
      case "relativeMonthly":
      case "absoluteYearly":
      case "relativeYearly": {
        const yearly = pattern.type.endsWith("Yearly");
        const base = rangeStart
          .startOf("month")
          .plus(yearly ? { years: step * interval } : { months: step * interval });
        const month = yearly && pattern.month ? base.set({ month: pattern.month }) : base;
        const day = pattern.type.startsWith("absolute")
          ? month.set({ day: Math.min(pattern.dayOfMonth ?? rangeStart.day, month.daysInMonth ?? 28) })
          : relativeDay(month, days, pattern.index ?? "first");
        if (day && day >= rangeStart) yield day;
        break;
      }
      default:
        return;
    }
  }
}

/** The first/second/…/last day of the month that falls on one of `days`. */
function relativeDay(month: DateTime, days: number[], index: keyof typeof INDEX): DateTime | undefined {
  const matching: DateTime[] = [];
  for (let day = month.startOf("month"); day.month === month.month; day = day.plus({ days: 1 })) {
    if (days.includes(day.weekday)) matching.push(day);
  }
  const position = INDEX[index];
  return position < 0 ? matching[matching.length - 1] : matching[position];
}
