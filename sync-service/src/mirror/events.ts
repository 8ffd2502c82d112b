import type { Event, ResponseType } from "@microsoft/microsoft-graph-types";
import {
  bookedRooms,
  customPropertiesId,
  decodePlan,
  meetingHeadCount,
  type Attendance,
  type MeetingPlan,
  type Person,
} from "@modeklar/shared";
import { instantOf } from "../store/event-times";

/**
 * Reading the mirror's Graph events, in one place for the API, reconcile and the outbox: times
 * as UTC instants, people, the place, the mayor's answer, whether it is cancelled, and the plan
 * the add-in keeps in its custom-properties extended property. The mirror keeps Graph's JSON as
 * it came; the field names and values read here are Graph's own (@microsoft/microsoft-graph-types).
 */

export { instantOf };

/** A mirrored Graph event (or message) as stored: Graph's JSON, nothing checked yet. */
export type EventData = Record<string, unknown>;

/** One of Graph's event fields, by its Graph name. */
const field = (event: EventData, name: keyof Event): unknown => event[name];

/** A string field as a string ("" when absent or not a string). */
export const text = (value: unknown): string => (typeof value === "string" ? value : "");

/** Cancelled by its organiser (Graph's isCancelled). */
export const isCancelled = (event: EventData): boolean => field(event, "isCancelled") === true;

/** The mayor's own meeting (Graph's isOrganizer). */
export const isOrganizer = (event: EventData): boolean => field(event, "isOrganizer") === true;

const ATTENDANCE: Record<ResponseType, Attendance> = {
  organizer: "organizer",
  accepted: "accepted",
  tentativelyAccepted: "tentative",
  declined: "declined",
  notResponded: "pending",
  none: "pending",
};

/** Graph's response of the mailbox's owner (responseStatus.response), "" when it has none. */
export const responseOf = (event: EventData): string =>
  text(record(field(event, "responseStatus"))["response"]);

/** The mayor's answer so far: organizer, accepted, tentative, declined or still pending. */
export function attendanceOf(event: EventData): Attendance {
  if (isOrganizer(event)) return "organizer";
  return ATTENDANCE[responseOf(event) as ResponseType] ?? "pending";
}

const record = (value: unknown): Record<string, unknown> =>
  value !== null && typeof value === "object" && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};
export function personOf(value: unknown): Person | null {
  const email = record(record(value)["emailAddress"]);
  const address = text(email["address"]);
  const name = text(email["name"]);
  return address || name ? { name: name || address, address } : null;
}

export function attendeesOf(event: EventData) {
  const given = field(event, "attendees");
  const list = Array.isArray(given) ? given : [];
  return list.flatMap((entry) => {
    const person = personOf(entry);
    if (!person) return [];
    const given = record(entry)["type"];
    const type: "required" | "optional" | "resource" =
      given === "optional" || given === "resource" ? given : "required";
    return [
      {
        ...person,
        type,
        response: text(record(record(entry)["status"])["response"]) || "none",
      },
    ];
  });
}

/** The meeting's head count as the task pane shows it: organizer, attendees (no rooms) and the plan's guests. */
export function headCountOfEvent(event: EventData, plan: MeetingPlan): number {
  const attendees = attendeesOf(event);
  return meetingHeadCount({
    organizer: personOf(field(event, "organizer"))?.address || null,
    attendees,
    guests: plan.reception.guests,
    moreGuests: plan.reception.moreGuestsInService,
    rooms: bookedRooms({ attendees, locations: [] }),
  });
}

export function locationOf(event: EventData): string {
  return text(record(field(event, "location"))["displayName"]);
}

/** The plan stored on the meeting by the add-in, or null when it has none (or it cannot be read). */
export function planOf(event: EventData, addinId: string): MeetingPlan | null {
  const wanted = customPropertiesId(addinId).toLowerCase();
  const properties = Array.isArray(event["singleValueExtendedProperties"])
    ? event["singleValueExtendedProperties"]
    : [];
  const property = properties.map(record).find((p) => text(p["id"]).toLowerCase() === wanted);
  if (!property) return null;
  try {
    const values = record(JSON.parse(text(property["value"])));
    const encoded = values["mk"];
    return typeof encoded === "string" ? decodePlan(encoded) : null;
  } catch {
    return null;
  }
}

export interface TimedEvent {
  id: string;
  data: EventData;
  start: string;
  end: string;
}

/** Events with readable times, overlapping [from, to), in order of start. */
export function eventsBetween(
  items: { id: string; data: EventData }[],
  from: string,
  to: string,
): TimedEvent[] {
  const fromMs = Date.parse(from);
  const toMs = Date.parse(to);
  return items
    .flatMap((item) => {
      const start = instantOf(item.data["start"]);
      const end = instantOf(item.data["end"]);
      if (!start || !end) return [];
      if (Date.parse(start) >= toMs || Date.parse(end) <= fromMs) return [];
      return [{ id: item.id, data: item.data, start, end }];
    })
    .sort((a, b) => a.start.localeCompare(b.start) || a.id.localeCompare(b.id));
}
