import { z } from "zod";
import { DeadlineSchema } from "../deadlines/deadline";
import {
  CateringOrderSchema,
  GuestSchema,
  MaterialOrderSchema,
  MeetingPlanSchema,
  ReceptionListSchema,
} from "../plan/plan";
import { InstantSchema, VersionSchema } from "./common";

/** Saving a meeting's plan: refused with 409 if someone saved since `baseRevision`. */
export const PlanSaveRequestSchema = z.object({
  plan: MeetingPlanSchema,
  baseRevision: VersionSchema,
});
export const PlanSaveResponseSchema = z.object({
  plan: MeetingPlanSchema,
  /** What the add-in stores in the meeting's custom properties. */
  encoded: z.string(),
});

const orderFor = { meetingId: z.string().min(1), baseRevision: VersionSchema };

/** "Bestil": the order goes to the catering mailbox; refused after the kitchen's cut-off. */
export const CateringOrderRequestSchema = z.object({
  ...orderFor,
  order: CateringOrderSchema,
  /**
   * The meeting's head count as the pane showed it, for the kitchen's mail when the order has
   * no count set by hand; the plan keeps no count then, so the number follows the meeting.
   */
  headCount: z.number().int().min(1).max(999).optional(),
});
export const CateringOrderResponseSchema = z.object({
  cutoff: InstantSchema,
  sentAt: InstantSchema,
  revision: z.number().int(),
});

/** The guest list to reception, with the guests the meeting itself could not hold (see fitPlan). */
export const ReceptionNoticeRequestSchema = z.object({
  ...orderFor,
  reception: ReceptionListSchema,
  moreGuests: z.array(GuestSchema).max(1000).default([]),
});
export const ReceptionNoticeResponseSchema = z.object({
  due: InstantSchema,
  sentAt: InstantSchema,
  revision: z.number().int(),
});

/** Meeting material ordered from a department by mail, with its deadline. */
export const MaterialOrderRequestSchema = z.object({ ...orderFor, material: MaterialOrderSchema });
export const MaterialOrderResponseSchema = z.object({
  due: InstantSchema,
  sentAt: InstantSchema,
  revision: z.number().int(),
});

export const DeadlinesResponseSchema = z.object({ deadlines: z.array(DeadlineSchema) });
