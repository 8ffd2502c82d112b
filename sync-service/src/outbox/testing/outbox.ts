import { DEFAULT_PRIVACY, type PrivacySettings } from "@modeklar/shared";
import pino from "pino";
import type { MailboxGateway } from "../../graph";
import {
  decisionsOver,
  sqlOutboxStore,
  sqlPlanStore,
  sqlReconcileStore,
  systemClock,
  type AuditRecorder,
  type Clock,
  type SqlExecutor,
} from "../../store";
import { recordSent } from "../audit-entry";
import { Outbox } from "../outbox";
import { mailRenderer } from "../render";

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
}): Outbox {
  const clock = deps.clock ?? systemClock;
  const reconcile = sqlReconcileStore(deps.db, clock);
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
    }),
    log: pino({ level: "silent" }),
    clock,
    sentItemsSettleMs: SENT_ITEMS_SETTLE_MS,
    ...(deps.instanceId ? { instanceId: deps.instanceId } : {}),
    ...(deps.audit ? { onSent: recordSent(deps.audit) } : {}),
  });
}
