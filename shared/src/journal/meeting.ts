import type { Journal } from "../plan";

/** What the journal rule reads of a meeting: when it ended, its state and its plan's journal step. */
export interface MeetingForJournal {
  end: string | null;
  isCancelled: boolean;
  /** Private or confidential (the privacy policy's isPrivateMeeting). */
  isPrivate: boolean;
  journal: Pick<Journal, "state" | "caseNumber">;
  /**
   * Someone filed it before: for a private meeting, the secretary's explicit choice to
   * journalise it (never assumed otherwise).
   */
  filedBefore: boolean;
}

/**
 * Whether a meeting asks to be journalised: it was held (ended, not cancelled) and its plan
 * has a case (a case number, or the journal step is needed). A private meeting only when the
 * secretary chose to file it.
 */
export function meetingNeedsJournal(meeting: MeetingForJournal, now: Date): boolean {
  if (!meeting.end || meeting.isCancelled || Date.parse(meeting.end) >= now.getTime()) return false;
  if (meeting.isPrivate && !meeting.filedBefore) return false;
  return Boolean(meeting.journal.caseNumber) || meeting.journal.state !== "notNeeded";
}
