import type { SqlSession } from "../sql";

/** Which event each meeting request belongs to, asked of Graph once and kept. */
export interface MeetingRequestLinks {
  /** The event a meeting request belongs to: undefined when never looked up, null when it has none. */
  meetingRequestLinks(mailbox: string): Promise<Map<string, string | null>>;
  meetingRequestLinksOf(mailbox: string, messageIds: readonly string[]): Promise<Map<string, string | null>>;
  linkMeetingRequest(mailbox: string, messageId: string, eventId: string | null): Promise<void>;
  /** The meeting requests known to belong to these events. */
  meetingRequestsOfEvents(mailbox: string, eventIds: readonly string[]): Promise<string[]>;
}

export function sqlMeetingRequestLinks(db: SqlSession): MeetingRequestLinks {
  return {
    async meetingRequestLinksOf(mailbox, messageIds) {
      if (messageIds.length === 0) return new Map();
      const { rows } = await db.query<{ message_id: string; event_id: string | null }>(
        "SELECT message_id, event_id FROM meeting_request_links WHERE mailbox = $1 AND message_id = ANY($2::text[])",
        [mailbox, [...new Set(messageIds)]],
      );
      return new Map(rows.map((row) => [row.message_id, row.event_id]));
    },
    async meetingRequestLinks(mailbox) {
      const { rows } = await db.query<{ message_id: string; event_id: string | null }>(
        "SELECT message_id, event_id FROM meeting_request_links WHERE mailbox = $1",
        [mailbox],
      );
      return new Map(rows.map((row) => [row.message_id, row.event_id]));
    },
    async linkMeetingRequest(mailbox, messageId, eventId) {
      await db.query(
        `INSERT INTO meeting_request_links (mailbox, message_id, event_id) VALUES ($1, $2, $3)
         ON CONFLICT (mailbox, message_id) DO UPDATE SET event_id = $3`,
        [mailbox, messageId, eventId],
      );
    },

    async meetingRequestsOfEvents(mailbox, eventIds) {
      if (eventIds.length === 0) return [];
      const { rows } = await db.query<{ message_id: string }>(
        "SELECT message_id FROM meeting_request_links WHERE mailbox = $1 AND event_id = ANY($2::text[]) ORDER BY message_id",
        [mailbox, [...new Set(eventIds)]],
      );
      return rows.map((row) => row.message_id);
    },
  };
}
