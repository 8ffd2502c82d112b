import type { FullMeeting } from "@modeklar/shared";
import { useEffect, useState } from "react";
import { roomsOf } from "../meeting-facts";
import { roomAccepted } from "../steps";
import type { PlanSession } from "../usePlan";
import type { MeetingFacts, PlanContextValue } from "./context";

const ROOM_POLL_MS = 3_000;

/**
 * The meeting as the service knows it (Graph's attendees, priority, conflicts). Graph knows the
 * room's answer (Office.js lists no resources): it is re-read until the booked room has
 * answered, and the room's acceptance confirms the room step.
 */
export function useRoomAnswer(
  session: PlanSession,
  facts: MeetingFacts,
  service: PlanContextValue["service"],
): FullMeeting | null {
  const [inService, setInService] = useState<FullMeeting | null>(null);
  const roomState = session.plan.room.state;
  const roomEmail = session.plan.room.roomEmail;

  useEffect(() => {
    if (!service) return;
    let current = true;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const read = () =>
      service.api.meeting(service.meetingId, facts.start, facts.end).then(
        (found) => {
          if (!current) return;
          setInService(found);
          if (roomState === "ordered" && !roomAccepted(found?.attendees ?? [], roomEmail)) {
            timer = setTimeout(read, ROOM_POLL_MS);
          }
        },
        () => undefined,
      );
    void read();
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [service, facts.start, facts.end, roomState, roomEmail]);

  const accepted = roomAccepted(inService?.attendees ?? [], roomEmail);
  const { edit } = session;
  useEffect(() => {
    if (accepted && roomState === "ordered")
      edit((plan) => ({ ...plan, room: { ...plan.room, state: "confirmed" } }));
  }, [accepted, roomState, edit]);

  return inService;
}

/** A meeting that already holds a room starts the room step from it: booked, or accepted. */
export function useRoomOfMeeting(session: PlanSession, facts: MeetingFacts): void {
  const meetingRoom = roomsOf(facts)[0];
  const loaded = session.saveState !== "loading";
  const roomEmail = session.plan.room.roomEmail;
  const { edit } = session;
  useEffect(() => {
    if (!loaded || roomEmail || !meetingRoom) return;
    edit((plan) => ({
      ...plan,
      room: { ...plan.room, roomEmail: meetingRoom.email, roomName: meetingRoom.name, state: "ordered" },
    }));
  }, [loaded, roomEmail, meetingRoom, edit]);
}
