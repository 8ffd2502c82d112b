import type { Migration } from "./migration";

/**
 * Journalising: each document of an inquiry or a meeting filed in a case, with the outbox mail
 * that carries it to the journal. Whether it was journalised, and when, is the outbox's to say
 * (its mail sent exactly once): nothing here is written a second time after the send, so a
 * crash between the send and its record cannot leave the two disagreeing. One filing per
 * document; a filing the journal refused for good may be asked for again (a new mail).
 */
export const journal: Migration = {
  version: 15,
  name: "journal",
  sql: /* sql */ `
    CREATE TABLE journal_filings (
      document_key text PRIMARY KEY,
      mailbox text NOT NULL,
      subject_kind text NOT NULL CHECK (subject_kind IN ('inquiry', 'meeting')),
      subject_id text NOT NULL,
      kind text NOT NULL CHECK (kind IN ('inquiry', 'answer', 'invitation', 'material', 'minutes')),
      case_number text NOT NULL,
      requested_by text NOT NULL,
      requested_at timestamptz NOT NULL,
      outbox_id text NOT NULL REFERENCES outbox (id)
    );
    CREATE INDEX journal_filings_of ON journal_filings (mailbox, subject_kind, subject_id);
  `,
};
