import type { FullMeeting } from "@modeklar/shared";
import {
  attendeesOf,
  isCancelled,
  locationOf,
  personOf,
  planOf,
  text,
  type TimedEvent,
} from "../../mirror/events";
import type { Language } from "../language";
import type { Viewer } from "../privacy";

/**
 * A meeting as this caller may see it now, built field by field from what the privacy policy
 * allows, so a field added to events later cannot leak: what it withholds is left empty.
 */
export function meetingFor(
  event: TimedEvent,
  addinId: string,
  viewer: Viewer,
  language: Language,
): FullMeeting {
  const { data } = event;
  const view = viewer(data);
  return {
    view: "full",
    id: event.id,
    subject: view.subject(text(data["subject"]), language),
    start: event.start,
    end: event.end,
    isAllDay: data["isAllDay"] === true,
    location: view.sees("place") ? locationOf(data) : "",
    organizer: view.sees("organizer") ? personOf(data["organizer"]) : null,
    attendees: view.sees("attendees") ? attendeesOf(data) : [],
    bodyPreview: view.sees("body") ? text(data["bodyPreview"]) : "",
    sensitivity: text(data["sensitivity"]) || "normal",
    isPrivate: view.isPrivate,
    isCancelled: isCancelled(data),
    showAs: text(data["showAs"]) || "busy",
    categories:
      view.sees("categories") && Array.isArray(data["categories"])
        ? data["categories"].filter((c): c is string => typeof c === "string")
        : [],
    plan: view.sees("plan") ? planOf(data, addinId) : null,
  };
}
