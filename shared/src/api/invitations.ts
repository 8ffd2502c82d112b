import { z } from "zod";
import { PersonSchema } from "./meetings";

/** An invitation the mayor has not answered yet, for the phone page. */
export const PendingInvitationSchema = z.object({
  id: z.string(),
  subject: z.string(),
  start: z.string(),
  end: z.string(),
  isAllDay: z.boolean(),
  location: z.string(),
  organizer: PersonSchema.nullable(),
  bodyPreview: z.string(),
  isPrivate: z.boolean(),
  attendeeCount: z.number().int().min(0),
});
export type PendingInvitation = z.infer<typeof PendingInvitationSchema>;

export const PendingInvitationsResponseSchema = z.object({
  invitations: z.array(PendingInvitationSchema),
});
export type PendingInvitationsResponse = z.infer<typeof PendingInvitationsResponseSchema>;

export const INVITATION_ANSWERS = ["accept", "tentative", "decline"] as const;

export const InvitationAnswerSchema = z.strictObject({
  response: z.enum(INVITATION_ANSWERS),
  comment: z.string().max(2000).optional(),
  /** Whether the organizer gets a reply mail (Outlook's "send the response"). */
  sendResponse: z.boolean().default(true),
  /** Chosen by the page per answer (a UUID): repeating it never sends the answer twice. */
  idempotencyKey: z.string().min(8).max(128),
});
export type InvitationAnswer = z.infer<typeof InvitationAnswerSchema>;

export const InvitationAnswerResultSchema = z.object({
  eventId: z.string(),
  response: z.enum(INVITATION_ANSWERS),
  sentAt: z.string(),
  /** True when this key had already been answered: nothing was sent again. */
  repeated: z.boolean(),
});
export type InvitationAnswerResult = z.infer<typeof InvitationAnswerResultSchema>;
