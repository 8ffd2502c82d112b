import {
  decodePlan,
  emptyPlan,
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

/** The newest plan of the meeting and the service, and the revision the next save is based on. */
export interface LatestPlan {
  plan: MeetingPlan;
  baseRevision: number;
  /** The meeting holds a newer plan than the service: the next save brings the service up to date. */
  serviceBehind: boolean;
}

export async function latestPlan(
  meeting: MeetingItemHost,
  service: { api: PlanService; meetingId: string } | null,
): Promise<LatestPlan> {
  const onMeeting = await planOnMeeting(meeting).catch(() => null);
  const inService = service ? await service.api.plan(service.meetingId).catch(() => null) : null;
  // The service keeps the whole plan; the meeting may hold a newer one saved without it.
  const plan =
    inService?.plan && inService.revision >= (onMeeting?.revision ?? 0)
      ? inService.plan
      : (onMeeting ?? emptyPlan());
  // A plan saved on the meeting alone (while no one was signed in to the service) is newer
  // than the service's copy: the next save brings the service up to date from the revision
  // the service holds, or every save and order would be refused as someone else's.
  const serviceBehind = inService !== null && (onMeeting?.revision ?? 0) > inService.revision;
  return { plan, baseRevision: serviceBehind ? inService.revision : plan.revision, serviceBehind };
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
