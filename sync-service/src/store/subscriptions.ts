import { iso, queryOne } from "./rows";
import type { SqlSession } from "./sql";
import type { StreamKind, SubscriptionRecord } from "./types";

interface SubscriptionRow {
  id: string;
  mailbox: string;
  kind: StreamKind;
  resource: string;
  client_state_hash: string;
  expires_at: Date | string;
}

const columns = "id, mailbox, kind, resource, client_state_hash, expires_at";

function toSubscription(row: SubscriptionRow): SubscriptionRecord {
  return {
    id: row.id,
    mailbox: row.mailbox,
    kind: row.kind,
    resource: row.resource,
    clientStateHash: row.client_state_hash,
    expiresAt: iso(row.expires_at),
  };
}

export async function saveSubscription(db: SqlSession, sub: SubscriptionRecord): Promise<void> {
  await db.query(
    `INSERT INTO subscriptions (${columns}) VALUES ($1, $2, $3, $4, $5, $6)
     ON CONFLICT (id) DO UPDATE SET
       mailbox = excluded.mailbox,
       kind = excluded.kind,
       resource = excluded.resource,
       client_state_hash = excluded.client_state_hash,
       expires_at = excluded.expires_at`,
    [sub.id, sub.mailbox, sub.kind, sub.resource, sub.clientStateHash, iso(sub.expiresAt)],
  );
}

export async function getSubscription(db: SqlSession, id: string): Promise<SubscriptionRecord | null> {
  return queryOne(db, `SELECT ${columns} FROM subscriptions WHERE id = $1`, [id], toSubscription);
}

export async function listSubscriptions(db: SqlSession, mailbox?: string): Promise<SubscriptionRecord[]> {
  const { rows } = await db.query<SubscriptionRow>(
    `SELECT ${columns} FROM subscriptions WHERE $1::text IS NULL OR mailbox = $1 ORDER BY mailbox, kind, id`,
    [mailbox ?? null],
  );
  return rows.map(toSubscription);
}

export async function deleteSubscription(db: SqlSession, id: string): Promise<void> {
  await db.query("DELETE FROM subscriptions WHERE id = $1", [id]);
}
