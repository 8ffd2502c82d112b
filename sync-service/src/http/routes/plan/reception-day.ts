import { ReceptionDayQuerySchema, ReceptionDayResponseSchema } from "@modeklar/shared";
import { DateTime } from "luxon";
import type { ApiBuilder } from "../../api";
import { privateReadsOf } from "../../audit-trail";
import { languageOf } from "../../language";
import { viewerOf } from "../../privacy";
import type { PlanApiDeps } from "./deps";
import { ReceptionNoticeSchema } from "./reception-notice";

const ZONE = "Europe/Copenhagen";

export function receptionDayRoute(api: ApiBuilder, deps: PlanApiDeps): void {
  api.add({
    method: "get",
    path: "/reception/day",
    summary:
      "The reception's guest list for a day: the latest notice per meeting; a private meeting's subject is never shown.",
    query: ReceptionDayQuerySchema,
    response: ReceptionDayResponseSchema,
    handler: async ({ query, req, principal, audit }) => {
      const day = DateTime.fromISO(query.date, { zone: ZONE });
      const orders = await deps.plans.ordersBetween(
        deps.mayorMailbox,
        "reception",
        day.toUTC().toISO() ?? "",
        day.plus({ days: 1 }).toUTC().toISO() ?? "",
      );
      const latest = new Map(orders.map((order) => [order.eventId, order]));
      const meetings = new Map(
        (await deps.mirror.getItems(deps.mayorMailbox, "events", [...latest.keys()])).map((i) => [
          i.id,
          i.data,
        ]),
      );
      const viewer = viewerOf(principal, deps.privacy);
      const language = languageOf(req.header("accept-language"));
      const listed = [...meetings].filter(([id, data]) => {
        const notice = ReceptionNoticeSchema.safeParse(latest.get(id)?.body);
        return notice.success && viewer(data).sees("guests");
      });
      await audit.privateReads(
        privateReadsOf(
          viewer,
          listed.map(([id, data]) => ({ id, data })),
        ),
      );
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
              subject: view.subject(
                typeof meeting?.["subject"] === "string" ? meeting["subject"] : "",
                language,
              ),
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
    },
  });
}
