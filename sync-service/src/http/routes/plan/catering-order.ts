import {
  CateringOrderRequestSchema,
  CateringOrderResponseSchema,
  cateringCutoff,
  isBeforeCutoff,
  t,
  type Kitchen,
} from "@modeklar/shared";
import { DateTime } from "luxon";
import type { ApiBuilder } from "../../api";
import type { Language } from "../../language";
import { badRequest, Problem } from "../../problem";
import { ZONE } from "../../views/local-time";
import type { PlanApiDeps } from "./deps";
import { orderRoute } from "./order-flow";

/** The kitchen's cut-off is enforced here: after it, an order is refused (422) with when it was. */
function refuseAfterCutoff(meetingStart: string, kitchen: Kitchen, now: Date, language: Language): void {
  const cutoff = cateringCutoff(meetingStart, kitchen);
  if (isBeforeCutoff(now.toISOString(), cutoff)) return;
  const due = DateTime.fromISO(cutoff, { zone: ZONE })
    .setLocale(language)
    .toLocaleString(DateTime.DATETIME_MED_WITH_WEEKDAY);
  throw new Problem(422, "Too late to order catering", t(language, "cutoff.passed", { due }), {
    code: "cateringCutoffPassed",
    cutoff,
  });
}

export function cateringOrderRoute(api: ApiBuilder, deps: PlanApiDeps): void {
  const { kitchen } = deps.offices;
  orderRoute(api, deps, {
    step: "catering",
    summary: "Orders catering from the kitchen by mail; refused (422) after the kitchen's cut-off.",
    body: CateringOrderRequestSchema,
    response: CateringOrderResponseSchema,
    order: (body) => ({
      order: body.order,
      to: kitchen.mailbox,
      refuse: ({ start }, language) => {
        refuseAfterCutoff(start, kitchen, deps.now(), language);
        if (body.order.items.length === 0 && !body.order.otherItems)
          throw badRequest("body.order.items: choose what to order");
      },
      recorded: (order) => ({ ...order, count: order.count ?? body.headCount }),
    }),
    answer: (_body, { meeting, sentAt, revision }) => ({
      cutoff: cateringCutoff(meeting.start, kitchen),
      sentAt,
      revision,
    }),
  });
}
