import { RETENTION_KINDS, type RetentionKind, type RetentionRun } from "@modeklar/shared";
import { expireAuditEntries } from "./audit";
import type { Clock } from "./clock";
import { iso, isoOrNull } from "./rows";
import type { SqlExecutor, SqlSession } from "./sql";

export type { RetentionKind, RetentionRun };

/** Days each kind is kept: meetings' records after the meeting ended, mail after it arrived, audit entries after they were made. */
export type RetentionPeriods = Record<RetentionKind, number>;

/** The kinds kept per meeting, in the order a batch deletes them. */
const MEETING_KINDS = ["plans", "orders", "arrivals", "briefingNotes", "minutes"] as const;
type MeetingKind = (typeof MEETING_KINDS)[number];

/**
 * Each table that keeps something about one meeting, the kind whose period it follows, and
 * the time it falls back on for a meeting whose end was never seen (gone from the calendar
 * before retention ran while it was mirrored).
 */
export const MEETING_TABLES: readonly { table: string; kind: MeetingKind; fallback: string }[] = [
  { table: "meeting_plans", kind: "plans", fallback: "t.updated_at" },
  { table: "invitation_responses", kind: "plans", fallback: "t.created_at" },
  { table: "meeting_orders", kind: "orders", fallback: "t.meeting_start" },
  { table: "catering_confirmations", kind: "orders", fallback: "t.confirmed_at" },
  { table: "meeting_snapshots", kind: "orders", fallback: isoText("t.snapshot->>'end'", "NULL") },
  { table: "reception_arrivals", kind: "arrivals", fallback: "t.arrived_at" },
  { table: "briefing_notes", kind: "briefingNotes", fallback: "t.updated_at" },
  { table: "weekly_minutes", kind: "minutes", fallback: "t.decided_at" },
];

/** A text that reads as an ISO instant, as timestamptz; otherwise `otherwise` (a bad value never fails a run). */
function isoText(expression: string, otherwise: string): string {
  return `CASE WHEN ${expression} ~ '^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}' THEN (${expression})::timestamptz ELSE ${otherwise} END`;
}

/** When a mirrored mail arrived (or left, for Sent Items); when it was mirrored if Graph did not say. */
const MAIL_TIME = isoText("coalesce(data->>'receivedDateTime', data->>'sentDateTime')", "updated_at");

const emptyCounts = (): Record<RetentionKind, number> =>
  Object.fromEntries(RETENTION_KINDS.map((kind) => [kind, 0])) as Record<RetentionKind, number>;

const DAY_MS = 86_400_000;

/** Runs kept in retention_runs for the status; older ones go. */
const RUNS_KEPT = 30;

export interface RetentionOptions {
  /** Meetings (or mails, or audit entries) per transaction: bounds each transaction's size. */
  batch?: number;
}

/**
 * Deletes what has expired, kind by kind, `batch` at a time, each batch in a transaction of its
 * own. A meeting's records of every kind in a batch go together: a batch that fails leaves the
 * meetings it held whole, and the next run deletes them. Counts what went, per kind; throws if a
 * batch failed (after the batches before it committed), with the counts so far on the error.
 */
export async function expireRecords(
  db: SqlExecutor,
  clock: Clock,
  periods: RetentionPeriods,
  options: RetentionOptions = {},
): Promise<Record<RetentionKind, number>> {
  const batch = options.batch ?? 200;
  const now = clock.now().getTime();
  const cutoff = (kind: RetentionKind) => new Date(now - periods[kind] * DAY_MS).toISOString();
  const deleted = emptyCounts();
  try {
    await rememberMeetingEnds(db);
    await expireMeetings(db, cutoff, batch, deleted);
    deleted.audit += await expireJournalFilings(db, cutoff("audit"), batch);
    await expireMail(db, cutoff("mail"), batch, deleted);
    for (;;) {
      const count = await expireAuditEntries(db, cutoff("audit"), batch);
      deleted.audit += count;
      if (count < batch) break;
    }
    await forgetMeetingEnds(db, cutoff);
  } catch (error) {
    throw Object.assign(error instanceof Error ? error : new Error(String(error)), { deleted });
  }
  return deleted;
}

