import type { Locale, MessageKey } from "../i18n/catalog";
import { t } from "../i18n/catalog";
import { travelTimes, type TravelTable } from "./travel";

/** The mayor's answer to a meeting: "pending" is an invitation not yet answered. */
export type Attendance = "organizer" | "accepted" | "tentative" | "pending" | "declined";

export interface ConflictMeeting {
  id: string;
  subject: string;
  /** ISO instants. */
  start: string;
  end: string;
  attendance: Attendance;
  location?: string;
  isAllDay?: boolean;
  /** Free time blocks neither collide nor need travel. */
  showAs?: "free" | "tentative" | "busy" | "oof" | "workingElsewhere" | "unknown";
  /** Priority class, when known: the less important invitation is the one to decline. */
  priorityClass?: 1 | 2 | 3;
}

export type ConflictAction = "declineInvite" | "chooseOne" | "moveOrShorten";

export interface Conflict {
  kind: "overlap" | "travel";
  /** The earlier meeting and the later one. */
  first: { id: string; subject: string };
  second: { id: string; subject: string };
  /** For travel: the minutes between the two and the minutes the journey takes. */
  minutesAvailable?: number;
  minutesNeeded?: number;
  action: ConflictAction;
  /** The meeting the action is about, when it is about one. */
  actionMeetingId?: string;
}

const committed = (m: ConflictMeeting) => m.attendance !== "pending";
const counts = (m: ConflictMeeting) => m.attendance !== "declined" && !m.isAllDay && m.showAs !== "free";
const ms = (iso: string) => Date.parse(iso);

/** Of two meetings, the one to give up: a pending invitation before a committed meeting, the less important first. */
function toGiveUp(a: ConflictMeeting, b: ConflictMeeting): ConflictMeeting | undefined {
  if (committed(a) && committed(b)) return undefined;
  if (committed(a)) return b;
  if (committed(b)) return a;
  return (b.priorityClass ?? 3) >= (a.priorityClass ?? 3) ? b : a;
}

/**
 * Overlaps between the mayor's meetings and invitations, and too little time to travel
 * between two places. Each conflict names both meetings and what to do.
 */
export function findConflicts(meetings: readonly ConflictMeeting[], table: TravelTable): Conflict[] {
  const travel = travelTimes(table);
  const sorted = meetings.filter(counts).sort((a, b) => ms(a.start) - ms(b.start) || ms(a.end) - ms(b.end));
  const conflicts: Conflict[] = [];
  for (let i = 0; i < sorted.length; i += 1) {
    const a = sorted[i] as ConflictMeeting;
    const reach = ms(a.end) + travel.longest * 60_000;
    for (let j = i + 1; j < sorted.length; j += 1) {
      const b = sorted[j] as ConflictMeeting;
      if (ms(b.start) >= reach) break;
      const pair = { first: { id: a.id, subject: a.subject }, second: { id: b.id, subject: b.subject } };
      if (ms(b.start) < ms(a.end)) {
        const giveUp = toGiveUp(a, b);
        conflicts.push({
          kind: "overlap",
          ...pair,
          action: giveUp ? "declineInvite" : "chooseOne",
          ...(giveUp ? { actionMeetingId: giveUp.id } : {}),
        });
        continue;
      }
      const needed = travel.minutes(a.location, b.location);
      const available = Math.round((ms(b.start) - ms(a.end)) / 60_000);
      if (needed !== undefined && available < needed) {
        conflicts.push({
          kind: "travel",
          ...pair,
          minutesAvailable: available,
          minutesNeeded: needed,
          action: "moveOrShorten",
          actionMeetingId: (toGiveUp(a, b) ?? b).id,
        });
      }
    }
  }
  return conflicts;
}

const ACTION_KEYS: Record<ConflictAction, MessageKey> = {
  declineInvite: "conflict.action.declineInvite",
  chooseOne: "conflict.action.chooseOne",
  moveOrShorten: "conflict.action.moveOrShorten",
};

/** A conflict in words, Danish or English: what collides, and what to do. */
export function describeConflict(conflict: Conflict, locale: Locale): { text: string; action: string } {
  const first = conflict.first.subject;
  const second = conflict.second.subject;
  const text =
    conflict.kind === "overlap"
      ? t(locale, "conflict.overlap", { first, second })
      : t(locale, "conflict.travel", {
          first,
          second,
          available: conflict.minutesAvailable ?? 0,
          needed: conflict.minutesNeeded ?? 0,
        });
  const meeting = conflict.actionMeetingId === conflict.first.id ? first : second;
  const key = ACTION_KEYS[conflict.action];
  const action =
    key === "conflict.action.chooseOne"
      ? t(locale, key)
      : t(locale, key as "conflict.action.declineInvite", { meeting });
  return { text, action };
}
