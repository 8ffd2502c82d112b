import { useEffect, useState } from "react";
import type { MeetingItemHost } from "../../office";
import type { MeetingFacts } from "./context";

/** The open meeting as the plan knows it: its facts, the key its draft is kept under, its Graph id. */
export type LoadedMeeting = MeetingFacts & { key: string; graphId: string | null };

export type MeetingFactsRead =
  { state: "reading" } | { state: "failed"; error: unknown } | { state: "read"; facts: LoadedMeeting };

/** Reads what the plan needs to know about the meeting from Outlook, again when another meeting opens. */
export function useMeetingFacts(meeting: MeetingItemHost): MeetingFactsRead {
  const [read, setRead] = useState<MeetingFactsRead>({ state: "reading" });

  useEffect(() => {
    let current = true;
    setRead({ state: "reading" });
    Promise.all([
      meeting.getStart(),
      meeting.getEnd(),
      meeting.getAttendees(),
      meeting.getItemId(),
      meeting.getGraphId(),
      // Outlook may not tell the organizer (older requirement sets): the head count then counts one.
      meeting.getOrganizer().then(
        (person) => person.email || null,
        () => null,
      ),
    ]).then(
      ([start, end, attendees, itemId, graphId, organizer]) =>
        current &&
        setRead({
          state: "read",
          facts: {
            meeting,
            view: meeting.view,
            start,
            end,
            attendees: [...attendees.required, ...attendees.optional],
            organizer,
            rooms: attendees.rooms,
            graphAttendees: [],
            key: graphId ?? itemId ?? `new-${start.toISOString()}`,
            graphId,
          },
        }),
      (error: unknown) => current && setRead({ state: "failed", error }),
    );
    return () => {
      current = false;
    };
  }, [meeting]);

  return read;
}
