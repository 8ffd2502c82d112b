import { DEFAULT_PRIVACY, type PrivacySettings } from "@modeklar/shared";
import pino from "pino";
import type { MailboxGateway } from "../../src/graph";
import type { JournalChannel } from "../../src/journal/channel";
import {
  decisionsOver,
  sqlMirrorStore,
  sqlPagesStore,
  sqlOutboxStore,
  sqlPlanStore,
  sqlReconcileStore,
  systemClock,
  type AuditRecorder,
  type Clock,
  type SqlExecutor,
} from "../../src/store";
import { recordSent } from "../../src/outbox/audit-entry";
import { Outbox } from "../../src/outbox/outbox";
import { mailRenderer } from "../../src/outbox/render";

/** How long the tests' outboxes give Exchange to file a Sent Items copy (on the stores' clock). */
export const SENT_ITEMS_SETTLE_MS = 10_000;

/** An outbox over a test's database, wired as the service wires it (the digest's text given by the test). */
export function testOutbox(deps: {
  db: SqlExecutor;
  gateway: MailboxGateway;
  clock?: Clock;
  instanceId?: string;
  digestText?: () => Promise<string>;
  privacy?: PrivacySettings;
  /** Where the mails that left are recorded, as the service records them. */
  audit?: AuditRecorder;
  /** Where journal filings go (the journal mailbox, as the service configures it). */
  journal?: JournalChannel;
}): Outbox {
  const clock = deps.clock ?? systemClock;
  const reconcile = sqlReconcileStore(deps.db, clock);
  const mirror = sqlMirrorStore(deps.db, { clock });
  const pages = sqlPagesStore(deps.db, clock);
  return new Outbox({
    store: sqlOutboxStore(deps.db, clock),
    decide: decisionsOver(deps.db, clock),
    gateway: deps.gateway,
    render: mailRenderer({
      gateway: deps.gateway,
      plans: sqlPlanStore(deps.db, clock),
      getInquiry: (id) => reconcile.getInquiry(id),
      digestText: deps.digestText ?? (() => Promise.resolve("")),
      privacy: deps.privacy ?? DEFAULT_PRIVACY,
      journal: {
        messageSubject: async (mailbox, id) => {
          const item = await mirror.getItem(mailbox, "messages", id);
          return item ? String(item.data["subject"] ?? "") : null;
        },
        minutesOf: (mailbox, eventId) => pages.minutesOfMeetings(mailbox, [eventId]),
        now: () => clock.now(),
      },
    }),
    log: pino({ level: "silent" }),
    clock,
    sentItemsSettleMs: SENT_ITEMS_SETTLE_MS,
    ...(deps.instanceId ? { instanceId: deps.instanceId } : {}),
    ...(deps.audit ? { onSent: recordSent(deps.audit) } : {}),
    ...(deps.journal ? { journal: deps.journal } : {}),
  });
}
