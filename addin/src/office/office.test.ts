import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { translator } from "../i18n";
import { CUSTOM_PROPERTIES_LIMIT } from "@modeklar/shared";
import { connectOutlook, isInOutlook, OfficeFailure, outlookHost } from ".";
import type { MeetingItemHost } from ".";
import { mockOutlook, type MockMeeting, type MockOutlook } from "./outlook-mock";

const MAYOR = "borgmester@fjordby.dk";

function boardMeeting(): MockMeeting {
  return {
    subject: "Møde med Fjordby Erhvervsråd",
    start: new Date("2026-12-01T09:00:00Z"),
    end: new Date("2026-12-01T10:00:00Z"),
    location: "Byrådssalen",
    rooms: [{ displayName: "Byrådssalen", emailAddress: "byraadssalen@fjordby.dk" }],
    requiredAttendees: [
      { displayName: "Borgmester Anne Holm", emailAddress: MAYOR, appointmentResponse: "organizer" },
      { displayName: "Jens Madsen", emailAddress: "jens@erhvervsraad.dk", appointmentResponse: "accepted" },
      {
        displayName: "Byrådssalen",
        emailAddress: "byraadssalen@fjordby.dk",
        appointmentResponse: "accepted",
      },
    ],
    optionalAttendees: [{ displayName: "Kommunaldirektør", emailAddress: "kd@fjordby.dk" }],
    organizer: { displayName: "Borgmester Anne Holm", emailAddress: MAYOR },
    itemId: "AAMkAD/meeting+1=",
    savedProperties: {},
  };
}

let outlook: MockOutlook;

function openAs(view: "organizer" | "attendee", meeting: Partial<MockMeeting> = {}, version = 1.8) {
  outlook = mockOutlook({ view, meeting: { ...boardMeeting(), ...meeting }, mailboxVersion: version });
  globalThis.Office = outlook.office;
  return outlookHost().currentMeeting()!;
}

const failureOf = (promise: Promise<unknown>) =>
  promise.then(
    () => expect.fail("expected an OfficeFailure"),
    (error: unknown) => {
      expect(error).toBeInstanceOf(OfficeFailure);
      return error as OfficeFailure;
    },
  );

beforeEach(() => {
  Reflect.deleteProperty(globalThis, "Office");
});
afterEach(() => {
  Reflect.deleteProperty(globalThis, "Office");
});

describe.each(["organizer", "attendee"] as const)("a meeting in the %s's view", (view) => {
  let meeting: MeetingItemHost;
  beforeEach(() => {
    meeting = openAs(view);
  });

  it("is recognised as that view", () => {
    expect(meeting.view).toBe(view);
  });

  it("gives its subject, time and location", async () => {
    expect(await meeting.getSubject()).toBe("Møde med Fjordby Erhvervsråd");
    expect(await meeting.getStart()).toEqual(new Date("2026-12-01T09:00:00Z"));
    expect(await meeting.getEnd()).toEqual(new Date("2026-12-01T10:00:00Z"));
    expect(await meeting.getLocation()).toBe("Byrådssalen");
    expect(await meeting.getLocations()).toEqual([
      { kind: "room", name: "Byrådssalen", email: "byraadssalen@fjordby.dk" },
    ]);
  });

  it("lists people and booked rooms apart, with each person's answer", async () => {
    const attendees = await meeting.getAttendees();
    expect(attendees.required).toEqual([
      { name: "Borgmester Anne Holm", email: MAYOR, response: "organizer" },
      { name: "Jens Madsen", email: "jens@erhvervsraad.dk", response: "accepted" },
    ]);
    expect(attendees.optional).toEqual([
      { name: "Kommunaldirektør", email: "kd@fjordby.dk", response: "none" },
    ]);
    expect(attendees.rooms.map((room) => room.email)).toEqual(["byraadssalen@fjordby.dk"]);
  });

  it("names the organizer", async () => {
    expect(await meeting.getOrganizer()).toEqual({ name: "Borgmester Anne Holm", email: MAYOR });
  });

  it("gives the item id, and the id Graph knows the meeting by", async () => {
    expect(await meeting.getItemId()).toBe("AAMkAD/meeting+1=");
    expect(await meeting.getGraphId()).toBe("AAMkAD-meeting_1=");
  });

  it("keeps the plan in custom properties across closing and reopening the pane", async () => {
    const properties = await meeting.loadCustomProperties();
    expect(properties.get("plan")).toBeUndefined();
    properties.set("plan", '{"v":1,"room":"todo"}');
    await properties.save();

    const reopened = await outlookHost().currentMeeting()!.loadCustomProperties();
    expect(reopened.get("plan")).toBe('{"v":1,"room":"todo"}');
    reopened.remove("plan");
    await reopened.save();
    expect(outlook.meeting.savedProperties).toEqual({});
  });
});

