import { z } from "zod";
import { PriorityClassSchema } from "../priority/rules";

/** The roles of the service's API (Entra app roles). */
export const API_ROLES = ["secretary", "mayor", "chief-of-staff", "reception", "catering"] as const;
export const ApiRoleSchema = z.enum(API_ROLES);
export type ApiRole = z.infer<typeof ApiRoleSchema>;

export const InstantSchema = z.iso.datetime({ offset: true });

/** What every meeting the API shows has: its id, subject, time and place (spread into a schema's shape). */
export const MEETING_SLOT = {
  id: z.string(),
  subject: z.string(),
  start: InstantSchema,
  end: InstantSchema,
  isAllDay: z.boolean(),
  location: z.string(),
};

/** A stored record's version or revision, as a writer names the one it read (a PostgreSQL integer). */
export const VersionSchema = z.number().int().min(0).max(2_147_483_646);

/** RFC 9457 problem details, with the bad fields when the request was invalid. */
export const ProblemSchema = z.object({
  type: z.string().default("about:blank"),
  title: z.string(),
  status: z.number().int().min(400).max(599),
  detail: z.string().optional(),
  errors: z.array(z.object({ field: z.string(), message: z.string() })).optional(),
});
export type Problem = z.infer<typeof ProblemSchema>;

export const ClassificationSchema = z.object({
  class: PriorityClassSchema,
  reason: z.string(),
  ruleId: z.string().nullable(),
  source: z.enum(["pin", "vip", "rule", "default"]),
});

export const ConflictSchema = z.object({
  kind: z.enum(["overlap", "travel"]),
  first: z.object({ id: z.string(), subject: z.string() }),
  second: z.object({ id: z.string(), subject: z.string() }),
  minutesAvailable: z.number().int().optional(),
  minutesNeeded: z.number().int().optional(),
  action: z.enum(["declineInvite", "chooseOne", "moveOrShorten"]),
  actionMeetingId: z.string().optional(),
});

export const SensitivitySchema = z.enum(["normal", "personal", "private", "confidential"]);
export const AttendanceSchema = z.enum(["organizer", "accepted", "tentative", "pending", "declined"]);

/** A time range query: meetings starting before `to` and ending after `from`. */
export const RangeQuerySchema = z.object({
  from: InstantSchema,
  to: InstantSchema,
});
export type RangeQuery = z.infer<typeof RangeQuerySchema>;
