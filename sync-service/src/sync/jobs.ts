import type { MirrorStore, StreamKind } from "../store/types";

/**
 * The durable work of the sync engine. Every job names its mailbox; jobs of one kind and
 * mailbox share a key, so any number of notifications coalesce into one pending round.
 */
export const JOB_KINDS = [
  "sync-events",
  "sync-messages",
  "sync-sent",
  "resync-events",
  "resync-messages",
  "resync-sent",
  "subscriptions",
  "renew-subscriptions",
] as const;

export type JobKind = (typeof JOB_KINDS)[number];

/** Every mirrored stream of a mailbox: the calendar, the inbox and Sent Items. */
export const STREAMS: readonly StreamKind[] = ["events", "messages", "sent"];

export const syncJob = (stream: StreamKind): JobKind => `sync-${stream}`;
export const resyncJob = (stream: StreamKind): JobKind => `resync-${stream}`;

export function jobKey(kind: JobKind, mailbox: string): string {
  return `${kind}:${mailbox}`;
}

export function enqueueMailboxJob(
  store: MirrorStore,
  kind: JobKind,
  mailbox: string,
  runAt?: Date,
): Promise<void> {
  return store.enqueueJob({
    kind,
    key: jobKey(kind, mailbox),
    payload: { mailbox },
    ...(runAt ? { runAt } : {}),
  });
}
