import { ReceptionNoticeRequestSchema, ReceptionNoticeResponseSchema, guestListDue } from "@modeklar/shared";
import type { ApiBuilder } from "../../api";
import { badRequest } from "../../problem";
import type { PlanApiDeps } from "./deps";
import { orderRoute } from "./order-flow";

/** The guest list goes to the reception, which keeps it for its day list. */
export function receptionListRoute(api: ApiBuilder, deps: PlanApiDeps): void {
  orderRoute(api, deps, {
    step: "reception",
    summary: "Sends the guest list to the reception (kept for its day list) with a notice mail.",
    body: ReceptionNoticeRequestSchema,
    response: ReceptionNoticeResponseSchema,
    order: (body) => {
      const guests = [...body.reception.guests, ...body.moreGuests];
      return {
        order: body.reception,
        to: deps.offices.receptionMailbox,
        refuse: () => {
          if (guests.length === 0) throw badRequest("body.reception.guests: add at least one guest");
        },
        recorded: (reception) => ({ ...reception, guests }),
      };
    },
    answer: (_body, { meeting, sentAt, revision }) => ({
      due: guestListDue(meeting.start),
      sentAt,
      revision,
    }),
  });
}
