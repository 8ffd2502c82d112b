import {
  ADDIN_ID,
  customPropertiesId,
  DEFAULT_PRIVACY,
  emptyPlan,
  encodePlan,
  MeetingPlanSchema,
  privacyFromText,
  viewerFor,
} from "@modeklar/shared";
import { describe, expect, it } from "vitest";
import { eventsBetween } from "../../mirror/events";
import { languageOf } from "../language";
import { meetingFor } from "./meeting";
import { awaitsAnswer } from "./pending-invitations";

const plan = MeetingPlanSchema.parse({
  ...emptyPlan(),
  catering: { state: "ordered", items: ["coffeeTea"], count: 9 },
  reception: { state: "todo", guests: [{ name: "Anna Berg", organisation: "Havnen" }], parking: true },
});

const privateEvent = {
  id: "AAMk-private",
  subject: "Lægebesøg",
  bodyPreview: "Husk journalen",
  sensitivity: "private",
  start: { dateTime: "2025-03-04T08:00:00.0000000", timeZone: "UTC" },
  end: { dateTime: "2025-03-04T09:00:00.0000000", timeZone: "UTC" },
  location: { displayName: "Borgmesterens mødelokale" },
  organizer: { emailAddress: { name: "Birgitte Holm Sørensen", address: "borgmester@fjordby.dk" } },
  attendees: [
    {
      emailAddress: { name: "Dr. Lund", address: "lund@klinik.example" },
      type: "required",
      status: { response: "accepted" },
    },
  ],
  singleValueExtendedProperties: [
    { id: customPropertiesId(ADDIN_ID), value: JSON.stringify({ mk: encodePlan(plan) }) },
  ],
};

const [timed] = eventsBetween(
  [{ id: privateEvent.id, data: privateEvent }],
  "2025-03-04T00:00:00Z",
  "2025-03-05T00:00:00Z",
);

const secretary = viewerFor("secretary", DEFAULT_PRIVACY);
const chiefOfStaff = viewerFor("chief-of-staff", DEFAULT_PRIVACY);

describe("what each role sees of a meeting", () => {
  it("the chief of staff, without the setting to see private items, gets a private meeting's time under 'Privat aftale' and nothing else", () => {
    expect(meetingFor(timed!, ADDIN_ID, chiefOfStaff, "da")).toEqual({
      view: "full",
      id: "AAMk-private",
      subject: "Privat aftale",
      start: "2025-03-04T08:00:00.000Z",
      end: "2025-03-04T09:00:00.000Z",
      isAllDay: false,
      location: "",
      organizer: null,
      attendees: [],
      bodyPreview: "",
      sensitivity: "private",
      isPrivate: true,
      isCancelled: false,
      showAs: "busy",
      categories: [],
      plan: null,
    });
  });

  it("names the private meeting in English when asked", () => {
    expect(meetingFor(timed!, ADDIN_ID, chiefOfStaff, languageOf("en-GB,en;q=0.9"))).toMatchObject({
      subject: "Private appointment",
    });
  });

  it("the chief of staff sees the whole private meeting once the setting lets her", () => {
    const allowed = viewerFor("chief-of-staff", privacyFromText("secretary,chief-of-staff"));
    expect(meetingFor(timed!, ADDIN_ID, allowed, "da")).toMatchObject({ subject: "Lægebesøg", plan });
  });

  it("the secretary sees the whole meeting with its plan", () => {
    expect(meetingFor(timed!, ADDIN_ID, secretary, "da")).toMatchObject({
      view: "full",
      subject: "Lægebesøg",
      bodyPreview: "Husk journalen",
      attendees: [
        { name: "Dr. Lund", address: "lund@klinik.example", type: "required", response: "accepted" },
      ],
      plan,
    });
  });

  it("a meeting whose plan cannot be read is shown without a plan", () => {
    const broken = {
      ...privateEvent,
      singleValueExtendedProperties: [{ id: customPropertiesId(ADDIN_ID), value: "{" }],
    };
    const [event] = eventsBetween(
      [{ id: "x", data: broken }],
      "2025-03-04T00:00:00Z",
      "2025-03-05T00:00:00Z",
    );
    expect(meetingFor(event!, ADDIN_ID, viewerFor("mayor", DEFAULT_PRIVACY), "da")).toMatchObject({
      plan: null,
    });
  });
});

describe("an invitation awaiting the mayor's answer", () => {
  const now = new Date("2025-03-01T00:00:00Z");
  const invitation = {
    ...privateEvent,
    isOrganizer: false,
    responseRequested: true,
    responseStatus: { response: "notResponded" },
  };

  it("is one she was asked to answer, has not, and that is neither cancelled nor past", () => {
    expect(awaitsAnswer(invitation, now)).toBe(true);
    expect(awaitsAnswer({ ...invitation, responseStatus: { response: "accepted" } }, now)).toBe(false);
    expect(awaitsAnswer({ ...invitation, isCancelled: true }, now)).toBe(false);
    expect(awaitsAnswer({ ...invitation, responseRequested: false }, now)).toBe(false);
    expect(awaitsAnswer(invitation, new Date("2025-03-05T00:00:00Z"))).toBe(false);
  });
});
