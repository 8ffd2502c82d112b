import {
  decodePlan,
  fitPlan,
  nextRevision,
  PLAN_PROPERTY,
  PlanDecodeError,
  type MeetingPlan,
} from "@modeklar/shared";
import type { MeetingItemHost } from "../office";
import { ConflictingPlanSchema, ServiceProblem, type PlanService } from "./api";

/** Someone else saved the plan after the revision this edit was based on. */
export class PlanConflict extends Error {
  constructor(
    readonly theirs: MeetingPlan,
    readonly by: string,
  ) {
    super(`${by} saved the plan meanwhile (revision ${theirs.revision}).`);
    this.name = "PlanConflict";
  }
}

/** The plan stored on the meeting, or null when none is (or it is unreadable: then the service's copy counts). */
export async function planOnMeeting(meeting: MeetingItemHost): Promise<MeetingPlan | null> {
  const properties = await meeting.loadCustomProperties();
  const encoded = properties.get(PLAN_PROPERTY);
  if (!encoded) return null;
  try {
    return decodePlan(encoded);
  } catch (error) {
    if (error instanceof PlanDecodeError) return null;
    throw error;
  }
}

export interface PersistInput {
  meeting: MeetingItemHost;
  /** Null when the service cannot be reached or the meeting is not saved yet: the meeting alone holds the plan. */
  service: { api: PlanService; meetingId: string } | null;
  plan: MeetingPlan;
  baseRevision: number;
  by: string;
  now: Date;
}

/**
 * Saves the plan as the next revision: first in the service (which refuses a stale
 * revision), then its compact form on the meeting. Without the service the meeting's own
 * copy is checked for a newer revision instead. Throws PlanConflict rather than overwrite.
 */
export async function persistPlan({
  meeting,
  service,
  plan,
  baseRevision,
  by,
  now,
}: PersistInput): Promise<MeetingPlan> {
  let saved: MeetingPlan;
  if (service) {
    try {
      saved = (
        await service.api.savePlan(service.meetingId, { ...plan, revision: baseRevision }, baseRevision)
      ).plan;
    } catch (error) {
      if (error instanceof ServiceProblem && error.isConflict) {
        const theirs = ConflictingPlanSchema.safeParse(error.current);
        if (theirs.success) throw new PlanConflict(theirs.data.plan, theirs.data.updatedBy);
      }
      throw error;
    }
  } else {
    const stored = await planOnMeeting(meeting);
    if (stored && stored.revision !== baseRevision) throw new PlanConflict(stored, stored.updatedBy ?? "?");
    saved = nextRevision(plan, by, now.toISOString());
  }
  const properties = await meeting.loadCustomProperties();
  properties.set(PLAN_PROPERTY, fitPlan(saved).encoded);
  await properties.save();
  return saved;
}
