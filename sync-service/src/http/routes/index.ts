import type { ApiBuilder } from "../api";
import type { ReadApiDeps } from "./deps";
import { invitationRoutes } from "./invitations";
import { meetingRoutes } from "./meetings";
import { syncStatusRoutes } from "./sync-status";

export type { ReadApiDeps } from "./deps";
export { syncStatus } from "./sync-status";

/** Every /api operation of the service. */
export function addReadApi(api: ApiBuilder, deps: ReadApiDeps): ApiBuilder {
  meetingRoutes(api, deps);
  invitationRoutes(api, deps);
  syncStatusRoutes(api, deps);
  return api;
}
