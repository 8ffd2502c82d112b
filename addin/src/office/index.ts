// The only place Office.js is touched: everything else gets these plain interfaces.
export { connectOutlook, isInOutlook, outlookHost, type OutlookHost } from "./outlook";
export { supportsNestedAppAuth } from "./nested-app-auth";
export {
  isOfficeFailure,
  OfficeFailure,
  type OfficeFailureReason,
  type OfficeFeature,
  type OfficeOperation,
} from "./failure";
export type * from "./meeting";
