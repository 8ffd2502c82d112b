import { journalView, type PrivacySettings } from "@modeklar/shared";
import type { MailboxGateway } from "../graph";
import type { JournalCauseSchema } from "../outbox/causes";
import type { RenderedMail } from "../outbox/outbox";
import type { MinuteEntry } from "../store/pages";
import type { InquiryRecord } from "../store/reconcile";
import type { z } from "zod";
import { invitationFiling, minutesFiling } from "./documents";

/** Where a filing's current data comes from when it leaves. */
export interface JournalSources {
  gateway: MailboxGateway;
  privacy: PrivacySettings;
  getInquiry(id: string): Promise<InquiryRecord | null>;
  /** A mail's subject as the mirror has it (material received), null when it is gone. */
  messageSubject(mailbox: string, messageId: string): Promise<string | null>;
  /** The weekly meeting's decisions about a meeting, oldest first. */
  minutesOf(mailbox: string, eventId: string): Promise<MinuteEntry[]>;
  now(): Date;
}

const nothing = (reason: string): RenderedMail => ({ send: "nothing", reason });

/**
 * A filing written when it leaves: an inquiry or its answer forwarded whole; of a meeting, what
 * the privacy policy gives the journal now (nothing of a private meeting unless the secretary
 * chose to file it), read from Graph at this moment.
 */
export async function renderFiling(
  mailbox: string,
  cause: z.output<typeof JournalCauseSchema>,
  sources: JournalSources,
): Promise<RenderedMail> {
  const { caseNumber } = cause;
  if (cause.subjectKind === "inquiry") {
    const inquiry = await sources.getInquiry(cause.subjectId);
    if (!inquiry) return nothing(`inquiry ${cause.subjectId} is not stored`);
    if (cause.kind === "answer") {
      if (!inquiry.answerMessageId) return nothing("the inquiry's answer is not in Sent Items");
      return {
        send: "journal",
        caseNumber,
        filing: { file: "item", messageId: inquiry.answerMessageId, subject: `SV: ${inquiry.subject}` },
      };
    }
    return {
      send: "journal",
      caseNumber,
      filing: { file: "item", messageId: inquiry.messageId, subject: inquiry.subject },
    };
  }
  const event = await sources.gateway.getEvent(mailbox, cause.subjectId, { withBody: true });
  if (!event) return nothing("the meeting is no longer in the mayor's calendar");
  const view = journalView(event, sources.privacy, cause.includePrivate);
  if (view.fields.size === 0) return nothing("the meeting is private and was not chosen for the journal");
  switch (cause.kind) {
    case "invitation":
      return {
        send: "journal",
        caseNumber,
        filing: invitationFiling(event, view, cause.requestedBy, sources.now()),
      };
    case "minutes": {
      const minutes = await sources.minutesOf(mailbox, cause.subjectId);
      if (minutes.length === 0) return nothing("the weekly meeting decided nothing about the meeting");
      return { send: "journal", caseNumber, filing: minutesFiling(event, view, minutes, cause.requestedBy) };
    }
    case "material": {
      if (!cause.messageId) return nothing("no material mail was named");
      const subject = await sources.messageSubject(mailbox, cause.messageId);
      if (subject === null) return nothing("the material mail is no longer in the mailbox");
      return { send: "journal", caseNumber, filing: { file: "item", messageId: cause.messageId, subject } };
    }
    default:
      return nothing(`a meeting has no ${cause.kind} to file`);
  }
}
