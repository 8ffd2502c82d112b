import type { Migration } from "./migration";

/**
 * What the meeting itself cannot hold: the whole plan with its revision (two editors
 * conflict instead of overwriting), the mayor's briefing notes, and the orders sent
 * for a meeting (the reception's and the kitchen's day lists are read from them).
 */
export const plans: Migration = {
  version: 4,
  name: "plans",
  sql: /* sql */ `
    CREATE TABLE meeting_plans (
      mailbox text NOT NULL,
      event_id text NOT NULL,
      revision integer NOT NULL,
      plan jsonb NOT NULL,
      updated_by text NOT NULL,
      updated_at timestamptz NOT NULL,
      PRIMARY KEY (mailbox, event_id)
    );
    CREATE TABLE briefing_notes (
      mailbox text NOT NULL,
      event_id text NOT NULL,
      version integer NOT NULL,
      text text NOT NULL,
      updated_by text NOT NULL,
      updated_at timestamptz NOT NULL,
      PRIMARY KEY (mailbox, event_id)
    );
    CREATE TABLE meeting_orders (
      id bigserial PRIMARY KEY,
      mailbox text NOT NULL,
      event_id text NOT NULL,
      kind text NOT NULL CHECK (kind IN ('catering', 'reception', 'material')),
      meeting_start timestamptz NOT NULL,
      body jsonb NOT NULL,
      sent_by text NOT NULL,
      sent_at timestamptz NOT NULL
    );
    CREATE INDEX meeting_orders_by_day ON meeting_orders (mailbox, kind, meeting_start);
  `,
};
