import { addressMatches, classify, inquiryReplyDue, RuleSetSchema, type RuleSet } from "@modeklar/shared";
import { forwardMail } from "../outbox/causes";
import type { Outbox } from "../outbox/outbox";
import type { InquiryRecord, InquiryStore } from "../store/reconcile";
import type { MirrorItem, MirrorStore } from "../store/types";
import { isEventMessage, messageAsPriorityItem } from "./items";
import { continues, meaningOf, sentMailOf, type SentMail } from "./replies";
import type { Department, ReconcileSettings } from "./settings";
import { personOf } from "../mirror/events";

export interface InquiryDeps {
  store: InquiryStore;
  mirror: MirrorStore;
  outbox: Outbox;
}

export interface InquiryReport {
  registered: string[];
  answered: string[];
  forwarded: string[];
}

export const emptyInquiryReport = (): InquiryReport => ({ registered: [], answered: [], forwarded: [] });

const OPEN = new Set(["received", "forwarded"]);

const conversationOf = (m: MirrorItem) =>
  typeof m.data["conversationId"] === "string" ? m.data["conversationId"] : null;

const inReceivedOrder = (mail: MirrorItem[]) =>
  [...mail].sort((a, b) =>
    String(a.data["receivedDateTime"] ?? "").localeCompare(String(b.data["receivedDateTime"] ?? "")),
  );

/** Routing rules are priority rules whose reason names the department: the same matcher, one place. */
function routingRuleSet(settings: ReconcileSettings): RuleSet {
  return RuleSetSchema.parse({
    rules: settings.routing.map((rule) => ({
      id: rule.id,
      class: 1,
      reason: rule.department,
      match: rule.match,
    })),
  });
}

/**
 * Citizens' and partners' mail to the mayor: registered as inquiries with a reply deadline
 * in working days and a department by the routing rules; forwarded to the department as
 * a real mail; answered when a reply from inside the organisation turns up in the thread, or
 * when the mayor's mailbox sends one to the inquirer (Sent Items: replies written in Outlook).
 */
export class Inquiries {
  constructor(private readonly deps: InquiryDeps) {}

  private internal(address: string, settings: ReconcileSettings): boolean {
    return settings.internalDomains.some((domain) => addressMatches(address, domain));
  }

  /** Mail from the organisation's own domains (or with no sender): never an inquiry, maybe an answer to one. */
  isFromInside(message: MirrorItem, settings: ReconcileSettings): boolean {
    const from = personOf(message.data["from"]) ?? personOf(message.data["sender"]);
    return !from?.address || this.internal(from.address, settings);
  }

  /**
   * Registers and answers inquiries from these messages, oldest first. The inquiries they may
   * touch are read in one query (by message and by conversation) and kept up to date here.
   */
  async onMessages(
    mailbox: string,
    messages: MirrorItem[],
    settings: ReconcileSettings,
  ): Promise<InquiryReport> {
    const report = emptyInquiryReport();
    const mail = inReceivedOrder(messages.filter((m) => !isEventMessage(m.data)));
    if (mail.length === 0) return report;
    const threads = await this.threadsOf(mailbox, mail);
    let routing: RuleSet | null = null;
    const newThreads = new Set<string>();
    for (const message of mail) {
      const from = personOf(message.data["from"]) ?? personOf(message.data["sender"]);
      const received =
        typeof message.data["receivedDateTime"] === "string" ? message.data["receivedDateTime"] : null;
      if (!from?.address || !received) continue;
      const thread = threads.of(message);
      if (this.internal(from.address, settings)) {
        report.answered.push(...(await this.answerThread(thread, message, received, from.address)));
        continue;
      }
      // Registered before, or a citizen writing again in the same thread: the same inquiry.
      if (threads.registered.has(message.id) || thread.some((inquiry) => inquiry.messageId !== message.id))
        continue;
      routing ??= routingRuleSet(settings);
      const { created, inquiry } = await this.register(
        mailbox,
        message,
        { from, received },
        settings,
        routing,
      );
      threads.add(inquiry);
      if (!created) continue;
      report.registered.push(inquiry.id);
      if (inquiry.conversationId) newThreads.add(inquiry.conversationId);
    }
    await this.answeredAlready(mailbox, [...newThreads], report, settings);
    return report;
  }

  /**
   * The inquiries these messages may touch, read in one query (by message and by conversation)
   * and kept up to date here: which messages are registered, and each conversation's inquiries.
   */
  private async threadsOf(mailbox: string, mail: MirrorItem[]) {
    const known = await this.deps.store.inquiriesFor(mailbox, {
      messageIds: mail.map((m) => m.id),
      conversationIds: mail.flatMap((m) => conversationOf(m) ?? []),
    });
    const registered = new Set<string>();
    const threads = new Map<string, InquiryRecord[]>();
    const add = (inquiry: InquiryRecord) => {
      registered.add(inquiry.messageId);
      if (!inquiry.conversationId) return;
      threads.set(inquiry.conversationId, [...(threads.get(inquiry.conversationId) ?? []), inquiry]);
    };
    known.forEach(add);
    return {
      registered,
      add,
      /** The inquiries of the message's conversation (the array is updated in place as they are answered). */
      of: (message: MirrorItem) => {
        const conversationId = conversationOf(message);
        return conversationId ? (threads.get(conversationId) ?? []) : [];
      },
    };
  }

