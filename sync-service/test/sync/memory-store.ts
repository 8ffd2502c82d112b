import { createHash, randomUUID } from "node:crypto";
import { eventTimes } from "../../src/store/event-times";
import { keysetScan } from "../../src/store/keyset";
import type {
  ApplyResult,
  DeltaCursor,
  DeltaPage,
  Job,
  JobOutcome,
  MirrorItem,
  MirrorStore,
  StreamKind,
  SubscriptionRecord,
} from "../../src/store/types";

/**
 * An in-memory MirrorStore with the documented semantics of the real one (see
 * store/types.ts), for sync tests that must not depend on a database. Each method runs to
 * completion without awaiting in between, which is what "atomic" means in one process.
 */

interface StoredItem extends MirrorItem {
  hash: string;
  generation: number;
}

interface StoredJob extends Job {
  leasedBy: string | null;
  leaseUntil: number;
  deadAt: string | null;
}

function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(",")}]`;
  if (value && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : 1));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableJson(v)}`).join(",")}}`;
  }
  return JSON.stringify(value);
}

const hashOf = (data: unknown) => createHash("sha256").update(stableJson(data)).digest("hex");

const copyOf = (item: StoredItem): MirrorItem => ({
  id: item.id,
  changeKey: item.changeKey ?? null,
  data: structuredClone(item.data),
});

export class MemoryMirrorStore implements MirrorStore {
  private items = new Map<string, Map<string, StoredItem>>();
  private cursors = new Map<string, DeltaCursor>();
  private jobs = new Map<string, StoredJob>();
  private leases = new Map<string, { instance: string; expiresAt: number }>();
  private notifications = new Set<string>();
  private subscriptions = new Map<string, SubscriptionRecord>();

  constructor(private readonly options: { backoffMs?: (attempts: number) => number } = {}) {}

  async migrate(): Promise<void> {}
  async close(): Promise<void> {}

  private stream(mailbox: string, stream: StreamKind): Map<string, StoredItem> {
    const key = `${mailbox}\u0000${stream}`;
    let items = this.items.get(key);
    if (!items) {
      items = new Map();
      this.items.set(key, items);
    }
    return items;
  }

  async getCursor(mailbox: string, stream: StreamKind): Promise<DeltaCursor | null> {
    const cursor = this.cursors.get(`${mailbox}\u0000${stream}`);
    return cursor ? { ...cursor } : null;
  }

  async beginFullSync(
    mailbox: string,
    stream: StreamKind,
    window: { start: string | null; end: string | null },
  ): Promise<DeltaCursor> {
    const key = `${mailbox}\u0000${stream}`;
    const previous = this.cursors.get(key);
    const cursor: DeltaCursor = {
      nextLink: null,
      deltaLink: null,
      generation: (previous?.generation ?? 0) + 1,
      fullSync: true,
      windowStart: window.start,
      windowEnd: window.end,
      lastCompletedAt: previous?.lastCompletedAt ?? null,
    };
    this.cursors.set(key, cursor);
    return { ...cursor };
  }

  async applyDeltaPage(mailbox: string, stream: StreamKind, page: DeltaPage): Promise<ApplyResult> {
    const key = `${mailbox}\u0000${stream}`;
    const cursor = this.cursors.get(key);
    if (!cursor) throw new Error(`No cursor for ${mailbox} ${stream}: begin a full sync first.`);
    const items = this.stream(mailbox, stream);
    const result: ApplyResult = { changes: [], unchanged: 0 };
    for (const upsert of page.upserts) {
      const existing = items.get(upsert.id);
      const data = existing ? { ...existing.data, ...upsert.data } : upsert.data;
      const hash = hashOf(data);
      const changeKey = upsert.changeKey ?? existing?.changeKey ?? null;
      items.set(upsert.id, { id: upsert.id, changeKey, data, hash, generation: cursor.generation });
      if (!existing) result.changes.push({ id: upsert.id, change: "created" });
      else if (existing.hash !== hash) result.changes.push({ id: upsert.id, change: "updated" });
      else result.unchanged += 1;
    }
    for (const id of page.removals) {
      if (items.delete(id)) result.changes.push({ id, change: "removed" });
    }
    cursor.nextLink = page.nextLink ?? null;
    if (page.deltaLink) {
      if (cursor.fullSync) {
        for (const [id, item] of items) {
          if (item.generation !== cursor.generation) {
            items.delete(id);
            result.changes.push({ id, change: "removed" });
          }
        }
      }
      cursor.deltaLink = page.deltaLink;
      cursor.fullSync = false;
      cursor.lastCompletedAt = new Date().toISOString();
    }
    return result;
  }

  async getItem(mailbox: string, stream: StreamKind, id: string): Promise<MirrorItem | null> {
    const item = this.stream(mailbox, stream).get(id);
    return item ? { id: item.id, changeKey: item.changeKey ?? null, data: structuredClone(item.data) } : null;
  }

  async listItems(mailbox: string, stream: StreamKind): Promise<MirrorItem[]> {
    return [...this.stream(mailbox, stream).values()]
      .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
      .map(copyOf);
  }

  async getItems(mailbox: string, stream: StreamKind, ids: readonly string[]): Promise<MirrorItem[]> {
    const items = this.stream(mailbox, stream);
    return [...new Set(ids)].flatMap((id) => {
      const item = items.get(id);
      return item ? [copyOf(item)] : [];
    });
  }

  async listEventsInRange(mailbox: string, range: { from: string; to: string }): Promise<MirrorItem[]> {
    const from = Date.parse(range.from);
    const to = Date.parse(range.to);
    return [...this.stream(mailbox, "events").values()]
      .flatMap((item) => {
        const { startsAt, endsAt } = eventTimes(item.data);
        if (!startsAt || !endsAt || Date.parse(startsAt) >= to || Date.parse(endsAt) <= from) return [];
        return [{ item, start: Date.parse(startsAt) }];
      })
      .sort((a, b) => a.start - b.start || (a.item.id < b.item.id ? -1 : 1))
      .map(({ item }) => copyOf(item));
  }

  scanItems(
    mailbox: string,
    stream: StreamKind,
    options: { batchSize?: number } = {},
  ): AsyncGenerator<MirrorItem> {
    return keysetScan(
      async (after, limit) =>
        [...this.stream(mailbox, stream).values()]
          .filter((item) => after === null || item.id > after)
          .sort((a, b) => (a.id < b.id ? -1 : 1))
          .slice(0, limit)
          .map(copyOf),
      options,
    );
  }

  async countItems(mailbox: string, stream: StreamKind): Promise<number> {
    return this.stream(mailbox, stream).size;
  }

  async itemsInConversations(
    mailbox: string,
    stream: StreamKind,
    conversationIds: readonly string[],
  ): Promise<MirrorItem[]> {
    const wanted = new Set(conversationIds);
    return (await this.listItems(mailbox, stream)).filter((item) => {
      const conversationId = item.data["conversationId"];
      return typeof conversationId === "string" && wanted.has(conversationId);
    });
  }

  async enqueueJob(job: { kind: string; key: string; payload?: Record<string, unknown>; runAt?: Date }) {
    const runAt = (job.runAt ?? new Date()).toISOString();
    for (const existing of this.jobs.values()) {
      if (existing.key === job.key && !existing.deadAt && !this.isRunning(existing)) {
        if (runAt < existing.runAt) existing.runAt = runAt;
        return;
      }
    }
    const id = randomUUID();
    this.jobs.set(id, {
      id,
      kind: job.kind,
      key: job.key,
      payload: job.payload ?? {},
      attempts: 0,
      runAt,
      lastError: null,
      leasedBy: null,
      leaseUntil: 0,
      deadAt: null,
    });
  }

  private isRunning(job: StoredJob): boolean {
    return job.leasedBy !== null && job.leaseUntil > Date.now();
  }

  async leaseJobs(worker: string, limit: number, leaseMs: number, kinds?: string[]): Promise<Job[]> {
    const now = Date.now();
    const due = [...this.jobs.values()]
      .filter((job) => !job.deadAt && !this.isRunning(job) && Date.parse(job.runAt) <= now)
      .filter((job) => !kinds || kinds.includes(job.kind))
      .sort((a, b) => (a.runAt < b.runAt ? -1 : 1))
      .slice(0, limit);
    return due.map((job) => {
      job.leasedBy = worker;
      job.leaseUntil = now + leaseMs;
      const { leasedBy: _l, leaseUntil: _u, deadAt: _d, ...plain } = job;
      return structuredClone(plain);
    });
  }

  async finishJob(jobId: string, worker: string, outcome: JobOutcome, maxAttempts = 8): Promise<void> {
    const job = this.jobs.get(jobId);
    if (!job || job.leasedBy !== worker) return;
    if (outcome.ok) {
      this.jobs.delete(jobId);
      return;
    }
    job.attempts += 1;
    job.lastError = outcome.error;
    job.leasedBy = null;
    job.leaseUntil = 0;
    if (!outcome.retryable || job.attempts >= maxAttempts) {
      job.deadAt = new Date().toISOString();
      return;
    }
    const backoff = this.options.backoffMs?.(job.attempts) ?? Math.min(1000 * 2 ** job.attempts, 300_000);
    job.runAt = new Date(Date.now() + backoff).toISOString();
  }

  async listDeadJobs(): Promise<(Job & { deadAt: string })[]> {
    return [...this.jobs.values()]
      .filter((job): job is StoredJob & { deadAt: string } => job.deadAt !== null)
      .map(({ leasedBy: _l, leaseUntil: _u, ...job }) => structuredClone(job));
  }

  async acquireMailboxLease(mailbox: string, instance: string, leaseMs: number): Promise<boolean> {
    const now = Date.now();
    const lease = this.leases.get(mailbox);
    if (lease && lease.instance !== instance && lease.expiresAt > now) return false;
    this.leases.set(mailbox, { instance, expiresAt: now + leaseMs });
    return true;
  }

  async releaseMailboxLease(mailbox: string, instance: string): Promise<void> {
    if (this.leases.get(mailbox)?.instance === instance) this.leases.delete(mailbox);
  }

  async mailboxLeases(): Promise<{ mailbox: string; instance: string; expiresAt: string }[]> {
    const now = Date.now();
    return [...this.leases.entries()]
      .filter(([, lease]) => lease.expiresAt > now)
      .map(([mailbox, lease]) => ({
        mailbox,
        instance: lease.instance,
        expiresAt: new Date(lease.expiresAt).toISOString(),
      }));
  }

  async rememberNotification(dedupKey: string): Promise<boolean> {
    if (this.notifications.has(dedupKey)) return false;
    this.notifications.add(dedupKey);
    return true;
  }

  async saveSubscription(sub: SubscriptionRecord): Promise<void> {
    this.subscriptions.set(sub.id, { ...sub });
  }

  async getSubscription(id: string): Promise<SubscriptionRecord | null> {
    const sub = this.subscriptions.get(id);
    return sub ? { ...sub } : null;
  }

  async listSubscriptions(mailbox?: string): Promise<SubscriptionRecord[]> {
    return [...this.subscriptions.values()]
      .filter((s) => !mailbox || s.mailbox === mailbox)
      .map((s) => ({ ...s }));
  }

  async deleteSubscription(id: string): Promise<void> {
    this.subscriptions.delete(id);
  }
}
