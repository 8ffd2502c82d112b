import type { Migration } from "./migration";

/**
 * Sent Items as a third mirrored stream ('sent'): replies the mayor and the secretary send from
 * Outlook answer inquiries. The stream checks of the mirror, its cursors, subscriptions and
 * reconcile's ledgers take it; sent mail is found by conversation.
 *
 * Inquiries keep the inquiry mail's own Internet message id (a reply's In-Reply-To/References
 * name it), who answered, and the answering message (its Graph id in the mailbox and its Internet
 * message id, which survives a move) so the answer can be journalised and forwarded later.
 */
export const sentItems: Migration = {
  version: 13,
  name: "sent_items",
  sql: /* sql */ `
    ALTER TABLE mirror_items DROP CONSTRAINT mirror_items_stream_check,
      ADD CONSTRAINT mirror_items_stream_check CHECK (stream IN ('events', 'messages', 'sent'));
    ALTER TABLE delta_cursors DROP CONSTRAINT delta_cursors_stream_check,
      ADD CONSTRAINT delta_cursors_stream_check CHECK (stream IN ('events', 'messages', 'sent'));
    ALTER TABLE subscriptions DROP CONSTRAINT subscriptions_kind_check,
      ADD CONSTRAINT subscriptions_kind_check CHECK (kind IN ('events', 'messages', 'sent'));
    ALTER TABLE priority_written DROP CONSTRAINT priority_written_stream_check,
      ADD CONSTRAINT priority_written_stream_check CHECK (stream IN ('events', 'messages', 'sent'));
    ALTER TABLE reconcile_owed DROP CONSTRAINT reconcile_owed_stream_check,
      ADD CONSTRAINT reconcile_owed_stream_check CHECK (stream IN ('events', 'messages', 'sent'));
    CREATE INDEX mirror_items_by_conversation ON mirror_items (mailbox, stream, (data ->> 'conversationId'))
      WHERE data ? 'conversationId';
    ALTER TABLE inquiries
      ADD COLUMN internet_message_id text,
      ADD COLUMN answered_by text,
      ADD COLUMN answer_message_id text,
      ADD COLUMN answer_internet_message_id text;
    CREATE INDEX inquiries_by_internet_message_id ON inquiries (mailbox, internet_message_id)
      WHERE internet_message_id IS NOT NULL;
  `,
};
