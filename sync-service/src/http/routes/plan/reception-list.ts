import { ReceptionNoticeRequestSchema, ReceptionNoticeResponseSchema, guestListDue } from "@modeklar/shared";
import type { ApiBuilder } from "../../api";
import { badRequest } from "../../problem";
import type { PlanApiDeps } from "./deps";
import { placeOrder } from "./order-flow";

/** The guest list goes to the reception, which keeps it for its day list. */
export function receptionListRoute(api: ApiBuilder, deps: PlanApiDeps): void {
  api.add({
    method: "post",
    path: "/meetings/:id/reception",
    summary: "Sends the guest list to the reception (kept for its day list) with a notice mail.",
    body: ReceptionNoticeRequestSchema,
    response: ReceptionNoticeResponseSchema,
    audit: { action: "order.reception", target: "meeting", param: "id" },
    handler: async (request) => {
      const { body } = request;
      const guests = [...body.reception.guests, ...body.moreGuests];
      const { meeting, revision } = await placeOrder(deps, request, {
        step: "reception",
        order: body.reception,
        to: deps.offices.receptionMailbox,
        refuse: () => {
          if (guests.length === 0) throw badRequest("body.reception.guests: add at least one guest");
        },
        recorded: (reception) => ({ ...reception, guests }),
      });
      return { due: guestListDue(meeting.start), sentAt: deps.now().toISOString(), revision };
    },
  });
}
