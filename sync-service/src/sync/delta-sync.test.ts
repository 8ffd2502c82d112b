import { mulberry32 as seededRandom } from "@modeklar/m365-sim";
import { describe, expect, it } from "vitest";
import type { MirrorStore, StreamKind } from "../store/types";
import { DeltaSync, mergeChanges, type MirrorChanges } from "./delta-sync";
import { crashingStore, SimulatedCrash } from "../../test/sync/crashing-store";
import { MemoryMirrorStore } from "../../test/sync/memory-store";
import { citizenWrites, daysAheadAt, graphAs, MAYOR, SECRETARY } from "../../test/sync/sim";
import {
  mirrorVersions,
  silentLog as log,
  simVersions,
  simWithGateway,
  TEST_WINDOW as WINDOW,
} from "../../test/sync/suite";
import { calendarWindow } from "./window";

const world = simWithGateway();

function deltaSyncFor(store: MirrorStore, pageSize = 7) {
  const delta = new DeltaSync({ store, gateway: world.gateway, window: WINDOW, pageSize, log });
  const told: MirrorChanges[] = [];
  delta.onChanges((changes) => {
    told.push(changes);
  });
  return { delta, told };
}

/**
 * One round of `stream` that a crash cuts short at a random page (before or after its commit),
 * then the round that resumes it; true if the crash came.
 */
async function crashedAndResumed(
  store: MirrorStore,
  stream: StreamKind,
  random: () => number,
  pages: number,
): Promise<boolean> {
  const crashAt = {
    page: 1 + Math.floor(random() * pages),
    when: random() < 0.5 ? ("before-commit" as const) : ("after-commit" as const),
  };
  const crashed = await deltaSyncFor(crashingStore(store, crashAt), 4)
    .delta.run(MAYOR, stream)
    .then(
      () => false,
      (err: unknown) => {
        if (!(err instanceof SimulatedCrash)) throw err;
        return true;
      },
    );
  await deltaSyncFor(store, 4).delta.run(MAYOR, stream);
  return crashed;
}

