import type { MeetingPlan } from "@modeklar/shared";
import { useCallback, useEffect, useReducer, useRef, useState } from "react";
import type { MeetingItemHost } from "../office";
import type { PlanService } from "./api";
import { Drafts, type Draft } from "./draft";
import { latestPlan, PlanConflict, persistPlan, type LatestPlan } from "./persist";
import { initialPlanState, planReducer, type PlanEvent, type PlanState } from "./save-state";

export type { SaveState } from "./save-state";

export interface PlanSession extends PlanState {
  /** The revision the next save (or order) is based on. */
  baseRevision(): number;
  edit(update: (plan: MeetingPlan) => MeetingPlan): void;
  saveNow(): void;
  /** Saves what is pending and waits for it, so an order is based on the plan as saved. */
  flush(): Promise<void>;
  /** Resolves a conflict: their plan replaces mine. */
  takeTheirs(): void;
  /** Resolves a conflict: mine is saved on top of theirs. */
  keepMine(): void;
  /** An order went out and the service saved the plan as `revision`: mirror it here and on the meeting. */
  ordered(update: (plan: MeetingPlan) => MeetingPlan, revision: number): void;
}

export interface PlanSessionOptions {
  meeting: MeetingItemHost;
  meetingKey: string;
  service: { api: PlanService; meetingId: string } | null;
  by: string;
  drafts?: Drafts;
  /** Typing pauses this long before a save. */
  saveDelayMs?: number;
  now?: () => Date;
}

const RETRY_DELAYS_MS = [2_000, 5_000, 15_000, 30_000];

/** Where the pane starts: the draft typed last time, or the latest plan (to be saved when the service is behind). */
function startingPoint(latest: LatestPlan, draft: Draft | null): PlanEvent & { plan: MeetingPlan } {
  if (draft && draft.baseRevision === latest.plan.revision)
    return { type: "loaded", plan: draft.plan, as: "restored" };
  // The draft was typed on an older plan that someone has since saved over.
  if (draft)
    return {
      type: "loadedOverDraft",
      plan: draft.plan,
      conflict: new PlanConflict(latest.plan, latest.plan.updatedBy ?? "?"),
    };
  return { type: "loaded", plan: latest.plan, as: latest.serviceBehind ? "unsaved" : "saved" };
}

/**
 * The plan of the open meeting: loaded from the meeting (and the service, which keeps what
 * does not fit), every edit kept as a draft at once and saved shortly after; a failed save
 * says so and retries; a save over someone else's is a conflict to resolve, never an overwrite.
 */
export function usePlan({
  meeting,
  meetingKey,
  service,
  by,
  drafts: givenDrafts,
  saveDelayMs = 800,
  now = () => new Date(),
}: PlanSessionOptions): PlanSession {
  const [drafts] = useState(() => givenDrafts ?? new Drafts());
  const [state, dispatch] = useReducer(planReducer, undefined, initialPlanState);
  const { conflict } = state;
  const planRef = useRef(state.plan);
  const baseRevision = useRef(0);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const attempts = useRef(0);
  const saving = useRef<Promise<void> | null>(null);
  const pendingSave = useRef(false);

  // The typed plan is read at once (saves, drafts), before React renders it: the ref mirrors it.
  const show = useCallback((event: PlanEvent & { plan: MeetingPlan }) => {
    planRef.current = event.plan;
    dispatch(event);
  }, []);

  const keepDraft = useCallback(() => {
    drafts.save(meetingKey, {
      plan: planRef.current,
      briefing: null,
      baseRevision: baseRevision.current,
      savedAt: now().toISOString(),
    });
  }, [drafts, meetingKey, now]);

  const save = useCallback(async (): Promise<void> => {
    clearTimeout(timer.current);
    pendingSave.current = false;
    if (saving.current) await saving.current;
    const typed = planRef.current;
    dispatch({ type: "saving" });
    const run = persistPlan({
      meeting,
      service,
      plan: typed,
      baseRevision: baseRevision.current,
      by,
      now: now(),
    }).then(
      (saved) => {
        attempts.current = 0;
        baseRevision.current = saved.revision;
        if (planRef.current === typed) {
          show({ type: "saved", plan: saved });
          drafts.clear(meetingKey);
        } else {
          // Typed on while saving: the newer text is still a draft, now on the saved revision.
          show({ type: "savedTypedOn", plan: { ...planRef.current, revision: saved.revision } });
          keepDraft();
          pendingSave.current = true;
          timer.current = setTimeout(() => void save(), saveDelayMs);
        }
      },
      (error: unknown) => {
        if (error instanceof PlanConflict) {
          dispatch({ type: "conflicted", conflict: error });
          return;
        }
        dispatch({ type: "failed", failure: error });
        const delay = RETRY_DELAYS_MS[Math.min(attempts.current, RETRY_DELAYS_MS.length - 1)];
        attempts.current += 1;
        pendingSave.current = true;
        timer.current = setTimeout(() => void save(), delay);
      },
    );
    saving.current = run;
    await run;
    saving.current = null;
  }, [meeting, service, by, now, show, drafts, meetingKey, keepDraft, saveDelayMs]);

  const saveRef = useRef(save);
  saveRef.current = save;

  useEffect(() => {
    let current = true;
    dispatch({ type: "loading" });
    (async () => {
      const latest = await latestPlan(meeting, service);
      if (!current) return;
      baseRevision.current = latest.baseRevision;
      const draft = drafts.load(meetingKey);
      const start = startingPoint(latest, draft);
      show(start);
      // A restored draft is saved at once (the pane says "gemmes nu"), as is a plan the service lacks.
      const restored = start.type === "loaded" && start.as === "restored";
      if (restored || (latest.serviceBehind && !draft)) {
        pendingSave.current = true;
        // The restored text is saved after the usual pause, so she sees what came back first.
        timer.current = setTimeout(() => void saveRef.current(), restored ? saveDelayMs : 0);
      }
    })();
    return () => {
      current = false;
      clearTimeout(timer.current);
    };
  }, [meeting, meetingKey, service, drafts, show, saveDelayMs]);

  const edit = useCallback(
    (update: (plan: MeetingPlan) => MeetingPlan) => {
      show({ type: "edited", plan: update(planRef.current) });
      keepDraft();
      clearTimeout(timer.current);
      if (!conflict) {
        pendingSave.current = true;
        timer.current = setTimeout(() => void save(), saveDelayMs);
      }
    },
    [show, keepDraft, conflict, save, saveDelayMs],
  );

  const takeTheirs = useCallback(() => {
    if (!conflict) return;
    baseRevision.current = conflict.theirs.revision;
    show({ type: "tookTheirs", plan: conflict.theirs });
    drafts.clear(meetingKey);
  }, [conflict, show, drafts, meetingKey]);

  const keepMine = useCallback(() => {
    if (!conflict) return;
    baseRevision.current = conflict.theirs.revision;
    dispatch({ type: "keptMine" });
    void save();
  }, [conflict, save]);

  const ordered = useCallback(
    (update: (plan: MeetingPlan) => MeetingPlan, revision: number) => {
      baseRevision.current = revision;
      show({ type: "ordered", plan: { ...update(planRef.current), revision } });
      void save();
    },
    [show, save],
  );

  return {
    ...state,
    baseRevision: () => baseRevision.current,
    edit,
    saveNow: () => void save(),
    flush: async () => {
      if (saving.current) await saving.current;
      if (pendingSave.current) await save();
    },
    takeTheirs,
    keepMine,
    ordered,
  };
}