describe("booking a room", () => {
  it("adds the room as a room location in the organizer's view", async () => {
    const meeting = openAs("organizer", { rooms: [] });
    await meeting.addRoom({ email: "moedelokale-2@fjordby.dk" });
    expect(await meeting.getLocations()).toEqual([
      { kind: "room", name: "moedelokale-2@fjordby.dk", email: "moedelokale-2@fjordby.dk" },
    ]);
  });

  it("is refused in the attendee's view, where the meeting cannot be changed", async () => {
    const meeting = openAs("attendee");
    const failure = await failureOf(meeting.addRoom({ email: "moedelokale-2@fjordby.dk" }));
    expect(failure.reason).toBe("organizerOnly");
    expect(failure.retryable).toBe(false);
    expect(failure.describe(translator("da"))).toBe(
      "Kun mødeindkalderen kan ændre mødet. Du ser det som deltager.",
    );
  });

  it("retries after Outlook fails, without booking twice", async () => {
    const meeting = openAs("organizer", { rooms: [] });
    outlook.failNext("enhancedLocation.addAsync", { code: 9002, name: "InternalError" });
    const failure = await failureOf(meeting.addRoom({ email: "moedelokale-2@fjordby.dk" }));
    expect(failure.reason).toBe("failed");
    expect(failure.details).toMatchObject({ officeCode: 9002, officeName: "InternalError" });
    expect(failure.describe(translator("en"))).toBe(
      "Outlook could not add the room to the meeting. Try again in a moment.",
    );
    expect(outlook.meeting.rooms).toEqual([]);
    await failure.retry();
    expect(outlook.meeting.rooms.map((room) => room.emailAddress)).toEqual(["moedelokale-2@fjordby.dk"]);
  });
});

describe("a new meeting the organizer has not saved yet", () => {
  it("has no item id yet", async () => {
    const meeting = openAs("organizer", { itemId: undefined });
    expect(await meeting.getItemId()).toBeNull();
    expect(await meeting.getGraphId()).toBeNull();
  });
});

describe("the mayor's calendar opened by the secretary as a delegate", () => {
  it("names the owner and the secretary's permissions", async () => {
    const meeting = openAs("organizer", { shared: { owner: MAYOR, delegatePermissions: 1 | 2 | 16 | 32 } });
    expect(await meeting.getSharedCalendar()).toEqual({
      owner: MAYOR,
      permissions: {
        read: true,
        write: true,
        deleteOwn: false,
        deleteAll: false,
        editOwn: true,
        editAll: true,
      },
    });
  });

  it("is told apart from the secretary's own calendar", async () => {
    const meeting = openAs("organizer");
    expect(await meeting.getSharedCalendar()).toBeNull();
  });

  it("reports a refused read as no access, in the owner's name", async () => {
    const meeting = openAs("attendee", { shared: { owner: MAYOR, delegatePermissions: 1 } });
    outlook.failNext("getSharedPropertiesAsync", { code: 9017, name: "AccessRestricted" });
    const failure = await failureOf(meeting.getSharedCalendar());
    expect(failure.reason).toBe("accessDenied");
    const shared = await failure.retry();
    expect(shared).toMatchObject({ owner: MAYOR, permissions: { read: true, write: false } });
  });
});

