import { WeeklyDecisionRequestSchema, WeeklyDecisionResultSchema, type MeetingPlan } from "@modeklar/shared";
import type { z } from "zod";
import { chiefOfStaffMail } from "../../../outbox/causes";
import type { ApiBuilder } from "../../api";
import { who } from "../../auth";
import { requireSight } from "../../privacy";
import { badRequest, notFound } from "../../problem";
import { readerOf } from "../../reader";
import { minuteOf } from "../../views/week";
import { notAnInvitation } from "../invitations";
import { changePlan } from "../plan/writeback";
import type { PagesDeps } from "./deps";

type Decision = z.output<typeof WeeklyDecisionRequestSchema>;

/** Material still to order: the step goes back to do (unless the department already confirmed). */
const materialToOrder = (plan: MeetingPlan): MeetingPlan => ({
  ...plan,
  material: { ...plan.material, state: plan.material.state === "confirmed" ? "confirmed" : "todo" },
});

/**
 * Carries the decision out in Outlook (or the store) and answers what the minute records of it
 * besides the comment. The subject stays in the calendar: the minutes name the meeting by its id.
 */
async function carryOut(
  deps: PagesDeps,
  body: Decision,
  meeting: Record<string, unknown>,
  by: string,
): Promise<Record<string, unknown>> {
  const detail: Record<string, unknown> = body.comment ? { comment: body.comment } : {};
  switch (body.decision) {
    case "accept":
    case "decline": {
      const refusal = notAnInvitation(meeting);
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
      // Owed with the minute, written from the meeting as it is when it leaves.
      detail["to"] = deps.chiefOfStaffMailbox;
      break;
    case "orderMaterial":
      await changePlan(deps, body.eventId, materialToOrder, by);
      break;
    case "pinPriority": {
      if (!body.priorityClass) throw badRequest("body.priorityClass: choose the class to pin");
      await deps.reconciler.pin(body.eventId, body.priorityClass, by);
      detail["class"] = body.priorityClass;
      break;
    }
  }
  return detail;
}

/** The minute of a decision carried out, with the chief of staff's mail owed in the same transaction. */
function recordMinute(deps: PagesDeps, body: Decision, detail: Record<string, unknown>, by: string) {
  return deps.outbox.decide(async (tx, owe) => {
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
}

export function weeklyDecisionRoute(api: ApiBuilder, deps: PagesDeps): void {
  api.add({
    method: "post",
    path: "/week/decisions",
    summary:
      "Records a decision of the weekly calendar meeting in its minutes and carries it out: answer the invitation, send the chief of staff, order material, or pin the priority.",
    body: WeeklyDecisionRequestSchema,
    response: WeeklyDecisionResultSchema,
    status: 201,
    audit: { action: "decision.accept", target: "meeting" },
    handler: async (request) => {
      const { body, principal, audit } = request;
      const event = await deps.mirror.getItem(deps.mayorMailbox, "events", body.eventId);
      if (!event) throw notFound("There is no such meeting in the mayor's calendar.");
      const { viewer, language } = readerOf(request, deps.privacy);
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
      const detail = await carryOut(deps, body, event.data, by);
      // Carried out in Outlook (or the store): recorded whatever happens to the minutes after.
      await audit.commit();
      const entry = await recordMinute(deps, body, detail, by);
      return { minute: minuteOf(entry, new Map([[body.eventId, event.data]]), viewer, language) };
    },
  });
}
