import { findConflicts, TravelTableSchema } from "@modeklar/shared";
import { DateTime } from "luxon";
import { describe, expect, it } from "vitest";
import { expandCalendarView } from "../calendar/view";
import { SimState } from "../state";
import { IDS } from "./directory";
import { seedState } from "./index";

const ANCHOR = "2027-03-01";

function seeded(scale?: number): SimState {
  const state = new SimState();
  seedState(state, { anchor: ANCHOR, scale });
  return state;
}

function mayorsWeeks(state: SimState) {
  const monday = DateTime.fromISO(ANCHOR, { zone: "Europe/Copenhagen" });
  return expandCalendarView(
    state,
    IDS.mayor,
    monday.minus({ weeks: 1 }).toUTC(),
    monday.plus({ weeks: 4 }).toUTC(),
  );
}

const local = (dateTime?: string | null) =>
  DateTime.fromISO(dateTime ?? "", { zone: "UTC" }).setZone("Europe/Copenhagen");

describe("the seeded calendar", () => {
  it("is the same every time for the same anchor", () => {
    const shape = (state: SimState) => mayorsWeeks(state).map((e) => [e.subject, e.start?.dateTime, e.type]);
    expect(shape(seeded())).toEqual(shape(seeded()));
  });

  it("covers the council's rhythm, visits, citizen meetings, receptions and travel in Danish", () => {
    const subjects = new Set(mayorsWeeks(seeded()).map((e) => e.subject));
    for (const subject of [
      "Byrådsmøde",
      "Økonomiudvalgsmøde",
      "Direktionsmøde",
      "Kalendermøde",
      "Besøg af transportministeren",
      "Møde med Region Sjælland om sygehusplan",
      "Borgermøde om ny skolestruktur",
      "Reception for 25-års jubilarer",
      "KL's Kommunalpolitiske Topmøde",
      "Tandlæge",
      "Forældremøde",
    ]) {
      expect(subjects, subject).toContain(subject);
    }
  });

  it("has a weekly direktionsmøde with one moved occurrence and one cancelled", () => {
    const directors = mayorsWeeks(seeded()).filter((e) => e.subject === "Direktionsmøde");
    expect(directors.map((e) => [e.type, local(e.start?.dateTime).toFormat("ccc HH:mm")])).toEqual([
      ["occurrence", "Mon 09:00"],
      ["occurrence", "Mon 09:00"],
      ["exception", "Tue 10:00"],
      ["occurrence", "Mon 09:00"],
    ]);
  });

  it("leaves at least eight invitations from several organisations waiting for the mayor's answer", () => {
    const pending = mayorsWeeks(seeded()).filter(
      (e) => !e.isOrganizer && e.responseStatus?.response === "notResponded",
    );
    expect(pending.length).toBeGreaterThanOrEqual(8);
    const domains = new Set(pending.map((e) => e.organizer?.emailAddress?.address?.split("@")[1]));
    expect(domains.size).toBeGreaterThanOrEqual(6);
    const state = seeded();
    const requests = [...state.mailbox(IDS.mayor).messages.values()].filter(
      (m) => (m as unknown as Record<string, unknown>)["meetingMessageType"] === "meetingRequest",
    );
    expect(requests.length).toBeGreaterThanOrEqual(8);
  });

  it("books rooms as resource attendees, with the room's answer on the organizer's copy", () => {
    const state = seeded();
    const councilHall = "22222222-2222-4222-8222-000000000101";
    const booked = [...state.mailbox(councilHall).events.values()].map((e) => e.subject);
    expect(booked).toContain("Byrådsmøde");
    expect(booked).not.toContain("Temamøde om klimaplanen");
    const clash = [...state.mailbox(IDS.techEnvironment).events.values()][0];
    expect(clash?.attendees?.[0]?.status?.response).toBe("declined");
  });

  it("keeps every meeting within sensible Danish hours and marks private appointments private", () => {
    const events = mayorsWeeks(seeded());
    for (const event of events) {
      const start = local(event.start?.dateTime);
      expect(start.hour, event.subject ?? "").toBeGreaterThanOrEqual(7);
      expect(start.hour, event.subject ?? "").toBeLessThanOrEqual(20);
    }
    expect(
      events
        .filter((e) => e.sensitivity === "private")
        .map((e) => e.subject)
        .sort(),
    ).toEqual(["Forældremøde", "Frisør", "Fødselsdag hos mor", "Lægetid", "Tandlæge"]);
    expect(events.some((e) => (e.categories ?? []).length > 0)).toBe(true);
  });

  it("fills each of the four weeks with 15 to 25 entries, as a real mayor's week", () => {
    const events = mayorsWeeks(seeded());
    const monday = DateTime.fromISO(ANCHOR, { zone: "Europe/Copenhagen" });
    const perWeek = [-1, 0, 1, 2].map(
      (week) =>
        events.filter((e) => Math.floor(local(e.start?.dateTime).diff(monday, "weeks").weeks) === week)
          .length,
    );
    for (const count of perWeek) {
      expect(count).toBeGreaterThanOrEqual(15);
      expect(count).toBeLessThanOrEqual(25);
    }
  });

  it("has every kind of entry a mayor's week holds, every week", () => {
    const events = mayorsWeeks(seeded());
    const monday = DateTime.fromISO(ANCHOR, { zone: "Europe/Copenhagen" });
    for (const week of [-1, 0, 1]) {
      const inWeek = events.filter(
        (e) => Math.floor(local(e.start?.dateTime).diff(monday, "weeks").weeks) === week,
      );
      const subjects = inWeek.map((e) => e.subject ?? "");
      const has = (test: (e: (typeof inWeek)[number]) => boolean) => inWeek.some(test);
      const label = `week ${week}`;
      expect(subjects, label).toContain("Direktionsmøde");
      expect(subjects, label).toContain("Gruppemøde i byrådsgruppen");
      expect(
        has((e) => /udvalg|kommission|byråd|KKR|Ældrerådet/i.test(e.subject ?? "")),
        label,
      ).toBe(true);
      expect(
        has((e) => (e.categories ?? []).includes("Borger")),
        label,
      ).toBe(true);
      expect(
        has((e) => (e.categories ?? []).includes("Presse")),
        label,
      ).toBe(true);
      expect(
        has((e) => /virksomhed|erhverv|havn|forsyning|boligselskab/i.test(e.subject ?? "")),
        label,
      ).toBe(true);
      expect(
        has((e) => local(e.start?.dateTime).hour >= 18),
        label,
      ).toBe(true);
      expect(
        has((e) => (e.categories ?? []).includes("Rejse")),
        label,
      ).toBe(true);
      expect(
        has((e) => e.sensitivity === "private"),
        label,
      ).toBe(true);
    }
  });

  it("books no one-off entry on a Danish public holiday: only standing series stay, as Outlook keeps them", () => {
    // Skærtorsdag, Langfredag and 2. påskedag 2027 fall on the week before the anchor and its Monday.
    const state = new SimState();
    seedState(state, { anchor: "2027-03-29" });
    const monday = DateTime.fromISO("2027-03-29", { zone: "Europe/Copenhagen" });
    const events = expandCalendarView(
      state,
      IDS.mayor,
      monday.minus({ weeks: 1 }).toUTC(),
      monday.plus({ weeks: 1 }).toUTC(),
    );
    const on = (date: string) => events.filter((e) => local(e.start?.dateTime).toISODate() === date);
    for (const holiday of ["2027-03-25", "2027-03-26", "2027-03-29"]) {
      expect(on(holiday).length, holiday).toBeGreaterThan(0);
      expect(
        on(holiday)
          .map((e) => [e.subject, e.type])
          .filter(([, type]) => type !== "occurrence"),
        holiday,
      ).toEqual([]);
    }
    expect(on("2027-03-24").length).toBeGreaterThanOrEqual(3);
  });

  it("shows the week view only the conflicts set up on purpose: two overlaps and one journey too short", () => {
    const travel = TravelTableSchema.parse({});
    const meetings = mayorsWeeks(seeded())
      .filter((e) => !e.isCancelled)
      .map((e) => ({
        id: e.id,
        subject: e.subject ?? "",
        start: local(e.start?.dateTime).toISO() ?? "",
        end: local(e.end?.dateTime).toISO() ?? "",
        attendance: e.isOrganizer
          ? ("organizer" as const)
          : e.responseStatus?.response === "accepted"
            ? ("accepted" as const)
            : ("pending" as const),
        location: e.location?.displayName ?? "",
        ...(e.showAs ? { showAs: e.showAs } : {}),
      }));
    expect(findConflicts(meetings, travel).map((c) => [c.kind, c.first.subject, c.second.subject])).toEqual([
      ["travel", "Besøg af transportministeren", "Møde med DI om erhvervsklimaet"],
      ["overlap", "Erhvervsrådets morgenmøde", "Kalendermøde"],
      ["overlap", "KL: Temamøde om folkeskolens økonomi", "Ministermøde om kommunernes økonomi"],
    ]);
  });

  it("adds the asked number of generated meetings for benchmarks", () => {
    const before = seeded().mailbox(IDS.mayor).events.size;
    expect(seeded(2000).mailbox(IDS.mayor).events.size).toBe(before + 2000);
  });
});
