import type { Migration } from "./migration";

/**
 * Settings are replaced only by a writer who read the version stored (its number counts the
 * saves). Retention remembers when each meeting with kept records ended, so what belongs to
 * a meeting that has left the mirror's window (or the calendar) still expires on time.
 */
export const versionsAndRetention: Migration = {
  version: 11,
  name: "versions_and_retention",
  sql: /* sql */ `
    ALTER TABLE reconcile_settings ADD COLUMN version integer NOT NULL DEFAULT 1;

    CREATE TABLE meeting_ends (
      mailbox text NOT NULL,
      event_id text NOT NULL,
      ends_at timestamptz NOT NULL,
      PRIMARY KEY (mailbox, event_id)
    );
  `,
};
