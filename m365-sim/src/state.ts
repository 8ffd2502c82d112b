import { randomBytes, randomUUID } from "node:crypto";
import type { Event, Message, OutlookCategory, Subscription } from "@microsoft/microsoft-graph-types";
import type {
  AppRegistration,
  ApplicationAccessPolicy,
  DirectoryUser,
  MailGroup,
  Room,
  RoomList,
} from "./directory";

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

/** Kept in the order of their sequence numbers (each is stamped as it is pushed), so delta rounds can bisect. */
export interface Tombstone {
  id: string;
  seq: number;
  kind: "event" | "message";
  folder?: string;
  /** For event deletions: the instance start/end so calendarView delta can tell if it was in the window. */
  start?: string;
  end?: string;
}

/**
 * A mailbox's events in change order, so a delta round reads only what changed after its
 * sync point instead of the whole calendar. A change appends (sequence numbers only grow);
 * an entry whose event changed again or was deleted since is skipped, and dropped when
 * stale entries outnumber live ones.
 */
export class EventChangeIndex {
  private seqs: number[] = [];
  private ids: string[] = [];

  constructor(private readonly events: Map<string, StoredEvent>) {
    const ordered = [...events.values()].sort((a, b) => a._seq - b._seq);
    for (const event of ordered) this.append(event._seq, event.id);
  }

  append(seq: number, id: string): void {
    this.seqs.push(seq);
    this.ids.push(id);
    if (this.seqs.length > 2 * this.events.size + 1024) this.compact();
  }

  /** The mailbox's current events whose last change is after `since`, oldest change first. */
  *changedAfter(since: number): Generator<StoredEvent> {
    let lo = 0;
    let hi = this.seqs.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((this.seqs[mid] ?? 0) > since) hi = mid;
      else lo = mid + 1;
    }
    for (let i = lo; i < this.seqs.length; i++) {
      const event = this.events.get(this.ids[i] ?? "");
      if (event && event._seq === this.seqs[i]) yield event;
    }
  }

  private compact(): void {
    const seqs: number[] = [];
    const ids: string[] = [];
    this.seqs.forEach((seq, i) => {
      const id = this.ids[i] ?? "";
      if (this.events.get(id)?._seq === seq) {
        seqs.push(seq);
        ids.push(id);
      }
    });
    this.seqs = seqs;
    this.ids = ids;
  }
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
  /** From its arrival to its answer being handed to the connection. */
  durationMs: number;
  requestId: string;
  /** Seconds told to the client in Retry-After, when the answer was a 429 or 503. */
  retryAfter?: number;
  /** For $batch parts: the id of the outer batch request. */
  batchOf?: string;
  /** The If-Match a write was guarded by, when it had one. */
  ifMatch?: string;
  /** The item's etag in a successful answer (after a write: the version the write made). */
  etag?: string;
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
  /**
   * Requests whose path (without its query) ends with one of these do their work, and their
   * answer is held back `holdAnswerMs`: Graph acted, and the client has not heard (a connection
   * lost after the server acted). A test kills the client in that window.
   */
  holdAnswersTo: string[];
  holdAnswerMs: number;
}

export const NO_FAULTS: Faults = {
  latencyMs: 0,
  throttleRate: 0,
  retryAfterSeconds: 2,
  serverErrorRate: 0,
  dropNotificationRate: 0,
  holdAnswersTo: [],
  holdAnswerMs: 0,
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
  /** Mail-enabled security groups, by mail address (lower case). */
  groups = new Map<string, MailGroup>();
  accessPolicies: ApplicationAccessPolicy[] = [];
  mailboxes = new Map<string, Mailbox>();
  subscriptions = new Map<string, StoredSubscription>();
  requestLog: RequestLogEntry[] = [];
  faults: Faults = { ...NO_FAULTS };
  /** Delta tokens issued before this sequence number answer 410 (set by the control API). */
  deltaTokenFloor = 0;
  /** Secret for sealing paging and delta state tokens (opaque to clients, as in Graph). */
  readonly tokenSecret = randomBytes(32);
  private seq = 0;
  /** Built on first use per events map (a reset or a restored snapshot brings new maps). */
  private changeIndexes = new WeakMap<Map<string, StoredEvent>, EventChangeIndex>();
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
    const events = this.mailbox(mailboxId).events;
    events.set(event.id, event);
    this.changeIndexes.get(events)?.append(event._seq, event.id);
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

  /** The mailbox's events in change order (see EventChangeIndex). */
  eventChanges(mailboxId: string): EventChangeIndex {
    const events = this.mailbox(mailboxId).events;
    let index = this.changeIndexes.get(events);
    if (!index) {
      index = new EventChangeIndex(events);
      this.changeIndexes.set(events, index);
    }
    return index;
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
