import { CateringConfirmResultSchema, CateringListResponseSchema } from "@modeklar/shared";
import type { ApiBuilder } from "../../api";
import { who } from "../../auth";
import { notFound } from "../../problem";
import { cateringList } from "../../views/catering-list";
import { ALL_TIME } from "../../views/orders";
import { changePlan } from "../plan/writeback";
import { dayListRoute } from "./day-list";
import type { PagesDeps } from "./deps";

/** The kitchen's list of orders, and the kitchen's confirmation of one. */
export function cateringListRoutes(api: ApiBuilder, deps: PagesDeps): void {
  dayListRoute(api, deps, {
    path: "/daylists/catering",
    summary:
      "The kitchen's orders from a day (default today) for two weeks: time, place, count, dietary needs, cost centre; changes and cancellations first.",
    response: CateringListResponseSchema,
    view: cateringList,
  });

  api.add({
    method: "post",
    path: "/daylists/catering/:id/confirm",
    summary:
      "The kitchen confirms an order: the meeting's catering step becomes confirmed (on the event, with If-Match).",
    response: CateringConfirmResultSchema,
    audit: { action: "catering.confirm", target: "meeting", param: "id" },
    handler: async ({ params, principal, audit }) => {
      const eventId = params["id"] ?? "";
      const orders = await deps.plans.ordersBetween(
        deps.mayorMailbox,
        "catering",
        ALL_TIME.from,
        ALL_TIME.to,
      );
      if (!orders.some((o) => o.eventId === eventId))
        throw notFound("The kitchen has no order for this meeting.");
      const by = who(principal);
      const plan = await changePlan(
        deps,
        eventId,
        (p) => ({ ...p, catering: { ...p.catering, state: "confirmed" } }),
        by,
      );
      audit.describe({ fields: ["catering.state"] });
      const confirmation = await deps.pages.confirmCatering({
        mailbox: deps.mayorMailbox,
        eventId,
        confirmedBy: by,
      });
      return { confirmedAt: confirmation.confirmedAt, revision: plan.revision };
    },
  });
}
