import type { Clock } from "../clock";
import { iso } from "../rows";
import type { SqlSession } from "../sql";

export interface PriorityPin {
  mailbox: string;
  itemId: string;
  class: 1 | 2 | 3;
  pinnedBy: string;
  pinnedAt: string;
}

/** The classes pinned on meetings (by the secretary, the weekly meeting or a hand edit in Outlook), over every rule. */
export interface PriorityPins {
  pin(mailbox: string, itemId: string, priorityClass: 1 | 2 | 3, pinnedBy: string): Promise<PriorityPin>;
  unpin(mailbox: string, itemId: string): Promise<boolean>;
  pins(mailbox: string): Promise<Map<string, PriorityPin>>;
  /** The pins of these items only (one statement, whatever the number of pins). */
  pinsOf(mailbox: string, itemIds: readonly string[]): Promise<Map<string, PriorityPin>>;
}

interface PinRow {
  item_id: string;
  class: 1 | 2 | 3;
  pinned_by: string;
  pinned_at: Date | string;
}

const pinMap = (mailbox: string, rows: PinRow[]): Map<string, PriorityPin> =>
  new Map(
    rows.map((row) => [
      row.item_id,
      {
        mailbox,
        itemId: row.item_id,
        class: row.class,
        pinnedBy: row.pinned_by,
        pinnedAt: iso(row.pinned_at),
      },
    ]),
  );

export function sqlPriorityPins(db: SqlSession, clock: Clock): PriorityPins {
  const now = () => clock.now().toISOString();
  return {
    async pin(mailbox, itemId, priorityClass, pinnedBy) {
      const pinnedAt = now();
      await db.query(
        `INSERT INTO priority_pins (mailbox, item_id, class, pinned_by, pinned_at) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (mailbox, item_id) DO UPDATE SET class = $3, pinned_by = $4, pinned_at = $5`,
        [mailbox, itemId, priorityClass, pinnedBy, pinnedAt],
      );
      return { mailbox, itemId, class: priorityClass, pinnedBy, pinnedAt };
    },
    async unpin(mailbox, itemId) {
      const { rowCount } = await db.query("DELETE FROM priority_pins WHERE mailbox = $1 AND item_id = $2", [
        mailbox,
        itemId,
      ]);
      return rowCount > 0;
    },
    async pins(mailbox) {
      const { rows } = await db.query<PinRow>(
        "SELECT item_id, class, pinned_by, pinned_at FROM priority_pins WHERE mailbox = $1",
        [mailbox],
      );
      return pinMap(mailbox, rows);
    },
    async pinsOf(mailbox, itemIds) {
      if (itemIds.length === 0) return new Map();
      const { rows } = await db.query<PinRow>(
        "SELECT item_id, class, pinned_by, pinned_at FROM priority_pins WHERE mailbox = $1 AND item_id = ANY($2::text[])",
        [mailbox, [...new Set(itemIds)]],
      );
      return pinMap(mailbox, rows);
    },
  };
}
