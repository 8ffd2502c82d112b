import {
  cateringHeadCount,
  ArrivalRequestSchema,
  ArrivalResultSchema,
  CateringConfirmResultSchema,
  CateringListResponseSchema,
  CateringOrderSchema,
  DayQuerySchema,
  IcsQuerySchema,
  isoWeekOf,
  MeetingPlanSchema,
  PhoneInvitationsResponseSchema,
  ReceptionListResponseSchema,
  WeeklyDecisionRequestSchema,
  WeeklyDecisionResultSchema,
  WeekQuerySchema,
  WeekViewSchema,
  weekCalendarFileName,
  type CateringLine,
  type MeetingPlan,
  type Minute,
  type ReceptionGuest,
  type WeekView,
} from "@modeklar/shared";
import { DateTime } from "luxon";
import { z } from "zod";
import type { PagesStore, MinuteEntry } from "../../store/pages";
import type { PlanStore, SentOrder } from "../../store/plans";
import { chiefOfStaffMail } from "../../outbox/causes";
import type { Outbox } from "../../outbox/outbox";
import type { Reconciler } from "../../reconcile";
import type { ReconcileStore } from "../../store/reconcile";
import type { ApiBuilder } from "../api";
import { privateReadsOf } from "../audit-trail";
import { who } from "../auth";
import { requireSight, viewerOf, type Viewer } from "../privacy";
import { toFailure } from "../../graph";
import { badRequest, notFound, outlookProblem } from "../problem";
import type { ReadApiDeps } from "./deps";
import {
  attendanceOf,
  eventsBetween,
  headCountOfEvent,
  isCancelled,
  locationOf,
  personOf,
  text,
  type EventData,
} from "../../mirror/events";
import { firstPassProgress } from "../../reconcile/first-pass";
import { weekCalendar } from "../../ics/calendar-file";
import { awaitsAnswer, notAnInvitation, pendingInvitation } from "./invitations";
import { languageOf, type Language } from "../language";
import {
  ZONE,
  calendarFacts,
  calendarRules,
  localDateOf,
  localRange,
  nextWeekStart,
  phoneInvitations,
  weekDeadlines,
  weekMeeting,
  type CalendarContext,
  type PlannedEvent,
} from "./page-views";
import { changePlan } from "./plan/writeback";
import { ReceptionNoticeSchema } from "./plan/reception-notice";

/** What the phone page, the weekly meeting's view and the day lists need from the service. */
export interface PagesDeps extends ReadApiDeps {
  plans: PlanStore;
  pages: PagesStore;
  reconcile: ReconcileStore;
  /** Pins a meeting's priority and writes it on the meeting, in turn with reconcile's rounds. */
  priorities: Pick<Reconciler, "pin">;
  /** The chief of staff's mail is owed with the minute that decides it. */
  outbox: Outbox;
  /** The chief of staff's mailbox: "send the chief of staff" mails the meeting there. */
  chiefOfStaffMailbox: string;
}

/** CHIEF_OF_STAFF_MAILBOX, else `stabschef@` in the mayor's domain (as the kitchen and reception default). */
export function chiefOfStaffFromEnv(env: Record<string, string | undefined>, mayorMailbox: string): string {
  const configured = z
    .email()
    .optional()
    .parse(env["CHIEF_OF_STAFF_MAILBOX"] || undefined);
  return configured ?? `stabschef@${mayorMailbox.split("@")[1] ?? "localhost"}`;
}

const OVERVIEW_WEEKS = 3;

async function calendarContext(
  deps: PagesDeps,
  from: string,
  to: string,
  language: Language,
  viewer: Viewer,
): Promise<CalendarContext> {
  const events = eventsBetween(
    await deps.mirror.listEventsInRange(deps.mayorMailbox, { from, to }),
    from,
    to,
  );
  return {
    events,
    addinId: deps.addinId,
    ...(await calendarRules(deps.reconcile, deps.mayorMailbox, events)),
    language,
    viewer,
    now: deps.now(),
  };
}

