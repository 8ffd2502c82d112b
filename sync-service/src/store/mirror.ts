import type { Clock } from "./clock";
import { contentHash, mergeItem } from "./content";
import { eventTimes } from "./event-times";
import { keysetScan } from "./keyset";
import { isoOrNull, queryOne } from "./rows";
import type { SqlExecutor, SqlSession } from "./sql";
import type { ApplyResult, DeltaCursor, DeltaPage, ItemChange, MirrorItem, StreamKind } from "./types";

interface CursorRow {
  next_link: string | null;
  delta_link: string | null;
  generation: number;
  full_sync: boolean;
  window_start: string | null;
  window_end: string | null;
  last_completed_at: Date | string | null;
}

interface ItemRow {
  id: string;
  change_key: string | null;
  data: Record<string, unknown>;
}

const cursorColumns =
  "next_link, delta_link, generation, full_sync, window_start, window_end, last_completed_at";

function toCursor(row: CursorRow): DeltaCursor {
  return {
    nextLink: row.next_link,
    deltaLink: row.delta_link,
    generation: row.generation,
    fullSync: row.full_sync,
    windowStart: row.window_start,
    windowEnd: row.window_end,
    lastCompletedAt: isoOrNull(row.last_completed_at),
  };
}

function toItem(row: ItemRow): MirrorItem {
  return { id: row.id, changeKey: row.change_key, data: row.data };
}

export async function getCursor(
  db: SqlSession,
  mailbox: string,
  stream: StreamKind,
): Promise<DeltaCursor | null> {
  return queryOne(
    db,
    `SELECT ${cursorColumns} FROM delta_cursors WHERE mailbox = $1 AND stream = $2`,
    [mailbox, stream],
    toCursor,
  );
}

export async function beginFullSync(
  db: SqlSession,
  mailbox: string,
  stream: StreamKind,
  window: { start: string | null; end: string | null },
): Promise<DeltaCursor> {
  const { rows } = await db.query<CursorRow>(
    `INSERT INTO delta_cursors (mailbox, stream, generation, full_sync, window_start, window_end)
     VALUES ($1, $2, 1, true, $3, $4)
     ON CONFLICT (mailbox, stream) DO UPDATE SET
       generation = delta_cursors.generation + 1,
       full_sync = true,
       next_link = NULL,
       delta_link = NULL,
       window_start = excluded.window_start,
       window_end = excluded.window_end
     RETURNING ${cursorColumns}`,
    [mailbox, stream, window.start, window.end],
  );
  return toCursor(rows[0] as CursorRow);
}

/** Locks the cursor row so two appliers of one mailbox stream take turns; creates it on first use. */
async function lockCursor(tx: SqlSession, mailbox: string, stream: StreamKind): Promise<DeltaCursor> {
  await tx.query(
    "INSERT INTO delta_cursors (mailbox, stream) VALUES ($1, $2) ON CONFLICT (mailbox, stream) DO NOTHING",
    [mailbox, stream],
  );
  const { rows } = await tx.query<CursorRow>(
    `SELECT ${cursorColumns} FROM delta_cursors WHERE mailbox = $1 AND stream = $2 FOR UPDATE`,
    [mailbox, stream],
  );
  return toCursor(rows[0] as CursorRow);
}

/** The last word on each id in the page: a later upsert merges over an earlier one, a removal wins. */
function collapse(page: DeltaPage): { upserts: MirrorItem[]; removals: string[] } {
  const removals = [...new Set(page.removals)];
  const removed = new Set(removals);
  const upserts = new Map<string, MirrorItem>();
  for (const item of page.upserts) {
    if (removed.has(item.id)) continue;
    const earlier = upserts.get(item.id);
    upserts.set(item.id, {
      id: item.id,
      changeKey: item.changeKey ?? earlier?.changeKey ?? null,
      data: { ...earlier?.data, ...item.data },
    });
  }
  return { upserts: [...upserts.values()], removals };
}

