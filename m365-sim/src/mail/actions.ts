import { randomBytes, randomUUID } from "node:crypto";
import type { FollowupFlag, Recipient } from "@microsoft/microsoft-graph-types";
import { previewOf } from "../item-body";
import { GraphError, notFound } from "../odata";
import { newGraphId, type SimState } from "../state";
import { copiedAttachments, hasFileAttachments, storedAttachment, type AttachmentInput } from "./attachments";
import {
  addressOf,
  mailDateTime,
  messagesOf,
  recipientOf,
  webLinkOf,
  type ExtendedProperty,
  type FolderName,
  type InternetMessageHeader,
  type MailAddress,
  type MailMessage,
  type MailThread,
  type StoredAttachment,
} from "./model";

/**
 * What people do with mail: send, reply, reply all, forward, move, delete and mark. The
 * Graph routes, the control API and the seed all go through these, so a message looks
 * the same whichever way it arrived.
 * https://learn.microsoft.com/en-us/graph/api/user-sendmail
 * https://learn.microsoft.com/en-us/graph/api/message-reply
 */

export interface OutgoingMessage {
  subject?: string | null;
  body?: { contentType: "text" | "html"; content: string } | null;
  toRecipients?: Recipient[] | null;
  ccRecipients?: Recipient[] | null;
  bccRecipients?: Recipient[] | null;
  replyTo?: Recipient[] | null;
  importance?: "low" | "normal" | "high" | null;
  categories?: string[] | null;
  internetMessageHeaders?: InternetMessageHeader[] | null;
  singleValueExtendedProperties?: ExtendedProperty[] | null;
  isDeliveryReceiptRequested?: boolean | null;
  isReadReceiptRequested?: boolean | null;
  attachments?: AttachmentInput[] | null;
}

export interface SendOptions {
  /** Keep a copy in the sender's Sent Items (Graph's `saveToSentItems`, default true). */
  saveToSentItems?: boolean;
  /** When the mail was sent; the seed back-dates mail, everyone else sends now. */
  at?: Date;
  /** For replies and forwards: the thread the mail continues. */
  thread?: MailThread;
  /** Files the mail carries already (a forward's original's, a draft's). */
  carried?: readonly StoredAttachment[];
  /**
   * A delegate sending from the mailbox on its owner's behalf: the message's `sender` is the
   * delegate, its `from` stays the mailbox owner (the message resource's documentation).
   */
  onBehalfBy?: Correspondent;
}

export interface SentMail {
  internetMessageId: string;
  conversationId: string;
  sentItem?: MailMessage;
  /** Copies delivered to inboxes in the tenant, by mailbox id. */
  delivered: { mailboxId: string; message: MailMessage }[];
  /** Addresses outside the tenant (and unknown ones): recorded, not delivered. */
  external: string[];
}

/** A mail that left the tenant: kept so tests and demos can see what went out. */
export interface OutboundMail {
  from: MailAddress;
  to: string[];
  subject: string;
  internetMessageId: string;
  conversationId: string;
  sentDateTime: string;
  body: string;
  /** The headers it left with (In-Reply-To, References and the sender's own X- headers), as the recipient's server sees them. */
  internetMessageHeaders: InternetMessageHeader[];
}

const outbound = new WeakMap<SimState, OutboundMail[]>();

export function outboundMail(state: SimState): OutboundMail[] {
  let list = outbound.get(state);
  if (!list) {
    list = [];
    outbound.set(state, list);
  }
  return list;
}

/** A sender or recipient: a mailbox in the tenant (by id, UPN or address) or anyone outside it. */
export interface Correspondent extends MailAddress {
  mailboxId?: string;
}

export function correspondentOf(state: SimState, address: string, name?: string | null): Correspondent {
  const user = state.findUser(address);
  if (user) return { name: user.displayName, address: user.mail, mailboxId: user.id };
  return { name: name || address, address };
}

/** Outlook's PR_CONVERSATION_INDEX: a 22-byte header for a new thread, 5 more bytes per reply. */
function newConversationIndex(at: Date): string {
  const fileTime = (BigInt(at.getTime()) + 11_644_473_600_000n) * 10_000n;
  const header = Buffer.alloc(6);
  header.writeUInt8(1, 0);
  header.writeUIntBE(Number(fileTime >> 24n) % 2 ** 40, 1, 5);
  return Buffer.concat([header, randomBytes(16)]).toString("base64");
}

