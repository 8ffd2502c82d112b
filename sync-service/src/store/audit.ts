import type { AuditAction, AuditClient, AuditEntry, AuditTargetKind } from "@modeklar/shared";
import type { Clock } from "./clock";
import { iso } from "./rows";
import type { SqlExecutor } from "./sql";

export type { AuditAction, AuditClient, AuditEntry, AuditTargetKind };

/** Who acted: a signed-in person, or the service itself (`SERVICE_ACTOR`). */
export interface AuditActor {
  id: string;
  name: string;
  roles: readonly string[];
}

/** Mødeklar acting on its own: follow-up notices, the daily digest, retention. */
export const SERVICE_ACTOR: AuditActor = { id: "service", name: "Mødeklar", roles: [] };

/** One thing done (or read), as it is recorded: field names only, never their content. */
export interface NewAuditEntry {
  actor: AuditActor;
  client: AuditClient;
  action: AuditAction;
  target: { kind: AuditTargetKind; id?: string | null };
  fields: readonly string[];
}

/** The narrow face every writer needs: append entries. Nothing can change or remove one. */
export interface AuditRecorder {
  record(entries: readonly NewAuditEntry[]): Promise<void>;
}

/** The audit log as the secretary and the chief of staff read it. */
export interface AuditLog extends AuditRecorder {
  /** Every entry about one meeting, oldest first. */
  forMeeting(meetingId: string): Promise<AuditEntry[]>;
  /** Entries at or after `from` and before `to`, oldest first, `limit` at a time after the entry `afterId`. */
  between(
    range: { from: string; to: string },
    page: { afterId?: string; limit: number },
  ): Promise<AuditEntry[]>;
}

interface AuditRow {
  id: string | number;
  at: Date | string;
  actor_id: string;
  actor_name: string;
  roles: string[];
  client: AuditClient;
  action: AuditAction;
  target_kind: AuditTargetKind;
  target_id: string | null;
  fields: string[];
}

const COLUMNS = "id, at, actor_id, actor_name, roles, client, action, target_kind, target_id, fields";

const toEntry = (row: AuditRow): AuditEntry => ({
  id: String(row.id),
  at: iso(row.at),
  actorId: row.actor_id,
  actorName: row.actor_name,
  roles: row.roles,
  client: row.client,
  action: row.action,
  targetKind: row.target_kind,
  targetId: row.target_id,
  fields: row.fields,
});

export function sqlAuditLog(db: SqlExecutor, clock: Clock): AuditLog {
  return {
    async record(entries) {
      if (entries.length === 0) return;
      const at = clock.now().toISOString();
      // One statement for the lot: a page that shows ten private meetings records ten reads at once.
      await db.query(
        `INSERT INTO audit_log (at, actor_id, actor_name, roles, client, action, target_kind, target_id, fields)
         SELECT $1, e.value->>'actorId', e.value->>'actorName',
                ARRAY(SELECT jsonb_array_elements_text(e.value->'roles')), e.value->>'client',
                e.value->>'action', e.value->>'targetKind', e.value->>'targetId',
                ARRAY(SELECT jsonb_array_elements_text(e.value->'fields'))
           FROM jsonb_array_elements($2::jsonb) WITH ORDINALITY AS e(value, n)
          ORDER BY e.n`,
        [
          at,
          JSON.stringify(
            entries.map((e) => ({
              actorId: e.actor.id,
              actorName: e.actor.name,
              roles: e.actor.roles,
              client: e.client,
              action: e.action,
              targetKind: e.target.kind,
              targetId: e.target.id ?? null,
              fields: e.fields,
            })),
          ),
        ],
      );
    },

    async forMeeting(meetingId) {
      const { rows } = await db.query<AuditRow>(
        `SELECT ${COLUMNS} FROM audit_log WHERE target_kind = 'meeting' AND target_id = $1 ORDER BY id`,
        [meetingId],
      );
      return rows.map(toEntry);
    },

    async between(range, page) {
      const { rows } = await db.query<AuditRow>(
        `SELECT ${COLUMNS} FROM audit_log
          WHERE at >= $1 AND at < $2 AND ($3::bigint IS NULL OR id > $3::bigint)
          ORDER BY id LIMIT $4`,
        [range.from, range.to, page.afterId ?? null, page.limit],
      );
      return rows.map(toEntry);
    },
  };
}

/**
 * Retention's one way into the log: deletes up to `batch` entries older than `cutoff`, in a
 * transaction that names the cutoff to the append-only trigger (which refuses anything newer).
 * Returns how many went.
 */
export async function expireAuditEntries(db: SqlExecutor, cutoff: string, batch: number): Promise<number> {
  return db.transaction(async (tx) => {
    await tx.query("SELECT set_config('modeklar.audit_retention_cutoff', $1, true)", [cutoff]);
    const { rowCount } = await tx.query(
      `DELETE FROM audit_log WHERE id IN (SELECT id FROM audit_log WHERE at < $1 ORDER BY id LIMIT $2)`,
      [cutoff, batch],
    );
    return rowCount;
  });
}
