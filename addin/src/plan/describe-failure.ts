import type { Translate } from "../i18n";
import { isOfficeFailure } from "../office";
import { ServiceProblem } from "./api";

/**
 * Why something the pane asked for failed, for the secretary: Outlook's failure in the pane's
 * language, the service's refusal in its own words, and "no connection" for everything else.
 */
export function describeFailure(error: unknown, t: Translate): string {
  if (isOfficeFailure(error)) return error.describe(t);
  if (error instanceof ServiceProblem && error.status !== 0) return error.detail;
  return t("plan.networkFailed");
}
