export {
  Reconciler,
  type CalendarRules,
  type ReconcilerOptions,
  type Replaced,
  type RoundReport,
  type Versioned,
} from "./reconciler";
export { DIGEST_JOB } from "./digest";
export { RuleBook, FIRST_SETUP, type StoredRules } from "./rule-book";
export {
  SettingsBook,
  ReconcileSettingsSchema,
  DepartmentSchema,
  RoutingRuleSchema,
  type ReconcileSettings,
} from "./settings";
export { HAND_EDIT, type ClassifiedItem, type PriorityReport } from "./priorities";
export { deadlineList, digestText, type DeadlineEntry } from "./deadlines";
export { attachReconciler, type AttachOptions } from "./attach";
