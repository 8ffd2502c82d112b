import type { Migration } from "./migration";

/**
 * Retention's runs: when each daily run started and ended, and how many records of each kind
 * it deleted (counts only, never what they were). Meetings' ends are found by their end, so
 * meeting_ends gets an index on it.
 */
export const retention: Migration = {
  version: 14,
  name: "retention",
  sql: /* sql */ `
    CREATE TABLE retention_runs (
      id bigserial PRIMARY KEY,
      started_at timestamptz NOT NULL,
      finished_at timestamptz,
      outcome text NOT NULL CHECK (outcome IN ('running', 'done', 'failed')),
      deleted jsonb NOT NULL DEFAULT '{}'::jsonb
    );
    CREATE INDEX meeting_ends_by_end ON meeting_ends (ends_at);
  `,
};
