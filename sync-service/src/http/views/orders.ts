import type { OrderKind, PlanStore, SentOrder } from "../../store/plans";
import type { MirrorStore } from "../../store/types";

/** From the beginning to the end of time: every order of a kind, whenever its meeting is. */
export const ALL_TIME = { from: "1970-01-01T00:00:00Z", to: "9999-01-01T00:00:00Z" } as const;

/** The latest order of each meeting, with how many orders came before it. */
export function latestOrders(orders: SentOrder[]): Map<string, { order: SentOrder; count: number }> {
  const latest = new Map<string, { order: SentOrder; count: number }>();
  for (const order of orders) {
    latest.set(order.eventId, { order, count: (latest.get(order.eventId)?.count ?? 0) + 1 });
  }
  return latest;
}

/** What a list of orders reads: the orders sent, and their meetings in the mirror. */
export interface OrderSources {
  plans: Pick<PlanStore, "ordersBetween">;
  mirror: Pick<MirrorStore, "getItems">;
  mayorMailbox: string;
}

/** The orders of a kind sent for meetings in [from, to), and those meetings as the mirror has them. */
export async function ordersWithMeetings(
  sources: OrderSources,
  kind: OrderKind,
  range: { from: string; to: string },
) {
  const orders = await sources.plans.ordersBetween(sources.mayorMailbox, kind, range.from, range.to);
  const items = await sources.mirror.getItems(
    sources.mayorMailbox,
    "events",
    orders.map((o) => o.eventId),
  );
  return { orders, items };
}
