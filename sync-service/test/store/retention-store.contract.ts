import { describe, expect, it } from "vitest";
import { sqlAuditLog, type AuditLog } from "../../src/store/audit";
import { ManualClock } from "../../src/store/clock";
import { eachMigratedDatabase } from "./migrated-database.fixture";
import type { TestServer } from "./mirror-store.contract";
import { sqlPagesStore, type PagesStore } from "../../src/store/pages";
import { sqlPlanStore, type PlanStore } from "../../src/store/plans";
import { expireRecords, sqlRetentionRuns, type RetentionPeriods } from "../../src/store/retention";
import { sqlMirrorStore } from "../../src/store/sql-store";
import type { SqlExecutor } from "../../src/store/sql";
import type { MirrorStore } from "../../src/store/types";

const mayor = "borgmester@fjordby.dk";
const camilla = { id: "oid-camilla", name: "Camilla Nørgaard", roles: ["secretary"] };
const DAY = 86_400_000;

const periods: RetentionPeriods = {
  plans: 90,
  orders: 60,
  arrivals: 30,
  briefingNotes: 14,
  minutes: 180,
  mail: 45,
  audit: 730,
};

/** Retention on every driver: what expired goes, in batches, and nothing else. */
export function retentionStoreContract(name: string, startServer: () => Promise<TestServer>): void {
  describe(`retention on ${name}`, () => {
    let clock: ManualClock;
    let db: SqlExecutor;
    let mirror: MirrorStore;
    let plans: PlanStore;
    let pages: PagesStore;
    let audit: AuditLog;

    eachMigratedDatabase(startServer, (fresh) => {
      clock = new ManualClock("2026-03-02T08:00:00.000Z");
      db = fresh;
      mirror = sqlMirrorStore(fresh, { clock });
      plans = sqlPlanStore(fresh, clock);
      pages = sqlPagesStore(fresh, clock);
      audit = sqlAuditLog(fresh, clock);
    });

    const at = (days: number, from = "2026-03-02T08:00:00.000Z") =>
      new Date(Date.parse(from) + days * DAY).toISOString();

    /** A meeting in the mirrored calendar, ending at `end`. */
    async function meetingInCalendar(id: string, end: string): Promise<void> {
      const start = new Date(Date.parse(end) - 3_600_000).toISOString();
      await mirror.applyDeltaPage(mayor, "events", {
        upserts: [
          {
            id,
            data: {
              subject: "Møde",
              start: { dateTime: start.slice(0, 19), timeZone: "UTC" },
              end: { dateTime: end.slice(0, 19), timeZone: "UTC" },
            },
          },
        ],
        removals: [],
        deltaLink: "delta",
      });
    }

    /** Everything the secretary's pages keep about a meeting: plan, order, confirmation, arrival, briefing note, minute. */
    async function everythingAbout(eventId: string, meetingStart: string): Promise<void> {
      await plans.savePlan({
        mailbox: mayor,
        eventId,
        baseRevision: 0,
        plan: { guests: ["Ole Bak"] },
        by: "Camilla",
      });
      await plans.saveBriefing({ mailbox: mayor, eventId, baseVersion: 0, text: "Om havnen", by: "Camilla" });
      await plans.recordOrder({
        mailbox: mayor,
        eventId,
        kind: "catering",
        meetingStart,
        body: { persons: 4 },
        sentBy: "Camilla",
      });
      await pages.confirmCatering({ mailbox: mayor, eventId, confirmedBy: "Køkkenet" });
      await pages.markArrived({ mailbox: mayor, eventId, guest: "Ole Bak", markedBy: "Receptionen" });
      await pages.recordDecision({
        mailbox: mayor,
        weekStart: meetingStart.slice(0, 10),
        eventId,
        decision: "accept",
        detail: {},
        outcome: "ok",
        decidedBy: "Camilla",
      });
      await audit.record([
        {
          actor: camilla,
          client: "taskpane",
          action: "plan.save",
          target: { kind: "meeting", id: eventId },
          fields: ["guests"],
        },
      ]);
    }

    /** What is kept about a meeting, per table. */
    async function keptAbout(eventId: string) {
      const count = async (table: string) =>
        Number(
          (
            await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table} WHERE event_id = $1`, [
              eventId,
            ])
          ).rows[0]?.n,
        );
      return {
        plan: await count("meeting_plans"),
        briefing: await count("briefing_notes"),
        orders: await count("meeting_orders"),
        confirmations: await count("catering_confirmations"),
        arrivals: await count("reception_arrivals"),
        minutes: await count("weekly_minutes"),
        audit: (await audit.forMeeting(eventId)).length,
      };
    }

    const all = { plan: 1, briefing: 1, orders: 1, confirmations: 1, arrivals: 1, minutes: 1, audit: 1 };
    const auditOnly = { ...all, plan: 0, briefing: 0, orders: 0, confirmations: 0, arrivals: 0, minutes: 0 };
    const run = (batch?: number) => expireRecords(db, clock, periods, batch ? { batch } : {});

    it("deletes each kind of a meeting's records only once its period has passed since the meeting ended", async () => {
      const end = at(0, "2026-03-02T10:00:00.000Z");
      await meetingInCalendar("e1", end);
      await everythingAbout("e1", "2026-03-02T09:00:00.000Z");

      clock = new ManualClock(at(14, end));
      clock.advance(-60_000);
      expect(await expireRecords(db, clock, periods)).toMatchObject({ briefingNotes: 0, arrivals: 0 });
      expect(await keptAbout("e1")).toEqual(all);

      clock.advance(120_000);
      expect(await expireRecords(db, clock, periods)).toMatchObject({ briefingNotes: 1, arrivals: 0 });
      expect(await keptAbout("e1")).toEqual({ ...all, briefing: 0 });

      clock = new ManualClock(at(30, end));
      clock.advance(60_000);
      await expireRecords(db, clock, periods);
      expect(await keptAbout("e1")).toEqual({ ...all, briefing: 0, arrivals: 0 });

      clock = new ManualClock(at(60, end));
      clock.advance(60_000);
      expect(await expireRecords(db, clock, periods)).toMatchObject({ orders: 2 });
      expect(await keptAbout("e1")).toEqual({
        ...all,
        briefing: 0,
        arrivals: 0,
        orders: 0,
        confirmations: 0,
      });

      clock = new ManualClock(at(180, end));
      clock.advance(60_000);
      await expireRecords(db, clock, periods);
      expect(await keptAbout("e1")).toEqual(auditOnly);
    });

    it("keeps everything about a meeting still ahead, however long ago it was planned", async () => {
      await meetingInCalendar("ahead", at(300));
      await everythingAbout("ahead", at(300));
      clock.advance(299 * DAY);
      expect(Object.values(await run()).every((count) => count === 0)).toBe(true);
      expect(await keptAbout("ahead")).toEqual(all);
    });

    it("follows a meeting moved later, and keeps the last end it saw of a meeting gone from the calendar", async () => {
      await meetingInCalendar("moved", at(1));
      await everythingAbout("moved", at(1));
      await run();
      await meetingInCalendar("moved", at(40));
      clock.advance(20 * DAY);
      await run();
      expect((await keptAbout("moved")).briefing).toBe(1);
      await mirror.applyDeltaPage(mayor, "events", { upserts: [], removals: ["moved"], deltaLink: "delta" });
      clock.advance(35 * DAY);
      await run();
      expect(await keptAbout("moved")).toMatchObject({ briefing: 0, plan: 1 });
    });

    it("keeps the audit log of a meeting long after its plan is gone, and lets it go after the audit period", async () => {
      await meetingInCalendar("e1", at(0));
      await everythingAbout("e1", at(0));
      clock.advance(365 * DAY);
      await run();
      expect(await keptAbout("e1")).toEqual(auditOnly);
      clock.advance(366 * DAY);
      expect(await run()).toMatchObject({ audit: 1 });
      expect(await keptAbout("e1")).toMatchObject({ audit: 0 });
      const left = await db.query("SELECT * FROM meeting_ends");
      expect(left.rows).toEqual([]);
    });

    it("deletes the mirror's copy of mail and the outbox's sent mail a period after it arrived or left, a batch at a time, and a journal filing's mail with the filing", async () => {
      const mail = (id: string, days: number, key = "receivedDateTime") => ({
        id,
        data: { subject: "Henvendelse", [key]: at(days) },
      });
      await mirror.applyDeltaPage(mayor, "messages", {
        upserts: [mail("m1", 0), mail("m2", 1), mail("m3", 2), mail("m4", 40)],
        removals: [],
        deltaLink: "delta",
      });
      await mirror.applyDeltaPage(mayor, "sent", {
        upserts: [mail("s1", 0, "sentDateTime"), mail("s2", 40, "sentDateTime")],
        removals: [],
        deltaLink: "delta",
      });
      // Two mails the outbox sent: a digest, and one that filed a document in the journal.
      await db.exec(`
        INSERT INTO outbox (id, cause_key, mailbox, kind, cause, state, next_at, sent_at, created_at) VALUES
          ('o1', 'digest:2026-03-02', '${mayor}', 'digest', '{}', 'sent', now(), '${at(0)}', '${at(0)}'),
          ('o2', 'journal:x', '${mayor}', 'journal', '{}', 'sent', now(), '${at(0)}', '${at(0)}');
        INSERT INTO journal_filings (document_key, mailbox, subject_kind, subject_id, kind, case_number, requested_by, requested_at, outbox_id)
          VALUES ('inquiry:i1', '${mayor}', 'inquiry', 'i1', 'inquiry', '00.01.00-A00-1-24', 'Camilla', '${at(0)}', 'o2');
      `);
      clock.advance(50 * DAY);
      expect(await run(2)).toMatchObject({ mail: 5 });
      const outbox = await db.query<{ id: string }>("SELECT id FROM outbox");
      expect(outbox.rows).toEqual([{ id: "o2" }]);
      expect((await mirror.listItems(mayor, "messages")).map((m) => m.id)).toEqual(["m4"]);
      expect((await mirror.listItems(mayor, "sent")).map((m) => m.id)).toEqual(["s2"]);
      clock.advance(730 * DAY);
      expect(await run(2)).toMatchObject({ mail: 3, audit: 1 });
      expect((await db.query("SELECT * FROM journal_filings")).rows).toEqual([]);
    });

    it("leaves a meeting whose batch failed halfway whole, and the next run deletes it", async () => {
      for (const id of ["a", "b", "c"]) {
        await meetingInCalendar(id, at(0));
        await everythingAbout(id, at(0));
      }
      // Something fails inside b's batch after its plan was deleted (its arrivals are deleted later).
      await db.exec(`
        CREATE FUNCTION fail_for_b() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN RAISE EXCEPTION 'disk full'; END $$;
        CREATE TRIGGER fail_for_b BEFORE DELETE ON reception_arrivals
          FOR EACH ROW WHEN (OLD.event_id = 'b') EXECUTE FUNCTION fail_for_b();
      `);
      clock.advance(200 * DAY);
      await expect(run(1)).rejects.toMatchObject({
        message: expect.stringMatching(/disk full/),
        deleted: { plans: 1 },
      });
      expect(await keptAbout("a")).toMatchObject({
        plan: 0,
        briefing: 0,
        orders: 0,
        arrivals: 0,
        minutes: 0,
      });
      expect(await keptAbout("b")).toEqual(all);
      expect(await keptAbout("c")).toEqual(all);

      await db.exec("DROP TRIGGER fail_for_b ON reception_arrivals");
      expect(await run(1)).toMatchObject({ plans: 2, orders: 4, arrivals: 2, briefingNotes: 2, minutes: 2 });
      for (const id of ["b", "c"])
        expect(await keptAbout(id)).toMatchObject({
          plan: 0,
          briefing: 0,
          orders: 0,
          arrivals: 0,
          minutes: 0,
        });
    });

    it("remembers its last run with counts only", async () => {
      const runs = sqlRetentionRuns(db, clock);
      expect(await runs.last()).toBeNull();
      const id = await runs.begin();
      expect(await runs.last()).toMatchObject({ outcome: "running", finishedAt: null });
      clock.advance(1_000);
      await runs.finish(id, "done", { ...(await run()), mail: 3 });
      expect(await runs.last()).toEqual({
        startedAt: "2026-03-02T08:00:00.000Z",
        finishedAt: "2026-03-02T08:00:01.000Z",
        outcome: "done",
        deleted: { plans: 0, orders: 0, arrivals: 0, briefingNotes: 0, minutes: 0, mail: 3, audit: 0 },
      });
    });
  });
}
