import type { SentOrder } from "../../store/plans";

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
