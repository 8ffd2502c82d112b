import { randomBytes, randomUUID } from "node:crypto";
import type { Event, Message, OutlookCategory, Subscription } from "@microsoft/microsoft-graph-types";
import type { AppRegistration, DirectoryUser, Room, RoomList } from "./directory";

/**
 * The simulator's whole world, in memory. Graph resources are kept in their Graph JSON
 * shape (so responses are the stored objects, projected by $select) plus a few internal
 * fields that start with an underscore and are never serialised.
 */

export interface Internal {
  /** Global change sequence number at the last change (drives delta queries). */
  _seq: number;
}

export type StoredEvent = Event & Internal & { id: string };
export type StoredMessage = Message &
  Internal & {
    id: string;
    /** Folder id (well-known name in lower case: inbox, sentitems, drafts, deleteditems). */
    _folder: string;
    /** For meeting requests (`#microsoft.graph.eventMessage`): the event it belongs to. */
    _eventId?: string;
  };

export interface Tombstone {
  id: string;
  seq: number;
  kind: "event" | "message";
  folder?: string;
  /** For event deletions: the instance start/end so calendarView delta can tell if it was in the window. */
  start?: string;
  end?: string;
}

export interface Mailbox {
  userId: string;
  events: Map<string, StoredEvent>;
  messages: Map<string, StoredMessage>;
  tombstones: Tombstone[];
  masterCategories: OutlookCategory[];
}

export type StoredSubscription = Subscription & {
  id: string;
  /** The app (client id) that created the subscription; only it may see or change it. */
  _appId: string;
  /** The mailbox (user id) whose resource is watched. */
  _mailboxId: string;
  _kind: "events" | "messages";
};

export interface RequestLogEntry {
  at: string;
  method: string;
  path: string;
  mailbox: string | null;
  appId: string | null;
  status: number;
  durationMs: number;
  requestId: string;
  /** Seconds told to the client in Retry-After, when the answer was a 429 or 503. */
  retryAfter?: number;
  /** For $batch parts: the id of the outer batch request. */
  batchOf?: string;
}

export interface Faults {
  /** Added latency per Graph request, in milliseconds. */
  latencyMs: number;
  /** Share (0..1) of Graph requests answered 429 with Retry-After. */
  throttleRate: number;
  /** Retry-After in seconds for injected 429/503. */
  retryAfterSeconds: number;
  /** Share (0..1) of Graph requests answered 503. */
  serverErrorRate: number;
  /** Share (0..1) of change notifications silently dropped. */
  dropNotificationRate: number;
}

export const NO_FAULTS: Faults = {
  latencyMs: 0,
  throttleRate: 0,
  retryAfterSeconds: 2,
  serverErrorRate: 0,
  dropNotificationRate: 0,
};

export type ChangeType = "created" | "updated" | "deleted";

export interface ChangeRecord {
  mailboxId: string;
  kind: "event" | "message";
  id: string;
  changeType: ChangeType;
  seq: number;
}

type ChangeListener = (change: ChangeRecord) => void;

/** A clock the control API can move, so expiry rules can be tested without waiting. */
export class SimClock {
  private offsetMs = 0;
  now(): Date {
    return new Date(Date.now() + this.offsetMs);
  }
  advance(ms: number): void {
    this.offsetMs += ms;
  }
  reset(): void {
    this.offsetMs = 0;
  }
}

export class SimState {
  readonly clock = new SimClock();
  users = new Map<string, DirectoryUser>();
  rooms = new Map<string, Room>();
  roomLists = new Map<string, RoomList>();
  apps = new Map<string, AppRegistration>();
  mailboxes = new Map<string, Mailbox>();
  subscriptions = new Map<string, StoredSubscription>();
  requestLog: RequestLogEntry[] = [];
  faults: Faults = { ...NO_FAULTS };
  /** Delta tokens issued before this sequence number answer 410 (set by the control API). */
  deltaTokenFloor = 0;
  /** Secret for sealing paging and delta state tokens (opaque to clients, as in Graph). */
  readonly tokenSecret = randomBytes(32);
  private seq = 0;
  private listeners = new Set<ChangeListener>();

