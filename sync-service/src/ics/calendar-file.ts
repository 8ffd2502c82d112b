/**
 * The week as an iCalendar file (RFC 5545): CRLF line ends, lines folded at 75 octets
 * without splitting a UTF-8 character, times in UTC, all-day meetings as dates.
 */

export interface IcsEvent {
  uid: string;
  summary: string;
  start: string;
  end: string;
  isAllDay: boolean;
  location: string;
  status: "CONFIRMED" | "TENTATIVE" | "CANCELLED";
  isPrivate: boolean;
  priorityClass?: number;
  /** The invitation's text (its agenda): only in a meeting's own file, as filed in the journal. */
  description?: string;
  organizer?: { name: string; address: string };
  attendees?: { name: string; address: string }[];
}

const CRLF = "\r\n";
const LIMIT = 75;

/** TEXT values escape backslash, semicolon, comma and line breaks (RFC 5545 §3.3.11). */
export function escapeText(value: string): string {
  return value.replace(/\\/g, "\\\\").replace(/;/g, "\\;").replace(/,/g, "\\,").replace(/\r?\n/g, "\\n");
}

/** Folds a content line into chunks of at most 75 octets, each continuation starting with a space. */
export function foldLine(line: string): string {
  const encoder = new TextEncoder();
  const parts: string[] = [];
  let current = "";
  let octets = 0;
  for (const char of line) {
    const size = encoder.encode(char).length;
    const limit = parts.length === 0 ? LIMIT : LIMIT - 1;
    if (octets + size > limit) {
      parts.push(current);
      current = "";
      octets = 0;
    }
    current += char;
    octets += size;
  }
  parts.push(current);
  return parts.join(`${CRLF} `);
}

const utc = (instant: string) =>
  new Date(instant)
    .toISOString()
    .replace(/[-:]/g, "")
    .replace(/\.\d{3}/, "");

/** An all-day meeting's date in Copenhagen (Graph gives all-day times as local midnight). */
const localDate = (instant: string) =>
  new Intl.DateTimeFormat("sv-SE", { timeZone: "Europe/Copenhagen" })
    .format(new Date(instant))
    .replace(/-/g, "");

const person = (property: string, who: { name: string; address: string }) =>
  `${property};CN="${who.name.replace(/"/g, "'")}":mailto:${who.address}`;

function vevent(event: IcsEvent, stamp: Date): string[] {
  return [
    "BEGIN:VEVENT",
    `UID:${escapeText(event.uid)}`,
    `DTSTAMP:${utc(stamp.toISOString())}`,
    ...(event.isAllDay
      ? [`DTSTART;VALUE=DATE:${localDate(event.start)}`, `DTEND;VALUE=DATE:${localDate(event.end)}`]
      : [`DTSTART:${utc(event.start)}`, `DTEND:${utc(event.end)}`]),
    `SUMMARY:${escapeText(event.summary)}`,
    ...(event.location ? [`LOCATION:${escapeText(event.location)}`] : []),
    ...(event.description ? [`DESCRIPTION:${escapeText(event.description)}`] : []),
    ...(event.organizer ? [person("ORGANIZER", event.organizer)] : []),
    ...(event.attendees ?? []).map((a) => person("ATTENDEE", a)),
    `STATUS:${event.status}`,
    `CLASS:${event.isPrivate ? "PRIVATE" : "PUBLIC"}`,
    ...(event.priorityClass
      ? [`PRIORITY:${event.priorityClass === 1 ? 1 : event.priorityClass === 2 ? 5 : 9}`]
      : []),
    "END:VEVENT",
  ];
}

function calendar(name: string, vevents: string[][]): string {
  const lines = [
    "BEGIN:VCALENDAR",
    "VERSION:2.0",
    "PRODID:-//Mødeklar//Ugens møder//DA",
    "CALSCALE:GREGORIAN",
    "METHOD:PUBLISH",
    `X-WR-CALNAME:${escapeText(name)}`,
    "X-WR-TIMEZONE:Europe/Copenhagen",
    ...vevents.flat(),
    "END:VCALENDAR",
  ];
  return lines.map(foldLine).join(CRLF) + CRLF;
}

export function weekCalendar(events: IcsEvent[], name: string, stamp: Date): string {
  return calendar(
    name,
    events.map((event) => vevent(event, stamp)),
  );
}

/** One meeting as a calendar file with its invitation's text, people and place: the journal's copy. */
export function meetingCalendar(event: IcsEvent, stamp: Date): string {
  return calendar(event.summary, [vevent(event, stamp)]);
}
