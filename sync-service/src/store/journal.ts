import type { JournalDocumentKind, JournalState } from "@modeklar/shared";
import type { Clock } from "./clock";
import type { OutboxState } from "./outbox";
import { iso, isoOrNull, queryOne } from "./rows";
import type { SqlSession } from "./sql";

export type JournalSubjectKind = "inquiry" | "meeting";

/** A document asked to be filed in a case, with the outbox mail that carries it there. */
export interface NewJournalFiling {
  /** The document, stable across requests: `inquiry:<id>:answer`, `meeting:<id>:material:<message>`… */
  documentKey: string;
  mailbox: string;
  subjectKind: JournalSubjectKind;
  subjectId: string;
  kind: JournalDocumentKind;
  caseNumber: string;
  requestedBy: string;
  outboxId: string;
}

/** A filing as it stands: its state is its outbox mail's (on its way, sent once, or refused for good). */
export interface JournalFiling extends NewJournalFiling {
  requestedAt: string;
  state: JournalState;
  /** When the mail reached the journal mailbox (its send confirmed). */
  journalisedAt: string | null;
}

export interface JournalStore {
  /** The document's filing, if it was ever asked for. */
  filing(documentKey: string): Promise<JournalFiling | null>;
  /**
   * Records a filing. A document already journalised or on its way keeps its filing (false);
   * one the journal refused for good takes the new one.
   */
  record(filing: NewJournalFiling): Promise<boolean>;
  /** Every filing of these inquiries or meetings, oldest first. */
  filingsOf(
    mailbox: string,
    subjectKind: JournalSubjectKind,
    subjectIds: readonly string[],
  ): Promise<JournalFiling[]>;
}

interface FilingRow {
  document_key: string;
  mailbox: string;
  subject_kind: JournalSubjectKind;
  subject_id: string;
  kind: JournalDocumentKind;
  case_number: string;
  requested_by: string;
  requested_at: Date | string;
  outbox_id: string;
  outbox_state: OutboxState;
  sent_at: Date | string | null;
}

const STATE_OF: Record<OutboxState, JournalState> = {
  pending: "sending",
  sent: "journalised",
  failed: "failed",
};

const SELECT = `SELECT f.document_key, f.mailbox, f.subject_kind, f.subject_id, f.kind, f.case_number,
    f.requested_by, f.requested_at, f.outbox_id, o.state AS outbox_state, o.sent_at
  FROM journal_filings f JOIN outbox o ON o.id = f.outbox_id`;

const toFiling = (row: FilingRow): JournalFiling => ({
  documentKey: row.document_key,
  mailbox: row.mailbox,
  subjectKind: row.subject_kind,
  subjectId: row.subject_id,
  kind: row.kind,
  caseNumber: row.case_number,
  requestedBy: row.requested_by,
  requestedAt: iso(row.requested_at),
  outboxId: row.outbox_id,
  state: STATE_OF[row.outbox_state],
  journalisedAt: row.outbox_state === "sent" ? isoOrNull(row.sent_at) : null,
});

export function sqlJournalStore(db: SqlSession, clock: Clock): JournalStore {
  return {
    async filing(documentKey) {
      return queryOne(db, `${SELECT} WHERE f.document_key = $1`, [documentKey], toFiling);
    },
    async record(filing) {
      const { rowCount } = await db.query(
        `INSERT INTO journal_filings (document_key, mailbox, subject_kind, subject_id, kind, case_number,
           requested_by, requested_at, outbox_id)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
         ON CONFLICT (document_key) DO UPDATE SET case_number = EXCLUDED.case_number,
           requested_by = EXCLUDED.requested_by, requested_at = EXCLUDED.requested_at,
           outbox_id = EXCLUDED.outbox_id
         WHERE (SELECT state FROM outbox WHERE id = journal_filings.outbox_id) = 'failed'`,
        [
          filing.documentKey,
          filing.mailbox,
          filing.subjectKind,
          filing.subjectId,
          filing.kind,
          filing.caseNumber,
          filing.requestedBy,
          clock.now().toISOString(),
          filing.outboxId,
        ],
      );
      return rowCount > 0;
    },
    async filingsOf(mailbox, subjectKind, subjectIds) {
      if (subjectIds.length === 0) return [];
      const { rows } = await db.query<FilingRow>(
        `${SELECT} WHERE f.mailbox = $1 AND f.subject_kind = $2 AND f.subject_id = ANY($3::text[])
         ORDER BY f.requested_at, f.document_key`,
        [mailbox, subjectKind, [...subjectIds]],
      );
      return rows.map(toFiling);
    },
  };
}
