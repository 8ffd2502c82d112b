import { randomUUID } from "node:crypto";
import type { Clock } from "./clock";
import { iso, isoOrNull, queryOne } from "./rows";
import type { SqlSession } from "./sql";

export const OUTBOX_STATES = ["pending", "sent", "failed"] as const;
export type OutboxState = (typeof OUTBOX_STATES)[number];

/** A mail a cause owes, as the outbox keeps it until the send is confirmed. */
export interface OutboxMail {
  /** The mail's stable id: on the mail itself, so Sent Items can be asked for it. */
  id: string;
  /** What owes the mail: one mail per cause, however often it is decided. */
  causeKey: string;
  /** The mailbox the mail is sent from. */
  mailbox: string;
  kind: string;
  /** What the mail is about (never its text: that is written when it is sent). */
  cause: Record<string, unknown>;
  state: OutboxState;
  attempts: number;
  nextAt: string;
  /** Set when an attempt was about to leave and its outcome is not known: ask Sent Items first. */
  sendingSince: string | null;
  sentAt: string | null;
  lastError: string | null;
  createdAt: string;
}

export type NewOutboxMail = Pick<OutboxMail, "causeKey" | "mailbox" | "kind" | "cause">;

/** The queue side, usable inside the transaction that decides the mail. */
export interface OutboxQueue {
  /** Queues a mail unless its cause already has one; the stored mail, and whether this call queued it. */
  enqueue(mail: NewOutboxMail): Promise<{ created: boolean; mail: OutboxMail }>;
  byCause(causeKey: string): Promise<OutboxMail | null>;
}

/** The sending side: leases, with only the lease holder able to move a mail on. */
export interface OutboxStore extends OutboxQueue {
  /**
   * Due pending mails (only these ids, when given) go to `worker` for `leaseMs`, oldest first;
   * a lease another worker let lapse (it died) is taken over. Each lease counts an attempt.
   */
  lease(worker: string, limit: number, leaseMs: number, ids?: readonly string[]): Promise<OutboxMail[]>;
  /** An attempt is about to leave; false if the lease was lost meanwhile (then nothing may be sent). */
  markSending(id: string, worker: string): Promise<boolean>;
  markSent(id: string, worker: string, sentItemId: string | null): Promise<void>;
  /**
   * Back in the queue until `at`. `leftNothing`: Graph refused the attempt before it ran (a 429),
   * so no Sent Items look is needed before the next.
   */
  retryLater(id: string, worker: string, at: Date, error: string, leftNothing: boolean): Promise<void>;
  /** Given up: Graph refused the mail for good. */
  markFailed(id: string, worker: string, error: string): Promise<void>;
  list(filter?: { state?: OutboxState; kind?: string }): Promise<OutboxMail[]>;
}

interface OutboxRow {
  id: string;
  cause_key: string;
  mailbox: string;
  kind: string;
  cause: Record<string, unknown> | string;
  state: OutboxState;
  attempts: number;
  next_at: Date | string;
  sending_since: Date | string | null;
  sent_at: Date | string | null;
  last_error: string | null;
  created_at: Date | string;
}

const COLUMNS =
  "id, cause_key, mailbox, kind, cause, state, attempts, next_at, sending_since, sent_at, last_error, created_at";

const toMail = (row: OutboxRow): OutboxMail => ({
  id: row.id,
  causeKey: row.cause_key,
  mailbox: row.mailbox,
  kind: row.kind,
  cause: typeof row.cause === "string" ? (JSON.parse(row.cause) as Record<string, unknown>) : row.cause,
  state: row.state,
  attempts: row.attempts,
  nextAt: iso(row.next_at),
  sendingSince: isoOrNull(row.sending_since),
  sentAt: isoOrNull(row.sent_at),
  lastError: row.last_error,
  createdAt: iso(row.created_at),
});

/** The rows a worker holds: pending and leased by it, lease not lapsed. */
const HELD = "id = $1 AND state = 'pending' AND leased_by = $2";

export function sqlOutboxStore(db: SqlSession, clock: Clock): OutboxStore {
  const now = () => clock.now().toISOString();
  const byCause = (causeKey: string) =>
    queryOne(db, `SELECT ${COLUMNS} FROM outbox WHERE cause_key = $1`, [causeKey], toMail);
  return {
    async enqueue(mail) {
      const at = now();
      const { rows } = await db.query<OutboxRow>(
        `INSERT INTO outbox (id, cause_key, mailbox, kind, cause, state, next_at, created_at)
         VALUES ($1, $2, $3, $4, $5::jsonb, 'pending', $6, $6)
         ON CONFLICT (cause_key) DO NOTHING RETURNING ${COLUMNS}`,
        [randomUUID(), mail.causeKey, mail.mailbox, mail.kind, JSON.stringify(mail.cause), at],
      );
      if (rows[0]) return { created: true, mail: toMail(rows[0]) };
      const existing = await byCause(mail.causeKey);
      if (!existing) throw new Error(`the outbox lost the mail of ${mail.causeKey}`);
      return { created: false, mail: existing };
    },
    byCause,
    async lease(worker, limit, leaseMs, ids) {
      if (limit <= 0 || ids?.length === 0) return [];
      const at = clock.now();
      const { rows } = await db.query<OutboxRow>(
        `UPDATE outbox SET leased_by = $1, lease_until = $2, attempts = attempts + 1
         WHERE id IN (
           SELECT id FROM outbox
           WHERE state = 'pending' AND next_at <= $3 AND (lease_until IS NULL OR lease_until < $3)
             AND ($5::text[] IS NULL OR id = ANY($5::text[]))
           ORDER BY created_at, id
           LIMIT $4
           FOR UPDATE SKIP LOCKED
         )
         RETURNING ${COLUMNS}`,
        [
          worker,
          new Date(at.getTime() + leaseMs).toISOString(),
          at.toISOString(),
          limit,
          ids ? [...ids] : null,
        ],
      );
      return rows.map(toMail).sort((a, b) => a.createdAt.localeCompare(b.createdAt));
    },
    async markSending(id, worker) {
      const { rowCount } = await db.query(
        `UPDATE outbox SET sending_since = $3
         WHERE ${HELD} AND lease_until > $3`,
        [id, worker, now()],
      );
      return rowCount > 0;
    },
    async markSent(id, worker, sentItemId) {
      await db.query(
        `UPDATE outbox SET state = 'sent', sent_at = $3, sent_item_id = $4, leased_by = NULL,
           lease_until = NULL, last_error = NULL
         WHERE ${HELD}`,
        [id, worker, now(), sentItemId],
      );
    },
    async retryLater(id, worker, at, error, leftNothing) {
      await db.query(
        `UPDATE outbox SET next_at = $3, last_error = $4, leased_by = NULL, lease_until = NULL,
           sending_since = CASE WHEN $5 THEN NULL ELSE sending_since END
         WHERE ${HELD}`,
        [id, worker, at.toISOString(), error, leftNothing],
      );
    },
    async markFailed(id, worker, error) {
      await db.query(
        `UPDATE outbox SET state = 'failed', last_error = $3, leased_by = NULL, lease_until = NULL
         WHERE ${HELD}`,
        [id, worker, error],
      );
    },
    async list(filter = {}) {
      const { rows } = await db.query<OutboxRow>(
        `SELECT ${COLUMNS} FROM outbox
         WHERE ($1::text IS NULL OR state = $1) AND ($2::text IS NULL OR kind = $2)
         ORDER BY created_at, id`,
        [filter.state ?? null, filter.kind ?? null],
      );
      return rows.map(toMail);
    },
  };
}
