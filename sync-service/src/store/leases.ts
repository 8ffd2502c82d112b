import type { Clock } from "./clock";
import { iso } from "./rows";
import type { SqlExecutor, SqlSession } from "./sql";

/**
 * One statement decides: a free mailbox is taken, our own lease is renewed, and another
 * instance's lease is taken over only once it has expired (that instance stopped renewing).
 */
export async function acquireMailboxLease(
  db: SqlSession,
  clock: Clock,
  mailbox: string,
  instance: string,
  leaseMs: number,
): Promise<boolean> {
  const now = clock.now();
  const { rows } = await db.query(
    `INSERT INTO mailbox_leases (mailbox, instance, expires_at) VALUES ($1, $2, $3)
     ON CONFLICT (mailbox) DO UPDATE SET instance = excluded.instance, expires_at = excluded.expires_at
     WHERE mailbox_leases.instance = excluded.instance OR mailbox_leases.expires_at < $4
     RETURNING instance`,
    [mailbox, instance, new Date(now.getTime() + leaseMs).toISOString(), now.toISOString()],
  );
  return rows.length > 0;
}

export async function releaseMailboxLease(db: SqlSession, mailbox: string, instance: string): Promise<void> {
  await db.query("DELETE FROM mailbox_leases WHERE mailbox = $1 AND instance = $2", [mailbox, instance]);
}

export async function mailboxLeases(
  db: SqlSession,
): Promise<{ mailbox: string; instance: string; expiresAt: string }[]> {
  const { rows } = await db.query<{ mailbox: string; instance: string; expires_at: Date | string }>(
    "SELECT mailbox, instance, expires_at FROM mailbox_leases ORDER BY mailbox",
  );
  return rows.map((row) => ({
    mailbox: row.mailbox,
    instance: row.instance,
    expiresAt: iso(row.expires_at),
  }));
}

const notificationMemoryMs = 24 * 60 * 60_000;

/** Graph may deliver a notification more than once, to any instance; the first to record it handles it. */
export async function rememberNotification(
  db: SqlExecutor,
  clock: Clock,
  dedupKey: string,
): Promise<boolean> {
  const now = clock.now();
  return db.transaction(async (tx) => {
    await tx.query("DELETE FROM notifications_seen WHERE seen_at < $1", [
      new Date(now.getTime() - notificationMemoryMs).toISOString(),
    ]);
    const { rows } = await tx.query(
      "INSERT INTO notifications_seen (dedup_key, seen_at) VALUES ($1, $2) ON CONFLICT DO NOTHING RETURNING dedup_key",
      [dedupKey, now.toISOString()],
    );
    return rows.length > 0;
  });
}
