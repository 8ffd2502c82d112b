import type { Migration } from "./migration";

/**
 * Reconcile's memory: versioned priority rules, the secretary's pins, what the service
 * itself last wrote on each item (so its own write coming back is not written again),
 * settings edited through the API, things done once (notices, reminders, digests),
 * what a meeting looked like when last seen (to notice a move), meeting-request links
 * and citizens' inquiries.
 */
export const reconcile: Migration = {
  version: 3,
  name: "reconcile",
  sql: /* sql */ `
    CREATE TABLE priority_rule_versions (
      version integer PRIMARY KEY,
      rules jsonb NOT NULL,
      saved_by text NOT NULL,
      saved_at timestamptz NOT NULL
    );

    CREATE TABLE priority_pins (
      mailbox text NOT NULL,
      item_id text NOT NULL,
      class integer NOT NULL CHECK (class IN (1, 2, 3)),
      pinned_by text NOT NULL,
      pinned_at timestamptz NOT NULL,
      PRIMARY KEY (mailbox, item_id)
    );

    CREATE TABLE priority_written (
      mailbox text NOT NULL,
      stream text NOT NULL CHECK (stream IN ('events', 'messages')),
      item_id text NOT NULL,
      class integer NOT NULL,
      categories jsonb NOT NULL,
      importance text NOT NULL,
      change_key text,
      -- The versions the write was made against: seeing one of them again means delta has not caught up yet.
      base_change_keys jsonb NOT NULL DEFAULT '[]'::jsonb,
      written_at timestamptz NOT NULL,
      PRIMARY KEY (mailbox, stream, item_id)
    );

    CREATE TABLE reconcile_settings (
      name text PRIMARY KEY,
      value jsonb NOT NULL,
      saved_by text NOT NULL,
      saved_at timestamptz NOT NULL
    );

    CREATE TABLE done_once (
      key text PRIMARY KEY,
      detail jsonb NOT NULL DEFAULT '{}'::jsonb,
      done_at timestamptz NOT NULL
    );

    CREATE TABLE meeting_snapshots (
      mailbox text NOT NULL,
      event_id text NOT NULL,
      snapshot jsonb NOT NULL,
      PRIMARY KEY (mailbox, event_id)
    );

    CREATE TABLE meeting_request_links (
      mailbox text NOT NULL,
      message_id text NOT NULL,
      event_id text,
      PRIMARY KEY (mailbox, message_id)
    );
    CREATE INDEX meeting_request_links_by_event ON meeting_request_links (mailbox, event_id);

    CREATE TABLE inquiries (
      id text PRIMARY KEY,
      mailbox text NOT NULL,
      message_id text NOT NULL,
      conversation_id text,
      from_address text NOT NULL,
      from_name text NOT NULL,
      subject text NOT NULL,
      received_at timestamptz NOT NULL,
      due_at timestamptz NOT NULL,
      department text,
      department_source text,
      status text NOT NULL CHECK (status IN ('received', 'forwarded', 'answered', 'closed')),
      case_number text,
      forwarded_at timestamptz,
      answered_at timestamptz,
      updated_by text NOT NULL,
      updated_at timestamptz NOT NULL,
      UNIQUE (mailbox, message_id)
    );
    CREATE INDEX inquiries_by_conversation ON inquiries (mailbox, conversation_id);
  `,
};
