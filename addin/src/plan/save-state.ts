import { emptyPlan, type MeetingPlan } from "@modeklar/shared";
import type { PlanConflict } from "./persist";

export type SaveState = "loading" | "saved" | "unsaved" | "saving" | "failed" | "conflict";

/** What the pane shows of the plan and its saving. */
export interface PlanState {
  plan: MeetingPlan;
  saveState: SaveState;
  /** The other person's plan when they saved meanwhile. */
  conflict: PlanConflict | null;
  /** The failure of the last save, kept until a save succeeds. */
  failure: unknown;
  /** True when what the secretary typed last time was restored from the draft. */
  restored: boolean;
}

/** What happens to the plan: loading it, typing, saving, and a conflict's resolution. */
export type PlanEvent =
  | { type: "loading" }
  /** Loaded: the plan as saved, one that still needs saving, or the draft typed on it last time. */
  | { type: "loaded"; plan: MeetingPlan; as: "saved" | "unsaved" | "restored" }
  /** The draft was typed on an older plan that someone has since saved over. */
  | { type: "loadedOverDraft"; plan: MeetingPlan; conflict: PlanConflict }
  | { type: "edited"; plan: MeetingPlan }
  | { type: "saving" }
  | { type: "saved"; plan: MeetingPlan }
  /** Saved, but typed on meanwhile: the newer text is still to be saved. */
  | { type: "savedTypedOn"; plan: MeetingPlan }
  | { type: "conflicted"; conflict: PlanConflict }
  | { type: "failed"; failure: unknown }
  | { type: "tookTheirs"; plan: MeetingPlan }
  | { type: "keptMine" }
  /** An order went out: the service's plan, saved next. */
  | { type: "ordered"; plan: MeetingPlan };

export const initialPlanState = (): PlanState => ({
  plan: emptyPlan(),
  saveState: "loading",
  conflict: null,
  failure: null,
  restored: false,
});

/** The save state machine: every change of what the pane shows about saving, in one place. */
export function planReducer(view: PlanState, event: PlanEvent): PlanState {
  switch (event.type) {
    case "loading":
      return { ...view, saveState: "loading", conflict: null, failure: null, restored: false };
    case "loaded":
      return {
        ...view,
        plan: event.plan,
        saveState: event.as === "saved" ? "saved" : "unsaved",
        restored: event.as === "restored",
      };
    case "loadedOverDraft":
      return { ...view, plan: event.plan, conflict: event.conflict, saveState: "conflict" };
    case "edited":
      return { ...view, plan: event.plan, saveState: view.saveState === "conflict" ? "conflict" : "unsaved" };
    case "saving":
      return { ...view, saveState: "saving" };
    case "saved":
      return { ...view, plan: event.plan, failure: null, saveState: "saved" };
    case "savedTypedOn":
      return { ...view, plan: event.plan, failure: null, saveState: "unsaved" };
    case "conflicted":
      return { ...view, conflict: event.conflict, saveState: "conflict" };
    case "failed":
      return { ...view, failure: event.failure, saveState: "failed" };
    case "tookTheirs":
      return { ...view, plan: event.plan, conflict: null, saveState: "saved" };
    case "keptMine":
      return { ...view, conflict: null };
    case "ordered":
      return { ...view, plan: event.plan };
  }
}