describe("the delta sync of the mayor's calendar", () => {
  it("mirrors exactly the calendarView of the window in its first round", async () => {
    const store = new MemoryMirrorStore();
    const { delta, told } = deltaSyncFor(store);
    const report = await delta.run(MAYOR, "events");
    expect(report.full).toBe(true);
    expect(report.pages).toBeGreaterThan(1);
    expect(await mirrorVersions(store)).toEqual(await simVersions(world.sim));
    expect(told.flatMap((t) => t.changes).every((c) => c.change === "created")).toBe(true);
  });

  it("shows a meeting the secretary adds, moves and deletes after one delta round each", async () => {
    const store = new MemoryMirrorStore();
    const { delta, told } = deltaSyncFor(store);
    await delta.run(MAYOR, "events");
    const secretary = await graphAs(world.sim, SECRETARY);

    const created = await secretary("POST", `/users/${MAYOR}/events`, {
      subject: "Møde med Ældrerådet",
      start: daysAheadAt(1, 9),
      end: daysAheadAt(1, 10),
    });
    const id = String(created["id"]);
    told.length = 0;
    await delta.run(MAYOR, "events");
    expect(told.flatMap((t) => t.changes)).toEqual([{ id, change: "created" }]);

    await secretary("PATCH", `/users/${MAYOR}/events/${id}`, {
      start: daysAheadAt(1, 11),
      end: daysAheadAt(1, 12),
    });
    told.length = 0;
    await delta.run(MAYOR, "events");
    expect(told.flatMap((t) => t.changes)).toEqual([{ id, change: "updated" }]);
    expect(await mirrorVersions(store)).toEqual(await simVersions(world.sim));

    await secretary("DELETE", `/users/${MAYOR}/events/${id}`);
    told.length = 0;
    await delta.run(MAYOR, "events");
    expect(told.flatMap((t) => t.changes)).toEqual([{ id, change: "removed" }]);
    expect(await store.getItem(MAYOR, "events", id)).toBeNull();
  });

  it("answers an expired delta token with a full resync that duplicates nothing and reports no change", async () => {
    const store = new MemoryMirrorStore();
    const { delta, told } = deltaSyncFor(store);
    await delta.run(MAYOR, "events");
    const before = await mirrorVersions(store);
    await fetch(`${world.sim.url}/_sim/delta/expire`, { method: "POST" });
    told.length = 0;
    const report = await delta.run(MAYOR, "events");
    expect(report.full).toBe(true);
    expect(report.unchanged).toBe(before.length);
    expect(told).toEqual([]);
    expect(await mirrorVersions(store)).toEqual(before);
  });

  it("resumes after a crash at any page and ends equal to the simulator, with nothing lost or doubled", async () => {
    const random = seededRandom(20261125);
    const store = new MemoryMirrorStore();
    await deltaSyncFor(store).delta.run(MAYOR, "events");
    const secretary = await graphAs(world.sim, SECRETARY);
    const mine: string[] = [];
    let crashes = 0;
    for (let trial = 0; trial < 8; trial++) {
      for (let i = 0; i < 8; i++) {
        const created = await secretary("POST", `/users/${MAYOR}/events`, {
          subject: `Borgermøde ${trial}.${i}`,
          start: daysAheadAt(1, 8 + i),
          end: daysAheadAt(1, 9 + i),
        });
        mine.push(String(created["id"]));
      }
      const doomed = mine.splice(Math.floor(random() * mine.length), 1)[0];
      await secretary("DELETE", `/users/${MAYOR}/events/${doomed}`);
      if (trial % 2 === 1) await fetch(`${world.sim.url}/_sim/delta/expire`, { method: "POST" });

      if (await crashedAndResumed(store, "events", random, 3)) crashes += 1;
      expect(await mirrorVersions(store)).toEqual(await simVersions(world.sim));
    }
    expect(crashes).toBe(8);
  });

  it("starts a full round over a new window when the day changes, and not before", async () => {
    const store = new MemoryMirrorStore();
    let now = new Date("2026-11-25T10:00:00Z");
    const delta = new DeltaSync({
      store,
      gateway: world.gateway,
      window: WINDOW,
      pageSize: 50,
      log,
      now: () => now,
    });
    await delta.run(MAYOR, "events");
    now = new Date("2026-11-25T22:30:00Z");
    expect((await delta.run(MAYOR, "events")).full).toBe(false);
    now = new Date("2026-11-25T23:30:00Z");
    const report = await delta.run(MAYOR, "events");
    expect(report.full).toBe(true);
    expect((await store.getCursor(MAYOR, "events"))?.windowStart).toBe(calendarWindow(now, WINDOW).start);
  });

  it("mirrors the mayor's inbox and picks up a citizen's new mail in the next round", async () => {
    const store = new MemoryMirrorStore();
    const delta = new DeltaSync({ store, gateway: world.gateway, window: WINDOW, pageSize: 5, log });
    const first = await delta.run(MAYOR, "messages");
    expect(first.full).toBe(true);
    const inbox = await graphAs(world.sim, MAYOR);
    const page = await inbox("GET", `/users/${MAYOR}/mailFolders/inbox/messages?$top=1000&$select=id`);
    expect((await store.listItems(MAYOR, "messages")).map((m) => m.id).sort()).toEqual(
      (page["value"] as { id: string }[]).map((m) => m.id).sort(),
    );
    await citizenWrites(world.sim, "Tak for en god borgerdag", "Det var en fin dag.");
    const next = await delta.run(MAYOR, "messages");
    expect(next).toMatchObject({ full: false, changes: 1 });
  });
});

describe("the delta sync of the mayor's Sent Items", () => {
  const sentIds = async () => {
    const mayor = await graphAs(world.sim, MAYOR);
    const page = await mayor("GET", `/users/${MAYOR}/mailFolders/sentitems/messages?$top=1000&$select=id`);
    return (page["value"] as { id: string }[]).map((m) => m.id).sort();
  };

  it("resumes after a crash at any page and ends equal to Sent Items, with nothing lost or doubled", async () => {
    const random = seededRandom(20261206);
    const store = new MemoryMirrorStore();
    await deltaSyncFor(store).delta.run(MAYOR, "sent");
    const mayor = await graphAs(world.sim, MAYOR);
    let crashes = 0;
    for (let trial = 0; trial < 4; trial++) {
      for (let i = 0; i < 6; i++) {
        await mayor("POST", `/users/${MAYOR}/sendMail`, {
          message: {
            subject: `Svar ${trial}.${i}`,
            body: { contentType: "text", content: "Tak for din henvendelse." },
            toRecipients: [{ emailAddress: { address: "borger@example.dk" } }],
          },
        });
      }
      if (await crashedAndResumed(store, "sent", random, 2)) crashes += 1;
      expect((await store.listItems(MAYOR, "sent")).map((m) => m.id)).toEqual(await sentIds());
    }
    expect(crashes).toBe(4);
  });
});

