import { systemClock, type Clock } from "./clock";
import { defaultMaxAttempts, enqueueJob, finishJob, leaseJobs, listDeadJobs } from "./jobs";
import { acquireMailboxLease, mailboxLeases, releaseMailboxLease, rememberNotification } from "./leases";
import {
  applyDeltaPage,
  beginFullSync,
  countItems,
  getCursor,
  getItem,
  getItems,
  itemsInConversations,
  listEventsInRange,
  listItems,
  scanItems,
} from "./mirror";
import { migrate } from "./migrations";
import type { SqlExecutor } from "./sql";
import { deleteSubscription, getSubscription, listSubscriptions, saveSubscription } from "./subscriptions";
import type { MirrorStore } from "./types";

export interface StoreOptions {
  clock?: Clock;
  /** Source of retry jitter, in [0, 1). */
  random?: () => number;
  /** Tries before a retryable or abandoned job is dead-lettered, unless `finishJob` says otherwise. */
  maxAttempts?: number;
}

/** The one MirrorStore, over either SQL driver. */
export function sqlMirrorStore(db: SqlExecutor, options: StoreOptions = {}): MirrorStore {
  const clock = options.clock ?? systemClock;
  const random = options.random ?? Math.random;
  const maxAttemptsByDefault = options.maxAttempts ?? defaultMaxAttempts;

  return {
    migrate: async () => {
      await migrate(db);
    },
    close: () => db.close(),

    getCursor: (mailbox, stream) => getCursor(db, mailbox, stream),
    beginFullSync: (mailbox, stream, window) => beginFullSync(db, mailbox, stream, window),
    applyDeltaPage: (mailbox, stream, page) => applyDeltaPage(db, clock, mailbox, stream, page),

    getItem: (mailbox, stream, id) => getItem(db, mailbox, stream, id),
    getItems: (mailbox, stream, ids) => getItems(db, mailbox, stream, ids),
    listItems: (mailbox, stream) => listItems(db, mailbox, stream),
    listEventsInRange: (mailbox, range) => listEventsInRange(db, mailbox, range),
    scanItems: (mailbox, stream, options) => scanItems(db, mailbox, stream, options),
    countItems: (mailbox, stream) => countItems(db, mailbox, stream),
    itemsInConversations: (mailbox, stream, conversationIds) =>
      itemsInConversations(db, mailbox, stream, conversationIds),

    enqueueJob: (job) => enqueueJob(db, clock, job),
    leaseJobs: (worker, limit, leaseMs, kinds) =>
      leaseJobs(db, clock, worker, limit, leaseMs, kinds, maxAttemptsByDefault),
    finishJob: (jobId, worker, outcome, maxAttempts = maxAttemptsByDefault) =>
      finishJob(db, clock, random, jobId, worker, outcome, maxAttempts),
    listDeadJobs: () => listDeadJobs(db),

    acquireMailboxLease: (mailbox, instance, leaseMs) =>
      acquireMailboxLease(db, clock, mailbox, instance, leaseMs),
    releaseMailboxLease: (mailbox, instance) => releaseMailboxLease(db, mailbox, instance),
    mailboxLeases: () => mailboxLeases(db),

    rememberNotification: (dedupKey) => rememberNotification(db, clock, dedupKey),

    saveSubscription: (sub) => saveSubscription(db, sub),
    getSubscription: (id) => getSubscription(db, id),
    listSubscriptions: (mailbox) => listSubscriptions(db, mailbox),
    deleteSubscription: (id) => deleteSubscription(db, id),
  };
}
