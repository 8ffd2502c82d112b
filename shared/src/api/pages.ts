import { z } from "zod";
import { isoWeekOf } from "../calendar/iso-week";
import { DeadlineSchema } from "../deadlines/deadline";
import {
  CostCentreSchema,
  CateringItemSchema,
  DietaryNeedSchema,
  StepStateSchema,
  STEP_NAMES,
} from "../plan/plan";
import { PriorityClassSchema } from "../priority/rules";
import { ClassificationSchema, InstantSchema, MEETING_SLOT } from "./common";
import { PendingInvitationSchema, INVITATION_ANSWERS } from "./invitations";
import { FirstPassSchema } from "./sync-status";

/** A conflict as a page shows it: with which meeting, and the sentence that explains it. */
export const PageConflictSchema = z.object({
  kind: z.enum(["overlap", "travel"]),
  withId: z.string(),
  withSubject: z.string(),
  text: z.string(),
  action: z.string(),
});
export type PageConflict = z.infer<typeof PageConflictSchema>;

export const SuggestedAnswerSchema = z.enum(INVITATION_ANSWERS);
export type SuggestedAnswer = z.infer<typeof SuggestedAnswerSchema>;

export const ReadinessSchema = z.object({
  done: z.number().int().min(0),
  needed: z.number().int().min(0),
  waiting: z.array(z.enum(STEP_NAMES)),
  missing: z.array(z.enum(STEP_NAMES)),
});

/** An invitation on the mayor's phone: what she needs to answer it in one tap. */
export const PhoneInvitationSchema = PendingInvitationSchema.extend({
  priority: ClassificationSchema,
  answerDue: InstantSchema,
  /** The secretary's note to the mayor (the briefing note), empty when none. */
  note: z.string(),
  conflicts: z.array(PageConflictSchema),
  /** Minutes to get there from the meeting before, when the places differ. */
  travelMinutes: z.number().int().min(0).nullable(),
  travelFrom: z.string().nullable(),
  /** To be decided at the weekly calendar meeting (it conflicts, and nobody decided yet). */
  needsWeeklyDecision: z.boolean(),
  suggested: SuggestedAnswerSchema,
  /** How far the secretary has planned the meeting (rooms, catering, guests …) already. */
  readiness: ReadinessSchema,
});
export type PhoneInvitation = z.infer<typeof PhoneInvitationSchema>;
export const PhoneInvitationsResponseSchema = z.object({ invitations: z.array(PhoneInvitationSchema) });
export type PhoneInvitationsResponse = z.infer<typeof PhoneInvitationsResponseSchema>;

/** A meeting in the weekly calendar meeting's view. */
export const WeekMeetingSchema = z.object({
  ...MEETING_SLOT,
  organizer: z.string(),
  isPrivate: z.boolean(),
  attendance: z.enum(["organizer", "accepted", "tentative", "pending", "declined"]),
  priority: ClassificationSchema,
  readiness: ReadinessSchema,
  conflicts: z.array(PageConflictSchema),
  /** For an invitation not yet answered. */
  suggested: SuggestedAnswerSchema.optional(),
});
export type WeekMeeting = z.infer<typeof WeekMeetingSchema>;

/** The week's calendar file is named by its ISO week and year, as the page heads it: uge-50-2026.ics. */
export function weekCalendarFileName(weekStart: string): string {
  const { week, year } = isoWeekOf(weekStart);
  return `uge-${week}-${year}.ics`;
}

export const WEEKLY_DECISIONS = [
  "accept",
  "decline",
  "sendChiefOfStaff",
  "orderMaterial",
  "pinPriority",
] as const;
export const WeeklyDecisionSchema = z.enum(WEEKLY_DECISIONS);
export type WeeklyDecision = z.infer<typeof WeeklyDecisionSchema>;

