import type { InquiryRecord } from "../store/reconcile";
import type { MirrorItem } from "../store/types";
import { personOf } from "../mirror/events";
import type { Department } from "./settings";

/** Reading a mirrored Sent Items message as a possible reply to, or forward of, an inquiry. */

type Data = Record<string, unknown>;

const text = (value: unknown): string | null => (typeof value === "string" && value ? value : null);

export interface SentMail {
  id: string;
  conversationId: string | null;
  internetMessageId: string | null;
  /** The Internet message ids its In-Reply-To and References name. */
  inReplyTo: string[];
  sentAt: string;
  /** Who sent it: the delegate who pressed Send (Graph's `sender`), else the mailbox (`from`). */
  sentBy: string;
  /** To and Cc, lower case. */
  recipients: Set<string>;
}

const MESSAGE_ID = /<[^<>\s]+>/g;

function referencedIds(headers: unknown): string[] {
  if (!Array.isArray(headers)) return [];
  return headers.flatMap((entry) => {
    const header = entry as Data;
    const name = text(header["name"])?.toLowerCase();
    if (name !== "in-reply-to" && name !== "references") return [];
    return text(header["value"])?.match(MESSAGE_ID) ?? [];
  });
}

const addresses = (value: unknown): string[] =>
  (Array.isArray(value) ? value : []).flatMap((entry) => {
    const address = personOf(entry)?.address.toLowerCase();
    return address ? [address] : [];
  });

/** The sent message's facts, or null when it carries no send time (a draft or a partial update). */
export function sentMailOf(item: MirrorItem): SentMail | null {
  const data = item.data;
  const sentAt = text(data["sentDateTime"]);
  const sender = personOf(data["sender"]) ?? personOf(data["from"]);
  if (!sentAt || !sender?.address) return null;
  return {
    id: item.id,
    conversationId: text(data["conversationId"]),
    internetMessageId: text(data["internetMessageId"]),
    inReplyTo: referencedIds(data["internetMessageHeaders"]),
    sentAt,
    sentBy: sender.address.toLowerCase(),
    recipients: new Set([...addresses(data["toRecipients"]), ...addresses(data["ccRecipients"])]),
  };
}

/**
 * Whether the sent mail belongs to the inquiry: in its conversation, or naming its mail in
 * In-Reply-To/References (Sent Items copies may carry no transport headers, so the conversation
 * comes first), and sent after the inquiry came in.
 */
export function continues(mail: SentMail, inquiry: InquiryRecord): boolean {
  if (Date.parse(mail.sentAt) < Date.parse(inquiry.receivedAt)) return false;
  if (mail.conversationId && mail.conversationId === inquiry.conversationId) return true;
  return inquiry.internetMessageId !== null && mail.inReplyTo.includes(inquiry.internetMessageId);
}

export type SentMeaning = { kind: "answer" } | { kind: "forward"; department: Department } | null;

/** To the inquirer: an answer. To a department's mailbox: forwarded there. To anyone else: neither. */
export function meaningOf(mail: SentMail, inquiry: InquiryRecord, departments: Department[]): SentMeaning {
  if (mail.recipients.has(inquiry.fromAddress.toLowerCase())) return { kind: "answer" };
  const department = departments.find((d) => mail.recipients.has(d.mailbox.toLowerCase()));
  return department ? { kind: "forward", department } : null;
}
