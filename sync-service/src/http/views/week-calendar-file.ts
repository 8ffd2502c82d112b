import { isoWeekOf } from "@modeklar/shared";
import { weekCalendar } from "../../ics/calendar-file";
import { attendanceOf, eventsBetween, isCancelled, locationOf, text } from "../../mirror/events";
import type { MirrorStore } from "../../store/types";
import type { Reader } from "../reader";
import { localRange } from "./local-time";

/**
 * The week from `weekStart` as an iCalendar file (RFC 5545): each meeting as the reader may see
 * it, its status from the mayor's answer. The private meetings in it are recorded as read.
 */
export async function weekCalendarFile(
  sources: { mirror: Pick<MirrorStore, "listEventsInRange">; mayorMailbox: string; now: () => Date },
  weekStart: string,
  reader: Reader,
): Promise<string> {
  const { viewer, language } = reader;
  const range = localRange(weekStart, 7);
  const items = await sources.mirror.listEventsInRange(sources.mayorMailbox, range);
  const events = eventsBetween(items, range.from, range.to);
  await reader.shows(events);
  const { week } = isoWeekOf(weekStart);
  return weekCalendar(
    events.map((e) => {
      const attendance = attendanceOf(e.data);
      const view = viewer(e.data);
      return {
        uid: text(e.data["iCalUId"]) || e.id,
        summary: view.subject(text(e.data["subject"]), language),
        start: e.start,
        end: e.end,
        isAllDay: e.data["isAllDay"] === true,
        location: view.sees("place") ? locationOf(e.data) : "",
        status: isCancelled(e.data)
          ? "CANCELLED"
          : attendance === "accepted" || attendance === "organizer"
            ? "CONFIRMED"
            : "TENTATIVE",
        isPrivate: view.isPrivate,
      };
    }),
    `Borgmesterens møder uge ${week}`,
    sources.now(),
  );
}
