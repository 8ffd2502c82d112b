import type { Migration } from "./migration";

/**
 * The audit log: who did what, when, from which page, to which meeting or setting, naming
 * fields, never their content. Append-only in the database itself: a trigger refuses every
 * UPDATE and TRUNCATE, and every DELETE except retention's, which names its cutoff for the
 * transaction (`modeklar.audit_retention_cutoff`) and may delete only entries older than it.
 */
export const auditLog: Migration = {
  version: 10,
  name: "audit_log",
  sql: /* sql */ `
    CREATE TABLE audit_log (
      id bigserial PRIMARY KEY,
      at timestamptz NOT NULL,
      actor_id text NOT NULL,
      actor_name text NOT NULL,
      roles text[] NOT NULL,
      client text NOT NULL,
      action text NOT NULL,
      target_kind text NOT NULL,
      target_id text,
      fields text[] NOT NULL
    );
    CREATE INDEX audit_log_by_target ON audit_log (target_kind, target_id, id);
    CREATE INDEX audit_log_by_time ON audit_log (at, id);

    CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
    DECLARE
      cutoff text := current_setting('modeklar.audit_retention_cutoff', true);
    BEGIN
      IF TG_OP = 'DELETE' AND coalesce(cutoff, '') <> '' AND OLD.at < cutoff::timestamptz THEN
        RETURN OLD;
      END IF;
      RAISE EXCEPTION 'the audit log is append-only: % is refused', TG_OP USING ERRCODE = '42501';
    END $$;
    CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log
      FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();
    CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
      FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only();
  `,
};
