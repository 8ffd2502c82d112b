import type { Clock } from "../clock";
import { iso, jsonb } from "../rows";
import type { SqlSession } from "../sql";

/** Keys claimed once across every instance: what must happen exactly once (a mail, a journal filing). */
export interface OnceClaims {
  /** True the first time a key is claimed, false ever after (until released): "exactly once" across instances. */
  claimOnce(key: string, detail?: Record<string, unknown>): Promise<boolean>;
  /** The work behind a claim failed before anything left the building: it may be claimed again. */
  releaseOnce(key: string): Promise<void>;
  onceDone(prefix: string): Promise<{ key: string; detail: Record<string, unknown>; doneAt: string }[]>;
}

export function sqlOnceClaims(db: SqlSession, clock: Clock): OnceClaims {
  const now = () => clock.now().toISOString();
  return {
    async claimOnce(key, detail = {}) {
      const { rows } = await db.query(
        `INSERT INTO done_once (key, detail, done_at) VALUES ($1, $2::jsonb, $3)
         ON CONFLICT (key) DO NOTHING RETURNING key`,
        [key, jsonb(detail), now()],
      );
      return rows.length === 1;
    },
    async releaseOnce(key) {
      await db.query("DELETE FROM done_once WHERE key = $1", [key]);
    },
    async onceDone(prefix) {
      const { rows } = await db.query<{ key: string; detail: Record<string, unknown>; done_at: Date }>(
        "SELECT key, detail, done_at FROM done_once WHERE starts_with(key, $1) ORDER BY done_at, key",
        [prefix],
      );
      return rows.map((row) => ({ key: row.key, detail: row.detail, doneAt: iso(row.done_at) }));
    },
  };
}