function childConversationIndex(parent: string): string {
  return Buffer.concat([Buffer.from(parent, "base64"), randomBytes(5)]).toString("base64");
}

const domainOf = (address: string) => address.split("@")[1] ?? "localhost";

function invalidRecipients(): GraphError {
  return new GraphError(400, "ErrorInvalidRecipients", "At least one recipient isn't valid.");
}

function uniqueRecipients(recipients: Recipient[]): Recipient[] {
  const seen = new Set<string>();
  return recipients.filter((recipient) => {
    const address = addressOf(recipient);
    if (!address || seen.has(address)) return false;
    seen.add(address);
    return true;
  });
}

/** Sends a message from `sender` (in the tenant or outside it) and delivers it to every tenant recipient's inbox. */
export function sendMail(
  state: SimState,
  sender: Correspondent,
  message: OutgoingMessage,
  options: SendOptions = {},
): SentMail {
  const to = message.toRecipients ?? [];
  const cc = message.ccRecipients ?? [];
  const bcc = message.bccRecipients ?? [];
  const everyone = uniqueRecipients([...to, ...cc, ...bcc]);
  if (everyone.length === 0) throw invalidRecipients();
  for (const recipient of [...to, ...cc, ...bcc]) {
    if (!/^[^@\s]+@[^@\s]+$/.test(recipient.emailAddress?.address ?? "")) throw invalidRecipients();
  }

  const at = options.at ?? state.clock.now();
  const sent = mailDateTime(at);
  const internetMessageId = `<${randomUUID().replace(/-/g, "").toUpperCase()}@${domainOf(sender.address)}>`;
  const conversationId = options.thread?.conversationId ?? newGraphId();
  const conversationIndex = options.thread
    ? childConversationIndex(options.thread.conversationIndex)
    : newConversationIndex(at);
  const headers: InternetMessageHeader[] = [
    ...(options.thread
      ? [
          { name: "In-Reply-To", value: options.thread.inReplyTo },
          { name: "References", value: options.thread.references },
        ]
      : []),
    ...(message.internetMessageHeaders ?? []),
  ];
  const body = message.body ?? { contentType: "text" as const, content: "" };
  const files = [
    ...(options.carried ?? []),
    ...(message.attachments ?? []).map((input) => storedAttachment(input, at)),
  ];

  const copy = (folder: FolderName, isRead: boolean, withBcc: boolean): MailMessage => {
    const id = newGraphId();
    return {
      id,
      createdDateTime: sent,
      receivedDateTime: sent,
      sentDateTime: sent,
      hasAttachments: hasFileAttachments(files),
      internetMessageId,
      subject: message.subject ?? "",
      bodyPreview: previewOf(body.content),
      importance: message.importance ?? "normal",
      conversationId,
      conversationIndex,
      isDeliveryReceiptRequested: message.isDeliveryReceiptRequested ?? false,
      isReadReceiptRequested: message.isReadReceiptRequested ?? false,
      isRead,
      isDraft: false,
      webLink: webLinkOf(id),
      inferenceClassification: "focused",
      body: { ...body },
      sender: recipientOf(options.onBehalfBy ?? sender),
      from: recipientOf(sender),
      toRecipients: to.map(clean),
      ccRecipients: cc.map(clean),
      bccRecipients: withBcc ? bcc.map(clean) : [],
      replyTo: (message.replyTo ?? []).map(clean),
      flag: { flagStatus: "notFlagged" },
      categories: [...(message.categories ?? [])],
      _folder: folder,
      _seq: 0,
      _headers: headers,
      _extendedProperties: (message.singleValueExtendedProperties ?? []).map((p) => ({ ...p })),
      _attachments: copiedAttachments(files),
    } as MailMessage;
  };

  const result: SentMail = { internetMessageId, conversationId, delivered: [], external: [] };
  if (sender.mailboxId && options.saveToSentItems !== false) {
    const item = copy("sentitems", true, true);
    state.touchMessage(sender.mailboxId, item, "created");
    result.sentItem = item;
  }
  for (const recipient of everyone) {
    const target = state.findUser(recipient.emailAddress?.address ?? "");
    if (!target) {
      result.external.push(addressOf(recipient));
      continue;
    }
    const item = copy("inbox", false, false);
    state.touchMessage(target.id, item, "created");
    result.delivered.push({ mailboxId: target.id, message: item });
  }
  if (result.external.length > 0) {
    outboundMail(state).push({
      from: { name: sender.name, address: sender.address },
      to: result.external,
      subject: message.subject ?? "",
      internetMessageId,
      conversationId,
      sentDateTime: sent,
      body: body.content,
      internetMessageHeaders: headers.map((h) => ({ ...h })),
    });
  }
  return result;
}

