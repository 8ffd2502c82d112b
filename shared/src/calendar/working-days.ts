import { DateTime } from "luxon";
import {
  DEFAULT_CALENDAR,
  type CalendarConfig,
  type ClosedDay,
  type LocalDate,
  type LocalTime,
} from "./config";
import { easterSunday, publicHolidayOn } from "./holidays";

/** A day or an instant: "YYYY-MM-DD" (a local date), an ISO instant, a Date or a luxon DateTime. */
export type DateInput = string | Date | DateTime;

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

function localDay(input: DateInput, config: CalendarConfig): DateTime {
  const zone = config.timeZone;
  let dt: DateTime;
  if (typeof input === "string") {
    dt = DATE_ONLY.test(input)
      ? DateTime.fromISO(input, { zone })
      : DateTime.fromISO(input, { setZone: true });
  } else if (input instanceof Date) {
    dt = DateTime.fromJSDate(input);
  } else {
    dt = input;
  }
  if (!dt.isValid) throw new RangeError(`Not a date: ${String(input)}`);
  return dt.setZone(zone).startOf("day");
}

/** The local calendar date ("YYYY-MM-DD") of a day or instant in the calendar's time zone. */
export function toLocalDate(input: DateInput, config: CalendarConfig = DEFAULT_CALENDAR): LocalDate {
  return localDay(input, config).toISODate() as LocalDate;
}

function closedDayDate(closed: ClosedDay, year: number): string | undefined {
  switch (closed.kind) {
    case "annual": {
      const date = DateTime.fromObject({ year, month: closed.month, day: closed.day });
      return date.isValid ? (date.toISODate() ?? undefined) : undefined;
    }
    case "easterOffset":
      return DateTime.fromISO(easterSunday(year)).plus({ days: closed.days }).toISODate() ?? undefined;
    case "date":
      return closed.date;
  }
}

/** The municipality's own closure on a day, whole-day or from a time. */
export function closureOn(date: DateInput, config: CalendarConfig = DEFAULT_CALENDAR): ClosedDay | undefined {
  const day = toLocalDate(date, config);
  const year = Number(day.slice(0, 4));
  return config.closedDays.find((closed) => closedDayDate(closed, year) === day);
}

/** Why a day is not a working day (weekend, holiday name, closure label), or undefined if it is one. */
export function nonWorkingReason(
  date: DateInput,
  config: CalendarConfig = DEFAULT_CALENDAR,
): string | undefined {
  const day = localDay(date, config);
  if (day.weekday >= 6) return day.weekday === 6 ? "lørdag" : "søndag";
  const iso = day.toISODate() as string;
  const holiday = publicHolidayOn(iso);
  if (holiday) return holiday;
  const closed = closureOn(iso, config);
  return closed && !closed.from ? closed.label : undefined;
}

/** A working day is a weekday that is neither a public holiday nor a whole-day closure. */
export function isWorkingDay(date: DateInput, config: CalendarConfig = DEFAULT_CALENDAR): boolean {
  return nonWorkingReason(date, config) === undefined;
}

/** When a working day closes early (e.g. Grundlovsdag at 12:00), or undefined for a full day. */
export function closingTime(
  date: DateInput,
  config: CalendarConfig = DEFAULT_CALENDAR,
): LocalTime | undefined {
  return closureOn(date, config)?.from;
}

function stepWorkingDays(date: DateInput, n: number, direction: 1 | -1, config: CalendarConfig): LocalDate {
  if (!Number.isInteger(n) || n < 0)
    throw new RangeError(`Working days must be a whole number ≥ 0, got ${n}`);
  let day = localDay(date, config);
  let left = n;
  while (left > 0) {
    day = day.plus({ days: direction });
    if (isWorkingDay(day, config)) left -= 1;
  }
  return day.toISODate() as LocalDate;
}

/** The n-th working day after a day (n = 0 gives the day itself). */
export function addWorkingDays(
  date: DateInput,
  n: number,
  config: CalendarConfig = DEFAULT_CALENDAR,
): LocalDate {
  return stepWorkingDays(date, n, 1, config);
}

/** The n-th working day before a day (n = 0 gives the day itself). */
export function subtractWorkingDays(
  date: DateInput,
  n: number,
  config: CalendarConfig = DEFAULT_CALENDAR,
): LocalDate {
  return stepWorkingDays(date, n, -1, config);
}

/**
 * Working days after `from` up to and including `to`, so that
 * `workingDaysBetween(d, addWorkingDays(d, n)) === n`; negative when `to` is before `from`.
 */
export function workingDaysBetween(
  from: DateInput,
  to: DateInput,
  config: CalendarConfig = DEFAULT_CALENDAR,
): number {
  const start = localDay(from, config);
  const end = localDay(to, config);
  if (end < start) return -workingDaysBetween(end, start, config);
  let count = 0;
  for (let day = start.plus({ days: 1 }); day <= end; day = day.plus({ days: 1 })) {
    if (isWorkingDay(day, config)) count += 1;
  }
  return count;
}

/**
 * The instant (UTC ISO) of a local clock time on a local day, in the calendar's zone with
 * daylight saving applied; a time skipped by the spring change moves forward an hour.
 */
export function atLocalTime(
  date: DateInput,
  time: LocalTime,
  config: CalendarConfig = DEFAULT_CALENDAR,
): string {
  const [hour, minute] = time.split(":").map(Number);
  const instant = localDay(date, config).set({ hour, minute, second: 0, millisecond: 0 });
  return instant.toUTC().toISO() as string;
}
