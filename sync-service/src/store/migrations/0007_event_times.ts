import { eventTimes } from "../event-times";
import type { SqlSession } from "../sql";
import type { Migration } from "./migration";

const BATCH = 500;

interface TimesRow {
  mailbox: string;
  id: string;
  start: unknown;
  end: unknown;
}

/**
 * Every mirrored event's start and end as indexed instants, so the read API asks for a range
 * instead of loading the calendar. Existing rows are filled in batches (keyset by id) with
 * the same reading the store applies on every upsert.
 */
export const eventTimesMigration: Migration = {
  version: 7,
  name: "event_times",
  sql: /* sql */ `
    ALTER TABLE mirror_items ADD COLUMN starts_at timestamptz, ADD COLUMN ends_at timestamptz;
    CREATE INDEX mirror_items_by_time ON mirror_items (mailbox, stream, starts_at, ends_at)
      WHERE starts_at IS NOT NULL;
  `,
  async backfill(tx: SqlSession): Promise<void> {
    let after: { mailbox: string; id: string } | null = null;
    for (;;) {
      const result: { rows: TimesRow[] } = await tx.query<TimesRow>(
        `SELECT mailbox, id, data->'start' AS start, data->'end' AS "end" FROM mirror_items
           WHERE stream = 'events' AND ($1::text IS NULL OR (mailbox, id) > ($1, $2))
           ORDER BY mailbox, id LIMIT ${BATCH}`,
        [after?.mailbox ?? null, after?.id ?? null],
      );
      const rows = result.rows;
      if (rows.length === 0) return;
      const times = rows.map((row) => ({
        mailbox: row.mailbox,
        id: row.id,
        ...eventTimes({ start: row.start, end: row.end }),
      }));
      await tx.query(
        `UPDATE mirror_items AS m SET starts_at = r."startsAt", ends_at = r."endsAt"
         FROM jsonb_to_recordset($1::jsonb) AS r(mailbox text, id text, "startsAt" timestamptz, "endsAt" timestamptz)
         WHERE m.mailbox = r.mailbox AND m.stream = 'events' AND m.id = r.id`,
        [JSON.stringify(times)],
      );
      const last: TimesRow | undefined = rows[rows.length - 1];
      if (!last || rows.length < BATCH) return;
      after = { mailbox: last.mailbox, id: last.id };
    }
  },
};
