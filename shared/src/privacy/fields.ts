/** What can be told about a meeting, one name per kind of detail. */
export const MEETING_FIELDS = [
  /** Start, end, all day, free/busy and whether it is cancelled. */
  "time",
  "place",
  "subject",
  /** The invitation's text (Graph's body preview). */
  "body",
  "organizer",
  "attendees",
  "categories",
  /** The priority class and its reason (which names the rule that matched). */
  "priority",
  /** How many of the plan's steps are done: numbers only. */
  "readiness",
  /** The whole plan: room, catering, guests, material, journal. */
  "plan",
  /** The briefing note, and the secretary's note beside an invitation. */
  "briefing",
  /** Comments recorded with the weekly meeting's decisions. */
  "minutes",
  /** Who receives the guests. */
  "host",
  "headCount",
  /** What is served, diets and who pays. */
  "catering",
  /** Guests' names and organisations, arrival, badge and parking. */
  "guests",
  /** Guests' mail addresses. */
  "guestContact",
  /** The material asked of a department and when it is due. */
  "material",
] as const;
export type MeetingField = (typeof MEETING_FIELDS)[number];

/**
 * The property names each field travels under, in Graph's events and messages, Mødeklar's
 * API, its mails and its stored rows: what logs must never carry.
 */
export const FIELD_KEYS: Record<MeetingField, readonly string[]> = {
  time: [],
  place: ["location", "travelFrom"],
  subject: ["subject", "title", "summary", "withSubject"],
  body: ["body", "bodyPreview", "uniqueBody", "content"],
  organizer: ["organizer", "from", "sender"],
  attendees: ["attendees", "toRecipients", "ccRecipients", "bccRecipients", "emailAddress"],
  categories: ["categories"],
  priority: ["reason"],
  readiness: [],
  plan: ["plan", "encoded", "singleValueExtendedProperties"],
  briefing: ["briefing", "note", "text"],
  minutes: ["comment"],
  host: ["host"],
  headCount: [],
  catering: ["dietaryNote", "otherItems", "costCentre"],
  guests: ["guests", "guest", "moreGuests"],
  guestContact: ["email"],
  material: ["what"],
};
