import { jsonb } from "../rows";
import type { SqlSession } from "../sql";

/** What each meeting looked like when last seen: a move or a cancellation is noticed against it. */
export interface MeetingSnapshots {
  meetingSnapshot(mailbox: string, eventId: string): Promise<unknown | null>;
  saveMeetingSnapshot(mailbox: string, eventId: string, snapshot: unknown): Promise<void>;
  /** Several snapshots in one statement. */
  saveMeetingSnapshots(mailbox: string, snapshots: Map<string, unknown>): Promise<void>;
  meetingSnapshots(mailbox: string): Promise<Map<string, unknown>>;
  meetingSnapshotsOf(mailbox: string, eventIds: readonly string[]): Promise<Map<string, unknown>>;
}

export function sqlMeetingSnapshots(db: SqlSession): MeetingSnapshots {
  return {
    async meetingSnapshot(mailbox, eventId) {
      const { rows } = await db.query<{ snapshot: unknown }>(
        "SELECT snapshot FROM meeting_snapshots WHERE mailbox = $1 AND event_id = $2",
        [mailbox, eventId],
      );
      return rows[0]?.snapshot ?? null;
    },
    async saveMeetingSnapshot(mailbox, eventId, snapshot) {
      await db.query(
        `INSERT INTO meeting_snapshots (mailbox, event_id, snapshot) VALUES ($1, $2, $3::jsonb)
         ON CONFLICT (mailbox, event_id) DO UPDATE SET snapshot = $3::jsonb`,
        [mailbox, eventId, jsonb(snapshot)],
      );
    },

    async saveMeetingSnapshots(mailbox, snapshots) {
      if (snapshots.size === 0) return;
      await db.query(
        `INSERT INTO meeting_snapshots (mailbox, event_id, snapshot)
         SELECT $1, event_id, snapshot FROM jsonb_to_recordset($2::jsonb) AS s(event_id text, snapshot jsonb)
         ON CONFLICT (mailbox, event_id) DO UPDATE SET snapshot = excluded.snapshot`,
        [mailbox, jsonb([...snapshots].map(([eventId, snapshot]) => ({ event_id: eventId, snapshot })))],
      );
    },
    async meetingSnapshots(mailbox) {
      const { rows } = await db.query<{ event_id: string; snapshot: unknown }>(
        "SELECT event_id, snapshot FROM meeting_snapshots WHERE mailbox = $1",
        [mailbox],
      );
      return new Map(rows.map((row) => [row.event_id, row.snapshot]));
    },
    async meetingSnapshotsOf(mailbox, eventIds) {
      if (eventIds.length === 0) return new Map();
      const { rows } = await db.query<{ event_id: string; snapshot: unknown }>(
        "SELECT event_id, snapshot FROM meeting_snapshots WHERE mailbox = $1 AND event_id = ANY($2::text[])",
        [mailbox, [...new Set(eventIds)]],
      );
      return new Map(rows.map((row) => [row.event_id, row.snapshot]));
    },
  };
}
