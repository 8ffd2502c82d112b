import { describe, expect, it } from "vitest";
import { ManualClock, sqlAuditLog, type RetentionPeriods } from "../store";
import { eachMigratedDatabase } from "../../test/store/migrated-database.fixture";
import { expireRecords, sqlRetentionRuns } from "../store/retention";
import type { SqlExecutor } from "../store/sql";
import { pgliteServer } from "../../test/store/test-servers.fixture";
import { RetentionJob } from "./job";

const periods: RetentionPeriods = {
  plans: 90,
  orders: 90,
  arrivals: 30,
  briefingNotes: 30,
  minutes: 365,
  mail: 90,
  audit: 1095,
};
const HOUR = 3_600_000;

describe("the daily retention run in the service", () => {
  let db: SqlExecutor;
  eachMigratedDatabase(pgliteServer, (fresh) => {
    db = fresh;
  });

  function job(clock: ManualClock, lines: unknown[][] = []) {
    return new RetentionJob({
      expire: (p, options) => expireRecords(db, clock, p, options),
      runs: sqlRetentionRuns(db, clock),
      audit: sqlAuditLog(db, clock),
      periods,
      log: {
        info: (...args: unknown[]) => lines.push(args),
        error: (...args: unknown[]) => lines.push(args),
      } as never,
      clock,
    });
  }

  /** An inbox mail received `daysAgo` before the clock's now. */
  async function mailReceived(clock: ManualClock, id: string, daysAgo: number) {
    const received = new Date(clock.now().getTime() - daysAgo * 24 * HOUR).toISOString();
    await db.query(
      `INSERT INTO mirror_items (mailbox, stream, id, data, content_hash, seen_generation, updated_at)
       VALUES ('borgmester@fjordby.dk', 'messages', $1, $2::jsonb, 'h', 0, $3)`,
      [id, JSON.stringify({ subject: "Privat: lægebesøg", receivedDateTime: received }), received],
    );
  }

  it("runs at its first look, then not again until a day has passed since that run", async () => {
    const clock = new ManualClock("2026-06-01T02:00:00.000Z");
    const retention = job(clock);
    await mailReceived(clock, "old", 91);
    expect(await retention.runIfDue()).toMatchObject({ outcome: "done", deleted: { mail: 1 } });
    await mailReceived(clock, "older", 120);
    clock.advance(23 * HOUR);
    expect(await retention.runIfDue()).toBeNull();
    clock.advance(HOUR);
    expect(await retention.runIfDue()).toMatchObject({
      startedAt: "2026-06-02T02:00:00.000Z",
      outcome: "done",
      deleted: { mail: 1 },
    });
  });

  it("logs and records counts only, and tells the audit log which kinds it deleted, naming no meeting or mail", async () => {
    const clock = new ManualClock("2026-06-01T02:00:00.000Z");
    const lines: unknown[][] = [];
    await mailReceived(clock, "old", 100);
    await job(clock, lines).runNow();
    expect(lines).toEqual([
      [
        { deleted: { plans: 0, orders: 0, arrivals: 0, briefingNotes: 0, minutes: 0, mail: 1, audit: 0 } },
        expect.any(String),
      ],
    ]);
    expect(JSON.stringify(lines)).not.toContain("lægebesøg");
    const entries = await sqlAuditLog(db, clock).between(
      { from: "2026-01-01T00:00:00.000Z", to: "2027-01-01T00:00:00.000Z" },
      { limit: 10 },
    );
    expect(entries).toEqual([
      expect.objectContaining({
        actorId: "service",
        action: "retention.delete",
        targetKind: "store",
        targetId: null,
        fields: ["mail"],
      }),
    ]);
  });

  it("records a failed run as failed with what it had deleted, and tries again at the next look", async () => {
    const clock = new ManualClock("2026-06-01T02:00:00.000Z");
    const lines: unknown[][] = [];
    await mailReceived(clock, "old", 100);
    await db.exec(`
      CREATE FUNCTION refuse() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'disk full'; END $$;
      CREATE TRIGGER refuse BEFORE DELETE ON outbox FOR EACH ROW EXECUTE FUNCTION refuse();
      INSERT INTO outbox (id, cause_key, mailbox, kind, cause, state, next_at, sent_at, created_at)
      VALUES ('o1', 'digest:2026-01-01', 'borgmester@fjordby.dk', 'digest', '{}', 'sent', now(), '2026-01-01T06:00:00Z', '2026-01-01T06:00:00Z');
    `);
    const retention = job(clock, lines);
    expect(await retention.runIfDue()).toMatchObject({ outcome: "failed", deleted: { mail: 1 } });
    expect(lines[0]?.[1]).toMatch(/failed batch/);
    await db.exec("DROP TRIGGER refuse ON outbox");
    clock.advance(HOUR);
    expect(await retention.runIfDue()).toMatchObject({ outcome: "done", deleted: { mail: 1 } });
  });
});
