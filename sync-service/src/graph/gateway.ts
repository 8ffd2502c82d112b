/**
 * The one door to Microsoft Graph. Everything outside graph/ talks about mailboxes, events
 * and messages through this interface; Graph URLs, paging and batching stay behind it.
 */

export type GraphItem = Record<string, unknown> & { id: string };

export interface CalendarWindow {
  /** ISO instants (UTC). */
  start: string;
  end: string;
}

/** Where a delta page request starts: a fresh round over a window, or a stored next/delta link. */
export type EventsDeltaFrom = { window: CalendarWindow } | { link: string };

export interface DeltaPageResult {
  items: GraphItem[];
  /** Ids reported `@removed`. */
  removed: string[];
  nextLink?: string;
  deltaLink?: string;
}

/** The mirrored collections: the calendar, the inbox and Sent Items. */
export type StreamKind = "events" | "messages" | "sent";

/** What the service writes back to: events and (inbox) messages. */
export type PatchKind = "events" | "messages";

export interface ItemPatch {
  mailbox: string;
  kind: PatchKind;
  id: string;
  /** The `@odata.etag` the patch was computed against: sent as If-Match. */
  etag: string;
  patch: Record<string, unknown>;
}

export type PatchResult =
  | { id: string; outcome: "applied"; item: GraphItem }
  /** 412: someone changed the item since `etag`; re-read and decide again. */
  | { id: string; outcome: "conflict" }
  | { id: string; outcome: "gone" }
  | { id: string; outcome: "failed"; status: number; error: string };

export type EventResponse = "accept" | "decline" | "tentativelyAccept";

/** A file sent with a mail (Graph's fileAttachment), its content base64-encoded. */
export interface FileAttachment {
  name: string;
  contentType: string;
  contentBytes: string;
}

export interface OutgoingMessage {
  subject: string;
  body: { contentType: "text" | "html"; content: string };
  toRecipients: string[];
  ccRecipients?: string[];
  attachments?: FileAttachment[];
  /** The outbox's stable id of the mail: on the mail as a header and on its Sent Items copy, for `findSent`. */
  outboxId?: string;
}

export interface SubscriptionRequest {
  mailbox: string;
  kind: StreamKind;
  notificationUrl: string;
  lifecycleNotificationUrl: string;
  clientState: string;
  expirationDateTime: string;
}

export interface GraphSubscription {
  id: string;
  resource: string;
  changeType: string;
  notificationUrl: string;
  expirationDateTime: string;
}

export interface ScheduleItem {
  status: string;
  start: string;
  end: string;
}

export interface Schedule {
  scheduleId: string;
  availabilityView?: string;
  items: ScheduleItem[];
}

export interface RoomInfo {
  id: string;
  emailAddress: string;
  displayName: string;
  capacity: number | null;
  /** Names of the room's devices as places lists them; null or absent when it has none. */
  audioDeviceName?: string | null;
  videoDeviceName?: string | null;
  displayDeviceName?: string | null;
  isWheelChairAccessible?: boolean | null;
}

export interface MailboxGateway {
  eventsDelta(mailbox: string, from: EventsDeltaFrom, pageSize: number): Promise<DeltaPageResult>;
  /** Inbox message delta; without a link a new round starts. */
  messagesDelta(mailbox: string, link: string | null, pageSize: number): Promise<DeltaPageResult>;
  /**
   * Sent Items message delta, with only what matching replies to inquiries needs (see
   * SENT_ITEM_FIELDS); without a link a new round starts.
   */
  sentItemsDelta(mailbox: string, link: string | null, pageSize: number): Promise<DeltaPageResult>;
  /**
   * The event with times in `timeZone` when given (for people); UTC otherwise. Null when gone.
   * `extendedProperties` expands those singleValueExtendedProperties (delta never carries them).
   */
  getEvent(
    mailbox: string,
    id: string,
    options?: {
      timeZone?: string;
      extendedProperties?: string[];
      /** Also the body (JOURNAL_EVENT_FIELDS): only when the meeting is journalised. */
      withBody?: boolean;
    },
  ): Promise<GraphItem | null>;
  /** The id of the calendar event a meeting request (eventMessage) is about; null when it has none or is gone. */
  eventOfMeetingRequest(mailbox: string, messageId: string): Promise<string | null>;
  /** Write-back via JSON $batch (≤ 20 per request), each part guarded by If-Match. */
  patchItems(patches: ItemPatch[]): Promise<PatchResult[]>;
  respondToEvent(
    mailbox: string,
    id: string,
    response: EventResponse,
    comment: string,
    sendResponse: boolean,
  ): Promise<void>;
  sendMail(mailbox: string, message: OutgoingMessage): Promise<void>;
  /** Forwards a message from the mailbox, in its conversation, with a comment above it (and an outbox id, as sendMail). */
  forwardMessage(
    mailbox: string,
    messageId: string,
    toRecipients: string[],
    comment: string,
    outboxId?: string,
  ): Promise<void>;
  /**
   * Forwards a message whole (its headers quoted, its files attached) under a subject of the
   * service's choosing: a forward draft (createForward) retitled while a draft, then sent.
   */
  forwardRetitled(
    mailbox: string,
    messageId: string,
    forward: { toRecipients: string[]; subject: string; outboxId?: string },
  ): Promise<void>;
  /** The id of the mailbox's Sent Items copy of the mail sent with this outbox id; null when none is there (yet). */
  findSent(mailbox: string, outboxId: string): Promise<string | null>;

  createSubscription(request: SubscriptionRequest): Promise<GraphSubscription>;
  renewSubscription(id: string, expirationDateTime: string): Promise<GraphSubscription>;
  /** Deleting a subscription Graph no longer knows is not an error. */
  deleteSubscription(id: string): Promise<void>;
  /** Every subscription this app holds. */
  listSubscriptions(): Promise<GraphSubscription[]>;

  getSchedule(
    mailbox: string,
    schedules: string[],
    window: CalendarWindow,
    intervalMinutes?: number,
  ): Promise<Schedule[]>;
  listRooms(): Promise<RoomInfo[]>;
  /** Adds the category to the mailbox's master list unless a category of that name exists. */
  ensureMasterCategory(mailbox: string, displayName: string, color: string): Promise<void>;
}

/** The stored delta or skip token is no longer valid (410 Gone): start a full round. */
export class DeltaExpired extends Error {
  constructor(
    readonly mailbox: string,
    readonly kind: StreamKind,
  ) {
    super(`The ${kind} delta token of ${mailbox} has expired.`);
    this.name = "DeltaExpired";
  }
}

/** A Graph call that failed after the client's own retries. */
export class GraphFailure extends Error {
  constructor(
    readonly status: number,
    readonly code: string | null,
    message: string,
    /** Graph's Retry-After on the last answer, in seconds, when it gave one. */
    readonly retryAfterSeconds: number | null = null,
  ) {
    super(message);
    this.name = "GraphFailure";
  }

  /** Worth trying again later: throttling, server trouble or the network. */
  get retryable(): boolean {
    return this.status <= 0 || this.status === 408 || this.status === 429 || this.status >= 500;
  }
}