export async function applyDeltaPage(
  db: SqlExecutor,
  clock: Clock,
  mailbox: string,
  stream: StreamKind,
  page: DeltaPage,
): Promise<ApplyResult> {
  if (Boolean(page.nextLink) === Boolean(page.deltaLink)) {
    throw new Error("a delta page carries exactly one of nextLink and deltaLink");
  }
  const { upserts, removals } = collapse(page);

  return db.transaction(async (tx) => {
    const now = clock.now().toISOString();
    const cursor = await lockCursor(tx, mailbox, stream);
    const changes: ItemChange[] = [];
    let unchanged = 0;

    const { rows: stored } = await tx.query<{
      id: string;
      data: Record<string, unknown>;
      content_hash: string;
    }>(
      "SELECT id, data, content_hash FROM mirror_items WHERE mailbox = $1 AND stream = $2 AND id = ANY($3::text[])",
      [mailbox, stream, upserts.map((item) => item.id)],
    );
    const before = new Map(stored.map((row) => [row.id, row]));

    const written: {
      id: string;
      change_key: string | null;
      data: unknown;
      content_hash: string;
      starts_at: string | null;
      ends_at: string | null;
    }[] = [];
    const seenOnly: { id: string; change_key: string | null }[] = [];
    for (const item of upserts) {
      const previous = before.get(item.id);
      const data = mergeItem(previous?.data, item.data);
      const hash = contentHash(data);
      const changeKey = item.changeKey ?? null;
      if (previous?.content_hash === hash) {
        unchanged += 1;
        seenOnly.push({ id: item.id, change_key: changeKey });
      } else {
        changes.push({ id: item.id, change: previous ? "updated" : "created" });
        const times = stream === "events" ? eventTimes(data) : { startsAt: null, endsAt: null };
        written.push({
          id: item.id,
          change_key: changeKey,
          data,
          content_hash: hash,
          starts_at: times.startsAt,
          ends_at: times.endsAt,
        });
      }
    }

    if (written.length > 0) {
      await tx.query(
        `INSERT INTO mirror_items
           (mailbox, stream, id, change_key, data, content_hash, seen_generation, updated_at, starts_at, ends_at)
         SELECT $1, $2, r.id, r.change_key, r.data, r.content_hash, $4, $5, r.starts_at, r.ends_at
         FROM jsonb_to_recordset($3::jsonb)
           AS r(id text, change_key text, data jsonb, content_hash text, starts_at timestamptz, ends_at timestamptz)
         ON CONFLICT (mailbox, stream, id) DO UPDATE SET
           change_key = COALESCE(excluded.change_key, mirror_items.change_key),
           data = excluded.data,
           content_hash = excluded.content_hash,
           starts_at = excluded.starts_at,
           ends_at = excluded.ends_at,
           seen_generation = excluded.seen_generation,
           updated_at = excluded.updated_at`,
        [mailbox, stream, JSON.stringify(written), cursor.generation, now],
      );
    }
    if (seenOnly.length > 0) {
      await tx.query(
        `UPDATE mirror_items AS m
         SET seen_generation = $4, change_key = COALESCE(r.change_key, m.change_key)
         FROM jsonb_to_recordset($3::jsonb) AS r(id text, change_key text)
         WHERE m.mailbox = $1 AND m.stream = $2 AND m.id = r.id`,
        [mailbox, stream, JSON.stringify(seenOnly), cursor.generation],
      );
    }
    if (removals.length > 0) {
      const { rows } = await tx.query<{ id: string }>(
        "DELETE FROM mirror_items WHERE mailbox = $1 AND stream = $2 AND id = ANY($3::text[]) RETURNING id",
        [mailbox, stream, removals],
      );
      const gone = new Set(rows.map((row) => row.id));
      for (const id of removals) if (gone.has(id)) changes.push({ id, change: "removed" });
    }

    const roundComplete = Boolean(page.deltaLink);
    if (roundComplete && cursor.fullSync) {
      // Whatever the full round did not see no longer exists in the mailbox.
      const { rows } = await tx.query<{ id: string }>(
        `DELETE FROM mirror_items WHERE mailbox = $1 AND stream = $2 AND seen_generation < $3
         RETURNING id`,
        [mailbox, stream, cursor.generation],
      );
      for (const row of rows.sort((a, b) => a.id.localeCompare(b.id))) {
        changes.push({ id: row.id, change: "removed" });
      }
    }

    await tx.query(
      `UPDATE delta_cursors SET
         next_link = $3,
         delta_link = $4,
         full_sync = full_sync AND NOT $5,
         last_completed_at = CASE WHEN $5 THEN $6::timestamptz ELSE last_completed_at END
       WHERE mailbox = $1 AND stream = $2`,
      [mailbox, stream, page.nextLink ?? null, page.deltaLink ?? null, roundComplete, now],
    );
    return { changes, unchanged };
  });
}