  nextSeq(): number {
    this.seq += 1;
    return this.seq;
  }

  currentSeq(): number {
    return this.seq;
  }

  onChange(listener: ChangeListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  emit(change: ChangeRecord): void {
    for (const listener of this.listeners) listener(change);
  }

  /** Finds a user by id, user principal name or mail address (case-insensitive), as Graph's `/users/{id|upn}` does. */
  findUser(idOrUpn: string): DirectoryUser | undefined {
    const direct = this.users.get(idOrUpn);
    if (direct) return direct;
    const needle = idOrUpn.toLowerCase();
    for (const user of this.users.values()) {
      if (user.userPrincipalName.toLowerCase() === needle || user.mail.toLowerCase() === needle) return user;
    }
    return undefined;
  }

  mailbox(userId: string): Mailbox {
    let box = this.mailboxes.get(userId);
    if (!box) {
      box = { userId, events: new Map(), messages: new Map(), tombstones: [], masterCategories: [] };
      this.mailboxes.set(userId, box);
    }
    return box;
  }

  /** Records a change to an event: new sequence number, changeKey, etag and modified time, then tells listeners. */
  touchEvent(mailboxId: string, event: StoredEvent, changeType: Exclude<ChangeType, "deleted">): void {
    stampChange(this, event);
    this.mailbox(mailboxId).events.set(event.id, event);
    this.emit({ mailboxId, kind: "event", id: event.id, changeType, seq: event._seq });
  }

  deleteEvent(mailboxId: string, eventId: string): StoredEvent | undefined {
    const box = this.mailbox(mailboxId);
    const event = box.events.get(eventId);
    if (!event) return undefined;
    box.events.delete(eventId);
    const seq = this.nextSeq();
    box.tombstones.push({
      id: eventId,
      seq,
      kind: "event",
      start: event.start?.dateTime ?? undefined,
      end: event.end?.dateTime ?? undefined,
    });
    this.emit({ mailboxId, kind: "event", id: eventId, changeType: "deleted", seq });
    return event;
  }

  touchMessage(mailboxId: string, message: StoredMessage, changeType: Exclude<ChangeType, "deleted">): void {
    stampChange(this, message);
    this.mailbox(mailboxId).messages.set(message.id, message);
    this.emit({ mailboxId, kind: "message", id: message.id, changeType, seq: message._seq });
  }

  deleteMessage(mailboxId: string, messageId: string): StoredMessage | undefined {
    const box = this.mailbox(mailboxId);
    const message = box.messages.get(messageId);
    if (!message) return undefined;
    box.messages.delete(messageId);
    const seq = this.nextSeq();
    box.tombstones.push({ id: messageId, seq, kind: "message", folder: message._folder });
    this.emit({ mailboxId, kind: "message", id: messageId, changeType: "deleted", seq });
    return message;
  }
}

function stampChange(state: SimState, item: (StoredEvent | StoredMessage) & Internal): void {
  const now = state.clock.now().toISOString();
  item._seq = state.nextSeq();
  item.changeKey = randomBytes(12).toString("base64");
  item.lastModifiedDateTime = now;
  item.createdDateTime ??= now;
  (item as unknown as Record<string, unknown>)["@odata.etag"] = `W/"${item.changeKey}"`;
}

/** Graph-like opaque ids: long base64url strings, unique per item. */
export function newGraphId(): string {
  return `AAMk${Buffer.from(randomUUID().replace(/-/g, "") + randomBytes(24).toString("hex"), "hex").toString("base64url")}`;
}

/** Drops internal fields (those starting with `_`) before a stored object goes on the wire. */
export function toWire<T extends object>(item: T): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(item)) {
    if (!key.startsWith("_")) out[key] = value;
  }
  return out;
}
