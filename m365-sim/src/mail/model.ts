import type { ExtendedProperty } from "../extended-properties";
import { createHash } from "node:crypto";
import type { Recipient } from "@microsoft/microsoft-graph-types";
import type { SimState, StoredMessage } from "../state";

/**
 * A message as the mailbox keeps it: the Graph message resource plus the mail part's own
 * bookkeeping (underscore fields, never serialised).
 * https://learn.microsoft.com/en-us/graph/api/resources/message
 */
export type MailMessage = StoredMessage & {
  /** singleValueExtendedProperties, returned only through `$expand`. */
  _extendedProperties?: ExtendedProperty[];
  /** internetMessageHeaders, returned only when `$select`ed (as Graph does). */
  _headers?: InternetMessageHeader[];
  /** The message's file attachments, read through `/attachments` (./attachments.ts). */
  _attachments?: StoredAttachment[];
  /** A forward draft (createForward): the conversation its sending continues. */
  _thread?: MailThread;
};

export interface StoredAttachment {
  id: string;
  name: string;
  contentType: string;
  isInline: boolean;
  contentId: string | null;
  lastModifiedDateTime: string;
  /** The file, base64 as Graph carries it. */
  contentBytes: string;
}

/** Where a reply or forward goes in its original's conversation. */
export interface MailThread {
  conversationId: string;
  conversationIndex: string;
  inReplyTo: string;
  references: string;
}

export type { ExtendedProperty } from "../extended-properties";

export interface InternetMessageHeader {
  name: string;
  value: string;
}

export interface MailAddress {
  name: string;
  address: string;
}

/** The folders every mailbox has, by well-known name, with the display names Danish Outlook shows. */
export const WELL_KNOWN_FOLDERS = {
  inbox: "Indbakke",
  sentitems: "Sendt post",
  drafts: "Kladder",
  deleteditems: "Slettet post",
  archive: "Arkiv",
} as const;

export type FolderName = keyof typeof WELL_KNOWN_FOLDERS;

export const isFolderName = (name: string): name is FolderName => name in WELL_KNOWN_FOLDERS;

/** A folder's opaque id: stable per mailbox and folder, so links and tokens survive a restart of the round. */
export function folderId(mailboxId: string, folder: string): string {
  const digest = createHash("sha256").update(`${mailboxId}/${folder}`).digest("base64url").slice(0, 40);
  return `AQMk${digest}AAA=`;
}

/** Reads a folder reference (well-known name in any case, or a folder id) for one mailbox. */
export function folderOf(mailboxId: string, reference: string): FolderName | undefined {
  const lower = reference.toLowerCase();
  if (isFolderName(lower)) return lower;
  return (Object.keys(WELL_KNOWN_FOLDERS) as FolderName[]).find(
    (name) => folderId(mailboxId, name) === reference,
  );
}

export function messagesOf(state: SimState, mailboxId: string): Map<string, MailMessage> {
  return state.mailbox(mailboxId).messages as Map<string, MailMessage>;
}

export const recipientOf = (party: MailAddress): Recipient => ({
  emailAddress: { name: party.name, address: party.address },
});

export const addressOf = (recipient: Recipient | null | undefined): string =>
  recipient?.emailAddress?.address?.toLowerCase() ?? "";

/** Message date-times as Graph writes them: UTC, whole seconds, `Z`. */
export const mailDateTime = (date: Date): string => date.toISOString().replace(/\.\d{3}Z$/, "Z");

export function webLinkOf(id: string): string {
  return `https://outlook.office365.com/owa/?ItemID=${encodeURIComponent(id)}&exvsurl=1&viewmodel=ReadMessageItem`;
}

/** The message resource's properties in the order Graph writes them. */
export const MESSAGE_PROPERTIES = [
  "id",
  "createdDateTime",
  "lastModifiedDateTime",
  "changeKey",
  "categories",
  "receivedDateTime",
  "sentDateTime",
  "hasAttachments",
  "internetMessageId",
  "subject",
  "bodyPreview",
  "importance",
  "parentFolderId",
  "conversationId",
  "conversationIndex",
  "isDeliveryReceiptRequested",
  "isReadReceiptRequested",
  "isRead",
  "isDraft",
  "webLink",
  "inferenceClassification",
  "body",
  "sender",
  "from",
  "toRecipients",
  "ccRecipients",
  "bccRecipients",
  "replyTo",
  "flag",
] as const;

/** Properties only `$select` brings (as on Graph), beside the default set. */
export const SELECT_ONLY_PROPERTIES = ["internetMessageHeaders"] as const;

/** eventMessage's own properties (meeting requests, cancellations and responses). */
export const EVENT_MESSAGE_PROPERTIES = [
  "meetingMessageType",
  "type",
  "isOutOfDate",
  "isAllDay",
  "isDelegated",
  "startDateTime",
  "endDateTime",
  "location",
  "recurrence",
  "responseRequested",
] as const;

export const isEventMessage = (message: MailMessage): boolean =>
  (message as { "@odata.type"?: string })["@odata.type"] === "#microsoft.graph.eventMessage";

const RESPONSES = new Set(["meetingAccepted", "meetingTenativelyAccepted", "meetingDeclined"]);

/**
 * An event message's type on the wire, as Graph v1.0 sends it: a meeting request is an
 * eventMessageRequest and an answer an eventMessageResponse (both derived from eventMessage),
 * so a client that `$select`s only message properties can still tell them apart.
 */
function eventMessageType(meetingMessageType: unknown): string {
  if (meetingMessageType === "meetingRequest") return "#microsoft.graph.eventMessageRequest";
  if (RESPONSES.has(String(meetingMessageType))) return "#microsoft.graph.eventMessageResponse";
  return "#microsoft.graph.eventMessage";
}

/** The message as Graph writes it: every property present (null when unset), computed ones filled in. */
export function messageResource(mailboxId: string, message: MailMessage): Record<string, unknown> {
  const stored = message as unknown as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  if (isEventMessage(message)) out["@odata.type"] = eventMessageType(stored["meetingMessageType"]);
  out["@odata.etag"] = stored["@odata.etag"];
  for (const key of MESSAGE_PROPERTIES) out[key] = stored[key] ?? null;
  out["parentFolderId"] = folderId(mailboxId, message._folder);
  out["webLink"] = webLinkOf(message.id);
  out["categories"] = message.categories ?? [];
  out["flag"] = message.flag ?? { flagStatus: "notFlagged" };
  for (const key of ["toRecipients", "ccRecipients", "bccRecipients", "replyTo"] as const)
    out[key] = message[key] ?? [];
  for (const key of [
    "hasAttachments",
    "isDeliveryReceiptRequested",
    "isReadReceiptRequested",
    "isDraft",
  ] as const) {
    out[key] = message[key] ?? false;
  }
  out["importance"] = message.importance ?? "normal";
  out["inferenceClassification"] = message.inferenceClassification ?? "focused";
  out["internetMessageHeaders"] = message._headers ?? [];
  if (isEventMessage(message)) for (const key of EVENT_MESSAGE_PROPERTIES) out[key] = stored[key] ?? null;
  return out;
}
