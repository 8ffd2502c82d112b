import { STEP_NAMES, type MeetingPlan, type StepName } from "./plan";

/**
 * How ready a meeting is. Of the steps it needs, a step is done when confirmed, waiting when
 * ordered (the kitchen, the reception, the room or the department has not answered yet), and
 * missing when nothing has been done.
 */
export interface Readiness {
  /** Steps confirmed. */
  done: number;
  /** Steps that are needed at all. */
  needed: number;
  /** Ordered steps waiting for an answer, in plan order. */
  waiting: StepName[];
  /** Needed steps nothing has been done for yet, in plan order. */
  missing: StepName[];
}

export function readiness(plan: MeetingPlan): Readiness {
  const needed = STEP_NAMES.filter((step) => plan[step].state !== "notNeeded");
  return {
    done: needed.filter((step) => plan[step].state === "confirmed").length,
    needed: needed.length,
    waiting: needed.filter((step) => plan[step].state === "ordered"),
    missing: needed.filter((step) => plan[step].state === "todo"),
  };
}

/** A save based on `baseRevision` may go ahead only if nobody saved since. */
export function isStaleEdit(stored: MeetingPlan, baseRevision: number): boolean {
  return stored.revision !== baseRevision;
}

/** The plan as saved by `by` at `at`: the next revision. */
export function nextRevision(plan: MeetingPlan, by: string, at: string): MeetingPlan {
  return { ...plan, revision: plan.revision + 1, updatedBy: by, updatedAt: at };
}