/** Each meeting's plan (of those `wanted`): the service's copy, else the one stored on the event. */
async function withStoredPlans(
  deps: PagesDeps,
  events: PlannedEvent[],
  wanted: (event: PlannedEvent) => boolean = () => true,
): Promise<PlannedEvent[]> {
  return Promise.all(
    events.map(async (event) => {
      if (!wanted(event)) return event;
      const stored = await deps.plans.getPlan(deps.mayorMailbox, event.id);
      const plan = stored ? MeetingPlanSchema.safeParse(stored.plan) : null;
      return plan?.success ? { ...event, plan: plan.data } : event;
    }),
  );
}

/**
 * A decision as the caller may read it: the meeting's subject as the policy shows it now (a
 * meeting gone from the calendar counts as private; entries from before the calendar was the
 * only place for the subject may still carry one), and its comment only for those who see
 * the meeting whole.
 */
function minuteOf(
  entry: MinuteEntry,
  meetings: Map<string, EventData>,
  viewer: Viewer,
  language: Language,
): Minute {
  const { subject: recorded, comment, ...detail } = entry.detail;
  const meeting = meetings.get(entry.eventId);
  const view = viewer(meeting ?? null);
  return {
    id: entry.id,
    eventId: entry.eventId,
    subject: view.subject(text(meeting ? meeting["subject"] : recorded), language),
    decision: entry.decision,
    detail: { ...detail, ...(comment !== undefined && view.sees("minutes") ? { comment } : {}) },
    outcome: entry.outcome,
    decidedBy: entry.decidedBy,
    decidedAt: entry.decidedAt,
  };
}

/** The latest order of each meeting, with how many orders came before it. */
function latestOrders(orders: SentOrder[]): Map<string, { order: SentOrder; count: number }> {
  const latest = new Map<string, { order: SentOrder; count: number }>();
  for (const order of orders) {
    latest.set(order.eventId, { order, count: (latest.get(order.eventId)?.count ?? 0) + 1 });
  }
  return latest;
}

/** A local "HH:mm" on the meeting's day as an instant; the meeting's start when not given. */
function atLocalTime(meetingStart: string, time: string | undefined): string {
  if (!time) return meetingStart;
  const [hour = 0, minute = 0] = time.split(":").map(Number);
  return DateTime.fromISO(meetingStart, { zone: ZONE }).set({ hour, minute }).toUTC().toISO() as string;
}

/**
 * Answered from Mødeklar after the meeting last changed: the answer is on its way to Outlook
 * and the mirror has not seen it yet. An organizer's later change asks for a new answer.
 */
function answeredSinceChange(event: PlannedEvent, answered: Map<string, string>): boolean {
  const at = answered.get(event.id);
  if (!at) return false;
  const changed = Date.parse(text(event.data["lastModifiedDateTime"]));
  return Number.isNaN(changed) || Date.parse(at) >= changed;
}

const looksLikeAddress = (value: string) => /^[^@\s]+@[^@\s]+$/.test(value);

