import {
  cateringCutoff,
  guestListDue,
  materialDue,
  sortDeadlines,
  withSeverity,
  type Deadline,
  type Minute,
  type WeekMeeting,
  type WeekView,
} from "@modeklar/shared";
import { DateTime } from "luxon";
import { isCancelled, personOf, locationOf, text, type EventData } from "../../mirror/events";
import type { MinuteEntry, PagesStore } from "../../store/pages";
import type { Reconciler } from "../../reconcile";
import type { MirrorStore } from "../../store/types";
import type { Language } from "../language";
import { shownPriority, type Viewer } from "../privacy";
import type { Reader } from "../reader";
import {
  attendanceOf,
  calendarContext,
  planFor,
  withStoredPlans,
  type CalendarContext,
  type CalendarSources,
  type PlannedEvent,
} from "./calendar";
import { answerDueOf, calendarFacts, meetingFacts, type CalendarFacts } from "./calendar-facts";
import { localDateOf, localRange, ZONE } from "./local-time";

/** What the weekly meeting's view reads besides the calendar: its minutes and the mirror's items. */
export interface WeekSources extends CalendarSources {
  /** Reconcile's door: the rules, pins and travel, and how far its first pass has come. */
  reconciler: Pick<Reconciler, "calendarRules" | "firstPassProgress">;
  mirror: Pick<MirrorStore, "listEventsInRange" | "getItems">;
  pages: Pick<PagesStore, "minutesOfWeek">;
}

/** How many weeks after the shown ones the view sums up. */
const OVERVIEW_WEEKS = 3;

/**
 * A decision as the caller may read it: the meeting's subject as the policy shows it now (a
 * meeting gone from the calendar counts as private; entries from before the calendar was the
 * only place for the subject may still carry one), and its comment only for those who see
 * the meeting whole.
 */
export function minuteOf(
  entry: MinuteEntry,
  meetings: Map<string, EventData>,
  viewer: Viewer,
  language: Language,
): Minute {
  const { subject: recorded, comment, ...detail } = entry.detail;
  const meeting = meetings.get(entry.eventId);
  const view = viewer(meeting ?? null);
  return {
    id: entry.id,
    eventId: entry.eventId,
    subject: view.subject(text(meeting ? meeting["subject"] : recorded), language),
    decision: entry.decision,
    detail: { ...detail, ...(comment !== undefined && view.sees("minutes") ? { comment } : {}) },
    outcome: entry.outcome,
    decidedBy: entry.decidedBy,
    decidedAt: entry.decidedAt,
  };
}

function weekMeeting(event: PlannedEvent, context: CalendarContext, facts: CalendarFacts): WeekMeeting {
  const view = context.viewer(event.data);
  const attendance = facts.attendance.get(event.id) ?? attendanceOf(event);
  const { priority, conflicts, suggested, readiness } = meetingFacts(event, context, facts);
  return {
    id: event.id,
    subject: facts.subjects.get(event.id) ?? "",
    start: event.start,
    end: event.end,
    isAllDay: event.data["isAllDay"] === true,
    location: view.sees("place") ? locationOf(event.data) : "",
    organizer: view.sees("organizer") ? (personOf(event.data["organizer"])?.name ?? "") : "",
    isPrivate: view.isPrivate,
    attendance,
    priority: shownPriority(view, priority),
    readiness,
    conflicts,
    ...(attendance === "pending" ? { suggested } : {}),
  };
}

