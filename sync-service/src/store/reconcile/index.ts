import type { Clock } from "../clock";
import type { SqlSession } from "../sql";
import { sqlOnceClaims, type OnceClaims } from "./claims";
import { sqlInquiryStore, type InquiryStore } from "./inquiries";
import { sqlMeetingRequestLinks, type MeetingRequestLinks } from "./meeting-request-links";
import { sqlMeetingSnapshots, type MeetingSnapshots } from "./meeting-snapshots";
import { sqlOwedMarkers, type OwedMarkers } from "./owed-markers";
import { sqlPriorityPins, type PriorityPins } from "./pins";
import { sqlRuleVersions, type RuleVersions } from "./rule-versions";
import { sqlSettingStore, type SettingStore } from "./settings";
import { sqlWriteLedger, type WriteLedger } from "./write-ledger";

export { sqlOnceClaims, type OnceClaims } from "./claims";
export {
  INQUIRY_STATUSES,
  sqlInquiryStore,
  type InquiryChange,
  type InquiryRecord,
  type InquiryStatus,
  type InquiryStore,
  type NewInquiry,
} from "./inquiries";
export { sqlMeetingRequestLinks, type MeetingRequestLinks } from "./meeting-request-links";
export { sqlMeetingSnapshots, type MeetingSnapshots } from "./meeting-snapshots";
export { sqlOwedMarkers, type OwedMarkers } from "./owed-markers";
export { sqlPriorityPins, type PriorityPin, type PriorityPins } from "./pins";
export { sqlRuleVersions, type RuleVersion, type RuleVersions } from "./rule-versions";
export { sqlSettingStore, type Setting, type SettingStore } from "./settings";
export { sqlWriteLedger, type WriteLedger, type WrittenPriority } from "./write-ledger";

/**
 * Reconcile's ledger beside the mirror, one slice per concern; a consumer takes only the slices
 * it uses. Every method is one statement (or one transaction), so several service instances can
 * share it.
 */
export interface ReconcileStore
  extends
    RuleVersions,
    PriorityPins,
    WriteLedger,
    SettingStore,
    OnceClaims,
    MeetingSnapshots,
    MeetingRequestLinks,
    InquiryStore,
    OwedMarkers {}

export function sqlReconcileStore(db: SqlSession, clock: Clock): ReconcileStore {
  return {
    ...sqlRuleVersions(db, clock),
    ...sqlPriorityPins(db, clock),
    ...sqlWriteLedger(db, clock),
    ...sqlSettingStore(db, clock),
    ...sqlOnceClaims(db, clock),
    ...sqlMeetingSnapshots(db),
    ...sqlMeetingRequestLinks(db),
    ...sqlInquiryStore(db, clock),
    ...sqlOwedMarkers(db, clock),
  };
}
