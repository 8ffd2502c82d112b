import {
  BriefingSaveRequestSchema,
  BriefingSchema,
  CateringOrderRequestSchema,
  CateringOrderResponseSchema,
  DepartmentsResponseSchema,
  EQUIPMENT,
  MaterialOrderRequestSchema,
  MaterialOrderResponseSchema,
  MeetingDeadlinesQuerySchema,
  MeetingDeadlinesResponseSchema,
  MeetingPlanSchema,
  PlanSaveRequestSchema,
  PlanSaveResponseSchema,
  ReceptionDayQuerySchema,
  ReceptionDayResponseSchema,
  ReceptionNoticeRequestSchema,
  ReceptionNoticeResponseSchema,
  RoomSearchRequestSchema,
  RoomSearchResponseSchema,
  StoredPlanResponseSchema,
  catalog,
  cateringCutoff,
  fitPlan,
  guestListDue,
  isBeforeCutoff,
  materialDue,
  type Equipment,
  type MeetingField,
  type MeetingPlan,
  type PrivacySettings,
  type TaskPaneConfig,
} from "@modeklar/shared";
import { DateTime } from "luxon";
import type { MailboxGateway, RoomInfo } from "../../graph";
import { orderMail, type OrderCause } from "../../outbox/causes";
import type { Outbox } from "../../outbox/outbox";
import type { PlanStore, SentOrder, StoredPlan } from "../../store/plans";
import type { MirrorStore } from "../../store/types";
import type { ApiBuilder } from "../api";
import { changedFields, filledFields, privateReadsOf, type RequestAudit } from "../audit-trail";
import type { Principal } from "../auth";
import { requireSight, seesPrivateMeetings, viewerOf } from "../privacy";
import { badRequest, conflict, notFound, Problem } from "../problem";
import { instantOf, type EventData } from "../../mirror/events";
import { languageOf } from "./meeting-views";
import { ReceptionNoticeSchema } from "./reception-notice";
import type { OrderedFor } from "../../outbox/order-mails";
import type { Offices } from "./plan-offices";

export { officesFromEnv, type Department, type Offices } from "./plan-offices";

/** What the task pane's operations need from the rest of the service. */
export interface PlanApiDeps {
  plans: PlanStore;
  /** Orders are owed there with the plan that records them, and sent from there. */
  outbox: Outbox;
  mirror: MirrorStore;
  gateway: MailboxGateway;
  mayorMailbox: string;
  offices: Offices;
  /** Who besides the mayor sees private meetings whole (PRIVATE_ITEMS_VISIBLE_TO). */
  privacy: PrivacySettings;
  now: () => Date;
}

const ZONE = "Europe/Copenhagen";
const BUSY = new Set(["busy", "tentative", "oof", "workingElsewhere"]);

const ROOM_EQUIPMENT: Record<Equipment, keyof RoomInfo> = {
  display: "displayDeviceName",
  video: "videoDeviceName",
  audio: "audioDeviceName",
};
const equipmentOf = (room: RoomInfo): Equipment[] =>
  EQUIPMENT.filter((kind) => Boolean(room[ROOM_EQUIPMENT[kind]]));

/**
 * The meeting as the orders name it, read from Graph (the mirror may not have a new meeting
 * yet), for a person the privacy policy shows its plan.
 */
async function meetingOf(deps: PlanApiDeps, id: string, principal: Principal): Promise<OrderedFor> {
  const event = await deps.gateway.getEvent(deps.mayorMailbox, id);
  const start = event ? instantOf(event["start"]) : null;
  if (!event || !start) throw notFound(`The meeting ${id} is not in the mayor's calendar.`);
  requireSight(viewerOf(principal, deps.privacy)(event), "plan");
  return { meeting: event, start, orderedBy: who(principal) };
}

/**
 * Refuses a person the privacy policy does not show `field` of the meeting. The meeting is
 * looked up (the mirror, else Graph) only for those who do not see private meetings whole.
 */
async function requireSightOf(
  deps: PlanApiDeps,
  principal: Principal,
  id: string,
  field: MeetingField,
): Promise<void> {
  if (seesPrivateMeetings(principal, deps.privacy)) return;
  const mirrored = await deps.mirror.getItem(deps.mayorMailbox, "events", id);
  const meeting: EventData | null = mirrored?.data ?? (await deps.gateway.getEvent(deps.mayorMailbox, id));
  requireSight(viewerOf(principal, deps.privacy)(meeting), field);
}

