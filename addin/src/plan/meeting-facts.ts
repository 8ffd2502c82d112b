import { bookedRooms, meetingHeadCount, type BookedRoom, type MeetingPlan } from "@modeklar/shared";
import type { MeetingFacts } from "./components/context";

/** Everyone the meeting lists, as Outlook and (when it answered) Graph through the service list them. */
function invited(facts: MeetingFacts) {
  return [
    ...facts.attendees.map((a) => ({ address: a.email, name: a.name })),
    ...facts.graphAttendees.map((a) => ({ address: a.address, name: a.name, type: a.type })),
  ];
}

/** The rooms the open meeting holds (its room locations and resource attendees), each once. */
export function roomsOf(facts: MeetingFacts): BookedRoom[] {
  return bookedRooms({
    attendees: invited(facts),
    locations: facts.rooms.map((room) => ({ name: room.name, email: room.email, kind: room.kind })),
  });
}

/** The meeting's head count as the kitchen's day list counts it: organizer, attendees and guests. */
export function headCountOf(facts: MeetingFacts, plan: MeetingPlan): number {
  return meetingHeadCount({
    organizer: facts.organizer,
    attendees: invited(facts),
    guests: plan.reception.guests,
    moreGuests: plan.reception.moreGuestsInService,
    rooms: roomsOf(facts),
  });
}
