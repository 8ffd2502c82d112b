import type { ReceptionGuest, ReceptionListResponse } from "@modeklar/shared";
import { DateTime } from "luxon";
import { isCancelled, locationOf, personOf } from "../../mirror/events";
import type { PagesStore } from "../../store/pages";
import { ReceptionNoticeSchema } from "./reception-notice";
import type { Reader } from "../reader";
import { atLocalTime, localDateOf, localRange, ZONE } from "./local-time";
import { latestOrders, ordersWithMeetings, type OrderSources } from "./orders";

/** What the reception's day list reads: the guest lists sent, the meetings, the arrivals marked. */
export interface ReceptionListSources extends OrderSources {
  pages: Pick<PagesStore, "arrivalsOf">;
}

/**
 * The reception's day list for `first` and the day after: each guest of the latest guest list
 * of each meeting not cancelled, with arrival, host, place, badge and parking as the reader may
 * see them. The private meetings listed are recorded as read.
 */
export async function receptionList(
  sources: ReceptionListSources,
  first: string,
  reader: Reader,
): Promise<ReceptionListResponse> {
  const { viewer } = reader;
  const { orders, items } = await ordersWithMeetings(sources, "reception", localRange(first, 2));
  const events = new Map(items.map((i) => [i.id, i.data]));
  const latest = [...latestOrders(orders).values()]
    .map((l) => l.order)
    .filter((order) => !isCancelled(events.get(order.eventId) ?? {}));
  const arrivals = await sources.pages.arrivalsOf(
    sources.mayorMailbox,
    latest.map((o) => o.eventId),
  );
  const arrived = new Map(arrivals.map((a) => [`${a.eventId}|${a.guest}`, a.arrivedAt]));
  const guests: ReceptionGuest[] = latest.flatMap((order) => {
    const notice = ReceptionNoticeSchema.safeParse(order.body);
    if (!notice.success) return [];
    const data = events.get(order.eventId) ?? null;
    const view = viewer(data);
    if (!view.sees("guests")) return [];
    const organizer = view.sees("organizer") ? personOf(data?.["organizer"])?.name : "";
    const host = (view.sees("host") && notice.data.host) || organizer || "";
    return notice.data.guests.map((guest) => ({
      meetingId: order.eventId,
      name: guest.name,
      organisation: guest.organisation ?? "",
      arrivalAt: atLocalTime(order.meetingStart, notice.data.arrivalAt),
      host,
      location: data && view.sees("place") ? locationOf(data) : "",
      badge: notice.data.badge,
      parking: notice.data.parking,
      arrivedAt: arrived.get(`${order.eventId}|${guest.name}`) ?? null,
    }));
  });
  guests.sort((a, b) => a.arrivalAt.localeCompare(b.arrivalAt) || a.name.localeCompare(b.name, "da"));
  const listed = new Set(guests.map((g) => g.meetingId));
  await reader.shows(items.filter((i) => listed.has(i.id)));
  const second = DateTime.fromISO(first, { zone: ZONE }).plus({ days: 1 }).toISODate() as string;
  return {
    days: [first, second].map((date) => ({
      date,
      guests: guests.filter((g) => localDateOf(g.arrivalAt) === date),
    })),
  };
}
