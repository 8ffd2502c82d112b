import { randomUUID } from "node:crypto";
import ICAL from "ical.js";
import { DateTime } from "luxon";
import type { MeetingPlan } from "@modeklar/shared";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { control, eventually, MAYOR, startStack, type Stack } from "../sync/stack";
import {
  api,
  mirroredId,
  CHIEF_OF_STAFF,
  GUEST,
  nextMonday,
  planOnEvent,
  PRIVATE_VISIT,
  seededMonday,
  seedDayLists,
  workingDayAhead,
  tokensByRole,
  ZONE,
} from "./fixtures";

let stack: Stack;
let ids: { visitId: string; cateredId: string };
const tokens: Record<string, string> = {};

beforeAll(async () => {
  stack = await startStack({ env: { SAFETY_POLL_SECONDS: "2" } });
  Object.assign(tokens, await tokensByRole(stack));
  ids = await seedDayLists(stack);
});
afterAll(() => stack?.close());

describe("each page's API serves its own people only", () => {
  const pages = [
    { path: "/phone/invitations", allowed: ["mayor"] },
    { path: "/week", allowed: ["mayor", "secretary", "chief-of-staff"] },
    { path: "/week.ics", allowed: ["mayor", "secretary", "chief-of-staff"] },
    { path: "/daylists/reception", allowed: ["reception"] },
    { path: "/daylists/catering", allowed: ["catering"] },
  ];
  for (const page of pages) {
    it(`${page.path} answers ${page.allowed.join(", ")} and refuses every other role with 403`, async () => {
      for (const role of Object.keys(tokens)) {
        const { status } = await api(stack, tokens[role]!, "GET", page.path);
        expect([role, status]).toEqual([role, page.allowed.includes(role) ? 200 : 403]);
      }
    });
  }

  it("the day lists' actions refuse the mayor and the secretary", async () => {
    for (const role of ["mayor", "secretary", "catering"]) {
      const arrival = await api(stack, tokens[role]!, "POST", `/daylists/reception/${ids.visitId}/arrivals`, {
        guest: GUEST.name,
      });
      expect(arrival.status).toBe(403);
    }
    for (const role of ["mayor", "secretary", "reception"]) {
      const confirm = await api(stack, tokens[role]!, "POST", `/daylists/catering/${ids.cateredId}/confirm`);
      expect(confirm.status).toBe(403);
    }
  });
});

describe("the mayor's phone", () => {
  it("lists unanswered invitations most important first, then by answer deadline, with reasons", async () => {
    const { invitations } = (await api(stack, tokens["mayor"]!, "GET", "/phone/invitations")).json() as {
      invitations: { priority: { class: number; reason: string }; answerDue: string; organizer: unknown }[];
    };
    expect(invitations.length).toBeGreaterThan(2);
    for (let i = 1; i < invitations.length; i += 1) {
      const [a, b] = [invitations[i - 1]!, invitations[i]!];
      expect(
        a.priority.class < b.priority.class ||
          (a.priority.class === b.priority.class && a.answerDue <= b.answerDue),
      ).toBe(true);
    }
    expect(invitations.every((i) => i.priority.reason.length > 0)).toBe(true);
  });

  it("an answered invitation leaves the list at once, before Outlook's change has reached the mirror", async () => {
    const listed = async () =>
      (
        (await api(stack, tokens["mayor"]!, "GET", "/phone/invitations")).json() as {
          invitations: { id: string }[];
        }
      ).invitations.map((i) => i.id);
    const [first] = await listed();
    // No change notifications: the mirror learns of the answer only at the next safety poll.
    await control(stack.sim, "PUT", "/faults", { dropNotificationRate: 1 });
    try {
      const answered = await api(stack, tokens["mayor"]!, "POST", `/invitations/${first}/respond`, {
        response: "tentative",
        idempotencyKey: randomUUID(),
        sendResponse: true,
      });
      expect(answered.status).toBe(200);
      expect(await listed()).not.toContain(first);
    } finally {
      await control(stack.sim, "PUT", "/faults", { dropNotificationRate: 0 });
    }
  });
});

