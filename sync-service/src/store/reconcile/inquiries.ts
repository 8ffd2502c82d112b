import { randomUUID } from "node:crypto";
import type { Clock } from "../clock";
import { iso, isoOrNull, queryOne } from "../rows";
import type { SqlSession } from "../sql";

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

/** Citizens' and partners' inquiries: registered once per mail, then forwarded, answered or closed. */
export interface InquiryStore {
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

export function sqlInquiryStore(db: SqlSession, clock: Clock): InquiryStore {
  const now = () => clock.now().toISOString();
  return {
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
      return queryOne(db, "SELECT * FROM inquiries WHERE id = $1", [id], inquiryOf);
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
  };
}
