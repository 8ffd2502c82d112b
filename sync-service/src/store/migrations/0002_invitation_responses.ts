import type { Migration } from "./migration";

/** Answers to invitations sent on the mayor's behalf, keyed by the caller's idempotency key. */
export const invitationResponses: Migration = {
  version: 2,
  name: "invitation_responses",
  sql: /* sql */ `
    CREATE TABLE invitation_responses (
      idempotency_key text PRIMARY KEY,
      mailbox text NOT NULL,
      event_id text NOT NULL,
      response text NOT NULL,
      -- 'sending' while Graph is asked; 'sent' once Graph accepted the answer.
      state text NOT NULL CHECK (state IN ('sending', 'sent')),
      requested_by text NOT NULL,
      created_at timestamptz NOT NULL,
      sent_at timestamptz
    );
  `,
};
