import { randomUUID } from "node:crypto";
import type { Clock } from "./clock";
import { iso, isoOrNull } from "./rows";
import type { SqlSession } from "./sql";
import type { StreamKind } from "./types";

type Json = unknown;

export interface RuleVersion {
  version: number;
  /** The rule set as saved (shared's RuleSet JSON). */
  rules: Json;
  savedBy: string;
  savedAt: string;
}

export interface PriorityPin {
  mailbox: string;
  itemId: string;
  class: 1 | 2 | 3;
  pinnedBy: string;
  pinnedAt: string;
}

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

export interface Setting {
  value: Json;
  savedBy: string;
  savedAt: string;
  /** 1 for the first save, one more for each after; a setting never saved is at version 0. */
  version: number;
}

export const INQUIRY_STATUSES = ["received", "forwarded", "answered", "closed"] as const;
export type InquiryStatus = (typeof INQUIRY_STATUSES)[number];

export interface InquiryRecord {
  id: string;
  mailbox: string;
  messageId: string;
  conversationId: string | null;
  /** The inquiry mail's Internet message id: a reply names it in In-Reply-To/References. */
  internetMessageId: string | null;
  fromAddress: string;
  fromName: string;
  subject: string;
  receivedAt: string;
  dueAt: string;
  department: string | null;
  /** "rule:<id>" when a routing rule chose the department, "manual" when a person did. */
  departmentSource: string | null;
  status: InquiryStatus;
  caseNumber: string | null;
  forwardedAt: string | null;
  answeredAt: string | null;
  /** Who answered: the sender of the reply from Sent Items, or the person who marked it answered. */
  answeredBy: string | null;
  /** The reply in the mailbox's Sent Items (Graph id), for journalising and forwarding it. */
  answerMessageId: string | null;
  /** The reply's Internet message id: finds it again after the Graph id changed (a move). */
  answerInternetMessageId: string | null;
  updatedBy: string;
  updatedAt: string;
}

/** What happens to an inquiry after it came in: set by changes, never at registration. */
type InquiryOutcome =
  | "status"
  | "caseNumber"
  | "forwardedAt"
  | "answeredAt"
  | "answeredBy"
  | "answerMessageId"
  | "answerInternetMessageId";
export type NewInquiry = Omit<InquiryRecord, "id" | "updatedAt" | InquiryOutcome>;
export type InquiryChange = Partial<Pick<InquiryRecord, "department" | "departmentSource" | InquiryOutcome>>;

/**
 * Reconcile's ledger beside the mirror. Every method is one statement (or one
 * transaction), so several service instances can share it.
 */
export interface ReconcileStore {
  /** Saves a new version of the rules; returns it. Versions count 1, 2, 3… */
  saveRules(rules: Json, savedBy: string): Promise<RuleVersion>;
  /** Saves version `baseVersion + 1` only if `baseVersion` is the newest: null when someone saved meanwhile. */
  replaceRules(rules: Json, savedBy: string, baseVersion: number): Promise<RuleVersion | null>;
  currentRules(): Promise<RuleVersion | null>;
  /** The newest version's number (null before the first save): a cheap "did the rules change". */
  rulesVersion(): Promise<number | null>;
  ruleHistory(): Promise<Omit<RuleVersion, "rules">[]>;

  pin(mailbox: string, itemId: string, priorityClass: 1 | 2 | 3, pinnedBy: string): Promise<PriorityPin>;
  unpin(mailbox: string, itemId: string): Promise<boolean>;
  pins(mailbox: string): Promise<Map<string, PriorityPin>>;
  /** The pins of these items only (one statement, whatever the number of pins). */
  pinsOf(mailbox: string, itemIds: readonly string[]): Promise<Map<string, PriorityPin>>;

  written(mailbox: string, stream: StreamKind): Promise<Map<string, WrittenPriority>>;
  /** What the service last wrote on these items only. */
  writtenOf(
    mailbox: string,
    stream: StreamKind,
    itemIds: readonly string[],
  ): Promise<Map<string, WrittenPriority>>;
  /** One statement for all records; a later record of the same item wins. */
  recordWritten(records: WrittenPriority[]): Promise<void>;

  getSetting(name: string): Promise<Setting | null>;
  /**
   * Replaces a setting only if it is still at `baseVersion` (0: never saved): a writer who read
   * an older version gets `saved: false` and the version now stored, never an overwrite.
   */
  putSetting(
    name: string,
    value: Json,
    savedBy: string,
    baseVersion: number,
  ): Promise<{ saved: boolean; version: number }>;

