import { DateTime, IANAZone } from "luxon";
import { GraphError } from "../odata";

/**
 * Graph's dateTimeTimeZone: a local date and time without offset, 7 fractional digits,
 * plus the zone it is local to (Windows or IANA name).
 * https://learn.microsoft.com/en-us/graph/api/resources/datetimetimezone
 */
export interface DateTimeTimeZone {
  dateTime: string;
  timeZone: string;
}

/** The Windows zone names Outlook uses, for the zones Mødeklar's users meet. */
const WINDOWS_ZONES: Record<string, string> = {
  UTC: "UTC",
  "Romance Standard Time": "Europe/Paris",
  "W. Europe Standard Time": "Europe/Berlin",
  "GMT Standard Time": "Europe/London",
  "Central Europe Standard Time": "Europe/Budapest",
  "FLE Standard Time": "Europe/Helsinki",
  "Eastern Standard Time": "America/New_York",
  "Pacific Standard Time": "America/Los_Angeles",
  "Tokyo Standard Time": "Asia/Tokyo",
};

const KNOWN = new Map<string, string | undefined>(
  Object.entries(WINDOWS_ZONES).map(([windows, iana]) => [windows.toLowerCase(), iana]),
);

/** The IANA zone for a Windows or IANA zone name, or undefined when Outlook would not know it. */
export function ianaZone(name: string): string | undefined {
  const key = name.toLowerCase();
  if (!KNOWN.has(key))
    KNOWN.set(key, key === "etc/utc" ? "UTC" : IANAZone.isValidZone(name) ? name : undefined);
  return KNOWN.get(key);
}

export function unsupportedTimeZone(name: string): GraphError {
  return new GraphError(
    400,
    "TimeZoneNotSupportedException",
    `A valid TimeZone value must be specified. The following TimeZone value is not supported: '${name}'.`,
  );
}

const LOCAL_FORMAT = "yyyy-LL-dd'T'HH:mm:ss.SSS'0000'";

/** Formats an instant as Graph does: local time in `zone`, no offset, 7 fractional digits. */
export function formatGraphDateTime(instant: DateTime, zone = "UTC"): string {
  return instant.setZone(ianaZone(zone) ?? "UTC").toFormat(LOCAL_FORMAT);
}

export function toDateTimeTimeZone(instant: DateTime, zone = "UTC"): DateTimeTimeZone {
  return { dateTime: formatGraphDateTime(instant, zone), timeZone: zone };
}

const offsets = new Map<string, number>();
/** A zone's UTC offset in minutes, memoised per hour: Intl lookups dominate bulk seeding otherwise. */
function offsetMinutes(zone: string, ts: number): number {
  const key = `${zone}|${Math.floor(ts / 3_600_000)}`;
  let offset = offsets.get(key);
  if (offset === undefined) {
    if (offsets.size > 100_000) offsets.clear();
    offset = zone === "UTC" ? 0 : IANAZone.create(zone).offset(ts);
    offsets.set(key, offset);
  }
  return offset;
}

/** Reads a dateTimeTimeZone from a request body into an instant; Graph's 400s for bad values. */
export function parseDateTimeTimeZone(value: DateTimeTimeZone, property: string): DateTime {
  const zone = ianaZone(value.timeZone);
  if (!zone) throw unsupportedTimeZone(value.timeZone);
  const wall = DateTime.fromISO(value.dateTime, { zone: "UTC" });
  if (!wall.isValid || /[zZ]|[+-]\d\d:?\d\d$/.test(value.dateTime)) {
    throw new GraphError(
      400,
      "UnableToDeserializePostBody",
      `Cannot convert the literal '${value.dateTime}' to the expected type 'Edm.DateTime' of property '${property}'.`,
    );
  }
  const wallMs = wall.toMillis();
  const guess = wallMs - offsetMinutes(zone, wallMs) * 60_000;
  return DateTime.fromMillis(wallMs - offsetMinutes(zone, guess) * 60_000, { zone: "UTC" });
}

/** The instant a stored (UTC) dateTimeTimeZone stands for. */
export function instantOf(value: { dateTime?: string | null; timeZone?: string | null } | null | undefined) {
  return DateTime.fromISO(value?.dateTime ?? "", { zone: ianaZone(value?.timeZone ?? "UTC") ?? "UTC" });
}

/**
 * Reads calendarView's startDateTime/endDateTime query values: ISO 8601 with or without
 * an offset (without one they are UTC, as Graph treats them).
 */
export function parseQueryInstant(raw: unknown, name: string): DateTime {
  if (typeof raw !== "string" || raw === "") {
    throw new GraphError(
      400,
      "ErrorInvalidParameter",
      "This request requires a time window specified by the query string parameters StartDateTime and EndDateTime.",
    );
  }
  const parsed = DateTime.fromISO(raw, { zone: "UTC" });
  if (!parsed.isValid) {
    throw new GraphError(
      400,
      "ErrorInvalidParameter",
      `The value '${raw}' of parameter '${name}' is invalid.`,
    );
  }
  return parsed.setZone("UTC");
}
