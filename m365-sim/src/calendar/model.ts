import type { ExtendedProperty } from "../extended-properties";
import { z } from "zod";
import { graphEnum, requestBodyError, requireObject } from "../odata";
import type { StoredEvent } from "../state";

/** A stored event plus the calendar's own bookkeeping (never serialised: `_` fields). */
export type CalendarEvent = StoredEvent & {
  /** Exceptions: the UTC start (ISO) of the occurrence slot this exception replaces. */
  _originalStart?: string;
  /** Series masters: UTC starts (ISO) of occurrences that were deleted or cancelled. */
  _deletedOccurrences?: string[];
  /** singleValueExtendedProperties, returned only through `$expand`. */
  _extendedProperties?: ExtendedProperty[];
  /** Attendee copies: the organizer's mailbox when the organizer is in the tenant. */
  _organizerMailboxId?: string;
};

export type { ExtendedProperty } from "../extended-properties";

const dateTimeTimeZone = z.object({ dateTime: z.string(), timeZone: z.string().default("UTC") });
const emailAddress = z.object({ name: z.string().nullish(), address: z.string().nullish() });
const physicalAddress = z
  .object({
    street: z.string().nullish(),
    city: z.string().nullish(),
    state: z.string().nullish(),
    postalCode: z.string().nullish(),
    countryOrRegion: z.string().nullish(),
  })
  .nullish();
const locationType = graphEnum(
  [
    "default",
    "conferenceRoom",
    "homeAddress",
    "businessAddress",
    "geoCoordinates",
    "streetAddress",
    "hotel",
    "restaurant",
    "localBusiness",
    "postalAddress",
  ],
  "locationType",
);
export const locationSchema = z.object({
  displayName: z.string().nullish(),
  locationType: locationType.nullish(),
  uniqueId: z.string().nullish(),
  uniqueIdType: graphEnum(
    ["unknown", "locationStore", "directory", "private", "bing"],
    "locationUniqueIdType",
  ).nullish(),
  locationEmailAddress: z.string().nullish(),
  locationUri: z.string().nullish(),
  address: physicalAddress,
});
const responseType = graphEnum(
  ["none", "organizer", "tentativelyAccepted", "accepted", "declined", "notResponded"],
  "responseType",
);
const attendeeSchema = z.object({
  type: graphEnum(["required", "optional", "resource"], "attendeeType").default("required"),
  emailAddress,
  status: z.object({ response: responseType.nullish(), time: z.string().nullish() }).nullish(),
});
const dayOfWeek = graphEnum(
  ["sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"],
  "dayOfWeek",
);
export const recurrenceSchema = z.object({
  pattern: z.object({
    type: graphEnum(
      ["daily", "weekly", "absoluteMonthly", "relativeMonthly", "absoluteYearly", "relativeYearly"],
      "recurrencePatternType",
    ),
    interval: z.number().int().min(1).default(1),
    daysOfWeek: z.array(dayOfWeek).nullish(),
    dayOfMonth: z.number().int().min(0).max(31).nullish(),
    month: z.number().int().min(0).max(12).nullish(),
    index: graphEnum(["first", "second", "third", "fourth", "last"], "weekIndex").nullish(),
    firstDayOfWeek: dayOfWeek.nullish(),
  }),
  range: z.object({
    type: graphEnum(["endDate", "noEnd", "numbered"], "recurrenceRangeType"),
    startDate: z.iso.date(),
    endDate: z.iso.date().nullish(),
    numberOfOccurrences: z.number().int().min(0).nullish(),
    recurrenceTimeZone: z.string().nullish(),
  }),
});
export type RecurrenceInput = z.infer<typeof recurrenceSchema>;

const extendedPropertySchema = z.object({ id: z.string().min(1), value: z.string() });

/** Writable event properties (the event resource's), as POST and PATCH accept them. */
export const eventInputSchema = z.strictObject({
  subject: z.string().nullish(),
  body: z
    .object({ contentType: graphEnum(["text", "html"], "bodyType").default("text"), content: z.string() })
    .nullish(),
  start: dateTimeTimeZone,
  end: dateTimeTimeZone,
  location: locationSchema.nullish(),
  locations: z.array(locationSchema).nullish(),
  attendees: z.array(attendeeSchema).nullish(),
  organizer: z.object({ emailAddress }).nullish(),
  categories: z.array(z.string()).nullish(),
  importance: graphEnum(["low", "normal", "high"], "importance").nullish(),
  sensitivity: graphEnum(["normal", "personal", "private", "confidential"], "sensitivity").nullish(),
  showAs: graphEnum(
    ["unknown", "free", "tentative", "busy", "oof", "workingElsewhere"],
    "freeBusyStatus",
  ).nullish(),
  isAllDay: z.boolean().nullish(),
  isReminderOn: z.boolean().nullish(),
  reminderMinutesBeforeStart: z.number().int().nullish(),
  responseRequested: z.boolean().nullish(),
  allowNewTimeProposals: z.boolean().nullish(),
  hideAttendees: z.boolean().nullish(),
  isOnlineMeeting: z.boolean().nullish(),
  onlineMeetingProvider: z.string().nullish(),
  recurrence: recurrenceSchema.nullish(),
  transactionId: z.string().nullish(),
  singleValueExtendedProperties: z.array(extendedPropertySchema).nullish(),
});
export type EventInput = z.output<typeof eventInputSchema>;
export type EventPatch = Partial<EventInput>;
export const eventPatchSchema = eventInputSchema.partial();

/** Read-only event properties a client may echo back; Graph ignores them on write. */
const READ_ONLY = new Set([
  "@odata.etag",
  "@odata.type",
  "@odata.context",
  "id",
  "changeKey",
  "createdDateTime",
  "lastModifiedDateTime",
  "iCalUId",
  "bodyPreview",
  "hasAttachments",
  "isCancelled",
  "isOrganizer",
  "isDraft",
  "responseStatus",
  "seriesMasterId",
  "type",
  "webLink",
  "onlineMeeting",
  "onlineMeetingUrl",
  "originalStart",
  "originalStartTimeZone",
  "originalEndTimeZone",
]);

/** Parses a POST/PATCH body into typed input, answering Graph's 400 RequestBodyRead on unknown or bad values. */
export function parseEventBody<T extends z.ZodType>(schema: T, body: unknown): z.output<T> {
  const writable = Object.fromEntries(
    Object.entries(requireObject(body)).filter(([key]) => !READ_ONLY.has(key)),
  );
  const result = schema.safeParse(writable);
  if (result.success) return result.data;
  throw requestBodyError(result.error.issues[0], "microsoft.graph.event");
}