  /** True the first time a key is claimed, false ever after (until released): "exactly once" across instances. */
  claimOnce(key: string, detail?: Record<string, unknown>): Promise<boolean>;
  /** The work behind a claim failed before anything left the building: it may be claimed again. */
  releaseOnce(key: string): Promise<void>;
  onceDone(prefix: string): Promise<{ key: string; detail: Record<string, unknown>; doneAt: string }[]>;

  meetingSnapshot(mailbox: string, eventId: string): Promise<Json | null>;
  saveMeetingSnapshot(mailbox: string, eventId: string, snapshot: Json): Promise<void>;
  /** Several snapshots in one statement. */
  saveMeetingSnapshots(mailbox: string, snapshots: Map<string, Json>): Promise<void>;
  meetingSnapshots(mailbox: string): Promise<Map<string, Json>>;
  meetingSnapshotsOf(mailbox: string, eventIds: readonly string[]): Promise<Map<string, Json>>;

  /** The event a meeting request belongs to: undefined when never looked up, null when it has none. */
  meetingRequestLinks(mailbox: string): Promise<Map<string, string | null>>;
  meetingRequestLinksOf(mailbox: string, messageIds: readonly string[]): Promise<Map<string, string | null>>;
  linkMeetingRequest(mailbox: string, messageId: string, eventId: string | null): Promise<void>;
  /** The meeting requests known to belong to these events. */
  meetingRequestsOfEvents(mailbox: string, eventIds: readonly string[]): Promise<string[]>;

  /** Registers an inquiry once per message; returns the stored one (new or existing). */
  registerInquiry(inquiry: NewInquiry): Promise<{ created: boolean; inquiry: InquiryRecord }>;
  getInquiry(id: string): Promise<InquiryRecord | null>;
  inquiriesInConversation(mailbox: string, conversationId: string): Promise<InquiryRecord[]>;
  /**
   * The inquiries registered for any of these messages, in any of these conversations, or whose
   * mail has any of these Internet message ids; oldest first.
   */
  inquiriesFor(
    mailbox: string,
    of: {
      messageIds: readonly string[];
      conversationIds: readonly string[];
      internetMessageIds?: readonly string[];
    },
  ): Promise<InquiryRecord[]>;
  listInquiries(filter?: { status?: InquiryStatus }): Promise<InquiryRecord[]>;
  updateInquiry(id: string, change: InquiryChange, updatedBy: string): Promise<InquiryRecord | null>;

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

interface InquiryRow {
  id: string;
  mailbox: string;
  message_id: string;
  conversation_id: string | null;
  internet_message_id: string | null;
  from_address: string;
  from_name: string;
  subject: string;
  received_at: Date | string;
  due_at: Date | string;
  department: string | null;
  department_source: string | null;
  status: InquiryStatus;
  case_number: string | null;
  forwarded_at: Date | string | null;
  answered_at: Date | string | null;
  answered_by: string | null;
  answer_message_id: string | null;
  answer_internet_message_id: string | null;
  updated_by: string;
  updated_at: Date | string;
}

const inquiryOf = (row: InquiryRow): InquiryRecord => ({
  id: row.id,
  mailbox: row.mailbox,
  messageId: row.message_id,
  conversationId: row.conversation_id,
  internetMessageId: row.internet_message_id,
  fromAddress: row.from_address,
  fromName: row.from_name,
  subject: row.subject,
  receivedAt: iso(row.received_at),
  dueAt: iso(row.due_at),
  department: row.department,
  departmentSource: row.department_source,
  status: row.status,
  caseNumber: row.case_number,
  forwardedAt: isoOrNull(row.forwarded_at),
  answeredAt: isoOrNull(row.answered_at),
  answeredBy: row.answered_by,
  answerMessageId: row.answer_message_id,
  answerInternetMessageId: row.answer_internet_message_id,
  updatedBy: row.updated_by,
  updatedAt: iso(row.updated_at),
});

const INQUIRY_COLUMNS: Record<keyof InquiryChange, string> = {
  department: "department",
  departmentSource: "department_source",
  status: "status",
  caseNumber: "case_number",
  forwardedAt: "forwarded_at",
  answeredAt: "answered_at",
  answeredBy: "answered_by",
  answerMessageId: "answer_message_id",
  answerInternetMessageId: "answer_internet_message_id",
};

const json = (value: Json) => JSON.stringify(value);

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

export function sqlReconcileStore(db: SqlSession, clock: Clock): ReconcileStore {
  const now = () => clock.now().toISOString();
  return {
    async saveRules(rules, savedBy) {
      // Two editors saving at once: the loser's insert hits the primary key and takes the next number.
      for (;;) {
        const { rows } = await db.query<{ version: number; saved_at: Date | string }>(
          `INSERT INTO priority_rule_versions (version, rules, saved_by, saved_at)
           SELECT COALESCE(MAX(version), 0) + 1, $1::jsonb, $2, $3 FROM priority_rule_versions
           ON CONFLICT (version) DO NOTHING
           RETURNING version, saved_at`,
          [json(rules), savedBy, now()],
        );
        const row = rows[0];
        if (row) return { version: row.version, rules, savedBy, savedAt: iso(row.saved_at) };
      }
    },
    async replaceRules(rules, savedBy, baseVersion) {
      // Two editors based on the same version: both name the same new number, the key lets one in.
      const { rows } = await db.query<{ version: number; saved_at: Date | string }>(
        `INSERT INTO priority_rule_versions (version, rules, saved_by, saved_at)
         SELECT $4::integer + 1, $1::jsonb, $2, $3
          WHERE (SELECT COALESCE(MAX(version), 0) FROM priority_rule_versions) = $4::integer
         ON CONFLICT (version) DO NOTHING
         RETURNING version, saved_at`,
        [json(rules), savedBy, now(), baseVersion],
      );
      const row = rows[0];
      return row ? { version: row.version, rules, savedBy, savedAt: iso(row.saved_at) } : null;
    },
    async currentRules() {
      const { rows } = await db.query<{ version: number; rules: Json; saved_by: string; saved_at: Date }>(
        "SELECT version, rules, saved_by, saved_at FROM priority_rule_versions ORDER BY version DESC LIMIT 1",
      );
      const row = rows[0];
      return row
        ? { version: row.version, rules: row.rules, savedBy: row.saved_by, savedAt: iso(row.saved_at) }
        : null;
    },
    async rulesVersion() {
      const { rows } = await db.query<{ version: number | null }>(
        "SELECT MAX(version) AS version FROM priority_rule_versions",
      );
      return rows[0]?.version ?? null;
    },
    async ruleHistory() {
      const { rows } = await db.query<{ version: number; saved_by: string; saved_at: Date }>(
        "SELECT version, saved_by, saved_at FROM priority_rule_versions ORDER BY version DESC",
      );
      return rows.map((row) => ({ version: row.version, savedBy: row.saved_by, savedAt: iso(row.saved_at) }));
    },

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
        [json(rows), now()],
      );
    },

