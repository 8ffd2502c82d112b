/**
 * Calendar weeks in Copenhagen, with only Intl (the page has no luxon): Monday dates as
 * `YYYY-MM-DD` and the instants that bound them.
 */

export const CALENDAR_ZONE = "Europe/Copenhagen";

export function localDate(instant: Date, zone = CALENDAR_ZONE): string {
  return new Intl.DateTimeFormat("en-CA", {
    timeZone: zone,
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
  }).format(instant);
}

export function addDays(date: string, days: number): string {
  const at = new Date(`${date}T12:00:00Z`);
  at.setUTCDate(at.getUTCDate() + days);
  return at.toISOString().slice(0, 10);
}

export function mondayOf(date: string): string {
  const weekday = (new Date(`${date}T12:00:00Z`).getUTCDay() + 6) % 7;
  return addDays(date, -weekday);
}

/** The zone's UTC offset on a date, e.g. "+01:00" (winter) or "+02:00" (summer). */
export function offsetOn(date: string, zone = CALENDAR_ZONE): string {
  const name =
    new Intl.DateTimeFormat("en", { timeZone: zone, timeZoneName: "longOffset" })
      .formatToParts(new Date(`${date}T12:00:00Z`))
      .find((part) => part.type === "timeZoneName")?.value ?? "GMT";
  const offset = name.replace("GMT", "");
  return offset === "" ? "+00:00" : offset;
}

/** Local midnight at the start of a date as an ISO instant with its offset. */
export function startOfDay(date: string, zone = CALENDAR_ZONE): string {
  return `${date}T00:00:00${offsetOn(date, zone)}`;
}
