import type { z } from "zod";
import type { ReceptionDayResponseSchema } from "@modeklar/shared";
import type { Reader } from "../reader";
import { localRange } from "./local-time";
import { ordersWithMeetings, type OrderSources } from "./orders";
import { ReceptionNoticeSchema } from "./reception-notice";

/**
 * The task pane's view of the reception's day `date`: the latest guest list sent per meeting,
 * as the reader may see it (a private meeting's subject is never shown). The private meetings
 * listed are recorded as read.
 */
export async function receptionDay(
  sources: OrderSources,
  date: string,
  reader: Reader,
): Promise<z.output<typeof ReceptionDayResponseSchema>> {
  const { viewer, language } = reader;
  const { orders, items } = await ordersWithMeetings(sources, "reception", localRange(date, 1));
  const latest = new Map(orders.map((order) => [order.eventId, order]));
  const meetings = new Map(items.map((i) => [i.id, i.data]));
  const listed = [...meetings].filter(([id, data]) => {
    const notice = ReceptionNoticeSchema.safeParse(latest.get(id)?.body);
    return notice.success && viewer(data).sees("guests");
  });
  await reader.shows(listed.map(([id, data]) => ({ id, data })));
  return {
    meetings: [...latest.values()].flatMap((order) => {
      const notice = ReceptionNoticeSchema.safeParse(order.body);
      const meeting = meetings.get(order.eventId) ?? null;
      const view = viewer(meeting);
      if (!notice.success || !view.sees("guests")) return [];
      const guests = view.sees("guestContact")
        ? notice.data.guests
        : notice.data.guests.map(({ email: _email, ...guest }) => guest);
      return [
        {
          meetingId: order.eventId,
          start: order.meetingStart,
          subject: view.subject(typeof meeting?.["subject"] === "string" ? meeting["subject"] : "", language),
          ...(notice.data.arrivalAt ? { arrivalAt: notice.data.arrivalAt } : {}),
          ...(notice.data.host && view.sees("host") ? { host: notice.data.host } : {}),
          parking: notice.data.parking,
          badge: notice.data.badge,
          guests,
          sentAt: order.sentAt,
        },
      ];
    }),
  };
}
