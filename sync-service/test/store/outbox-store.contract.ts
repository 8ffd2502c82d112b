import { describe, expect, it } from "vitest";
import { ManualClock } from "../../src/store/clock";
import { decisionsOver, type Decide } from "../../src/store/index";
import { eachMigratedDatabase } from "./migrated-database.fixture";
import type { TestServer } from "./mirror-store.contract";
import { sqlOutboxStore, type NewOutboxMail, type OutboxStore } from "../../src/store/outbox";

const mayor = "borgmester@fjordby.dk";
const LEASE_MS = 30_000;

const notice = (eventId: string): NewOutboxMail => ({
  causeKey: `notice:${mayor}:${eventId}:kantine@fjordby.dk:cancelled`,
  mailbox: mayor,
  kind: "notice",
  cause: { eventId },
});

/** The outbox's behaviour on every driver; run beside the other stores' contracts. */
export function outboxStoreContract(name: string, startServer: () => Promise<TestServer>): void {
  describe(`the outbox on ${name}`, () => {
    let clock: ManualClock;
    let store: OutboxStore;
    let decide: Decide;

    eachMigratedDatabase(startServer, (fresh) => {
      clock = new ManualClock("2026-12-01T08:00:00.000Z");
      store = sqlOutboxStore(fresh, clock);
      decide = decisionsOver(fresh, clock);
    });

    it("keeps one mail per cause, however often the cause is decided", async () => {
      const first = await store.enqueue(notice("e1"));
      const again = await store.enqueue({ ...notice("e1"), cause: { eventId: "e1", look: 2 } });
      expect(first.created).toBe(true);
      expect(again).toEqual({ created: false, mail: first.mail });
      expect(await store.list()).toHaveLength(1);
    });

    it("writes a decision and the mails it owes together, or neither", async () => {
      await expect(
        decide(async (tx) => {
          await tx.outbox.enqueue(notice("e1"));
          throw new Error("the decision fell over");
        }),
      ).rejects.toThrow("the decision fell over");
      expect(await store.list()).toEqual([]);
      await decide(async (tx) => tx.outbox.enqueue(notice("e1")));
      expect((await store.list()).map((m) => m.causeKey)).toEqual([notice("e1").causeKey]);
    });

    it("leases a mail to one worker at a time, and to another once its worker let the lease lapse", async () => {
      const { mail } = await store.enqueue(notice("e1"));
      expect((await store.lease("first", 10, LEASE_MS)).map((m) => m.id)).toEqual([mail.id]);
      expect(await store.lease("second", 10, LEASE_MS)).toEqual([]);
      clock.advance(LEASE_MS + 1);
      const [taken] = await store.lease("second", 10, LEASE_MS);
      expect(taken).toMatchObject({ id: mail.id, attempts: 2 });
      // The first worker, back from the dead, may no longer move it on.
      expect(await store.markSending(mail.id, "first")).toBe(false);
      await store.markSent(mail.id, "first", null);
      expect((await store.byCause(mail.causeKey))?.state).toBe("pending");
      await store.markSent(mail.id, "second", "AAMkSent");
      expect((await store.byCause(mail.causeKey))?.state).toBe("sent");
      clock.advance(LEASE_MS + 1);
      expect(await store.lease("third", 10, LEASE_MS)).toEqual([]);
    });

    it("remembers an attempt that may have left until it is confirmed; one Graph refused leaves no mark", async () => {
      const { mail } = await store.enqueue(notice("e1"));
      await store.lease("worker", 10, LEASE_MS);
      expect(await store.markSending(mail.id, "worker")).toBe(true);
      await store.retryLater(mail.id, "worker", new Date(clock.now().getTime() + 5_000), "503", false);
      expect(await store.byCause(mail.causeKey)).toMatchObject({
        sendingSince: "2026-12-01T08:00:00.000Z",
        lastError: "503",
      });
      // Not due until the retry's time.
      expect(await store.lease("worker", 10, LEASE_MS)).toEqual([]);
      clock.advance(5_000);
      await store.lease("worker", 10, LEASE_MS);
      await store.retryLater(mail.id, "worker", clock.now(), "429", true);
      expect((await store.byCause(mail.causeKey))?.sendingSince).toBeNull();
    });

    it("a mail given up stays, with its reason, and is not sent again", async () => {
      const { mail } = await store.enqueue(notice("e1"));
      await store.lease("worker", 10, LEASE_MS);
      await store.markFailed(mail.id, "worker", "Graph answered 400: ErrorInvalidRecipients");
      expect(await store.list({ state: "failed" })).toEqual([
        expect.objectContaining({ id: mail.id, lastError: "Graph answered 400: ErrorInvalidRecipients" }),
      ]);
      clock.advance(LEASE_MS + 1);
      expect(await store.lease("worker", 10, LEASE_MS)).toEqual([]);
    });
  });
}