/** A person reading a private meeting's plan or briefing note is in the audit log (the mirror's copy decides). */
async function recordPrivateRead(
  deps: PlanApiDeps,
  principal: Principal,
  audit: RequestAudit,
  id: string,
  field: MeetingField,
): Promise<void> {
  const mirrored = await deps.mirror.getItem(deps.mayorMailbox, "events", id);
  if (mirrored && viewerOf(principal, deps.privacy)(mirrored.data).isPrivate) {
    await audit.privateReads([{ meetingId: id, fields: [field] }]);
  }
}

/**
 * A plan or a briefing note is kept only for a meeting that exists: one in the mirror, or in the
 * mayor's calendar when the mirror has not caught up with a meeting just made (or it lies beyond
 * the mirror's window). Anything else is a 404, so no record is kept for a meeting nobody has.
 */
async function requireMeeting(deps: PlanApiDeps, id: string): Promise<void> {
  if (await deps.mirror.getItem(deps.mayorMailbox, "events", id)) return;
  if (await deps.gateway.getEvent(deps.mayorMailbox, id)) return;
  throw notFound(`The meeting ${id} is not in the mayor's calendar.`);
}

/** What a plan save changed, step by step (the bookkeeping of revisions aside). */
const PLAN_BOOKKEEPING = ["version", "revision", "updatedBy", "updatedAt"];

function stalePlan(current: StoredPlan | null, language: "da" | "en"): Problem {
  const words = catalog(language);
  // Nobody to name (no plan kept here, or one saved before names were kept): say what happened.
  const detail = current?.updatedBy
    ? words["plan.conflict"].replace("{person}", current.updatedBy)
    : words["plan.stale"];
  return conflict(detail, {
    code: "planConflict",
    current: current
      ? {
          plan: current.plan,
          revision: current.revision,
          updatedBy: current.updatedBy,
          updatedAt: current.updatedAt,
        }
      : null,
  });
}

/**
 * Marks a step ordered in the stored plan, based on the revision the task pane saw. Checked
 * before any mail leaves, so a stale pane never sends an order twice.
 */
async function planAt(
  deps: PlanApiDeps,
  id: string,
  baseRevision: number,
  language: "da" | "en",
): Promise<MeetingPlan> {
  const stored = await deps.plans.getPlan(deps.mayorMailbox, id);
  if ((stored?.revision ?? 0) !== baseRevision) throw stalePlan(stored, language);
  return stored ? MeetingPlanSchema.parse(stored.plan) : MeetingPlanSchema.parse({});
}

async function savePlan(
  deps: PlanApiDeps,
  plans: PlanStore,
  id: string,
  baseRevision: number,
  plan: MeetingPlan,
  by: string,
  language: "da" | "en",
): Promise<StoredPlan> {
  const saved = await plans.savePlan({
    mailbox: deps.mayorMailbox,
    eventId: id,
    baseRevision,
    plan: { ...plan, revision: baseRevision + 1, updatedBy: by, updatedAt: deps.now().toISOString() },
    by,
  });
  if (!saved.saved) throw stalePlan(saved.current, language);
  return saved.current;
}

const who = (principal: { name: string; username: string }) => principal.name || principal.username;

/**
 * Records an order, marks its step ordered in the plan and owes its mail, in one transaction:
 * a stale plan (409) leaves no order and owes no mail; a recorded order always gets its mail,
 * written when it leaves from the meeting as it is then.
 */
async function placeOrder(
  deps: PlanApiDeps,
  cause: Omit<OrderCause, "orderId">,
  order: Omit<SentOrder, "id" | "sentAt">,
  save: (plans: PlanStore) => Promise<StoredPlan>,
): Promise<StoredPlan> {
  return deps.outbox.decide(async (tx, owe) => {
    const saved = await save(tx.plans);
    const recorded = await tx.plans.recordOrder(order);
    await owe(orderMail(deps.mayorMailbox, { ...cause, orderId: recorded.id }));
    return saved;
  });
}

