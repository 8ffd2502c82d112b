import {
  MeetingPlanSchema,
  PlanSaveRequestSchema,
  PlanSaveResponseSchema,
  StoredPlanResponseSchema,
  fitPlan,
} from "@modeklar/shared";
import type { ApiBuilder } from "../../api";
import { changedFields } from "../../audit-trail";
import { who } from "../../auth";
import { languageOf } from "../../language";
import type { PlanApiDeps } from "./deps";
import { readingOf, requireMeeting, requireSightOf } from "./meeting-access";
import { savePlan } from "./revisions";

/** What a plan save changed, step by step (the bookkeeping of revisions aside). */
const PLAN_BOOKKEEPING = ["version", "revision", "updatedBy", "updatedAt"];

/** The meeting's whole plan as the service keeps it: read, and saved against the revision the pane saw. */
export function meetingPlanRoutes(api: ApiBuilder, deps: PlanApiDeps): void {
  api.add({
    method: "get",
    path: "/meetings/:id/plan",
    summary:
      "The meeting's whole plan as the service keeps it, with its revision and the guests the meeting could not hold.",
    response: StoredPlanResponseSchema,
    handler: async (request) => {
      await readingOf(deps, request, "plan");
      const stored = await deps.plans.getPlan(deps.mayorMailbox, request.params["id"] ?? "");
      if (!stored) return { plan: null, revision: 0, moreGuests: [] };
      const plan = MeetingPlanSchema.parse(stored.plan);
      return { plan, revision: stored.revision, moreGuests: [] };
    },
  });

  api.add({
    method: "put",
    path: "/meetings/:id/plan",
    summary:
      "Saves the plan if nobody saved since baseRevision (else 409 with theirs); answers what fits on the meeting.",
    body: PlanSaveRequestSchema,
    response: PlanSaveResponseSchema,
    audit: { action: "plan.save", target: "meeting", param: "id" },
    handler: async ({ params, body, principal, audit, req }) => {
      await requireSightOf(deps, principal, params["id"] ?? "", "plan");
      const language = languageOf(req.header("accept-language"));
      const id = params["id"] ?? "";
      await requireMeeting(deps, id);
      const before = await deps.plans.getPlan(deps.mayorMailbox, id);
      const saved = await savePlan(
        deps,
        deps.plans,
        id,
        body.baseRevision,
        body.plan,
        who(principal),
        language,
      );
      const plan = MeetingPlanSchema.parse(saved.plan);
      audit.describe({
        fields: changedFields(before?.plan ?? MeetingPlanSchema.parse({}), plan, PLAN_BOOKKEEPING),
      });
      return { plan, encoded: fitPlan(plan).encoded };
    },
  });
}
