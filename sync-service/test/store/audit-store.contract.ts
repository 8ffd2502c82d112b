import { describe, expect, it } from "vitest";
import {
  expireAuditEntries,
  SERVICE_ACTOR,
  sqlAuditLog,
  type AuditLog,
  type NewAuditEntry,
} from "../../src/store/audit";
import { ManualClock } from "../../src/store/clock";
import { eachMigratedDatabase } from "./migrated-database.fixture";
import type { TestServer } from "./mirror-store.contract";
import type { SqlExecutor } from "../../src/store/sql";

const camilla = { id: "oid-camilla", name: "Camilla Nørgaard", roles: ["secretary"] };

const planSaved = (meetingId: string, fields: string[] = ["catering"]): NewAuditEntry => ({
  actor: camilla,
  client: "taskpane",
  action: "plan.save",
  target: { kind: "meeting", id: meetingId },
  fields,
});

/** The audit log on every driver: append-only in the database itself, whatever the caller. */
export function auditStoreContract(name: string, startServer: () => Promise<TestServer>): void {
  describe(`the audit log on ${name}`, () => {
    let clock: ManualClock;
    let db: SqlExecutor;
    let log: AuditLog;

    eachMigratedDatabase(startServer, (fresh) => {
      clock = new ManualClock("2026-12-04T09:00:00.000Z");
      db = fresh;
      log = sqlAuditLog(fresh, clock);
    });

    it("keeps who did what to which meeting, when and from where, naming the fields only", async () => {
      await log.record([planSaved("m1", ["catering", "reception"])]);
      clock.advance(60_000);
      await log.record([
        {
          actor: SERVICE_ACTOR,
          client: "service",
          action: "notice.catering",
          target: { kind: "meeting", id: "m1" },
          fields: ["start"],
        },
        planSaved("m2"),
      ]);
      const entries = await log.forMeeting("m1");
      expect(entries).toEqual([
        {
          id: expect.any(String),
          at: "2026-12-04T09:00:00.000Z",
          actorId: "oid-camilla",
          actorName: "Camilla Nørgaard",
          roles: ["secretary"],
          client: "taskpane",
          action: "plan.save",
          targetKind: "meeting",
          targetId: "m1",
          fields: ["catering", "reception"],
        },
        expect.objectContaining({
          actorId: "service",
          action: "notice.catering",
          at: "2026-12-04T09:01:00.000Z",
        }),
      ]);
    });

    it("hands out a period in pages, oldest first, without gaps or repeats", async () => {
      for (let i = 0; i < 5; i += 1) {
        await log.record([planSaved(`m${i}`)]);
        clock.advance(3_600_000);
      }
      const range = { from: "2026-12-04T10:00:00.000Z", to: "2026-12-04T13:00:00.000Z" };
      const first = await log.between(range, { limit: 2 });
      const second = await log.between(range, { limit: 2, afterId: first.at(-1)?.id ?? "" });
      expect([...first, ...second].map((e) => e.targetId)).toEqual(["m1", "m2", "m3"]);
    });

    it("refuses to change, delete or empty an entry, whoever asks the database", async () => {
      await log.record([planSaved("m1")]);
      await expect(db.query("UPDATE audit_log SET actor_name = 'someone else'")).rejects.toThrow(
        /append-only/,
      );
      await expect(db.query("DELETE FROM audit_log")).rejects.toThrow(/append-only/);
      await expect(db.exec("TRUNCATE audit_log")).rejects.toThrow(/append-only/);
      expect(await log.forMeeting("m1")).toHaveLength(1);
    });

    it("lets retention delete only entries older than its cutoff, in batches", async () => {
      for (let i = 0; i < 3; i += 1) {
        await log.record([planSaved("old")]);
        clock.advance(86_400_000);
      }
      await log.record([planSaved("new")]);
      expect(await expireAuditEntries(db, "2026-12-06T12:00:00.000Z", 2)).toBe(2);
      expect(await expireAuditEntries(db, "2026-12-06T12:00:00.000Z", 2)).toBe(1);
      expect(await expireAuditEntries(db, "2026-12-06T12:00:00.000Z", 2)).toBe(0);
      expect((await log.forMeeting("old")).length + (await log.forMeeting("new")).length).toBe(1);
      // The cutoff holds only inside retention's own transaction.
      await expect(db.query("DELETE FROM audit_log")).rejects.toThrow(/append-only/);
    });
  });
}