describe("telling the listeners while rounds go on", () => {
  /** A delta sync delivering in the background to a listener that waits until released. */
  function withBusyListener(pageSize: number) {
    const store = new MemoryMirrorStore();
    const delta = new DeltaSync({
      store,
      gateway: world.gateway,
      window: WINDOW,
      pageSize,
      log,
      deliverInBackground: true,
    });
    let release = () => undefined as void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const told: MirrorChanges[] = [];
    delta.onChanges(async (changes) => {
      await gate;
      told.push(changes);
    });
    return { store, delta, release: () => release(), told };
  }

  it("a round does not wait for a busy listener, which then gets every change, merged and in order", async () => {
    const { store, delta, release, told } = withBusyListener(50);
    const first = await delta.run(MAYOR, "events");
    expect(first.pages).toBeGreaterThan(1);
    expect(told).toEqual([]);

    const secretary = await graphAs(world.sim, SECRETARY);
    const created = await secretary("POST", `/users/${MAYOR}/events`, {
      subject: "Møde med Ungdomsrådet",
      start: daysAheadAt(1, 13),
      end: daysAheadAt(1, 14),
    });
    const id = String(created["id"]);
    await delta.run(MAYOR, "events");
    await secretary("PATCH", `/users/${MAYOR}/events/${id}`, { subject: "Møde med Ungdomsrådet (flyttet)" });
    await delta.run(MAYOR, "events");
    expect(told).toEqual([]);

    release();
    await delta.settled();
    const changes = told.flatMap((t) => t.changes);
    // The first page was being delivered when the rest came; they reached the listener merged.
    expect(told.length).toBeGreaterThanOrEqual(2);
    expect(told.length).toBeLessThanOrEqual(1 + Math.ceil((changes.length - 50) / 500));
    expect(changes.filter((c) => c.id === id)).toEqual([{ id, change: "created" }]);
    expect(new Set(changes.map((c) => c.id)).size).toBe(changes.length);
    expect(changes).toHaveLength(await store.countItems(MAYOR, "events"));
  });

  it("a stop waits a while for a busy listener, then drops the backlog and reports how much", async () => {
    const { store, delta, release, told } = withBusyListener(20);
    await delta.run(MAYOR, "events");
    const mirrored = await store.countItems(MAYOR, "events");
    // The first mirror reaches the (busy) listener as one batch; three new meetings wait behind it.
    const secretary = await graphAs(world.sim, SECRETARY);
    for (const hour of [8, 9, 10]) {
      await secretary("POST", `/users/${MAYOR}/events`, {
        subject: `Formøde ${hour}`,
        start: daysAheadAt(1, hour),
        end: daysAheadAt(1, hour + 1),
      });
    }
    await delta.run(MAYOR, "events");
    const stopping = delta.stopDelivering(50);
    await new Promise((resolve) => setTimeout(resolve, 100));
    release();
    const dropped = await stopping;
    expect(told).toHaveLength(1);
    expect(told[0]?.changes).toHaveLength(mirrored);
    expect(dropped).toBe(3);
  });

  it("hands a first mirror's changes over once the mailbox's first mirror is complete, not page by page", async () => {
    const store = new MemoryMirrorStore();
    const delta = new DeltaSync({
      store,
      gateway: world.gateway,
      window: WINDOW,
      pageSize: 10,
      log,
      deliverInBackground: true,
    });
    let roundsDone = 0;
    const doneWhenTold: number[] = [];
    delta.onChanges(() => {
      doneWhenTold.push(roundsDone);
    });
    await Promise.all(
      (["events", "messages"] as const).map(async (stream) => {
        await delta.run(MAYOR, stream);
        roundsDone += 1;
      }),
    );
    await delta.settled();
    expect(doneWhenTold.length).toBeGreaterThan(0);
    expect(doneWhenTold.every((done) => done === 2)).toBe(true);

    // Later rounds are handed over as they commit.
    const secretary = await graphAs(world.sim, SECRETARY);
    await secretary("POST", `/users/${MAYOR}/events`, {
      subject: "Opfølgning",
      start: daysAheadAt(1, 15),
      end: daysAheadAt(1, 16),
    });
    const before = doneWhenTold.length;
    const round = delta.run(MAYOR, "events");
    await round;
    await delta.settled();
    expect(doneWhenTold.length).toBe(before + 1);
  });

  it("changes merged while waiting keep each id once, where it first came, with its net change", () => {
    expect(
      mergeChanges(
        [
          { id: "a", change: "created" },
          { id: "b", change: "updated" },
          { id: "c", change: "updated" },
        ],
        [
          { id: "c", change: "removed" },
          { id: "a", change: "updated" },
          { id: "d", change: "created" },
          { id: "b", change: "updated" },
        ],
      ),
    ).toEqual([
      { id: "a", change: "created" },
      { id: "b", change: "updated" },
      { id: "c", change: "removed" },
      { id: "d", change: "created" },
    ]);
    expect(mergeChanges([{ id: "a", change: "removed" }], [{ id: "a", change: "created" }])).toEqual([
      { id: "a", change: "created" },
    ]);
  });
});
