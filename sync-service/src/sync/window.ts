import { DateTime } from "luxon";
import type { CalendarWindow } from "../graph";

export const OFFICE_ZONE = "Europe/Copenhagen";

export interface WindowSize {
  pastDays: number;
  futureDays: number;
}

/**
 * The calendarView window mirrored on a given day: from midnight (Copenhagen) `pastDays`
 * back to midnight `futureDays` ahead. It is the same all day, so a new window (and a new
 * full sync) starts only when the day changes.
 */
export function calendarWindow(now: Date, size: WindowSize): CalendarWindow {
  const today = DateTime.fromJSDate(now, { zone: OFFICE_ZONE }).startOf("day");
  const iso = (d: DateTime) => d.toUTC().toISO({ suppressMilliseconds: true }) ?? "";
  return {
    start: iso(today.minus({ days: size.pastDays })),
    end: iso(today.plus({ days: size.futureDays })),
  };
}
