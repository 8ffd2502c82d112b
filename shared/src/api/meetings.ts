import { z } from "zod";
import { CateringOrderSchema, MeetingPlanSchema, ReceptionListSchema } from "../plan/plan";
import { ClassificationSchema, ConflictSchema, InstantSchema } from "./common";

export const PersonSchema = z.object({ name: z.string(), address: z.string() });
export type Person = z.infer<typeof PersonSchema>;

export const AttendeeSchema = PersonSchema.extend({
  type: z.enum(["required", "optional", "resource"]),
  /** Graph's response: none, organizer, tentativelyAccepted, accepted, declined, notResponded. */
  response: z.string(),
});

/** Meetings starting before `to` and ending after `from` (ISO instants). */
export const MeetingsQuerySchema = z.object({ from: InstantSchema, to: InstantSchema });
export type MeetingsQuery = z.infer<typeof MeetingsQuerySchema>;

/** A whole meeting, for the mayor, the secretary and the chief of staff. */
export const FullMeetingSchema = z.object({
  view: z.literal("full"),
  id: z.string(),
  subject: z.string(),
  start: InstantSchema,
  end: InstantSchema,
  isAllDay: z.boolean(),
  location: z.string(),
  organizer: PersonSchema.nullable(),
  attendees: z.array(AttendeeSchema),
  bodyPreview: z.string(),
  sensitivity: z.string(),
  isPrivate: z.boolean(),
  isCancelled: z.boolean(),
  showAs: z.string(),
  categories: z.array(z.string()),
  plan: MeetingPlanSchema.nullable(),
  /** Filled by reconcile where it has run. */
  priority: ClassificationSchema.optional(),
  conflicts: z.array(ConflictSchema).optional(),
});
export type FullMeeting = z.infer<typeof FullMeetingSchema>;

/**
 * A line of the reception's or the canteen's day list: only what that job needs; a
 * private meeting keeps time, place and host, never its subject.
 */
export const DayListMeetingSchema = z.object({
  view: z.literal("dayList"),
  id: z.string(),
  subject: z.string(),
  start: InstantSchema,
  end: InstantSchema,
  isAllDay: z.boolean(),
  location: z.string(),
  host: z.string(),
  count: z.number().int().min(0),
  isPrivate: z.boolean(),
  isCancelled: z.boolean(),
  reception: ReceptionListSchema.optional(),
  catering: CateringOrderSchema.optional(),
});
export type DayListMeeting = z.infer<typeof DayListMeetingSchema>;

export const MeetingSchema = z.discriminatedUnion("view", [FullMeetingSchema, DayListMeetingSchema]);
export type Meeting = z.infer<typeof MeetingSchema>;

export const MeetingsResponseSchema = z.object({ meetings: z.array(MeetingSchema) });
export type MeetingsResponse = z.infer<typeof MeetingsResponseSchema>;
