import { SERVICE_ACTOR, type AuditRecorder, type NewAuditEntry } from "../store/audit";
import type { OutboxMail } from "../store/outbox";
import { NoticeCauseSchema } from "./causes";

/**
 * What the audit log records of an owed mail once it has left. The service's own mails (the
 * kitchen's and the reception's notices, the digest) are recorded as the service's actions;
 * an order, a forward or the chief of staff's mail is recorded as the person's action that
 * owed it, when it was decided.
 */
export function sentMailEntry(mail: OutboxMail): NewAuditEntry | null {
  if (mail.kind === "notice") {
    const notice = NoticeCauseSchema.parse(mail.cause);
    return {
      actor: SERVICE_ACTOR,
      client: "service",
      action: notice.audience === "catering" ? "notice.catering" : "notice.reception",
      target: { kind: "meeting", id: notice.eventId },
      fields: ["to", "change"],
    };
  }
  if (mail.kind === "digest") {
    return {
      actor: SERVICE_ACTOR,
      client: "service",
      action: "digest.send",
      target: { kind: "meeting", id: null },
      fields: ["to", "date"],
    };
  }
  return null;
}

/** The outbox's `onSent` that records each mail that left in the audit log. */
export const recordSent =
  (audit: AuditRecorder) =>
  async (mail: OutboxMail): Promise<void> => {
    const entry = sentMailEntry(mail);
    if (entry) await audit.record([entry]);
  };
