import type { Clock } from "../clock";
import { iso, jsonb } from "../rows";
import type { SqlSession } from "../sql";

export interface Setting {
  value: unknown;
  savedBy: string;
  savedAt: string;
  /** 1 for the first save, one more for each after; a setting never saved is at version 0. */
  version: number;
}

/** Named settings (reconcile's settings, the travel table), each replaced whole and versioned. */
export interface SettingStore {
  getSetting(name: string): Promise<Setting | null>;
  /**
   * Replaces a setting only if it is still at `baseVersion` (0: never saved): a writer who read
   * an older version gets `saved: false` and the version now stored, never an overwrite.
   */
  putSetting(
    name: string,
    value: unknown,
    savedBy: string,
    baseVersion: number,
  ): Promise<{ saved: boolean; version: number }>;
}

export function sqlSettingStore(db: SqlSession, clock: Clock): SettingStore {
  const now = () => clock.now().toISOString();
  return {
    async getSetting(name) {
      const { rows } = await db.query<{ value: unknown; saved_by: string; saved_at: Date; version: number }>(
        "SELECT value, saved_by, saved_at, version FROM reconcile_settings WHERE name = $1",
        [name],
      );
      const row = rows[0];
      return row
        ? { value: row.value, savedBy: row.saved_by, savedAt: iso(row.saved_at), version: row.version }
        : null;
    },
    async putSetting(name, value, savedBy, baseVersion) {
      // The first save inserts (a second first save finds the row and loses); later ones update their version only.
      const { rows } = await db.query<{ version: number }>(
        baseVersion === 0
          ? `INSERT INTO reconcile_settings (name, value, saved_by, saved_at, version)
             VALUES ($1, $2::jsonb, $3, $4, 1) ON CONFLICT (name) DO NOTHING RETURNING version`
          : `UPDATE reconcile_settings SET value = $2::jsonb, saved_by = $3, saved_at = $4, version = version + 1
              WHERE name = $1 AND version = $5::integer RETURNING version`,
        baseVersion === 0
          ? [name, jsonb(value), savedBy, now()]
          : [name, jsonb(value), savedBy, now(), baseVersion],
      );
      if (rows[0]) return { saved: true, version: rows[0].version };
      const current = await db.query<{ version: number }>(
        "SELECT version FROM reconcile_settings WHERE name = $1",
        [name],
      );
      return { saved: false, version: current.rows[0]?.version ?? 0 };
    },
  };
}