/** The week's deadlines: answers owed, catering cut-offs, material and guest lists still to do. */
function weekDeadlines(
  events: PlannedEvent[],
  context: CalendarContext,
  facts: CalendarFacts,
  mailbox: string,
): Deadline[] {
  const now = context.now.toISOString();
  const deadlines = events.flatMap((event) => {
    if (isCancelled(event.data) || facts.attendance.get(event.id) === "declined") return [];
    const title = facts.subjects.get(event.id) ?? "";
    const base = { itemId: event.id, mailbox, title };
    const plan = context.viewer(event.data).sees("plan") ? planFor(event, context.addinId) : null;
    const due: Omit<Deadline, "severity">[] = [];
    if (facts.attendance.get(event.id) === "pending") {
      due.push({ ...base, kind: "invitationAnswer", due: answerDueOf(event, context.now) });
    }
    if (plan?.catering.state === "todo") {
      due.push({
        ...base,
        kind: "cateringCutoff",
        due: cateringCutoff(event.start, { workingDaysBefore: 2, atTime: "12:00" }),
      });
    }
    if (plan?.material.state === "todo") {
      due.push({
        ...base,
        kind: "materialDue",
        due: materialDue(event.start, plan.material.workingDaysBefore),
      });
    }
    if (plan?.reception.state === "todo") {
      due.push({ ...base, kind: "guestListDue", due: guestListDue(event.start) });
    }
    return due.map((d) => withSeverity(d, now));
  });
  return sortDeadlines(deadlines);
}

/** The weeks after the shown ones, from `firstWeek`, summed up: meetings, answers owed, conflicts, not ready. */
function weekOverview(firstWeek: DateTime, context: CalendarContext, facts: CalendarFacts) {
  return Array.from({ length: OVERVIEW_WEEKS }, (_, i) => {
    const from = firstWeek.plus({ weeks: i });
    const range = localRange(from.toISODate() as string, 7);
    const meetings = context.events
      .filter((e) => e.start < range.to && e.end > range.from && !isCancelled(e.data))
      .map((e) => weekMeeting(e, context, facts));
    return {
      weekStart: from.toISODate() as string,
      meetings: meetings.length,
      pending: meetings.filter((m) => m.attendance === "pending").length,
      conflicts: meetings.filter((m) => m.conflicts.length > 0).length,
      notReady: meetings.filter((m) => m.readiness.done < m.readiness.needed).length,
    };
  });
}

/**
 * The weekly calendar meeting's view: the week day by day (for `weeks` weeks), the three weeks
 * after in overview, deadlines and minutes. The private meetings shown day by day are recorded
 * as read by the reader.
 */
export async function weekView(
  sources: WeekSources,
  weekStart: string,
  weeks: number,
  reader: Reader,
): Promise<WeekView> {
  const { viewer, language } = reader;
  const monday = DateTime.fromISO(weekStart, { zone: ZONE }).startOf("week");
  const start = monday.toISODate() as string;
  const shown = localRange(start, 7 * weeks);
  const whole = localRange(start, 7 * (weeks + OVERVIEW_WEEKS));
  const context = await calendarContext(sources, whole.from, whole.to, language, viewer);
  context.events = await withStoredPlans(sources, context.events);
  const facts = calendarFacts(context);
  const inShown = context.events.filter((e) => e.start < shown.to && e.end > shown.from);
  const days = Array.from(
    { length: 7 * weeks },
    (_, i) => monday.plus({ days: i }).toISODate() as string,
  ).filter((date) => {
    const weekday = DateTime.fromISO(date).weekday;
    return weekday <= 5 || inShown.some((e) => localDateOf(e.start) === date);
  });
  const overview = weekOverview(monday.plus({ weeks }), context, facts);
  const [minutes, firstPass] = await Promise.all([
    sources.pages.minutesOfWeek(sources.mayorMailbox, start),
    sources.reconciler.firstPassProgress(),
  ]);
  const meetings = new Map(context.events.map((e) => [e.id, e.data]));
  const view = {
    weekStart: start,
    days: days.map((date) => ({
      date,
      meetings: inShown
        .filter(
          (e) =>
            localDateOf(e.start) === date &&
            !isCancelled(e.data) &&
            facts.attendance.get(e.id) !== "declined",
        )
        .map((e) => weekMeeting(e, context, facts)),
    })),
    overview,
    deadlines: weekDeadlines(inShown, context, facts, sources.mayorMailbox),
    minutes: minutes.map((m) => minuteOf(m, meetings, viewer, language)),
    // Only while it runs: the page then says its priorities may still change.
    ...(firstPass.state === "done" ? {} : { firstPass }),
  };
  const listed = new Set(view.days.flatMap((day) => day.meetings.map((m) => m.id)));
  await reader.shows(await sources.mirror.getItems(sources.mayorMailbox, "events", [...listed]));
  return view;
}
