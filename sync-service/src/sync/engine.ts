import { randomUUID } from "node:crypto";
import type { Logger } from "pino";
import type { MailboxGateway } from "../graph";
import type { MirrorStore, StreamKind } from "../store/types";
import { DeltaSync, type ChangeListener } from "./delta-sync";
import { enqueueMailboxJob, STREAMS, syncJob, type JobKind } from "./jobs";
import { createNotificationHandlers, type NotificationHandlers } from "./notifications";
import { MailboxOwnership } from "./ownership";
import { SubscriptionKeeper } from "./subscriptions";
import type { WindowSize } from "./window";
import { SyncWorker, type JobHandler } from "./worker";

export interface SyncEngineOptions {
  store: MirrorStore;
  gateway: MailboxGateway;
  mailboxes: string[];
  publicUrl: string;
  window: WindowSize;
  safetyPollSeconds: number;
  log: Logger;
  /** Unique per running process; a restarted process is a new instance. */
  instanceId?: string;
  /** Watch mailboxes with change notifications (needs a reachable PUBLIC_URL). */
  subscribe?: boolean;
  pageSize?: number;
  pollMs?: number;
  mailboxLeaseMs?: number;
  concurrency?: number;
  now?: () => Date;
}

/**
 * Told before a delta round of a stream commits anything; what it returns is told, once the
 * round has succeeded, whether every change committed so far reached the change listeners
 * (false when a stop dropped some). Reconcile keeps its durable marker of owed work with it.
 */
export type RoundWatcher = (
  mailbox: string,
  stream: StreamKind,
) => Promise<(delivered: Promise<boolean>) => void>;

const STREAM_OF: Partial<Record<JobKind, StreamKind>> = {
  "sync-events": "events",
  "resync-events": "events",
  "sync-messages": "messages",
  "resync-messages": "messages",
  "sync-sent": "sent",
  "resync-sent": "sent",
};

/**
 * The sync service's engine: per owned mailbox, delta rounds for events and messages run
 * as durable jobs, started by notifications, a safety poll and taking over a mailbox.
 */
export class SyncEngine {
  readonly instanceId: string;
  readonly delta: DeltaSync;
  readonly subscriptions: SubscriptionKeeper;
  readonly notifications: NotificationHandlers;
  readonly ownership: MailboxOwnership;
  readonly worker: SyncWorker;
  private timers: NodeJS.Timeout[] = [];
  private roundWatchers = new Set<RoundWatcher>();
  /** Set when a stop dropped (or may drop) changes not yet handed to the listeners. */
  private deliveriesDropped = false;
  private readonly subscribe: boolean;

