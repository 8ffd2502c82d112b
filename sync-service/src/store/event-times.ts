import { DateTime } from "luxon";

/**
 * When a mirrored Graph event starts and ends, as UTC instants. The store keeps them in
 * indexed columns so range reads need not load the whole calendar; the read API uses the
 * same reading, so a range query and its filter agree to the millisecond.
 */

const record = (value: unknown): Record<string, unknown> =>
  value !== null && typeof value === "object" && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};

/**
 * A Graph dateTimeTimeZone ({dateTime, timeZone}) as an ISO instant; null when it cannot be
 * read. A missing zone is UTC (what Graph sends without a Prefer header); all-day events are
 * read the same way, as the midnights Graph gives them.
 */
export function instantOf(value: unknown): string | null {
  const { dateTime, timeZone } = record(value);
  if (typeof dateTime !== "string") return null;
  const parsed = DateTime.fromISO(dateTime, { zone: typeof timeZone === "string" ? timeZone : "UTC" });
  // Outside the years PostgreSQL and ISO 8601 both take, a time is as unreadable as garbage.
  if (!parsed.isValid || parsed.toUTC().year < 1 || parsed.toUTC().year > 9999) return null;
  return parsed.toUTC().toISO();
}

export interface EventTimes {
  startsAt: string | null;
  endsAt: string | null;
}

/** Both instants, or neither: an event with an unreadable start or end is in no range. */
export function eventTimes(data: Record<string, unknown>): EventTimes {
  const startsAt = instantOf(data["start"]);
  const endsAt = instantOf(data["end"]);
  return startsAt && endsAt ? { startsAt, endsAt } : { startsAt: null, endsAt: null };
}
