import { describe, expect, it } from "vitest";
import { describeConflict, findConflicts, type ConflictMeeting } from "./find-conflicts";
import { TravelTableSchema, travelTimes } from "./travel";

const table = TravelTableSchema.parse({
  places: [
    { name: "Rådhuset", aliases: ["Byrådssalen", "Udvalgsværelset", "Teatergade 8"], building: "Rådhuset" },
    { name: "Regionshuset Sorø", aliases: ["Alléen 15"] },
    { name: "KL-huset", aliases: ["Weidekampsgade 10"] },
  ],
  travel: [
    { from: "Rådhuset", to: "Regionshuset Sorø", minutes: 35 },
    { from: "Rådhuset", to: "KL-huset", minutes: 75 },
  ],
  defaultMinutes: 30,
});

const at = (time: string) => `2026-05-20T${time}:00+02:00`;
const meeting = (
  id: string,
  from: string,
  to: string,
  extra: Partial<ConflictMeeting> = {},
): ConflictMeeting => ({
  id,
  subject: id,
  start: at(from),
  end: at(to),
  attendance: "accepted",
  ...extra,
});

describe("travel times", () => {
  const times = travelTimes(table);
  it.each([
    ["between two rooms of the town hall it is 0", "Byrådssalen, Rådhuset", "Udvalgsværelset", 0],
    [
      "from the town hall to Sorø it is 35 either way",
      "Regionshuset, Alléen 15, 4180 Sorø",
      "Byrådssalen",
      35,
    ],
    ["to an unknown address it is the default 30", "Byrådssalen", "Fjordby Skole, Skolevej 12", 30],
    ["the same unknown place twice is 0", "Nørreby Forsamlingshus", "nørreby forsamlingshus", 0],
  ])("%s", (_sentence, from, to, minutes) => {
    expect(times.minutes(from, to)).toBe(minutes);
  });

  it("a meeting without a place needs no travel check", () => {
    expect(times.minutes(undefined, "Byrådssalen")).toBeUndefined();
    expect(times.minutes("", "Byrådssalen")).toBeUndefined();
  });
});

describe("conflicts in the mayor's calendar", () => {
  it("an invitation overlapping an accepted meeting is to be declined", () => {
    const conflicts = findConflicts(
      [
        meeting("Økonomiudvalgsmøde", "10:00", "12:00"),
        meeting("KL-temamøde", "11:00", "12:30", { attendance: "pending" }),
      ],
      table,
    );
    expect(conflicts).toEqual([
      {
        kind: "overlap",
        first: { id: "Økonomiudvalgsmøde", subject: "Økonomiudvalgsmøde" },
        second: { id: "KL-temamøde", subject: "KL-temamøde" },
        action: "declineInvite",
        actionMeetingId: "KL-temamøde",
      },
    ]);
  });

  it("of two overlapping invitations the less important one is to be declined", () => {
    const [conflict] = findConflicts(
      [
        meeting("Ministermøde", "11:00", "12:00", { attendance: "pending", priorityClass: 1 }),
        meeting("Erhvervsråd", "10:30", "11:30", { attendance: "pending", priorityClass: 2 }),
      ],
      table,
    );
    expect(conflict?.actionMeetingId).toBe("Erhvervsråd");
  });

  it("two accepted meetings at the same time ask for a choice", () => {
    const [conflict] = findConflicts(
      [meeting("A", "09:00", "10:00"), meeting("B", "09:30", "10:30", { attendance: "tentative" })],
      table,
    );
    expect(conflict).toMatchObject({ kind: "overlap", action: "chooseOne" });
  });

  it("meetings back to back in the same building are fine", () => {
    expect(
      findConflicts(
        [
          meeting("Direktionsmøde", "09:00", "10:00", { location: "Udvalgsværelset" }),
          meeting("Byrådsmøde", "10:00", "12:00", { location: "Byrådssalen" }),
        ],
        table,
      ),
    ).toEqual([]);
  });

  it("20 minutes to get from the town hall to Sorø is too little", () => {
    const conflicts = findConflicts(
      [
        meeting("Direktionsmøde", "09:00", "12:40", { location: "Udvalgsværelset, Rådhuset" }),
        meeting("Vækstforum", "13:00", "15:00", {
          location: "Regionshuset, Alléen 15, 4180 Sorø",
          attendance: "pending",
        }),
      ],
      table,
    );
    expect(conflicts).toEqual([
      expect.objectContaining({
        kind: "travel",
        minutesAvailable: 20,
        minutesNeeded: 35,
        actionMeetingId: "Vækstforum",
      }),
    ]);
  });

  it("declined meetings, all-day events and free time never conflict", () => {
    expect(
      findConflicts(
        [
          meeting("Ferie", "00:00", "23:59", { isAllDay: true }),
          meeting("Afslået", "09:00", "10:00", { attendance: "declined" }),
          meeting("Fokustid", "09:00", "10:00", { showAs: "free" }),
          meeting("Byrådsmøde", "09:00", "11:00"),
        ],
        table,
      ),
    ).toEqual([]);
  });

  it("a conflict is described in Danish and English with what to do", () => {
    const [conflict] = findConflicts(
      [
        meeting("Byrådsmøde", "10:00", "12:00"),
        meeting("Borgermøde", "11:00", "12:00", { attendance: "pending" }),
      ],
      table,
    );
    expect(describeConflict(conflict!, "da")).toEqual({
      text: "«Byrådsmøde» overlapper «Borgermøde».",
      action: "Afslå, eller foreslå et andet tidspunkt for «Borgermøde».",
    });
    expect(describeConflict(conflict!, "en").action).toBe(
      "Decline or propose another time for “Borgermøde”.",
    );
  });

  it("travel conflicts are described with the minutes", () => {
    const [conflict] = findConflicts(
      [
        meeting("Byrådsmøde", "10:00", "12:00", { location: "Byrådssalen" }),
        meeting("KL", "12:30", "14:00", { location: "KL-huset, Weidekampsgade 10" }),
      ],
      table,
    );
    expect(describeConflict(conflict!, "da").text).toBe(
      "Der er kun 30 minutter fra «Byrådsmøde» til «KL», men transporten tager 75 minutter.",
    );
  });
});
