import { describe, expect, it } from "vitest";
import { ManualClock } from "../../src/store/clock";
import { decisionsOver, type Decide } from "../../src/store/index";
import { sqlJournalStore, type JournalStore, type NewJournalFiling } from "../../src/store/journal";
import { eachMigratedDatabase } from "./migrated-database.fixture";
import type { TestServer } from "./mirror-store.contract";
import { sqlOutboxStore, type OutboxStore } from "../../src/store/outbox";

const mayor = "borgmester@fjordby.dk";
const LEASE_MS = 30_000;

/** The journal's filings on every driver; run beside the other stores' contracts. */
export function journalStoreContract(name: string, startServer: () => Promise<TestServer>): void {
  describe(`the journal's filings on ${name}`, () => {
    let clock: ManualClock;
    let journal: JournalStore;
    let outbox: OutboxStore;
    let decide: Decide;

    eachMigratedDatabase(startServer, (fresh) => {
      clock = new ManualClock("2026-12-01T08:00:00.000Z");
      journal = sqlJournalStore(fresh, clock);
      outbox = sqlOutboxStore(fresh, clock);
      decide = decisionsOver(fresh, clock);
    });

    /** Asks for the inquiry's filing in one decision with the mail that carries it, as the service does. */
    const fileInquiry = (inquiryId: string, caseNumber: string, causeKey = `journal:${mayor}:${inquiryId}`) =>
      decide(async (tx) => {
        const { mail } = await tx.outbox.enqueue({
          causeKey,
          mailbox: mayor,
          kind: "journal",
          cause: { documentKey: `inquiry:${inquiryId}:inquiry` },
        });
        const filing: NewJournalFiling = {
          documentKey: `inquiry:${inquiryId}:inquiry`,
          mailbox: mayor,
          subjectKind: "inquiry",
          subjectId: inquiryId,
          kind: "inquiry",
          caseNumber,
          requestedBy: "Sara Sekretær",
          outboxId: mail.id,
        };
        return { recorded: await tx.journal.record(filing), outboxId: mail.id };
      });

    it("is on its way once asked for, and journalised when its mail's send is confirmed, with when and by whom", async () => {
      const { outboxId } = await fileInquiry("i1", "00.01.00-A00-1-26");
      expect(await journal.filing("inquiry:i1:inquiry")).toMatchObject({
        state: "sending",
        caseNumber: "00.01.00-A00-1-26",
        requestedBy: "Sara Sekretær",
        requestedAt: "2026-12-01T08:00:00.000Z",
        journalisedAt: null,
      });
      clock.advance(5_000);
      await outbox.lease("worker", 10, LEASE_MS, [outboxId]);
      await outbox.markSent(outboxId, "worker", null);
      expect(await journal.filingsOf(mayor, "inquiry", ["i1", "i2"])).toEqual([
        expect.objectContaining({
          documentKey: "inquiry:i1:inquiry",
          state: "journalised",
          journalisedAt: "2026-12-01T08:00:05.000Z",
        }),
      ]);
      expect(await journal.filingsOf(mayor, "meeting", ["i1"])).toEqual([]);
    });

    it("keeps a document's filing while it is on its way or journalised: a second request files nothing new", async () => {
      await fileInquiry("i1", "00.01.00-A00-1-26");
      const again = await fileInquiry("i1", "27.12.04-P20-314-26", `journal:${mayor}:i1:again`);
      expect(again.recorded).toBe(false);
      expect((await journal.filing("inquiry:i1:inquiry"))?.caseNumber).toBe("00.01.00-A00-1-26");
    });

    it("takes a new filing for a document the journal refused for good", async () => {
      const { outboxId } = await fileInquiry("i1", "00.01.00-A00-1-26");
      await outbox.lease("worker", 10, LEASE_MS, [outboxId]);
      await outbox.markFailed(outboxId, "worker", "Graph answered 400");
      expect((await journal.filing("inquiry:i1:inquiry"))?.state).toBe("failed");
      const again = await fileInquiry("i1", "27.12.04-P20-314-26", `journal:${mayor}:i1:again`);
      expect(again.recorded).toBe(true);
      expect(await journal.filing("inquiry:i1:inquiry")).toMatchObject({
        state: "sending",
        caseNumber: "27.12.04-P20-314-26",
        outboxId: again.outboxId,
      });
    });

    it("files nothing when the decision falls over: no filing and no mail", async () => {
      await expect(
        decide(async (tx) => {
          const { mail } = await tx.outbox.enqueue({
            causeKey: "journal:x",
            mailbox: mayor,
            kind: "journal",
            cause: {},
          });
          await tx.journal.record({
            documentKey: "inquiry:i1:inquiry",
            mailbox: mayor,
            subjectKind: "inquiry",
            subjectId: "i1",
            kind: "inquiry",
            caseNumber: "00.01.00-A00-1-26",
            requestedBy: "Sara Sekretær",
            outboxId: mail.id,
          });
          throw new Error("the decision fell over");
        }),
      ).rejects.toThrow("the decision fell over");
      expect(await journal.filing("inquiry:i1:inquiry")).toBeNull();
      expect(await outbox.list()).toEqual([]);
    });
  });
}
