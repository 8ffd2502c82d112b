/**
 * Who and what a meeting holds, as the task pane, the service and the day lists read it: the
 * rooms booked (resource attendees, room locations, addresses known as rooms) and the head
 * count the kitchen caters for.
 */

/** An attendee as Graph or Outlook lists it; `type` is Graph's (Outlook's own lists have none). */
export interface InvitedAttendee {
  address: string;
  name?: string;
  type?: "required" | "optional" | "resource";
}

/** A location of the meeting; a room has the room's mailbox. */
export interface MeetingPlace {
  name: string;
  email?: string;
  kind?: "room" | "other";
}

export interface BookedRoom {
  email: string;
  name: string;
}

const same = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase();

/**
 * The rooms the meeting holds, each once: resource attendees, room locations, and attendees or
 * locations whose address is a known room (the directory's rooms). A name is taken from the
 * known room where the meeting gives none.
 */
export function bookedRooms(meeting: {
  attendees: readonly InvitedAttendee[];
  locations: readonly MeetingPlace[];
  knownRooms?: readonly BookedRoom[];
}): BookedRoom[] {
  const known = meeting.knownRooms ?? [];
  const isKnown = (address: string) => known.some((room) => same(room.email, address));
  const found: BookedRoom[] = [];
  const add = (email: string, name: string | undefined) => {
    if (!email || found.some((room) => same(room.email, email))) return;
    const label = name?.trim() || known.find((room) => same(room.email, email))?.name || email;
    found.push({ email, name: label });
  };
  for (const place of meeting.locations) {
    if (place.email && (place.kind === "room" || isKnown(place.email))) add(place.email, place.name);
  }
  for (const attendee of meeting.attendees) {
    if (attendee.type === "resource" || isKnown(attendee.address)) add(attendee.address, attendee.name);
  }
  return found;
}

/**
 * How many people the meeting is for: the organizer, the attendees (rooms are not people) and
 * the guests the reception expects, each person once. An address listed twice (the organizer
 * among the attendees, a guest who is also invited) counts once.
 */
export function meetingHeadCount(meeting: {
  /** The organizer's address; null when it is not known (still one person). */
  organizer: string | null;
  attendees: readonly InvitedAttendee[];
  guests: readonly { email?: string }[];
  /** Guests the service keeps beyond the list on the meeting. */
  moreGuests?: number;
  rooms?: readonly BookedRoom[];
}): number {
  const rooms = meeting.rooms ?? [];
  const people = new Set<string>();
  const key = (address: string) => address.trim().toLowerCase();
  people.add(meeting.organizer ? key(meeting.organizer) : "\u0000organizer");
  for (const attendee of meeting.attendees) {
    if (attendee.type === "resource" || rooms.some((room) => same(room.email, attendee.address))) continue;
    people.add(key(attendee.address));
  }
  let unnamed = meeting.moreGuests ?? 0;
  for (const guest of meeting.guests) {
    if (guest.email) people.add(key(guest.email));
    else unnamed += 1;
  }
  return people.size + unnamed;
}

/** The kitchen's number: what the secretary set by hand, else the meeting's head count. */
export function cateringHeadCount(catering: { count?: number | undefined }, meetingCount: number): number {
  return catering.count ?? meetingCount;
}
