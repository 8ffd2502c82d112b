import { z } from "zod";
import { InstantSchema } from "./common";

/**
 * What the audit log records: every write a person (or the service itself) makes and every
 * read of a private meeting by a person. An entry names the action, the thing it touched and
 * the field names it touched, never their content.
 *
 * A new kind of write adds its action here (and its label in both page catalogs).
 */
export const AUDIT_ACTIONS = [
  "plan.save",
  "briefing.save",
  "order.catering",
  "order.reception",
  "order.material",
  "invitation.accept",
  "invitation.tentative",
  "invitation.decline",
  "decision.accept",
  "decision.decline",
  "decision.sendChiefOfStaff",
  "decision.orderMaterial",
  "decision.pinPriority",
  "pin.set",
  "pin.lift",
  "rules.save",
  "settings.save",
  "travel.save",
  "arrival.mark",
  "catering.confirm",
  "inquiry.update",
  "inquiry.forward",
  "journal.inquiry",
  "journal.meeting",
  /** A private meeting journalised: the secretary's explicit choice, recorded as such. */
  "journal.privateMeeting",
  "notice.catering",
  "notice.reception",
  "digest.send",
  "meeting.read",
  "retention.delete",
] as const;
export const AuditActionSchema = z.enum(AUDIT_ACTIONS);
export type AuditAction = z.infer<typeof AuditActionSchema>;

/** What an entry is about: a meeting (by its Graph id), an inquiry, or one of the secretariat's settings. */
export const AUDIT_TARGETS = ["meeting", "inquiry", "rules", "settings", "travel", "store"] as const;
export const AuditTargetKindSchema = z.enum(AUDIT_TARGETS);
export type AuditTargetKind = z.infer<typeof AuditTargetKindSchema>;

/** The page or program a request came from (the pages send it in `X-Modeklar-Client`). */
export const AUDIT_CLIENTS = ["taskpane", "phone", "week", "daylist", "audit", "api", "service"] as const;
export const AuditClientSchema = z.enum(AUDIT_CLIENTS);
export type AuditClient = z.infer<typeof AuditClientSchema>;
export const CLIENT_HEADER = "x-modeklar-client";

export const AuditEntrySchema = z.object({
  id: z.string(),
  at: InstantSchema,
  /** The person's Entra object id, or `service` for what Mødeklar did by itself. */
  actorId: z.string(),
  actorName: z.string(),
  /** The roles the person held when acting. */
  roles: z.array(z.string()),
  client: AuditClientSchema,
  action: AuditActionSchema,
  targetKind: AuditTargetKindSchema,
  targetId: z.string().nullable(),
  /** Names of the fields written or read: never their values. */
  fields: z.array(z.string()),
});
export type AuditEntry = z.infer<typeof AuditEntrySchema>;

export const AuditEntriesResponseSchema = z.object({ entries: z.array(AuditEntrySchema) });

/** A period of the log to export, at most a year long. */
export const AuditExportQuerySchema = z.object({ from: InstantSchema, to: InstantSchema });