  /** Mail from inside the organisation in a thread answers its open inquiries; their ids. */
  private async answerThread(
    thread: InquiryRecord[],
    message: MirrorItem,
    received: string,
    by: string,
  ): Promise<string[]> {
    const answered: string[] = [];
    for (const [index, inquiry] of thread.entries()) {
      if (!OPEN.has(inquiry.status) || inquiry.messageId === message.id) continue;
      const updated = await this.deps.store.updateInquiry(
        inquiry.id,
        { status: "answered", answeredAt: received },
        by,
      );
      if (updated) thread[index] = updated;
      answered.push(inquiry.id);
    }
    return answered;
  }

  /** Registers a citizen's mail as an inquiry: its reply deadline, and a department by the routing rules. */
  private register(
    mailbox: string,
    message: MirrorItem,
    { from, received }: { from: { address: string; name: string }; received: string },
    settings: ReconcileSettings,
    routing: RuleSet,
  ) {
    const data = message.data;
    const routed = classify(messageAsPriorityItem(message.id, data), routing);
    return this.deps.store.registerInquiry({
      mailbox,
      messageId: message.id,
      conversationId: conversationOf(message),
      internetMessageId: typeof data["internetMessageId"] === "string" ? data["internetMessageId"] : null,
      fromAddress: from.address,
      fromName: from.name,
      subject: typeof data["subject"] === "string" ? data["subject"] : "",
      receivedAt: received,
      dueAt: inquiryReplyDue(received, settings.inquiryReplyWorkingDays, "16:00", settings.calendar),
      department: routed.source === "rule" ? routed.reason : null,
      departmentSource: routed.source === "rule" ? `rule:${routed.ruleId}` : null,
      updatedBy: "Mødeklar",
    });
  }

  /**
   * A reply mirrored from Sent Items before its inquiry was registered (the two streams' rounds
   * are reconciled in whatever order they come) still answers it once the inquiry is there.
   */
  private async answeredAlready(
    mailbox: string,
    conversations: string[],
    report: InquiryReport,
    settings: ReconcileSettings,
  ): Promise<void> {
    if (conversations.length === 0) return;
    const sent = await this.deps.mirror.itemsInConversations(mailbox, "sent", conversations);
    if (sent.length === 0) return;
    const later = await this.onSentMail(mailbox, sent, settings);
    report.answered.push(...later.answered);
    report.forwarded.push(...later.forwarded);
  }

  /**
   * Mail the mailbox sent (Sent Items), oldest first: to the inquirer in an open inquiry's
   * thread it answers the inquiry (when, by whom, with which message); to a department's
   * mailbox it forwards a received one there.
   */
  async onSentMail(
    mailbox: string,
    items: MirrorItem[],
    settings: ReconcileSettings,
  ): Promise<InquiryReport> {
    const report = emptyInquiryReport();
    const sent = items
      .flatMap((item) => sentMailOf(item) ?? [])
      .sort((a, b) => a.sentAt.localeCompare(b.sentAt));
    if (sent.length === 0) return report;
    let open = (
      await this.deps.store.inquiriesFor(mailbox, {
        messageIds: [],
        conversationIds: sent.flatMap((m) => m.conversationId ?? []),
        internetMessageIds: sent.flatMap((m) => m.inReplyTo),
      })
    ).filter((inquiry) => OPEN.has(inquiry.status));
    for (const mail of sent) {
      for (const inquiry of open.filter((i) => continues(mail, i))) {
        const updated = await this.apply(mail, inquiry, settings, report);
        if (updated)
          open = open.map((i) => (i.id === updated.id ? updated : i)).filter((i) => OPEN.has(i.status));
      }
    }
    return report;
  }

  private async apply(
    mail: SentMail,
    inquiry: InquiryRecord,
    settings: ReconcileSettings,
    report: InquiryReport,
  ): Promise<InquiryRecord | null> {
    const meaning = meaningOf(mail, inquiry, settings.departments);
    if (meaning?.kind === "answer") {
      report.answered.push(inquiry.id);
      return this.deps.store.updateInquiry(
        inquiry.id,
        {
          status: "answered",
          answeredAt: mail.sentAt,
          answeredBy: mail.sentBy,
          answerMessageId: mail.id,
          answerInternetMessageId: mail.internetMessageId,
        },
        mail.sentBy,
      );
    }
    if (meaning?.kind !== "forward" || inquiry.status !== "received") return null;
    report.forwarded.push(inquiry.id);
    return this.deps.store.updateInquiry(
      inquiry.id,
      {
        status: "forwarded",
        department: meaning.department.id,
        departmentSource: inquiry.department === meaning.department.id ? inquiry.departmentSource : "manual",
        forwardedAt: mail.sentAt,
      },
      mail.sentBy,
    );
  }

  /**
   * Marks the inquiry forwarded and owes the forward of its mail from the mayor's mailbox to the
   * department, in one transaction; the forward then goes (or waits in the outbox for Graph).
   */
  forward(
    inquiry: InquiryRecord,
    department: Department,
    comment: string,
    by: string,
    at: string,
  ): Promise<InquiryRecord> {
    return this.deps.outbox.decide(async (tx, owe) => {
      const updated = await tx.reconcile.updateInquiry(
        inquiry.id,
        {
          status: "forwarded",
          department: department.id,
          departmentSource: inquiry.department === department.id ? inquiry.departmentSource : "manual",
          forwardedAt: at,
        },
        by,
      );
      await owe(forwardMail(inquiry.mailbox, { inquiryId: inquiry.id, to: [department.mailbox], comment }));
      return updated ?? inquiry;
    });
  }
}