export function pageRoutes(api: ApiBuilder, deps: PagesDeps): void {
  api.add({
    method: "get",
    path: "/phone/invitations",
    summary:
      "The mayor's unanswered invitations, most important first, with the priority's reason, the secretary's note, conflicts and travel.",
    response: PhoneInvitationsResponseSchema,
    handler: async ({ req, principal, audit }) => {
      const now = deps.now();
      const language = languageOf(req.header("accept-language"));
      const viewer = viewerOf(principal, deps.privacy);
      const range = {
        from: new Date(now.getTime() - 86_400_000).toISOString(),
        to: new Date(now.getTime() + 400 * 86_400_000).toISOString(),
      };
      const context = await calendarContext(deps, range.from, range.to, language, viewer);
      const facts = calendarFacts(context);
      const unanswered = context.events.filter((e) => awaitsAnswer(e.data, now));
      const answered = await deps.invitationResponses.lastAnswered(
        deps.mayorMailbox,
        unanswered.map((e) => e.id),
      );
      const waiting = new Set(unanswered.filter((e) => !answeredSinceChange(e, answered)).map((e) => e.id));
      context.events = await withStoredPlans(deps, context.events, (e) => waiting.has(e.id));
      const shown = context.events.filter((e) => waiting.has(e.id));
      await audit.privateReads(privateReadsOf(viewer, shown));
      const pending = shown.map((e) => pendingInvitation(e.id, e.data, viewer, language));
      const [notes, minutes] = await Promise.all([
        Promise.all(
          pending.map(
            async (p) => [p.id, (await deps.plans.getBriefing(deps.mayorMailbox, p.id))?.text ?? ""] as const,
          ),
        ),
        deps.pages.minutesOfWeek(deps.mayorMailbox, nextWeekStart(new Date(now.getTime() - 7 * 86_400_000))),
      ]);
      const later = await deps.pages.minutesOfWeek(deps.mayorMailbox, nextWeekStart(now));
      const decided = new Set([...minutes, ...later].map((m) => m.eventId));
      return { invitations: phoneInvitations(pending, context, facts, new Map(notes), decided) };
    },
  });

  api.add({
    method: "get",
    path: "/week",
    summary:
      "The weekly calendar meeting's view: the week day by day with priority, readiness, conflicts and suggested answers, an overview of the weeks after, deadlines and minutes.",
    query: WeekQuerySchema,
    response: WeekViewSchema,
    handler: async ({ query, req, principal, audit }) => {
      const viewer = viewerOf(principal, deps.privacy);
      const view = await weekView(
        deps,
        query.week ?? nextWeekStart(deps.now()),
        query.weeks,
        languageOf(req.header("accept-language")),
        viewer,
      );
      const shown = new Set(view.days.flatMap((day) => day.meetings.map((m) => m.id)));
      const events = await deps.mirror.getItems(deps.mayorMailbox, "events", [...shown]);
      await audit.privateReads(privateReadsOf(viewer, events));
      return view;
    },
  });

  api.add({
    method: "post",
    path: "/week/decisions",
    summary:
      "Records a decision of the weekly calendar meeting in its minutes and carries it out: answer the invitation, send the chief of staff, order material, or pin the priority.",
    body: WeeklyDecisionRequestSchema,
    response: WeeklyDecisionResultSchema,
    status: 201,
    audit: { action: "decision.accept", target: "meeting" },
    handler: async ({ body, principal, audit, req }) => {
      const event = await deps.mirror.getItem(deps.mayorMailbox, "events", body.eventId);
      if (!event) throw notFound("There is no such meeting in the mayor's calendar.");
      const viewer = viewerOf(principal, deps.privacy);
      // Deciding about a meeting takes seeing it: a private one only for those who see it whole.
      requireSight(viewer(event.data), "subject");
      audit.describe({
        action: `decision.${body.decision}`,
        target: { kind: "meeting", id: body.eventId },
        fields: [
          "decision",
          ...(body.comment ? ["comment"] : []),
          ...(body.priorityClass ? ["priorityClass"] : []),
        ],
      });
      const by = who(principal);
      // The subject stays in the calendar: the minutes name the meeting by its id.
      const detail: Record<string, unknown> = body.comment ? { comment: body.comment } : {};
      switch (body.decision) {
        case "accept":
        case "decline": {
          const refusal = notAnInvitation(event.data);
          if (refusal) throw refusal;
          await deps.gateway.respondToEvent(
            deps.mayorMailbox,
            body.eventId,
            body.decision,
            body.comment ?? "",
            true,
          );
          break;
        }
        case "sendChiefOfStaff":
          // Owed with the minute below, written from the meeting as it is when it leaves.
          detail["to"] = deps.chiefOfStaffMailbox;
          break;
        case "orderMaterial":
          await changePlan(
            deps,
            body.eventId,
            (plan: MeetingPlan) => ({
              ...plan,
              material: {
                ...plan.material,
                state: plan.material.state === "confirmed" ? "confirmed" : "todo",
              },
            }),
            by,
          );
          break;
        case "pinPriority": {
          if (!body.priorityClass) throw badRequest("body.priorityClass: choose the class to pin");
          await deps.priorities.pin(body.eventId, body.priorityClass, by);
          detail["class"] = body.priorityClass;
          break;
        }
      }
      // Carried out in Outlook (or the store): recorded whatever happens to the minutes after.
      await audit.commit();
      const entry = await deps.outbox.decide(async (tx, owe) => {
        const minute = await tx.pages.recordDecision({
          mailbox: deps.mayorMailbox,
          weekStart: body.weekStart,
          eventId: body.eventId,
          decision: body.decision,
          detail,
          outcome: "applied",
          decidedBy: by,
        });
        if (body.decision === "sendChiefOfStaff") {
          await owe(
            chiefOfStaffMail(deps.mayorMailbox, {
              eventId: body.eventId,
              minuteId: minute.id,
              to: deps.chiefOfStaffMailbox,
              ...(body.comment ? { comment: body.comment } : {}),
            }),
          );
        }
        return minute;
      });
      const language = languageOf(req.header("accept-language"));
      return { minute: minuteOf(entry, new Map([[body.eventId, event.data]]), viewer, language) };
    },
  });

  api.add({
    method: "get",
    path: "/week.ics",
    summary: "The week's meetings as an iCalendar file (RFC 5545), times in UTC.",
    query: IcsQuerySchema,
    response: z.string(),
    contentType: "text/calendar; charset=utf-8",
    handler: async ({ query, res, req, principal, audit }) => {
      const viewer = viewerOf(principal, deps.privacy);
      const language = languageOf(req.header("accept-language"));
      const weekStart = query.from ?? nextWeekStart(deps.now());
      const range = localRange(weekStart, 7);
      const items = await deps.mirror.listEventsInRange(deps.mayorMailbox, range);
      const events = eventsBetween(items, range.from, range.to);
      await audit.privateReads(privateReadsOf(viewer, events));
      const { week } = isoWeekOf(weekStart);
      res.setHeader("content-disposition", `attachment; filename="${weekCalendarFileName(weekStart)}"`);
      return weekCalendar(
        events.map((e) => {
          const attendance = attendanceOf(e.data);
          const view = viewer(e.data);
          return {
            uid: text(e.data["iCalUId"]) || e.id,
            summary: view.subject(text(e.data["subject"]), language),
            start: e.start,
            end: e.end,
            isAllDay: e.data["isAllDay"] === true,
            location: view.sees("place") ? locationOf(e.data) : "",
            status: isCancelled(e.data)
              ? "CANCELLED"
              : attendance === "accepted" || attendance === "organizer"
                ? "CONFIRMED"
                : "TENTATIVE",
            isPrivate: view.isPrivate,
          };
        }),
        `Borgmesterens møder uge ${week}`,
        deps.now(),
      );
    },
  });

  api.add({
    method: "get",
    path: "/daylists/reception",
    summary:
      "The reception's guests today and tomorrow (or from a given day): name, organisation, arrival, host, place, badge and parking. Nothing else of the meeting.",
    query: DayQuerySchema,
    response: ReceptionListResponseSchema,
    handler: async ({ query, principal, audit }) => {
      const viewer = viewerOf(principal, deps.privacy);
      const first = query.day ?? (DateTime.fromJSDate(deps.now(), { zone: ZONE }).toISODate() as string);
      const range = localRange(first, 2);
      const orders = await deps.plans.ordersBetween(deps.mayorMailbox, "reception", range.from, range.to);
      const items = await deps.mirror.getItems(
        deps.mayorMailbox,
        "events",
        orders.map((o) => o.eventId),
      );
      const events = new Map(items.map((i) => [i.id, i.data]));
      const latest = [...latestOrders(orders).values()]
        .map((l) => l.order)
        .filter((order) => !isCancelled(events.get(order.eventId) ?? {}));
      const arrivals = await deps.pages.arrivalsOf(
        deps.mayorMailbox,
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
      await audit.privateReads(
        privateReadsOf(
          viewer,
          items.filter((i) => listed.has(i.id)),
        ),
      );
      const second = DateTime.fromISO(first, { zone: ZONE }).plus({ days: 1 }).toISODate() as string;
      return {
        days: [first, second].map((date) => ({
          date,
          guests: guests.filter((g) => localDateOf(g.arrivalAt) === date),
        })),
      };
    },
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
      const orders = await deps.plans.ordersBetween(
        deps.mayorMailbox,
        "reception",
        "1970-01-01T00:00:00Z",
        "9999-01-01T00:00:00Z",
      );
      const order = latestOrders(orders.filter((o) => o.eventId === eventId)).get(eventId)?.order;
      const notice = order ? ReceptionNoticeSchema.safeParse(order.body) : null;
      if (!notice?.success || !notice.data.guests.some((g) => g.name === body.guest)) {
        throw notFound("That guest is not on the reception's list for this meeting.");
      }
      const { first, arrival } = await deps.pages.markArrived({
        mailbox: deps.mayorMailbox,
        eventId,
        guest: body.guest,
        markedBy: who(principal),
      });
      if (!first) audit.nothingWritten();
      audit.describe({ fields: ["guest"] });
      await audit.commit();
      if (first) {
        const event = await deps.mirror.getItem(deps.mayorMailbox, "events", eventId);
        const host =
          notice.data.host && looksLikeAddress(notice.data.host)
            ? notice.data.host
            : (personOf(event?.data["organizer"])?.address ?? deps.mayorMailbox);
        const guest = notice.data.guests.find((g) => g.name === body.guest);
        const organisation = guest?.organisation ? ` (${guest.organisation})` : "";
        try {
          await deps.gateway.sendMail(principal.username || deps.mayorMailbox, {
            subject: `Din gæst er kommet: ${body.guest}`,
            body: {
              contentType: "text",
              content: `${body.guest}${organisation} er kommet og venter i receptionen. Mødested: ${locationOf(event?.data ?? {})}.`,
            },
            toRecipients: [host],
          });
        } catch (err) {
          // The guest is marked arrived whatever Outlook did: sending the mark again tells nobody.
          throw outlookProblem(toFailure(err), {
            retry: false,
            title: "The host was not told",
            detail: "The guest is marked arrived, but the mail to the host did not go. Call the host.",
          });
        }
      }
      return { arrivedAt: arrival.arrivedAt, hostNotified: first };
    },
  });

  api.add({
    method: "get",
    path: "/daylists/catering",
    summary:
      "The kitchen's orders from a day (default today) for two weeks: time, place, count, dietary needs, cost centre; changes and cancellations first.",
    query: DayQuerySchema,
    response: CateringListResponseSchema,
    handler: async ({ query, principal, audit }) => {
      const viewer = viewerOf(principal, deps.privacy);
      const first = query.day ?? (DateTime.fromJSDate(deps.now(), { zone: ZONE }).toISODate() as string);
      const range = localRange(first, 14);
      const orders = await deps.plans.ordersBetween(deps.mayorMailbox, "catering", range.from, range.to);
      const items = await deps.mirror.getItems(
        deps.mayorMailbox,
        "events",
        orders.map((o) => o.eventId),
      );
      const events = new Map(items.map((i) => [i.id, i]));
      const latest = latestOrders(orders);
      const confirmations = new Map(
        (await deps.pages.confirmationsOf(deps.mayorMailbox, [...latest.keys()])).map((c) => [c.eventId, c]),
      );
      const lines: CateringLine[] = await Promise.all(
        [...latest.values()].map(async ({ order }) => {
          const parsed = CateringOrderSchema.safeParse(order.body);
          const catering = parsed.success ? parsed.data : CateringOrderSchema.parse({});
          const item = events.get(order.eventId);
          const timed = item
            ? eventsBetween([item], "1970-01-01T00:00:00Z", "9999-01-01T00:00:00Z")[0]
            : undefined;
          const stored = await deps.plans.getPlan(deps.mayorMailbox, order.eventId);
          const plan = stored ? MeetingPlanSchema.safeParse(stored.plan) : null;
          const confirmation = confirmations.get(order.eventId);
          const cancelled = !item || isCancelled(item.data);
          const moved = timed !== undefined && timed.start !== order.meetingStart;
          // The number follows the meeting (attendees and guests now) unless the secretary set it by hand.
          const ordered = catering.count ?? 0;
          const count =
            plan?.success && item
              ? cateringHeadCount(plan.data.catering, headCountOfEvent(item.data, plan.data))
              : ordered;
          const changedAfterConfirming =
            confirmation !== undefined && (order.sentAt > confirmation.confirmedAt || count !== ordered);
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
            confirmedAt: changedAfterConfirming ? null : (confirmation?.confirmedAt ?? null),
            change: cancelled ? "cancelled" : moved || changedAfterConfirming ? "changed" : null,
          } satisfies CateringLine;
        }),
      );
      lines.sort(
        (a, b) => Number(b.change !== null) - Number(a.change !== null) || a.serveAt.localeCompare(b.serveAt),
      );
      await audit.privateReads(
        privateReadsOf(
          viewer,
          items.filter((i) => latest.has(i.id)),
        ),
      );
      return { orders: lines };
    },
  });

  api.add({
    method: "post",
    path: "/daylists/catering/:id/confirm",
    summary:
      "The kitchen confirms an order: the meeting's catering step becomes confirmed (on the event, with If-Match).",
    response: CateringConfirmResultSchema,
    audit: { action: "catering.confirm", target: "meeting", param: "id" },
    handler: async ({ params, principal, audit }) => {
      const eventId = params["id"] ?? "";
      const orders = await deps.plans.ordersBetween(
        deps.mayorMailbox,
        "catering",
        "1970-01-01T00:00:00Z",
        "9999-01-01T00:00:00Z",
      );
      if (!orders.some((o) => o.eventId === eventId))
        throw notFound("The kitchen has no order for this meeting.");
      const by = who(principal);
      const plan = await changePlan(
        deps,
        eventId,
        (p) => ({ ...p, catering: { ...p.catering, state: "confirmed" } }),
        by,
      );
      audit.describe({ fields: ["catering.state"] });
      const confirmation = await deps.pages.confirmCatering({
        mailbox: deps.mayorMailbox,
        eventId,
        confirmedBy: by,
      });
      return { confirmedAt: confirmation.confirmedAt, revision: plan.revision };
    },
  });
}

