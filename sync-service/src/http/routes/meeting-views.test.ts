import { emptyPlan, encodePlan, MeetingPlanSchema } from "@modeklar/shared";
import { describe, expect, it } from "vitest";
import { customPropertiesId, eventsBetween } from "./event-fields";
import { languageOf, meetingFor } from "./meeting-views";
import { awaitsAnswer } from "./invitations";

const ADDIN = "33bcca4f-8047-4cd1-ace4-90b74060745f";

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
    { id: customPropertiesId(ADDIN), value: JSON.stringify({ mk: encodePlan(plan) }) },
  ],
};

const [timed] = eventsBetween(
  [{ id: privateEvent.id, data: privateEvent }],
  "2025-03-04T00:00:00Z",
  "2025-03-05T00:00:00Z",
);

describe("what each role sees of a meeting", () => {
  it("the reception sees time, place, host, count and its guests, but never a private meeting's subject, body or attendees", () => {
    const line = meetingFor(timed!, ADDIN, ["reception"], "da");
    expect(line).toEqual({
      view: "dayList",
      id: "AAMk-private",
      subject: "Privat aftale",
      start: "2025-03-04T08:00:00.000Z",
      end: "2025-03-04T09:00:00.000Z",
      isAllDay: false,
      location: "Borgmesterens mødelokale",
      host: "Birgitte Holm Sørensen",
      count: 9,
      isPrivate: true,
      isCancelled: false,
      reception: plan.reception,
    });
  });

  it("the canteen gets the catering order instead of the guest list, with the subject in English when asked", () => {
    const line = meetingFor(timed!, ADDIN, ["catering"], languageOf("en-GB,en;q=0.9"));
    expect(line).toMatchObject({ subject: "Private appointment", catering: plan.catering });
    expect(line).not.toHaveProperty("reception");
  });

  it("the secretary sees the whole meeting with its plan", () => {
    expect(meetingFor(timed!, ADDIN, ["secretary"], "da")).toMatchObject({
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
      singleValueExtendedProperties: [{ id: customPropertiesId(ADDIN), value: "{" }],
    };
    const [event] = eventsBetween(
      [{ id: "x", data: broken }],
      "2025-03-04T00:00:00Z",
      "2025-03-05T00:00:00Z",
    );
    expect(meetingFor(event!, ADDIN, ["mayor"], "da")).toMatchObject({ plan: null });
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
