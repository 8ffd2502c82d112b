import { ReceptionDayQuerySchema, ReceptionDayResponseSchema } from "@modeklar/shared";
import type { ApiBuilder } from "../../api";
import { readerOf } from "../../reader";
import { receptionDay } from "../../views/reception-day";
import type { PlanApiDeps } from "./deps";

export function receptionDayRoute(api: ApiBuilder, deps: PlanApiDeps): void {
  api.add({
    method: "get",
    path: "/reception/day",
    summary:
      "The reception's guest list for a day: the latest notice per meeting; a private meeting's subject is never shown.",
    query: ReceptionDayQuerySchema,
    response: ReceptionDayResponseSchema,
    handler: async (request) => receptionDay(deps, request.query.date, readerOf(request, deps.privacy)),
  });
}