    async getSetting(name) {
      const { rows } = await db.query<{ value: Json; saved_by: string; saved_at: Date; version: number }>(
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
          ? [name, json(value), savedBy, now()]
          : [name, json(value), savedBy, now(), baseVersion],
      );
      if (rows[0]) return { saved: true, version: rows[0].version };
      const current = await db.query<{ version: number }>(
        "SELECT version FROM reconcile_settings WHERE name = $1",
        [name],
      );
      return { saved: false, version: current.rows[0]?.version ?? 0 };
    },

    async claimOnce(key, detail = {}) {
      const { rows } = await db.query(
        `INSERT INTO done_once (key, detail, done_at) VALUES ($1, $2::jsonb, $3)
         ON CONFLICT (key) DO NOTHING RETURNING key`,
        [key, json(detail), now()],
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

    async meetingSnapshot(mailbox, eventId) {
      const { rows } = await db.query<{ snapshot: Json }>(
        "SELECT snapshot FROM meeting_snapshots WHERE mailbox = $1 AND event_id = $2",
        [mailbox, eventId],
      );
      return rows[0]?.snapshot ?? null;
    },
    async saveMeetingSnapshot(mailbox, eventId, snapshot) {
      await db.query(
        `INSERT INTO meeting_snapshots (mailbox, event_id, snapshot) VALUES ($1, $2, $3::jsonb)
         ON CONFLICT (mailbox, event_id) DO UPDATE SET snapshot = $3::jsonb`,
        [mailbox, eventId, json(snapshot)],
      );
    },

    async saveMeetingSnapshots(mailbox, snapshots) {
      if (snapshots.size === 0) return;
      await db.query(
        `INSERT INTO meeting_snapshots (mailbox, event_id, snapshot)
         SELECT $1, event_id, snapshot FROM jsonb_to_recordset($2::jsonb) AS s(event_id text, snapshot jsonb)
         ON CONFLICT (mailbox, event_id) DO UPDATE SET snapshot = excluded.snapshot`,
        [mailbox, json([...snapshots].map(([eventId, snapshot]) => ({ event_id: eventId, snapshot })))],
      );
    },
    async meetingSnapshots(mailbox) {
      const { rows } = await db.query<{ event_id: string; snapshot: Json }>(
        "SELECT event_id, snapshot FROM meeting_snapshots WHERE mailbox = $1",
        [mailbox],
      );
      return new Map(rows.map((row) => [row.event_id, row.snapshot]));
    },
    async meetingSnapshotsOf(mailbox, eventIds) {
      if (eventIds.length === 0) return new Map();
      const { rows } = await db.query<{ event_id: string; snapshot: Json }>(
        "SELECT event_id, snapshot FROM meeting_snapshots WHERE mailbox = $1 AND event_id = ANY($2::text[])",
        [mailbox, [...new Set(eventIds)]],
      );
      return new Map(rows.map((row) => [row.event_id, row.snapshot]));
    },
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

    async registerInquiry(input) {
      const { rows } = await db.query<InquiryRow>(
        `INSERT INTO inquiries (id, mailbox, message_id, conversation_id, from_address, from_name, subject,
           received_at, due_at, department, department_source, status, updated_by, updated_at, internet_message_id)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, 'received', $12, $13, $14)
         ON CONFLICT (mailbox, message_id) DO NOTHING RETURNING *`,
        [
          randomUUID(),
          input.mailbox,
          input.messageId,
          input.conversationId,
          input.fromAddress,
          input.fromName,
          input.subject,
          input.receivedAt,
          input.dueAt,
          input.department,
          input.departmentSource,
          input.updatedBy,
          now(),
          input.internetMessageId,
        ],
      );
      if (rows[0]) return { created: true, inquiry: inquiryOf(rows[0]) };
      const existing = await db.query<InquiryRow>(
        "SELECT * FROM inquiries WHERE mailbox = $1 AND message_id = $2",
        [input.mailbox, input.messageId],
      );
      return { created: false, inquiry: inquiryOf(existing.rows[0] as InquiryRow) };
    },
    async getInquiry(id) {
      const { rows } = await db.query<InquiryRow>("SELECT * FROM inquiries WHERE id = $1", [id]);
      return rows[0] ? inquiryOf(rows[0]) : null;
    },
    async inquiriesInConversation(mailbox, conversationId) {
      const { rows } = await db.query<InquiryRow>(
        "SELECT * FROM inquiries WHERE mailbox = $1 AND conversation_id = $2 ORDER BY received_at",
        [mailbox, conversationId],
      );
      return rows.map(inquiryOf);
    },
    async inquiriesFor(mailbox, of) {
      if (of.messageIds.length === 0 && of.conversationIds.length === 0 && !of.internetMessageIds?.length)
        return [];
      const { rows } = await db.query<InquiryRow>(
        `SELECT * FROM inquiries
         WHERE mailbox = $1 AND (message_id = ANY($2::text[]) OR conversation_id = ANY($3::text[])
           OR internet_message_id = ANY($4::text[]))
         ORDER BY received_at, id`,
        [
          mailbox,
          [...new Set(of.messageIds)],
          [...new Set(of.conversationIds)],
          [...new Set(of.internetMessageIds ?? [])],
        ],
      );
      return rows.map(inquiryOf);
    },
    async listInquiries(filter = {}) {
      const { rows } = filter.status
        ? await db.query<InquiryRow>("SELECT * FROM inquiries WHERE status = $1 ORDER BY due_at, id", [
            filter.status,
          ])
        : await db.query<InquiryRow>("SELECT * FROM inquiries ORDER BY due_at, id");
      return rows.map(inquiryOf);
    },
    async updateInquiry(id, change, updatedBy) {
      const entries = Object.entries(change).filter(([, value]) => value !== undefined) as [
        keyof InquiryChange,
        unknown,
      ][];
      const sets = entries.map(([field], i) => `${INQUIRY_COLUMNS[field]} = $${i + 2}`);
      const { rows } = await db.query<InquiryRow>(
        `UPDATE inquiries SET ${[...sets, `updated_by = $${entries.length + 2}`, `updated_at = $${entries.length + 3}`].join(", ")}
         WHERE id = $1 RETURNING *`,
        [id, ...entries.map(([, value]) => value), updatedBy, now()],
      );
      return rows[0] ? inquiryOf(rows[0]) : null;
    },
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
