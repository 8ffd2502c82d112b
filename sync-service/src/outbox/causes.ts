import { randomUUID } from "node:crypto";
import { JournalDocumentKindSchema } from "@modeklar/shared";
import { z } from "zod";
import type { NewOutboxMail } from "../store/outbox";

/**
 * What owes a mail, as the outbox keeps it: the cause (which meeting, order or inquiry, for
 * which audience), never the mail's text. The text, and what of the meeting it may show, is
 * written when the mail leaves (render.ts), from the data as it is then.
 */

const MeetingTimes = z.object({
  start: z.string().nullable(),
  end: z.string().nullable(),
  location: z.string(),
});

/** A meeting with an order moved or was cancelled: the kitchen or the reception is told. */
export const NoticeCauseSchema = z.object({
  eventId: z.string(),
  audience: z.enum(["catering", "reception"]),
  to: z.string(),
  change: z.enum(["change", "cancellation"]),
  /**
   * The meeting as last seen before the change (a cancelled meeting may be gone from Graph).
   * Its sensitivity is Graph's fact as seen then, for the policy to decide on when the meeting is gone.
   */
  before: MeetingTimes.extend({ subject: z.string(), sensitivity: z.string().optional() }),
  /** Where and when it moved to; null for a cancellation. */
  after: MeetingTimes.nullable(),
});
export type NoticeCause = z.infer<typeof NoticeCauseSchema>;

/** An order the secretary placed (catering, the reception's guest list, material), by its stored order. */
export const OrderCauseSchema = z.object({
  eventId: z.string(),
  orderId: z.string(),
  order: z.enum(["catering", "reception", "material"]),
  to: z.string(),
});
export type OrderCause = z.infer<typeof OrderCauseSchema>;

/** The morning digest of a day's deadlines. */
export const DigestCauseSchema = z.object({ date: z.string(), to: z.string() });
export type DigestCause = z.infer<typeof DigestCauseSchema>;

/** An inquiry forwarded to a department. */
export const ForwardCauseSchema = z.object({
  inquiryId: z.string(),
  to: z.array(z.string()).min(1),
  comment: z.string(),
});
export type ForwardCause = z.infer<typeof ForwardCauseSchema>;

/** The weekly meeting decided the chief of staff attends in the mayor's place. */
export const ChiefOfStaffCauseSchema = z.object({
  eventId: z.string(),
  minuteId: z.string(),
  to: z.string(),
  comment: z.string().optional(),
});
export type ChiefOfStaffCause = z.infer<typeof ChiefOfStaffCauseSchema>;

/**
 * A document filed in a case through the journal channel: which inquiry or meeting, which of its
 * documents, the case and who asked. `includePrivate`: the secretary chose to file a private
 * meeting (without it nothing of a private meeting leaves, whatever it was when asked).
 */
export const JournalCauseSchema = z.object({
  documentKey: z.string(),
  subjectKind: z.enum(["inquiry", "meeting"]),
  subjectId: z.string(),
  kind: JournalDocumentKindSchema,
  caseNumber: z.string(),
  requestedBy: z.string(),
  /** The mail filed, for material received (a mail in the mayor's inbox). */
  messageId: z.string().optional(),
  includePrivate: z.boolean().default(false),
});
export type JournalCause = z.input<typeof JournalCauseSchema>;

export const MAIL_KINDS = ["notice", "order", "digest", "forward", "chiefOfStaff", "journal"] as const;
export type MailKind = (typeof MAIL_KINDS)[number];

/**
 * One notice per meeting, recipient and what the meeting became: a second look at the same
 * change (a restart, another instance, a catch-up) owes no second mail.
 */
export function noticeMail(mailbox: string, cause: NoticeCause): NewOutboxMail {
  const fingerprint =
    cause.change === "cancellation"
      ? "cancelled"
      : `${cause.after?.start}|${cause.after?.end}|${cause.after?.location}`;
  return {
    causeKey: `notice:${mailbox}:${cause.eventId}:${cause.to}:${fingerprint}`,
    mailbox,
    kind: "notice",
    cause,
  };
}

export const orderMail = (mailbox: string, cause: OrderCause): NewOutboxMail => ({
  causeKey: `order:${mailbox}:${cause.orderId}`,
  mailbox,
  kind: "order",
  cause,
});

/** One digest per mailbox and day, whichever instance asks. */
export const digestKey = (mailbox: string, date: string) => `digest:${mailbox}:${date}`;

export const digestMail = (mailbox: string, cause: DigestCause): NewOutboxMail => ({
  causeKey: digestKey(mailbox, cause.date),
  mailbox,
  kind: "digest",
  cause,
});

/** Each forward the secretary asks for is a mail of its own (an inquiry may go to a second department). */
export const forwardMail = (mailbox: string, cause: ForwardCause): NewOutboxMail => ({
  causeKey: `forward:${mailbox}:${cause.inquiryId}:${randomUUID()}`,
  mailbox,
  kind: "forward",
  cause,
});

export const chiefOfStaffMail = (mailbox: string, cause: ChiefOfStaffCause): NewOutboxMail => ({
  causeKey: `chiefOfStaff:${mailbox}:${cause.minuteId}`,
  mailbox,
  kind: "chiefOfStaff",
  cause,
});

/**
 * One filing per document: asking again while it is on its way or filed owes nothing more;
 * after the journal refused it for good (`after`: that mail's id) a new filing owes a new mail.
 */
export const journalMail = (mailbox: string, cause: JournalCause, after?: string): NewOutboxMail => ({
  causeKey: `journal:${mailbox}:${cause.documentKey}${after ? `:after:${after}` : ""}`,
  mailbox,
  kind: "journal",
  cause,
});
