import type { ApiBuilder } from "../../api";
import { conflictRoutes } from "./conflicts";
import { reconcileRoutesOf, type ReconcileApiDeps } from "./context";
import { deadlineRoutes } from "./deadlines";
import { inquiryRoutes } from "./inquiries";
import { pinRoutes } from "./pins";
import { ruleRoutes } from "./rules";
import { settingsRoutes } from "./settings";

export type { ReconcileApiDeps } from "./context";

/** The reconcile API: rules (versioned, dry run), pins, conflicts, travel, settings, deadlines, inquiries. */
export function reconcileRoutes(api: ApiBuilder, deps: ReconcileApiDeps): void {
  const routes = reconcileRoutesOf(deps);
  ruleRoutes(api, routes);
  pinRoutes(api, routes);
  conflictRoutes(api, routes);
  settingsRoutes(api, routes);
  deadlineRoutes(api, routes);
  inquiryRoutes(api, routes);
}
