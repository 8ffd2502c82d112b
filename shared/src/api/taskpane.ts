import { z } from "zod";
import { EquipmentSchema, GuestSchema, MeetingPlanSchema } from "../plan/plan";
import { InstantSchema, VersionSchema } from "./common";

/** Rooms free for the whole slot with enough seats and the equipment asked for. */
export const RoomSearchRequestSchema = z.object({
  start: InstantSchema,
  end: InstantSchema,
  seats: z.number().int().min(1).max(999).default(1),
  equipment: z.array(EquipmentSchema).max(3).default([]),
  stepFree: z.boolean().default(false),
});
export type RoomSearchRequest = z.input<typeof RoomSearchRequestSchema>;

export const AvailableRoomSchema = z.object({
  email: z.string(),
  name: z.string(),
  capacity: z.number().int().nullable(),
  equipment: z.array(EquipmentSchema),
  stepFree: z.boolean(),
});
export type AvailableRoom = z.infer<typeof AvailableRoomSchema>;
export const RoomSearchResponseSchema = z.object({ rooms: z.array(AvailableRoomSchema) });

/** The whole plan as the service keeps it, with the revision a save must be based on. */
export const StoredPlanResponseSchema = z.object({
  plan: MeetingPlanSchema.nullable(),
  revision: z.number().int().min(0),
  /** Guests the meeting itself could not hold. */
  moreGuests: z.array(GuestSchema).default([]),
});

export const BriefingSchema = z.object({
  text: z.string().max(100_000, { message: "validation.tooLong" }),
  version: z.number().int().min(0),
});
export type Briefing = z.infer<typeof BriefingSchema>;
export const BriefingSaveRequestSchema = z.object({
  text: BriefingSchema.shape.text,
  baseVersion: VersionSchema,
});

export const DepartmentsResponseSchema = z.object({
  departments: z.array(z.object({ name: z.string(), email: z.string() })),
});

/** What the task pane needs to know about the service before it signs in: public values only. */
export const TaskPaneConfigSchema = z.object({
  authority: z.string(),
  clientId: z.string(),
  scopes: z.array(z.string()),
  apiBase: z.string(),
  knownAuthorities: z.array(z.string()),
});
export type TaskPaneConfig = z.infer<typeof TaskPaneConfigSchema>;

/** A line of the reception's guest list for a day: one sent notice per meeting. */
export const ReceptionDayResponseSchema = z.object({
  meetings: z.array(
    z.object({
      meetingId: z.string(),
      start: InstantSchema,
      subject: z.string(),
      arrivalAt: z.string().optional(),
      host: z.string().optional(),
      parking: z.boolean(),
      badge: z.boolean(),
      guests: z.array(GuestSchema),
      sentAt: InstantSchema,
    }),
  ),
});
export const ReceptionDayQuerySchema = z.object({ date: z.iso.date() });

/** A meeting's deadlines in the Danish working-day calendar, worked out by the service. */
export const MeetingDeadlinesQuerySchema = z.object({
  materialDays: z.coerce.number().int().min(0).max(30).default(3),
});
export const MeetingDeadlinesResponseSchema = z.object({
  cateringCutoff: InstantSchema,
  /** True while a catering order placed now still makes the cut-off. */
  cateringOpen: z.boolean(),
  guestListDue: InstantSchema,
  materialDue: InstantSchema,
});
export type MeetingDeadlines = z.infer<typeof MeetingDeadlinesResponseSchema>;
