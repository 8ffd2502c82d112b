import type { PrivacySettings } from "@modeklar/shared";
import type { MailboxGateway } from "../../../graph";
import type { Outbox } from "../../../outbox/outbox";
import type { PlanStore } from "../../../store/plans";
import type { MirrorStore } from "../../../store/types";
import type { Offices } from "./offices";

/** What the task pane's operations need from the rest of the service. */
export interface PlanApiDeps {
  plans: PlanStore;
  /** Orders are owed there with the plan that records them, and sent from there. */
  outbox: Outbox;
  mirror: MirrorStore;
  gateway: MailboxGateway;
  mayorMailbox: string;
  offices: Offices;
  /** Who besides the mayor sees private meetings whole (PRIVATE_ITEMS_VISIBLE_TO). */
  privacy: PrivacySettings;
  now: () => Date;
}
