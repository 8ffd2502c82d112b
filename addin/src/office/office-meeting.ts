import { CUSTOM_PROPERTIES_LIMIT } from "@modeklar/shared";
import { officeCall, readProperty, retryWhole } from "./async";
import { OfficeFailure } from "./failure";
import type {
  Attendee,
  AttendeeResponse,
  DelegatePermissions,
  MeetingCustomProperties,
  MeetingItemHost,
  MeetingLocation,
  Person,
  SharedCalendar,
} from "./meeting";

export type AppointmentItem = Office.AppointmentCompose | Office.AppointmentRead;

const RESPONSES: readonly AttendeeResponse[] = ["none", "organizer", "tentative", "accepted", "declined"];

export function isAppointment(item: Office.Mailbox["item"] | null): boolean {
  return !!item && item.itemType === Office.MailboxEnums.ItemType.Appointment;
}

function isCompose(item: AppointmentItem): item is Office.AppointmentCompose {
  return typeof item.subject !== "string";
}

export function officeMeetingItem(item: AppointmentItem): MeetingItemHost {
  const compose = isCompose(item);

  const getLocations = retryWhole(async (): Promise<MeetingLocation[]> => {
    if (!item.enhancedLocation) return [];
    const locations = await officeCall<Office.LocationDetails[]>("readLocation", (callback) =>
      item.enhancedLocation.getAsync(callback),
    );
    return locations.map(toLocation);
  });

  const getItemId = retryWhole(async (): Promise<string | null> => {
    if (!compose) return item.itemId;
    if (typeof item.getItemIdAsync !== "function")
      throw new OfficeFailure("unsupported", "readItemId", { feature: "itemId" });
    try {
      return await officeCall<string>("readItemId", (callback) => item.getItemIdAsync(callback));
    } catch (error) {
      if (error instanceof OfficeFailure && error.details.officeName === "ItemNotSaved") return null;
      throw error;
    }
  });

  // Calls that map or combine Office's answers retry as a whole, so retry() gives the same shape.
  const host: MeetingItemHost = {
    view: compose ? "organizer" : "attendee",

    getSubject: () => readProperty<string>("readMeeting", item.subject),
    getStart: () => readProperty<Date>("readMeeting", item.start),
    getEnd: () => readProperty<Date>("readMeeting", item.end),
    getLocation: () => readProperty<string>("readLocation", item.location),
    getLocations,

    addRoom: async ({ email }) => {
      if (!compose) throw new OfficeFailure("organizerOnly", "addRoom");
      if (!item.enhancedLocation) throw new OfficeFailure("unsupported", "addRoom", { feature: "rooms" });
      const room: Office.LocationIdentifier = { id: email, type: Office.MailboxEnums.LocationType.Room };
      await officeCall<void>("addRoom", (callback) => item.enhancedLocation.addAsync([room], callback));
    },

    removeRoom: async ({ email }) => {
      if (!compose) throw new OfficeFailure("organizerOnly", "removeRoom");
      if (!item.enhancedLocation) throw new OfficeFailure("unsupported", "removeRoom", { feature: "rooms" });
      const room: Office.LocationIdentifier = { id: email, type: Office.MailboxEnums.LocationType.Room };
      await officeCall<void>("removeRoom", (callback) => item.enhancedLocation.removeAsync([room], callback));
    },

    getAttendees: retryWhole(async () => {
      const [required, optional, locations] = await Promise.all([
        readProperty<Office.EmailAddressDetails[]>("readAttendees", item.requiredAttendees),
        readProperty<Office.EmailAddressDetails[]>("readAttendees", item.optionalAttendees),
        getLocations(),
      ]);
      const rooms = locations.filter((location) => location.kind === "room");
      const roomEmails = new Set(rooms.map((room) => room.email?.toLowerCase()));
      const people = (list: Office.EmailAddressDetails[]) =>
        list.map(toAttendee).filter((attendee) => !roomEmails.has(attendee.email.toLowerCase()));
      return { required: people(required), optional: people(optional), rooms };
    }),

    getOrganizer: retryWhole(async () => {
      if (!item.organizer) throw new OfficeFailure("unsupported", "readAttendees", { feature: "organizer" });
      const organizer = await readProperty<Office.EmailAddressDetails>("readAttendees", item.organizer);
      return toPerson(organizer);
    }),

    getItemId,

    getGraphId: retryWhole(async () => {
      const ewsId = await getItemId();
      if (ewsId === null) return null;
      try {
        // Graph uses the REST v2.0 form of the EWS id (URL-safe characters).
        return Office.context.mailbox.convertToRestId(ewsId, Office.MailboxEnums.RestVersion.v2_0);
      } catch {
        // The conversion is local and deterministic: trying again cannot help.
        throw new OfficeFailure("failed", "readItemId");
      }
    }),

    getSharedCalendar: retryWhole(async () => {
      // Outlook offers getSharedPropertiesAsync only on items in a shared folder or mailbox.
      if (typeof item.getSharedPropertiesAsync !== "function") return null;
      const shared = await officeCall<Office.SharedProperties>("readSharedProperties", (callback) =>
        item.getSharedPropertiesAsync(callback),
      );
      return toSharedCalendar(shared);
    }),

    loadCustomProperties: retryWhole(async () => {
      const properties = await officeCall<Office.CustomProperties>("loadCustomProperties", (callback) =>
        item.loadCustomPropertiesAsync(callback),
      );
      return customProperties(properties);
    }),
  };
  return host;
}

function customProperties(properties: Office.CustomProperties): MeetingCustomProperties {
  const save = (): Promise<void> => {
    const size = JSON.stringify(properties.getAll() ?? {}).length;
    if (size > CUSTOM_PROPERTIES_LIMIT) {
      return Promise.reject(
        new OfficeFailure("tooLarge", "saveCustomProperties", { size, limit: CUSTOM_PROPERTIES_LIMIT }),
      );
    }
    return officeCall<void>("saveCustomProperties", (callback) => properties.saveAsync(callback));
  };
  return {
    get: (name) => {
      const value: unknown = properties.get(name);
      return typeof value === "string" ? value : undefined;
    },
    set: (name, value) => properties.set(name, value),
    remove: (name) => properties.remove(name),
    save: retryWhole(save),
  };
}

function toPerson(details: Office.EmailAddressDetails): Person {
  return { name: details.displayName || details.emailAddress, email: details.emailAddress };
}

function toAttendee(details: Office.EmailAddressDetails): Attendee {
  const response = RESPONSES.find((known) => known === details.appointmentResponse) ?? "none";
  return { ...toPerson(details), response };
}

function toLocation(details: Office.LocationDetails): MeetingLocation {
  const isRoom = details.locationIdentifier.type === Office.MailboxEnums.LocationType.Room;
  const email = details.emailAddress || (isRoom ? details.locationIdentifier.id : undefined);
  return {
    kind: isRoom ? "room" : "other",
    name: details.displayName,
    ...(email ? { email } : {}),
  };
}

function toSharedCalendar(shared: Office.SharedProperties): SharedCalendar {
  // Office.MailboxEnums.DelegatePermissions is a bit field.
  const flags = Number(shared.delegatePermissions);
  const has = (flag: number) => (flags & flag) !== 0;
  const permissions: DelegatePermissions = {
    read: has(1),
    write: has(2),
    deleteOwn: has(4),
    deleteAll: has(8),
    editOwn: has(16),
    editAll: has(32),
  };
  return { owner: shared.owner, permissions };
}
