import { ADDIN_ID } from "@modeklar/shared";
import { describe, expect, it } from "vitest";
import {
  addLocationsPatch,
  customPropertiesId,
  customPropertiesOf,
  customPropertiesPatch,
  graphEvent,
  itemSnapshot,
  removeLocationsPatch,
  utcInstant,
} from "./item";
import { CHANNEL, comesFrom, hostMessage, paneMessage } from "./protocol";

const MAYOR = "borgmester@fjordby.dk";
const SECRETARY = "sekretaer@fjordby.dk";
const ROOM = "moedelokale-2@fjordby.dk";

const event = (changes: Record<string, unknown> = {}) =>
  graphEvent.parse({
    id: "AAMk-1",
    "@odata.etag": 'W/"abc"',
    subject: "Møde om havnefronten",
    start: { dateTime: "2026-11-26T09:00:00.0000000", timeZone: "UTC" },
    end: { dateTime: "2026-11-26T10:00:00.0000000", timeZone: "UTC" },
    isOrganizer: true,
    organizer: { emailAddress: { name: "Birgitte Holm Sørensen", address: MAYOR } },
    location: { displayName: "Mødelokale 2 (Skoven)" },
    locations: [
      { displayName: "Mødelokale 2 (Skoven)", locationType: "conferenceRoom", locationEmailAddress: ROOM },
    ],
    attendees: [
      {
        type: "required",
        status: { response: "tentativelyAccepted" },
        emailAddress: { name: "Jonas", address: "stabschef@fjordby.dk" },
      },
      { type: "optional", status: { response: "none" }, emailAddress: { address: "gaest@example.org" } },
      { type: "resource", status: { response: "accepted" }, emailAddress: { name: "Skoven", address: ROOM } },
    ],
    ...changes,
  });

const options = {
  signedIn: SECRETARY,
  mailboxOwner: MAYOR,
  tenantDomain: "fjordby.dk",
  restUrl: "https://sim/v1.0",
};

describe("the open meeting as Office.js shows it", () => {
  it("is the organizer's compose view when the calendar's owner organised the meeting", () => {
    const item = itemSnapshot(event(), options);
    expect(item.mode).toBe("compose");
    expect(item.start).toBe("2026-11-26T09:00:00.000Z");
    expect(item.organizer).toMatchObject({ emailAddress: MAYOR, appointmentResponse: "organizer" });
  });

  it("is the attendee's read view for an invitation", () => {
    expect(itemSnapshot(event({ isOrganizer: false }), options).mode).toBe("read");
  });

  it("lists people with Office's response and recipient types, and the room as a room location", () => {
    const item = itemSnapshot(event(), options);
    expect(item.requiredAttendees).toEqual([
      {
        displayName: "Jonas",
        emailAddress: "stabschef@fjordby.dk",
        appointmentResponse: "tentative",
        recipientType: "user",
      },
    ]);
    expect(item.optionalAttendees[0]).toMatchObject({
      appointmentResponse: "none",
      recipientType: "externalUser",
    });
    expect(item.locations).toEqual([
      { id: ROOM, type: "room", displayName: "Mødelokale 2 (Skoven)", emailAddress: ROOM },
    ]);
  });

  it("carries shared-calendar properties only when the meeting is in someone else's calendar", () => {
    expect(itemSnapshot(event(), options).shared).toEqual({
      owner: MAYOR,
      delegatePermissions: 63,
      targetRestUrl: "https://sim/v1.0",
    });
    expect(itemSnapshot(event(), { ...options, signedIn: MAYOR }).shared).toBeNull();
  });

  it("refuses a time that is not in UTC rather than shifting it silently", () => {
    expect(() =>
      utcInstant({ dateTime: "2026-11-26T10:00:00", timeZone: "Romance Standard Time" }),
    ).toThrow();
  });
});

describe("custom properties on the event", () => {
  it("are one JSON object in the add-in's cecp extended property, found whatever the id's case", () => {
    const id = customPropertiesId(ADDIN_ID);
    expect(id).toBe(`String {00020329-0000-0000-C000-000000000046} Name cecp-${ADDIN_ID}`);
    const stored = event({
      singleValueExtendedProperties: [{ id: id.toLowerCase(), value: '{"plan":"x"}' }],
    });
    expect(customPropertiesOf(stored, ADDIN_ID)).toEqual({ plan: "x" });
    expect(customPropertiesOf(event(), ADDIN_ID)).toEqual({});
    expect(customPropertiesPatch(ADDIN_ID, { plan: "y" })).toEqual({
      singleValueExtendedProperties: [{ id, value: '{"plan":"y"}' }],
    });
  });
});

describe("locations the pane adds and removes", () => {
  it("adds a room as a resource attendee and a location, once", () => {
    const other = "udvalgsvaerelset@fjordby.dk";
    const patch = addLocationsPatch(event(), [
      { id: other, type: "room" },
      { id: ROOM, type: "room" },
      { id: "Rådhusets kantine", type: "custom" },
    ]);
    expect(patch.attendees.filter((a) => a.type === "resource").map((a) => a.emailAddress.address)).toEqual([
      ROOM,
      other,
    ]);
    expect(patch.locations.map((l) => l.locationEmailAddress ?? l.displayName)).toEqual([
      ROOM,
      other,
      "Rådhusets kantine",
    ]);
  });

  it("takes a removed room off both the locations and the attendees", () => {
    const patch = removeLocationsPatch(event(), [{ id: ROOM, type: "room" }]);
    expect(patch.locations).toEqual([]);
    expect(patch.attendees.map((a) => a.type)).toEqual(["required", "optional"]);
  });
});

describe("the message protocol", () => {
  it("listens only to the expected window at the expected origin", () => {
    const pane = {};
    const expected = { origin: "https://localhost:3000", window: pane };
    expect(comesFrom({ origin: "https://localhost:3000", source: pane }, expected)).toBe(true);
    expect(comesFrom({ origin: "https://evil.example", source: pane }, expected)).toBe(false);
    expect(comesFrom({ origin: "https://localhost:3000", source: {} }, expected)).toBe(false);
    expect(comesFrom({ origin: "https://localhost:3000", source: null }, { ...expected, window: null })).toBe(
      false,
    );
    expect(comesFrom({ origin: "https://localhost:3000", source: pane }, undefined)).toBe(false);
  });

  it("accepts only messages on its own channel with a known shape", () => {
    expect(paneMessage.safeParse({ channel: CHANNEL, kind: "hello" }).success).toBe(true);
    expect(paneMessage.safeParse({ channel: "msal", kind: "hello" }).success).toBe(false);
    expect(
      paneMessage.safeParse({ channel: CHANNEL, kind: "call", id: 1, call: { method: "deleteMailbox" } })
        .success,
    ).toBe(false);
    expect(
      hostMessage.safeParse({
        channel: CHANNEL,
        kind: "result",
        id: 1,
        result: { ok: false, error: { name: "SaveError", message: "x", code: 9021 } },
      }).success,
    ).toBe(true);
  });
});
