/**
 * For tests: an Office global shaped like Outlook's, built with office-addin-mock, holding one
 * meeting in the organizer's (compose) or the attendee's (read) form.
 */
import { OfficeMockObject } from "office-addin-mock";
import { OfficeApp } from "office-addin-manifest";

export interface MockPerson {
  displayName: string;
  emailAddress: string;
  appointmentResponse?: string;
}

export interface MockMeeting {
  subject: string;
  start: Date;
  end: Date;
  location: string;
  rooms: { displayName: string; emailAddress: string }[];
  requiredAttendees: MockPerson[];
  optionalAttendees: MockPerson[];
  organizer: MockPerson;
  /** Undefined: a new meeting not saved yet. */
  itemId?: string;
  /** Set when the meeting is in a delegate's view of someone else's calendar. */
  shared?: { owner: string; delegatePermissions: number };
  /** What Exchange holds for the add-in's custom properties. */
  savedProperties: Record<string, string>;
}

/** The tests' meeting: the mayor's hour with the business council, with `changes`. */
export function testMeeting(changes: Partial<MockMeeting> = {}): MockMeeting {
  return {
    subject: "Møde med Erhvervsrådet",
    start: new Date("2026-12-10T09:00:00Z"),
    end: new Date("2026-12-10T10:00:00Z"),
    location: "",
    rooms: [],
    requiredAttendees: [],
    optionalAttendees: [],
    organizer: { displayName: "Birgitte Holm Sørensen", emailAddress: "borgmester@fjordby.dk" },
    itemId: "AAMkAD-1",
    savedProperties: {},
    ...changes,
  };
}

export interface MockOutlookOptions {
  view: "organizer" | "attendee";
  meeting: MockMeeting;
  displayLanguage?: string;
  mailboxVersion?: number;
}

type Callback<T> = (result: Office.AsyncResult<T>) => void;

/** The Office error the next call of the named method reports, once. */
export type FailNext = (method: string, error: Partial<Office.Error>) => void;

export interface MockOutlook {
  office: typeof Office;
  meeting: MockMeeting;
  failNext: FailNext;
  /** The ItemChanged handlers Outlook would call. */
  itemChangedHandlers: (() => void)[];
  /** Makes Outlook select another item (or nothing) and tells the pinned pane. */
  select(item: object | undefined): void;
}

