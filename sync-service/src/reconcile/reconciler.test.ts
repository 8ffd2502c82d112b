import { defaultRuleSet } from "@modeklar/shared";
import pino from "pino";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { migrate, migrations } from "../store";
import { openPglite } from "../store/pglite";
import { SyncEngine } from "../sync";
import type { Reconciler } from "./reconciler";
import { FIRST_SETUP } from "./rule-book";
import {
  bookMeetingWithCatering,
  CATERING,
  daysAheadAt,
  graphAs,
  mailIn,
  MAYOR,
  RECEPTION,
  SECRETARY,
  requestsSince,
  startHarness,
  type Harness,
} from "../../test/reconcile/harness";

const log = pino({ level: "silent" });

let h: Harness;
const engines: SyncEngine[] = [];

beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await Promise.all(engines.map((engine) => engine.stop()));
  await h.close();
});

/** A service instance's sync engine and reconciler, wired as attachReconciler wires them. */
function instance(instanceId: string) {
  const engine = new SyncEngine({
    store: h.mirror,
    gateway: h.gateway,
    mailboxes: [MAYOR],
    publicUrl: "https://localhost:1",
    window: { pastDays: 30, futureDays: 180 },
    safetyPollSeconds: 3600,
    log,
    instanceId,
    subscribe: false,
    pageSize: 200,
    pollMs: 50,
  });
  const { reconciler, outbox } = h.instance(instanceId);
  engine.onChanges(async (changes) => {
    await reconciler.onChanges(changes);
  });
  engine.watchRounds(reconciler.watchRound);
  engines.push(engine);
  return { engine, reconciler, outbox };
}

/** The instance takes the mailbox, runs both streams' rounds until none is due, and reconcile settles. */
async function rounds(engine: SyncEngine, reconciler: Reconciler): Promise<void> {
  await engine.ownership.refresh();
  await engine.checkMailbox(MAYOR);
  await engine.worker.drain();
  await engine.delta.settled();
  await reconciler.stop();
}

describe("changes committed but never reconciled", () => {
  it("are reconciled after a restart, each item written once", async () => {
    const patches = requestsSince(h.sim);
    // The first process: its rounds commit the whole mirror, marked owed, and it is killed
    // before reconcile was told of any of it (the changes were still waiting in memory).
    await h.reconciler.watchRound(MAYOR, "events");
    await h.reconciler.watchRound(MAYOR, "messages");
    await h.sync({ reconcile: false });
    expect(await h.mirror.countItems(MAYOR, "events")).toBeGreaterThan(0);
    expect(patches().filter((e) => e.method === "PATCH")).toHaveLength(0);
    expect((await h.store.owed(MAYOR)).map((m) => m.stream)).toEqual(["events", "messages"]);

    // The restarted process: its first rounds find the markers and catch up.
    const second = instance("second");
    await rounds(second.engine, second.reconciler);
    expect(await h.store.owed(MAYOR)).toEqual([]);
    // The writes come back through delta (and meeting requests take their meeting's class).
    await rounds(second.engine, second.reconciler);
    await rounds(second.engine, second.reconciler);
    await second.engine.stop();

    const written = patches().filter((e) => e.method === "PATCH");
    expect(written.length).toBeGreaterThan(0);
    expect(new Set(written.map((e) => e.path)).size).toBe(written.length);
    // As if no crash happened: reconcile over the whole mirror finds nothing more to write.
    await h.reconciler.reconcileAll({ reminders: false });
    await h.sync();
    expect(patches().filter((e) => e.method === "PATCH")).toHaveLength(0);
  });

  it("a restart after a clean stop makes no catch-up pass", async () => {
    const third = instance("third");
    // A whole pass scans the mirror's events; a round of changes reads its items by id.
    const scans = vi.spyOn(h.mirror, "scanItems");
    await rounds(third.engine, third.reconciler);
    expect(scans.mock.calls.filter((call) => call[1] === "events")).toHaveLength(0);
    scans.mockRestore();
    expect(await h.store.owed(MAYOR)).toEqual([]);
    await third.engine.stop();
  });

  it("a round of changes that failed is caught up by the next round", async () => {
    const fourth = instance("fourth");
    // Reconcile falls over on the round of changes (a store outage) and leaves them.
    vi.spyOn(h.store, "meetingRequestsOfEvents").mockRejectedValueOnce(new Error("reconcile fell over"));
    const patches = requestsSince(h.sim);
    const secretary = await graphAs(h.sim, SECRETARY);
    // A meeting the service itself classed below 1, untouched by hand since: a change to class 1 is written.
    const ownClass = [...(await h.store.written(MAYOR, "events")).values()].filter((w) => w.class > 1);
    const found = (
      await h.mirror.getItems(
        MAYOR,
        "events",
        ownClass.map((w) => w.itemId),
      )
    ).find(
      (e) =>
        JSON.stringify(e.data["categories"]) ===
        JSON.stringify(ownClass.find((w) => w.itemId === e.id)?.categories),
    );
    if (!found) throw new Error("no meeting outside class 1");
    await secretary("PATCH", `/users/${MAYOR}/events/${found.id}`, { subject: "Byrådsmøde om budget" });
    patches(); // the secretary's own PATCH
    await rounds(fourth.engine, fourth.reconciler);
    expect((await h.mirror.getItem(MAYOR, "events", found.id))?.data["subject"]).toBe("Byrådsmøde om budget");
    // The events round's changes never reached reconcile: its marker stays.
    expect(patches().filter((e) => e.method === "PATCH")).toHaveLength(0);
    expect((await h.store.owed(MAYOR)).map((m) => m.stream)).toContain("events");
    // The next rounds see the failure and catch up: the meeting is written, once.
    await rounds(fourth.engine, fourth.reconciler);
    await rounds(fourth.engine, fourth.reconciler);
    expect(await h.store.owed(MAYOR)).toEqual([]);
    expect(patches().filter((e) => e.method === "PATCH" && e.path.endsWith(found.id))).toHaveLength(1);
    await fourth.engine.stop();
  });
});

