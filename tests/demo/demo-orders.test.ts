import { DateTime } from "luxon";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { demoOrdersLine, placeDemoOrders, type DemoOrders, type DemoPeople } from "../../scripts/demo-orders";
import { api, graphTime, mirroredId, tokensByRole, workingDayAhead, ZONE } from "../pages/fixtures";
import { control, MAYOR, startStack, type Stack } from "../sync/stack";

/**
 * Visits in the mayor's meeting room, whatever day today is: tomorrow early (for the reception's
 * list) and on a working day a week ahead (before the kitchen's cut-off).
 */
const VISIT = "Møde med Fjordby Roklub om den nye bådehal";
const LATER_VISIT = "Besøg af Fjordby Idrætsråd";

describe("the demo's orders at start", () => {
  let stack: Stack;
  let tokens: Record<string, string>;
  let meetingId: string;
  const ids = new Map<string, string>();
  let people: DemoPeople;
  let nothingAhead: DemoOrders;
  let first: DemoOrders;

  beforeAll(async () => {
    stack = await startStack();
    const tomorrow = DateTime.now().setZone(ZONE).plus({ days: 1 }).set({ hour: 8 }).startOf("hour");
    for (const [subject, start] of [
      [VISIT, tomorrow],
      [LATER_VISIT, workingDayAhead(7, "10:00")],
    ] as const) {
      await control(stack.sim, "POST", `/act/${encodeURIComponent(MAYOR)}/events`, {
        subject,
        start: graphTime(start),
        end: graphTime(start.plus({ hours: 1 })),
        location: { displayName: "Borgmesterens mødelokale" },
        categories: ["Besøg"],
      });
      // One at a time: the second meeting is made once the first is mirrored.
      ids.set(subject, await mirroredId(stack, subject));
    }
    meetingId = ids.get(VISIT)!;
    tokens = await tokensByRole(stack);
    people = {
      secretary: tokens["secretary"]!,
      reception: tokens["reception"]!,
      catering: tokens["catering"]!,
    };
    // Far ahead first, while the day lists are still empty.
    nothingAhead = await placeDemoOrders(stack.service.url, people, new Date(Date.now() + 400 * 86_400_000));
    first = await placeDemoOrders(stack.service.url, people);
  }, 180_000);
  afterAll(() => stack?.close());

  const sentOrders = async () =>
    (
      await stack.service.database.plans.ordersBetween(
        MAYOR,
        "reception",
        "2000-01-01T00:00:00Z",
        "2100-01-01T00:00:00Z",
      )
    ).length +
    (
      await stack.service.database.plans.ordersBetween(
        MAYOR,
        "catering",
        "2000-01-01T00:00:00Z",
        "2100-01-01T00:00:00Z",
      )
    ).length;

  it("sends a guest list for tomorrow's first meeting at the town hall, which the reception's day list shows", async () => {
    expect(first.listsHadOrders).toBe(false);
    expect(first.guestLists.map((m) => m.id)).toContain(meetingId);
    const list = await api(stack, tokens["reception"]!, "GET", "/daylists/reception");
    expect(list.status).toBe(200);
    const days = list.json()["days"] as {
      guests: { meetingId: string; name: string; organisation: string; badge: boolean }[];
    }[];
    const guests = days.flatMap((d) => d.guests).filter((g) => g.meetingId === meetingId);
    expect(guests.length).toBeGreaterThanOrEqual(2);
    expect(guests.length).toBeLessThanOrEqual(3);
    for (const guest of guests) {
      expect(guest.organisation).not.toBe("");
      expect(guest.badge).toBe(true);
    }
  });

  it("orders catering for a meeting the kitchen's list shows", async () => {
    expect(first.catering).not.toBeNull();
    const list = await api(stack, tokens["catering"]!, "GET", "/daylists/catering");
    expect(list.status).toBe(200);
    const orders = list.json()["orders"] as { meetingId: string; items: string[] }[];
    expect(orders.find((o) => o.meetingId === first.catering?.id)?.items).toEqual([
      "coffeeTea",
      "water",
      "fruit",
    ]);
  });

  it("says in one line what it ordered as the secretary", () => {
    const line = demoOrdersLine(first);
    expect(line).toMatch(/^Demo: ordered as the secretary: guest list for .*; catering for /);
    expect(line).toContain(`«${VISIT}»`);
    expect(line).not.toContain("\n");
  });

  it("sends nothing new when it runs again on the same data", async () => {
    const before = await sentOrders();
    const again = await placeDemoOrders(stack.service.url, people);
    expect(await sentOrders()).toBe(before);
    expect(again).toEqual({ listsHadOrders: true, guestLists: [], catering: null });
    expect(demoOrdersLine(again)).toMatch(
      /^Demo: .*already hold orders from an earlier start; nothing ordered again\.$/,
    );
  });

  it("says so, and orders nothing, when the next two weeks hold no citizens' meeting or visit at the town hall", () => {
    expect(nothingAhead).toEqual({ listsHadOrders: false, guestLists: [], catering: null });
    expect(demoOrdersLine(nothingAhead)).toMatch(
      /^Demo: no citizens' meeting or visit of the mayor's at the town hall .*nothing ordered/,
    );
  });
});