export function mockOutlook({
  view,
  meeting,
  displayLanguage = "da-DK",
  mailboxVersion = 1.8,
}: MockOutlookOptions): MockOutlook {
  const failures = new Map<string, Partial<Office.Error>>();
  const failNext: FailNext = (method, error) => failures.set(method, error);

  function answer<T>(method: string, callback: Callback<T> | undefined, value: () => T): void {
    const error = failures.get(method);
    failures.delete(method);
    const result = error
      ? { status: "failed", error: { code: 9002, message: "failed", name: "InternalError", ...error } }
      : { status: "succeeded", value: value() };
    // Office calls back asynchronously.
    queueMicrotask(() => callback?.(result as unknown as Office.AsyncResult<T>));
  }

  const asyncValue = <T>(method: string, value: () => T) => ({
    getAsync: (callback: Callback<T>) => answer(method, callback, value),
  });

  const locationDetails = () =>
    meeting.rooms.map((room) => ({
      displayName: room.displayName,
      emailAddress: room.emailAddress,
      locationIdentifier: { id: room.emailAddress, type: "room" },
    }));

  const customProperties = () => {
    const values = { ...meeting.savedProperties };
    return {
      get: (name: string) => values[name],
      set: (name: string, value: string) => {
        values[name] = value;
      },
      remove: (name: string) => {
        delete values[name];
      },
      getAll: () => ({ ...values }),
      saveAsync: (callback: Callback<void>) =>
        answer("saveAsync", callback, () => {
          meeting.savedProperties = { ...values };
        }),
    };
  };

  const common = {
    itemType: "appointment",
    enhancedLocation: {
      getAsync: (callback: Callback<unknown>) =>
        answer("enhancedLocation.getAsync", callback, locationDetails),
      addAsync: (locations: Office.LocationIdentifier[], callback: Callback<void>) =>
        answer("enhancedLocation.addAsync", callback, () => {
          for (const location of locations) {
            meeting.rooms.push({ displayName: location.id, emailAddress: location.id });
          }
        }),
      removeAsync: (locations: Office.LocationIdentifier[], callback: Callback<void>) =>
        answer("enhancedLocation.removeAsync", callback, () => {
          const gone = new Set(locations.map((location) => location.id.toLowerCase()));
          meeting.rooms = meeting.rooms.filter((room) => !gone.has(room.emailAddress.toLowerCase()));
          meeting.requiredAttendees = meeting.requiredAttendees.filter(
            (person) => !gone.has(person.emailAddress.toLowerCase()),
          );
        }),
    },
    loadCustomPropertiesAsync: (callback: Callback<unknown>) =>
      answer("loadCustomPropertiesAsync", callback, customProperties),
    ...(meeting.shared
      ? {
          getSharedPropertiesAsync: (callback: Callback<unknown>) =>
            answer("getSharedPropertiesAsync", callback, () => ({
              owner: meeting.shared!.owner,
              delegatePermissions: meeting.shared!.delegatePermissions,
              targetMailbox: meeting.shared!.owner,
              targetRestUrl: "https://outlook.office.com/api",
            })),
        }
      : {}),
  };

  const organizerForm = {
    ...common,
    subject: asyncValue("subject.getAsync", () => meeting.subject),
    start: asyncValue("start.getAsync", () => meeting.start),
    end: asyncValue("end.getAsync", () => meeting.end),
    location: asyncValue("location.getAsync", () => meeting.location),
    requiredAttendees: asyncValue("requiredAttendees.getAsync", () => meeting.requiredAttendees),
    optionalAttendees: asyncValue("optionalAttendees.getAsync", () => meeting.optionalAttendees),
    organizer: asyncValue("organizer.getAsync", () => meeting.organizer),
    getItemIdAsync: (callback: Callback<string>) => {
      if (meeting.itemId === undefined) failNext("getItemIdAsync", { code: 9046, name: "ItemNotSaved" });
      answer("getItemIdAsync", callback, () => meeting.itemId!);
    },
  };

  const attendeeForm = {
    ...common,
    subject: meeting.subject,
    start: meeting.start,
    end: meeting.end,
    location: meeting.location,
    requiredAttendees: meeting.requiredAttendees,
    optionalAttendees: meeting.optionalAttendees,
    organizer: meeting.organizer,
    itemId: meeting.itemId ?? "",
  };

  const itemChangedHandlers: (() => void)[] = [];
  const office = new OfficeMockObject(
    {
      AsyncResultStatus: { Succeeded: "succeeded", Failed: "failed" },
      EventType: { ItemChanged: "olkItemSelectedChanged" },
      MailboxEnums: {
        ItemType: { Appointment: "appointment", Message: "message" },
        LocationType: { Room: "room", Custom: "custom" },
        RestVersion: { v1_0: "v1.0", v2_0: "v2.0", Beta: "beta" },
      },
      onReady: () => Promise.resolve({ host: "Outlook", platform: "OfficeOnline" }),
      context: {
        displayLanguage,
        requirements: {
          isSetSupported: (name: string, version: string) =>
            name === "Mailbox" && Number(version) <= mailboxVersion,
        },
        mailbox: {
          convertToRestId: (id: string, version: string) =>
            version === "v2.0" ? id.replaceAll("/", "-").replaceAll("+", "_") : id,
          item: view === "organizer" ? organizerForm : attendeeForm,
          addHandlerAsync: (type: string, handler: () => void, callback: Callback<void>) =>
            answer("addHandlerAsync", callback, () => {
              if (type === "olkItemSelectedChanged") itemChangedHandlers.push(handler);
            }),
          removeHandlerAsync: (type: string, callback: Callback<void>) =>
            answer("removeHandlerAsync", callback, () => {
              if (type === "olkItemSelectedChanged") itemChangedHandlers.length = 0;
            }),
        },
      },
    },
    OfficeApp.Outlook,
  ) as unknown as typeof Office;

  return {
    office,
    meeting,
    failNext,
    itemChangedHandlers,
    select(item) {
      (office.context.mailbox as { item: unknown }).item = item;
      for (const handler of itemChangedHandlers) handler();
    },
  };
}