  constructor(private readonly options: SyncEngineOptions) {
    const { store, gateway, log } = options;
    this.instanceId = options.instanceId ?? `sync-${randomUUID()}`;
    this.subscribe = options.subscribe ?? true;
    this.delta = new DeltaSync({
      store,
      gateway,
      window: options.window,
      log,
      // Reconcile works on what a round committed while the next pages (and rounds) go on.
      deliverInBackground: true,
      ...(options.pageSize ? { pageSize: options.pageSize } : {}),
      ...(options.now ? { now: options.now } : {}),
    });
    this.subscriptions = new SubscriptionKeeper({
      store,
      gateway,
      publicUrl: options.publicUrl,
      mailboxes: options.mailboxes,
      log,
      ...(options.now ? { now: options.now } : {}),
    });
    this.notifications = createNotificationHandlers({ store, log, onEnqueued: () => this.worker.wake() });
    this.ownership = new MailboxOwnership({
      store,
      instanceId: this.instanceId,
      mailboxes: options.mailboxes,
      leaseMs: options.mailboxLeaseMs ?? 30_000,
      log,
      onGained: (mailbox) => this.checkMailbox(mailbox),
      busy: (mailbox) => this.worker.busy(mailbox),
    });
    const round =
      (stream: StreamKind, full: boolean): JobHandler =>
      async (mailbox) => {
        const watching = await Promise.all([...this.roundWatchers].map((watch) => watch(mailbox, stream)));
        const report = await this.delta.run(mailbox, stream, {
          full,
          stillOwned: () => this.ownership.owns(mailbox),
        });
        if (watching.length > 0) {
          const delivered = this.delta.settled().then(() => !this.deliveriesDropped);
          for (const done of watching) done(delivered);
        }
        log.debug({ mailbox, stream, ...report }, "delta round done");
      };
    this.worker = new SyncWorker({
      store,
      instanceId: this.instanceId,
      ownership: this.ownership,
      log,
      handlers: {
        "sync-events": round("events", false),
        "resync-events": round("events", true),
        "sync-messages": round("messages", false),
        "resync-messages": round("messages", true),
        "sync-sent": round("sent", false),
        "resync-sent": round("sent", true),
        subscriptions: (mailbox) => this.subscriptions.maintain(mailbox),
        "renew-subscriptions": (mailbox) => this.subscriptions.maintain(mailbox, { forceRenew: true }),
      },
      laneOf: (kind) => STREAM_OF[kind] ?? "subscriptions",
      ...(options.pollMs ? { pollMs: options.pollMs } : {}),
      ...(options.concurrency ? { concurrency: options.concurrency } : {}),
    });
  }

  onChanges(listener: ChangeListener): () => void {
    return this.delta.onChanges(listener);
  }

  watchRounds(watcher: RoundWatcher): () => void {
    this.roundWatchers.add(watcher);
    return () => this.roundWatchers.delete(watcher);
  }

  /** Delta rounds for every stream (and a look at the subscriptions), coalesced with pending ones. */
  async checkMailbox(mailbox: string): Promise<void> {
    const { store } = this.options;
    for (const stream of STREAMS) await enqueueMailboxJob(store, syncJob(stream), mailbox);
    if (this.subscribe) await enqueueMailboxJob(store, "subscriptions", mailbox);
    this.worker.wake();
  }

  async start(): Promise<void> {
    const { log } = this.options;
    if (this.subscribe) {
      await this.subscriptions
        .cleanUp()
        .catch((err: unknown) => log.warn({ err }, "subscription clean-up failed"));
    }
    await this.ownership.refresh();
    this.worker.start();
    const leaseMs = this.options.mailboxLeaseMs ?? 30_000;
    this.every(leaseMs / 3, () => this.ownership.refresh(), "renewing mailbox leases failed");
    this.every(
      this.options.safetyPollSeconds * 1000,
      async () => {
        for (const mailbox of this.ownership.ownedMailboxes()) await this.checkMailbox(mailbox);
      },
      "safety poll failed",
    );
  }

  private every(ms: number, task: () => Promise<void>, failure: string): void {
    this.timers.push(
      setInterval(() => {
        task().catch((err: unknown) => this.options.log.error({ err }, failure));
      }, ms),
    );
  }

  /**
   * Stops taking work and lets running rounds finish; then hands the mailboxes back, unless
   * told not to (the leases then expire as a killed instance's would).
   */
  async stop(options: { releaseLeases?: boolean } = {}): Promise<void> {
    for (const timer of this.timers) clearInterval(timer);
    this.timers = [];
    await this.worker.stop();
    // Reconcile gets a while to catch up; a backlog longer than that is not worth holding up a stop.
    let timer: NodeJS.Timeout | undefined;
    const settled = await Promise.race([
      this.delta.settled().then(() => true),
      new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), 10_000))),
    ]);
    clearTimeout(timer);
    // Before the drop: a round watcher waiting for delivery must not take the drop for done.
    if (!settled) this.deliveriesDropped = true;
    const dropped = await this.delta.stopDelivering(0);
    if (dropped > 0) this.options.log.warn({ dropped }, "stopped before reconcile was told of every change");
    if (options.releaseLeases ?? true) await this.ownership.releaseAll();
  }
}
