import type { MeetingPlan } from "@modeklar/shared";
import { orderMail, type OrderCause } from "../../../outbox/causes";
import type { OrderedFor } from "../../../outbox/order-mails";
import type { ZodType } from "zod";
import type { ApiBuilder, Operation } from "../../api";
import { filledFields } from "../../audit-trail";
import { languageOf, type Language } from "../../language";
import type { PlanApiDeps } from "./deps";
import { meetingOf } from "./meeting-access";
import { planAt, savePlan } from "./revisions";

/** The plan's steps that are ordered by mail: catering, the reception's guest list, material. */
export type OrderedStep = OrderCause["order"];

/** The order's request as its route has it: who orders, for which meeting, on which revision of its plan. */
export type OrderRequest = Pick<
  Parameters<Operation<unknown, { baseRevision: number }, unknown>["handler"]>[0],
  "params" | "body" | "principal" | "audit" | "req"
>;

/** One order: the step as the pane sent it, where its mail goes and what the stored order keeps. */
export interface StepOrder<K extends OrderedStep> {
  order: MeetingPlan[K];
  /** The mailbox the order's mail goes to. */
  to: string;
  /** Refuses an order that cannot go for this meeting (before the plan is read). */
  refuse?: (meeting: OrderedFor, language: Language) => void;
  /** The stored order's body: the ordered step and what its mail needs besides. */
  recorded: (ordered: MeetingPlan[K], meeting: OrderedFor) => Record<string, unknown>;
}

/**
 * The one way an order goes: the meeting (which the caller must see), the plan at the revision
 * the pane saw, then in one transaction the step marked ordered in the plan, the order recorded
 * and its mail owed. A stale plan (409) leaves no order and owes no mail; a recorded order
 * always gets its mail, written when it leaves from the meeting as it is then. The order keeps
 * what was ordered, never the meeting's subject or whether it was private: every list and mail
 * asks the calendar and the privacy policy when it shows the order.
 */
async function placeOrder<K extends OrderedStep>(
  deps: PlanApiDeps,
  request: OrderRequest,
  step: K,
  { order, to, refuse, recorded }: StepOrder<K>,
): Promise<PlacedOrder> {
  const id = request.params["id"] ?? "";
  const { baseRevision } = request.body;
  const language = languageOf(request.req.header("accept-language"));
  const meeting = await meetingOf(deps, id, request.principal);
  refuse?.(meeting, language);
  const plan = await planAt(deps, id, baseRevision, language);
  const ordered = { ...order, state: "ordered" as const };
  request.audit.describe({ fields: filledFields(order) });
  const saved = await deps.outbox.decide(async (tx, owe) => {
    const saved = await savePlan(
      deps,
      tx.plans,
      id,
      baseRevision,
      { ...plan, [step]: ordered },
      meeting.orderedBy,
      language,
    );
    const sent = await tx.plans.recordOrder({
      mailbox: deps.mayorMailbox,
      eventId: id,
      kind: step,
      meetingStart: meeting.start,
      body: recorded(ordered, meeting),
      sentBy: meeting.orderedBy,
    });
    await owe(orderMail(deps.mayorMailbox, { eventId: id, order: step, to, orderId: sent.id }));
    return saved;
  });
  return { meeting, revision: saved.revision, sentAt: deps.now().toISOString() };
}

/** An order placed: for which meeting, the plan's new revision and when its mail was owed. */
export interface PlacedOrder {
  meeting: OrderedFor;
  revision: number;
  sentAt: string;
}

/**
 * Declares `POST /meetings/:id/{step}`: the request's body becomes the step's order (or a 400),
 * the order goes the one way orders go, and the answer says what the pane shows next.
 */
export function orderRoute<K extends OrderedStep, B extends { baseRevision: number }, R>(
  api: ApiBuilder,
  deps: PlanApiDeps,
  route: {
    step: K;
    summary: string;
    body: ZodType<B>;
    response: ZodType<R>;
    order: (body: B) => StepOrder<K>;
    answer: (body: B, placed: PlacedOrder) => R;
  },
): void {
  api.add({
    method: "post",
    path: `/meetings/:id/${route.step}`,
    summary: route.summary,
    body: route.body,
    response: route.response,
    audit: { action: `order.${route.step}`, target: "meeting", param: "id" },
    handler: async (request) =>
      route.answer(request.body, await placeOrder(deps, request, route.step, route.order(request.body))),
  });
}
