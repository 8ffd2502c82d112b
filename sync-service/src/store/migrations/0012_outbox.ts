import type { Migration } from "./migration";

/**
 * The outbox: every mail a cause owes (a follow-up notice, an order, the digest, a forward),
 * written in the same transaction as the decision that owes it and sent by a worker. `id` is
 * the mail's stable id, carried on the mail itself, so after a crash mid-send the mailbox's
 * Sent Items can be asked whether it left. `cause_key` makes a cause owe one mail however
 * often it is decided. `sending_since` is set just before an attempt leaves: while it is set
 * and the send is not confirmed, Sent Items is asked before sending again.
 *
 * Notices and digests claimed in done_once before the outbox are carried over as sent, so
 * an upgrade does not send them again.
 */
export const outbox: Migration = {
  version: 12,
  name: "outbox",
  sql: /* sql */ `
    CREATE TABLE outbox (
      id text PRIMARY KEY,
      cause_key text NOT NULL UNIQUE,
      mailbox text NOT NULL,
      kind text NOT NULL,
      cause jsonb NOT NULL,
      state text NOT NULL CHECK (state IN ('pending', 'sent', 'failed')),
      attempts integer NOT NULL DEFAULT 0,
      next_at timestamptz NOT NULL,
      leased_by text,
      lease_until timestamptz,
      sending_since timestamptz,
      sent_at timestamptz,
      sent_item_id text,
      last_error text,
      created_at timestamptz NOT NULL
    );
    CREATE INDEX outbox_due ON outbox (next_at) WHERE state = 'pending';

    INSERT INTO outbox (id, cause_key, mailbox, kind, cause, state, next_at, sent_at, created_at)
    SELECT gen_random_uuid()::text, key, split_part(key, ':', 2),
           CASE WHEN starts_with(key, 'notice:') THEN 'notice' ELSE 'digest' END,
           detail, 'sent', done_at, done_at, done_at
      FROM done_once
     WHERE starts_with(key, 'notice:') OR starts_with(key, 'digest:');
  `,
};
