export { SyncEngine, type SyncEngineOptions } from "./engine";
export {
  DeltaSync,
  MailboxLeaseLost,
  type ChangeListener,
  type MirrorChanges,
  type RoundReport,
} from "./delta-sync";
export { createNotificationHandlers, type NotificationHandlers } from "./notifications";
export { SubscriptionKeeper, WEBHOOK_PATHS, hashClientState } from "./subscriptions";
export { calendarWindow, type WindowSize } from "./window";
export { JOB_KINDS, type JobKind } from "./jobs";