export async function getItem(
  db: SqlSession,
  mailbox: string,
  stream: StreamKind,
  id: string,
): Promise<MirrorItem | null> {
  return queryOne(
    db,
    "SELECT id, change_key, data FROM mirror_items WHERE mailbox = $1 AND stream = $2 AND id = $3",
    [mailbox, stream, id],
    toItem,
  );
}

export async function listItems(db: SqlSession, mailbox: string, stream: StreamKind): Promise<MirrorItem[]> {
  const { rows } = await db.query<ItemRow>(
    "SELECT id, change_key, data FROM mirror_items WHERE mailbox = $1 AND stream = $2 ORDER BY id",
    [mailbox, stream],
  );
  return rows.map(toItem);
}

export async function countItems(db: SqlSession, mailbox: string, stream: StreamKind): Promise<number> {
  const { rows } = await db.query<{ count: number }>(
    "SELECT count(*)::int AS count FROM mirror_items WHERE mailbox = $1 AND stream = $2",
    [mailbox, stream],
  );
  return rows[0]?.count ?? 0;
}

/** The items with these ids that are mirrored, in the order of `ids` (one query). */
export async function getItems(
  db: SqlSession,
  mailbox: string,
  stream: StreamKind,
  ids: readonly string[],
): Promise<MirrorItem[]> {
  if (ids.length === 0) return [];
  const { rows } = await db.query<ItemRow>(
    "SELECT id, change_key, data FROM mirror_items WHERE mailbox = $1 AND stream = $2 AND id = ANY($3::text[])",
    [mailbox, stream, [...new Set(ids)]],
  );
  const byId = new Map(rows.map((row) => [row.id, toItem(row)]));
  return [...new Set(ids)].flatMap((id) => {
    const item = byId.get(id);
    return item ? [item] : [];
  });
}

/** The items of a stream in any of these conversations, in order of id (indexed by conversation). */
export async function itemsInConversations(
  db: SqlSession,
  mailbox: string,
  stream: StreamKind,
  conversationIds: readonly string[],
): Promise<MirrorItem[]> {
  if (conversationIds.length === 0) return [];
  const { rows } = await db.query<ItemRow>(
    `SELECT id, change_key, data FROM mirror_items
     WHERE mailbox = $1 AND stream = $2 AND data ? 'conversationId'
       AND data ->> 'conversationId' = ANY($3::text[])
     ORDER BY id`,
    [mailbox, stream, [...new Set(conversationIds)]],
  );
  return rows.map(toItem);
}

const EARLIEST = Date.parse("0001-01-01T00:00:00.000Z");
const LATEST = Date.parse("9999-12-31T00:00:00.000Z");

/** A range bound as an instant PostgreSQL takes: clamped to the years an event's time can have. */
function boundOf(value: string, name: string): string {
  const ms = Date.parse(value);
  if (Number.isNaN(ms)) throw new RangeError(`The range's ${name} is not a time: ${value}`);
  return new Date(Math.min(LATEST, Math.max(EARLIEST, ms))).toISOString();
}

/** Events overlapping [from, to) (start before `to`, end after `from`), in order of start, then id. */
export async function listEventsInRange(
  db: SqlSession,
  mailbox: string,
  range: { from: string; to: string },
): Promise<MirrorItem[]> {
  const { rows } = await db.query<ItemRow>(
    `SELECT id, change_key, data FROM mirror_items
     WHERE mailbox = $1 AND stream = 'events' AND starts_at IS NOT NULL
       AND starts_at < $3::timestamptz AND ends_at > $2::timestamptz
     ORDER BY starts_at, id`,
    [mailbox, boundOf(range.from, "from"), boundOf(range.to, "to")],
  );
  return rows.map(toItem);
}

/** Every item of a stream in order of id, fetched `batchSize` at a time (keyset), so a pass never holds them all. */
export function scanItems(
  db: SqlSession,
  mailbox: string,
  stream: StreamKind,
  options: { batchSize?: number } = {},
): AsyncGenerator<MirrorItem> {
  return keysetScan(async (after, limit) => {
    const { rows } = await db.query<ItemRow>(
      `SELECT id, change_key, data FROM mirror_items
       WHERE mailbox = $1 AND stream = $2 AND ($3::text IS NULL OR id > $3)
       ORDER BY id LIMIT ${limit}`,
      [mailbox, stream, after],
    );
    return rows.map(toItem);
  }, options);
}
