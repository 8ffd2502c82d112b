import { attendanceOf, isCancelled } from "../mirror/events";
import { instantOf } from "../store/event-times";

/**
 * What a person will still look at, so it is worth a write to Outlook: meetings from today on
 * and invitations still awaiting the mayor's answer. Everything else is classified all the same
 * (the pages show it), but its category is not written: at 25,000 items, writing last month's
 * meetings cost some 40 minutes of Outlook's throttle on the first pass.
 */

type Data = Record<string, unknown>;

/** A meeting not cancelled that ends at or after `todayStart` (the start of today, local time). */
export function meetingAhead(data: Data, todayStart: string): boolean {
  if (isCancelled(data)) return false;
  // A series' master carries its first occurrence's times; its occurrences are judged one by one.
  if (data["type"] === "seriesMaster") return true;
  const end = instantOf(data["end"]);
  return end !== null && Date.parse(end) >= Date.parse(todayStart);
}

/** The meeting of a meeting request, still ahead and not yet answered by the mayor. */
export function invitationPending(event: Data, todayStart: string): boolean {
  return meetingAhead(event, todayStart) && attendanceOf(event) === "pending";
}
