import { z } from "zod";
import type { CustomValues, ItemLocation, ItemPerson, ItemSnapshot, LocationIds } from "./protocol";

/**
 * The open meeting as Office.js shows it, made from the Graph event the host reads, and
 * the Graph PATCH bodies for what the pane changes. Pure, so it runs in the host page and
 * in unit tests alike.
 */

const emailAddress = z.object({ name: z.string().nullish(), address: z.string().nullish() });

/** The part of Graph's event resource the host reads. */
export const graphEvent = z.object({
  id: z.string(),
  "@odata.etag": z.string().optional(),
  subject: z.string().nullish(),
  start: z.object({ dateTime: z.string(), timeZone: z.string() }),
  end: z.object({ dateTime: z.string(), timeZone: z.string() }),
  isOrganizer: z.boolean().optional(),
  isCancelled: z.boolean().optional(),
  seriesMasterId: z.string().nullish(),
  organizer: z.object({ emailAddress }).nullish(),
  location: z.object({ displayName: z.string().nullish() }).nullish(),
  locations: z
    .array(
      z.object({
        displayName: z.string().nullish(),
        locationType: z.string().nullish(),
        locationEmailAddress: z.string().nullish(),
        uniqueId: z.string().nullish(),
        uniqueIdType: z.string().nullish(),
      }),
    )
    .nullish(),
  attendees: z
    .array(
      z.object({
        type: z.enum(["required", "optional", "resource"]),
        status: z.object({ response: z.string().nullish() }).nullish(),
        emailAddress,
      }),
    )
    .nullish(),
  singleValueExtendedProperties: z.array(z.object({ id: z.string(), value: z.string() })).nullish(),
});
export type GraphEvent = z.infer<typeof graphEvent>;

/** Exchange's property set for add-in custom properties; one string property per add-in. */
export const CUSTOM_PROPERTIES_SET = "{00020329-0000-0000-C000-000000000046}";

export function customPropertiesId(addinId: string): string {
  return `String ${CUSTOM_PROPERTIES_SET} Name cecp-${addinId}`;
}

/** What a delegate with editor rights may do, as Office.MailboxEnums.DelegatePermissions flags. */
export const EDITOR_PERMISSIONS = 1 | 2 | 4 | 8 | 16 | 32;

const RESPONSES: Record<string, ItemPerson["appointmentResponse"]> = {
  organizer: "organizer",
  accepted: "accepted",
  tentativelyAccepted: "tentative",
  declined: "declined",
};

/** Graph's `dateTime` in UTC (seven fractional digits) as an ISO instant JavaScript reads. */
export function utcInstant(value: { dateTime: string; timeZone: string }): string {
  const match = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})(\.\d{1,3})?/.exec(value.dateTime);
  if (!match || value.timeZone.toUpperCase() !== "UTC") {
    throw new Error(`Expected a UTC dateTime from Graph, got ${value.dateTime} ${value.timeZone}`);
  }
  return `${match[1]}${match[2] ?? ".000"}Z`;
}

export interface SnapshotOptions {
  /** The signed-in person's address. */
  signedIn: string;
  /** The calendar's owner: the signed-in person, or the person who shared it. */
  mailboxOwner: string;
  /** Addresses in this domain are Exchange users; the rest are external. */
  tenantDomain: string;
  /** Where the shared calendar's REST API is (Graph's base URL). */
  restUrl: string;
}