export const MinuteSchema = z.object({
  id: z.string(),
  eventId: z.string(),
  subject: z.string(),
  decision: WeeklyDecisionSchema,
  detail: z.record(z.string(), z.unknown()),
  outcome: z.string(),
  decidedBy: z.string(),
  decidedAt: InstantSchema,
});
export type Minute = z.infer<typeof MinuteSchema>;

export const WeekQuerySchema = z.object({
  /** Monday (ISO date) of the week to show day by day; default: next week. */
  week: z.iso.date().optional(),
  /** Weeks shown day by day (the overview covers the three after them). */
  weeks: z.coerce.number().int().min(1).max(8).default(1),
});

export const WeekViewSchema = z.object({
  weekStart: z.iso.date(),
  days: z.array(z.object({ date: z.iso.date(), meetings: z.array(WeekMeetingSchema) })),
  overview: z.array(
    z.object({
      weekStart: z.iso.date(),
      meetings: z.number().int(),
      pending: z.number().int(),
      conflicts: z.number().int(),
      notReady: z.number().int(),
    }),
  ),
  deadlines: z.array(DeadlineSchema),
  minutes: z.array(MinuteSchema),
  /** Reconcile's first pass over the mailbox, present while it runs (see FirstPassSchema). */
  firstPass: FirstPassSchema.optional(),
});
export type WeekView = z.infer<typeof WeekViewSchema>;

export const WeeklyDecisionRequestSchema = z.strictObject({
  eventId: z.string().min(1),
  weekStart: z.iso.date(),
  decision: WeeklyDecisionSchema,
  priorityClass: PriorityClassSchema.optional(),
  comment: z.string().max(2000).optional(),
});
export const WeeklyDecisionResultSchema = z.object({ minute: MinuteSchema });

export const IcsQuerySchema = z.object({
  /** Monday (ISO date) of the week; default: next week. */
  from: z.iso.date().optional(),
});

export const DayQuerySchema = z.object({ day: z.iso.date().optional() });

/** A guest on the reception's list: nothing of the meeting but where, when and who receives. */
export const ReceptionGuestSchema = z.object({
  meetingId: z.string(),
  name: z.string(),
  organisation: z.string(),
  arrivalAt: InstantSchema,
  host: z.string(),
  location: z.string(),
  badge: z.boolean(),
  parking: z.boolean(),
  arrivedAt: InstantSchema.nullable(),
});
export type ReceptionGuest = z.infer<typeof ReceptionGuestSchema>;
export const ReceptionListResponseSchema = z.object({
  days: z.array(z.object({ date: z.iso.date(), guests: z.array(ReceptionGuestSchema) })),
});
export type ReceptionListResponse = z.infer<typeof ReceptionListResponseSchema>;
export const ArrivalRequestSchema = z.strictObject({ guest: z.string().min(1).max(100) });
export const ArrivalResultSchema = z.object({ arrivedAt: InstantSchema, hostNotified: z.boolean() });

/** A line of the kitchen's list: no subject, no attendees, only the order. */
export const CateringLineSchema = z.object({
  meetingId: z.string(),
  date: z.iso.date(),
  serveAt: InstantSchema,
  location: z.string(),
  host: z.string(),
  count: z.number().int().min(0),
  items: z.array(CateringItemSchema),
  otherItems: z.string(),
  dietary: z.partialRecord(DietaryNeedSchema, z.number().int()),
  dietaryNote: z.string(),
  costCentre: CostCentreSchema.nullable(),
  state: StepStateSchema,
  confirmedAt: InstantSchema.nullable(),
  /** cancelled: the meeting is called off; changed: the order changed after the kitchen confirmed it. */
  change: z.enum(["cancelled", "changed"]).nullable(),
});
export type CateringLine = z.infer<typeof CateringLineSchema>;
export const CateringListResponseSchema = z.object({ orders: z.array(CateringLineSchema) });
export type CateringListResponse = z.infer<typeof CateringListResponseSchema>;
export const CateringConfirmResultSchema = z.object({
  confirmedAt: InstantSchema,
  revision: z.number().int(),
});
