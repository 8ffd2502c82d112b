import { DateTime } from "luxon";
import { DEFAULT_CALENDAR, type CalendarConfig } from "../calendar/config";
import { addWorkingDays, toLocalDate } from "../calendar/working-days";
import { DEADLINE_KINDS, type Deadline, type Severity } from "./deadline";

/** Overdue once passed; today on the same local day; soon within the next 2 working days; else later. */
export function severityOf(due: string, now: string, calendar: CalendarConfig = DEFAULT_CALENDAR): Severity {
  if (Date.parse(due) < Date.parse(now)) return "overdue";
  const dueDay = toLocalDate(due, calendar);
  const today = toLocalDate(now, calendar);
  if (dueDay === today) return "today";
  return dueDay <= addWorkingDays(today, 2, calendar) ? "soon" : "later";
}

/** Earliest first; at the same moment, in the order of DEADLINE_KINDS, then by title. */
export function sortDeadlines<T extends Pick<Deadline, "due" | "kind" | "title">>(
  deadlines: readonly T[],
): T[] {
  return [...deadlines].sort(
    (a, b) =>
      Date.parse(a.due) - Date.parse(b.due) ||
      DEADLINE_KINDS.indexOf(a.kind) - DEADLINE_KINDS.indexOf(b.kind) ||
      a.title.localeCompare(b.title, "da"),
  );
}

export interface DeadlineGroups<T> {
  overdue: T[];
  today: T[];
  /** The rest of this week (Monday to Sunday, local time). */
  thisWeek: T[];
  later: T[];
}

/** Sorted deadlines grouped for the lists: overdue, today, the rest of this week, later. */
export function groupDeadlines<T extends Pick<Deadline, "due" | "kind" | "title">>(
  deadlines: readonly T[],
  now: string,
  calendar: CalendarConfig = DEFAULT_CALENDAR,
): DeadlineGroups<T> {
  const groups: DeadlineGroups<T> = { overdue: [], today: [], thisWeek: [], later: [] };
  const today = toLocalDate(now, calendar);
  const endOfWeek = DateTime.fromISO(today).endOf("week").toISODate() as string;
  for (const deadline of sortDeadlines(deadlines)) {
    const day = toLocalDate(deadline.due, calendar);
    if (Date.parse(deadline.due) < Date.parse(now)) groups.overdue.push(deadline);
    else if (day === today) groups.today.push(deadline);
    else if (day <= endOfWeek) groups.thisWeek.push(deadline);
    else groups.later.push(deadline);
  }
  return groups;
}

/** A deadline with its severity as of `now`. */
export function withSeverity(
  deadline: Omit<Deadline, "severity">,
  now: string,
  calendar: CalendarConfig = DEFAULT_CALENDAR,
): Deadline {
  return { ...deadline, severity: severityOf(deadline.due, now, calendar) };
}