function clean(recipient: Recipient): Recipient {
  return {
    emailAddress: {
      name: recipient.emailAddress?.name ?? recipient.emailAddress?.address ?? "",
      address: recipient.emailAddress?.address ?? "",
    },
  };
}

export type ResponseKind = "reply" | "replyAll" | "forward";

export interface ResponseInput {
  comment?: string | null;
  toRecipients?: Recipient[] | null;
  /** Graph's optional `message` on reply/forward: extra recipients, categories, headers. */
  message?: OutgoingMessage | null;
}

const PREFIX: Record<ResponseKind, string> = { reply: "RE: ", replyAll: "RE: ", forward: "FW: " };

const escapeHtml = (text: string) =>
  text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

/** The body of a reply or forward: what the sender wrote (as HTML), then the original quoted. */
function quoted(original: MailMessage, commentAsHtml: string): string {
  const from = original.from?.emailAddress;
  const originalBody =
    original.body?.contentType === "html"
      ? (original.body.content ?? "").replace(/^[\s\S]*<body[^>]*>|<\/body>[\s\S]*$/gi, "")
      : escapeHtml(original.body?.content ?? "").replace(/\n/g, "<br>");
  return [
    "<html><body>",
    `<div>${commentAsHtml}</div>`,
    '<hr style="display:inline-block;width:98%">',
    `<div id="divRplyFwdMsg"><b>From:</b> ${escapeHtml(from?.name ?? "")} &lt;${escapeHtml(from?.address ?? "")}&gt;<br>`,
    `<b>Sent:</b> ${escapeHtml(original.sentDateTime ?? "")}<br>`,
    `<b>Subject:</b> ${escapeHtml(original.subject ?? "")}</div>`,
    `<div>${originalBody}</div>`,
    "</body></html>",
  ].join("");
}

function threadOf(original: MailMessage): MailThread {
  const references = original._headers?.find((h) => h.name.toLowerCase() === "references")?.value;
  const id = original.internetMessageId ?? "";
  return {
    conversationId: original.conversationId ?? newGraphId(),
    conversationIndex: original.conversationIndex ?? newConversationIndex(new Date()),
    inReplyTo: id,
    references: references ? `${references} ${id}` : id,
  };
}

/** Outlook adds "RE: " or "FW: " unless the subject already starts with that same kind of prefix. */
function withPrefix(prefix: string, subject: string): string {
  const already = prefix === "FW: " ? /^(fw|fwd|vs):\s/i : /^(re|sv):\s/i;
  return already.test(subject) ? subject : `${prefix}${subject}`;
}

/**
 * The documented rules of reply/forward's JSON body: a comment or the message's body, not both;
 * recipients as the toRecipients parameter or in the message, not both.
 * https://learn.microsoft.com/en-us/graph/api/message-forward
 */
function checkResponseInput(input: ResponseInput): void {
  const extra = input.message ?? {};
  if (input.comment && extra.body)
    throw new GraphError(
      400,
      "ErrorInvalidRequest",
      "Specify either a comment or the message's body, not both.",
    );
  if (input.toRecipients?.length && extra.toRecipients?.length)
    throw new GraphError(
      400,
      "ErrorInvalidRequest",
      "Specify either the toRecipients parameter or the message's toRecipients, not both.",
    );
}

/** What a reply or forward says above the quoted original: the comment, or the message's own body. */
function commentHtml(input: ResponseInput): string {
  const body = input.message?.body;
  if (body)
    return body.contentType === "html" ? body.content : escapeHtml(body.content).replace(/\n/g, "<br>");
  return escapeHtml(input.comment ?? "").replace(/\n/g, "<br>");
}

