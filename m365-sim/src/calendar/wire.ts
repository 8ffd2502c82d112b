import { extendedPropertyIds, pickExtendedProperties } from "../extended-properties";
import { GraphError, type SelectRules } from "../odata";
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
  /** `$expand=singleValueExtendedProperties(...)`: the ids to include (all for an empty list). */
  extendedProperties?: string[];
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
  "webLink",
]);

/** `$select` on events: Graph's 400 names the event type, and a blank name is refused. */
export const EVENT_SELECT: SelectRules = {
  allowed: EVENT_PROPERTIES,
  type: "microsoft.graph.event",
  code: "RequestBroker--ParseUri",
  blankNames: "refuse",
};

/** `$expand=singleValueExtendedProperties($filter=id eq '…' or id eq '…')`: the ids asked for. */
export function parseExpand(raw: unknown): string[] | undefined {
  if (typeof raw !== "string" || raw.trim() === "") return undefined;
  const match = /^singleValueExtendedProperties(?:\((.*)\))?$/is.exec(raw.trim());
  if (!match) {
    throw new GraphError(
      400,
      "BadRequest",
      `Parsing OData Select and Expand failed: Could not find a property named '${raw.split("(")[0]}' on type 'microsoft.graph.event'.`,
    );
  }
  return extendedPropertyIds(match[1]);
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
  if (options.extendedProperties) {
    const properties = pickExtendedProperties(event._extendedProperties ?? [], options.extendedProperties);
    if (properties.length) out["singleValueExtendedProperties"] = properties;
  }
  return out;
}
