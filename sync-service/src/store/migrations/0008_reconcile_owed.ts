import type { Migration } from "./migration";

/**
 * Reconcile's marker of owed work: set (per mailbox and stream) before a delta round commits
 * its first page and cleared once reconcile has handled every change the round committed. A
 * marker left by another instance (a stopped or killed process, or the mailbox's previous
 * owner) means changes may have been committed and never reconciled: a catch-up pass runs.
 *
 * Also: rule sets set up from the defaults before class 3 became "low" importance keep
 * class 3 "normal"; only those first-setup versions still holding the old value are updated
 * (a person's save is a version of its own, never touched here).
 */
export const reconcileOwed: Migration = {
  version: 8,
  name: "reconcile_owed",
  sql: /* sql */ `
    CREATE TABLE reconcile_owed (
      mailbox text NOT NULL,
      stream text NOT NULL CHECK (stream IN ('events', 'messages')),
      instance text NOT NULL,
      generation integer NOT NULL,
      marked_at timestamptz NOT NULL,
      PRIMARY KEY (mailbox, stream)
    );

    UPDATE priority_rule_versions
       SET rules = jsonb_set(rules, '{classNames,3,importance}', '"low"')
     WHERE saved_by = 'Mødeklar (første opsætning fra standardreglerne)'
       AND rules #>> '{classNames,3,importance}' = 'normal';
  `,
};
