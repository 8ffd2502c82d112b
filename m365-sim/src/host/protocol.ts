import { z } from "zod";

/**
 * The messages between the host page (Outlook) and the task pane's office.js, as
 * postMessage carries them. Real Office.js talks to Outlook on the web the same way: the
 * pane asks, the host does the work with the signed-in person's rights and answers.
 */

/** Marks our messages, so a pane's other postMessage traffic (MSAL, React dev tools) is ignored. */
export const CHANNEL = "modeklar-outlook-host";

const person = z.object({
  displayName: z.string(),
  emailAddress: z.string(),
  /** Office.MailboxEnums.ResponseType: none, organizer, tentative, accepted, declined. */
  appointmentResponse: z.enum(["none", "organizer", "tentative", "accepted", "declined"]),
  /** Office.MailboxEnums.RecipientType. */
  recipientType: z.enum(["user", "externalUser", "distributionList", "other"]),
});
export type ItemPerson = z.infer<typeof person>;

const location = z.object({
  /** The room's address for a room, the display name for a custom location (as Outlook keys them). */
  id: z.string(),
  type: z.enum(["room", "custom"]),
  displayName: z.string(),
  emailAddress: z.string().optional(),
});
export type ItemLocation = z.infer<typeof location>;

/** What the pane sees of the open meeting; the host sends a fresh one on open and after every change it makes. */
export const itemSnapshot = z.object({
  /** read = attendee view (Office.AppointmentRead); compose = organizer view (Office.AppointmentCompose). */
  mode: z.enum(["read", "compose"]),
  /** The Graph (REST) id; null for a new meeting not yet saved. */
  itemId: z.string().nullable(),
  subject: z.string(),
  start: z.iso.datetime({ offset: true }),
  end: z.iso.datetime({ offset: true }),
  location: z.string(),
  locations: z.array(location),
  organizer: person,
  requiredAttendees: z.array(person),
  optionalAttendees: z.array(person),
  /** Set only when the meeting was opened from a calendar shared with the signed-in person. */
  shared: z
    .object({ owner: z.string(), delegatePermissions: z.number().int(), targetRestUrl: z.string() })
    .nullable(),
  seriesId: z.string().nullable(),
});
export type ItemSnapshot = z.infer<typeof itemSnapshot>;

export const hostContext = z.object({
  displayLanguage: z.string(),
  userProfile: z.object({
    displayName: z.string(),
    emailAddress: z.string(),
    timeZone: z.string(),
    accountType: z.literal("enterprise"),
  }),
  item: itemSnapshot.nullable(),
  /** The host claims the NestedAppAuth 1.1 requirement set and brokers the pane's tokens. */
  nestedAppAuth: z.boolean().optional(),
});
export type HostContext = z.infer<typeof hostContext>;

/** Office's error shape on a failed AsyncResult. */
export const officeError = z.object({ name: z.string(), message: z.string(), code: z.number().int() });
export type OfficeErrorInfo = z.infer<typeof officeError>;

const customValues = z.record(z.string(), z.unknown());
export type CustomValues = z.infer<typeof customValues>;

const locationIds = z.array(z.object({ id: z.string().min(1), type: z.enum(["room", "custom"]) }));
export type LocationIds = z.infer<typeof locationIds>;

/** The calls the pane makes that need the host (and Graph); everything else the shim answers from the snapshot. */
export const hostCall = z.discriminatedUnion("method", [
  z.object({ method: z.literal("loadCustomProperties") }),
  z.object({
    method: z.literal("saveCustomProperties"),
    /** What the pane loaded: the save fails when someone else changed the properties since. */
    loaded: customValues,
    values: customValues,
  }),
  z.object({ method: z.literal("addLocations"), locations: locationIds }),
  z.object({ method: z.literal("removeLocations"), locations: locationIds }),
  z.object({
    method: z.literal("updateItem"),
    /** Organizer view edits: saved at once, as Outlook on the web saves a meeting's draft. */
    changes: z.object({
      subject: z.string().optional(),
      location: z.string().optional(),
      start: z.iso.datetime({ offset: true }).optional(),
      end: z.iso.datetime({ offset: true }).optional(),
      requiredAttendees: z.array(z.string()).optional(),
      optionalAttendees: z.array(z.string()).optional(),
    }),
  }),
]);
export type HostCall = z.infer<typeof hostCall>;

/** pane → host */
export const paneMessage = z.discriminatedUnion("kind", [
  z.object({ channel: z.literal(CHANNEL), kind: z.literal("hello") }),
  z.object({
    channel: z.literal(CHANNEL),
    kind: z.literal("call"),
    id: z.number().int(),
    /** The item the pane called on: a call on an item no longer selected fails, as in Outlook. */
    itemId: z.string().nullable(),
    call: hostCall,
  }),
  /** MSAL's nested app authentication request (its JSON envelope), carried for `window.nestedAppAuthBridge`. */
  z.object({ channel: z.literal(CHANNEL), kind: z.literal("naa"), request: z.string() }),
]);
export type PaneMessage = z.infer<typeof paneMessage>;

export const callResult = z.union([
  z.object({ ok: z.literal(true), value: z.unknown(), item: itemSnapshot.nullable().optional() }),
  z.object({ ok: z.literal(false), error: officeError }),
]);
export type CallResult = z.infer<typeof callResult>;

/** host → pane */
export const hostMessage = z.discriminatedUnion("kind", [
  z.object({ channel: z.literal(CHANNEL), kind: z.literal("ready"), context: hostContext }),
  z.object({
    channel: z.literal(CHANNEL),
    kind: z.literal("result"),
    id: z.number().int(),
    result: callResult,
  }),
  z.object({ channel: z.literal(CHANNEL), kind: z.literal("itemChanged"), item: itemSnapshot.nullable() }),
  /** The host's answer to a nested app authentication request (MSAL's JSON response envelope). */
  z.object({ channel: z.literal(CHANNEL), kind: z.literal("naa"), response: z.string() }),
]);
export type HostMessage = z.infer<typeof hostMessage>;

/**
 * Whether a message event came from the window we talk to, at the origin it must have:
 * the host checks the pane's frame and its manifest origin, the pane checks its parent and
 * the origin office.js was served from. Anything else is dropped unread.
 */
export function comesFrom(
  event: { origin: string; source: unknown },
  expected: { origin: string; window: unknown } | undefined,
): boolean {
  return (
    !!expected && !!expected.window && event.source === expected.window && event.origin === expected.origin
  );
}

/** Office's error names and codes for what the host can run into. */
export const OFFICE_ERRORS = {
  saveConflict: (message: string): OfficeErrorInfo => ({ name: "SaveError", message, code: 9021 }),
  accessRestricted: (message: string): OfficeErrorInfo => ({ name: "AccessRestricted", message, code: 9017 }),
  itemNotSaved: (): OfficeErrorInfo => ({
    name: "ItemNotSaved",
    message: "The id can't be retrieved until the item is saved.",
    code: 9048,
  }),
  itemChanged: (): OfficeErrorInfo => ({
    name: "APICallFailedDueToItemChange",
    message: "The selected item has been changed.",
    code: 9030,
  }),
  internal: (message: string): OfficeErrorInfo => ({ name: "InternalServerError", message, code: 5001 }),
  invalidArgument: (message: string): OfficeErrorInfo => ({ name: "InvalidArgument", message, code: 1001 }),
} as const;
