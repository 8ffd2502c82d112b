import type { Clock } from "../clock";
import { jsonb } from "../rows";
import type { SqlSession } from "../sql";
import type { StreamKind } from "../types";

/** What the service last wrote on an item: its own write coming back through delta matches this. */
export interface WrittenPriority {
  mailbox: string;
  stream: StreamKind;
  itemId: string;
  class: number;
  categories: string[];
  importance: string;
  changeKey: string | null;
  /** The item's change keys the write was computed from (older versions, not a person's edit). */
  baseChangeKeys: string[];
}

/** The write-back ledger: what the service last wrote on each item, so its own write coming back is known. */
export interface WriteLedger {
  written(mailbox: string, stream: StreamKind): Promise<Map<string, WrittenPriority>>;
  /** What the service last wrote on these items only. */
  writtenOf(
    mailbox: string,
    stream: StreamKind,
    itemIds: readonly string[],
  ): Promise<Map<string, WrittenPriority>>;
  /** One statement for all records; a later record of the same item wins. */
  recordWritten(records: WrittenPriority[]): Promise<void>;
}

interface WrittenRow {
  item_id: string;
  class: number;
  categories: string[];
  importance: string;
  change_key: string | null;
  base_change_keys: string[];
}

const WRITTEN_COLUMNS = "item_id, class, categories, importance, change_key, base_change_keys";

const writtenMap = (mailbox: string, stream: StreamKind, rows: WrittenRow[]): Map<string, WrittenPriority> =>
  new Map(
    rows.map((row) => [
      row.item_id,
      {
        mailbox,
        stream,
        itemId: row.item_id,
        class: row.class,
        categories: row.categories,
        importance: row.importance,
        changeKey: row.change_key,
        baseChangeKeys: row.base_change_keys,
      },
    ]),
  );

export function sqlWriteLedger(db: SqlSession, clock: Clock): WriteLedger {
  const now = () => clock.now().toISOString();
  return {
    async written(mailbox, stream) {
      const { rows } = await db.query<WrittenRow>(
        `SELECT ${WRITTEN_COLUMNS} FROM priority_written WHERE mailbox = $1 AND stream = $2`,
        [mailbox, stream],
      );
      return writtenMap(mailbox, stream, rows);
    },
    async writtenOf(mailbox, stream, itemIds) {
      if (itemIds.length === 0) return new Map();
      const { rows } = await db.query<WrittenRow>(
        `SELECT ${WRITTEN_COLUMNS} FROM priority_written WHERE mailbox = $1 AND stream = $2 AND item_id = ANY($3::text[])`,
        [mailbox, stream, [...new Set(itemIds)]],
      );
      return writtenMap(mailbox, stream, rows);
    },
    async recordWritten(records) {
      if (records.length === 0) return;
      // One row per item (ON CONFLICT may touch a row once per statement): the last record wins.
      const latest = new Map(records.map((r) => [`${r.mailbox}\u0000${r.stream}\u0000${r.itemId}`, r]));
      const rows = [...latest.values()].map((r) => ({
        mailbox: r.mailbox,
        stream: r.stream,
        item_id: r.itemId,
        class: r.class,
        categories: r.categories,
        importance: r.importance,
        change_key: r.changeKey,
        base_change_keys: r.baseChangeKeys,
      }));
      await db.query(
        `INSERT INTO priority_written (mailbox, stream, item_id, class, categories, importance, change_key, base_change_keys, written_at)
         SELECT mailbox, stream, item_id, class, categories, importance, change_key, base_change_keys, $2
         FROM jsonb_to_recordset($1::jsonb) AS r(mailbox text, stream text, item_id text, class integer,
           categories jsonb, importance text, change_key text, base_change_keys jsonb)
         ON CONFLICT (mailbox, stream, item_id) DO UPDATE
           SET class = excluded.class, categories = excluded.categories, importance = excluded.importance,
               change_key = excluded.change_key, base_change_keys = excluded.base_change_keys,
               written_at = excluded.written_at`,
        [jsonb(rows), now()],
      );
    },
  };
}
