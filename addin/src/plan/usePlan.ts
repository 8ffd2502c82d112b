import { emptyPlan, type MeetingPlan } from "@modeklar/shared";
import { useCallback, useEffect, useRef, useState } from "react";
import type { MeetingItemHost } from "../office";
import type { PlanService } from "./api";
import { Drafts } from "./draft";
import { PlanConflict, persistPlan, planOnMeeting } from "./persist";

export type SaveState = "loading" | "saved" | "unsaved" | "saving" | "failed" | "conflict";

export interface PlanSession {
  plan: MeetingPlan;
  saveState: SaveState;
  /** The other person's plan when they saved meanwhile. */
  conflict: PlanConflict | null;
  /** The failure of the last save, kept until a save succeeds. */
  failure: unknown;
  /** True when what the secretary typed last time was restored from the draft. */
  restored: boolean;
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
  const [plan, setPlan] = useState<MeetingPlan>(emptyPlan);
  const [saveState, setSaveState] = useState<SaveState>("loading");
  const [conflict, setConflict] = useState<PlanConflict | null>(null);
  const [failure, setFailure] = useState<unknown>(null);
  const [restored, setRestored] = useState(false);
  const planRef = useRef(plan);
  const baseRevision = useRef(0);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const attempts = useRef(0);
  const saving = useRef<Promise<void> | null>(null);
  const pendingSave = useRef(false);

  const show = useCallback((next: MeetingPlan) => {
    planRef.current = next;
    setPlan(next);
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
    setSaveState("saving");
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
        setFailure(null);
        if (planRef.current === typed) {
          show(saved);
          drafts.clear(meetingKey);
          setSaveState("saved");
        } else {
          // Typed on while saving: the newer text is still a draft, now on the saved revision.
          show({ ...planRef.current, revision: saved.revision });
          keepDraft();
          setSaveState("unsaved");
          pendingSave.current = true;
          timer.current = setTimeout(() => void save(), saveDelayMs);
        }
      },
      (error: unknown) => {
        if (error instanceof PlanConflict) {
          setConflict(error);
          setSaveState("conflict");
          return;
        }
        setFailure(error);
        setSaveState("failed");
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
    setSaveState("loading");
    setConflict(null);
    setFailure(null);
    setRestored(false);
    (async () => {
      const onMeeting = await planOnMeeting(meeting).catch(() => null);
      const inService = service ? await service.api.plan(service.meetingId).catch(() => null) : null;
      // The service keeps the whole plan; the meeting may hold a newer one saved without it.
      const latest =
        inService?.plan && inService.revision >= (onMeeting?.revision ?? 0)
          ? inService.plan
          : (onMeeting ?? emptyPlan());
      if (!current) return;
      // A plan saved on the meeting alone (while no one was signed in to the service) is newer
      // than the service's copy: the next save brings the service up to date from the revision
      // the service holds, or every save and order would be refused as someone else's.
      const serviceBehind = inService !== null && (onMeeting?.revision ?? 0) > inService.revision;
      baseRevision.current = serviceBehind ? inService.revision : latest.revision;
      const draft = drafts.load(meetingKey);
      if (draft && draft.baseRevision === latest.revision) {
        show(draft.plan);
        setRestored(true);
        setSaveState("unsaved");
      } else if (draft) {
        // The draft was typed on an older plan that someone has since saved over.
        show(draft.plan);
        setConflict(new PlanConflict(latest, latest.updatedBy ?? "?"));
        setSaveState("conflict");
      } else if (serviceBehind) {
        show(latest);
        setSaveState("unsaved");
        pendingSave.current = true;
        timer.current = setTimeout(() => void saveRef.current(), 0);
      } else {
        show(latest);
        setSaveState("saved");
      }
    })();
    return () => {
      current = false;
      clearTimeout(timer.current);
    };
  }, [meeting, meetingKey, service, drafts, show]);

  const edit = useCallback(
    (update: (plan: MeetingPlan) => MeetingPlan) => {
      show(update(planRef.current));
      keepDraft();
      setSaveState((state) => (state === "conflict" ? state : "unsaved"));
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
    show(conflict.theirs);
    drafts.clear(meetingKey);
    setConflict(null);
    setSaveState("saved");
  }, [conflict, show, drafts, meetingKey]);

  const keepMine = useCallback(() => {
    if (!conflict) return;
    baseRevision.current = conflict.theirs.revision;
    setConflict(null);
    void save();
  }, [conflict, save]);

  const ordered = useCallback(
    (update: (plan: MeetingPlan) => MeetingPlan, revision: number) => {
      baseRevision.current = revision;
      show({ ...update(planRef.current), revision });
      void save();
    },
    [show, save],
  );

  return {
    plan,
    saveState,
    conflict,
    failure,
    restored,
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
