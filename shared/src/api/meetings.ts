import { z } from "zod";
import { MeetingPlanSchema } from "../plan/plan";
import { ClassificationSchema, ConflictSchema, InstantSchema, MEETING_SLOT } from "./common";

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

/**
 * A meeting of the mayor's calendar, for the mayor, the secretary and the chief of staff:
 * what the privacy policy withholds from the caller is left empty (a private meeting they may
 * not see whole has its time and "Privat aftale" only).
 */
export const FullMeetingSchema = z.object({
  view: z.literal("full"),
  ...MEETING_SLOT,
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

export const MeetingsResponseSchema = z.object({ meetings: z.array(FullMeetingSchema) });
export type MeetingsResponse = z.infer<typeof MeetingsResponseSchema>;
