import { ArrivalRequestSchema, ArrivalResultSchema, ReceptionListResponseSchema } from "@modeklar/shared";
import { toFailure } from "../../../graph";
import { personOf } from "../../../mirror/events";
import { guestArrivedMail } from "../../../outbox/order-mails";
import type { ApiBuilder } from "../../api";
import { who, type Principal } from "../../auth";
import { notFound, outlookProblem } from "../../problem";
import { ALL_TIME, latestOrders } from "../../views/orders";
import { receptionList } from "../../views/reception-list";
import { ReceptionNoticeSchema, type ReceptionNotice } from "../../views/reception-notice";
import { dayListRoute } from "./day-list";
import type { PagesDeps } from "./deps";

const looksLikeAddress = (value: string) => /^[^@\s]+@[^@\s]+$/.test(value);

/** The latest guest list sent for the meeting, when it names `guest`; else a 404. */
async function listNaming(deps: PagesDeps, eventId: string, guest: string) {
  const orders = await deps.plans.ordersBetween(deps.mayorMailbox, "reception", ALL_TIME.from, ALL_TIME.to);
  const order = latestOrders(orders.filter((o) => o.eventId === eventId)).get(eventId)?.order;
  const notice = order ? ReceptionNoticeSchema.safeParse(order.body) : null;
  if (!notice?.success || !notice.data.guests.some((g) => g.name === guest)) {
    throw notFound("That guest is not on the reception's list for this meeting.");
  }
  return notice.data;
}

/** Mails the guest's host (the list's host when it is an address, else the organizer, else the mayor) that the guest has come. */
async function tellHost(
  deps: PagesDeps,
  principal: Principal,
  list: ReceptionNotice,
  eventId: string,
  name: string,
): Promise<void> {
  const event = await deps.mirror.getItem(deps.mayorMailbox, "events", eventId);
  const host =
    list.host && looksLikeAddress(list.host)
      ? list.host
      : (personOf(event?.data["organizer"])?.address ?? deps.mayorMailbox);
  const guest = list.guests.find((g) => g.name === name);
  try {
    await deps.gateway.sendMail(
      principal.username || deps.mayorMailbox,
      guestArrivedMail(host, { name, organisation: guest?.organisation }, event?.data ?? {}),
    );
  } catch (err) {
    // The guest is marked arrived whatever Outlook did: sending the mark again tells nobody.
    throw outlookProblem(toFailure(err), {
      retry: false,
      title: "The host was not told",
      detail: "The guest is marked arrived, but the mail to the host did not go. Call the host.",
    });
  }
}

/** The reception's day list, and the guests it marks arrived. */
export function receptionListRoutes(api: ApiBuilder, deps: PagesDeps): void {
  dayListRoute(api, deps, {
    path: "/daylists/reception",
    summary:
      "The reception's guests today and tomorrow (or from a given day): name, organisation, arrival, host, place, badge and parking. Nothing else of the meeting.",
    response: ReceptionListResponseSchema,
    view: receptionList,
  });

  api.add({
    method: "post",
    path: "/daylists/reception/:id/arrivals",
    summary: "Marks a guest arrived; the host gets a mail the first time.",
    body: ArrivalRequestSchema,
    response: ArrivalResultSchema,
    audit: { action: "arrival.mark", target: "meeting", param: "id" },
    handler: async ({ params, body, principal, audit }) => {
      const eventId = params["id"] ?? "";
      const list = await listNaming(deps, eventId, body.guest);
      const { first, arrival } = await deps.pages.markArrived({
        mailbox: deps.mayorMailbox,
        eventId,
        guest: body.guest,
        markedBy: who(principal),
      });
      if (!first) audit.nothingWritten();
      audit.describe({ fields: ["guest"] });
      await audit.commit();
      if (first) await tellHost(deps, principal, list, eventId, body.guest);
      return { arrivedAt: arrival.arrivedAt, hostNotified: first };
    },
  });
}
