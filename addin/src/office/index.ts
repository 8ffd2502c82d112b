// The only place Office.js is touched: everything else gets these plain interfaces.
export { connectOutlook, isInOutlook, outlookHost, type OutlookHost } from "./outlook";
export { CUSTOM_PROPERTIES_LIMIT } from "./office-meeting";
export {
  isOfficeFailure,
  OfficeFailure,
  type OfficeFailureReason,
  type OfficeFeature,
  type OfficeOperation,
} from "./failure";
export type * from "./meeting";
