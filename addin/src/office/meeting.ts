/** The meeting as the task pane sees it: plain values, no Office types. */

/**
 * Outlook opens a meeting in the organizer's form (compose: the organizer, or a delegate
 * editing the organizer's meeting) or in the attendee's form (read).
 */
export type MeetingView = "organizer" | "attendee";

export interface Person {
  name: string;
  email: string;
}

export type AttendeeResponse = "none" | "organizer" | "tentative" | "accepted" | "declined";

export interface Attendee extends Person {
  response: AttendeeResponse;
}

export interface MeetingLocation {
  /** Rooms are mailboxes (resource attendees); anything else is free text. */
  kind: "room" | "other";
  name: string;
  email?: string;
}

export interface MeetingAttendees {
  required: Attendee[];
  optional: Attendee[];
  /** Office.js has no list of resources: the booked rooms are the room locations. */
  rooms: MeetingLocation[];
}

/** The delegate's rights on the owner's calendar, from Office's DelegatePermissions flags. */
export interface DelegatePermissions {
  read: boolean;
  write: boolean;
  deleteOwn: boolean;
  deleteAll: boolean;
  editOwn: boolean;
  editAll: boolean;
}

/** Set when the meeting lies in someone else's calendar opened as a delegate (the mayor's). */
export interface SharedCalendar {
  owner: string;
  permissions: DelegatePermissions;
}

/** The add-in's custom properties on the meeting (Exchange: extended property `cecp-<add-in id>`). */
export interface MeetingCustomProperties {
  get(name: string): string | undefined;
  set(name: string, value: string): void;
  remove(name: string): void;
  /** Saves all properties with the item; fails with reason "tooLarge" past Outlook's limit. */
  save(): Promise<void>;
}

/** Everything the task pane asks of the open meeting. All failures are OfficeFailures. */
export interface MeetingItemHost {
  readonly view: MeetingView;
  getSubject(): Promise<string>;
  getStart(): Promise<Date>;
  getEnd(): Promise<Date>;
  /** The location line as Outlook shows it. */
  getLocation(): Promise<string>;
  /** The structured locations (Mailbox 1.8 enhancedLocation); empty where not supported. */
  getLocations(): Promise<MeetingLocation[]>;
  /** Books a room by adding it as a room location; organizer view only. */
  addRoom(room: { email: string }): Promise<void>;
  /** Releases a booked room: it leaves the locations and the attendees; organizer view only. */
  removeRoom(room: { email: string }): Promise<void>;
  getAttendees(): Promise<MeetingAttendees>;
  getOrganizer(): Promise<Person>;
  /** The EWS item id; null while a new meeting is not saved yet. */
  getItemId(): Promise<string | null>;
  /** The id Microsoft Graph (and so the sync service) knows the meeting by; null while unsaved. */
  getGraphId(): Promise<string | null>;
  /** Null in the user's own calendar. */
  getSharedCalendar(): Promise<SharedCalendar | null>;
  loadCustomProperties(): Promise<MeetingCustomProperties>;
}
