import {
  MeetingDeadlinesQuerySchema,
  MeetingDeadlinesResponseSchema,
  cateringCutoff,
  guestListDue,
  isBeforeCutoff,
  materialDue,
} from "@modeklar/shared";
import type { ApiBuilder } from "../../api";
import type { PlanApiDeps } from "./deps";
import { meetingOf, recordPrivateRead } from "./meeting-access";

export function deadlineRoutes(api: ApiBuilder, deps: PlanApiDeps): void {
  api.add({
    method: "get",
    path: "/meetings/:id/deadlines",
    summary: "The meeting's catering cut-off, guest list and material deadlines in Danish working days.",
    query: MeetingDeadlinesQuerySchema,
    response: MeetingDeadlinesResponseSchema,
    handler: async (request) => {
      const { params, query, principal } = request;
      const meeting = await meetingOf(deps, params["id"] ?? "", principal);
      await recordPrivateRead(deps, request, "time");
      const cutoff = cateringCutoff(meeting.start, deps.offices.kitchen);
      return {
        cateringCutoff: cutoff,
        cateringOpen: isBeforeCutoff(deps.now().toISOString(), cutoff),
        guestListDue: guestListDue(meeting.start),
        materialDue: materialDue(meeting.start, query.materialDays),
      };
    },
  });
}