/** The recipients of a reply, reply all or forward of `original` by `sender`. */
function responseRecipients(
  sender: Correspondent,
  original: MailMessage,
  kind: ResponseKind,
  input: ResponseInput,
): { to: Recipient[]; cc: Recipient[] } {
  const self = sender.address.toLowerCase();
  const extra = input.message ?? {};
  if (kind === "forward") {
    return {
      to: uniqueRecipients([...(input.toRecipients ?? []), ...(extra.toRecipients ?? [])]),
      cc: uniqueRecipients(extra.ccRecipients ?? []),
    };
  }
  const replyTo = original.replyTo?.length ? original.replyTo : original.from ? [original.from] : [];
  const target = replyTo.every((r) => addressOf(r) === self) ? (original.toRecipients ?? []) : replyTo;
  let to = [...target, ...(extra.toRecipients ?? [])];
  let cc: Recipient[] = [];
  if (kind === "replyAll") {
    to = [...to, ...(original.toRecipients ?? []).filter((r) => addressOf(r) !== self)];
    cc = (original.ccRecipients ?? []).filter((r) => addressOf(r) !== self);
  }
  return { to: uniqueRecipients(to), cc: uniqueRecipients([...cc, ...(extra.ccRecipients ?? [])]) };
}

/** The message a reply or forward of `original` is: subject, quoted body, recipients, and the rest of `message`. */
function responseMessage(
  sender: Correspondent,
  original: MailMessage,
  kind: ResponseKind,
  input: ResponseInput,
): OutgoingMessage {
  checkResponseInput(input);
  const { to, cc } = responseRecipients(sender, original, kind, input);
  return {
    ...(input.message ?? {}),
    subject: withPrefix(PREFIX[kind], original.subject ?? ""),
    body: { contentType: "html", content: quoted(original, commentHtml(input)) },
    toRecipients: to,
    ccRecipients: cc,
  };
}

/** Reply, reply all or forward `original` as `sender`: same conversation, `In-Reply-To` the original. */
export function respond(
  state: SimState,
  sender: Correspondent,
  original: MailMessage,
  kind: ResponseKind,
  input: ResponseInput,
  options: Omit<SendOptions, "thread"> = {},
): SentMail {
  const message = responseMessage(sender, original, kind, input);
  if (kind === "forward" && (message.toRecipients ?? []).length === 0) throw invalidRecipients();
  return sendMail(state, sender, message, {
    ...options,
    thread: threadOf(original),
    // A forward carries the original's files; a reply does not (as Outlook).
    ...(kind === "forward" ? { carried: original._attachments ?? [] } : {}),
  });
}

/**
 * createForward: the forward as a draft in the sender's Drafts, with the original's files,
 * to be changed (PATCH) and sent (`send`) later. Recipients may come later too.
 * https://learn.microsoft.com/en-us/graph/api/message-createforward
 */
export function createForwardDraft(
  state: SimState,
  mailboxId: string,
  sender: Correspondent,
  original: MailMessage,
  input: ResponseInput,
): MailMessage {
  const message = responseMessage(sender, original, "forward", input);
  const now = state.clock.now();
  const at = mailDateTime(now);
  const files = [
    ...copiedAttachments(original._attachments ?? []),
    ...(message.attachments ?? []).map((file) => storedAttachment(file, now)),
  ];
  const id = newGraphId();
  const body = message.body ?? { contentType: "html" as const, content: "" };
  const draft = {
    id,
    createdDateTime: at,
    lastModifiedDateTime: at,
    receivedDateTime: at,
    sentDateTime: at,
    hasAttachments: hasFileAttachments(files),
    internetMessageId: null,
    subject: message.subject ?? "",
    bodyPreview: previewOf(body.content),
    importance: message.importance ?? "normal",
    conversationId: original.conversationId ?? null,
    isDeliveryReceiptRequested: message.isDeliveryReceiptRequested ?? false,
    isReadReceiptRequested: message.isReadReceiptRequested ?? false,
    isRead: true,
    isDraft: true,
    webLink: webLinkOf(id),
    inferenceClassification: "focused",
    body,
    sender: recipientOf(sender),
    from: recipientOf(sender),
    toRecipients: (message.toRecipients ?? []).map(clean),
    ccRecipients: (message.ccRecipients ?? []).map(clean),
    bccRecipients: (message.bccRecipients ?? []).map(clean),
    replyTo: [],
    flag: { flagStatus: "notFlagged" },
    categories: [...(message.categories ?? [])],
    _folder: "drafts",
    _seq: 0,
    _headers: [...(message.internetMessageHeaders ?? [])],
    _extendedProperties: (message.singleValueExtendedProperties ?? []).map((p) => ({ ...p })),
    _attachments: files,
    _thread: threadOf(original),
  } as unknown as MailMessage;
  state.touchMessage(mailboxId, draft, "created");
  return draft;
}

