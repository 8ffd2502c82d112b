import type { PrivacySettings } from "@modeklar/shared";
import type { Logger } from "pino";
import type { MailboxGateway } from "../graph";
import type { Outbox } from "../outbox/outbox";
import type { InquiryJournal } from "../journal/inquiry-views";
import type { ServiceDatabase } from "../store";
import type { SyncEngine } from "../sync";
import { Reconciler } from "./reconciler";

export interface AttachOptions {
  engine: SyncEngine;
  database: ServiceDatabase;
  gateway: MailboxGateway;
  outbox: Outbox;
  mayorMailbox: string;
  addinId: string;
  /** Who besides the mayor sees private meetings whole (PRIVATE_ITEMS_VISIBLE_TO). */
  privacy: PrivacySettings;
  logger: Logger;
  /** CATERING_MAILBOX and RECEPTION_MAILBOX; Fjordby's by default. */
  cateringMailbox?: string;
  receptionMailbox?: string;
  now?: () => Date;
  /** Inquiries with their journal state; the deadline list's "mangler journalisering" when a journal mailbox is configured. */
  inquiryJournal: InquiryJournal;
}

/**
 * Wires reconcile into the running service in one call: told about every mirrored change,
 * the digest scheduled. Its API is mounted by http/ (reconcileRoutes) from the Reconciler this
 * returns. Stop it before the store closes.
 */
export function attachReconciler(options: AttachOptions): Reconciler {
  const now = options.now ?? (() => new Date());
  const reconciler = new Reconciler({
    mirror: options.database.mirror,
    store: options.database.reconcile,
    gateway: options.gateway,
    outbox: options.outbox,
    mailbox: options.mayorMailbox,
    addinId: options.addinId,
    cateringMailbox: options.cateringMailbox ?? process.env["CATERING_MAILBOX"] ?? "kantine@fjordby.dk",
    receptionMailbox: options.receptionMailbox ?? process.env["RECEPTION_MAILBOX"] ?? "reception@fjordby.dk",
    privacy: options.privacy,
    log: options.logger,
    now,
    instanceId: options.engine.instanceId,
    ...(options.inquiryJournal.settings.mailbox
      ? {
          journal: {
            store: options.database.journal,
            dueWorkingDays: options.inquiryJournal.settings.dueWorkingDays,
            documents: options.database,
          },
        }
      : {}),
  });
  options.engine.onChanges(async (changes) => {
    await reconciler.onChanges(changes);
  });
  // The durable marker of owed work: changes a stop dropped or a kill lost are caught up after.
  options.engine.watchRounds(reconciler.watchRound);
  reconciler.start();
  return reconciler;
}
