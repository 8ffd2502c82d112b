import { DateTime } from "luxon";
import { DEFAULT_CALENDAR } from "./config";

const DANISH_ZONE = DEFAULT_CALENDAR.timeZone;

/**
 * A moment as a Danish letter writes it: "tirsdag 8. december 2026 kl. 10.00" (the day's name,
 * the month in words, a full stop between hours and minutes). Mails to the kitchen, the reception,
 * the departments and the chief of staff, and the morning digest, all write time this one way.
 */
export function danishDateTime(iso: string, options: { year?: boolean; zone?: string } = {}): string {
  const format = options.year === false ? "cccc d. LLLL 'kl.' HH.mm" : "cccc d. LLLL yyyy 'kl.' HH.mm";
  return DateTime.fromISO(iso, { zone: options.zone ?? DANISH_ZONE })
    .setLocale("da")
    .toFormat(format);
}

/** A day as a Danish letter writes it: "tirsdag 8. december 2026". */
export function danishDate(isoDate: string): string {
  return DateTime.fromISO(isoDate, { zone: DANISH_ZONE }).setLocale("da").toFormat("cccc d. LLLL yyyy");
}

/** A time of day typed as "10:00" written the Danish way, "10.00". */
export const danishClock = (time: string): string => time.replace(":", ".");
