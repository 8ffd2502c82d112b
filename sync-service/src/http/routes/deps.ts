import type { PrivacySettings } from "@modeklar/shared";
import type { MailboxGateway } from "../../graph";
import type { InvitationResponses } from "../../store/invitation-responses";
import type { SettingStore } from "../../store/reconcile";
import type { RetentionRuns } from "../../store/retention";
import type { MirrorStore } from "../../store/types";

/** What the read API needs from the rest of the service. */
export interface ReadApiDeps {
  mirror: MirrorStore;
  gateway: MailboxGateway;
  invitationResponses: InvitationResponses;
  /** Reconcile's ledger: the first pass's progress. */
  reconcile: SettingStore;
  /** Every configured mailbox; the first is the mayor's. */
  mailboxes: string[];
  mayorMailbox: string;
  addinId: string;
  /** Who besides the mayor sees private meetings whole (PRIVATE_ITEMS_VISIBLE_TO). */
  privacy: PrivacySettings;
  /** Retention's runs: the last one is on /api/sync/status. */
  retentionRuns: Pick<RetentionRuns, "last">;
  now: () => Date;
}