/**
 * Sends a draft as it stands now: it leaves the Drafts folder (its id is gone), a copy with a
 * new id lands in Sent Items and every tenant recipient's inbox gets one.
 * https://learn.microsoft.com/en-us/graph/api/message-send
 */
export function sendDraft(
  state: SimState,
  mailboxId: string,
  sender: Correspondent,
  draft: MailMessage,
  options: Pick<SendOptions, "onBehalfBy"> = {},
): SentMail {
  const sent = sendMail(
    state,
    sender,
    {
      subject: draft.subject ?? "",
      body:
        draft.body?.contentType === "html"
          ? { contentType: "html", content: draft.body.content ?? "" }
          : {
              contentType: "text",
              content: draft.body?.content ?? "",
            },
      toRecipients: draft.toRecipients ?? [],
      ccRecipients: draft.ccRecipients ?? [],
      bccRecipients: draft.bccRecipients ?? [],
      importance: draft.importance ?? "normal",
      categories: draft.categories ?? [],
      internetMessageHeaders: draft._headers ?? [],
      singleValueExtendedProperties: draft._extendedProperties ?? [],
      isDeliveryReceiptRequested: draft.isDeliveryReceiptRequested ?? false,
      isReadReceiptRequested: draft.isReadReceiptRequested ?? false,
    },
    {
      ...options,
      carried: draft._attachments ?? [],
      ...(draft._thread ? { thread: draft._thread } : {}),
    },
  );
  state.deleteMessage(mailboxId, draft.id);
  return sent;
}

export function findMessage(state: SimState, mailboxId: string, id: string): MailMessage {
  const message = messagesOf(state, mailboxId).get(id);
  if (!message) throw notFound();
  return message;
}

/** Moves a message to another folder. As in Exchange, the moved message gets a new id. */
export function moveMessage(
  state: SimState,
  mailboxId: string,
  id: string,
  destination: FolderName,
): MailMessage {
  const original = findMessage(state, mailboxId, id);
  const newId = newGraphId();
  const moved: MailMessage = { ...original, id: newId, webLink: webLinkOf(newId), _folder: destination };
  state.deleteMessage(mailboxId, id);
  state.touchMessage(mailboxId, moved, "created");
  return moved;
}

/** Graph's DELETE: to Deleted Items first, for good from there. */
export function deleteMessage(state: SimState, mailboxId: string, id: string): void {
  const message = findMessage(state, mailboxId, id);
  if (message._folder === "deleteditems") state.deleteMessage(mailboxId, id);
  else moveMessage(state, mailboxId, id, "deleteditems");
}

export interface MessageChanges {
  categories?: string[];
  importance?: "low" | "normal" | "high";
  isRead?: boolean;
  flag?: FollowupFlag;
  inferenceClassification?: "focused" | "other";
  isDeliveryReceiptRequested?: boolean;
  isReadReceiptRequested?: boolean;
  toRecipients?: Recipient[];
  ccRecipients?: Recipient[];
  bccRecipients?: Recipient[];
  singleValueExtendedProperties?: ExtendedProperty[];
  subject?: string;
  body?: { contentType: "text" | "html"; content: string };
  replyTo?: Recipient[];
  internetMessageId?: string;
}

/** Applies changes a person or app makes to a message, then stamps a new changeKey. */
export function updateMessage(
  state: SimState,
  mailboxId: string,
  id: string,
  changes: MessageChanges,
): MailMessage {
  const message = findMessage(state, mailboxId, id);
  const { singleValueExtendedProperties, body, ...rest } = changes;
  Object.assign(message, rest);
  if (body) {
    message.body = body;
    message.bodyPreview = previewOf(body.content);
  }
  if (singleValueExtendedProperties) {
    const properties = message._extendedProperties ?? [];
    for (const property of singleValueExtendedProperties) {
      const existing = properties.find((p) => p.id.toLowerCase() === property.id.toLowerCase());
      if (existing) existing.value = property.value;
      else properties.push({ ...property });
    }
    message._extendedProperties = properties;
  }
  state.touchMessage(mailboxId, message, "updated");
  return message;
}
