import {
  CateringOrderSchema,
  danishDate,
  GuestSchema,
  MaterialOrderSchema,
  meetingView,
  ReceptionListSchema,
  type PrivacySettings,
} from "@modeklar/shared";
import { z } from "zod";
import type { GraphItem, MailboxGateway, OutgoingMessage } from "../graph";
import { chiefOfStaffMail } from "./decision-mails";
import { instantOf, text } from "../mirror/events";
import { cateringMail, materialMail, receptionMail, type OrderedFor } from "./order-mails";
import { noticeMail, type NoticedMeeting } from "../reconcile/notice-mails";
import type { PlanStore, SentOrder } from "../store/plans";
import type { InquiryRecord } from "../store/reconcile";
import type { OutboxMail } from "../store/outbox";
import {
  ChiefOfStaffCauseSchema,
  DigestCauseSchema,
  ForwardCauseSchema,
  JournalCauseSchema,
  NoticeCauseSchema,
  OrderCauseSchema,
  type MailKind,
  type NoticeCause,
  type OrderCause,
} from "./causes";
import type { MailRenderer, RenderedMail } from "./outbox";
import { renderFiling, type JournalSources } from "../journal/render";

/** Where the mails' current data comes from when they leave. */
export interface MailSources {
  gateway: MailboxGateway;
  plans: Pick<PlanStore, "getOrder">;
  getInquiry(id: string): Promise<InquiryRecord | null>;
  /** The digest's text, from the deadlines as they are now. */
  digestText(): Promise<string>;
  privacy: PrivacySettings;
  /** What journal filings are written from; without it a filing is not rendered. */
  journal?: Omit<JournalSources, "gateway" | "privacy" | "getInquiry">;
}

const ReceptionBodySchema = ReceptionListSchema.omit({ guests: true }).extend({
  guests: z.array(GuestSchema),
});
const MaterialBodySchema = MaterialOrderSchema.extend({ due: z.string() });

const nothing = (reason: string): RenderedMail => ({ send: "nothing", reason });
const mail = (message: OutgoingMessage): RenderedMail => ({ send: "mail", message });

/**
 * The notice's meeting: the times and place the change was about, named and judged private by
 * the meeting as Graph has it now (as last seen, when it is gone from the calendar).
 */
function noticed(
  cause: NoticeCause,
  now: GraphItem | null,
): { before: NoticedMeeting; after: NoticedMeeting | null } {
  const current = now
    ? {
        subject: text(now["subject"]),
        ...(text(now["sensitivity"]) ? { sensitivity: text(now["sensitivity"]) } : {}),
      }
    : {
        subject: cause.before.subject,
        ...(cause.before.sensitivity ? { sensitivity: cause.before.sensitivity } : {}),
      };
  const before = { ...cause.before, ...current, cancelled: false };
  const after = cause.after ? { ...cause.after, ...current, cancelled: false } : null;
  return { before, after };
}

function orderText(cause: OrderCause, orderedFor: OrderedFor, order: SentOrder, privacy: PrivacySettings) {
  switch (cause.order) {
    case "catering":
      return cateringMail(cause.to, orderedFor, CateringOrderSchema.parse(order.body), privacy);
    case "reception": {
      const list = ReceptionBodySchema.parse(order.body);
      return receptionMail(cause.to, orderedFor, { ...list, guests: [] }, list.guests, privacy);
    }
    case "material": {
      const material = MaterialBodySchema.parse(order.body);
      return materialMail(cause.to, orderedFor, material, material.due, privacy);
    }
  }
}

/**
 * Writes each owed mail from its cause and the data as it is now: the meeting read from Graph
 * at this moment, shown to the mail's recipient as the privacy policy says then. The mails'
 * texts are the builders beside their channels; this is where they are called, at send time.
 */
export function mailRenderer(sources: MailSources): MailRenderer {
  const { gateway, privacy } = sources;
  const meetingNow = (owed: OutboxMail, eventId: string) => gateway.getEvent(owed.mailbox, eventId);

  const renderers: Record<MailKind, (owed: OutboxMail) => Promise<RenderedMail>> = {
    journal: () => Promise.resolve(nothing("no journal is configured")),
    async notice(owed) {
      const cause = NoticeCauseSchema.parse(owed.cause);
      const { before, after } = noticed(cause, await meetingNow(owed, cause.eventId));
      return mail(noticeMail({ to: cause.to, audience: cause.audience, before, after, privacy }));
    },

    async order(owed) {
      const cause = OrderCauseSchema.parse(owed.cause);
      const [event, order] = await Promise.all([
        meetingNow(owed, cause.eventId),
        sources.plans.getOrder(cause.orderId),
      ]);
      if (!event) return nothing("the meeting is no longer in the mayor's calendar");
      if (!order) return nothing(`order ${cause.orderId} is not stored`);
      const orderedFor = {
        meeting: event,
        start: instantOf(event["start"]) ?? order.meetingStart,
        orderedBy: order.sentBy,
      };
      return mail(orderText(cause, orderedFor, order, privacy));
    },

    async digest(owed) {
      const cause = DigestCauseSchema.parse(owed.cause);
      return mail({
        subject: `Dagens frister, ${danishDate(cause.date)}`,
        body: { contentType: "text", content: await sources.digestText() },
        toRecipients: [cause.to],
      });
    },

    async forward(owed) {
      const cause = ForwardCauseSchema.parse(owed.cause);
      const inquiry = await sources.getInquiry(cause.inquiryId);
      if (!inquiry) return nothing(`inquiry ${cause.inquiryId} is not stored`);
      return {
        send: "forward",
        messageId: inquiry.messageId,
        toRecipients: cause.to,
        comment: cause.comment,
      };
    },

    async chiefOfStaff(owed) {
      const cause = ChiefOfStaffCauseSchema.parse(owed.cause);
      const event = await meetingNow(owed, cause.eventId);
      if (!event) return nothing("the meeting is no longer in the mayor's calendar");
      const view = meetingView("chief-of-staff", event, privacy);
      return mail(chiefOfStaffMail(cause.to, event, view, cause.comment));
    },
  };

  renderers.journal = async (owed) => {
    if (!sources.journal) return nothing("no journal is configured");
    return renderFiling(owed.mailbox, JournalCauseSchema.parse(owed.cause), {
      ...sources.journal,
      gateway,
      privacy,
      getInquiry: sources.getInquiry,
    });
  };

  return async (owed) => {
    const render = renderers[owed.kind as MailKind] as ((m: OutboxMail) => Promise<RenderedMail>) | undefined;
    if (!render) return nothing(`no mail of kind ${owed.kind} is known`);
    return render(owed);
  };
}