describe("the weekly calendar meeting", () => {
  it("shows next week by default, day by day", async () => {
    const view = (await api(stack, tokens["chief-of-staff"]!, "GET", "/week")).json() as {
      weekStart: string;
      days: { date: string }[];
    };
    expect(view.weekStart).toBe(nextMonday());
    expect(view.days.slice(0, 5).map((d) => new Date(`${d.date}T12:00:00Z`).getUTCDay())).toEqual([
      1, 2, 3, 4, 5,
    ]);
  });

  it("shows the seeded week with its conflicts, readiness and suggested answers", async () => {
    const view = (
      await api(stack, tokens["chief-of-staff"]!, "GET", `/week?week=${seededMonday()}`)
    ).json() as {
      weekStart: string;
      days: {
        date: string;
        meetings: { conflicts: unknown[]; attendance: string; suggested?: string; readiness: unknown }[];
      }[];
    };
    expect(view.weekStart).toBe(seededMonday());
    const meetings = view.days.flatMap((d) => d.meetings);
    expect(meetings.some((m) => m.conflicts.length > 0)).toBe(true);
    expect(meetings.filter((m) => m.attendance === "pending").every((m) => m.suggested)).toBe(true);
    expect(meetings.every((m) => m.readiness)).toBe(true);
  });

  it("a decision to accept reaches Outlook and is kept in the week's minutes", async () => {
    const view = (
      await api(stack, tokens["chief-of-staff"]!, "GET", `/week?week=${seededMonday()}`)
    ).json() as {
      weekStart: string;
      days: { meetings: { id: string; subject: string; attendance: string }[] }[];
    };
    const pending = view.days.flatMap((d) => d.meetings).find((m) => m.attendance === "pending");
    expect(pending).toBeDefined();
    const decided = await api(stack, tokens["chief-of-staff"]!, "POST", "/week/decisions", {
      eventId: pending!.id,
      weekStart: view.weekStart,
      decision: "accept",
    });
    expect(decided.status).toBe(201);
    const event = await stack.service.gateway.getEvent(MAYOR, pending!.id);
    expect((event?.["responseStatus"] as { response: string }).response).toBe("accepted");
    const after = (await api(stack, tokens["secretary"]!, "GET", `/week?week=${seededMonday()}`)).json() as {
      minutes: { subject: string; decision: string }[];
    };
    expect(after.minutes).toContainEqual(
      expect.objectContaining({ subject: pending!.subject, decision: "accept" }),
    );
  });

  it("a decision to pin a meeting's priority puts the pinned class's category on the meeting in Outlook", async () => {
    // Next week, the one the calendar meeting decides about: its meetings are all still ahead.
    const view = (
      await api(stack, tokens["chief-of-staff"]!, "GET", `/week?week=${nextMonday()}`)
    ).json() as {
      weekStart: string;
      days: { meetings: { id: string; priority: { class: number } }[] }[];
    };
    const meeting = view.days.flatMap((d) => d.meetings).find((m) => m.priority.class === 3);
    expect(meeting).toBeDefined();
    const before = ((await stack.service.gateway.getEvent(MAYOR, meeting!.id))?.["categories"] ??
      []) as string[];
    const decided = await api(stack, tokens["chief-of-staff"]!, "POST", "/week/decisions", {
      eventId: meeting!.id,
      weekStart: view.weekStart,
      decision: "pinPriority",
      priorityClass: 1,
    });
    expect(decided.status).toBe(201);
    const event = await stack.service.gateway.getEvent(MAYOR, meeting!.id);
    // Class 1's category in place of class 3's; the meeting's own categories (e.g. "Borger") stay.
    const own = before.filter((c) => !c.startsWith("Prioritet "));
    expect(event).toMatchObject({ importance: "high" });
    expect((event?.["categories"] as string[]).sort()).toEqual([...own, "Prioritet 1"].sort());
  });

  it("exports the week as an iCalendar file a calendar library reads, with the week's meetings", async () => {
    const response = await api(stack, tokens["secretary"]!, "GET", `/week.ics?from=${nextMonday()}`);
    expect(response.status).toBe(200);
    expect(response.text).toMatch(/^BEGIN:VCALENDAR\r\n/);
    // Named by the week's ISO 8601 number and year, as luxon (the reference) counts them.
    const monday = DateTime.fromISO(nextMonday());
    expect(response.headers.get("content-disposition")).toBe(
      `attachment; filename="uge-${monday.weekNumber}-${monday.weekYear}.ics"`,
    );
    const calendar = new ICAL.Component(ICAL.parse(response.text));
    const summaries = calendar
      .getAllSubcomponents("vevent")
      .map((v) => String(v.getFirstPropertyValue("summary")));
    const view = (await api(stack, tokens["secretary"]!, "GET", "/week")).json() as {
      days: { meetings: { subject: string }[] }[];
    };
    for (const meeting of view.days.flatMap((d) => d.meetings)) expect(summaries).toContain(meeting.subject);
  });
});

describe("the reception's day list", () => {
  it("lists tomorrow's guest of a private meeting without anything of the meeting's subject or body", async () => {
    const response = await api(stack, tokens["reception"]!, "GET", "/daylists/reception");
    expect(response.text).toContain(GUEST.name);
    expect(response.text).not.toContain(PRIVATE_VISIT);
    expect(response.text).not.toContain("Kandidatens");
    expect(response.text).not.toContain("direktør");
  });

  it("marks a guest arrived once and the host gets one mail", async () => {
    const first = await api(
      stack,
      tokens["reception"]!,
      "POST",
      `/daylists/reception/${ids.visitId}/arrivals`,
      { guest: GUEST.name },
    );
    expect(first.json()).toMatchObject({ hostNotified: true });
    const again = await api(
      stack,
      tokens["reception"]!,
      "POST",
      `/daylists/reception/${ids.visitId}/arrivals`,
      { guest: GUEST.name },
    );
    expect(again.json()).toMatchObject({ hostNotified: false });
    const mails = await eventually("the host's mail", async () => {
      const inbox = (await control(stack.sim, "GET", `/mailboxes/${encodeURIComponent(MAYOR)}/messages`))[
        "value"
      ] as { subject: string }[];
      const found = inbox.filter((m) => m.subject.includes(GUEST.name));
      return found.length > 0 ? found : null;
    });
    expect(mails).toHaveLength(1);
  });
});

