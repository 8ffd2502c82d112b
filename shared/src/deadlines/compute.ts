import { DEFAULT_CALENDAR, type CalendarConfig, type LocalTime } from "../calendar/config";
import {
  addWorkingDays,
  atLocalTime,
  closingTime,
  isWorkingDay,
  subtractWorkingDays,
  toLocalDate,
} from "../calendar/working-days";

/** A working-day offset before (or after) an event, due at a local time. */
export interface WorkingDayRule {
  workingDaysBefore: number;
  atTime: LocalTime;
}

const minutes = (time: LocalTime) => Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));

/** The local time on that day, or the earlier closing time if the day closes early (e.g. Grundlovsdag). */
function dueOn(date: string, time: LocalTime, calendar: CalendarConfig): string {
  const closes = closingTime(date, calendar);
  return atLocalTime(date, closes && minutes(closes) < minutes(time) ? closes : time, calendar);
}

function before(meetingStart: string, rule: WorkingDayRule, calendar: CalendarConfig): string {
  return dueOn(subtractWorkingDays(meetingStart, rule.workingDaysBefore, calendar), rule.atTime, calendar);
}

const earliest = (a: string, b: string) => (Date.parse(a) <= Date.parse(b) ? a : b);

/** The last moment catering can be ordered from a kitchen for a meeting starting at `meetingStart`. */
export function cateringCutoff(
  meetingStart: string,
  kitchen: WorkingDayRule,
  calendar: CalendarConfig = DEFAULT_CALENDAR,
): string {
  return before(meetingStart, kitchen, calendar);
}

/** When a department must deliver the meeting material. */
export function materialDue(
  meetingStart: string,
  workingDaysBefore: number,
  atTime: LocalTime = "12:00",
  calendar: CalendarConfig = DEFAULT_CALENDAR,
): string {
  return before(meetingStart, { workingDaysBefore, atTime }, calendar);
}

/** When the reception must have the guest list (by default the working day before, at 14:00). */
export function guestListDue(
  meetingStart: string,
  rule: WorkingDayRule = { workingDaysBefore: 1, atTime: "14:00" },
  calendar: CalendarConfig = DEFAULT_CALENDAR,
): string {
  return before(meetingStart, rule, calendar);
}

/** A citizen's or partner's inquiry is answered by the end of the n-th working day after it arrived. */
export function inquiryReplyDue(
  received: string,
  workingDays = 10,
  atTime: LocalTime = "16:00",
  calendar: CalendarConfig = DEFAULT_CALENDAR,
): string {
  return dueOn(addWorkingDays(received, workingDays, calendar), atTime, calendar);
}

/**
 * When what was received or sent in case work (an inquiry, its answer, a meeting that was held)
 * must be journalised: by the end of the n-th working day after it, at 16.00.
 */
export function journalDue(
  since: string,
  workingDays: number,
  calendar: CalendarConfig = DEFAULT_CALENDAR,
): string {
  return dueOn(addWorkingDays(since, workingDays, calendar), "16:00", calendar);
}

export interface InvitationAnswerRule {
  /** Answer at the latest this many working days before the meeting… */
  workingDaysBefore: number;
  atTime: LocalTime;
  /** …and no later than this many working days after the invitation arrived. */
  workingDaysAfterReceipt: number;
}

export const DEFAULT_INVITATION_ANSWER: InvitationAnswerRule = {
  workingDaysBefore: 2,
  atTime: "12:00",
  workingDaysAfterReceipt: 3,
};

/**
 * The first moment at `time` on a working day that is not before `instant` (the day itself
 * when it is a working day and the time has not passed yet).
 */
function nextWorkingTime(instant: string, time: LocalTime, calendar: CalendarConfig): string {
  const today = toLocalDate(instant, calendar);
  if (isWorkingDay(today, calendar)) {
    const due = dueOn(today, time, calendar);
    if (Date.parse(due) >= Date.parse(instant)) return due;
  }
  return dueOn(addWorkingDays(today, 1, calendar), time, calendar);
}

/**
 * When the mayor should answer an invitation, always at the rule's time on a working day
 * (12.00 by default, never a weekend, a holiday or the minute it arrived): the earlier of
 * "n working days before the meeting" and "m working days after it arrived". An invitation
 * that arrives after that time is due on the first working day at that time after it
 * arrived, if the meeting is still ahead then; if not, it was due before it arrived, and
 * the pages ask for an answer as soon as possible.
 */
export function invitationAnswerDue(
  meetingStart: string,
  received: string,
  rule: InvitationAnswerRule = DEFAULT_INVITATION_ANSWER,
  calendar: CalendarConfig = DEFAULT_CALENDAR,
): string {
  const regular = earliest(
    before(meetingStart, rule, calendar),
    dueOn(addWorkingDays(received, rule.workingDaysAfterReceipt, calendar), rule.atTime, calendar),
  );
  if (Date.parse(regular) >= Date.parse(received)) return regular;
  const shortNotice = nextWorkingTime(received, rule.atTime, calendar);
  return Date.parse(shortNotice) < Date.parse(meetingStart) ? shortNotice : regular;
}

/** True if an order placed `at` still makes the cut-off. */
export function isBeforeCutoff(at: string, cutoff: string): boolean {
  return Date.parse(at) <= Date.parse(cutoff);
}
