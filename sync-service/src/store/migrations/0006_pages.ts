import type { Migration } from "./migration";

/**
 * What the pages around the secretary record: the weekly calendar meeting's decisions
 * (its minutes), the guests the reception marked as arrived, and the kitchen's
 * confirmations of catering orders.
 */
export const pages: Migration = {
  version: 6,
  name: "pages",
  sql: /* sql */ `
    CREATE TABLE weekly_minutes (
      id bigserial PRIMARY KEY,
      mailbox text NOT NULL,
      week_start date NOT NULL,
      event_id text NOT NULL,
      decision text NOT NULL,
      detail jsonb NOT NULL,
      outcome text NOT NULL,
      decided_by text NOT NULL,
      decided_at timestamptz NOT NULL
    );
    CREATE INDEX weekly_minutes_by_week ON weekly_minutes (mailbox, week_start, id);
    CREATE TABLE reception_arrivals (
      mailbox text NOT NULL,
      event_id text NOT NULL,
      guest text NOT NULL,
      marked_by text NOT NULL,
      arrived_at timestamptz NOT NULL,
      PRIMARY KEY (mailbox, event_id, guest)
    );
    CREATE TABLE catering_confirmations (
      mailbox text NOT NULL,
      event_id text NOT NULL,
      confirmed_by text NOT NULL,
      confirmed_at timestamptz NOT NULL,
      PRIMARY KEY (mailbox, event_id)
    );
  `,
};
