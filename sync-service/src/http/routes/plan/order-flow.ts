import type { MeetingPlan } from "@modeklar/shared";
import { orderMail, type OrderCause } from "../../../outbox/causes";
import type { OrderedFor } from "../../../outbox/order-mails";
import type { Operation } from "../../api";
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
  step: K;
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
export async function placeOrder<K extends OrderedStep>(
  deps: PlanApiDeps,
  request: OrderRequest,
  { step, order, to, refuse, recorded }: StepOrder<K>,
): Promise<{ meeting: OrderedFor; revision: number }> {
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
  return { meeting, revision: saved.revision };
}
