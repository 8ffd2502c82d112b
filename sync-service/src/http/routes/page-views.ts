import {
  cateringCutoff,
  describeConflict,
  findConflicts,
  guestListDue,
  invitationAnswerDue,
  materialDue,
  readiness,
  sortDeadlines,
  travelTimes,
  withSeverity,
  type Attendance,
  type Classification,
  type Conflict,
  type ConflictMeeting,
  type Deadline,
  type MeetingPlan,
  type PageConflict,
  type PendingInvitation,
  type PhoneInvitation,
  type PriorityClass,
  type RuleSet,
  type SuggestedAnswer,
  type TravelTable,
  type WeekMeeting,
} from "@modeklar/shared";
import { DateTime } from "luxon";
import { RuleBook } from "../../reconcile/rule-book";
import { SettingsBook } from "../../reconcile/settings";
import { classifyMeeting } from "../../reconcile/items";
import type { ReconcileStore } from "../../store/reconcile";
import { shownPriority, type Viewer } from "../privacy";
import {
  attendanceOf as attendanceIn,
  isCancelled,
  locationOf,
  personOf,
  planOf,
  text,
  type TimedEvent,
} from "../../mirror/events";
import type { Language } from "../language";

/**
 * The phone page's and the weekly meeting's views of the mayor's calendar, computed from
 * the mirror with the shared domain: priority by the rules (and the secretary's pins),
 * conflicts and travel, readiness of the plan, deadlines.
 */

export const ZONE = "Europe/Copenhagen";

/** A meeting with the plan the service keeps for it, when it keeps one. */
export type PlannedEvent = TimedEvent & { plan?: MeetingPlan };

const planFor = (event: PlannedEvent, addinId: string): MeetingPlan | null =>
  event.plan ?? planOf(event.data, addinId);

export interface CalendarContext {
  events: PlannedEvent[];
  addinId: string;
  ruleSet: RuleSet;
  pins: Map<string, PriorityClass>;
  travel: TravelTable;
  language: Language;
  /** What the caller may see of each meeting: every subject, place and plan shown is asked of it. */
  viewer: Viewer;
  now: Date;
}

/** The mayor's answer so far, as conflicts count it. */
export function attendanceOf(event: TimedEvent): Attendance {
  return attendanceIn(event.data);
}

/** The meeting's class as reconcile writes it in Outlook (the pin on it or its series first). */
export function priorityOf(
  event: TimedEvent,
  context: Pick<CalendarContext, "ruleSet" | "pins">,
): Classification {
  return classifyMeeting(event.id, event.data, context.ruleSet, (id) => context.pins.get(id));
}

const books = new WeakMap<ReconcileStore, { rules: RuleBook; settings: SettingsBook }>();

/**
 * What classifying and travel need, read as reconcile reads them: the rules in force (one
 * RuleBook per store, parsed once per version), the pins of these meetings and of their
 * series, and the travel table saved through the API.
 */
export async function calendarRules(
  store: ReconcileStore,
  mailbox: string,
  events: TimedEvent[],
): Promise<Pick<CalendarContext, "ruleSet" | "pins" | "travel">> {
  let book = books.get(store);
  if (!book) {
    book = { rules: new RuleBook(store), settings: new SettingsBook(store) };
    books.set(store, book);
  }
  const ids = events.flatMap((e) => {
    const master = e.data["seriesMasterId"];
    return typeof master === "string" ? [e.id, master] : [e.id];
  });
  const [rules, pins, travel] = await Promise.all([
    book.rules.current(),
    store.pinsOf(mailbox, ids),
    book.settings.travel(),
  ]);
  return {
    ruleSet: rules.ruleSet,
    pins: new Map([...pins].map(([id, pin]) => [id, pin.class])),
    travel,
  };
}

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

export function pageConflicts(meetingId: string, facts: CalendarFacts, language: Language): PageConflict[] {
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
export function suggestedAnswer(meetingId: string, facts: CalendarFacts): SuggestedAnswer {
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
function travelTo(event: TimedEvent, context: CalendarContext, facts: CalendarFacts) {
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
 * The phone page's list: most important first (priority class), then the earliest answer
 * deadline, then the earliest meeting.
 */
export function phoneInvitations(
  pending: PendingInvitation[],
  context: CalendarContext,
  facts: CalendarFacts,
  notes: Map<string, string>,
  decided: Set<string>,
): PhoneInvitation[] {
  const byId = new Map(context.events.map((e) => [e.id, e]));
  return pending
    .flatMap((invitation) => {
      const event = byId.get(invitation.id);
      if (!event) return [];
      const conflicts = pageConflicts(invitation.id, facts, context.language);
      return [
        {
          ...invitation,
          priority: facts.priority.get(invitation.id) ?? priorityOf(event, context),
          answerDue: answerDueOf(event, context.now),
          note: context.viewer(event.data).sees("briefing") ? (notes.get(invitation.id) ?? "") : "",
          conflicts,
          ...travelTo(event, context, facts),
          needsWeeklyDecision: conflicts.length > 0 && !decided.has(invitation.id),
          suggested: suggestedAnswer(invitation.id, facts),
          readiness: readinessOf(event, context),
        },
      ];
    })
    .sort(
      (a, b) =>
        a.priority.class - b.priority.class ||
        a.answerDue.localeCompare(b.answerDue) ||
        a.start.localeCompare(b.start) ||
        a.id.localeCompare(b.id),
    );
}

export function weekMeeting(
  event: PlannedEvent,
  context: CalendarContext,
  facts: CalendarFacts,
): WeekMeeting {
  const view = context.viewer(event.data);
  const attendance = facts.attendance.get(event.id) ?? attendanceOf(event);
  const priority = facts.priority.get(event.id) ?? priorityOf(event, context);
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
    readiness: readinessOf(event, context),
    conflicts: pageConflicts(event.id, facts, context.language),
    ...(attendance === "pending" ? { suggested: suggestedAnswer(event.id, facts) } : {}),
  };
}

/** The week's deadlines: answers owed, catering cut-offs, material and guest lists still to do. */
export function weekDeadlines(
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

/** Monday (ISO date) of the week after the one `now` is in, in Copenhagen. */
export function nextWeekStart(now: Date): string {
  return DateTime.fromJSDate(now, { zone: ZONE }).startOf("week").plus({ weeks: 1 }).toISODate() as string;
}

/** [start, end) of a local day range as UTC instants. */
export function localRange(fromDate: string, days: number): { from: string; to: string } {
  const start = DateTime.fromISO(fromDate, { zone: ZONE }).startOf("day");
  return {
    from: start.toUTC().toISO() as string,
    to: start.plus({ days }).toUTC().toISO() as string,
  };
}

export function localDateOf(instant: string): string {
  return DateTime.fromISO(instant, { zone: ZONE }).toISODate() as string;
}