export function planRoutes(api: ApiBuilder, deps: PlanApiDeps): void {
  api.add({
    method: "post",
    path: "/rooms/available",
    summary:
      "Rooms free for the whole slot (Graph getSchedule) with enough seats, the equipment asked for and step-free access if asked.",
    audit: false,
    body: RoomSearchRequestSchema,
    response: RoomSearchResponseSchema,
    handler: async ({ body }) => {
      if (!(Date.parse(body.end) > Date.parse(body.start))) throw badRequest("body.end: must be after start");
      const rooms = (await deps.gateway.listRooms()).filter(
        (room) =>
          (room.capacity ?? 0) >= body.seats &&
          (!body.stepFree || room.isWheelChairAccessible === true) &&
          body.equipment.every((kind) => equipmentOf(room).includes(kind)),
      );
      if (rooms.length === 0) return { rooms: [] };
      const window = { start: new Date(body.start).toISOString(), end: new Date(body.end).toISOString() };
      const schedules = await deps.gateway.getSchedule(
        deps.mayorMailbox,
        rooms.map((room) => room.emailAddress),
        window,
      );
      const busy = new Set(
        schedules
          .filter((s) =>
            s.items.some(
              (item) =>
                BUSY.has(item.status) &&
                Date.parse(`${item.start.slice(0, 19)}Z`) < Date.parse(window.end) &&
                Date.parse(`${item.end.slice(0, 19)}Z`) > Date.parse(window.start),
            ),
          )
          .map((s) => s.scheduleId.toLowerCase()),
      );
      return {
        rooms: rooms
          .filter((room) => !busy.has(room.emailAddress.toLowerCase()))
          .sort((a, b) => (a.capacity ?? 0) - (b.capacity ?? 0))
          .map((room) => ({
            email: room.emailAddress,
            name: room.displayName,
            capacity: room.capacity,
            equipment: equipmentOf(room),
            stepFree: room.isWheelChairAccessible === true,
          })),
      };
    },
  });

  api.add({
    method: "get",
    path: "/departments",
    summary: "The departments meeting material can be ordered from.",
    response: DepartmentsResponseSchema,
    handler: async () => ({ departments: deps.offices.departments }),
  });

  api.add({
    method: "get",
    path: "/meetings/:id/deadlines",
    summary: "The meeting's catering cut-off, guest list and material deadlines in Danish working days.",
    query: MeetingDeadlinesQuerySchema,
    response: MeetingDeadlinesResponseSchema,
    handler: async ({ params, query, principal, audit }) => {
      const meeting = await meetingOf(deps, params["id"] ?? "", principal);
      await recordPrivateRead(deps, principal, audit, params["id"] ?? "", "time");
      const cutoff = cateringCutoff(meeting.start, deps.offices.kitchen);
      return {
        cateringCutoff: cutoff,
        cateringOpen: isBeforeCutoff(deps.now().toISOString(), cutoff),
        guestListDue: guestListDue(meeting.start),
        materialDue: materialDue(meeting.start, query.materialDays),
      };
    },
  });

  api.add({
    method: "get",
    path: "/meetings/:id/plan",
    summary:
      "The meeting's whole plan as the service keeps it, with its revision and the guests the meeting could not hold.",
    response: StoredPlanResponseSchema,
    handler: async ({ params, principal, audit }) => {
      await requireSightOf(deps, principal, params["id"] ?? "", "plan");
      await recordPrivateRead(deps, principal, audit, params["id"] ?? "", "plan");
      const stored = await deps.plans.getPlan(deps.mayorMailbox, params["id"] ?? "");
      if (!stored) return { plan: null, revision: 0, moreGuests: [] };
      const plan = MeetingPlanSchema.parse(stored.plan);
      return { plan, revision: stored.revision, moreGuests: [] };
    },
  });

  api.add({
    method: "put",
    path: "/meetings/:id/plan",
    summary:
      "Saves the plan if nobody saved since baseRevision (else 409 with theirs); answers what fits on the meeting.",
    body: PlanSaveRequestSchema,
    response: PlanSaveResponseSchema,
    audit: { action: "plan.save", target: "meeting", param: "id" },
    handler: async ({ params, body, principal, audit, req }) => {
      await requireSightOf(deps, principal, params["id"] ?? "", "plan");
      const language = languageOf(req.header("accept-language"));
      const id = params["id"] ?? "";
      await requireMeeting(deps, id);
      const before = await deps.plans.getPlan(deps.mayorMailbox, id);
      const saved = await savePlan(
        deps,
        deps.plans,
        id,
        body.baseRevision,
        body.plan,
        who(principal),
        language,
      );
      const plan = MeetingPlanSchema.parse(saved.plan);
      audit.describe({
        fields: changedFields(before?.plan ?? MeetingPlanSchema.parse({}), plan, PLAN_BOOKKEEPING),
      });
      return { plan, encoded: fitPlan(plan).encoded };
    },
  });

  api.add({
    method: "post",
    path: "/meetings/:id/catering",
    summary: "Orders catering from the kitchen by mail; refused (422) after the kitchen's cut-off.",
    body: CateringOrderRequestSchema,
    response: CateringOrderResponseSchema,
    audit: { action: "order.catering", target: "meeting", param: "id" },
    handler: async ({ params, body, principal, audit, req }) => {
      const id = params["id"] ?? "";
      const language = languageOf(req.header("accept-language"));
      const meeting = await meetingOf(deps, id, principal);
      const { kitchen } = deps.offices;
      const cutoff = cateringCutoff(meeting.start, kitchen);
      const now = deps.now().toISOString();
      if (!isBeforeCutoff(now, cutoff)) {
        const due = DateTime.fromISO(cutoff, { zone: ZONE })
          .setLocale(language)
          .toLocaleString(DateTime.DATETIME_MED_WITH_WEEKDAY);
        throw new Problem(
          422,
          "Too late to order catering",
          catalog(language)["cutoff.passed"].replace("{due}", due),
          {
            code: "cateringCutoffPassed",
            cutoff,
          },
        );
      }
      if (body.order.items.length === 0 && !body.order.otherItems)
        throw badRequest("body.order.items: choose what to order");
      const plan = await planAt(deps, id, body.baseRevision, language);
      const order = { ...body.order, state: "ordered" as const };
      audit.describe({ fields: filledFields(body.order) });
      // The order keeps what was ordered, never the meeting's subject or whether it was private:
      // every list and mail asks the calendar and the privacy policy when it shows the order.
      const saved = await placeOrder(
        deps,
        { eventId: id, order: "catering", to: kitchen.mailbox },
        {
          mailbox: deps.mayorMailbox,
          eventId: id,
          kind: "catering",
          meetingStart: meeting.start,
          body: { ...order, count: order.count ?? body.headCount },
          sentBy: meeting.orderedBy,
        },
        (plans) =>
          savePlan(
            deps,
            plans,
            id,
            body.baseRevision,
            { ...plan, catering: order },
            meeting.orderedBy,
            language,
          ),
      );
      return { cutoff, sentAt: deps.now().toISOString(), revision: saved.revision };
    },
  });

  api.add({
    method: "post",
    path: "/meetings/:id/reception",
    summary: "Sends the guest list to the reception (kept for its day list) with a notice mail.",
    body: ReceptionNoticeRequestSchema,
    response: ReceptionNoticeResponseSchema,
    audit: { action: "order.reception", target: "meeting", param: "id" },
    handler: async ({ params, body, principal, audit, req }) => {
      const id = params["id"] ?? "";
      const language = languageOf(req.header("accept-language"));
      const meeting = await meetingOf(deps, id, principal);
      const guests = [...body.reception.guests, ...body.moreGuests];
      if (guests.length === 0) throw badRequest("body.reception.guests: add at least one guest");
      const plan = await planAt(deps, id, body.baseRevision, language);
      const reception = { ...body.reception, state: "ordered" as const };
      audit.describe({ fields: filledFields(body.reception) });
      const saved = await placeOrder(
        deps,
        { eventId: id, order: "reception", to: deps.offices.receptionMailbox },
        {
          mailbox: deps.mayorMailbox,
          eventId: id,
          kind: "reception",
          meetingStart: meeting.start,
          body: { ...reception, guests },
          sentBy: meeting.orderedBy,
        },
        (plans) =>
          savePlan(deps, plans, id, body.baseRevision, { ...plan, reception }, meeting.orderedBy, language),
      );
      return { due: guestListDue(meeting.start), sentAt: deps.now().toISOString(), revision: saved.revision };
    },
  });

  api.add({
    method: "post",
    path: "/meetings/:id/material",
    summary:
      "Orders meeting material from a department by mail, due the given working days before the meeting.",
    body: MaterialOrderRequestSchema,
    response: MaterialOrderResponseSchema,
    audit: { action: "order.material", target: "meeting", param: "id" },
    handler: async ({ params, body, principal, audit, req }) => {
      const id = params["id"] ?? "";
      const language = languageOf(req.header("accept-language"));
      const department = body.material.department?.toLowerCase();
      if (!department) throw badRequest("body.material.department: choose a department");
      const known = deps.offices.departments;
      if (known.length > 0 && !known.some((d) => d.email.toLowerCase() === department)) {
        throw badRequest("body.material.department: not one of the departments");
      }
      if (!body.material.what) throw badRequest("body.material.what: say what is needed");
      const meeting = await meetingOf(deps, id, principal);
      const plan = await planAt(deps, id, body.baseRevision, language);
      const due = materialDue(meeting.start, body.material.workingDaysBefore);
      const material = { ...body.material, state: "ordered" as const };
      audit.describe({ fields: filledFields(body.material) });
      const saved = await placeOrder(
        deps,
        { eventId: id, order: "material", to: department },
        {
          mailbox: deps.mayorMailbox,
          eventId: id,
          kind: "material",
          meetingStart: meeting.start,
          body: { ...material, due },
          sentBy: meeting.orderedBy,
        },
        (plans) =>
          savePlan(deps, plans, id, body.baseRevision, { ...plan, material }, meeting.orderedBy, language),
      );
      return { due, sentAt: deps.now().toISOString(), revision: saved.revision };
    },
  });

  api.add({
    method: "get",
    path: "/meetings/:id/briefing",
    summary: "The mayor's briefing note for the meeting (version 0 when there is none).",
    response: BriefingSchema,
    handler: async ({ params, principal, audit }) => {
      await requireSightOf(deps, principal, params["id"] ?? "", "briefing");
      await recordPrivateRead(deps, principal, audit, params["id"] ?? "", "briefing");
      const note = await deps.plans.getBriefing(deps.mayorMailbox, params["id"] ?? "");
      return { text: note?.text ?? "", version: note?.version ?? 0 };
    },
  });

  api.add({
    method: "put",
    path: "/meetings/:id/briefing",
    summary: "Saves the briefing note if nobody saved since baseVersion (else 409 with theirs).",
    body: BriefingSaveRequestSchema,
    response: BriefingSchema,
    audit: { action: "briefing.save", target: "meeting", param: "id" },
    handler: async ({ params, body, principal, audit, req }) => {
      const id = params["id"] ?? "";
      await requireMeeting(deps, id);
      await requireSightOf(deps, principal, id, "briefing");
      audit.describe({ fields: ["text"] });
      const saved = await deps.plans.saveBriefing({
        mailbox: deps.mayorMailbox,
        eventId: id,
        baseVersion: body.baseVersion,
        text: body.text,
        by: who(principal),
      });
      if (!saved.saved) {
        const language = languageOf(req.header("accept-language"));
        throw conflict(
          saved.current?.updatedBy
            ? catalog(language)["plan.conflict"].replace("{person}", saved.current.updatedBy)
            : catalog(language)["plan.stale"],
          {
            code: "briefingConflict",
            current: saved.current ? { text: saved.current.text, version: saved.current.version } : null,
          },
        );
      }
      return { text: saved.current.text, version: saved.current.version };
    },
  });

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

/** What the task pane needs to sign in and find the API: public values only. */
export function taskPaneConfig(config: {
  authorityHost: string;
  tenantId: string;
  clientId: string;
  publicUrl: string;
}): TaskPaneConfig {
  return {
    authority: `${config.authorityHost}/${config.tenantId}`,
    clientId: config.clientId,
    scopes: [`api://${config.clientId}/access_as_user`],
    apiBase: `${config.publicUrl}/api`,
    knownAuthorities: [new URL(config.authorityHost).host],
  };
}