/** A meeting's end as the mirror sees it now, kept for every meeting something is kept about (moves follow). */
async function rememberMeetingEnds(db: SqlExecutor): Promise<void> {
  const kept = MEETING_TABLES.map(({ table }) => `SELECT mailbox, event_id FROM ${table}`).join(" UNION ");
  await db.query(
    `INSERT INTO meeting_ends (mailbox, event_id, ends_at)
     SELECT m.mailbox, m.id, m.ends_at
       FROM mirror_items m JOIN (${kept}) k ON k.mailbox = m.mailbox AND k.event_id = m.id
      WHERE m.stream = 'events' AND m.ends_at IS NOT NULL
     ON CONFLICT (mailbox, event_id) DO UPDATE SET ends_at = EXCLUDED.ends_at
      WHERE meeting_ends.ends_at IS DISTINCT FROM EXCLUDED.ends_at`,
  );
}

/** The rows of `table` whose meeting ended before the cutoff of their kind (the parameter `param`). */
function expiredIn({ table, fallback }: (typeof MEETING_TABLES)[number], param: string): string {
  return `FROM ${table} t LEFT JOIN meeting_ends me ON me.mailbox = t.mailbox AND me.event_id = t.event_id
          WHERE coalesce(me.ends_at, ${fallback}) < ${param}::timestamptz`;
}

async function expireMeetings(
  db: SqlExecutor,
  cutoff: (kind: RetentionKind) => string,
  batch: number,
  deleted: Record<RetentionKind, number>,
): Promise<void> {
  const cutoffs = MEETING_KINDS.map(cutoff);
  // $1..$5: the cutoffs in MEETING_KINDS order.
  const candidates = MEETING_TABLES.map(
    (t) => `SELECT t.mailbox, t.event_id ${expiredIn(t, `$${MEETING_KINDS.indexOf(t.kind) + 1}`)}`,
  ).join(" UNION ");
  for (;;) {
    const { rows: meetings } = await db.query<{ mailbox: string; event_id: string }>(
      `SELECT mailbox, event_id FROM (${candidates}) c ORDER BY mailbox, event_id LIMIT ${batch}`,
      cutoffs,
    );
    if (meetings.length === 0) return;
    const keys = JSON.stringify(meetings.map((m) => [m.mailbox, m.event_id]));
    const counts = await db.transaction(async (tx) => deleteMeetings(tx, cutoff, keys));
    for (const [kind, count] of counts) deleted[kind] += count;
    if (meetings.length < batch) return;
  }
}

/** One batch: every expired record of these meetings, in one transaction (the caller's). */
async function deleteMeetings(
  tx: SqlSession,
  cutoff: (kind: RetentionKind) => string,
  keys: string,
): Promise<[MeetingKind, number][]> {
  const counts: [MeetingKind, number][] = [];
  for (const table of MEETING_TABLES) {
    const { rowCount } = await tx.query(
      `DELETE FROM ${table.table} d
        WHERE (d.mailbox, d.event_id) IN (
          SELECT t.mailbox, t.event_id ${expiredIn(table, "$1")}
             AND (t.mailbox, t.event_id) IN (SELECT k->>0, k->>1 FROM jsonb_array_elements($2::jsonb) k))`,
      [cutoff(table.kind), keys],
    );
    counts.push([table.kind, rowCount]);
  }
  return counts;
}

