import type { MirrorStore, StreamKind } from "../store/types";

/**
 * The durable work of the sync engine. Every job names its mailbox; jobs of one kind and
 * mailbox share a key, so any number of notifications coalesce into one pending round.
 */
export const JOB_KINDS = [
  "sync-events",
  "sync-messages",
  "resync-events",
  "resync-messages",
  "subscriptions",
  "renew-subscriptions",
] as const;

export type JobKind = (typeof JOB_KINDS)[number];

export const syncJob = (stream: StreamKind): JobKind =>
  stream === "events" ? "sync-events" : "sync-messages";
export const resyncJob = (stream: StreamKind): JobKind =>
  stream === "events" ? "resync-events" : "resync-messages";

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