describe("saving the plan", () => {
  it("says so when Outlook fails to save, and saves on retry", async () => {
    const meeting = openAs("organizer");
    const properties = await meeting.loadCustomProperties();
    properties.set("plan", '{"v":1}');
    outlook.failNext("saveAsync", { code: 9021, name: "SaveError" });
    const failure = await failureOf(properties.save());
    expect(failure.operation).toBe("saveCustomProperties");
    expect(failure.describe(translator("da"))).toBe(
      "Outlook kunne ikke gemme mødets plan. Prøv igen om lidt.",
    );
    expect(outlook.meeting.savedProperties).toEqual({});
    await failure.retry();
    expect(outlook.meeting.savedProperties).toEqual({ plan: '{"v":1}' });
  });

  it("refuses a plan beyond Outlook's 2,500 characters before sending it", async () => {
    const meeting = openAs("organizer");
    const properties = await meeting.loadCustomProperties();
    properties.set("plan", "x".repeat(CUSTOM_PROPERTIES_LIMIT));
    const failure = await failureOf(properties.save());
    expect(failure.reason).toBe("tooLarge");
    expect(failure.details.limit).toBe(CUSTOM_PROPERTIES_LIMIT);
    expect(failure.describe(translator("en"))).toMatch(/too large .* of at most 2500 characters/);
    expect(outlook.meeting.savedProperties).toEqual({});
  });

  it("reports a call Outlook throws on instead of answering", async () => {
    const meeting = openAs("organizer");
    (globalThis.Office.context.mailbox.item as unknown as Record<string, unknown>)[
      "loadCustomPropertiesAsync"
    ] = () => {
      throw new Error("Outlook closed the item");
    };
    const failure = await failureOf(meeting.loadCustomProperties());
    expect(failure.reason).toBe("failed");
    expect(failure.operation).toBe("loadCustomProperties");
  });
});

describe("the pinned task pane", () => {
  it("follows the secretary to the next meeting she selects, and to none", async () => {
    openAs("attendee");
    const host = outlookHost();
    const seen: (string | null)[] = [];
    const stop = await host.onItemChanged((meeting) => {
      seen.push(meeting ? "meeting" : null);
    });
    outlook.select({ ...outlook.office.context.mailbox.item, subject: "Næste møde" });
    outlook.select({ itemType: "message", subject: "Nyhedsbrev" });
    outlook.select(undefined);
    expect(seen).toEqual(["meeting", null, null]);
    await stop();
    expect(outlook.itemChangedHandlers).toHaveLength(0);
  });

  it("reports the item changing under a call as its own failure", async () => {
    const meeting = openAs("organizer");
    outlook.failNext("subject.getAsync", { code: 9030, name: "APICallFailedDueToItemChange" });
    const failure = await failureOf(meeting.getSubject());
    expect(failure.reason).toBe("itemChanged");
  });
});

describe("an Outlook older than the add-in needs", () => {
  it("says which ability is missing instead of failing blindly", async () => {
    const meeting = openAs("organizer", { rooms: [] });
    Reflect.deleteProperty(globalThis.Office.context.mailbox.item!, "enhancedLocation");
    const failure = await failureOf(meeting.addRoom({ email: "moedelokale-2@fjordby.dk" }));
    expect(failure.reason).toBe("unsupported");
    expect(failure.describe(translator("da"))).toBe(
      "Din version af Outlook understøtter ikke at booke lokaler fra mødet. Opdater Outlook, eller brug Outlook på nettet.",
    );
  });
});

describe("Outlook's abilities and language", () => {
  it("knows whether this Outlook can open a delegate's calendar and pin the pane", () => {
    openAs("organizer", {}, 1.7);
    const host = outlookHost();
    expect(host.supports("pinning")).toBe(true);
    expect(host.supports("sharedFolders")).toBe(false);
    openAs("organizer", {}, 1.8);
    expect(outlookHost().supports("sharedFolders")).toBe(true);
  });

  it("gives Outlook's display language", () => {
    openAs("organizer");
    expect(outlookHost().displayLanguage).toBe("da-DK");
  });
});

describe("a page opened outside Outlook", () => {
  it("knows it is not in Outlook when Office.js is absent", async () => {
    expect(isInOutlook()).toBe(false);
    expect(await connectOutlook()).toBeNull();
    const failure = await failureOf(Promise.resolve().then(() => outlookHost()));
    expect(failure.reason).toBe("notInOutlook");
  });

  it("knows it is not in Outlook when Office.js loaded in a plain browser tab", async () => {
    globalThis.Office = {
      onReady: () => Promise.resolve({ host: null, platform: null }),
    } as unknown as typeof Office;
    expect(await connectOutlook()).toBeNull();
  });

  it("connects once Office.js reports Outlook", async () => {
    openAs("organizer");
    const host = await connectOutlook();
    expect(host?.currentMeeting()?.view).toBe("organizer");
  });
});
