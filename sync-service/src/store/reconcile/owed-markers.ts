import type { Clock } from "../clock";
import type { SqlSession } from "../sql";
import type { StreamKind } from "../types";

/** Markers of reconcile work owed on a stream: set before a delta round commits, cleared once reconciled. */
export interface OwedMarkers {
  /**
   * Marks reconcile work owed on a stream before a delta round commits pages, by `instance`:
   * the marker's next generation, and the instance of a marker still there (null if none).
   */
  markOwed(
    mailbox: string,
    stream: StreamKind,
    instance: string,
  ): Promise<{ generation: number; previous: string | null }>;
  /** Clears the marker if it is still this generation of this instance; true if it did. */
  clearOwed(mailbox: string, stream: StreamKind, generation: number, instance: string): Promise<boolean>;
  /** The markers still set for a mailbox. */
  owed(mailbox: string): Promise<{ stream: StreamKind; generation: number; instance: string }[]>;
}

export function sqlOwedMarkers(db: SqlSession, clock: Clock): OwedMarkers {
  const now = () => clock.now().toISOString();
  return {
    async markOwed(mailbox, stream, instance) {
      const { rows } = await db.query<{ generation: number; previous: string | null }>(
        `WITH prev AS (SELECT instance FROM reconcile_owed WHERE mailbox = $1 AND stream = $2)
         INSERT INTO reconcile_owed (mailbox, stream, instance, generation, marked_at)
         VALUES ($1, $2, $3, 1, $4)
         ON CONFLICT (mailbox, stream) DO UPDATE
           SET instance = EXCLUDED.instance, generation = reconcile_owed.generation + 1,
               marked_at = EXCLUDED.marked_at
         RETURNING generation, (SELECT instance FROM prev) AS previous`,
        [mailbox, stream, instance, now()],
      );
      const row = rows[0];
      if (!row) throw new Error("marking reconcile work owed returned no row");
      return { generation: row.generation, previous: row.previous };
    },
    async clearOwed(mailbox, stream, generation, instance) {
      const { rows } = await db.query<{ mailbox: string }>(
        `DELETE FROM reconcile_owed
          WHERE mailbox = $1 AND stream = $2 AND generation = $3 AND instance = $4
          RETURNING mailbox`,
        [mailbox, stream, generation, instance],
      );
      return rows.length > 0;
    },
    async owed(mailbox) {
      const { rows } = await db.query<{ stream: StreamKind; generation: number; instance: string }>(
        "SELECT stream, generation, instance FROM reconcile_owed WHERE mailbox = $1 ORDER BY stream",
        [mailbox],
      );
      return rows;
    },
  };
}
