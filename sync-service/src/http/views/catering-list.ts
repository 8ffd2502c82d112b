import {
  cateringHeadCount,
  CateringOrderSchema,
  MeetingPlanSchema,
  type CateringLine,
  type CateringListResponse,
} from "@modeklar/shared";
import { eventsBetween, headCountOfEvent, isCancelled, locationOf, personOf } from "../../mirror/events";
import type { PagesStore } from "../../store/pages";
import type { PlanStore, SentOrder } from "../../store/plans";
import type { MirrorStore } from "../../store/types";
import type { Viewer } from "../privacy";
import type { Reader } from "../reader";
import { atLocalTime, localDateOf, localRange } from "./local-time";
import { ALL_TIME, latestOrders, ordersWithMeetings, type OrderSources } from "./orders";

/** What the kitchen's list reads: the orders sent, the meetings, the plans and the kitchen's confirmations. */
export interface CateringListSources extends OrderSources {
  plans: Pick<PlanStore, "ordersBetween" | "getPlan">;
  pages: Pick<PagesStore, "confirmationsOf">;
}

type Mirrored = Awaited<ReturnType<MirrorStore["getItems"]>>[number];

/** One meeting's latest order as the kitchen's list shows it: changed or cancelled since, and confirmed or not. */
async function cateringLine(
  sources: CateringListSources,
  order: SentOrder,
  item: Mirrored | undefined,
  confirmedAt: string | undefined,
  viewer: Viewer,
): Promise<CateringLine> {
  const parsed = CateringOrderSchema.safeParse(order.body);
  const catering = parsed.success ? parsed.data : CateringOrderSchema.parse({});
  const timed = item ? eventsBetween([item], ALL_TIME.from, ALL_TIME.to)[0] : undefined;
  const stored = await sources.plans.getPlan(sources.mayorMailbox, order.eventId);
  const plan = stored ? MeetingPlanSchema.safeParse(stored.plan) : null;
  const cancelled = !item || isCancelled(item.data);
  const moved = timed !== undefined && timed.start !== order.meetingStart;
  // The number follows the meeting (attendees and guests now) unless the secretary set it by hand.
  const ordered = catering.count ?? 0;
  const count =
    plan?.success && item
      ? cateringHeadCount(plan.data.catering, headCountOfEvent(item.data, plan.data))
      : ordered;
  const changedAfterConfirming =
    confirmedAt !== undefined && (order.sentAt > confirmedAt || count !== ordered);
  const start = timed?.start ?? order.meetingStart;
  const view = viewer(item?.data ?? null);
  return {
    meetingId: order.eventId,
    date: localDateOf(start),
    serveAt: atLocalTime(start, catering.serveAt),
    location: item && view.sees("place") ? locationOf(item.data) : "",
    host: item && view.sees("organizer") ? (personOf(item.data["organizer"])?.name ?? "") : "",
    count,
    items: catering.items,
    otherItems: catering.otherItems ?? "",
    dietary: catering.dietary,
    dietaryNote: catering.dietaryNote ?? "",
    costCentre: catering.costCentre ?? null,
    state: plan?.success ? plan.data.catering.state : catering.state,
    confirmedAt: changedAfterConfirming ? null : (confirmedAt ?? null),
    change: cancelled ? "cancelled" : moved || changedAfterConfirming ? "changed" : null,
  };
}

/**
 * The kitchen's list from `first` for two weeks: the latest order of each meeting, changes and
 * cancellations first, then by serving time. The private meetings listed are recorded as read.
 */
export async function cateringList(
  sources: CateringListSources,
  first: string,
  reader: Reader,
): Promise<CateringListResponse> {
  const { orders, items } = await ordersWithMeetings(sources, "catering", localRange(first, 14));
  const events = new Map(items.map((i) => [i.id, i]));
  const latest = latestOrders(orders);
  const confirmations = new Map(
    (await sources.pages.confirmationsOf(sources.mayorMailbox, [...latest.keys()])).map((c) => [
      c.eventId,
      c,
    ]),
  );
  const lines = await Promise.all(
    [...latest.values()].map(({ order }) =>
      cateringLine(
        sources,
        order,
        events.get(order.eventId),
        confirmations.get(order.eventId)?.confirmedAt,
        reader.viewer,
      ),
    ),
  );
  lines.sort(
    (a, b) => Number(b.change !== null) - Number(a.change !== null) || a.serveAt.localeCompare(b.serveAt),
  );
  await reader.shows(items.filter((i) => latest.has(i.id)));
  return { orders: lines };
}
