import { DateTime } from "luxon";

/** The mayor's days are Copenhagen's: the pages and day lists count days and weeks there. */
export const ZONE = "Europe/Copenhagen";

/** Monday (ISO date) of the week after the one `now` is in, in Copenhagen. */
export function nextWeekStart(now: Date): string {
  return DateTime.fromJSDate(now, { zone: ZONE }).startOf("week").plus({ weeks: 1 }).toISODate() as string;
}

/** [start, end) of a local day range as UTC instants. */
export function localRange(fromDate: string, days: number): { from: string; to: string } {
  const start = DateTime.fromISO(fromDate, { zone: ZONE }).startOf("day");
  return {
    from: start.toUTC().toISO() as string,
    to: start.plus({ days }).toUTC().toISO() as string,
  };
}

export function localDateOf(instant: string): string {
  return DateTime.fromISO(instant, { zone: ZONE }).toISODate() as string;
}

/** Today's date in Copenhagen (ISO). */
export function localToday(now: Date): string {
  return DateTime.fromJSDate(now, { zone: ZONE }).toISODate() as string;
}

/** A local "HH:mm" on the meeting's day as an instant; the meeting's start when not given. */
export function atLocalTime(meetingStart: string, time: string | undefined): string {
  if (!time) return meetingStart;
  const [hour = 0, minute = 0] = time.split(":").map(Number);
  return DateTime.fromISO(meetingStart, { zone: ZONE }).set({ hour, minute }).toUTC().toISO() as string;
}
