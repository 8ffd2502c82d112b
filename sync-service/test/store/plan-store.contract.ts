import { describe, expect, it } from "vitest";
import { ManualClock } from "../../src/store/clock";
import { eachMigratedDatabase } from "./migrated-database.fixture";
import type { TestServer } from "./mirror-store.contract";
import { sqlPlanStore, type PlanStore } from "../../src/store/plans";

const mayor = "borgmester@fjordby.dk";

/** The plan store's behaviour on every driver; run beside the mirror store's contract. */
export function planStoreContract(name: string, startServer: () => Promise<TestServer>): void {
  describe(`the plan store on ${name}`, () => {
    let clock: ManualClock;
    let store: PlanStore;

    eachMigratedDatabase(startServer, (fresh) => {
      clock = new ManualClock("2026-12-01T08:00:00.000Z");
      store = sqlPlanStore(fresh, clock);
    });

    it("keeps each save of a plan as the next revision, with who saved it and when", async () => {
      expect(await store.getPlan(mayor, "e1")).toBeNull();
      const first = await store.savePlan({
        mailbox: mayor,
        eventId: "e1",
        baseRevision: 0,
        plan: { room: { state: "todo" } },
        by: "Camilla Nørgaard",
      });
      expect(first).toMatchObject({ saved: true, current: { revision: 1 } });
      clock.advance(60_000);
      await store.savePlan({
        mailbox: mayor,
        eventId: "e1",
        baseRevision: 1,
        plan: { room: { state: "ordered" } },
        by: "Jonas Vestergaard",
      });
      expect(await store.getPlan(mayor, "e1")).toEqual({
        mailbox: mayor,
        eventId: "e1",
        revision: 2,
        plan: { room: { state: "ordered" } },
        updatedBy: "Jonas Vestergaard",
        updatedAt: "2026-12-01T08:01:00.000Z",
      });
    });

    it("refuses a save based on a revision someone else has saved over, and shows theirs", async () => {
      const save = (by: string, baseRevision: number) =>
        store.savePlan({ mailbox: mayor, eventId: "e1", baseRevision, plan: { by }, by });
      await save("Camilla", 0);
      expect(await save("Jonas", 0)).toMatchObject({
        saved: false,
        current: { revision: 1, updatedBy: "Camilla" },
      });
      await save("Camilla", 1);
      expect(await save("Jonas", 1)).toMatchObject({
        saved: false,
        current: { revision: 2, plan: { by: "Camilla" } },
      });
    });

    it("lets only one of two simultaneous saves of the same revision win", async () => {
      const results = await Promise.all(
        ["Camilla", "Jonas"].map((by) =>
          store.savePlan({ mailbox: mayor, eventId: "e1", baseRevision: 0, plan: { by }, by }),
        ),
      );
      expect(results.filter((r) => r.saved)).toHaveLength(1);
    });

    it("keeps a long briefing note with versions that conflict like plans", async () => {
      const text = "Baggrund for mødet.\n".repeat(500);
      const first = await store.saveBriefing({
        mailbox: mayor,
        eventId: "e1",
        baseVersion: 0,
        text,
        by: "Camilla",
      });
      expect(first).toMatchObject({ saved: true, current: { version: 1, text } });
      const stale = await store.saveBriefing({
        mailbox: mayor,
        eventId: "e1",
        baseVersion: 0,
        text: "Andet",
        by: "Jonas",
      });
      expect(stale).toMatchObject({ saved: false, current: { version: 1, updatedBy: "Camilla" } });
      expect((await store.getBriefing(mayor, "e1"))?.text).toBe(text);
    });

    it("lists the orders of a day by meeting start, for the reception's day list", async () => {
      const order = (eventId: string, meetingStart: string, kind: "reception" | "catering" = "reception") =>
        store.recordOrder({
          mailbox: mayor,
          eventId,
          kind,
          meetingStart,
          body: { eventId },
          sentBy: "Camilla",
        });
      await order("late", "2026-12-02T13:00:00.000Z");
      await order("early", "2026-12-02T08:00:00.000Z");
      await order("kitchen", "2026-12-02T09:00:00.000Z", "catering");
      await order("next day", "2026-12-03T08:00:00.000Z");
      const day = await store.ordersBetween(
        mayor,
        "reception",
        "2026-12-01T23:00:00.000Z",
        "2026-12-02T23:00:00.000Z",
      );
      expect(day.map((o) => o.eventId)).toEqual(["early", "late"]);
      expect(day[0]).toMatchObject({
        kind: "reception",
        body: { eventId: "early" },
        sentAt: "2026-12-01T08:00:00.000Z",
      });
    });
  });
}
