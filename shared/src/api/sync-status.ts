import { z } from "zod";

export const StreamStatusSchema = z.object({
  /** events: the calendar; messages: the inbox; sent: Sent Items (replies from Outlook). */
  stream: z.enum(["events", "messages", "sent"]),
  items: z.number().int().min(0),
  lastSuccessfulSync: z.string().nullable(),
  /** none: never synced; complete: up to date at the last round; inRound: a round is under way; fullSync: a full (re)sync is under way. */
  cursor: z.enum(["none", "complete", "inRound", "fullSync"]),
  /** Seconds since the last completed round; null before the first. */
  lagSeconds: z.number().nullable(),
});

/**
 * Reconcile's first pass over a newly mirrored mailbox: every item classified, a category
 * written only on what a person will still look at. waiting: the first mirror is still being
 * read; running: being reconciled; done: finished (figures of that pass).
 */
export const FirstPassSchema = z.object({
  state: z.enum(["waiting", "running", "done"]),
  /** Items reconciled so far, of `total` mirrored (calendar and inbox). */
  reconciled: z.number().int().min(0),
  total: z.number().int().min(0),
  /** Of the reconciled, those a person will still look at: meetings from today on, pending invitations. */
  lookedAt: z.number().int().min(0),
  /** Categories written to Outlook so far. */
  writes: z.number().int().min(0),
  startedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
});
export type FirstPass = z.infer<typeof FirstPassSchema>;

export const MailboxSyncStatusSchema = z.object({
  mailbox: z.string(),
  /** The service instance that holds the mailbox's lease, if any. */
  owner: z.string().nullable(),
  streams: z.array(StreamStatusSchema),
  deadJobs: z.number().int().min(0),
  /** The first pass's progress; absent for a mailbox reconcile does not look after. */
  firstPass: FirstPassSchema.optional(),
});
export type MailboxSyncStatus = z.infer<typeof MailboxSyncStatusSchema>;

/** What retention deletes, by kind: meetings' records after the meeting ended, mail after it arrived, the audit log last. */
export const RETENTION_KINDS = [
  "plans",
  "orders",
  "arrivals",
  "briefingNotes",
  "minutes",
  "mail",
  "audit",
] as const;
export type RetentionKind = (typeof RETENTION_KINDS)[number];

/**
 * Retention's last daily run: when, whether it finished, and how many records of each kind it
 * deleted. Counts only: no meeting, person or mailbox is named.
 */
export const RetentionRunSchema = z.object({
  startedAt: z.string(),
  finishedAt: z.string().nullable(),
  /** done: everything expired is gone; failed: a batch failed (what it had not deleted stays whole). */
  outcome: z.enum(["running", "done", "failed"]),
  deleted: z.record(z.enum(RETENTION_KINDS), z.number().int().min(0)),
});
export type RetentionRun = z.infer<typeof RetentionRunSchema>;

export const SyncStatusResponseSchema = z.object({
  mailboxes: z.array(MailboxSyncStatusSchema),
  /** Retention's last run; null before its first. */
  retention: z.object({ lastRun: RetentionRunSchema.nullable() }),
});
export type SyncStatusResponse = z.infer<typeof SyncStatusResponseSchema>;
