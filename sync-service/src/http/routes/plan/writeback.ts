import {
  customPropertiesId,
  encodePlan,
  MeetingPlanSchema,
  nextRevision,
  type MeetingPlan,
} from "@modeklar/shared";
import { GraphFailure, type MailboxGateway } from "../../../graph";
import type { PlanStore } from "../../../store/plans";
import { conflict, notFound, outlookProblem } from "../../problem";
import { planOf } from "../../../mirror/events";

export interface PlanWriteback {
  gateway: MailboxGateway;
  plans: PlanStore;
  mayorMailbox: string;
  addinId: string;
  now: () => Date;
}

const ATTEMPTS = 3;

const record = (value: unknown): Record<string, unknown> =>
  value !== null && typeof value === "object" && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};

/** The event's custom properties (the add-in's extended property, parsed), empty when it has none or they do not parse. */
function customPropertiesOf(event: Record<string, unknown>, propertyId: string): Record<string, unknown> {
  const property = (
    Array.isArray(event["singleValueExtendedProperties"]) ? event["singleValueExtendedProperties"] : []
  )
    .map(record)
    .find((p) => String(p["id"]).toLowerCase() === propertyId.toLowerCase());
  try {
    return record(JSON.parse(typeof property?.["value"] === "string" ? property["value"] : "{}"));
  } catch {
    return {};
  }
}

/**
 * Changes a meeting's plan where both the add-in and the service read it: the event's
 * custom-properties extended property (PATCH with If-Match; on 412 read again and redo
 * the change) and the service's stored copy. Other custom properties are kept as they are.
 */
export async function changePlan(
  deps: PlanWriteback,
  eventId: string,
  change: (plan: MeetingPlan) => MeetingPlan,
  by: string,
): Promise<MeetingPlan> {
  const propertyId = customPropertiesId(deps.addinId);
  for (let attempt = 0; attempt < ATTEMPTS; attempt += 1) {
    const event = await deps.gateway.getEvent(deps.mayorMailbox, eventId, {
      extendedProperties: [propertyId],
    });
    if (!event) throw notFound("The meeting is no longer in the mayor's calendar.");
    const stored = await deps.plans.getPlan(deps.mayorMailbox, eventId);
    const current = stored
      ? MeetingPlanSchema.parse(stored.plan)
      : (planOf(event, deps.addinId) ?? MeetingPlanSchema.parse({}));
    const next = nextRevision(change(current), by, deps.now().toISOString());
    const values = customPropertiesOf(event, propertyId);
    const [result] = await deps.gateway.patchItems([
      {
        mailbox: deps.mayorMailbox,
        kind: "events",
        id: eventId,
        etag: String(event["@odata.etag"] ?? ""),
        patch: {
          singleValueExtendedProperties: [
            { id: propertyId, value: JSON.stringify({ ...values, mk: encodePlan(next) }) },
          ],
        },
      },
    ]);
    if (!result || result.outcome === "conflict") continue;
    if (result.outcome === "gone") throw notFound("The meeting is no longer in the mayor's calendar.");
    if (result.outcome === "failed") {
      throw outlookProblem(new GraphFailure(result.status, null, result.error), {
        title: "Outlook did not take the change",
        detail: `Outlook answered ${result.status}: ${result.error}`,
      });
    }
    const saved = await deps.plans.savePlan({
      mailbox: deps.mayorMailbox,
      eventId,
      baseRevision: stored?.revision ?? 0,
      plan: next,
      by,
    });
    if (!saved.saved) continue;
    return next;
  }
  throw conflict("Someone changed the meeting's plan at the same moment. Try again.");
}