/** The week day by day (for `weeks` weeks), the three weeks after in overview, deadlines and minutes. */
export async function weekView(
  deps: PagesDeps,
  weekStart: string,
  weeks: number,
  language: Language,
  viewer: Viewer,
): Promise<WeekView> {
  const monday = DateTime.fromISO(weekStart, { zone: ZONE }).startOf("week");
  const start = monday.toISODate() as string;
  const shown = localRange(start, 7 * weeks);
  const whole = localRange(start, 7 * (weeks + OVERVIEW_WEEKS));
  const context = await calendarContext(deps, whole.from, whole.to, language, viewer);
  context.events = await withStoredPlans(deps, context.events);
  const facts = calendarFacts(context);
  const inShown = context.events.filter((e) => e.start < shown.to && e.end > shown.from);
  const days = Array.from(
    { length: 7 * weeks },
    (_, i) => monday.plus({ days: i }).toISODate() as string,
  ).filter((date) => {
    const weekday = DateTime.fromISO(date).weekday;
    return weekday <= 5 || inShown.some((e) => localDateOf(e.start) === date);
  });
  const overview = Array.from({ length: OVERVIEW_WEEKS }, (_, i) => {
    const from = monday.plus({ weeks: weeks + i });
    const range = localRange(from.toISODate() as string, 7);
    const meetings = context.events
      .filter((e) => e.start < range.to && e.end > range.from && !isCancelled(e.data))
      .map((e) => weekMeeting(e, context, facts));
    return {
      weekStart: from.toISODate() as string,
      meetings: meetings.length,
      pending: meetings.filter((m) => m.attendance === "pending").length,
      conflicts: meetings.filter((m) => m.conflicts.length > 0).length,
      notReady: meetings.filter((m) => m.readiness.done < m.readiness.needed).length,
    };
  });
  const [minutes, firstPass] = await Promise.all([
    deps.pages.minutesOfWeek(deps.mayorMailbox, start),
    firstPassProgress(deps.reconcile, deps.mirror, deps.mayorMailbox),
  ]);
  const meetings = new Map(context.events.map((e) => [e.id, e.data]));
  return {
    weekStart: start,
    days: days.map((date) => ({
      date,
      meetings: inShown
        .filter(
          (e) =>
            localDateOf(e.start) === date &&
            !isCancelled(e.data) &&
            facts.attendance.get(e.id) !== "declined",
        )
        .map((e) => weekMeeting(e, context, facts)),
    })),
    overview,
    deadlines: weekDeadlines(inShown, context, facts, deps.mayorMailbox),
    minutes: minutes.map((m) => minuteOf(m, meetings, viewer, language)),
    // Only while it runs: the page then says its priorities may still change.
    ...(firstPass.state === "done" ? {} : { firstPass }),
  };
}
