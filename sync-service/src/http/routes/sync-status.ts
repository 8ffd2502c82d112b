import { SyncStatusResponseSchema, type MailboxSyncStatus } from "@modeklar/shared";
import type { DeltaCursor, MirrorStore } from "../../store/types";
import { STREAMS } from "../../sync/jobs";
import { firstPassProgress } from "../../reconcile/first-pass";
import type { SettingStore } from "../../store/reconcile";
import type { ApiBuilder } from "../api";
import type { ReadApiDeps } from "./deps";

function cursorState(cursor: DeltaCursor | null) {
  if (!cursor) return "none" as const;
  if (cursor.fullSync) return "fullSync" as const;
  return cursor.nextLink ? ("inRound" as const) : ("complete" as const);
}

/** Per mailbox: items, the last completed round of each stream, who holds it, its dead jobs and the first pass. */
export async function syncStatus(
  mirror: MirrorStore,
  mailboxes: string[],
  now: Date,
  /** With reconcile's ledger and the mailbox it looks after: that mailbox's first pass too. */
  reconcile?: { store: SettingStore; mailbox: string },
): Promise<MailboxSyncStatus[]> {
  const [leases, dead] = await Promise.all([mirror.mailboxLeases(), mirror.listDeadJobs()]);
  return Promise.all(
    mailboxes.map(async (mailbox) => ({
      mailbox,
      owner:
        leases.find((l) => l.mailbox === mailbox && Date.parse(l.expiresAt) > now.getTime())?.instance ??
        null,
      streams: await Promise.all(
        STREAMS.map(async (stream) => {
          const [cursor, items] = await Promise.all([
            mirror.getCursor(mailbox, stream),
            mirror.countItems(mailbox, stream),
          ]);
          const last = cursor?.lastCompletedAt ?? null;
          return {
            stream,
            items,
            lastSuccessfulSync: last,
            cursor: cursorState(cursor),
            lagSeconds: last ? Math.max(0, (now.getTime() - Date.parse(last)) / 1000) : null,
          };
        }),
      ),
      deadJobs: dead.filter((job) => job.payload["mailbox"] === mailbox).length,
      ...(reconcile?.mailbox === mailbox
        ? { firstPass: await firstPassProgress(reconcile.store, mirror, mailbox) }
        : {}),
    })),
  );
}

export function syncStatusRoutes(api: ApiBuilder, deps: ReadApiDeps): void {
  api.add({
    method: "get",
    path: "/sync/status",
    summary: "How up to date the mirror is, per mailbox and stream, and retention's last run.",
    response: SyncStatusResponseSchema,
    handler: async () => ({
      mailboxes: await syncStatus(deps.mirror, deps.mailboxes, deps.now(), {
        store: deps.reconcile,
        mailbox: deps.mayorMailbox,
      }),
      retention: { lastRun: await deps.retentionRuns.last() },
    }),
  });
}