describe("the kitchen's day list", () => {
  it("confirms an order and the meeting's plan on the event says confirmed", async () => {
    const day = (
      await api(
        stack,
        tokens["catering"]!,
        "GET",
        "/daylists/catering?day=" + new Date().toISOString().slice(0, 10),
      )
    ).json() as {
      orders: { meetingId: string; count: number; dietary: Record<string, number> }[];
    };
    expect(day.orders).toContainEqual(
      expect.objectContaining({
        meetingId: ids.cateredId,
        count: 14,
        dietary: { vegetarian: 3, glutenFree: 1 },
      }),
    );
    const confirmed = await api(
      stack,
      tokens["catering"]!,
      "POST",
      `/daylists/catering/${ids.cateredId}/confirm`,
    );
    expect(confirmed.status).toBe(200);
    expect((await planOnEvent(stack, ids.cateredId))?.catering.state).toBe("confirmed");
  });
});

describe("the kitchen's head count", () => {
  it("follows the meeting's attendees and guests until the secretary sets it by hand, as the pane does", async () => {
    const subject = "Dialogmøde om havnebussen";
    const at = workingDayAhead(8, "09:00");
    const time = (t: DateTime) => ({ dateTime: t.toFormat("yyyy-LL-dd'T'HH:mm:ss"), timeZone: ZONE });
    await control(stack.sim, "POST", `/act/${encodeURIComponent(MAYOR)}/events`, {
      subject,
      start: time(at),
      end: time(at.plus({ hours: 1 })),
      attendees: [
        { type: "required", emailAddress: { address: CHIEF_OF_STAFF } },
        { type: "resource", emailAddress: { address: "moedelokale-1@fjordby.dk" } },
      ],
    });
    const id = await mirroredId(stack, subject);
    const secretary = tokens["secretary"]!;
    // The mayor, the chief of staff and one guest: three, as the pane shows before ordering.
    const ordered = await api(stack, secretary, "POST", `/meetings/${encodeURIComponent(id)}/catering`, {
      meetingId: id,
      baseRevision: 0,
      order: { state: "todo", items: ["coffeeTea"] },
      headCount: 3,
    });
    expect(ordered.status).toBe(200);
    const { revision } = ordered.json() as { revision: number };
    const withGuest = await api(stack, secretary, "GET", `/meetings/${encodeURIComponent(id)}/plan`);
    const plan = (withGuest.json() as { plan: MeetingPlan }).plan;
    expect(plan.catering.count).toBeUndefined();
    const guests = { ...plan, reception: { ...plan.reception, guests: [{ name: "Mette Lund" }] } };
    const saved = await api(stack, secretary, "PUT", `/meetings/${encodeURIComponent(id)}/plan`, {
      plan: guests,
      baseRevision: revision,
    });
    expect(saved.status).toBe(200);
    const kitchenCount = async () => {
      const day = (
        await api(stack, tokens["catering"]!, "GET", `/daylists/catering?day=${at.toISODate()}`)
      ).json() as { orders: { meetingId: string; count: number }[] };
      return day.orders.find((o) => o.meetingId === id)?.count;
    };
    expect(await kitchenCount()).toBe(3);

    // Someone else is invited in Outlook: the kitchen's number follows.
    await control(stack.sim, "PATCH", `/act/${encodeURIComponent(MAYOR)}/events/${id}`, {
      attendees: [
        { type: "required", emailAddress: { address: CHIEF_OF_STAFF } },
        { type: "required", emailAddress: { address: "oekonomi@fjordby.dk" } },
        { type: "resource", emailAddress: { address: "moedelokale-1@fjordby.dk" } },
      ],
    });
    await eventually(
      "the kitchen counts four",
      async () => ((await kitchenCount()) === 4 ? true : undefined),
      60_000,
    );

    // The secretary sets twelve by hand: that number stands.
    const byHand = (saved.json() as { plan: MeetingPlan }).plan;
    const handSet = await api(stack, secretary, "PUT", `/meetings/${encodeURIComponent(id)}/plan`, {
      plan: { ...byHand, catering: { ...byHand.catering, count: 12 } },
      baseRevision: byHand.revision,
    });
    expect(handSet.status).toBe(200);
    expect(await kitchenCount()).toBe(12);
  });
});
