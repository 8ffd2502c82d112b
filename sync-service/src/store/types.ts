/**
 * The one repository interface of the sync service. Two implementations sit behind it:
 * PGlite under ./data (default) and PostgreSQL (DATABASE_URL). Every method is atomic:
 * it commits whole or not at all.
 */

/** The Graph collections mirrored per mailbox: the calendar, the inbox and Sent Items. */
export type StreamKind = "events" | "messages" | "sent";

/** One item as Graph returned it (event or message JSON), keyed by its Graph id. */
export interface MirrorItem {
  id: string;
  /** Graph's changeKey, when present: cheap "did it change" check. */
  changeKey?: string | null;
  /** The Graph JSON (merged into what is stored: delta updates may be partial). */
  data: Record<string, unknown>;
}

export interface DeltaCursor {
  /** Set while a round is in progress: the next page to fetch. */
  nextLink: string | null;
  /** Set when a round completed: where the next round starts. */
  deltaLink: string | null;
  /** Generation of the current full sync (bumped on a full resync). */
  generation: number;
  /** True while a full (re)sync round is in progress: unseen items are removed when it completes. */
  fullSync: boolean;
  /** The calendarView window the cursor belongs to (events only), ISO instants. */
  windowStart: string | null;
  windowEnd: string | null;
  lastCompletedAt: string | null;
}

export interface DeltaPage {
  upserts: MirrorItem[];
  removals: string[];
  /** Exactly one of the two: more pages follow, or the round is complete. */
  nextLink?: string;
  deltaLink?: string;
}

export type ItemChange = { id: string; change: "created" | "updated" | "removed" };

export interface ApplyResult {
  /** Items that really changed (created, content changed, removed): the input to reconcile. */
  changes: ItemChange[];
  unchanged: number;
}

export interface Job {
  id: string;
  kind: string;
  /** Jobs with the same key are coalesced: at most one pending job per key. */
  key: string;
  payload: Record<string, unknown>;
  attempts: number;
  runAt: string;
  lastError: string | null;
}

export type JobOutcome = { ok: true } | { ok: false; error: string; retryable: boolean };

export interface SubscriptionRecord {
  id: string;
  mailbox: string;
  kind: StreamKind;
  resource: string;
  /** SHA-256 of the clientState; the secret itself is never stored. */
  clientStateHash: string;
  expiresAt: string;
}

export interface MirrorStore {
  /** Runs pending migrations; idempotent. */
  migrate(): Promise<void>;
  close(): Promise<void>;

  getCursor(mailbox: string, stream: StreamKind): Promise<DeltaCursor | null>;
  /** Starts a full (re)sync: new generation, cursor cleared, window set. Existing items stay until the round completes. */
  beginFullSync(
    mailbox: string,
    stream: StreamKind,
    window: { start: string | null; end: string | null },
  ): Promise<DeltaCursor>;
  /**
   * Applies one delta page and saves the cursor in the same transaction. When the page
   * ends a full sync round (deltaLink), items not seen in this generation are removed.
   */
  applyDeltaPage(mailbox: string, stream: StreamKind, page: DeltaPage): Promise<ApplyResult>;

  getItem(mailbox: string, stream: StreamKind, id: string): Promise<MirrorItem | null>;
  /** The mirrored items among `ids`, in the order of `ids`, in one query; unknown ids are left out. */
  getItems(mailbox: string, stream: StreamKind, ids: readonly string[]): Promise<MirrorItem[]>;
  /** Every item of a stream at once, by id. Holds them all in memory: prefer `scanItems` or a range. */
  listItems(mailbox: string, stream: StreamKind): Promise<MirrorItem[]>;
  /**
   * Events overlapping [from, to) (ISO instants): start before `to` and end after `from`, read
   * from indexed columns; in order of start, then id. Events whose times cannot be read are in no range.
   */
  listEventsInRange(mailbox: string, range: { from: string; to: string }): Promise<MirrorItem[]>;
  /**
   * Every item of a stream in order of id, read `batchSize` (default 200) at a time with
   * keyset pagination, so a full pass never holds all rows. Items changed during the pass
   * may be seen in either state; items added behind the cursor are not seen.
   */
  scanItems(mailbox: string, stream: StreamKind, options?: { batchSize?: number }): AsyncIterable<MirrorItem>;
  countItems(mailbox: string, stream: StreamKind): Promise<number>;
  /** The items of a stream in any of these conversations (Graph's conversationId), in order of id. */
  itemsInConversations(
    mailbox: string,
    stream: StreamKind,
    conversationIds: readonly string[],
  ): Promise<MirrorItem[]>;

  /** Durable jobs: enqueue coalesces on `key` while a job with that key is pending (not running). */
  enqueueJob(job: {
    kind: string;
    key: string;
    payload?: Record<string, unknown>;
    runAt?: Date;
  }): Promise<void>;
  /** Leases up to `limit` due jobs for `leaseMs` (FOR UPDATE SKIP LOCKED); expired leases are taken over. */
  leaseJobs(worker: string, limit: number, leaseMs: number, kinds?: string[]): Promise<Job[]>;
  /** Finishes a leased job: done, retried with backoff, or dead-lettered with the reason after `maxAttempts`. */
  finishJob(jobId: string, worker: string, outcome: JobOutcome, maxAttempts?: number): Promise<void>;
  listDeadJobs(): Promise<(Job & { deadAt: string })[]>;

  /** Mailbox ownership among service instances: true if `instance` holds (or just took) the lease. */
  acquireMailboxLease(mailbox: string, instance: string, leaseMs: number): Promise<boolean>;
  releaseMailboxLease(mailbox: string, instance: string): Promise<void>;
  mailboxLeases(): Promise<{ mailbox: string; instance: string; expiresAt: string }[]>;

  /** Records a notification id; false if already seen (deduplication across instances). */
  rememberNotification(dedupKey: string): Promise<boolean>;

  saveSubscription(sub: SubscriptionRecord): Promise<void>;
  getSubscription(id: string): Promise<SubscriptionRecord | null>;
  listSubscriptions(mailbox?: string): Promise<SubscriptionRecord[]>;
  deleteSubscription(id: string): Promise<void>;
}