describe("a meeting with an order, moved while its change was never reconciled", () => {
  it("still gets its one notice to the kitchen after the restart", async () => {
    const secretary = await graphAs(h.sim, SECRETARY);
    const at = (hour: number) => daysAheadAt(3, hour);
    const id = await bookMeetingWithCatering(h, {
      subject: "Møde med Handelsstandsforeningen",
      daysAhead: 3,
      count: 6,
    });
    const notices = async () =>
      (await mailIn(h, CATERING)).filter((m) => m.subject === "Ændret: Møde med Handelsstandsforeningen");
    expect(await notices()).toHaveLength(0);

    // The move is mirrored by a process killed before reconcile heard of it.
    await secretary("PATCH", `/users/${MAYOR}/events/${id}`, { start: at(14), end: at(15) });
    await h.reconciler.watchRound(MAYOR, "events");
    await h.sync({ reconcile: false });
    expect(await notices()).toHaveLength(0);

    const fifth = instance("fifth");
    await rounds(fifth.engine, fifth.reconciler);
    await rounds(fifth.engine, fifth.reconciler);
    expect(await notices()).toHaveLength(1);
    await fifth.engine.stop();
  });
});

describe("a notice whose process died as it was being sent", () => {
  const afterwards: (() => void)[] = [];
  // The dead process's send returns into nothing once the test is over (so the harness's reconciler goes on).
  afterEach(() => afterwards.splice(0).forEach((end) => end()));
  const at = (hour: number) => daysAheadAt(4, hour);
  const noticesOf = async (mailbox: string, subject: string) =>
    (await mailIn(h, mailbox)).filter((m) => m.subject === `Ændret: ${subject}`);
  /** The kitchen's and the reception's notice each left once, with the id of the outbox mail it was sent as. */
  async function sentOnceEach(subject: string): Promise<void> {
    const sent = new Set((await h.outboxStore.list({ kind: "notice", state: "sent" })).map((m) => m.id));
    const ids = [...(await noticesOf(CATERING, subject)), ...(await noticesOf(RECEPTION, subject))].map(
      (m) => m.internetMessageHeaders?.find((header) => header.name === "X-Moedeklar-Notice")?.value ?? "",
    );
    expect(ids).toHaveLength(2);
    expect(new Set(ids).size).toBe(2);
    expect(ids.filter((id) => !sent.has(id))).toEqual([]);
  }

  /**
   * A meeting with catering and guests, mirrored and reconciled, then moved; the process that
   * reconciles the move dies in the reception notice's send: before the mail left (`before`), or
   * after it left but before the send was confirmed (`after`).
   */
  async function movedAndDiedSending(subject: string, dies: "before" | "after"): Promise<void> {
    const secretary = await graphAs(h.sim, SECRETARY);
    const id = await bookMeetingWithCatering(h, { subject, daysAhead: 4, count: 6, guests: true });
    await secretary("PATCH", `/users/${MAYOR}/events/${id}`, { start: at(13), end: at(14) });
    const send = h.gateway.sendMail.bind(h.gateway);
    let dying = () => {};
    const died = new Promise<void>((resolve) => (dying = resolve));
    const spy = vi.spyOn(h.gateway, "sendMail").mockImplementation(async (mailbox, message) => {
      if (!message.toRecipients.includes(RECEPTION)) return send(mailbox, message);
      if (dies === "after") await send(mailbox, message);
      dying();
      // The process is gone: this send never returns while the test runs.
      return new Promise<void>((_, reject) => afterwards.push(() => reject(new Error("killed"))));
    });
    await h.reconciler.watchRound(MAYOR, "events");
    void h.sync().catch(() => undefined);
    await died;
    spy.mockRestore();
  }

  /** The restarted process, once the dead one's hold on the mail and Exchange's time to file it have passed. */
  async function restart(instanceId: string): Promise<void> {
    h.clock.advance(60_000);
    const restarted = instance(instanceId);
    await rounds(restarted.engine, restarted.reconciler);
    await restarted.outbox.runDue();
    await restarted.engine.stop();
  }

  it("is sent once after the restart when it died before the mail left", async () => {
    await movedAndDiedSending("Besøg fra venskabsbyen", "before");
    expect(await noticesOf(RECEPTION, "Besøg fra venskabsbyen")).toHaveLength(0);
    await restart("after-a-kill");
    expect(await noticesOf(RECEPTION, "Besøg fra venskabsbyen")).toHaveLength(1);
    expect(await noticesOf(CATERING, "Besøg fra venskabsbyen")).toHaveLength(1);
    await sentOnceEach("Besøg fra venskabsbyen");
    // Each notice that left is in the audit log once, as the service's own doing.
    const [event] = (await h.mirror.listItems(MAYOR, "events")).filter(
      (e) => e.data["subject"] === "Besøg fra venskabsbyen",
    );
    const logged = (await h.audit.forMeeting(event?.id ?? "")).filter((e) => e.action.startsWith("notice."));
    expect(logged.map((e) => [e.action, e.actorId]).sort()).toEqual([
      ["notice.catering", "service"],
      ["notice.reception", "service"],
    ]);
  });

  it("is found in Sent Items and not sent again when it died after the mail left", async () => {
    await movedAndDiedSending("Besøg fra Erhvervsskolen", "after");
    await restart("after-another-kill");
    expect(await noticesOf(RECEPTION, "Besøg fra Erhvervsskolen")).toHaveLength(1);
    expect(await noticesOf(CATERING, "Besøg fra Erhvervsskolen")).toHaveLength(1);
    await sentOnceEach("Besøg fra Erhvervsskolen");
    const mail = await h.outboxStore.list({ kind: "notice" });
    expect(mail.filter((m) => m.state !== "sent")).toEqual([]);
  });
});

describe("migration 0008", () => {
  it("gives class 3 low importance in rule sets set up from the old defaults, not in a person's save", async () => {
    const db = await openPglite();
    try {
      await migrate(
        db,
        migrations.filter((m) => m.version < 8),
      );
      const old = defaultRuleSet();
      const oldDefaults = {
        ...old,
        classNames: { ...old.classNames, 3: { ...old.classNames[3], importance: "normal" } },
      };
      await db.query(
        `INSERT INTO priority_rule_versions (version, rules, saved_by, saved_at) VALUES
           (1, $1::jsonb, $2, now()), (2, $1::jsonb, 'sekretaer@fjordby.dk', now())`,
        [JSON.stringify(oldDefaults), FIRST_SETUP],
      );
      expect(
        await migrate(
          db,
          migrations.filter((m) => m.version <= 8),
        ),
      ).toEqual([8]);
      const { rows } = await db.query<{ version: number; importance: string }>(
        "SELECT version, rules #>> '{classNames,3,importance}' AS importance FROM priority_rule_versions ORDER BY version",
      );
      expect(rows).toEqual([
        { version: 1, importance: "low" },
        { version: 2, importance: "normal" },
      ]);
    } finally {
      await db.close();
    }
  });
});
