import type { Clock } from "./clock";
import { iso, isoOrNull } from "./rows";
import type { SqlSession } from "./sql";

/** One answer to an invitation, as the service sent it (or is sending it) on the mayor's behalf. */
export interface InvitationResponseRecord {
  idempotencyKey: string;
  mailbox: string;
  eventId: string;
  response: string;
  state: "sending" | "sent";
  requestedBy: string;
  createdAt: string;
  sentAt: string | null;
}

export type ResponseClaim =
  { claimed: true; record: InvitationResponseRecord } | { claimed: false; record: InvitationResponseRecord };

/**
 * The ledger that makes answering an invitation idempotent: a key is claimed before Graph
 * is asked, so a repeated key (a double tap, a retry after a lost answer) never sends twice.
 */
export interface InvitationResponses {
  claim(input: {
    idempotencyKey: string;
    mailbox: string;
    eventId: string;
    response: string;
    requestedBy: string;
  }): Promise<ResponseClaim>;
  markSent(idempotencyKey: string): Promise<void>;
  /** Graph refused the answer, so nothing was sent: the key may be used again. */
  release(idempotencyKey: string): Promise<void>;
  /** When each of these meetings was last answered from Mødeklar (sent or being sent); unanswered ones are left out. */
  lastAnswered(mailbox: string, eventIds: string[]): Promise<Map<string, string>>;
}

interface Row {
  idempotency_key: string;
  mailbox: string;
  event_id: string;
  response: string;
  state: "sending" | "sent";
  requested_by: string;
  created_at: Date | string;
  sent_at: Date | string | null;
}

const columns = "idempotency_key, mailbox, event_id, response, state, requested_by, created_at, sent_at";

function toRecord(row: Row): InvitationResponseRecord {
  return {
    idempotencyKey: row.idempotency_key,
    mailbox: row.mailbox,
    eventId: row.event_id,
    response: row.response,
    state: row.state,
    requestedBy: row.requested_by,
    createdAt: iso(row.created_at),
    sentAt: isoOrNull(row.sent_at),
  };
}

export function sqlInvitationResponses(db: SqlSession, clock: Clock): InvitationResponses {
  return {
    async claim(input) {
      const { rows } = await db.query<Row>(
        `INSERT INTO invitation_responses (${columns})
         VALUES ($1, $2, $3, $4, 'sending', $5, $6, NULL)
         ON CONFLICT (idempotency_key) DO NOTHING
         RETURNING ${columns}`,
        [
          input.idempotencyKey,
          input.mailbox,
          input.eventId,
          input.response,
          input.requestedBy,
          clock.now().toISOString(),
        ],
      );
      if (rows[0]) return { claimed: true, record: toRecord(rows[0]) };
      const existing = await db.query<Row>(
        `SELECT ${columns} FROM invitation_responses WHERE idempotency_key = $1`,
        [input.idempotencyKey],
      );
      // Released between our insert and select: claim it afresh.
      if (!existing.rows[0]) return this.claim(input);
      return { claimed: false, record: toRecord(existing.rows[0]) };
    },
    async markSent(idempotencyKey) {
      await db.query(
        "UPDATE invitation_responses SET state = 'sent', sent_at = $2 WHERE idempotency_key = $1",
        [idempotencyKey, clock.now().toISOString()],
      );
    },
    async lastAnswered(mailbox, eventIds) {
      if (eventIds.length === 0) return new Map();
      const { rows } = await db.query<{ event_id: string; answered_at: Date | string }>(
        `SELECT event_id, max(created_at) AS answered_at FROM invitation_responses
         WHERE mailbox = $1 AND event_id = ANY($2) GROUP BY event_id`,
        [mailbox, eventIds],
      );
      return new Map(rows.map((row) => [row.event_id, iso(row.answered_at)]));
    },
    async release(idempotencyKey) {
      await db.query("DELETE FROM invitation_responses WHERE idempotency_key = $1 AND state = 'sending'", [
        idempotencyKey,
      ]);
    },
  };
}
