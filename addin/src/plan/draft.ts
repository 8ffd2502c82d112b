import { MeetingPlanSchema, type MeetingPlan } from "@modeklar/shared";
import { z } from "zod";

/** What the secretary typed and has not yet seen saved, kept per meeting in the browser. */
export interface Draft {
  plan: MeetingPlan;
  briefing: string | null;
  /** The plan revision the draft was typed on: a save from it may conflict. */
  baseRevision: number;
  savedAt: string;
}

const DraftSchema = z.object({
  plan: MeetingPlanSchema,
  briefing: z.string().nullable(),
  baseRevision: z.number().int().min(0),
  savedAt: z.string(),
});

const PREFIX = "modeklar.draft.";

/** The browser's storage, or none (private mode, storage full): drafts are then only in memory. */
export interface DraftStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

function storageOrNull(): DraftStorage | null {
  try {
    return globalThis.localStorage ?? null;
  } catch {
    return null;
  }
}

export class Drafts {
  constructor(private readonly storage: DraftStorage | null = storageOrNull()) {}

  /** Keeps the draft; false when the browser would not store it. */
  save(meetingKey: string, draft: Draft): boolean {
    try {
      this.storage?.setItem(PREFIX + meetingKey, JSON.stringify(draft));
      return this.storage !== null;
    } catch {
      return false;
    }
  }

  /** The draft for the meeting, or null when there is none or it cannot be read. */
  load(meetingKey: string): Draft | null {
    const raw = this.storage?.getItem(PREFIX + meetingKey);
    if (!raw) return null;
    try {
      const parsed = DraftSchema.safeParse(JSON.parse(raw));
      return parsed.success ? parsed.data : null;
    } catch {
      return null;
    }
  }

  clear(meetingKey: string): void {
    this.storage?.removeItem(PREFIX + meetingKey);
  }
}
