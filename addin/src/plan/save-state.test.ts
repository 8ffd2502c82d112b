import { emptyPlan } from "@modeklar/shared";
import { describe, expect, it } from "vitest";
import { PlanConflict } from "./persist";
import { initialPlanState, planReducer, type PlanEvent, type PlanState } from "./save-state";

const typed = { ...emptyPlan(), journal: { ...emptyPlan().journal, caseNumber: "00.01.00-A00-1-26" } };
const run = (...events: PlanEvent[]): PlanState => events.reduce(planReducer, initialPlanState());

describe("the plan's save state", () => {
  it("is loading until the plan is read, then saved", () => {
    expect(run().saveState).toBe("loading");
    expect(run({ type: "loaded", plan: typed, as: "saved" })).toMatchObject({
      plan: typed,
      saveState: "saved",
    });
  });

  it("says a restored draft is restored and not yet saved", () => {
    expect(run({ type: "loaded", plan: typed, as: "restored" })).toMatchObject({
      saveState: "unsaved",
      restored: true,
    });
  });

  it("keeps a failure until a save succeeds", () => {
    const failed = run({ type: "loaded", plan: typed, as: "saved" }, { type: "failed", failure: "down" });
    expect(failed).toMatchObject({ saveState: "failed", failure: "down" });
    expect(planReducer(failed, { type: "saving" }).failure).toBe("down");
    expect(planReducer(failed, { type: "saved", plan: typed })).toMatchObject({
      saveState: "saved",
      failure: null,
    });
  });

  it("stays in conflict while the secretary types on, until the conflict is resolved", () => {
    const conflict = new PlanConflict(emptyPlan(), "Jonas");
    const open = run({ type: "loaded", plan: emptyPlan(), as: "saved" }, { type: "conflicted", conflict });
    expect(planReducer(open, { type: "edited", plan: typed }).saveState).toBe("conflict");
    expect(planReducer(open, { type: "tookTheirs", plan: conflict.theirs })).toMatchObject({
      saveState: "saved",
      conflict: null,
    });
    expect(planReducer(open, { type: "keptMine" }).conflict).toBeNull();
  });

  it("starts afresh when another meeting loads", () => {
    const conflict = new PlanConflict(emptyPlan(), "Jonas");
    const before = run(
      { type: "loadedOverDraft", plan: typed, conflict },
      { type: "failed", failure: "down" },
    );
    expect(planReducer(before, { type: "loading" })).toMatchObject({
      saveState: "loading",
      conflict: null,
      failure: null,
      restored: false,
    });
  });
});
