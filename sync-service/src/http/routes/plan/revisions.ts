import { MeetingPlanSchema, t, type MeetingPlan } from "@modeklar/shared";
import type { PlanStore, StoredPlan } from "../../../store/plans";
import type { Language } from "../../language";
import { conflict, type Problem } from "../../problem";
import type { PlanApiDeps } from "./deps";

/**
 * Why a save based on an old revision (or version) was refused: who saved meanwhile, or, with
 * nobody to name (nothing kept here, or kept before names were), what happened.
 */
export function savedMeanwhile(updatedBy: string | undefined, language: Language): string {
  return updatedBy ? t(language, "plan.conflict", { person: updatedBy }) : t(language, "plan.stale");
}

function stalePlan(current: StoredPlan | null, language: Language): Problem {
  return conflict(savedMeanwhile(current?.updatedBy, language), {
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
 * The stored plan at the revision the task pane saw, else a 409. Checked before any mail
 * leaves, so a stale pane never sends an order twice.
 */
export async function planAt(
  deps: PlanApiDeps,
  id: string,
  baseRevision: number,
  language: Language,
): Promise<MeetingPlan> {
  const stored = await deps.plans.getPlan(deps.mayorMailbox, id);
  if ((stored?.revision ?? 0) !== baseRevision) throw stalePlan(stored, language);
  return stored ? MeetingPlanSchema.parse(stored.plan) : MeetingPlanSchema.parse({});
}

/** Saves the plan as the next revision after `baseRevision`, else a 409 with the one kept. */
export async function savePlan(
  deps: PlanApiDeps,
  plans: PlanStore,
  id: string,
  baseRevision: number,
  plan: MeetingPlan,
  by: string,
  language: Language,
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
