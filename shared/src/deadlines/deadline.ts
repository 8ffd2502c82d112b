import { z } from "zod";
import { LocalTimeSchema } from "../calendar/config";

export const DEADLINE_KINDS = [
  "invitationAnswer",
  "cateringCutoff",
  "materialDue",
  "guestListDue",
  "flaggedMail",
  "inquiryReply",
  /** Received or sent in case work and not journalised N working days later: "mangler journalisering". */
  "journalMissing",
] as const;
export const DeadlineKindSchema = z.enum(DEADLINE_KINDS);
export type DeadlineKind = z.infer<typeof DeadlineKindSchema>;

export const SEVERITIES = ["overdue", "today", "soon", "later"] as const;
export const SeveritySchema = z.enum(SEVERITIES);
export type Severity = z.infer<typeof SeveritySchema>;

/** One entry of the one list of deadlines across the mayor's calendar and mailbox. */
export const DeadlineSchema = z.object({
  kind: DeadlineKindSchema,
  /** ISO instant. */
  due: z.iso.datetime({ offset: true }),
  title: z.string(),
  /** The Graph id of the event or message it belongs to. */
  itemId: z.string(),
  mailbox: z.string(),
  severity: SeveritySchema,
});
export type Deadline = z.infer<typeof DeadlineSchema>;

/** How a kitchen takes orders, e.g. 2 working days before the meeting at 12:00. */
export const KitchenSchema = z.object({
  id: z.string().min(1),
  name: z.string().min(1),
  mailbox: z.email(),
  workingDaysBefore: z.number().int().min(0).max(20).default(2),
  atTime: LocalTimeSchema.default("12:00"),
});
export type Kitchen = z.infer<typeof KitchenSchema>;
