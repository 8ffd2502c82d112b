import type { ApiBuilder } from "../../api";
import { cateringListRoutes } from "./catering-list";
import type { PagesDeps } from "./deps";
import { phoneRoutes } from "./phone";
import { receptionListRoutes } from "./reception-list";
import { weekCalendarRoute, weekRoutes } from "./week";
import { weeklyDecisionRoute } from "./weekly-decisions";

export { chiefOfStaffFromEnv, type PagesDeps } from "./deps";

/** The pages' operations: the mayor's phone, the weekly calendar meeting, the reception's and the kitchen's lists. */
export function pageRoutes(api: ApiBuilder, deps: PagesDeps): void {
  phoneRoutes(api, deps);
  weekRoutes(api, deps);
  weeklyDecisionRoute(api, deps);
  weekCalendarRoute(api, deps);
  receptionListRoutes(api, deps);
  cateringListRoutes(api, deps);
}
