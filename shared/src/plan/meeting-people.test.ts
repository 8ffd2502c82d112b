import { describe, expect, it } from "vitest";
import { bookedRooms, cateringHeadCount, meetingHeadCount } from "./meeting-people";

const ROOMS = [
  { email: "moedelokale-1@fjordby.dk", name: "Mødelokale 1 (Fjorden)" },
  { email: "byraadssalen@fjordby.dk", name: "Byrådssalen" },
];

describe("the rooms a meeting holds", () => {
  it("finds a room among the attendees as a resource, in the locations, or by an address known as a room", () => {
    expect(
      bookedRooms({
        attendees: [
          { address: "stabschef@fjordby.dk", type: "required" },
          { address: "MOEDELOKALE-1@fjordby.dk", type: "resource", name: "Mødelokale 1 (Fjorden)" },
        ],
        locations: [{ name: "Mødelokale 1 (Fjorden)", email: "moedelokale-1@fjordby.dk", kind: "room" }],
      }),
    ).toEqual([{ email: "moedelokale-1@fjordby.dk", name: "Mødelokale 1 (Fjorden)" }]);
    expect(
      bookedRooms({
        attendees: [{ address: "byraadssalen@fjordby.dk" }],
        locations: [{ name: "Hos Erhvervsrådet" }],
        knownRooms: ROOMS,
      }),
    ).toEqual([{ email: "byraadssalen@fjordby.dk", name: "Byrådssalen" }]);
  });

  it("finds no room in a meeting of people and a free-text place", () => {
    expect(
      bookedRooms({
        attendees: [{ address: "stabschef@fjordby.dk", type: "required" }],
        locations: [{ name: "Havnen", kind: "other" }],
        knownRooms: ROOMS,
      }),
    ).toEqual([]);
  });
});

describe("the meeting's head count", () => {
  it("counts the organizer, the attendees and the guests, each person once and no rooms", () => {
    expect(
      meetingHeadCount({
        organizer: "borgmester@fjordby.dk",
        attendees: [
          { address: "Borgmester@fjordby.dk", type: "required" },
          { address: "stabschef@fjordby.dk", type: "required" },
          { address: "moedelokale-1@fjordby.dk", type: "resource" },
          { address: "byraadssalen@fjordby.dk" },
        ],
        guests: [{ email: "stabschef@fjordby.dk" }, { email: "mette@havn.dk" }, {}],
        moreGuests: 2,
        rooms: ROOMS,
      }),
    ).toBe(6);
  });

  it("counts an organizer whose address is not known as one person", () => {
    expect(
      meetingHeadCount({ organizer: null, attendees: [{ address: "stabschef@fjordby.dk" }], guests: [] }),
    ).toBe(2);
  });

  it("gives the kitchen the number set by hand, else the meeting's", () => {
    expect(cateringHeadCount({ count: 12 }, 4)).toBe(12);
    expect(cateringHeadCount({}, 4)).toBe(4);
  });
});
