import { randomUUID } from "node:crypto";
import type { MeetingMessageType } from "@microsoft/microsoft-graph-types";
import { DEMO_DOMAIN } from "../directory";
import { newGraphId, type SimState, type StoredMessage } from "../state";
import type { CalendarEvent } from "./model";
import { previewOf } from "../item-body";
import type { Party } from "./parties";

/**
 * Meeting mail: requests, cancellations and responses land in the recipient's inbox as
 * eventMessage items linked to the event they concern (the mail part serves them).
 * https://learn.microsoft.com/en-us/graph/api/resources/eventmessage
 */

/** Subject prefixes Danish Outlook puts on meeting mail. */
const PREFIX: Record<MeetingMessageType, string> = {
  none: "",
  meetingRequest: "",
  meetingCancelled: "Aflyst: ",
  meetingAccepted: "Accepteret: ",
  meetingTenativelyAccepted: "Foreløbigt accepteret: ",
  meetingDeclined: "Afvist: ",
};

const recipient = (party: Party) => ({ emailAddress: { name: party.name, address: party.address } });

export interface MeetingMail {
  kind: MeetingMessageType;
  from: Party;
  to: Party;
  /** The event as the recipient's calendar holds it (or the organizer's, for a response). */
  event: CalendarEvent;
  /** The recipient's event id, when the mail links to an event in their mailbox. */
  eventId?: string;
  comment?: string;
}

export function deliverMeetingMail(state: SimState, mail: MeetingMail): StoredMessage | undefined {
  if (!mail.to.mailboxId || mail.to.kind === "room") return undefined;
  const now = state.clock
    .now()
    .toISOString()
    .replace(/\.\d{3}Z$/, "Z");
  const content =
    mail.kind === "meetingRequest" || mail.kind === "meetingCancelled"
      ? (mail.comment ?? mail.event.body?.content ?? "")
      : (mail.comment ?? "");
  const id = newGraphId();
  const message = {
    "@odata.type": "#microsoft.graph.eventMessage",
    id,
    receivedDateTime: now,
    sentDateTime: now,
    hasAttachments: false,
    internetMessageId: `<${randomUUID()}@${DEMO_DOMAIN}>`,
    subject: `${PREFIX[mail.kind]}${mail.event.subject ?? ""}`,
    bodyPreview: previewOf(content),
    importance: mail.event.importance ?? "normal",
    conversationId: newGraphId(),
    isDeliveryReceiptRequested: false,
    isReadReceiptRequested: false,
    isRead: false,
    isDraft: false,
    webLink: `https://outlook.office365.com/owa/?ItemID=${encodeURIComponent(id)}&exvsurl=1&viewmodel=ReadMessageItem`,
    inferenceClassification: "focused",
    body: { contentType: mail.event.body?.contentType ?? "text", content },
    sender: recipient(mail.from),
    from: recipient(mail.from),
    toRecipients: [recipient(mail.to)],
    ccRecipients: [],
    bccRecipients: [],
    replyTo: [],
    flag: { flagStatus: "notFlagged" },
    categories: [],
    meetingMessageType: mail.kind,
    type: mail.event.type === "seriesMaster" ? "seriesMaster" : (mail.event.type ?? "singleInstance"),
    isOutOfDate: false,
    isAllDay: mail.event.isAllDay ?? false,
    isDelegated: false,
    isOutOfPolicy: false,
    startDateTime: mail.event.start,
    endDateTime: mail.event.end,
    location: mail.event.location,
    recurrence: mail.event.recurrence ?? null,
    responseRequested: mail.event.responseRequested ?? true,
    _folder: "inbox",
    _eventId: mail.eventId,
    _seq: 0,
  } as unknown as StoredMessage;
  state.touchMessage(mail.to.mailboxId, message, "created");
  return message;
}
