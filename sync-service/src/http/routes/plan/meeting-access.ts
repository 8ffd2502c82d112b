import type { MeetingField } from "@modeklar/shared";
import { instantOf, type EventData } from "../../../mirror/events";
import type { OrderedFor } from "../../../outbox/order-mails";
import type { RequestAudit } from "../../audit-trail";
import { who, type Principal } from "../../auth";
import { requireSight, seesPrivateMeetings, viewerOf } from "../../privacy";
import { notFound } from "../../problem";
import type { PlanApiDeps } from "./deps";

/**
 * The meeting as the orders name it, read from Graph (the mirror may not have a new meeting
 * yet), for a person the privacy policy shows its plan.
 */
export async function meetingOf(deps: PlanApiDeps, id: string, principal: Principal): Promise<OrderedFor> {
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
export async function requireSightOf(
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

/** A request about one meeting (`:id`): who asks, and the audit log's record of it. */
export type MeetingRequest = { params: Record<string, string>; principal: Principal; audit: RequestAudit };

/** A person reading a private meeting's plan or briefing note is in the audit log (the mirror's copy decides). */
export async function recordPrivateRead(
  deps: PlanApiDeps,
  { params, principal, audit }: MeetingRequest,
  field: MeetingField,
): Promise<void> {
  const id = params["id"] ?? "";
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
export async function requireMeeting(deps: PlanApiDeps, id: string): Promise<void> {
  if (await deps.mirror.getItem(deps.mayorMailbox, "events", id)) return;
  if (await deps.gateway.getEvent(deps.mayorMailbox, id)) return;
  throw notFound(`The meeting ${id} is not in the mayor's calendar.`);
}

/** Lets a person read `field` of the meeting only if the policy shows it; a private meeting's read is in the audit log. */
export async function readingOf(
  deps: PlanApiDeps,
  request: MeetingRequest,
  field: MeetingField,
): Promise<void> {
  await requireSightOf(deps, request.principal, request.params["id"] ?? "", field);
  await recordPrivateRead(deps, request, field);
}
