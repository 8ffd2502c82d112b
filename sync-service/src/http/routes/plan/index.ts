import type { ApiBuilder } from "../../api";
import { briefingRoutes } from "./briefing";
import { cateringOrderRoute } from "./catering-order";
import { deadlineRoutes } from "./deadlines";
import type { PlanApiDeps } from "./deps";
import { departmentsRoute, materialOrderRoute } from "./material-order";
import { meetingPlanRoutes } from "./meeting-plan";
import { receptionDayRoute } from "./reception-day";
import { receptionListRoute } from "./reception-list";
import { roomRoutes } from "./rooms";

export type { PlanApiDeps } from "./deps";
export { officesFromEnv, type Department, type Offices } from "./offices";
export { taskPaneConfig } from "./task-pane-config";

/** The task pane's operations: rooms, deadlines, the plan, its three orders, the briefing note, the reception's day. */
export function planRoutes(api: ApiBuilder, deps: PlanApiDeps): void {
  roomRoutes(api, deps);
  departmentsRoute(api, deps);
  deadlineRoutes(api, deps);
  meetingPlanRoutes(api, deps);
  cateringOrderRoute(api, deps);
  receptionListRoute(api, deps);
  materialOrderRoute(api, deps);
  briefingRoutes(api, deps);
  receptionDayRoute(api, deps);
}
