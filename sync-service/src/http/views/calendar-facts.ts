import {
  describeConflict,
  findConflicts,
  invitationAnswerDue,
  readiness,
  travelTimes,
  type Attendance,
  type Classification,
  type Conflict,
  type ConflictMeeting,
  type PageConflict,
  type SuggestedAnswer,
} from "@modeklar/shared";
import { DateTime } from "luxon";
import { isCancelled, locationOf, text, type TimedEvent } from "../../mirror/events";
import type { Language } from "../language";
import { attendanceOf, planFor, priorityOf, type CalendarContext, type PlannedEvent } from "./calendar";
import { ZONE } from "./local-time";

/** What the calendar knows, computed once: each meeting's priority, attendance and conflicts. */
export interface CalendarFacts {
  priority: Map<string, Classification>;
  attendance: Map<string, Attendance>;
  conflicts: Map<string, Conflict[]>;
  /** Each meeting's subject as the caller may read it (the privacy policy's answer). */
  subjects: Map<string, string>;
}

export function calendarFacts(context: CalendarContext): CalendarFacts {
  const live = context.events.filter((e) => !isCancelled(e.data));
  const priority = new Map(live.map((e) => [e.id, priorityOf(e, context)]));
  const attendance = new Map(live.map((e) => [e.id, attendanceOf(e)]));
  const meetings: ConflictMeeting[] = live.map((e) => {
    const showAs = text(e.data["showAs"]);
    return {
      id: e.id,
      subject: text(e.data["subject"]),
      start: e.start,
      end: e.end,
      attendance: attendance.get(e.id) ?? "pending",
      location: locationOf(e.data),
      isAllDay: e.data["isAllDay"] === true,
      ...(showAs ? { showAs: showAs as ConflictMeeting["showAs"] } : {}),
      priorityClass: priority.get(e.id)?.class ?? 3,
    };
  });
  const conflicts = new Map<string, Conflict[]>();
  for (const conflict of findConflicts(meetings, context.travel)) {
    for (const id of [conflict.first.id, conflict.second.id]) {
      conflicts.set(id, [...(conflicts.get(id) ?? []), conflict]);
    }
  }
  const subjects = new Map(
    context.events.map((e) => [
      e.id,
      context.viewer(e.data).subject(text(e.data["subject"]), context.language),
    ]),
  );
  return { priority, attendance, conflicts, subjects };
}

/** A conflict named with the subjects the caller may read. */
function shownConflict(conflict: Conflict, facts: CalendarFacts): Conflict {
  const shown = (meeting: Conflict["first"]) => ({
    ...meeting,
    subject: facts.subjects.get(meeting.id) ?? "",
  });
  return { ...conflict, first: shown(conflict.first), second: shown(conflict.second) };
}

function pageConflicts(meetingId: string, facts: CalendarFacts, language: Language): PageConflict[] {
  return (facts.conflicts.get(meetingId) ?? []).map((found) => {
    const conflict = shownConflict(found, facts);
    const other = conflict.first.id === meetingId ? conflict.second : conflict.first;
    const words = describeConflict(conflict, language);
    return {
      kind: conflict.kind,
      withId: other.id,
      withSubject: other.subject,
      text: words.text,
      action: words.action,
    };
  });
}

/** The answer to suggest: decline what a conflict says to give up, else by priority class. */
function suggestedAnswer(meetingId: string, facts: CalendarFacts): SuggestedAnswer {
  const giveUp = (facts.conflicts.get(meetingId) ?? []).some(
    (c) => c.action === "declineInvite" && c.actionMeetingId === meetingId,
  );
  if (giveUp) return "decline";
  const priority = facts.priority.get(meetingId)?.class ?? 3;
  return priority === 1 ? "accept" : priority === 2 ? "tentative" : "decline";
}

/** When the invitation arrived: Graph's createdDateTime, or now when it is not known. */
function receivedAt(event: TimedEvent, now: Date): string {
  const created = text(event.data["createdDateTime"]);
  return created && !Number.isNaN(Date.parse(created)) ? new Date(created).toISOString() : now.toISOString();
}

export function answerDueOf(event: TimedEvent, now: Date): string {
  return invitationAnswerDue(event.start, receivedAt(event, now));
}

/** The meeting before this one the same day, with a place, and the minutes to travel from it. */
export function travelTo(event: TimedEvent, context: CalendarContext, facts: CalendarFacts) {
  const day = DateTime.fromISO(event.start, { zone: ZONE }).toISODate();
  const place = locationOf(event.data);
  const before = context.events
    .filter(
      (e) =>
        e.id !== event.id &&
        e.end <= event.start &&
        !isCancelled(e.data) &&
        e.data["isAllDay"] !== true &&
        locationOf(e.data) !== "" &&
        facts.attendance.get(e.id) !== "declined" &&
        DateTime.fromISO(e.start, { zone: ZONE }).toISODate() === day,
    )
    .at(-1);
  if (!before || !place) return { travelMinutes: null, travelFrom: null };
  const from = locationOf(before.data);
  const minutes = travelTimes(context.travel).minutes(from, place);
  if (!minutes) return { travelMinutes: null, travelFrom: null };
  return { travelMinutes: minutes, travelFrom: context.viewer(before.data).sees("place") ? from : "" };
}

const EMPTY_READINESS = { done: 0, needed: 0, waiting: [], missing: [] };

function readinessOf(event: PlannedEvent, context: CalendarContext) {
  const plan = context.viewer(event.data).sees("plan") ? planFor(event, context.addinId) : null;
  return plan ? readiness(plan) : EMPTY_READINESS;
}

/**
 * What the phone page and the weekly view show of any meeting: its class, its conflicts named
 * for the reader, the answer to suggest, and how ready its plan is.
 */
export function meetingFacts(event: PlannedEvent, context: CalendarContext, facts: CalendarFacts) {
  return {
    priority: facts.priority.get(event.id) ?? priorityOf(event, context),
    conflicts: pageConflicts(event.id, facts, context.language),
    suggested: suggestedAnswer(event.id, facts),
    readiness: readinessOf(event, context),
  };
}
