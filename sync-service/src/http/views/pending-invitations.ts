import type { PendingInvitation } from "@modeklar/shared";
import type { MirrorStore } from "../../store/types";
import {
  attendeesOf,
  instantOf,
  isCancelled,
  isOrganizer,
  locationOf,
  personOf,
  responseOf,
  text,
  type EventData,
} from "../../mirror/events";
import type { Language } from "../language";
import type { Viewer } from "../privacy";
import type { Reader } from "../reader";

const FAR_FUTURE = "9999-01-01T00:00:00.000Z";

/** Waiting for the mayor's answer: asked for one, not answered, not cancelled, not her own, not past. */
export function awaitsAnswer(event: EventData, now: Date): boolean {
  const response = responseOf(event);
  const start = instantOf(event["start"]);
  return (
    (response === "none" || response === "notResponded") &&
    event["responseRequested"] !== false &&
    !isCancelled(event) &&
    !isOrganizer(event) &&
    start !== null &&
    Date.parse(start) > now.getTime()
  );
}

/** An invitation as this caller may see it now (the privacy policy's answer for their roles). */
export function pendingInvitation(
  id: string,
  event: EventData,
  viewer: Viewer,
  language: Language,
): PendingInvitation {
  const view = viewer(event);
  return {
    id,
    subject: view.subject(text(event["subject"]), language),
    start: instantOf(event["start"]) ?? "",
    end: instantOf(event["end"]) ?? "",
    isAllDay: event["isAllDay"] === true,
    location: view.sees("place") ? locationOf(event) : "",
    organizer: view.sees("organizer") ? personOf(event["organizer"]) : null,
    bodyPreview: view.sees("body") ? text(event["bodyPreview"]) : "",
    isPrivate: view.isPrivate,
    attendeeCount: view.sees("attendees") ? attendeesOf(event).length : 0,
  };
}

/** The invitations the mayor has not answered yet, soonest first; the private ones shown are recorded as read. */
export async function pendingInvitations(
  sources: { mirror: Pick<MirrorStore, "listEventsInRange">; mayorMailbox: string; now: () => Date },
  reader: Reader,
): Promise<PendingInvitation[]> {
  const now = sources.now();
  // Only meetings still to come can wait for an answer; the mirror ends with its window.
  const items = await sources.mirror.listEventsInRange(sources.mayorMailbox, {
    from: now.toISOString(),
    to: FAR_FUTURE,
  });
  const pending = items.filter((item) => awaitsAnswer(item.data, now));
  await reader.shows(pending);
  return pending
    .map((item) => pendingInvitation(item.id, item.data, reader.viewer, reader.language))
    .sort((a, b) => a.start.localeCompare(b.start) || a.id.localeCompare(b.id));
}
