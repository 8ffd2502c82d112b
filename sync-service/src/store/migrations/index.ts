import type { SqlExecutor } from "../sql";
import { mirror } from "./0001_mirror";
import { invitationResponses } from "./0002_invitation_responses";
import { reconcile } from "./0003_reconcile";
import { plans } from "./0004_plans";
import { pages } from "./0006_pages";
import { eventTimesMigration } from "./0007_event_times";
import { reconcileOwed } from "./0008_reconcile_owed";
import { minimalMirror } from "./0009_minimal_mirror";
import { auditLog } from "./0010_audit_log";
import { versionsAndRetention } from "./0011_versions_and_retention";
import { outbox } from "./0012_outbox";
import { sentItems } from "./0013_sent_items";
import { retention } from "./0014_retention";
import { journal } from "./0015_journal";
import type { Migration } from "./migration";

export type { Migration } from "./migration";

/** Every migration, oldest first. Later issues (priority rules, plans, inquiries) append theirs. */
export const migrations: readonly Migration[] = [
  mirror,
  invitationResponses,
  reconcile,
  plans,
  pages,
  eventTimesMigration,
  reconcileOwed,
  minimalMirror,
  auditLog,
  versionsAndRetention,
  outbox,
  sentItems,
  retention,
  journal,
];

/**
 * Applies the pending migrations in one transaction. The advisory lock (one per schema)
 * makes a second instance starting at the same moment wait, then find nothing to do.
 */
export async function migrate(db: SqlExecutor, all: readonly Migration[] = migrations): Promise<number[]> {
  return db.transaction(async (tx) => {
    await tx.query(
      "SELECT pg_advisory_xact_lock(hashtext('modeklar.schema_migrations.' || current_schema()))",
    );
    await tx.exec(`
      CREATE TABLE IF NOT EXISTS schema_migrations (
        version integer PRIMARY KEY,
        name text NOT NULL,
        applied_at timestamptz NOT NULL DEFAULT now()
      )
    `);
    const { rows } = await tx.query<{ version: number }>("SELECT version FROM schema_migrations");
    const applied = new Set(rows.map((row) => row.version));
    const pending = [...all].filter((m) => !applied.has(m.version)).sort((a, b) => a.version - b.version);
    for (const migration of pending) {
      await tx.exec(migration.sql);
      if (migration.backfill) await migration.backfill(tx);
      await tx.query("INSERT INTO schema_migrations (version, name) VALUES ($1, $2)", [
        migration.version,
        migration.name,
      ]);
    }
    return pending.map((m) => m.version);
  });
}

export interface SchemaState {
  /** False before the first start created `schema_migrations`. */
  created: boolean;
  /** Known migrations the database has not had yet: the next start applies them. */
  pending: number[];
  /** Migrations the database has that this build does not know: it was migrated by a newer build. */
  unknown: number[];
}

/** Reads which migrations the database has, without changing anything (the preflight's question). */
export async function schemaState(
  db: SqlExecutor,
  all: readonly Migration[] = migrations,
): Promise<SchemaState> {
  const { rows } = await db.query<{ present: boolean }>(
    "SELECT to_regclass('schema_migrations') IS NOT NULL AS present",
  );
  if (!rows[0]?.present) return { created: false, pending: all.map((m) => m.version), unknown: [] };
  const applied = new Set(
    (await db.query<{ version: number }>("SELECT version FROM schema_migrations")).rows.map((r) => r.version),
  );
  const known = new Set(all.map((m) => m.version));
  return {
    created: true,
    pending: [...known].filter((v) => !applied.has(v)).sort((a, b) => a - b),
    unknown: [...applied].filter((v) => !known.has(v)).sort((a, b) => a - b),
  };
}