export function itemSnapshot(event: GraphEvent, options: SnapshotOptions): ItemSnapshot {
  const domain = options.tenantDomain.toLowerCase();
  const person = (
    address: { name?: string | null; address?: string | null },
    response: ItemPerson["appointmentResponse"],
  ): ItemPerson => {
    const email = address.address ?? "";
    return {
      displayName: address.name ?? email,
      emailAddress: email,
      appointmentResponse: response,
      recipientType: email.toLowerCase().endsWith(`@${domain}`) ? "user" : "externalUser",
    };
  };
  const attendees = event.attendees ?? [];
  const ofType = (type: "required" | "optional") =>
    attendees
      .filter((a) => a.type === type)
      .map((a) => person(a.emailAddress, RESPONSES[a.status?.response ?? ""] ?? "none"));
  const rooms = new Set(
    attendees.filter((a) => a.type === "resource").map((a) => a.emailAddress.address?.toLowerCase()),
  );
  const locations = (event.locations ?? []).map((l): ItemLocation => {
    const email = l.locationEmailAddress ?? undefined;
    const isRoom = !!email && (rooms.has(email.toLowerCase()) || l.locationType === "conferenceRoom");
    return isRoom
      ? { id: email, type: "room", displayName: l.displayName ?? email, emailAddress: email }
      : { id: l.displayName ?? "", type: "custom", displayName: l.displayName ?? "" };
  });
  const shared = options.signedIn.toLowerCase() !== options.mailboxOwner.toLowerCase();
  return {
    mode: event.isOrganizer ? "compose" : "read",
    itemId: event.id,
    subject: event.subject ?? "",
    start: utcInstant(event.start),
    end: utcInstant(event.end),
    location: event.location?.displayName ?? locations.map((l) => l.displayName).join("; "),
    locations,
    organizer: person(event.organizer?.emailAddress ?? {}, "organizer"),
    requiredAttendees: ofType("required"),
    optionalAttendees: ofType("optional"),
    shared: shared
      ? {
          owner: options.mailboxOwner,
          delegatePermissions: EDITOR_PERMISSIONS,
          targetRestUrl: options.restUrl,
        }
      : null,
    seriesId: event.seriesMasterId ?? null,
  };
}

/** The add-in's custom properties on the event: one JSON object, or none yet. */
export function customPropertiesOf(event: GraphEvent, addinId: string): CustomValues {
  const id = customPropertiesId(addinId).toLowerCase();
  const property = event.singleValueExtendedProperties?.find((p) => p.id.toLowerCase() === id);
  if (!property) return {};
  const parsed: unknown = JSON.parse(property.value);
  return typeof parsed === "object" && parsed !== null && !Array.isArray(parsed)
    ? (parsed as CustomValues)
    : {};
}

export function customPropertiesPatch(addinId: string, values: CustomValues) {
  return {
    singleValueExtendedProperties: [{ id: customPropertiesId(addinId), value: JSON.stringify(values) }],
  };
}

type WireLocation = NonNullable<GraphEvent["locations"]>[number];
type WireAttendee = NonNullable<GraphEvent["attendees"]>[number];

const keepAttendee = (a: WireAttendee) => ({ type: a.type, emailAddress: a.emailAddress });
const keepLocation = (l: WireLocation) => ({
  displayName: l.displayName ?? null,
  locationType: l.locationType ?? null,
  locationEmailAddress: l.locationEmailAddress ?? null,
  uniqueId: l.uniqueId ?? null,
});
const same = (a: string | null | undefined, b: string) => (a ?? "").toLowerCase() === b.toLowerCase();

/**
 * enhancedLocation.addAsync: a room becomes a location and a resource attendee, so Exchange
 * invites it and it answers by its booking policy; a custom location is only a location.
 */
export function addLocationsPatch(event: GraphEvent, added: LocationIds) {
  const attendees = (event.attendees ?? []).map(keepAttendee);
  const locations = (event.locations ?? []).map(keepLocation);
  for (const location of added) {
    if (location.type === "room") {
      if (!attendees.some((a) => a.type === "resource" && same(a.emailAddress.address, location.id)))
        attendees.push({ type: "resource", emailAddress: { name: null, address: location.id } });
      if (!locations.some((l) => same(l.locationEmailAddress, location.id)))
        locations.push({
          displayName: null,
          locationType: "conferenceRoom",
          locationEmailAddress: location.id,
          uniqueId: location.id,
        });
    } else if (!locations.some((l) => same(l.displayName, location.id))) {
      locations.push({
        displayName: location.id,
        locationType: "default",
        locationEmailAddress: null,
        uniqueId: null,
      });
    }
  }
  return { attendees, locations };
}

/** enhancedLocation.removeAsync: a removed room also leaves the attendees (Exchange then cancels its booking). */
export function removeLocationsPatch(event: GraphEvent, removed: LocationIds) {
  const gone = (l: WireLocation) =>
    removed.some((r) => (r.type === "room" ? same(l.locationEmailAddress, r.id) : same(l.displayName, r.id)));
  const rooms = removed.filter((r) => r.type === "room").map((r) => r.id);
  return {
    attendees: (event.attendees ?? [])
      .filter((a) => !(a.type === "resource" && rooms.some((r) => same(a.emailAddress.address, r))))
      .map(keepAttendee),
    locations: (event.locations ?? []).filter((l) => !gone(l)).map(keepLocation),
  };
}
