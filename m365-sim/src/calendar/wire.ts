import { GraphError } from "../odata";
import { toWire } from "../state";
import type { CalendarEvent } from "./model";
import { instantOf, toDateTimeTimeZone } from "./time";

/**
 * An event as Graph sends it: start/end in the zone the caller preferred, `$select`
 * projection, `$expand` of extended properties, and private items masked for delegates.
 */
export interface WireOptions {
  /** `Prefer: outlook.timezone`; UTC when absent. */
  zone?: string;
  select?: string[];
  /** `$expand=singleValueExtendedProperties(...)`: which ids to include. */
  expandProperty?: (id: string) => boolean;
  /** True for delegates who may not see private items. */
  maskPrivate?: boolean;
}

const EVENT_PROPERTIES = new Set([
  "allowNewTimeProposals",
  "attendees",
  "body",
  "bodyPreview",
  "categories",
  "changeKey",
  "createdDateTime",
  "end",
  "hasAttachments",
  "hideAttendees",
  "iCalUId",
  "id",
  "importance",
  "isAllDay",
  "isCancelled",
  "isDraft",
  "isOnlineMeeting",
  "isOrganizer",
  "isReminderOn",
  "lastModifiedDateTime",
  "location",
  "locations",
  "onlineMeeting",
  "onlineMeetingProvider",
  "onlineMeetingUrl",
  "organizer",
  "originalEndTimeZone",
  "originalStart",
  "originalStartTimeZone",
  "recurrence",
  "reminderMinutesBeforeStart",
  "responseRequested",
  "responseStatus",
  "sensitivity",
  "seriesMasterId",
  "showAs",
  "start",
  "subject",
  "transactionId",
  "type",
  "uid",
  "webLink",
]);

/** `$select=a,b`: Graph's 400 for names the event type does not have. */
export function parseSelect(raw: unknown): string[] | undefined {
  if (typeof raw !== "string" || raw.trim() === "") return undefined;
  const names = raw.split(",").map((n) => n.trim());
  for (const name of names) {
    if (!EVENT_PROPERTIES.has(name)) {
      throw new GraphError(
        400,
        "RequestBroker--ParseUri",
        `Could not find a property named '${name}' on type 'microsoft.graph.event'.`,
      );
    }
  }
  return names;
}

/** `$expand=singleValueExtendedProperties($filter=id eq '…')`. */
export function parseExpand(raw: unknown): ((id: string) => boolean) | undefined {
  if (typeof raw !== "string" || raw.trim() === "") return undefined;
  const match = /^singleValueExtendedProperties(?:\(\$filter=id eq '((?:[^']|'')*)'\))?$/i.exec(raw.trim());
  if (!match) {
    throw new GraphError(
      400,
      "BadRequest",
      `Parsing OData Select and Expand failed: Could not find a property named '${raw.split("(")[0]}' on type 'microsoft.graph.event'.`,
    );
  }
  const wanted = match[1]?.replace(/''/g, "'").toLowerCase();
  return (id) => wanted === undefined || id.toLowerCase() === wanted;
}

export function toGraphEvent(event: CalendarEvent, options: WireOptions = {}): Record<string, unknown> {
  const wire = toWire(event);
  if (options.zone) {
    wire["start"] = toDateTimeTimeZone(instantOf(event.start), options.zone);
    wire["end"] = toDateTimeTimeZone(instantOf(event.end), options.zone);
  }
  if (options.maskPrivate && event.sensitivity === "private") {
    Object.assign(wire, {
      subject: "Privat aftale",
      body: { contentType: "text", content: "" },
      bodyPreview: "",
      location: {
        displayName: "",
        locationType: "default",
        uniqueIdType: "unknown",
        address: {},
        coordinates: {},
      },
      locations: [],
      attendees: [],
      categories: [],
    });
  }
  let out = wire;
  if (options.select) {
    out = { "@odata.etag": wire["@odata.etag"], id: wire["id"] };
    for (const name of options.select) if (name in wire) out[name] = wire[name];
  }
  if (options.expandProperty) {
    const expand = options.expandProperty;
    const properties = (event._extendedProperties ?? []).filter((p) => expand(p.id));
    if (properties.length) out["singleValueExtendedProperties"] = properties.map((p) => ({ ...p }));
  }
  return out;
}
