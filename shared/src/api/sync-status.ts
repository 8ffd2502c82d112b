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

export const MailboxSyncStatusSchema = z.object({
  mailbox: z.string(),
  /** The service instance that holds the mailbox's lease, if any. */
  owner: z.string().nullable(),
  streams: z.array(StreamStatusSchema),
  deadJobs: z.number().int().min(0),
});
export type MailboxSyncStatus = z.infer<typeof MailboxSyncStatusSchema>;

export const SyncStatusResponseSchema = z.object({ mailboxes: z.array(MailboxSyncStatusSchema) });
export type SyncStatusResponse = z.infer<typeof SyncStatusResponseSchema>;