/** The mirror's copy of mail (inbox and Sent Items) and the outbox's record of mails that left. */
async function expireMail(
  db: SqlExecutor,
  cutoff: string,
  batch: number,
  deleted: Record<RetentionKind, number>,
): Promise<void> {
  for (;;) {
    const { rowCount } = await db.query(
      `DELETE FROM mirror_items WHERE (mailbox, stream, id) IN (
         SELECT mailbox, stream, id FROM mirror_items
          WHERE stream IN ('messages', 'sent') AND ${MAIL_TIME} < $1::timestamptz LIMIT ${batch})`,
      [cutoff],
    );
    deleted.mail += rowCount;
    if (rowCount < batch) break;
  }
  // An outbox mail that filed a document in the journal stays while its filing does (see expireJournalFilings).
  for (;;) {
    const { rowCount } = await db.query(
      `DELETE FROM outbox WHERE id IN (
         SELECT id FROM outbox o WHERE state <> 'pending' AND coalesce(sent_at, created_at) < $1::timestamptz
            AND NOT EXISTS (SELECT 1 FROM journal_filings j WHERE j.outbox_id = o.id)
          LIMIT ${batch})`,
      [cutoff],
    );
    deleted.mail += rowCount;
    if (rowCount < batch) break;
  }
}

/**
 * The record that a document was filed in the municipality's journal (who asked, which case) is
 * an account of what was done: it is kept as long as the audit log, and its outbox mail with it.
 */
async function expireJournalFilings(db: SqlExecutor, cutoff: string, batch: number): Promise<number> {
  let count = 0;
  for (;;) {
    const { rowCount } = await db.query(
      `DELETE FROM journal_filings WHERE document_key IN (
         SELECT document_key FROM journal_filings WHERE requested_at < $1::timestamptz LIMIT ${batch})`,
      [cutoff],
    );
    count += rowCount;
    if (rowCount < batch) return count;
  }
}

/** A meeting's end is forgotten once nothing is kept about the meeting any more. */
async function forgetMeetingEnds(db: SqlExecutor, cutoff: (kind: RetentionKind) => string): Promise<void> {
  const oldest = MEETING_KINDS.map(cutoff).sort()[0];
  const keptFor = MEETING_TABLES.map(
    ({ table }) => `SELECT 1 FROM ${table} t WHERE t.mailbox = me.mailbox AND t.event_id = me.event_id`,
  ).join(" UNION ALL ");
  await db.query(`DELETE FROM meeting_ends me WHERE ends_at < $1 AND NOT EXISTS (${keptFor})`, [oldest]);
}

interface RunRow {
  id: string | number;
  started_at: Date | string;
  finished_at: Date | string | null;
  outcome: RetentionRun["outcome"];
  deleted: Partial<Record<RetentionKind, number>> | string;
}

/** Retention's runs: one row per daily run, counts only. */
export interface RetentionRuns {
  /** A run begins now; returns its id. */
  begin(): Promise<string>;
  finish(id: string, outcome: "done" | "failed", deleted: Record<RetentionKind, number>): Promise<void>;
  /** The latest run, finished or not; null before the first. */
  last(): Promise<RetentionRun | null>;
}

export function sqlRetentionRuns(db: SqlExecutor, clock: Clock): RetentionRuns {
  return {
    async begin() {
      const { rows } = await db.query<{ id: string | number }>(
        "INSERT INTO retention_runs (started_at, outcome) VALUES ($1, 'running') RETURNING id",
        [clock.now().toISOString()],
      );
      await db.query(
        `DELETE FROM retention_runs WHERE id NOT IN (SELECT id FROM retention_runs ORDER BY id DESC LIMIT ${RUNS_KEPT})`,
      );
      return String(rows[0]?.id);
    },
    async finish(id, outcome, deleted) {
      await db.query(
        "UPDATE retention_runs SET finished_at = $2, outcome = $3, deleted = $4::jsonb WHERE id = $1",
        [id, clock.now().toISOString(), outcome, JSON.stringify(deleted)],
      );
    },
    async last() {
      const { rows } = await db.query<RunRow>(
        "SELECT id, started_at, finished_at, outcome, deleted FROM retention_runs ORDER BY id DESC LIMIT 1",
      );
      const row = rows[0];
      if (!row) return null;
      const counts = typeof row.deleted === "string" ? JSON.parse(row.deleted) : row.deleted;
      return {
        startedAt: iso(row.started_at),
        finishedAt: isoOrNull(row.finished_at),
        outcome: row.outcome,
        deleted: { ...emptyCounts(), ...counts },
      };
    },
  };
}
