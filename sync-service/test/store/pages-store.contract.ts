import { describe, expect, it } from "vitest";
import { ManualClock } from "../../src/store/clock";
import { eachMigratedDatabase } from "./migrated-database.fixture";
import type { TestServer } from "./mirror-store.contract";
import { sqlPagesStore, type PagesStore } from "../../src/store/pages";

const mayor = "borgmester@fjordby.dk";

/** The pages' store (minutes, arrivals, kitchen confirmations) on every driver. */
export function pagesStoreContract(name: string, startServer: () => Promise<TestServer>): void {
  describe(`the pages' store on ${name}`, () => {
    let clock: ManualClock;
    let store: PagesStore;

    eachMigratedDatabase(startServer, (fresh) => {
      clock = new ManualClock("2026-12-04T09:00:00.000Z");
      store = sqlPagesStore(fresh, clock);
    });

    it("keeps the weekly meeting's decisions as that week's minutes, in the order they were made", async () => {
      const decide = (eventId: string, decision: "accept" | "pinPriority", detail = {}) =>
        store.recordDecision({
          mailbox: mayor,
          weekStart: "2026-12-07",
          eventId,
          decision,
          detail,
          outcome: "applied",
          decidedBy: "Jonas Vestergaard",
        });
      await decide("e1", "accept");
      clock.advance(60_000);
      await decide("e2", "pinPriority", { class: 1 });
      await store.recordDecision({
        mailbox: mayor,
        weekStart: "2026-12-14",
        eventId: "e3",
        decision: "decline",
        detail: {},
        outcome: "applied",
        decidedBy: "Jonas Vestergaard",
      });
      const minutes = await store.minutesOfWeek(mayor, "2026-12-07");
      expect(minutes.map((m) => [m.eventId, m.decision, m.weekStart])).toEqual([
        ["e1", "accept", "2026-12-07"],
        ["e2", "pinPriority", "2026-12-07"],
      ]);
      expect(minutes[1]).toMatchObject({ detail: { class: 1 }, decidedAt: "2026-12-04T09:01:00.000Z" });
      // The journal files a meeting's decisions whatever week they were made in.
      expect(
        (await store.minutesOfMeetings(mayor, ["e1", "e3"])).map((m) => [m.eventId, m.decision, m.weekStart]),
      ).toEqual([
        ["e1", "accept", "2026-12-07"],
        ["e3", "decline", "2026-12-14"],
      ]);
    });

    it("marks a guest arrived once: a second mark keeps the first time and says so", async () => {
      const first = await store.markArrived({
        mailbox: mayor,
        eventId: "e1",
        guest: "Mette Friis",
        markedBy: "reception",
      });
      clock.advance(120_000);
      const again = await store.markArrived({
        mailbox: mayor,
        eventId: "e1",
        guest: "Mette Friis",
        markedBy: "reception",
      });
      expect(first.first).toBe(true);
      expect(again).toEqual({ first: false, arrival: first.arrival });
      await store.markArrived({ mailbox: mayor, eventId: "e2", guest: "Ole Berg", markedBy: "reception" });
      expect((await store.arrivalsOf(mayor, ["e1"])).map((a) => a.guest)).toEqual(["Mette Friis"]);
      expect(await store.arrivalsOf(mayor, [])).toEqual([]);
    });

    it("keeps the kitchen's first confirmation of an order", async () => {
      const first = await store.confirmCatering({ mailbox: mayor, eventId: "e1", confirmedBy: "Kantinen" });
      clock.advance(60_000);
      const again = await store.confirmCatering({
        mailbox: mayor,
        eventId: "e1",
        confirmedBy: "Someone else",
      });
      expect(again).toEqual(first);
      expect(await store.confirmationsOf(mayor, ["e1", "e2"])).toEqual([first]);
    });
  });
}
