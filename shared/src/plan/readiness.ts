import { STEP_NAMES, type MeetingPlan, type StepName } from "./plan";

export interface Readiness {
  /** Steps confirmed. */
  done: number;
  /** Steps that are needed at all. */
  needed: number;
  /** Needed steps not yet confirmed, in plan order. */
  missing: StepName[];
}

/** How ready a meeting is: of the needed steps, how many are confirmed and which are not. */
export function readiness(plan: MeetingPlan): Readiness {
  const needed = STEP_NAMES.filter((step) => plan[step].state !== "notNeeded");
  const missing = needed.filter((step) => plan[step].state !== "confirmed");
  return { done: needed.length - missing.length, needed: needed.length, missing };
}

/** A save based on `baseRevision` may go ahead only if nobody saved since. */
export function isStaleEdit(stored: MeetingPlan, baseRevision: number): boolean {
  return stored.revision !== baseRevision;
}

/** The plan as saved by `by` at `at`: the next revision. */
export function nextRevision(plan: MeetingPlan, by: string, at: string): MeetingPlan {
  return { ...plan, revision: plan.revision + 1, updatedBy: by, updatedAt: at };
}
