import type { Migration } from "./migration";

/** The Graph mirror, its delta cursors, durable jobs, mailbox leases, notification dedup and subscriptions. */
export const mirror: Migration = {
  version: 1,
  name: "mirror",
  sql: /* sql */ `
    CREATE TABLE mirror_items (
      mailbox text NOT NULL,
      stream text NOT NULL CHECK (stream IN ('events', 'messages')),
      id text NOT NULL,
      change_key text,
      data jsonb NOT NULL,
      content_hash text NOT NULL,
      seen_generation integer NOT NULL,
      updated_at timestamptz NOT NULL,
      PRIMARY KEY (mailbox, stream, id)
    );
    CREATE INDEX mirror_items_by_generation ON mirror_items (mailbox, stream, seen_generation);

    -- Window bounds are text: handed back exactly as the sync engine wrote them.
    CREATE TABLE delta_cursors (
      mailbox text NOT NULL,
      stream text NOT NULL CHECK (stream IN ('events', 'messages')),
      next_link text,
      delta_link text,
      generation integer NOT NULL DEFAULT 0,
      full_sync boolean NOT NULL DEFAULT false,
      window_start text,
      window_end text,
      last_completed_at timestamptz,
      PRIMARY KEY (mailbox, stream),
      CHECK (next_link IS NULL OR delta_link IS NULL)
    );

    CREATE TABLE jobs (
      id text PRIMARY KEY,
      kind text NOT NULL,
      key text NOT NULL,
      payload jsonb NOT NULL DEFAULT '{}'::jsonb,
      status text NOT NULL CHECK (status IN ('pending', 'running', 'dead')),
      attempts integer NOT NULL DEFAULT 0,
      run_at timestamptz NOT NULL,
      leased_by text,
      lease_until timestamptz,
      last_error text,
      created_at timestamptz NOT NULL,
      dead_at timestamptz
    );
    -- Coalescing: at most one pending job per key; a running one does not count.
    CREATE UNIQUE INDEX jobs_one_pending_per_key ON jobs (key) WHERE status = 'pending';
    CREATE INDEX jobs_due ON jobs (run_at) WHERE status = 'pending';
    CREATE INDEX jobs_leased ON jobs (lease_until) WHERE status = 'running';

    CREATE TABLE mailbox_leases (
      mailbox text PRIMARY KEY,
      instance text NOT NULL,
      expires_at timestamptz NOT NULL
    );

    CREATE TABLE notifications_seen (
      dedup_key text PRIMARY KEY,
      seen_at timestamptz NOT NULL
    );
    CREATE INDEX notifications_seen_by_age ON notifications_seen (seen_at);

    CREATE TABLE subscriptions (
      id text PRIMARY KEY,
      mailbox text NOT NULL,
      kind text NOT NULL CHECK (kind IN ('events', 'messages')),
      resource text NOT NULL,
      client_state_hash text NOT NULL,
      expires_at timestamptz NOT NULL
    );
    CREATE INDEX subscriptions_by_mailbox ON subscriptions (mailbox);
  `,
};
